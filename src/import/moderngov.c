/* moderngov.c: `witan import moderngov` (see moderngov.h and docs/API.md,
 * "Importing from ModernGov").  The web service's answers are read with
 * util/xmlread and become OParl objects written by import/harvest.c's
 * session; nothing here writes SQL. */
#include "import/moderngov.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db/harvest.h"
#include "import/fetch.h"
#include "util/buf.h"
#include "util/xmlread.h"
#include "version.h"
#include "util/banned.h"

#define MAX_XML_BYTES (64L << 20)
#define AGENT "witan-import-moderngov/" WITAN_VERSION
#define MAX_NAMED 20

struct mg {
	struct db *db;
	struct harvest *hv;
	CURL *curl;
	char base[512];            /* the site, without a trailing slash */
	char system[600];          /* base + "/mgWebService.asmx" (the run's key) */
	const struct moderngov_opts *o;
	struct moderngov_report *rep;
	char today[11];
	long named;
	int committees_changed;    /* GetCommittees answered anew (not 304) */
};

/* A meeting listed in a committee's windows. */
struct stub {
	long id;
	char date[11];
};

/* A JSON string (util/json.h has a json_string() of its own: jansson's
 * is reached under another name). */
static json_t *jtext(const char *s)
{
	return json_stringn(s, strlen(s));
}

static void skipped(struct mg *m, const char *what, const char *why)
{
	m->rep->bad++;
	if (m->named++ < MAX_NAMED)
		fprintf(stderr, "witan: skipped %s: %s\n", what, why);
	else if (m->named == MAX_NAMED + 1)
		fprintf(stderr, "witan: (further skipped answers are only counted)\n");
}

/* --- what ModernGov writes -------------------------------------------- */

static int is_true(const struct xnode *n, const char *name)
{
	char v[8];

	return strcasecmp(xml_get(n, name, v, sizeof(v)), "True") == 0;
}

/* Plain text that ModernGov escaped once more as HTML ("Chair&#39;s
 * Announcements"): its character references read, in place (never
 * longer).  Returns s. */
static char *unescape(char *s)
{
	static const struct { const char *ent; const char *ch; } named[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
		{ "&nbsp;", "\xc2\xa0" },
	};
	char *w = s;

	for (const char *r = s; *r;) {
		size_t i;
		if (*r != '&') {
			*w++ = *r++;
			continue;
		}
		if (r[1] == '#') {
			int hex = r[2] == 'x' || r[2] == 'X';
			char *end;
			unsigned long c = strtoul(r + 2 + hex, &end, hex ? 16 : 10);
			if (end > r + 2 + hex && *end == ';' && c >= 0x20 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff)) {
				if (c < 0x80) {
					*w++ = (char)c;
				} else if (c < 0x800) {
					*w++ = (char)(0xc0 | (c >> 6));
					*w++ = (char)(0x80 | (c & 0x3f));
				} else if (c < 0x10000) {
					*w++ = (char)(0xe0 | (c >> 12));
					*w++ = (char)(0x80 | ((c >> 6) & 0x3f));
					*w++ = (char)(0x80 | (c & 0x3f));
				} else {
					*w++ = (char)(0xf0 | (c >> 18));
					*w++ = (char)(0x80 | ((c >> 12) & 0x3f));
					*w++ = (char)(0x80 | ((c >> 6) & 0x3f));
					*w++ = (char)(0x80 | (c & 0x3f));
				}
				r = end + 1;
				continue;
			}
		}
		for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
			size_t n = strlen(named[i].ent);
			if (strncmp(r, named[i].ent, n) == 0) {
				size_t k = strlen(named[i].ch);
				memcpy(w, named[i].ch, k);
				w += k;
				r += n;
				break;
			}
		}
		if (i == sizeof(named) / sizeof(named[0]))
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

static long id_of(const char *s)
{
	char *end;
	long v;

	while (*s == ' ')
		s++;
	v = strtol(s, &end, 10);
	return end != s && *end == '\0' && v > 0 ? v : 0;
}

static long child_id(const struct xnode *n, const char *name)
{
	char v[32];

	return id_of(xml_get(n, name, v, sizeof(v)));
}

/* dd/mm/yyyy as YYYY-MM-DD in out; 0 if it is not a date. */
static int iso_date(const char *dmy, char out[11])
{
	int d, mo, y;
	char tail;

	if (sscanf(dmy, "%2d/%2d/%4d%c", &d, &mo, &y, &tail) != 3 || d < 1 || d > 31 || mo < 1 || mo > 12 ||
	    y < 1900 || y > 2999)
		return 0;
	snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
	return 1;
}

/* "10.00 am", "2.30 pm", "12 noon", "14:00" as HH:MM; 0 if none. */
static int clock_time(const char *s, char out[6])
{
	int h = 0, mi = 0, n = 0;

	if (sscanf(s, "%d%*[.:]%d%n", &h, &mi, &n) < 2) {
		mi = 0;
		if (sscanf(s, "%d%n", &h, &n) < 1)
			return 0;
	}
	s += n;
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "pm", 2) == 0 && h < 12)
		h += 12;
	else if (strncasecmp(s, "am", 2) == 0 && h == 12)
		h = 0;
	if (h < 0 || h > 23 || mi < 0 || mi > 59)
		return 0;
	snprintf(out, 6, "%02d:%02d", h, mi);
	return 1;
}

/* A local date and time as RFC 3339 with this machine's offset then
 * (the record's times are local: see db/harvest.h, HV_LOCAL). */
