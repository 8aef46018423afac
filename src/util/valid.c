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
