/* test_dialect.c: SQLite's SQL translated to PostgreSQL's (db/dialect.c):
 * each rule, the errors, the tokenizer's edges, every migration and every
 * view and trigger db/boundary.c generates.
 *
 * Also a tool for tests/pg/migrations.sh (make test-pg-schema):
 *   test_dialect --print FILE   FILE's translation on stdout
 *   test_dialect --boundary     the translation of what db/boundary.c
 *                               generates (views, triggers) on stdout */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>
#include "db/db.h"
#include "db/db_int.h"
#include "db/dialect.h"
#include "util/buf.h"
#include "util/embed.h"

static char err[256];
static struct buf out = BUF_INIT;

/* The translation of sql, or NULL (message in err). */
static const char *tr(const char *sql)
{
	buf_reset(&out);
	if (dialect_pg(sql, &out, err, sizeof(err)) < 0)
		return NULL;
	return out.data ? out.data : "";
}

#define HAS(sql, want) do { \
	const char *got_ = tr(sql); \
	if (!got_) fail_msg("%s: error %s", sql, err); \
	if (!strstr(got_, want)) fail_msg("%s\n  gave %s\n  wanted %s", sql, got_, want); \
} while (0)
#define LACKS(sql, unwanted) do { \
	const char *got_ = tr(sql); \
	if (!got_) fail_msg("%s: error %s", sql, err); \
	if (strstr(got_, unwanted)) fail_msg("%s\n  gave %s\n  has %s", sql, got_, unwanted); \
} while (0)
#define SAME(sql, want) do { \
	const char *got_ = tr(sql); \
	if (!got_) fail_msg("%s: error %s", sql, err); \
	if (strcmp(got_, want) != 0) fail_msg("%s\n  gave %s\n  wanted %s", sql, got_, want); \
} while (0)
#define FAILS(sql, msg) do { \
	const char *got_ = tr(sql); \
	if (got_) fail_msg("%s: translated to %s", sql, got_); \
	if (!strstr(err, msg)) fail_msg("%s: error %s, wanted %s", sql, err, msg); \
} while (0)

static void parameters(void **state)
{
	(void)state;
	SAME("SELECT a FROM t WHERE a = ? AND b = ?5 AND c = ? AND d = :now AND e = :now AND f = ?",
	     "SELECT a FROM t WHERE a = $1 AND b = $5 AND c = $6 AND d = $7 AND e = $7 AND f = $8");
	SAME("SELECT ?2, ?1, ?2", "SELECT $2, $1, $2");
	SAME("UPDATE t SET a=?1 WHERE b=@x", "UPDATE t SET a=$1 WHERE b=$2");
	FAILS("SELECT ?0", "out of range");
}

static void tokenizer_edges(void **state)
{
	(void)state;
	/* nothing inside a string, a quoted name or a comment is touched */
	SAME("SELECT 'a ? b', 'INSERT OR IGNORE', 'it''s ?1' FROM t WHERE x = ?",
	     "SELECT 'a ? b', 'INSERT OR IGNORE', 'it''s ?1' FROM t WHERE x = $1");
	SAME("SELECT a -- INSERT OR IGNORE ?\nFROM t /* LIKE ? */ WHERE b = ?", "SELECT a\nFROM t WHERE b = $1");
	SAME("SELECT \"Name\", \"we\"\"ird\", [Br], `Bq` FROM \"T\"",
	     "SELECT \"name\", \"we\"\"ird\", \"br\", \"bq\" FROM \"t\"");
	SAME("SELECT 'ifnull(' || x, \"like\" FROM t", "SELECT 'ifnull(' || x, \"like\" FROM t");
	SAME("SELECT 0x1F, X'0aFF', 1.5e3, .5", "SELECT 31, '\\x0aFF'::bytea, 1.5e3, .5");
	SAME("SELECT a == b, a != b, a <> b", "SELECT a = b, a != b, a <> b");
	FAILS("SELECT 'open", "unterminated string");
	FAILS("SELECT \"open", "unterminated quoted identifier");
	FAILS("SELECT 1 /* open", "unterminated comment");
	FAILS("SELECT x FROM t WHERE a ^ b", "unexpected character");
	SAME("", "");
	SAME(";;", "");
}

