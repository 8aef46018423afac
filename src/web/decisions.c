/* decisions.c: the decision records of every kind (executive, committee,
 * officer): /decisions, newest first, with filters and pages, and
 * /decisions/{id}, one record with all the law asks of it (the
 * Openness of Local Government Bodies Regulations 2014 and the Local
 * Authorities (Executive Arrangements) (Meetings and Access to
 * Information) (England) Regulations 2012); and the helpers the other
 * pages of the statutory records share (web/statutory.h). */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "db/model.h"
#include "db/public.h"
#include "db/statutory.h"
#include "ui/feeds.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/lists.h"
#include "util/date.h"
#include "web/statutory.h"
#include "util/banned.h"

#define PER_PAGE 50

const char *choice_label(const char *const *keys, const char *const *labels, const char *v)
{
	if (!v)
		return "";
	for (int i = 0; keys[i]; i++)
		if (strcmp(keys[i], v) == 0)
			return labels[i];
	return v;
}

void decision_maker_put(struct buf *b, const struct decision_row *d)
{
	if (d->maker_name) {
		html_fmt(b, "<a href=\"/committees/%l\">%s</a>", d->decision_maker_id, d->maker_name);
		return;
	}
	if (d->post)
		html_fmt(b, "%s", d->post);
	if (d->person_name)
		html_fmt(b, "%s<a href=\"/people/%l\">%s</a>%s", d->post ? " (" : "", d->decision_maker_person_id,
			 d->person_name, d->post ? ")" : "");
	if (!d->post && !d->person_name)
		buf_puts(b, "Not stated");
}

void decision_date_put(struct buf *b, const struct decision_row *d)
{
	if (!d->decided_on) {
		buf_puts(b, "Not yet made");
		return;
	}
	html_fmt(b, "<time datetime=\"%s\">", d->decided_on);
	date_put_long(b, d->decided_on);
	buf_puts(b, "</time>");
}

void decision_status_put(struct buf *b, const char *status)
{
	html_fmt(b, "<span class=\"tag tag-status tag-%s\">%s</span>", status,
		 choice_label(m_decision_states, m_decision_state_labels, status));
}

void fact_date_put(struct buf *b, const char *term, const char *date)
{
	if (!date)
		return;
	html_fmt(b, "<dt>%s</dt><dd><time datetime=\"%s\">", term, date);
	date_put_long(b, date);
	buf_puts(b, "</time></dd>\n");
}

void fact_text_put(struct buf *b, const char *term, const char *text, const char *none)
{
	if (!text && !none)
		return;
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", term, text ? text : none);
}

/* --- the list -------------------------------------------------------------- */

/* The filters as asked, checked. */
struct decisions_req {
	struct decision_filter f;
	const char *maker;   /* the maker value as given ("committee-3", "post-..."), or NULL */
	int64_t page;
};

static int one_of(const char *const *keys, const char *v)
{
	for (int i = 0; keys[i]; i++)
		if (strcmp(keys[i], v) == 0)
			return 1;
	return 0;
}

