/* users.c: the back office's accounts and the hosting body's settings,
 * for admins only (a clerk is refused with 403, on every page and POST).
 *
 * Accounts: a list, a create form and an edit form (name, role, disabled,
 * a new password).  A typed password is never shown again.  Disabling an
 * account or giving it a new password ends its sessions.  An admin cannot
 * demote or disable themselves, and the last enabled admin cannot be
 * demoted or disabled at all (checked again in the database transaction),
 * so the body always keeps an admin.
 *
 * Settings: the body's name, short name, colours, logo (an SVG upload,
 * checked with svg_logo_valid: it is written into every page), contact
 * details, the statutory notice (clear days and region), and the licence
 * of the published record (util/licence.h).  The public pages follow at
 * once: the page cache is keyed to the data version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/auth.h"
#include "db/db.h"
#include "db/public.h"
#include "util/date.h"
#include "util/licence.h"
#include "util/notice.h"
#include "util/utf8.h"
#include "util/valid.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

#define NAME_MAX_CHARS 200      /* names and other one-line fields */
#define EMAIL_MAX_CHARS 254
#define SHORT_MAX_CHARS 60      /* short name, telephone (as `witan body`) */
#define LONG_MAX_CHARS 400      /* address, website (as `witan body`) */
#define CLEAR_DAYS_MAX 30

static const struct crumb admin_crumb = { "Back office", "/admin" };
static const struct crumb users_crumb = { "Accounts", "/admin/users" };

static const char *const role_values[] = { "clerk", "admin" };
static const char *const role_labels[] = { "Clerk", "Admin" };
#define NROLES ((int)(sizeof(role_values) / sizeof(role_values[0])))

static const char *const region_values[] = { "england", "wales", "scotland", "northern_ireland", "other" };
static const char *const region_labels[] = { "England", "Wales", "Scotland", "Northern Ireland", "Elsewhere" };
#define NREGIONS ((int)(sizeof(region_values) / sizeof(region_values[0])))

/* The licence of the published record: the region's default (stored as
 * NULL), three common licences, or another by its address. */
static const char *const licence_values[] = { "default", "ogl", "cc-by", "cc0", "other" };
static const char *const licence_labels[] = {
	"The default: the Open Government Licence v3.0 for a body in the UK, none stated elsewhere",
	"Open Government Licence v3.0", "Creative Commons Attribution 4.0 (CC BY 4.0)",
	"CC0 1.0 (public domain dedication)", "Another licence, at the address below",
};
static const char *const licence_urls[] = { NULL, LICENCE_OGL3, LICENCE_CC_BY_4, LICENCE_CC0_1, NULL };
#define NLICENCES ((int)(sizeof(licence_values) / sizeof(licence_values[0])))

void admin_users_links(struct req *r)
{
	if (!r->user_role || strcmp(r->user_role, "admin") != 0)
		return;
	buf_puts(&r->body, "<nav aria-label=\"Accounts and settings\">\n<ul>\n"
		 "<li><a href=\"/admin/users\">Back-office accounts</a></li>\n"
		 "<li><a href=\"/admin/settings\">Site settings: name, colours, logo, contact details</a></li>\n"
		 "<li><a href=\"/admin/alerts\">E-mail alerts: subscribers, the outbox, a test message</a></li>\n"
		 "</ul>\n</nav>\n");
}

/* --- checks at the edge (as directory.c) ---------------------------------- */











/* A web address to link to: http(s)://host..., without spaces or quotes. */
static int website_ok(const char *s)
{
	const char *host = strncmp(s, "https://", 8) == 0 ? s + 8 : strncmp(s, "http://", 7) == 0 ? s + 7 : NULL;

	return host && *host && *host != '/' && *host != '.' && !strpbrk(s, " \t\"'<>\\`");
}


