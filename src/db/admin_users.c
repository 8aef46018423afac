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
#include "store/store.h"
#include "util/banned.h"






/* --- accounts --------------------------------------------------------- */

/* Never the password hash. */
#define USER_SRC_COLS "u.id, u.email, u.name, u.role, u.disabled, u.created"

static void fill_user_src(sqlite3_stmt *s, struct user_src *r)
{
	r->id = col_int(s, 0);
	r->email = col_text(s, 1);
	r->name = col_text(s, 2);
	r->role = col_text(s, 3);
	r->disabled = (int)col_int(s, 4);
	r->created = col_text(s, 5);
}

int adm_users(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT " USER_SRC_COLS " FROM user u ORDER BY u.email COLLATE NOCASE, u.id");
}

int cursor_next_user(struct cursor *c, struct user_src *r)
{
	if (!db_cursor_step(c))
		return 0;
	fill_user_src(c->s, r);
	return 1;
}

int adm_user(struct db *db, int64_t id, struct user_src *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " USER_SRC_COLS " FROM user u WHERE u.id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) == 1)
		fill_user_src(s, r);
	return rc;
}

/* The account as JSON for the audit log: no hash, no tokens.  extra is
 * NULL, or a JSON object whose members are added (what else changed). */
static char *user_json(struct db *db, int64_t id, const char *extra)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT json_patch(json_object('id', id, 'email', email, 'name', name, 'role', role,"
		" 'disabled', disabled), COALESCE(?2, '{}')) FROM user WHERE id = ?1");
	char *out = NULL;

	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, extra);
	if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0))
		out = strdup(col_text(s, 0));
	sqlite3_reset(s);
	return out;
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

/* The number of enabled admins other than id, or -1. */
static int other_admins(struct db *db, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0 AND id <> ?1");
	int rc, n;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) != 1)
		return -1;
	n = (int)col_int(s, 0);
	sqlite3_reset(s);
	return n;
}

int adm_user_update(struct db *db, int64_t user_id, int64_t id, const struct user_edit *e, int64_t keep_session)
{
	struct user_src u;
	sqlite3_stmt *s;
	char *before = NULL, extra[96];
	int ok = 0, rc, ended = 0, admins;

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
		if ((admins = other_admins(db, id)) < 0) {
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
	s = e->password_hash ?
		db_stmt(db, "UPDATE user SET name = ?2, role = ?3, disabled = ?4, password_hash = ?5,"
			" modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1") :
		db_stmt(db, "UPDATE user SET name = ?2, role = ?3, disabled = ?4,"
			" modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, e->name);
	bind_text(s, 3, e->role);
	sqlite3_bind_int(s, 4, e->disabled != 0);
	if (e->password_hash)
		bind_text(s, 5, e->password_hash);
	if (db_step_done(db, s, "saving user") < 0)
		goto out;
	/* A disabled account, or one with a new password, is signed out
	 * everywhere (but in the session making the change). */
	if (e->disabled || e->password_hash) {
		s = db_stmt(db, "DELETE FROM session WHERE user_id = ?1 AND id <> ?2");
		if (!s)
			goto out;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, keep_session);
		if (db_step_done(db, s, "ending sessions") < 0)
			goto out;
		ended = sqlite3_changes(db->h);
	}
	ok = 1;
out:
	snprintf(extra, sizeof(extra), "{%s\"sessions_ended\": %d}",
		 e->password_hash ? "\"password_changed\": true, " : "", ended);
	return audited_commit(db, ok, user_id, "update", "user", id, before,
			      ok ? user_json(db, id, extra) : NULL);
}

/* --- the hosting body's settings -------------------------------------- */

#define FIRST_BODY "(SELECT min(id) FROM body WHERE deleted = 0)"

/* The body as JSON for the audit log, its logo by size and SHA-256. */
static char *body_json(struct db *db, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT logo_svg FROM body WHERE id = ?1");
	char sha[65] = "", *out = NULL;
	int has_logo = 0;

	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0)) {
		store_sha256_hex(col_text(s, 0), (size_t)sqlite3_column_bytes(s, 0), sha);
		has_logo = 1;
	}
	sqlite3_reset(s);
	s = db_stmt(db,
		"SELECT json_object('id', id, 'name', name, 'short_name', short_name,"
		" 'colour_primary', colour_primary, 'colour_accent', colour_accent,"
		" 'logo_svg_bytes', length(CAST(logo_svg AS BLOB)), 'logo_svg_sha256', ?2,"
		" 'email', email, 'phone', phone, 'address', address, 'website', website,"
		" 'region', region, 'notice_clear_days', notice_clear_days, 'license', license)"
		" FROM body WHERE id = ?1");
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, has_logo ? sha : NULL);
	if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0))
		out = strdup(col_text(s, 0));
	sqlite3_reset(s);
	return out;
}