static void rfc3339(const char *date, const char *hm, char out[32])
{
	struct tm tm = { 0 };
	long off;

	sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	sscanf(hm, "%2d:%2d", &tm.tm_hour, &tm.tm_min);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	mktime(&tm); /* (fills tm_gmtoff: the offset then) */
	off = tm.tm_gmtoff / 60;
	snprintf(out, 32, "%sT%s:00%c%02ld:%02ld", date, hm, off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

/* A name as ModernGov writes it ("Councillor Basil Curley") as the
 * name and its form of address. */
static const char *split_title(const char *full, char *title, size_t len)
{
	static const char *const titles[] = { "Councillor ", "Cllr ", "Cllr. ", "County Councillor ",
					      "Alderman ", "Mayor " };

	title[0] = '\0';
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		size_t n = strlen(titles[i]);
		if (strncasecmp(full, titles[i], n) == 0 && full[n]) {
			snprintf(title, len, "%.*s", (int)(n - 1), full);
			return full + n;
		}
	}
	return full;
}

static void canon(struct buf *b, const struct mg *m, const char *page, long id)
{
	buf_reset(b);
	buf_printf(b, "%s/%s%ld", m->base, page, id);
}

#define URL_COMMITTEE "mgCommitteeDetails.aspx?ID="
#define URL_MEETING "ieListDocuments.aspx?MId="
#define URL_ITEM "mgAi.aspx?ID="
#define URL_PERSON "mgUserInfo.aspx?UID="
#define URL_FILE "mgConvert2PDF.aspx?ID="

/* --- the web service ---------------------------------------------------- */

/* GET a web service answer, conditional on what the last run kept.  200
 * (out the answer; got its validators), 304 (out the answer kept, when
 * keep_body and one was kept; else empty), or another status / -1. */
static long ask(struct mg *m, const char *url, int keep_body, struct buf *out, struct fetch_validators *got)
{
	struct fetch_validators have;
	char *body = NULL;
	long status;
	int known = harvest_http_get(m->db, url, have.etag, sizeof(have.etag), have.last_modified,
				     sizeof(have.last_modified), keep_body ? &body : NULL);

	if (known < 0)
		return -1;
	if (keep_body && known && !body) /* (nothing kept to read again: ask for all of it) */
		have.etag[0] = have.last_modified[0] = '\0';
	m->rep->requests++;
	if (known && (have.etag[0] || have.last_modified[0]))
		m->rep->conditional++;
	status = fetch_get(m->curl, AGENT, url, MAX_XML_BYTES, known ? &have : NULL, got, out);
	if (status == 304) {
		m->rep->not_modified++;
		buf_reset(out);
		if (body)
			buf_puts(out, body);
		*got = have;
	}
	free(body);
	return status;
}

/* An answer as a tree whose root is named root: NULL (skipped and named)
 * when it is not one. */
static struct xnode *answer(struct mg *m, const char *url, long status, const struct buf *b, const char *root)
{
	char err[200], why[300];
	struct xnode *x;

	if (status != 200 && status != 304) {
		if (status > 0)
			snprintf(why, sizeof(why), "HTTP %ld", status);
		else
			snprintf(why, sizeof(why), "no answer");
		skipped(m, url, why);
		return NULL;
	}
	if (!(x = xml_read(b->data ? b->data : "", b->len, err, sizeof(err)))) {
		snprintf(why, sizeof(why), "not XML (%s)", err);
		skipped(m, url, why);
		return NULL;
	}
	if (strcmp(x->name, root) != 0) {
		snprintf(why, sizeof(why), "a <%s> where a <%s> was expected", x->name, root);
		skipped(m, url, why);
		xml_free(x);
		return NULL;
	}
	return x;
}

struct http_row {
	const char *url;
	const struct fetch_validators *v;
	const char *body;
	const long *bad;           /* (a meeting) the harvest's count of bad objects */
	long bad_before;           /* ... before it was written */
};

/* Keep an answer's validators; but for a meeting one of whose documents
 * could not be had: the next run asks for all of it again, and so tries
 * the document again. */
static int keep_http(struct db *db, void *ctx)
{
	const struct http_row *r = ctx;
	int whole = !r->bad || *r->bad == r->bad_before;

	return harvest_http_put(db, r->url, whole ? r->v->etag : NULL, whole ? r->v->last_modified : NULL, r->body);
}

/* Keep an answer's validators (and, for a list, the answer) in its own
 * transaction. */
static int keep_answer(struct mg *m, const char *url, const struct fetch_validators *v, const char *body)
{
	struct http_row r = { url, v, body, NULL, 0 };

	if (db_begin(m->db) < 0)
		return -1;
	if (keep_http(m->db, &r) < 0) {
		db_rollback(m->db);
		return -1;
	}
	return db_commit(m->db);
}

static int put(struct mg *m, json_t *o, const char *url, const struct fetch_validators *v)
{
	struct http_row r = { url, v, NULL, &m->rep->h.bad, m->rep->h.bad };
	int rc = harvest_put(m->hv, o, url ? keep_http : NULL, &r);

	json_decref(o);
	return rc;
}

/* --- committees and people ---------------------------------------------- */

static int put_named(struct mg *m, const struct xnode *first);
static char *html_of(const struct xnode *n, const char *name);

/* A committee's memberships, which Witan's own web service lists
 * (<witan:members>; ModernGov's has none), each as an OParl Membership. */
static int put_members(struct mg *m, const struct xnode *c, const char *committee_url)
{
	const struct xnode *first = xml_child(xml_child(c, "witan:members"), "witan:member");
	struct buf url = BUF_INIT, purl = BUF_INIT;
	int rc = 0;

	if (put_named(m, first) < 0)
		return -1;
	for (const struct xnode *x = first; x && rc == 0; x = xml_next(x)) {
		const char *id = xml_attr(x, "id"), *who = xml_attr(x, "memberid"), *role = xml_attr(x, "role");
		const char *from = xml_attr(x, "startdate"), *to = xml_attr(x, "enddate"), *voting = xml_attr(x, "voting");
		json_t *o;

		if (!id || !id_of(id) || !who || !id_of(who))
			continue;
		buf_reset(&url);
		buf_printf(&url, "%s#membership:%ld", committee_url, id_of(id));
		canon(&purl, m, URL_PERSON, id_of(who));
		o = json_pack("{s:s, s:s, s:s, s:s, s:b}", "id", url.data, "type", "https://schema.oparl.org/1.1/Membership",
			      "person", purl.data, "organization", committee_url, "votingRight",
			      !voting || strcasecmp(voting, "False") != 0);
		if (o && role && *role)
			json_object_set_new(o, "witan:role", jtext(role));
		if (o && from && *from)
			json_object_set_new(o, "startDate", jtext(from));
		if (o && to && *to)
			json_object_set_new(o, "endDate", jtext(to));
		if (!o || put(m, o, NULL, NULL) < 0)
			rc = -1;
	}
	buf_release(&url);
	buf_release(&purl);
	return rc;
}

static int put_committee(struct mg *m, const struct xnode *c, const char *last_meeting)
{
	struct buf url = BUF_INIT;
	char title[1024];
	long id = child_id(c, "committeeid");
	json_t *o;
	int rc = 0;

	unescape(xml_get(c, "committeetitle", title, sizeof(title)));
	if (!id || !*title) {
		skipped(m, "a committee", !id ? "no committeeid" : "no committeetitle");
		return 0;
	}
	canon(&url, m, URL_COMMITTEE, id);
	o = json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", url.data, "type", "https://schema.oparl.org/1.1/Organization",
		      "name", title, "classification", title, "witan:keepId", (json_int_t)id);
	if (o) {
		/* (Witan's own web service says its kind and purpose) */
		char *purpose = html_of(c, "witan:purpose"), kind[64];
		if (*xml_get(c, "witan:kind", kind, sizeof(kind)))
			json_object_set_new(o, "witan:kind", jtext(kind));
		if (purpose)
			json_object_set_new(o, "witan:purpose", jtext(purpose));
		free(purpose);
	}
	/* An expired committee ended with its last meeting (or, with none
	 * known, by the time of the import). */
	if (o && is_true(c, "committeeexpired"))
		json_object_set_new(o, "endDate", jtext(last_meeting && *last_meeting ? last_meeting : m->today));
	if (!o || put(m, o, NULL, NULL) < 0)
		rc = -1;
	if (rc == 0)
		rc = put_members(m, c, url.data);
	if (rc == 0 && is_true(c, "committeedeleted")) {
		o = json_pack("{s:s, s:s, s:b}", "id", url.data, "type", "https://schema.oparl.org/1.1/Organization",
			      "deleted", 1);
		if (!o || put(m, o, NULL, NULL) < 0)
			rc = -1;
	}
	if (rc == 0)
		m->rep->committees++;
	buf_release(&url);
	return rc;
}

