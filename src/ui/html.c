/* html.c: the HTML writer (see html.h). */
#include "ui/html.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "util/banned.h"

void html_escape(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

void url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_append(b, e, 3);
		}
	}
}

void html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *start = fmt;

	va_start(ap, fmt);
	while (*p) {
		const char *s;
		if (*p != '%') {
			p++;
			continue;
		}
		buf_append(b, start, (size_t)(p - start));
		p++;
		switch (*p) {
		case 's':
			s = va_arg(ap, const char *);
			if (s)
				html_escape(b, s, strlen(s));
			break;
		case 'r':
			buf_puts(b, va_arg(ap, const char *));
			break;
		case 'u':
			url_escape(b, va_arg(ap, const char *));
			break;
		case 'd':
			buf_printf(b, "%d", va_arg(ap, int));
			break;
		case 'l':
			buf_printf(b, "%" PRId64, va_arg(ap, int64_t));
			break;
		case 'z':
			buf_printf(b, "%zu", va_arg(ap, size_t));
			break;
		case '%':
			buf_putc(b, '%');
			break;
		default:
			buf_putc(b, '?');
			if (!*p)
				p--;
			break;
		}
		p++;
		start = p;
	}
	buf_append(b, start, (size_t)(p - start));
	va_end(ap);
}
