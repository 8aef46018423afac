/* auth.c: users, sessions, throttling and the audit log (see auth.h). */
#include "db/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "util/banned.h"


int64_t db_user_create(struct db *db, const char *email, const char *name, const char *role,
		       const char *password_hash)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO user(email, name, role, password_hash) VALUES (?1, ?2, ?3, ?4)");
	int rc;

	if (!s)
		return -1;
	bind_text(s, 1, email);
	bind_text(s, 2, name);
	bind_text(s, 3, role);
	bind_text(s, 4, password_hash);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		snprintf(db->err, sizeof(db->err), "a user with that e-mail address already exists");
		return -1;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "creating user");
	return sqlite3_last_insert_rowid(db->h);
}

static void fill_user(sqlite3_stmt *s, struct user_row *u)
{
	u->id = col_int(s, 0);
	u->email = col_text(s, 1);
	u->name = col_text(s, 2);
	u->role = col_text(s, 3);
	u->password_hash = col_text(s, 4);
	u->disabled = (int)col_int(s, 5);
}

int db_user_by_email(struct db *db, const char *email, struct user_row *u)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT id, email, name, role, password_hash, disabled FROM user WHERE email = ?1");
	int rc;

	if (s)
		bind_text(s, 1, email);
	if ((rc = db_get_one(db, s)) == 1)
		fill_user(s, u);
	return rc;
}

int db_user_by_id(struct db *db, int64_t id, struct user_row *u)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT id, email, name, role, password_hash, disabled FROM user WHERE id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) == 1)
		fill_user(s, u);
	return rc;
}

int64_t db_session_create(struct db *db, const char *token_hash, int64_t user_id,
			  const char *csrf_token, const char *client)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO session(token_hash, user_id, csrf_token, client) VALUES (?1, ?2, ?3, ?4)");
	int rc;

	if (!s)
		return -1;
	bind_text(s, 1, token_hash);
	sqlite3_bind_int64(s, 2, user_id);
	bind_text(s, 3, csrf_token);
	bind_text(s, 4, client);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(db, "creating session");
	return sqlite3_last_insert_rowid(db->h);
}

int db_session_find(struct db *db, const char *token_hash, int idle_s, int absolute_s,
		    struct session_row *r)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT s.id, s.user_id, s.csrf_token, s.created, s.last_seen, u.email, u.name, u.role"
		" FROM session s JOIN user u ON u.id = s.user_id"
		" WHERE s.token_hash = ?1 AND u.disabled = 0"
		"  AND unixepoch(s.last_seen) > unixepoch('now') - ?2"
		"  AND unixepoch(s.created) > unixepoch('now') - ?3");
	int rc;

	if (s) {
		bind_text(s, 1, token_hash);
		sqlite3_bind_int(s, 2, idle_s);
		sqlite3_bind_int(s, 3, absolute_s);
	}
	if ((rc = db_get_one(db, s)) != 1)
		return rc;
	r->id = col_int(s, 0);
	r->user_id = col_int(s, 1);
	snprintf(r->csrf_token, sizeof(r->csrf_token), "%s", col_text(s, 2) ? col_text(s, 2) : "");
	snprintf(r->created, sizeof(r->created), "%s", col_text(s, 3) ? col_text(s, 3) : "");
	snprintf(r->last_seen, sizeof(r->last_seen), "%s", col_text(s, 4) ? col_text(s, 4) : "");
	snprintf(r->email, sizeof(r->email), "%s", col_text(s, 5) ? col_text(s, 5) : "");
	snprintf(r->name, sizeof(r->name), "%s", col_text(s, 6) ? col_text(s, 6) : "");
	snprintf(r->role, sizeof(r->role), "%s", col_text(s, 7) ? col_text(s, 7) : "");
	sqlite3_reset(s);
	return 1;
}

int db_session_touch(struct db *db, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db,
		"UPDATE session SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
		" WHERE id = ?1 AND unixepoch(last_seen) < unixepoch('now') - 60");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return db_exec_stmt(db, s);
}

int db_session_delete(struct db *db, const char *token_hash)
{
	sqlite3_stmt *s = db_stmt(db, "DELETE FROM session WHERE token_hash = ?1");
	if (!s)
		return -1;
	bind_text(s, 1, token_hash);
	return db_exec_stmt(db, s);
}

