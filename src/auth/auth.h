/* auth.h: passwords, session tokens, and the checks every back-office
 * request goes through (session, role, CSRF token).
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str).  A
 * session is a random 256-bit token in an HttpOnly, SameSite=Lax cookie
 * (Secure when the site is served over HTTPS); the database keeps only its
 * SHA-256.  Each session has its own CSRF token, which every state-changing
 * form carries and auth_post() compares in constant time. */
#ifndef WITAN_AUTH_H
#define WITAN_AUTH_H

#include <stddef.h>

#include "db/auth.h"
#include "http/req.h"

#define AUTH_COOKIE "witan_session"
#define AUTH_IDLE_S (2 * 3600)          /* idle expiry */
#define AUTH_ABSOLUTE_S (12 * 3600)     /* absolute expiry */
#define AUTH_THROTTLE_WINDOW_S (15 * 60)
#define AUTH_MAX_FAILS_USER 5           /* per account per window */
#define AUTH_MAX_FAILS_ADDR 20          /* per client address per window */
#define AUTH_CHALLENGE_S (5 * 60)       /* to give the code after the password */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 1024

enum role { ROLE_CLERK = 1, ROLE_ADMIN = 2 };

/* Hash a password into out (crypto_pwhash_STRBYTES = 128); 0 or -1. */
int auth_hash_password(const char *password, char out[128]);
/* 1 if password matches hash, else 0. */
int auth_verify_password(const char *hash, const char *password);
/* Burn the same time as a verification (for unknown accounts). */
void auth_verify_dummy(const char *password);
/* A new random token, 43 base64url characters plus NUL. */
void auth_token(char out[44]);
/* SHA-256 of a token as hex. */
void auth_token_hash(const char *token, char out[65]);

/* The request's session, if its cookie names a live one: 1 (and *s set,
 * r->user set), 0, or -1 on a database error. */
int auth_session(struct req *r, struct session_row *s);

/* For a back-office page (GET): 0 if the session's role suffices; else
 * the status to return (303 to /login when not signed in, 403 when the
 * role is too low). */
int auth_page(struct req *r, struct session_row *s, enum role need);
/* For a state-changing request (POST): 0 if signed in (else 401), the role
 * suffices (else 403) and the form's "csrf" field matches the session's
 * token (else 403).  csrf is the submitted value (may be NULL). */
int auth_post(struct req *r, struct session_row *s, enum role need, const char *csrf);

/* Start a session for user_id: sets the cookie.  0 or -1. */
int auth_login(struct req *r, int64_t user_id);
/* End the request's session and clear the cookie. */
void auth_logout(struct req *r);

/* Whether cookies get the Secure attribute (serve --https). */
void auth_set_secure_cookies(int on);

#endif
