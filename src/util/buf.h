/* buf.h: the one growable byte buffer, used for all output.
 *
 * A buffer has a size cap and remembers its first error (out of memory or
 * cap exceeded).  After an error every append is a no-op, so a caller that
 * builds a whole page appends freely and checks buf.err once at the end.
 * The data is always NUL-terminated (when non-empty), so buf.data can be
 * passed where a C string is expected.
 *
 *   struct buf b;
 *   buf_init(&b, 1 << 20);
 *   buf_puts(&b, "hello");
 *   buf_printf(&b, " %d", 42);
 *   if (b.err) ...;
 *   buf_release(&b);
 */
#ifndef WITAN_BUF_H
#define WITAN_BUF_H

#include <stdarg.h>
#include <stddef.h>

enum buf_err { BUF_OK = 0, BUF_ENOMEM = 1, BUF_ETOOBIG = 2 };

struct buf {
	char *data;   /* NULL until the first append */
	size_t len;   /* bytes used, not counting the terminating NUL */
	size_t alloc; /* bytes allocated */
	size_t cap;   /* maximum len; 0 means BUF_DEFAULT_CAP */
	int err;      /* first error, enum buf_err */
};

#define BUF_DEFAULT_CAP ((size_t)64 << 20)
#define BUF_INIT { NULL, 0, 0, 0, 0 }

/* Initialise an empty buffer that will refuse to grow past cap bytes. */
void buf_init(struct buf *b, size_t cap);
/* Free the memory and return the buffer to its initial empty state. */
void buf_release(struct buf *b);
/* Forget the contents (and any error) but keep the memory. */
void buf_reset(struct buf *b);
/* Hand the data to the caller (who frees it) and reset the buffer.
 * Returns NULL on error or if empty and *len_out is set to the length. */
char *buf_detach(struct buf *b, size_t *len_out);
/* Make room for at least n more bytes; returns 0 or -1 (and sets err). */
int buf_grow(struct buf *b, size_t n);

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Shorten to len bytes (no-op if already shorter). */
void buf_truncate(struct buf *b, size_t len);

#endif
