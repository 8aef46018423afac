/* directory.c: the back office for the directory the record refers to:
 * committees (with their memberships), people and venues.  Lists, create
 * and edit forms; members are added and ended on the committee's page.
 * Nothing is deleted: ending a membership gives it an end date, and the
 * public pages then stop listing the person as a current member. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/db.h"
#include "db/public.h"
#include "util/date.h"
#include "util/utf8.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

#define NAME_MAX_CHARS 200      /* names and other one-line fields */
#define TEXT_MAX_CHARS 10000    /* Markdown and other free text */
#define CHOICES_MAX 1000        /* entries of a <select> built from the record */

static const struct crumb admin_crumb = { "Back office", "/admin" };
static const struct crumb committees_crumb = { "Committees", "/admin/committees" };
static const struct crumb people_crumb = { "People", "/admin/people" };
static const struct crumb venues_crumb = { "Venues", "/admin/locations" };

static const char *const kind_values[] = { "council", "cabinet", "committee", "sub_committee", "panel",
					    "board", "working_group", "outside_body" };
static const char *const kind_labels[] = { "Council", "Cabinet", "Committee", "Sub-committee", "Panel",
					    "Board", "Working group", "Outside body" };
#define NKINDS ((int)(sizeof(kind_values) / sizeof(kind_values[0])))

static const char *const role_values[] = { "chair", "vice_chair", "member", "co_opted", "substitute",
					    "independent", "officer" };
#define NROLES ((int)(sizeof(role_values) / sizeof(role_values[0])))

void admin_directory_links(struct req *r)
{
	buf_puts(&r->body, "<nav aria-label=\"Committees, people and venues\">\n<ul>\n"
		 "<li><a href=\"/admin/committees\">Committees and their members</a></li>\n"
		 "<li><a href=\"/admin/people\">People</a></li>\n"
		 "<li><a href=\"/admin/locations\">Venues</a></li>\n"
		 "</ul>\n</nav>\n");
}

/* --- checks at the edge ------------------------------------------------- */









static int is_date(const char *s)
{
	struct civil c;

	return s && strlen(s) == 10 && civil_parse(s, &c) == 0;
}

/* The input type for a date field: "date", or "text" to show a typed
 * value that is not a date (a date input would drop it). */
static const char *date_type(const char *v)
{
	return is_empty(v) || is_date(v) ? "date" : "text";
}




/* Check a one-line field (required or not) and a date. */
static void check_line(struct form_errors *fe, const char *field, const char *v, int required,
		       const char *missing, const char *bad)
{
	if (required && is_empty(v))
		ferr_add(fe, field, missing);
	else if (!text_ok(v, NAME_MAX_CHARS, 0))
		ferr_add(fe, field, bad);
}

static void check_date(struct form_errors *fe, const char *field, const char *v, const char *bad)
{
	if (!is_empty(v) && !is_date(v))
		ferr_add(fe, field, bad);
}

static const char *id_text(struct req *r, int64_t id)
{
	char t[24];

	if (!id)
		return "";
	snprintf(t, sizeof(t), "%lld", (long long)id);
	return req_strdup(r, t);
}

/* Parse and check a POST: the form, then session, role and CSRF token. */
static int dir_post(struct req *r, struct form *f, struct session_row *s)
{
	int rc;

	if ((rc = admin_form(r, f)) != 0)
		return rc;
	return auth_post(r, s, ROLE_CLERK, form_get(f, "csrf"));
}

static const char *kind_label(const char *kind)
{
	for (int i = 0; i < NKINDS; i++)
		if (kind && strcmp(kind, kind_values[i]) == 0)
			return kind_labels[i];
	return "Other";
}

/* --- committees --------------------------------------------------------- */

int page_admin_committees(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Committees", NULL } };
	struct session_row s;
	struct buf *b = &r->body;
	struct cursor c;
	struct org_src o;
	int rc = auth_page(r, &s, ROLE_CLERK), n = 0;

	if (rc)
		return rc;
	page_begin(r, SEC_ADMIN, "Committees", crumbs, 2);
	buf_puts(b, "<h1>Committees</h1>\n<p><a class=\"button\" href=\"/admin/committees/new\">Create a committee</a></p>\n");
	if (adm_committees(r->db, &c) < 0)
		return 500;
	while (cursor_next_committee(&c, &o)) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"admin-committees\">\n<caption class=\"visually-hidden\">All committees, by name</caption>\n"
				    "<thead><tr><th scope=\"col\">Committee</th><th scope=\"col\">Kind</th>"
				    "<th scope=\"col\">Current members</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td><a href=\"/admin/committees/%l\">%s</a></td><td>%s</td><td>%l</td></tr>\n",
			 o.id, o.e.name, kind_label(o.e.kind), o.member_count);
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</tbody>\n</table>\n" : "<p>There are no committees yet.</p>\n");
	page_end(r);
	return 200;
}

/* The committee form as typed (or as stored). */
struct org_form {
	const char *name, *short_name, *kind, *purpose, *parent_id, *start_date, *end_date;
};

