/* moderngov.c: ModernGov's public web service (mgWebService.asmx) and its
 * old page addresses, from the public record (see moderngov.h and
 * docs/API.md, "ModernGov web service and old URLs").
 *
 * The XML is written as ModernGov writes it (tests/http/moderngov-
 * fixture.mjs imitates it): two spaces of indentation a level, one
 * element a line, an empty value as an element holding a newline and the
 * indentation, True/False, dd/mm/yyyy, "10.00 am", counts with a leading
 * space.  Every value goes through util/xml, which escapes it; agenda
 * texts and minutes are HTML escaped into element text, as ModernGov
 * sends them.  Reads db/public.h and db/moderngov.h: the pub_* views. */
#include "api/moderngov.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "db/model.h"
#include "db/moderngov.h"
#include "db/public.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/markup.h"
#include "util/xml.h"
#include "util/banned.h"

#define XML_TYPE "text/xml; charset=utf-8"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
#define SERVICE "/mgWebService.asmx"
/* Witan's additions to GetMeeting: what the record has and ModernGov's
 * elements cannot say (docs/API.md, "ModernGov web service"). */
#define WITAN_NS "urn:x-witan:moderngov"
#define METHOD_LIST "GetCommittees, GetMeetings, GetMeeting, GetCouncillorsByWard and GetAttachment"

const struct param_spec mg_service_params[] = {
	{ "lCommitteeId", P_TEXT, 64 },
	{ "sFromDate", P_TEXT, 64 },
	{ "sToDate", P_TEXT, 64 },
	{ "lMeetingId", P_TEXT, 64 },
	{ "lAttachmentID", P_TEXT, 64 },
	{ NULL, 0, 0 },
};
enum { Q_COMMITTEE, Q_FROM, Q_TO, Q_MEETING, Q_ATTACHMENT };

const struct param_spec mg_id_params[] = {
	{ "ID", P_TEXT, 64 },
	{ NULL, 0, 0 },
};

const struct param_spec mg_documents_params[] = {
	{ "MId", P_TEXT, 64 },
	{ "CId", P_TEXT, 64 },
	{ NULL, 0, 0 },
};

const struct param_spec mg_meetings_params[] = {
	{ "CommitteeId", P_TEXT, 64 },
	{ "CId", P_TEXT, 64 },
	{ NULL, 0, 0 },
};

const struct param_spec mg_user_params[] = {
	{ "UID", P_TEXT, 64 },
	{ NULL, 0, 0 },
};

/* --- answers ------------------------------------------------------------- */

/* An error: status with its message (the error page writes it), and
 * nothing of what was written before it. */
static int fail(struct req *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct req *r, int status, const char *fmt, ...)
{
	char *m = req_alloc(r, 400);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m, 400, fmt, ap);
	va_end(ap);
	buf_reset(&r->body);
	r->errmsg = m;
	return status;
}

int mg_error_page(struct req *r, int status)
{
	size_t n = strlen(SERVICE);

	if (!r->path || strncmp(r->path, SERVICE, n) != 0 || (r->path[n] && r->path[n] != '/'))
		return 0;
	buf_reset(&r->body);
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->body, r->errmsg ? r->errmsg : status == 404 ? "There is nothing at this address." :
		 status == 405 ? "This web service answers GET requests." :
		 status >= 500 ? "The server could not answer this request." : "The request could not be answered.");
	buf_putc(&r->body, '\n');
	return 1;
}

/* --- ModernGov's forms of values --------------------------------------- */