/* Check a one-line field (required or not). */
static void check_line(struct form_errors *fe, const char *field, const char *v, size_t max, int required,
		       const char *missing, const char *bad)
{
	if (required && is_empty(v))
		ferr_add(fe, field, missing);
	else if (!text_ok(v, max, 0))
		ferr_add(fe, field, bad);
}

/* A checkbox's value: 1 ticked ("1"), 0 not sent; -1 anything else. */
static int checkbox_value(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);

	return !v ? 0 : strcmp(v, "1") == 0 ? 1 : -1;
}

/* --- fields forms.c has no helper for ---------------------------------- */

/* Label, hint and inline error of a field, as forms.c writes them. */
static void field_head(struct buf *b, const char *name, const char *label, const char *hint, const char *err,
		       int label_first)
{
	html_fmt(b, "<div class=\"field%r\">\n", err ? " field-error" : "");
	if (label_first)
		html_fmt(b, "<label for=\"f-%s\">%s</label>\n", name, label);
	if (hint)
		html_fmt(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", name, hint);
	if (err)
		html_fmt(b, "<p class=\"error-message\" id=\"f-%s-error\"><span class=\"visually-hidden\">Error:</span> %s</p>\n",
			 name, err);
}

/* aria-describedby (hint, error) and aria-invalid of a field's control. */
static void field_tail(struct buf *b, const char *name, const char *hint, const char *err)
{
	if (hint || err) {
		buf_puts(b, " aria-describedby=\"");
		if (hint)
			html_fmt(b, "f-%s-hint", name);
		if (hint && err)
			buf_putc(b, ' ');
		if (err)
			html_fmt(b, "f-%s-error", name);
		buf_putc(b, '"');
	}
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
}

/* An <input> whose autocomplete forms.c would get wrong here: a new
 * password ("new-password"), or another person's e-mail address ("off"),
 * which the browser must not fill with the admin's own.  A password input
 * never gets a value: a typed password is never written back into a page. */
static void field_input_ac(struct buf *b, const char *type, const char *name, const char *label,
			   const char *value, const char *hint, const struct form_errors *fe, int required,
			   const char *autocomplete)
{
	const char *err = ferr_for(fe, name);

	field_head(b, name, label, hint, err, 1);
	html_fmt(b, "<input type=\"%s\" id=\"f-%s\" name=\"%s\"", type, name, name);
	if (strcmp(type, "password") != 0)
		html_fmt(b, " value=\"%s\"", value ? value : "");
	field_tail(b, name, hint, err);
	if (required)
		buf_puts(b, " required");
	html_fmt(b, " autocomplete=\"%s\"%r>\n</div>\n", autocomplete,
		 strcmp(type, "email") == 0 ? " spellcheck=\"false\"" : "");
}


/* --- accounts ------------------------------------------------------------ */

static const char *role_label(const char *role)
{
	return role && strcmp(role, "admin") == 0 ? "Admin" : "Clerk";
}

static int users_open(struct req *r, struct cursor *c, const void *ctx)
{
	(void)ctx;
	return adm_users(r->db, c);
}

static int user_row(struct req *r, struct cursor *c)
{
	struct buf *b = &r->body;
	struct user_src u;

	if (!cursor_next_user(c, &u))
		return 0;
	html_fmt(b, "<tr><td><a href=\"/admin/users/%l\">%s</a></td><td>%s</td><td>%s</td><td>%r</td><td>",
		 u.id, u.email, u.name, role_label(u.role),
		 u.disabled ? "<strong class=\"tag\">Disabled</strong>" : "Can sign in");
	date_put_short(b, u.created);
	buf_puts(b, "</td></tr>\n");
	return 1;
}

int page_admin_users(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Accounts", NULL } };
	static const char *const cols[] = { "E-mail address", "Name", "Role", "Status", "Created", NULL };
	static const struct list_page list = {
		SEC_ADMIN, crumbs, 2, "Back-office accounts",
		"<p>Clerks author and publish the record. Admins can also manage accounts and the site's settings, "
		"and read the audit log.</p>\n<p><a class=\"button\" href=\"/admin/users/new\">Add an account</a></p>\n",
		{ "admin-users", "All accounts, by e-mail address", cols, "Accounts", 0, 0, 0 },
		"There are no accounts yet.", users_open, user_row, NULL, NULL,
	};

	return admin_list_page(r, ROLE_ADMIN, &list);
}

/* An account form as typed (never the password). */
struct user_form {
	const char *email, *name, *role;
	int disabled;
};

#define STR_(x) #x
#define STR(x) STR_(x)

int admin_check_password(struct form_errors *fe, const char *pw, const char *again, int required)
{
	size_t n;

	if (is_empty(pw) && is_empty(again) && !required)
		return 0;
	if (is_empty(pw)) {
		ferr_add(fe, "password", "Enter a password");
		return 0;
	}
	n = text_chars(pw);
	if (n < AUTH_PASSWORD_MIN) {
		ferr_add(fe, "password", "The password must be at least " STR(AUTH_PASSWORD_MIN) " characters long");
		return 0;
	}
	if (n > AUTH_PASSWORD_MAX) {
		ferr_add(fe, "password", "The password must be at most " STR(AUTH_PASSWORD_MAX) " characters long");
		return 0;
	}
	if (is_empty(again))
		ferr_add(fe, "password_confirm", "Enter the password again, to confirm it");
	else if (strcmp(pw, again) != 0)
		ferr_add(fe, "password_confirm", "The two passwords are not the same: type them again");
	return 1;
}

static void password_fields(struct buf *b, const struct form_errors *fe, int is_new)
{
	field_input_ac(b, "password", "password", is_new ? "Password" : "New password (optional)", NULL,
		       is_new ? "At least " STR(AUTH_PASSWORD_MIN) " characters. Give it to the person by a safe route, not with the address" :
		       "Leave empty to keep the password. A new password signs the person out everywhere",
		       fe, is_new, "new-password");
	field_input_ac(b, "password", "password_confirm", is_new ? "Password again" : "New password again", NULL,
		       NULL, fe, is_new, "new-password");
}

static void new_user_page(struct req *r, const struct user_form *v, const struct form_errors *fe)
{
	struct crumb crumbs[] = { admin_crumb, users_crumb, { "Add an account", NULL } };
	struct buf *b = &r->body;

	form_page_begin(r, crumbs, 3, "Add an account", "/admin/users/new", fe);
	field_input_ac(b, "email", "email", "E-mail address", shown(r, v->email, 0),
		       "The person signs in with it", fe, 1, "off");
	field_input(b, "text", "name", "Name (optional)", shown(r, v->name, 0), "Shown in the back office", fe, 0);
	field_select(b, "role", "Role", role_values, role_labels, NROLES, v->role ? v->role : "clerk",
		     "Clerks author and publish the record; admins can also manage accounts and settings", fe);
	password_fields(b, fe, 1);
	form_page_end(r, "Add the account");
}

int page_admin_user_new(struct req *r)
{
	struct session_row s;
	struct user_form v = { 0 };
	int rc = auth_page(r, &s, ROLE_ADMIN);

	if (rc)
		return rc;
	new_user_page(r, &v, NULL);
	return 200;
}

/* What both account forms check after their own fields: the name, by the
 * model's rule, and the role. */
static void check_name_role(struct req *r, const struct user_form *v, struct form_errors *fe)
{
	char msg[MODEL_MSG];

	if (model_check_field(model_field(&model[M_user], "name"), v->name, msg, sizeof(msg)))
		ferr_add(fe, "name", req_strdup(r, msg));
	if (!in_list(v->role, role_values, NROLES))
		ferr_add(fe, "role", "Choose the role from the list");
}

/* The password typed, checked (required for a new account) and, when the
 * form has no errors and one is to be set, hashed into hash: 0 (*set: one
 * is to be set), or 500. */
static int new_password(struct req *r, struct apost *p, int required, char hash[128], int *set)
{
	const char *pw = form_get(&p->f, "password");

	*set = admin_check_password(&p->fe, pw, form_get(&p->f, "password_confirm"), required);
	if (p->fe.n == 0 && *set && auth_hash_password(pw, hash) < 0)
		return admin_refuse(r, 500, "The password could not be protected (the server is short of memory). Try again.");
	return 0;
}

static int user_new(struct req *r, struct apost *p, const void *ctx)
{
	struct form_errors *fe = &p->fe;
	struct user_form v = { field_trim(r, &p->f, "email"), field_trim(r, &p->f, "name"), form_get(&p->f, "role"), 0 };
	struct user_row existing;
	char hash[128];
	int64_t id;
	int rc, set;

	(void)ctx;
	if (is_empty(v.email))
		ferr_add(fe, "email", "Enter the e-mail address the person will sign in with");
	else if (!text_ok(v.email, EMAIL_MAX_CHARS, 0) || !email_ok(v.email))
		ferr_add(fe, "email", "Enter an e-mail address like name@example.org");
	else if ((rc = db_user_by_email(r->db, v.email, &existing)) < 0)
		return 500;
	else if (rc)
		ferr_add(fe, "email", "There is already an account with this e-mail address");
	check_name_role(r, &v, fe);
	if ((rc = new_password(r, p, 1, hash, &set)) != 0)
		return rc;
	if (fe->n == 0) {
		id = adm_user_create(r->db, p->s.user_id, v.email, opt(v.name), v.role, hash);
		if (id >= 0 || !strstr(r->db->err, "already exists"))
			return admin_saved(r, id, "The account could not be saved.", "/admin/users/%lld", id, 0);
		/* Taken since the check above. */
		ferr_add(fe, "email", "There is already an account with this e-mail address");
	}
	new_user_page(r, &v, fe);
	return 400;
}

int post_admin_user_new(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, user_new, NULL);
}