int adm_settings_save(struct db *db, int64_t user_id, const struct settings_edit *e)
{
	sqlite3_stmt *s;
	char *before = NULL;
	int64_t id = 0;
	int ok = 0, rc, existed = 0;

	if (db_begin(db) < 0)
		return -1;
	s = db_stmt(db, "SELECT " FIRST_BODY);
	if ((rc = db_get_one(db, s)) < 0)
		goto out;
	if (rc == 1) {
		id = col_int(s, 0);
		sqlite3_reset(s);
	}
	if ((existed = id != 0))
		before = body_json(db, id);
	/* ?5 a new logo; ?6 1 to remove it; else it stays as it is. */
	s = id ? db_stmt(db, "UPDATE body SET name = ?1, short_name = ?2, colour_primary = ?3, colour_accent = ?4,"
			 " logo_svg = CASE WHEN ?5 IS NOT NULL THEN ?5 WHEN ?6 THEN NULL ELSE logo_svg END,"
			 " email = ?7, phone = ?8, address = ?9, website = ?10, region = ?11, notice_clear_days = ?12,"
			 " license = CASE WHEN ?15 THEN license ELSE ?14 END WHERE id = ?13") :
		 db_stmt(db, "INSERT INTO body(name, short_name, colour_primary, colour_accent, logo_svg, email,"
			 " phone, address, website, region, notice_clear_days, license)"
			 " VALUES (?1, ?2, ?3, ?4, CASE WHEN ?6 THEN NULL ELSE ?5 END, ?7, ?8, ?9, ?10, ?11, ?12,"
			 " CASE WHEN ?15 THEN NULL ELSE ?14 END)");
	if (!s)
		goto out;
	bind_text(s, 1, e->name);
	bind_text(s, 2, e->short_name);
	bind_text(s, 3, e->colour_primary);
	bind_text(s, 4, e->colour_accent);
	bind_text(s, 5, e->logo_svg);
	sqlite3_bind_int(s, 6, e->logo_remove != 0 && !e->logo_svg);
	bind_text(s, 7, e->email);
	bind_text(s, 8, e->phone);
	bind_text(s, 9, e->address);
	bind_text(s, 10, e->website);
	bind_text(s, 11, e->region);
	sqlite3_bind_int(s, 12, e->notice_clear_days);
	if (id)
		sqlite3_bind_int64(s, 13, id);
	bind_text(s, 14, e->license);
	sqlite3_bind_int(s, 15, e->license_keep != 0);
	if (db_step_done(db, s, "saving the body's settings") < 0)
		goto out;
	if (!id)
		id = sqlite3_last_insert_rowid(db->h);
	ok = 1;
out:
	return audited_commit(db, ok, user_id, existed ? "update" : "create", "body", id, before,
			      ok ? body_json(db, id) : NULL);
}

int adm_settings_license(struct db *db, const char **license)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT license FROM body WHERE id = " FIRST_BODY);
	int rc = db_get_one(db, s);

	*license = rc == 1 ? col_text(s, 0) : NULL;
	return rc;
}
