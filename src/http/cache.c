/* cache.c: the per-thread response cache (see cache.h). */
#include "http/cache.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <brotli/encode.h>
#include <zlib.h>

#include "util/banned.h"

/* FNV-1a, 64 bit. */
static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t entry_bytes(const struct cache_entry *e)
{
	size_t n = e->key ? strlen(e->key) + 1 + e->len : 0;

	for (int i = 0; i < ENC_N; i++)
		n += e->enc[i] ? e->enc_len[i] : 0;
	return n;
}

/* An entry's body and encodings are held: counted references, so that
 * an answer being sent keeps its bytes when the entry is dropped. */
struct held {
	size_t refs;
	max_align_t align[];       /* the bytes, aligned as malloc's */
};

static char *held_alloc(size_t n)
{
	struct held *h = malloc(sizeof(*h) + (n ? n : 1));

	if (!h)
		return NULL;
	h->refs = 1;
	return (char *)h->align;
}

static struct held *held_of(const char *p)
{
	return (struct held *)(void *)(p - offsetof(struct held, align));
}

void cache_hold(const char *bytes)
{
	held_of(bytes)->refs++;
}

void cache_release(const char *bytes)
{
	struct held *h = bytes ? held_of(bytes) : NULL;

	if (h && --h->refs == 0)
		free(h);
}

static void entry_free(struct cache_entry *e)
{
	free(e->key);
	cache_release(e->body);
	for (int i = 0; i < ENC_N; i++)
		cache_release(e->enc[i]);
	memset(e, 0, sizeof(*e));
}

static void entry_clear(struct cache *c, struct cache_entry *e)
{
	c->bytes -= entry_bytes(e);
	entry_free(e);
}

static void cache_empty(struct cache *c)
{
	if (c->slots)
		for (size_t i = 0; i < CACHE_SLOTS; i++)
			entry_clear(c, &c->slots[i]);
}

/* Whether answers of this type are worth compressing (text). */
static int compressible(const char *type)
{
	return strncmp(type, "text/", 5) == 0 || strncmp(type, "application/json", 16) == 0 ||
	       strncmp(type, "application/xml", 15) == 0 || strncmp(type, "application/atom+xml", 20) == 0 ||
	       strncmp(type, "image/svg+xml", 13) == 0;
}

/* gzip of in (RFC 1952, zlib's level 6), held into *out; 0 or -1. */
static int gzip_of(const char *in, size_t len, char **out, size_t *out_len)
{
	z_stream z = { 0 };
	size_t cap;
	int rc;

	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, len);
	if (!(*out = held_alloc(cap))) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)*out;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		cache_release(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* brotli of in (quality 5: about as fast as gzip's 6, a tenth smaller),
 * held into *out; 0 or -1. */
static int brotli_of(const char *in, size_t len, char **out, size_t *out_len)
{
	size_t cap = BrotliEncoderMaxCompressedSize(len);

	if (!cap || !(*out = held_alloc(cap)))
		return -1;
	*out_len = cap;
	if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, len, (const uint8_t *)in, out_len,
				   (uint8_t *)*out)) {
		cache_release(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The entry's encodings, each kept only if smaller than the body. */
static void encode(struct cache_entry *e)
{
	if (e->len < 256 || !compressible(e->content_type))
		return;
	if (gzip_of(e->body, e->len, &e->enc[ENC_GZIP], &e->enc_len[ENC_GZIP]) == 0 &&
	    e->enc_len[ENC_GZIP] >= e->len) {
		cache_release(e->enc[ENC_GZIP]);
		e->enc[ENC_GZIP] = NULL;
	}
	if (brotli_of(e->body, e->len, &e->enc[ENC_BR], &e->enc_len[ENC_BR]) == 0 && e->enc_len[ENC_BR] >= e->len) {
		cache_release(e->enc[ENC_BR]);
		e->enc[ENC_BR] = NULL;
	}
}

/* Whether the Accept-Encoding header a accepts the coding name: listed,
 * and not with q=0 (RFC 9110, 12.5.3; "*" counts for any). */
static int accepts(const char *a, const char *name)
{
	size_t n = strlen(name);
	int star = 0;

	for (const char *p = a; p && *p;) {
		const char *end = strchr(p, ','), *semi;
		size_t len;
		int zero = 0;

		if (!end)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(end - p));
		len = (size_t)((semi ? semi : end) - p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (semi) {
			const char *q = semi + 1;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q + 1 < end && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
				q += 2;
				zero = 1;
				for (; q < end && *q != ' '; q++)
					if (*q != '0' && *q != '.')
						zero = 0;
			}
		}
		if (len == n && strncasecmp(p, name, n) == 0)
			return !zero;
		if (len == 1 && *p == '*')
			star = !zero;
		p = *end ? end + 1 : end;
	}
	return star;
}

enum cache_encoding cache_pick_encoding(const struct cache_entry *e, const char *accept)
{
	if (!accept)
		return ENC_IDENTITY;
	if (e->enc[ENC_BR] && accepts(accept, "br"))
		return ENC_BR;
	if (e->enc[ENC_GZIP] && accepts(accept, "gzip"))
		return ENC_GZIP;
	return ENC_IDENTITY;
}

void cache_check_version(struct cache *c, int64_t version)
{
	if (c->version == version)
		return;
	cache_empty(c);
	c->version = version;
}

const struct cache_entry *cache_get(struct cache *c, const char *key, size_t keylen, time_t now)
{
	uint64_t h;
	struct cache_entry *e;

	if (!c->slots)
		return NULL;
	h = hash_bytes(key, keylen);
	e = &c->slots[h % CACHE_SLOTS];
	if (!e->key || e->hash != h || strlen(e->key) != keylen || memcmp(e->key, key, keylen) != 0)
		return NULL;
	if (now - e->at >= CACHE_TTL || now < e->at) {
		entry_clear(c, e);
		return NULL;
	}
	return e;
}

const struct cache_entry *cache_put(struct cache *c, const char *key, size_t keylen,
				    const char *body, size_t len, const char *content_type, time_t now)
{
	uint64_t h = hash_bytes(key, keylen);
	struct cache_entry *e;

	if (len > CACHE_MAX_ENTRY)
		return NULL;
	if (!c->slots && !(c->slots = calloc(CACHE_SLOTS, sizeof(*c->slots))))
		return NULL;
	e = &c->slots[h % CACHE_SLOTS];
	entry_clear(c, e);
	if (c->bytes + keylen + 1 + len + len / 2 > CACHE_BUDGET) /* (with room for its encodings) */
		cache_empty(c);
	e->key = malloc(keylen + 1);
	e->body = held_alloc(len);
	if (!e->key || !e->body) {
		entry_free(e);
		return NULL;
	}
	memcpy(e->key, key, keylen);
	e->key[keylen] = '\0';
	memcpy(e->body, body, len);
	e->len = len;
	e->hash = h;
	snprintf(e->content_type, sizeof(e->content_type), "%s", content_type);
	e->at = now;
	cache_etag(body, len, e->etag);
	encode(e);
	c->bytes += entry_bytes(e);
	return e;
}

void cache_free(struct cache *c)
{
	cache_empty(c);
	free(c->slots);
	c->slots = NULL;
}

void cache_etag(const char *body, size_t len, char out[24])
{
	snprintf(out, 24, "\"%016llx\"", (unsigned long long)hash_bytes(body, len));
}
