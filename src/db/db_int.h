/* db_int.h: helpers shared by the db/ modules only (never include outside
 * src/db/).  Statements come from the per-handle cache, already reset. */
#ifndef WITAN_DB_INT_H
#define WITAN_DB_INT_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* --- statements (stmt.c) ---
 *
 * A prepared statement of the connection's backend; the db/ modules use
 * these calls, never the backend's own (only db.c, stmt.c and what is
 * SQLite's alone, such as FTS5's functions in search.c, call sqlite3_*).
 * st_step: ST_ROW with a row readable, ST_DONE, or ST_ERROR (the message
 * by db_fail).  Columns count from 0, parameters from 1; text read is
 * valid until the statement's next step or reset; SQL NULL reads as NULL
 * or 0 (col_null tells them apart).  The binds return 0, or -1. */
struct stmt;
enum { ST_ERROR = -1, ST_DONE = 0, ST_ROW = 1 };
int st_step(struct stmt *s);
void st_reset(struct stmt *s);
/* Forget the values bound (reset first). */
void st_clear(struct stmt *s);
int64_t col_int(struct stmt *s, int i);
const char *col_text(struct stmt *s, int i);
/* The text, or "" for NULL; and that copied into out (n bytes). */
const char *col_str(struct stmt *s, int i);
void col_copy(struct stmt *s, int i, char *out, size_t n);
int col_bytes(struct stmt *s, int i);
double col_double(struct stmt *s, int i);
int col_null(struct stmt *s, int i);
int st_bind_int(struct stmt *s, int i, int64_t v);
/* text (copied) at i, NULL for a NULL pointer */
int st_bind_text(struct stmt *s, int i, const char *v);
/* len bytes of text, not copied: they must outlive the statement's step */
int st_bind_textn(struct stmt *s, int i, const char *v, size_t len);
int st_bind_null(struct stmt *s, int i);
/* Bind an integer, with NULL for 0 (used for optional foreign keys). */
int st_bind_id(struct stmt *s, int i, int64_t v);
/* The columns of a row: how many, the name of one, and the type of its
 * value in this row. */
enum st_type { ST_INT, ST_FLOAT, ST_TEXT, ST_NULL };
int col_count(struct stmt *s);
const char *col_name(struct stmt *s, int i);
enum st_type col_type(struct stmt *s, int i);
/* The number of parameters, and that of a named one (0 if none). */
int st_param_count(struct stmt *s);
int st_param_index(struct stmt *s, const char *name);
/* The SQLite statement beneath, for what only SQLite has (FTS5). */
struct sqlite3_stmt *st_lite(struct stmt *s);

/* A cached prepared statement for the SQL literal `sql`, reset and with
 * bindings cleared.  NULL on error (message in db->err). */
struct stmt *db_stmt(struct db *db, const char *sql);
/* A statement for SQL built at run time (len bytes, or -1 to its NUL),
 * not cached: st_finalize it.  NULL on error (db->err). */
struct stmt *db_prepare(struct db *db, const char *sql, int len);
void st_finalize(struct stmt *s);
/* The backend's message for the last error, and db_fail: that message
 * in db->err ("what: message"), returning -1. */
const char *db_errmsg(struct db *db);
int db_fail(struct db *db, const char *what);
/* The rows the last INSERT, UPDATE or DELETE changed, and the id of the
 * row the last INSERT made. */
int64_t db_changes(struct db *db);
int64_t db_last_id(struct db *db);
/* 1 if the last statement failed on a UNIQUE constraint. */
int db_unique_violation(struct db *db);
/* 1 on PostgreSQL, 0 on SQLite: for the few statements that must differ
 * (the schema's catalogue, FTS5), each said where it is. */
static inline int db_pg(const struct db *db) { return db->pg != NULL; }
/* 1 inside a transaction. */
int db_in_txn(struct db *db);

/* Step a single-row query: 1 with the row readable (until the statement's
 * next use), 0 if there is none, -1 on error (logged). */
int db_get_one(struct db *db, struct stmt *s);
/* Step a statement that returns no rows; 0, or -1 with db->err set. */
int db_step_done(struct db *db, struct stmt *s, const char *what);
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
int db_bind_md(struct stmt *s, int i, const char *md);

/* Run a statement that returns no rows; 0 or -1. */
int db_exec_stmt(struct db *db, struct stmt *s);
/* The integer a PRAGMA (SQL literal) reads, or -1 (not logged). */
int64_t db_pragma_int(struct db *db, const char *sql);
/* Run SQL text with no parameters (schema, pragmas); 0 or -1. */
int db_exec(struct db *db, const char *sql);
/* PostgreSQL only: SQL text in its own dialect, not translated. */
int db_exec_native(struct db *db, const char *sql);

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

/* Bind the list to s from ?1: 0, -1 (the backend refused) or
 * DB_BIND_MD (Markdown could not be rendered). */
#define DB_BIND_MD (-2)
int db_bind(struct stmt *s, const struct dbv *a);
/* The cached statement for sql with the list bound, or NULL (db->err). */
struct stmt *db_query(struct db *db, const char *sql, const struct dbv *a);
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
int db_fill(struct stmt *s, int col, const struct rcol *cols, void *row);
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
/* Define a module's reader of a cursor's rows: int fn(struct cursor *,
 * struct T *) that reads each row with the row table cols. */
#define DB_CURSOR_READER(fn, T, cols) \
	int fn(struct cursor *c, struct T *r) { return db_cursor_next(c, cols, r); }
/* Advance without reading: 1 with a row at c->s, 0 as db_cursor_next. */
int db_cursor_step(struct cursor *c);

#endif
