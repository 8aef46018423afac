/* markup.c: the escaping core of the HTML and XML writers (see markup.h). */
#include "util/markup.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

/* How many bytes at p[0..n) are to be dropped from XML, 0 if none: a C0
 * control but tab, LF and CR, or U+FFFE or U+FFFF (EF BF BE/BF), which
 * XML 1.0 forbids; or a byte that starts no well-formed UTF-8 sequence,
 * which no XML parser reads (dropping it alone, so that what follows is
 * looked at again).  A well-formed sequence is kept whole: *keep gets its
 * length, so that dropping bytes never joins two pieces into a forbidden
 * character ("EF 01 BF BE"). */
static size_t xml_drop(const unsigned char *p, size_t n, size_t *keep)
{
	size_t k = *p < 0x80 ? 1 : *p >= 0xc2 && *p <= 0xdf ? 2 : *p >= 0xe0 && *p <= 0xef ? 3 :
		   *p >= 0xf0 && *p <= 0xf4 ? 4 : 0;

	*keep = 1;
	if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
		return 1;
	if (k == 0 || k > n || !utf8_valid((const char *)p, k))
		return 1;
	if (k == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
		return 3;
	*keep = k;
	return 0;
}

void markup_escape(struct buf *b, enum markup m, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		size_t skip = 1;

		switch (u[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = m == MARKUP_XML ? "&apos;" : "&#39;"; break;
		default: {
			size_t keep;
			if (m != MARKUP_XML)
				continue;
			if (!(skip = xml_drop(u + i, n - i, &keep))) {
				i += keep - 1;
				continue;
			}
			rep = "";
		}
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		i += skip - 1;
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

void markup_vfmt(struct buf *b, enum markup m, const char *fmt, va_list ap)
{
	const char *p = fmt, *start = fmt;

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
				markup_escape(b, m, s, strlen(s));
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
}

void url_query_param(struct buf *b, size_t start, const char *name, const char *value)
{
	if (!value)
		return;
	buf_printf(b, "%s%s=", b->len > start ? "&" : "", name);
	url_escape(b, value);
}
