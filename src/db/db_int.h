/* db_int.h: helpers shared by the db/ modules only (never include outside
 * src/db/).  Statements come from the per-handle cache, already reset. */
#ifndef WITAN_DB_INT_H
#define WITAN_DB_INT_H

#include <sqlite3.h>
#include <stddef.h>
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
/* The integer a PRAGMA (SQL literal) reads, or -1 (not logged). */
int64_t db_pragma_int(struct db *db, const char *sql);
/* Run SQL text with no parameters (schema, pragmas); 0 or -1. */
int db_exec(struct db *db, const char *sql);

/* --- bound statements (query.c) ---
 *
 * The values of a statement's parameters are one list, in parameter
 * order: DB_ARGS(v_int(id), v_text(name), ...) binds ?1, ?2, ...  Each
 * value says how it binds: v_int an integer, v_text text (NULL as SQL
 * NULL), v_id an optional reference (NULL for 0), v_md Markdown and its
 * safe HTML (two parameters: the source, then its rendering; both NULL
 * for NULL or ""), v_null NULL, v_textn text of len bytes, not copied (it
 * must outlive the statement's step).  Values past the statement's last
 * parameter are not bound (an INSERT and an UPDATE may share a list).
 * NULL is the empty list. */
enum dbv_kind { DBV_END, DBV_INT, DBV_ID, DBV_TEXT, DBV_TEXTN, DBV_MD, DBV_NULL };
struct dbv {
	enum dbv_kind k;
	int64_t i;
	const char *t;
};
static inline struct dbv v_int(int64_t i) { return (struct dbv){ DBV_INT, i, NULL }; }
static inline struct dbv v_id(int64_t i) { return (struct dbv){ DBV_ID, i, NULL }; }
static inline struct dbv v_text(const char *t) { return (struct dbv){ DBV_TEXT, 0, t }; }
static inline struct dbv v_md(const char *md) { return (struct dbv){ DBV_MD, 0, md }; }
static inline struct dbv v_null(void) { return (struct dbv){ DBV_NULL, 0, NULL }; }
static inline struct dbv v_textn(const char *t, size_t len) { return (struct dbv){ DBV_TEXTN, (int64_t)len, t }; }
#define DB_ARGS(...) ((const struct dbv[]){ __VA_ARGS__, { DBV_END, 0, NULL } })

/* Bind the list to s from ?1: SQLITE_OK, or an SQLite result code
 * (SQLITE_NOMEM when Markdown could not be rendered). */
int db_bind(sqlite3_stmt *s, const struct dbv *a);
/* The cached statement for sql with the list bound, or NULL (db->err). */
sqlite3_stmt *db_query(struct db *db, const char *sql, const struct dbv *a);
/* Run a statement that returns no rows: 0, or -1 with db->err ("what: ..."). */
int db_run(struct db *db, const char *sql, const char *what, const struct dbv *a);
/* Run an INSERT: the new row's id, or -1 with db->err. */
int64_t db_insert(struct db *db, const char *sql, const char *what, const struct dbv *a);
/* After a write meant for one row: 0 if it changed one, else -1 with
 * db->err "no such <what>". */
int db_changed_one(struct db *db, const char *what);
/* The first column of a one-row query as an integer: 1 with *v, 0 (no
 * row) or -1. */
int db_int_of(struct db *db, const char *sql, const struct dbv *a, int64_t *v);
/* The first column of a one-row query as a copy (malloc'd), or NULL. */
char *db_text_of(struct db *db, const char *sql, const struct dbv *a);

/* --- rows read by shape (query.c) ---
 *
 * A query's columns are read into a struct by a table, one entry per
 * column in select order: RCOL(struct, member) takes the member's offset
 * and its kind from its C type (int64_t, int, unsigned or const char *:
 * a string pointing into the statement, valid until its next use);
 * RBUF(struct, member) copies text into a char array member ("" for
 * NULL); RSUB(struct, member, table) reads a struct member with its own
 * table (as many columns as it has).  The table ends with RCOL_END. */
enum rkind { RK_END, RK_I64, RK_INT, RK_UINT, RK_TEXT, RK_BUF, RK_SUB };
struct rcol {
	size_t off;
	enum rkind k;
	size_t n;                  /* RK_BUF: the array's size */
	const struct rcol *sub;    /* RK_SUB: the member's table */
};
#define RCOL(T, m) { offsetof(T, m), _Generic(((T *)0)->m, int64_t: RK_I64, int: RK_INT, unsigned: RK_UINT, \
					   const char *: RK_TEXT), 0, NULL }
#define RBUF(T, m) { offsetof(T, m), RK_BUF, sizeof(((T *)0)->m), NULL }
#define RSUB(T, m, table) { offsetof(T, m), RK_SUB, 0, table }
#define RCOL_END { 0, RK_END, 0, NULL }

/* Fill row from the statement's columns from col on; returns the column
 * after the last one read. */
int db_fill(sqlite3_stmt *s, int col, const struct rcol *cols, void *row);
/* A one-row query into row: 1, 0 (none) or -1.  A row whose table
 * copies every value (no text pointers) leaves the statement reset, so
 * that it holds no read open; else its strings are valid until the
 * statement's next use.  sql, here and above, is an SQL literal (the
 * statement cache keys on its address). */
int db_row(struct db *db, const char *sql, const struct dbv *a, const struct rcol *cols, void *row);

/* Lists.  db_list opens a cursor over sql with the list bound: 0, or -1
 * with c->err set.  db_cursor_next reads its next row into row: 1, or 0
 * at the end or on error (c->err, logged). */
struct cursor;
int db_list(struct db *db, struct cursor *c, const char *sql, const struct dbv *a);
int db_cursor_next(struct cursor *c, const struct rcol *cols, void *row);
/* Advance without reading: 1 with a row at c->s, 0 as db_cursor_next. */
int db_cursor_step(struct cursor *c);

#endif
