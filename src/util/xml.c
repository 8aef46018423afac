/* xml.c: the XML writer (see xml.h). */
#include "util/xml.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "util/banned.h"

void xml_escape(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *start = p;

	if (!s)
		return;
	for (; *p; p++) {
		const char *rep = NULL;
		size_t skip = 0;

		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			/* XML 1.0 Char: no C0 control but tab, LF, CR; no
			 * U+FFFE or U+FFFF (EF BF BE/BF). */
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				skip = 1;
			else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
				skip = 3;
			else
				continue;
		}
		buf_append(b, start, (size_t)(p - start));
		if (rep)
			buf_puts(b, rep);
		else
			p += skip - 1;
		start = p + 1;
	}
	buf_append(b, start, (size_t)(p - start));
}

void xml_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *start = fmt;

	va_start(ap, fmt);
	while (*p) {
		if (*p != '%') {
			p++;
			continue;
		}
		buf_append(b, start, (size_t)(p - start));
		switch (p[1]) {
		case 's':
			xml_escape(b, va_arg(ap, const char *));
			break;
		case 'r': {
			const char *s = va_arg(ap, const char *);
			if (s)
				buf_puts(b, s);
			break;
		}
		case 'd':
			buf_printf(b, "%d", va_arg(ap, int));
			break;
		case 'l':
			buf_printf(b, "%" PRId64, va_arg(ap, int64_t));
			break;
		case '%':
			buf_putc(b, '%');
			break;
		default:
			buf_putc(b, '?');
			if (!p[1]) {
				p++;
				start = p;
				continue;
			}
		}
		p += 2;
		start = p;
	}
	buf_append(b, start, (size_t)(p - start));
	va_end(ap);
}