static void user_page(struct req *r, const struct user_src *u, int self, const struct user_form *v,
		      const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct crumb crumbs[3] = { admin_crumb, users_crumb, { u->email, NULL } };
	struct buf title = BUF_INIT;

	buf_printf(&title, "%s%s", fe && fe->n ? "Error: " : "", u->email);
	page_begin(r, SEC_ADMIN, title.data, crumbs, 3);
	buf_release(&title);
	ferr_summary(b, fe);
	html_fmt(b, "<h1><span class=\"caption\">Account</span> %s</h1>\n<dl class=\"summary\">\n"
		 "<dt>Role</dt><dd>%s</dd>\n<dt>Status</dt><dd>%r</dd>\n<dt>Created</dt><dd>",
		 u->email, role_label(u->role), u->disabled ? "Disabled: cannot sign in" : "Can sign in");
	date_put_short(b, u->created);
	buf_puts(b, "</dd>\n</dl>\n");
	if (self)
		buf_puts(b, "<p>This is your own account: you cannot remove your admin role or disable it. "
			    "Another admin can.</p>\n");
	html_fmt(b, "<form method=\"post\" action=\"/admin/users/%l\" novalidate>\n", u->id);
	field_csrf(r);
	field_input(b, "text", "name", "Name (optional)", shown(r, v->name, 0), "Shown in the back office", fe, 0);
	field_select(b, "role", "Role", role_values, role_labels, NROLES, v->role,
		     "Clerks author and publish the record; admins can also manage accounts and settings", fe);
	field_checkbox(b, "disabled", "Disabled: the person cannot sign in", v->disabled,
		       "Disabling an account signs the person out at once. Nothing they did is removed", fe);
	password_fields(b, fe, 0);
	form_page_end(r, "Save");
}

