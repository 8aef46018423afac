/* fuzz_sanitize.c: libFuzzer target for the HTML sanitizer
 * (util/sanitize's html_sanitize), which makes imported HTML safe to print
 * as our own.  Checked: sanitizing twice gives what sanitizing once gave;
 * every '<' of the output starts a comment of plain words or an allowed
 * tag whose only attribute is an href to http:, https: or a site-relative
 * path (never "//host", "/\host" or one with control
 * characters, which browsers read as another host); so no script, no
 * event handler, no javascript: URL. */
/* FUZZ_SRCS: src/util/sanitize.c src/util/buf.c */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	return n > 1 && v[0] == '/' && v[1] != '/' && v[1] != '\\';
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
		q += len;
		if (strncmp(q, " href=\"", 7) == 0) {
			const char *v = q + 7, *e = strchr(v, '"');
			if (p[1] == '/' || len != 1 || *(q - 1) != 'a' || !e)
				fail("an href out of place", in, out);
			if (!href_ok(v, (size_t)(e - v)))
				fail("an unsafe href", in, out);
			q = e + 1;
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
	char *in = malloc(size + 1);
	const char *o;

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
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
