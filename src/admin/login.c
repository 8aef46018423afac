/* login.c: /login (sign in) and /logout, with throttling per account and
 * per client address; /login/code, the second step of an account with a
 * second factor (TOTP): a sign-in whose password was right gets a form
 * for the code, carrying a random token (its SHA-256 kept for 5 minutes
 * in login_challenge), and only a right code, not used before, starts the
 * session.  A wrong code counts against the account and the address as a
 * wrong password does. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin/admin.h"
#include "auth/auth.h"
#include "db/auth.h"
#include "db/db.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/totp.h"
#include "util/banned.h"

/* Where to go after signing in: only a path inside the back office. */
static const char *safe_next(const char *next)
{
	if (!next || strncmp(next, "/admin", 6) != 0 || (next[6] != '\0' && next[6] != '/') ||
	    strstr(next, "//") || strchr(next, '\\') || strlen(next) > 512)
		return "/admin";
	/* It becomes a Location header: visible ASCII only (no CR or LF). */
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return "/admin";
	return next;
}

/* The top of a sign-in step's page: its title ("Error: " first when fe
 * has errors), the error summary, the heading and a notice, if any. */
static void signin_page(struct req *r, const char *title, const char *heading, const struct form_errors *fe,
			const char *notice)
{
	static const struct crumb crumbs[] = { { "Sign in", NULL } };
	char t[128];

	snprintf(t, sizeof(t), "%s%s", fe && fe->n ? "Error: " : "", title);
	page_begin(r, SEC_NONE, t, crumbs, 1);
	ferr_summary(&r->body, fe);
	html_fmt(&r->body, "<h1>%s</h1>\n", heading);
	if (notice)
		html_fmt(&r->body, "<p class=\"notice\" role=\"alert\">%s</p>\n", notice);
}

static void login_form(struct req *r, const char *email, const char *next,
		       const struct form_errors *fe, const char *notice)
{
	struct buf *b = &r->body;

	signin_page(r, "Sign in", "Sign in to the back office", fe, notice);
	buf_puts(b, "<form method=\"post\" action=\"/login\" novalidate>\n");
	html_fmt(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", safe_next(next));
	field_input(b, "email", "email", "E-mail address", email, NULL, fe, 1);
	field_input(b, "password", "password", "Password", NULL, NULL, fe, 1);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Sign in</button>\n</form>\n");
	page_end(r);
}

/* The second step: the code.  challenge is the form's token. */
static void code_form(struct req *r, const char *challenge, const char *next, const struct form_errors *fe,
		      const char *notice)
{
	struct buf *b = &r->body;

	signin_page(r, "Sign in: the code", "Enter the code from your authenticator app", fe, notice);
	buf_puts(b, "<p>Your account asks for a second step. Open the authenticator app you set it up with "
		    "and enter the 6-digit code it shows now.</p>\n"
		    "<form method=\"post\" action=\"/login/code\" novalidate>\n");
	html_fmt(b, "<input type=\"hidden\" name=\"challenge\" value=\"%s\">\n"
		 "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", challenge, safe_next(next));
	field_code(b, "code", "Code", "6 digits, for example 123456", fe);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Sign in</button>\n</form>\n"
		    "<p><a href=\"/login\">Start again</a> (the code form lasts 5 minutes)</p>\n");
	page_end(r);
}

/* A password was right for account uid: sign in, or ask for the code. */
static int signed_in(struct req *r, const struct user_row *u, const char *next)
{
	int64_t uid = u->id;
	char token[44], hash[65];

	if (u->totp_secret && *u->totp_secret) {
		auth_token(token);
		auth_token_hash(token, hash);
		if (db_challenge_delete(r->db, "", AUTH_CHALLENGE_S) < 0 ||
		    db_challenge_create(r->db, hash, uid, r->client) < 0)
			return 500;
		code_form(r, token, next, NULL, NULL);
		return 200;
	}
	if (auth_login(r, uid) < 0)
		return 500;
	db_audit(r->db, uid, "login", "user", uid, NULL, NULL);
	req_add_header(r, "location", safe_next(next));
	return 303;
}

