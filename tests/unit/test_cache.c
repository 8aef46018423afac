/* test_cache.c: unit tests for http/cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/cache.h"

static void hit_miss_version_ttl(void **state)
{
	struct cache c = { 0 };
	const struct cache_entry *e;
	char big[CACHE_MAX_ENTRY + 1];

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
	memset(big, 'x', sizeof(big));
	assert_null(cache_put(&c, "/big", 4, big, sizeof(big), "text/plain", 2000));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hit_miss_version_ttl),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