/* Load account r->id[0] (strings copied: page_begin reuses statements). */
static int load_user(struct req *r, struct user_src *u)
{
	int rc = adm_user(r->db, r->id[0], u);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	u->email = req_strdup(r, u->email);
	u->name = u->name ? req_strdup(r, u->name) : NULL;
	u->role = req_strdup(r, u->role);
	u->created = req_strdup(r, u->created);
	return 0;
}

int page_admin_user(struct req *r)
{
	struct session_row s;
	struct user_src u;
	struct user_form v;
	int rc = auth_page(r, &s, ROLE_ADMIN);

	if (rc || (rc = load_user(r, &u)) != 0)
		return rc;
	v = (struct user_form){ u.email, u.name, u.role, u.disabled };
	user_page(r, &u, u.id == s.user_id, &v, NULL);
	return 200;
}

static int user_edit(struct req *r, struct apost *p, const void *ctx)
{
	struct form_errors *fe = &p->fe;
	struct user_src u;
	struct user_form v;
	struct user_edit e;
	char hash[128];
	int rc, self, set;

	(void)ctx;
	if ((rc = load_user(r, &u)) != 0)
		return rc;
	self = u.id == p->s.user_id;
	v = (struct user_form){ u.email, field_trim(r, &p->f, "name"), form_get(&p->f, "role"),
				checkbox_value(&p->f, "disabled") };
	check_name_role(r, &v, fe);
	if (!ferr_for(fe, "role") && self && strcmp(v.role, "admin") != 0)
		ferr_add(fe, "role", "You cannot remove your own admin role: another admin must do it");
	if (v.disabled < 0)
		ferr_add(fe, "disabled", "Tick the box to disable the account, or leave it empty");
	else if (self && v.disabled)
		ferr_add(fe, "disabled", "You cannot disable your own account: another admin must do it");
	if ((rc = new_password(r, p, 0, hash, &set)) != 0)
		return rc;
	if (fe->n == 0) {
		e = (struct user_edit){ opt(v.name), v.role, v.disabled, set ? hash : NULL };
		rc = adm_user_update(r->db, p->s.user_id, u.id, &e, self ? p->s.id : 0);
		if (rc <= 0)
			return admin_saved(r, rc, "The account could not be saved.", "/admin/users/%lld", u.id, 0);
		ferr_add(fe, strcmp(v.role, "admin") != 0 ? "role" : "disabled",
			 "This is the only admin account that can sign in: make another account an admin first");
	}
	if (v.disabled < 0)
		v.disabled = 1;
	user_page(r, &u, self, &v, fe);
	return 400;
}

