/* ical.c: iCalendar (RFC 5545) subscriptions: /calendar.ics (every public
 * meeting), /committees/{id}.ics (one committee's), /meetings/{id}.ics
 * (one meeting), /forward-plan.ics (the key decisions of the forward
 * plan, each a day-long event on its decision date).  Meetings come from db/feeds.h and db/public.h (pub_*
 * views); text goes out only through util/ical. */
#include "api/api.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db/feeds.h"
#include "db/public.h"
#include "db/statutory.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/ical.h"
#include "util/banned.h"

#define ICAL_TYPE "text/calendar; charset=utf-8"

void base_url_host(const char *base_url, struct buf *out)
{
	const char *p = strstr(base_url, "://"), *e;

	p = p ? p + 3 : base_url;
	if (*p == '[') {
		e = strchr(p, ']');
		e = e ? e + 1 : p + strlen(p);
	} else {
		e = p + strcspn(p, ":/");
	}
	buf_append(out, p, (size_t)(e - p));
}

static void calendar_begin(struct buf *b, const char *name)
{
	ical_line(b, "BEGIN", "VCALENDAR");
	ical_line(b, "VERSION", "2.0");
	ical_line(b, "PRODID", "-//Witan//Witan democratic record//EN");
	ical_line(b, "CALSCALE", "GREGORIAN");
	ical_text(b, "NAME", name);                 /* RFC 7986 */
	ical_text(b, "X-WR-CALNAME", name);         /* what most clients read */
	ical_line(b, "X-WR-TIMEZONE", "Europe/London");
	ical_line(b, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
	ical_line(b, "X-PUBLISHED-TTL", "PT1H");
	ical_vtimezone_london(b);
}

static void calendar_end(struct buf *b)
{
	ical_line(b, "END", "VCALENDAR");
}

/* One VEVENT.  Postponed meetings are CANCELLED at their old time (see
 * docs/DECISIONS.md, "Calendars and feeds"). */
static void put_event(struct req *r, const struct meeting_row *m, const char *host)
{
	struct buf *b = &r->body;
	struct buf v = BUF_INIT;
	char t[17], end[17];
	int cancelled = strcmp(m->state, "cancelled") == 0;
	int postponed = strcmp(m->state, "postponed") == 0;

	ical_line(b, "BEGIN", "VEVENT");
	buf_printf(&v, "meeting-%lld@%s", (long long)m->id, host);
	ical_line(b, "UID", v.data);
	if (m->modified && ical_utc_time(m->modified, t) == 0) {
		/* Without METHOD, DTSTAMP is the time of the last change (RFC
		 * 5545 3.8.7.2), so the output changes only with the record. */
		ical_line(b, "DTSTAMP", t);
		ical_line(b, "LAST-MODIFIED", t);
	}
	buf_reset(&v);
	buf_printf(&v, "%lld", (long long)m->sequence);
	ical_line(b, "SEQUENCE", v.data);
	if (ical_local_time(m->start_at, t) == 0)
		ical_line(b, "DTSTART;TZID=Europe/London", t);
	meeting_end_local(m, end);
	if (ical_local_time(end, t) == 0)
		ical_line(b, "DTEND;TZID=Europe/London", t);
	buf_reset(&v);
	buf_puts(&v, cancelled ? "Cancelled: " : postponed ? "Postponed: " : "");
	buf_puts(&v, m->name);
	ical_text(b, "SUMMARY", v.data);
	ical_line(b, "STATUS", cancelled || postponed ? "CANCELLED" : "CONFIRMED");
	ical_line(b, "TRANSP", "OPAQUE");
	buf_reset(&v);
	meeting_venue(&v, m);
	if (v.len)
		ical_text(b, "LOCATION", v.data);
	buf_reset(&v);
	buf_printf(&v, "%s/meetings/%lld", r->app->base_url, (long long)m->id);
	ical_line(b, "URL", v.data);
	if (m->agenda_status && strcmp(m->agenda_status, "published") == 0) {
		/* The reports pack (built on demand: docs/pack.h). */
		struct buf a = BUF_INIT;
		buf_printf(&a, "%s/pack.pdf", v.data);
		ical_line(b, "ATTACH;FMTTYPE=application/pdf", a.data);
		if (a.err)
			b->err = a.err;
		buf_release(&a);
	}
	/* A short plain description: who meets, the state, where the papers are. */
	{
		struct buf d = BUF_INIT;
		buf_printf(&d, "Meeting of %s.\n", m->organization_name);
		if (cancelled || postponed) {
			buf_puts(&d, cancelled ? "This meeting has been cancelled." :
				 "This meeting has been postponed.");
			if (m->state_reason) {
				buf_puts(&d, " ");
				buf_puts(&d, m->state_reason);
			}
			buf_puts(&d, "\n");
		}
		buf_printf(&d, "Agenda, papers and minutes: %s", v.data);
		ical_text(b, "DESCRIPTION", d.data);
		if (d.err)
			b->err = d.err;
		buf_release(&d);
	}
	ical_line(b, "END", "VEVENT");
	if (v.err)
		b->err = v.err;
	buf_release(&v);
}

/* The response: a calendar named name around the events that put writes
 * (it returns -1 if it could not read them all); 200, or 500.  A query
 * that failed to open fails before this, with nothing written. */
static int send_calendar(struct req *r, const char *name,
			 int (*put)(struct req *r, const char *host, void *arg), void *arg)
{
	struct buf host = BUF_INIT;
	int rc = 500;

	base_url_host(r->app->base_url, &host);
	calendar_begin(&r->body, name);
	if (put(r, host.data, arg) < 0)
		goto out;
	calendar_end(&r->body);
	r->content_type = ICAL_TYPE;
	rc = 200;
out:
	buf_release(&host);
	return rc;
}

/* The events of the meetings of the cursor arg. */
static int put_meetings(struct req *r, const char *host, void *arg)
{
	struct cursor *c = arg;
	struct meeting_row m;

	while (cursor_next_meeting(c, &m))
		put_event(r, &m, host);
	return c->err ? -1 : 0;
}

/* The event of one meeting, the meeting_row arg. */
static int put_meeting(struct req *r, const char *host, void *arg)
{
	put_event(r, arg, host);
	return 0;
}

/* The calendar's name when it is the whole record's: "<the body's name>:
 * what", or What alone when there is no body yet. */
static void body_titled(struct req *r, struct buf *name, const char *what)
{
	struct body_row body;

	if (pub_body(r->db, &body) == 1 && body.name)
		buf_printf(name, "%s: %s", body.name, what);
	else
		buf_printf(name, "%c%s", toupper((unsigned char)what[0]), what + 1);
}

/* The first day of a calendar of meetings, into from[11], or NULL for the
 * whole history: ?from=YYYY-MM-DD, ?from=all, or by default twelve months
 * before today (docs/API.md: a calendar client loads a few hundred events,
 * not a council's whole history).  400 with a message for anything else. */
static int calendar_from(struct req *r, char from[11], const char **out)
{
	struct civil c;
	char now[17];

	*out = from;
	if (r->q[0].set) {
		const char *v = r->q[0].text;
		if (strcmp(v, "all") == 0) {
			*out = NULL;
			return 0;
		}
		if (strlen(v) != 10 || civil_parse(v, &c) < 0) {
			r->errmsg = "The parameter \"from\" is a date such as 2024-01-31, or all.";
			return 400;
		}
		snprintf(from, 11, "%s", v);
		return 0;
	}
	date_now_local(now);
	now[10] = '\0';
	if (civil_parse(now, &c) < 0)
		return 500;
	{
		long z = days_add_months(days_from_civil(c.year, c.month, c.day), -12);
		int y, m, d;
		civil_from_days(z, &y, &m, &d);
		snprintf(from, 11, "%04d-%02d-%02d", y, m, d);
	}
	return 0;
}

/* A calendar of the meetings of the committee o, or (NULL) of all. */
static int calendar(struct req *r, const struct org_row *o)
{
	struct buf name = BUF_INIT;
	struct cursor c;
	char day[11];
	const char *from;
	int rc = calendar_from(r, day, &from);

	if (rc)
		return rc;
	rc = 500;
	if (o)
		buf_printf(&name, "%s: meetings", o->name);
	else
		body_titled(r, &name, "meetings");
	if (feed_calendar(r->db, o ? o->id : 0, from, &c) == 0)
		rc = send_calendar(r, name.data, put_meetings, &c);
	buf_release(&name);
	return rc;
}

int page_ical_all(struct req *r)
{
	return calendar(r, NULL);
}

int page_ical_committee(struct req *r)
{
	struct org_row o;
	int rc = pub_org(r->db, r->id[0], &o);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	return calendar(r, &o);
}

int page_ical_meeting(struct req *r)
{
	struct meeting_row m;
	struct buf name = BUF_INIT;
	int rc = pub_meeting(r->db, r->id[0], &m);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	meeting_label(&name, &m);
	rc = send_calendar(r, name.data, put_meeting, &m);
	buf_release(&name);
	return rc;
}

/* --- the forward plan ---------------------------------------------------- */

/* 'YYYY-MM-DD' as a DATE value "YYYYMMDD", and the day after it, into
 * 9-byte buffers; 0 or -1. */
static int ical_day_and_next(const char *s, char day[9], char next[9])
{
	struct civil c;
	int y, m, d;

	if (!s || strlen(s) != 10 || civil_parse(s, &c) < 0)
		return -1;
	snprintf(day, 9, "%04d%02d%02d", c.year, c.month, c.day);
	civil_from_days(days_from_civil(c.year, c.month, c.day) + 1, &y, &m, &d);
	snprintf(next, 9, "%04d%02d%02d", y, m, d);
	return 0;
}

/* One entry: an all-day VEVENT on its decision date.  The UID is the
 * entry's id, so it stays the same when the date moves. */
static void put_plan_event(struct req *r, const struct plan_row *p, const char *host)
{
	struct buf *b = &r->body;
	struct buf v = BUF_INIT, d = BUF_INIT;
	char t[17], day[9], next[9];
	int withdrawn = strcmp(p->status, "withdrawn") == 0;

	if (ical_day_and_next(p->decision_due, day, next) < 0)
		return;
	ical_line(b, "BEGIN", "VEVENT");
	buf_printf(&v, "plan-entry-%lld@%s", (long long)p->id, host);
	ical_line(b, "UID", v.data);
	if ((p->modified && ical_utc_time(p->modified, t) == 0) || (p->created && ical_utc_time(p->created, t) == 0)) {
		ical_line(b, "DTSTAMP", t);
		ical_line(b, "LAST-MODIFIED", t);
	}
	ical_line(b, "DTSTART;VALUE=DATE", day);
	ical_line(b, "DTEND;VALUE=DATE", next);
	buf_reset(&v);
	buf_puts(&v, withdrawn ? "Withdrawn: " : "Key decision: ");
	buf_puts(&v, p->title);
	ical_text(b, "SUMMARY", v.data);
	ical_line(b, "STATUS", withdrawn ? "CANCELLED" : "CONFIRMED");
	ical_line(b, "TRANSP", "TRANSPARENT");
	buf_reset(&v);
	buf_printf(&v, "%s/forward-plan?past=1#entry-%lld", r->app->base_url, (long long)p->id);
	ical_line(b, "URL", v.data);
	if (p->reference)
		buf_printf(&d, "Reference %s.\n", p->reference);
	if (p->maker_name || p->post)
		buf_printf(&d, "Decision maker: %s.\n", p->maker_name ? p->maker_name : p->post);
	if (p->restriction && strcmp(p->restriction, "open") != 0)
		buf_printf(&d, "%s, paragraph %d of Schedule 12A to the Local Government Act 1972.\n",
			   strcmp(p->restriction, "exempt") == 0 ? "To be decided in private" :
			   "Partly to be decided in private", p->exempt_paragraph);
	buf_printf(&d, "The forward plan: %s", v.data);
	ical_text(b, "DESCRIPTION", d.data);
	ical_line(b, "END", "VEVENT");
	if (v.err || d.err)
		b->err = v.err ? v.err : d.err;
	buf_release(&v);
	buf_release(&d);
}

/* The events of the plan entries of the cursor arg. */
static int put_plan_events(struct req *r, const char *host, void *arg)
{
	struct cursor *c = arg;
	struct plan_row p;

	while (cursor_next_plan(c, &p))
		put_plan_event(r, &p, host);
	return c->err ? -1 : 0;
}

int page_ical_forward_plan(struct req *r)
{
	struct buf name = BUF_INIT;
	struct cursor c;
	int rc = 500;

	body_titled(r, &name, "forward plan of key decisions");
	if (stat_plan_entries(r->db, NULL, &c) == 0)
		rc = send_calendar(r, name.data, put_plan_events, &c);
	buf_release(&name);
	return rc;
}
