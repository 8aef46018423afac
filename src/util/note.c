/* note.c: signed notes, checkpoints and tlog proofs (see note.h). */
#include "util/note.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "util/utf8.h"
#include "util/banned.h"

#define NOTE_MAX_SIZE ((size_t)1 << 20) /* a signed note note_verify reads */
#define NOTE_MAX_SIGS 100               /* signature lines in one note */
#define ALG_ED25519 0x01

static const char em_dash[] = "\xe2\x80\x94"; /* U+2014 */
static const char proof_header[] = "c2sp.org/tlog-proof@v1";

/* libsodium asks for sodium_init() before anything else; it is cheap
 * after the first call and safe from any thread. */
static int sodium_ready(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

/* Whether s (n bytes) is UTF-8 without ASCII control characters but
 * newline, as a signed note must be.  (In UTF-8 a byte below 0x20 is
 * always that character.) */
static int text_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
			return 0;
	return utf8_valid(s, n);
}

/* Whether the UTF-8 at s (n bytes left) starts with a space as Go's
 * unicode.IsSpace has them beyond ASCII: U+0085, U+00A0, U+1680,
 * U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. */
static int unicode_space_at(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2)
		return s[1] == 0x85 || s[1] == 0xa0;
	if (n < 3)
		return 0;
	if (s[0] == 0xe1)
		return s[1] == 0x9a && s[2] == 0x80;
	if (s[0] == 0xe2 && s[1] == 0x80)
		return s[2] <= 0x8a || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf;
	if (s[0] == 0xe2)
		return s[1] == 0x81 && s[2] == 0x9f;
	return s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80;
}

/* A name in a signature line (within a note already found to be UTF-8
 * without control characters), as Go's note package allows it:
 * non-empty, no Unicode space, no '+'. */
static int sig_name_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (u[i] == ' ' || u[i] == '+' || unicode_space_at(u + i, n - i))
			return 0;
	return 1;
}

/* A name of one of our keys: printable ASCII without space or '+'. */
static int key_name_ok(const char *s, size_t n)
{
	if (n == 0 || n > NOTE_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~' || s[i] == '+')
			return 0;
	return 1;
}

/* SHA-256(name || "\n" || 0x01 || pk)[:4]. */
static void key_id(const char *name, size_t n, const unsigned char pk[32], unsigned char id[4])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	const unsigned char sep[2] = { '\n', ALG_ED25519 };

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, n);
	crypto_hash_sha256_update(&st, sep, sizeof(sep));
	crypto_hash_sha256_update(&st, pk, 32);
	crypto_hash_sha256_final(&st, h);
	memcpy(id, h, 4);
}

/* Eight hex digits (either case, as Go reads them) into id. */
static int hex8(const char *s, size_t n, unsigned char id[4])
{
	const char *end = NULL;
	size_t got = 0;

	return n == 8 && sodium_hex2bin(id, 4, s, 8, NULL, &got, &end) == 0 && got == 4 && end == s + 8 ? 0 : -1;
}

/* Standard, padded base64 at s (n bytes) into out (at most max bytes):
 * 0 with the length in *got, or -1.  libsodium 1.0.18 reads every byte
 * from 0x80 up as '/', so the alphabet is checked here first. */
static int b64_decode(const char *s, size_t n, unsigned char *out, size_t max, size_t *got)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
		      c == '/' || c == '='))
			return -1;
	}
	*got = 0;
	return sodium_base642bin(out, max, s, n, NULL, got, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 ? 0 : -1;
}

/* Standard, padded base64 of exactly want bytes (canonical: libsodium
 * refuses stray bits and missing or extra padding). */
static int b64_exact(const char *s, size_t n, unsigned char *out, size_t want)
{
	size_t got = 0;

	if (n != sodium_base64_ENCODED_LEN(want, sodium_base64_VARIANT_ORIGINAL) - 1)
		return -1;
	if (b64_decode(s, n, out, want, &got) < 0 || got != want)
		return -1;
	return 0;
}

/* Whether s (n bytes) is non-empty base64, decoded a chunk at a time (so
 * that a long signature of another kind needs no allocation): 0 with
 * its first bytes in head (up to headmax) and its length in *total. */
static int b64_scan(const char *s, size_t n, unsigned char *head, size_t headmax, size_t *total)
{
	unsigned char chunk[48];
	size_t got = 0;

	if (n == 0 || n % 4 != 0)
		return -1;
	for (size_t at = 0; at < n; at += 64) {
		size_t clen = n - at < 64 ? n - at : 64, blen = 0;

		if (b64_decode(s + at, clen, chunk, sizeof(chunk), &blen) < 0)
			return -1;
		if (at + clen < n && blen != sizeof(chunk))
			return -1; /* padding before the end */
		if (got < headmax)
			memcpy(head + got, chunk, blen < headmax - got ? blen : headmax - got);
		got += blen;
	}
	*total = got;
	return 0;
}

