/* account.c: My account (/admin/account), for anyone signed in: change
 * one's own password and e-mail address, list one's sessions and end any
 * of them; for admins, a second factor (TOTP, util/totp.h): enrolled with
 * a secret shown once as base32 and as an otpauth:// URI, confirmed by a
 * first code, turned off with the password and a code.
 *
 * Both changes ask for the current password again (a session left open on
 * a shared computer must not be enough to take the account over); a wrong
 * one counts against the account's sign-in throttle, so it is no way
 * round the limit on guesses.  A new password follows the rules of `witan
 * user add` and ends every other session of the account.  Ending the
 * current session signs out. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "admin/admin.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/auth.h"
#include "db/db.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/totp.h"
#include "util/banned.h"

#define EMAIL_MAX_CHARS 254
#define STR_(x) #x
#define STR(x) STR_(x)

/* Which form of the page is shown again with its errors. */
struct account_resub {
	const char *form;               /* "pw-", "em-", "tc-", "td-", or NULL */
	const struct form *typed;
	const struct form_errors *fe;
};

static const struct form_errors *errors_of(const struct account_resub *rs, const char *form)
{
	return rs && rs->form && strcmp(rs->form, form) == 0 ? rs->fe : NULL;
}

static int session_row(struct req *r, struct cursor *c, int64_t current)
{
	struct buf *b = &r->body;
	struct session_src s;
	char action[64];

	if (!cursor_next_session(c, &s))
		return 0;
	buf_puts(b, "<tr><td>");
	date_put_utc_local(b, s.created);
	buf_puts(b, "</td><td>");
	date_put_utc_local(b, s.last_seen);
	html_fmt(b, "</td><td>%s</td><td>", s.client && *s.client ? s.client : "Not recorded");
	snprintf(action, sizeof(action), "/admin/account/sessions/%lld/revoke", (long long)s.id);
	html_fmt(b, "<form method=\"post\" action=\"%s\" class=\"inline-form\">\n", action);
	field_csrf(r);
	if (s.id == current)
		buf_puts(b, "<strong class=\"tag\">This session</strong> "
			    "<button type=\"submit\" class=\"link-button\">Sign out</button>\n</form>");
	else {
		html_fmt(b, "<button type=\"submit\" class=\"link-button\">End<span class=\"visually-hidden\">"
			 " the session started </span>");
		buf_puts(b, "<span class=\"visually-hidden\">");
		date_put_utc_local(b, s.created);
		buf_puts(b, "</span></button>\n</form>");
	}
	buf_puts(b, "</td></tr>\n");
	return 1;
}

/* The second factor's part of the page (admins): 0 or -1. */
static int two_factor_section(struct req *r, const struct session_row *s, const struct account_resub *rs)
{
	struct buf *b = &r->body;
	struct totp_row t;

	if (db_user_totp(r->db, s->user_id, &t) <= 0)
		return -1;
	buf_puts(b, "<h2 id=\"two-factor\">Two-step sign-in</h2>\n");
	if (t.secret[0]) {
		buf_puts(b, "<p><strong class=\"tag\">On</strong> Signing in asks for a code from your authenticator "
			    "app after your password.</p>\n"
			    "<form method=\"post\" action=\"/admin/account/totp/disable\" novalidate>\n");
		field_csrf(r);
		field_id_prefix("td-");
		field_password(b, "current_password", "Current password", NULL, errors_of(rs, "td-"), "current-password");
		field_code(b, "code", "Code from your app", "6 digits", errors_of(rs, "td-"));
		field_id_prefix(NULL);
		buf_puts(b, "<button type=\"submit\" class=\"button\">Turn off two-step sign-in</button>\n</form>\n");
		return 0;
	}
	if (t.pending[0]) {
		buf_puts(b, "<p>Add this account to your authenticator app, then enter the code it shows to finish. "
			    "Keep the key to yourself: anyone with it can make your codes.</p>\n"
			    "<dl class=\"summary\">\n<dt>Key (type it in)</dt><dd><code>");
		for (const char *p = t.pending; *p; p++) {
			if (p != t.pending && (p - t.pending) % 4 == 0)
				buf_putc(b, ' ');
			buf_putc(b, *p);
		}
		html_fmt(b, "</code></dd>\n<dt>Or this address (otpauth)</dt><dd><code class=\"wrap-anywhere\">"
			 "otpauth://totp/Witan:%u?secret=%s&amp;issuer=Witan&amp;algorithm=SHA1&amp;digits=6&amp;period=30"
			 "</code></dd>\n<dt>Kind</dt><dd>Time-based, 6 digits, every 30 seconds (SHA-1)</dd>\n</dl>\n",
			 s->email, t.pending);
		buf_puts(b, "<form method=\"post\" action=\"/admin/account/totp/confirm\" novalidate>\n");
		field_csrf(r);
		field_id_prefix("tc-");
		field_code(b, "code", "Code from your app", "6 digits", errors_of(rs, "tc-"));
		field_id_prefix(NULL);
		buf_puts(b, "<button type=\"submit\" class=\"button\">Turn on two-step sign-in</button>\n</form>\n");
		return 0;
	}
	buf_puts(b, "<p><strong class=\"tag\">Off</strong> With two-step sign-in, signing in asks for a code from an "
		    "authenticator app on your phone after your password, so a password that is guessed or stolen is "
		    "not enough.</p>\n");
	button_form(r, "/admin/account/totp/start", "Set up two-step sign-in", NULL);
	return 0;
}

