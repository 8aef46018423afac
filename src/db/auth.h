/* auth.h: users, sessions, login throttling and the audit log in the
 * database.  Hashing and tokens are made by src/auth/; this module only
 * stores and finds them. */
#ifndef WITAN_DB_AUTH_H
#define WITAN_DB_AUTH_H

#include <stdint.h>

struct db;

struct user_row {
	int64_t id;
	const char *email, *name, *role, *password_hash;
	int disabled;
	const char *totp_secret;        /* base32, or NULL: no second factor */
};

/* Create a user; returns the id, or -1 (db->err says why; a duplicate
 * e-mail address is "a user with that e-mail address already exists"). */
int64_t db_user_create(struct db *db, const char *email, const char *name, const char *role,
		       const char *password_hash);
/* 1 found, 0 not, -1 error.  Strings valid until the next call. */
int db_user_by_email(struct db *db, const char *email, struct user_row *u);
int db_user_by_id(struct db *db, int64_t id, struct user_row *u);

/* Copied out of the database (not pointers into a statement's row), so
 * that the statement is reset at once: an open read would otherwise keep
 * the request's snapshot, and its later write (BEGIN IMMEDIATE) would fail
 * at once with "database is locked" whenever another connection (another
 * thread, the document-text thread) committed meanwhile. */
struct session_row {
	int64_t id, user_id;
	char csrf_token[128], created[32], last_seen[32];
	/* the user */
	char email[320], name[256], role[16];
};

/* Store a session under the hash of its token. */
int64_t db_session_create(struct db *db, const char *token_hash, int64_t user_id,
			  const char *csrf_token, const char *client);
/* The live session for a token hash: not idle for more than idle_s and
 * not older than absolute_s; its user enabled.  1, 0 or -1. */
int db_session_find(struct db *db, const char *token_hash, int idle_s, int absolute_s,
		    struct session_row *s);
/* Note activity (at most once a minute, to spare writes). */
int db_session_touch(struct db *db, int64_t id);
int db_session_delete(struct db *db, const char *token_hash);
/* Remove expired sessions. */
int db_session_purge(struct db *db, int idle_s, int absolute_s);

/* Second factor (TOTP, util/totp.h). */
struct totp_row {
	char secret[64], pending[64];   /* base32, "" when none */
	int64_t last_step;              /* -1 when none */
};
int db_user_totp(struct db *db, int64_t user_id, struct totp_row *t);
/* Note that a code of step was accepted: 1, or 0 if a code of that step or
 * a later one was accepted already (a replay, or a race); -1. */
int db_totp_use(struct db *db, int64_t user_id, int64_t step);

/* A sign-in whose password was right, waiting for its code (the SHA-256
 * of the form's token). */
int db_challenge_create(struct db *db, const char *token_hash, int64_t user_id, const char *client);
/* Its user, if not older than max_age_s and the user is enabled: 1, 0, -1. */
int db_challenge_find(struct db *db, const char *token_hash, int max_age_s, int64_t *user_id);
/* Remove it, and every challenge older than max_age_s. */
int db_challenge_delete(struct db *db, const char *token_hash, int max_age_s);

/* Failed logins within the window for a key ('user:EMAIL', 'addr:IP'). */
int db_throttle_failures(struct db *db, const char *key, int window_s);
int db_throttle_fail(struct db *db, const char *key, int window_s);
int db_throttle_clear(struct db *db, const char *key);

/* Append to the audit log (append-only by trigger).  before/after are
 * JSON texts or NULL. */
int db_audit(struct db *db, int64_t user_id, const char *action, const char *entity,
	     int64_t entity_id, const char *before_json, const char *after_json);

#endif
