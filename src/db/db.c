/* db.c: opening the database, applying migrations, the statement cache and
 * transactions (see db.h). */
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db/boundary.h"
#include "db/db_int.h"
#include "db/pg.h"
#include "db/stmt_int.h"
#include "util/embed.h"
#include "util/banned.h"

/* The page cache of a public connection, in KiB (SQLite's default: 2000).
 * 16 MB: search's p95 on the 20,000-meeting corpus is the same as with
 * 32 MB (12.3 and 12.2 ms), and a server's peak RSS 33 MB lower
 * (docs/DECISIONS.md, "Performance at scale"). */
#define DB_PUBLIC_CACHE_KB "16384"

static const struct db_hooks *hooks[DB_MAX_HOOKS];
static int nhooks;

int db_hooks_add(const struct db_hooks *h)
{
	if (nhooks == DB_MAX_HOOKS)
		return -1;
	hooks[nhooks++] = h;
	return 0;
}

static int run_open_hooks(struct db *db)
{
	for (int i = 0; i < nhooks; i++)
		if (hooks[i]->open && hooks[i]->open(db) < 0)
			return -1;
	return 0;
}

static int run_commit_hooks(struct db *db)
{
	for (int i = 0; i < nhooks; i++)
		if (hooks[i]->commit && hooks[i]->commit(db) < 0)
			return -1;
	return 0;
}

int db_is_url(const char *path)
{
	return pg_is_url(path);
}

const char *db_errmsg(struct db *db)
{
	if (db->pg)
		return pg_errmsg(db);
	return db->h ? sqlite3_errmsg(db->h) : "no database";
}

int db_fail(struct db *db, const char *what)
{
	snprintf(db->err, sizeof(db->err), "%s: %s", what, db_errmsg(db));
	return -1;
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (db->pg)
		return pg_exec(db, sql);
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "%s", msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_exec_native(struct db *db, const char *sql)
{
	if (!db->pg) {
		snprintf(db->err, sizeof(db->err), "db_exec_native: not a PostgreSQL database");
		return -1;
	}
	return pg_exec_native(db, sql);
}

int db_exec_stmt(struct db *db, struct stmt *s)
{
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ERROR) {
		db_fail(db, "statement");
		st_reset(s);
		return -1;
	}
	st_reset(s);
	return 0;
}

struct stmt *db_stmt(struct db *db, const char *sql)
{
	sqlite3_stmt *lite = NULL;
	struct stmt *s;

	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql && db->cache[i].mode == (int)db->mode) {
			s = db->cache[i].stmt;
			st_reset(s);
			st_clear(s);
			return s;
		}
	}
	db->denied[0] = '\0';
	if (db->pg) {
		if (!(s = pg_prepare(db, sql, -1)))
			fprintf(stderr, "witan: %s\n", db->err);
	} else if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL) != SQLITE_OK) {
		if (db->denied[0]) {
			/* A public statement that reads past the views: a bug,
			 * said plainly for the developer and the log. */
			snprintf(db->err, sizeof(db->err), "prepare: %s connection refused %s (only the pub_* views"
				 " are public): %.60s", db->mode == DB_MODE_INDEX ? "the indexer's" : "a public",
				 db->denied, sql);
			fprintf(stderr, "witan: %s\n", db->err);
		} else {
			db_fail(db, "prepare");
		}
		return NULL;
	} else {
		s = stmt_wrap(db, lite);
	}
	if (!s)
		return NULL;
	if (db->ncache < DB_STMT_CACHE) {
		db->cache[db->ncache].sql = sql;
		db->cache[db->ncache].mode = (int)db->mode;
		db->cache[db->ncache].stmt = s;
		db->cache[db->ncache].kept = NULL;
		db->ncache++;
	} else {
		/* Should not happen: raise DB_STMT_CACHE.  Keep working by
		 * evicting the oldest entry. */
		st_finalize(db->cache[0].stmt);
		free(db->cache[0].kept);
		memmove(db->cache, db->cache + 1, sizeof(db->cache[0]) * (DB_STMT_CACHE - 1));
		db->cache[DB_STMT_CACHE - 1].sql = sql;
		db->cache[DB_STMT_CACHE - 1].mode = (int)db->mode;
		db->cache[DB_STMT_CACHE - 1].stmt = s;
		db->cache[DB_STMT_CACHE - 1].kept = NULL;
	}
	return s;
}

