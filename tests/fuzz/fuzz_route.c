/* fuzz_route.c: libFuzzer target for route matching with parameters
 * (http/router's router_match) over the site's own table
 * (routes/routes.def).  The first byte picks the method, the rest is the
 * decoded path.  Checked: a match's pattern, with its {id}s written as the
 * ids found and its {name} as the name found, is the path again; ids are
 * positive and names non-empty without '/'; a path that matches nothing
 * for one method is BAD_METHOD or NOT_FOUND consistently. */
/* FUZZ_SRCS: src/http/router.c src/util/utf8.c src/util/buf.c */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"
#include "util/buf.h"

static int h(struct req *r) { (void)r; return 200; }

#define GET (HTTP_GET | HTTP_HEAD)
static const struct route table[] = {
#define ROUTE(pattern, methods, handler, params, flags) { pattern, methods, h, NULL, flags },
#include "routes/routes.def"
#undef ROUTE
	{ NULL, 0, NULL, NULL, 0 },
};

/* The path rt's pattern names with these ids and name. */
static void rebuild(struct buf *b, const char *pat, const int64_t *ids, int nid, const char *name)
{
	int k = 0;

	while (*pat) {
		if (strncmp(pat, "{id}", 4) == 0) {
			if (k >= nid)
				abort();
			buf_printf(b, "%" PRId64, ids[k++]);
			pat += 4;
		} else if (strncmp(pat, "{name}", 6) == 0) {
			buf_puts(b, name);
			pat += 6;
		} else {
			buf_putc(b, *pat++);
		}
	}
	if (k != nid)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum http_method methods[] = { HTTP_GET, HTTP_POST };
	enum http_method m;
	char *path, *name;
	const struct route *rt = NULL;
	int64_t ids[REQ_MAX_IDS];
	int nid = 0;
	enum route_result res;

	if (size < 1)
		return 0;
	m = methods[data[0] & 1];
	path = malloc(size);
	name = malloc(size);
	if (!path || !name)
		goto out;
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	name[0] = '\0';
	res = router_match(table, path, m, &rt, ids, &nid, name);
	if (res == ROUTE_OK) {
		struct buf b = BUF_INIT;

		if (!rt || !(rt->methods & m) || nid < 0 || nid > REQ_MAX_IDS)
			abort();
		for (int i = 0; i < nid; i++)
			if (ids[i] <= 0)
				abort();
		if (strstr(rt->pattern, "{name}") && (!name[0] || strchr(name, '/')))
			abort();
		rebuild(&b, rt->pattern, ids, nid, name);
		if (b.err || strcmp(b.data ? b.data : "", path) != 0)
			abort();
		buf_release(&b);
	} else if (res == ROUTE_BAD_METHOD) {
		if (!rt || (rt->methods & m))
			abort();
	} else if (res != ROUTE_NOT_FOUND) {
		abort();
	}
out:
	free(path);
	free(name);
	return 0;
}