static void ind(struct buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

static void open_el(struct buf *b, int depth, const char *name)
{
	ind(b, depth);
	xml_fmt(b, "<%r>\n", name);
}

static void close_el(struct buf *b, int depth, const char *name)
{
	ind(b, depth);
	xml_fmt(b, "</%r>\n", name);
}

/* <name>value</name>; no value (NULL or "") as ModernGov writes one. */
static void leaf(struct buf *b, int depth, const char *name, const char *v)
{
	if (!v || !*v) {
		open_el(b, depth, name);
		close_el(b, depth, name);
		return;
	}
	ind(b, depth);
	xml_fmt(b, "<%r>%s</%r>\n", name, v, name);
}

static void leaf_int(struct buf *b, int depth, const char *name, int64_t v)
{
	ind(b, depth);
	xml_fmt(b, "<%r>%l</%r>\n", name, v, name);
}

/* A count, with ModernGov's leading space. */
static void leaf_count(struct buf *b, int depth, const char *name, int64_t v)
{
	ind(b, depth);
	xml_fmt(b, "<%r> %l</%r>\n", name, v, name);
}

static void leaf_bool(struct buf *b, int depth, const char *name, int v)
{
	leaf(b, depth, name, v ? "True" : "False");
}

/* An attribute, when it has a value. */
static void opt_attr(struct buf *b, const char *name, const char *v)
{
	if (v && *v)
		xml_fmt(b, " %r=\"%s\"", name, v);
}

/* One of Witan's own elements (in WITAN_NS, which ModernGov's clients do
 * not read): written only when it has a value. */
static void ext(struct buf *b, int depth, const char *name, const char *v)
{
	if (v && *v) {
		ind(b, depth);
		xml_fmt(b, "<witan:%r>%s</witan:%r>\n", name, v, name);
	}
}

/* The day of 'YYYY-MM-DD...' as dd/mm/yyyy into out ("" if none). */
static const char *uk_date(char out[11], const char *s)
{
	out[0] = '\0';
	if (s && strlen(s) >= 10 && s[4] == '-' && s[7] == '-')
		snprintf(out, 11, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
	return out;
}

/* The day of a UTC time ('YYYY-MM-DDTHH:MM:SSZ') here, as dd/mm/yyyy. */
static const char *uk_local_date(char out[11], const char *utc)
{
	struct civil c;
	struct tm tm;
	time_t t;

	out[0] = '\0';
	if (!utc || civil_parse(utc, &c) < 0)
		return out;
	t = (time_t)days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
	if (localtime_r(&t, &tm))
		snprintf(out, 11, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	return out;
}

/* The time of 'YYYY-MM-DD HH:MM' as "10.00 am", "2.30 pm", "12.00 pm" ("" if none). */
static const char *uk_time(char out[16], const char *s)
{
	int h, m;

	out[0] = '\0';
	if (!s || strlen(s) < 16 || s[13] != ':' || sscanf(s + 11, "%2d:%2d", &h, &m) != 2 || h < 0 || h > 23 ||
	    m < 0 || m > 59)
		return out;
	snprintf(out, 16, "%d.%02d %s", h % 12 ? h % 12 : 12, m, h < 12 ? "am" : "pm");
	return out;
}

/* A meeting's state as ModernGov's meetingstatus. */
static const char *mg_status(const char *state)
{
	if (state && strcmp(state, "cancelled") == 0)
		return "Cancelled";
	if (state && strcmp(state, "postponed") == 0)
		return "Postponed";
	return "Confirmed";       /* scheduled, held */
}

static const char *category_of(const char *kind)
{
	static const char *const map[][2] = {
		{ "council", "Council" }, { "cabinet", "Cabinet" }, { "committee", "Committee" },
		{ "sub_committee", "Sub-committee" }, { "panel", "Panel" }, { "board", "Board" },
		{ "working_group", "Working group" },
	};

	for (size_t i = 0; kind && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(kind, map[i][0]) == 0)
			return map[i][1];
	return "";
}

static int minutes_out(const char *status)
{
	return status && (strcmp(status, "published") == 0 || strcmp(status, "approved") == 0);
}

/* The absolute address of a document's download on this site. */
static void document_url(struct req *r, struct buf *b, int64_t id, const char *filename)
{
	buf_printf(b, "%s/documents/%lld/", r->app->base_url, (long long)id);
	url_escape(b, filename);
}

/* --- parameters ---------------------------------------------------------- */

/* A .NET Int32 ("  42", "+7", "-1"): 1 with *v, or 0. */
static int int32_of(const char *s, int64_t *v)
{
	int64_t x = 0;
	int neg = 0, digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		x = x * 10 + (*s - '0');
		if (++digits > 10)
			return 0;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (!digits || *s || (neg ? -x < -2147483648LL : x > 2147483647LL))
		return 0;
	*v = neg ? -x : x;
	return 1;
}

/* A date as ModernGov takes one: d/m/yyyy or yyyy-mm-dd (a real day),
 * into 'YYYY-MM-DD'; 1, or 0. */
static int date_of(const char *s, char out[11])
{
	int d = 0, m = 0, y = 0, n = 0;

	while (*s == ' ')
		s++;
	/* (n: where the date ends; the year has four digits) */
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 || n < 8 || s[n - 5] != '/') {
		n = 0;
		if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n < 8 || s[4] != '-')
			return 0;
	}
	for (const char *p = s; p < s + n; p++)   /* (no signs, no spaces inside) */
		if (!((*p >= '0' && *p <= '9') || *p == '/' || *p == '-'))
			return 0;
	for (s += n; *s == ' '; s++)
		;
	if (*s || y < 1753 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* The web service's integer parameter q, or the status of the error
 * (0: *v is set). */
static int int_param(struct req *r, int q, const char *method, const char *what, int64_t *v)
{
	const char *name = mg_service_params[q].name;

	if (!r->q[q].set)
		return fail(r, 400, "Missing parameter: %s. %s?%s=N takes %s.", name, method, name, what);
	if (!int32_of(r->q[q].text, v))
		return fail(r, 400, "The parameter %s is not a number: %s?%s=N takes %s.", name, method, name, what);
	return 0;
}

static int date_param(struct req *r, int q, char out[11])
{
	const char *name = mg_service_params[q].name;

	if (!r->q[q].set)
		return fail(r, 400, "Missing parameter: %s. GetMeetings takes lCommitteeId (a committee's id, or 0 for "
			    "every committee), sFromDate and sToDate (dates as dd/mm/yyyy or yyyy-mm-dd, both included).",
			    name);
	if (!date_of(r->q[q].text, out))
		return fail(r, 400, "The parameter %s is not a date: give it as dd/mm/yyyy (such as 31/01/2026) or "
			    "yyyy-mm-dd (2026-01-31).", name);
	return 0;
}

/* --- GetCommittees ---------------------------------------------------------- */

static int get_committees(struct req *r)
{
	struct buf list = BUF_INIT;
	struct cursor c;
	struct mg_committee_row o;
	struct member_row ms;
	int64_t n = 0;
	int rc = 500;

	if (mg_committees(r->db, &c) < 0)
		goto out;
	while (cursor_next_mg_committee(&c, &o)) {
		struct cursor mc;
		n++;
		open_el(&list, 1, "committee");
		leaf_int(&list, 2, "committeeid", o.id);
		leaf(&list, 2, "committeetitle", o.name);
		leaf_bool(&list, 2, "committeedeleted", 0);  /* a deleted committee is in no view */
		leaf_bool(&list, 2, "committeeexpired", o.expired);
		leaf(&list, 2, "committeecategory", category_of(o.kind));
		/* (Witan's: its kind, its terms of reference, its memberships,
		 * past ones too) */
		ext(&list, 2, "kind", o.kind);
		ext(&list, 2, "purpose", o.purpose_html);
		if (pub_org_memberships(r->db, o.id, &mc) < 0)
			goto out;
		open_el(&list, 2, "witan:members");
		while (cursor_next_member(&mc, &ms)) {
			ind(&list, 3);
			xml_fmt(&list, "<witan:member id=\"%l\" memberid=\"%l\" name=\"%s\" role=\"%s\" voting=\"%s\"",
				ms.id, ms.person_id, ms.person_name, ms.role, ms.voting ? "True" : "False");
			opt_attr(&list, "politicalparty", ms.party);
			opt_attr(&list, "ward", ms.area);
			opt_attr(&list, "representing", ms.nominated_by);
			if (ms.start_date)
				xml_fmt(&list, " startdate=\"%s\"", ms.start_date);
			if (ms.end_date)
				xml_fmt(&list, " enddate=\"%s\"", ms.end_date);
			buf_puts(&list, "/>\n");
		}
		if (mc.err)
			goto out;
		close_el(&list, 2, "witan:members");
		close_el(&list, 1, "committee");
	}
	if (c.err || list.err)
		goto out;
	buf_puts(&r->body, XML_DECL);
	xml_fmt(&r->body, "<committees xmlns:witan=\"%r\">\n", WITAN_NS);
	leaf_count(&r->body, 1, "committeescount", n);
	buf_append(&r->body, list.data, list.len);
	close_el(&r->body, 0, "committees");
	rc = 200;
out:
	buf_release(&list);
	return rc == 200 ? rc : fail(r, rc, "The committees could not be read.");
}

/* --- GetMeetings -------------------------------------------------------------- */

/* One committee's group: its head, then its meetings (grp). */
static void meetings_group(struct buf *b, int64_t id, const char *title, int64_t n, const struct buf *grp)
{
	open_el(b, 1, "committee");
	leaf_int(b, 2, "committeeid", id);
	leaf(b, 2, "committeetitle", title);
	leaf_count(b, 2, "committeemeetingcount", n);
	open_el(b, 2, "committeemeetings");
	buf_append(b, grp->data, grp->len);
	close_el(b, 2, "committeemeetings");
	close_el(b, 1, "committee");
}

static int get_meetings(struct req *r)
{
	struct buf all = BUF_INIT, grp = BUF_INIT;
	char from[11], to[11], day[11], tm[16], *title = NULL;
	struct cursor c;
	struct mg_meeting_row m;
	int64_t org, cur = -1, total = 0, groups = 0, in_group = 0;
	int rc;

	if ((rc = int_param(r, Q_COMMITTEE, "GetMeetings", "a committee's id, or 0 for every committee", &org)) ||
	    (rc = date_param(r, Q_FROM, from)) || (rc = date_param(r, Q_TO, to)))
		return rc;
	if (org != 0) {
		struct mg_committee_row o;
		rc = mg_committee(r->db, org, &o);
		if (rc < 0)
			return fail(r, 500, "The committee could not be read.");
		if (rc == 0)
			return fail(r, 404, "There is no committee with the id %lld.", (long long)org);
	}
	rc = 500;
	if (mg_meetings(r->db, org, from, to, &c) < 0)
		goto out;
	while (cursor_next_mg_meeting(&c, &m)) {
		if (m.organization_id != cur) {
			if (cur >= 0)
				meetings_group(&all, cur, title, in_group, &grp);
			free(title);
			title = strdup(m.organization_name ? m.organization_name : "");
			if (!title)
				goto out;
			cur = m.organization_id;
			buf_reset(&grp);
			in_group = 0;
			groups++;
		}
		in_group++;
		total++;
		open_el(&grp, 3, "meeting");
		leaf_int(&grp, 4, "meetingid", m.id);
		leaf(&grp, 4, "meetingdate", uk_date(day, m.start_at));
		leaf(&grp, 4, "meetingstatus", mg_status(m.state));
		leaf(&grp, 4, "meetingtime", uk_time(tm, m.start_at));
		leaf_bool(&grp, 4, "iswebcast", m.webcast_url != NULL);
		close_el(&grp, 3, "meeting");
	}
	if (c.err)
		goto out;
	if (cur >= 0)
		meetings_group(&all, cur, title, in_group, &grp);
	if (all.err || grp.err)
		goto out;
	buf_puts(&r->body, XML_DECL);
	open_el(&r->body, 0, "getmeetings");
	leaf_count(&r->body, 1, "meetingscount", total);
	leaf_count(&r->body, 1, "committeescount", groups);
	buf_append(&r->body, all.data, all.len);
	close_el(&r->body, 0, "getmeetings");
	rc = 200;
out:
	free(title);
	buf_release(&all);
	buf_release(&grp);
	return rc == 200 ? rc : fail(r, rc, "The meetings could not be read.");
}

/* --- GetMeeting and GetAttachment: documents ------------------------------------ */

/* What a <linkeddoc> (or an <attachment>) says of a document. */
struct doc_facts {
	int64_t id;
	const char *title, *filename, *role;
	int itemnum;
	const char *published_utc;      /* when it was published: its agenda's publication */
	const char *meeting_start;      /* its meeting, or NULL */
	const char *committee, *owner;  /* its committee and item (or meeting, or paper) */
};

static void doc_children(struct req *r, struct buf *b, int depth, const struct doc_facts *d)
{
	struct buf url = BUF_INIT;
	char day[11];

	document_url(r, &url, d->id, d->filename);
	leaf_int(b, depth, "attachmentid", d->id);
	leaf(b, depth, "title", d->title);
	leaf_bool(b, depth, "isurl", 0);
	leaf(b, depth, "url", url.data);
	leaf_bool(b, depth, "isrestricted", 0);   /* a restricted document is in no view */
	leaf(b, depth, "restrictionsRef", NULL);
	if (d->itemnum > 0)
		leaf_int(b, depth, "itemnum", d->itemnum);
	else
		leaf(b, depth, "itemnum", NULL);
	leaf(b, depth, "publicationdate", uk_local_date(day, d->published_utc));
	leaf(b, depth, "meetingdate", uk_date(day, d->meeting_start));
	leaf(b, depth, "decisiondate", uk_date(day, d->meeting_start));
	leaf(b, depth, "committeetitle", d->committee);
	leaf_bool(b, depth, "isdecisionattachment", d->role && strcmp(d->role, "decision_notice") == 0);
	leaf(b, depth, "ownertitle", d->owner);
	if (url.err)
		b->err = url.err;
	buf_release(&url);
}

/* --- GetMeeting ------------------------------------------------------------------- */

static const char *attendance_of(const char *status)
{
	static const char *const map[][2] = {
		{ "present", "Present" }, { "apologies", "Apologies" }, { "absent", "Absent" },
		{ "substitute", "Present as substitute" }, { "in_attendance", "Present" },
	};

	for (size_t i = 0; status && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(status, map[i][0]) == 0)
			return map[i][1];
	return "";
}

static const char *role_of(const char *role)
{
	static const char *const map[][2] = {
		{ "chair", "Chair" }, { "vice_chair", "Vice-Chair" }, { "member", "Committee Member" },
		{ "co_opted", "Co-opted Member" }, { "independent", "Independent Member" },
		{ "substitute", "Substitute" }, { "officer", "Officer" },
	};

	for (size_t i = 0; role && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(role, map[i][0]) == 0)
			return map[i][1];
	return "";
}

/* One <attendee>: a member ("U", with party and ward) or someone in
 * attendance ("O"), with the address of their page here. */
static void attendee(struct req *r, struct buf *b, int64_t person_id, const char *name, int member,
		     const char *role, const char *attendance, const char *party, const char *ward, int64_t sub_for)
{
	ind(b, 2);
	xml_fmt(b, "<attendee membertype=\"%s\" memberid=\"%l\" name=\"%s\" roledescription=\"%s\" attendance=\"%s\"",
		member ? "U" : "O", person_id, name, role, attendance);
	if (member)
		xml_fmt(b, " politicalparty=\"%s\" ward=\"%s\"", party ? party : "", ward ? ward : "");
	if (sub_for)
		xml_fmt(b, " witan:substitutefor=\"%l\"", sub_for);
	buf_puts(b, ">\n");
	ind(b, 3);
	xml_fmt(b, "<url>%s/people/%l</url>\n", r->app->base_url, person_id);
	close_el(b, 2, "attendee");
}

static int meeting_attendees(struct req *r, struct buf *b, const struct meeting_row *m)
{
	struct cursor c;
	struct mg_attendee_row a;
	int n = 0;

	open_el(b, 1, "attendees");
	if (mg_attendees(r->db, m->id, &c) < 0)
		return -1;
	while (cursor_next_mg_attendee(&c, &a)) {
		int in_attendance = strcmp(a.status, "in_attendance") == 0;
		const char *role = strcmp(a.status, "substitute") == 0 ? "Substitute" :
				   in_attendance ? (a.note ? a.note : "In attendance") : role_of(a.role);
		attendee(r, b, a.person_id, a.name, !in_attendance, role, attendance_of(a.status), a.party, a.area,
			 a.substitute_for);
		n++;
	}
	if (c.err)
		return -1;
	/* Before a meeting is held, the committee's members are expected. */
	if (n == 0 && strcmp(m->state, "held") != 0) {
		struct member_row ms;
		char day[11];
		snprintf(day, sizeof(day), "%.10s", m->start_at);
		if (pub_org_members_on(r->db, m->organization_id, day, &c) < 0)
			return -1;
		while (cursor_next_member(&c, &ms))
			attendee(r, b, ms.person_id, ms.person_name, 1, role_of(ms.role), "Expected", ms.party, ms.area, 0);
		if (c.err)
			return -1;
	}
	close_el(b, 1, "attendees");
	return 0;
}

/* Witan's: an item's votes, with the record of each member's vote. */
static int item_votes(struct req *r, struct buf *b, int64_t item_id)
{
	struct cursor c, rc;
	struct vote_row v;
	struct vote_record_row x;

	if (pub_votes_of_item(r->db, item_id, &c) < 0)
		return -1;
	open_el(b, 3, "witan:votes");
	while (cursor_next_vote(&c, &v)) {
		ind(b, 4);
		xml_fmt(b, "<witan:vote motion=\"%s\" result=\"%s\" for=\"%d\" against=\"%d\" abstentions=\"%d\""
			" recorded=\"%s\">\n", v.motion, v.result, v.votes_for, v.votes_against, v.abstentions,
			v.recorded ? "True" : "False");
		if (pub_vote_records(r->db, v.id, &rc) < 0)
			return -1;
		while (cursor_next_vote_record(&rc, &x)) {
			ind(b, 5);
			xml_fmt(b, "<witan:record memberid=\"%l\" name=\"%s\" position=\"%s\"/>\n", x.person_id,
				x.person_name, x.position);
		}
		if (rc.err)
			return -1;
		close_el(b, 4, "witan:vote");
	}
	close_el(b, 3, "witan:votes");
	return c.err ? -1 : 0;
}

/* The item's minutes, then its decision, as one HTML text. */
static void item_minutes(struct buf *b, const struct item_row *it)
{
	if (it->minutes_html)
		buf_puts(b, it->minutes_html);
	if (it->decision_html) {
		if (b->len && b->data[b->len - 1] != '\n')
			buf_putc(b, '\n');
		buf_puts(b, "<p><strong>Decision:</strong></p>\n");
		buf_puts(b, it->decision_html);
	}
}

static int meeting_items(struct req *r, struct buf *b, const struct meeting_row *m)
{
	struct buf minutes = BUF_INIT;
	struct cursor c, fc;
	struct item_row it;
	struct file_row f;
	char day[11], tm[16];
	int have_file, rc = -1, public_minutes = minutes_out(m->minutes_status);

	open_el(b, 1, "agendaitems");
	/* Items only once the agenda is public (the view has none before). */
	if (strcmp(m->agenda_status, "published") != 0) {
		close_el(b, 1, "agendaitems");
		return 0;
	}
	if (pub_items_of_meeting(r->db, m->id, &c) < 0 || pub_files_of_meeting_items(r->db, m->id, &fc) < 0)
		goto out;
	uk_date(day, m->start_at);
	uk_time(tm, m->start_at);
	have_file = cursor_next_file(&fc, &f);
	while (cursor_next_item(&c, &it)) {
		struct mg_item_facts facts;
		int k = 0;

		if (mg_item_facts(r->db, it.id, &facts) < 0)
			goto out;
		buf_reset(&minutes);
		if (public_minutes && !it.exempt)
			item_minutes(&minutes, &it);
		open_el(b, 2, "agendaitem");
		leaf_int(b, 3, "agendaitemid", it.id);
		leaf(b, 3, "agendaitemtitle", it.title);
		leaf(b, 3, "agendatext", it.exempt ? NULL : it.description_html);
		leaf(b, 3, "actualmeetingdate", day);
		leaf_int(b, 3, "agendaitemnumber", it.position);
		leaf(b, 3, "agendaitemsubnumber", NULL);
		leaf(b, 3, "fulldisplaynumberformat", it.number);
		leaf(b, 3, "authorusername", NULL);
		leaf(b, 3, "commentlabel1", NULL);
		leaf(b, 3, "commenttext1", NULL);
		leaf(b, 3, "commentlabel2", NULL);
		leaf(b, 3, "commenttext2", NULL);
		leaf(b, 3, "minutesnonemptyhtmlbody", minutes.data);
		leaf_int(b, 3, "declarationcount", facts.declarations);
		leaf_bool(b, 3, "iscallin", 0);
		leaf_bool(b, 3, "iscomment", 0);
		leaf_bool(b, 3, "isdecision", !it.exempt && (it.decision_html || facts.decisions > 0));
		leaf_bool(b, 3, "isdecisionpublished", !it.exempt && it.decision_html != NULL);
		leaf_bool(b, 3, "isminutepublished", public_minutes);
		leaf_bool(b, 3, "ispubliccanspeak", 0);
		leaf_bool(b, 3, "isrestricted", it.exempt);
		leaf_bool(b, 3, "isdisplayallowed", 1);
		leaf(b, 3, "meetingdate", day);
		leaf(b, 3, "meetingtime", tm);
		leaf(b, 3, "minutesitemnumber", public_minutes ? it.number : NULL);
		leaf(b, 3, "minutesitemsubnumber", NULL);
		leaf(b, 3, "preferreddate", day);
		leaf(b, 3, "refertocommittee", m->organization_name);
		/* (Witan's: why an item is exempt, as its page says) */
		if (it.exempt && it.exempt_paragraph > 0) {
			ind(b, 3);
			xml_fmt(b, "<witan:exemptparagraph>%d</witan:exemptparagraph>\n", it.exempt_paragraph);
			ext(b, 3, "exemptreason", it.exempt_reason);
		}
		/* (Witan's: the minutes and the decision apart, the votes) */
		if (public_minutes && !it.exempt) {
			ext(b, 3, "minutes", it.minutes_html);
			ext(b, 3, "decision", it.decision_html);
			if (item_votes(r, b, it.id) < 0)
				goto out;
		}
		open_el(b, 3, "linkeddocuments");
		/* Files come ordered by item, like the items (as on the
		 * meeting page); an exempt item has none in the views. */
		while (have_file && f.agenda_item_id == it.id) {
			struct doc_facts d = {
				.id = f.id, .title = f.title, .filename = f.filename, .role = f.role, .itemnum = ++k,
				.published_utc = m->agenda_published_at, .meeting_start = m->start_at,
				.committee = m->organization_name, .owner = it.title,
			};
			if (!it.exempt) {
				open_el(b, 4, "linkeddoc");
				doc_children(r, b, 5, &d);
				close_el(b, 4, "linkeddoc");
			}
			have_file = cursor_next_file(&fc, &f);
		}
		close_el(b, 3, "linkeddocuments");
		close_el(b, 2, "agendaitem");
	}
	if (c.err || fc.err)
		goto out;
	while (have_file)
		have_file = cursor_next_file(&fc, &f);
	close_el(b, 1, "agendaitems");
	rc = minutes.err ? -1 : 0;
out:
	buf_release(&minutes);
	return rc;
}

/* Witan's additions: the meeting's own name, why it was cancelled or
 * postponed, its venue with its address, when the agenda and minutes
 * were published, their approval, the meeting's own documents (front
 * sheet, printed minutes) and the declarations of interest, so that a
 * copy made through this service reads as the record does.  UTC times as
 * RFC 3339. */
static int meeting_extras(struct req *r, struct buf *b, const struct meeting_row *m)
{
	struct cursor c;
	struct file_row f;
	struct declaration_row d;
	int k = 0, rc;

	/* (its own name, when it is not the committee's) */
	if (m->name && m->organization_name && strcmp(m->name, m->organization_name) != 0)
		ext(b, 1, "meetingname", m->name);
	ext(b, 1, "statereason", m->state_reason);
	if (m->location_id) {
		ind(b, 1);
		xml_fmt(b, "<witan:venue id=\"%l\"", m->location_id);
		opt_attr(b, "name", m->location_name);
		opt_attr(b, "room", m->location_room);
		opt_attr(b, "street", m->location_street);
		opt_attr(b, "locality", m->location_locality);
		opt_attr(b, "postcode", m->location_postcode);
		buf_puts(b, "/>\n");
	}
	if (strcmp(m->agenda_status, "published") == 0)
		ext(b, 1, "agendapublished", m->agenda_published_at);
	ext(b, 1, "minutesstatus", m->minutes_status);
	if (minutes_out(m->minutes_status))
		ext(b, 1, "minutespublished", m->minutes_published_at);
	if (strcmp(m->minutes_status, "approved") == 0) {
		ext(b, 1, "minutesapproved", m->minutes_approved_at);
		if (m->minutes_approved_by) {
			if ((rc = mg_meeting_public(r->db, m->minutes_approved_by)) < 0)
				return -1;
			if (rc > 0) {
				ind(b, 1);
				xml_fmt(b, "<witan:minutesapprovedby>%l</witan:minutesapprovedby>\n", m->minutes_approved_by);
			}
		}
	}
	if (pub_files_of_meeting(r->db, m->id, &c) < 0)
		return -1;
	open_el(b, 1, "witan:documents");
	while (cursor_next_file(&c, &f)) {
		struct doc_facts dd = {
			.id = f.id, .title = f.title, .filename = f.filename, .role = f.role, .itemnum = ++k,
			.published_utc = m->agenda_published_at, .meeting_start = m->start_at,
			.committee = m->organization_name, .owner = m->organization_name,
		};
		ind(b, 2);
		xml_fmt(b, "<witan:document role=\"%s\">\n", f.role ? f.role : "");
		doc_children(r, b, 3, &dd);
		close_el(b, 2, "witan:document");
	}
	close_el(b, 1, "witan:documents");
	if (c.err || pub_declarations_of_meeting(r->db, m->id, &c) < 0)
		return -1;
	open_el(b, 1, "witan:declarations");
	while (cursor_next_declaration(&c, &d)) {
		ind(b, 2);
		xml_fmt(b, "<witan:declaration agendaitemid=\"%l\" memberid=\"%l\" name=\"%s\" kind=\"%s\" leftroom=\"%s\">%s"
			"</witan:declaration>\n", d.agenda_item_id, d.person_id, d.person_name, d.kind,
			d.left_room ? "True" : "False", d.description ? d.description : "");
	}
	close_el(b, 1, "witan:declarations");
	return c.err ? -1 : 0;
}

static int get_meeting(struct req *r)
{
	struct buf *b = &r->body, venue = BUF_INIT;
	struct meeting_row m;
	char day[11], tm[16];
	int64_t id, decisions = 0;
	int rc;

	if ((rc = int_param(r, Q_MEETING, "GetMeeting", "a meeting's id", &id)))
		return rc;
	rc = pub_meeting(r->db, id, &m);
	if (rc < 0)
		return fail(r, 500, "The meeting could not be read.");
	if (rc == 0)
		return fail(r, 404, "There is no meeting with the id %lld.", (long long)id);
	if (mg_meeting_decisions(r->db, m.id, &decisions) < 0)
		return fail(r, 500, "The meeting could not be read.");
	meeting_venue(&venue, &m);
	buf_puts(b, XML_DECL);
	xml_fmt(b, "<meeting xmlns:witan=\"%r\">\n", WITAN_NS);
	leaf_int(b, 1, "meetingid", m.id);
	leaf(b, 1, "meetingdate", uk_date(day, m.start_at));
	leaf(b, 1, "meetingstatus", mg_status(m.state));
	leaf_bool(b, 1, "isdisplayallowed", 1);
	leaf(b, 1, "meetingtime", uk_time(tm, m.start_at));
	leaf(b, 1, "meetingactualstarttime", NULL);
	leaf(b, 1, "meetingplannedfinishtime", uk_time(tm, m.end_at));
	leaf(b, 1, "meetingactualfinishtime", NULL);
	leaf(b, 1, "meetinglocation", venue.data);
	leaf_bool(b, 1, "iswebcast", m.webcast_url != NULL);
	leaf_int(b, 1, "agendaid", m.id);
	leaf_bool(b, 1, "agendapublished", strcmp(m.agenda_status, "published") == 0);
	leaf_bool(b, 1, "decisionpublished", decisions > 0);
	leaf_bool(b, 1, "minutepublished", minutes_out(m.minutes_status));
	leaf(b, 1, "meetingroom", m.location_room);
	buf_release(&venue);
	if (meeting_items(r, b, &m) < 0 || meeting_attendees(r, b, &m) < 0 || meeting_extras(r, b, &m) < 0)
		return fail(r, 500, "The meeting could not be read.");
	close_el(b, 0, "meeting");
	return 200;
}

/* --- GetAttachment --------------------------------------------------------------- */

static int get_attachment(struct req *r)
{
	struct file_row f, x;
	struct mg_owner_row o;
	struct cursor c;
	struct doc_facts d;
	int64_t id;
	int rc, k = 0;

	if ((rc = int_param(r, Q_ATTACHMENT, "GetAttachment", "a document's id", &id)))
		return rc;
	rc = pub_file(r->db, id, &f);
	if (rc < 0)
		return fail(r, 500, "The document could not be read.");
	if (rc == 0)
		return fail(r, 404, "There is no document with the id %lld.", (long long)id);
	memset(&o, 0, sizeof(o));
	if (mg_file_owner(r->db, id, &o) < 0)
		return fail(r, 500, "The document could not be read.");
	memset(&d, 0, sizeof(d));
	/* Its number among its item's (or meeting's) documents, and its role. */
	if (o.item_id || o.meeting_id) {
		if ((o.item_id ? pub_files_of_item(r->db, o.item_id, &c) : pub_files_of_meeting(r->db, o.meeting_id, &c)) < 0)
			return fail(r, 500, "The document could not be read.");
		while (cursor_next_file(&c, &x)) {
			k++;
			if (x.id == id && !d.itemnum) {
				d.itemnum = k;
				d.role = x.role && strcmp(x.role, "decision_notice") == 0 ? "decision_notice" : NULL;
			}
		}
		if (c.err)
			return fail(r, 500, "The document could not be read.");
	}
	/* (pub_file's strings are its own statement's, still valid) */
	d.id = f.id;
	d.title = f.title;
	d.filename = f.filename;
	d.published_utc = o.agenda_published_at;
	d.meeting_start = o.start_at;
	d.committee = o.organization_name;
	d.owner = o.title;
	buf_puts(&r->body, XML_DECL);
	open_el(&r->body, 0, "attachment");
	doc_children(r, &r->body, 1, &d);
	close_el(&r->body, 0, "attachment");
	return 200;
}

/* --- GetCouncillorsByWard ---------------------------------------------------------- */

static void address(struct buf *b, const char *name)
{
	static const char *const lines[] = {
		"line1", "line2", "line3", "line4", "line5", "postcode", "phone", "mobile", "fax", "email",
	};

	/* A member's contact details are for the clerks: never here. */
	open_el(b, 5, name);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		leaf(b, 6, lines[i], NULL);
	close_el(b, 5, name);
}

static int councillor(struct req *r, struct buf *b, const struct mg_councillor_row *p)
{
	struct cursor c;
	struct mg_term_row t;
	char day[11];

	open_el(b, 4, "councillor");
	leaf_int(b, 5, "councillorid", p->id);
	leaf(b, 5, "fullusername", p->name);
	leaf(b, 5, "photosmallurl", NULL);
	leaf(b, 5, "photobigurl", NULL);
	leaf(b, 5, "politicalpartytitle", p->party);
	leaf(b, 5, "politicalgrouptitle", NULL);
	leaf(b, 5, "districttitle", NULL);
	leaf(b, 5, "representing", p->nominated_by);
	leaf(b, 5, "keyposts", NULL);
	address(b, "workaddress");
	address(b, "homeaddress");
	open_el(b, 5, "termsofoffice");
	if (mg_terms(r->db, p->id, &c) < 0)
		return -1;
	while (cursor_next_mg_term(&c, &t)) {
		open_el(b, 6, "termofoffice");
		leaf(b, 7, "startdate", uk_date(day, t.start_date));
		leaf(b, 7, "enddate", t.end_date ? uk_date(day, t.end_date) : "unspecified");
		close_el(b, 6, "termofoffice");
	}
	if (c.err)
		return -1;
	close_el(b, 5, "termsofoffice");
	close_el(b, 4, "councillor");
	return 0;
}

static int get_councillors(struct req *r)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct mg_councillor_row p;
	char *ward = NULL;
	int open = 0, rc = 500;

	buf_puts(b, XML_DECL);
	open_el(b, 0, "councillorsbyward");
	open_el(b, 1, "wards");
	if (mg_councillors(r->db, &c) < 0)
		goto out;
	while (cursor_next_mg_councillor(&c, &p)) {
		const char *area = p.area ? p.area : "";
		if (!open || strcmp(area, ward) != 0) {
			if (open) {
				close_el(b, 3, "councillors");
				close_el(b, 2, "ward");
			}
			free(ward);
			if (!(ward = strdup(area)))
				goto out;
			open = 1;
			open_el(b, 2, "ward");
			leaf(b, 3, "wardtitle", ward);
			open_el(b, 3, "councillors");
		}
		if (councillor(r, b, &p) < 0)
			goto out;
	}
	if (c.err)
		goto out;
	if (open) {
		close_el(b, 3, "councillors");
		close_el(b, 2, "ward");
	}
	close_el(b, 1, "wards");
	close_el(b, 0, "councillorsbyward");
	rc = 200;
out:
	free(ward);
	return rc == 200 ? rc : fail(r, rc, "The councillors could not be read.");
}

/* --- the service ------------------------------------------------------------------ */

static const struct {
	const char *name;
	int (*answer)(struct req *r);
} methods[] = {
	{ "GetCommittees", get_committees },
	{ "GetMeetings", get_meetings },
	{ "GetMeeting", get_meeting },
	{ "GetCouncillorsByWard", get_councillors },
	{ "GetAttachment", get_attachment },
};

int page_mg_service(struct req *r)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (strcasecmp(r->name, methods[i].name) == 0) {
			int status = methods[i].answer(r);
			if (status == 200)
				r->content_type = XML_TYPE;
			return status;
		}
	}
	return fail(r, 404, "This web service has no method %.100s. It answers " METHOD_LIST ".", r->name);
}

