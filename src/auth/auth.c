/* auth.c: passwords, tokens, sessions and the request checks (see auth.h). */
#include "auth/auth.h"

#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "db/auth.h"
#include "http/cookie.h"
#include "util/buf.h"
#include "util/banned.h"

static int secure_cookies;

void auth_set_secure_cookies(int on)
{
	secure_cookies = on;
}

int auth_hash_password(const char *password, char out[128])
{
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

int auth_verify_password(const char *hash, const char *password)
{
	return hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	if (auth_hash_password("not a password anyone has", dummy_hash) < 0)
		dummy_hash[0] = '\0';
}

void auth_verify_dummy(const char *password)
{
	pthread_once(&dummy_once, make_dummy);
	if (dummy_hash[0] && crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
		dummy_hash[0] = dummy_hash[0]; /* never: nobody has this password */
}

void auth_token(char out[44])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* The value of our cookie in the Cookie header, copied into out. */
static int cookie_value(struct req *r, char *out, size_t outlen)
{
	return cookie_get(req_header(r, "cookie"), AUTH_COOKIE, out, outlen);
}

int auth_session(struct req *r, struct session_row *s)
{
	char token[64], hash[65];
	int rc;

	if (!cookie_value(r, token, sizeof(token)))
		return 0;
	auth_token_hash(token, hash);
	rc = db_session_find(r->db, hash, AUTH_IDLE_S, AUTH_ABSOLUTE_S, s);
	if (rc == 1) {
		r->user_id = s->user_id;
		r->user_name = req_strdup(r, s->name[0] ? s->name : s->email);
		r->csrf = req_strdup(r, s->csrf_token);
		r->user_role = req_strdup(r, s->role);
		r->nocache = 1;
		db_session_touch(r->db, s->id);
	}
	return rc;
}

static int role_ok(const char *role, enum role need)
{
	if (need == ROLE_CLERK)
		return strcmp(role, "clerk") == 0 || strcmp(role, "admin") == 0;
	return strcmp(role, "admin") == 0;
}

int auth_page(struct req *r, struct session_row *s, enum role need)
{
	int rc = auth_session(r, s);
	struct buf loc = BUF_INIT;

	r->nocache = 1;
	r->cache_control = "no-store";
	if (rc < 0)
		return 500;
	if (rc == 0) {
		buf_puts(&loc, "/login?next=");
		for (const char *p = r->path; *p; p++) {
			unsigned char c = (unsigned char)*p;
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '_')
				buf_putc(&loc, (char)c);
			else
				buf_printf(&loc, "%%%02X", c);
		}
		req_add_header(r, "location", loc.data);
		buf_release(&loc);
		return 303;
	}
	if (!role_ok(s->role, need)) {
		r->errmsg = "Your account does not have access to this page.";
		return 403;
	}
	return 0;
}

int auth_post(struct req *r, struct session_row *s, enum role need, const char *csrf)
{
	int rc = auth_session(r, s);

	r->nocache = 1;
	r->cache_control = "no-store";
	if (rc < 0)
		return 500;
	if (rc == 0) {
		r->errmsg = "You need to sign in to do that.";
		return 401;
	}
	if (!role_ok(s->role, need)) {
		r->errmsg = "Your account does not have access to this action.";
		return 403;
	}
	if (!csrf || strlen(csrf) != strlen(s->csrf_token) ||
	    sodium_memcmp(csrf, s->csrf_token, strlen(csrf)) != 0) {
		r->errmsg = "The form has expired or did not come from this site. Go back, reload the page and try again.";
		return 403;
	}
	return 0;
}

static void set_cookie(struct req *r, const char *value, int max_age)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", AUTH_COOKIE, value,
		   max_age, secure_cookies ? "; Secure" : "");
	req_add_header(r, "set-cookie", b.data);
	buf_release(&b);
}

int auth_login(struct req *r, int64_t user_id)
{
	char token[44], hash[65], csrf[44];

	auth_token(token);
	auth_token(csrf);
	auth_token_hash(token, hash);
	if (db_session_create(r->db, hash, user_id, csrf, r->client) < 0)
		return -1;
	db_session_purge(r->db, AUTH_IDLE_S, AUTH_ABSOLUTE_S);
	set_cookie(r, token, AUTH_ABSOLUTE_S);
	return 0;
}

void auth_logout(struct req *r)
{
	char token[64], hash[65];

	if (cookie_value(r, token, sizeof(token))) {
		auth_token_hash(token, hash);
		db_session_delete(r->db, hash);
	}
	set_cookie(r, "", 0);
}
