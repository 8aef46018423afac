/* interests.c: a member's register of interests in the back office
 * (issue 13), on the person's page (/admin/people/{id}): the entries,
 * held ones first; a form to add one and a page to edit one, from the
 * model (db/model.h, MODEL_INTEREST); ending one gives it the date it
 * ended.  Nothing is deleted, and every write is model_save's, audited.
 * A sensitive interest's text is shown here only: its public view has no
 * description (class O in the model). */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "db/admin.h"
#include "db/db.h"
#include "util/date.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

static const struct crumb admin_crumb = { "Back office", "/admin" };
static const struct crumb people_crumb = { "People", "/admin/people" };

static const char *choice_of(const char *const *vals, const char *const *labs, const char *v)
{
	for (int i = 0; v && vals[i]; i++)
		if (strcmp(vals[i], v) == 0)
			return labs[i];
	return v ? v : "";
}

/* One entry's end form, in its row. */
static void end_form(struct req *r, int64_t person_id, const struct interest_brief *iv)
{
	struct buf *b = &r->body;

	html_fmt(b, "<form method=\"post\" action=\"/admin/people/%l/interests/%l/end\" class=\"inline-form\">\n",
		 person_id, iv->id);
	field_csrf(r);
	html_fmt(b, "<label for=\"f-end-%l\" class=\"visually-hidden\">Date the interest ended</label>\n"
		 "<input type=\"date\" id=\"f-end-%l\" name=\"ended_on\" value=\"\">\n"
		 "<button type=\"submit\" class=\"button-small\">End it</button>\n</form>\n", iv->id, iv->id);
}

void admin_person_interests(struct req *r, int64_t person_id)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct interest_brief iv;
	struct mform m;
	static const char *const cols[] = { "Interest", "Category", "Registered", "Ended", NULL };
	struct list_table t = { "members", "Registered interests, those held first", cols, NULL, 1, 0, 0 };

	buf_puts(b, "<section aria-labelledby=\"interests\">\n<h2 id=\"interests\">Register of interests</h2>\n");
	if (adm_interests_of_person(r->db, person_id, &c) == 0) {
		while (cursor_next_interest_brief(&c, &iv)) {
			list_row(b, &t);
			html_fmt(b, "<tr><td><a href=\"/admin/people/%l/interests/%l\">%s</a>", person_id, iv.id, iv.description);
			if (strcmp(iv.holder, "partner") == 0)
				buf_puts(b, " <span class=\"meta\">(spouse or partner)</span>");
			if (iv.sensitive)
				buf_puts(b, " <span class=\"tag tag-exempt\">Sensitive: not published</span>");
			html_fmt(b, "</td><td>%s</td><td>", choice_of(m_interest_categories, m_interest_category_labels,
								       iv.category));
			date_put_short(b, iv.registered_on);
			buf_puts(b, "</td><td>");
			if (iv.ended_on)
				date_put_short(b, iv.ended_on);
			else
				end_form(r, person_id, &iv);
			buf_puts(b, "</td></tr>\n");
		}
	}
	list_end(b, &t, "No interests are registered.");
	buf_puts(b, "<h3>Register an interest</h3>\n"
		    "<p>A sensitive interest is registered, but the public register only says that one is withheld.</p>\n");
	html_fmt(b, "<form method=\"post\" action=\"/admin/people/%l/interests\" novalidate>\n", person_id);
	field_csrf(r);
	mform_init(&m, &model[M_interest]);
	mform_fields(r, &m, NULL, NULL, NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Register the interest</button>\n</form>\n</section>\n");
}

/* The person of the path (r->id[0]): its name, or a status. */
static int person_of(struct req *r, const char **name)
{
	struct m_person p;
	int rc = model_get(r->db, &model[M_person], r->id[0], &p);

	if (rc <= 0)
		return admin_refuse(r, rc < 0 ? 500 : 404, "There is no such person.");
	*name = req_strdup(r, p.name);
	return 0;
}

/* The interest of the path (r->id[1]) of the person r->id[0], its strings
 * copied: 0 or a status. */
static int interest_of(struct req *r, struct m_interest *iv)
{
	const struct mentity *e = &model[M_interest];
	int rc = model_get(r->db, e, r->id[1], iv);

	if (rc < 0)
		return 500;
	if (rc == 0 || iv->person_id != r->id[0])
		return admin_refuse(r, 404, "There is no such interest in this person's register.");
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].ct == 'S' && mrow_text(iv, &e->fields[i]))
			*(const char **)((char *)iv + e->fields[i].off) = req_strdup(r, mrow_text(iv, &e->fields[i]));
	return 0;
}