int post_admin_user(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, user_edit, NULL);
}

/* --- the body's settings ---------------------------------------------------- */

/* The settings form as typed (or as stored). */
struct settings_form {
	const char *name, *short_name, *colour_primary, *colour_accent;
	const char *email, *phone, *address, *website, *region, *clear_days;
	const char *license, *license_url;  /* one of licence_values; the other licence's address */
	int logo_remove;
};

static void settings_page(struct req *r, int has_logo, const struct settings_form *v, const char *logo_name,
			  const struct form_errors *fe)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Site settings", NULL } };
	struct buf *b = &r->body;
	struct buf hint = BUF_INIT;

	page_begin(r, SEC_ADMIN, fe && fe->n ? "Error: Site settings" : "Site settings", crumbs, 2);
	ferr_summary(b, fe);
	buf_puts(b, "<h1>Site settings</h1>\n<p>How the public site names and presents the body, and the notice "
		    "its meetings must be given. Changes show on the public site at once.</p>\n"
		    "<form method=\"post\" action=\"/admin/settings\" enctype=\"multipart/form-data\" novalidate>\n");
	field_csrf(r);
	buf_puts(b, "<h2>Name and appearance</h2>\n");
	field_input(b, "text", "name", "Name", shown(r, v->name, 0), "For example, Worcestershire County Council", fe, 1);
	field_input(b, "text", "short_name", "Short name (optional)", shown(r, v->short_name, 0), "For example, Worcestershire", fe, 0);
	field_input(b, "text", "colour_primary", "Main colour", shown(r, v->colour_primary, 0),
		    "Of the header, as a hex colour like #1d4f73. White text must be easy to read on it", fe, 1);
	field_input(b, "text", "colour_accent", "Accent colour", shown(r, v->colour_accent, 0),
		    "As a hex colour like #ffdd00", fe, 1);
	buf_puts(b, has_logo ? "<p>A logo is set: it is shown in the header of every page.</p>\n" :
		    "<p>No logo is set.</p>\n");
	buf_puts(&hint, "An SVG image of at most 64 KB, without scripts or links");
	if (logo_name && *logo_name)
		buf_printf(&hint, ". Choose %s again: a file is not kept when the form has a problem", logo_name);
	{
		const char *err = ferr_for(fe, "logo");

		field_head(b, "logo", has_logo ? "A new logo (optional)" : "Logo (optional)", hint.data, err, 1);
		buf_puts(b, "<input type=\"file\" id=\"f-logo\" name=\"logo\" accept=\".svg,image/svg+xml\"");
		field_tail(b, "logo", hint.data, err);
		buf_puts(b, ">\n</div>\n");
	}
	buf_release(&hint);
	if (has_logo || v->logo_remove || ferr_for(fe, "logo_remove"))
		field_checkbox(b, "logo_remove", "Remove the logo", v->logo_remove, NULL, fe);
	buf_puts(b, "<h2>Contact details</h2>\n<p>Shown at the foot of every page.</p>\n");
	field_input(b, "text", "email", "E-mail address (optional)", shown(r, v->email, 0),
		    "Of Democratic Services, for example democracy@example.gov.uk", fe, 0);
	field_input(b, "text", "phone", "Telephone (optional)", shown(r, v->phone, 0), NULL, fe, 0);
	field_input(b, "text", "address", "Address (optional)", shown(r, v->address, 0),
		    "On one line, for example County Hall, Spetchley Road, Worcester WR5 2NP", fe, 0);
	field_input(b, "text", "website", "Website (optional)", shown(r, v->website, 0),
		    "The body's own site, starting with https://", fe, 0);
	buf_puts(b, "<h2>Notice of meetings</h2>\n");
	field_select(b, "region", "Where the body is", region_values, region_labels, NREGIONS, v->region,
		     "The law on notice of meetings depends on it", fe);
	field_input(b, "text", "clear_days", "Clear days of notice", shown(r, v->clear_days, 0),
		    "The working days an agenda must be published before the meeting, not counting the day of "
		    "publication or of the meeting: 5 in England, 3 for many Welsh bodies. A whole number from 0 to 30", fe, 1);
	buf_puts(b, "<h2>Licence of the published record</h2>\n<p>The terms on which anyone may re-use the "
		    "record this site publishes. It is stated at the foot of every page and in the open data, the "
		    "OParl API and the feeds. A record copied from another system keeps that system's licence.</p>\n");
	field_select(b, "license", "Licence", licence_values, licence_labels, NLICENCES, v->license,
		     "UK public bodies usually publish under the Open Government Licence", fe);
	field_input(b, "url", "license_url", "Address of the other licence (optional)", shown(r, v->license_url, 0),
		    "Only with ‘Another licence’: its web address, starting with https://", fe, 0);
	form_page_end(r, "Save the settings");
}