/* Migrations are the embedded files sql/NNN_name.sql, in name order. */
static int migration_number(const char *name)
{
	const char *p = name + 4; /* after "sql/" */
	int n = 0;

	if (strncmp(name, "sql/", 4) != 0 || p[0] < '0' || p[0] > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	return *p == '_' ? n : -1;
}

int db_schema_version_known(void)
{
	int max = 0;

	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		int n = migration_number(f->name);
		if (n > max)
			max = n;
	}
	return max;
}

int64_t db_pragma_int(struct db *db, const char *sql)
{
	struct stmt *s = db_stmt(db, sql);
	int64_t v = -1;

	if (s && st_step(s) == ST_ROW)
		v = col_int(s, 0);
	if (s)
		st_reset(s);
	return v;
}

/* PostgreSQL has no user_version: a table of one row keeps it.  Nor
 * data_version: witan_change counts the write transactions that witan
 * commits (db_commit), which every server of the database reads. */
static const char pg_version_table[] =
	"CREATE TABLE IF NOT EXISTS witan_schema (version BIGINT NOT NULL);"
	" INSERT INTO witan_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM witan_schema);"
	" ALTER TABLE witan_schema ADD COLUMN IF NOT EXISTS store TEXT;"
	" CREATE TABLE IF NOT EXISTS witan_change (n BIGINT NOT NULL);"
	" INSERT INTO witan_change SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM witan_change)";

int db_store_dir(struct db *db, char *out, size_t n)
{
	struct stmt *s;
	int rc;

	if (!db->pg)
		return 0;
	/* (read as JSON: a database made before the column was added, opened
	 * read-only, has not got it) */
	s = db_stmt(db, "SELECT to_jsonb(w) ->> 'store' FROM witan_schema w");
	rc = db_get_one(db, s);
	if (rc == 1 && col_text(s, 0) && *col_text(s, 0))
		snprintf(out, n, "%s", col_text(s, 0));
	else if (rc == 1)
		rc = 0;
	if (s)
		st_reset(s);
	return rc;
}

int db_store_dir_set(struct db *db, const char *dir)
{
	if (!db->pg)
		return 0;
	return db_run(db, "UPDATE witan_schema SET store = ?1", "recording the documents' folder",
		      DB_ARGS(v_text(dir)));
}

int db_schema_version(struct db *db)
{
	if (db->pg)
		return (int)db_pragma_int(db, "SELECT version FROM witan_schema");
	return (int)db_pragma_int(db, "PRAGMA user_version");
}

static int set_schema_version(struct db *db, int v)
{
	char sql[64];

	if (db->pg)
		snprintf(sql, sizeof(sql), "UPDATE witan_schema SET version = %d", v);
	else
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
	return db_exec(db, sql);
}

/* SQLite's functions that PostgreSQL lacks (sql/pg/compat.sql) and
 * Witan's own (sql/pg/witan.sql), made or remade on every open of a
 * read-write connection. */
static int pg_compat(struct db *db)
{
	static const char *const files[] = { "sql/pg/compat.sql", "sql/pg/witan.sql" };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const struct embedded_file *f = embed_find(files[i]);
		if (!f) {
			snprintf(db->err, sizeof(db->err), "%s is not in this binary", files[i]);
			return -1;
		}
		if (pg_exec_native(db, f->data) < 0)
			return -1;
	}
	return 0;
}

