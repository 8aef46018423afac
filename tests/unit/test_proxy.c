/* test_proxy.c: unit tests for http/proxy (the client behind a trusted
 * reverse proxy). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/proxy.h"

static const char *client(const struct proxy_set *ps, const char *peer, const char *xff)
{
	static char out[PROXY_ADDR_MAX];

	proxy_client(ps, peer, xff, xff ? strlen(xff) : 0, out);
	return out;
}

static void proxy_set_literals(void **state)
{
	struct proxy_set ps = { 0 };

	assert_int_equal(proxy_set_add(&ps, "127.0.0.1"), 0);
	assert_int_equal(proxy_set_add(&ps, "::1"), 0);
	assert_int_equal(proxy_set_add(&ps, "localhost"), -1);
	assert_int_equal(proxy_set_add(&ps, "10.0.0.0/8"), -1);
	assert_int_equal(proxy_set_add(&ps, ""), -1);
	assert_true(proxy_set_has(&ps, "127.0.0.1"));
	assert_true(proxy_set_has(&ps, "0:0:0:0:0:0:0:1"));
	assert_true(proxy_set_has(&ps, "::ffff:127.0.0.1"));
	assert_false(proxy_set_has(&ps, "127.0.0.2"));
	for (int i = 2; i < PROXY_MAX; i++)
		assert_int_equal(proxy_set_add(&ps, "10.1.1.1"), 0);
	assert_int_equal(proxy_set_add(&ps, "10.1.1.2"), -1);
}

static void proxy_client_choice(void **state)
{
	struct proxy_set ps = { 0 };

	assert_int_equal(proxy_set_add(&ps, "127.0.0.1"), 0);
	assert_int_equal(proxy_set_add(&ps, "10.0.0.2"), 0);
	/* from a trusted peer: the right-most untrusted address */
	assert_string_equal(client(&ps, "127.0.0.1", "203.0.113.7"), "203.0.113.7");
	assert_string_equal(client(&ps, "127.0.0.1", "198.51.100.1, 203.0.113.7"), "203.0.113.7");
	assert_string_equal(client(&ps, "127.0.0.1", "198.51.100.1, 203.0.113.7 ,10.0.0.2"), "203.0.113.7");
	assert_string_equal(client(&ps, "127.0.0.1", "2001:DB8::0:1"), "2001:db8::1");
	assert_string_equal(client(&ps, "127.0.0.1", "[2001:db8::1]"), "2001:db8::1");
	/* a spoofed left-most element does not matter */
	assert_string_equal(client(&ps, "127.0.0.1", "garbage, 203.0.113.7"), "203.0.113.7");
	/* only proxies: the left-most */
	assert_string_equal(client(&ps, "127.0.0.1", "10.0.0.2, 127.0.0.1"), "10.0.0.2");
	/* missing or malformed: the peer */
	assert_string_equal(client(&ps, "127.0.0.1", NULL), "127.0.0.1");
	assert_string_equal(client(&ps, "127.0.0.1", ""), "127.0.0.1");
	assert_string_equal(client(&ps, "127.0.0.1", "unknown"), "127.0.0.1");
	assert_string_equal(client(&ps, "127.0.0.1", "203.0.113.7:5555"), "127.0.0.1");
	assert_string_equal(client(&ps, "127.0.0.1", "203.0.113.7,"), "127.0.0.1");
	assert_string_equal(client(&ps, "127.0.0.1", "203.0.113.7, , 10.0.0.2"), "127.0.0.1");
	/* from any other peer the header is ignored */
	assert_string_equal(client(&ps, "192.0.2.9", "203.0.113.7"), "192.0.2.9");
	/* no proxies: never */
	ps.n = 0;
	assert_string_equal(client(&ps, "127.0.0.1", "203.0.113.7"), "127.0.0.1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(proxy_set_literals),
		cmocka_unit_test(proxy_client_choice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
