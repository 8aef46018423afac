/* test_note.c: unit tests for util/note: signer and verifier keys, signed
 * notes (C2SP signed-note), checkpoints (C2SP tlog-checkpoint) and
 * offline proofs (C2SP tlog-proof).
 *
 * The known answers are those of Go's golang.org/x/mod/sumdb/note (the
 * PeterNeumann example of its package documentation, sumdb/note/note.go,
 * and the EnochRoot key and signature and the malformed notes of
 * sumdb/note/note_test.go, TestOpen), the example of C2SP signed-note.md
 * as it stood at commit d4c16da5 (example.com/foo; its Ed25519 signature
 * verifies, so it vouches for itself), and the examples of
 * tlog-checkpoint.md and tlog-proof.md.  The signatures were also checked
 * with Python's cryptography package when this test was written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "util/buf.h"
#include "util/note.h"

#define EM "\xe2\x80\x94" /* U+2014, em dash */

static const char peter_skey[] = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
static const char peter_vkey[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
static const char enoch_vkey[] = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
static const char go_text[] = "If you think cryptography is the answer to your problem,\n"
			      "then you don't know what your problem is.\n";
static const char peter_sig[] =
	EM " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
static const char enoch_sig[] =
	EM " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

/* text "\n" then the signature lines, into a buffer (released by the caller). */
static void compose(struct buf *b, const char *text, const char *const *sigs)
{
	buf_init(b, 0);
	buf_puts(b, text);
	buf_putc(b, '\n');
	for (; *sigs; sigs++)
		buf_puts(b, *sigs);
	assert_int_equal(b->err, 0);
}

static int verify_sigs(const struct note_verifier *v, const char *text, const char *const *sigs, size_t *tlen)
{
	struct buf b;
	int rc;

	compose(&b, text, sigs);
	rc = note_verify(v, b.data, b.len, tlen);
	buf_release(&b);
	return rc;
}

static void go_known_answer(void **state)
{
	struct note_signer s;
	struct note_verifier v;
	char vkey[NOTE_KEY_MAX];
	struct buf out;
	size_t tlen = 0;

	assert_int_equal(note_signer_parse(peter_skey, &s), 0);
	assert_string_equal(s.name, "PeterNeumann");
	assert_memory_equal(s.id, "\xc7\x4f\x20\xa3", 4);
	note_verifier_key(&s, vkey);
	assert_string_equal(vkey, peter_vkey);
	assert_int_equal(note_verifier_parse(peter_vkey, &v), 0);
	assert_string_equal(v.name, "PeterNeumann");
	assert_memory_equal(v.id, s.id, 4);
	assert_memory_equal(v.pk, s.sk + 32, 32);
	/* The id's hex digits in either case, as Go reads them; only hex. */
	assert_int_equal(note_verifier_parse("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &v), 0);
	assert_memory_equal(v.id, s.id, 4);
	assert_int_equal(note_verifier_parse("PeterNeumann+c74f20g3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &v), -1);
	assert_int_equal(note_verifier_parse("PeterNeumann+c74f20 a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &v), -1);

	/* Ed25519 is deterministic: the very note of Go's documentation. */
	buf_init(&out, 0);
	assert_int_equal(note_sign(&s, go_text, strlen(go_text), &out), 0);
	assert_int_equal(out.len, strlen(go_text) + 1 + strlen(peter_sig));
	assert_memory_equal(out.data, go_text, strlen(go_text));
	assert_memory_equal(out.data + strlen(go_text), "\n", 1);
	assert_string_equal(out.data + strlen(go_text) + 1, peter_sig);
	assert_int_equal(note_verify(&v, out.data, out.len, &tlen), 0);
	assert_int_equal(tlen, strlen(go_text));
	buf_release(&out);
}

static void spec_example(void **state)
{
	static const char note[] = "This is an example message.\n\n" EM " example.com/foo "
				   "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
	struct note_verifier v;
	size_t tlen = 0;

	assert_int_equal(note_verifier_parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", &v), 0);
	assert_int_equal(note_verify(&v, note, strlen(note), &tlen), 0);
	assert_int_equal(tlen, strlen("This is an example message.\n"));
}

/* Go's TestOpen. */
static void go_open(void **state)
{
	struct note_verifier peter, enoch;
	size_t tlen = 0;
	char bad_sig[sizeof(peter_sig) + 4], bad_enoch[sizeof(enoch_sig) + 4];
	struct buf b;

	assert_int_equal(note_verifier_parse(peter_vkey, &peter), 0);
	assert_int_equal(note_verifier_parse(enoch_vkey, &enoch), 0);

	/* one of two verified, then the other */
	assert_int_equal(verify_sigs(&peter, go_text, (const char *[]){ peter_sig, enoch_sig, NULL }, &tlen), 0);
	assert_int_equal(tlen, strlen(go_text));
	assert_int_equal(verify_sigs(&enoch, go_text, (const char *[]){ peter_sig, enoch_sig, NULL }, &tlen), 0);
	assert_int_equal(verify_sigs(&enoch, go_text, (const char *[]){ peter_sig, NULL }, &tlen), -1);

	/* 100 signature lines, then 101 */
	buf_init(&b, 0);
	buf_puts(&b, go_text);
	buf_putc(&b, '\n');
	for (int i = 0; i < 100; i++)
		buf_puts(&b, peter_sig);
	assert_int_equal(note_verify(&peter, b.data, b.len, &tlen), 0);
	buf_puts(&b, peter_sig);
	assert_int_equal(note_verify(&peter, b.data, b.len, &tlen), -1);
	buf_release(&b);

	/* a signature of v's that does not verify */
	snprintf(bad_sig, sizeof(bad_sig), "%.60sABCD%s", peter_sig, peter_sig + 60);
	assert_int_equal(verify_sigs(&peter, go_text, (const char *[]){ bad_sig, NULL }, &tlen), -1);
	assert_int_equal(verify_sigs(&peter, go_text, (const char *[]){ bad_sig, peter_sig, NULL }, &tlen), -1);

	/* repeats of v's and others' are ignored; a broken one of another
	 * key's too */
	snprintf(bad_enoch, sizeof(bad_enoch), "%.60sABCD%s", enoch_sig, enoch_sig + 60);
	assert_int_equal(verify_sigs(&peter, go_text,
				     (const char *[]){ peter_sig, peter_sig, enoch_sig, enoch_sig, bad_enoch, NULL },
				     &tlen), 0);
	assert_int_equal(verify_sigs(&peter, go_text, (const char *[]){ peter_sig, bad_sig, NULL }, &tlen), 0);

	/* Go's malformed messages */
	{
		const char *const bad[][4] = {
			{ go_text, NULL },
			{ go_text, "\n", NULL },
			{ go_text, "\n", "-", NULL }, /* (the signature line cut short, below) */
			{ "\x01", go_text, "\n", peter_sig },
			{ "\xff", go_text, "\n", peter_sig },
			{ go_text, "\n" EM " Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqf"
				   "qdngotpRZb6KE6RyyBwJnAM=" },
			{ go_text, "\n", peter_sig, "Unexpected line.\n" },
		};

		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			buf_init(&b, 0);
			for (int j = 0; j < 4 && bad[k][j]; j++)
				buf_puts(&b, bad[k][j]);
			if (k == 2) {
				buf_truncate(&b, b.len - 1);
				buf_append(&b, peter_sig, strlen(peter_sig) - 1);
			}
			if (note_verify(&peter, b.data, b.len, &tlen) != -1)
				fail_msg("accepted bad message %zu", k);
			buf_release(&b);
		}
	}
}

static int mangled_fails(const char *k, int signer)
{
	struct note_signer s;
	struct note_verifier v;

	return signer ? note_signer_parse(k, &s) == -1 : note_verifier_parse(k, &v) == -1;
}

/* Go's TestNewVerifier and TestNewSigner: every part of a key, and every
 * key with one byte changed, is refused. */
static void key_manglings(void **state)
{
	for (int signer = 0; signer <= 1; signer++) {
		const char *key = signer ? peter_skey : peter_vkey;
		size_t n = strlen(key);
		char b[NOTE_KEY_MAX];

		for (size_t i = 0; i <= n; i++)
			for (size_t j = i + 1; j <= n; j++) {
				if (i == 0 && j == n)
					continue;
				snprintf(b, sizeof(b), "%.*s", (int)(j - i), key + i);
				if (!mangled_fails(b, signer))
					fail_msg("accepted \"%s\"", b);
			}
		for (size_t i = 0; i < n; i++) {
			snprintf(b, sizeof(b), "%s", key);
			b[i]++;
			if (!mangled_fails(b, signer))
				fail_msg("accepted \"%s\"", b);
		}
	}
	/* wrong length, unknown algorithm, each with its id adjusted */
	assert_true(mangled_fails("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", 0));
	assert_true(mangled_fails("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", 0));
	/* the id in capitals, as Go reads it */
	assert_false(mangled_fails("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", 0));
	assert_true(mangled_fails("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ", 0));
	assert_true(mangled_fails("", 0));
	assert_true(mangled_fails("", 1));
	assert_true(mangled_fails("PRIVATE+KEY+" "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", 1));
	assert_true(mangled_fails(peter_skey, 0));
	assert_true(mangled_fails(peter_vkey, 1));
}

static void keygen_round_trip(void **state)
{
	char skey[NOTE_KEY_MAX], vkey[NOTE_KEY_MAX], vkey2[NOTE_KEY_MAX], other_s[NOTE_KEY_MAX], other_v[NOTE_KEY_MAX];
	char name[NOTE_NAME_MAX + 2];
	struct note_signer s, o;
	struct note_verifier v, ov;
	static const char text[] = "example.org/witan\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
	struct buf out;
	size_t tlen;

	assert_int_equal(note_keygen("example.org/witan", skey, vkey), 0);
	assert_memory_equal(skey, "PRIVATE+KEY+example.org/witan+", 30);
	assert_int_equal(note_signer_parse(skey, &s), 0);
	assert_int_equal(note_verifier_parse(vkey, &v), 0);
	note_verifier_key(&s, vkey2);
	assert_string_equal(vkey, vkey2);
	assert_memory_equal(s.id, v.id, 4);
	assert_memory_equal(s.sk + 32, v.pk, 32);
	assert_memory_equal(vkey, "example.org/witan+", 18);
	assert_memory_equal(vkey + 18, skey + 30, 9); /* the same id */

	buf_init(&out, 0);
	assert_int_equal(note_sign(&s, text, strlen(text), &out), 0);
	assert_int_equal(note_verify(&v, out.data, out.len, &tlen), 0);
	assert_int_equal(tlen, strlen(text));

	/* another key of the same name: its line is another key's */
	assert_int_equal(note_keygen("example.org/witan", other_s, other_v), 0);
	assert_int_equal(note_signer_parse(other_s, &o), 0);
	assert_int_equal(note_verifier_parse(other_v, &ov), 0);
	assert_int_equal(note_verify(&ov, out.data, out.len, &tlen), -1);

	/* the text changed, the signature changed */
	out.data[0] ^= 1;
	assert_int_equal(note_verify(&v, out.data, out.len, &tlen), -1);
	out.data[0] ^= 1;
	out.data[out.len - 10] = out.data[out.len - 10] == 'A' ? 'B' : 'A';
	assert_int_equal(note_verify(&v, out.data, out.len, &tlen), -1);
	buf_release(&out);

	/* a key that claims the other's id under its name: ignored, so
	 * nothing verifies */
	memcpy(o.id, s.id, 4);
	buf_init(&out, 0);
	assert_int_equal(note_sign(&o, text, strlen(text), &out), 0);
	assert_int_equal(note_verify(&v, out.data, out.len, &tlen), -1);
	buf_release(&out);

	/* names */
	assert_int_equal(note_keygen("", skey, vkey), -1);
	assert_int_equal(note_keygen("a b", skey, vkey), -1);
	assert_int_equal(note_keygen("a+b", skey, vkey), -1);
	assert_int_equal(note_keygen("a\nb", skey, vkey), -1);
	assert_int_equal(note_keygen("gr\xc3\xbc\xc3\x9f" "e", skey, vkey), -1);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0'; /* 129 */
	assert_int_equal(note_keygen(name, skey, vkey), -1);
	name[NOTE_NAME_MAX] = '\0';    /* 128 */
	assert_int_equal(note_keygen(name, skey, vkey), 0);
	assert_int_equal(note_signer_parse(skey, &s), 0);
	assert_int_equal(note_verifier_parse(vkey, &v), 0);
	assert_int_equal(strlen(s.name), NOTE_NAME_MAX);
	sodium_memzero(&s, sizeof(s));
	sodium_memzero(&o, sizeof(o));
}

static void sign_refusals(void **state)
{
	static const struct {
		const char *text;
		size_t n;
	} bad[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "\n", 1 },
		{ "a\n\nb\n", 5 },
		{ "\na\n", 3 },
		{ "a\tb\n", 4 },
		{ "a\rb\n", 4 },
		{ "\x01\n", 2 },
		{ "a\0b\n", 4 },
		{ "\xff\n", 2 },
		{ "\xc0\xaf\n", 3 },       /* overlong '/' */
		{ "\xed\xa0\x80\n", 4 },   /* a surrogate */
		{ "\xf4\x90\x80\x80\n", 5 }, /* beyond U+10FFFF */
		{ "\xe2\x80\n", 3 },       /* cut short */
		{ EM " x\n", 6 },
		{ "a\n" EM "b\n", 7 },
	}, good[] = {
		{ "a\n", 2 },
		{ "a " EM " b\n", 8 },
		{ "gr\xc3\xbc\xc3\x9f" "e\n\x7f\n", 10 },
		{ " " EM "\n", 5 },
	};
	struct note_signer s;
	struct note_verifier v;
	struct buf out;
	size_t tlen;

	assert_int_equal(note_signer_parse(peter_skey, &s), 0);
	assert_int_equal(note_verifier_parse(peter_vkey, &v), 0);
	buf_init(&out, 0);
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		if (note_sign(&s, bad[k].text, bad[k].n, &out) != -1)
			fail_msg("signed bad text %zu", k);
		assert_int_equal(out.len, 0);
	}
	for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
		buf_reset(&out);
		assert_int_equal(note_sign(&s, good[k].text, good[k].n, &out), 0);
		assert_int_equal(note_verify(&v, out.data, out.len, &tlen), 0);
		assert_int_equal(tlen, good[k].n);
	}
	/* the output buffer's error */
	buf_release(&out);
	buf_init(&out, 16);
	assert_int_equal(note_sign(&s, go_text, strlen(go_text), &out), -1);
	buf_release(&out);
}

/* A note signed here, to reach what note_sign will not write. */
static void raw_note(struct buf *b, const struct note_signer *s, const char *text, size_t n)
{
	unsigned char blob[68];
	char enc[sodium_base64_ENCODED_LEN(68, sodium_base64_VARIANT_ORIGINAL)];

	memcpy(blob, s->id, 4);
	crypto_sign_detached(blob + 4, NULL, (const unsigned char *)text, n, s->sk);
	sodium_bin2base64(enc, sizeof(enc), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
	buf_init(b, 0);
	buf_append(b, text, n);
	buf_printf(b, "\n" EM " %s %s\n", s->name, enc);
}

static void verify_refusals(void **state)
{
	struct note_signer s;
	struct note_verifier v;
	struct buf b;
	size_t tlen = 0;
	char big[2997];

	assert_int_equal(note_signer_parse(peter_skey, &s), 0);
	assert_int_equal(note_verifier_parse(peter_vkey, &v), 0);

	/* The spec lets a text hold empty lines: it ends at the last one. */
	raw_note(&b, &s, "a\n\nb\n", 5);
	assert_int_equal(note_verify(&v, b.data, b.len, &tlen), 0);
	assert_int_equal(tlen, 5);
	buf_release(&b);
	raw_note(&b, &s, "\n", 1);
	assert_int_equal(note_verify(&v, b.data, b.len, &tlen), 0);
	assert_int_equal(tlen, 1);
	buf_release(&b);

	/* Other keys' lines, of names Go allows, and long signatures (a
	 * post-quantum one is near 5 kB): 2996 characters of base64. */
	memset(big, 'A', 2996);
	big[2996] = '\0';
	{
		char line[3100];

		snprintf(line, sizeof(line), EM " other.example/gr\xc3\xbc\xc3\x9f" "e %s\n", big);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ line, peter_sig, NULL }, &tlen), 0);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ line, NULL }, &tlen), -1);
		big[2994] = big[2995] = '=';   /* "AA==": padded, still base64 */
		snprintf(line, sizeof(line), EM " other %s\n", big);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ line, peter_sig, NULL }, &tlen), 0);
		big[2995] = '\0';              /* not a multiple of 4 */
		snprintf(line, sizeof(line), EM " other %s\n", big);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ line, peter_sig, NULL }, &tlen), -1);
		memset(big, 'A', 2996);
		big[100] = big[101] = '=';     /* padding in the middle */
		snprintf(line, sizeof(line), EM " other %s\n", big);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ line, peter_sig, NULL }, &tlen), -1);
	}
	/* v's name with another id, v's id under another name: ignored */
	{
		static const char other_id[] = EM " PeterNeumann AAAAAAAAAAAAAAAAAAAA\n";
		static const char other_name[] = EM " PeterNeumanN x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
						 "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
		static const char short_sig[] = EM " PeterNeumann x08go/ZJAAAA\n";

		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ other_id, peter_sig, NULL }, &tlen), 0);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ other_id, NULL }, &tlen), -1);
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ other_name, NULL }, &tlen), -1);
		/* v's name and id with a signature of the wrong length */
		assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ short_sig, peter_sig, NULL }, &tlen), -1);
	}

	/* malformed lines */
	{
		static const char *const bad[] = {
			EM " a AAAA\n",                      /* fewer than 5 bytes */
			EM " a AAAAAAA=\n",                  /* 5 bytes: well formed, ignored */
			EM "  AAAAAAAA\n",                   /* no name */
			EM " a\n",                           /* no signature */
			EM " a \n",
			EM " a AAAAAAAA \n",
			EM " a AAAA AAAA\n",
			EM " a+b AAAAAAAA\n",
			EM " a\xc2\xa0" "b AAAAAAAA\n",      /* U+00A0 in the name */
			EM " a\xe3\x80\x80" "b AAAAAAAA\n",  /* U+3000 */
			EM " a AAAAAAA\n",                   /* not base64 */
			EM " a AAAAAAB=\n",                  /* stray bits */
			EM " a AAAAAAAA==\n",
			EM " a AAAAAA\xc3\xa9\n",               /* bytes from 0x80 up */
			EM "a AAAAAAAA\n",
			"- a AAAAAAAA\n",
			"\xe2\x80\x93 a AAAAAAAA\n",         /* en dash */
			"\n",
		};

		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			int want = k == 1 ? 0 : -1;

			if (verify_sigs(&v, go_text, (const char *[]){ peter_sig, bad[k], NULL }, &tlen) != want)
				fail_msg("line %zu: \"%s\"", k, bad[k]);
		}
	}
	/* a control character or bad UTF-8 anywhere */
	assert_int_equal(verify_sigs(&v, "a\tb\n", (const char *[]){ peter_sig, NULL }, &tlen), -1);
	assert_int_equal(verify_sigs(&v, go_text, (const char *[]){ peter_sig, EM " a AAAAAAAA\r\n", NULL }, &tlen), -1);
	raw_note(&b, &s, "a\xc3\n", 3);
	assert_int_equal(note_verify(&v, b.data, b.len, &tlen), -1);
	buf_release(&b);
	/* NUL bytes, and a note cut short */
	raw_note(&b, &s, go_text, strlen(go_text));
	assert_int_equal(note_verify(&v, b.data, b.len, &tlen), 0);
	for (size_t cut = 0; cut < b.len; cut++)
		assert_int_equal(note_verify(&v, b.data, cut, &tlen), -1);
	b.data[3] = '\0';
	assert_int_equal(note_verify(&v, b.data, b.len, &tlen), -1);
	buf_release(&b);
	/* over 1 MB */
	buf_init(&b, 0);
	for (int i = 0; i < 25000; i++)
		buf_puts(&b, "a line of fifty bytes, give or take a few bytes.\n");
	buf_putc(&b, '\n');
	buf_puts(&b, peter_sig);
	assert_true(b.len > (1 << 20));
	assert_int_equal(note_verify(&v, b.data, b.len, &tlen), -1);
	buf_release(&b);
	assert_int_equal(note_verify(&v, NULL, 0, &tlen), -1);
	sodium_memzero(&s, sizeof(s));
}

