/* test_tlog.c: unit tests for util/tlog: RFC 6962 hashing, roots,
 * inclusion and consistency proofs and their verification, and C2SP
 * tlog-tiles paths.
 *
 * The known answers (the eight leaves, the roots of the trees of size 1 to
 * 8, and the reference inclusion and consistency proofs) are those of
 * Certificate Transparency as transparency-dev/merkle keeps them:
 * testonly/constants.go (LeafInputs, RootHashes, NodeHashes) and
 * proof/verify_test.go (inclusionProofs, consistencyProofs, and the ways
 * of corrupting a proof); which stored nodes a proof reads is from
 * proof/proof_test.go (TestInclusion, TestConsistency).  The roots were
 * also recomputed with Python's hashlib when this test was written.  Every
 * other proof is checked against a naive implementation of RFC 9162's
 * MTH, PATH and PROOF over the leaf hashes, and against the verifiers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/tlog.h"

typedef unsigned char hash_t[TLOG_HASH];

static void unhex(const char *s, unsigned char *out)
{
	for (size_t i = 0; s[2 * i]; i++) {
		unsigned v;

		sscanf(s + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
}

static void tohex(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

static void assert_hash(const unsigned char h[TLOG_HASH], const char *want)
{
	char got[2 * TLOG_HASH + 1];

	tohex(h, TLOG_HASH, got);
	assert_string_equal(got, want);
}

/* transparency-dev/merkle testonly/constants.go: LeafInputs() */
static const char *const leaves_hex[8] = {
	"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
};

