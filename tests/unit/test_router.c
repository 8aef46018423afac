/* test_router.c: unit tests for http/router (matching, decoding, params). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/router.h"

static int h_a(struct req *r) { return 1; }
static int h_b(struct req *r) { return 2; }
static int h_c(struct req *r) { return 3; }
static int h_d(struct req *r) { return 4; }
static int h_e(struct req *r) { return 5; }

static const struct route table[] = {
	{ "/", HTTP_GET, h_a, NULL, 0 },
	{ "/meetings/{id}", HTTP_GET, h_b, NULL, 0 },
	{ "/meetings/{id}/items/{id}", HTTP_GET, h_c, NULL, 0 },
	{ "/meetings/{id}.ics", HTTP_GET, h_d, NULL, 0 },
	{ "/documents/{id}/{name}", HTTP_GET, h_e, NULL, 0 },
	{ "/login", HTTP_POST, h_a, NULL, 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static const struct route *match(const char *path, enum http_method m, int64_t *ids, int *nid,
				 char *name, enum route_result *res)
{
	const struct route *rt = NULL;
	*res = router_match(table, path, m, &rt, ids, nid, name);
	return rt;
}

static void routes_match(void **state)
{
	int64_t ids[REQ_MAX_IDS];
	int nid;
	char name[256] = "";
	enum route_result res;
	const struct route *rt;

	rt = match("/", HTTP_GET, ids, &nid, name, &res);
	assert_int_equal(res, ROUTE_OK);
	assert_ptr_equal(rt->handler, h_a);

	rt = match("/meetings/42", HTTP_GET, ids, &nid, name, &res);
	assert_int_equal(res, ROUTE_OK);
	assert_ptr_equal(rt->handler, h_b);
	assert_int_equal(nid, 1);
	assert_int_equal(ids[0], 42);

	rt = match("/meetings/7/items/99", HTTP_GET, ids, &nid, name, &res);
	assert_ptr_equal(rt->handler, h_c);
	assert_int_equal(nid, 2);
	assert_int_equal(ids[1], 99);

	rt = match("/meetings/7.ics", HTTP_GET, ids, &nid, name, &res);
	assert_ptr_equal(rt->handler, h_d);
	assert_int_equal(ids[0], 7);

	rt = match("/documents/3/report.pdf", HTTP_GET, ids, &nid, name, &res);
	assert_ptr_equal(rt->handler, h_e);
	assert_string_equal(name, "report.pdf");
}

static void routes_reject(void **state)
{
	int64_t ids[REQ_MAX_IDS];
	int nid;
	char name[256];
	enum route_result res;
	const char *bad[] = {
		"/meetings/", "/meetings/0", "/meetings/-1", "/meetings/01", "/meetings/abc",
		"/meetings/1234567890123456", "/meetings/1/items", "/meetings/1/items/2/x",
		"/nothing", "", "//", "/documents/1/", "/meetings/.ics",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		match(bad[i], HTTP_GET, ids, &nid, name, &res);
		assert_int_equal(res, ROUTE_NOT_FOUND);
	}
	match("/login", HTTP_GET, ids, &nid, name, &res);
	assert_int_equal(res, ROUTE_BAD_METHOD);
	match("/meetings/1", HTTP_POST, ids, &nid, name, &res);
	assert_int_equal(res, ROUTE_BAD_METHOD);
}

static void decoding(void **state)
{
	char out[64];

	assert_int_equal(url_decode(out, "a%20b+c", 7, 1), 5);
	assert_string_equal(out, "a b c");
	assert_int_equal(url_decode(out, "a+b", 3, 0), 3);
	assert_string_equal(out, "a+b");
	assert_int_equal(url_decode(out, "%C2%A3", 6, 0), 2);
	assert_string_equal(out, "£");
	assert_int_equal(url_decode(out, "%zz", 3, 0), -1);
	assert_int_equal(url_decode(out, "%2", 2, 0), -1);
	assert_int_equal(url_decode(out, "%", 1, 0), -1);
	assert_int_equal(url_decode(out, "a%00b", 5, 0), -1);
	assert_int_equal(url_decode(out, "%C0%AF", 6, 0), -1);
}

static void params(void **state)
{
	struct param_spec month = { "month", P_MONTH, 0 };
	struct param_spec date = { "from", P_DATE, 0 };
	struct param_spec num = { "page", P_INT, 0 };
	struct param_spec text = { "q", P_TEXT, 5 };
	int64_t n = 0;

	assert_int_equal(param_check(&month, "2019-02", &n), 0);
	assert_int_equal(param_check(&month, "2019-13", &n), -1);
	assert_int_equal(param_check(&month, "2019-2", &n), -1);
	assert_int_equal(param_check(&month, "0999-01", &n), -1);
	assert_int_equal(param_check(&date, "2019-02-04", &n), 0);
	assert_int_equal(param_check(&date, "2019-02-40", &n), -1);
	assert_int_equal(param_check(&num, "17", &n), 0);
	assert_int_equal(n, 17);
	assert_int_equal(param_check(&num, "-1", &n), -1);
	assert_int_equal(param_check(&num, "", &n), -1);
	assert_int_equal(param_check(&num, "9999999999999999", &n), -1);
	assert_int_equal(param_check(&text, "hello", &n), 0);
	assert_int_equal(param_check(&text, "hello!", &n), -1);
	assert_int_equal(param_check(&text, "a\x01", &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_match),
		cmocka_unit_test(routes_reject),
		cmocka_unit_test(decoding),
		cmocka_unit_test(params),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