static void checkpoints(void **state)
{
	static const char spec[] = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
				   EM " example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u"
				   "5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
	static const char *const bad[] = {
		"o\n05\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n-0\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n00\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n5 \nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n0x5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n18446744073709551616\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
		"o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",   /* stray bits */
		"o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",    /* no padding */
		"o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n",   /* 31 bytes */
		"o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IA\n",   /* 33 bytes */
		"o\n5\n CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\xc3\xa9I=\n", /* (libsodium 1.0.18 reads 0x80 up as '/') */
		"o\n5\n",
		"o\n",
		"",
		"o\tp\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"o\xff\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
	};
	unsigned char root[TLOG_HASH], back[TLOG_HASH];
	char origin[64];
	uint64_t size;
	struct buf b;

	assert_int_equal(checkpoint_parse(spec, strlen(spec), origin, sizeof(origin), &size, root), 0);
	assert_string_equal(origin, "example.com/behind-the-sofa");
	assert_true(size == 20852163);
	buf_init(&b, 0);
	checkpoint_text(origin, size, root, &b);
	assert_int_equal(b.len, strlen(spec) - strlen(strstr(spec, "\n\n")) + 1);
	assert_memory_equal(b.data, spec, b.len);
	buf_release(&b);

	for (int k = 0; k < 200; k++) {
		uint64_t sz = k == 0 ? 0 : k == 1 ? UINT64_MAX : (uint64_t)k * 0x9e3779b97f4a7c15u >> (k % 64);

		for (int i = 0; i < TLOG_HASH; i++)
			root[i] = (unsigned char)(k * 31 + i * 7);
		buf_init(&b, 0);
		checkpoint_text("log.example/witan", sz, root, &b);
		buf_puts(&b, "an extension line\n");
		assert_int_equal(checkpoint_parse(b.data, b.len, origin, sizeof(origin), &size, back), 0);
		assert_string_equal(origin, "log.example/witan");
		assert_true(size == sz);
		assert_memory_equal(back, root, TLOG_HASH);
		/* the origin and its NUL must fit */
		assert_int_equal(checkpoint_parse(b.data, b.len, origin, 18, &size, back), 0);
		assert_int_equal(checkpoint_parse(b.data, b.len, origin, 17, &size, back), -1);
		buf_release(&b);
	}
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		if (checkpoint_parse(bad[k], strlen(bad[k]), origin, sizeof(origin), &size, root) != -1)
			fail_msg("accepted checkpoint %zu", k);
	{
		static const char nul[] = "o\0p\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

		assert_int_equal(checkpoint_parse(nul, sizeof(nul) - 1, origin, sizeof(origin), &size, root), -1);
		assert_int_equal(checkpoint_parse(nul + 2, sizeof(nul) - 3, origin, sizeof(origin), &size, root), 0);
	}
}

