/* test_cache.c: unit tests for http/cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/cache.h"

static void hit_miss_version_ttl(void **state)
{
	struct cache c = { 0 };
	const struct cache_entry *e;
	char *big = malloc(CACHE_MAX_ENTRY + 1);

	assert_null(cache_get(&c, "/a", 2, 1000));
	e = cache_put(&c, "/a", 2, "<p>A</p>", 8, "text/html", 1000);
	assert_non_null(e);
	assert_int_equal(e->etag[0], '"');
	e = cache_get(&c, "/a", 2, 1001);
	assert_non_null(e);
	assert_int_equal(e->len, 8);
	assert_memory_equal(e->body, "<p>A</p>", 8);
	assert_string_equal(e->content_type, "text/html");
	/* A different key, or a prefix of it, misses. */
	assert_null(cache_get(&c, "/", 1, 1001));
	assert_null(cache_get(&c, "/ab", 3, 1001));
	/* Old entries expire. */
	assert_null(cache_get(&c, "/a", 2, 1000 + CACHE_TTL));
	/* A new data version empties the cache. */
	cache_put(&c, "/a", 2, "x", 1, "text/plain", 2000);
	assert_non_null(cache_get(&c, "/a", 2, 2000));
	cache_check_version(&c, 7);
	assert_null(cache_get(&c, "/a", 2, 2000));
	/* Same version: kept. */
	cache_put(&c, "/a", 2, "x", 1, "text/plain", 2000);
	cache_check_version(&c, 7);
	assert_non_null(cache_get(&c, "/a", 2, 2000));
	/* Too large to keep. */
	assert_non_null(big);
	memset(big, 'x', CACHE_MAX_ENTRY + 1);
	assert_null(cache_put(&c, "/big", 4, big, CACHE_MAX_ENTRY + 1, "text/plain", 2000));
	free(big);
	/* Different bodies get different etags. */
	{
		char t1[24], t2[24];
		e = cache_put(&c, "/1", 2, "one", 3, "text/plain", 2000);
		memcpy(t1, e->etag, sizeof(t1));
		e = cache_put(&c, "/2", 2, "two", 3, "text/plain", 2000);
		memcpy(t2, e->etag, sizeof(t2));
		assert_string_not_equal(t1, t2);
	}
	cache_free(&c);
}

/* The entries never hold more than CACHE_BUDGET bytes; the newest is kept. */
static void bounded_by_bytes(void **state)
{
	struct cache c = { 0 };
	size_t len = CACHE_MAX_ENTRY;
	char *body = malloc(len), key[32];

	assert_non_null(body);
	for (size_t i = 0; i < len; i++)
		body[i] = (char)('a' + (i * 7919 % 26)); /* text that compresses only so far */
	for (int i = 0; i < 40; i++) {
		snprintf(key, sizeof(key), "/page/%d", i);
		assert_non_null(cache_put(&c, key, strlen(key), body, len, "text/plain", 1000));
		assert_true(c.bytes <= CACHE_BUDGET);
		assert_non_null(cache_get(&c, key, strlen(key), 1000));
	}
	cache_free(&c);
	assert_int_equal(c.bytes, 0);
	free(body);
}

/* Text of 256 bytes or more gets smaller gzip and brotli encodings; the
 * encoding sent follows Accept-Encoding (brotli first, q=0 refuses). */
static void encodings(void **state)
{
	struct cache c = { 0 };
	char page[4096];
	const struct cache_entry *e, *small, *pdf;

	for (size_t i = 0; i < sizeof(page); i++)
		page[i] = "<p>The Panel noted the report.</p>\n"[i % 36];
	e = cache_put(&c, "/p", 2, page, sizeof(page), "text/html; charset=utf-8", 1000);
	assert_non_null(e);
	assert_non_null(e->enc[ENC_GZIP]);
	assert_non_null(e->enc[ENC_BR]);
	assert_true(e->enc_len[ENC_GZIP] < sizeof(page) && e->enc_len[ENC_BR] < sizeof(page));
	assert_memory_equal(e->enc[ENC_GZIP], "\x1f\x8b", 2); /* gzip's magic */
	assert_int_equal(cache_pick_encoding(e, NULL), ENC_IDENTITY);
	assert_int_equal(cache_pick_encoding(e, "gzip, deflate, br"), ENC_BR);
	assert_int_equal(cache_pick_encoding(e, "gzip"), ENC_GZIP);
	assert_int_equal(cache_pick_encoding(e, "br;q=0, gzip;q=0.5"), ENC_GZIP);
	assert_int_equal(cache_pick_encoding(e, "br; q=0.0, gzip;q=0"), ENC_IDENTITY);
	assert_int_equal(cache_pick_encoding(e, "*"), ENC_BR);
	assert_int_equal(cache_pick_encoding(e, "*;q=0"), ENC_IDENTITY);
	assert_int_equal(cache_pick_encoding(e, "identity"), ENC_IDENTITY);
	assert_int_equal(cache_pick_encoding(e, "xbr, gzipped"), ENC_IDENTITY);
	assert_int_equal(cache_pick_encoding(e, "BR"), ENC_BR);
	small = cache_put(&c, "/s", 2, "<p>short</p>", 12, "text/html", 1000);
	assert_null(small->enc[ENC_GZIP]);
	assert_int_equal(cache_pick_encoding(small, "br, gzip"), ENC_IDENTITY);
	pdf = cache_put(&c, "/d", 2, page, sizeof(page), "application/pdf", 1000);
	assert_null(pdf->enc[ENC_BR]);
	cache_free(&c);
}

/* A body being sent outlives its entry: dropped by a new data version,
 * replaced in its slot, or the cache freed (ASan: no use after free, no
 * leak once released). */
static void held_outlives_entry(void **state)
{
	struct cache c = { 0 };
	char page[2048];
	const struct cache_entry *e;
	const char *body, *br;
	char br_copy[2048];
	size_t br_len;

	(void)state;
	for (size_t i = 0; i < sizeof(page); i++)
		page[i] = "<li>Minutes of the meeting</li>\n"[i % 32];
	e = cache_put(&c, "/h", 2, page, sizeof(page), "text/html", 1000);
	assert_non_null(e);
	body = e->body;
	br = e->enc[ENC_BR];
	br_len = e->enc_len[ENC_BR];
	assert_non_null(br);
	assert_true(br_len > 0 && br_len < sizeof(br_copy));
	memcpy(br_copy, br, br_len);
	cache_hold(body);
	cache_hold(br);
	cache_check_version(&c, 2);    /* the record changed: every entry dropped */
	assert_null(cache_get(&c, "/h", 2, 1001));
	e = cache_put(&c, "/h", 2, "<p>new</p>", 10, "text/html", 1001);
	assert_memory_equal(e->body, "<p>new</p>", 10);
	assert_memory_equal(body, page, sizeof(page));
	cache_free(&c);
	assert_memory_equal(body, page, sizeof(page));
	assert_memory_equal(br, br_copy, br_len);
	cache_release(body);
	cache_release(br);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hit_miss_version_ttl),
		cmocka_unit_test(bounded_by_bytes),
		cmocka_unit_test(encodings),
		cmocka_unit_test(held_outlives_entry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