int page_mg_service_help(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->body,
		 "mgWebService: the ModernGov web service, answered from this site's public record.\n"
		 "\n"
		 "GET " SERVICE "/GetCommittees\n"
		 "GET " SERVICE "/GetMeetings?lCommitteeId=N&sFromDate=dd/mm/yyyy&sToDate=dd/mm/yyyy"
		 "  (lCommitteeId=0: every committee; yyyy-mm-dd too; both days included)\n"
		 "GET " SERVICE "/GetMeeting?lMeetingId=N\n"
		 "GET " SERVICE "/GetCouncillorsByWard\n"
		 "GET " SERVICE "/GetAttachment?lAttachmentID=N\n");
	return 200;
}

/* --- the old pages: 301 to the same object here ------------------------------------ */

static int moved(struct req *r, const char *location)
{
	req_add_header(r, "location", location);
	return 301;
}

/* The id the page names in parameter q (a ModernGov id, or Witan's own):
 * 0 with *id, or the status of the answer. */
static int page_id(struct req *r, int q, const char *name, const char *page, int64_t *id)
{
	const char *v = r->q[q].text, *p;
	char *m;

	if (!r->q[q].set) {
		m = req_alloc(r, 200);
		snprintf(m, 200, "This address needs its parameter %s, a number, as in %s?%s=4967.", name, page, name);
		r->errmsg = m;
		return 400;
	}
	for (p = v; *p >= '0' && *p <= '9'; p++)
		;
	if (p == v || *p || p - v > 15) {
		m = req_alloc(r, 200);
		snprintf(m, 200, "The parameter %s is not a number: %s wants one, as in %s?%s=4967.", name, page, page,
			 name);
		r->errmsg = m;
		return 400;
	}
	*id = 0;
	for (p = v; *p; p++)
		*id = *id * 10 + (*p - '0');
	return 0;
}

