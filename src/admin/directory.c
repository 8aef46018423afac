/* directory.c: the back office for the directory the record refers to:
 * committees (with their memberships), people and venues.  Lists, create
 * and edit forms; members are added and ended on the committee's page.
 * Nothing is deleted: ending a membership gives it an end date, and the
 * public pages then stop listing the person as a current member. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/dir_kind.h"
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
		 "</ul>\n</nav>\n"
		 "<nav aria-label=\"Decisions and the forward plan\">\n<ul>\n"
		 "<li><a href=\"/admin/decisions\">Decisions</a></li>\n"
		 "<li><a href=\"/admin/forward-plan\">Forward plan</a></li>\n"
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




static void check_date(struct form_errors *fe, const char *field, const char *v, const char *bad)
{
	if (!is_empty(v) && !is_date(v))
		ferr_add(fe, field, bad);
}

static const char *kind_label(const char *kind)
{
	for (int i = 0; i < NKINDS; i++)
		if (kind && strcmp(kind, kind_values[i]) == 0)
			return kind_labels[i];
	return "Other";
}

/* --- create and edit pages of one entity, from the model ------------------- */

/* The page of rows of the kind's entity, in its order. */
int dir_model_open(struct req *r, struct cursor *c, const void *list)
{
	const struct dir_list *l = list;

	return model_list_page(r->db, &model[l->kind->ent], l->offset, l->limit, c);
}

/* The list page: "Back office > List", a button to add one, the table,
 * DIR_PER_PAGE rows a page (?page=N). */
int dir_list_page(struct req *r, const struct dir_kind *k)
{
	struct crumb crumbs[2] = { admin_crumb, { k->list.label, NULL } };
	struct session_row s;
	int64_t page = list_page_asked(r, &r->q[0]), total = 0;
	struct dir_list l = { k, (page - 1) * DIR_PER_PAGE, DIR_PER_PAGE };
	struct list_pages pages = { k->path, "Pages of the list", page, DIR_PER_PAGE, 0, list_qs_page, NULL };
	struct list_page p = { SEC_ADMIN, crumbs, 2, k->list.label, NULL, k->table, k->none, k->open, k->row, &l,
			       &pages };
	struct buf intro = BUF_INIT, title = BUF_INIT;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if (!page)
		return 400;
	if (model_count(r->db, &model[k->ent], &total) < 0)
		return 500;
	if (list_page_past_end(r, page, DIR_PER_PAGE, total, "this list"))
		return 404;
	pages.total = total;
	html_fmt(&intro, "<p><a class=\"button\" href=\"%s/new\">%s</a></p>\n", k->path, k->add);
	if (total > DIR_PER_PAGE)
		html_fmt(&intro, "<p class=\"result-count\">%l in all, page %l of %l</p>\n", total, page,
			 (total + DIR_PER_PAGE - 1) / DIR_PER_PAGE);
	p.intro = intro.data;
	if (page > 1) {
		buf_printf(&title, "%s, page %lld", k->list.label, (long long)page);
		p.title = title.data ? title.data : k->list.label;
	}
	rc = list_page(r, &p);
	buf_release(&intro);
	buf_release(&title);
	return rc;
}

/* The create form (row NULL) or the edit page of the stored row. */
static void dir_form_page(struct req *r, const struct dir_kind *k, const void *row, const struct mform *m,
			  const struct form_errors *fe)
{
	const struct mentity *e = &model[k->ent];
	struct buf *b = &r->body, action = BUF_INIT;
	int64_t id = row ? mrow_int(row, model_field(e, "id")) : 0;
	const char *name = row ? mrow_text(row, model_field(e, k->title_col ? k->title_col : "name")) : NULL;
	struct crumb crumbs[3] = { admin_crumb, k->list, { id ? name : k->add, NULL } };

	if (row && k->edit_page) {
		k->edit_page(r, row, m, fe);
		return;
	}
	if (!id) {
		buf_printf(&action, "%s/new", k->path);
		form_page_begin(r, crumbs, 3, k->add, action.data, fe);
		mform_fields(r, m, fe, k->ref, &id);
		form_page_end(r, k->add_button);
		buf_release(&action);
		return;
	}
	buf_printf(&action, "%s%s", fe && fe->n ? "Error: " : "", name);
	page_begin(r, SEC_ADMIN, action.data, crumbs, 3);
	buf_release(&action);
	ferr_summary(b, fe);
	html_fmt(b, "<h1><span class=\"caption\">%s</span> %s</h1>\n", k->caption, name);
	if (k->intro)
		k->intro(r, row);
	if (k->public_path)
		html_fmt(b, "<p><a href=\"%s%l\">See the public page</a></p>\n", k->public_path, id);
	html_fmt(b, "<form method=\"post\" action=\"%s/%l\" novalidate>\n", k->path, id);
	field_csrf(r);
	mform_fields(r, m, fe, k->ref, &id);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Save</button>\n</form>\n");
	if (k->extra)
		k->extra(r, id);
	page_end(r);
}

