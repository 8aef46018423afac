/* admin_users.c: the back office's reads and audited writes of the
 * back-office accounts (user, with their sessions) and of the hosting
 * body's settings.  See the users part of admin.h.
 *
 * The audit log gets each row as JSON before and after, but never a
 * password hash nor a session token: a new password shows as
 * "password_changed": true and the sessions it ended as their number, and
 * a logo as its size and SHA-256, not its text. */
#include "db/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/auth.h"
#include "db/db_int.h"
#include "db/rows_int.h"
#include "util/banned.h"

/* --- accounts --------------------------------------------------------- */

/* Never the password hash. */
#define USER_SRC_COLS "u.id, u.email, u.name, u.role, u.disabled, u.created"
#define C(m) RCOL(struct user_src, m)
static const struct rcol user_src_cols[] = { C(id), C(email), C(name), C(role), C(disabled), C(created), RCOL_END };
#undef C

int adm_users(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT " USER_SRC_COLS " FROM user u ORDER BY u.email COLLATE NOCASE, u.id", NULL);
}

DB_CURSOR_READER(cursor_next_user, user_src, user_src_cols)

int adm_user(struct db *db, int64_t id, struct user_src *r)
{
	return db_row(db, "SELECT " USER_SRC_COLS " FROM user u WHERE u.id = ?1", DB_ARGS(v_int(id)), user_src_cols, r);
}

/* The account as JSON for the audit log: no hash, no tokens.  extra is
 * NULL, or a JSON object whose members are added (what else changed). */
static char *user_json(struct db *db, int64_t id, const char *extra)
{
	return db_text_of(db, "SELECT json_patch(json_object('id', id, 'email', email, 'name', name, 'role', role,"
			  " 'disabled', disabled), COALESCE(?2, '{}')) FROM user WHERE id = ?1",
			  DB_ARGS(v_int(id), v_text(extra)));
}

/* Append the audit entry and commit; or roll back keeping db->err.
 * Frees before and after. */
static int audited_commit(struct db *db, int ok, int64_t user_id, const char *action, const char *entity,
			  int64_t id, char *before, char *after)
{
	int rc = -1;

	if (ok && db_audit(db, user_id, action, entity, id, before, after) == 0 && db_commit(db) == 0)
		rc = 0;
	if (rc < 0)
		db_rollback_keep(db);
	free(before);
	free(after);
	return rc;
}

int64_t adm_user_create(struct db *db, int64_t user_id, const char *email, const char *name,
			const char *role, const char *password_hash)
{
	int64_t id;

	if (db_begin(db) < 0)
		return -1;
	/* db_user_create names a duplicate e-mail address in db->err. */
	if ((id = db_user_create(db, email, name, role, password_hash)) < 0) {
		db_rollback_keep(db);
		return -1;
	}
	return audited_commit(db, 1, user_id, "create", "user", id, NULL, user_json(db, id, NULL)) == 0 ? id : -1;
}

int adm_user_update(struct db *db, int64_t user_id, int64_t id, const struct user_edit *e, int64_t keep_session)
{
	struct user_src u;
	char *before = NULL, extra[96];
	int ok = 0, rc, ended = 0;
	int64_t admins;

	if (db_begin(db) < 0)
		return -1;
	if ((rc = adm_user(db, id, &u)) != 1) {
		if (rc == 0)
			snprintf(db->err, sizeof(db->err), "no such user");
		db_rollback_keep(db);
		return -1;
	}
	/* The body must keep an enabled admin: checked inside the (immediate)
	 * transaction, so that two admins demoting each other cannot both win. */
	if (strcmp(u.role, "admin") == 0 && !u.disabled && (strcmp(e->role, "admin") != 0 || e->disabled)) {
		if (db_int_of(db, "SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0 AND id <> ?1",
			      DB_ARGS(v_int(id)), &admins) != 1) {
			db_rollback_keep(db);
			return -1;
		}
		if (admins == 0) {
			db_rollback(db);
			snprintf(db->err, sizeof(db->err), "no enabled admin would be left");
			return 1;
		}
	}
	before = user_json(db, id, NULL);
	if (db_run(db, e->password_hash ?
		   "UPDATE user SET name = ?2, role = ?3, disabled = ?4, password_hash = ?5,"
		   " modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1" :
		   "UPDATE user SET name = ?2, role = ?3, disabled = ?4,"
		   " modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1", "saving user",
		   DB_ARGS(v_int(id), v_text(e->name), v_text(e->role), v_int(e->disabled != 0),
			   v_text(e->password_hash))) < 0)
		goto out;
	/* A disabled account, or one with a new password, is signed out
	 * everywhere (but in the session making the change). */
	if (e->disabled || e->password_hash) {
		if (db_run(db, "DELETE FROM session WHERE user_id = ?1 AND id <> ?2", "ending sessions",
			   DB_ARGS(v_int(id), v_int(keep_session))) < 0)
			goto out;
		ended = db_changes(db);
	}
	ok = 1;
out:
	snprintf(extra, sizeof(extra), "{%s\"sessions_ended\": %d}",
		 e->password_hash ? "\"password_changed\": true, " : "", ended);
	return audited_commit(db, ok, user_id, "update", "user", id, before,
			      ok ? user_json(db, id, extra) : NULL);
}

