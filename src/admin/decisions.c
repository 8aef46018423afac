/* decisions.c: decision records in the back office (issue 13): the list,
 * newest first, with those not yet published marked; create and edit
 * forms from the model (db/model.h, MODEL_DECISION), with references as
 * choices or checked ids (admin/dir_kind.h); a decision recorded from an
 * agenda item, its form filled in from the item, its meeting, committee
 * and paper; and the decisions of an item on the item's page.  Every save
 * is model_save's, audited. */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/dir_kind.h"
#include "db/admin.h"
#include "db/db.h"
#include "util/date.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

/* The label of value in a model's choices, or value. */
static const char *choice_label(const char *const *vals, const char *const *labs, const char *v)
{
	for (int i = 0; v && vals[i]; i++)
		if (strcmp(vals[i], v) == 0)
			return labs[i];
	return v ? v : "";
}

static int decision_row(struct req *r, struct cursor *c)
{
	struct buf *b = &r->body;
	struct m_decision d;

	if (!model_next(c, &model[M_decision], &d))
		return 0;
	html_fmt(b, "<tr><td><a href=\"/admin/decisions/%l\">%s</a>", d.id, d.title);
	if (!d.published)
		buf_puts(b, " <span class=\"tag tag-exempt\">Not published</span>");
	buf_puts(b, "</td><td>");
	if (d.decided_on)
		date_put_short(b, d.decided_on);
	html_fmt(b, "</td><td>%s</td><td>%s</td></tr>\n",
		 d.kind ? choice_label(m_decision_kinds, m_decision_kind_labels, d.kind) : "",
		 choice_label(m_decision_states, m_decision_state_labels, d.status));
	return 1;
}

/* The form of a decision recorded from agenda item
 * /admin/meetings/{id}/items/{id}/decision (a path, not a query, so that
 * signing in comes back to it): its title, its
 * decision (or minutes), item and paper, the meeting's committee and date,
 * executive when the committee is the cabinet, key decision from the paper. */
static int decision_prefill(struct req *r, struct mform *m)
{
	struct m_agenda_item it;
	struct m_meeting mt;
	struct m_organization o;
	struct m_paper pa;
	char t[24];
	int rc;

	if (r->nid < 2)
		return 0;
	if ((rc = model_get(r->db, &model[M_agenda_item], r->id[1], &it)) <= 0 || it.meeting_id != r->id[0])
		return admin_refuse(r, rc < 0 ? 500 : 404, "There is no such agenda item to record a decision of.");
	mform_set(m, "title", req_strdup(r, it.title));
	mform_set(m, "decision_md", req_strdup(r, it.decision_md ? it.decision_md : it.minutes_md ? it.minutes_md : ""));
	snprintf(t, sizeof(t), "%lld", (long long)it.id);
	mform_set(m, "agenda_item_id", req_strdup(r, t));
	if (it.paper_id) {
		snprintf(t, sizeof(t), "%lld", (long long)it.paper_id);
		mform_set(m, "paper_id", req_strdup(r, t));
		if (model_get(r->db, &model[M_paper], it.paper_id, &pa) == 1)
			mform_set(m, "key_decision", pa.key_decision ? "1" : "0");
	}
	if ((rc = model_get(r->db, &model[M_meeting], it.meeting_id, &mt)) < 0)
		return 500;
	if (rc == 1) {
		char day[11];
		snprintf(day, sizeof(day), "%s", mt.start_at ? mt.start_at : "");
		mform_set(m, "decided_on", req_strdup(r, day));
		snprintf(t, sizeof(t), "%lld", (long long)mt.organization_id);
		mform_set(m, "decision_maker_id", req_strdup(r, t));
		if ((rc = model_get(r->db, &model[M_organization], mt.organization_id, &o)) < 0)
			return 500;
		mform_set(m, "kind", rc == 1 && o.kind && strcmp(o.kind, "cabinet") == 0 ? "executive" : "committee");
	}
	return 0;
}

