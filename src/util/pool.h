/* pool.h: strings kept until the pool is released, for code that makes
 * many small strings and frees them all at once (the demo record, data
 * files).
 *
 * Like a buf, a pool remembers running out of memory: a call that fails
 * returns "" and sets oom, so the caller goes on and checks oom once.
 *
 *   struct pool p = POOL_INIT;
 *   const char *s = pool_printf(&p, "CAB-%04d-%03d", year, n);
 *   if (p.oom) ...;
 *   pool_release(&p);
 */
#ifndef WITAN_POOL_H
#define WITAN_POOL_H

#include <stddef.h>

#include "util/buf.h"

struct pool {
	char **v;
	size_t n, alloc;
	int oom;
};

#define POOL_INIT { NULL, 0, 0, 0 }

/* b's text (b released); "" for an empty b. */
const char *pool_keep(struct pool *p, struct buf *b);
const char *pool_printf(struct pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first n bytes of s. */
const char *pool_strndup(struct pool *p, const char *s, size_t n);
/* Free every string kept. */
void pool_release(struct pool *p);

#endif
