/* console.c: `witan sql` (see console.h). */
#include "db/console.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db_int.h"
#include "db/dialect.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/banned.h"

/* The rows of one prepared statement, each "{...}" after the ones before. */
static int rows_json(struct stmt *s, struct buf *out, int *nrows)
{
	int step;

	while ((step = st_step(s)) == ST_ROW) {
		buf_puts(out, *nrows ? ",\n{" : "[{");
		for (int i = 0; i < col_count(s); i++) {
			if (i)
				buf_putc(out, ',');
			json_string(out, col_name(s, i));
			buf_putc(out, ':');
			switch (col_type(s, i)) {
			case ST_NULL:
				buf_puts(out, "null");
				break;
			case ST_INT:
				buf_printf(out, "%lld", (long long)col_int(s, i));
				break;
			case ST_FLOAT:
				buf_printf(out, "%.17g", col_double(s, i));
				break;
			default:
				json_string(out, col_text(s, i));
				break;
			}
		}
		buf_putc(out, '}');
		(*nrows)++;
	}
	return step == ST_DONE ? 0 : -1;
}

/* Whether a statement starts a transaction or ends one: the console runs
 * the whole in one of its own (on PostgreSQL a COMMIT inside it would end
 * it half way, with a warning only). */
static int transaction_control(const char *stmt, size_t len)
{
	static const char *const words[] = { "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", NULL };

	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);
		if (len >= n && strncasecmp(stmt, words[i], n) == 0 &&
		    (len == n || !isalnum((unsigned char)stmt[n])))
			return 1;
	}
	return 0;
}

int db_console(struct db *db, const char *sql, int write, struct buf *out)
{
	struct dialect_span *span = NULL;
	int n, nrows = 0, rc = -1;
	size_t mark = out->len;

	n = dialect_split(sql, &span, db->err, sizeof(db->err));
	if (n < 0)
		return -1;
	if (n == 0) {
		snprintf(db->err, sizeof(db->err), "no SQL statement");
		goto out;
	}
	for (int k = 0; k < n; k++)
		if (transaction_control(sql + span[k].off, span[k].len)) {
			snprintf(db->err, sizeof(db->err), "%.*s: the statements run in one transaction of their own"
				 " (leave out BEGIN, COMMIT and the like)", (int)(span[k].len < 40 ? span[k].len : 40),
				 sql + span[k].off);
			goto out;
		}
	if ((write ? db_begin(db) : db_read_begin(db)) < 0)
		goto out;
	for (int k = 0; k < n; k++) {
		struct stmt *s = db_prepare(db, sql + span[k].off, (int)span[k].len);
		int ok;

		if (!s)
			goto fail; /* (db->err says why) */
		ok = rows_json(s, out, &nrows);
		if (ok < 0)
			db_fail(db, "sql");
		st_finalize(s);
		if (ok < 0)
			goto fail;
	}
	if (nrows)
		buf_puts(out, "]\n");
	if (out->err) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		goto fail;
	}
	/* (rows written with their ids given: PostgreSQL's identity columns
	 * move past them, as SQLite's next rowid does) */
	if (write && db_pg(db) && db_exec_native(db, "CALL witan_compat.sync_identities()") < 0)
		goto fail;
	if (write && db_commit(db) < 0)
		goto fail;
	if (!write)
		db_read_end(db);
	rc = 0;
	goto out;
fail:
	if (write)
		db_rollback_keep(db);
	else
		db_read_end(db);
	out->len = mark;
out:
	free(span);
	return rc;
}
