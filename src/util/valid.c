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

/* Case-insensitive search for needle in s[0..n). */
static int contains_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

int svg_logo_valid(const char *svg, size_t n, const char **why)
{
	const char *p = svg;
	static const char *const banned[] = { "<script", "javascript:", "<foreignobject", "<iframe", "<!entity" };

	if (n > 64 * 1024) {
		*why = "the logo is larger than 64 KiB";
		return 0;
	}
	if (!utf8_valid(svg, n) || memchr(svg, '\0', n)) {
		*why = "the logo is not UTF-8 text";
		return 0;
	}
	while (p < svg + n && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	if ((size_t)(svg + n - p) > 5 && strncmp(p, "<?xml", 5) == 0) {
		const char *end = strstr(p, "?>");
		if (!end) {
			*why = "the logo's XML declaration is not closed";
			return 0;
		}
		p = end + 2;
		while (p < svg + n && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
			p++;
	}
	if ((size_t)(svg + n - p) < 4 || strncmp(p, "<svg", 4) != 0) {
		*why = "the logo does not start with <svg";
		return 0;
	}
	for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++) {
		if (contains_ci(svg, n, banned[i])) {
			*why = "the logo contains scripts, external content or entities";
			return 0;
		}
	}
	/* Event handler attributes: whitespace, "on", letters, "=". */
	for (size_t i = 1; i + 3 < n; i++) {
		if ((svg[i - 1] == ' ' || svg[i - 1] == '\n' || svg[i - 1] == '\t' || svg[i - 1] == '\r') &&
		    strncasecmp(svg + i, "on", 2) == 0) {
			size_t j = i + 2;
			while (j < n && ((svg[j] >= 'a' && svg[j] <= 'z') || (svg[j] >= 'A' && svg[j] <= 'Z')))
				j++;
			while (j < n && (svg[j] == ' ' || svg[j] == '\t'))
				j++;
			if (j > i + 2 && j < n && svg[j] == '=') {
				*why = "the logo contains event handler attributes";
				return 0;
			}
		}
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
