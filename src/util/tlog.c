/* tlog.c: the Merkle tree of a transparency log, its proofs, and tile
 * paths (see tlog.h). */
#include "util/tlog.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "util/banned.h"

void tlog_leaf_hash(const void *entry, size_t n, unsigned char out[TLOG_HASH])
{
	crypto_hash_sha256_state st;
	const unsigned char prefix = 0x00;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, entry, n);
	crypto_hash_sha256_final(&st, out);
}

void tlog_node_hash(const unsigned char left[TLOG_HASH], const unsigned char right[TLOG_HASH],
		    unsigned char out[TLOG_HASH])
{
	unsigned char in[1 + 2 * TLOG_HASH];

	in[0] = 0x01;
	memcpy(in + 1, left, TLOG_HASH);
	memcpy(in + 1 + TLOG_HASH, right, TLOG_HASH);
	crypto_hash_sha256(out, in, sizeof(in));
}

/* The largest power of two smaller than n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
	return (uint64_t)1 << (63 - __builtin_clzll(n - 1));
}

int tlog_subtree_hash(tlog_node_fn get, void *ctx, uint64_t lo, uint64_t hi, unsigned char out[TLOG_HASH])
{
	unsigned char left[TLOG_HASH], right[TLOG_HASH];
	uint64_t w, k;

	if (lo >= hi)
		return -1;
	w = hi - lo;
	if ((w & (w - 1)) == 0 && lo % w == 0)
		return get(ctx, __builtin_ctzll(w), lo / w, out);
	k = split_point(w);
	if (tlog_subtree_hash(get, ctx, lo, lo + k, left) < 0 || tlog_subtree_hash(get, ctx, lo + k, hi, right) < 0)
		return -1;
	tlog_node_hash(left, right, out);
	return 0;
}

int tlog_root(tlog_node_fn get, void *ctx, uint64_t n, unsigned char out[TLOG_HASH])
{
	if (n == 0) {
		crypto_hash_sha256(out, (const unsigned char *)"", 0);
		return 0;
	}
	return tlog_subtree_hash(get, ctx, 0, n, out);
}

/* The hashes of the path of leaf m within D[lo:hi], bottom up, appended
 * at proof[*len] (RFC 9162 2.1.3.1, PATH). */
static int path(tlog_node_fn get, void *ctx, uint64_t m, uint64_t lo, uint64_t hi, unsigned char proof[][TLOG_HASH],
		int max, int *len)
{
	uint64_t k;

	if (hi - lo == 1)
		return 0;
	k = split_point(hi - lo);
	if (m < lo + k) {
		if (path(get, ctx, m, lo, lo + k, proof, max, len) < 0 || *len >= max)
			return -1;
		return tlog_subtree_hash(get, ctx, lo + k, hi, proof[(*len)++]);
	}
	if (path(get, ctx, m, lo + k, hi, proof, max, len) < 0 || *len >= max)
		return -1;
	return tlog_subtree_hash(get, ctx, lo, lo + k, proof[(*len)++]);
}

int tlog_inclusion_proof(tlog_node_fn get, void *ctx, uint64_t i, uint64_t n, unsigned char proof[][TLOG_HASH],
			 int max, int *len)
{
	*len = 0;
	if (i >= n)
		return -1;
	if (path(get, ctx, i, 0, n, proof, max, len) < 0) {
		*len = 0;
		return -1;
	}
	return 0;
}

/* SUBPROOF(m, D[lo:hi], whole) of RFC 9162 2.1.4.1, appended at
 * proof[*len]; m counts from lo. */
static int subproof(tlog_node_fn get, void *ctx, uint64_t m, uint64_t lo, uint64_t hi, int whole,
		    unsigned char proof[][TLOG_HASH], int max, int *len)
{
	uint64_t k;

	if (m == hi - lo) {
		if (whole)
			return 0;
		if (*len >= max)
			return -1;
		return tlog_subtree_hash(get, ctx, lo, hi, proof[(*len)++]);
	}
	k = split_point(hi - lo);
	if (m <= k) {
		if (subproof(get, ctx, m, lo, lo + k, whole, proof, max, len) < 0 || *len >= max)
			return -1;
		return tlog_subtree_hash(get, ctx, lo + k, hi, proof[(*len)++]);
	}
	if (subproof(get, ctx, m - k, lo + k, hi, 0, proof, max, len) < 0 || *len >= max)
		return -1;
	return tlog_subtree_hash(get, ctx, lo, lo + k, proof[(*len)++]);
}

int tlog_consistency_proof(tlog_node_fn get, void *ctx, uint64_t m, uint64_t n, unsigned char proof[][TLOG_HASH],
			   int max, int *len)
{
	*len = 0;
	if (m == 0 || m > n)
		return -1;
	if (subproof(get, ctx, m, 0, n, 1, proof, max, len) < 0) {
		*len = 0;
		return -1;
	}
	return 0;
}

