/* fuzz_tlog.c: libFuzzer target for what a transparency log reads
 * (util/tlog, util/note): tile paths, checkpoints, tlog proofs, signed
 * notes and keys.  The whole input goes to each reader.  Checked: a tile
 * path read is written back as the same path; a checkpoint read is
 * written back as the input's first three lines; a proof read is written
 * back as the input (but for Go's empty "extra " line, which is not
 * written); a note verified by the fixed key (Go's PeterNeumann, whose
 * signer key is public) has its text end at an empty line before a
 * signature line, and signing that text again verifies; a signer key read
 * gives a verifier key that reads back to the same key. */
/* FUZZ_SRCS: src/util/tlog.c src/util/note.c src/util/utf8.c src/util/buf.c */
/* FUZZ_PKGS: libsodium */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common.h"
#include "util/buf.h"
#include "util/note.h"
#include "util/tlog.h"

static const char peter_skey[] = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
static const char peter_vkey[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
static struct note_signer signer;
static struct note_verifier verifier;

static void check_tile(const char *s)
{
	char path[128];
	int level = 99, width = 0, len;
	uint64_t n;

	if (tlog_tile_parse(s, &level, &n, &width) < 0)
		return;
	if (level < -1 || level > 63 || width < 1 || width > TLOG_TILE_WIDTH)
		abort();
	len = tlog_tile_path(level, n, width, path, sizeof(path));
	if (len < 5 || (size_t)len != strlen(path) || strcmp(path + 5, s) != 0)
		abort();
}

static void check_checkpoint(const char *data, size_t size)
{
	char origin[256];
	unsigned char root[TLOG_HASH];
	uint64_t n;
	struct buf b;

	if (checkpoint_parse(data, size, origin, sizeof(origin), &n, root) < 0)
		return;
	buf_init(&b, 0);
	checkpoint_text(origin, n, root, &b);
	if (b.err || b.len > size || memcmp(b.data, data, b.len) != 0)
		abort();
	buf_release(&b);
}

static void check_proof(const char *data, size_t size)
{
	static const char empty_extra[] = "c2sp.org/tlog-proof@v1\nextra \n";
	unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH], extra[4096], root[TLOG_HASH], leaf[TLOG_HASH];
	char origin[256];
	uint64_t index, n;
	size_t elen = 0, at = 0, skip = 0;
	int len = -1;
	struct buf b;

	if (tlog_proof_parse(data, size, &index, proof, TLOG_MAX_PROOF, &len, extra, sizeof(extra), &elen, &at) < 0)
		return;
	if (len < 0 || len > TLOG_MAX_PROOF || elen > sizeof(extra) || at == 0 || at >= size || data[at - 1] != '\n')
		abort();
	buf_init(&b, 0);
	tlog_proof_text(extra, elen, index, (const unsigned char(*)[TLOG_HASH])proof, len, data + at, size - at, &b);
	if (elen == 0 && size >= sizeof(empty_extra) - 1 && memcmp(data, empty_extra, sizeof(empty_extra) - 1) == 0)
		skip = strlen("extra \n");
	if (b.err || b.len + skip != size || memcmp(b.data, data, 23) != 0 ||
	    memcmp(b.data + 23, data + 23 + skip, b.len - 23) != 0)
		abort();
	buf_release(&b);
	/* The proof against its checkpoint: whatever it says, no crash. */
	if (checkpoint_parse(data + at, size - at, origin, sizeof(origin), &n, root) == 0) {
		tlog_leaf_hash(extra, elen, leaf);
		if (tlog_verify_inclusion(index, n, leaf, (const unsigned char(*)[TLOG_HASH])proof, len, root) == 0 &&
		    index >= n)
			abort();
	}
}

static void check_note(const char *data, size_t size)
{
	size_t tlen = 0, again = 0;
	struct buf b;

	if (note_verify(&verifier, data, size, &tlen) < 0)
		return;
	if (tlen == 0 || tlen + 2 > size || data[tlen - 1] != '\n' || data[tlen] != '\n' ||
	    memcmp(data + tlen + 1, "\xe2\x80\x94 ", 4) != 0)
		abort();
	buf_init(&b, 0);
	if (note_sign(&signer, data, tlen, &b) == 0) {
		if (note_verify(&verifier, b.data, b.len, &again) < 0 || again != tlen ||
		    memcmp(b.data, data, tlen + 1) != 0)
			abort();
	}
	buf_release(&b);
}

static void check_keys(const char *s)
{
	struct note_signer sk;
	struct note_verifier vk, back;
	char vkey[NOTE_KEY_MAX];

	if (note_signer_parse(s, &sk) == 0) {
		note_verifier_key(&sk, vkey);
		if (note_verifier_parse(vkey, &back) < 0 || strcmp(back.name, sk.name) != 0 ||
		    memcmp(back.id, sk.id, 4) != 0 || memcmp(back.pk, sk.sk + 32, 32) != 0)
			abort();
	}
	if (note_verifier_parse(s, &vk) == 0 && (vk.name[0] == '\0' || strlen(s) >= NOTE_KEY_MAX))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *s;

	if (!ready) {
		if (sodium_init() < 0 || note_signer_parse(peter_skey, &signer) < 0 ||
		    note_verifier_parse(peter_vkey, &verifier) < 0)
			abort();
		ready = 1;
	}
	if (!(s = fuzz_cstring(data, size)))
		return 0;
	check_tile(s);
	check_keys(s);
	check_checkpoint(s, size);
	check_proof(s, size);
	check_note(s, size);
	free(s);
	return 0;
}
