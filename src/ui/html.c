/* html.c: the HTML writer (see html.h), over the escaping core it shares
 * with the XML writer (util/markup). */
#include "ui/html.h"

#include <stdarg.h>

#include "util/banned.h"

void html_escape(struct buf *b, const char *s, size_t n)
{
	markup_escape(b, MARKUP_HTML, s, n);
}

void html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	markup_vfmt(b, MARKUP_HTML, fmt, ap);
	va_end(ap);
}
