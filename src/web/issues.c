/* issues.c: /issues/{id}, the public page of a paper: a report or matter
 * followed across meetings ("issue", as UK councils say; OParl's Paper).
 * Its reference, type and decision maker, its documents, and every
 * meeting and item that considered it, with the decision, in date order. */
#include "web/web.h"

#include <string.h>

#include "db/public.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
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

static int consultations(struct req *r, int64_t paper_id)
{
	struct buf *b = &r->body;
	struct consultation_row c;
	struct cursor cur;
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"considered\">\n<h2 id=\"considered\">Where it was considered</h2>\n");
	if (pub_consultations_of_paper(r->db, paper_id, &cur) < 0)
		return -1;
	while (cursor_next_consultation(&cur, &c)) {
		if (n++ == 0)
			buf_puts(b, "<ol class=\"consultations\">\n");
		buf_puts(b, "<li>");
		if (c.meeting_id && c.start_at) {
			html_fmt(b, "<a href=\"/meetings/%l\">", c.meeting_id);
			html_fmt(b, "%s, ", c.meeting_name);
			date_put_long(b, c.start_at);
			buf_puts(b, "</a>");
		} else if (c.organization_name) {
			html_fmt(b, "<a href=\"/committees/%l\">%s</a>", c.organization_id, c.organization_name);
		} else {
			buf_puts(b, "A meeting not yet public");
		}
		if (c.item_id && c.item_title)
			html_fmt(b, ": <a href=\"/meetings/%l/items/%l\">item %s, %s</a>", c.meeting_id, c.item_id,
				 c.item_number ? c.item_number : "", c.item_title);
		if (c.role && *c.role)
			html_fmt(b, " <span class=\"meta\">(%s%s)</span>", c.role, c.authoritative ? "; decided here" : "");
		else if (c.authoritative)
			buf_puts(b, " <span class=\"meta\">(decided here)</span>");
		if (c.decision_html)
			html_fmt(b, "\n<div class=\"prose\">%r</div>", c.decision_html);
		buf_puts(b, "</li>\n");
	}
	if (cur.err)
		return -1;
	buf_puts(b, n ? "</ol>\n" : "<p>It has not been on a public agenda yet.</p>\n");
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
	if (p.description_html)
		html_fmt(b, "<div class=\"prose\">%r</div>\n", p.description_html);

	if (pub_files_of_paper(r->db, p.id, &c) < 0 ||
	    documents_section(b, &c, "Documents", "There are no public documents for this issue.") < 0)
		return 500;
	if (consultations(r, p.id) < 0)
		return 500;
	page_end(r);
	return 200;
}
