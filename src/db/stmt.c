/* stmt.c: prepared statements over the connection's backend (see
 * db_int.h, "statements").  The db/ modules step, bind and read through
 * these calls, so that what they say holds for either backend. */
#include "db/db_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/pg.h"
#include "db/stmt_int.h"
#include "util/banned.h"

/* --- SQLite ------------------------------------------------------------ */

static int ok(int rc)
{
	return rc == SQLITE_OK ? 0 : -1;
}

static int lite_step(struct stmt *s)
{
	int rc = sqlite3_step(s->lite);

	return rc == SQLITE_ROW ? ST_ROW : rc == SQLITE_DONE ? ST_DONE : ST_ERROR;
}

static void lite_reset(struct stmt *s) { sqlite3_reset(s->lite); }
static void lite_clear(struct stmt *s) { sqlite3_clear_bindings(s->lite); }
static void lite_finalize(struct stmt *s) { sqlite3_finalize(s->lite); }
static int64_t lite_int(struct stmt *s, int i) { return sqlite3_column_int64(s->lite, i); }
static const char *lite_text(struct stmt *s, int i) { return (const char *)sqlite3_column_text(s->lite, i); }
static int lite_bytes(struct stmt *s, int i) { return sqlite3_column_bytes(s->lite, i); }
static double lite_double(struct stmt *s, int i) { return sqlite3_column_double(s->lite, i); }
static int lite_count(struct stmt *s) { return sqlite3_column_count(s->lite); }
static const char *lite_name(struct stmt *s, int i) { return sqlite3_column_name(s->lite, i); }
static int lite_params(struct stmt *s) { return sqlite3_bind_parameter_count(s->lite); }
static int lite_param(struct stmt *s, const char *name) { return sqlite3_bind_parameter_index(s->lite, name); }
static int lite_bind_int(struct stmt *s, int i, int64_t v) { return ok(sqlite3_bind_int64(s->lite, i, v)); }
static int lite_bind_null(struct stmt *s, int i, int integer) { return ok(sqlite3_bind_null(s->lite, i)); }

static enum st_type lite_type(struct stmt *s, int i)
{
	switch (sqlite3_column_type(s->lite, i)) {
	case SQLITE_INTEGER: return ST_INT;
	case SQLITE_FLOAT: return ST_FLOAT;
	case SQLITE_NULL: return ST_NULL;
	default: return ST_TEXT;
	}
}

static int lite_bind_text(struct stmt *s, int i, const char *v, size_t len, int copy)
{
	if (!v)
		return ok(sqlite3_bind_null(s->lite, i));
	return ok(sqlite3_bind_text(s->lite, i, v, (int)len, copy ? SQLITE_TRANSIENT : SQLITE_STATIC));
}

static const struct stmt_ops lite_ops = {
	lite_step, lite_reset, lite_clear, lite_finalize, lite_int, lite_text, lite_bytes, lite_double, lite_type,
	lite_count, lite_name, lite_bind_int, lite_bind_text, lite_bind_null, lite_params, lite_param,
};

struct stmt *stmt_wrap(struct db *db, sqlite3_stmt *lite)
{
	struct stmt *s = calloc(1, sizeof(*s));

	if (!s) {
		sqlite3_finalize(lite);
		snprintf(db->err, sizeof(db->err), "out of memory");
		return NULL;
	}
	s->ops = &lite_ops;
	s->db = db;
	s->lite = lite;
	return s;
}

struct stmt *db_prepare(struct db *db, const char *sql, int len)
{
	sqlite3_stmt *lite = NULL;

	if (db->pg)
		return pg_prepare(db, sql, len);
	if (sqlite3_prepare_v2(db->h, sql, len, &lite, NULL) != SQLITE_OK) {
		db_fail(db, "prepare");
		return NULL;
	}
	return stmt_wrap(db, lite);
}

/* --- either backend ------------------------------------------------------ */

void st_finalize(struct stmt *s)
{
	if (!s)
		return;
	s->ops->finalize(s);
	free(s);
}

int st_step(struct stmt *s) { return s->ops->step(s); }
void st_reset(struct stmt *s) { s->ops->reset(s); }
void st_clear(struct stmt *s) { s->ops->clear(s); }
int64_t col_int(struct stmt *s, int i) { return s->ops->col_int(s, i); }
const char *col_text(struct stmt *s, int i) { return s->ops->col_text(s, i); }
int col_bytes(struct stmt *s, int i) { return s->ops->col_bytes(s, i); }

const char *col_str(struct stmt *s, int i)
{
	const char *t = col_text(s, i);

	return t ? t : "";
}

void col_copy(struct stmt *s, int i, char *out, size_t n)
{
	snprintf(out, n, "%s", col_str(s, i));
}
double col_double(struct stmt *s, int i) { return s->ops->col_double(s, i); }
int col_null(struct stmt *s, int i) { return s->ops->col_type(s, i) == ST_NULL; }
enum st_type col_type(struct stmt *s, int i) { return s->ops->col_type(s, i); }
int col_count(struct stmt *s) { return s->ops->col_count(s); }
const char *col_name(struct stmt *s, int i) { return s->ops->col_name(s, i); }
int st_param_count(struct stmt *s) { return s->ops->param_count(s); }
int st_param_index(struct stmt *s, const char *name) { return s->ops->param_index(s, name); }
int st_bind_int(struct stmt *s, int i, int64_t v) { return s->ops->bind_int(s, i, v); }
int st_bind_null(struct stmt *s, int i) { return s->ops->bind_null(s, i, 0); }

int st_bind_text(struct stmt *s, int i, const char *v)
{
	return s->ops->bind_text(s, i, v, v ? strlen(v) : 0, 1);
}

int st_bind_textn(struct stmt *s, int i, const char *v, size_t len)
{
	return s->ops->bind_text(s, i, v, len, 0);
}

int st_bind_id(struct stmt *s, int i, int64_t v)
{
	return v ? st_bind_int(s, i, v) : s->ops->bind_null(s, i, 1);
}

sqlite3_stmt *st_lite(struct stmt *s)
{
	return s->lite;   /* NULL on PostgreSQL */
}

int64_t db_changes(struct db *db)
{
	return db->pg ? pg_changes(db) : sqlite3_changes64(db->h);
}

int64_t db_last_id(struct db *db)
{
	return db->pg ? pg_last_id(db) : sqlite3_last_insert_rowid(db->h);
}

int db_unique_violation(struct db *db)
{
	return db->pg ? pg_unique_violation(db) : sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE;
}

int db_in_txn(struct db *db)
{
	if (db->pg)
		return pg_in_txn(db);
	return db->h && !sqlite3_get_autocommit(db->h);
}
