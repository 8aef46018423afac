/* home.c: the home page: upcoming meetings and recently published minutes. */
#include "db/public.h"
#include "ui/feeds.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "web/web.h"
#include "util/banned.h"

/* A list of meetings as <ul class="meeting-list">, or the paragraph none
 * if there are none; 0, or -1 if the cursor failed. */
static int meeting_list(struct req *r, struct cursor *c, int minutes_links, const char *none)
{
	struct buf *b = &r->body;
	struct meeting_row m;
	int n = 0;

	while (cursor_next_meeting(c, &m)) {
		if (n++ == 0)
			buf_puts(b, "<ul class=\"meeting-list\">\n");
		html_fmt(b, "<li><a href=\"/meetings/%l\">%s</a>", m.id, m.name);
		meeting_state_tag(b, &m);
		buf_puts(b, "<br><span class=\"meta\">");
		meeting_time(b, &m);
		if (minutes_links)
			buf_puts(b, m.minutes_approved_at ? " · minutes approved" : " · draft minutes published");
		buf_puts(b, "</span></li>\n");
	}
	if (n)
		buf_puts(b, "</ul>\n");
	else
		html_fmt(b, "<p>%s</p>\n", none);
	return c->err ? -1 : 0;
}

int page_home(struct req *r)
{
	struct buf *b = &r->body;
	struct body_row body;
	struct cursor c;
	struct buf head = BUF_INIT;
	char now[17];

	date_now_local(now);
	feed_head_links(&head, 0);
	page_begin_head(r, SEC_HOME, "Meetings, agendas and minutes", NULL, 0, head.data);
	buf_release(&head);
	if (pub_body(r->db, &body) == 1)
		html_fmt(b, "<h1>Meetings, agendas and minutes</h1>\n"
			 "<p class=\"lead\">The public record of %s's committees: "
			 "when they meet, what they will discuss, and what they decided.</p>\n", body.name);
	buf_puts(b, "<div class=\"columns\">\n<section aria-labelledby=\"upcoming\">\n"
		    "<h2 id=\"upcoming\">Upcoming meetings</h2>\n");
	if (pub_meetings_upcoming(r->db, now, 8, &c) < 0 || meeting_list(r, &c, 0, "No meetings are scheduled.") < 0)
		return 500;
	buf_puts(b, "<p><a href=\"/meetings\">See the full meetings calendar</a></p>\n</section>\n"
		    "<section aria-labelledby=\"recent\">\n<h2 id=\"recent\">Recently published minutes</h2>\n");
	if (pub_meetings_recent_minutes(r->db, 8, &c) < 0 ||
	    meeting_list(r, &c, 1, "No minutes have been published yet.") < 0)
		return 500;
	buf_puts(b, "</section>\n</div>\n"
		    "<section aria-labelledby=\"browse\">\n<h2 id=\"browse\">Browse the record</h2>\n"
		    "<ul class=\"cards\">\n"
		    "<li><a href=\"/committees\">Committees</a><br>Their purpose, members and meetings</li>\n"
		    "<li><a href=\"/meetings\">Meetings calendar</a><br>Every meeting by month</li>\n"
		    "<li><a href=\"/people\">Councillors and members</a><br>Roles, committees and attendance</li>\n"
		    "<li><a href=\"/search\">Search</a><br>Every agenda, minute and report</li>\n"
		    "</ul>\n</section>\n");
	page_end(r);
	return 200;
}
