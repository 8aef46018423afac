/* xml.c: the XML writer (see xml.h), over the escaping core it shares
 * with the HTML writer (util/markup). */
#include "util/xml.h"

#include <stdarg.h>
#include <string.h>

#include "util/markup.h"
#include "util/banned.h"

void xml_escape(struct buf *b, const char *s)
{
	if (s)
		markup_escape(b, MARKUP_XML, s, strlen(s));
}

void xml_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	markup_vfmt(b, MARKUP_XML, fmt, ap);
	va_end(ap);
}