/* The form of one interest: a new one (id 0, after an error) or one to edit. */
static void interest_page(struct req *r, const char *person, int64_t id, const struct mform *m,
			  const struct form_errors *fe)
{
	struct buf *b = &r->body, href = BUF_INIT, action = BUF_INIT, title = BUF_INIT;
	struct crumb crumbs[4];

	buf_printf(&href, "/admin/people/%lld", (long long)r->id[0]);
	crumbs[0] = admin_crumb;
	crumbs[1] = people_crumb;
	crumbs[2] = (struct crumb){ person, req_strdup(r, href.data) };
	crumbs[3] = (struct crumb){ id ? "Interest" : "Register an interest", NULL };
	if (id)
		buf_printf(&action, "/admin/people/%lld/interests/%lld", (long long)r->id[0], (long long)id);
	else
		buf_printf(&action, "/admin/people/%lld/interests", (long long)r->id[0]);
	buf_printf(&title, "%s: %s", id ? "Interest" : "Register an interest", person);
	form_page_begin(r, crumbs, 4, title.data, action.data, fe);
	if (id && strcmp(mform_value(m, "sensitive") ? mform_value(m, "sensitive") : "0", "1") == 0)
		buf_puts(b, "<p><span class=\"tag tag-exempt\">Sensitive</span> Its details are shown to clerks only.</p>\n");
	mform_fields(r, m, fe, NULL, NULL);
	form_page_end(r, id ? "Save the interest" : "Register the interest");
	buf_release(&href);
	buf_release(&action);
	buf_release(&title);
}

/* Beyond the model: it cannot end before it was registered. */
static void interest_check(struct req *r, const struct mform *m, struct form_errors *fe)
{
	const char *from = mform_value(m, "registered_on"), *to = mform_value(m, "ended_on");

	mform_check(r, m, fe);
	if (!ferr_for(fe, "registered_on") && !ferr_for(fe, "ended_on") && !is_empty(from) && !is_empty(to) &&
	    strcmp(to, from) < 0)
		ferr_add(fe, "ended_on", "The date it ended cannot be before the date it was registered");
}

static int interest_save(struct req *r, struct apost *p, const struct mform *m, int64_t id)
{
	struct m_interest row;

	mform_row(m, &row);
	return admin_saved(r, model_save(r->db, p->s.user_id, &model[M_interest], id, &row),
			   "The interest could not be saved.", "/admin/people/%lld#interests", r->id[0], 0);
}

static int add_step(struct req *r, struct apost *p, const void *ctx)
{
	struct mform m;
	const char *person;
	char pid[24];
	int rc;

	(void)ctx;
	if ((rc = person_of(r, &person)) != 0)
		return rc;
	mform_read(r, &m, &model[M_interest], &p->f);
	interest_check(r, &m, &p->fe);
	if (p->fe.n) {
		interest_page(r, person, 0, &m, &p->fe);
		return 400;
	}
	snprintf(pid, sizeof(pid), "%lld", (long long)r->id[0]);
	mform_set(&m, "person_id", pid);
	return interest_save(r, p, &m, 0);
}

int post_admin_interest_new(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, add_step, NULL);
}

int page_admin_interest(struct req *r)
{
	struct session_row s;
	struct m_interest iv;
	struct mform m;
	const char *person;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc || (rc = person_of(r, &person)) != 0 || (rc = interest_of(r, &iv)) != 0)
		return rc;
	mform_from_row(r, &m, &model[M_interest], &iv);
	interest_page(r, person, iv.id, &m, NULL);
	return 200;
}

/* An edit (ctx NULL) or an end (ctx non-NULL: only ended_on is read). */
static int edit_step(struct req *r, struct apost *p, const void *ctx)
{
	struct m_interest iv;
	struct mform m;
	const char *person;
	int rc;

	if ((rc = person_of(r, &person)) != 0 || (rc = interest_of(r, &iv)) != 0)
		return rc;
	if (ctx) {
		const char *end = field_trim(r, &p->f, "ended_on");
		mform_from_row(r, &m, &model[M_interest], &iv);
		if (is_empty(end))
			ferr_add(&p->fe, "ended_on", "Enter the date the interest ended, for example 2026-05-21");
		mform_set(&m, "ended_on", end);
	} else {
		mform_read(r, &m, &model[M_interest], &p->f);
	}
	interest_check(r, &m, &p->fe);
	if (p->fe.n) {
		interest_page(r, person, iv.id, &m, &p->fe);
		return 400;
	}
	return interest_save(r, p, &m, iv.id);
}

int post_admin_interest(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, edit_step, NULL);
}

int post_admin_interest_end(struct req *r)
{
	static const int end = 1;

	return admin_post_run(r, ROLE_CLERK, edit_step, &end);
}
