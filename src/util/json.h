/* json.h: the JSON writer.  User text reaches JSON only through
 * json_string(), which escapes quotes, backslashes and control characters
 * (and U+2028/U+2029, so the output is also safe inside <script>). */
#ifndef WITAN_JSON_H
#define WITAN_JSON_H

#include <stdint.h>

#include "util/buf.h"

/* Append s as a JSON string literal ("null" for NULL). */
void json_string(struct buf *b, const char *s);
/* The same exactly as ECMAScript's JSON.stringify writes it (and RFC
 * 8785): only '"', '\\' and characters below 0x20 escaped, \b and \f in
 * their short forms; not for a page's <script> (the publication log's
 * serializations, util/logtext.h). */
void json_stringify_string(struct buf *b, const char *s);

/* Objects written field by field: json_begin(b) ... json_end(b).  Each
 * field call adds the separating comma itself. */
struct json_obj {
	struct buf *b;
	int n;
};
void json_begin(struct json_obj *o, struct buf *b);
void json_str(struct json_obj *o, const char *key, const char *value);
/* The field only if value is not NULL (json_str() writes null). */
void json_str_opt(struct json_obj *o, const char *key, const char *value);
void json_int(struct json_obj *o, const char *key, int64_t value);
void json_bool(struct json_obj *o, const char *key, int value);
/* Start a field whose value the caller writes next (a nested object with
 * its own json_begin/json_end, or an array). */
void json_key(struct json_obj *o, const char *key);
void json_end(struct json_obj *o);

#endif