static void org_form_read(struct req *r, const struct form *f, struct org_form *v)
{
	v->name = field_trim(r, f, "name");
	v->short_name = field_trim(r, f, "short_name");
	v->kind = form_get(f, "kind");
	v->purpose = form_get(f, "purpose");
	v->parent_id = form_get(f, "parent_id");
	v->start_date = field_trim(r, f, "start_date");
	v->end_date = field_trim(r, f, "end_date");
}

static void org_fields(struct req *r, int64_t self, const struct org_form *v, const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct cursor c;
	int64_t id;
	const char *name;
	const char **vals = req_alloc(r, sizeof(*vals) * (CHOICES_MAX + 1));
	const char **labs = req_alloc(r, sizeof(*labs) * (CHOICES_MAX + 1));
	int n = 0;

	field_input(b, "text", "name", "Name", shown(r, v->name, 0), "For example, Audit and Governance Committee", fe, 1);
	field_input(b, "text", "short_name", "Short name (optional)", shown(r, v->short_name, 0), "For example, Audit", fe, 0);
	field_select(b, "kind", "Kind", kind_values, kind_labels, NKINDS, v->kind ? v->kind : "committee", NULL, fe);
	field_textarea(b, "purpose", "Purpose (optional)", shown(r, v->purpose, 1),
		       "Markdown. Shown on the committee's public page", fe, 8);
	if (!vals || !labs)
		return;
	vals[n] = "";
	labs[n++] = "None";
	if (adm_orgs(r->db, &c) == 0) {
		while (n <= CHOICES_MAX && cursor_next_choice(&c, &id, &name)) {
			if (id == self)
				continue;
			vals[n] = id_text(r, id);
			labs[n++] = req_strdup(r, name);
		}
		while (cursor_next_choice(&c, &id, &name))
			;
	}
	field_select(b, "parent_id", "Part of (optional)", vals, labs, n, v->parent_id,
		     "The committee this one reports to, for a sub-committee or panel", fe);
	field_input(b, date_type(v->start_date), "start_date", "Established on (optional)", shown(r, v->start_date, 0),
		    "For example, 2021-05-20", fe, 0);
	field_input(b, date_type(v->end_date), "end_date", "Dissolved on (optional)", shown(r, v->end_date, 0),
		    "Leave empty while the committee exists", fe, 0);
}

/* Validate the committee form; fills e when there are no errors. */
static void org_validate(struct req *r, int64_t self, const struct org_form *v, struct org_edit *e,
			 struct form_errors *fe)
{
	memset(e, 0, sizeof(*e));
	check_line(fe, "name", v->name, 1, "Enter the committee's name",
		   "The name must be at most 200 characters of text on one line");
	check_line(fe, "short_name", v->short_name, 0, NULL,
		   "The short name must be at most 200 characters of text on one line");
	if (!in_list(v->kind, kind_values, NKINDS))
		ferr_add(fe, "kind", "Choose the kind of committee from the list");
	if (!text_ok(v->purpose, TEXT_MAX_CHARS, 1))
		ferr_add(fe, "purpose", "The purpose must be at most 10,000 characters of text");
	e->parent_id = parse_id(v->parent_id);
	if (e->parent_id < 0 || (e->parent_id > 0 && adm_committee_parent_ok(r->db, self, e->parent_id) <= 0))
		ferr_add(fe, "parent_id", e->parent_id == self ? "A committee cannot be part of itself" :
			 "Choose a committee from the list that is not part of this one");
	check_date(fe, "start_date", v->start_date, "Enter the date as YYYY-MM-DD, for example 2021-05-20");
	check_date(fe, "end_date", v->end_date, "Enter the date as YYYY-MM-DD, or leave it empty");
	if (is_date(v->start_date) && is_date(v->end_date) && strcmp(v->end_date, v->start_date) < 0)
		ferr_add(fe, "end_date", "The committee cannot be dissolved before it was established");
	if (fe->n)
		return;
	e->name = v->name;
	e->short_name = opt(v->short_name);
	e->kind = v->kind;
	e->purpose_md = opt(v->purpose);
	e->start_date = opt(v->start_date);
	e->end_date = opt(v->end_date);
}

static void new_org_page(struct req *r, const struct org_form *v, const struct form_errors *fe)
{
	struct crumb crumbs[] = { admin_crumb, committees_crumb, { "Create a committee", NULL } };

	form_page_begin(r, crumbs, 3, "Create a committee", "/admin/committees/new", fe);
	org_fields(r, 0, v, fe);
	form_page_end(r, "Create the committee");
}

int page_admin_committee_new(struct req *r)
{
	struct session_row s;
	struct org_form v = { 0 };
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	new_org_page(r, &v, NULL);
	return 200;
}

