/* pool.c: strings kept until the pool is released (see pool.h). */
#include "util/pool.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

const char *pool_keep(struct pool *p, struct buf *b)
{
	char *s = b->err ? NULL : b->len ? buf_detach(b, NULL) : strdup("");

	buf_release(b);
	if (s && p->n == p->alloc) {
		char **v = realloc(p->v, (p->alloc * 2 + 256) * sizeof(*v));

		if (v) {
			p->v = v;
			p->alloc = p->alloc * 2 + 256;
		} else {
			free(s);
			s = NULL;
		}
	}
	if (!s) {
		p->oom = 1;
		return "";
	}
	return p->v[p->n++] = s;
}

const char *pool_printf(struct pool *p, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return pool_keep(p, &b);
}

const char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	struct buf b = BUF_INIT;

	buf_append(&b, s, strnlen(s, n));
	return pool_keep(p, &b);
}

void pool_release(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	*p = (struct pool)POOL_INIT;
}
