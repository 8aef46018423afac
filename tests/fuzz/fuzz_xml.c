/* fuzz_xml.c: libFuzzer target for the XML writer's escaping (util/xml,
 * over util/markup), which carries user text into Atom feeds and
 * sitemaps.  The input, up to its first NUL, goes through xml_fmt's %s
 * inside an element and an attribute.  Checked: no raw < > " ' in the
 * escaped text; every '&' starts one of XML's five entities; none of the
 * characters XML 1.0 forbids is left; unescaping gives the input without
 * those characters and of the bytes that are not UTF-8; the output is
 * always valid UTF-8. */
/* FUZZ_SRCS: src/util/xml.c src/util/markup.c src/util/buf.c src/util/utf8.c */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "util/utf8.h"
#include "util/xml.h"

static const char *const ents[][2] = {
	{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
};

/* s without what XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE,
 * U+FFFF) and without the bytes that start no well-formed UTF-8 sequence. */
static void strip(struct buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		size_t k = 0;
		if (u[i] < 0x80) {
			if (u[i] >= 0x20 || u[i] == '\t' || u[i] == '\n' || u[i] == '\r')
				buf_putc(b, (char)u[i]);
			i++;
			continue;
		}
		for (size_t len = 2; len <= 4 && !k; len++)
			if (i + len <= n && utf8_valid(s + i, len))
				k = len;
		if (!k) {
			i++;
			continue;
		}
		if (!(k == 3 && u[i] == 0xef && u[i + 1] == 0xbf && (u[i + 2] == 0xbe || u[i + 2] == 0xbf)))
			buf_append(b, s + i, k);
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT, back = BUF_INIT, want = BUF_INIT, doc = BUF_INIT;
	char *in = fuzz_cstring(data, size);
	const char *e;

	if (!in)
		return 0;
	xml_escape(&b, in);
	e = b.data ? b.data : "";
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)e[i];
		if (c == '<' || c == '>' || c == '"' || c == '\'' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			abort();
		if (c == 0xef && i + 2 < b.len && (unsigned char)e[i + 1] == 0xbf &&
		    ((unsigned char)e[i + 2] == 0xbe || (unsigned char)e[i + 2] == 0xbf))
			abort();
	}
	fuzz_unescape(&back, e, b.len, ents);
	strip(&want, in);
	if (strcmp(back.data ? back.data : "", want.data ? want.data : "") != 0)
		abort();
	if (!utf8_valid(e, b.len))
		abort();
	/* The same through xml_fmt, in an element and an attribute. */
	xml_fmt(&doc, "<t a=\"%s\">%s</t>", in, in);
	if (doc.err || doc.len != 2 * b.len + strlen("<t a=\"\"></t>"))
		abort();
	buf_release(&b);
	buf_release(&back);
	buf_release(&want);
	buf_release(&doc);
	free(in);
	return 0;
}