/* RootHashes(), for sizes 1 to 8 */
static const char *const roots_hex[9] = {
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

/* proof/verify_test.go: inclusionProofs (there with 1-based leaves) and
 * consistencyProofs */
static const struct {
	uint64_t a, n; /* leaf index or first size; tree size */
	int len;
	const char *proof[3];
} inclusion_ref[] = {
	{ 0, 8, 3, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 5, 8, 3, { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
		     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 3, 1, { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
	{ 1, 5, 3, { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
	{ 0, 1, 0, { NULL } },
}, consistency_ref[] = {
	{ 1, 8, 3, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 6, 8, 3, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 5, 2, { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
	{ 6, 7, 3, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		     "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
		     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 1, 1, 0, { NULL } },
};

/* ---- a tree in memory: the stored nodes, as db/log.c would keep them */

#define MAX_LEVELS 16

struct tree {
	uint64_t n;                       /* leaves */
	hash_t *leaf;                     /* leaf hashes (for the naive functions) */
	hash_t *level[MAX_LEVELS];        /* level[l][i]: node (l, i) */
	uint64_t limit;                   /* when not 0, refuse nodes beyond this many leaves */
	int fail;                         /* refuse everything */
	int nlog;                         /* nodes read, when log is not NULL */
	int (*log)[2];
};

static int get_node(void *ctx, int level, uint64_t index, unsigned char out[TLOG_HASH])
{
	struct tree *t = ctx;

	if (t->fail || level < 0 || level >= MAX_LEVELS || !t->level[level] || index >= t->n >> level)
		return -1;
	if (t->limit && (index + 1) << level > t->limit)
		return -1;
	if (t->log) {
		t->log[t->nlog][0] = level;
		t->log[t->nlog][1] = (int)index;
		t->nlog++;
	}
	memcpy(out, t->level[level][index], TLOG_HASH);
	return 0;
}

static void tree_build(struct tree *t, hash_t *leaf, uint64_t n)
{
	memset(t, 0, sizeof(*t));
	t->n = n;
	t->leaf = leaf;
	t->level[0] = malloc(n * sizeof(hash_t));
	assert_non_null(t->level[0]);
	memcpy(t->level[0], leaf, n * sizeof(hash_t));
	for (int l = 1; l < MAX_LEVELS && (n >> l) > 0; l++) {
		t->level[l] = malloc((n >> l) * sizeof(hash_t));
		assert_non_null(t->level[l]);
		for (uint64_t i = 0; i < n >> l; i++)
			tlog_node_hash(t->level[l - 1][2 * i], t->level[l - 1][2 * i + 1], t->level[l][i]);
	}
}

static void tree_free(struct tree *t)
{
	for (int l = 0; l < MAX_LEVELS; l++)
		free(t->level[l]);
}

/* The 8 leaves of the known answers. */
static void small_tree(struct tree *t, hash_t leaf[8])
{
	for (int i = 0; i < 8; i++) {
		unsigned char d[16];

		unhex(leaves_hex[i], d);
		tlog_leaf_hash(d, strlen(leaves_hex[i]) / 2, leaf[i]);
	}
	tree_build(t, leaf, 8);
}

/* ---- RFC 9162 2.1.1 to 2.1.4.1 written out over the leaf hashes */

static uint64_t largest_pow2_below(uint64_t n)
{
	uint64_t k = 1;

	while (k * 2 < n)
		k *= 2;
	return k;
}

static void naive_mth(hash_t *leaf, uint64_t lo, uint64_t hi, unsigned char out[TLOG_HASH])
{
	hash_t l, r;
	uint64_t k;

	if (hi - lo == 1) {
		memcpy(out, leaf[lo], TLOG_HASH);
		return;
	}
	k = largest_pow2_below(hi - lo);
	naive_mth(leaf, lo, lo + k, l);
	naive_mth(leaf, lo + k, hi, r);
	tlog_node_hash(l, r, out);
}

static void naive_path(hash_t *leaf, uint64_t m, uint64_t lo, uint64_t hi, hash_t *proof, int *len)
{
	uint64_t k;

	if (hi - lo == 1)
		return;
	k = largest_pow2_below(hi - lo);
	if (m < k) {
		naive_path(leaf, m, lo, lo + k, proof, len);
		naive_mth(leaf, lo + k, hi, proof[(*len)++]);
	} else {
		naive_path(leaf, m - k, lo + k, hi, proof, len);
		naive_mth(leaf, lo, lo + k, proof[(*len)++]);
	}
}

static void naive_subproof(hash_t *leaf, uint64_t m, uint64_t lo, uint64_t hi, int b, hash_t *proof, int *len)
{
	uint64_t k;

	if (m == hi - lo) {
		if (!b)
			naive_mth(leaf, lo, hi, proof[(*len)++]);
		return;
	}
	k = largest_pow2_below(hi - lo);
	if (m <= k) {
		naive_subproof(leaf, m, lo, lo + k, b, proof, len);
		naive_mth(leaf, lo + k, hi, proof[(*len)++]);
	} else {
		naive_subproof(leaf, m - k, lo + k, hi, 0, proof, len);
		naive_mth(leaf, lo, lo + k, proof[(*len)++]);
	}
}

/* ---- tests */

static void hashes_and_roots(void **state)
{
	struct tree t;
	hash_t leaf[8], h;

	small_tree(&t, leaf);
	for (int i = 0; i < 8; i++) /* NodeHashes()[0] */
		assert_memory_equal(leaf[i], t.level[0][i], TLOG_HASH);
	assert_hash(leaf[0], "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
	assert_hash(leaf[7], "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");
	assert_hash(t.level[1][2], "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a");
	assert_hash(t.level[2][1], "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
	for (uint64_t n = 0; n <= 8; n++) {
		assert_int_equal(tlog_root(get_node, &t, n, h), 0);
		assert_hash(h, roots_hex[n]);
	}
	/* Every range, aligned or not, as RFC 6962 splits it. */
	for (uint64_t lo = 0; lo < 8; lo++)
		for (uint64_t hi = lo + 1; hi <= 8; hi++) {
			hash_t want;

			naive_mth(leaf, lo, hi, want);
			assert_int_equal(tlog_subtree_hash(get_node, &t, lo, hi, h), 0);
			assert_memory_equal(h, want, TLOG_HASH);
		}
	tree_free(&t);
}

static void flip(unsigned char *h, int bit)
{
	h[0] ^= (unsigned char)(1 << bit);
}

/* verify_test.go's corruptInclusionProof: none of these may verify. */
static void inclusion_corrupted(uint64_t i, uint64_t n, const hash_t leaf, hash_t *proof, int len, const hash_t root)
{
	hash_t p[TLOG_MAX_PROOF + 2], bad, empty, some;

	unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty);
	unhex("abacaba000000000000000000000000000000000000000000060061e00123456", some);
	assert_int_equal(tlog_verify_inclusion(i - 1, n, leaf, proof, len, root), -1);
	assert_int_equal(tlog_verify_inclusion(i + 1, n, leaf, proof, len, root), -1);
	assert_int_equal(tlog_verify_inclusion(i ^ 2, n, leaf, proof, len, root), -1);
	assert_int_equal(tlog_verify_inclusion(i, n * 2, leaf, proof, len, root), -1);
	assert_int_equal(tlog_verify_inclusion(i, n / 2, leaf, proof, len, root), -1);
	memcpy(bad, leaf, TLOG_HASH);
	flip(bad, 0);
	assert_int_equal(tlog_verify_inclusion(i, n, bad, proof, len, root), -1);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, proof, len, empty), -1);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, proof, len, some), -1);
	memcpy(bad, root, TLOG_HASH);
	flip(bad, 7);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, proof, len, bad), -1);
	/* trailing garbage, trailing root */
	memcpy(p, proof, (size_t)len * TLOG_HASH);
	memset(p[len], 0, TLOG_HASH);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)p, len + 1, root), -1);
	memcpy(p[len], root, TLOG_HASH);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)p, len + 1, root), -1);
	/* preceding garbage, preceding root */
	memcpy(p[1], proof, (size_t)len * TLOG_HASH);
	memset(p[0], 0, TLOG_HASH);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)p, len + 1, root), -1);
	memcpy(p[0], root, TLOG_HASH);
	assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)p, len + 1, root), -1);
	for (int j = 0; j < len; j++) {
		memcpy(p, proof, (size_t)len * TLOG_HASH);
		flip(p[j], 3);
		assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)p, len, root), -1);
	}
	if (len > 0)
		assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)proof, len - 1, root), -1);
	if (len > 1) { /* a component inserted after the first */
		memcpy(p[0], proof[0], TLOG_HASH);
		memcpy(p[1], some, TLOG_HASH);
		memcpy(p[2], proof[1], (size_t)(len - 1) * TLOG_HASH);
		assert_int_equal(tlog_verify_inclusion(i, n, leaf, (const hash_t *)p, len + 1, root), -1);
	}
}

