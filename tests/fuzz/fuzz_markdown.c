/* fuzz_markdown.c: libFuzzer target for Markdown rendering
 * (util/markdown's markdown_to_html, cmark-gfm in safe mode), whose output
 * is stored and printed unescaped.  Checked: rendering succeeds; the
 * output has no <script, <iframe, <style or raw HTML comment but cmark's
 * own, no event handler attribute in a tag, and no href or src whose URL
 * (entities as cmark writes them decoded, case ignored) is javascript:,
 * vbscript: or data: (but a PNG, GIF, JPEG or WebP data: image, which
 * cmark keeps, in an img or a link, and a browser only shows); and the
 * sanitizer leaves it as it is but for images and links other than
 * http(s), mailto: and site-relative ones (util/sanitize.h's promise),
 * for Markdown that is UTF-8 as every form and import checks, and HTML
 * without the characters an HTML parser reads otherwise (a carriage
 * return as a line feed; control characters and noncharacters, which
 * Markdown may write as entities, as U+FFFD). */
/* FUZZ_SRCS: src/util/markdown.c src/util/sanitize.c src/util/buf.c src/util/utf8.c */
/* FUZZ_PKGS: libcmark-gfm gumbo */
/* FUZZ_LIBS: -lcmark-gfm-extensions */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/markdown.h"
#include "util/sanitize.h"
#include "util/utf8.h"

static void fail(const char *why, const char *out)
{
	fprintf(stderr, "fuzz_markdown: %s\n  out: %s\n", why, out);
	abort();
}

/* A URL's scheme, as a browser reads it: entity-decoded ':' (&#58;,
 * &colon;), tabs and line breaks dropped, case ignored. */
static int bad_url(const char *v, size_t n)
{
	char s[16];
	size_t k = 0;

	for (size_t i = 0; i < n && k < sizeof(s) - 1; i++) {
		if (v[i] == '\t' || v[i] == '\n' || v[i] == '\r')
			continue;
		if (v[i] == '&' && (strncmp(v + i, "&#58;", 5) == 0 || strncmp(v + i, "&#x3a;", 6) == 0 ||
				    strncasecmp(v + i, "&colon;", 7) == 0)) {
			s[k++] = ':';
			i = strchr(v + i, ';') - v;
			continue;
		}
		s[k++] = (char)tolower((unsigned char)v[i]);
	}
	s[k] = '\0';
	if ((strncmp(s, "data:image/png", 14) == 0 || strncmp(s, "data:image/gif", 14) == 0 ||
		    strncmp(s, "data:image/jpeg", 15) == 0 || strncmp(s, "data:image/webp", 15) == 0))
		return 0; /* what cmark's safe mode keeps: an image, which no browser runs */
	return strncmp(s, "javascript:", 11) == 0 || strncmp(s, "vbscript:", 9) == 0 ||
	       strncmp(s, "data:", 5) == 0;
}

static void check(const char *out)
{
	for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		if (!end)
			fail("a '<' that no '>' closes", out);
		if (strncasecmp(p, "<script", 7) == 0 || strncasecmp(p, "<iframe", 7) == 0 ||
		    strncasecmp(p, "<style", 6) == 0)
			fail("a script", out);
		if (strncmp(p, "<!--", 4) == 0) {
			if (strncmp(p, "<!-- raw HTML omitted -->", 25) != 0)
				fail("a comment", out);
			continue;
		}
		/* Attributes: name="value" pairs (a value's words are not
		 * attributes: a link's title may say "on"). */
		for (const char *q = p + 1; q < end; q++) {
			if (*q != ' ')
				continue;
			if (strncasecmp(q + 1, "on", 2) == 0)
				fail("an event handler", out);
			if (strncmp(q + 1, "href=\"", 6) == 0 || strncmp(q + 1, "src=\"", 5) == 0) {
				const char *v = strchr(q, '"') + 1, *e = strchr(v, '"');
				if (!e || bad_url(v, (size_t)(e - v)))
					fail("an unsafe URL", out);
			}
			{
				const char *eq = q + 1;
				while (*eq && *eq != '=' && *eq != ' ' && eq < end)
					eq++;
				if (eq[0] == '=' && eq[1] == '"') {
					const char *close = strchr(eq + 2, '"');
					if (!close || close > end)
						fail("an attribute value not closed in its tag", out);
					q = close;
				}
			}
		}
	}
}

/* Whether every href in out is one the sanitizer keeps: http(s), mailto:
 * or a site-relative path. */
static int hrefs_kept(const char *out)
{
	for (const char *p = strstr(out, " href=\""); p; p = strstr(p + 1, " href=\"")) {
		const char *v = p + 7;
		if (!((strncasecmp(v, "http://", 7) == 0 && v[7] != '"') ||
		      (strncasecmp(v, "https://", 8) == 0 && v[8] != '"') ||
		      (strncasecmp(v, "mailto:", 7) == 0 && v[7] != '"') ||
		      (v[0] == '/' && v[1] != '/' && v[1] != '\\' && v[1] != '"')))
			return 0;
	}
	return 1;
}

/* Whether an HTML parser reads every character of s as it is (s is UTF-8). */
static int html_plain(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c = s[i];
		size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (len > 1) {
			c &= 0x3f >> (len - 1);
			for (size_t k = 1; k < len; k++)
				c = (c << 6) | (s[i + k] & 0x3f);
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || (c >= 0x7f && c <= 0x9f) ||
		    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
			return 0;
		i += len;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf san = BUF_INIT;
	char *html = markdown_to_html((const char *)data, size);

	if (!html)
		abort();
	check(html);
	html_sanitize(&san, html);
	if (!strstr(html, "<img") && hrefs_kept(html) && utf8_valid((const char *)data, size) &&
	    html_plain((const uint8_t *)html, strlen(html)) &&
	    strcmp(html, san.data ? san.data : "") != 0) {
		fprintf(stderr, "fuzz_markdown: the sanitizer changed our HTML\n  sanitized: %s\n", san.data);
		fail("not unchanged by the sanitizer", html);
	}
	buf_release(&san);
	free(html);
	return 0;
}