static int migrate(struct db *db)
{
	int have = db_schema_version(db);
	int known = db_schema_version_known();

	if (have < 0)
		return db_fail(db, "reading schema version");
	if (have > known) {
		snprintf(db->err, sizeof(db->err),
			 "database schema version %d is newer than this witan knows (%d): "
			 "upgrade witan to open it", have, known);
		return -1;
	}
	for (int v = have + 1; v <= known; v++) {
		const struct embedded_file *mig = NULL;

		for (const struct embedded_file *f = embedded_files; f->name; f++)
			if (migration_number(f->name) == v)
				mig = f;
		if (!mig) {
			snprintf(db->err, sizeof(db->err), "migration %d is missing", v);
			return -1;
		}
		if (db_begin(db) < 0)
			return -1;
		if (db_exec(db, mig->data) < 0 || set_schema_version(db, v) < 0) {
			char msg[sizeof(db->err)];
			snprintf(msg, sizeof(msg), "%s", db->err);
			snprintf(db->err, sizeof(db->err), "migration %s failed: %s", mig->name, msg);
			db_exec(db, "ROLLBACK");
			return -1;
		}
		if (db_exec(db, "COMMIT") < 0)
			return -1;
	}
	return 0;
}

/* PostgreSQL: the role a mode reads as (db/boundary.c, pg_grants). */
static int pg_role(struct db *db)
{
	static const char *const set[] = {
		[DB_MODE_FULL] = "RESET ROLE",
		[DB_MODE_PUBLIC] = "SET ROLE witan_public",
		[DB_MODE_INDEX] = "SET ROLE witan_indexer",
	};
	return pg_set_role(db, set[db->mode]);
}

/* db_open for a postgresql:// URL.  Migrations and the public views as on
 * SQLite, in PostgreSQL's dialect (db/dialect.c); the public connection's
 * boundary is the role it reads as (db/boundary.c). */
static int open_pg(struct db *db, const char *url, int flags)
{
	if (pg_open(db, url, flags & DB_READONLY) < 0)
		return -1;
	if (!(flags & DB_READONLY)) {
		if (db_begin(db) < 0 || pg_compat(db) < 0 || pg_exec_native(db, pg_version_table) < 0 ||
		    db_exec(db, "COMMIT") < 0)
			return -1;
		if ((flags & DB_NEW) && db_schema_version(db) > 0) {
			const char *body = getenv("WITAN_BODY");
			snprintf(db->err, sizeof(db->err), "%s%s%s%s already holds a Witan record; init creates a new one"
				 " (in an empty database, or a new --body)", url, body ? " (body " : "", body ? body : "",
				 body ? ")" : "");
			return -1;
		}
		if (migrate(db) < 0 || pg_reload(db) < 0 || boundary_install(db) < 0)
			return -1;
		if (db_begin(db) < 0 || db_commit(db) < 0)
			return -1;
	} else if (db_schema_version(db) <= 0) {
		snprintf(db->err, sizeof(db->err), "%s holds no Witan record%s (create one with witan init)", url,
			 getenv("WITAN_BODY") ? " for this --body" : "");
		return -1;
	} else if (db_schema_version(db) != db_schema_version_known()) {
		snprintf(db->err, sizeof(db->err), "database schema version %d differs from this witan's (%d)",
			 db_schema_version(db), db_schema_version_known());
		return -1;
	} else if (pg_reload(db) < 0) {
		return -1;
	}
	if (run_open_hooks(db) < 0)
		return -1;
	if (flags & DB_PUBLIC) {
		db->public_only = 1;
		db->mode = DB_MODE_PUBLIC;
		if (pg_role(db) < 0)
			return -1;
	}
	return 0;
}

