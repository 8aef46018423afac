/* demo.c: the demonstration record of `witan init --demo` (see demo.h).
 *
 * The record is data: data/demo/demo-*.txt (compiled in; demo-council.txt
 * describes the format) hold the body, its venues, committees, people and
 * memberships, the calendar with each meeting's agenda, the text of the
 * agenda items and the layout of each PDF document.  demo_create() reads
 * them, plans the meetings around today with plan_meetings(), a pure
 * function of the date (WITAN_DEMO_TODAY fixes it), and writes everything
 * in one transaction through the model (model_insert, db/model.h; a
 * record's fields named like a column are that column: row_of()),
 * rendering reports, appendices, agenda front sheets and minutes as text
 * PDFs (docs/pdfgen.h) into the
 * document store.  Texts are templates whose {placeholders} (listed in
 * demo-documents.txt) xp() fills in for the meeting at hand, with
 * util/template.h; util/datafile.h reads the files.  The seed
 * meeting of 4 February 2019 keeps its real date and agenda; the marker
 * words of demo.h appear, by placeholder, only where demo.h says. */
#include "demo/demo.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/auth.h"
#include "db/db.h"
#include "db/model.h"
#include "db/record.h"
#include "docs/pdfgen.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/datafile.h"
#include "util/date.h"
#include "util/embed.h"
#include "util/json.h"
#include "util/pool.h"
#include "util/template.h"

#include "util/banned.h"

/* A value of a row (db/model.h): text, or a number. */
#define T(col, v) MV_TEXT(col, v)
#define N(col, v) MV_INT(col, v)

/* The committees the code knows, by their keys in demo-council.txt. */
enum { O_PANEL, O_CABINET, O_AUDIT, O_PLANNING, O_OSPB, O_COUNCIL, NORG };
static const char *const org_keys[NORG] = { "panel", "cabinet", "audit", "planning", "scrutiny", "council" };
enum { S_HELD, S_SCHEDULED, S_CANCELLED, S_POSTPONED };
static const char *const state_names[] = { "held", "scheduled", "cancelled", "postponed" };
enum {
	M_PUB_AGENDA = 1,      /* the agenda is published */
	M_DRAFT_MINUTES = 2,   /* held, minutes still a draft */
	M_EXEMPT = 4,          /* has the exempt item */
	M_DRAFT_AGENDA = 8,    /* upcoming, agenda being drafted (the marker items) */
	M_CALLED_IN = 16,      /* a Cabinet whose last decision was called in */
	M_EXTRA = 32,          /* an extraordinary meeting (@extraordinary) */
};
enum { MAX_PEOPLE = 128, MAX_LIST = 256, MAX_LOC = 16, MAX_PLAN = 96,
	MAX_ATT = 48, MAX_ITEMS = 16 };

struct ms_def { int person, org, non_voting; const char *role, *start, *end; };  /* end: last day */
struct officer_def { int org, person; const char *note, *from, *to; };
/* A committee's meeting in every year: the nth weekday of a month (-1: the last). */
struct cal_def { const struct df_rec *r; int org, month, weekday, nth, loc, after; char start[8], end[8]; };

struct mtg {
	const struct cal_def *cal; /* its calendar slot: times, venue, agenda */
	const struct df_rec *arch;    /* a 2019 meeting's own record, or NULL */
	int org, state, seq;       /* seq: its number among the committee's meetings */
	int approver;              /* index of the meeting approving its minutes, or -1 */
	unsigned flags;
	int64_t day, id;
	int64_t paper;             /* a Cabinet's key paper (not the budget), or 0 */
	const char *paper_title, *paper_md;
};

struct demo {
	struct db *db;
	struct store *st;
	char *err;
	size_t errlen;
	struct pool pool;          /* strings kept until the end */
	struct datafile df;        /* the data */
	struct tmpl tmpl;          /* fills in its texts, for meeting c */
	struct meeting_ctx *c;
	int failed, nlocs, npeople, nms, nofficers, ncal, nbudget;
	int ref_year, ref_seq;     /* paper references CAB-YYYY-NNN */
	int64_t today, body, org[NORG], loc[MAX_LOC], person[MAX_PEOPLE];
	int64_t prev_held[NORG];   /* day of each committee's last meeting held */
	const struct df_rec *orgs[NORG], *locs[MAX_LOC], *people[MAX_PEOPLE];  /* people[1..npeople] */
	struct ms_def ms[MAX_LIST];   /* memberships, with Full Council's members added */
	struct officer_def officers[MAX_LIST];
	struct cal_def cal[MAX_LIST];
	struct buf pdf;            /* reused for every PDF */
	const char *created;       /* the PDFs' creation date: when they were published */
	struct { char fy[16]; int64_t id; } budget[8];
	struct mtg *plan;          /* the plan of meetings, by day */
	int nplan;
	const char *called_in, *called_in_day;  /* the decision called in, and its day */
	struct { int64_t id, paper, day; const char *title, *summary; } last_key;  /* the latest key decision made */
};

/* Per-meeting working state: who attended, what is on the agenda. */
struct att { int person, sub_for, voting; const char *status, *note, *role; };
struct item_rec { const struct df_rec *r; int64_t id; int exempt; const char *number, *title, *minutes, *decision; };
struct decl { int person, item; const char *kind, *text; };
struct meeting_ctx {
	struct mtg *m;             /* NULL: a text of no meeting */
	int64_t prev_day;          /* the previous meeting, for its minutes */
	int natt, nitems, ndecl;
	int cur, appx;             /* the item at hand; its appendix is published */
	int vfor, vagainst, vabst; /* its vote */
	struct att att[MAX_ATT];
	struct item_rec items[MAX_ITEMS];
	struct decl decl[8];
	const struct df_rec *doc;     /* the document being rendered */
};

static int fail(struct demo *d, const char *what, const char *why)
{
	if (!d->failed)
		snprintf(d->err, d->errlen, "demo: %s%s%s", what, why ? ": " : "", why ? why : "");
	d->failed = 1;
	return -1;
}

static int db_failed(struct demo *d, const char *what)
{
	return fail(d, what, d->db->err);
}

static const char *dflt(const char *s, const char *otherwise)
{
	return s ? s : otherwise;
}

static const char *embedded(struct demo *d, const char *name)
{
	const struct embedded_file *f = embed_find(name);

	if (!f)
		fail(d, "missing embedded file", name);
	return f ? f->data : "";
}

/* ------------------------------------------------------------------ */
/* Reading the data                                                    */
/* ------------------------------------------------------------------ */

/* A mistake in the data, at file:line. */
static int bad(struct demo *d, const char *file, int line, const char *what, const char *name)
{
	return fail(d, pool_printf(&d->pool, "%s:%d", file, line), pool_printf(&d->pool, "%s%s%s", what, name ? " " : "", dflt(name, "")));
}

static const struct df_rec *find(const struct demo *d, const char *kind, const char *key)
{
	return df_find(&d->df, kind, key);
}

/* The record, or NULL with an error naming where it was wanted. */
static const struct df_rec *need(struct demo *d, const struct df_rec *from, const char *kind, const char *key)
{
	const struct df_rec *r = find(d, kind, dflt(key, ""));

	if (!r)
		bad(d, from ? from->file : "data/demo", from ? from->line : 0, pool_printf(&d->pool, "there is no @%s", kind), key);
	return r;
}

static const char *getn(const struct demo *d, const struct df_rec *r, const char *key, int n)
{
	return df_getn(&d->df, r, key, n);
}

static const char *get(const struct demo *d, const struct df_rec *r, const char *key)
{
	return df_getn(&d->df, r, key, 0);
}

static int flag(const struct demo *d, const struct df_rec *r, const char *name)
{
	return df_in(get(d, r, "flags"), name);
}

/* The index of the record called key in v[0..n-1], or -1 with an error. */
static int ix(struct demo *d, const struct df_rec *from, const struct df_rec *const *v, int n, const char *key)
{
	for (int i = 0; key && i < n; i++)
		if (v[i] && !strcmp(v[i]->key, key))
			return i;
	return bad(d, from->file, from->line, "no such committee, venue or person:", dflt(key, "(none)"));
}

/* "FROM to LAST-DAY", "FROM" or "" into *from and *to (NULL if not given). */
static int span(struct demo *d, const struct df_rec *r, const char *s, const char **from, const char **to)
{
	char a[16] = "", b[16] = "";
	struct civil cv;

	sscanf(s, "%15s to %15s", a, b);
	*from = *a ? pool_printf(&d->pool, "%s", a) : NULL;
	*to = *b ? pool_printf(&d->pool, "%s", b) : NULL;
	if ((*s && !*from) || (*from && civil_parse(*from, &cv) < 0) || (*to && civil_parse(*to, &cv) < 0))
		return bad(d, r->file, r->line, "not a span of dates:", s);
	return 0;
}

/* Read data/demo/demo-*.txt; then the committees, venues and people, the
 * memberships (Full Council's added from the councillors' terms), the
 * officers and the calendar. */