static json_t *person_object(struct mg *m, long id, const char *full, const char *party, const char *ward,
			     const char *representing)
{
	struct buf url = BUF_INIT;
	char title[40];
	json_t *o;

	/* The name as written ("Councillor Basil Curley", as Witan's own
	 * names are), its form of address beside it. */
	const char *bare = split_title(full, title, sizeof(title)), *last = strrchr(bare, ' ');

	canon(&url, m, URL_PERSON, id);
	o = json_pack("{s:s, s:s, s:s, s:I}", "id", url.data, "type", "https://schema.oparl.org/1.1/Person", "name",
		      full, "witan:keepId", (json_int_t)id);
	/* Given and family names as an English name puts them (lists are
	 * sorted by family name). */
	if (o && last && last > bare && last[1]) {
		json_object_set_new(o, "familyName", jtext(last + 1));
		json_object_set_new(o, "givenName", json_stringn(bare, (size_t)(last - bare)));
	}
	if (o && *title)
		json_object_set_new(o, "formOfAddress", jtext(title));
	if (o && party && *party)
		json_object_set_new(o, "witan:party", jtext(party));
	if (o && ward && *ward)
		json_object_set_new(o, "witan:area", jtext(ward));
	/* (whom a member of a joint committee represents) */
	if (o && representing && *representing)
		json_object_set_new(o, "witan:nominatedBy", jtext(representing));
	buf_release(&url);
	return o;
}

static int import_people(struct mg *m)
{
	struct buf url = BUF_INIT, b = BUF_INIT;
	struct fetch_validators got = { { 0 }, { 0 } };
	struct xnode *x = NULL;
	long status;
	int rc = -1;

	buf_printf(&url, "%s/GetCouncillorsByWard", m->system);
	status = ask(m, url.data, 0, &b, &got);
	if (status == 304) {
		rc = 0; /* no one changed */
		goto out;
	}
	if (!(x = answer(m, url.data, status, &b, "councillorsbyward"))) {
		rc = 0;
		goto out;
	}
	for (const struct xnode *w = xml_child(xml_child(x, "wards"), "ward"); w; w = xml_next(w)) {
		char ward[512];
		unescape(xml_get(w, "wardtitle", ward, sizeof(ward)));
		for (const struct xnode *c = xml_child(xml_child(w, "councillors"), "councillor"); c; c = xml_next(c)) {
			char name[512], party[512], representing[512];
			long id = child_id(c, "councillorid");
			json_t *o;

			unescape(xml_get(c, "fullusername", name, sizeof(name)));
			unescape(xml_get(c, "politicalpartytitle", party, sizeof(party)));
			unescape(xml_get(c, "representing", representing, sizeof(representing)));
			if (!id || !*name) {
				skipped(m, "a councillor", !id ? "no councillorid" : "no fullusername");
				continue;
			}
			if (!(o = person_object(m, id, name, party, ward, representing)) || put(m, o, NULL, NULL) < 0)
				goto out;
			m->rep->people++;
		}
	}
	rc = keep_answer(m, url.data, &got, NULL);
out:
	xml_free(x);
	buf_release(&url);
	buf_release(&b);
	return rc;
}

/* --- meetings ------------------------------------------------------------- */