int dir_new_page(struct req *r, const struct dir_kind *k)
{
	struct session_row s;
	struct mform m;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	mform_init(&m, &model[k->ent]);
	if (k->prefill && (rc = k->prefill(r, &m)) != 0)
		return rc;
	dir_form_page(r, k, NULL, &m, NULL);
	return 200;
}

/* Row r->id[0] into row, its strings copied (they are the statement's
 * until its next use) and its form as stored: 0, 404 or 500. */
static int dir_load(struct req *r, const struct dir_kind *k, void *row, struct mform *m)
{
	const struct mentity *e = &model[k->ent];
	int rc = model_get(r->db, e, r->id[0], row);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	for (int i = 0; i < e->nfields; i++) {
		const struct mfield *f = &e->fields[i];
		if (f->ct == 'S' && mrow_text(row, f))
			*(const char **)((char *)row + f->off) = req_strdup(r, mrow_text(row, f));
	}
	mform_from_row(r, m, e, row);
	return 0;
}

int dir_edit_page(struct req *r, const struct dir_kind *k)
{
	struct session_row s;
	struct mform m;
	void *row = req_alloc(r, model[k->ent].size);
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if (!row)
		return 500;
	if ((rc = dir_load(r, k, row, &m)) != 0)
		return rc;
	dir_form_page(r, k, row, &m, NULL);
	return 200;
}

/* A POST of the create form (edit 0) or the edit form. */
struct dir_post {
	const struct dir_kind *k;
	int edit;
};

static int dir_save_step(struct req *r, struct apost *p, const void *ctx)
{
	const struct dir_post *dp = ctx;
	const struct dir_kind *k = dp->k;
	const struct mentity *e = &model[k->ent];
	struct mform m;
	struct buf to = BUF_INIT;
	void *row = req_alloc(r, e->size);
	int64_t self = dp->edit ? r->id[0] : 0;
	int rc;

	if (!row)
		return 500;
	if (dp->edit && (rc = dir_load(r, k, row, &m)) != 0)
		return rc;
	mform_read(r, &m, e, &p->f);
	if (k->prepare)
		k->prepare(r, &m, &p->fe);
	mform_check(r, &m, &p->fe);
	dir_check_refs(r, &m, &p->fe);
	if (k->check)
		k->check(r, self, &m, &p->fe);
	if (p->fe.n) {
		dir_form_page(r, k, dp->edit ? row : NULL, &m, &p->fe);
		return 400;
	}
	mform_row(&m, row);
	self = model_save(r->db, p->s.user_id, e, self, row);
	buf_printf(&to, "%s/%%lld", k->path);
	rc = admin_saved(r, self, k->not_saved, to.data, self, 0);
	buf_release(&to);
	return rc;
}

int dir_save(struct req *r, const struct dir_kind *k, int edit)
{
	struct dir_post dp = { k, edit };

	return admin_post_run(r, ROLE_CLERK, dir_save_step, &dp);
}

/* --- references: a choice of rows, or an id typed and checked ------------- */

/* References drawn as a <select>: the tables with few rows. */
static int ref_listed(const struct mfield *f)
{
	return strcmp(f->ref, "organization") == 0 || strcmp(f->ref, "person") == 0 ||
	       strcmp(f->ref, "plan_entry") == 0;
}

/* The title (or name) of row id of the referenced table into out: 1, 0
 * (no such row) or -1. */