/* --- one's own account ------------------------------------------------ */

int adm_account_password(struct db *db, int64_t user_id, const char *password_hash, int64_t keep_session)
{
	char *before;
	char extra[96];
	int ok = 0, ended = 0;

	if (db_begin(db) < 0)
		return -1;
	before = user_json(db, user_id, NULL);
	if (db_run(db, "UPDATE user SET password_hash = ?2, modified = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
		   " WHERE id = ?1", "saving the password", DB_ARGS(v_int(user_id), v_text(password_hash))) < 0)
		goto out;
	if (db_run(db, "DELETE FROM session WHERE user_id = ?1 AND id <> ?2", "ending sessions",
		   DB_ARGS(v_int(user_id), v_int(keep_session))) < 0)
		goto out;
	ended = db_changes(db);
	ok = 1;
out:
	snprintf(extra, sizeof(extra), "{\"password_changed\": true, \"sessions_ended\": %d}", ended);
	return audited_commit(db, ok, user_id, "change password", "user", user_id, before,
			      ok ? user_json(db, user_id, extra) : NULL);
}

int adm_account_email(struct db *db, int64_t user_id, const char *email)
{
	char *before;
	int64_t taken = 0;
	int ok = 0;

	if (db_begin(db) < 0)
		return -1;
	if (db_int_of(db, "SELECT count(*) FROM user WHERE email = ?1 AND id <> ?2",
		      DB_ARGS(v_text(email), v_int(user_id)), &taken) != 1) {
		db_rollback_keep(db);
		return -1;
	}
	if (taken) {
		db_rollback(db);
		return 1;
	}
	before = user_json(db, user_id, NULL);
	if (db_run(db, "UPDATE user SET email = ?2, modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
		   "saving the e-mail address", DB_ARGS(v_int(user_id), v_text(email))) == 0)
		ok = 1;
	return audited_commit(db, ok, user_id, "change e-mail", "user", user_id, before,
			      ok ? user_json(db, user_id, NULL) : NULL);
}

#define C(m) RCOL(struct session_src, m)
static const struct rcol session_src_cols[] = { C(id), C(created), C(last_seen), C(client), RCOL_END };
#undef C

int adm_sessions(struct db *db, int64_t user_id, int idle_s, int absolute_s, struct cursor *c)
{
	return db_list(db, c, "SELECT id, created, last_seen, client FROM session WHERE user_id = ?1"
		       " AND unixepoch(last_seen) > unixepoch('now') - ?2"
		       " AND unixepoch(created) > unixepoch('now') - ?3 ORDER BY created DESC, id DESC",
		       DB_ARGS(v_int(user_id), v_int(idle_s), v_int(absolute_s)));
}

DB_CURSOR_READER(cursor_next_session, session_src, session_src_cols)

/* A session as JSON for the audit log: never its token's hash nor its
 * CSRF token. */
static char *session_json(struct db *db, int64_t id)
{
	return db_text_of(db, "SELECT json_object('id', id, 'user_id', user_id, 'created', created,"
			  " 'last_seen', last_seen, 'client', client) FROM session WHERE id = ?1", DB_ARGS(v_int(id)));
}

int adm_session_revoke(struct db *db, int64_t user_id, int64_t id)
{
	char *before;
	int64_t mine = 0;
	int ok = 0;

	if (db_begin(db) < 0)
		return -1;
	if (db_int_of(db, "SELECT count(*) FROM session WHERE id = ?1 AND user_id = ?2",
		      DB_ARGS(v_int(id), v_int(user_id)), &mine) != 1) {
		db_rollback_keep(db);
		return -1;
	}
	if (!mine) {
		db_rollback(db);
		return 1;
	}
	before = session_json(db, id);
	if (db_run(db, "DELETE FROM session WHERE id = ?1 AND user_id = ?2", "ending the session",
		   DB_ARGS(v_int(id), v_int(user_id))) == 0)
		ok = 1;
	return audited_commit(db, ok, user_id, "revoke", "session", id, before, NULL);
}

/* The account's second factor for the audit log: whether it is on or
 * being enrolled, never the secret. */
static char *user_totp_json(struct db *db, int64_t id)
{
	char *extra = db_text_of(db, "SELECT json_object('two_factor', json(CASE WHEN totp_secret IS NULL THEN 'false'"
				 " ELSE 'true' END), 'two_factor_pending', json(CASE WHEN totp_pending IS NULL"
				 " THEN 'false' ELSE 'true' END)) FROM user WHERE id = ?1", DB_ARGS(v_int(id)));
	char *out = extra ? user_json(db, id, extra) : NULL;

	free(extra);
	return out;
}

