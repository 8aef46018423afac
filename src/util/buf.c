/* buf.c: the growable byte buffer (see buf.h). */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

void buf_init(struct buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : BUF_DEFAULT_CAP;
	b->err = BUF_OK;
}

void buf_release(struct buf *b)
{
	size_t cap = b->cap;
	free(b->data);
	buf_init(b, cap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = BUF_OK;
	if (b->data)
		b->data[0] = '\0';
}

char *buf_detach(struct buf *b, size_t *len_out)
{
	char *p = NULL;

	if (!b->err && b->data) {
		p = b->data;
		if (len_out)
			*len_out = b->len;
		b->data = NULL;
	} else if (len_out) {
		*len_out = 0;
	}
	buf_release(b);
	return p;
}

int buf_grow(struct buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : BUF_DEFAULT_CAP;
	size_t want, nalloc;
	char *p;

	if (b->err)
		return -1;
	if (n > cap || b->len > cap - n) {
		b->err = BUF_ETOOBIG;
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	nalloc = b->alloc ? b->alloc : 256;
	while (nalloc < want)
		nalloc = nalloc < ((size_t)1 << 30) ? nalloc * 2 : want;
	p = realloc(b->data, nalloc);
	if (!p) {
		b->err = BUF_ENOMEM;
		return -1;
	}
	b->data = p;
	b->alloc = nalloc;
	return 0;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	if (n == 0 || buf_grow(b, n) < 0)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	if (s)
		buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = BUF_ENOMEM;
		return;
	}
	if (buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}