static void insert_or(void **state)
{
	(void)state;
	SAME("INSERT OR IGNORE INTO q VALUES ('m', ?1)", "INSERT INTO q VALUES ('m', $1) ON CONFLICT DO NOTHING");
	SAME("INSERT OR IGNORE INTO q(entity, id) SELECT 'meeting', id FROM meeting WHERE x = 1",
	     "INSERT INTO q(entity, id) SELECT 'meeting', id FROM meeting WHERE x = 1 ON CONFLICT DO NOTHING");
	SAME("INSERT OR IGNORE INTO q(a) VALUES (?) RETURNING id",
	     "INSERT INTO q(a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id");
	SAME("INSERT INTO t(a) VALUES (1) ON CONFLICT(a) DO UPDATE SET b = excluded.b",
	     "INSERT INTO t(a) VALUES (1) ON CONFLICT(a) DO UPDATE SET b = excluded.b");
	SAME("INSERT OR ABORT INTO t VALUES (1)", "INSERT INTO t VALUES (1)");
	FAILS("INSERT OR REPLACE INTO t VALUES (1, 2)", "cannot translate INSERT OR REPLACE into t");
	FAILS("REPLACE INTO t VALUES (1, 2)", "cannot translate INSERT OR REPLACE");
	FAILS("INSERT OR ROLLBACK INTO t VALUES (1)", "INSERT OR ROLLBACK");
	FAILS("INSERT OR IGNORE INTO t(a) VALUES (1) ON CONFLICT (a) DO NOTHING", "with an ON CONFLICT");
	FAILS("UPDATE OR IGNORE t SET a = 1", "UPDATE OR IGNORE");
	/* a table whose one key the script shows */
	HAS("CREATE TABLE kv (k TEXT NOT NULL, v TEXT, n INTEGER, PRIMARY KEY (k)) WITHOUT ROWID;"
	    "INSERT OR REPLACE INTO kv VALUES ('a', 'b', 1)",
	    "INSERT INTO kv VALUES ('a', 'b', 1) ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = excluded.n");
	FAILS("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT UNIQUE);"
	      "INSERT OR REPLACE INTO kv VALUES ('a', 'b')", "its one key is not known");
	FAILS("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT, n INTEGER);"
	      "INSERT OR REPLACE INTO kv(k, v) VALUES ('a', 'b')", "naming only some columns");
	/* FTS5 commands are no statement; a delete is refused */
	SAME("INSERT INTO search_fts(search_fts) VALUES ('optimize')", "");
	SAME("INSERT INTO search_fts(search_fts) VALUES('rebuild')", "");
	SAME("INSERT INTO search_fts(search_fts) VALUES('delete-all')", "DELETE FROM search_fts");
	FAILS("INSERT INTO search_fts(search_fts, rowid, title) VALUES('delete', 1, 'x')", "");
}