int post_login_code(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct user_row u;
	struct totp_row t;
	char hash[65], ukey[300], akey[80];
	const char *challenge, *code, *next;
	int64_t uid = 0, step;
	int rc, status = 200;

	r->nocache = 1;
	r->cache_control = "no-store";
	if ((rc = admin_form(r, &f)) != 0)
		return rc;
	challenge = form_get(&f, "challenge");
	code = form_get(&f, "code");
	next = form_get(&f, "next");
	if (!challenge || strlen(challenge) != 43) {
		status = 400;
		r->errmsg = "This sign-in has expired. Sign in again.";
		goto out;
	}
	auth_token_hash(challenge, hash);
	if ((rc = db_challenge_find(r->db, hash, AUTH_CHALLENGE_S, &uid)) <= 0 ||
	    (rc = db_user_by_id(r->db, uid, &u)) <= 0) {
		if (rc < 0) {
			status = 500;
			goto out;
		}
		login_form(r, NULL, next, NULL, "That sign-in has expired (the code must come within 5 minutes). "
			   "Sign in again.");
		status = 401;
		goto out;
	}
	snprintf(ukey, sizeof(ukey), "user:%.250s", u.email);
	snprintf(akey, sizeof(akey), "addr:%s", r->client);
	if (db_throttle_failures(r->db, ukey, AUTH_THROTTLE_WINDOW_S) >= AUTH_MAX_FAILS_USER ||
	    db_throttle_failures(r->db, akey, AUTH_THROTTLE_WINDOW_S) >= AUTH_MAX_FAILS_ADDR) {
		req_add_header(r, "retry-after", "900");
		db_challenge_delete(r->db, hash, AUTH_CHALLENGE_S);
		login_form(r, NULL, next, NULL, "Too many failed attempts to sign in. Wait 15 minutes and try again.");
		status = 429;
		goto out;
	}
	if (db_user_totp(r->db, uid, &t) <= 0) {
		status = 500;
		goto out;
	}
	step = totp_match(t.secret, code, totp_step((int64_t)time(NULL)), t.last_step);
	if (step >= 0 && (rc = db_totp_use(r->db, uid, step)) == 1) {
		db_challenge_delete(r->db, hash, AUTH_CHALLENGE_S);
		db_throttle_clear(r->db, ukey);
		if (auth_login(r, uid) < 0) {
			status = 500;
			goto out;
		}
		db_audit(r->db, uid, "login", "user", uid, NULL, NULL);
		req_add_header(r, "location", safe_next(next));
		status = 303;
		goto out;
	}
	db_throttle_fail(r->db, ukey, AUTH_THROTTLE_WINDOW_S);
	db_throttle_fail(r->db, akey, AUTH_THROTTLE_WINDOW_S);
	ferr_add(&fe, "code", is_empty(code) ? "Enter the code" :
		 "The code is not right, or was used already: enter the code your app shows now");
	code_form(r, challenge, next, &fe, NULL);
	status = 401;
out:
	form_release(&f);
	return status;
}

int page_login(struct req *r)
{
	r->nocache = 1;
	r->cache_control = "no-store";
	login_form(r, NULL, r->q[0].set ? r->q[0].text : NULL, NULL, NULL);
	return 200;
}

int post_login(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct user_row u;
	char ukey[300], akey[80];
	const char *email, *password, *next;
	int rc, status = 200, found;

	r->nocache = 1;
	r->cache_control = "no-store";
	if ((rc = admin_form(r, &f)) != 0)
		return rc;
	email = form_get(&f, "email");
	password = form_get(&f, "password");
	next = form_get(&f, "next");
	if (!email || !*email)
		ferr_add(&fe, "email", "Enter your e-mail address");
	if (!password || !*password)
		ferr_add(&fe, "password", "Enter your password");
	if (fe.n) {
		login_form(r, email, next, &fe, NULL);
		status = 400;
		goto out;
	}
	snprintf(ukey, sizeof(ukey), "user:%.250s", email);
	snprintf(akey, sizeof(akey), "addr:%s", r->client);
	if (db_throttle_failures(r->db, ukey, AUTH_THROTTLE_WINDOW_S) >= AUTH_MAX_FAILS_USER ||
	    db_throttle_failures(r->db, akey, AUTH_THROTTLE_WINDOW_S) >= AUTH_MAX_FAILS_ADDR) {
		req_add_header(r, "retry-after", "900");
		login_form(r, email, next, NULL,
			   "Too many failed attempts to sign in. Wait 15 minutes and try again.");
		status = 429;
		goto out;
	}
	found = db_user_by_email(r->db, email, &u);
	if (found < 0) {
		status = 500;
		goto out;
	}
	if (found == 1 && !u.disabled && auth_verify_password(u.password_hash, password)) {
		/* An account with a second factor keeps its failures until the
		 * code is right: the password alone is not a success. */
		if (!u.totp_secret)
			db_throttle_clear(r->db, ukey);
		status = signed_in(r, &u, next);
		goto out;
	}
	if (found != 1)
		auth_verify_dummy(password);
	db_throttle_fail(r->db, ukey, AUTH_THROTTLE_WINDOW_S);
	db_throttle_fail(r->db, akey, AUTH_THROTTLE_WINDOW_S);
	ferr_add(&fe, "email", "The e-mail address or password is not right");
	login_form(r, email, next, &fe, NULL);
	status = 401;
out:
	form_release(&f);
	return status;
}

static int logout(struct req *r, struct apost *p, const void *ctx)
{
	(void)ctx;
	db_audit(r->db, p->s.user_id, "logout", "user", p->s.user_id, NULL, NULL);
	auth_logout(r);
	req_add_header(r, "location", "/");
	return 303;
}

int post_logout(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, logout, NULL);
}
