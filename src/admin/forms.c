/* forms.c: the back office's forms on the way in (see admin.h): the
 * request body parsed, and the checks at the edge.  The markup of the
 * forms is ui/form.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "util/utf8.h"
#include "util/banned.h"

int admin_form(struct req *r, struct form *f)
{
	static _Thread_local char err[160];

	if (form_parse(f, req_header(r, "content-type"), r->body_in, r->body_in_len, err, sizeof(err)) < 0) {
		r->errmsg = err;
		return 400;
	}
	return 0;
}

/* --- checks at the edge, shared by the back-office pages --------------- */

/* The code point at s[*i] of valid UTF-8; *i moves past it. */
static unsigned long next_cp(const unsigned char *s, size_t *i)
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
		if (forbidden(next_cp((const unsigned char *)s, &i), multiline))
			return 0;
	return chars <= max;
}

/* A typed value fit to be shown again in a form: each forbidden character
 * replaced by U+FFFD, which marks where it was. */
const char *shown(struct req *r, const char *s, int multiline)
{
	struct buf t = BUF_INIT;
	const char *out;
	size_t n = s ? strlen(s) : 0;

	if (!s || text_ok(s, n, multiline))
		return s;
	if (!utf8_valid(s, n))
		return "";
	for (size_t i = 0, at; i < n;) {
		at = i;
		if (forbidden(next_cp((const unsigned char *)s, &i), multiline))
			buf_puts(&t, "\xef\xbf\xbd");
		else
			buf_append(&t, s + at, i - at);
	}
	out = req_strdup(r, t.data ? t.data : "");
	buf_release(&t);
	return out;
}

int is_empty(const char *s)
{
	return !s || !*s;
}

/* NULL for an empty optional value (stored as SQL NULL). */
const char *opt(const char *s)
{
	return is_empty(s) ? NULL : s;
}

/* The form's value of name with the spaces around it removed. */
const char *field_trim(struct req *r, const struct form *f, const char *name)
{
	const char *s = form_get(f, name), *e;
	char *out;

	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		e--;
	if (!*e)
		return s;
	out = req_alloc(r, (size_t)(e - s) + 1);
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return out;
}

/* A plausible e-mail address: local@domain.tld, no spaces or brackets. */
int email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t\"'<>(),;:\\[]") || strlen(s) > 254)
		return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && !strstr(at, "..") && at[1] != '.';
}

int64_t parse_id(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s)
		return 0;
	v = strtoll(s, &end, 10);
	return *end || v <= 0 ? -1 : v;
}

int in_list(const char *v, const char *const *list, int n)
{
	for (int i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

void see_other(struct req *r, const char *fmt, int64_t a, int64_t b)
{
	char loc[128];

	snprintf(loc, sizeof(loc), fmt, (long long)a, (long long)b);
	req_add_header(r, "location", loc);
}

size_t text_chars(const char *s)
{
	size_t n = s ? strlen(s) : 0, chars = 0;

	for (size_t i = 0; i < n; chars++)
		next_cp((const unsigned char *)s, &i);
	return chars;
}