static void is_and_like(void **state)
{
	(void)state;
	SAME("SELECT 1 WHERE a IS b AND c IS NOT d", "SELECT 1 WHERE a IS NOT DISTINCT FROM b AND c IS DISTINCT FROM d");
	SAME("SELECT 1 WHERE a IS NULL AND b IS NOT NULL AND c IS TRUE", "SELECT 1 WHERE a IS NULL AND b IS NOT NULL AND c IS TRUE");
	SAME("SELECT 1 WHERE NEW.t IS NOT OLD.t OR (x IN (1)) IS NOT (y IN (2))",
	     "SELECT 1 WHERE NEW.t IS DISTINCT FROM OLD.t OR (x IN (1)) IS DISTINCT FROM (y IN (2))");
	SAME("SELECT 1 WHERE h IS NOT excluded.h || 'x' OR a", "SELECT 1 WHERE h IS DISTINCT FROM excluded.h || 'x' OR a");
	FAILS("SELECT 1 WHERE a IS NOT b = c", "precedence");
	SAME("SELECT 1 WHERE name LIKE ?1", "SELECT 1 WHERE name ILIKE ($1) COLLATE \"C\" ESCAPE ''");
	SAME("SELECT 1 WHERE name NOT LIKE '%' || ? || '%' AND x = 1",
	     "SELECT 1 WHERE name NOT ILIKE ('%' || $1 || '%') COLLATE \"C\" ESCAPE '' AND x = 1");
	SAME("SELECT 1 WHERE name LIKE ? ESCAPE '\\'", "SELECT 1 WHERE name ILIKE ($1) COLLATE \"C\" ESCAPE '\\'");
	FAILS("SELECT 1 WHERE name GLOB 'a*'", "GLOB");
	FAILS("SELECT 1 FROM t WHERE t MATCH ?", "MATCH");
}

