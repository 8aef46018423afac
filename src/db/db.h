/* db.h: the database handle: opening, migrations, statement cache,
 * transactions.  Only src/db/ knows the database is SQLite; everything
 * outside it calls the query functions declared in the other db/ headers.
 *
 * A struct db is used by one thread at a time (each server thread opens
 * its own); statements are prepared once and reused. */
#ifndef WITAN_DB_H
#define WITAN_DB_H

#include <stddef.h>
#include <stdint.h>

struct sqlite3;
struct pg_conn;
struct stmt;

#define DB_STMT_CACHE 256

/* What a connection may read (db/boundary.h).  A public connection reads
 * the pub_* views and the search index, nothing else: SQLite's authorizer
 * refuses the rest when a statement is prepared.  The search indexer runs
 * in DB_MODE_INDEX: public reads, and writes to the index only. */
enum db_mode { DB_MODE_FULL = 0, DB_MODE_PUBLIC, DB_MODE_INDEX };

struct db {
	struct sqlite3 *h;    /* SQLite, or NULL */
	struct pg_conn *pg;   /* PostgreSQL (db/pg.c), or NULL */
	struct sqlite3 *xout; /* PostgreSQL: the export file being written (db/export.c) */
	const volatile int *xcancel;  /* and what stops it */
	char *path;
	struct db_cached {
		const char *sql;  /* the literal's address is the key, with the mode */
		int mode;
		struct stmt *stmt;
		char *kept;       /* db_row's copy of the text of its last row (query.c) */
	} cache[DB_STMT_CACHE];
	int ncache;
	enum db_mode mode;    /* see db_set_mode */
	int public_only;      /* opened with DB_PUBLIC: never leaves DB_MODE_PUBLIC */
	int source_times;     /* a harvest: public modified times are the source's */
	char err[256];        /* last error message, for the CLI and logs */
	char denied[128];     /* what the authorizer last refused */
};

/* Flags for db_open. */
#define DB_CREATE   1  /* create the file if missing */
#define DB_READONLY 2
#define DB_PUBLIC   4  /* a public connection (DB_MODE_PUBLIC for good) */
#define DB_NEW      8  /* init: refuse a PostgreSQL database that holds a record already */

/* 1 if path names a database by URL (postgresql://...: PostgreSQL),
 * 0 for a file (SQLite). */
int db_is_url(const char *path);

/* Open (and migrate to the current schema) the database at path: a file
 * (SQLite) or a postgresql:// URL.  With DB_NEW, a PostgreSQL database
 * that already holds a record is refused, as init makes a new one.
 * Returns 0, or -1 with a message in db->err (the handle is then closed). */
int db_open(struct db *db, const char *path, int flags);
void db_close(struct db *db);

/* The documents' folder of a PostgreSQL database (which has no file to
 * sit beside), as the first command given WITAN_STORE recorded it in the
 * database, so that the commands and servers after it find it without:
 * db_store_dir copies it to out (1), or finds none recorded or a SQLite
 * database (0), or fails (-1, db->err).  db_store_dir_set records dir
 * (0, or -1). */
int db_store_dir(struct db *db, char *out, size_t n);
int db_store_dir_set(struct db *db, const char *dir);

/* Switch what the connection may read; returns the previous mode.  A
 * connection opened with DB_PUBLIC stays public whatever is asked. */
enum db_mode db_set_mode(struct db *db, enum db_mode mode);

/* The schema version this binary knows, and the one in the file. */
int db_schema_version_known(void);
int db_schema_version(struct db *db);

/* Hooks: what a module of db/ that keeps its own state in the file (the
 * search index, db/search.c) runs on every connection, without db.c
 * knowing the module.  open runs in db_open once the connection is made,
 * before anything is read (register SQL functions there); commit runs in
 * db_commit inside the transaction, after the publication record is
 * drained and before COMMIT.  Either may be NULL; each returns 0, or -1
 * with db->err set (db_open or db_commit then fails).  Hooks run in the
 * order they were added.  db_hooks_add keeps the pointer; call it before
 * any db_open (a module does so from a constructor, so that every program
 * linked with it gets it); returns 0, or -1 when DB_MAX_HOOKS are added. */
#define DB_MAX_HOOKS 8
struct db_hooks {
	const char *name;
	int (*open)(struct db *db);
	int (*commit)(struct db *db);
};
int db_hooks_add(const struct db_hooks *h);

/* Transactions; db_commit returns 0 or -1; db_rollback is safe to call
 * when no transaction is open. */
int db_begin(struct db *db);
/* A read transaction around a run of reads (a page): one snapshot of the
 * record for all of them, and one WAL read lock where each statement
 * alone takes and drops its own (a third of an uncached page's time on
 * the corpus, bench/README.md).  db_read_begin: 0 or -1; db_read_end
 * ends it, if one is open. */
int db_read_begin(struct db *db);
void db_read_end(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Publish and index whatever is queued (a write made outside witan, or
 * left by a crash), in one transaction; cheap when nothing is.  0 or -1. */
int db_settle(struct db *db);

/* A change counter for cache invalidation: grows whenever any connection
 * commits a change to the file (PRAGMA data_version plus own changes). */
int64_t db_data_version(struct db *db);

/* Copy the database to out_path with SQLite's online backup (a consistent
 * snapshot while others read and write); out_path must not exist.
 * progress(ctx, done, total) is called after each step (may be NULL).
 * Returns 0, or -1 with a message in db->err. */
int db_backup(struct db *db, const char *out_path, void (*progress)(void *ctx, int done, int total), void *ctx);

/* Reset every statement of the handle so that no read transaction stays
 * open between requests (row strings become invalid).  Called by the
 * server after every request. */
void db_release_all(struct db *db);
/* 1 if the database answers a trivial query, for /healthz. */
int db_ping(struct db *db);

#endif