static void inclusion_known(void **state)
{
	struct tree t;
	hash_t leaf[8], root, proof[TLOG_MAX_PROOF], want[TLOG_MAX_PROOF];
	int len, wlen;

	small_tree(&t, leaf);
	for (uint64_t n = 1; n <= 8; n++) {
		unhex(roots_hex[n], root);
		for (uint64_t i = 0; i < n; i++) {
			t.limit = n; /* only what the tree of size n has */
			assert_int_equal(tlog_inclusion_proof(get_node, &t, i, n, proof, TLOG_MAX_PROOF, &len), 0);
			t.limit = 0;
			wlen = 0;
			naive_path(leaf, i, 0, n, want, &wlen);
			assert_int_equal(len, wlen);
			assert_memory_equal(proof, want, (size_t)len * TLOG_HASH);
			assert_int_equal(tlog_verify_inclusion(i, n, leaf[i], (const hash_t *)proof, len, root), 0);
			inclusion_corrupted(i, n, leaf[i], proof, len, root);
		}
	}
	for (size_t k = 0; k < sizeof(inclusion_ref) / sizeof(inclusion_ref[0]); k++) {
		assert_int_equal(tlog_inclusion_proof(get_node, &t, inclusion_ref[k].a, inclusion_ref[k].n, proof,
						      TLOG_MAX_PROOF, &len), 0);
		assert_int_equal(len, inclusion_ref[k].len);
		for (int j = 0; j < len; j++)
			assert_hash(proof[j], inclusion_ref[k].proof[j]);
	}
	tree_free(&t);
}

/* verify_test.go's corruptConsistencyProof: none of these may verify. */
static void consistency_corrupted(uint64_t m, uint64_t n, const hash_t r1, const hash_t r2, hash_t *proof, int len)
{
	hash_t p[TLOG_MAX_PROOF + 2], bad;
	const hash_t *pp = (const hash_t *)proof;

	assert_int_equal(tlog_verify_consistency(m - 1, n, r1, r2, pp, len), -1);
	assert_int_equal(tlog_verify_consistency(m + 1, n, r1, r2, pp, len), -1);
	assert_int_equal(tlog_verify_consistency(m ^ 2, n, r1, r2, pp, len), -1);
	assert_int_equal(tlog_verify_consistency(m, n * 2, r1, r2, pp, len), -1);
	assert_int_equal(tlog_verify_consistency(m, n / 2, r1, r2, pp, len), -1);
	memcpy(bad, r1, TLOG_HASH);
	flip(bad, 1);
	assert_int_equal(tlog_verify_consistency(m, n, bad, r2, pp, len), -1);
	memcpy(bad, r2, TLOG_HASH);
	flip(bad, 1);
	assert_int_equal(tlog_verify_consistency(m, n, r1, bad, pp, len), -1);
	assert_int_equal(tlog_verify_consistency(m, n, r2, r1, pp, len), -1);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, pp, 0), -1);
	memcpy(p, proof, (size_t)len * TLOG_HASH);
	memset(p[len], 0, TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	memcpy(p[len], r1, TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	memcpy(p[len], r2, TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	memcpy(p[1], proof, (size_t)len * TLOG_HASH);
	memset(p[0], 0, TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	memcpy(p[0], r1, TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	memcpy(p[0], r2, TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	memcpy(p[0], proof[0], TLOG_HASH);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len + 1), -1);
	assert_int_equal(tlog_verify_consistency(m, n, r1, r2, pp, len - 1), -1);
	for (int j = 0; j < len; j++) {
		memcpy(p, proof, (size_t)len * TLOG_HASH);
		flip(p[j], 4);
		assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)p, len), -1);
	}
}