/* Append the base64 of p[0..n) to out, 48 bytes (64 characters) at a
 * time, which concatenate to the whole's encoding. */
static void buf_base64(struct buf *out, const void *p, size_t n)
{
	const unsigned char *u = p;
	char enc[sodium_base64_ENCODED_LEN(48, sodium_base64_VARIANT_ORIGINAL)];

	for (size_t at = 0; at < n; at += 48) {
		size_t clen = n - at < 48 ? n - at : 48;

		sodium_bin2base64(enc, sizeof(enc), u + at, clen, sodium_base64_VARIANT_ORIGINAL);
		buf_puts(out, enc);
	}
}

/* An unsigned decimal without sign or leading zeros (but "0"). */
static int parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0 || n > 20 || (s[0] == '0' && n > 1))
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* The line at t[*at] (to n): its start and length without the '\n',
 * *at moved past the '\n'; -1 when no '\n' ends it. */
static int next_line(const char *t, size_t n, size_t *at, const char **line, size_t *len)
{
	const char *nl;

	if (*at >= n || !(nl = memchr(t + *at, '\n', n - *at)))
		return -1;
	*line = t + *at;
	*len = (size_t)(nl - *line);
	*at += *len + 1;
	return 0;
}

static void id_hex(const unsigned char id[4], char out[9])
{
	snprintf(out, 9, "%02x%02x%02x%02x", id[0], id[1], id[2], id[3]);
}

/* "<prefix><name>+<id>+<base64(0x01 || key)>" into out. */
static int key_text(const char *prefix, const char *name, const unsigned char id[4], const unsigned char key[32],
		    char out[NOTE_KEY_MAX])
{
	unsigned char raw[33];
	char enc[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)], hex[9];
	int o;

	raw[0] = ALG_ED25519;
	memcpy(raw + 1, key, 32);
	sodium_bin2base64(enc, sizeof(enc), raw, sizeof(raw), sodium_base64_VARIANT_ORIGINAL);
	id_hex(id, hex);
	o = snprintf(out, NOTE_KEY_MAX, "%s%s+%s+%s", prefix, name, hex, enc);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(enc, sizeof(enc));
	return o < 0 || o >= NOTE_KEY_MAX ? -1 : 0;
}

int note_keygen(const char *name, char skey[NOTE_KEY_MAX], char vkey[NOTE_KEY_MAX])
{
	struct note_signer s;
	unsigned char pk[32];
	size_t n;
	int rc = -1;

	if (!name || sodium_ready() < 0)
		return -1;
	n = strnlen(name, NOTE_NAME_MAX + 1);
	if (!key_name_ok(name, n))
		return -1;
	memcpy(s.name, name, n);
	s.name[n] = '\0';
	crypto_sign_keypair(pk, s.sk);
	key_id(s.name, n, pk, s.id);
	/* libsodium's secret key is the seed followed by the public key. */
	if (key_text("PRIVATE+KEY+", s.name, s.id, s.sk, skey) < 0)
		goto out;
	note_verifier_key(&s, vkey);
	rc = 0;
out:
	sodium_memzero(&s, sizeof(s));
	return rc;
}

/* "<name>+<id>+<base64(0x01 || 32 bytes)>" at p (n bytes): name, id and
 * the 32 bytes. */
static int parse_key_tail(const char *p, size_t n, char name[NOTE_NAME_MAX + 1], unsigned char id[4],
			  unsigned char key[32])
{
	const char *plus1, *plus2;
	unsigned char raw[33];
	size_t nlen;
	int rc = -1;

	if (!(plus1 = memchr(p, '+', n)))
		return -1;
	nlen = (size_t)(plus1 - p);
	if (!key_name_ok(p, nlen))
		return -1;
	if (!(plus2 = memchr(plus1 + 1, '+', n - nlen - 1)) || hex8(plus1 + 1, (size_t)(plus2 - plus1 - 1), id) < 0)
		return -1;
	if (b64_exact(plus2 + 1, n - (size_t)(plus2 + 1 - p), raw, sizeof(raw)) < 0 || raw[0] != ALG_ED25519)
		goto out;
	memcpy(name, p, nlen);
	name[nlen] = '\0';
	memcpy(key, raw + 1, 32);
	rc = 0;
out:
	sodium_memzero(raw, sizeof(raw));
	return rc;
}