/* The stored settings as form values (strings copied: page_begin reuses statements). */
static int settings_stored(struct req *r, struct settings_form *v, int *has_logo)
{
	struct body_row body;
	char days[16];
	int rc = pub_body(r->db, &body);

	memset(v, 0, sizeof(*v));
	*has_logo = 0;
	if (rc < 0)
		return -1;
	if (rc == 0) {
		/* No body yet: the defaults of the schema. */
		v->colour_primary = "#1d4f73";
		v->colour_accent = "#ffdd00";
		v->region = "england";
		snprintf(days, sizeof(days), "%d", NOTICE_CLEAR_DAYS_ENGLAND);
		v->clear_days = req_strdup(r, days);
		v->license = "default";
		return 0;
	}
#define COPY(f, src) v->f = (src) ? req_strdup(r, (src)) : NULL
	COPY(name, body.name);
	COPY(short_name, body.short_name);
	COPY(colour_primary, body.colour_primary);
	COPY(colour_accent, body.colour_accent);
	COPY(email, body.email);
	COPY(phone, body.phone);
	COPY(address, body.address);
	COPY(website, body.website);
	COPY(region, body.region);
#undef COPY
	snprintf(days, sizeof(days), "%d", body.notice_clear_days);
	v->clear_days = req_strdup(r, days);
	*has_logo = body.logo_svg != NULL;
	{
		const char *license;

		if (adm_settings_license(r->db, &license) < 0)
			return -1;
		v->license = "default";
		if (license) {
			v->license = "other";
			for (int i = 0; i < NLICENCES; i++)
				if (licence_urls[i] && strcmp(licence_urls[i], license) == 0)
					v->license = licence_values[i];
			if (strcmp(v->license, "other") == 0)
				v->license_url = req_strdup(r, license);
		}
	}
	return 0;
}