static void consistency_known(void **state)
{
	struct tree t;
	hash_t leaf[8], r1, r2, proof[TLOG_MAX_PROOF], want[TLOG_MAX_PROOF];
	int len, wlen;

	small_tree(&t, leaf);
	for (uint64_t n = 1; n <= 8; n++) {
		unhex(roots_hex[n], r2);
		for (uint64_t m = 1; m <= n; m++) {
			unhex(roots_hex[m], r1);
			t.limit = n;
			assert_int_equal(tlog_consistency_proof(get_node, &t, m, n, proof, TLOG_MAX_PROOF, &len), 0);
			t.limit = 0;
			wlen = 0;
			naive_subproof(leaf, m, 0, n, 1, want, &wlen);
			assert_int_equal(len, wlen);
			assert_memory_equal(proof, want, (size_t)len * TLOG_HASH);
			assert_int_equal(tlog_verify_consistency(m, n, r1, r2, (const hash_t *)proof, len), 0);
			if (m == n) {
				assert_int_equal(len, 0);
				continue;
			}
			consistency_corrupted(m, n, r1, r2, proof, len);
		}
	}
	for (size_t k = 0; k < sizeof(consistency_ref) / sizeof(consistency_ref[0]); k++) {
		assert_int_equal(tlog_consistency_proof(get_node, &t, consistency_ref[k].a, consistency_ref[k].n, proof,
							TLOG_MAX_PROOF, &len), 0);
		assert_int_equal(len, consistency_ref[k].len);
		for (int j = 0; j < len; j++)
			assert_hash(proof[j], consistency_ref[k].proof[j]);
	}
	/* Equal sizes: the roots must be equal and the proof empty. */
	unhex(roots_hex[3], r1);
	unhex(roots_hex[4], r2);
	assert_int_equal(tlog_verify_consistency(3, 3, r1, r1, NULL, 0), 0);
	assert_int_equal(tlog_verify_consistency(3, 3, r1, r2, NULL, 0), -1);
	assert_int_equal(tlog_verify_consistency(3, 3, r1, r1, (const hash_t *)&r1, 1), -1);
	/* Sizes out of order or empty. */
	assert_int_equal(tlog_verify_consistency(4, 3, r2, r1, (const hash_t *)&r1, 1), -1);
	assert_int_equal(tlog_verify_consistency(0, 3, r1, r1, NULL, 0), -1);
	tree_free(&t);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

#define BIG 1000

static void big_tree(void **state)
{
	static hash_t leaf[BIG], roots[BIG + 1], proof[TLOG_MAX_PROOF], want[TLOG_MAX_PROOF];
	static const uint64_t every_i[] = { BIG, 999, 998, 768, 513, 512, 511, 257, 256, 255, 100, 31, 17 };
	struct tree t;
	hash_t h;
	int len, wlen;

	for (int i = 0; i < BIG; i++) {
		char e[32];
		int n = snprintf(e, sizeof(e), "entry %d %llu", i, (unsigned long long)(xorshift() >> (i % 64)));

		tlog_leaf_hash(e, (size_t)n, leaf[i]);
	}
	tree_build(&t, leaf, BIG);
	for (uint64_t n = 1; n <= BIG; n++) {
		naive_mth(leaf, 0, n, roots[n]);
		t.limit = n;
		assert_int_equal(tlog_root(get_node, &t, n, h), 0);
		assert_memory_equal(h, roots[n], TLOG_HASH);
		/* the first, middle and last leaves of every size */
		for (int j = 0; j < 3; j++) {
			uint64_t i = j == 0 ? 0 : j == 1 ? n / 2 : n - 1;

			assert_int_equal(tlog_inclusion_proof(get_node, &t, i, n, proof, TLOG_MAX_PROOF, &len), 0);
			wlen = 0;
			naive_path(leaf, i, 0, n, want, &wlen);
			assert_int_equal(len, wlen);
			assert_memory_equal(proof, want, (size_t)len * TLOG_HASH);
			assert_int_equal(tlog_verify_inclusion(i, n, leaf[i], (const hash_t *)proof, len, roots[n]), 0);
		}
	}
	/* every leaf of some sizes */
	for (size_t k = 0; k < sizeof(every_i) / sizeof(every_i[0]); k++) {
		uint64_t n = every_i[k];

		t.limit = n;
		for (uint64_t i = 0; i < n; i++) {
			assert_int_equal(tlog_inclusion_proof(get_node, &t, i, n, proof, TLOG_MAX_PROOF, &len), 0);
			assert_int_equal(tlog_verify_inclusion(i, n, leaf[i], (const hash_t *)proof, len, roots[n]), 0);
			assert_int_equal(tlog_verify_inclusion(i, n, leaf[(i + 1) % n], (const hash_t *)proof, len,
							       roots[n]), n == 1 ? 0 : -1);
			if (n == BIG) {
				wlen = 0;
				naive_path(leaf, i, 0, n, want, &wlen);
				assert_int_equal(len, wlen);
				assert_memory_equal(proof, want, (size_t)len * TLOG_HASH);
			}
		}
	}
	/* every older size of two sizes, and random pairs */
	for (uint64_t n = 777; n <= BIG; n += BIG - 777) {
		t.limit = n;
		for (uint64_t m = 1; m <= n; m++) {
			assert_int_equal(tlog_consistency_proof(get_node, &t, m, n, proof, TLOG_MAX_PROOF, &len), 0);
			wlen = 0;
			naive_subproof(leaf, m, 0, n, 1, want, &wlen);
			assert_int_equal(len, wlen);
			assert_memory_equal(proof, want, (size_t)len * TLOG_HASH);
			assert_int_equal(tlog_verify_consistency(m, n, roots[m], roots[n], (const hash_t *)proof, len), 0);
			if (m < n)
				assert_int_equal(tlog_verify_consistency(m, n, roots[m - 1 ? m - 1 : 2], roots[n],
									 (const hash_t *)proof, len), -1);
		}
	}
	for (int k = 0; k < 3000; k++) {
		uint64_t n = 1 + xorshift() % BIG, m = 1 + xorshift() % n;

		t.limit = n;
		assert_int_equal(tlog_consistency_proof(get_node, &t, m, n, proof, TLOG_MAX_PROOF, &len), 0);
		assert_int_equal(tlog_verify_consistency(m, n, roots[m], roots[n], (const hash_t *)proof, len), 0);
		if (len > 0) {
			flip(proof[xorshift() % (uint64_t)len], (int)(xorshift() % 8));
			assert_int_equal(tlog_verify_consistency(m, n, roots[m], roots[n], (const hash_t *)proof, len), -1);
		}
	}
	tree_free(&t);
}

static int cmp_node(const void *a, const void *b)
{
	const int *x = a, *y = b;

	return x[0] != y[0] ? x[0] - y[0] : x[1] - y[1];
}

/* The stored nodes a proof reads: exactly those of proof_test.go (where
 * "rehash" nodes are hashed together into one proof hash). */
static void nodes_read(void **state)
{
	static const struct {
		int consistency;
		uint64_t a, n;
		int count;
		int nodes[10][2];
	} want[] = {
		{ 0, 0, 7, 4, { { 0, 1 }, { 1, 1 }, { 0, 6 }, { 1, 2 } } },
		{ 0, 2, 7, 4, { { 0, 3 }, { 1, 0 }, { 0, 6 }, { 1, 2 } } },
		{ 0, 4, 7, 3, { { 0, 5 }, { 0, 6 }, { 2, 0 } } },
		{ 0, 6, 7, 2, { { 1, 2 }, { 2, 0 } } },
		{ 0, 3, 5, 3, { { 0, 2 }, { 1, 0 }, { 0, 4 } } },
		{ 0, 10, 15, 5, { { 0, 11 }, { 1, 4 }, { 0, 14 }, { 1, 6 }, { 3, 0 } } },
		{ 0, 24, 31, 6, { { 0, 25 }, { 1, 13 }, { 0, 30 }, { 1, 14 }, { 3, 2 }, { 4, 0 } } },
		{ 0, 81, 95, 8, { { 0, 80 }, { 1, 41 }, { 2, 21 }, { 0, 94 }, { 1, 46 }, { 2, 22 }, { 4, 4 }, { 6, 0 } } },
		{ 1, 1, 2, 1, { { 0, 1 } } },
		{ 1, 1, 6, 3, { { 0, 1 }, { 1, 1 }, { 1, 2 } } },
		{ 1, 2, 8, 2, { { 1, 1 }, { 2, 1 } } },
		{ 1, 3, 7, 5, { { 0, 2 }, { 0, 3 }, { 1, 0 }, { 0, 6 }, { 1, 2 } } },
		{ 1, 4, 7, 2, { { 0, 6 }, { 1, 2 } } },
		{ 1, 5, 7, 4, { { 0, 4 }, { 0, 5 }, { 0, 6 }, { 2, 0 } } },
		{ 1, 6, 7, 3, { { 1, 2 }, { 0, 6 }, { 2, 0 } } },
		{ 1, 7, 8, 4, { { 0, 6 }, { 0, 7 }, { 1, 2 }, { 2, 0 } } },
		{ 1, 3, 6, 4, { { 0, 2 }, { 0, 3 }, { 1, 0 }, { 1, 2 } } },
		{ 1, 10, 15, 5, { { 1, 4 }, { 1, 5 }, { 0, 14 }, { 1, 6 }, { 3, 0 } } },
		{ 1, 24, 31, 5, { { 3, 2 }, { 0, 30 }, { 1, 14 }, { 2, 6 }, { 4, 0 } } },
		{ 1, 81, 95, 9,
		  { { 0, 80 }, { 0, 81 }, { 1, 41 }, { 2, 21 }, { 0, 94 }, { 1, 46 }, { 2, 22 }, { 4, 4 }, { 6, 0 } } },
		{ 1, 8, 8, 0, { { 0 } } },
	};
	static hash_t leaf[100];
	hash_t proof[TLOG_MAX_PROOF];
	int log[64][2], len;
	struct tree t;

	for (int i = 0; i < 100; i++)
		tlog_leaf_hash(&i, sizeof(i), leaf[i]);
	tree_build(&t, leaf, 100);
	t.log = log;
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		int w[10][2];

		t.nlog = 0;
		t.limit = want[k].n;
		if (want[k].consistency)
			assert_int_equal(tlog_consistency_proof(get_node, &t, want[k].a, want[k].n, proof, TLOG_MAX_PROOF,
								&len), 0);
		else
			assert_int_equal(tlog_inclusion_proof(get_node, &t, want[k].a, want[k].n, proof, TLOG_MAX_PROOF,
							      &len), 0);
		assert_int_equal(t.nlog, want[k].count);
		memcpy(w, want[k].nodes, sizeof(w));
		qsort(w, (size_t)want[k].count, sizeof(w[0]), cmp_node);
		qsort(log, (size_t)t.nlog, sizeof(log[0]), cmp_node);
		assert_memory_equal(log, w, (size_t)t.nlog * sizeof(w[0]));
	}
	tree_free(&t);
}