int note_signer_parse(const char *skey, struct note_signer *s)
{
	static const char prefix[] = "PRIVATE+KEY+";
	struct note_signer t;
	unsigned char seed[32], pk[32], id[4];
	size_t n;
	int rc = -1;

	if (!skey || sodium_ready() < 0)
		return -1;
	n = strnlen(skey, NOTE_KEY_MAX);
	if (n >= NOTE_KEY_MAX || n < sizeof(prefix) - 1 || memcmp(skey, prefix, sizeof(prefix) - 1) != 0)
		return -1;
	if (parse_key_tail(skey + sizeof(prefix) - 1, n - (sizeof(prefix) - 1), t.name, t.id, seed) < 0)
		goto out;
	if (crypto_sign_ed25519_seed_keypair(pk, t.sk, seed) != 0)
		goto out;
	key_id(t.name, strlen(t.name), pk, id);
	if (memcmp(id, t.id, 4) != 0)
		goto out;
	*s = t;
	rc = 0;
out:
	sodium_memzero(&t, sizeof(t));
	sodium_memzero(seed, sizeof(seed));
	return rc;
}

int note_verifier_parse(const char *vkey, struct note_verifier *v)
{
	struct note_verifier t;
	unsigned char id[4];
	size_t n;

	if (!vkey || sodium_ready() < 0)
		return -1;
	n = strnlen(vkey, NOTE_KEY_MAX);
	if (n >= NOTE_KEY_MAX || parse_key_tail(vkey, n, t.name, t.id, t.pk) < 0)
		return -1;
	key_id(t.name, strlen(t.name), t.pk, id);
	if (memcmp(id, t.id, 4) != 0)
		return -1;
	*v = t;
	return 0;
}

void note_verifier_key(const struct note_signer *s, char vkey[NOTE_KEY_MAX])
{
	if (key_text("", s->name, s->id, s->sk + 32, vkey) < 0)
		vkey[0] = '\0';
}

/* Whether text (n bytes) is a note's text as we sign it: lines, each
 * non-empty and ending in '\n', none starting with an em dash. */
static int sign_text_ok(const char *t, size_t n)
{
	/* (room left for the signature line within what note_verify reads) */
	if (n == 0 || n > NOTE_MAX_SIZE - 512 || t[n - 1] != '\n' || !text_ok(t, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && t[i - 1] != '\n')
			continue;
		/* t[i] starts a line */
		if (t[i] == '\n' || (n - i >= 3 && memcmp(t + i, em_dash, 3) == 0))
			return 0;
	}
	return 1;
}

