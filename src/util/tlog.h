/* tlog.h: the Merkle tree of a transparency log, as RFC 6962 (and RFC
 * 9162, section 2.1) define it, and the tile layout of C2SP tlog-tiles.
 *
 * A leaf's hash is SHA-256(0x00 || entry), a node's SHA-256(0x01 || left
 * || right); the tree of n leaves splits at the largest power of two
 * smaller than n.  The log keeps the hash of every perfect subtree it has
 * completed, "node (level, index)": the 2^level leaves from index *
 * 2^level on (level 0: the leaf hashes).  Every other hash (a root, a
 * proof's) is computed from those, through a function the caller gives
 * (db/log.c reads them from the database; tests from an array).
 *
 * Pure computation: no I/O, no allocation.  SHA-256 is libsodium's. */
#ifndef WITAN_TLOG_H
#define WITAN_TLOG_H

#include <stddef.h>
#include <stdint.h>

#define TLOG_HASH 32              /* bytes of a hash */
#define TLOG_TILE_HEIGHT 8        /* tree levels a tile spans */
#define TLOG_TILE_WIDTH 256       /* hashes (or entries) in a full tile */
#define TLOG_MAX_PROOF 64         /* hashes in any proof of a tree of at most 2^63 leaves
				   * (beyond, a consistency proof can need 65) */

/* SHA-256(0x00 || entry). */
void tlog_leaf_hash(const void *entry, size_t n, unsigned char out[TLOG_HASH]);
/* SHA-256(0x01 || left || right). */
void tlog_node_hash(const unsigned char left[TLOG_HASH], const unsigned char right[TLOG_HASH],
		    unsigned char out[TLOG_HASH]);

/* The stored hash of node (level, index) into out: 0, or -1 when it
 * cannot be had (then the caller's error is kept by the caller). */
typedef int (*tlog_node_fn)(void *ctx, int level, uint64_t index, unsigned char out[TLOG_HASH]);

/* MTH(D[lo:hi]), 0 <= lo < hi, from stored nodes (a perfect, aligned
 * range is one node; any other is split as RFC 6962 splits it): 0 or -1.
 * The ranges of roots and proofs start at a multiple of a power of two
 * at least hi - lo and read at most two nodes a level; a range that does
 * not can read up to hi - lo leaves. */
int tlog_subtree_hash(tlog_node_fn get, void *ctx, uint64_t lo, uint64_t hi, unsigned char out[TLOG_HASH]);
/* The root of the tree of the first n leaves (n = 0: SHA-256 of the
 * empty string): 0 or -1. */
int tlog_root(tlog_node_fn get, void *ctx, uint64_t n, unsigned char out[TLOG_HASH]);

/* The inclusion proof of leaf i in the tree of size n (i < n), RFC 9162
 * 2.1.3.1, bottom up: *len hashes into proof (at most max): 0 or -1. */
int tlog_inclusion_proof(tlog_node_fn get, void *ctx, uint64_t i, uint64_t n, unsigned char proof[][TLOG_HASH],
			 int max, int *len);
/* The consistency proof from size m to size n (0 < m <= n), RFC 9162
 * 2.1.4.1: *len hashes (none when m == n): 0 or -1. */
int tlog_consistency_proof(tlog_node_fn get, void *ctx, uint64_t m, uint64_t n, unsigned char proof[][TLOG_HASH],
			   int max, int *len);

/* RFC 9162 2.1.3.2: whether leaf (a leaf hash) is leaf i of the tree of
 * size n whose root is root, by proof: 0 yes, -1 no. */
int tlog_verify_inclusion(uint64_t i, uint64_t n, const unsigned char leaf[TLOG_HASH],
			  const unsigned char proof[][TLOG_HASH], int len, const unsigned char root[TLOG_HASH]);
/* RFC 9162 2.1.4.2: whether the tree of size n and root root_n extends
 * the tree of size m and root root_m, by proof: 0 yes, -1 no.  m == n
 * needs equal roots and no proof; m == 0 is refused (any tree extends
 * the empty one: the caller decides that case). */
int tlog_verify_consistency(uint64_t m, uint64_t n, const unsigned char root_m[TLOG_HASH],
			    const unsigned char root_n[TLOG_HASH], const unsigned char proof[][TLOG_HASH], int len);

/* The path of a tile under the log's prefix (C2SP tlog-tiles):
 * "tile/<L>/<N>" for the hashes of level L (level -1: the entry bundle,
 * "tile/entries/<N>"), N written in groups of three digits, all but the
 * last prefixed with x ("x001/x234/067"), and ".p/<W>" for a partial tile
 * of width W (1..255; 256 is full).  The length, or -1 if out is too small
 * or a value is out of range. */
int tlog_tile_path(int level, uint64_t n, int width, char *out, size_t len);
/* The reverse, of the path after "tile/" ("0/x001/x234/067.p/8",
 * "entries/000"): 0 with level (-1 for entries, else 0..63), n and width
 * (256 for a full tile), or -1 for anything else, a non-canonical form
 * included (a missing x, a group not of three digits, a leading group of
 * "x000", a width of 0 or 256 after ".p/"). */
int tlog_tile_parse(const char *path, int *level, uint64_t *n, int *width);

#endif
