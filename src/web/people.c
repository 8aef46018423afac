/* people.c: /people and /people/{id}, a member's record (after ModernGov's
 * mgUserInfo, mgAttendance and mgDeclarations pages): committees and roles
 * over time, attendance over a chosen period (a chart and its table), the
 * register of interests, declarations of interest at meetings.  The
 * attendance rules are db/members.h's (docs/DECISIONS.md, "Members'
 * records"). */
#include <stdio.h>
#include <string.h>

#include "db/members.h"
#include "db/model.h"
#include "db/public.h"
#include "ui/chart.h"
#include "ui/feeds.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/lists.h"
#include "util/date.h"
#include "web/web.h"
#include "util/banned.h"

int page_people(struct req *r)
{
	static const struct crumb crumbs[] = { { "People", NULL } };
	static const char *const cols[] = { "Name", "Party", "Division or nominating body", NULL };
	struct list_table t = { "people", "Everyone in the record, by surname", cols, NULL, 0, 0, 0 };
	struct buf *b = &r->body;
	struct cursor c;
	struct person_row p;

	page_begin(r, SEC_PEOPLE, "Councillors and members", crumbs, 1);
	buf_puts(b, "<h1>Councillors and members</h1>\n");
	if (pub_people(r->db, &c) < 0)
		return 500;
	while (cursor_next_person(&c, &p)) {
		list_row(b, &t);
		html_fmt(b, "<tr><td><a href=\"/people/%l\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
			 p.id, p.name, p.party ? p.party : "",
			 p.area ? p.area : p.nominated_by ? p.nominated_by : "");
	}
	if (c.err)
		return 500;
	list_end(b, &t, "No people are recorded.");
	page_end(r);
	return 200;
}

/* --- committees and roles ------------------------------------------------ */

