/* forms.c: the back office's forms on the way in (see admin.h): the
 * request body parsed, and the checks at the edge.  The markup of the
 * forms is ui/form.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "db/admin.h"
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
		if (forbidden(utf8_next_cp((const unsigned char *)s, &i), multiline))
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

int admin_choices(struct req *r, struct cursor *c, const char **vals, const char **labs, int n, int max,
		  int64_t skip)
{
	int64_t id;
	const char *name;
	char t[24];

	while (cursor_next_choice(c, &id, &name)) {
		if (id == skip || n >= max)
			continue;
		snprintf(t, sizeof(t), "%lld", (long long)id);
		vals[n] = req_strdup(r, t);
		labs[n++] = req_strdup(r, name);
	}
	return n;
}

void admin_form_strings(const struct form *f, void *v, const struct form_string *fields, int n)
{
	for (int i = 0; i < n; i++)
		*(const char **)((char *)v + fields[i].off) = form_get(f, fields[i].name);
}