/* The local id of ModernGov's object mg_id: the one an import gave it
 * (its canonical address fmt under the ModernGov site), else mg_id
 * itself, taken as Witan's own.  0 with *local, or 500. */
static int local_id(struct req *r, const char *entity, const char *fmt, int64_t mg_id, int64_t *local)
{
	char page[64];
	int rc;

	snprintf(page, sizeof(page), fmt, (long long)mg_id);
	rc = mg_import_id(r->db_private, entity, page, local);
	if (rc < 0) {
		r->errmsg = "The address could not be looked up.";
		return 500;
	}
	if (rc == 0)
		*local = mg_id;
	return 0;
}

/* A ModernGov page that names one meeting, committee or person: the page,
 * its parameter (or else alt), the object's canonical ModernGov address
 * (where an import maps it), its address here, and the answer when there
 * is no such public object. */
struct mg_page {
	const char *page, *param, *alt;
	enum model_entity ent;
	const char *canon, *here, *none;
};
#define MG_MEETING M_meeting, "/ieListDocuments.aspx?MId=%lld", "/meetings/%lld", "There is no public meeting with this id."
#define MG_COMMITTEE M_organization, "/mgCommitteeDetails.aspx?ID=%lld", "/committees/%lld", \
	"There is no public committee with this id."