static void put_role(struct buf *b, const struct member_row *mr)
{
	html_fmt(b, "<li><a href=\"/committees/%l\">%s</a>: %s%s", mr->organization_id, mr->organization_name,
		 member_role_label(mr->role), mr->voting ? "" : " (non-voting)");
	if (mr->start_date || mr->end_date) {
		buf_puts(b, " <span class=\"meta\">");
		if (mr->start_date) {
			buf_puts(b, "from ");
			date_put_short(b, mr->start_date);
		}
		if (mr->end_date) {
			buf_puts(b, mr->start_date ? " until " : "until ");
			date_put_short(b, mr->end_date);
		}
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</li>\n");
}

/* Current roles, then past ones (pub_person_roles gives them in that order). */
static int roles_section(struct req *r, int64_t person_id, const char *today)
{
	struct buf *b = &r->body;
	struct member_row mr;
	struct cursor c;
	int ncur = 0, npast = 0;

	buf_puts(b, "<section aria-labelledby=\"roles\">\n<h2 id=\"roles\">Committees and roles</h2>\n");
	if (pub_person_roles(r->db, person_id, &c) < 0)
		return -1;
	while (cursor_next_member(&c, &mr)) {
		int past = mr.end_date && strcmp(mr.end_date, today) < 0;

		if (!past && ncur++ == 0)
			buf_puts(b, "<h3>Current</h3>\n<ul>\n");
		if (past && npast++ == 0)
			buf_puts(b, ncur ? "</ul>\n<h3>Past</h3>\n<ul>\n" : "<p>No current committee memberships are recorded.</p>\n"
				    "<h3>Past</h3>\n<ul>\n");
		put_role(b, &mr);
	}
	if (c.err)
		return -1;
	buf_puts(b, ncur || npast ? "</ul>\n" : "<p>No committee memberships are recorded.</p>\n");
	buf_puts(b, "</section>\n");
	return 0;
}

/* --- attendance over a period --------------------------------------------- */

/* A day of the period from the query: 0 with *z, or -1 when it is not a
 * real date written YYYY-MM-DD. */
static int period_day(const char *s, long *z)
{
	struct civil c;

	if (strlen(s) != 10 || civil_parse(s, &c) < 0)
		return -1;
	*z = days_from_civil(c.year, c.month, c.day);
	return 0;
}

/* The period asked for (from = q[0], to = q[1]), by default the last 12
 * months to today; 0, or 400 with the reason in r->errmsg. */
static int read_period(struct req *r, long today, long *from, long *to)
{
	int y, m, d;

	*to = today;
	if (r->q[1].set && period_day(r->q[1].text, to) < 0) {
		r->errmsg = "The end of the period (\"to\") is not a date: write it as YYYY-MM-DD, for example 2025-03-31.";
		return 400;
	}
	civil_from_days(*to, &y, &m, &d);
	y--;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	*from = days_from_civil(y, m, d);
	if (r->q[0].set && period_day(r->q[0].text, from) < 0) {
		r->errmsg = "The start of the period (\"from\") is not a date: write it as YYYY-MM-DD, for example 2024-04-01.";
		return 400;
	}
	if (*from > *to) {
		r->errmsg = "The period starts after it ends: \"from\" must be on or before \"to\".";
		return 400;
	}
	return 0;
}

static int percent(int part, int whole)
{
	return whole ? (part * 100 + whole / 2) / whole : 0;
}

/* "present 7 of 9 (78%), apologies 1, absent 1; 2 as a substitute" */
static void sum_words(struct buf *b, const struct attendance_sum_row *s)
{
	if (s->expected)
		buf_printf(b, "present %d of %d (%d%%), apologies %d, absent %d", s->present, s->expected,
			   percent(s->present, s->expected), s->apologies, s->absent);
	else
		buf_puts(b, "No meetings expected");
	if (s->substitute)
		buf_printf(b, "; %d as a substitute", s->substitute);
}

static void put_sum_row(struct buf *b, const struct attendance_sum_row *s, int64_t org_id, const char *cell)
{
	buf_puts(b, "<tr>");
	if (org_id)
		html_fmt(b, "<th scope=\"row\"><a href=\"/committees/%l\">%s</a></th>", org_id, s->organization_name);
	else
		html_fmt(b, "<th scope=\"row\">%s</th>", s->organization_name);
	html_fmt(b, "<%s class=\"num\">%d</%s><%s class=\"num\">%d</%s><%s class=\"num\">%d</%s>"
		 "<%s class=\"num\">%d</%s><%s class=\"num\">%d</%s>", cell, s->expected, cell, cell, s->present, cell,
		 cell, s->apologies, cell, cell, s->absent, cell, cell, s->substitute, cell);
	if (s->expected)
		html_fmt(b, "<%s class=\"num\">%d%%</%s>", cell, percent(s->present, s->expected), cell);
	else
		html_fmt(b, "<%s class=\"num\"><abbr title=\"not applicable: no meetings expected\">n/a</abbr></%s>", cell,
			 cell);
	buf_puts(b, "</tr>\n");
}

#define MAX_COMMITTEES 200

static int attendance_section(struct req *r, int64_t person_id, long from, long to)
{
	static const char *const series[] = { "Present", "Apologies", "Absent" };
	struct buf *b = &r->body, t = BUF_INIT, when = BUF_INIT;
	struct attendance_sum_row *sums = NULL, s, total = { 0, "All committees", 0, 0, 0, 0, 0 };
	struct chart_bar *bars = NULL;
	struct period_meeting_row pm;
	struct cursor c;
	char f[11], e[11];
	const char *w;
	int n = 0, rc = -1;

	buf_init(&t, 4096);
	buf_init(&when, 256);
	buf_reset(&t);
	date_put_day_iso(&t, from);
	snprintf(f, sizeof(f), "%s", t.data ? t.data : "");
	buf_reset(&t);
	date_put_day_iso(&t, to);
	snprintf(e, sizeof(e), "%s", t.data ? t.data : "");
	date_put_day(&when, from, 0);
	buf_puts(&when, " to ");
	date_put_day(&when, to, 0);
	w = when.data ? when.data : "";

	html_fmt(b, "<section aria-labelledby=\"attendance\">\n<h2 id=\"attendance\">Attendance</h2>\n"
		 "<form class=\"period-form\" method=\"get\" action=\"/people/%l#attendance\">\n"
		 "<div class=\"field\"><label for=\"from\">From</label>\n"
		 "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\"></div>\n"
		 "<div class=\"field\"><label for=\"to\">To</label>\n"
		 "<input type=\"date\" id=\"to\" name=\"to\" value=\"%s\"></div>\n"
		 "<div class=\"field\"><button type=\"submit\" class=\"button\">Show attendance</button></div>\n"
		 "</form>\n", person_id, f, e);
	html_fmt(b, "<p class=\"meta\">Meetings held from %s. A meeting is expected when the member was a voting or"
		 " co-opted member of the committee on its date; cancelled and postponed meetings are not counted,"
		 " and meetings attended as a substitute are counted apart.</p>\n", w);

	sums = req_alloc(r, MAX_COMMITTEES * sizeof(*sums));
	bars = req_alloc(r, MAX_COMMITTEES * sizeof(*bars));
	if (!sums || !bars)
		goto out;
	if (pub_attendance_summary(r->db, person_id, f, e, &c) < 0)
		goto out;
	while (cursor_next_attendance_sum(&c, &s)) {
		if (n == MAX_COMMITTEES)
			continue;
		s.organization_name = req_strdup(r, s.organization_name ? s.organization_name : "");
		sums[n++] = s;
		total.expected += s.expected;
		total.present += s.present;
		total.apologies += s.apologies;
		total.absent += s.absent;
		total.substitute += s.substitute;
	}
	if (c.err)
		goto out;
	if (!n) {
		buf_puts(b, "<p>No meetings were expected or attended in this period.</p>\n");
	} else {
		struct buf desc = BUF_INIT, title = BUF_INIT;

		buf_init(&desc, 4096);
		buf_init(&title, 512);
		for (int i = 0; i < n; i++) {
			buf_reset(&t);
			sum_words(&t, &sums[i]);
			bars[i].label = sums[i].organization_name;
			bars[i].values[0] = sums[i].present;
			bars[i].values[1] = sums[i].apologies;
			bars[i].values[2] = sums[i].absent;
			bars[i].note = req_strdup(r, t.data ? t.data : "");
		}
		buf_printf(&title, "Attendance by committee, %s", w);
		buf_puts(&desc, "All committees: ");
		sum_words(&desc, &total);
		buf_puts(&desc, ". One bar per committee, its length the meetings expected: present, then apologies,"
			 " then absent. The table below gives the same figures.");
		if (!desc.err && !title.err)
			chart_hbar(b, &(struct chart){ .id = "attendance-chart", .title = title.data, .desc = desc.data,
						       .series = series, .nseries = 3, .bars = bars, .nbars = n });
		buf_release(&desc);
		buf_release(&title);

		html_fmt(b, "<div class=\"table-scroll\" role=\"region\" aria-label=\"Attendance by committee\" tabindex=\"0\">\n"
			 "<table class=\"attendance-summary\">\n<caption>Attendance by committee, %s</caption>\n"
			 "<thead><tr><th scope=\"col\">Committee</th><th scope=\"col\" class=\"num\">Expected</th>"
			 "<th scope=\"col\" class=\"num\">Present</th><th scope=\"col\" class=\"num\">Apologies</th>"
			 "<th scope=\"col\" class=\"num\">Absent</th><th scope=\"col\" class=\"num\">As substitute</th>"
			 "<th scope=\"col\" class=\"num\">Present (%%)</th></tr></thead>\n<tbody>\n", w);
		for (int i = 0; i < n; i++)
			put_sum_row(b, &sums[i], sums[i].organization_id, "td");
		buf_puts(b, "</tbody>\n<tfoot>\n");
		put_sum_row(b, &total, 0, "td");
		buf_puts(b, "</tfoot>\n</table>\n</div>\n");
	}

	/* The meetings themselves. */
	if (pub_meetings_of_person_in_period(r->db, person_id, f, e, &c) < 0)
		goto out;
	n = 0;
	while (cursor_next_period_meeting(&c, &pm)) {
		if (n++ == 0)
			html_fmt(b, "<h3 id=\"meetings-in-period\">Meetings, %s</h3>\n"
				 "<table class=\"attendance\">\n<caption class=\"visually-hidden\">Meetings in the period</caption>\n"
				 "<thead><tr><th scope=\"col\">Meeting</th><th scope=\"col\">Date</th>"
				 "<th scope=\"col\">Attendance</th></tr></thead>\n<tbody>\n", w);
		html_fmt(b, "<tr><td><a href=\"/meetings/%l\">%s</a></td><td>", pm.meeting_id, pm.meeting_name);
		date_put_short(b, pm.start_at);
		html_fmt(b, "</td><td>%s", pm.status ? attendance_label(pm.status) : "Absent (no attendance recorded)");
		if (pm.substitute_for_name)
			html_fmt(b, " for %s", pm.substitute_for_name);
		if (!pm.expected && !(pm.status && strcmp(pm.status, "substitute") == 0))
			buf_puts(b, " <span class=\"meta\">(not counted: not a member that day)</span>");
		buf_puts(b, "</td></tr>\n");
	}
	if (c.err)
		goto out;
	if (n)
		buf_puts(b, "</tbody>\n</table>\n");
	buf_puts(b, "</section>\n");
	rc = 0;
out:
	buf_release(&t);
	buf_release(&when);
	return rc;
}

/* --- the register of interests ------------------------------------------- */

/* The disclosable pecuniary interests come first in m_interest_categories;
 * the code of conduct's other registrable interests after them. */
#define NDPI 7

static int register_section(struct req *r, int64_t person_id)
{
	struct buf *b = &r->body;
	struct interest_row iv;
	struct cursor c;
	char updated[11];
	int rc;

	buf_puts(b, "<section aria-labelledby=\"register\">\n<h2 id=\"register\">Register of interests</h2>\n");
	if ((rc = pub_interests_updated(r->db, person_id, updated)) < 0)
		return -1;
	if (rc) {
		buf_puts(b, "<p class=\"meta\">Register last updated ");
		date_put_short(b, updated);
		buf_puts(b, ". Sensitive interests (section 32 of the Localism Act 2011) are registered but their"
			 " details are not published.</p>\n");
	} else {
		buf_puts(b, "<p>No interests are registered.</p>\n");
	}
	for (int k = 0; m_interest_categories[k]; k++) {
		int n = 0;

		if (k == 0)
			buf_puts(b, "<h3>Disclosable pecuniary interests</h3>\n");
		else if (k == NDPI)
			buf_puts(b, "<h3>Other registrable interests</h3>\n");
		if (pub_interests_of_person(r->db, person_id, m_interest_categories[k], &c) < 0)
			return -1;
		while (cursor_next_interest(&c, &iv)) {
			if (n++ == 0)
				html_fmt(b, "<h4>%s</h4>\n<ul class=\"register\">\n", m_interest_category_labels[k]);
			buf_puts(b, "<li>");
			if (iv.sensitive || !iv.description) {
				buf_puts(b, "Sensitive interest: details withheld under section 32 of the Localism Act 2011");
			} else {
				html_fmt(b, "<span class=\"holder\">%s:</span> %s",
					 strcmp(iv.holder, "partner") == 0 ? "Spouse or partner" : "The member",
					 iv.description);
				buf_puts(b, " <span class=\"meta\">registered ");
				date_put_short(b, iv.registered_on);
				if (iv.ended_on) {
					buf_puts(b, ", ended ");
					date_put_short(b, iv.ended_on);
				}
				buf_puts(b, "</span>");
				if (iv.ended_on)
					buf_puts(b, " <strong class=\"tag tag-ended\">Ended</strong>");
			}
			buf_puts(b, "</li>\n");
		}
		if (c.err)
			return -1;
		if (n)
			buf_puts(b, "</ul>\n");
		else if (k < NDPI)
			html_fmt(b, "<h4>%s</h4>\n<p>None registered.</p>\n", m_interest_category_labels[k]);
	}
	buf_puts(b, "</section>\n");
	return 0;
}

/* --- declarations at meetings -------------------------------------------- */

static const struct label declaration_kinds[] = {
	{ "disclosable_pecuniary", "Disclosable pecuniary interest" },
	{ "other_registrable", "Other registrable interest" },
	{ "non_registrable", "Non-registrable interest" },
	{ "other", "Other interest" },
	{ NULL, "Interest" },
};

static int declarations_section(struct req *r, int64_t person_id)
{
	static const char *const cols[] = { "Date", "Meeting", "Item", "Kind", "The interest", NULL };
	struct list_table t = { "declarations", "Declarations of interest at meetings, newest first", cols,
				"Declarations of interest", 0, 0, 0 };
	struct buf *b = &r->body;
	struct declaration_row d;
	struct cursor c;

	buf_puts(b, "<section aria-labelledby=\"declarations\">\n"
		 "<h2 id=\"declarations\">Declarations of interest at meetings</h2>\n");
	if (pub_declarations_of_person(r->db, person_id, &c) < 0)
		return -1;
	while (cursor_next_declaration(&c, &d)) {
		list_row(b, &t);
		buf_puts(b, "<tr><td>");
		date_put_short(b, d.meeting_start_at);
		html_fmt(b, "</td><td><a href=\"/meetings/%l\">%s</a></td><td>", d.meeting_id, d.meeting_name);
		if (d.agenda_item_id && d.item_title)
			html_fmt(b, "<a href=\"/meetings/%l/items/%l\">%s%s%s</a>", d.meeting_id, d.agenda_item_id,
				 d.item_number ? d.item_number : "", d.item_number ? " " : "", d.item_title);
		html_fmt(b, "</td><td>%s</td><td>%s%s</td></tr>\n", label_of(declaration_kinds, d.kind), d.description,
			 d.left_room ? " <span class=\"meta\">(left the room)</span>" : "");
	}
	if (c.err)
		return -1;
	list_end(b, &t, "No declarations of interest are recorded.");
	buf_puts(b, "</section>\n");
	return 0;
}

int page_person(struct req *r)
{
	struct buf *b = &r->body;
	struct crumb crumbs[2] = { { "People", "/people" }, { NULL, NULL } };
	struct person_row p;
	const char *license;
	char now[17], today[11];
	long tz, from, to;
	int rc = pub_person(r->db, r->id[0], &p), st;

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	date_now_local(now);
	snprintf(today, sizeof(today), "%.10s", now);
	if (period_day(today, &tz) < 0)
		return 500;
	if ((st = read_period(r, tz, &from, &to)) != 0)
		return st;
	crumbs[1].label = p.name;
	page_begin(r, SEC_PEOPLE, p.name, crumbs, 2);
	html_fmt(b, "<h1>%s</h1>\n<dl class=\"facts\">\n", p.name);
	if (p.party)
		html_fmt(b, "<dt>Party</dt><dd>%s</dd>\n", p.party);
	if (p.area)
		html_fmt(b, "<dt>Division</dt><dd>%s</dd>\n", p.area);
	if (p.nominated_by)
		html_fmt(b, "<dt>Nominated by</dt><dd>%s</dd>\n", p.nominated_by);
	buf_puts(b, "</dl>\n");
	feed_alert_link(b, "person", p.id, "Get e-mail alerts about this member");
	if (pub_own_license(r->db, OWN_LICENSE_PERSON, p.id, &license) < 0)
		return 500;
	if (license)
		licence_note(b, "person's record", license);
	if (p.bio_html)
		html_fmt(b, "<div class=\"prose\">%r</div>\n", p.bio_html);
	buf_puts(b, "<nav class=\"contents\" aria-label=\"On this page\">\n<ul>\n"
		 "<li><a href=\"#roles\">Committees and roles</a></li>\n<li><a href=\"#attendance\">Attendance</a></li>\n"
		 "<li><a href=\"#register\">Register of interests</a></li>\n"
		 "<li><a href=\"#declarations\">Declarations of interest at meetings</a></li>\n</ul>\n</nav>\n");
	if (roles_section(r, p.id, today) < 0 || attendance_section(r, p.id, from, to) < 0 ||
	    register_section(r, p.id) < 0 || declarations_section(r, p.id) < 0)
		return 500;
	page_end(r);
	return 200;
}
