/* req.c: the request's functions (req.h), over the server's own request
 * (h2o's, in r->impl): headers in and out, and memory that lives as long
 * as the request. */
#include "http/req.h"

#include <stdint.h>
#include <string.h>

#include <h2o.h>

#include "util/banned.h"

const char *req_header(struct req *r, const char *name)
{
	h2o_req_t *hr = r->impl;
	size_t n = strlen(name);

	for (size_t i = 0; i < hr->headers.size; i++) {
		h2o_header_t *h = hr->headers.entries + i;
		if (h->name->len == n && h2o_lcstris(h->name->base, n, name, n)) {
			char *v = h2o_mem_alloc_pool(&hr->pool, h->value.len + 1);
			memcpy(v, h->value.base, h->value.len);
			v[h->value.len] = '\0';
			return v;
		}
	}
	return NULL;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	h2o_req_t *hr = r->impl;
	h2o_iovec_t v = h2o_strdup(&hr->pool, value, SIZE_MAX);
	char *nm = h2o_strdup(&hr->pool, name, SIZE_MAX).base;

	h2o_add_header_by_str(&hr->pool, &hr->res.headers, nm, strlen(nm), 1, NULL, v.base, v.len);
}

void *req_alloc(struct req *r, size_t n)
{
	h2o_req_t *hr = r->impl;
	return h2o_mem_alloc_pool(&hr->pool, n);
}

char *req_strdup(struct req *r, const char *s)
{
	h2o_req_t *hr = r->impl;
	return s ? h2o_strdup(&hr->pool, s, SIZE_MAX).base : NULL;
}

int req_not_found(struct req *r, int rc, const char *missing)
{
	if (rc > 0)
		return 0;
	if (rc == 0)
		r->errmsg = missing;
	return rc < 0 ? 500 : 404;
}