static const char proof_spec[] =
	"c2sp.org/tlog-proof@v1\n"
	"extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\n"
	"index 73894\n"
	"gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n"
	"B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n"
	"EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\n"
	"RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\n"
	"AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n"
	"\n"
	"example.com/fancylog\n"
	"109482\n"
	"sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n"
	"\n"
	EM " example.com/fancylog hI2DJw[...]1roloI=\n";

static void tlog_proofs(void **state)
{
	unsigned char proof[8][TLOG_HASH], back[8][TLOG_HASH], extra[64], xout[64], root[TLOG_HASH];
	char origin[64];
	uint64_t index, size;
	size_t elen, at;
	int len;
	struct buf b;

	/* tlog-proof.md's example */
	assert_int_equal(tlog_proof_parse(proof_spec, strlen(proof_spec), &index, back, 8, &len, extra, sizeof(extra),
					  &elen, &at), 0);
	assert_true(index == 73894);
	assert_int_equal(len, 5);
	assert_int_equal(elen, 39);
	assert_memory_equal(extra, "age-v1.2.1-darwin-arm64.tar.gz", 30);
	assert_string_equal(proof_spec + at, strstr(proof_spec, "example.com/fancylog\n"));
	assert_int_equal(checkpoint_parse(proof_spec + at, strlen(proof_spec) - at, origin, sizeof(origin), &size, root), 0);
	assert_string_equal(origin, "example.com/fancylog");
	assert_true(size == 109482);
	buf_init(&b, 0);
	tlog_proof_text(extra, elen, index, (const unsigned char(*)[TLOG_HASH])back, len, proof_spec + at,
			strlen(proof_spec) - at, &b);
	assert_string_equal(b.data, proof_spec);
	buf_release(&b);
	/* without extra: NULL to skip it, and NULL as the length too */
	assert_int_equal(tlog_proof_parse(proof_spec, strlen(proof_spec), &index, back, 8, &len, NULL, 0, NULL, &at), 0);
	assert_int_equal(tlog_proof_parse(proof_spec, strlen(proof_spec), &index, back, 8, &len, extra, 38, &elen, &at), -1);
	assert_int_equal(tlog_proof_parse(proof_spec, strlen(proof_spec), &index, back, 4, &len, NULL, 0, NULL, &at), -1);
	assert_int_equal(len, 0);

	/* round trips */
	for (int k = 0; k < 100; k++) {
		int n = k % 9, got;
		size_t xl = (size_t)(k % 3 == 0 ? 0 : k % 50), xback = 99;
		uint64_t idx = k == 1 ? UINT64_MAX : (uint64_t)k * 0x9e3779b97f4a7c15u >> (k % 64), iback;
		static const char cp[] = "log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n" EM " log AAAA\n";

		for (int i = 0; i < 8; i++)
			for (int j = 0; j < TLOG_HASH; j++)
				proof[i][j] = (unsigned char)(k + i * 13 + j);
		for (size_t i = 0; i < sizeof(extra); i++)
			extra[i] = (unsigned char)(k * 7 + (int)i);
		buf_init(&b, 0);
		/* no extra line for NULL or for none */
		tlog_proof_text(k % 6 == 3 ? NULL : extra, xl, idx, (const unsigned char(*)[TLOG_HASH])proof, n, cp,
				strlen(cp), &b);
		assert_int_equal(strstr(b.data, "\nextra ") != NULL, xl > 0);
		assert_int_equal(tlog_proof_parse(b.data, b.len, &iback, back, 8, &got, xout, sizeof(xout), &xback, &at), 0);
		assert_true(iback == idx);
		assert_int_equal(got, n);
		assert_memory_equal(back, proof, (size_t)n * TLOG_HASH);
		assert_int_equal(xback, xl);
		assert_memory_equal(xout, extra, xl);
		assert_string_equal(b.data + at, cp);
		if (n > 0) /* one hash fewer room */
			assert_int_equal(tlog_proof_parse(b.data, b.len, &iback, back, n - 1, &got, NULL, 0, NULL, &at), -1);
		buf_release(&b);
	}

	/* refusals */
	{
		static const char h[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
		static const char *const bad[] = {
			"c2sp.org/tlog-proof@v2\nindex 1\n\nx\n",
			"c2sp.org/tlog-proof@v1 \nindex 1\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 1\n",                  /* no empty line */
			"c2sp.org/tlog-proof@v1\nindex 1\n\n",                /* no checkpoint */
			"c2sp.org/tlog-proof@v1\n\nx\n",                      /* no index */
			"c2sp.org/tlog-proof@v1\nextra AAAA\n\nx\n",
			"c2sp.org/tlog-proof@v1\nfoo bar\nindex 1\n\nx\n",    /* unknown line */
			"c2sp.org/tlog-proof@v1\nindex 1\nfoo bar\n\nx\n",
			"c2sp.org/tlog-proof@v1\nextra AAA\nindex 1\n\nx\n",  /* bad base64 */
			"c2sp.org/tlog-proof@v1\nextra AAB=\nindex 1\n\nx\n", /* stray bits */
			"c2sp.org/tlog-proof@v1\nextra AAAA\nextra AAAA\nindex 1\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 01\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex -1\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex +1\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex  1\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex \n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 18446744073709551616\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 1\n AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nx\n",
			"c2sp.org/tlog-proof@v1\nindex 1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\xc3\xa9=\n\nx\n",
			"c2sp.org/tlog-proof@v1\nextra AA\xc3\xa9\nindex 1\n\nx\n",
			"index 1\n\nx\n",
			"",
		};

		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			if (tlog_proof_parse(bad[k], strlen(bad[k]), &index, back, 8, &len, extra, sizeof(extra), &elen,
					     &at) != -1)
				fail_msg("accepted proof %zu", k);
		/* more than max hashes */
		buf_init(&b, 0);
		buf_puts(&b, "c2sp.org/tlog-proof@v1\nindex 0\n");
		for (int i = 0; i < 9; i++)
			buf_puts(&b, h);
		buf_puts(&b, "\nx\n");
		assert_int_equal(tlog_proof_parse(b.data, b.len, &index, back, 8, &len, NULL, 0, NULL, &at), -1);
		buf_release(&b);
		/* Go writes "extra " for empty extra data: read as none */
		assert_int_equal(tlog_proof_parse("c2sp.org/tlog-proof@v1\nextra \nindex 0\n\nx\n", 41, &index, back, 8,
						  &len, extra, sizeof(extra), &elen, &at), 0);
		assert_int_equal(elen, 0);
		assert_int_equal(at, 39);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(go_known_answer),
		cmocka_unit_test(spec_example),
		cmocka_unit_test(go_open),
		cmocka_unit_test(key_manglings),
		cmocka_unit_test(keygen_round_trip),
		cmocka_unit_test(sign_refusals),
		cmocka_unit_test(verify_refusals),
		cmocka_unit_test(checkpoints),
		cmocka_unit_test(tlog_proofs),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
