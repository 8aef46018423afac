/* plan.c: the forward plan of key decisions in the back office (issue
 * 13): the list by decision due, create and edit forms from the model
 * (db/model.h, MODEL_PLAN_ENTRY; admin/dir_kind.h).  Notice shorter than
 * 28 clear calendar days (util/notice.h) with no urgency recorded is
 * warned of on the entry's page, not refused: the notice may already be
 * out, and the clerk must then record general exception or special
 * urgency with its reason.  Refused: a private decision without its
 * paragraph of Schedule 12A, an urgency without its reason. */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/dir_kind.h"
#include "util/date.h"
#include "util/notice.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

/* The calendar days a notice first published on first gave before the
 * decision on due, when fewer than the law asks: that number, with the
 * latest date that was in time in latest; -1 when notice was enough (or
 * the dates cannot be read). */
static int short_notice(const char *first, const char *due, char latest[11])
{
	int days;

	if (!first || !due || (days = notice_calendar_days_between(first, due)) < 0 ||
	    days >= NOTICE_KEY_DECISION_DAYS || notice_key_decision_latest(due, latest) != 0)
		return -1;
	return days;
}

static int plan_row(struct req *r, struct cursor *c)
{
	struct buf *b = &r->body;
	struct m_plan_entry pe;
	char latest[11];

	if (!model_next(c, &model[M_plan_entry], &pe))
		return 0;
	buf_puts(b, "<tr><td>");
	date_put_short(b, pe.decision_due);
	html_fmt(b, "</td><td><a href=\"/admin/forward-plan/%l\">%s%s%s</a>", pe.id, pe.reference ? pe.reference : "",
		 pe.reference ? " " : "", pe.title);
	if (!pe.published)
		buf_puts(b, " <span class=\"tag tag-exempt\">Not published</span>");
	if (strcmp(pe.urgency, "none") == 0 && short_notice(pe.first_published, pe.decision_due, latest) >= 0)
		buf_puts(b, " <strong class=\"warning\">Short notice</strong>");
	buf_puts(b, "</td><td>");
	date_put_short(b, pe.first_published);
	for (int i = 0; m_plan_states[i]; i++)
		if (strcmp(m_plan_states[i], pe.status) == 0)
			html_fmt(b, "</td><td>%s", m_plan_state_labels[i]);
	buf_puts(b, "</td></tr>\n");
	return 1;
}

/* Beyond the model: the paragraph of a private decision, the reason for
 * an urgency. */
static void plan_check(struct req *r, int64_t self, const struct mform *m, struct form_errors *fe)
{
	const char *restriction = mform_value(m, "restriction"), *urgency = mform_value(m, "urgency");

	(void)r;
	(void)self;
	if (restriction && strcmp(restriction, "open") != 0 && !ferr_for(fe, "restriction") &&
	    !ferr_for(fe, "exempt_paragraph") && is_empty(mform_value(m, "exempt_paragraph")))
		ferr_add(fe, "exempt_paragraph", "Enter the paragraph of Schedule 12A (1 to 7) that makes the decision "
			 "exempt: a decision to be taken in private must say why");
	if (urgency && strcmp(urgency, "none") != 0 && !ferr_for(fe, "urgency") && !ferr_for(fe, "urgency_reason") &&
	    is_empty(mform_value(m, "urgency_reason")))
		ferr_add(fe, "urgency_reason", strcmp(urgency, "general_exception") == 0 ?
			 "Enter why the decision cannot wait for 28 clear days' notice: general exception needs its reason" :
			 "Enter why the decision is urgent and cannot reasonably be deferred: special urgency needs its reason");
}

/* Under the heading: the notice given, and a warning when it is short. */
static void plan_intro(struct req *r, const void *row)
{
	const struct m_plan_entry *pe = row;
	struct buf *b = &r->body;
	char latest[11];
	int days = short_notice(pe->first_published, pe->decision_due, latest);

	if (days < 0) {
		if (notice_calendar_days_between(pe->first_published, pe->decision_due) >= 0)
			html_fmt(b, "<p>The notice gives %d clear days before the decision (%d are required).</p>\n",
				 notice_calendar_days_between(pe->first_published, pe->decision_due), NOTICE_KEY_DECISION_DAYS);
		return;
	}
	if (strcmp(pe->urgency, "none") != 0) {
		html_fmt(b, "<p>The notice gives %d clear days before the decision, fewer than %d: recorded as %s.</p>\n",
			 days, NOTICE_KEY_DECISION_DAYS, strcmp(pe->urgency, "general_exception") == 0 ?
			 "general exception (regulation 10)" : "special urgency (regulation 11)");
		return;
	}
	html_fmt(b, "<div class=\"notice\" role=\"status\" id=\"short-notice\">\n<h2>Short notice</h2>\n"
		 "<p><strong>This notice gives %d clear day%s before the decision; a key decision needs %d.</strong> "
		 "It was first published on ", days, days == 1 ? "" : "s", NOTICE_KEY_DECISION_DAYS);
	date_put_long(b, pe->first_published);
	buf_puts(b, " for a decision due on ");
	date_put_long(b, pe->decision_due);
	buf_puts(b, "; the latest date that would have been in time was ");
	date_put_long(b, latest);
	html_fmt(b, ".</p>\n<p>If the decision cannot wait, record <a href=\"#f-urgency\">general exception or "
		 "special urgency</a> under <em>Short notice</em>, with the reason under <em>Why it cannot wait</em>; "
		 "otherwise move the decision to a later date.</p>\n</div>\n");
}

static const struct dir_kind plan_kind = {
	M_plan_entry, "/admin/forward-plan", { "Forward plan", "/admin/forward-plan" }, "Forward plan entry",
	"Add a key decision", "Add the key decision", NULL, "The forward plan entry could not be saved.",
	.ref = dir_ref_choice, .check = plan_check,
	.table = { "admin-plan", "The forward plan, by decision due",
		   (const char *const[]){ "Decision due", "Matter", "Notice first published", "Status", NULL }, "The forward plan", 0, 0, 0 },
	.none = "The forward plan is empty.", .open = dir_model_open, .row = plan_row, .title_col = "title",
	.intro = plan_intro,
};

DIR_HANDLERS(plan_kind, page_admin_plan, page_admin_plan_new, post_admin_plan_new, page_admin_plan_entry,
	     post_admin_plan_entry)