static int read_data(struct demo *d)
{
	static const char *const files[] = { "council", "people", "items", "documents", "records", "interests" };
	char col[4][512], nth[8], wd[16], mon[16];
	const char *s, *from, *to;

	for (int i = 0; i < 6; i++)
		if (df_read(&d->df, pool_printf(&d->pool, "data/demo/demo-%s.txt", files[i])) < 0)
			return fail(d, d->df.err, NULL);
	for (size_t i = 0; i < d->df.nrecs; i++) {
		const struct df_rec *r = &d->df.recs[i];

		if (!strcmp(r->kind, "person") && d->npeople < MAX_PEOPLE - 1)
			d->people[++d->npeople] = r;
		else if (!strcmp(r->kind, "venue") && d->nlocs < MAX_LOC)
			d->locs[d->nlocs++] = r;
		for (int o = 0; o < NORG; o++)
			if (!strcmp(r->kind, "committee") && !strcmp(r->key, org_keys[o]))
				d->orgs[o] = r;
	}
	for (int o = 0; o < NORG; o++) {
		const struct df_rec *r = d->orgs[o];

		if (!r)
			return fail(d, "data/demo/demo-council.txt: there is no @committee", org_keys[o]);
		for (int k = 0; (s = getn(d, r, "member", k)); k++) {
			if (d->nms == MAX_LIST || df_cols(s, col, 4) < 3 || span(d, r, col[2], &from, &to) < 0 || !from)
				return bad(d, r->file, r->line, "expected member: person | role | FROM [to LAST]", s);
			d->ms[d->nms++] = (struct ms_def){ ix(d, r, d->people, d->npeople + 1, col[0]), o,
				!strcmp(col[3], "non-voting"), pool_printf(&d->pool, "%s", col[1]), from, to };
		}
		for (int k = 0; (s = getn(d, r, "officer", k)); k++) {
			if (d->nofficers == MAX_LIST || df_cols(s, col, 3) < 2 || span(d, r, col[2], &from, &to) < 0)
				return bad(d, r->file, r->line, "expected officer: person | as what | [FROM to LAST]", s);
			d->officers[d->nofficers++] = (struct officer_def){ o, ix(d, r, d->people, d->npeople + 1, col[0]),
				pool_printf(&d->pool, "%s", col[1]), from, to };
		}
	}
	for (size_t i = 0; i < d->df.nrecs; i++) {
		const struct df_rec *r = &d->df.recs[i];
		struct cal_def *c = &d->cal[d->ncal];

		if (!strcmp(r->kind, "extraordinary")) {
			*c = (struct cal_def){ .r = r, .org = ix(d, r, d->orgs, NORG, get(d, r, "committee")),
				.loc = ix(d, r, d->locs, d->nlocs, get(d, r, "venue")),
				.after = (int)strtol(dflt(get(d, r, "days-after-call-in"), "0"), NULL, 10) };
			if (d->ncal++ == MAX_LIST - 1 || c->after < 1 ||
			    sscanf(dflt(get(d, r, "time"), ""), "%5s to %5s", c->start, c->end) != 2)
				return bad(d, r->file, r->line, "expected days-after-call-in: N, time: 10:00 to 12:00", NULL);
			continue;
		}
		if (strcmp(r->kind, "meeting") != 0)
			continue;
		*nth = *wd = *mon = '\0';
		sscanf(dflt(get(d, r, "date"), ""), "%7s %15s of %15s", nth, wd, mon);
		*c = (struct cal_def){ .r = r, .org = ix(d, r, d->orgs, NORG, get(d, r, "committee")),
			.loc = ix(d, r, d->locs, d->nlocs, get(d, r, "venue")), .weekday = -1,
			.nth = !strcmp(nth, "last") ? -1 : (int)strtol(nth, NULL, 10) };
		for (int k = 0; k < 7; k++)
			c->weekday = strcmp(wd, date_day_names[k]) ? c->weekday : k;
		for (int k = 1; k <= 12; k++)
			c->month = strcmp(mon, date_month_names[k]) ? c->month : k;
		if (d->ncal++ == MAX_LIST - 1 || !c->nth || c->nth > 5 || c->weekday < 0 || !c->month ||
		    sscanf(dflt(get(d, r, "time"), ""), "%5s to %5s", c->start, c->end) != 2)
			return bad(d, r->file, r->line, "expected date: 1st Monday of February, time: 10:00 to 12:00", NULL);
	}
	for (int p = 1; p <= d->npeople; p++) {
		int listed = 0;

		if (!(s = get(d, d->people[p], "councillor")) || span(d, d->people[p], s, &from, &to) < 0)
			continue;
		for (int i = 0; i < d->nms; i++)
			listed |= d->ms[i].person == p && d->ms[i].org == O_COUNCIL;
		if (!listed && d->nms < MAX_LIST)
			d->ms[d->nms++] = (struct ms_def){ p, O_COUNCIL, 0, "member", from, to };
	}
	return d->failed ? -1 : 0;
}

