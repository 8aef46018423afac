/* stmt_int.h: what a statement is, for db.c, stmt.c and pg.c (the other
 * db/ modules hold struct stmt by pointer and use db_int.h's calls; the
 * export wraps its SQLite file's statements with stmt_wrap). */
#ifndef WITAN_STMT_INT_H
#define WITAN_STMT_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db_int.h"

struct db;

struct pg_stmt;
struct stmt;

/* What a backend does with its statements: db_int.h's calls of the same
 * names, which stmt.c passes on.  text_n: len bytes, copied if copy (else
 * they must outlive the step); v NULL binds NULL.  bind_null's integer
 * says the parameter takes integers (PostgreSQL types it by its first
 * binding). */
struct stmt_ops {
	int (*step)(struct stmt *s);
	void (*reset)(struct stmt *s);
	void (*clear)(struct stmt *s);
	void (*finalize)(struct stmt *s);
	int64_t (*col_int)(struct stmt *s, int i);
	const char *(*col_text)(struct stmt *s, int i);
	int (*col_bytes)(struct stmt *s, int i);
	double (*col_double)(struct stmt *s, int i);
	enum st_type (*col_type)(struct stmt *s, int i);
	int (*col_count)(struct stmt *s);
	const char *(*col_name)(struct stmt *s, int i);
	int (*bind_int)(struct stmt *s, int i, int64_t v);
	int (*bind_text)(struct stmt *s, int i, const char *v, size_t len, int copy);
	int (*bind_null)(struct stmt *s, int i, int integer);
	int (*param_count)(struct stmt *s);
	int (*param_index)(struct stmt *s, const char *name);
};

/* Either lite or pg is set, with ops to match. */
struct stmt {
	const struct stmt_ops *ops;
	struct db *db;
	sqlite3_stmt *lite;      /* SQLite */
	struct pg_stmt *pg;      /* PostgreSQL (db/pg.c) */
};

extern const struct stmt_ops pg_stmt_ops;

/* A statement around lite (finalized, with db->err set, on failure). */
struct stmt *stmt_wrap(struct db *db, sqlite3_stmt *lite);

#endif