int db_open(struct db *db, const char *path, int flags)
{
	int oflags = SQLITE_OPEN_NOMUTEX;

	memset(db, 0, sizeof(*db));
	oflags |= (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (flags & DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	db->path = strdup(path);
	if (!db->path) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	if (pg_is_url(path)) {
		if (open_pg(db, path, flags) < 0)
			goto fail;
		return 0;
	}
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "cannot open %s: %s", path,
			 db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	if (run_open_hooks(db) < 0 || boundary_register(db) < 0)
		goto fail;
	/* A file that is not a database fails here, on its first read. */
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_schema_version(db) < 0) {
		char msg[sizeof(db->err)];
		snprintf(msg, sizeof(msg), "%s", db->err[0] ? db->err : sqlite3_errmsg(db->h));
		snprintf(db->err, sizeof(db->err), "cannot open %s: %s", path, msg);
		goto fail;
	}
	if (!(flags & DB_READONLY)) {
		int before = db_schema_version(db);
		if (db_exec(db, "PRAGMA journal_mode = WAL") < 0 ||
		    db_exec(db, "PRAGMA synchronous = NORMAL") < 0 ||
		    migrate(db) < 0 || boundary_install(db) < 0)
			goto fail;
		/* Publish and index what a migration or an interrupted run left
		 * queued.  An upgrade to the publication record keeps each
		 * object's own modified time. */
		if (before > 0 && before < 8)
			db->source_times = 1;
		if (db_begin(db) < 0 || db_commit(db) < 0)
			goto fail;
		db->source_times = 0;
		/* An upgraded record may have been re-indexed whole: merge the
		 * index's segments, as `witan reindex` does (measured: p95 of
		 * the search benchmark 14.7 ms before, 11.2 ms after). */
		if (before > 0 && before < db_schema_version_known() &&
		    db_exec(db, "INSERT INTO search_fts(search_fts) VALUES ('optimize')") < 0)
			goto fail;
	} else if (db_schema_version(db) != db_schema_version_known()) {
		snprintf(db->err, sizeof(db->err),
			 "database schema version %d differs from this witan's (%d)",
			 db_schema_version(db), db_schema_version_known());
		goto fail;
	}
	if (flags & DB_PUBLIC) {
		/* A public connection searches: grouping the results reads
		 * search_doc for thousands of matches, which with SQLite's
		 * default 2 MB of page cache went to the file and pushed the
		 * index's own pages out (docs/DECISIONS.md, "Search results
		 * grouped").  Pages are cached as they are read: a small record
		 * never fills it. */
		if (db_exec(db, "PRAGMA cache_size = -" DB_PUBLIC_CACHE_KB) < 0)
			goto fail;
		db->public_only = 1;
		db->mode = DB_MODE_PUBLIC;
	}
	sqlite3_set_authorizer(db->h, boundary_authorize, db);
	return 0;
fail:
	db_close(db);
	return -1;
}

enum db_mode db_set_mode(struct db *db, enum db_mode mode)
{
	enum db_mode was = db->mode;

	db->mode = db->public_only ? DB_MODE_PUBLIC : mode;
	/* A role that cannot be set leaves the connection unable to read
	 * anything it should not: say so, and keep going. */
	if (db->pg && db->mode != was && pg_role(db) < 0)
		fprintf(stderr, "witan: %s\n", db->err);
	return was;
}

void db_close(struct db *db)
{
	for (int i = 0; i < db->ncache; i++) {
		st_finalize(db->cache[i].stmt);
		free(db->cache[i].kept);
	}
	db->ncache = 0;
	if (db->h)
		sqlite3_close(db->h);
	db->h = NULL;
	pg_close(db);
	free(db->path);
	db->path = NULL;
}

int db_begin(struct db *db)
{
	if (db->pg)
		return pg_begin_write(db);
	return db_exec_stmt(db, db_stmt(db, "BEGIN IMMEDIATE"));
}

int db_commit(struct db *db)
{
	/* The publication record and the search index (a commit hook) follow
	 * the record in the same transaction. */
	if (boundary_drain(db) < 0 || run_commit_hooks(db) < 0)
		return -1;
	/* (a transaction that wrote nothing has no transaction id, and moves
	 * no count, as SQLite's data_version does not move) */
	if (db->pg && db_exec_stmt(db, db_stmt(db, "UPDATE witan_change SET n = n + 1"
						 " WHERE pg_current_xact_id_if_assigned() IS NOT NULL")) < 0)
		return -1;
	return db_exec_stmt(db, db_stmt(db, "COMMIT"));
}

int db_read_begin(struct db *db)
{
	if (db->pg)
		return pg_exec_native(db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	return db_exec_stmt(db, db_stmt(db, "BEGIN"));
}

void db_read_end(struct db *db)
{
	if (!db_in_txn(db))
		return;
	if (db_exec_stmt(db, db_stmt(db, "COMMIT")) < 0)
		db_exec(db, "ROLLBACK");
}

int db_settle(struct db *db)
{
	struct stmt *s = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM publication_queue)"
				 " OR EXISTS (SELECT 1 FROM search_queue)");
	int queued = db_get_one(db, s) == 1 && col_int(s, 0);

	if (s)
		st_reset(s);
	if (!queued)
		return 0;
	if (db_begin(db) < 0)
		return -1;
	if (db_commit(db) < 0) {
		db_rollback_keep(db);
		return -1;
	}
	return 0;
}

