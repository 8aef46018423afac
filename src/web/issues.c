/* issues.c: /issues/{id}, the public page of a paper: a report or matter
 * followed across meetings ("issue", as UK councils say; OParl's Paper).
 * Its reference, type and decision maker, its documents, and every
 * meeting and item that considered it in date order, each with its
 * minutes, decision and decision records; every decision record on it
 * (officer decisions too) and its forward plan entries. */
#include "web/web.h"

#include <string.h>

#include "db/model.h"
#include "db/public.h"
#include "db/statutory.h"
#include "ui/feeds.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "web/statutory.h"
#include "util/banned.h"

static const char *kind_label(const char *kind)
{
	static const struct label map[] = {
		{ "report", "Report" }, { "motion", "Motion" }, { "petition", "Petition" },
		{ "question", "Question" }, { "notice", "Notice" }, { NULL, "Paper" },
	};
	return label_of(map, kind);
}

/* <dt>term</dt><dd>the date, long</dd>; nothing without a date. */
static void date_fact(struct buf *b, const char *term, const char *date)
{
	if (!date)
		return;
	html_fmt(b, "<dt>%s</dt><dd>", term);
	date_put_long(b, date);
	buf_puts(b, "</dd>\n");
}

/* The decision records of an item (or, item_id 0, of the paper), as links. */
static int decision_links(struct req *r, int64_t item_id, int64_t paper_id)
{
	struct buf *b = &r->body;
	struct decision_row d;
	struct cursor cur;
	int n = 0;

	if ((item_id ? stat_decisions_of_item(r->db, item_id, &cur) : stat_decisions_of_paper(r->db, paper_id, &cur)) < 0)
		return -1;
	while (cursor_next_decision(&cur, &d)) {
		if (n++ == 0)
			buf_puts(b, item_id ? "<p class=\"decision-links\">Decision record: " : "<ul class=\"decision-list\">\n");
		else if (item_id)
			buf_puts(b, "; ");
		if (!item_id)
			buf_puts(b, "<li>");
		html_fmt(b, "<a href=\"/decisions/%l\">%s</a> (", d.id, d.title);
		decision_date_put(b, &d);
		buf_puts(b, ", ");
		decision_maker_put(b, &d);
		html_fmt(b, ", %s)", choice_label(m_decision_states, m_decision_state_labels, d.status));
		if (!item_id)
			buf_puts(b, "</li>\n");
	}
	if (cur.err)
		return -1;
	if (n)
		buf_puts(b, item_id ? "</p>\n" : "</ul>\n");
	else if (!item_id)
		buf_puts(b, "<p>No decision on it has been published yet.</p>\n");
	return 0;
}

/* Every public meeting that considered the paper, in date order: the
 * item, its minutes and decision (once published), its decision records. */
static int meetings_section(struct req *r, int64_t paper_id)
{
	struct buf *b = &r->body;
	struct paper_meeting_row c;
	struct cursor cur;
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"considered\">\n<h2 id=\"considered\">Where it was considered</h2>\n");
	if (stat_paper_meetings(r->db, paper_id, &cur) < 0)
		return -1;
	while (cursor_next_paper_meeting(&cur, &c)) {
		if (n++ == 0)
			buf_puts(b, "<ol class=\"consultations\">\n");
		html_fmt(b, "<li class=\"consultation\">\n<h3><a href=\"/meetings/%l\">%s, <time datetime=\"",
			 c.meeting_id, c.meeting_name);
		html_escape(b, c.start_at, strnlen(c.start_at, 10));
		buf_puts(b, "\">");
		date_put_long(b, c.start_at);
		buf_puts(b, "</time></a></h3>\n");
		if (c.item_id && c.item_title)
			html_fmt(b, "<p><a href=\"/meetings/%l/items/%l\">%s%s%s%s</a>", c.meeting_id, c.item_id,
				 c.item_number ? "Item " : "", c.item_number ? c.item_number : "",
				 c.item_number ? ": " : "", c.item_title);
		else
			html_fmt(b, "<p><a href=\"/committees/%l\">%s</a>", c.organization_id, c.organization_name);
		if (c.role && *c.role)
			html_fmt(b, " <span class=\"meta\">(%s%s)</span>", c.role, c.authoritative ? "; decided here" : "");
		else if (c.authoritative)
			buf_puts(b, " <span class=\"meta\">(decided here)</span>");
		buf_puts(b, "</p>\n");
		if (c.decision_html)
			html_fmt(b, "<h4>Decision</h4>\n<div class=\"prose\">%r</div>\n", c.decision_html);
		if (c.minutes_html)
			html_fmt(b, "<h4>Minutes</h4>\n<div class=\"prose\">%r</div>\n", c.minutes_html);
		else if (c.item_id)
			buf_puts(b, "<p class=\"meta\">The minutes of this item are not published yet.</p>\n");
		if (c.item_id && decision_links(r, c.item_id, 0) < 0)
			return -1;
		buf_puts(b, "</li>\n");
	}
	if (cur.err)
		return -1;
	buf_puts(b, n ? "</ol>\n" : "<p>It has not been on a public agenda yet.</p>\n");
	buf_puts(b, "</section>\n");
	return 0;
}

