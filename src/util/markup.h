/* markup.h: the escaping core that the HTML writer (ui/html) and the XML
 * writer (util/xml) share: one escaper and one printf-like formatter,
 * each told which language it writes.  Call them through html_fmt() and
 * xml_fmt(); the directives are described there. */
#ifndef WITAN_MARKUP_H
#define WITAN_MARKUP_H

#include <stdarg.h>
#include <stddef.h>

#include "util/buf.h"

enum markup {
	MARKUP_HTML, /* & < > " ' escaped ( ' as &#39; ) */
	MARKUP_XML,  /* the same ( ' as &apos; ), and the characters XML 1.0
	              * forbids dropped, and bytes that are not UTF-8 */
};

/* Append s[0..n) escaped for text or a quoted attribute value. */
void markup_escape(struct buf *b, enum markup m, const char *s, size_t n);
/* Append fmt with its directives (%s %r %u %d %l %z %%) expanded. */
void markup_vfmt(struct buf *b, enum markup m, const char *fmt, va_list ap);
/* Percent-encode everything but unreserved characters (RFC 3986). */
void url_escape(struct buf *b, const char *s);
/* "name=value" (value URL-escaped) after the parameters of a query string
 * that started at b->data[start], "&" between them; nothing when value is
 * NULL.  (The result is raw: escape it for HTML.) */
void url_query_param(struct buf *b, size_t start, const char *name, const char *value);

#endif
