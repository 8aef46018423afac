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
	struct stmt *s = db_query(db, "INSERT INTO user(email, name, role, password_hash) VALUES (?1, ?2, ?3, ?4)",
				   DB_ARGS(v_text(email), v_text(name), v_text(role), v_text(password_hash)));
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ERROR && db_unique_violation(db)) {
		st_reset(s);
		snprintf(db->err, sizeof(db->err), "a user with that e-mail address already exists");
		return -1;
	}
	if (rc != ST_DONE) {
		db_fail(db, "creating user");
		st_reset(s);
		return -1;
	}
	st_reset(s);
	return db_last_id(db);
}

#define C(m) RCOL(struct user_row, m)
static const struct rcol user_cols[] = { C(id), C(email), C(name), C(role), C(password_hash), C(disabled),
					C(totp_secret), RCOL_END };
#undef C

int db_user_by_email(struct db *db, const char *email, struct user_row *u)
{
	return db_row(db, "SELECT id, email, name, role, password_hash, disabled, totp_secret FROM user WHERE email = ?1",
		      DB_ARGS(v_text(email)), user_cols, u);
}

int db_user_by_id(struct db *db, int64_t id, struct user_row *u)
{
	return db_row(db, "SELECT id, email, name, role, password_hash, disabled, totp_secret FROM user WHERE id = ?1",
		      DB_ARGS(v_int(id)), user_cols, u);
}

int64_t db_session_create(struct db *db, const char *token_hash, int64_t user_id,
			  const char *csrf_token, const char *client)
{
	return db_insert(db, "INSERT INTO session(token_hash, user_id, csrf_token, client) VALUES (?1, ?2, ?3, ?4)",
			 "creating session", DB_ARGS(v_text(token_hash), v_int(user_id), v_text(csrf_token), v_text(client)));
}

/* Every value copied: the statement is reset at once (see auth.h). */
#define C(m) RCOL(struct session_row, m)
#define B(m) RBUF(struct session_row, m)
static const struct rcol session_cols[] = {
	C(id), C(user_id), B(csrf_token), B(created), B(last_seen), B(email), B(name), B(role), RCOL_END
};
#undef B
#undef C

int db_session_find(struct db *db, const char *token_hash, int idle_s, int absolute_s,
		    struct session_row *r)
{
	return db_row(db, "SELECT s.id, s.user_id, s.csrf_token, s.created, s.last_seen, u.email, u.name, u.role"
		      " FROM session s JOIN user u ON u.id = s.user_id"
		      " WHERE s.token_hash = ?1 AND u.disabled = 0"
		      "  AND unixepoch(s.last_seen) > unixepoch('now') - ?2"
		      "  AND unixepoch(s.created) > unixepoch('now') - ?3",
		      DB_ARGS(v_text(token_hash), v_int(idle_s), v_int(absolute_s)), session_cols, r);
}

/* The writes below report a failure as db_exec_stmt does. */
#define STMT "statement"

int db_session_touch(struct db *db, int64_t id)
{
	return db_run(db, "UPDATE session SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
		      " WHERE id = ?1 AND unixepoch(last_seen) < unixepoch('now') - 60", STMT, DB_ARGS(v_int(id)));
}

int db_session_delete(struct db *db, const char *token_hash)
{
	return db_run(db, "DELETE FROM session WHERE token_hash = ?1", STMT, DB_ARGS(v_text(token_hash)));
}

int db_session_purge(struct db *db, int idle_s, int absolute_s)
{
	return db_run(db, "DELETE FROM session WHERE unixepoch(last_seen) <= unixepoch('now') - ?1"
		      " OR unixepoch(created) <= unixepoch('now') - ?2", STMT, DB_ARGS(v_int(idle_s), v_int(absolute_s)));
}

#define B(m) RBUF(struct totp_row, m)
static const struct rcol totp_cols[] = { B(secret), B(pending), RCOL(struct totp_row, last_step), RCOL_END };
#undef B

