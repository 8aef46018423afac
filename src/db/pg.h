/* pg.h: the PostgreSQL backend (db/pg.c), for db.c and stmt.c only: the
 * other db/ modules reach it through db_int.h's calls.  A struct db
 * whose pg is set is a PostgreSQL connection; its h is then NULL. */
#ifndef WITAN_PG_H
#define WITAN_PG_H

#include <stddef.h>
#include <stdint.h>

#include "db/db_int.h"

struct db;
struct stmt;

/* 1 if path is a libpq URL (postgresql:// or postgres://). */
int pg_is_url(const char *path);
/* Connect db to url (read_only: every transaction of the connection is
 * read-only, as a SQLite file opened read-only): 0, or -1 with db->err
 * (db->pg may be set: pg_close).
 * A connection lost later (the server restarted; a failover) is made
 * again by the next command outside a transaction, which then runs on
 * the new one; a command inside a transaction fails, and the caller's
 * commands after it until it ends that transaction. */
int pg_open(struct db *db, const char *url, int read_only);
/* The schema of the body WITAN_BODY names (witan --body NAME): body_NAME,
 * or public when it is not set.  0, or -1 for a name that is not 1 to 40
 * of [a-z0-9_].  Several bodies share a database a schema each: every
 * table, view and the documents' folder of one are in its schema, and
 * witan's SQL, which never names a schema, reads only its own. */
int pg_body_schema(char *out, size_t n);
/* Read as a role (sql: SET ROLE ... or RESET ROLE, a string that lives
 * as long as db), set again on a new connection: 0, or -1. */
int pg_set_role(struct db *db, const char *sql);
void pg_close(struct db *db);
/* Read what the driver needs of the schema (after migrations): 0 or -1. */
int pg_reload(struct db *db);
const char *pg_errmsg(struct db *db);
/* Run SQL in SQLite's dialect (translated), or PostgreSQL's own. */
int pg_exec(struct db *db, const char *sql);
int pg_exec_native(struct db *db, const char *sql);
/* BEGIN, with the writers' lock. */
int pg_begin_write(struct db *db);

/* A statement (its calls: pg_stmt_ops, db/stmt_int.h), translated now and
 * prepared on the server at its first step; NULL with db->err. */
struct stmt *pg_prepare(struct db *db, const char *sql, int len);
int64_t pg_changes(struct db *db);
int64_t pg_last_id(struct db *db);
int pg_unique_violation(struct db *db);
int pg_in_txn(struct db *db);

#endif