/* The whole page; rs: a form shown again with its errors, or NULL. */
static int account_page(struct req *r, const struct session_row *s, const struct account_resub *rs)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "My account", NULL } };
	struct list_table t = { "admin-sessions", "Your sessions, newest first",
				(const char *const[]){ "Signed in", "Last active", "Address", "End", NULL },
				"Your sessions", 1, 0, 0 };
	const struct form_errors *pw = errors_of(rs, "pw-"), *em = errors_of(rs, "em-");
	struct buf *b = &r->body;
	struct cursor c;

	page_begin(r, SEC_ADMIN, rs && rs->fe && rs->fe->n ? "Error: My account" : "My account", crumbs, 2);
	if (rs && rs->form) {
		field_id_prefix(rs->form);
		ferr_summary(b, rs->fe);
		field_id_prefix(NULL);
	}
	html_fmt(b, "<h1>My account</h1>\n<dl class=\"summary\">\n<dt>E-mail address</dt><dd>%s</dd>\n"
		 "<dt>Name</dt><dd>%s</dd>\n<dt>Role</dt><dd>%s</dd>\n</dl>\n",
		 s->email, s->name[0] ? s->name : "Not given", strcmp(s->role, "admin") == 0 ? "Admin" : "Clerk");

	buf_puts(b, "<h2 id=\"password\">Change your password</h2>\n"
		    "<p>Changing your password signs you out everywhere else.</p>\n"
		    "<form method=\"post\" action=\"/admin/account/password\" novalidate>\n");
	field_csrf(r);
	field_id_prefix("pw-");
	field_password(b, "current_password", "Current password", NULL, pw, "current-password");
	field_password(b, "password", "New password", "At least " STR(AUTH_PASSWORD_MIN) " characters", pw,
		       "new-password");
	field_password(b, "password_confirm", "New password again", NULL, pw, "new-password");
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Change the password</button>\n</form>\n");

	buf_puts(b, "<h2 id=\"email\">Change your e-mail address</h2>\n"
		    "<p>You sign in with it.</p>\n"
		    "<form method=\"post\" action=\"/admin/account/email\" novalidate>\n");
	field_csrf(r);
	field_id_prefix("em-");
	field_input(b, "email", "email", "New e-mail address",
		    em && rs->typed ? shown(r, form_get(rs->typed, "email"), 0) : NULL, NULL, em, 1);
	field_password(b, "current_password", "Current password", NULL, em, "current-password");
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Change the e-mail address</button>\n</form>\n");

	if (strcmp(s->role, "admin") == 0 && two_factor_section(r, s, rs) < 0)
		return 500;

	buf_puts(b, "<h2 id=\"sessions\">Where you are signed in</h2>\n"
		    "<p>A session ends after 2 hours without use, or 12 hours after signing in. "
		    "End any you do not recognise, and change your password.</p>\n");
	list_head(b, &t);
	if (adm_sessions(r->db, s->user_id, AUTH_IDLE_S, AUTH_ABSOLUTE_S, &c) < 0)
		return 500;
	while (session_row(r, &c, s->id))
		;
	if (c.err)
		return 500;
	list_end(b, &t, NULL);
	page_end(r);
	return 200;
}

