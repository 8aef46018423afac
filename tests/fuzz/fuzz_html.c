/* fuzz_html.c: libFuzzer target for the HTML writer's escaping (ui/html's
 * html_fmt, over util/markup), through which all user text reaches pages.
 * The input, up to its first NUL, goes through %s and %u.  Checked: no raw
 * < > " ' in what %s wrote, every '&' starts &amp; &lt; &gt; &quot; or
 * &#39;, and unescaping gives the input back; %u writes only unreserved
 * characters and %XX escapes, which decode to the input. */
/* FUZZ_SRCS: src/ui/html.c src/util/markup.c src/util/buf.c src/util/utf8.c */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "ui/html.h"

static const char *const ents[][2] = {
	{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
};

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT, back = BUF_INIT, u = BUF_INIT, ub = BUF_INIT;
	char *in = fuzz_cstring(data, size);
	const char *e;

	if (!in)
		return 0;
	html_fmt(&b, "%s", in);
	e = b.data ? b.data : "";
	for (size_t i = 0; i < b.len; i++)
		if (e[i] == '<' || e[i] == '>' || e[i] == '"' || e[i] == '\'')
			abort();
	fuzz_unescape(&back, e, b.len, ents);
	if (strcmp(back.data ? back.data : "", in) != 0)
		abort();

	html_fmt(&u, "%u", in);
	for (size_t i = 0; i < u.len; i++) {
		char c = u.data[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~') {
			buf_putc(&ub, c);
		} else if (c == '%' && i + 2 < u.len && hexval(u.data[i + 1]) >= 0 && hexval(u.data[i + 2]) >= 0) {
			buf_putc(&ub, (char)(hexval(u.data[i + 1]) * 16 + hexval(u.data[i + 2])));
			i += 2;
		} else {
			abort();
		}
	}
	if (strcmp(ub.data ? ub.data : "", in) != 0)
		abort();
	buf_release(&b);
	buf_release(&back);
	buf_release(&u);
	buf_release(&ub);
	free(in);
	return 0;
}
