/* json.c: the JSON writer (see json.h). */
#include "util/json.h"

#include <inttypes.h>
#include <string.h>

#include "util/banned.h"

/* s as a JSON string; for a page (page_safe) also '<', DEL, U+2028 and
 * U+2029 escaped, else \b and \f in their short forms, as
 * JSON.stringify writes them. */
static void string_as(struct buf *b, const char *s, int page_safe)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p == '\n' || *p == '\r' || *p == '\t' || (!page_safe && (*p == '\b' || *p == '\f'))) {
			buf_putc(b, '\\');
			buf_putc(b, "btnvfr"[*p - '\b']);
		} else if (*p < 0x20 || (page_safe && (*p == 0x7f || *p == '<'))) {
			char e[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
			buf_append(b, e, 6);
		} else if (page_safe && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_puts(b, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else {
			buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

void json_string(struct buf *b, const char *s)
{
	string_as(b, s, 1);
}

void json_stringify_string(struct buf *b, const char *s)
{
	string_as(b, s, 0);
}

void json_begin(struct json_obj *o, struct buf *b)
{
	o->b = b;
	o->n = 0;
	buf_putc(b, '{');
}

static void key(struct json_obj *o, const char *k)
{
	if (o->n++)
		buf_putc(o->b, ',');
	json_string(o->b, k);
	buf_putc(o->b, ':');
}

void json_key(struct json_obj *o, const char *k)
{
	key(o, k);
}

void json_str(struct json_obj *o, const char *k, const char *v)
{
	key(o, k);
	json_string(o->b, v);
}

void json_str_opt(struct json_obj *o, const char *k, const char *v)
{
	if (v)
		json_str(o, k, v);
}

void json_int(struct json_obj *o, const char *k, int64_t v)
{
	key(o, k);
	buf_printf(o->b, "%" PRId64, v);
}

void json_bool(struct json_obj *o, const char *k, int v)
{
	key(o, k);
	buf_puts(o->b, v ? "true" : "false");
}

void json_end(struct json_obj *o)
{
	buf_putc(o->b, '}');
}