static void functions(void **state)
{
	(void)state;
	SAME("SELECT ifnull(a, 0), IFNULL(b, '')", "SELECT coalesce(a, 0), coalesce(b, '')");
	SAME("SELECT json_object('a', 1, 'b', json_array(1, 2))",
	     "SELECT json_build_object('a', 1, 'b', json_build_array(1, 2))");
	SAME("SELECT json_group_array(json_object('id', id)) FROM t",
	     "SELECT coalesce(json_agg(json_build_object('id', id)), '[]'::json) FROM t");
	SAME("SELECT json_patch('{}', json_object('a', x)), json_patch(l, json_object('b', y)) FROM t",
	     "SELECT json_strip_nulls(json_build_object('a', x)), json_patch(l, json_build_object('b', y)) FROM t");
	SAME("SELECT json_each(?1)", "SELECT json_array_elements_text(CAST($1 AS json))");
	SAME("SELECT group_concat(a) FROM t", "SELECT string_agg((a)::text, ',') FROM t");
	SAME("SELECT group_concat(a || ':' || b, '; ') FROM t", "SELECT string_agg((a || ':' || b)::text, '; ') FROM t");
	SAME("SELECT group_concat(DISTINCT a) FROM t", "SELECT string_agg(DISTINCT (a)::text, ',') FROM t");
	SAME("SELECT iif(a > 1, 'x', ?)", "SELECT CASE WHEN a > 1 THEN 'x' ELSE $1 END");
	SAME("SELECT max(a, b), min(a, b, c), max(x), min(y) FROM t",
	     "SELECT sqlite_max(a, b), sqlite_min(a, b, c), max(x), min(y) FROM t");
	SAME("SELECT char(96 + n)", "SELECT chr((96 + n)::int)");
	SAME("SELECT strftime('%Y-%m-%dT%H:%M:%SZ','now'), date('now','localtime'), unixepoch(x), instr(a, b)",
	     "SELECT strftime('%Y-%m-%dT%H:%M:%SZ','now'), date('now','localtime'), unixepoch(x), instr(a, b)");
	SAME("SELECT time('now'), CURRENT_TIMESTAMP, date(x), date(x, 'localtime'), time(x, '+1 hour')",
	     "SELECT \"time\"(('now')::text), datetime('now'), date((x)::text), date(x, 'localtime'),"
	     " \"time\"(x, '+1 hour')");
	SAME("SELECT CAST(a AS INTEGER), CAST(b AS REAL), CAST(c AS TEXT)",
	     "SELECT CAST(a AS BIGINT), CAST(b AS DOUBLE PRECISION), CAST(c AS TEXT)");
	SAME("SELECT (1 << 48) | ref_id", "SELECT (1::bigint << 48) | ref_id");
	SAME("SELECT a COLLATE NOCASE, b COLLATE BINARY", "SELECT a COLLATE nocase, b COLLATE \"C\"");
	/* a bare integer as a whole condition */
	SAME("SELECT a FROM t WHERE 1", "SELECT a FROM t WHERE TRUE");
	SAME("SELECT a FROM t WHERE x = 1 AND 0 ORDER BY a NULLS LAST", "SELECT a FROM t WHERE x = 1 AND FALSE ORDER BY a NULLS LAST");
	SAME("SELECT a FROM t WHERE n BETWEEN 1 AND 7", "SELECT a FROM t WHERE n BETWEEN 1 AND 7");
	SAME("SELECT a FROM t WHERE 1 = 1", "SELECT a FROM t WHERE 1 = 1");
	/* PostgreSQL 15 wants an alias on a subquery in FROM */
	SAME("SELECT * FROM (SELECT 1) WHERE x", "SELECT * FROM (SELECT 1) AS _sq1 WHERE x");
	SAME("SELECT * FROM (SELECT 1) s JOIN (SELECT 2) AS u ON 1 JOIN (VALUES (1))",
	     "SELECT * FROM (SELECT 1) s JOIN (SELECT 2) AS u ON TRUE JOIN (VALUES (1)) AS _sq1 ON TRUE");
	/* a JOIN without ON joins on TRUE */
	SAME("SELECT a FROM t JOIN u LEFT JOIN v w WHERE x CROSS JOIN y", "SELECT a FROM t JOIN u ON TRUE LEFT JOIN v w ON TRUE WHERE x CROSS JOIN y");
	SAME("SELECT 1 WHERE a IS NOT DISTINCT FROM (SELECT 2)", "SELECT 1 WHERE a IS NOT DISTINCT FROM (SELECT 2)");
	/* +col (SQLite's way to keep an index out) */
	SAME("SELECT a FROM t WHERE x = 1 AND +kind = 'd' AND y = z + w", "SELECT a FROM t WHERE x = 1 AND kind = 'd' AND y = z + w");
	/* ON CONFLICT DO UPDATE: bare columns are the row there */
	SAME("INSERT INTO lt(key, n, w) VALUES (?1, 1, 'x') ON CONFLICT(key) DO UPDATE SET n = CASE WHEN w > ?2 THEN n + 1"
	     " ELSE 1 END, w = excluded.w WHERE n < 10 RETURNING n",
	     "INSERT INTO lt(key, n, w) VALUES ($1, 1, 'x') ON CONFLICT(key) DO UPDATE SET n = CASE WHEN lt.w > $2 THEN lt.n + 1"
	     " ELSE 1 END, w = excluded.w WHERE lt.n < 10 RETURNING n");
	SAME("INSERT INTO publication(entity, id) SELECT 'm', v.id FROM q v ON CONFLICT(entity, id) DO UPDATE SET"
	     " seq = publication.seq + 1 WHERE publication.hash IS NOT excluded.hash",
	     "INSERT INTO publication(entity, id) SELECT 'm', v.id FROM q v ON CONFLICT(entity, id) DO UPDATE SET"
	     " seq = publication.seq + 1 WHERE publication.hash IS DISTINCT FROM excluded.hash");
	SAME("SELECT * FROM (a JOIN b ON a.id = b.id)", "SELECT * FROM (a JOIN b ON a.id = b.id)");
	FAILS("SELECT last_insert_rowid()", "last_insert_rowid");
	FAILS("SELECT changes()", "changes");
	FAILS("SELECT total_changes()", "total_changes");
	FAILS("SELECT json_extract(a, '$.b')", "json_extract");
	FAILS("SELECT name FROM sqlite_schema", "sqlite_schema");
	FAILS("SELECT a FROM t LIMIT 10, 20", "LIMIT offset, count");
	SAME("SELECT a FROM t LIMIT -1 OFFSET ?", "SELECT a FROM t LIMIT ALL OFFSET $1");
	SAME("SELECT a FROM t JOIN u ON ifnull(t.x, 0) = u.y", "SELECT a FROM t JOIN u ON coalesce(t.x, 0) = u.y");
	FAILS("SELECT a COLLATE RTRIM FROM t", "COLLATE RTRIM");
}

