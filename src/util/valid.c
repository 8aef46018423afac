/* valid.c: configuration validators (see valid.h). */
#include "util/valid.h"

#include <string.h>
#include <strings.h>

#include "util/utf8.h"
#include "util/banned.h"

int colour_valid(const char *c)
{
	size_t n = c ? strlen(c) : 0;

	if ((n != 4 && n != 7) || c[0] != '#')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return 0;
	return 1;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Case-insensitive search for needle (lower case) in s[0..n); with
 * skip_breaks, tabs and line breaks inside a match are skipped, as
 * browsers drop them from URLs ("java<TAB>script:"). */
static int contains_ci(const char *s, size_t n, const char *needle, int skip_breaks)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i, k = 0;
		while (needle[k] && j < n) {
			if (skip_breaks && k && (s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) {
				j++;
				continue;
			}
			if ((is_alpha(s[j]) ? (s[j] | 0x20) : s[j]) != needle[k])
				break;
			j++, k++;
		}
		if (!needle[k])
			return 1;
	}
	return 0;
}

/* A character or entity reference other than XML's five predefined ones:
 * the HTML parser of the page would decode "&#106;avascript:" or
 * "javascript&colon;" into what the checks below look for. */
static int has_reference(const char *s, size_t n)
{
	static const char *const ok[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };

	for (const char *p = memchr(s, '&', n); p; p = memchr(p + 1, '&', n - (size_t)(p + 1 - s))) {
		size_t left = n - (size_t)(p - s), k;
		for (k = 0; k < sizeof(ok) / sizeof(ok[0]); k++)
			if (left >= strlen(ok[k]) && strncmp(p, ok[k], strlen(ok[k])) == 0)
				break;
		if (k == sizeof(ok) / sizeof(ok[0]))
			return 1;
		if (left == 1)
			break;
	}
	return 0;
}

/* An event handler attribute: "on", letters, optional white space, "=",
 * wherever the HTML parser starts an attribute name: after white space,
 * after '/' ("<svg/onload=") and right after a closing quote
 * ("x=''onload="). */
static int has_handler(const char *s, size_t n)
{
	for (size_t i = 1; i + 2 < n; i++) {
		char c = s[i - 1];
		size_t j = i + 2;

		if (!(is_ws(c) || c == '/' || c == '"' || c == '\'') || strncasecmp(s + i, "on", 2) != 0)
			continue;
		while (j < n && is_alpha(s[j]))
			j++;
		if (j == i + 2)
			continue;
		while (j < n && is_ws(s[j]))
			j++;
		if (j < n && s[j] == '=')
			return 1;
	}
	return 0;
}

int svg_logo_valid(const char *svg, size_t n, const char **why)
{
	const char *p = svg, *end = svg + n;
	static const char *const banned[] = { "<script", "<foreignobject", "<iframe", "<!entity" };

	if (n > 64 * 1024) {
		*why = "the logo is larger than 64 KiB";
		return 0;
	}
	if (!utf8_valid(svg, n) || memchr(svg, '\0', n)) {
		*why = "the logo is not UTF-8 text";
		return 0;
	}
	while (p < end && is_ws(*p))
		p++;
	if ((size_t)(end - p) > 5 && strncmp(p, "<?xml", 5) == 0) {
		const char *decl_end = memmem(p, (size_t)(end - p), "?>", 2);
		if (!decl_end) {
			*why = "the logo's XML declaration is not closed";
			return 0;
		}
		p = decl_end + 2;
		while (p < end && is_ws(*p))
			p++;
	}
	if ((size_t)(end - p) < 4 || strncmp(p, "<svg", 4) != 0) {
		*why = "the logo does not start with <svg";
		return 0;
	}
	for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++) {
		if (contains_ci(svg, n, banned[i], 0)) {
			*why = "the logo contains scripts, external content or entities";
			return 0;
		}
	}
	if (contains_ci(svg, n, "javascript:", 1)) {
		*why = "the logo contains scripts, external content or entities";
		return 0;
	}
	if (has_reference(svg, n)) {
		*why = "the logo contains character references other than &amp; &lt; &gt; &quot; &apos;";
		return 0;
	}
	if (has_handler(svg, n)) {
		*why = "the logo contains event handler attributes";
		return 0;
	}
	return 1;
}

/* --- text typed into forms and options -------------------------------- */

/* The code point at s[*i] of valid UTF-8; *i moves past it. */
unsigned long utf8_next_cp(const unsigned char *s, size_t *i)
{
	unsigned long c = s[(*i)++];
	int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

	c &= more == 3 ? 0x07 : more == 2 ? 0x0f : more == 1 ? 0x1f : 0x7f;
	while (more-- > 0 && s[*i])
		c = (c << 6) | (s[(*i)++] & 0x3f);
	return c;
}

/* Control characters (C0 but line breaks and tabs in multi-line text,
 * DEL, C1) and noncharacters: not text, and not allowed in HTML. */
int forbidden(unsigned long c, int multiline)
{
	if (c < 0x20)
		return !(multiline && (c == '\n' || c == '\r' || c == '\t'));
	return (c >= 0x7f && c <= 0x9f) || (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

/* 1 if s is at most max characters of UTF-8 text without forbidden
 * characters (see above); NULL is "". */
int text_ok(const char *s, size_t max, int multiline)
{
	size_t n = s ? strlen(s) : 0, chars = 0;

	if (!s)
		return 1;
	if (!utf8_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; chars++)
		if (forbidden(utf8_next_cp((const unsigned char *)s, &i), multiline))
			return 0;
	return chars <= max;
}

/* A plausible e-mail address: local@domain.tld, no spaces or brackets. */
int email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t\"'<>(),;:\\[]") || strlen(s) > 254)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 32 || *p == 127)
			return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && !strstr(at, "..") && at[1] != '.';
}

size_t text_chars(const char *s)
{
	size_t n = s ? strlen(s) : 0, chars = 0;

	for (size_t i = 0; i < n; chars++)
		utf8_next_cp((const unsigned char *)s, &i);
	return chars;
}

int url_ok(const char *s, size_t max)
{
	const char *host;
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > max)
		return 0;
	host = strncasecmp(s, "https://", 8) == 0 ? s + 8 : strncasecmp(s, "http://", 7) == 0 ? s + 7 : NULL;
	if (!host || !*host || *host == '/' || *host == '.' || *host == ':')
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("\"'<>\\`", *p))
			return 0;
	return 1;
}
