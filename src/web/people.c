/* people.c: /people and /people/{id}: roles, committees, meetings attended,
 * declarations of interest. */
#include <stdio.h>
#include <string.h>

#include "db/public.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "web/web.h"
#include "util/banned.h"

int page_people(struct req *r)
{
	static const struct crumb crumbs[] = { { "People", NULL } };
	struct buf *b = &r->body;
	struct cursor c;
	struct person_row p;
	int n = 0;

	page_begin(r, SEC_PEOPLE, "Councillors and members", crumbs, 1);
	buf_puts(b, "<h1>Councillors and members</h1>\n");
	if (pub_people(r->db, &c) < 0)
		return 500;
	while (cursor_next_person(&c, &p)) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"people\">\n<caption class=\"visually-hidden\">Everyone in the record, by surname</caption>\n"
				    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Party</th>"
				    "<th scope=\"col\">Division or nominating body</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td><a href=\"/people/%l\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
			 p.id, p.name, p.party ? p.party : "",
			 p.area ? p.area : p.nominated_by ? p.nominated_by : "");
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</tbody>\n</table>\n" : "<p>No people are recorded.</p>\n");
	page_end(r);
	return 200;
}

int page_person(struct req *r)
{
	struct buf *b = &r->body;
	struct crumb crumbs[2] = { { "People", "/people" }, { NULL, NULL } };
	struct person_row p;
	struct member_row mr;
	struct attendance_row a;
	struct declaration_row d;
	struct cursor c;
	const char *license;
	int rc = pub_person(r->db, r->id[0], &p), n = 0, present = 0, expected = 0;

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
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
	if (pub_own_license(r->db, OWN_LICENSE_PERSON, p.id, &license) < 0)
		return 500;
	if (license)
		licence_note(b, "person's record", license);
	if (p.bio_html)
		html_fmt(b, "<div class=\"prose\">%r</div>\n", p.bio_html);

	buf_puts(b, "<section aria-labelledby=\"roles\">\n<h2 id=\"roles\">Committees and roles</h2>\n");
	if (pub_person_memberships(r->db, p.id, &c) < 0)
		return 500;
	while (cursor_next_member(&c, &mr)) {
		if (n++ == 0)
			buf_puts(b, "<ul>\n");
		html_fmt(b, "<li><a href=\"/committees/%l\">%s</a>: %s%s", mr.organization_id,
			 mr.organization_name, member_role_label(mr.role), mr.voting ? "" : " (non-voting)");
		if (mr.start_date) {
			buf_puts(b, " <span class=\"meta\">since ");
			date_put_short(b, mr.start_date);
			if (mr.end_date) {
				buf_puts(b, ", until ");
				date_put_short(b, mr.end_date);
			}
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</li>\n");
	}
	if (c.err)
		return 500;
	buf_puts(b, n ? "</ul>\n" : "<p>No committee memberships are recorded.</p>\n");
	buf_puts(b, "</section>\n");

	buf_puts(b, "<section aria-labelledby=\"attended\">\n<h2 id=\"attended\">Meetings</h2>\n");
	if (pub_attendance_of_person(r->db, p.id, &c) < 0)
		return 500;
	n = 0;
	while (cursor_next_attendance(&c, &a)) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"attendance\">\n<caption class=\"visually-hidden\">Attendance record</caption>\n"
				    "<thead><tr><th scope=\"col\">Meeting</th><th scope=\"col\">Date</th>"
				    "<th scope=\"col\">Attendance</th></tr></thead>\n<tbody>\n");
		if (strcmp(a.status, "in_attendance") != 0) {
			expected++;
			present += strcmp(a.status, "present") == 0 || strcmp(a.status, "substitute") == 0;
		}
		html_fmt(b, "<tr><td><a href=\"/meetings/%l\">%s</a></td><td>", a.meeting_id, a.meeting_name);
		date_put_short(b, a.meeting_start_at);
		html_fmt(b, "</td><td>%s", attendance_label(a.status));
		if (a.substitute_for)
			html_fmt(b, " for %s", a.substitute_for_name);
		buf_puts(b, "</td></tr>\n");
	}
	if (c.err)
		return 500;
	if (n) {
		buf_puts(b, "</tbody>\n</table>\n");
		if (expected)
			buf_printf(b, "<p>Attended %d of %d meetings where attendance was expected (%d%%).</p>\n",
				   present, expected, expected ? (present * 100 + expected / 2) / expected : 0);
	} else {
		buf_puts(b, "<p>No attendance is recorded.</p>\n");
	}
	buf_puts(b, "</section>\n");

	if (pub_declarations_of_person(r->db, p.id, &c) < 0)
		return 500;
	n = 0;
	while (cursor_next_declaration(&c, &d)) {
		if (n++ == 0)
			buf_puts(b, "<section aria-labelledby=\"interests\">\n<h2 id=\"interests\">Declarations of interest at meetings</h2>\n<ul>\n");
		html_fmt(b, "<li><a href=\"/meetings/%l\">%s, ", d.meeting_id, d.meeting_name);
		date_put_short(b, d.meeting_start_at);
		html_fmt(b, "</a>: %s</li>\n", d.description);
	}
	if (c.err)
		return 500;
	if (n)
		buf_puts(b, "</ul>\n</section>\n");
	page_end(r);
	return 200;
}
