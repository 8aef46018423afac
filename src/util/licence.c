/* licence.c: the licences of the published record (see licence.h). */
#include "util/licence.h"

#include <string.h>
#include <strings.h>

#include "util/utf8.h"
#include "util/valid.h"
#include "util/banned.h"

static const struct {
	const char *url, *name;
} known[] = {
	{ LICENCE_OGL3, "Open Government Licence v3.0" },
	{ LICENCE_CC_BY_4, "Creative Commons Attribution 4.0 licence (CC BY 4.0)" },
	{ LICENCE_CC0_1, "CC0 1.0 public domain dedication" },
	{ "https://creativecommons.org/licenses/by-sa/4.0/", "Creative Commons Attribution-ShareAlike 4.0 licence (CC BY-SA 4.0)" },
	{ "https://opendatacommons.org/licenses/odbl/1-0/", "Open Database License 1.0 (ODbL)" },
	/* What German council systems publish under (GovData's licences). */
	{ "https://www.govdata.de/dl-de/by-2-0", "Datenlizenz Deutschland – Namensnennung – Version 2.0" },
	{ "https://www.govdata.de/dl-de/zero-2-0", "Datenlizenz Deutschland – Zero – Version 2.0" },
};

const char *licence_default(const char *region)
{
	static const char *const uk[] = { "england", "wales", "scotland", "northern_ireland" };

	for (size_t i = 0; region && i < sizeof(uk) / sizeof(uk[0]); i++)
		if (strcmp(region, uk[i]) == 0)
			return LICENCE_OGL3;
	return NULL;
}

/* A URL without its scheme, a leading "www." and a final slash: s[*n]. */
static const char *core(const char *s, size_t *n)
{
	if (strncasecmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		s += 7;
	else
		return NULL;
	if (strncasecmp(s, "www.", 4) == 0)
		s += 4;
	*n = strlen(s);
	if (*n && s[*n - 1] == '/')
		--*n;
	return s;
}

const char *licence_name(const char *url)
{
	size_t n, k;
	const char *a = url ? core(url, &n) : NULL, *b;

	if (!a)
		return NULL;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		b = core(known[i].url, &k);
		if (k == n && strncasecmp(a, b, n) == 0)
			return known[i].name;
	}
	return NULL;
}

int licence_url_valid(const char *s)
{
	return url_ok(s, LICENCE_MAX);
}

int licence_text_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > LICENCE_MAX || !utf8_valid(s, n))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}
