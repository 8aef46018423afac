/* xml.h: the XML writer (Atom feeds, sitemaps).  User text reaches XML
 * only through here.
 *
 * xml_fmt() appends to a buffer like printf, but its directives escape:
 *   %s  text, escaped for element content and quoted attribute values
 *       (& < > " '), with the characters XML 1.0 forbids and any byte
 *       that is not UTF-8 dropped, so the output always parses; NULL
 *       prints nothing
 *   %r  raw, trusted markup (our own literals)
 *   %u  a URL path segment or query value, percent-encoded
 *   %d  int      %l  int64_t      %z  size_t      %%  a percent sign
 * Anything else is a programming error and prints "?". */
#ifndef WITAN_XML_H
#define WITAN_XML_H

#include "util/buf.h"

void xml_fmt(struct buf *b, const char *fmt, ...);
/* Append s escaped (see %s). */
void xml_escape(struct buf *b, const char *s);

#endif
