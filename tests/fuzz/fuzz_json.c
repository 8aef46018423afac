/* fuzz_json.c: libFuzzer target for the JSON writer (util/json), which
 * carries user text into the API and into <script> on pages.  The input
 * (up to its first NUL) is written as a string, and as a key and a value
 * of an object.  Checked, with SQLite's JSON functions for a parser
 * (jansson's json_string() has our writer's name): the output is JSON; it has no '<' and no
 * raw U+2028/U+2029 (so it is safe inside <script>); and when the input is
 * valid UTF-8 the parsed string equals the input. */
/* FUZZ_SRCS: src/util/json.c src/util/buf.c src/util/utf8.c */
/* FUZZ_PKGS: sqlite3 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "common.h"
#include "util/json.h"
#include "util/utf8.h"

static sqlite3 *db;
static sqlite3_stmt *st;

static void setup(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT json_valid(?1), json_extract(?1, '$[0]'),"
			       " (SELECT value FROM json_each(json_extract(?1, '$[1]')) WHERE key = ?2),"
			       " json_extract(?1, '$[2].n')", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_json: %s\n", sqlite3_errmsg(db));
		abort();
	}
}

/* Column i of st is the text s. */
static int col_is(int i, const char *s)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t && (size_t)sqlite3_column_bytes(st, i) == strlen(s) && strcmp((const char *)t, s) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	struct json_obj o;
	char *in = fuzz_cstring(data, size);
	size_t n;
	int valid;

	if (!in)
		return 0;
	if (!db)
		setup();
	n = strlen(in);
	valid = utf8_valid(in, n);

	buf_puts(&b, "[");
	json_string(&b, in);
	buf_puts(&b, ",");
	json_begin(&o, &b);
	json_str(&o, in, in);
	json_end(&o);
	buf_puts(&b, ",");
	json_begin(&o, &b);
	json_int(&o, "n", (int64_t)n);
	json_end(&o);
	buf_puts(&b, "]");
	if (b.err)
		abort();
	if (memchr(b.data, '<', b.len) || memmem(b.data, b.len, "\xe2\x80\xa8", 3) ||
	    memmem(b.data, b.len, "\xe2\x80\xa9", 3))
		abort();
	if (valid) {
		sqlite3_bind_text(st, 1, b.data, (int)b.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, in, (int)n, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1 || !col_is(1, in) ||
		    !col_is(2, in) || sqlite3_column_int64(st, 3) != (sqlite3_int64)n) {
			fprintf(stderr, "fuzz_json: %s does not read back\n", b.data);
			abort();
		}
		sqlite3_reset(st);
	}
	buf_release(&b);
	free(in);
	return 0;
}