void db_rollback(struct db *db)
{
	if (db_in_txn(db))
		db_exec(db, "ROLLBACK");
}

int64_t db_data_version(struct db *db)
{
	struct stmt *s;
	int64_t v = 0;

	/* The count of witan's commits to the database, by any server: a
	 * change made through another server is seen on the next request. */
	if (db->pg) {
		s = db_stmt(db, "SELECT n FROM witan_change");
		if (s && st_step(s) == ST_ROW)
			v = col_int(s, 0);
		if (s)
			st_reset(s);
		return v;
	}
	s = db_stmt(db, "PRAGMA data_version");
	if (s && st_step(s) == ST_ROW)
		v = col_int(s, 0);
	if (s)
		st_reset(s);
	return v + sqlite3_total_changes64(db->h);
}

void db_release_all(struct db *db)
{
	for (int i = 0; i < db->ncache; i++)
		if (!db->cache[i].stmt->lite || sqlite3_stmt_busy(db->cache[i].stmt->lite))
			st_reset(db->cache[i].stmt);
}

int db_ping(struct db *db)
{
	struct stmt *s = db_stmt(db, "SELECT count(*) FROM pub_body");
	int ok = s && st_step(s) == ST_ROW;

	if (s)
		st_reset(s);
	return ok;
}

int db_get_one(struct db *db, struct stmt *s)
{
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW)
		return 1;
	st_reset(s);
	if (rc == ST_DONE)
		return 0;
	db_fail(db, "query");
	fprintf(stderr, "witan: %s\n", db->err);
	return -1;
}

int db_step_done(struct db *db, struct stmt *s, const char *what)
{
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc != ST_DONE)
		db_fail(db, what);
	st_reset(s);
	return rc == ST_DONE ? 0 : -1;
}

void db_rollback_keep(struct db *db)
{
	char keep[sizeof(db->err)];

	snprintf(keep, sizeof(keep), "%s", db->err);
	db_rollback(db);
	snprintf(db->err, sizeof(db->err), "%s", keep);
}

int db_backup(struct db *db, const char *out_path, void (*progress)(void *ctx, int done, int total), void *ctx)
{
	sqlite3 *out = NULL;
	sqlite3_backup *bk;
	int rc;

	if (db->pg) {
		snprintf(db->err, sizeof(db->err), "a PostgreSQL database is backed up with pg_dump or"
			 " pg_basebackup (docs/OPERATIONS.md), not witan backup");
		return -1;
	}
	if (sqlite3_open_v2(out_path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE,
			    NULL) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "cannot create %s: %s", out_path,
			 out ? sqlite3_errmsg(out) : "out of memory");
		sqlite3_close(out);
		return -1;
	}
	bk = sqlite3_backup_init(out, "main", db->h, "main");
	if (!bk) {
		snprintf(db->err, sizeof(db->err), "backup: %s", sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (progress)
			progress(ctx, sqlite3_backup_pagecount(bk) - sqlite3_backup_remaining(bk),
				 sqlite3_backup_pagecount(bk));
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		snprintf(db->err, sizeof(db->err), "backup failed: %s", sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	rc = sqlite3_close(out);
	return rc == SQLITE_OK ? 0 : -1;
}
