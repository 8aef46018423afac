/* forward_plan.c: /forward-plan, the forward plan of key decisions (the
 * notice each must have 28 clear days before it is taken, regulations 9
 * to 11 of the Local Authorities (Executive Arrangements) (Meetings and
 * Access to Information) (England) Regulations 2012), by the month the
 * decision is due; from today on, or with ?past=1 every entry.  Its
 * calendar and feed are api/ical.c's and api/feeds.c's. */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "db/model.h"
#include "db/statutory.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "web/statutory.h"
#include "util/banned.h"

void plan_restriction_put(struct buf *b, const struct plan_row *p)
{
	const char *para;

	if (!p->restriction || strcmp(p->restriction, "open") == 0) {
		buf_puts(b, "Open: to be decided in public");
		return;
	}
	html_fmt(b, "%s", strcmp(p->restriction, "exempt") == 0 ? "Fully exempt: to be decided in private" :
		 "Part exempt: partly to be decided in private");
	if (p->exempt_paragraph) {
		html_fmt(b, ", under paragraph %d of Part 1 of Schedule 12A to the Local Government Act 1972",
			 p->exempt_paragraph);
		if ((para = schedule12a_text(p->exempt_paragraph)))
			html_fmt(b, " (%s)", para);
	}
}

void plan_entry_put(struct buf *b, const struct plan_row *p, int hlevel, int with_issue)
{
	if (hlevel < 2 || hlevel > 4)
		hlevel = 3;
	html_fmt(b, "<article class=\"plan-entry\" id=\"entry-%l\" aria-labelledby=\"entry-%l-title\">\n"
		 "<h%d id=\"entry-%l-title\">%s%s%s</h%d>\n", p->id, p->id, hlevel, p->id,
		 p->reference ? p->reference : "", p->reference ? ": " : "", p->title, hlevel);
	if (p->summary_html)
		html_fmt(b, "<div class=\"prose\">%r</div>\n", p->summary_html);
	buf_puts(b, "<dl class=\"facts\">\n");
	fact_date_put(b, "Decision due", p->decision_due);
	buf_puts(b, "<dt>Decision maker</dt><dd>");
	if (p->maker_name)
		html_fmt(b, "<a href=\"/committees/%l\">%s</a>", p->decision_maker_id, p->maker_name);
	else if (p->post)
		html_fmt(b, "%s", p->post);
	else
		buf_puts(b, "Not stated");
	buf_puts(b, "</dd>\n");
	if (p->lead_member_name)
		html_fmt(b, "<dt>Lead member</dt><dd><a href=\"/people/%l\">%s</a></dd>\n", p->lead_member_id,
			 p->lead_member_name);
	fact_text_put(b, "Lead officer", p->lead_officer, NULL);
	fact_text_put(b, "Wards affected", p->wards, NULL);
	fact_text_put(b, "Consultees", p->consultees, NULL);
	fact_text_put(b, "Documents to be considered", p->documents, NULL);
	buf_puts(b, "<dt>Open or private</dt><dd>");
	plan_restriction_put(b, p);
	buf_puts(b, "</dd>\n");
	if (p->urgency && strcmp(p->urgency, "none") != 0) {
		html_fmt(b, "<dt>Short notice</dt><dd><strong>%s</strong>",
			 choice_label(m_urgencies, m_urgency_labels, p->urgency));
		if (p->urgency_reason)
			html_fmt(b, ": %s", p->urgency_reason);
		buf_puts(b, "</dd>\n");
	}
	fact_date_put(b, "Notice first published", p->first_published);
	html_fmt(b, "<dt>Status</dt><dd>%s</dd>\n", choice_label(m_plan_states, m_plan_state_labels, p->status));
	if (with_issue && p->paper_id)
		html_fmt(b, "<dt>Issue</dt><dd><a href=\"/issues/%l\">%s</a></dd>\n", p->paper_id, p->paper_title);
	buf_puts(b, "</dl>\n</article>\n");
}

int page_forward_plan(struct req *r)
{
	static const struct crumb crumbs[] = { { "Forward plan", NULL } };
	struct buf *b = &r->body;
	struct cursor c;
	struct plan_row p;
	char now[17], today[11], month[8] = "";
	int past, has_past, n = 0;

	if (r->q[0].set && r->q[0].num > 1) {
		r->errmsg = "past is 1 (every entry) or absent (entries due from today).";
		return 400;
	}
	past = r->q[0].set && r->q[0].num == 1;
	date_now_local(now);
	snprintf(today, sizeof(today), "%.10s", now);
	if ((has_past = stat_plan_has_past(r->db, today)) < 0)
		return 500;
	page_begin_head(r, SEC_FORWARD_PLAN, past ? "Forward plan: every entry" : "Forward plan", crumbs, 1,
			"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Forward plan: new notices\""
			" href=\"/forward-plan.atom\">\n"
			"<link rel=\"alternate\" type=\"text/calendar\" title=\"Forward plan: key decisions\""
			" href=\"/forward-plan.ics\">\n");
	buf_puts(b, "<h1>Forward plan of key decisions</h1>\n"
		 "<p>Notice of each key decision the executive, or an officer, is to take: at least 28 clear days "
		 "before it is taken, unless it is taken under the general exception or special urgency rules, "
		 "which say why it cannot wait. Decisions already taken are in the <a href=\"/decisions\">decisions</a>.</p>\n");
	html_fmt(b, "<p class=\"alt-formats\">Follow the plan: <a href=\"/forward-plan.atom\">new notices (Atom feed)</a> · "
		 "<a href=\"/forward-plan.ics\">decision dates (iCalendar)</a> · "
		 "<a href=\"/alerts?follow=plan\">new notices by e-mail</a></p>\n");
	if (past)
		buf_puts(b, "<p>Showing every entry, past and future. <a href=\"/forward-plan\">Show only decisions due from today</a>.</p>\n");
	else if (has_past)
		buf_puts(b, "<p>Showing decisions due from today. <a href=\"/forward-plan?past=1\">Show past entries too</a>.</p>\n");

	if (stat_plan_entries(r->db, past ? NULL : today, &c) < 0)
		return 500;
	while (cursor_next_plan(&c, &p)) {
		if (strncmp(month, p.decision_due, 7) != 0) {
			int y, mo;
			snprintf(month, sizeof(month), "%.7s", p.decision_due);
			/* decision_due is a checked date (db/model_check.c). */
			y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 + (month[3] - '0');
			mo = strlen(month) == 7 ? (month[5] - '0') * 10 + (month[6] - '0') : 0;
			if (mo < 1 || mo > 12)
				mo = 0;
			if (n)
				buf_puts(b, "</section>\n");
			html_fmt(b, "<section aria-labelledby=\"month-%s\">\n<h2 id=\"month-%s\">", month, month);
			if (mo)
				html_fmt(b, "%s %d", date_month_names[mo], y);
			else
				html_fmt(b, "%s", month);
			buf_puts(b, "</h2>\n");
		}
		n++;
		plan_entry_put(b, &p, 3, 1);
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</section>\n" : "<p>There are no key decisions on the plan.</p>\n");
	page_end(r);
	return 200;
}