int post_admin_committee_new(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct org_form v;
	struct org_edit e;
	int64_t id;
	int rc;

	if ((rc = dir_post(r, &f, &s)) != 0)
		goto out;
	org_form_read(r, &f, &v);
	org_validate(r, 0, &v, &e, &fe);
	if (fe.n) {
		new_org_page(r, &v, &fe);
		rc = 400;
		goto out;
	}
	if ((id = adm_committee_save(r->db, s.user_id, 0, &e)) < 0) {
		r->errmsg = "The committee could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/committees/%lld", id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

/* The membership form as typed. */
struct member_form {
	const char *person_id, *role, *voting, *start;
};

/* What was typed into one membership's end form. */
struct end_form {
	int64_t membership_id;
	const char *end;
};

/* A membership's first cells: name, role (and whether it votes), start.
 * The class "members" is the public members table's, whose third column
 * gives way on narrow screens. */
static void member_cells(struct buf *b, const struct member_row *m)
{
	html_fmt(b, "<tr><td><a href=\"/admin/people/%l\">%s</a></td><td>%s%s</td><td>", m->person_id,
		 m->person_name, member_role_label(m->role), m->voting ? "" : " (non-voting)");
	if (m->start_date)
		date_put_short(b, m->start_date);
	buf_puts(b, "</td>");
}

/* The end form of one current membership, in its table cell. */
static void end_form(struct req *r, int64_t org_id, const struct member_row *m, const struct end_form *ev,
		     const struct form_errors *fe)
{
	struct buf *b = &r->body;
	char field[40];
	const char *err, *val = ev && ev->membership_id == m->id ? ev->end : NULL;

	snprintf(field, sizeof(field), "end-%lld", (long long)m->id);
	err = ferr_for(fe, field);
	html_fmt(b, "<form method=\"post\" action=\"/admin/committees/%l/members/%l/end\" class=\"inline-form\">\n",
		 org_id, m->id);
	field_csrf(r);
	html_fmt(b, "<label for=\"f-%s\" class=\"visually-hidden\">End date of the membership of %s</label>\n",
		 field, m->person_name);
	if (err)
		html_fmt(b, "<p class=\"error-message\" id=\"f-%s-error\"><span class=\"visually-hidden\">Error:</span> %s</p>\n",
			 field, err);
	val = val ? shown(r, val, 0) : m->end_date ? m->end_date : "";
	html_fmt(b, "<input type=\"%s\" id=\"f-%s\" name=\"end\" value=\"%s\"", date_type(val), field, val);
	if (err)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"f-%s-error\"", field);
	buf_puts(b, ">\n<button type=\"submit\" class=\"button-small\">End the membership</button>\n</form>\n");
}

static void members_section(struct req *r, const struct org_src *o, const struct member_form *mv,
			    const struct end_form *ev, const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct member_row m;
	int current, n = 0, past = 0;
	int64_t id;
	const char *name;
	const char **vals = req_alloc(r, sizeof(*vals) * (CHOICES_MAX + 1));
	const char **labs = req_alloc(r, sizeof(*labs) * (CHOICES_MAX + 1));
	const char *rlabs[NROLES];
	static const char *const yn_vals[] = { "1", "0" };
	static const char *const yn_labs[] = { "Yes", "No" };

	buf_puts(b, "<section aria-labelledby=\"members\">\n<h2 id=\"members\">Members</h2>\n");
	if (adm_committee_members(r->db, o->id, &c) < 0)
		return;
	while (cursor_next_membership(&c, &m, &current)) {
		if (!current) {
			past++;
			continue;
		}
		if (n++ == 0)
			buf_puts(b, "<table class=\"members\">\n<caption>Current members</caption>\n"
				    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
				    "<th scope=\"col\">From</th><th scope=\"col\">End the membership</th></tr></thead>\n<tbody>\n");
		member_cells(b, &m);
		buf_puts(b, "<td>");
		end_form(r, o->id, &m, ev, fe);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, n ? "</tbody>\n</table>\n" : "<p>No current members are recorded.</p>\n");
	if (past && adm_committee_members(r->db, o->id, &c) == 0) {
		buf_puts(b, "<table class=\"members\">\n<caption>Past members</caption>\n"
			    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
			    "<th scope=\"col\">From</th><th scope=\"col\">Until</th></tr></thead>\n<tbody>\n");
		while (cursor_next_membership(&c, &m, &current)) {
			if (current)
				continue;
			member_cells(b, &m);
			buf_puts(b, "<td>");
			date_put_short(b, m.end_date);
			buf_puts(b, "</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}

	buf_puts(b, "<h3>Add a member</h3>\n");
	n = 0;
	if (vals && labs && adm_person_choices(r->db, &c) == 0) {
		while (n < CHOICES_MAX && cursor_next_choice(&c, &id, &name)) {
			vals[n] = id_text(r, id);
			labs[n++] = req_strdup(r, name);
		}
		while (cursor_next_choice(&c, &id, &name))
			;
	}
	if (n == 0) {
		buf_puts(b, "<p>There is nobody to add yet: <a href=\"/admin/people/new\">add a person</a> first.</p>\n</section>\n");
		return;
	}
	for (int i = 0; i < NROLES; i++)
		rlabs[i] = member_role_label(role_values[i]);
	html_fmt(b, "<form method=\"post\" action=\"/admin/committees/%l/members\" novalidate>\n", o->id);
	field_csrf(r);
	field_select(b, "person_id", "Person", vals, labs, n, mv->person_id,
		     "Not listed? Add the person first, under People", fe);
	field_select(b, "role", "Role", role_values, rlabs, NROLES, mv->role ? mv->role : "member", NULL, fe);
	field_select(b, "voting", "Voting member", yn_vals, yn_labs, 2, mv->voting ? mv->voting : "1", NULL, fe);
	field_input(b, date_type(mv->start), "start", "Member from (optional)", shown(r, mv->start, 0),
		    "For example, 2025-05-22", fe, 0);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Add the member</button>\n</form>\n</section>\n");
}

static void org_page(struct req *r, const struct org_src *o, const struct org_form *v,
		     const struct member_form *mv, const struct end_form *ev, const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct crumb crumbs[3] = { admin_crumb, committees_crumb, { o->e.name, NULL } };
	struct buf title = BUF_INIT;
	static const struct member_form no_member;

	buf_printf(&title, "%s%s", fe && fe->n ? "Error: " : "", o->e.name);
	page_begin(r, SEC_ADMIN, title.data, crumbs, 3);
	buf_release(&title);
	ferr_summary(b, fe);
	html_fmt(b, "<h1><span class=\"caption\">%s</span> %s</h1>\n", kind_label(o->e.kind), o->e.name);
	html_fmt(b, "<p><a href=\"/committees/%l\">See the public page</a></p>\n", o->id);
	members_section(r, o, mv ? mv : &no_member, ev, fe);
	html_fmt(b, "<section aria-labelledby=\"details\">\n<h2 id=\"details\">Details</h2>\n"
		 "<form method=\"post\" action=\"/admin/committees/%l\" novalidate>\n", o->id);
	field_csrf(r);
	org_fields(r, o->id, v, fe);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Save the details</button>\n</form>\n</section>\n");
	page_end(r);
}

static void org_form_of(struct req *r, const struct org_src *o, struct org_form *v)
{
	*v = (struct org_form){ o->e.name, o->e.short_name, o->e.kind, o->e.purpose_md,
				id_text(r, o->e.parent_id), o->e.start_date, o->e.end_date };
}

int page_admin_committee(struct req *r)
{
	struct session_row s;
	struct org_src o;
	struct org_form v;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if ((rc = adm_committee(r->db, r->id[0], &o)) <= 0)
		return rc < 0 ? 500 : 404;
	org_form_of(r, &o, &v);
	org_page(r, &o, &v, NULL, NULL, NULL);
	return 200;
}

/* Start a POST on /admin/committees/{id}...: parse, check, load the committee. */
static int org_post(struct req *r, struct form *f, struct session_row *s, struct org_src *o)
{
	int rc;

	if ((rc = dir_post(r, f, s)) != 0)
		return rc;
	if ((rc = adm_committee(r->db, r->id[0], o)) <= 0)
		return rc < 0 ? 500 : 404;
	/* The row's strings live until the statement's next use: keep copies. */
	o->e.name = req_strdup(r, o->e.name);
	o->e.kind = req_strdup(r, o->e.kind);
	o->e.short_name = o->e.short_name ? req_strdup(r, o->e.short_name) : NULL;
	o->e.purpose_md = o->e.purpose_md ? req_strdup(r, o->e.purpose_md) : NULL;
	o->e.start_date = o->e.start_date ? req_strdup(r, o->e.start_date) : NULL;
	o->e.end_date = o->e.end_date ? req_strdup(r, o->e.end_date) : NULL;
	return 0;
}

int post_admin_committee(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct org_src o;
	struct org_form v;
	struct org_edit e;
	int rc;

	if ((rc = org_post(r, &f, &s, &o)) != 0)
		goto out;
	org_form_read(r, &f, &v);
	org_validate(r, o.id, &v, &e, &fe);
	if (fe.n) {
		org_page(r, &o, &v, NULL, NULL, &fe);
		rc = 400;
		goto out;
	}
	if (adm_committee_save(r->db, s.user_id, o.id, &e) < 0) {
		r->errmsg = "The committee could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/committees/%lld", o.id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

int post_admin_committee_member(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct org_src o;
	struct org_form v;
	struct member_form mv;
	struct membership_edit e = { 0 };
	struct person_src p;
	int rc, open;

	if ((rc = org_post(r, &f, &s, &o)) != 0)
		goto out;
	mv = (struct member_form){ form_get(&f, "person_id"), form_get(&f, "role"), form_get(&f, "voting"),
				   field_trim(r, &f, "start") };
	e.organization_id = o.id;
	e.person_id = parse_id(mv.person_id);
	if (e.person_id <= 0 || (rc = adm_person(r->db, e.person_id, &p)) == 0) {
		ferr_add(&fe, "person_id", "Choose a person from the list");
	} else if (rc < 0) {
		rc = 500;
		goto out;
	} else if ((open = adm_membership_open(r->db, o.id, e.person_id)) != 0) {
		struct buf msg = BUF_INIT;
		if (open < 0) {
			rc = 500;
			goto out;
		}
		buf_printf(&msg, "%s is already a member of this committee with no end date: end that membership first",
			   p.e.name);
		ferr_add(&fe, "person_id", req_strdup(r, msg.data ? msg.data : ""));
		buf_release(&msg);
	}
	if (!in_list(mv.role, role_values, NROLES))
		ferr_add(&fe, "role", "Choose a role from the list");
	if (!mv.voting || (strcmp(mv.voting, "1") && strcmp(mv.voting, "0")))
		ferr_add(&fe, "voting", "Say whether the member votes");
	check_date(&fe, "start", mv.start, "Enter the date as YYYY-MM-DD, for example 2025-05-22, or leave it empty");
	if (fe.n) {
		org_form_of(r, &o, &v);
		org_page(r, &o, &v, &mv, NULL, &fe);
		rc = 400;
		goto out;
	}
	e.role = mv.role;
	e.voting = strcmp(mv.voting, "1") == 0;
	e.start_date = opt(mv.start);
	if (adm_membership_add(r->db, s.user_id, &e) < 0) {
		r->errmsg = "The membership could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/committees/%lld#members", o.id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

int post_admin_committee_member_end(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct org_src o;
	struct org_form v;
	struct member_row m;
	struct end_form ev;
	char field[40];
	int rc, current;

	if ((rc = org_post(r, &f, &s, &o)) != 0)
		goto out;
	if ((rc = adm_membership(r->db, o.id, r->id[1], &m, &current)) <= 0) {
		rc = rc < 0 ? 500 : 404;
		goto out;
	}
	if (!current) {
		r->errmsg = "This membership has already ended.";
		rc = 409;
		goto out;
	}
	ev = (struct end_form){ m.id, field_trim(r, &f, "end") };
	snprintf(field, sizeof(field), "end-%lld", (long long)m.id);
	if (!is_date(ev.end))
		ferr_add(&fe, req_strdup(r, field), "Enter the date the membership ends as YYYY-MM-DD, for example 2026-05-21");
	else if (m.start_date && strcmp(ev.end, m.start_date) < 0)
		ferr_add(&fe, req_strdup(r, field), "A membership cannot end before it started");
	if (fe.n) {
		org_form_of(r, &o, &v);
		org_page(r, &o, &v, NULL, &ev, &fe);
		rc = 400;
		goto out;
	}
	if (adm_membership_end(r->db, s.user_id, o.id, m.id, ev.end) < 0) {
		r->errmsg = "The membership could not be ended.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/committees/%lld#members", o.id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

/* --- people --------------------------------------------------------------- */

int page_admin_people(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "People", NULL } };
	struct session_row s;
	struct buf *b = &r->body;
	struct cursor c;
	struct person_src p;
	int rc = auth_page(r, &s, ROLE_CLERK), n = 0;

	if (rc)
		return rc;
	page_begin(r, SEC_ADMIN, "People", crumbs, 2);
	buf_puts(b, "<h1>People</h1>\n<p><a class=\"button\" href=\"/admin/people/new\">Add a person</a></p>\n");
	if (adm_people(r->db, &c) < 0)
		return 500;
	while (cursor_next_person_src(&c, &p)) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"admin-people\">\n<caption class=\"visually-hidden\">Everyone in the record, by family name</caption>\n"
				    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Party</th>"
				    "<th scope=\"col\">Division or nominating body</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td><a href=\"/admin/people/%l\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
			 p.id, p.e.name, p.e.party, p.e.area ? p.e.area : p.e.nominated_by);
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</tbody>\n</table>\n" : "<p>There is nobody in the record yet.</p>\n");
	page_end(r);
	return 200;
}

static void person_form_read(struct req *r, const struct form *f, struct person_edit *v)
{
	v->honorific = field_trim(r, f, "honorific");
	v->given_name = field_trim(r, f, "given_name");
	v->family_name = field_trim(r, f, "family_name");
	v->name = field_trim(r, f, "name");
	v->party = field_trim(r, f, "party");
	v->area = field_trim(r, f, "area");
	v->nominated_by = field_trim(r, f, "nominated_by");
	v->email = field_trim(r, f, "email");
	v->phone = field_trim(r, f, "phone");
	v->bio_md = form_get(f, "bio");
}

static void person_fields(struct req *r, const struct person_edit *v, const struct form_errors *fe)
{
	struct buf *b = &r->body;

	field_input(b, "text", "honorific", "Honorific (optional)", shown(r, v->honorific, 0),
		    "For example, Councillor, Dr or Mrs", fe, 0);
	field_input(b, "text", "given_name", "Given name", shown(r, v->given_name, 0), NULL, fe, 0);
	field_input(b, "text", "family_name", "Family name", shown(r, v->family_name, 0), NULL, fe, 0);
	field_input(b, "text", "name", "Name as shown (optional)", shown(r, v->name, 0),
		    "Leave empty to use the honorific, given name and family name, for example Councillor Jane Smith", fe, 0);
	field_input(b, "text", "party", "Party (optional)", shown(r, v->party, 0), "For example, Independent", fe, 0);
	field_input(b, "text", "area", "Division (optional)", shown(r, v->area, 0),
		    "The ward, division or constituency represented", fe, 0);
	field_input(b, "text", "nominated_by", "Nominated by (optional)", shown(r, v->nominated_by, 0),
		    "For a member of a joint committee or panel: the council or body that nominated them", fe, 0);
	field_input(b, "text", "email", "E-mail address (optional)", shown(r, v->email, 0), "Not shown on the public site", fe, 0);
	field_input(b, "text", "phone", "Telephone (optional)", shown(r, v->phone, 0), "Not shown on the public site", fe, 0);
	field_textarea(b, "bio", "Biography (optional)", shown(r, v->bio_md, 1),
		       "Markdown. Shown on the person's public page", fe, 8);
}

/* Validate the person form; fills e (with the display name) when there are no errors. */
static void person_validate(struct req *r, const struct person_edit *v, struct person_edit *e,
			    struct form_errors *fe)
{
	static const char bad[] = "must be at most 200 characters of text on one line";
	const struct { const char *field, *value, *msg; } lines[] = {
		{ "honorific", v->honorific, "The honorific " },
		{ "given_name", v->given_name, "The given name " },
		{ "family_name", v->family_name, "The family name " },
		{ "name", v->name, "The name as shown " },
		{ "party", v->party, "The party " },
		{ "area", v->area, "The division " },
		{ "nominated_by", v->nominated_by, "The nominating body " },
		{ "phone", v->phone, "The telephone number " },
	};
	struct buf t = BUF_INIT;

	memset(e, 0, sizeof(*e));
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (!text_ok(lines[i].value, NAME_MAX_CHARS, 0)) {
			buf_reset(&t);
			buf_printf(&t, "%s%s", lines[i].msg, bad);
			ferr_add(fe, lines[i].field, req_strdup(r, t.data));
		}
	}
	if (is_empty(v->name) && is_empty(v->given_name) && is_empty(v->family_name))
		ferr_add(fe, "given_name", "Enter the person's given name and family name, or the name as shown");
	if (!is_empty(v->email) && (!text_ok(v->email, NAME_MAX_CHARS, 0) || !email_ok(v->email)))
		ferr_add(fe, "email", "Enter an e-mail address like name@example.org, or leave it empty");
	if (!text_ok(v->bio_md, TEXT_MAX_CHARS, 1))
		ferr_add(fe, "bio", "The biography must be at most 10,000 characters of text");
	if (fe->n == 0 && is_empty(v->name)) {
		/* The display name by default: "Honorific Given Family". */
		const char *parts[] = { v->honorific, v->given_name, v->family_name };
		buf_reset(&t);
		for (int i = 0; i < 3; i++)
			if (!is_empty(parts[i]))
				buf_printf(&t, "%s%s", t.len ? " " : "", parts[i]);
		if (!text_ok(t.data, NAME_MAX_CHARS, 0))
			ferr_add(fe, "name", "Together the names are longer than 200 characters: enter a shorter name as shown");
		e->name = req_strdup(r, t.data ? t.data : "");
	} else {
		e->name = v->name;
	}
	buf_release(&t);
	if (fe->n)
		return;
	e->honorific = opt(v->honorific);
	e->given_name = opt(v->given_name);
	e->family_name = opt(v->family_name);
	e->party = opt(v->party);
	e->area = opt(v->area);
	e->nominated_by = opt(v->nominated_by);
	e->email = opt(v->email);
	e->phone = opt(v->phone);
	e->bio_md = opt(v->bio_md);
}

static void new_person_page(struct req *r, const struct person_edit *v, const struct form_errors *fe)
{
	struct crumb crumbs[] = { admin_crumb, people_crumb, { "Add a person", NULL } };

	form_page_begin(r, crumbs, 3, "Add a person", "/admin/people/new", fe);
	person_fields(r, v, fe);
	form_page_end(r, "Add the person");
}

int page_admin_person_new(struct req *r)
{
	struct session_row s;
	struct person_edit v = { 0 };
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	new_person_page(r, &v, NULL);
	return 200;
}

int post_admin_person_new(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct person_edit v, e;
	int64_t id;
	int rc;

	if ((rc = dir_post(r, &f, &s)) != 0)
		goto out;
	person_form_read(r, &f, &v);
	person_validate(r, &v, &e, &fe);
	if (fe.n) {
		new_person_page(r, &v, &fe);
		rc = 400;
		goto out;
	}
	if ((id = adm_person_save(r->db, s.user_id, 0, &e)) < 0) {
		r->errmsg = "The person could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/people/%lld", id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

static void person_page(struct req *r, int64_t id, const char *name, const struct person_edit *v,
			const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct crumb crumbs[3] = { admin_crumb, people_crumb, { name, NULL } };
	struct buf title = BUF_INIT;
	struct cursor c;
	struct member_row m;
	int current, n = 0;

	buf_printf(&title, "%s%s", fe && fe->n ? "Error: " : "", name);
	page_begin(r, SEC_ADMIN, title.data, crumbs, 3);
	buf_release(&title);
	ferr_summary(b, fe);
	html_fmt(b, "<h1><span class=\"caption\">Person</span> %s</h1>\n"
		 "<p><a href=\"/people/%l\">See the public page</a></p>\n", name, id);
	html_fmt(b, "<form method=\"post\" action=\"/admin/people/%l\" novalidate>\n", id);
	field_csrf(r);
	person_fields(r, v, fe);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Save</button>\n</form>\n");
	buf_puts(b, "<section aria-labelledby=\"memberships\">\n<h2 id=\"memberships\">Committees</h2>\n"
		    "<p>Members are added, and memberships ended, on the committee's page.</p>\n");
	if (adm_person_memberships(r->db, id, &c) == 0) {
		while (cursor_next_membership(&c, &m, &current)) {
			if (n++ == 0)
				buf_puts(b, "<ul>\n");
			html_fmt(b, "<li><a href=\"/admin/committees/%l\">%s</a>: %s%s", m.organization_id,
				 m.organization_name, member_role_label(m.role), m.voting ? "" : " (non-voting)");
			if (!current) {
				buf_puts(b, " <span class=\"meta\">until ");
				date_put_short(b, m.end_date);
				buf_puts(b, "</span>");
			}
			buf_puts(b, "</li>\n");
		}
	}
	buf_puts(b, n ? "</ul>\n</section>\n" : "<p>No memberships are recorded.</p>\n</section>\n");
	page_end(r);
}

int page_admin_person(struct req *r)
{
	struct session_row s;
	struct person_src p;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if ((rc = adm_person(r->db, r->id[0], &p)) <= 0)
		return rc < 0 ? 500 : 404;
	person_page(r, p.id, p.e.name, &p.e, NULL);
	return 200;
}

int post_admin_person(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct person_src p;
	struct person_edit v, e;
	const char *name;
	int rc;

	if ((rc = dir_post(r, &f, &s)) != 0)
		goto out;
	if ((rc = adm_person(r->db, r->id[0], &p)) <= 0) {
		rc = rc < 0 ? 500 : 404;
		goto out;
	}
	name = req_strdup(r, p.e.name);
	person_form_read(r, &f, &v);
	person_validate(r, &v, &e, &fe);
	if (fe.n) {
		person_page(r, p.id, name, &v, &fe);
		rc = 400;
		goto out;
	}
	if (adm_person_save(r->db, s.user_id, p.id, &e) < 0) {
		r->errmsg = "The person could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/people/%lld", p.id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

/* --- venues ----------------------------------------------------------------- */

int page_admin_locations(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Venues", NULL } };
	struct session_row s;
	struct buf *b = &r->body;
	struct cursor c;
	struct venue_src l;
	int rc = auth_page(r, &s, ROLE_CLERK), n = 0;

	if (rc)
		return rc;
	page_begin(r, SEC_ADMIN, "Venues", crumbs, 2);
	buf_puts(b, "<h1>Venues</h1>\n<p><a class=\"button\" href=\"/admin/locations/new\">Add a venue</a></p>\n");
	if (adm_venues(r->db, &c) < 0)
		return 500;
	while (cursor_next_venue(&c, &l)) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"admin-venues\">\n<caption class=\"visually-hidden\">All venues, by name</caption>\n"
				    "<thead><tr><th scope=\"col\">Venue</th><th scope=\"col\">Address</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td><a href=\"/admin/locations/%l\">%s</a></td><td>%s%s%s%s%s</td></tr>\n", l.id, l.e.name,
			 l.e.street_address, l.e.street_address && (l.e.locality || l.e.postcode) ? ", " : "",
			 l.e.locality, l.e.locality && l.e.postcode ? " " : "", l.e.postcode);
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</tbody>\n</table>\n" : "<p>There are no venues yet.</p>\n");
	page_end(r);
	return 200;
}

static void venue_form_read(struct req *r, const struct form *f, struct venue_edit *v)
{
	v->name = field_trim(r, f, "name");
	v->room = field_trim(r, f, "room");
	v->street_address = field_trim(r, f, "street_address");
	v->locality = field_trim(r, f, "locality");
	v->postcode = field_trim(r, f, "postcode");
	v->description = form_get(f, "description");
}

static void venue_fields(struct req *r, const struct venue_edit *v, const struct form_errors *fe)
{
	struct buf *b = &r->body;

	field_input(b, "text", "name", "Name", shown(r, v->name, 0),
		    "As shown on agendas, for example Council Chamber, County Hall", fe, 1);
	field_input(b, "text", "room", "Room (optional)", shown(r, v->room, 0), "For example, Committee Room 1", fe, 0);
	field_input(b, "text", "street_address", "Street address (optional)", shown(r, v->street_address, 0),
		    "For example, County Hall, Spetchley Road", fe, 0);
	field_input(b, "text", "locality", "Town or city (optional)", shown(r, v->locality, 0), NULL, fe, 0);
	field_input(b, "text", "postcode", "Postcode (optional)", shown(r, v->postcode, 0), NULL, fe, 0);
	field_textarea(b, "description", "Access information (optional)", shown(r, v->description, 1),
		       "How to get there and in: step-free access, hearing loops, parking, public seating", fe, 6);
}

static void venue_validate(const struct venue_edit *v, struct venue_edit *e, struct form_errors *fe)
{
	memset(e, 0, sizeof(*e));
	check_line(fe, "name", v->name, 1, "Enter the venue's name",
		   "The name must be at most 200 characters of text on one line");
	check_line(fe, "room", v->room, 0, NULL, "The room must be at most 200 characters of text on one line");
	check_line(fe, "street_address", v->street_address, 0, NULL,
		   "The street address must be at most 200 characters of text on one line");
	check_line(fe, "locality", v->locality, 0, NULL,
		   "The town or city must be at most 200 characters of text on one line");
	check_line(fe, "postcode", v->postcode, 0, NULL, "The postcode must be at most 200 characters of text on one line");
	if (!text_ok(v->description, TEXT_MAX_CHARS, 1))
		ferr_add(fe, "description", "The access information must be at most 10,000 characters of text");
	if (fe->n)
		return;
	*e = (struct venue_edit){ v->name, opt(v->room), opt(v->street_address), opt(v->locality),
				  opt(v->postcode), opt(v->description) };
}

static void new_venue_page(struct req *r, const struct venue_edit *v, const struct form_errors *fe)
{
	struct crumb crumbs[] = { admin_crumb, venues_crumb, { "Add a venue", NULL } };

	form_page_begin(r, crumbs, 3, "Add a venue", "/admin/locations/new", fe);
	venue_fields(r, v, fe);
	form_page_end(r, "Add the venue");
}

int page_admin_location_new(struct req *r)
{
	struct session_row s;
	struct venue_edit v = { 0 };
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	new_venue_page(r, &v, NULL);
	return 200;
}

int post_admin_location_new(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct venue_edit v, e;
	int64_t id;
	int rc;

	if ((rc = dir_post(r, &f, &s)) != 0)
		goto out;
	venue_form_read(r, &f, &v);
	venue_validate(&v, &e, &fe);
	if (fe.n) {
		new_venue_page(r, &v, &fe);
		rc = 400;
		goto out;
	}
	if ((id = adm_venue_save(r->db, s.user_id, 0, &e)) < 0) {
		r->errmsg = "The venue could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/locations/%lld", id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}

static void venue_page(struct req *r, int64_t id, const char *name, const struct venue_edit *v,
		       const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct crumb crumbs[3] = { admin_crumb, venues_crumb, { name, NULL } };
	struct buf title = BUF_INIT;

	buf_printf(&title, "%s%s", fe && fe->n ? "Error: " : "", name);
	page_begin(r, SEC_ADMIN, title.data, crumbs, 3);
	buf_release(&title);
	ferr_summary(b, fe);
	html_fmt(b, "<h1><span class=\"caption\">Venue</span> %s</h1>\n", name);
	html_fmt(b, "<form method=\"post\" action=\"/admin/locations/%l\" novalidate>\n", id);
	field_csrf(r);
	venue_fields(r, v, fe);
	form_page_end(r, "Save");
}

int page_admin_location(struct req *r)
{
	struct session_row s;
	struct venue_src l;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if ((rc = adm_venue(r->db, r->id[0], &l)) <= 0)
		return rc < 0 ? 500 : 404;
	venue_page(r, l.id, l.e.name, &l.e, NULL);
	return 200;
}

int post_admin_location(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct venue_src l;
	struct venue_edit v, e;
	const char *name;
	int rc;

	if ((rc = dir_post(r, &f, &s)) != 0)
		goto out;
	if ((rc = adm_venue(r->db, r->id[0], &l)) <= 0) {
		rc = rc < 0 ? 500 : 404;
		goto out;
	}
	name = req_strdup(r, l.e.name);
	venue_form_read(r, &f, &v);
	venue_validate(&v, &e, &fe);
	if (fe.n) {
		venue_page(r, l.id, name, &v, &fe);
		rc = 400;
		goto out;
	}
	if (adm_venue_save(r->db, s.user_id, l.id, &e) < 0) {
		r->errmsg = "The venue could not be saved.";
		rc = 500;
		goto out;
	}
	see_other(r, "/admin/locations/%lld", l.id, 0);
	rc = 303;
out:
	form_release(&f);
	return rc;
}