static void order_by(void **state)
{
	(void)state;
	SAME("SELECT a FROM t ORDER BY a, b DESC, c ASC, t.id DESC LIMIT 5",
	     "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST, c ASC NULLS FIRST, t.id DESC LIMIT 5");
	SAME("SELECT a FROM t ORDER BY a NULLS LAST", "SELECT a FROM t ORDER BY a NULLS LAST");
	SAME("SELECT (SELECT x FROM u ORDER BY y) FROM t ORDER BY CASE WHEN a THEN 1 END, rowid",
	     "SELECT (SELECT x FROM u ORDER BY y NULLS FIRST) FROM t ORDER BY CASE WHEN a THEN 1 END NULLS FIRST, rowid");
	SAME("SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t",
	     "SELECT row_number() OVER (PARTITION BY a ORDER BY b NULLS FIRST) FROM t");
}

static void tables(void **state)
{
	(void)state;
	SAME("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, r REAL, b BLOB, n INTEGER NOT NULL DEFAULT 0,"
	     " s TEXT DEFAULT (strftime('%Y','now')) CHECK (s IS NOT x), u INT) STRICT",
	     "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, r DOUBLE PRECISION, b BYTEA,"
	     " n BIGINT NOT NULL DEFAULT 0, s TEXT DEFAULT (strftime('%Y','now')) CHECK (s IS DISTINCT FROM x), u BIGINT)");
	SAME("CREATE TABLE q (entity TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (entity, id)) WITHOUT ROWID",
	     "CREATE TABLE q (entity TEXT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (entity, id))");
	SAME("CREATE TABLE search_doc (rowid INTEGER PRIMARY KEY, kind TEXT)",
	     "CREATE TABLE search_doc (rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kind TEXT)");
	SAME("CREATE TABLE user (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE)",
	     "CREATE TABLE \"user\" (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE nocase)");
	SAME("CREATE TABLE s (user_id INTEGER REFERENCES user(id) ON DELETE CASCADE)",
	     "CREATE TABLE s (user_id BIGINT REFERENCES \"user\"(id) ON DELETE CASCADE)");
	SAME("CREATE TABLE c AS SELECT * FROM d", "CREATE TABLE c AS SELECT * FROM d");
	HAS("ALTER TABLE location ADD COLUMN latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90)",
	    "ALTER TABLE location ADD COLUMN latitude DOUBLE PRECISION CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);");
	SAME("ALTER TABLE user ADD totp_last_step INTEGER",
	     "ALTER TABLE \"user\" ADD COLUMN totp_last_step BIGINT;\nCALL witan_compat.refresh_views('user')");
	SAME("ALTER TABLE a RENAME TO b", "ALTER TABLE a RENAME TO b");
	/* a reference to a table made later in the script comes after it */
	{
		const char *s = tr("CREATE TABLE a (id INTEGER PRIMARY KEY, u INTEGER REFERENCES user(id));\n"
				   "CREATE TABLE user (id INTEGER PRIMARY KEY)");
		assert_non_null(s);
		assert_non_null(strstr(s, "CREATE TABLE a (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, u BIGINT)"));
		assert_true(strstr(s, "ALTER TABLE \"a\" ADD FOREIGN KEY (\"u\") REFERENCES \"user\"(id)") >
			    strstr(s, "CREATE TABLE \"user\""));
	}
	SAME("CREATE INDEX i ON t(a, b DESC) WHERE c IS NOT NULL",
	     "CREATE INDEX i ON t(a NULLS FIRST, b DESC NULLS LAST) WHERE c IS NOT NULL");
	SAME("CREATE UNIQUE INDEX w ON s(k, ifnull(t, 0))",
	     "CREATE UNIQUE INDEX w ON s(k NULLS FIRST, coalesce(t, 0) NULLS FIRST)");
	SAME("CREATE INDEX d ON decision((decided_on IS NOT NULL), decided_on DESC, id DESC)",
	     "CREATE INDEX d ON decision((decided_on IS NOT NULL) NULLS FIRST, decided_on DESC NULLS LAST, id DESC)");
	SAME("DROP VIEW IF EXISTS pub_decision",
	     "DROP VIEW IF EXISTS pub_decision CASCADE;\nDELETE FROM view_source WHERE name = 'pub_decision';\n"
	     "CALL witan_compat.refresh_views(NULL)");
	SAME("CREATE VIEW \"V\" AS SELECT i.* FROM t i WHERE i.a IS NOT i.b",
	     "CREATE VIEW \"v\" AS SELECT i.* FROM t i WHERE i.a IS DISTINCT FROM i.b;\n"
	     "INSERT INTO view_source(name, star, sql) VALUES ('v', true,"
	     " $v$CREATE VIEW \"v\" AS SELECT i.* FROM t i WHERE i.a IS DISTINCT FROM i.b$v$)"
	     " ON CONFLICT (name) DO UPDATE SET star = excluded.star, sql = excluded.sql,"
	     " made = nextval('view_made');\nCALL witan_compat.refresh_views(NULL)");
	HAS("CREATE VIEW v AS SELECT a * 2 FROM t", "VALUES ('v', false,");
	SAME("CREATE TEMP VIEW v AS SELECT 1", "CREATE TEMP VIEW v AS SELECT 1");
	SAME("CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')",
	     "CREATE TABLE f (rowid BIGINT PRIMARY KEY, title TEXT, body TEXT, tsv tsvector);\n"
	     "CREATE INDEX f_tsv ON f USING gin (tsv)");
	FAILS("CREATE VIRTUAL TABLE r USING rtree(id, a, b)", "rtree");
	FAILS("CREATE TABLE t (a, b)", "without a type");
	FAILS("CREATE TABLE t (a TEXT UNIQUE ON CONFLICT REPLACE)", "ON CONFLICT");
	FAILS("CREATE VIEW IF NOT EXISTS v AS SELECT 1", "IF NOT EXISTS");
	FAILS("PRAGMA foreign_keys = ON", "PRAGMA");
	SAME("PRAGMA foreign_keys = OFF; CREATE TABLE t (a TEXT); PRAGMA foreign_keys = ON", "CREATE TABLE t (a TEXT)");
	SAME("BEGIN IMMEDIATE", "BEGIN");
}

