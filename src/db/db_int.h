/* db_int.h: helpers shared by the db/ modules only (never include outside
 * src/db/).  Statements come from the per-handle cache, already reset. */
#ifndef WITAN_DB_INT_H
#define WITAN_DB_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "db/db.h"

/* A cached prepared statement for the SQL literal `sql`, reset and with
 * bindings cleared.  NULL on error (message in db->err). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/* Record the connection's error message in db->err and return -1. */
int db_fail(struct db *db, const char *what);

/* Column accessors that map SQL NULL to NULL / 0. */
static inline const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}
static inline int64_t col_int(sqlite3_stmt *s, int i)
{
	return sqlite3_column_int64(s, i);
}
/* Bind text, with NULL for a NULL pointer. */
static inline int bind_text(sqlite3_stmt *s, int i, const char *v)
{
	return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
}
/* Bind an integer, with NULL for 0 (used for optional foreign keys). */
static inline int bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	return v ? sqlite3_bind_int64(s, i, v) : sqlite3_bind_null(s, i);
}

/* Step a single-row query: 1 with the row readable (until the statement's
 * next use), 0 if there is none, -1 on error (logged). */
int db_get_one(struct db *db, sqlite3_stmt *s);
/* Step a statement that returns no rows; 0, or -1 with db->err set. */
int db_step_done(struct db *db, sqlite3_stmt *s, const char *what);
/* Roll back the open transaction, keeping db->err as it was. */
void db_rollback_keep(struct db *db);

/* The JSON a query taking an id as ?1 returns (malloc'd), or NULL. */
char *db_row_json(struct db *db, const char *json_sql, int64_t id);

/* One audited change to one row: db_change_begin opens the transaction and
 * keeps the row's JSON (json_sql, id as ?1) as it was; the caller writes,
 * setting c->id when it inserted the row; db_change_end(c, ok) appends the
 * audit entry with the row as it is now and commits, or (not ok, or any
 * failure) rolls back keeping db->err.  0 or -1.  (db/auth.c) */
struct db_change {
	struct db *db;
	int64_t user_id;
	const char *table, *json_sql, *action;
	int64_t id;
	char *before;
	const char *reason;  /* set by the caller: kept in the audit entry ("reason") only */
};
int db_change_begin(struct db_change *c, struct db *db, int64_t user_id, const char *table,
		    const char *json_sql, int64_t id, const char *action);
int db_change_end(struct db_change *c, int ok);

/* Bind Markdown source at i and its safe HTML rendering at i + 1 (both
 * NULL for NULL or ""); an SQLite result code (record.c). */
int db_bind_md(sqlite3_stmt *s, int i, const char *md);

/* Run a statement that returns no rows; 0 or -1. */
int db_exec_stmt(struct db *db, sqlite3_stmt *s);
/* Run SQL text with no parameters (schema, pragmas); 0 or -1. */
int db_exec(struct db *db, const char *sql);

#endif