/* Any perfect node of a tree of 2^64 - 1 leaves: a made-up hash, which is
 * consistent for the proofs below, whose roots read the same nodes. */
static int made_up_node(void *ctx, int level, uint64_t index, unsigned char out[TLOG_HASH])
{
	if (level < 0 || level > 63 || index >= UINT64_MAX >> level)
		return -1;
	memset(out, 0, TLOG_HASH);
	memcpy(out, &index, sizeof(index));
	out[8] = (unsigned char)level;
	(*(int *)ctx)++;
	return 0;
}

static void huge_tree(void **state)
{
	hash_t leaf, root, root_m, proof[TLOG_MAX_PROOF];
	uint64_t n = UINT64_MAX, m = (uint64_t)1 << 63;
	int len, reads = 0;

	assert_int_equal(tlog_root(made_up_node, &reads, n, root), 0);
	assert_int_equal(reads, 64); /* one node per bit of n */
	assert_int_equal(made_up_node(&reads, 0, n - 1, leaf), 0);
	assert_int_equal(tlog_inclusion_proof(made_up_node, &reads, n - 1, n, proof, TLOG_MAX_PROOF, &len), 0);
	assert_int_equal(len, 63);
	assert_int_equal(tlog_verify_inclusion(n - 1, n, leaf, (const hash_t *)proof, len, root), 0);
	assert_int_equal(tlog_verify_inclusion(n - 2, n, leaf, (const hash_t *)proof, len, root), -1);
	assert_int_equal(tlog_inclusion_proof(made_up_node, &reads, n - 1, n, proof, 62, &len), -1);

	assert_int_equal(tlog_root(made_up_node, &reads, m, root_m), 0);
	assert_int_equal(tlog_consistency_proof(made_up_node, &reads, m, n, proof, TLOG_MAX_PROOF, &len), 0);
	assert_int_equal(tlog_verify_consistency(m, n, root_m, root, (const hash_t *)proof, len), 0);
	m += m >> 1;
	assert_int_equal(tlog_root(made_up_node, &reads, m, root_m), 0);
	assert_int_equal(tlog_consistency_proof(made_up_node, &reads, m, n, proof, TLOG_MAX_PROOF, &len), 0);
	assert_int_equal(len, 3);
	assert_int_equal(tlog_verify_consistency(m, n, root_m, root, (const hash_t *)proof, len), 0);
	assert_int_equal(tlog_verify_consistency(m - 1, n, root_m, root, (const hash_t *)proof, len), -1);
	/* Beyond 2^63 leaves a consistency proof can need 65 hashes, more
	 * than TLOG_MAX_PROOF: refused, not written past the end. */
	m = ((uint64_t)1 << 63) + 1;
	assert_int_equal(tlog_consistency_proof(made_up_node, &reads, m, n, proof, TLOG_MAX_PROOF, &len), -1);
	assert_int_equal(len, 0);
	m = ((uint64_t)1 << 62) + 1; /* (2^63 leaves: the most, 64) */
	assert_int_equal(tlog_consistency_proof(made_up_node, &reads, m, (uint64_t)1 << 63, proof, TLOG_MAX_PROOF, &len), 0);
	assert_int_equal(len, TLOG_MAX_PROOF);
}

