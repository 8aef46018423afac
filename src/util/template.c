/* template.c: filling in {placeholders} (see template.h). */
#include "util/template.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

#define NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.%"

static int fail(struct tmpl *t, const char *what, const char *name)
{
	if (!*t->err)
		snprintf(t->err, sizeof(t->err), "%s: %s", what, name);
	return -1;
}

/* The '}' that closes the '{' at s (NULL if none); with stop '|', the
 * first '|' from s outside any inner {...} (or end). */
static const char *closing(const char *s, const char *end, char stop)
{
	int lvl = 0;

	for (; s < end; s++)
		if ((lvl += (*s == '{') - (*s == '}')) == 0 && *s == stop)
			return s;
	return stop == '}' ? NULL : end;
}

/* Replace out's bytes from at with their slug. */
static void slug(struct buf *out, size_t at)
{
	struct buf v = BUF_INIT;
	size_t chars = 0;
	int dash = 0;

	buf_append(&v, out->data + at, out->len - at);
	buf_truncate(out, at);
	for (const unsigned char *s = (const unsigned char *)v.data; s && *s && chars < 72; s++) {
		if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x99) {  /* ’ joins words */
			s += 2;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z')) {
			if (dash && out->len > at)
				buf_putc(out, '-');
			buf_putc(out, (char)(*s | 0x20));
			dash = 0;
			chars++;
		} else if (*s != '\'') {
			dash = 1;
		}
	}
	buf_release(&v);
}

static int fill(struct tmpl *t, struct buf *out, const char *s, const char *end)
{
	int rc = 0;

	if (++t->depth > 16)
		rc = fail(t, "placeholders nested too deep in", s);
	while (s < end && rc == 0) {
		size_t n = *s == '{' ? strspn(s + 1, NAME_CHARS) : 0, at = out->len;
		const char *e = n ? closing(s, end, '}') : NULL, *op = s + 1 + n, *alt;
		char name[64];

		if (!e || n >= sizeof(name) || !strchr("}?|:", *op)) {   /* not a placeholder */
			buf_putc(out, *s++);
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)n, s + 1);
		if (t->value(t->ctx, name, *op == '?' || *op == '|', out) < 0) {
			rc = fail(t, "no such placeholder", name);
			break;
		}
		alt = closing(op, e, '|');
		if (*op == '?') {
			int empty = out->len == at;

			buf_truncate(out, at);
			rc = !empty ? fill(t, out, op + 1, alt) : alt < e ? fill(t, out, alt + 1, e) : 0;
		} else if (*op == '|' && out->len == at) {
			rc = fill(t, out, op + 1, e);
		} else if (*op == ':' && e - op == 5 && !memcmp(op, ":slug", 5)) {
			slug(out, at);
		} else if (*op == ':' && e - op == 4 && !memcmp(op, ":cap", 4)) {
			if (out->len > at && out->data[at] >= 'a' && out->data[at] <= 'z')
				out->data[at] = (char)(out->data[at] - 'a' + 'A');
		} else if (*op == ':') {
			rc = fail(t, "unknown form of placeholder", name);
		}
		s = e + 1;
	}
	t->depth--;
	return rc;
}

int tmpl_fill(struct tmpl *t, struct buf *out, const char *s)
{
	return s ? fill(t, out, s, s + strlen(s)) : 0;
}