int note_sign(const struct note_signer *s, const char *text, size_t n, struct buf *out)
{
	unsigned char blob[4 + crypto_sign_BYTES];
	char enc[sodium_base64_ENCODED_LEN(4 + crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	if (!s || !text || !key_name_ok(s->name, strnlen(s->name, NOTE_NAME_MAX + 1)) || !sign_text_ok(text, n) ||
	    sodium_ready() < 0)
		return -1;
	memcpy(blob, s->id, 4);
	if (crypto_sign_detached(blob + 4, NULL, (const unsigned char *)text, n, s->sk) != 0)
		return -1;
	sodium_bin2base64(enc, sizeof(enc), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
	buf_append(out, text, n);
	buf_putc(out, '\n');
	buf_puts(out, em_dash);
	buf_putc(out, ' ');
	buf_puts(out, s->name);
	buf_putc(out, ' ');
	buf_puts(out, enc);
	buf_putc(out, '\n');
	return out->err ? -1 : 0;
}

int note_verify(const struct note_verifier *v, const char *msg, size_t n, size_t *text_len)
{
	unsigned char head[4 + crypto_sign_BYTES];
	size_t split = 0, tlen, at, vlen;
	int found = 0, sigs = 0, verified = 0;

	if (!v || !msg || n < 2 || n > NOTE_MAX_SIZE || !text_ok(msg, n) || sodium_ready() < 0)
		return -1;
	vlen = strnlen(v->name, NOTE_NAME_MAX + 1);
	/* The text ends at the last empty line, as Go's note.Open reads it. */
	for (size_t i = n - 1; i >= 1 && !found; i--)
		if (msg[i] == '\n' && msg[i - 1] == '\n') {
			split = i - 1;
			found = 1;
		}
	if (!found || split + 2 >= n || msg[n - 1] != '\n')
		return -1;
	tlen = split + 1;
	at = split + 2;
	while (at < n) {
		const char *line, *sp, *b64;
		size_t len, nlen, blen, total;

		if (next_line(msg, n, &at, &line, &len) < 0 || len < 4 || memcmp(line, em_dash, 3) != 0 ||
		    line[3] != ' ')
			return -1;
		line += 4;
		len -= 4;
		if (!(sp = memchr(line, ' ', len)))
			return -1;
		nlen = (size_t)(sp - line);
		b64 = sp + 1;
		blen = len - nlen - 1;
		if (!sig_name_ok(line, nlen) || b64_scan(b64, blen, head, sizeof(head), &total) < 0 || total < 5)
			return -1;
		if (++sigs > NOTE_MAX_SIGS)
			return -1;
		if (nlen != vlen || memcmp(line, v->name, vlen) != 0 || memcmp(head, v->id, 4) != 0)
			continue; /* another key's: ignored */
		if (verified)
			continue; /* a repeat of v's: ignored, as Go does */
		if (total != sizeof(head) ||
		    crypto_sign_verify_detached(head + 4, (const unsigned char *)msg, tlen, v->pk) != 0)
			return -1;
		verified = 1;
	}
	if (!verified)
		return -1;
	if (text_len)
		*text_len = tlen;
	return 0;
}

void checkpoint_text(const char *origin, uint64_t size, const unsigned char root[TLOG_HASH], struct buf *out)
{
	char enc[sodium_base64_ENCODED_LEN(TLOG_HASH, sodium_base64_VARIANT_ORIGINAL)];

	sodium_bin2base64(enc, sizeof(enc), root, TLOG_HASH, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, "%s\n%" PRIu64 "\n%s\n", origin, size, enc);
}

int checkpoint_parse(const char *text, size_t n, char *origin, size_t olen, uint64_t *size,
		     unsigned char root[TLOG_HASH])
{
	const char *l1, *l2, *l3;
	size_t n1, n2, n3, at = 0;
	uint64_t sz;
	unsigned char r[TLOG_HASH];

	if (!text || !origin || olen == 0)
		return -1;
	if (next_line(text, n, &at, &l1, &n1) < 0 || next_line(text, n, &at, &l2, &n2) < 0 ||
	    next_line(text, n, &at, &l3, &n3) < 0)
		return -1;
	if (n1 == 0 || n1 >= olen || !text_ok(l1, n1) || parse_u64(l2, n2, &sz) < 0 ||
	    b64_exact(l3, n3, r, TLOG_HASH) < 0)
		return -1;
	memcpy(origin, l1, n1);
	origin[n1] = '\0';
	*size = sz;
	memcpy(root, r, TLOG_HASH);
	return 0;
}

void tlog_proof_text(const void *extra, size_t extra_len, uint64_t index, const unsigned char proof[][TLOG_HASH],
		     int len, const char *checkpoint, size_t checkpoint_len, struct buf *out)
{
	buf_puts(out, proof_header);
	buf_putc(out, '\n');
	if (extra && extra_len > 0) {
		buf_puts(out, "extra ");
		buf_base64(out, extra, extra_len);
		buf_putc(out, '\n');
	}
	buf_printf(out, "index %" PRIu64 "\n", index);
	for (int i = 0; i < len; i++) {
		buf_base64(out, proof[i], TLOG_HASH);
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
	buf_append(out, checkpoint, checkpoint_len);
}

int tlog_proof_parse(const char *text, size_t n, uint64_t *index, unsigned char proof[][TLOG_HASH], int max,
		     int *len, unsigned char *extra, size_t extra_max, size_t *extra_len, size_t *checkpoint_at)
{
	const char *line;
	size_t l, at = 0, elen = 0;
	uint64_t idx;
	int count = 0;

	*len = 0;
	if (!text || next_line(text, n, &at, &line, &l) < 0 || l != sizeof(proof_header) - 1 ||
	    memcmp(line, proof_header, l) != 0 || next_line(text, n, &at, &line, &l) < 0)
		return -1;
	if (l >= 6 && memcmp(line, "extra ", 6) == 0) {
		/* Go's writer gives "extra " alone for empty extra data. */
		if (l > 6) {
			if (extra) {
				if (b64_decode(line + 6, l - 6, extra, extra_max, &elen) < 0)
					return -1;
			} else if (b64_scan(line + 6, l - 6, NULL, 0, &elen) < 0) {
				return -1;
			}
		}
		if (next_line(text, n, &at, &line, &l) < 0)
			return -1;
	}
	if (l < 6 || memcmp(line, "index ", 6) != 0 || parse_u64(line + 6, l - 6, &idx) < 0)
		return -1;
	for (;;) {
		if (next_line(text, n, &at, &line, &l) < 0)
			return -1; /* no empty line before the checkpoint */
		if (l == 0)
			break;
		if (count >= max || b64_exact(line, l, proof[count], TLOG_HASH) < 0)
			return -1;
		count++;
	}
	if (at >= n)
		return -1; /* no checkpoint */
	*index = idx;
	*len = count;
	if (extra_len)
		*extra_len = elen;
	*checkpoint_at = at;
	return 0;
}