static void errors(void **state)
{
	struct tree t;
	hash_t leaf[8], h, proof[TLOG_MAX_PROOF];
	int len = 99;

	small_tree(&t, leaf);
	assert_int_equal(tlog_subtree_hash(get_node, &t, 3, 3, h), -1);
	assert_int_equal(tlog_subtree_hash(get_node, &t, 4, 3, h), -1);
	assert_int_equal(tlog_subtree_hash(get_node, &t, 0, 9, h), -1); /* node (0, 8) is not stored */
	assert_int_equal(tlog_inclusion_proof(get_node, &t, 8, 8, proof, TLOG_MAX_PROOF, &len), -1);
	assert_int_equal(len, 0);
	assert_int_equal(tlog_inclusion_proof(get_node, &t, 0, 0, proof, TLOG_MAX_PROOF, &len), -1);
	assert_int_equal(tlog_inclusion_proof(get_node, &t, 0, 8, proof, 2, &len), -1); /* needs 3 */
	assert_int_equal(tlog_inclusion_proof(get_node, &t, 0, 8, proof, 3, &len), 0);
	assert_int_equal(len, 3);
	assert_int_equal(tlog_inclusion_proof(get_node, &t, 0, 1, proof, 0, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(tlog_consistency_proof(get_node, &t, 0, 8, proof, TLOG_MAX_PROOF, &len), -1);
	assert_int_equal(tlog_consistency_proof(get_node, &t, 5, 4, proof, TLOG_MAX_PROOF, &len), -1);
	assert_int_equal(tlog_consistency_proof(get_node, &t, 3, 7, proof, 3, &len), -1); /* needs 4 */
	assert_int_equal(tlog_consistency_proof(get_node, &t, 3, 7, proof, 4, &len), 0);
	assert_int_equal(len, 4);
	assert_int_equal(tlog_consistency_proof(get_node, &t, 4, 4, proof, 0, &len), 0);
	assert_int_equal(len, 0);
	t.fail = 1;
	assert_int_equal(tlog_root(get_node, &t, 5, h), -1);
	assert_int_equal(tlog_root(get_node, &t, 0, h), 0); /* needs no node */
	assert_int_equal(tlog_inclusion_proof(get_node, &t, 1, 5, proof, TLOG_MAX_PROOF, &len), -1);
	assert_int_equal(tlog_consistency_proof(get_node, &t, 2, 5, proof, TLOG_MAX_PROOF, &len), -1);
	t.fail = 0;
	/* A size the nodes do not reach. */
	t.limit = 6;
	assert_int_equal(tlog_root(get_node, &t, 7, h), -1);
	assert_int_equal(tlog_root(get_node, &t, 6, h), 0);
	assert_hash(h, roots_hex[6]);
	t.limit = 0;
	/* Verification of what cannot be. */
	assert_int_equal(tlog_verify_inclusion(0, 0, leaf[0], NULL, 0, leaf[0]), -1);
	assert_int_equal(tlog_verify_inclusion(0, 1, leaf[0], NULL, 0, leaf[0]), 0);
	assert_int_equal(tlog_verify_inclusion(0, 1, leaf[0], NULL, -1, leaf[0]), -1);
	assert_int_equal(tlog_verify_inclusion(0, 2, leaf[0], NULL, 0, leaf[0]), -1);
	assert_int_equal(tlog_verify_inclusion(0, 1, leaf[0], (const hash_t *)proof, TLOG_MAX_PROOF + 1, leaf[0]), -1);
	tree_free(&t);
}

static void tile_paths(void **state)
{
	static const struct {
		int level;
		uint64_t n;
		int width;
		const char *path;
	} ok[] = {
		{ 0, 1234067, 8, "tile/0/x001/x234/067.p/8" },
		{ 1, 0, 256, "tile/1/000" },
		{ -1, 5, 256, "tile/entries/005" },
		{ -1, 1000, 255, "tile/entries/x001/000.p/255" },
		{ 2, 999, 1, "tile/2/999.p/1" },
		{ 7, 1000000, 256, "tile/7/x001/x000/000" },
		{ 63, UINT64_MAX, 256, "tile/63/x018/x446/x744/x073/x709/x551/615" },
		{ 10, 1001, 100, "tile/10/x001/001.p/100" },
	};
	char out[64];
	int level, width;
	uint64_t n;

	for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]); k++) {
		int len = tlog_tile_path(ok[k].level, ok[k].n, ok[k].width, out, sizeof(out));

		assert_int_equal(len, (int)strlen(ok[k].path));
		assert_string_equal(out, ok[k].path);
		assert_int_equal(tlog_tile_parse(ok[k].path + 5, &level, &n, &width), 0);
		assert_int_equal(level, ok[k].level);
		assert_true(n == ok[k].n);
		assert_int_equal(width, ok[k].width);
		/* exactly the room it needs, and not a byte less */
		assert_int_equal(tlog_tile_path(ok[k].level, ok[k].n, ok[k].width, out, (size_t)len + 1), len);
		assert_int_equal(tlog_tile_path(ok[k].level, ok[k].n, ok[k].width, out, (size_t)len), -1);
	}
	assert_int_equal(tlog_tile_path(-2, 0, 256, out, sizeof(out)), -1);
	assert_int_equal(tlog_tile_path(64, 0, 256, out, sizeof(out)), -1);
	assert_int_equal(tlog_tile_path(0, 0, 0, out, sizeof(out)), -1);
	assert_int_equal(tlog_tile_path(0, 0, 257, out, sizeof(out)), -1);
	assert_int_equal(tlog_tile_path(0, 0, -1, out, sizeof(out)), -1);
	assert_int_equal(tlog_tile_path(0, 0, 256, out, 0), -1);
}