static const struct mg_page
	page_documents = { "ieListDocuments.aspx", "MId", NULL, MG_MEETING },
	page_attendance = { "mgMeetingAttendance.aspx", "ID", NULL, MG_MEETING },
	page_committee = { "mgCommitteeDetails.aspx", "ID", NULL, MG_COMMITTEE },
	page_meetings = { "ieListMeetings.aspx", "CommitteeId", "CId", MG_COMMITTEE },
	page_user = { "mgUserInfo.aspx", "UID", NULL, M_person, "/mgUserInfo.aspx?UID=%lld", "/people/%lld",
		      "There is no public person with this id." };

/* To the public object that page p names. */
static int to_object(struct req *r, const struct mg_page *p)
{
	const struct mentity *e = &model[p->ent];
	union { struct m_meeting m; struct m_organization o; struct m_person p; } row;
	int q = p->alt && !r->q[0].set && r->q[1].set, rc;
	char loc[48];
	int64_t mg_id, id;

	if ((rc = page_id(r, q, q ? p->alt : p->param, p->page, &mg_id)) ||
	    (rc = local_id(r, e->table, p->canon, mg_id, &id)) ||
	    (rc = req_not_found(r, model_pub_get(r->db, e, id, &row), p->none)))
		return rc;
	snprintf(loc, sizeof(loc), p->here, (long long)id);
	return moved(r, loc);
}