/* 0, or 400 with r->errmsg. */
static int decisions_read(struct req *r, struct decisions_req *dr)
{
	struct decision_filter *f = &dr->f;

	memset(dr, 0, sizeof(*dr));
	f->from = r->q[0].set ? r->q[0].text : NULL;
	f->to = r->q[1].set ? r->q[1].text : NULL;
	if (f->from && f->to && strcmp(f->from, f->to) > 0) {
		r->errmsg = "The start of the date range is after its end.";
		return 400;
	}
	if (r->q[2].set) {
		const char *v = r->q[2].text;
		dr->maker = v;
		if (strncmp(v, "committee-", 10) == 0) {
			int64_t id = 0;
			const char *p = v + 10;
			for (; *p >= '0' && *p <= '9' && id < 1000000000000LL; p++)
				id = id * 10 + (*p - '0');
			if (p == v + 10 || *p || id == 0) {
				r->errmsg = "The decision maker is not one of the list's.";
				return 400;
			}
			f->committee = id;
		} else if (strncmp(v, "post-", 5) == 0 && v[5]) {
			f->post = v + 5;
		} else {
			r->errmsg = "The decision maker is not one of the list's.";
			return 400;
		}
	}
	if (r->q[3].set) {
		if (r->q[3].num > 1) {
			r->errmsg = "Key decisions only is 1 (or absent for all decisions).";
			return 400;
		}
		f->key_only = (int)r->q[3].num;
	}
	if (r->q[4].set) {
		if (!one_of(m_decision_states, r->q[4].text)) {
			r->errmsg = "Unknown status: use proposed, made, called_in, implemented or withdrawn.";
			return 400;
		}
		f->status = r->q[4].text;
	}
	if (r->q[5].set) {
		if (!one_of(m_decision_kinds, r->q[5].text)) {
			r->errmsg = "Unknown kind of decision: use executive, committee or officer.";
			return 400;
		}
		f->kind = r->q[5].text;
	}
	if (!(dr->page = list_page_asked(r, &r->q[6])))
		return 400;
	f->limit = PER_PAGE;
	f->offset = (int)(dr->page - 1) * PER_PAGE;
	return 0;
}

/* The query string of these filters with another page (raw: escape it). */
static void decisions_qs(struct buf *b, const void *ctx, int64_t page)
{
	const struct decisions_req *dr = ctx;
	const struct decision_filter *f = &dr->f;
	size_t start = b->len;
	char n[24];

	url_query_param(b, start, "from", f->from);
	url_query_param(b, start, "to", f->to);
	url_query_param(b, start, "maker", dr->maker);
	url_query_param(b, start, "key", f->key_only ? "1" : NULL);
	url_query_param(b, start, "status", f->status);
	url_query_param(b, start, "kind", f->kind);
	snprintf(n, sizeof(n), "%lld", (long long)page);
	url_query_param(b, start, "page", page > 1 ? n : NULL);
}

static void option(struct buf *b, const char *value, const char *label, int selected)
{
	html_fmt(b, "<option value=\"%s\"%r>%s</option>\n", value, selected ? " selected" : "", label);
}

static int filters_form(struct req *r, const struct decisions_req *dr)
{
	struct buf *b = &r->body;
	const struct decision_filter *f = &dr->f;
	struct cursor c;
	struct maker_row m;
	struct buf v = BUF_INIT;
	int rc = 0;

	html_fmt(b, "<form method=\"get\" action=\"/decisions\" class=\"search-form filters\">\n"
		 "<fieldset>\n<legend>Filter decisions</legend>\n<div class=\"filter-grid\">\n"
		 "<p><label for=\"from\">Made on or after</label>\n"
		 "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\"></p>\n"
		 "<p><label for=\"to\">Made on or before</label>\n"
		 "<input type=\"date\" id=\"to\" name=\"to\" value=\"%s\"></p>\n"
		 "<p><label for=\"maker\">Decision maker</label>\n<select id=\"maker\" name=\"maker\">\n"
		 "<option value=\"\">Anyone</option>\n",
		 f->from ? f->from : "", f->to ? f->to : "");
	if (stat_decision_makers(r->db, &c) < 0)
		return -1;
	while (cursor_next_maker(&c, &m)) {
		buf_reset(&v);
		if (m.id)
			buf_printf(&v, "committee-%lld", (long long)m.id);
		else
			buf_printf(&v, "post-%s", m.name);
		option(b, v.data, m.name, dr->maker && strcmp(dr->maker, v.data) == 0);
	}
	if (c.err || v.err)
		rc = -1;
	buf_release(&v);
	buf_puts(b, "</select></p>\n<p><label for=\"kind\">Kind</label>\n<select id=\"kind\" name=\"kind\">\n");
	option(b, "", "Every kind", !f->kind);
	for (int i = 0; m_decision_kinds[i]; i++)
		option(b, m_decision_kinds[i], m_decision_kind_labels[i], f->kind && strcmp(f->kind, m_decision_kinds[i]) == 0);
	buf_puts(b, "</select></p>\n<p><label for=\"status\">Status</label>\n<select id=\"status\" name=\"status\">\n");
	option(b, "", "Any status", !f->status);
	for (int i = 0; m_decision_states[i]; i++)
		option(b, m_decision_states[i], m_decision_state_labels[i],
		       f->status && strcmp(f->status, m_decision_states[i]) == 0);
	html_fmt(b, "</select></p>\n<p class=\"checkbox\"><input type=\"checkbox\" id=\"key\" name=\"key\" value=\"1\"%r>\n"
		 "<label for=\"key\">Key decisions only</label></p>\n</div>\n</fieldset>\n"
		 "<button type=\"submit\" class=\"button\">Show decisions</button>\n"
		 "<a href=\"/decisions\">Clear the filters</a>\n</form>\n",
		 f->key_only ? " checked" : "");
	return rc;
}