/* Beyond the model: a decision made has its date; an officer's decision
 * names who took it. */
static void decision_check(struct req *r, int64_t self, const struct mform *m, struct form_errors *fe)
{
	const char *status = mform_value(m, "status"), *kind = mform_value(m, "kind");

	(void)r;
	(void)self;
	if (!ferr_for(fe, "status") && !ferr_for(fe, "decided_on") && is_empty(mform_value(m, "decided_on")) &&
	    status && strcmp(status, "proposed") != 0 && strcmp(status, "withdrawn") != 0)
		ferr_add(fe, "decided_on", "Enter the date of the decision: only a proposed decision has none yet");
	if (kind && strcmp(kind, "officer") == 0 && is_empty(mform_value(m, "decision_maker_person_id")) &&
	    is_empty(mform_value(m, "decision_maker_post")) && !ferr_for(fe, "decision_maker_post"))
		ferr_add(fe, "decision_maker_post",
			 "Enter the post of the officer who took the decision, or choose them as the individual decision maker");
}

/* Under the heading: published or not, and the item it was made at. */
static void decision_intro(struct req *r, const void *row)
{
	const struct m_decision *d = row;
	struct buf *b = &r->body;
	struct m_agenda_item it;

	if (d->published)
		html_fmt(b, "<p>Published: <a href=\"/decisions/%l\">see the public page</a>.</p>\n", d->id);
	else
		buf_puts(b, "<p><span class=\"tag tag-exempt\">Not published</span> Only clerks see this decision "
			    "until it is published (tick <em>Published</em> below).</p>\n");
	if (d->agenda_item_id && model_get(r->db, &model[M_agenda_item], d->agenda_item_id, &it) == 1)
		html_fmt(b, "<p>Made at agenda item <a href=\"/admin/meetings/%l/items/%l\">%s</a>.</p>\n",
			 it.meeting_id, it.id, it.title);
}

static const struct dir_kind decisions_kind = {
	M_decision, "/admin/decisions", { "Decisions", "/admin/decisions" }, "Decision", "Record a decision",
	"Record the decision", NULL, "The decision could not be saved.", .ref = dir_ref_choice,
	.check = decision_check,
	.table = { "admin-decisions", "All decision records, newest first",
		   (const char *const[]){ "Decision", "Date", "Kind", "Status", NULL }, "Decision records", 0, 0, 0 },
	.none = "No decisions are recorded yet. Record one from its agenda item, or here.",
	.open = dir_model_open, .row = decision_row, .title_col = "title", .prefill = decision_prefill,
	.intro = decision_intro,
};

DIR_HANDLERS(decisions_kind, page_admin_decisions, page_admin_decision_new, post_admin_decision_new,
	     page_admin_decision, post_admin_decision)

int page_admin_item_decision(struct req *r)
{
	return dir_new_page(r, &decisions_kind);
}

void admin_item_decisions(struct req *r, int64_t meeting_id, int64_t item_id)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct decision_brief d;
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"decisions\">\n<h2 id=\"decisions\">Decision records</h2>\n");
	if (adm_decisions_of_item(r->db, item_id, &c) == 0) {
		while (cursor_next_decision_brief(&c, &d)) {
			if (n++ == 0)
				buf_puts(b, "<ul>\n");
			html_fmt(b, "<li><a href=\"/admin/decisions/%l\">%s</a> <span class=\"meta\">", d.id, d.title);
			if (d.decided_on) {
				date_put_short(b, d.decided_on);
				buf_puts(b, ", ");
			}
			html_fmt(b, "%s%s</span></li>\n", choice_label(m_decision_states, m_decision_state_labels, d.status),
				 d.published ? ", published" : ", not published");
		}
	}
	buf_puts(b, n ? "</ul>\n" : "<p>No decision is recorded for this item.</p>\n");
	html_fmt(b, "<p><a class=\"button button-secondary\" href=\"/admin/meetings/%l/items/%l/decision\">Record a decision</a></p>\n"
		 "</section>\n", meeting_id, item_id);
}