int page_admin_account(struct req *r)
{
	struct session_row s;
	int rc = auth_page(r, &s, ROLE_CLERK);

	return rc ? rc : account_page(r, &s, NULL);
}

/* The current password typed on a form of the page: 0 if right; else an
 * error on fe (and the failure counted against the account), or 429 when
 * the account is throttled, or 500. */
static int reauthenticate(struct req *r, struct apost *p)
{
	struct user_row u;
	const char *pw = form_get(&p->f, "current_password");
	char ukey[300];
	int found, fails;

	snprintf(ukey, sizeof(ukey), "user:%.250s", p->s.email);
	if ((fails = db_throttle_failures(r->db, ukey, AUTH_THROTTLE_WINDOW_S)) < 0)
		return 500;
	if (fails >= AUTH_MAX_FAILS_USER) {
		req_add_header(r, "retry-after", "900");
		ferr_add(&p->fe, "current_password",
			 "Too many wrong passwords for this account. Wait 15 minutes and try again");
		return 429;
	}
	if (is_empty(pw)) {
		ferr_add(&p->fe, "current_password", "Enter your current password");
		return 0;
	}
	if ((found = db_user_by_id(r->db, p->s.user_id, &u)) < 0)
		return 500;
	if (found && auth_verify_password(u.password_hash, pw))
		return 0;
	db_throttle_fail(r->db, ukey, AUTH_THROTTLE_WINDOW_S);
	ferr_add(&p->fe, "current_password", "The current password is not right");
	return 0;
}

/* Show the page again with form's errors: status (400 or 429). */
static int shown_again(struct req *r, struct apost *p, const char *form, int status)
{
	struct account_resub rs = { form, &p->f, &p->fe };
	int rc;

	rc = account_page(r, &p->s, &rs);
	return rc == 200 ? status : rc;
}

static int change_password(struct req *r, struct apost *p, const void *ctx)
{
	const char *pw = form_get(&p->f, "password");
	char hash[128];
	int rc;

	(void)ctx;
	if ((rc = reauthenticate(r, p)) == 500)
		return 500;
	admin_check_password(&p->fe, pw, form_get(&p->f, "password_confirm"), 1);
	if (rc || p->fe.n)
		return shown_again(r, p, "pw-", rc ? rc : 400);
	if (auth_hash_password(pw, hash) < 0)
		return admin_refuse(r, 500, "The password could not be protected (the server is short of memory). Try again.");
	return admin_saved(r, adm_account_password(r->db, p->s.user_id, hash, p->s.id),
			   "The password could not be saved.", "/admin/account", 0, 0);
}

int post_admin_account_password(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, change_password, NULL);
}

static int change_email(struct req *r, struct apost *p, const void *ctx)
{
	const char *email = field_trim(r, &p->f, "email");
	int rc;

	(void)ctx;
	if (is_empty(email))
		ferr_add(&p->fe, "email", "Enter the e-mail address you will sign in with");
	else if (!text_ok(email, EMAIL_MAX_CHARS, 0) || !email_ok(email))
		ferr_add(&p->fe, "email", "Enter an e-mail address like name@example.org");
	if ((rc = reauthenticate(r, p)) == 500)
		return 500;
	if (rc || p->fe.n)
		return shown_again(r, p, "em-", rc ? rc : 400);
	rc = adm_account_email(r->db, p->s.user_id, email);
	if (rc == 1) {
		ferr_add(&p->fe, "email", "There is already an account with this e-mail address");
		return shown_again(r, p, "em-", 400);
	}
	return admin_saved(r, rc, "The e-mail address could not be saved.", "/admin/account", 0, 0);
}