static int totp_write(struct db *db, int64_t actor, int64_t user_id, const char *action, const char *sql,
		      const struct dbv *a)
{
	char *before;
	int ok = 0;

	if (db_begin(db) < 0)
		return -1;
	before = user_totp_json(db, user_id);
	if (db_run(db, sql, "saving the second factor", a) < 0)
		;
	else if (db_changes(db) == 1)
		ok = 1;
	else
		snprintf(db->err, sizeof(db->err), "no second factor waiting to be confirmed");
	return audited_commit(db, ok, actor, action, "user", user_id, before, ok ? user_totp_json(db, user_id) : NULL);
}

int adm_totp_start(struct db *db, int64_t user_id, const char *pending_b32)
{
	return totp_write(db, user_id, user_id, "two-factor start",
			  "UPDATE user SET totp_pending = ?2, modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
			  DB_ARGS(v_int(user_id), v_text(pending_b32)));
}

int adm_totp_enable(struct db *db, int64_t user_id, int64_t step)
{
	return totp_write(db, user_id, user_id, "two-factor on",
			  "UPDATE user SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?2,"
			  " modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1 AND totp_pending IS NOT NULL",
			  DB_ARGS(v_int(user_id), v_int(step)));
}

#define TOTP_OFF "UPDATE user SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL," \
	" modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1"

int adm_totp_disable(struct db *db, int64_t user_id)
{
	return totp_write(db, user_id, user_id, "two-factor off", TOTP_OFF, DB_ARGS(v_int(user_id)));
}

int adm_totp_reset(struct db *db, int64_t user_id)
{
	return totp_write(db, 0, user_id, "two-factor reset", TOTP_OFF, DB_ARGS(v_int(user_id)));
}

/* --- the hosting body's settings -------------------------------------- */

#define FIRST_BODY "(SELECT min(id) FROM body WHERE deleted = 0)"

/* The body as JSON for the audit log, its logo by size and SHA-256. */
static const char body_json[] =
	"SELECT json_object('id', id, 'name', name, 'short_name', short_name,"
	" 'colour_primary', colour_primary, 'colour_accent', colour_accent,"
	" 'logo_svg_bytes', length(CAST(logo_svg AS BLOB)),"
	" 'logo_svg_sha256', CASE WHEN logo_svg IS NOT NULL THEN witan_sha256(logo_svg) END,"
	" 'email', email, 'phone', phone, 'address', address, 'website', website,"
	" 'region', region, 'notice_clear_days', notice_clear_days, 'license', license)"
	" FROM body WHERE id = ?1";

int adm_settings_save(struct db *db, int64_t user_id, const struct settings_edit *e)
{
	struct db_change c;
	int64_t id = 0;
	int ok = 0;

	if (db_change_begin(&c, db, user_id, "body", body_json, 0, "create") < 0)
		return -1;
	if (db_int_of(db, "SELECT " FIRST_BODY, NULL, &id) < 0)
		goto out;
	if (id) {
		c.id = id;
		c.action = "update";
		c.before = db_row_json(db, body_json, id);
	}
	/* ?5 a new logo; ?6 1 to remove it; else it stays as it is. */
	if (db_run(db, id ? "UPDATE body SET name = ?1, short_name = ?2, colour_primary = ?3, colour_accent = ?4,"
		   " logo_svg = CASE WHEN ?5 IS NOT NULL THEN ?5 WHEN ?6 <> 0 THEN NULL ELSE logo_svg END,"
		   " email = ?7, phone = ?8, address = ?9, website = ?10, region = ?11, notice_clear_days = ?12,"
		   " license = CASE WHEN ?15 <> 0 THEN license ELSE ?14 END WHERE id = ?13" :
		   "INSERT INTO body(name, short_name, colour_primary, colour_accent, logo_svg, email,"
		   " phone, address, website, region, notice_clear_days, license)"
		   " VALUES (?1, ?2, ?3, ?4, CASE WHEN ?6 <> 0 THEN NULL ELSE ?5 END, ?7, ?8, ?9, ?10, ?11, ?12,"
		   " CASE WHEN ?15 <> 0 THEN NULL ELSE ?14 END)", "saving the body's settings",
		   DB_ARGS(v_text(e->name), v_text(e->short_name), v_text(e->colour_primary), v_text(e->colour_accent),
			   v_text(e->logo_svg), v_int(e->logo_remove != 0 && !e->logo_svg), v_text(e->email),
			   v_text(e->phone), v_text(e->address), v_text(e->website), v_text(e->region),
			   v_int(e->notice_clear_days), v_int(id), v_text(e->license), v_int(e->license_keep != 0))) < 0)
		goto out;
	if (!id)
		c.id = db_last_id(db);
	ok = 1;
out:
	return db_change_end(&c, ok);
}

int adm_settings_license(struct db *db, const char **license)
{
	struct stmt *s = db_stmt(db, "SELECT license FROM body WHERE id = " FIRST_BODY);
	int rc = db_get_one(db, s);

	*license = rc == 1 ? col_text(s, 0) : NULL;
	return rc;
}
