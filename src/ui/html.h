/* html.h: the HTML writer.  User text reaches HTML only through here.
 *
 * html_fmt() appends to a buffer like printf, but its directives escape:
 *   %s  text, HTML-escaped (& < > " ' ); NULL prints nothing
 *   %r  raw, trusted HTML (rendered Markdown from the db, our own markup)
 *   %u  a URL path segment or query value, percent-encoded (then safe in
 *       an attribute)
 *   %d  int      %l  int64_t      %z  size_t      %%  a percent sign
 * Anything else is a programming error and prints "?". */
#ifndef WITAN_HTML_H
#define WITAN_HTML_H

#include <stddef.h>

#include "util/buf.h"
#include "util/markup.h" /* url_escape() */

void html_fmt(struct buf *b, const char *fmt, ...);
/* Escape s[0..n) for text or a quoted attribute value. */
void html_escape(struct buf *b, const char *s, size_t n);

#endif