int db_session_purge(struct db *db, int idle_s, int absolute_s)
{
	sqlite3_stmt *s = db_stmt(db,
		"DELETE FROM session WHERE unixepoch(last_seen) <= unixepoch('now') - ?1"
		" OR unixepoch(created) <= unixepoch('now') - ?2");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, idle_s);
	sqlite3_bind_int(s, 2, absolute_s);
	return db_exec_stmt(db, s);
}

int db_throttle_failures(struct db *db, const char *key, int window_s)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT failures FROM login_throttle WHERE key = ?1"
		" AND unixepoch(window_start) > unixepoch('now') - ?2");
	int rc, n = 0;

	if (s) {
		bind_text(s, 1, key);
		sqlite3_bind_int(s, 2, window_s);
	}
	rc = db_get_one(db, s);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		n = (int)col_int(s, 0);
		sqlite3_reset(s);
	}
	return n;
}

int db_throttle_fail(struct db *db, const char *key, int window_s)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO login_throttle(key, failures, window_start)"
		" VALUES (?1, 1, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
		" ON CONFLICT(key) DO UPDATE SET"
		"  failures = CASE WHEN unixepoch(window_start) > unixepoch('now') - ?2 THEN failures + 1 ELSE 1 END,"
		"  window_start = CASE WHEN unixepoch(window_start) > unixepoch('now') - ?2 THEN window_start"
		"   ELSE strftime('%Y-%m-%dT%H:%M:%SZ','now') END");
	if (!s)
		return -1;
	bind_text(s, 1, key);
	sqlite3_bind_int(s, 2, window_s);
	return db_exec_stmt(db, s);
}

int db_throttle_clear(struct db *db, const char *key)
{
	sqlite3_stmt *s = db_stmt(db, "DELETE FROM login_throttle WHERE key = ?1");
	if (!s)
		return -1;
	bind_text(s, 1, key);
	return db_exec_stmt(db, s);
}

int db_audit(struct db *db, int64_t user_id, const char *action, const char *entity,
	     int64_t entity_id, const char *before_json, const char *after_json)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO audit_log(user_id, action, entity, entity_id, before_json, after_json)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!s)
		return -1;
	bind_id(s, 1, user_id);
	bind_text(s, 2, action);
	bind_text(s, 3, entity);
	bind_id(s, 4, entity_id);
	bind_text(s, 5, before_json);
	bind_text(s, 6, after_json);
	return db_exec_stmt(db, s);
}

char *db_row_json(struct db *db, const char *json_sql, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, json_sql);
	char *out = NULL;

	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0))
		out = strdup(col_text(s, 0));
	sqlite3_reset(s);
	return out;
}

int db_change_begin(struct db_change *c, struct db *db, int64_t user_id, const char *table,
		    const char *json_sql, int64_t id, const char *action)
{
	*c = (struct db_change){ db, user_id, table, json_sql, action, id, NULL, NULL };
	if (db_begin(db) < 0)
		return -1;
	if (id)
		c->before = db_row_json(db, json_sql, id);
	return 0;
}

int db_change_end(struct db_change *c, int ok)
{
	char *after = NULL;
	int rc = -1;

	if (ok) {
		after = db_row_json(c->db, c->json_sql, c->id);
		if (after && c->reason) {
			/* Reasons clerks give (for unpublishing, say) are internal:
			 * the audit log is where they are kept. */
			sqlite3_stmt *s = db_stmt(c->db, "SELECT json_set(?1, '$.reason', ?2)");
			char *with = NULL;
			if (s) {
				bind_text(s, 1, after);
				bind_text(s, 2, c->reason);
				if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0))
					with = strdup(col_text(s, 0));
				sqlite3_reset(s);
			}
			if (with) {
				free(after);
				after = with;
			}
		}
		if (db_audit(c->db, c->user_id, c->action, c->table, c->id, c->before, after) == 0 &&
		    db_commit(c->db) == 0)
			rc = 0;
	}
	if (rc < 0)
		db_rollback_keep(c->db);
	free(c->before);
	free(after);
	return rc;
}