int page_decisions(struct req *r)
{
	static const struct crumb crumbs[] = { { "Decisions", NULL } };
	struct buf *b = &r->body;
	struct decisions_req dr;
	struct cursor c;
	struct decision_row d;
	static const char *const cols[] = { "Decision", "Date", "Decision maker", "Kind", "Key decision", "Status",
					    NULL };
	struct list_table t = { "decisions", "Decisions", cols, "Decisions", 0, 0, 0 };
	struct buf title = BUF_INIT;
	int64_t total = 0;
	int status;

	if ((status = decisions_read(r, &dr)) != 0)
		return status;
	if (stat_decisions_count(r->db, &dr.f, &total) < 0)
		return 500;
	if (list_page_past_end(r, dr.page, PER_PAGE, total, "decisions"))
		return 404;
	if (dr.page > 1)
		buf_printf(&title, "Decisions, page %lld", (long long)dr.page);
	else
		buf_puts(&title, "Decisions");
	page_begin(r, SEC_DECISIONS, title.data, crumbs, 1);
	buf_release(&title);
	buf_puts(b, "<h1>Decisions</h1>\n<p>The decisions of the council's executive, its committees, and its "
		 "officers acting under delegated powers, newest first. Key decisions are announced in advance "
		 "on the <a href=\"/forward-plan\">forward plan</a>.</p>\n");
	feed_alert_link(b, "decisions", 0, "Get e-mail alerts of new decisions");
	if (filters_form(r, &dr) < 0)
		return 500;
	html_fmt(b, "<p class=\"result-count\" role=\"status\">%l decision%r", total, total == 1 ? "" : "s");
	if (total > PER_PAGE)
		html_fmt(b, ", page %l of %l", dr.page, (total + PER_PAGE - 1) / PER_PAGE);
	buf_puts(b, "</p>\n");
	if (stat_decisions(r->db, &dr.f, &c) < 0)
		return 500;
	while (cursor_next_decision(&c, &d)) {
		list_row(b, &t);
		html_fmt(b, "<tr><th scope=\"row\"><a href=\"/decisions/%l\">%s</a></th><td>", d.id, d.title);
		decision_date_put(b, &d);
		buf_puts(b, "</td><td>");
		decision_maker_put(b, &d);
		html_fmt(b, "</td><td>%s</td><td>%r</td><td>",
			 d.kind ? choice_label(m_decision_kinds, m_decision_kind_labels, d.kind) : "Not stated",
			 !d.key_decision ? "Not stated" :
			 strcmp(d.key_decision, "1") == 0 ? "<strong class=\"tag tag-key\">Key decision</strong>" : "No");
		decision_status_put(b, d.status);
		buf_puts(b, "</td></tr>\n");
	}
	if (c.err)
		return 500;
	list_end(b, &t, "No decision matches these filters.");
	list_pager(b, &(struct list_pages){ "/decisions", "Pages of decisions", dr.page, PER_PAGE, total, decisions_qs, &dr });
	page_end(r);
	return 200;
}

/* --- one decision --------------------------------------------------------- */

static void yes_no(struct buf *b, const char *term, const char *v)
{
	html_fmt(b, "<dt>%s</dt><dd>%r</dd>\n", term, !v ? "Not stated" : strcmp(v, "1") == 0 ? "Yes" : "No");
}