int page_mg_item(struct req *r)
{
	char loc[64];
	int64_t mg_id, id, meeting;
	int rc;

	if ((rc = page_id(r, 0, "ID", "mgAi.aspx", &mg_id)) ||
	    (rc = local_id(r, "agenda_item", "/mgAi.aspx?ID=%lld", mg_id, &id)))
		return rc;
	if ((rc = req_not_found(r, mg_item_meeting(r->db, id, &meeting), "There is no public agenda item with this id.")))
		return rc;
	snprintf(loc, sizeof(loc), "/meetings/%lld/items/%lld", (long long)meeting, (long long)id);
	return moved(r, loc);
}

int page_mg_documents(struct req *r)
{
	return to_object(r, &page_documents);
}

int page_mg_attendance(struct req *r)
{
	return to_object(r, &page_attendance);
}

int page_mg_committee(struct req *r)
{
	return to_object(r, &page_committee);
}

int page_mg_meetings(struct req *r)
{
	return to_object(r, &page_meetings);
}

int page_mg_user(struct req *r)
{
	return to_object(r, &page_user);
}

int page_mg_document(struct req *r)
{
	struct file_row f;
	struct buf loc = BUF_INIT;
	int64_t mg_id, id;
	int rc;

	if ((rc = page_id(r, 0, "ID", "mgConvert2PDF.aspx", &mg_id)) ||
	    (rc = local_id(r, "file", "/mgConvert2PDF.aspx?ID=%lld", mg_id, &id)))
		return rc;
	if ((rc = req_not_found(r, pub_file(r->db, id, &f), "There is no public document with this id.")))
		return rc;
	buf_printf(&loc, "/documents/%lld/", (long long)f.id);
	url_escape(&loc, f.filename);
	rc = loc.err ? 500 : moved(r, loc.data);
	buf_release(&loc);
	return rc;
}

int page_mg_list_committees(struct req *r)
{
	return moved(r, "/committees");
}

int page_mg_member_index(struct req *r)
{
	return moved(r, "/people");
}

int page_mg_calendar(struct req *r)
{
	return moved(r, "/meetings");
}

int page_mg_whats_new(struct req *r)
{
	return moved(r, "/");
}
