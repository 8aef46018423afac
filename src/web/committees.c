/* committees.c: /committees and /committees/{id}: purpose, members with
 * roles, meetings by year, newest first, COMMITTEE_PER_PAGE a page
 * (?page=N: a committee of decades has a thousand meetings). */
#include <stdio.h>
#include <string.h>

#include "db/public.h"
#include "ui/feeds.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/lists.h"
#include "util/date.h"
#include "web/web.h"
#include "util/banned.h"

#define COMMITTEE_PER_PAGE 50

static const char *kind_label(const char *kind)
{
	static const struct label map[] = {
		{ "council", "Full Council" }, { "cabinet", "Cabinet" }, { "committee", "Committees" },
		{ "sub_committee", "Sub-committees" }, { "panel", "Panels" }, { "board", "Boards" },
		{ "working_group", "Working groups" }, { "outside_body", "Outside bodies" }, { NULL, "Other" },
	};
	return label_of(map, kind);
}

int page_committees(struct req *r)
{
	static const struct crumb crumbs[] = { { "Committees", NULL } };
	struct buf *b = &r->body;
	struct cursor c;
	struct org_row o;
	const char *last_kind = NULL;
	char kind[32] = "";

	page_begin(r, SEC_COMMITTEES, "Committees", crumbs, 1);
	buf_puts(b, "<h1>Committees</h1>\n");
	if (pub_orgs(r->db, &c) < 0)
		return 500;
	while (cursor_next_org(&c, &o)) {
		const char *label = kind_label(o.kind);
		if (!last_kind || strcmp(label, kind) != 0) {
			if (last_kind)
				buf_puts(b, "</ul>\n");
			html_fmt(b, "<h2>%s</h2>\n<ul class=\"org-list\">\n", label);
			last_kind = kind;
			snprintf(kind, sizeof(kind), "%s", label);
		}
		html_fmt(b, "<li><a href=\"/committees/%l\">%s</a> <span class=\"meta\">", o.id, o.name);
		if (o.next_meeting_at) {
			buf_puts(b, "Next meeting: ");
			date_put_long(b, o.next_meeting_at);
		} else {
			buf_printf(b, "%lld meeting%s", (long long)o.meeting_count, o.meeting_count == 1 ? "" : "s");
		}
		buf_puts(b, "</span></li>\n");
	}
	if (c.err)
		return 500;
	if (last_kind)
		buf_puts(b, "</ul>\n");
	else
		buf_puts(b, "<p>There are no committees yet.</p>\n");
	page_end(r);
	return 200;
}

int page_committee(struct req *r)
{
	struct buf *b = &r->body;
	struct crumb crumbs[2] = { { "Committees", "/committees" }, { NULL, NULL } };
	struct cursor c;
	struct org_row o;
	struct member_row mr;
	static const char *const member_cols[] = { "Name", "Role", "Party or nominating body", NULL };
	struct list_table members = { "members", "Members and their roles", member_cols, NULL, 0, 0, 0 };
	struct meeting_row m;
	char year[5] = "";
	const char *license;
	int64_t page = list_page_asked(r, &r->q[0]);
	int rc = pub_org(r->db, r->id[0], &o), n = 0;

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if (!page)
		return 400;
	if (list_page_past_end(r, page, COMMITTEE_PER_PAGE, o.meeting_count, "this committee's meetings"))
		return 404;
	crumbs[1].label = o.name;
	{
		struct buf head = BUF_INIT, title = BUF_INIT;
		feed_head_links(&head, o.id);
		if (page > 1)
			buf_printf(&title, "%s, meetings page %lld", o.name, (long long)page);
		else
			buf_puts(&title, o.name);
		page_begin_head(r, SEC_COMMITTEES, title.data ? title.data : o.name, crumbs, 2, head.data);
		buf_release(&title);
		buf_release(&head);
	}
	html_fmt(b, "<h1>%s</h1>\n", o.name);
	if (pub_own_license(r->db, OWN_LICENSE_ORG, o.id, &license) < 0)
		return 500;
	if (license)
		licence_note(b, "committee's record", license);
	if (o.purpose_html)
		html_fmt(b, "<section aria-labelledby=\"purpose\">\n<h2 id=\"purpose\">Purpose</h2>\n"
			 "<div class=\"prose\">%r</div>\n</section>\n", o.purpose_html);

	buf_puts(b, "<section aria-labelledby=\"members\">\n<h2 id=\"members\">Membership</h2>\n");
	if (pub_org_members(r->db, o.id, &c) < 0)
		return 500;
	while (cursor_next_member(&c, &mr)) {
		list_row(b, &members);
		html_fmt(b, "<tr><td><a href=\"/people/%l\">%s</a></td><td>%s%s</td><td>%s</td></tr>\n",
			 mr.person_id, mr.person_name, member_role_label(mr.role),
			 mr.voting ? "" : " (non-voting)",
			 mr.nominated_by ? mr.nominated_by : mr.party ? mr.party : "");
	}
	if (c.err)
		return 500;
	list_end(b, &members, "No members are recorded.");
	buf_puts(b, "</section>\n");

	buf_puts(b, "<section aria-labelledby=\"meetings\">\n<h2 id=\"meetings\">Meetings</h2>\n");
	feed_subscribe_links(b, o.id, 0);
	if (o.meeting_count > COMMITTEE_PER_PAGE)
		html_fmt(b, "<p class=\"result-count\">%l meetings, page %l of %l</p>\n", o.meeting_count, page,
			 (o.meeting_count + COMMITTEE_PER_PAGE - 1) / COMMITTEE_PER_PAGE);
	if (pub_meetings_of_org(r->db, o.id, (page - 1) * COMMITTEE_PER_PAGE, COMMITTEE_PER_PAGE, &c) < 0)
		return 500;
	while (cursor_next_meeting(&c, &m)) {
		if (strncmp(year, m.start_at, 4) != 0) {
			if (n)
				buf_puts(b, "</ul>\n");
			snprintf(year, sizeof(year), "%.4s", m.start_at);
			html_fmt(b, "<h3>%s</h3>\n<ul class=\"meeting-list\">\n", year);
		}
		n++;
		html_fmt(b, "<li><a href=\"/meetings/%l\">", m.id);
		meeting_time(b, &m);
		buf_puts(b, "</a>");
		meeting_state_tag(b, &m);
		buf_puts(b, "</li>\n");
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</ul>\n" : "<p>No meetings are recorded.</p>\n");
	{
		char path[40];
		snprintf(path, sizeof(path), "/committees/%lld", (long long)o.id);
		list_pager(b, &(struct list_pages){ path, "Pages of meetings", page, COMMITTEE_PER_PAGE,
						    o.meeting_count, list_qs_page, NULL });
	}
	buf_puts(b, "</section>\n");
	page_end(r);
	return 200;
}