int db_user_totp(struct db *db, int64_t user_id, struct totp_row *t)
{
	return db_row(db, "SELECT COALESCE(totp_secret, ''), COALESCE(totp_pending, ''), COALESCE(totp_last_step, -1)"
		      " FROM user WHERE id = ?1", DB_ARGS(v_int(user_id)), totp_cols, t);
}

int db_totp_use(struct db *db, int64_t user_id, int64_t step)
{
	if (db_run(db, "UPDATE user SET totp_last_step = ?2 WHERE id = ?1"
		   " AND (totp_last_step IS NULL OR totp_last_step < ?2)", STMT, DB_ARGS(v_int(user_id), v_int(step))) < 0)
		return -1;
	return db_changes(db) == 1;
}

int db_challenge_create(struct db *db, const char *token_hash, int64_t user_id, const char *client)
{
	return db_insert(db, "INSERT INTO login_challenge(token_hash, user_id, client) VALUES (?1, ?2, ?3)",
			 "starting the second step", DB_ARGS(v_text(token_hash), v_int(user_id), v_text(client))) < 0 ? -1 : 0;
}

int db_challenge_find(struct db *db, const char *token_hash, int max_age_s, int64_t *user_id)
{
	return db_int_of(db, "SELECT c.user_id FROM login_challenge c JOIN user u ON u.id = c.user_id"
			 " WHERE c.token_hash = ?1 AND u.disabled = 0 AND u.totp_secret IS NOT NULL"
			 "  AND unixepoch(c.created) > unixepoch('now') - ?2",
			 DB_ARGS(v_text(token_hash), v_int(max_age_s)), user_id);
}

int db_challenge_delete(struct db *db, const char *token_hash, int max_age_s)
{
	return db_run(db, "DELETE FROM login_challenge WHERE token_hash = ?1"
		      " OR unixepoch(created) <= unixepoch('now') - ?2", STMT, DB_ARGS(v_text(token_hash), v_int(max_age_s)));
}

int db_throttle_failures(struct db *db, const char *key, int window_s)
{
	int64_t n = 0;

	if (db_int_of(db, "SELECT failures FROM login_throttle WHERE key = ?1"
		      " AND unixepoch(window_start) > unixepoch('now') - ?2",
		      DB_ARGS(v_text(key), v_int(window_s)), &n) < 0)
		return -1;
	return (int)n;
}

int db_throttle_fail(struct db *db, const char *key, int window_s)
{
	return db_run(db, "INSERT INTO login_throttle(key, failures, window_start)"
		      " VALUES (?1, 1, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
		      " ON CONFLICT(key) DO UPDATE SET"
		      "  failures = CASE WHEN unixepoch(window_start) > unixepoch('now') - ?2 THEN failures + 1 ELSE 1 END,"
		      "  window_start = CASE WHEN unixepoch(window_start) > unixepoch('now') - ?2 THEN window_start"
		      "   ELSE strftime('%Y-%m-%dT%H:%M:%SZ','now') END", STMT, DB_ARGS(v_text(key), v_int(window_s)));
}

int db_throttle_clear(struct db *db, const char *key)
{
	return db_run(db, "DELETE FROM login_throttle WHERE key = ?1", STMT, DB_ARGS(v_text(key)));
}

int db_audit(struct db *db, int64_t user_id, const char *action, const char *entity,
	     int64_t entity_id, const char *before_json, const char *after_json)
{
	return db_run(db, "INSERT INTO audit_log(user_id, action, entity, entity_id, before_json, after_json)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", STMT,
		      DB_ARGS(v_id(user_id), v_text(action), v_text(entity), v_id(entity_id), v_text(before_json),
			      v_text(after_json)));
}

char *db_row_json(struct db *db, const char *json_sql, int64_t id)
{
	return db_text_of(db, json_sql, DB_ARGS(v_int(id)));
}

int db_change_begin(struct db_change *c, struct db *db, int64_t user_id, const char *table,
		    const char *json_sql, int64_t id, const char *action)
{
	*c = (struct db_change){ db, user_id, table, json_sql, action, id, NULL, NULL };
	if (!json_sql) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
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
			char *with = db_text_of(c->db, "SELECT json_set(?1, '$.reason', ?2)",
						DB_ARGS(v_text(after), v_text(c->reason)));
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
