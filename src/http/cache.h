/* cache.h: a per-thread cache of rendered responses.
 *
 * Public pages are pure functions of the database and the clock, so a
 * rendered page can be served again until the database changes (its data
 * version moves) or it grows old (CACHE_TTL seconds, for pages that show
 * "upcoming" meetings).  Direct-mapped: a new entry replaces whatever was
 * in its slot.  Memory is bounded by bytes, not slots: entries (with
 * their encodings) take at most CACHE_BUDGET bytes a thread; one that
 * would pass it empties the cache first.  An answer of up to
 * CACHE_MAX_ENTRY is kept (a first page of OParl meetings of 1.4 MB,
 * a calendar of 1.3 MB: the answers pollers fetch most).
 * Nothing here is shared between threads or processes. */
#ifndef WITAN_CACHE_H
#define WITAN_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CACHE_SLOTS 1024
#define CACHE_MAX_ENTRY (4 << 20)
#define CACHE_BUDGET (32 << 20)
#define CACHE_TTL 60

/* An answer's encodings: as rendered, gzip, brotli. */
enum cache_encoding { ENC_IDENTITY, ENC_GZIP, ENC_BR, ENC_N };

struct cache_entry {
	uint64_t hash;
	char *key;
	char *body;
	size_t len;
	/* Made once when the entry is stored, for text of 256 bytes or more,
	 * each kept only if smaller (NULL otherwise): sent to clients that
	 * accept them, with Vary: Accept-Encoding. */
	char *enc[ENC_N];          /* [ENC_IDENTITY] unused: body */
	size_t enc_len[ENC_N];
	char content_type[64];
	char etag[24];             /* of the body; an encoding's adds -gz or -br */
	time_t at;
};

struct cache {
	struct cache_entry *slots;  /* CACHE_SLOTS, allocated on first store */
	int64_t version;            /* data version the entries belong to */
	size_t bytes;               /* held by the entries, at most CACHE_BUDGET */
};

/* Forget everything if the data version moved. */
void cache_check_version(struct cache *c, int64_t version);
/* The live entry for key, or NULL. */
const struct cache_entry *cache_get(struct cache *c, const char *key, size_t keylen, time_t now);
/* Store a copy of body under key (ignored if too large or out of memory);
 * fills etag in the stored entry and returns it, or NULL. */
const struct cache_entry *cache_put(struct cache *c, const char *key, size_t keylen,
				    const char *body, size_t len, const char *content_type, time_t now);
void cache_free(struct cache *c);
/* An entry's body and encodings (e->body, e->enc[i]) outlive the entry
 * while held: cache_hold takes a reference to them for an answer being
 * sent, cache_release gives it back (the last frees them).  Per thread,
 * as the cache: no locking. */
void cache_hold(const char *bytes);
void cache_release(const char *bytes);
/* The ETag of a body (quoted, into out): what cache_put gives its entry,
 * so that an answer has the same ETag with the page cache on or off. */
void cache_etag(const char *body, size_t len, char out[24]);
/* The encoding of e to send for an Accept-Encoding header (NULL: none):
 * brotli, else gzip, among those e has and the client accepts (a coding
 * with q=0 is refused), else ENC_IDENTITY. */
enum cache_encoding cache_pick_encoding(const struct cache_entry *e, const char *accept);

#endif