static void tile_refused(void **state)
{
	static const char *const bad[] = {
		"", "0", "0/", "0/1", "0/01", "0/0001", "0/x001", "0/x000/001", "0/x000/x001/002", "0/x001/",
		"0/001/", "0/001.p/256", "0/001.p/0", "0/001.p/08", "0/001.p/", "0/001.p", "0/001.p/8/",
		"0/001.p/1000", "0/001.p/-1", "0/001.p/+8", "0/001.q/8", "0/001.p/8.p/8", "64/000", "99/000",
		"100/000", "-1/000", "00/000", "01/000", "+1/000", " 1/000", "0/X001/002", "0/x1/002", "0/xx001/002",
		"0/x001/x002", "0/001x", "0/001/002", "entries", "entries/", "entries/x000/000", "entries/001.p/256",
		"Entries/000", "data/000", "/0/000", "0//000", "0/000/", "0/000 ", "0/000\n", "tile/0/000",
		"0/x018/x446/x744/x073/x709/x551/616", "0/x018/x446/x744/x073/x709/x552/000",
		"0/x001/x018/x446/x744/x073/x709/x551/615", "0/x999/x999/x999/x999/x999/x999/x999/999", "0/+01",
		"0/ 01", "0/-01", "0/0x1", "0/abc",
	};
	int level = 7, width = 7;
	uint64_t n = 7;

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		if (tlog_tile_parse(bad[k], &level, &n, &width) != -1)
			fail_msg("accepted \"%s\"", bad[k]);
	}
	assert_int_equal(tlog_tile_parse(NULL, &level, &n, &width), -1);
	assert_int_equal(level, 7); /* untouched on failure */
	assert_true(n == 7);
	assert_int_equal(width, 7);
}

