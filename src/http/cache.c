/* cache.c: the per-thread response cache (see cache.h). */
#include "http/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void entry_clear(struct cache_entry *e)
{
	free(e->key);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

void cache_check_version(struct cache *c, int64_t version)
{
	if (c->version == version)
		return;
	if (c->slots)
		for (size_t i = 0; i < CACHE_SLOTS; i++)
			entry_clear(&c->slots[i]);
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
		entry_clear(e);
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
	entry_clear(e);
	e->key = malloc(keylen + 1);
	e->body = malloc(len ? len : 1);
	if (!e->key || !e->body) {
		entry_clear(e);
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
	return e;
}

void cache_free(struct cache *c)
{
	cache_check_version(c, c->version + 1);
	free(c->slots);
	c->slots = NULL;
}

void cache_etag(const char *body, size_t len, char out[24])
{
	snprintf(out, 24, "\"%016llx\"", (unsigned long long)hash_bytes(body, len));
}
