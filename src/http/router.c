/* router.c: matching paths to routes, URL decoding, parameter checks. */
#include "http/router.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long url_decode(char *dst, const char *src, size_t len, int plus_is_space)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = src[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return -1;
			hi = hexval((unsigned char)src[i + 1]);
			lo = hexval((unsigned char)src[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi * 16 + lo);
			if (c == '\0')
				return -1;
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		} else if (c == '\0') {
			return -1;
		}
		dst[o++] = c;
	}
	dst[o] = '\0';
	if (!utf8_valid(dst, o))
		return -1;
	return (long)o;
}

/* Parse a positive decimal id of at most 15 digits. */
static int parse_id(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	if (n == 0 || n > 15 || s[0] == '0')
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Match one path segment seg[0..n) against one pattern segment pat[0..pn). */
static int match_segment(const char *pat, size_t pn, const char *seg, size_t n,
			 int64_t *ids, int *nid, char *namebuf, int *have_name)
{
	const char *suffix;
	size_t sn, vn;
	int is_id;

	if (pn < 4 || pat[0] != '{')
		return pn == n && memcmp(pat, seg, n) == 0 ? 0 : -1;
	is_id = pn >= 4 && memcmp(pat, "{id}", 4) == 0;
	if (!is_id && !(pn >= 6 && memcmp(pat, "{name}", 6) == 0))
		return pn == n && memcmp(pat, seg, n) == 0 ? 0 : -1;
	suffix = pat + (is_id ? 4 : 6);
	sn = pn - (size_t)(suffix - pat);
	if (n <= sn || memcmp(seg + n - sn, suffix, sn) != 0)
		return -1;
	vn = n - sn;
	if (is_id) {
		if (*nid >= REQ_MAX_IDS || parse_id(seg, vn, &ids[*nid]) < 0)
			return -1;
		(*nid)++;
	} else {
		memcpy(namebuf, seg, vn);
		namebuf[vn] = '\0';
		*have_name = 1;
	}
	return 0;
}

static int match_route(const char *pattern, const char *path, int64_t *ids,
		       int *nid, char *namebuf)
{
	const char *p = pattern, *s = path;
	int have_name = 0;

	*nid = 0;
	if (*p != '/' || *s != '/')
		return -1;
	if (strcmp(pattern, "/") == 0)
		return strcmp(path, "/") == 0 ? 0 : -1;
	while (*p == '/' && *s == '/') {
		const char *pe, *se;
		p++;
		s++;
		/* {path}, last: the rest of the path, one segment or more */
		if (strcmp(p, "{path}") == 0) {
			if (!*s)
				return -1;
			memcpy(namebuf, s, strlen(s) + 1);
			return 0;
		}
		pe = strchr(p, '/');
		se = strchr(s, '/');
		if (!pe)
			pe = p + strlen(p);
		if (!se)
			se = s + strlen(s);
		if (match_segment(p, (size_t)(pe - p), s, (size_t)(se - s), ids, nid,
				  namebuf, &have_name) < 0)
			return -1;
		p = pe;
		s = se;
	}
	return (*p == '\0' && *s == '\0') ? 0 : -1;
}

enum route_result router_match(const struct route *table, const char *path,
			       enum http_method method, const struct route **out,
			       int64_t ids[REQ_MAX_IDS], int *nid, char *namebuf)
{
	const struct route *path_match = NULL;
	int64_t tmp_ids[REQ_MAX_IDS];
	int tmp_nid;

	for (const struct route *rt = table; rt->pattern; rt++) {
		if (match_route(rt->pattern, path, tmp_ids, &tmp_nid, namebuf) < 0)
			continue;
		if (rt->methods & method) {
			memcpy(ids, tmp_ids, sizeof(tmp_ids));
			*nid = tmp_nid;
			*out = rt;
			return ROUTE_OK;
		}
		if (!path_match)
			path_match = rt;
	}
	if (path_match) {
		*out = path_match;
		return ROUTE_BAD_METHOD;
	}
	return ROUTE_NOT_FOUND;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int param_check(const struct param_spec *spec, const char *v, int64_t *num)
{
	size_t n = strlen(v);
	int64_t x = 0;
	int m, d;

	switch (spec->type) {
	case P_INT:
		if (n == 0 || n > 15 || !all_digits(v, n))
			return -1;
		for (size_t i = 0; i < n; i++)
			x = x * 10 + (v[i] - '0');
		*num = x;
		return 0;
	case P_MONTH:
		if (n != 7 || v[4] != '-' || !all_digits(v, 4) || !all_digits(v + 5, 2))
			return -1;
		m = (v[5] - '0') * 10 + (v[6] - '0');
		return (m >= 1 && m <= 12 && v[0] != '0') ? 0 : -1;
	case P_DATE:
		if (n != 10 || v[4] != '-' || v[7] != '-' || !all_digits(v, 4) ||
		    !all_digits(v + 5, 2) || !all_digits(v + 8, 2))
			return -1;
		m = (v[5] - '0') * 10 + (v[6] - '0');
		d = (v[8] - '0') * 10 + (v[9] - '0');
		return (m >= 1 && m <= 12 && d >= 1 && d <= 31 && v[0] != '0') ? 0 : -1;
	case P_TEXT:
		if (n > (spec->maxlen ? spec->maxlen : 256))
			return -1;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)v[i] < 0x20 && v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
				return -1;
		return utf8_valid(v, n) ? 0 : -1;
	}
	return -1;
}