static void triggers(void **state)
{
	(void)state;
	SAME("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
	     "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
	     "CREATE OR REPLACE FUNCTION audit_log_no_update_fn() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN"
	     " RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = 'audit_log is append-only';"
	     "\nRETURN NEW;\nEND\n$fn$;\n"
	     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION"
	     " audit_log_no_update_fn()");
	HAS("CREATE TRIGGER d BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no') WHERE OLD.locked = 1; END",
	    "IF OLD.locked = 1 THEN RAISE EXCEPTION");
	HAS("CREATE TRIGGER d BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no') WHERE OLD.locked = 1; END",
	    "END IF;\nRETURN OLD;");
	HAS("CREATE TRIGGER d BEFORE INSERT ON t BEGIN SELECT RAISE(IGNORE) WHERE NEW.a IS NULL; END",
	    "IF NEW.a IS NULL THEN RETURN NULL; END IF;\nRETURN NEW;");
	FAILS("CREATE TRIGGER d AFTER INSERT ON t BEGIN SELECT RAISE(IGNORE); END", "RAISE(IGNORE)");
	/* the touch trigger: a BEFORE trigger setting NEW */
	SAME("CREATE TRIGGER meeting_mod AFTER UPDATE ON meeting WHEN NEW.modified = OLD.modified\n"
	     "BEGIN UPDATE meeting SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now'), sequence = OLD.sequence + 1"
	     " WHERE id = NEW.id; END",
	     "CREATE OR REPLACE FUNCTION meeting_mod_fn() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN"
	     " IF NEW.modified = OLD.modified THEN\nNEW.modified := strftime('%Y-%m-%dT%H:%M:%SZ','now');\n"
	     "NEW.sequence := OLD.sequence + 1;\nEND IF;\nRETURN NEW;\nEND\n$fn$;\n"
	     "CREATE TRIGGER meeting_mod BEFORE UPDATE ON meeting FOR EACH ROW EXECUTE FUNCTION meeting_mod_fn()");
	FAILS("CREATE TRIGGER m AFTER UPDATE ON t BEGIN UPDATE t SET n = n + 1 WHERE id = NEW.id; END", "reads the column n");
	/* an AFTER trigger that writes elsewhere stays AFTER; SELECT is PERFORM */
	SAME("CREATE TRIGGER sq AFTER UPDATE OF a, b ON \"t\" BEGIN INSERT OR IGNORE INTO q VALUES ('t', NEW.id);"
	     " INSERT OR IGNORE INTO q SELECT 't', OLD.id WHERE OLD.id <> NEW.id; SELECT f(NEW.id); END",
	     "CREATE OR REPLACE FUNCTION sq_fn() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n"
	     "INSERT INTO q VALUES ('t', NEW.id) ON CONFLICT DO NOTHING;\n"
	     "INSERT INTO q SELECT 't', OLD.id WHERE OLD.id <> NEW.id ON CONFLICT DO NOTHING;\n"
	     "PERFORM f(NEW.id);\nRETURN NULL;\nEND\n$fn$;\n"
	     "CREATE TRIGGER sq AFTER UPDATE OF a, b ON \"t\" FOR EACH ROW EXECUTE FUNCTION sq_fn()");
	/* a CASE ... END inside the body does not end the trigger */
	HAS("CREATE TRIGGER c AFTER INSERT ON t BEGIN UPDATE u SET a = CASE WHEN NEW.x THEN 1 ELSE 2 END; END;"
	    " SELECT 1", "a = CASE WHEN NEW.x THEN 1 ELSE 2 END;\nRETURN NULL;");
	HAS("DROP TRIGGER file_mod", "g.tgname = 'file_mod'");
	HAS("DROP TRIGGER file_mod", "RAISE EXCEPTION 'no such trigger: file_mod'");
	HAS("DROP TRIGGER IF EXISTS \"pubq_x\"", "DROP FUNCTION IF EXISTS pubq_x_fn()");
	LACKS("DROP TRIGGER IF EXISTS \"pubq_x\"", "no such trigger");
	FAILS("CREATE TRIGGER IF NOT EXISTS x AFTER INSERT ON t BEGIN SELECT 1; END", "IF NOT EXISTS");
	FAILS("CREATE TRIGGER x INSTEAD OF INSERT ON v BEGIN SELECT 1; END", "INSTEAD OF");
}