/* Every decision record on the paper (officer decisions included), then
 * its forward plan entries. */
static int statutory_sections(struct req *r, int64_t paper_id)
{
	struct buf *b = &r->body;
	struct plan_row p;
	struct cursor cur;
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"decisions\">\n<h2 id=\"decisions\">Decisions</h2>\n");
	if (decision_links(r, 0, paper_id) < 0)
		return -1;
	buf_puts(b, "</section>\n");
	if (stat_plan_entries_of_paper(r->db, paper_id, &cur) < 0)
		return -1;
	while (cursor_next_plan(&cur, &p)) {
		if (n++ == 0)
			buf_puts(b, "<section aria-labelledby=\"forward-plan\">\n<h2 id=\"forward-plan\">On the forward plan</h2>\n");
		plan_entry_put(b, &p, 3, 0);
	}
	if (cur.err)
		return -1;
	if (n)
		buf_puts(b, "</section>\n");
	return 0;
}

int page_issue(struct req *r)
{
	struct buf *b = &r->body;
	struct paper_row p;
	struct cursor c;
	struct crumb crumbs[1];
	struct buf title = BUF_INIT;
	int rc = pub_paper(r->db, r->id[0], &p);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if (p.reference)
		buf_printf(&title, "%s: %s", p.reference, p.title);
	else
		buf_puts(&title, p.title);
	crumbs[0] = (struct crumb){ req_strdup(r, title.data), NULL };
	page_begin(r, SEC_MEETINGS, title.data, crumbs, 1);
	buf_release(&title);
	html_fmt(b, "<p class=\"caption\">Issue</p>\n<h1>%s</h1>\n<dl class=\"facts\">\n", p.title);
	if (p.reference)
		html_fmt(b, "<dt>Reference</dt><dd>%s</dd>\n", p.reference);
	html_fmt(b, "<dt>Type</dt><dd>%s%s</dd>\n", kind_label(p.kind), p.key_decision ? " (key decision)" : "");
	date_fact(b, "Date", p.date);
	if (p.decision_maker_name)
		html_fmt(b, "<dt>Decision maker</dt><dd><a href=\"/committees/%l\">%s</a></dd>\n", p.decision_maker_id,
			 p.decision_maker_name);
	date_fact(b, "Expected decision", p.forward_plan_date);
	buf_puts(b, "</dl>\n");
	feed_alert_link(b, "issue", p.id, "Get e-mail alerts about this issue");
	if (p.description_html)
		html_fmt(b, "<div class=\"prose\">%r</div>\n", p.description_html);

	if (pub_files_of_paper(r->db, p.id, &c) < 0 ||
	    documents_section(b, &c, "Documents", "There are no public documents for this issue.") < 0)
		return 500;
	if (meetings_section(r, p.id) < 0 || statutory_sections(r, p.id) < 0)
		return 500;
	page_end(r);
	return 200;
}