static int add_stub(struct stub **v, size_t *n, size_t *cap, long id, const char *date)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].id == id)
			return 0;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct stub *p = realloc(*v, c * sizeof(*p));
		if (!p)
			return -1;
		*v = p;
		*cap = c;
	}
	(*v)[*n].id = id;
	snprintf((*v)[*n].date, sizeof((*v)[*n].date), "%s", date);
	(*n)++;
	return 0;
}

/* A committee's meetings from..to, asked for a calendar year at a time
 * (the web service answers a window of dates), added to *v. */
static int list_meetings(struct mg *m, long committee, const char *from, const char *to, struct stub **v, size_t *n,
			 size_t *cap)
{
	int y0 = (int)strtol(from, NULL, 10), y1 = (int)strtol(to, NULL, 10);

	for (int y = y0; y <= y1; y++) {
		struct buf url = BUF_INIT, b = BUF_INIT;
		struct fetch_validators got = { { 0 }, { 0 } };
		struct xnode *x;
		char d0[11], d1[11];
		long status;
		int rc = 0;

		snprintf(d0, sizeof(d0), "%04d-01-01", y);
		snprintf(d1, sizeof(d1), "%04d-12-31", y);
		if (y == y0)
			snprintf(d0, sizeof(d0), "%s", from);
		if (y == y1)
			snprintf(d1, sizeof(d1), "%s", to);
		buf_printf(&url, "%s/GetMeetings?lCommitteeId=%ld&sFromDate=%.2s/%.2s/%.4s&sToDate=%.2s/%.2s/%.4s",
			   m->system, committee, d0 + 8, d0 + 5, d0, d1 + 8, d1 + 5, d1);
		status = ask(m, url.data, 1, &b, &got);
		if ((x = answer(m, url.data, status, &b, "getmeetings"))) {
			for (const struct xnode *c = xml_child(x, "committee"); c && rc == 0; c = xml_next(c))
				for (const struct xnode *mt = xml_child(xml_child(c, "committeemeetings"), "meeting");
				     mt && rc == 0; mt = xml_next(mt)) {
					char dmy[16], date[11];
					long id = child_id(mt, "meetingid");
					if (!id || !iso_date(xml_get(mt, "meetingdate", dmy, sizeof(dmy)), date))
						continue;
					rc = add_stub(v, n, cap, id, date);
				}
			if (rc == 0 && status == 200)
				rc = keep_answer(m, url.data, &got, b.data);
			xml_free(x);
		}
		buf_release(&url);
		buf_release(&b);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static const char *attendance_status(const char *a, int officer)
{
	if (!a)
		return NULL;
	if (strcasestr(a, "substitute"))
		return "substitute";
	if (strncasecmp(a, "Present", 7) == 0 || strcasestr(a, "in attendance"))
		return officer ? "in_attendance" : "present";
	if (strncasecmp(a, "Apolog", 6) == 0)
		return "apologies";
	if (strncasecmp(a, "Absent", 6) == 0)
		return "absent";
	return NULL; /* "Expected": no record of what happened yet */
}

static const char *item_kind(const char *title)
{
	if (strncasecmp(title, "Apologies", 9) == 0)
		return "apologies";
	if (strcasestr(title, "declaration") && strcasestr(title, "interest"))
		return "declarations";
	if (strncasecmp(title, "Minutes", 7) == 0)
		return "minutes";
	if (strcasestr(title, "exclusion of the press") || strcasestr(title, "exclusion of press"))
		return "exclusion";
	return "item";
}

/* The people that elements from first on name (memberid and name: a
 * meeting's attendees, its declarations) and that are not here yet
 * (former councillors, officers), written first so that attendance and
 * declarations find them. */
static int put_named(struct mg *m, const struct xnode *first)
{
	struct buf url = BUF_INIT;
	int rc = 0;

	for (const struct xnode *a = first; a && rc == 0; a = xml_next(a)) {
		const char *mid = xml_attr(a, "memberid"), *name = xml_attr(a, "name");
		long id = mid ? id_of(mid) : 0;
		int64_t have;
		json_t *o;

		if (!id || !name || !*name)
			continue;
		canon(&url, m, URL_PERSON, id);
		if ((have = harvest_local_id(m->hv, url.data, "person")) < 0)
			rc = -1;
		else if (have == 0 && (!(o = person_object(m, id, name, xml_attr(a, "politicalparty"), xml_attr(a, "ward"),
								      xml_attr(a, "representing"))) ||
				       put(m, o, NULL, NULL) < 0))
			rc = -1;
	}
	buf_release(&url);
	return rc;
}

/* An element's HTML text as it is (NULL when it has none but white
 * space), malloc'd. */
static char *html_of(const struct xnode *n, const char *name)
{
	const struct xnode *c = xml_child(n, name);
	const char *t = c && c->text ? c->text : "";

	return t[strspn(t, " \t\r\n")] ? strdup(t) : NULL;
}

/* The file name at the end of a document's address, when it is one
 * ("/documents/7/report.pdf"; not "mgConvert2PDF.aspx?ID=7"): into out. */
static void file_name_of(const char *href, char *out, size_t len)
{
	size_t n = strcspn(href, "?#");
	const char *slash, *dot;

	out[0] = '\0';
	for (slash = href + n; slash > href && slash[-1] != '/'; slash--)
		;
	dot = memchr(slash, '.', (size_t)(href + n - slash));
	if (!dot || href + n - slash >= (long)len)
		return;
	if (strncasecmp(dot, ".pdf", 4) != 0 && strncasecmp(dot, ".doc", 4) != 0 && strncasecmp(dot, ".xls", 4) != 0 &&
	    strncasecmp(dot, ".odt", 4) != 0 && strncasecmp(dot, ".rtf", 4) != 0 && strncasecmp(dot, ".ppt", 4) != 0)
		return;
	snprintf(out, len, "%.*s", (int)(href + n - slash), slash);
}

/* "Paragraph 3" in a restricted document's reference: 3 (else 0). */
static long exempt_paragraph(const struct xnode *item)
{
	for (const struct xnode *d = xml_child(xml_child(item, "linkeddocuments"), "linkeddoc"); d; d = xml_next(d)) {
		char ref[200];
		const char *p = strcasestr(xml_get(d, "restrictionsRef", ref, sizeof(ref)), "paragraph");
		long para;
		if (p && (para = strtol(p + 9, NULL, 10)) >= 1 && para <= 7)
			return para;
	}
	return 0;
}

/* A document (a <linkeddoc>, or one of Witan's <witan:document>) as an
 * OParl File: NULL when it has no id, is restricted or is a link. */
static json_t *file_object(struct mg *m, const struct xnode *d)
{
	struct buf furl = BUF_INIT;
	char dtitle[1024], href[2048], dmy[16], date[11], mod[32], fname[256];
	long fid = child_id(d, "attachmentid");
	json_t *f = NULL;

	if (!fid || is_true(d, "isrestricted") || is_true(d, "isurl"))
		return NULL;
	unescape(xml_get(d, "title", dtitle, sizeof(dtitle)));
	xml_get(d, "url", href, sizeof(href));
	canon(&furl, m, URL_FILE, fid);
	if (!*href) /* (the document at its old address) */
		snprintf(href, sizeof(href), "%s", furl.data);
	f = json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", furl.data, "type", "https://schema.oparl.org/1.1/File", "name",
		      *dtitle ? dtitle : "Document", "accessUrl", href, "witan:keepId", (json_int_t)fid);
	/* The publication date is the document's modified: a re-run
	 * downloads a document again only when it was published again. */
	if (f && iso_date(xml_get(d, "publicationdate", dmy, sizeof(dmy)), date)) {
		snprintf(mod, sizeof(mod), "%sT00:00:00Z", date);
		json_object_set_new(f, "modified", jtext(mod));
	}
	file_name_of(href, fname, sizeof(fname));
	if (f && *fname)
		json_object_set_new(f, "fileName", jtext(fname));
	buf_release(&furl);
	return f;
}

static json_t *item_object(struct mg *m, const struct xnode *mt, const struct xnode *it, int order, int agenda,
			   int minutes)
{
	struct buf url = BUF_INIT, furl = BUF_INIT;
	char title[2048], number[64];
	long id = child_id(it, "agendaitemid");
	int restricted = is_true(it, "isrestricted");
	json_t *o, *files, *decl, *votes;
	size_t k;

	unescape(xml_get(it, "agendaitemtitle", title, sizeof(title)));
	if (!id)
		return NULL;
	xml_get(it, "fulldisplaynumberformat", number, sizeof(number));
	if (!*number)
		xml_get(it, "agendaitemnumber", number, sizeof(number));
	k = strlen(number);
	if (k > 1 && number[k - 1] == '.')
		number[k - 1] = '\0';
	canon(&url, m, URL_ITEM, id);
	o = json_pack("{s:s, s:s, s:s, s:i, s:b, s:s, s:I}", "id", url.data, "type",
		      "https://schema.oparl.org/1.1/AgendaItem", "name", *title ? title : "(untitled)", "order", order,
		      "public", !restricted, "witan:kind", item_kind(title), "witan:keepId", (json_int_t)id);
	if (o && *number)
		json_object_set_new(o, "number", jtext(number));
	if (o && restricted) {
		/* Its title only: nothing else of it is stored, its documents
		 * are not downloaded. */
		char reason[1024];
		long para = child_id(it, "witan:exemptparagraph");
		if (para < 1 || para > 7)
			para = exempt_paragraph(it);
		if (para)
			json_object_set_new(o, "witan:exemptParagraph", json_integer(para));
		if (!*xml_get(it, "witan:exemptreason", reason, sizeof(reason)))
			snprintf(reason, sizeof(reason), "Restricted in the ModernGov system it was imported from.");
		json_object_set_new(o, "witan:exemptReason", jtext(reason));
		goto out;
	}
	if (o && agenda) {
		char *text = html_of(it, "agendatext");
		if (text && *text)
			json_object_set_new(o, "witan:description", jtext(text));
		free(text);
	}
	if (o && minutes && is_true(it, "isminutepublished")) {
		/* Witan's service gives the minutes and the decision apart too */
		int apart = xml_child(it, "witan:minutes") || xml_child(it, "witan:decision");
		char *text = html_of(it, apart ? "witan:minutes" : "minutesnonemptyhtmlbody");
		char *decision = apart ? html_of(it, "witan:decision") : NULL;
		if (text && *text)
			json_object_set_new(o, "witan:minutes", jtext(text));
		if (decision && *decision)
			json_object_set_new(o, "witan:decision", jtext(decision));
		free(text);
		free(decision);
	}
	files = json_array();
	for (const struct xnode *d = xml_child(xml_child(it, "linkeddocuments"), "linkeddoc"); o && files && d;
	     d = xml_next(d)) {
		json_t *f = file_object(m, d);
		if (f)
			json_array_append_new(files, f);
	}
	votes = json_array();
	for (const struct xnode *v = xml_child(xml_child(it, "witan:votes"), "witan:vote"); o && votes && v; v = xml_next(v)) {
		json_t *one = json_pack("{s:s, s:s, s:b}", "motion", xml_attr(v, "motion") ? xml_attr(v, "motion") : "",
					"result", xml_attr(v, "result") ? xml_attr(v, "result") : "", "recorded",
					xml_attr(v, "recorded") && strcasecmp(xml_attr(v, "recorded"), "True") == 0);
		json_t *rec = json_array();
		static const char *const counts[] = { "for", "against", "abstentions" };
		for (size_t j = 0; one && j < sizeof(counts) / sizeof(counts[0]); j++) {
			const char *n = xml_attr(v, counts[j]);
			char *end;
			long c = n ? strtol(n, &end, 10) : -1;
			if (n && *n && !*end && c >= 0)
				json_object_set_new(one, counts[j], json_integer(c));
		}
		for (const struct xnode *x = xml_child(v, "witan:record"); rec && x; x = xml_next(x)) {
			const char *who = xml_attr(x, "memberid");
			if (!who || !id_of(who))
				continue;
			canon(&furl, m, URL_PERSON, id_of(who));
			json_array_append_new(rec, json_pack("{s:s, s:s}", "person", furl.data, "position",
							     xml_attr(x, "position") ? xml_attr(x, "position") : ""));
		}
		if (one && rec)
			json_object_set_new(one, "record", rec);
		else
			json_decref(rec);
		if (one)
			json_array_append_new(votes, one);
	}
	if (o && votes && json_array_size(votes))
		json_object_set_new(o, "witan:votes", votes);
	else
		json_decref(votes);
	decl = json_array();
	for (const struct xnode *d = xml_child(xml_child(mt, "witan:declarations"), "witan:declaration"); o && decl && d;
	     d = xml_next(d)) {
		const char *item = xml_attr(d, "agendaitemid"), *who = xml_attr(d, "memberid");
		long pid = who ? id_of(who) : 0;
		json_t *one;
		if (!item || id_of(item) != id || !pid)
			continue;
		canon(&furl, m, URL_PERSON, pid);
		one = json_pack("{s:s, s:s, s:s, s:b}", "person", furl.data, "kind", xml_attr(d, "kind") ? xml_attr(d, "kind") : "",
				"description", d->text ? d->text : "", "leftRoom", xml_attr(d, "leftroom") &&
				strcasecmp(xml_attr(d, "leftroom"), "True") == 0);
		if (one)
			json_array_append_new(decl, one);
	}
	if (o && decl && json_array_size(decl))
		json_object_set_new(o, "witan:declarations", decl);
	else
		json_decref(decl);
	if (o && files)
		json_object_set_new(o, "auxiliaryFile", files);
	else
		json_decref(files);
out:
	buf_release(&url);
	buf_release(&furl);
	return o;
}

/* What Witan's own web service adds to a meeting (its <witan:...>
 * elements): when the agenda and minutes were published, their approval
 * and by which meeting, the meeting's own documents. */
static void witan_meeting(struct mg *m, const struct xnode *mt, json_t *o, int minutes)
{
	static const char *const stamps[][2] = {
		{ "witan:agendapublished", "witan:agendaPublished" },
		{ "witan:minutespublished", "witan:minutesPublished" },
		{ "witan:minutesapproved", "witan:minutesApproved" },
	};
	struct buf url = BUF_INIT;
	json_t *aux = NULL;
	char v[1024];
	long by;

	const struct xnode *venue = xml_child(mt, "witan:venue");

	if (!o)
		return;
	if (*xml_get(mt, "witan:meetingname", v, sizeof(v)))
		json_object_set_new(o, "name", jtext(v));
	if (*xml_get(mt, "witan:statereason", v, sizeof(v)))
		json_object_set_new(o, "witan:stateReason", jtext(v));
	/* The venue as Witan keeps it: one Location with its address. */
	if (venue && xml_attr(venue, "id") && id_of(xml_attr(venue, "id")) && xml_attr(venue, "name")) {
		static const char *const parts[][2] = { { "room", "room" }, { "street", "streetAddress" },
							 { "locality", "locality" }, { "postcode", "postalCode" } };
		json_t *l;
		buf_printf(&url, "%s/#venue:%ld", m->base, id_of(xml_attr(venue, "id")));
		l = json_pack("{s:s, s:s, s:s}", "id", url.data, "type", "https://schema.oparl.org/1.1/Location", "description",
			      xml_attr(venue, "name"));
		for (size_t i = 0; l && i < sizeof(parts) / sizeof(parts[0]); i++)
			if (xml_attr(venue, parts[i][0]))
				json_object_set_new(l, parts[i][1], jtext(xml_attr(venue, parts[i][0])));
		if (l)
			json_object_set_new(o, "location", l);
		buf_reset(&url);
	}
	for (size_t i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++)
		if (*xml_get(mt, stamps[i][0], v, sizeof(v)))
			json_object_set_new(o, stamps[i][1], jtext(v));
	if (minutes && strcmp(xml_get(mt, "witan:minutesstatus", v, sizeof(v)), "approved") == 0) {
		json_object_set_new(o, "witan:minutesStatus", jtext("approved"));
		if ((by = child_id(mt, "witan:minutesapprovedby")) > 0) {
			canon(&url, m, URL_MEETING, by);
			json_object_set_new(o, "witan:minutesApprovedBy", jtext(url.data));
		}
	}
	/* The front sheet as OParl's invitation, the printed minutes as its
	 * results protocol, the rest as auxiliary files. */
	for (const struct xnode *d = xml_child(xml_child(mt, "witan:documents"), "witan:document"); d; d = xml_next(d)) {
		const char *role = xml_attr(d, "role");
		json_t *f = file_object(m, d);
		if (!f)
			continue;
		if (role && strcmp(role, "front_sheet") == 0 && !json_object_get(o, "invitation"))
			json_object_set_new(o, "invitation", f);
		else if (role && strcmp(role, "minutes") == 0 && !json_object_get(o, "resultsProtocol"))
			json_object_set_new(o, "resultsProtocol", f);
		else if (aux || (aux = json_array()))
			json_array_append_new(aux, f);
		else
			json_decref(f);
	}
	if (aux)
		json_object_set_new(o, "auxiliaryFile", aux);
	buf_release(&url);
}

static json_t *meeting_object(struct mg *m, const struct xnode *mt, long id, const char *committee_url)
{
	struct buf url = BUF_INIT, loc = BUF_INIT;
	char dmy[16], date[11], t[32], hm[6], start[32], end[32], status[64], where[1024];
	int agenda = is_true(mt, "agendapublished"), minutes = is_true(mt, "minutepublished"), order = 0;
	const char *state;
	json_t *o, *items, *att;

	if (!iso_date(xml_get(mt, "meetingdate", dmy, sizeof(dmy)), date))
		return NULL;
	if (!clock_time(xml_get(mt, "meetingtime", t, sizeof(t)), hm))
		snprintf(hm, sizeof(hm), "00:00");
	rfc3339(date, hm, start);
	xml_get(mt, "meetingstatus", status, sizeof(status));
	state = strcasestr(status, "cancel") ? "cancelled" : strcasestr(status, "postpone") ? "postponed" :
		strcmp(date, m->today) < 0 ? "held" : "scheduled";
	canon(&url, m, URL_MEETING, id);
	o = json_pack("{s:s, s:s, s:[s], s:s, s:s, s:s, s:s, s:I}", "id", url.data, "type",
		      "https://schema.oparl.org/1.1/Meeting", "organization", committee_url, "start", start, "meetingState",
		      state, "witan:agendaStatus", agenda ? "published" : "draft", "witan:minutesStatus",
		      minutes ? "published" : "none", "witan:keepId", (json_int_t)id);
	if (!o)
		goto out;
	witan_meeting(m, mt, o, minutes);
	if (clock_time(xml_get(mt, "meetingplannedfinishtime", t, sizeof(t)), hm)) {
		rfc3339(date, hm, end);
		json_object_set_new(o, "end", jtext(end));
	}
	unescape(xml_get(mt, "meetinglocation", where, sizeof(where)));
	if (*where && !json_object_get(o, "location")) {
		/* One place, one Location: its URL made from its name. */
		buf_printf(&loc, "%s/#location:", m->base);
		for (const char *p = where; *p; p++)
			buf_printf(&loc, isalnum((unsigned char)*p) ? "%c" : "%%%02X", (unsigned char)*p);
		json_t *l = json_pack("{s:s, s:s, s:s}", "id", loc.data, "type", "https://schema.oparl.org/1.1/Location",
				      "description", where);
		char room[512];
		if (l && *unescape(xml_get(mt, "meetingroom", room, sizeof(room))))
			json_object_set_new(l, "room", jtext(room));
		json_object_set_new(o, "location", l);
	}
	/* ModernGov lists no items until the agenda is published. */
	items = json_array();
	for (const struct xnode *it = xml_child(xml_child(mt, "agendaitems"), "agendaitem"); items && it;
	     it = xml_next(it)) {
		json_t *i = item_object(m, mt, it, ++order, agenda, minutes);
		if (i)
			json_array_append_new(items, i);
		else
			skipped(m, url.data, "an agenda item without an agendaitemid");
	}
	json_object_set_new(o, "agendaItem", items ? items : json_array());
	att = json_array();
	for (const struct xnode *a = xml_child(xml_child(mt, "attendees"), "attendee"); att && a; a = xml_next(a)) {
		const char *mid = xml_attr(a, "memberid"), *mtype = xml_attr(a, "membertype");
		const char *st = attendance_status(xml_attr(a, "attendance"), mtype && strcmp(mtype, "O") == 0);
		long pid = mid ? id_of(mid) : 0;
		struct buf purl = BUF_INIT;

		if (!pid || !st)
			continue;
		canon(&purl, m, URL_PERSON, pid);
		{
			json_t *one = json_pack("{s:s, s:s}", "person", purl.data, "status", st);
			const char *role = xml_attr(a, "roledescription"), *sub = xml_attr(a, "witan:substitutefor");
			if (one && sub && id_of(sub) > 0 && strcmp(st, "substitute") == 0) {
				canon(&purl, m, URL_PERSON, id_of(sub));
				json_object_set_new(one, "substituteFor", jtext(purl.data));
			}
			/* An officer's role is what they attended as. */
			if (one && role && *role && strcmp(st, "in_attendance") == 0 && strcasecmp(role, "Officer") != 0)
				json_object_set_new(one, "note", jtext(role));
			if (one)
				json_array_append_new(att, one);
		}
		buf_release(&purl);
	}
	json_object_set_new(o, "witan:attendance", att ? att : json_array());
out:
	buf_release(&url);
	buf_release(&loc);
	return o;
}

static int import_meeting(struct mg *m, long id, const char *committee_url)
{
	struct buf url = BUF_INIT, b = BUF_INIT;
	struct fetch_validators got = { { 0 }, { 0 } };
	struct xnode *x = NULL;
	json_t *o;
	long status;
	int rc = 0;

	buf_printf(&url, "%s/GetMeeting?lMeetingId=%ld", m->system, id);
	status = ask(m, url.data, 0, &b, &got);
	if (status == 304) {
		m->rep->unchanged++;
		goto out;
	}
	if (!(x = answer(m, url.data, status, &b, "meeting")))
		goto out;
	if (child_id(x, "meetingid") != id) {
		skipped(m, url.data, "the answer is about another meeting");
		goto out;
	}
	if (put_named(m, xml_child(xml_child(x, "attendees"), "attendee")) < 0 ||
	    put_named(m, xml_child(xml_child(x, "witan:declarations"), "witan:declaration")) < 0) {
		rc = -1;
		goto out;
	}
	for (const struct xnode *it = xml_child(xml_child(x, "agendaitems"), "agendaitem"); it; it = xml_next(it))
		for (const struct xnode *v = xml_child(xml_child(it, "witan:votes"), "witan:vote"); v; v = xml_next(v))
			if (put_named(m, xml_child(v, "witan:record")) < 0) {
				rc = -1;
				goto out;
			}
	if (!(o = meeting_object(m, x, id, committee_url))) {
		skipped(m, url.data, "no meetingdate");
		goto out;
	}
	/* The answer's validators are kept in the meeting's transaction:
	 * a run stopped before it asks again. */
	if (put(m, o, url.data, &got) < 0)
		rc = -1;
	else
		m->rep->meetings++;
out:
	xml_free(x);
	buf_release(&url);
	buf_release(&b);
	return rc;
}

/* --- the run -------------------------------------------------------------- */

static int valid_day(const char *s)
{
	char tail;
	int y, mo, d;

	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3 && y >= 1900 && y <= 2999 &&
	       mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

int import_moderngov(struct db *db, struct store *st, const char *base_url, const struct moderngov_opts *o,
		     struct moderngov_report *rep)
{
	struct harvest_opts ho = { .quiet = 1, .max_file_bytes = o->max_file_bytes };
	struct mg m = { .db = db, .o = o, .rep = rep };
	struct buf url = BUF_INIT, b = BUF_INIT, curl_url = BUF_INIT;
	struct fetch_validators got = { { 0 }, { 0 } };
	struct harvest_run run;
	struct xnode *x = NULL;
	struct stub *stubs = NULL;
	size_t nstubs = 0, cap = 0, k;
	char from[11], to[11];
	time_t now = time(NULL), later = now + 366 * 24 * 3600;
	struct tm tm;
	long status, done = 0;
	int rc = -1, run_started = 0;

	memset(rep, 0, sizeof(*rep));
	localtime_r(&now, &tm);
	strftime(m.today, sizeof(m.today), "%Y-%m-%d", &tm);
	localtime_r(&later, &tm);
	snprintf(from, sizeof(from), "%s", o->from ? o->from : "2000-01-01");
	if (o->to)
		snprintf(to, sizeof(to), "%s", o->to);
	else
		strftime(to, sizeof(to), "%Y-%m-%d", &tm);
	if (!valid_day(from) || !valid_day(to) || strcmp(from, to) > 0) {
		snprintf(db->err, sizeof(db->err), "--from and --to must be dates YYYY-MM-DD, the first not after the second");
		return -1;
	}
	k = strlen(base_url);
	while (k > 0 && base_url[k - 1] == '/')
		k--;
	if (k >= 18 && strncasecmp(base_url + k - 18, "/mgWebService.asmx", 18) == 0)
		k -= 18;
	if (k >= sizeof(m.base) - 1) {
		snprintf(db->err, sizeof(db->err), "the site's URL is too long");
		return -1;
	}
	snprintf(m.base, sizeof(m.base), "%.*s", (int)k, base_url);
	snprintf(m.system, sizeof(m.system), "%s/mgWebService.asmx", m.base);
	/* A new database's body: named after the site until `witan body`
	 * names it (ModernGov's web service does not say the council's name). */
	{
		const char *host = strstr(m.base, "://") ? strstr(m.base, "://") + 3 : m.base;
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(host, "/:"), host);
		if (harvest_body_new(db, m.system, name) < 0)
			return -1;
	}
	if (!(m.hv = harvest_open(db, st, &ho, &rep->h)))
		return -1;
	if (!(m.curl = curl_easy_init())) {
		snprintf(db->err, sizeof(db->err), "cannot start libcurl");
		goto out;
	}
	if (db_begin(db) < 0 || harvest_run_begin(db, m.system, 0, &run) < 0 || harvest_run_save(db, m.system, &run) < 0 ||
	    db_commit(db) < 0)
		goto out;
	run_started = 1;
	buf_printf(&url, "%s/GetCommittees", m.system);
	status = ask(&m, url.data, 1, &b, &got);
	m.committees_changed = status == 200;
	if (!(x = answer(&m, url.data, status, &b, "committees"))) {
		snprintf(db->err, sizeof(db->err), "%s gave no list of committees", url.data);
		goto out;
	}
	if (status == 200 && keep_answer(&m, url.data, &got, b.data) < 0)
		goto out;
	if (import_people(&m) < 0)
		goto out;
	/* Each committee, after the meetings it lists (its end is its last),
	 * then those meetings. */
	for (const struct xnode *c = xml_child(x, "committee"); c; c = xml_next(c)) {
		long cid = child_id(c, "committeeid");
		size_t first = nstubs;
		char last[11] = "";

		if (!cid)
			continue;
		if (list_meetings(&m, cid, from, to, &stubs, &nstubs, &cap) < 0)
			goto out;
		for (size_t i = first; i < nstubs; i++)
			if (strcmp(stubs[i].date, last) > 0 && strcmp(stubs[i].date, m.today) <= 0)
				snprintf(last, sizeof(last), "%s", stubs[i].date);
		canon(&curl_url, &m, URL_COMMITTEE, cid);
		/* (written again only when the list changed, or it is new) */
		if (m.committees_changed || harvest_local_id(m.hv, curl_url.data, "organization") == 0) {
			if (put_committee(&m, c, last) < 0)
				goto out;
		}
		/* Newest first: the meeting that approved minutes is here
		 * before the meeting whose minutes they are. */
		for (size_t i = nstubs; i-- > first;) {
			if (o->progress)
				o->progress(o->progress_ctx, done, (long)nstubs);
			if (import_meeting(&m, stubs[i].id, curl_url.data) < 0)
				goto out;
			done++;
		}
	}
	if (o->progress)
		o->progress(o->progress_ctx, done, done);
	run.objects = rep->h.objects;
	run.bad = rep->bad + rep->h.bad;
	if (harvest_sync_ids(db) < 0 || db_begin(db) < 0 || harvest_run_finish(db, m.system, &run) < 0 ||
	    db_commit(db) < 0)
		goto out;
	rc = 0;
out:
	if (run_started)
		harvest_run_release(&run);
	xml_free(x);
	free(stubs);
	buf_release(&url);
	buf_release(&b);
	buf_release(&curl_url);
	if (m.curl)
		curl_easy_cleanup(m.curl);
	harvest_close(m.hv);
	return rc;
}
