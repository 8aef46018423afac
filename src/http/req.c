/* req.c: the request's functions (req.h), over the server's own request
 * (h2o's, in r->impl): headers in and out, and memory that lives as long
 * as the request. */
#include "http/req.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <h2o.h>

#include "util/banned.h"

/* Memory of a detached request; like h2o's pools, it dies if there is none. */
static void *detached_alloc(struct req_detached *d, size_t n)
{
	void *p;

	if (d->nmem == d->memcap) {
		void **m = realloc(d->mem, (d->memcap = d->memcap ? d->memcap * 2 : 16) * sizeof(*m));
		if (!m)
			abort();
		d->mem = m;
	}
	if (!(p = malloc(n ? n : 1)))
		abort();
	return d->mem[d->nmem++] = p;
}

static char *detached_strdup(struct req_detached *d, const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(detached_alloc(d, n), s, n);
}

void req_detached_release(struct req_detached *d)
{
	for (size_t i = 0; i < d->nmem; i++)
		free(d->mem[i]);
	free(d->mem);
	free(d->in);
	free(d->out);
	memset(d, 0, sizeof(*d));
}

const char *req_header(struct req *r, const char *name)
{
	h2o_req_t *hr = r->impl;
	size_t n = strlen(name);

	if (!hr) {
		for (size_t i = 0; i < r->detached->nin; i++)
			if (strcasecmp(r->detached->in[i].name, name) == 0)
				return r->detached->in[i].value;
		return NULL;
	}
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
	h2o_iovec_t v;
	char *nm;

	if (!hr) {
		struct req_detached *d = r->detached;
		if (d->nout == d->outcap) {
			struct req_hdr *o = realloc(d->out, (d->outcap = d->outcap ? d->outcap * 2 : 8) * sizeof(*o));
			if (!o)
				abort();
			d->out = o;
		}
		d->out[d->nout].name = detached_strdup(d, name);
		d->out[d->nout++].value = detached_strdup(d, value);
		return;
	}
	v = h2o_strdup(&hr->pool, value, SIZE_MAX);
	nm = h2o_strdup(&hr->pool, name, SIZE_MAX).base;
	h2o_add_header_by_str(&hr->pool, &hr->res.headers, nm, strlen(nm), 1, NULL, v.base, v.len);
}

void *req_alloc(struct req *r, size_t n)
{
	h2o_req_t *hr = r->impl;
	return hr ? h2o_mem_alloc_pool(&hr->pool, n) : detached_alloc(r->detached, n);
}

char *req_strdup(struct req *r, const char *s)
{
	h2o_req_t *hr = r->impl;

	if (!s)
		return NULL;
	return hr ? h2o_strdup(&hr->pool, s, SIZE_MAX).base : detached_strdup(r->detached, s);
}

int req_not_found(struct req *r, int rc, const char *missing)
{
	if (rc > 0)
		return 0;
	if (rc == 0)
		r->errmsg = missing;
	return rc < 0 ? 500 : 404;
}
