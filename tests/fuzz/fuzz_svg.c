/* fuzz_svg.c: libFuzzer target for the SVG logo validator (util/valid's
 * svg_logo_valid), whose verdict lets a logo be written into every page,
 * where the HTML parser (not an XML one) reads it.  The input is given in
 * an exact-size copy, without a NUL, so ASan sees any read past its end.
 * Checked against what an HTML parser would make of an accepted logo: no
 * "<script", "<iframe", "<foreignObject" or "<!ENTITY"; no "javascript:"
 * even with tabs or line breaks inside (browsers drop them from URLs); no
 * character or entity reference but XML's five (&#106;avascript:,
 * javascript&colon;); no event handler attribute ("on" and letters, then
 * optional white space and "="), wherever an attribute can start: after
 * white space, '/', or the quote that closed the attribute before. */
/* FUZZ_SRCS: src/util/valid.c src/util/utf8.c */
#include <stddef.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/valid.h"

/* s[0..n) in ASCII lower case, without tabs, CRs and LFs if strip_breaks:
 * the text as a browser's URL parser sees it, searched with memmem (a
 * different way from the validator's own scan, so as not to share its
 * mistakes). */
static char *folded(const char *s, size_t n, int strip_breaks, size_t *len)
{
	char *f = malloc(n ? n : 1);
	size_t k = 0;

	if (!f)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (strip_breaks && (s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			continue;
		f[k++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	}
	*len = k;
	return f;
}

static int has(const char *s, size_t n, const char *needle, int strip_breaks)
{
	size_t len;
	char *f = folded(s, n, strip_breaks, &len);
	int found = memmem(f, len, needle, strlen(needle)) != NULL;

	free(f);
	return found;
}

/* An event handler attribute, by a regular expression over the folded
 * copy (NULs made 0x01, which nothing here matches): not the validator's
 * own scan, so as not to share its mistakes. */
static int handler(const char *s, size_t n)
{
	static regex_t re;
	static int ready;
	size_t len;
	char *f = folded(s, n, 0, &len), *z = malloc(len + 1);
	int found;

	if (!z)
		abort();
	if (!ready) {
		if (regcomp(&re, "[ \t\n\r\f/\"']on[a-z]+[ \t\n\r\f]*=", REG_EXTENDED | REG_NOSUB) != 0)
			abort();
		ready = 1;
	}
	for (size_t i = 0; i < len; i++)
		z[i] = f[i] ? f[i] : 1;
	z[len] = '\0';
	found = regexec(&re, z, 0, NULL, 0) == 0;
	free(z);
	free(f);
	return found;
}

static const char *why_unsafe(const char *s, size_t n)
{
	static const char *const refs[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };

	if (has(s, n, "<script", 0) || has(s, n, "<iframe", 0) || has(s, n, "<foreignobject", 0) ||
	    has(s, n, "<!entity", 0))
		return "a banned element";
	if (has(s, n, "javascript:", 1))
		return "a javascript: URL";
	for (size_t i = 0; i < n; i++) {
		size_t k;
		if (s[i] != '&')
			continue;
		for (k = 0; k < 5; k++)
			if (n - i >= strlen(refs[k]) && strncmp(s + i, refs[k], strlen(refs[k])) == 0)
				break;
		if (k == 5)
			return "a reference";
	}
	if (handler(s, n))
		return "an event handler";
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *svg = malloc(size ? size : 1);
	const char *why = NULL, *bad;

	if (!svg)
		return 0;
	memcpy(svg, data, size);
	if (svg_logo_valid(svg, size, &why)) {
		if ((bad = why_unsafe(svg, size))) {
			fprintf(stderr, "fuzz_svg: accepted %s: %.*s\n", bad, (int)size, svg);
			abort();
		}
	} else if (!why) {
		abort();
	}
	free(svg);
	return 0;
}
