/* export.c: the bulk export's tables and the copy of a snapshot of the
 * public views into a new SQLite file (see export.h).
 *
 * The statements are assembled from the constant descriptions below (never
 * from input) and run once per export, so they are prepared directly
 * rather than through the statement cache.  The export file is attached
 * to the reading connection: `INSERT INTO out.t SELECT ... FROM pub_v`
 * copies inside SQLite, and one deferred transaction over both files is
 * the snapshot (the main file is only read, so it takes no write lock).
 *
 * On PostgreSQL the export file is a connection of its own (db->xout):
 * the rows are read from the views in one REPEATABLE READ transaction,
 * the snapshot, and written to the file one by one. */
#include <sqlite3.h>

#include "db/export.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "db/db_int.h"
#include "db/model.h"
#include "db/stmt_int.h"
#include "util/buf.h"
#include "util/banned.h"

/* The tables of the export: every entity of the model with a public
 * view, in the model's order; its columns are the fields the public sees,
 * but the Markdown sources (the _html columns are the published text) and
 * those marked .noexport, with their meaning from the model.  Built once. */
#define MAX_COLS 40
static struct export_table tables[M_NENTITIES + 1];
static struct export_column cols[M_NENTITIES][MAX_COLS + 1];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static const char *sql_type(const struct mfield *f)
{
	switch (f->type) {
	case MT_ID: case MT_REF: case MT_INT: case MT_BOOL: return "INTEGER";
	case MT_LAT: case MT_LON: return "REAL";
	default: return "TEXT";
	}
}

static void build_tables(void)
{
	static char views[M_NENTITIES][40], keys[M_NENTITIES][64];
	int nt = 0;

	for (int k = 0; k < M_NENTITIES; k++) {
		const struct mentity *e = &model[k];
		int n = 0;

		for (int i = 0; i < e->nfields && n < MAX_COLS; i++) {
			const struct mfield *f = &e->fields[i];
			if (f->cls == 'I' || f->type == MT_MD || f->noexport)
				continue;
			cols[k][n++] = (struct export_column){ f->col, sql_type(f), f->cls == 'V' ? f->expr : NULL, f->doc };
		}
		if (!n)
			continue;    /* internal whole (accounts) */
		cols[k][n] = (struct export_column){ NULL, NULL, NULL, NULL };
		snprintf(views[k], sizeof(views[k]), "pub_%s", e->table);
		/* The key: the id, or (without one) the first two fields. */
		if (e->fields[0].type == MT_ID)
			snprintf(keys[k], sizeof(keys[k]), "%s", e->fields[0].col);
		else
			snprintf(keys[k], sizeof(keys[k]), "%s, %s", e->fields[0].col, e->fields[1].col);
		tables[nt++] = (struct export_table){ e->table, views[k], keys[k], e->what, cols[k] };
	}
	tables[nt] = (struct export_table){ NULL, NULL, NULL, NULL, NULL };
}

const struct export_table *export_table_list(void)
{
	pthread_once(&tables_once, build_tables);
	return tables;
}

/* Run one statement of text built here from the constants above. */
static int run_sql(struct db *db, const struct buf *sql, const char *what)
{
	struct stmt *s = NULL;
	int rc;

	if (sql->err) {
		snprintf(db->err, sizeof(db->err), "%s: out of memory", what);
		return -1;
	}
	if (!(s = db_prepare(db, sql->data, (int)sql->len)))
		return -1;
	rc = st_step(s) == ST_DONE ? 0 : db_fail(db, what);
	st_finalize(s);
	return rc;
}

static int check_cancel(void *arg)
{
	return *(const volatile int *)arg != 0;
}

