/* fuzz_request.c: libFuzzer target for a request as the server reads it:
 * the request line and headers parsed as h2o parses them
 * (picohttpparser's phr_parse_request, which libh2o exports without a
 * header), then what Witan does with them (http/server.c's handle): an
 * absolute-form target cut to its path, the path split from the query,
 * percent-decoded and matched against the site's routes, each query
 * parameter decoded and checked against its route's specs, and the
 * session cookie looked up in the Cookie header.  Checked: the parser's
 * pieces lie inside the input; what is decoded has no NUL or control
 * character and is valid UTF-8; a cookie value found fits its buffer. */
/* FUZZ_SRCS: src/http/router.c src/http/cookie.c src/util/utf8.c */
/* FUZZ_PKGS: libh2o-evloop */
/* FUZZ_LIBS: -lssl -lcrypto */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/cookie.h"
#include "http/router.h"
#include "util/utf8.h"

struct phr_header {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
};
int phr_parse_request(const char *buf, size_t len, const char **method, size_t *method_len,
		      const char **path, size_t *path_len, int *minor_version,
		      struct phr_header *headers, size_t *num_headers, size_t last_len);

static int h(struct req *r) { (void)r; return 200; }

/* The site's routes, with every route given the search's parameters. */
static const struct param_spec params[] = {
	{ "q", P_TEXT, 200 }, { "page", P_INT, 0 }, { "month", P_MONTH, 0 }, { "from", P_DATE, 0 },
	{ NULL, 0, 0 },
};
#define GET (HTTP_GET | HTTP_HEAD)
static const struct route table[] = {
#define ROUTE(pattern, methods, handler, prm, flags) { pattern, methods, h, params, flags },
#include "routes/routes.def"
#undef ROUTE
	{ NULL, 0, NULL, NULL, 0 },
};

static int inside(const char *p, size_t n, const char *buf, size_t len)
{
	return n == 0 || (p >= buf && n <= len && (size_t)(p - buf) <= len - n);
}

static void query(const struct route *rt, const char *q, size_t qlen)
{
	const char *p = q, *end = q + qlen;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *pe = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(pe - p));
		char *name, *val;
		long nl, vl;
		int64_t num;

		if (!eq)
			eq = pe;
		name = malloc((size_t)(eq - p) + 1);
		val = malloc((size_t)(pe - eq) + 1);
		if (!name || !val)
			abort();
		nl = url_decode(name, p, (size_t)(eq - p), 1);
		vl = eq < pe ? url_decode(val, eq + 1, (size_t)(pe - eq - 1), 1) : (val[0] = '\0', 0);
		if (nl >= 0 && vl >= 0) {
			if (strlen(name) != (size_t)nl || strlen(val) != (size_t)vl)
				abort();
			for (int i = 0; rt->params && rt->params[i].name; i++)
				if (strcmp(rt->params[i].name, name) == 0 && vl)
					param_check(&rt->params[i], val, &num);
		}
		free(name);
		free(val);
		p = amp ? amp + 1 : end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *method, *target;
	size_t mlen, tlen, nh = 100, plen, qat;
	struct phr_header hs[100];
	int minor, rc;
	char *path = NULL, *name = NULL, cookie[64];
	const char *qm;
	const struct route *rt;
	int64_t ids[REQ_MAX_IDS];
	int nid;

	rc = phr_parse_request(buf, size, &method, &mlen, &target, &tlen, &minor, hs, &nh, 0);
	if (rc <= 0)
		return 0;
	if ((size_t)rc > size || !inside(method, mlen, buf, size) || !inside(target, tlen, buf, size) ||
	    nh > 100)
		abort();
	for (size_t i = 0; i < nh; i++) {
		char *v;
		if (!inside(hs[i].value, hs[i].value_len, buf, size) ||
		    (hs[i].name && !inside(hs[i].name, hs[i].name_len, buf, size)))
			abort();
		if (!hs[i].name || hs[i].name_len != 6 || strncasecmp(hs[i].name, "cookie", 6) != 0)
			continue;
		if (!(v = malloc(hs[i].value_len + 1)))
			abort();
		memcpy(v, hs[i].value, hs[i].value_len);
		v[hs[i].value_len] = '\0';
		if (cookie_get(v, "witan_session", cookie, sizeof(cookie)) && strlen(cookie) >= sizeof(cookie))
			abort();
		free(v);
	}

	/* The absolute form, then the path and the query, as handle() does. */
	if (tlen > 8 && (strncasecmp(target, "http://", 7) == 0 || strncasecmp(target, "https://", 8) == 0)) {
		const char *p = memchr(target + 8, '/', tlen - 8);
		size_t skip = p ? (size_t)(p - target) : tlen;
		target += skip;
		tlen -= skip;
	}
	qm = memchr(target, '?', tlen);
	qat = qm ? (size_t)(qm - target) : SIZE_MAX;
	plen = qm ? qat : tlen;
	if (plen == 0 || target[0] != '/')
		return 0;
	path = malloc(plen + 1);
	name = malloc(plen + 1);
	if (!path || !name)
		abort();
	if (url_decode(path, target, plen, 0) < 0)
		goto out;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			goto out;
	if (!utf8_valid(path, strlen(path)))
		abort();
	if (router_match(table, path, HTTP_GET, &rt, ids, &nid, name) == ROUTE_OK && qm)
		query(rt, target + qat + 1, tlen - qat - 1);
out:
	free(path);
	free(name);
	return 0;
}
