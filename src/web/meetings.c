/* meetings.c: the meetings calendar (/meetings?month=), a meeting
 * (/meetings/{id}) and an agenda item (/meetings/{id}/items/{id}). */
#include <stdio.h>
#include <string.h>

#include "db/model.h"
#include "db/log.h"
#include "db/public.h"
#include "db/statutory.h"
#include "ui/feeds.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "web/printed.h"
#include "web/web.h"
#include "util/banned.h"

/* A status, and since when (a UTC timestamp shown as local; NULL: not
 * known). */
static void put_status(struct buf *b, const char *status, const char *since)
{
	buf_puts(b, status);
	if (since) {
		buf_putc(b, ' ');
		date_put_utc_local(b, since);
	}
}

/* --- calendar ------------------------------------------------------------ */

static void month_link(struct buf *b, int y, int mo, const char *rel, const char *text)
{
	html_fmt(b, "<a href=\"/meetings?month=%d-%r%d\" rel=\"%r\">%r ", y, mo < 10 ? "0" : "", mo,
		 rel, text);
	html_fmt(b, "%s %d</a>", date_month_names[mo], y);
}

int page_meetings(struct req *r)
{
	static const struct crumb crumbs[] = { { "Meetings", NULL } };
	struct buf *b = &r->body;
	struct buf title = BUF_INIT;
	struct cursor c;
	struct meeting_row m;
	char month[8], first[8], last[8], now[17];
	int y, mo, n = 0, have_range, start_wday, ndays;
	/* Meetings per day of the month, for the grid. */
	int64_t day_ids[32][4];
	int day_n[32] = { 0 };

	date_now_local(now);
	if (r->q[0].set)
		snprintf(month, sizeof(month), "%s", r->q[0].text);
	else
		snprintf(month, sizeof(month), "%.7s", now);
	y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 + (month[3] - '0');
	mo = (month[5] - '0') * 10 + (month[6] - '0');
	have_range = pub_meeting_month_range(r->db, first, last);
	if (have_range < 0)
		return 500;

	buf_printf(&title, "Meetings in %s %d", date_month_names[mo], y);
	{
		struct buf head = BUF_INIT;
		feed_head_links(&head, 0);
		page_begin_head(r, SEC_MEETINGS, title.data, crumbs, 1, head.data);
		buf_release(&head);
	}
	html_fmt(b, "<h1>%s</h1>\n", title.data);
	buf_release(&title);

	buf_puts(b, "<nav class=\"pager\" aria-label=\"Months\"><ul>\n");
	if (have_range && strcmp(first, month) < 0) {
		buf_puts(b, "<li class=\"prev\">");
		month_link(b, mo == 1 ? y - 1 : y, mo == 1 ? 12 : mo - 1, "prev", "←");
		buf_puts(b, "</li>\n");
	}
	if (strncmp(now, month, 7) != 0)
		buf_puts(b, "<li><a href=\"/meetings\">This month</a></li>\n");
	if (have_range && strcmp(last, month) > 0) {
		buf_puts(b, "<li class=\"next\">");
		month_link(b, mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1, "next", "→");
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul></nav>\n");

	if (pub_meetings_in_month(r->db, month, &c) < 0)
		return 500;
	while (cursor_next_meeting(&c, &m)) {
		int d = (m.start_at[8] - '0') * 10 + (m.start_at[9] - '0');
		if (n++ == 0)
			buf_puts(b, "<ul class=\"meeting-list month-list\">\n");
		if (d >= 1 && d <= 31 && day_n[d] < 4)
			day_ids[d][day_n[d]++] = m.id;
		html_fmt(b, "<li><a href=\"/meetings/%l\">%s</a>", m.id, m.name);
		meeting_state_tag(b, &m);
		buf_puts(b, "<br><span class=\"meta\">");
		meeting_time(b, &m);
		if (m.location_name)
			html_fmt(b, " · %s", m.location_name);
		buf_puts(b, "</span></li>\n");
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</ul>\n" : "<p>There are no meetings this month.</p>\n");

	/* The month as a grid, Monday first, linking days with meetings. */
	start_wday = (civil_weekday(y, mo, 1) + 6) % 7;
	ndays = days_in_month(y, mo);
	html_fmt(b, "<table class=\"calendar\">\n<caption>Calendar for %s %d</caption>\n<thead><tr>",
		 date_month_names[mo], y);
	for (int i = 0; i < 7; i++) {
		html_fmt(b, "<th scope=\"col\"><abbr title=\"%s\">", date_day_names[(i + 1) % 7]);
		buf_append(b, date_day_names[(i + 1) % 7], 3);
		buf_puts(b, "</abbr></th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n<tr>");
	for (int i = 0; i < start_wday; i++)
		buf_puts(b, "<td></td>");
	for (int d = 1; d <= ndays; d++) {
		int col = (start_wday + d - 1) % 7;
		if (col == 0 && d > 1)
			buf_puts(b, "</tr>\n<tr>");
		if (day_n[d]) {
			buf_printf(b, "<td class=\"has-meeting\"><span class=\"day\">%d</span>", d);
			for (int k = 0; k < day_n[d]; k++)
				html_fmt(b, " <a href=\"/meetings/%l\" aria-label=\"Meeting on %d %s\">●</a>",
					 day_ids[d][k], d, date_month_names[mo]);
			buf_puts(b, "</td>");
		} else {
			buf_printf(b, "<td><span class=\"day\">%d</span></td>", d);
		}
	}
	for (int col = (start_wday + ndays) % 7; col && col < 7; col++)
		buf_puts(b, "<td></td>");
	buf_puts(b, "</tr>\n</tbody>\n</table>\n");
	feed_subscribe_links(b, 0, 0);
	page_end(r);
	return 200;
}

/* --- one meeting ----------------------------------------------------------- */

static void exempt_note(struct buf *b, const struct item_row *it)
{
	const char *para = schedule12a_text(it->exempt_paragraph);

	buf_puts(b, "<p class=\"exempt\"><strong>Exempt item.</strong> ");
	html_fmt(b, "The public may be excluded during this item under paragraph %d of Part 1 of "
		 "Schedule 12A to the Local Government Act 1972", it->exempt_paragraph);
	if (para)
		html_fmt(b, ": %s", para);
	buf_puts(b, ".");
	if (it->exempt_reason)
		html_fmt(b, " %s", it->exempt_reason);
	buf_puts(b, "</p>\n");
}

static int meeting_header(struct req *r, const struct meeting_row *m)
{
	struct buf *b = &r->body;
	struct buf venue = BUF_INIT;

	buf_puts(b, "<dl class=\"facts\">\n<dt>Date and time</dt><dd>");
	meeting_time(b, m);
	if (m->end_at && strlen(m->end_at) >= 16) {
		buf_puts(b, " to ");
		date_put_time(b, m->end_at);
	}
	buf_puts(b, "</dd>\n");
	meeting_venue(&venue, m);
	if (venue.len) {
		struct m_location loc;
		html_fmt(b, "<dt>Venue</dt><dd>%s", venue.data);
		/* Where it is, when the venue says: a map (OpenStreetMap). */
		if (m->location_id && model_pub_get(r->db, &model[M_location], m->location_id, &loc) == 1 &&
		    loc.latitude && loc.longitude)
			html_fmt(b, " (<a href=\"https://www.openstreetmap.org/?mlat=%s&amp;mlon=%s#map=18/%s/%s\">view on a map</a>)",
				 loc.latitude, loc.longitude, loc.latitude, loc.longitude);
		buf_puts(b, "</dd>\n");
	}
	buf_release(&venue);
	html_fmt(b, "<dt>Committee</dt><dd><a href=\"/committees/%l\">%s</a></dd>\n",
		 m->organization_id, m->organization_name);
	buf_puts(b, "<dt>Status</dt><dd>");
	if (strcmp(m->state, "cancelled") == 0)
		buf_puts(b, "<strong class=\"tag tag-cancelled\">Cancelled</strong>");
	else if (strcmp(m->state, "postponed") == 0)
		buf_puts(b, "<strong class=\"tag tag-postponed\">Postponed</strong>");
	else if (strcmp(m->state, "held") == 0)
		buf_puts(b, "Held");
	else
		buf_puts(b, "Scheduled");
	if (m->state_reason)
		html_fmt(b, ". %s", m->state_reason);
	buf_puts(b, "</dd>\n<dt>Agenda</dt><dd>");
	if (strcmp(m->agenda_status, "published") == 0) {
		/* (a record imported from elsewhere may not say when) */
		put_status(b, "Published", m->agenda_published_at);
	} else if (strcmp(m->agenda_status, "withdrawn") == 0) {
		put_status(b, "Withdrawn", m->agenda_withdrawn_at);
	} else {
		buf_puts(b, "Not yet published");
	}
	buf_puts(b, "</dd>\n<dt>Minutes</dt><dd>");
	if (strcmp(m->minutes_status, "approved") == 0) {
		buf_puts(b, "Approved");
		if (m->minutes_approved_by)
			html_fmt(b, " at the <a href=\"/meetings/%l\">following meeting</a>", m->minutes_approved_by);
	} else if (strcmp(m->minutes_status, "published") == 0) {
		put_status(b, "Draft minutes published", m->minutes_published_at);
		buf_puts(b, "; subject to approval at the next meeting");
	} else if (strcmp(m->minutes_status, "withdrawn") == 0) {
		put_status(b, "Withdrawn", m->minutes_withdrawn_at);
	} else {
		buf_puts(b, "Not yet published");
	}
	buf_puts(b, "</dd>\n");
	if (m->webcast_url)
		html_fmt(b, "<dt>Webcast</dt><dd><a href=\"%s\">Watch the webcast</a></dd>\n", m->webcast_url);
	buf_puts(b, "</dl>\n");
	return 0;
}

int page_meeting(struct req *r)
{
	struct buf *b = &r->body;
	struct buf title = BUF_INIT;
	struct crumb crumbs[3];
	struct meeting_row m, other;
	struct item_row it;
	struct file_row f;
	struct attendance_row a;
	struct declaration_row d;
	struct cursor c, fc;
	const char *license;
	const char *pack_html = meeting_pack_html(r, r->id[0]); /* before the meeting's row: it reads it too */
	int rc = pub_meeting(r->db, r->id[0], &m), n = 0, have_file;
	char org_href[40];

	if (!pack_html)
		return 500;
	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	meeting_label(&title, &m);
	snprintf(org_href, sizeof(org_href), "/committees/%lld", (long long)m.organization_id);
	crumbs[0] = (struct crumb){ "Committees", "/committees" };
	crumbs[1] = (struct crumb){ m.organization_name, org_href };
	crumbs[2] = (struct crumb){ NULL, NULL };
	{
		struct buf when = BUF_INIT;
		date_put_long(&when, m.start_at);
		crumbs[2].label = req_strdup(r, when.data);
		buf_release(&when);
	}
	{
		/* The meeting as schema.org JSON-LD, and its committee's feeds. */
		struct buf head = BUF_INIT;
		jsonld_meeting(&head, r, &m);
		feed_head_links(&head, m.organization_id);
		page_begin_head(r, SEC_MEETINGS, title.data, crumbs, 3, head.data);
		buf_release(&head);
	}
	html_fmt(b, "<h1><span class=\"caption\">%s</span> ", m.name);
	date_put_long(b, m.start_at);
	buf_puts(b, "</h1>\n");
	buf_release(&title);
	if (strcmp(m.state, "cancelled") == 0)
		html_fmt(b, "<p class=\"notice\"><strong>This meeting has been cancelled.</strong> %s</p>\n",
			 m.state_reason);
	else if (strcmp(m.state, "postponed") == 0)
		html_fmt(b, "<p class=\"notice\"><strong>This meeting has been postponed.</strong> %s</p>\n",
			 m.state_reason);
	meeting_header(r, &m);
	if (pub_own_license(r->db, OWN_LICENSE_MEETING, m.id, &license) < 0)
		return 500;
	if (license)
		licence_note(b, "meeting", license);
	feed_subscribe_links(b, m.organization_id, m.id);
	{
		/* The printed minutes, once public (web/printed.c; a failed
		 * render leaves the link out rather than the page). */
		int pages;
		size_t size;

		if (printed_minutes_info(r, &m, &pages, &size) == 1) {
			html_fmt(b, "<p class=\"printed\"><a href=\"/meetings/%l/minutes.pdf\">Printed minutes</a>"
				 " <span class=\"file-meta\">(PDF, %d page%s, ", m.id, pages, pages == 1 ? "" : "s");
			if (size >= 1024 * 1024)
				buf_printf(b, "%.1f MB", (double)size / (1024.0 * 1024.0));
			else
				buf_printf(b, "%zu KB", (size + 1023) / 1024);
			buf_puts(b, ")</span>");
			/* Their entry in the publication log, with its proof (docs/LOG.md). */
			{
				char object[48];
				uint64_t entry;
				snprintf(object, sizeof(object), "/meetings/%lld/minutes", (long long)m.id);
				if (log_latest(r->db, object, &entry) == 1)
					html_fmt(b, " · <a href=\"/meetings/%l/minutes.tlog-proof\" title=\"Proof that these minutes"
						 " are in the site's publication log, entry %l\">Proof of publication</a>", m.id,
						 (int64_t)entry);
			}
			buf_puts(b, "</p>\n");
		}
	}

	/* Meeting-level documents. */
	if (pub_files_of_meeting(r->db, m.id, &c) < 0)
		return 500;
	while (cursor_next_file(&c, &f)) {
		if (n++ == 0)
			buf_puts(b, "<section aria-labelledby=\"docs\">\n<h2 id=\"docs\">Documents</h2>\n<ul class=\"documents\">\n");
		html_fmt(b, "<li><span class=\"doc-role\">%s:</span> ", file_role_label(f.role));
		file_link(b, &f);
		buf_puts(b, "</li>\n");
	}
	if (c.err)
		return 500;
	if (n)
		buf_puts(b, "</ul>\n</section>\n");

	/* The agenda, with each item's documents. */
	buf_puts(b, "<section aria-labelledby=\"agenda\">\n<h2 id=\"agenda\">Agenda</h2>\n");
	if (strcmp(m.agenda_status, "withdrawn") == 0) {
		buf_puts(b, "<p>The agenda for this meeting has been withdrawn. It will be published again "
			    "here.</p>\n");
	} else if (strcmp(m.agenda_status, "published") != 0) {
		buf_puts(b, "<p>The agenda for this meeting has not been published yet. Agendas are "
			    "published at least five clear working days before the meeting.</p>\n");
	} else {
		buf_puts(b, pack_html);
		n = 0;
		if (pub_items_of_meeting(r->db, m.id, &c) < 0 || pub_files_of_meeting_items(r->db, m.id, &fc) < 0)
			return 500;
		have_file = cursor_next_file(&fc, &f);
		while (cursor_next_item(&c, &it)) {
			if (n++ == 0)
				buf_puts(b, "<ol class=\"agenda\">\n");
			html_fmt(b, "<li class=\"agenda-item\"><span class=\"item-number\">%s</span>"
				 "<div class=\"item-body\"><h3 class=\"item-title\"><a href=\"/meetings/%l/items/%l\">%s</a></h3>\n",
				 it.number ? it.number : "", m.id, it.id, it.title);
			if (it.exempt)
				exempt_note(b, &it);
			if (it.description_html)
				html_fmt(b, "<div class=\"prose\">%r</div>\n", it.description_html);
			/* Files come ordered by item, like the items; a file for a
			 * later item waits in the cursor. */
			if (have_file && f.agenda_item_id == it.id) {
				buf_puts(b, "<ul class=\"documents\">\n");
				while (have_file && f.agenda_item_id == it.id) {
					buf_puts(b, "<li>");
					file_link(b, &f);
					buf_puts(b, "</li>\n");
					have_file = cursor_next_file(&fc, &f);
				}
				buf_puts(b, "</ul>\n");
			}
			if (it.minutes_html)
				html_fmt(b, "<p><a href=\"/meetings/%l/items/%l#minutes\">Minutes of item %s</a></p>\n",
					 m.id, it.id, it.number ? it.number : "");
			buf_puts(b, "</div></li>\n");
		}
		if (c.err || fc.err)
			return 500;
		/* Drain the file cursor if items ended first. */
		while (have_file)
			have_file = cursor_next_file(&fc, &f);
		buf_puts(b, n ? "</ol>\n" : "<p>There are no items on this agenda.</p>\n");
	}
	buf_puts(b, "</section>\n");

	/* Attendance. */
	if (pub_attendance_of_meeting(r->db, m.id, &c) < 0)
		return 500;
	n = 0;
	while (cursor_next_attendance(&c, &a)) {
		if (n++ == 0)
			buf_puts(b, "<section aria-labelledby=\"attendance\">\n<h2 id=\"attendance\">Attendance</h2>\n"
				    "<table class=\"attendance\">\n<caption class=\"visually-hidden\">Attendance at this meeting</caption>\n"
				    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Attendance</th><th scope=\"col\">Notes</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td><a href=\"/people/%l\">%s</a></td><td>%s</td><td>", a.person_id,
			 a.person_name, attendance_label(a.status));
		if (a.substitute_for)
			html_fmt(b, "Substitute for <a href=\"/people/%l\">%s</a>", a.substitute_for,
				 a.substitute_for_name);
		if (a.note)
			html_fmt(b, "%s%s", a.substitute_for ? "; " : "", a.note);
		buf_puts(b, "</td></tr>\n");
	}
	if (c.err)
		return 500;
	if (n)
		buf_puts(b, "</tbody>\n</table>\n</section>\n");

	/* Declarations of interest. */
	if (pub_declarations_of_meeting(r->db, m.id, &c) < 0)
		return 500;
	n = 0;
	while (cursor_next_declaration(&c, &d)) {
		if (n++ == 0)
			buf_puts(b, "<section aria-labelledby=\"declarations\">\n<h2 id=\"declarations\">Declarations of interest</h2>\n<ul>\n");
		html_fmt(b, "<li><a href=\"/people/%l\">%s</a>", d.person_id, d.person_name);
		if (d.item_title)
			html_fmt(b, " (item %s, %s)", d.item_number ? d.item_number : "", d.item_title);
		html_fmt(b, ": %s%s</li>\n", d.description,
			 d.left_room ? " They left the room for this item." : "");
	}
	if (c.err)
		return 500;
	if (n)
		buf_puts(b, "</ul>\n</section>\n");
	else if (strcmp(m.state, "held") == 0)
		buf_puts(b, "<section aria-labelledby=\"declarations\">\n<h2 id=\"declarations\">Declarations of interest</h2>\n"
			    "<p>None were declared.</p>\n</section>\n");

	/* Previous and next meetings of the committee. */
	buf_puts(b, "<nav class=\"pager\" aria-label=\"Other meetings of this committee\"><ul>\n");
	if (pub_meeting_next_of_org(r->db, &m, 0, &other) == 1) {
		html_fmt(b, "<li class=\"prev\"><a href=\"/meetings/%l\" rel=\"prev\">← Previous meeting: ", other.id);
		date_put_long(b, other.start_at);
		buf_puts(b, "</a></li>\n");
	}
	if (pub_meeting_next_of_org(r->db, &m, 1, &other) == 1) {
		html_fmt(b, "<li class=\"next\"><a href=\"/meetings/%l\" rel=\"next\">Next meeting: ", other.id);
		date_put_long(b, other.start_at);
		buf_puts(b, " →</a></li>\n");
	}
	buf_puts(b, "</ul></nav>\n");
	page_end(r);
	return 200;
}

/* --- one agenda item --------------------------------------------------------- */

int page_item(struct req *r)
{
	struct buf *b = &r->body;
	struct buf title = BUF_INIT, when = BUF_INIT;
	struct crumb crumbs[4];
	struct meeting_row m;
	struct item_row it;
	struct vote_row v;
	struct vote_record_row vr;
	struct cursor c, vc;
	const char *license;
	char org_href[40], meeting_href[40];
	int rc, n = 0;

	rc = pub_meeting(r->db, r->id[0], &m);
	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	rc = pub_item(r->db, m.id, r->id[1], &it);
	if (rc <= 0)
		return rc < 0 ? 500 : 404;

	snprintf(org_href, sizeof(org_href), "/committees/%lld", (long long)m.organization_id);
	snprintf(meeting_href, sizeof(meeting_href), "/meetings/%lld", (long long)m.id);
	date_put_long(&when, m.start_at);
	crumbs[0] = (struct crumb){ "Committees", "/committees" };
	crumbs[1] = (struct crumb){ m.organization_name, org_href };
	crumbs[2] = (struct crumb){ when.data, meeting_href };
	{
		struct buf lab = BUF_INIT;
		buf_printf(&lab, "Item %s", it.number ? it.number : "");
		crumbs[3] = (struct crumb){ req_strdup(r, lab.data), NULL };
		buf_release(&lab);
	}
	buf_printf(&title, "%s – ", it.title);
	meeting_label(&title, &m);
	page_begin(r, SEC_MEETINGS, title.data, crumbs, 4);
	buf_release(&title);

	html_fmt(b, "<p class=\"caption\">Agenda item</p>\n<h1>%s</h1>\n", it.title);
	html_fmt(b, "<p class=\"meta\">Item %s of the <a href=\"/meetings/%l\">%s meeting on %s</a>",
		 it.number ? it.number : "", m.id, m.name, when.data);
	buf_puts(b, ", ");
	date_put_time(b, m.start_at);
	buf_puts(b, ".</p>\n");
	buf_release(&when);
	if (pub_own_license(r->db, OWN_LICENSE_ITEM, it.id, &license) < 0)
		return 500;
	if (license)
		licence_note(b, "item", license);

	if (it.exempt)
		exempt_note(b, &it);
	/* The papers it considers ("issues"), each with its own page. */
	{
		struct paper_row p;
		int k = 0;
		if (pub_papers_of_item(r->db, it.id, &c) < 0)
			return 500;
		while (cursor_next_paper(&c, &p)) {
			buf_puts(b, k++ == 0 ? "<p class=\"meta\">Issue: " : "; ");
			html_fmt(b, "<a href=\"/issues/%l\">%s%s%s</a>", p.id, p.reference ? p.reference : "",
				 p.reference ? ": " : "", p.title);
		}
		if (c.err)
			return 500;
		if (k)
			buf_puts(b, "</p>\n");
	}
	/* As the record reads: "Minutes:" once there are minutes; until then
	 * the item's purpose. */
	if (it.description_html && !it.minutes_html)
		html_fmt(b, "<section aria-labelledby=\"description\">\n<h2 id=\"description\">Purpose of item:</h2>\n"
			 "<div class=\"prose\">%r</div>\n</section>\n", it.description_html);
	if (it.decision_html)
		html_fmt(b, "<section aria-labelledby=\"decision\">\n<h2 id=\"decision\">Decision:</h2>\n"
			 "<div class=\"prose\">%r</div>\n</section>\n", it.decision_html);
	/* Its decision records (/decisions/{id}), once public. */
	{
		struct decision_row d;
		int nd = 0;
		if (stat_decisions_of_item(r->db, it.id, &c) < 0)
			return 500;
		while (cursor_next_decision(&c, &d))
			html_fmt(b, "%r<li><a href=\"/decisions/%l\">%s</a></li>\n", nd++ ? "" :
				 "<section aria-labelledby=\"decision-records\">\n<h2 id=\"decision-records\">Decision records:</h2>\n<ul>\n",
				 d.id, d.title);
		if (c.err)
			return 500;
		if (nd)
			buf_puts(b, "</ul>\n</section>\n");
	}
	if (it.minutes_html)
		html_fmt(b, "<section aria-labelledby=\"minutes\">\n<h2 id=\"minutes\">Minutes:</h2>\n"
			 "<div class=\"prose\">%r</div>\n</section>\n", it.minutes_html);
	else if (!it.exempt)
		buf_puts(b, "<p>The minutes of this item have not been published yet.</p>\n");

	/* Votes (only present with published minutes). */
	if (pub_votes_of_item(r->db, it.id, &c) < 0)
		return 500;
	while (cursor_next_vote(&c, &v)) {
		if (n++ == 0)
			buf_puts(b, "<section aria-labelledby=\"votes\">\n<h2 id=\"votes\">Votes:</h2>\n");
		html_fmt(b, "<div class=\"vote\"><p><strong>%s</strong> – %s", v.motion,
			 strcmp(v.result, "carried") == 0 ? "Carried" : strcmp(v.result, "lost") == 0 ? "Lost" :
			 strcmp(v.result, "tied") == 0 ? "Tied" : "Withdrawn");
		html_fmt(b, " (for %d, against %d, abstentions %d)</p>\n", v.votes_for, v.votes_against,
			 v.abstentions);
		if (v.recorded) {
			int k = 0;
			if (pub_vote_records(r->db, v.id, &vc) < 0)
				return 500;
			while (cursor_next_vote_record(&vc, &vr)) {
				if (k++ == 0)
					buf_puts(b, "<ul class=\"recorded-vote\">\n");
				html_fmt(b, "<li><a href=\"/people/%l\">%s</a>: %s</li>\n", vr.person_id,
					 vr.person_name, strcmp(vr.position, "for") == 0 ? "For" :
					 strcmp(vr.position, "against") == 0 ? "Against" :
					 strcmp(vr.position, "abstain") == 0 ? "Abstained" : "Did not vote");
			}
			if (k)
				buf_puts(b, "</ul>\n");
		}
		buf_puts(b, "</div>\n");
	}
	if (c.err)
		return 500;
	if (n)
		buf_puts(b, "</section>\n");

	if (pub_files_of_item(r->db, it.id, &c) < 0 ||
	    documents_section(b, &c, "Supporting documents:", "There are no public documents for this item.") < 0)
		return 500;
	page_end(r);
	return 200;
}