static int ref_title(struct req *r, const struct mfield *f, int64_t id, const char **out)
{
	const struct mentity *e = model_of_table(f->ref);
	const struct mfield *t = e ? model_field(e, "title") : NULL;
	void *row = e ? req_alloc(r, e->size) : NULL;
	int rc;

	if (!row)
		return -1;
	if (!t)
		t = model_field(e, "name");
	if ((rc = model_get(r->db, e, id, row)) == 1)
		*out = t && mrow_text(row, t) ? req_strdup(r, mrow_text(row, t)) : "";
	return rc;
}

void dir_ref_choice(struct req *r, const struct mfield *f, const char *label, const char *value,
		    const struct form_errors *fe, void *ctx)
{
	const char **vals = req_alloc(r, sizeof(*vals) * (CHOICES_MAX + 1));
	const char **labs = req_alloc(r, sizeof(*labs) * (CHOICES_MAX + 1));
	struct cursor c;
	int n = 1;

	(void)ctx;
	if (!vals || !labs)
		return;
	if (!ref_listed(f)) {
		/* Too many to list: the id, with what it names now. */
		struct buf hint = BUF_INIT;
		const char *title = NULL;
		int64_t id = parse_id(value);
		const struct mentity *e = model_of_table(f->ref);
		if (id > 0 && !ferr_for(fe, model_form_name(f)) && ref_title(r, f, id, &title) == 1)
			buf_printf(&hint, "Now: %s. ", title);
		buf_printf(&hint, "The %s's number (its id, as in its address), or empty for none%s%s",
			   e ? e->noun : "row", f->hint ? ". " : "", f->hint ? f->hint : "");
		field_input(&r->body, "text", model_form_name(f), label, shown(r, value, 0), hint.data, fe, 0);
		buf_release(&hint);
		return;
	}
	vals[0] = "";
	labs[0] = "None";
	if (strcmp(f->ref, "plan_entry") == 0) {
		struct m_plan_entry pe;
		if (model_list(r->db, &model[M_plan_entry], &c) == 0) {
			while (model_next(&c, &model[M_plan_entry], &pe)) {
				struct buf v = BUF_INIT, l = BUF_INIT;
				if (n > CHOICES_MAX)
					continue;
				buf_printf(&v, "%lld", (long long)pe.id);
				buf_printf(&l, "%s%s%s (due %s)", pe.reference ? pe.reference : "", pe.reference ? " " : "",
					   pe.title, pe.decision_due);
				vals[n] = req_strdup(r, v.data);
				labs[n++] = req_strdup(r, l.data);
				buf_release(&v);
				buf_release(&l);
			}
		}
	} else if ((strcmp(f->ref, "person") == 0 ? adm_person_choices(r->db, &c) : adm_orgs(r->db, &c)) == 0) {
		n = admin_choices(r, &c, vals, labs, 1, CHOICES_MAX + 1, 0);
	}
	/* A value no longer offered (a typed id) is kept, to be shown again. */
	if (!is_empty(value) && !in_list(value, vals, n) && n <= CHOICES_MAX) {
		vals[n] = shown(r, value, 0);
		labs[n++] = shown(r, value, 0);
	}
	field_select(&r->body, model_form_name(f), label, vals, labs, n, value ? value : "", f->hint, fe);
}

void dir_check_refs(struct req *r, const struct mform *m, struct form_errors *fe)
{
	const struct mentity *e = m->e;

	for (int i = 0; i < e->nfields && i < MFORM_MAX; i++) {
		const struct mfield *f = &e->fields[i];
		const struct mentity *to;
		const char *name = model_form_name(f), *title;
		struct buf msg = BUF_INIT;
		int64_t id;
		int rc;

		if (f->type != MT_REF || !(f->flags & MF_EDIT) || !f->ref || is_empty(m->v[i]))
			continue;
		to = model_of_table(f->ref);
		if (ferr_for(fe, name)) {
			/* The model says "choose from the list": an id is typed. */
			for (int j = 0; j < fe->n && !ref_listed(f); j++)
				if (strcmp(fe->e[j].field, name) == 0) {
					buf_printf(&msg, "Enter the %s's number (a whole number, its id), or leave it empty",
						   to ? to->noun : "row");
					fe->e[j].msg = req_strdup(r, msg.data ? msg.data : "");
				}
			buf_release(&msg);
			continue;
		}
		id = parse_id(m->v[i]);
		if ((rc = ref_title(r, f, id, &title)) == 1)
			continue;
		if (ref_listed(f))
			buf_printf(&msg, "There is no %s %lld: choose one from the list", to ? to->noun : "row", (long long)id);
		else
			buf_printf(&msg, rc < 0 ? "The %s %lld could not be looked up: try again" :
				   "There is no %s %lld: enter the number of an existing one, or leave it empty",
				   to ? to->noun : "row", (long long)id);
		ferr_add(fe, name, req_strdup(r, msg.data ? msg.data : ""));
		buf_release(&msg);
	}
}

