/* fuzz_sanitize.c: libFuzzer target for the HTML sanitizer
 * (util/sanitize's html_sanitize), which makes imported HTML safe to print
 * as our own.  Checked: sanitizing twice gives what sanitizing once gave;
 * every '<' of the output starts a comment of plain words or an allowed
 * tag whose attributes, each once and double-quoted with no quote, < or >
 * inside, are among: an <a>'s href to http:, https:, mailto: or a
 * site-relative path (never "//host", "/\host" or one with control
 * characters, which browsers read as another host) and its title, an
 * <ol>'s start (digits), a <th> or <td>'s align (left, center, right),
 * a <code>'s class "language-..."; so no script, no event handler, no
 * javascript: URL, no style. */
/* FUZZ_SRCS: src/util/sanitize.c src/util/buf.c */
/* FUZZ_PKGS: gumbo */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "util/sanitize.h"

static const char *const allowed[] = {
	"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "del", "sup", "sub",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
	"table", "thead", "tbody", "tr", "th", "td", "a",
};

static void fail(const char *why, const char *in, const char *out)
{
	fprintf(stderr, "fuzz_sanitize: %s\n  in:  %s\n  out: %s\n", why, in, out);
	abort();
}

/* The href value at v (after 'href="'), up to its closing quote: safe? */
static int href_ok(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f || v[i] == '<' || v[i] == '>')
			return 0;
	if (n > 7 && strncasecmp(v, "http://", 7) == 0)
		return 1;
	if (n > 8 && strncasecmp(v, "https://", 8) == 0)
		return 1;
	if (n > 7 && strncasecmp(v, "mailto:", 7) == 0)
		return 1;
	return n > 1 && v[0] == '/' && v[1] != '/' && v[1] != '\\';
}

/* Whether tag (len long) may carry the attribute name="v" (n long). */
static int attr_ok(const char *tag, size_t len, const char *name, size_t nlen, const char *v, size_t n)
{
#define IS(s, l, lit) ((l) == sizeof(lit) - 1 && strncmp((s), lit, (l)) == 0)
	if (IS(tag, len, "a") && IS(name, nlen, "href"))
		return href_ok(v, n);
	if (IS(tag, len, "a") && IS(name, nlen, "title"))
		return 1;
	if (IS(tag, len, "ol") && IS(name, nlen, "start")) {
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)v[i]))
				return 0;
		return n > 0;
	}
	if ((IS(tag, len, "th") || IS(tag, len, "td")) && IS(name, nlen, "align"))
		return IS(v, n, "left") || IS(v, n, "center") || IS(v, n, "right");
	if (IS(tag, len, "code") && IS(name, nlen, "class"))
		return n > 9 && strncmp(v, "language-", 9) == 0;
	return 0;
#undef IS
}

static void check_tags(const char *in, const char *out)
{
	for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1;
		size_t len, i;

		if (strncmp(p, "<!--", 4) == 0) {
			const char *e = strstr(p + 4, "-->");
			if (!e)
				fail("unclosed comment", in, out);
			for (q = p + 4; q < e; q++)
				if (!isalnum((unsigned char)*q) && *q != ' ')
					fail("comment with more than words", in, out);
			continue;
		}
		if (*q == '/')
			q++;
		for (len = 0; islower((unsigned char)q[len]) || isdigit((unsigned char)q[len]); len++)
			;
		for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			if (strlen(allowed[i]) == len && strncmp(allowed[i], q, len) == 0)
				break;
		if (len == 0 || i == sizeof(allowed) / sizeof(allowed[0]))
			fail("a tag not allowed", in, out);
		{
			const char *tag = q, *names[4];
			size_t nnames = 0;

			q += len;
			while (*q == ' ' && isalpha((unsigned char)q[1])) {
				const char *name = q + 1, *v, *e;
				size_t nlen = 0;

				while (isalpha((unsigned char)name[nlen]))
					nlen++;
				v = name + nlen;
				if (strncmp(v, "=\"", 2) != 0)
					fail("an attribute not quoted", in, out);
				v += 2;
				e = strchr(v, '"');
				if (!e || p[1] == '/')
					fail("an attribute out of place", in, out);
				if (memchr(v, '<', (size_t)(e - v)) || memchr(v, '>', (size_t)(e - v)))
					fail("< or > in an attribute", in, out);
				if (!attr_ok(tag, len, name, nlen, v, (size_t)(e - v)))
					fail("an attribute not allowed or unsafe", in, out);
				for (size_t k = 0; k < nnames; k++)
					if (strncmp(names[k], name, nlen + 1) == 0)
						fail("an attribute twice", in, out);
				if (nnames == sizeof(names) / sizeof(names[0]))
					fail("too many attributes", in, out);
				names[nnames++] = name;
				q = e + 1;
			}
		}
		if (strncmp(q, " />", 3) == 0)
			q += 2;
		if (*q != '>')
			fail("an attribute", in, out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf once = BUF_INIT, twice = BUF_INIT;
	char *in = fuzz_cstring(data, size);
	const char *o;

	if (!in)
		return 0;
	html_sanitize(&once, in);
	o = once.data ? once.data : "";
	if (once.err)
		abort();
	check_tags(in, o);
	html_sanitize(&twice, o);
	if (strcmp(o, twice.data ? twice.data : "") != 0)
		fail(twice.data ? twice.data : "(empty) not idempotent", in, o);
	buf_release(&once);
	buf_release(&twice);
	free(in);
	return 0;
}