int tlog_verify_inclusion(uint64_t i, uint64_t n, const unsigned char leaf[TLOG_HASH],
			  const unsigned char proof[][TLOG_HASH], int len, const unsigned char root[TLOG_HASH])
{
	unsigned char r[TLOG_HASH];
	uint64_t fn, sn;

	if (i >= n || len < 0 || len > TLOG_MAX_PROOF)
		return -1;
	fn = i;
	sn = n - 1;
	memcpy(r, leaf, TLOG_HASH);
	for (int j = 0; j < len; j++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			tlog_node_hash(proof[j], r, r);
			while (fn != 0 && !(fn & 1)) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			tlog_node_hash(r, proof[j], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, TLOG_HASH) == 0 ? 0 : -1;
}

int tlog_verify_consistency(uint64_t m, uint64_t n, const unsigned char root_m[TLOG_HASH],
			    const unsigned char root_n[TLOG_HASH], const unsigned char proof[][TLOG_HASH], int len)
{
	unsigned char fr[TLOG_HASH], sr[TLOG_HASH];
	const unsigned char *c;
	uint64_t fn, sn;
	int pre, total;

	if (m == 0 || m > n || len < 0 || len > TLOG_MAX_PROOF)
		return -1;
	if (m == n)
		return len == 0 && memcmp(root_m, root_n, TLOG_HASH) == 0 ? 0 : -1;
	if (len == 0)
		return -1;
	/* When m is a power of two its root is the path's first hash,
	 * which the proof leaves out. */
	pre = (m & (m - 1)) == 0;
	total = len + pre;
	fn = m - 1;
	sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	c = pre ? root_m : proof[0];
	memcpy(fr, c, TLOG_HASH);
	memcpy(sr, c, TLOG_HASH);
	for (int j = 1; j < total; j++) {
		c = proof[j - pre];
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			tlog_node_hash(c, fr, fr);
			tlog_node_hash(c, sr, sr);
			while (fn != 0 && !(fn & 1)) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			tlog_node_hash(sr, c, sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(fr, root_m, TLOG_HASH) == 0 && memcmp(sr, root_n, TLOG_HASH) == 0 ? 0 : -1;
}

int tlog_tile_path(int level, uint64_t n, int width, char *out, size_t len)
{
	unsigned groups[8];
	int ng = 0, o;
	size_t at;

	if (level < -1 || level > 63 || width < 1 || width > TLOG_TILE_WIDTH || !out || len == 0)
		return -1;
	do {
		groups[ng++] = (unsigned)(n % 1000);
		n /= 1000;
	} while (n > 0);
	if (level < 0)
		o = snprintf(out, len, "tile/entries/");
	else
		o = snprintf(out, len, "tile/%d/", level);
	if (o < 0 || (size_t)o >= len)
		return -1;
	at = (size_t)o;
	while (ng > 0) {
		ng--;
		o = snprintf(out + at, len - at, ng > 0 ? "x%03u/" : "%03u", groups[ng]);
		if (o < 0 || (size_t)o >= len - at)
			return -1;
		at += (size_t)o;
	}
	if (width < TLOG_TILE_WIDTH) {
		o = snprintf(out + at, len - at, ".p/%d", width);
		if (o < 0 || (size_t)o >= len - at)
			return -1;
		at += (size_t)o;
	}
	return at > (size_t)0x7fffffff ? -1 : (int)at;
}

static int isdigit_(char c)
{
	return c >= '0' && c <= '9';
}

/* A decimal of 1 to 3 digits without leading zeros at *p, at most max:
 * its value, *p moved past it; or -1. */
static int small_decimal(const char **p, int max)
{
	const char *s = *p;
	int v = 0, digits = 0;

	if (!isdigit_(*s) || (*s == '0' && isdigit_(s[1])))
		return -1;
	while (isdigit_(*s) && digits < 4) {
		v = v * 10 + (*s++ - '0');
		digits++;
	}
	if (digits > 3 || v > max)
		return -1;
	*p = s;
	return v;
}

int tlog_tile_parse(const char *path, int *level, uint64_t *n, int *width)
{
	const char *p = path;
	uint64_t v = 0;
	int lv, w = TLOG_TILE_WIDTH, first = 1;

	if (!p)
		return -1;
	if (strncmp(p, "entries/", 8) == 0) {
		lv = -1;
		p += 8;
	} else {
		if ((lv = small_decimal(&p, 63)) < 0 || *p++ != '/')
			return -1;
	}
	/* Groups of three digits, all but the last prefixed with x. */
	for (;;) {
		int x = *p == 'x', g;

		if (x)
			p++;
		if (!isdigit_(p[0]) || !isdigit_(p[1]) || !isdigit_(p[2]))
			return -1;
		g = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		if (v > (UINT64_MAX - (uint64_t)g) / 1000)
			return -1;
		v = v * 1000 + (uint64_t)g;
		if (!x)
			break;
		if (*p++ != '/' || (first && g == 0))
			return -1;
		first = 0;
	}
	if (strncmp(p, ".p/", 3) == 0) {
		p += 3;
		if ((w = small_decimal(&p, TLOG_TILE_WIDTH - 1)) < 1)
			return -1;
	}
	if (*p != '\0')
		return -1;
	*level = lv;
	*n = v;
	*width = w;
	return 0;
}