static void tile_round_trip(void **state)
{
	static const int levels[] = { -1, 0, 1, 2, 9, 10, 62, 63 };
	static const int widths[] = { 1, 2, 8, 99, 100, 254, 255, 256 };
	char out[64], again[64];

	for (int k = 0; k < 4000; k++) {
		uint64_t n = xorshift(), back;
		int level = levels[k % 8], width = widths[(k / 8) % 8], l, w;

		switch (k % 5) { /* all the sizes of numbers */
		case 0: n >>= xorshift() % 64; break;
		case 1: n %= 1000; break;
		case 2: n = (n % 3) * 1000 + (k % 2 ? 999 : 0); break;
		case 3: n = UINT64_MAX - n % 1000; break;
		default: break;
		}
		assert_true(tlog_tile_path(level, n, width, out, sizeof(out)) > 0);
		assert_memory_equal(out, "tile/", 5);
		assert_int_equal(tlog_tile_parse(out + 5, &l, &back, &w), 0);
		assert_int_equal(l, level);
		assert_true(back == n);
		assert_int_equal(w, width);
		assert_true(tlog_tile_path(l, back, w, again, sizeof(again)) > 0);
		assert_string_equal(again, out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hashes_and_roots),
		cmocka_unit_test(inclusion_known),
		cmocka_unit_test(consistency_known),
		cmocka_unit_test(big_tree),
		cmocka_unit_test(nodes_read),
		cmocka_unit_test(huge_tree),
		cmocka_unit_test(errors),
		cmocka_unit_test(tile_paths),
		cmocka_unit_test(tile_refused),
		cmocka_unit_test(tile_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