int page_admin_settings(struct req *r)
{
	struct session_row s;
	struct settings_form v;
	int has_logo, rc = auth_page(r, &s, ROLE_ADMIN);

	if (rc)
		return rc;
	if (settings_stored(r, &v, &has_logo) < 0)
		return 500;
	settings_page(r, has_logo, &v, NULL, NULL);
	return 200;
}

/* The clear days: a whole number 0..CLEAR_DAYS_MAX, or -1. */
static int clear_days_of(const char *s)
{
	int n = 0;

	if (is_empty(s) || strlen(s) > 2)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n <= CLEAR_DAYS_MAX ? n : -1;
}

/* Check the uploaded logo, if any: sets *svg to a NUL-terminated copy. */
static void check_logo(struct req *r, const struct form *f, const char **svg, struct form_errors *fe)
{
	const struct form_file *file = form_file(f, "logo");
	const char *why = NULL;
	char *copy;

	*svg = NULL;
	if (!file || (is_empty(file->filename) && file->len == 0))
		return;                 /* the file input was left empty */
	if (file->len == 0) {
		ferr_add(fe, "logo", "The logo file is empty");
		return;
	}
	if (!svg_logo_valid(file->data, file->len, &why)) {
		struct buf m = BUF_INIT;

		/* why is a sentence in lower case: "the logo is larger than 64 KiB". */
		buf_printf(&m, "The logo cannot be used: %s. Choose an SVG image without scripts or links", why);
		ferr_add(fe, "logo", req_strdup(r, m.data));
		buf_release(&m);
		return;
	}
	if (!(copy = req_alloc(r, file->len + 1)))
		return;
	memcpy(copy, file->data, file->len);
	copy[file->len] = '\0';
	*svg = copy;
}