/* SQL text on the export file of a PostgreSQL export: 0 or -1. */
static int out_exec(struct db *db, const char *sql, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(db->xout, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	snprintf(db->err, sizeof(db->err), "%s: %s", what, msg ? msg : "error");
	sqlite3_free(msg);
	return -1;
}

/* export_begin on PostgreSQL: 0, or -1 (export_end then cleans up). */
static int begin_pg(struct db *db, const char *out_path, const volatile int *cancel)
{
	db->xcancel = cancel;
	if (sqlite3_open_v2(out_path, &db->xout, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "cannot create %s: %s", out_path,
			 db->xout ? sqlite3_errmsg(db->xout) : "out of memory");
		return -1;
	}
	/* The first read fixes the snapshot. */
	return out_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;"
			" CREATE TABLE export_info (key TEXT PRIMARY KEY, value TEXT)", "the export file") < 0 ||
	       db_exec_native(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") < 0 ||
	       db_exec(db, "SELECT count(*) FROM pub_meeting") < 0 ? -1 : 0;
}

/* Copy the rows of sql (PostgreSQL) into the export file's table t. */
static int fill_pg(struct db *db, const struct export_table *t, const char *sql, long *rows)
{
	struct buf ins = BUF_INIT;
	struct stmt *s = db_prepare(db, sql, -1);
	sqlite3_stmt *o = NULL;
	int n = 0, step, rc = -1;

	if (!s)
		return -1;
	buf_printf(&ins, "INSERT INTO %s VALUES (", t->name);
	for (const struct export_column *c = t->cols; c->name; c++)
		buf_printf(&ins, "%s?", n++ ? ", " : "");
	buf_puts(&ins, ")");
	if (ins.err || sqlite3_prepare_v2(db->xout, ins.data, -1, &o, NULL) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "the export file: %s", sqlite3_errmsg(db->xout));
		goto out;
	}
	while ((step = st_step(s)) == ST_ROW) {
		if (db->xcancel && *db->xcancel) {
			snprintf(db->err, sizeof(db->err), "interrupted");
			goto out;
		}
		for (int i = 0; i < n; i++) {
			switch (col_type(s, i)) {
			case ST_INT: sqlite3_bind_int64(o, i + 1, col_int(s, i)); break;
			case ST_FLOAT: sqlite3_bind_double(o, i + 1, col_double(s, i)); break;
			case ST_NULL: sqlite3_bind_null(o, i + 1); break;
			default: sqlite3_bind_text(o, i + 1, col_text(s, i), -1, SQLITE_TRANSIENT);
			}
		}
		if (sqlite3_step(o) != SQLITE_DONE) {
			snprintf(db->err, sizeof(db->err), "the export file: %s", sqlite3_errmsg(db->xout));
			goto out;
		}
		sqlite3_reset(o);
		(*rows)++;
	}
	if (step == ST_ERROR) {
		db_fail(db, "copying the public record");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(o);
	st_finalize(s);
	buf_release(&ins);
	return rc;
}

int export_begin(struct db *db, const char *out_path, const volatile int *cancel)
{
	struct stmt *s;

	if (db_pg(db)) {
		if (begin_pg(db, out_path, cancel) < 0)
			goto fail;
		return 0;
	}
	if (!(s = db_stmt(db, "ATTACH ?1 AS out")))
		return -1;
	if (cancel)
		sqlite3_progress_handler(db->h, 10000, check_cancel, (void *)cancel);
	st_bind_text(s, 1, out_path);
	if (db_step_done(db, s, "attaching the export") < 0) {
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
		return -1;
	}
	/* A new file, removed on failure: no journal, no syncs until the end. */
	if (db_exec(db, "PRAGMA out.journal_mode = OFF") < 0 || db_exec(db, "PRAGMA out.synchronous = OFF") < 0 ||
	    db_exec(db, "BEGIN") < 0)
		goto fail;
	/* The first read fixes the snapshot. */
	if (db_exec(db, "SELECT count(*) FROM pub_meeting") < 0 ||
	    db_exec(db, "CREATE TABLE out.export_info (key TEXT PRIMARY KEY, value TEXT)") < 0)
		goto fail;
	return 0;
fail:
	export_end(db, 0);
	return -1;
}

static const struct export_table *find_table(const char *name)
{
	for (const struct export_table *t = export_tables; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

int export_fill(struct db *db, const struct export_table *t, long *rows)
{
	struct buf sql = BUF_INIT;
	int rc = -1;

	*rows = 0;
	buf_printf(&sql, "CREATE TABLE %s%s (", db_pg(db) ? "" : "out.", t->name);
	for (const struct export_column *c = t->cols; c->name; c++)
		buf_printf(&sql, "%s%s %s", c == t->cols ? "" : ", ", c->name, c->type);
	buf_printf(&sql, ", PRIMARY KEY (%s))", t->key);
	if (sql.err || (db_pg(db) ? out_exec(db, sql.data, "creating an export table")
			  : run_sql(db, &sql, "creating an export table")) < 0)
		goto out;
	buf_reset(&sql);
	if (!db_pg(db))
		buf_printf(&sql, "INSERT INTO out.%s ", t->name);
	buf_puts(&sql, "SELECT ");
	for (const struct export_column *c = t->cols; c->name; c++)
		buf_printf(&sql, "%s%s", c == t->cols ? "" : ", ", c->expr ? c->expr : c->name);
	buf_printf(&sql, " FROM %s%s ORDER BY %s", db_pg(db) ? "" : "main.", t->from, t->key);
	if (sql.err) {
		snprintf(db->err, sizeof(db->err), "copying the public record: out of memory");
		goto out;
	}
	if (db_pg(db)) {
		rc = fill_pg(db, t, sql.data, rows);
		goto out;
	}
	if (run_sql(db, &sql, "copying the public record") < 0)
		goto out;
	*rows = (long)db_changes(db);
	rc = 0;
out:
	buf_release(&sql);
	return rc;
}

int export_info_put(struct db *db, const char *key, const char *value)
{
	struct stmt *s;

	if (db_pg(db)) {
		sqlite3_stmt *o = NULL;
		int rc = sqlite3_prepare_v2(db->xout, "INSERT INTO export_info(key, value) VALUES (?1, ?2)", -1, &o, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(o, 1, key, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(o, 2, value, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(o) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		}
		if (rc != SQLITE_OK)
			snprintf(db->err, sizeof(db->err), "writing export_info: %s", sqlite3_errmsg(db->xout));
		sqlite3_finalize(o);
		return rc == SQLITE_OK ? 0 : -1;
	}
	if (!(s = db_stmt(db, "INSERT INTO out.export_info(key, value) VALUES (?1, ?2)")))
		return -1;
	st_bind_text(s, 1, key);
	st_bind_text(s, 2, value);
	return db_step_done(db, s, "writing export_info");
}

int export_rows(struct db *db, const char *name,
		int (*row)(void *ctx, const struct export_value *v, int n), void *ctx)
{
	const struct export_table *t = find_table(name);
	struct export_value v[32];
	struct buf sql = BUF_INIT;
	struct stmt *s = NULL;
	int rc = -1, step, n;

	if (!t && strcmp(name, "export_info") != 0) {
		snprintf(db->err, sizeof(db->err), "no export table %s", name);
		return -1;
	}
	buf_printf(&sql, "SELECT * FROM %s%s ORDER BY %s", db_pg(db) ? "" : "out.", name, t ? t->key : "key");
	if (sql.err) {
		snprintf(db->err, sizeof(db->err), "reading the export: out of memory");
		goto out;
	}
	if (db_pg(db)) {
		/* read back from the file being written, not PostgreSQL */
		sqlite3_stmt *o = NULL;
		if (sqlite3_prepare_v2(db->xout, sql.data, -1, &o, NULL) != SQLITE_OK) {
			snprintf(db->err, sizeof(db->err), "reading the export: %s", sqlite3_errmsg(db->xout));
			goto out;
		}
		if (!(s = stmt_wrap(db, o)))
			goto out;
	} else if (!(s = db_prepare(db, sql.data, (int)sql.len))) {
		goto out;
	}
	n = col_count(s);
	if (n > (int)(sizeof(v) / sizeof(v[0]))) {
		snprintf(db->err, sizeof(db->err), "export table %s has too many columns", name);
		goto out;
	}
	for (int i = 0; i < n; i++)
		v[i].name = col_name(s, i);
	while ((step = st_step(s)) == ST_ROW) {
		int stop;

		for (int i = 0; i < n; i++) {
			v[i].s = NULL;
			switch (col_type(s, i)) {
			case ST_INT:
				v[i].type = EXPORT_INT;
				v[i].i = col_int(s, i);
				break;
			case ST_FLOAT:
				v[i].type = EXPORT_REAL;
				v[i].d = col_double(s, i);
				break;
			case ST_NULL:
				v[i].type = EXPORT_NULL;
				break;
			default: /* text (the record holds no blobs) */
				v[i].type = EXPORT_TEXT;
				v[i].s = col_text(s, i);
				if (!v[i].s)
					v[i].type = EXPORT_NULL;
			}
		}
		if ((stop = row(ctx, v, n)) != 0) {
			rc = stop;
			goto out;
		}
	}
	if (step != ST_DONE) {
		db_fail(db, "reading the export");
		goto out;
	}
	rc = 0;
out:
	st_finalize(s);
	buf_release(&sql);
	return rc;
}

int export_end(struct db *db, int ok)
{
	int rc = ok ? 0 : -1;

	if (db_pg(db)) {
		if (db->xout && ok && out_exec(db, "COMMIT", "the export file") < 0)
			rc = -1;
		if (db->xout && sqlite3_close(db->xout) != SQLITE_OK && rc == 0) {
			snprintf(db->err, sizeof(db->err), "closing the export file: %s", sqlite3_errmsg(db->xout));
			rc = -1;
		}
		db->xout = NULL;
		db->xcancel = NULL;
		db_release_all(db);
		if (db_in_txn(db))
			db_rollback_keep(db);
		return rc;
	}

	if (ok && db_exec(db, "COMMIT") < 0)
		rc = -1;
	if (db_in_txn(db))
		db_rollback_keep(db);
	db_release_all(db);
	sqlite3_progress_handler(db->h, 0, NULL, NULL);
	if (db_exec(db, "DETACH out") < 0 && rc == 0)
		rc = -1;
	return rc;
}

int64_t export_source_version(struct db *db)
{
	if (db_pg(db))
		return db_data_version(db);
	return db_pragma_int(db, "PRAGMA main.data_version");
}
