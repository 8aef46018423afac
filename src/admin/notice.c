/* notice.c: the clerks' dashboard's Notice panel: agendas and key
 * decisions of the last month and to come that missed their statutory
 * notice, as `witan check` lists them (db/check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "db/check.h"
#include "util/date.h"
#include "ui/html.h"
#include "util/banned.h"

/* How far back the panel looks: "recent". */
#define NOTICE_PANEL_DAYS 31

static void finding_item(struct buf *b, const struct check_finding *f)
{
	buf_puts(b, "<li>");
	if (f->kind == CHECK_AGENDA) {
		html_fmt(b, "<a href=\"/admin/meetings/%l\">%s", f->id, f->name);
		if (f->meeting_name)
			html_fmt(b, ", %s", f->meeting_name);
		buf_puts(b, ", ");
		date_put_long(b, f->when);
		buf_puts(b, "</a>: ");
		if (f->published[0]) {
			buf_puts(b, "the agenda was published ");
			date_put_long(b, f->published);
			html_fmt(b, ", giving %d clear day%s' notice; %d are required", f->given,
				 f->given == 1 ? "" : "s", f->required);
		} else {
			html_fmt(b, "the agenda is not yet published and needed %d clear days' notice", f->required);
		}
	} else {
		html_fmt(b, "<a href=\"/admin/forward-plan/%l\">%s</a> (key decision due ", f->id, f->name);
		date_put_long(b, f->when);
		buf_puts(b, "): first published on the forward plan ");
		date_put_long(b, f->published);
		html_fmt(b, ", giving %d clear days' notice; %d are required", f->given, f->required);
	}
	buf_puts(b, ". The last day in time was ");
	date_put_long(b, f->latest);
	buf_puts(b, ".</li>\n");
}

int admin_notice_panel(struct req *r)
{
	struct buf *b = &r->body;
	struct check_list l;
	char now[17], since[11];
	long z;
	int y, m, d, rc = -1;

	date_now_local(now);
	z = days_from_civil((int)strtol(now, NULL, 10), (int)strtol(now + 5, NULL, 10),
			    (int)strtol(now + 8, NULL, 10)) - NOTICE_PANEL_DAYS;
	civil_from_days(z, &y, &m, &d);
	snprintf(since, sizeof(since), "%04d-%02d-%02d", y, m, d);
	if (check_findings(r->db, since, NULL, &l) < 0)
		goto out;
	buf_puts(b, "<section aria-labelledby=\"notice\">\n<h2 id=\"notice\">Notice</h2>\n");
	if (l.n == 0) {
		buf_puts(b, "<p>No agenda or key decision of the last month or to come missed its statutory "
			    "notice.</p>\n");
	} else {
		html_fmt(b, "<p class=\"warning\">%d agenda%s and %d key decision%s of the last month or to come "
			    "missed the statutory notice:</p>\n<ul class=\"notice-findings\">\n",
			 (int)l.agendas, l.agendas == 1 ? "" : "s", (int)l.key_decisions,
			 l.key_decisions == 1 ? "" : "s");
		for (size_t i = 0; i < l.n; i++)
			finding_item(b, &l.v[i]);
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "<p>Agendas need the body's clear days (working days between publication and the meeting); "
		    "key decisions 28 clear calendar days on the forward plan, unless taken under general "
		    "exception or special urgency. <code>witan check</code> lists every one.</p>\n</section>\n");
	rc = 0;
out:
	check_list_release(&l);
	return rc;
}