static int settings_save(struct req *r, struct apost *p, const void *ctx)
{
	const struct form *f = &p->f;
	struct form_errors *fe = &p->fe;
	struct settings_form v = { 0 };
	struct settings_edit e = { 0 };
	struct body_row body;
	const struct form_file *file;
	const char *svg = NULL, *license = NULL;
	int days, has_logo;

	(void)ctx;
	v.name = field_trim(r, f, "name");
	v.short_name = field_trim(r, f, "short_name");
	v.colour_primary = field_trim(r, f, "colour_primary");
	v.colour_accent = field_trim(r, f, "colour_accent");
	v.email = field_trim(r, f, "email");
	v.phone = field_trim(r, f, "phone");
	v.address = field_trim(r, f, "address");
	v.website = field_trim(r, f, "website");
	v.region = form_get(f, "region");
	v.clear_days = field_trim(r, f, "clear_days");
	v.license = form_get(f, "license");
	v.license_url = field_trim(r, f, "license_url");
	v.logo_remove = checkbox_value(f, "logo_remove");

	check_line(fe, "name", v.name, NAME_MAX_CHARS, 1, "Enter the body's name",
		   "The name must be at most 200 characters of text on one line");
	check_line(fe, "short_name", v.short_name, SHORT_MAX_CHARS, 0, NULL,
		   "The short name must be at most 60 characters of text on one line");
	if (!colour_valid(v.colour_primary))
		ferr_add(fe, "colour_primary", "Enter the main colour as a hex colour like #1d4f73");
	if (!colour_valid(v.colour_accent))
		ferr_add(fe, "colour_accent", "Enter the accent colour as a hex colour like #ffdd00");
	check_logo(r, f, &svg, fe);
	if (v.logo_remove < 0)
		ferr_add(fe, "logo_remove", "Tick the box to remove the logo, or leave it empty");
	else if (v.logo_remove && (svg || ferr_for(fe, "logo")))
		ferr_add(fe, "logo_remove", "Either choose a new logo or remove the logo, not both");
	if (!is_empty(v.email) && (!text_ok(v.email, NAME_MAX_CHARS, 0) || !email_ok(v.email)))
		ferr_add(fe, "email", "Enter an e-mail address like democracy@example.gov.uk, or leave it empty");
	check_line(fe, "phone", v.phone, SHORT_MAX_CHARS, 0, NULL,
		   "The telephone number must be at most 60 characters of text on one line");
	check_line(fe, "address", v.address, LONG_MAX_CHARS, 0, NULL,
		   "The address must be at most 400 characters of text on one line");
	if (!is_empty(v.website) && (!text_ok(v.website, LONG_MAX_CHARS, 0) || !website_ok(v.website)))
		ferr_add(fe, "website", "Enter the website's address starting with https://, or leave it empty");
	if (!in_list(v.region, region_values, NREGIONS))
		ferr_add(fe, "region", "Choose where the body is from the list");
	if ((days = clear_days_of(v.clear_days)) < 0)
		ferr_add(fe, "clear_days", "Enter the clear days as a whole number from 0 to 30");
	/* The address is read only with "Another licence" (it may still hold
	 * the one chosen before).  A form without the field (a script's)
	 * leaves the licence as it is. */
	if (!v.license)
		;
	else if (!in_list(v.license, licence_values, NLICENCES))
		ferr_add(fe, "license", "Choose the licence from the list");
	else if (strcmp(v.license, "other") == 0 && is_empty(v.license_url))
		ferr_add(fe, "license_url", "Enter the address of the licence, starting with https://");
	else if (strcmp(v.license, "other") == 0 && !licence_url_valid(v.license_url))
		ferr_add(fe, "license_url", "Enter the licence's address starting with https://, without spaces "
			 "or quotes, in at most 500 characters");
	for (int i = 0; v.license && !ferr_for(fe, "license") && i < NLICENCES; i++)
		if (strcmp(v.license, licence_values[i]) == 0)
			license = strcmp(v.license, "other") == 0 ? v.license_url : licence_urls[i];
	if (fe->n) {
		if (v.logo_remove < 0)
			v.logo_remove = 1;
		has_logo = pub_body(r->db, &body) == 1 && body.logo_svg;
		file = form_file(f, "logo");
		settings_page(r, has_logo, &v, file && !is_empty(file->filename) ? shown(r, file->filename, 0) : NULL, fe);
		return 400;
	}
	e = (struct settings_edit){ v.name, opt(v.short_name), v.colour_primary, v.colour_accent,
				    opt(v.email), opt(v.phone), opt(v.address), opt(v.website),
				    v.region, days, svg, v.logo_remove, license, !v.license };
	return admin_saved(r, adm_settings_save(r->db, p->s.user_id, &e), "The settings could not be saved.",
			   "/admin/settings", 0, 0);
}

int post_admin_settings(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, settings_save, NULL);
}