/* --- committees --------------------------------------------------------- */

static int committees_open(struct req *r, struct cursor *c, const void *list)
{
	const struct dir_list *l = list;

	return adm_committees(r->db, l->offset, l->limit, c);
}

static int committee_row(struct req *r, struct cursor *c)
{
	struct org_src o;

	if (!cursor_next_committee(c, &o))
		return 0;
	html_fmt(&r->body, "<tr><td><a href=\"/admin/committees/%l\">%s</a></td><td>%s</td><td>%l</td></tr>\n",
		 o.id, o.e.name, kind_label(o.e.kind), o.member_count);
	return 1;
}

/* The committee's parent: a choice of the other committees. */
static void parent_choice(struct req *r, const struct mfield *f, const char *label, const char *value,
			  const struct form_errors *fe, void *ctx)
{
	struct cursor c;
	const char **vals = req_alloc(r, sizeof(*vals) * (CHOICES_MAX + 1));
	const char **labs = req_alloc(r, sizeof(*labs) * (CHOICES_MAX + 1));
	int n = 1;

	if (!vals || !labs)
		return;
	vals[0] = "";
	labs[0] = "None";
	if (adm_orgs(r->db, &c) == 0)
		n = admin_choices(r, &c, vals, labs, 1, CHOICES_MAX + 1, *(const int64_t *)ctx);
	field_select(&r->body, model_form_name(f), label, vals, labs, n, value, f->hint, fe);
}