static const struct cal_def *slot(const struct demo *d, const char *key)
{
	for (int i = 0; key && i < d->ncal; i++)
		if (!strcmp(d->cal[i].r->key, key))
			return &d->cal[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

static const char *fmt_iso(struct demo *d, int64_t day)
{
	struct buf b = BUF_INIT;

	date_put_day_iso(&b, day);
	return pool_keep(&d->pool, &b);
}

/* "4 February 2019", or with the weekday "Monday 4 February 2019". */
static const char *fmt_long(struct demo *d, int64_t day, int with_weekday)
{
	struct buf b = BUF_INIT;

	date_put_day(&b, day, with_weekday);
	return pool_keep(&d->pool, &b);
}

/* Wall-clock time "HH:MM" on day in Worcester, in UTC. */
static const char *fmt_utc(struct demo *d, int64_t day, const char *hhmm)
{
	struct buf b = BUF_INIT;

	date_put_uk_utc(&b, day, (int)(strtol(hhmm, NULL, 10) * 60 + strtol(hhmm + 3, NULL, 10)));
	return pool_keep(&d->pool, &b);
}

/* "11.00 am" from "11:00". */
static const char *clock12(struct demo *d, const char *t)
{
	int hh = (int)strtol(t, NULL, 10);

	return pool_printf(&d->pool, "%d.%02d %s", hh > 12 ? hh - 12 : hh, (int)strtol(t + 3, NULL, 10), hh >= 12 ? "pm" : "am");
}

/* ------------------------------------------------------------------ */
/* The plan of meetings                                                */
/* ------------------------------------------------------------------ */

static int cmp_mtg(const void *a, const void *b)
{
	const struct mtg *x = a, *y = b;

	return x->day != y->day ? (x->day < y->day ? -1 : 1) : x->org - y->org;
}

/* The meetings from 18 months before today to 6 months after it, from the
 * calendar, with the special cases assigned.  Returns the count. */
static int plan_meetings(const struct demo *d, int64_t today, struct mtg *p, int max)
{
	int64_t lo = days_add_months(today, -18), hi = days_add_months(today, 6);
	int y0, m0, d0, n = 0, i, j, first_future = -1, seqs[NORG] = { 0 };
	int last_pl = -1, prev_pl = -1, latest_held = -1, exempt = -1, heron = -1, postponed = -1;

	civil_from_days(today, &y0, &m0, &d0);
	for (int y = y0 - 2; y <= y0 + 1; y++)
		for (i = 0; i < d->ncal && n < max; i++) {
			int64_t day = d->cal[i].after ? 0 : days_nth_weekday(y, d->cal[i].month, d->cal[i].weekday, d->cal[i].nth);

			if (day >= lo && day <= hi)
				p[n++] = (struct mtg){ .cal = &d->cal[i], .org = d->cal[i].org, .day = day, .approver = -1 };
		}
	qsort(p, (size_t)n, sizeof(*p), cmp_mtg);

	/* Make sure some meeting is coming up within a fortnight, so that one
	 * agenda is published ahead of its meeting. */
	for (i = 0; i < n && first_future < 0; i++)
		if (p[i].day >= today)
			first_future = i;
	if (first_future >= 0 && p[first_future].day > today + 14) {
		int64_t day = today + 8;

		while (days_weekday(day) != days_weekday(p[first_future].day))
			day++;
		p[first_future].day = day;
	}

	/* An extraordinary meeting (@extraordinary) some days after the last
	 * Cabinet that long ago, which called in its last decision. */
	for (int k = 0; k < d->ncal && n < max; k++) {
		int last = -1;

		for (i = 0; d->cal[k].after && i < n; i++)
			if (p[i].org == O_CABINET && !(p[i].flags & M_CALLED_IN) && p[i].day + d->cal[k].after < today)
				last = i;
		if (last < 0)
			continue;
		p[last].flags |= M_CALLED_IN;
		p[n++] = (struct mtg){ .cal = &d->cal[k], .org = d->cal[k].org, .day = p[last].day + d->cal[k].after,
			.approver = -1, .flags = M_EXTRA };
	}
	qsort(p, (size_t)n, sizeof(*p), cmp_mtg);

	for (i = 0; i < n; i++) {
		/* an extraordinary meeting takes the number of the next */
		p[i].seq = (p[i].flags & M_EXTRA) ? seqs[p[i].org] : seqs[p[i].org]++;
		p[i].state = p[i].day < today ? S_HELD : S_SCHEDULED;
		if (p[i].state == S_HELD)
			latest_held = i;
		if (p[i].state == S_HELD && p[i].org == O_PLANNING) {
			prev_pl = last_pl;
			last_pl = i;
		}
	}
	/* One cancelled meeting: the last Planning meeting but one. */
	if (prev_pl >= 0) {
		p[prev_pl].state = S_CANCELLED;
		if (latest_held == prev_pl)
			latest_held = -1;
	}
	if (latest_held < 0)
		for (i = 0; i < n; i++)
			if (p[i].state == S_HELD)
				latest_held = i;
	/* The most recent meeting's minutes are still being drafted. */
	if (latest_held >= 0)
		p[latest_held].flags |= M_DRAFT_MINUTES;
	/* The exempt item: the latest Cabinet held with published minutes. */
	for (i = 0; i < n; i++)
		if (p[i].org == O_CABINET && p[i].state == S_HELD && !(p[i].flags & M_DRAFT_MINUTES))
			exempt = i;
	if (exempt >= 0)
		p[exempt].flags |= M_EXEMPT;
	/* The last Cabinet in the plan, far enough ahead, is being drafted;
	 * the last other meeting that far ahead is postponed. */
	for (i = 0; i < n; i++)
		if (p[i].day > today + 14 && p[i].org == O_CABINET)
			heron = i;
		else if (p[i].day > today + 14)
			postponed = i;
	if (heron >= 0)
		p[heron].flags |= M_DRAFT_AGENDA;
	if (postponed >= 0)
		p[postponed].state = S_POSTPONED;
	for (i = 0; i < n; i++)
		if (p[i].state == S_HELD || (p[i].state == S_SCHEDULED && p[i].day <= today + 14))
			p[i].flags |= M_PUB_AGENDA;
	/* Minutes are approved at the committee's next meeting held. */
	for (i = 0; i < n; i++)
		for (j = i + 1; p[i].state == S_HELD && !(p[i].flags & M_DRAFT_MINUTES) && j < n; j++)
			if (p[j].org == p[i].org && p[j].state == S_HELD) {
				p[i].approver = j;
				break;
			}
	return n;
}

/* The 2019 meetings (@archive): held, each approving the minutes of the
 * committee's one before.  Returns the count. */
static int archive_meetings(struct demo *d, struct mtg *a, int max)
{
	struct civil cv;
	int n = 0;

	for (size_t i = 0; i < d->df.nrecs && n < max; i++) {
		const struct df_rec *r = &d->df.recs[i];
		const struct cal_def *cal = slot(d, get(d, r, "meeting"));

		if (strcmp(r->kind, "archive") != 0)
			continue;
		if (!cal || civil_parse(dflt(get(d, r, "date"), ""), &cv) < 0)
			return bad(d, r->file, r->line, "expected meeting: (a @meeting) and date: YYYY-MM-DD", NULL);
		a[n] = (struct mtg){ .cal = cal, .arch = r, .org = cal->org, .state = S_HELD,
			.day = days_from_civil(cv.year, cv.month, cv.day), .flags = M_PUB_AGENDA, .approver = -1 };
		for (int k = n - 1; k >= 0; k--)
			if (a[k].org == a[n].org) {
				a[n].seq = a[k].seq + 1;
				a[k].approver = n;
				break;
			}
		n++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Members, attendance and votes                                       */
/* ------------------------------------------------------------------ */

static const char *pname(const struct demo *d, int p)
{
	return dflt(get(d, d->people[p], "name"), "");
}

static int active(const char *start, const char *end, const char *iso)
{
	return (!start || strcmp(start, iso) <= 0) && (!end || strcmp(iso, end) <= 0);
}

static int role_rank(const char *role)
{
	return !strcmp(role, "chair") ? 0 : !strcmp(role, "vice_chair") ? 1 : !strcmp(role, "co_opted") ? 3 : 2;
}

static const char *role_label(const char *role)
{
	return !strcmp(role, "chair") ? " (Chairman)" : !strcmp(role, "vice_chair") ? " (Vice-Chairman)" :
		!strcmp(role, "co_opted") ? " (Co-opted Member)" : "";
}

/* The members of org on day (not substitutes), chair first. */
static int members_on(struct demo *d, int org, int64_t day, const struct ms_def **out)
{
	const char *iso = fmt_iso(d, day);
	int n = 0;

	for (int rank = 0; rank <= 3; rank++)
		for (int i = 0; i < d->nms && n < 40; i++)
			if (d->ms[i].org == org && strcmp(d->ms[i].role, "substitute") != 0 &&
			    role_rank(d->ms[i].role) == rank && active(d->ms[i].start, d->ms[i].end, iso))
				out[n++] = &d->ms[i];
	return n;
}

static void add_att(struct meeting_ctx *c, int person, const char *status, int sub_for,
		    const char *note, const char *role, int voting)
{
	if (c->natt < MAX_ATT)
		c->att[c->natt++] = (struct att){ person, sub_for, voting, status, note, role };
}

/* Who came: most members present, one to three apologies (a 2019
 * meeting's as minuted), a named substitute where the committee has one,
 * and the officers. */
static void plan_attendance(struct demo *d, struct meeting_ctx *c)
{
	const struct mtg *m = c->m;
	const struct ms_def *mem[40], *subs[8];
	const char *fixed = get(d, m->arch, "apologies"), *iso = fmt_iso(d, m->day);
	int nmem = members_on(d, m->org, m->day, mem), nsubs = 0;
	int ncand = 0, cand[40], apol[3], napol = 0, used_sub[8] = { 0 };

	for (int i = 0; i < d->nms && nsubs < 8; i++)
		if (d->ms[i].org == m->org && !strcmp(d->ms[i].role, "substitute") &&
		    active(d->ms[i].start, d->ms[i].end, iso))
			subs[nsubs++] = &d->ms[i];
	for (int i = 0; i < nmem; i++)
		if (role_rank(mem[i]->role) >= 2)
			cand[ncand++] = i;
	if (fixed) {
		for (int i = 0; i < nmem && napol < 3; i++)
			if (df_in(fixed, d->people[mem[i]->person]->key))
				apol[napol++] = i;
	} else {
		int k = (m->seq * 7 + m->org * 3 + 1) % (ncand ? ncand : 1);

		napol = m->org == O_COUNCIL ? 2 + m->seq % 2 : 1 + (m->seq % 3 == 0);
		napol = napol > ncand ? ncand : napol;
		for (int i = 0; i < napol; i++) {
			for (int j = 0; j < i; j++)
				if (apol[j] == cand[k]) {
					k = (k + 1) % ncand;
					j = -1;  /* look again from the start */
				}
			apol[i] = cand[k];
			k = (k + 3 + m->seq % 4) % ncand;
		}
	}
	for (int i = 0; i < nmem; i++) {
		int away = 0;

		for (int j = 0; j < napol; j++)
			away |= apol[j] == i;
		if (!away)
			add_att(c, mem[i]->person, "present", 0, NULL, mem[i]->role, !mem[i]->non_voting);
	}
	for (int j = 0; j < napol; j++) {
		const struct ms_def *a = mem[apol[j]];
		const char *nb = get(d, d->people[a->person], "nominated-by");

		add_att(c, a->person, "apologies", 0, NULL, a->role, !a->non_voting);
		for (int s = 0; s < nsubs && !a->non_voting; s++) {
			const char *sb = get(d, d->people[subs[s]->person], "nominated-by");

			/* the Panel's substitutes stand in for their own council's members */
			if (used_sub[s] || (m->org == O_PANEL && (!nb || !sb || strcmp(nb, sb) != 0)))
				continue;
			used_sub[s] = 1;
			add_att(c, subs[s]->person, "substitute", a->person, NULL, "substitute", 1);
			break;
		}
	}
	for (int i = 0; i < d->nofficers; i++)
		if (d->officers[i].org == m->org && active(d->officers[i].from, d->officers[i].to, iso))
			add_att(c, d->officers[i].person, "in_attendance", 0, d->officers[i].note, NULL, 0);
}

static int attended(const struct meeting_ctx *c, int person)
{
	for (int i = 0; i < c->natt; i++)
		if (c->att[i].person == person &&
		    (!strcmp(c->att[i].status, "present") || !strcmp(c->att[i].status, "substitute")))
			return 1;
	return 0;
}

/* "A, B and C": the people who attended with status, with their roles if
 * notes. */
static const char *names_with(struct demo *d, const struct meeting_ctx *c, const char *status, int notes)
{
	struct buf b = BUF_INIT;
	int n = 0, total = 0;

	for (int i = 0; i < c->natt; i++)
		total += !strcmp(c->att[i].status, status);
	for (int i = 0; i < c->natt; i++) {
		const struct att *a = &c->att[i];

		if (strcmp(a->status, status) != 0)
			continue;
		buf_printf(&b, "%s%s", n ? (n == total - 1 ? " and " : ", ") : "", pname(d, a->person));
		if (notes && (a->note || a->role))
			buf_puts(&b, a->note ? pool_printf(&d->pool, " (%s)", a->note) : role_label(a->role));
		if (notes && a->sub_for)
			buf_printf(&b, " (substituting for %s)", pname(d, a->sub_for));
		n++;
	}
	return pool_keep(&d->pool, &b);
}

/* The counts of a vote on item r at meeting c.  At Full Council members
 * vote by party (@votes: the administration, the Leader's party, for its
 * budget and against opposition motions), recorded by name if vote_id. */
static int count_vote(struct demo *d, struct meeting_ctx *c, const struct df_rec *r, int64_t vote_id)
{
	const struct mtg *m = c->m;
	const struct df_rec *votes = find(d, "votes", "");
	const char *admin = "", *iso = fmt_iso(d, m->day);
	int voters = 0, lost = flag(d, r, "lost");

	for (int i = 0; i < d->nms; i++)
		if (d->ms[i].org == O_CABINET && !strcmp(d->ms[i].role, "chair") &&
		    active(d->ms[i].start, d->ms[i].end, iso)) {
			admin = dflt(get(d, d->people[d->ms[i].person], "party"), "");
			break;
		}
	c->vfor = c->vagainst = c->vabst = 0;
	for (int i = 0; i < c->natt; i++) {
		const struct att *a = &c->att[i];
		const char *party = get(d, d->people[a->person], "party"), *pos;

		if (!a->voting || (strcmp(a->status, "present") != 0 && strcmp(a->status, "substitute") != 0))
			continue;
		voters++;
		if (m->org != O_COUNCIL)
			continue;
		if (party && !strcmp(party, admin))
			pos = lost ? "against" : "for";
		else if (df_in(get(d, votes, lost ? "for-opposition-motions" : "against-budget"), party))
			pos = lost ? "for" : "against";
		else
			pos = "abstain";
		c->vfor += !strcmp(pos, "for");
		c->vagainst += !strcmp(pos, "against");
		c->vabst += !strcmp(pos, "abstain");
		if (vote_id > 0 && MODEL_INSERT(d->db, vote_record, N("vote_id", vote_id),
						N("person_id", d->person[a->person]), T("position", pos)) < 0)
			return db_failed(d, "recording a vote");
	}
	if (m->org == O_COUNCIL)
		return 0;
	c->vagainst = lost ? voters - 3 : m->seq % 2 + (m->org == O_PLANNING);
	c->vabst = lost ? 1 : m->seq % 3 == 1;
	c->vfor = lost ? 2 : voters - c->vagainst - c->vabst;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Templates                                                           */
/* ------------------------------------------------------------------ */

static const char *xp(struct demo *d, struct meeting_ctx *c, const char *tmpl);

static const char *txt(struct demo *d, struct meeting_ctx *c, const struct df_rec *r, const char *key)
{
	return xp(d, c, get(d, r, key));
}

/* {DECLARATIONS}, {SUBSTITUTIONS}, {ITEMS} (each agenda item in the
 * document's item text) and {POINTS} (the item's, as bullets). */
static const char *list_of(struct demo *d, struct meeting_ctx *c, const char *what)
{
	struct buf b = BUF_INIT;
	const char *s;
	int cur = c->cur;

	for (int i = 0; !strcmp(what, "DECLARATIONS") && i < c->ndecl; i++)
		buf_printf(&b, "%s%s declared %s in Agenda item %d, %s. %s", i ? "\n\n" : "", pname(d, c->decl[i].person),
			   dflt(get(d, find(d, "interests", ""), c->decl[i].kind), "an interest"),
			   c->decl[i].item + 1, c->items[c->decl[i].item].title, c->decl[i].text);
	for (int i = 0; !strcmp(what, "SUBSTITUTIONS") && i < c->natt; i++)
		if (!strcmp(c->att[i].status, "substitute"))
			buf_printf(&b, "%s%s attended as a named substitute for %s.", b.len ? " " : "",
				   pname(d, c->att[i].person), pname(d, c->att[i].sub_for));
	for (c->cur = 0; !strcmp(what, "ITEMS") && c->cur < c->nitems; c->cur++)
		buf_printf(&b, "%s%s", c->cur ? "\n\n" : "", dflt(xp(d, c, get(d, c->doc,
			   c->items[c->cur].exempt ? "exempt-item" : "item")), ""));
	c->cur = cur;
	for (int i = 0; !strcmp(what, "POINTS") && (s = getn(d, c->items[cur].r, "point", i)); i++)
		buf_printf(&b, "%s- %s", i ? "\n" : "", xp(d, c, s));
	return pool_keep(&d->pool, &b);
}

/* A placeholder's value, or NULL if there is no such placeholder (or, unless
 * optional, no such field). */
static const char *value(struct demo *d, struct meeting_ctx *c, const char *k, int optional)
{
	static const char *const builtin[][2] = {
		{ "EXEMPT_MARKER", DEMO_EXEMPT_MARKER }, { "DRAFT_AGENDA_MARKER", DEMO_DRAFT_AGENDA_MARKER },
		{ "DRAFT_MINUTES_MARKER", DEMO_DRAFT_MINUTES_MARKER }, { "INTERNAL_MARKER", DEMO_INTERNAL_MARKER },
		{ "PRESENT", "present" }, { "SUBSTITUTES", "substitute" }, { "ATTENDING", "in_attendance" },
	};
	const struct mtg *m = c ? c->m : NULL;
	const struct item_rec *it = c ? &c->items[c->cur] : NULL;
	const char *dot = strchr(k, '.');
	int y, mo, dd, fy, qend, qy, n = dot ? (int)(dot - k) : 0;

#define IS(s) (dot ? n == (int)sizeof(s) - 1 && !memcmp(k, s, (size_t)n) : !strcmp(k, s))
	if (dot) {   /* {record.field} */
		const struct df_rec *r = IS("item") ? (it ? it->r : NULL) : IS("committee") ? (m ? d->orgs[m->org] : NULL) :
			IS("venue") ? (m ? d->locs[m->cal->loc] : NULL) : IS("document") ? (c ? c->doc : NULL) :
			IS("body") ? find(d, "body", "") : find(d, NULL, pool_printf(&d->pool, "%.*s", n, k));
		const char *v = r ? xp(d, c, get(d, r, dot + 1)) : NULL;

		return v ? v : r && optional ? "" : NULL;
	}
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (IS(builtin[i][0]))
			return i < 4 ? builtin[i][1] : m ? names_with(d, c, builtin[i][1], 1) : NULL;
	if (IS("CALLED_IN") || IS("CALLED_IN_DAY"))
		return dflt(IS("CALLED_IN") ? d->called_in : d->called_in_day, "");
	if (!m)
		return NULL;
	civil_from_days(m->day, &y, &mo, &dd);
	fy = date_fy(y, mo);
	qend = ((mo - 1) / 3) * 3;   /* the last calendar quarter ending before the meeting's month */
	qy = qend ? y : y - 1;
	qend = qend ? qend : 12;
	if (IS("FY") || IS("NFY") || IS("PFY") || IS("QFY")) {
		struct buf b = BUF_INIT;

		date_put_fy(&b, IS("FY") ? fy : IS("NFY") ? fy + 1 : IS("PFY") ? fy - 1 : qend == 3 ? qy - 1 : qy);
		return pool_keep(&d->pool, &b);
	}
	if (IS("PERIOD"))
		return pool_printf(&d->pool, "%s - %s %d", date_month_names[qend - 2], date_month_names[qend], qy);
	if (IS("QN"))
		return pool_printf(&d->pool, "Quarter %d", qend == 3 ? 4 : qend / 3 - 1);
	if (IS("YY"))
		return pool_printf(&d->pool, "%02d", y % 100);
	if (IS("DATE") || IS("DAY") || IS("ISO"))
		return IS("ISO") ? fmt_iso(d, m->day) : fmt_long(d, m->day, IS("DAY"));
	if (IS("PREV"))
		return c->prev_day ? fmt_long(d, c->prev_day, 0) : "";
	if (IS("START") || IS("END"))
		return clock12(d, IS("START") ? m->cal->start : m->cal->end);
	if (IS("VFOR") || IS("VAGAINST") || IS("VABST"))
		return pool_printf(&d->pool, "%d", IS("VFOR") ? c->vfor : IS("VAGAINST") ? c->vagainst : c->vabst);
	if (IS("VOTES"))
		return pool_printf(&d->pool, "%s%s", c->vagainst || c->vabst ? pool_printf(&d->pool, "by %d votes to %d", c->vfor, c->vagainst) :
			  "unanimously", c->vabst == 1 ? ", with 1 abstention" :
			  c->vabst > 1 ? pool_printf(&d->pool, ", with %d abstentions", c->vabst) : "");
	if (IS("APOLOGIES"))
		return names_with(d, c, "apologies", 0);
	if (IS("DECLARATIONS") || IS("SUBSTITUTIONS") || IS("ITEMS") || IS("POINTS"))
		return list_of(d, c, k);
	if (IS("MEMBERSHIP")) {
		const struct ms_def *mem[40];
		struct buf b = BUF_INIT;

		n = members_on(d, m->org, m->day, mem);
		for (int i = 0; i < n; i++)
			buf_printf(&b, "%s%s%s", i ? ", " : "", pname(d, mem[i]->person), role_label(mem[i]->role));
		return pool_keep(&d->pool, &b);
	}
	if (IS("N") || IS("TITLE") || IS("MINUTES") || IS("DECISION"))
		return dflt(IS("N") ? it->number : IS("TITLE") ? it->title : IS("MINUTES") ? it->minutes : it->decision, "");
	if (IS("APPENDIX"))
		return c->appx ? dflt(xp(d, c, get(d, it->r, "appendix")), "") : "";
#undef IS
	return NULL;
}

/* The value of a placeholder for util/template.h. */
static int fill_value(void *ctx, const char *name, int optional, struct buf *out)
{
	struct demo *d = ctx;
	const char *v = value(d, d->c, name, optional);

	if (!v)
		return -1;
	buf_puts(out, v);
	return 0;
}

/* A text of the data with its placeholders filled in for meeting c (see
 * demo-documents.txt); NULL for NULL. */
static const char *xp(struct demo *d, struct meeting_ctx *c, const char *tmpl)
{
	struct meeting_ctx *outer = d->c;
	struct buf b = BUF_INIT;

	if (!tmpl)
		return NULL;
	d->c = c;
	if (tmpl_fill(&d->tmpl, &b, tmpl) < 0)
		fail(d, "data/demo", d->tmpl.err);
	d->c = outer;
	return pool_keep(&d->pool, &b);
}

/* A row of entity ent from record r: each field of the model whose form
 * name, with '-' for '_' ("short-name", "purpose"), is a field of r, its
 * text filled in for c; then the values more (a later value of a column
 * wins; NULL text is none).  The new id, or -1 with r's file and line. */
static int64_t row_of(struct demo *d, struct meeting_ctx *c, const struct df_rec *r, enum model_entity ent,
		      const struct mval *more, int nmore)
{
	const struct mentity *e = &model[ent];
	struct mval v[96];
	int n = 0;
	int64_t id;

	for (int i = 0; i < e->nfields; i++) {
		const struct mfield *f = &e->fields[i];
		char key[64];
		const char *s;

		snprintf(key, sizeof(key), "%s", model_form_name(f));
		for (char *k = key; *k; k++)
			*k = *k == '_' ? '-' : *k;
		if (f->type != MT_ID && f->type != MT_HTML && !(f->flags & MF_SYS) && (s = get(d, r, key)))
			v[n++] = T(f->col, xp(d, c, s));
	}
	for (int i = 0; i < nmore && n < (int)(sizeof(v) / sizeof(v[0])); i++)
		v[n++] = more[i];
	if ((id = model_insert(d->db, e, v, n)) < 0)
		bad(d, r->file, r->line, d->db->err, NULL);
	return id;
}
#define ROW(r, c, ent, ...) row_of(d, (c), (r), M_##ent, (const struct mval[]){ __VA_ARGS__ }, \
	(int)(sizeof((const struct mval[]){ __VA_ARGS__ }) / sizeof(struct mval)))

/* ------------------------------------------------------------------ */
/* PDF documents                                                       */
/* ------------------------------------------------------------------ */

/* Render the @document called name for c (its current item), store it,
 * and attach it to the item, or to the meeting when item_id is 0. */
static int64_t document(struct demo *d, struct meeting_ctx *c, const char *name, int64_t item_id)
{
	const struct df_rec *r = need(d, NULL, "document", name);
	const char *file = get(d, r, "text-file"), *role = dflt(get(d, r, "role"), "report"), *title, *text;
	struct pdf_doc doc;
	char sha[65];
	int pages = 0, rc;
	int64_t id;

	c->doc = r;
	doc = (struct pdf_doc){ .title = txt(d, c, r, "title"), .subtitle = txt(d, c, r, "subtitle"),
		.header = txt(d, c, r, "header"), .created = d->created };
	text = file ? embedded(d, pool_printf(&d->pool, "data/demo/%s", file)) : dflt(txt(d, c, r, "text"), "");
	title = txt(d, c, r, "file");
	buf_reset(&d->pdf);
	if (d->failed)
		return -1;
	rc = pdf_text_blocks(&doc, text) < 0 ? -1 : pdf_render(&doc, &d->pdf, &pages);
	pdf_text_release(&doc);
	if (rc < 0 || store_put(d->st, d->pdf.data, d->pdf.len, sha) < 0)
		return fail(d, "rendering or storing a PDF", title);
	id = MODEL_INSERT(d->db, file, T("title", title), T("filename", txt(d, c, r, "filename")),
		T("mime_type", "application/pdf"), T("sha256", sha), N("size", d->pdf.len), N("page_count", pages));
	if (id < 0 || MODEL_INSERT(d->db, file_link, N("file_id", id), N("meeting_id", item_id ? 0 : c->m->id),
		N("agenda_item_id", item_id), T("role", role),
		N("position", !strcmp(role, "appendix") ? 2 : !strcmp(role, "report"))) < 0)
		return db_failed(d, "storing a file");
	return id;
}

/* ------------------------------------------------------------------ */
/* Papers and decisions                                                */
/* ------------------------------------------------------------------ */

/* The budget paper for the financial year after the meeting's, created on
 * first use (Scrutiny in January, Cabinet, then Council in February). */
static int64_t budget_paper(struct demo *d, struct meeting_ctx *c)
{
	const struct df_rec *r = need(d, NULL, "paper", "budget");
	const struct cal_def *set = slot(d, get(d, r, "set-at"));
	const char *nfy = xp(d, c, "{NFY}");
	int y = (int)strtol(nfy, NULL, 10), n = d->nbudget;

	for (int i = 0; i < n; i++)
		if (!strcmp(d->budget[i].fy, nfy))
			return d->budget[i].id;
	if (!set || n == (int)(sizeof(d->budget) / sizeof(d->budget[0])))
		return fail(d, "the budget paper: no meeting to set it at, or too many", NULL);
	snprintf(d->budget[n].fy, sizeof(d->budget[n].fy), "%s", nfy);
	d->budget[n].id = MODEL_INSERT(d->db, paper, N("body_id", d->body), N("decision_maker_id", d->org[set->org]),
		T("reference", pool_printf(&d->pool, "CAB-%04d-001", y)), T("title", txt(d, c, r, "title")),
		T("kind", "report"), N("key_decision", 1),
		T("forward_plan_date", fmt_iso(d, days_nth_weekday(y, set->month, set->weekday, set->nth))),
		T("description_md", txt(d, c, r, "description")));
	if (d->budget[n].id < 0)
		return db_failed(d, "creating the budget paper");
	return d->budget[d->nbudget++].id;
}

/* A key decision of Cabinet on the Forward Plan, referenced CAB-YYYY-NNN. */
static int64_t key_paper(struct demo *d, struct meeting_ctx *c, const char *title, const struct df_rec *r)
{
	int y = (int)strtol(fmt_iso(d, c->m->day), NULL, 10);
	const char *md = xp(d, c, dflt(get(d, r, "paper"), get(d, r, "summary")));
	int64_t id;

	d->ref_seq = d->ref_year == y ? d->ref_seq : 11;
	d->ref_year = y;
	id = MODEL_INSERT(d->db, paper, N("body_id", d->body), N("decision_maker_id", d->org[O_CABINET]),
		T("reference", pool_printf(&d->pool, "CAB-%04d-%03d", y, d->ref_seq++)), T("title", title),
		T("kind", "report"), T("forward_plan_date", fmt_iso(d, c->m->day)), N("key_decision", 1),
		T("description_md", md));
	if (id < 0)
		return db_failed(d, "creating a paper");
	if (!c->m->paper) {   /* the meeting's key decision, for the Forward Plan (write_plan) */
		c->m->paper = id;
		c->m->paper_title = title;
		c->m->paper_md = md;
	}
	return id;
}

static int consult(struct demo *d, int64_t paper, int64_t meeting, int64_t item, int org,
		   int authoritative, const char *role)
{
	if (MODEL_INSERT(d->db, consultation, N("paper_id", paper), N("meeting_id", meeting),
		N("agenda_item_id", item), N("organization_id", d->org[org]), N("authoritative", authoritative),
		T("role", role)) < 0)
		return db_failed(d, "creating a consultation");
	return 0;
}

/* The decision on item i (texts from @decision): Cabinet's (cabinet), open
 * to call-in (call_in) unless it is the budget, which goes on to Council,
 * or a committee's, recorded where the item says so (flags: decision).
 * At a Cabinet marked M_CALLED_IN the last decision open to call-in was
 * called in (the extraordinary meeting of @extraordinary considers it). */
static int decision(struct demo *d, struct meeting_ctx *c, int i, int64_t paper_id, int cabinet, int call_in)
{
	const struct df_rec *r = find(d, "decision", ""), *item = c->items[i].r;
	const char *conflicts = txt(d, c, r, "no-conflicts");
	int64_t dl = days_add_working(days_add_working(c->m->day, 1), 5), id;
	int called_in = call_in && (c->m->flags & M_CALLED_IN) && !c->items[i].exempt && get(d, item, "summary"),
	    key = cabinet && flag(d, item, "key");

	for (int k = 0; k < c->ndecl; k++)
		if (c->decl[k].item == i)
			conflicts = pool_printf(&d->pool, "%s declared %s", pname(d, c->decl[k].person), c->decl[k].text);
	for (int k = i + 1; k < c->nitems; k++)   /* a later decision open to call-in? */
		called_in &= !(get(d, c->items[k].r, "summary") && !c->items[k].exempt && !flag(d, c->items[k].r, "budget"));
	id = MODEL_INSERT(d->db, decision, N("agenda_item_id", c->items[i].id), N("paper_id", paper_id),
		N("decision_maker_id", d->org[c->m->org]), T("title", c->items[i].title),
		T("decision_md", c->items[i].decision), T("reasons_md", txt(d, c, r, cabinet ? "reasons" : "committee-reasons")),
		T("alternatives_md", txt(d, c, r, cabinet ? "alternatives" : "committee-alternatives")),
		T("conflicts", conflicts), T("decided_on", fmt_iso(d, c->m->day)),
		T("call_in_deadline", call_in ? fmt_iso(d, dl) : NULL),
		T("effective_from", called_in ? NULL : fmt_iso(d, call_in ? days_add_working(dl, 1) : c->m->day)),
		N("published", 1), T("kind", cabinet ? "executive" : "committee"), T("status", called_in ? "called_in" : "made"),
		N("key_decision", key), N("call_in", call_in), T("wards", dflt(get(d, item, "wards"), get(d, r, "wards"))),
		T("dispensations", txt(d, c, item, "dispensation")));
	if (id < 0)
		return db_failed(d, "recording a decision");
	if (called_in) {
		d->called_in = c->items[i].title;
		d->called_in_day = fmt_long(d, c->m->day, 0);
	} else if (key && call_in && paper_id) {
		d->last_key.id = id;
		d->last_key.paper = paper_id;
		d->last_key.day = c->m->day;
		d->last_key.title = c->items[i].title;
		d->last_key.summary = txt(d, c, item, "summary");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Meetings                                                            */
/* ------------------------------------------------------------------ */

/* Item i of a @pool. */
static const struct df_rec *pool_item(struct demo *d, const struct df_rec *pool, int i)
{
	const char *s = get(d, pool, "items");
	char name[64];

	while (df_next(&s, ",", name, sizeof(name)))
		if (i-- == 0)
			return need(d, pool, "item", name);
	fail(d, "no such item in @pool", pool ? pool->key : NULL);
	return NULL;
}

/* The agenda of c->m into c->items: its calendar slot's (or its own, for
 * a 2019 meeting), or the committee's draft agenda while one is being
 * drafted, with the committee's exempt items at the meeting that has
 * them.  A @pool stands for one of its items, in turn from meeting to
 * meeting (two in turn where it is named twice). */
static int agenda_of(struct demo *d, struct meeting_ctx *c)
{
	const struct mtg *m = c->m;
	const struct df_rec *org = d->orgs[m->org], *from = get(d, m->arch, "agenda") ? m->arch : m->cal->r, *v[MAX_ITEMS];
	const char *list;
	char name[64];
	int n = 0;

	from = (m->flags & M_DRAFT_AGENDA) ? org : from;
	list = get(d, from, from == org ? "draft-agenda" : "agenda");
	for (int pass = 0; pass < 2; pass++) {
		while (df_next(&list, ",", name, sizeof(name))) {
			const struct df_rec *r = find(d, NULL, name);

			if (n == MAX_ITEMS || !r || (strcmp(r->kind, "item") && strcmp(r->kind, "pool")))
				return bad(d, from->file, from->line, "too many items, or no @item or @pool called", name);
			v[n++] = r;
		}
		list = (m->flags & M_EXEMPT) ? get(d, from = org, "exempt-items") : NULL;
	}
	for (int i = 0; i < n; i++) {
		int k = 0, j = 0, size = df_count(get(d, v[i], "items"));

		for (int x = 0; x < n; x++) {
			k += v[x] == v[i];
			j += x < i && v[x] == v[i];
		}
		c->items[i].r = strcmp(v[i]->kind, "pool") ? v[i] : pool_item(d, v[i], size ? (k * m->seq + j) % size : 0);
	}
	c->nitems = n;
	return d->failed ? -1 : 0;
}

/* One key decision on the Forward Plan for an upcoming Cabinet whose
 * agenda is not yet published, from the pool named forward-plan. */
static int forward_plan_entry(struct demo *d, struct meeting_ctx *c)
{
	const struct df_rec *pool = need(d, d->orgs[O_CABINET], "pool", get(d, d->orgs[O_CABINET], "forward-plan"));
	int n = df_count(get(d, pool, "items"));
	int64_t paper;

	for (int i = 0; i < n && !c->items[0].r; i++) {
		const struct df_rec *t = pool_item(d, pool, (c->m->seq + 3 + i) % n);

		c->items[0].r = flag(d, t, "key") ? t : NULL;
	}
	if (!c->items[0].r)
		return fail(d, "no key decision in the Forward Plan's @pool", pool ? pool->key : NULL);
	paper = key_paper(d, c, txt(d, c, c->items[0].r, "title"), c->items[0].r);
	return paper < 0 ? -1 : consult(d, paper, c->m->id, 0, O_CABINET, 1, "decision");
}

/* The agenda item c->items[i] and what goes with it: its paper, its
 * documents, its vote, Cabinet's decision. */
static int write_item(struct demo *d, struct meeting_ctx *c, int i, int held)
{
	struct item_rec *it = &c->items[i];
	const struct mtg *m = c->m;
	const struct df_rec *r = it->r;
	const char *vote = get(d, r, "vote"), *docs = get(d, r, "documents"), *s;
	int topic = get(d, r, "summary") != NULL, budget = flag(d, r, "budget"), nvar = 0, first = topic;
	int64_t paper = 0;
	char name[64];

	for (int k = 0; k < i; k++)
		first &= !get(d, c->items[k].r, "summary");
	c->cur = i;
	c->vfor = c->vagainst = c->vabst = 0;
	/* the Panel's delivery plan extract comes with every other report */
	c->appx = get(d, r, "appendix") && (!flag(d, r, "alternate-appendix") || m->seq % 2 == 0);
	if (held && vote && count_vote(d, c, r, 0) < 0)
		return -1;
	while (held && getn(d, r, "minutes", nvar))
		nvar++;
	if (held) {
		it->minutes = (s = get(d, r, "minutes-file")) ? embedded(d, pool_printf(&d->pool, "data/demo/%s", s)) :
			xp(d, c, getn(d, r, "minutes", m->seq % (nvar ? nvar : 1)));
		it->decision = txt(d, c, r, "decision");
	}
	/* the first report's minutes, while a draft, carry the marker */
	if (held && first && (m->flags & M_DRAFT_MINUTES))
		it->minutes = pool_printf(&d->pool, "%s\n\n%s", it->minutes, txt(d, c, find(d, "draft-minutes", ""), "note"));
	if (budget)
		paper = budget_paper(d, c);
	else if (flag(d, r, "key") && m->org == O_CABINET)
		paper = key_paper(d, c, it->title, r);
	if (paper < 0)
		return -1;
	it->id = MODEL_INSERT(d->db, agenda_item, N("meeting_id", m->id), N("position", i + 1), T("number", it->number),
		T("title", it->title), T("kind", dflt(get(d, r, "kind"), "item")), N("paper_id", paper),
		N("exempt", it->exempt), N("exempt_paragraph", strtol(dflt(get(d, r, "exempt-paragraph"), "0"), NULL, 10)),
		T("exempt_reason", txt(d, c, r, "exempt-reason")),
		T("description_md", get(d, r, "description") || !topic ? txt(d, c, r, "description") :
			xp(d, c, "{item.summary}{item.recommend? {item.recommend}}")),
		T("minutes_md", held ? it->minutes : NULL), T("decision_md", held ? it->decision : NULL));
	if (it->id < 0)
		return db_failed(d, "creating an agenda item");
	if (paper > 0 && consult(d, paper, m->id, (m->flags & M_DRAFT_AGENDA) ? 0 : it->id, m->org,
				 m->org == O_COUNCIL || !budget, m->org == O_OSPB ? "pre-decision scrutiny" :
				 m->org == O_COUNCIL || !budget ? "decision" : "recommendation to Council") < 0)
		return -1;
	if (!docs && topic && !flag(d, r, "no-report"))
		docs = c->appx ? "report, appendix" : "report";
	while ((m->flags & M_PUB_AGENDA) && df_next(&docs, ",", name, sizeof(name)))
		if (document(d, c, name, it->id) < 0)
			return -1;
	if (held && vote) {
		int64_t id = MODEL_INSERT(d->db, vote, N("agenda_item_id", it->id), T("motion", xp(d, c, vote)),
			N("votes_for", c->vfor), N("votes_against", c->vagainst), N("abstentions", c->vabst),
			T("result", c->vfor > c->vagainst ? "carried" : c->vfor < c->vagainst ? "lost" : "tied"),
			N("recorded", flag(d, r, "recorded")));

		if (id < 0)
			return db_failed(d, "recording a vote");
		if (flag(d, r, "recorded") && count_vote(d, c, r, id) < 0)
			return -1;
	}
	if (held && m->org == O_CABINET && (topic || it->exempt))
		return decision(d, c, i, it->exempt ? 0 : paper, 1, !budget);
	if (held && m->org != O_CABINET && flag(d, r, "decision"))
		return decision(d, c, i, 0, 0, 0);
	return 0;
}

static int write_meeting(struct demo *d, struct mtg *m)
{
	struct meeting_ctx cx = { .m = m, .prev_day = d->prev_held[m->org] }, *c = &cx;
	int held = m->state == S_HELD, draft = held && (m->flags & M_DRAFT_MINUTES);
	int64_t before = strtol(dflt(get(d, m->cal->r, "agenda-days-before"), "8"), NULL, 10);
	int64_t agenda_day = m->day - before < d->today ? m->day - before : d->today - 1;
	int64_t minutes_day = m->day + 7 < d->today ? m->day + 7 : d->today - 1;
	const char *iso = fmt_iso(d, m->day), *s, *minutes_at = NULL;
	char col[3][512];

	/* reports are dated a little before publication, minutes when published */
	d->created = (m->flags & M_PUB_AGENDA) ? fmt_utc(d, agenda_day, "16:30") : NULL;
	if (held && !draft)
		minutes_at = fmt_utc(d, minutes_day, minutes_day == m->day ? "17:00" : "12:00");
	m->id = MODEL_INSERT(d->db, meeting, N("organization_id", d->org[m->org]), N("location_id", d->loc[m->cal->loc]),
		T("name", (m->flags & M_EXTRA) ? txt(d, c, m->cal->r, "name") : NULL),
		T("start_at", pool_printf(&d->pool, "%s %s", iso, m->cal->start)),
		T("end_at", pool_printf(&d->pool, "%s %s", iso, m->cal->end)), T("state", state_names[m->state]),
		T("state_reason", m->state == S_CANCELLED ? "Cancelled as there was insufficient business" :
			m->state == S_POSTPONED ? "Postponed to a date to be confirmed" : NULL),
		T("agenda_status", d->created ? "published" : NULL), T("agenda_published_at", d->created),
		T("minutes_status", !held ? "none" : draft ? "draft" : "published"), T("minutes_published_at", minutes_at));
	if (m->id < 0)
		return db_failed(d, "creating a meeting");
	if (held)
		plan_attendance(d, c);
	for (int i = 0; i < c->natt; i++)
		if (MODEL_INSERT(d->db, attendance, N("meeting_id", m->id), N("person_id", d->person[c->att[i].person]),
			N("substitute_for", c->att[i].sub_for ? d->person[c->att[i].sub_for] : 0),
			T("status", c->att[i].status), T("note", c->att[i].note)) < 0)
			return db_failed(d, "recording attendance");
	if (!(m->flags & (M_PUB_AGENDA | M_DRAFT_AGENDA)))
		return m->org == O_CABINET && m->state == S_SCHEDULED ? forward_plan_entry(d, c) : 0;
	if (agenda_of(d, c) < 0)
		return -1;

	/* Titles and declarations first: the Declarations item reports on
	 * items further down the agenda. */
	for (int i = 0; i < c->nitems; i++) {
		struct item_rec *it = &c->items[i];
		int p;

		c->cur = i;
		it->number = pool_printf(&d->pool, "%d", i + 1);
		it->title = txt(d, c, it->r, "title");
		it->exempt = get(d, it->r, "exempt-paragraph") != NULL;
		if (!held || !(s = get(d, it->r, "interest")) || c->ndecl == 8 ||
		    (flag(d, it->r, "alternate-interest") && m->seq % 2))
			continue;
		if (df_cols(s, col, 3) < 3 || (p = ix(d, it->r, d->people, d->npeople + 1, col[0])) < 0)
			return bad(d, it->r->file, it->r->line, "expected interest: person | kind | text", s);
		if (attended(c, p))
			c->decl[c->ndecl++] = (struct decl){ p, i, pool_printf(&d->pool, "%s", col[1]), pool_printf(&d->pool, "%s", col[2]) };
	}
	for (int i = 0; i < c->nitems; i++)
		if (write_item(d, c, i, held) < 0)
			return -1;
	for (int k = 0; k < c->ndecl; k++)
		if (MODEL_INSERT(d->db, declaration, N("meeting_id", m->id), N("agenda_item_id", c->items[c->decl[k].item].id),
			N("person_id", d->person[c->decl[k].person]), T("kind", c->decl[k].kind),
			T("description", c->decl[k].text)) < 0)
			return db_failed(d, "recording a declaration");
	if ((m->flags & M_PUB_AGENDA) && document(d, c, "front-sheet", 0) < 0)
		return -1;
	d->created = minutes_at;
	if (minutes_at && document(d, c, "printed-minutes", 0) < 0)
		return -1;
	d->created = NULL;
	d->prev_held[m->org] = held ? m->day : d->prev_held[m->org];
	return d->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Statutory records: the Forward Plan, officer decisions, registers   */
/* ------------------------------------------------------------------ */

/* The day of a record's "due:" (or "decided:"): "+N" or "-N" days from
 * today (moved on to a weekday), "cabinet N" the Nth Cabinet from today,
 * "next SLOT" the next meeting of a @meeting slot, "decided" the day of
 * the latest key decision made.  *pm: its meeting in the plan, if any. */
static int64_t due_day(struct demo *d, const struct df_rec *r, const char *s, struct mtg **pm)
{
	char what[32] = "", arg[32] = "";
	int n = 0, next, y0, mo, dd;
	int64_t best = 0;

	*pm = NULL;
	sscanf(dflt(s, ""), "%31s %31s", what, arg);
	if (*what == '+' || *what == '-') {
		int64_t day = d->today + strtol(what, NULL, 10);

		while (days_weekday(day) == 0 || days_weekday(day) == 6)
			day++;
		return day;
	}
	if (!strcmp(what, "decided"))
		return d->last_key.id ? d->last_key.day : bad(d, r->file, r->line, "no key decision made to follow", NULL);
	next = !strcmp(what, "next");
	if (!strcmp(what, "cabinet"))
		n = (int)strtol(arg, NULL, 10);
	else if (!next || !slot(d, arg))
		return bad(d, r->file, r->line, "expected +N, -N, cabinet N, next SLOT or decided:", s);
	/* the plan's meetings, then the calendar's beyond it */
	for (int i = 0; i < d->nplan; i++)
		if (d->plan[i].day >= d->today && d->plan[i].state == S_SCHEDULED && (!next ? d->plan[i].org == O_CABINET :
		    d->plan[i].cal == slot(d, arg)) && --n <= 0) {
			*pm = &d->plan[i];
			return d->plan[i].day;
		}
	civil_from_days(d->today, &y0, &mo, &dd);
	for (int y = y0; y <= y0 + 3 && !best; y++)
		for (int i = 0; i < d->ncal; i++) {
			const struct cal_def *cal = &d->cal[i];
			int64_t t = cal->after ? 0 : days_nth_weekday(y, cal->month, cal->weekday, cal->nth);

			if (t > (d->nplan ? d->plan[d->nplan - 1].day : d->today) &&
			    (next ? cal == slot(d, arg) : cal->org == O_CABINET) && (!best || t < best))
				best = t;
		}
	return best ? best : bad(d, r->file, r->line, "no such meeting ahead:", s);
}

/* The Forward Plan (@plan): notice of key decisions, first published
 * `notice` days before the decision is due, or with the plan of the month
 * when that is still ahead. */
static int write_plan(struct demo *d)
{
	int64_t month_plan;
	int y, mo, dd;

	/* the plan is published on the first weekday of each month */
	civil_from_days(d->today, &y, &mo, &dd);
	for (int back = 0; back < 2; back++) {
		month_plan = days_add_months(days_from_civil(y, mo, 1), -back);
		while (days_weekday(month_plan) == 0 || days_weekday(month_plan) == 6)
			month_plan++;
		if (month_plan <= d->today)
			break;
	}
	for (size_t k = 0; k < d->df.nrecs; k++) {
		const struct df_rec *r = &d->df.recs[k];
		const char *due_s = get(d, r, "due"), *ps = get(d, r, "paper"), *maker = get(d, r, "decision-maker");
		const char *title, *summary, *lead = get(d, r, "lead-member");
		struct mtg *pm, tmp;
		struct meeting_ctx c = { .m = &tmp };
		int decided, org = -1, p = 0;
		int64_t due, first, paper = 0, id;

		if (strcmp(r->kind, "plan") != 0)
			continue;
		decided = due_s && !strcmp(due_s, "decided");
		if ((due = due_day(d, r, due_s, &pm)) <= 0)
			return -1;
		if (maker && (org = ix(d, r, d->orgs, NORG, maker)) < 0)
			return -1;
		if (lead && (p = ix(d, r, d->people, d->npeople + 1, lead)) < 0)
			return -1;
		tmp = (struct mtg){ .cal = pm ? pm->cal : &d->cal[0], .org = org < 0 ? O_CABINET : org, .day = due };
		first = due - strtol(dflt(get(d, r, "notice"), "35"), NULL, 10);
		first = first > d->today ? month_plan : first;
		title = txt(d, &c, r, "title");
		summary = txt(d, &c, r, "summary");
		if (decided) {
			paper = d->last_key.paper;
			title = d->last_key.title;
			summary = d->last_key.summary;
		} else if (ps && !strcmp(ps, "budget")) {
			paper = budget_paper(d, &c);
		} else if (ps && !strcmp(ps, "forward-plan") && pm && pm->paper) {
			paper = pm->paper;
			title = pm->paper_title;
			summary = pm->paper_md;
		} else if (ps && strcmp(ps, "forward-plan") != 0) {
			return bad(d, r->file, r->line, "expected paper: budget or forward-plan", ps);
		}
		if (paper < 0)
			return -1;
		id = ROW(r, &c, plan_entry, N("body_id", d->body), N("paper_id", paper), T("title", title),
			T("summary_md", summary), N("decision_maker_id", org >= 0 ? d->org[org] : 0),
			N("lead_member_id", p ? d->person[p] : 0), T("first_published", fmt_iso(d, first)),
			T("decision_due", fmt_iso(d, due)), T("status", decided ? "decided" : NULL));
		if (id < 0)
			return -1;
		if (decided && db_decision_update(d->db, d->last_key.id, id, NULL) < 0)
			return db_failed(d, "linking a decision to the Forward Plan");
	}
	return 0;
}

/* Officers' decisions under delegated powers (@officer-decision). */
static int write_officer_decisions(struct demo *d)
{
	for (size_t k = 0; k < d->df.nrecs; k++) {
		const struct df_rec *r = &d->df.recs[k];
		const char *who = get(d, r, "person");
		struct meeting_ctx c = { .m = NULL };
		struct mtg *pm;
		int64_t day;
		int p = 0;

		if (strcmp(r->kind, "officer-decision") != 0)
			continue;
		if ((day = due_day(d, r, get(d, r, "decided"), &pm)) <= 0 ||
		    (who && (p = ix(d, r, d->people, d->npeople + 1, who)) < 0))
			return -1;
		if (ROW(r, &c, decision, T("decided_on", fmt_iso(d, day)), T("effective_from", fmt_iso(d, day)),
			N("published", 1), T("kind", "officer"), N("decision_maker_person_id", p ? d->person[p] : 0),
			N("key_decision", 0), N("call_in", 0)) < 0)
			return -1;
	}
	return 0;
}

/* The register of interests of every member (@register): each person on
 * a committee other than as an officer has one. */
static int write_registers(struct demo *d)
{
	char col[5][512];
	const char *s, *from, *to;
	int has[MAX_PEOPLE] = { 0 };

	for (size_t k = 0; k < d->df.nrecs; k++) {
		const struct df_rec *r = &d->df.recs[k];
		int p;

		if (strcmp(r->kind, "register") != 0)
			continue;
		if ((p = ix(d, r, d->people, d->npeople + 1, get(d, r, "member"))) < 0)
			return -1;
		has[p] = 1;
		for (int i = 0; (s = getn(d, r, "interest", i)); i++) {
			if (df_cols(s, col, 5) < 4 || span(d, r, col[3], &from, &to) < 0 || !from)
				return bad(d, r->file, r->line, "expected interest: category | holder | text | FROM [to LAST] [| sensitive]", s);
			if (MODEL_INSERT(d->db, interest, N("person_id", d->person[p]), T("category", col[0]),
				T("holder", col[1]), T("description", col[2]), N("sensitive", !strcmp(col[4], "sensitive")),
				T("registered_on", from), T("ended_on", to)) < 0)
				return db_failed(d, "registering an interest");
		}
	}
	for (int i = 0; i < d->nms; i++)
		if (!has[d->ms[i].person])
			return bad(d, d->people[d->ms[i].person]->file, d->people[d->ms[i].person]->line,
				   "a member without a @register:", d->people[d->ms[i].person]->key);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The rest of the record                                              */
/* ------------------------------------------------------------------ */

static int write_body(struct demo *d)
{
	const struct df_rec *b = need(d, NULL, "body", "");
	const struct embedded_file *logo = embed_find("data/demo/demo-logo.svg");
	const char *s, *from, *to;
	char col[2][512];
	size_t len = logo ? logo->len : 0;

	if (!b || !logo)
		return fail(d, "missing @body or", "data/demo/demo-logo.svg");
	while (len && strchr("\r\n", logo->data[len - 1]))
		len--;
	if ((d->body = ROW(b, NULL, body, T("logo_svg", pool_printf(&d->pool, "%.*s", (int)len, logo->data)))) < 0)
		return -1;
	for (int i = 0; (s = getn(d, b, "term", i)); i++)
		if (df_cols(s, col, 2) < 2 || span(d, b, col[1], &from, &to) < 0 ||
		    MODEL_INSERT(d->db, legislative_term, N("body_id", d->body), T("name", col[0]),
				 T("start_date", from), T("end_date", to)) < 0)
			return d->failed ? -1 : db_failed(d, "creating a term");
	for (int i = 0; i < NORG; i++)
		if ((d->org[i] = ROW(d->orgs[i], NULL, organization, N("body_id", d->body))) < 0)
			return -1;
	for (int i = 0; i < d->nlocs; i++)
		if ((d->loc[i] = ROW(d->locs[i], NULL, location, N("body_id", d->body))) < 0)
			return -1;
	for (int p = 1; p <= d->npeople; p++) {
		const struct df_rec *r = d->people[p];
		const char *name = pname(d, p), *sp1 = strchr(name, ' '), *sp2 = strrchr(name, ' ');

		if (!sp1 || sp1 == sp2)
			return bad(d, r->file, r->line, "name: an honorific, a given and a family name", NULL);
		d->person[p] = ROW(r, NULL, person, N("body_id", d->body),
			T("honorific", pool_printf(&d->pool, "%.*s", (int)(sp1 - name), name)),
			T("given_name", pool_printf(&d->pool, "%.*s", (int)(sp2 - sp1 - 1), sp1 + 1)),
			T("family_name", sp2 + 1));
		if (d->person[p] < 0)
			return -1;
	}
	for (int i = 0; i < d->nms; i++)
		if (MODEL_INSERT(d->db, membership, N("person_id", d->person[d->ms[i].person]),
				 N("organization_id", d->org[d->ms[i].org]), T("role", d->ms[i].role),
				 N("voting", !d->ms[i].non_voting), T("start_date", d->ms[i].start),
				 T("end_date", d->ms[i].end)) < 0)
			return db_failed(d, "creating a membership");
	return 0;
}

/* The committee's calendar meeting before day (for the first meeting's
 * "minutes of the previous meeting"). */
static int64_t prev_occurrence(const struct demo *d, int org, int64_t day)
{
	int y, m, dd;
	int64_t best = 0;

	civil_from_days(day, &y, &m, &dd);
	for (int yy = y - 1; yy <= y; yy++)
		for (int i = 0; i < d->ncal; i++) {
			int64_t t = d->cal[i].after ? 0 : days_nth_weekday(yy, d->cal[i].month, d->cal[i].weekday, d->cal[i].nth);

			if (d->cal[i].org == org && t < day && t > best)
				best = t;
		}
	return best;
}

/* The meetings v[0..n-1], then the minutes each approves. */
static int write_meetings(struct demo *d, struct mtg *v, int n)
{
	for (int i = 0; i < n; i++)
		if (write_meeting(d, &v[i]) < 0)
			return -1;
	for (int i = 0; i < n; i++) {
		const struct mtg *by = v[i].approver >= 0 ? &v[v[i].approver] : NULL;

		if (by && db_meeting_minutes_approve(d->db, v[i].id, by->id, fmt_utc(d, by->day, by->cal->start)) < 0)
			return db_failed(d, "approving minutes");
	}
	return 0;
}

static int64_t today_day(void)
{
	const char *env = getenv("WITAN_DEMO_TODAY");
	struct civil c;
	char now[17];

	if (!env || strlen(env) != 10 || civil_parse(env, &c) < 0 || c.year < 2023 || c.year > 2100) {
		date_now_local(now);
		civil_parse(now, &c);
	}
	return days_from_civil(c.year, c.month, c.day);
}

/* What the demo keeps internal (demo.h, DEMO_INTERNAL_MARKER), besides a
 * member's contact details: an unlisted briefing (@briefing) with its
 * agenda, and the audit entry of its agenda withdrawn with a reason. */
static int write_internal(struct demo *d)
{
	const struct df_rec *r = need(d, NULL, "briefing", "");
	struct meeting_ctx c = { .m = NULL };
	struct buf audit = BUF_INIT;
	int org = r ? ix(d, r, d->orgs, NORG, get(d, r, "committee")) : -1;
	int loc = r ? ix(d, r, d->locs, d->nlocs, get(d, r, "venue")) : -1;
	int64_t m, item;

	if (org < 0 || loc < 0)
		return -1;
	m = MODEL_INSERT(d->db, meeting, N("organization_id", d->org[org]), N("location_id", d->loc[loc]),
		T("name", txt(d, &c, r, "name")), N("published", 0),
		T("start_at", pool_printf(&d->pool, "%s %s", fmt_iso(d, d->today + strtol(dflt(get(d, r, "days-from-today"), "0"), NULL, 10)),
			  dflt(get(d, r, "time"), "10:00"))),
		T("agenda_status", get(d, r, "agenda-published") ? "published" : NULL),
		T("agenda_published_at", get(d, r, "agenda-published")));
	if (m < 0)
		return db_failed(d, "creating the unlisted briefing");
	item = MODEL_INSERT(d->db, agenda_item, N("meeting_id", m), N("position", 1), T("number", "1"),
		T("title", txt(d, &c, r, "item")), T("description_md", txt(d, &c, r, "description")));
	if (item < 0)
		return db_failed(d, "creating the briefing's item");
	/* Its document dated like the rest, so two runs give the same bytes. */
	d->created = fmt_utc(d, d->today, "09:00");
	if (document(d, &c, get(d, r, "document"), item) < 0)
		return -1;
	d->created = NULL;
	buf_puts(&audit, "{\"reason\":");
	json_string(&audit, txt(d, &c, r, "withdrawn"));
	buf_putc(&audit, '}');
	if (db_audit(d->db, 0, "unpublish agenda", "meeting", m, NULL, pool_keep(&d->pool, &audit)) < 0)
		return db_failed(d, "writing the audit log");
	return 0;
}

int demo_create(struct db *db, struct store *st, char *err, size_t errlen)
{
	struct demo *d = calloc(1, sizeof(*d));
	struct mtg *plan = calloc(MAX_PLAN, sizeof(*plan)), archive[8];
	int n, narch, rc = -1, began = 0;

	if (errlen)
		snprintf(err, errlen, "demo: out of memory");
	if (!d || !plan)
		goto out;
	d->db = db;
	d->st = st;
	d->err = err;
	d->errlen = errlen;
	d->today = today_day();
	d->tmpl = (struct tmpl){ .value = fill_value, .ctx = d };
	if (errlen)
		err[0] = '\0';
	buf_init(&d->pdf, (size_t)16 << 20);
	if (read_data(d) < 0 || (narch = archive_meetings(d, archive, 8)) < 0)
		goto out;
	n = plan_meetings(d, d->today, plan, MAX_PLAN);
	d->plan = plan;
	d->nplan = n;
	if (db_begin(db) < 0) {
		db_failed(d, "starting a transaction");
		goto out;
	}
	began = 1;
	if (write_body(d) < 0)
		goto out;
	if (write_meetings(d, archive, narch) < 0)
		goto out;
	for (int o = 0; o < NORG; o++)
		for (int i = 0; i < n; i++)
			if (plan[i].org == o) {
				d->prev_held[o] = prev_occurrence(d, o, plan[i].day);
				break;
			}
	if (write_meetings(d, plan, n) < 0)
		goto out;
	if (write_plan(d) < 0 || write_officer_decisions(d) < 0 || write_registers(d) < 0)
		goto out;
	if (write_internal(d) < 0 || d->failed || (d->pool.oom && fail(d, "out of memory", NULL)))
		goto out;
	if (db_commit(db) < 0) {
		db_failed(d, "committing");
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && began)
		db_rollback(db);
	if (rc < 0 && d && !d->failed)
		fail(d, "failed", NULL);
	if (d) {
		pool_release(&d->pool);
		df_release(&d->df);
		buf_release(&d->pdf);
	}
	free(d);
	free(plan);
	return rc;
}