/* Every migration translates. */
static void migrations(void **state)
{
	int n = 0;

	(void)state;
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strncmp(f->name, "sql/0", 5) != 0)
			continue;
		if (!tr(f->data))
			fail_msg("%s: %s", f->name, err);
		assert_true(out.len > 0);
		n++;
	}
	assert_true(n >= 19);
}

/* The views and triggers db/boundary.c generates, as a fresh database has
 * them (each a separate statement, in the order they were made), after
 * the DROP of each, as boundary_install replaces them. */
static int boundary_sql(int (*each)(const char *sql, void *ctx), void *ctx)
{
	char path[64];
	struct db db;
	sqlite3_stmt *s = NULL;
	int rc = -1;

	snprintf(path, sizeof(path), "/tmp/witan-dialect-%ld.db", (long)getpid());
	unlink(path);
	if (db_open(&db, path, DB_CREATE) < 0)
		return -1;
	/* as boundary_install does: what is there goes, then this binary's */
	if (sqlite3_prepare_v2(db.h, "SELECT 'DROP ' || upper(type) || ' IF EXISTS \"' || name || '\"' FROM sqlite_schema"
			       " WHERE (type = 'view' AND name GLOB 'pub_*') OR (type = 'trigger' AND name GLOB 'pubq_*')"
			       " UNION ALL SELECT sql FROM (SELECT sql FROM sqlite_schema WHERE (type = 'view' AND"
			       " name GLOB 'pub_*') OR (type = 'trigger' AND name GLOB 'pubq_*') ORDER BY rowid)",
			       -1, &s, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(s) == SQLITE_ROW)
		if (each((const char *)sqlite3_column_text(s, 0), ctx) < 0)
			goto out;
	rc = 0;
out:
	sqlite3_finalize(s);
	db_close(&db);
	unlink(path);
	return rc;
}

static int check_one(const char *sql, void *ctx)
{
	int *n = ctx;

	if (!tr(sql))
		fail_msg("%s: %s", sql, err);
	(*n)++;
	return 0;
}

static void boundary(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(boundary_sql(check_one, &n), 0);
	assert_true(n > 40);
	/* and the statements it prepares */
	HAS("INSERT INTO publication(entity, id, hash, scope, created, first_public, modified, seq)"
	    " SELECT 'meeting', v.id, witan_sha256(json_array(v.a, v.b) || CASE WHEN v.l IS NULL THEN '' ELSE"
	    " json_array('l', v.l) END), v.organization_id, v.created, :now, CASE WHEN :src THEN b.modified ELSE :now END, 0"
	    " FROM publication_queue q JOIN pub_meeting v ON v.id = q.id JOIN \"meeting\" b ON b.id = v.id"
	    " WHERE q.entity = 'meeting' ON CONFLICT(entity, id) DO UPDATE SET hash = excluded.hash,"
	    " modified = CASE WHEN :src AND excluded.modified > publication.modified THEN excluded.modified ELSE :now END,"
	    " seq = publication.seq + 1 WHERE publication.hash IS NOT excluded.hash"
	    " OR (:src AND excluded.modified > publication.modified) RETURNING id",
	    "json_build_array(v.a, v.b) || CASE WHEN v.l IS NULL THEN '' ELSE json_build_array('l', v.l) END), "
	    "v.organization_id, v.created, $1, CASE WHEN $2 THEN b.modified ELSE $1 END");
	HAS("UPDATE publication SET hash = NULL WHERE hash IS NOT excluded.hash AND (entity, id) IN"
	    " (SELECT entity, id FROM publication_touch) RETURNING entity, id",
	    "hash IS DISTINCT FROM excluded.hash AND (entity, id) IN");
	HAS("SELECT group_concat(r.person_id || ':' || r.position) FROM (SELECT * FROM pub_vote_record"
	    " WHERE vote_id = v.id ORDER BY person_id) r",
	    "string_agg((r.person_id || ':' || r.position)::text, ',')");
}

static int print_one(const char *sql, void *ctx)
{
	(void)ctx;
	if (!tr(sql)) {
		fprintf(stderr, "%s\n-- %s\n", sql, err);
		return -1;
	}
	if (out.len)
		printf("%s;\n", out.data);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parameters),
		cmocka_unit_test(tokenizer_edges),
		cmocka_unit_test(insert_or),
		cmocka_unit_test(is_and_like),
		cmocka_unit_test(functions),
		cmocka_unit_test(order_by),
		cmocka_unit_test(tables),
		cmocka_unit_test(triggers),
		cmocka_unit_test(migrations),
		cmocka_unit_test(boundary),
	};
	int rc;

	if (argc == 3 && strcmp(argv[1], "--print") == 0) {
		struct buf src = BUF_INIT;
		char chunk[4096];
		size_t n;
		FILE *f = fopen(argv[2], "r");
		if (!f) {
			perror(argv[2]);
			return 1;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(&src, chunk, n);
		fclose(f);
		rc = src.data ? print_one(src.data, NULL) : 0;
		buf_release(&src);
		return rc < 0 ? 1 : 0;
	}
	if (argc == 2 && strcmp(argv[1], "--boundary") == 0)
		return boundary_sql(print_one, NULL) < 0 ? 1 : 0;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	buf_release(&out);
	return rc;
}