/* The committee's parent, once the model's rules are checked. */
static void org_check(struct req *r, int64_t self, const struct mform *v, struct form_errors *fe)
{
	int64_t parent = parse_id(mform_value(v, "parent_id"));

	if (ferr_for(fe, "parent_id"))
		return;
	if (parent < 0 || (parent > 0 && adm_committee_parent_ok(r->db, self, parent) <= 0))
		ferr_add(fe, "parent_id", parent == self ? "A committee cannot be part of itself" :
			 "Choose a committee from the list that is not part of this one");
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

static void members_section(struct req *r, const struct m_organization *o, const struct member_form *mv,
			    const struct end_form *ev, const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct member_row m;
	int current, n = 0, past = 0;
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
	if (vals && labs && adm_person_choices(r->db, &c) == 0)
		n = admin_choices(r, &c, vals, labs, 0, CHOICES_MAX, 0);
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

static void org_page(struct req *r, const struct m_organization *o, const struct mform *v,
		     const struct member_form *mv, const struct end_form *ev, const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct crumb crumbs[3] = { admin_crumb, committees_crumb, { o->name, NULL } };
	struct buf title = BUF_INIT;
	static const struct member_form no_member;
	int64_t self = o->id;

	buf_printf(&title, "%s%s", fe && fe->n ? "Error: " : "", o->name);
	page_begin(r, SEC_ADMIN, title.data, crumbs, 3);
	buf_release(&title);
	ferr_summary(b, fe);
	html_fmt(b, "<h1><span class=\"caption\">%s</span> %s</h1>\n", kind_label(o->kind), o->name);
	html_fmt(b, "<p><a href=\"/committees/%l\">See the public page</a></p>\n", o->id);
	members_section(r, o, mv ? mv : &no_member, ev, fe);
	html_fmt(b, "<section aria-labelledby=\"details\">\n<h2 id=\"details\">Details</h2>\n"
		 "<form method=\"post\" action=\"/admin/committees/%l\" novalidate>\n", o->id);
	field_csrf(r);
	mform_fields(r, v, fe, parent_choice, &self);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Save the details</button>\n</form>\n</section>\n");
	page_end(r);
}

static void org_edit_page(struct req *r, const void *row, const struct mform *m, const struct form_errors *fe)
{
	org_page(r, row, m, NULL, NULL, fe);
}

static const struct dir_kind committees_kind = {
	M_organization, "/admin/committees", { "Committees", "/admin/committees" }, NULL, "Create a committee",
	"Create the committee", NULL, "The committee could not be saved.", .ref = parent_choice, .check = org_check,
	.edit_page = org_edit_page,
	.table = { "admin-committees", "All committees, by name",
		   (const char *const[]){ "Committee", "Kind", "Current members", NULL }, NULL, 0, 0, 0 },
	.none = "There are no committees yet.", .open = committees_open, .row = committee_row,
};

DIR_HANDLERS(committees_kind, page_admin_committees, page_admin_committee_new, post_admin_committee_new, page_admin_committee, post_admin_committee)

/* A POST on a committee's members: its step, with the committee as stored. */
struct org_post {
	int (*act)(struct req *r, struct apost *p, const struct m_organization *o, const struct mform *v);
};

static int org_step(struct req *r, struct apost *p, const void *ctx)
{
	const struct org_post *op = ctx;
	struct m_organization o;
	struct mform v;
	int rc = dir_load(r, &committees_kind, &o, &v);

	return rc ? rc : op->act(r, p, &o, &v);
}

static int member_add(struct req *r, struct apost *p, const struct m_organization *o, const struct mform *v)
{
	struct form_errors *fe = &p->fe;
	struct member_form mv = { form_get(&p->f, "person_id"), form_get(&p->f, "role"), form_get(&p->f, "voting"),
				  field_trim(r, &p->f, "start") };
	struct membership_edit e = { .organization_id = o->id, .person_id = parse_id(mv.person_id) };
	struct m_person person;
	int rc, open;

	if (e.person_id <= 0 || (rc = model_get(r->db, &model[M_person], e.person_id, &person)) == 0) {
		ferr_add(fe, "person_id", "Choose a person from the list");
	} else if (rc < 0) {
		return 500;
	} else if ((open = adm_membership_open(r->db, o->id, e.person_id)) != 0) {
		struct buf msg = BUF_INIT;
		if (open < 0)
			return 500;
		buf_printf(&msg, "%s is already a member of this committee with no end date: end that membership first",
			   person.name);
		ferr_add(fe, "person_id", req_strdup(r, msg.data ? msg.data : ""));
		buf_release(&msg);
	}
	if (!in_list(mv.role, role_values, NROLES))
		ferr_add(fe, "role", "Choose a role from the list");
	if (!mv.voting || (strcmp(mv.voting, "1") && strcmp(mv.voting, "0")))
		ferr_add(fe, "voting", "Say whether the member votes");
	check_date(fe, "start", mv.start, "Enter the date as YYYY-MM-DD, for example 2025-05-22, or leave it empty");
	if (fe->n) {
		org_page(r, o, v, &mv, NULL, fe);
		return 400;
	}
	e.role = mv.role;
	e.voting = strcmp(mv.voting, "1") == 0;
	e.start_date = opt(mv.start);
	return admin_saved(r, adm_membership_add(r->db, p->s.user_id, &e), "The membership could not be saved.",
			   "/admin/committees/%lld#members", o->id, 0);
}

int post_admin_committee_member(struct req *r)
{
	static const struct org_post add = { member_add };

	return admin_post_run(r, ROLE_CLERK, org_step, &add);
}

static int member_end(struct req *r, struct apost *p, const struct m_organization *o, const struct mform *v)
{
	struct member_row m;
	struct end_form ev;
	char field[40];
	int rc, current;

	if ((rc = adm_membership(r->db, o->id, r->id[1], &m, &current)) <= 0)
		return rc < 0 ? 500 : 404;
	if (!current)
		return admin_refuse(r, 409, "This membership has already ended.");
	ev = (struct end_form){ m.id, field_trim(r, &p->f, "end") };
	snprintf(field, sizeof(field), "end-%lld", (long long)m.id);
	if (!is_date(ev.end))
		ferr_add(&p->fe, req_strdup(r, field), "Enter the date the membership ends as YYYY-MM-DD, for example 2026-05-21");
	else if (m.start_date && strcmp(ev.end, m.start_date) < 0)
		ferr_add(&p->fe, req_strdup(r, field), "A membership cannot end before it started");
	if (p->fe.n) {
		org_page(r, o, v, NULL, &ev, &p->fe);
		return 400;
	}
	return admin_saved(r, adm_membership_end(r->db, p->s.user_id, o->id, m.id, ev.end),
			   "The membership could not be ended.", "/admin/committees/%lld#members", o->id, 0);
}

int post_admin_committee_member_end(struct req *r)
{
	static const struct org_post end = { member_end };

	return admin_post_run(r, ROLE_CLERK, org_step, &end);
}

/* --- people --------------------------------------------------------------- */

static int person_row(struct req *r, struct cursor *c)
{
	struct m_person p;

	if (!model_next(c, &model[M_person], &p))
		return 0;
	html_fmt(&r->body, "<tr><td><a href=\"/admin/people/%l\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
		 p.id, p.name, p.party, p.area ? p.area : p.nominated_by);
	return 1;
}

/* The person's display name by default: "Honorific Given Family". */
static void person_prepare(struct req *r, struct mform *m, struct form_errors *fe)
{
	const char *parts[] = { mform_value(m, "honorific"), mform_value(m, "given_name"), mform_value(m, "family_name") };
	struct buf t = BUF_INIT;

	if (!is_empty(mform_value(m, "name")))
		return;
	for (int i = 0; i < 3; i++)
		if (!is_empty(parts[i]))
			buf_printf(&t, "%s%s", t.len ? " " : "", parts[i]);
	if (!t.len)
		ferr_add(fe, "given_name", "Enter the person's given name and family name, or the name as shown");
	else if (!text_ok(t.data, 200, 0))
		ferr_add(fe, "name", "Together the names are longer than 200 characters: enter a shorter name as shown");
	else
		mform_set(m, "name", req_strdup(r, t.data));
	buf_release(&t);
}

static void person_extra(struct req *r, int64_t id)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct member_row m;
	int current, n = 0;

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
	admin_person_interests(r, id);
}

static const struct dir_kind people_kind = {
	M_person, "/admin/people", { "People", "/admin/people" }, "Person", "Add a person", "Add the person",
	"/people/", "The person could not be saved.", .prepare = person_prepare, .extra = person_extra,
	.table = { "admin-people", "Everyone in the record, by family name",
		   (const char *const[]){ "Name", "Party", "Division or nominating body", NULL }, NULL, 0, 0, 0 },
	.none = "There is nobody in the record yet.", .open = dir_model_open, .row = person_row,
};

DIR_HANDLERS(people_kind, page_admin_people, page_admin_person_new, post_admin_person_new, page_admin_person, post_admin_person)

/* --- venues ----------------------------------------------------------------- */

static int venue_row(struct req *r, struct cursor *c)
{
	struct m_location l;

	if (!model_next(c, &model[M_location], &l))
		return 0;
	html_fmt(&r->body, "<tr><td><a href=\"/admin/locations/%l\">%s</a></td><td>%s%s%s%s%s</td></tr>\n", l.id,
		 l.name, l.street_address, l.street_address && (l.locality || l.postcode) ? ", " : "",
		 l.locality, l.locality && l.postcode ? " " : "", l.postcode);
	return 1;
}

static const struct dir_kind venues_kind = {
	M_location, "/admin/locations", { "Venues", "/admin/locations" }, "Venue", "Add a venue", "Add the venue",
	NULL, "The venue could not be saved.",
	.table = { "admin-venues", "All venues, by name", (const char *const[]){ "Venue", "Address", NULL }, NULL, 0, 0, 0 },
	.none = "There are no venues yet.", .open = dir_model_open, .row = venue_row,
};

DIR_HANDLERS(venues_kind, page_admin_locations, page_admin_location_new, post_admin_location_new, page_admin_location, post_admin_location)