int post_admin_account_email(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, change_email, NULL);
}

static int revoke(struct req *r, struct apost *p, const void *ctx)
{
	int rc = adm_session_revoke(r->db, p->s.user_id, r->id[0]);

	(void)ctx;
	if (rc == 1)
		return admin_refuse(r, 404, "You have no such session: it may have ended already.");
	if (rc < 0)
		return admin_refuse(r, 500, "The session could not be ended.");
	if (r->id[0] == p->s.id) {
		auth_logout(r); /* clears the cookie; the row is gone already */
		req_add_header(r, "location", "/login");
		return 303;
	}
	return admin_saved(r, 0, NULL, "/admin/account#sessions", 0, 0);
}

int post_admin_account_session_revoke(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, revoke, NULL);
}

static int totp_start(struct req *r, struct apost *p, const void *ctx)
{
	unsigned char key[TOTP_SECRET_BYTES];
	char b32[TOTP_SECRET_B32];
	struct totp_row t;
	int rc;

	(void)ctx;
	if (db_user_totp(r->db, p->s.user_id, &t) <= 0)
		return 500;
	if (t.secret[0])
		return admin_refuse(r, 409, "Two-step sign-in is on already: turn it off first to set up another app.");
	randombytes_buf(key, sizeof(key));
	base32_encode(key, sizeof(key), b32, sizeof(b32));
	sodium_memzero(key, sizeof(key));
	rc = adm_totp_start(r->db, p->s.user_id, b32);
	return admin_saved(r, rc, "Two-step sign-in could not be set up.", "/admin/account#two-factor", 0, 0);
}

int post_admin_account_totp_start(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, totp_start, NULL);
}

static int totp_confirm(struct req *r, struct apost *p, const void *ctx)
{
	struct totp_row t;
	int64_t step;

	(void)ctx;
	if (db_user_totp(r->db, p->s.user_id, &t) <= 0)
		return 500;
	if (!t.pending[0])
		return admin_refuse(r, 409, "There is no two-step sign-in waiting to be confirmed: set it up first.");
	step = totp_match(t.pending, form_get(&p->f, "code"), totp_step((int64_t)time(NULL)), -1);
	if (step < 0) {
		ferr_add(&p->fe, "code", is_empty(form_get(&p->f, "code")) ? "Enter the code your app shows" :
			 "The code is not right: check the key in your app and enter the code it shows now");
		return shown_again(r, p, "tc-", 400);
	}
	return admin_saved(r, adm_totp_enable(r->db, p->s.user_id, step), "Two-step sign-in could not be turned on.",
			   "/admin/account#two-factor", 0, 0);
}

int post_admin_account_totp_confirm(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, totp_confirm, NULL);
}

static int totp_disable(struct req *r, struct apost *p, const void *ctx)
{
	struct totp_row t;
	char ukey[300];
	int rc;

	(void)ctx;
	if (db_user_totp(r->db, p->s.user_id, &t) <= 0)
		return 500;
	if (!t.secret[0])
		return admin_refuse(r, 409, "Two-step sign-in is off already.");
	if ((rc = reauthenticate(r, p)) == 500)
		return 500;
	if (!rc && totp_match(t.secret, form_get(&p->f, "code"), totp_step((int64_t)time(NULL)), t.last_step) < 0) {
		snprintf(ukey, sizeof(ukey), "user:%.250s", p->s.email);
		db_throttle_fail(r->db, ukey, AUTH_THROTTLE_WINDOW_S);
		ferr_add(&p->fe, "code", is_empty(form_get(&p->f, "code")) ? "Enter the code your app shows" :
			 "The code is not right, or was used already: enter the code your app shows now");
	}
	if (rc || p->fe.n)
		return shown_again(r, p, "td-", rc ? rc : 400);
	return admin_saved(r, adm_totp_disable(r->db, p->s.user_id), "Two-step sign-in could not be turned off.",
			   "/admin/account#two-factor", 0, 0);
}

int post_admin_account_totp_disable(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, totp_disable, NULL);
}