static void prose_section(struct buf *b, const char *id, const char *heading, const char *html)
{
	if (!html)
		return;
	html_fmt(b, "<section aria-labelledby=\"%r\">\n<h2 id=\"%r\">%s</h2>\n<div class=\"prose\">%r</div>\n</section>\n",
		 id, id, heading, html);
}

int page_decision(struct req *r)
{
	struct buf *b = &r->body;
	struct decision_row d;
	struct crumb crumbs[2];
	int rc = stat_decision(r->db, r->id[0], &d);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	crumbs[0] = (struct crumb){ "Decisions", "/decisions" };
	crumbs[1] = (struct crumb){ req_strdup(r, d.title), NULL };
	page_begin(r, SEC_DECISIONS, crumbs[1].label, crumbs, 2);
	html_fmt(b, "<p class=\"caption\">%s</p>\n<h1>%s</h1>\n<dl class=\"facts\">\n",
		 d.kind ? choice_label(m_decision_kinds, m_decision_kind_labels, d.kind) : "Decision", d.title);
	buf_puts(b, "<dt>Decision maker</dt><dd>");
	decision_maker_put(b, &d);
	buf_puts(b, "</dd>\n<dt>Date of decision</dt><dd>");
	decision_date_put(b, &d);
	buf_puts(b, "</dd>\n<dt>Status</dt><dd>");
	decision_status_put(b, d.status);
	html_fmt(b, "</dd>\n<dt>Kind of decision</dt><dd>%s</dd>\n",
		 d.kind ? choice_label(m_decision_kinds, m_decision_kind_labels, d.kind) : "Not stated");
	yes_no(b, "Key decision", d.key_decision);
	fact_text_put(b, "Wards affected", d.wards, "Not stated");
	yes_no(b, "Subject to call-in", d.call_in);
	fact_date_put(b, "Call-in deadline", d.call_in_deadline);
	fact_date_put(b, "Takes effect", d.effective_from);
	if (d.meeting_id && d.agenda_item_id) {
		html_fmt(b, "<dt>Made at</dt><dd><a href=\"/meetings/%l/items/%l\">%s%s%s%s</a>, <a href=\"/meetings/%l\">%s, ",
			 d.meeting_id, d.agenda_item_id, d.item_number ? "Item " : "",
			 d.item_number ? d.item_number : "", d.item_number ? ": " : "", d.item_title ? d.item_title : "",
			 d.meeting_id, d.meeting_name ? d.meeting_name : "");
		date_put_long(b, d.meeting_start_at);
		buf_puts(b, "</a></dd>\n");
	}
	if (d.paper_id)
		html_fmt(b, "<dt>Report or issue</dt><dd><a href=\"/issues/%l\">%s%s%s</a></dd>\n", d.paper_id,
			 d.paper_reference ? d.paper_reference : "", d.paper_reference ? ": " : "", d.paper_title);
	if (d.plan_entry_id)
		html_fmt(b, "<dt>Forward plan</dt><dd><a href=\"/forward-plan?past=1#entry-%l\">%s%s%s</a></dd>\n",
			 d.plan_entry_id, d.plan_reference ? d.plan_reference : "", d.plan_reference ? ": " : "",
			 d.plan_title);
	buf_puts(b, "</dl>\n");
	html_fmt(b, "<p class=\"printed\"><a href=\"/decisions/%l.pdf\">Decision notice (PDF)</a></p>\n", d.id);
	prose_section(b, "decision", "The decision", d.decision_html);
	prose_section(b, "reasons", "Reasons for the decision", d.reasons_html);
	prose_section(b, "alternatives", "Alternative options considered and rejected", d.alternatives_html);
	html_fmt(b, "<section aria-labelledby=\"interests\">\n<h2 id=\"interests\">Conflicts of interest</h2>\n"
		 "<dl class=\"facts\">\n<dt>Declared</dt><dd>%s</dd>\n<dt>Dispensations granted</dt><dd>%s</dd>\n"
		 "</dl>\n</section>\n", d.conflicts ? d.conflicts : "None declared",
		 d.dispensations ? d.dispensations : "None");
	page_end(r);
	return 200;
}
