/* gen.c: the synthetic record of `witan gen` (see gen.h).
 *
 * The text reads like the agendas, minutes and reports of a borough council
 * (and a police and crime panel) and has a realistic spread of words: every
 * word list runs from common to rare and is drawn from with a Zipf-like
 * skew (zipf()), so generic council words ("committee", "report") are in
 * most passages while a road, a school or a surname is in few.
 *
 * Text is built from sentence templates whose slots are one character in
 * braces: "{C} asked about {T} in {P}." (slots.txt and slot()).  Each item
 * has a kind (a topic report, a planning application, a licence hearing...),
 * a topic from its committee's areas and a town; the templates of its kind
 * make its title, its description and, for past meetings, its minutes.
 *
 * The words, places, topics, committees, templates and the documents' layouts
 * (front sheet, report pages, work programme) are the files of data/gen/,
 * embedded in the binary (data/gen/README.md); this file reads them and
 * generates.  Each random choice is a statement of its own, in the order
 * the record depends on, so that a seed makes the same record whatever
 * order a compiler evaluates arguments in. */
#include "demo/gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/model.h"
#include "db/record.h"
#include "docs/pdfgen.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/datafile.h"
#include "util/date.h"
#include "util/template.h"
#include "util/banned.h"

#define T(col, v) MV_TEXT(col, v)   /* a value of a row (db/model.h) */
#define N(col, v) MV_INT(col, v)

#define NPEOPLE 200
#define MAXITEMS 15
#define MAXCOM 32        /* committees, areas (a bit each), venues */
#define MAXTOPICS 512
#define MAXLISTS 96

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

/* An index in [0, n) with P(i) proportional to 1 / (i + 3): a list's first
 * entries are common and the rest a long tail. */
static int zipf(int n)
{
	double u = (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
	int i = (int)(3.0 * pow((n + 3) / 3.0, u)) - 3;

	return i < 0 ? 0 : i < n ? i : n - 1;
}

/* ---- The data files ---- */

/* The files data/gen/NAME.txt are lists (util/datafile.h). */
#define F(l, r, k) DF_F(l, r, k)

static const char *zpick(const struct df_list *l) { return F(l, zipf(l->n), 0); }
static const char *upick(const struct df_list *l) { return F(l, pick(l->n), 0); }

/* A malformed data file is a bug in this program: say where, and stop. */
static _Noreturn void die(const char *what)
{
	fprintf(stderr, "witan gen: %s\n", what);
	abort();
}

static _Noreturn void bad(const struct df_list *l, int line, const char *what)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "%s:%d: %s", l->path, line, what);
	die(msg);
}

/* The lists the code names (the others are named by kinds.txt and slots.txt). */
enum { GIVEN, FAMILY, HON_M, HON_F, PARTIES, WARDS, TOWNS, PREMISES, OFFICERS, VENUES, ROADS, ROAD_KINDS,
	APP_TYPES, PETITIONS, MOTIONS, LIC_CASES, TAXI_CASES, T_PLACE, T_ROAD, S_FIN, S_LEGAL, S_RISK, AREAS,
	TOPICS, COMMITTEES, KINDS, MIX, PROCS, SLOTS, LAYOUTS, NNAMED };
static const struct { const char *name; int nf; } named[NNAMED] = {
	{ "given", 2 }, { "family", 1 }, { "honorifics-m", 1 }, { "honorifics-f", 1 }, { "parties", 1 }, { "wards", 1 },
	{ "towns", 1 }, { "premises", 1 }, { "officers", 1 }, { "venues", 1 }, { "road-names", 1 }, { "road-kinds", 1 },
	{ "app-types", 1 }, { "petition-titles", 2 }, { "motion-subjects", 2 }, { "licence-cases", 2 },
	{ "taxi-cases", 2 }, { "topic-titles-place", 1 }, { "topic-titles-road", 1 }, { "report-finance", 1 },
	{ "report-legal", 1 }, { "report-risk", 1 }, { "areas", 3 }, { "topics", 4 }, { "committees", 4 },
	{ "kinds", 7 }, { "mix", 2 }, { "procedural", 3 }, { "slots", 3 }, { "layouts", 2 },
};

/* The documents' layouts (layouts.txt). */
enum { LAY_FRONT, LAY_OPENING, LAY_CLOSING, LAY_PROGRAMME, LAY_LINE, NLAYOUTS };
static const char *const layout_names[NLAYOUTS] = {
	"front-sheet", "report-opening", "report-closing", "work-programme", "programme-line" };

/* Kinds of item and of committee; the data names them, the code gives
 * some of them their own rules. */
enum ikind { K_TOPIC, K_PERF, K_PETITION, K_MOTION, K_MISC, K_PLAN, K_LICENCE, K_TAXI, NKINDS };
static const char *const kind_names[NKINDS] = { "topic", "perf", "petition", "motion", "misc", "plan", "licence", "taxi" };
enum { TF_PLACE = 1, TF_ROAD = 2 };   /* a topic can be "in {town}", "on {road}" */

/* The opening and closing items of an agenda. */
enum proc { PR_APOLOGIES, PR_DECLARATIONS, PR_MINUTES, PR_QUESTIONS, PR_WORK, PR_NEXT, NPROCS };
static const char *const proc_names[NPROCS] = {
	"apologies", "declarations", "minutes", "questions", "work-programme", "next-meeting" };

struct gen {
	struct tmpl tmpl;                /* fills templates in with slot() */
	struct df_list lists[MAXLISTS];
	const char *names[MAXLISTS];     /* lists[i] is data/gen/names[i].txt */
	const struct df_list *l[NNAMED];    /* the named lists */
	int nlists, oom;
	struct area {
		const char *key, *lead, *officer[4], *act[4];
		int nofficer, nact;
	} area[MAXCOM];
	int nareas, ncom, ntopics;
	int tarea[MAXTOPICS], tflags[MAXTOPICS];              /* each topic's */
	unsigned careas[MAXCOM];                              /* each committee's, a bit an area */
	int ckind[MAXCOM];                                    /* each committee's kind: its entry in mix.txt */
	int mix[MAXCOM][NKINDS];
	struct kind_text { const struct df_list *title, *dlead, *dmore, *mlead, *mmore, *res; } kinds[NKINDS];
	struct proc_text { const char *kind, *title, *desc, *mins[4]; int nmins; } procs[NPROCS];
	struct { const struct df_list *l; char how; } slots[128];   /* by slot: slots.txt */
	const char *layout[NLAYOUTS];
	/* the meeting's */
	int org;                         /* its committee */
	long day;                        /* its day number */
	int y, mo, dd, hour;
	int fy;                          /* financial year from April fy */
	long prev;                       /* the committee's previous meeting */
	long prev_day[MAXCOM];
	int topic, town, kind, motion, prem;   /* the current item's */
	int item, nitems;                /* the report's item; the agenda's length */
	const char *title_tpl, *lead_tpl;      /* lead_tpl: NULL, or its description's first sentence */
	int last[128];                   /* by slot: the index it gave last */
	/* each committee's topics, most common first */
	int ctopic[MAXCOM][MAXTOPICS], nctopic[MAXCOM];
	unsigned char pgiven[NPEOPLE], pfamily[NPEOPLE];
	/* the meeting's items, for its agenda pack */
	int itopic[MAXITEMS], itown[MAXITEMS], ikind[MAXITEMS], iprem[MAXITEMS];
	struct buf ititle[MAXITEMS];
};

/* data/gen/NAME.txt, each entry of nf fields; read once.  Out of memory:
 * an empty list, and g->oom set. */
static const struct df_list *load(struct gen *g, const char *name, int nf)
{
	struct df_list *l;
	char path[64], err[160];
	int rc;

	for (int i = 0; i < g->nlists; i++) {
		if (strcmp(g->names[i], name) == 0) {
			if (g->lists[i].nf != nf)
				bad(&g->lists[i], 0, "read with another number of fields");
			return &g->lists[i];
		}
	}
	if (g->nlists == MAXLISTS)
		die("more files in data/gen than MAXLISTS");
	l = &g->lists[g->nlists];
	g->names[g->nlists++] = name;
	snprintf(path, sizeof(path), "data/gen/%s.txt", name);
	if ((rc = df_list_read(l, path, nf, err, sizeof(err))) == -1)
		die(err);
	g->oom |= rc < 0;
	return l;
}

/* The texts of the entries "key | field | text", in order, into out[max];
 * how many. */
static int rows(const struct df_list *l, const char *key, const char *field, const char **out, int max)
{
	int n = 0;

	for (int r = 0; r < l->n; r++) {
		if (strcmp(F(l, r, 0), key) != 0 || strcmp(F(l, r, 1), field) != 0)
			continue;
		if (n == max)
			bad(l, l->line[r], "too many of these");
		out[n++] = F(l, r, 2);
	}
	return n;
}

static int area_named(struct gen *g, const char *key, size_t len, const struct df_list *l, int r)
{
	for (int a = 0; a < g->nareas; a++)
		if (strlen(g->area[a].key) == len && memcmp(g->area[a].key, key, len) == 0)
			return a;
	bad(l, l->line[r], "no such area in areas.txt");
}

/* Read every data file, or set g->oom. */
static void read_data(struct gen *g)
{
	const struct df_list *l;

	for (int i = 0; i < NNAMED; i++)
		g->l[i] = load(g, named[i].name, named[i].nf);
	if (g->oom)
		return;
	l = g->l[AREAS];
	for (int r = 0; r < l->n; r++) {
		struct area *a = &g->area[g->nareas];
		if (strcmp(F(l, r, 1), "lead") != 0) {
			if (strcmp(F(l, r, 1), "officer") != 0 && strcmp(F(l, r, 1), "act") != 0)
				bad(l, l->line[r], "not lead, officer or act");
			continue;
		}
		if (g->nareas++ == MAXCOM)
			bad(l, l->line[r], "more areas than MAXCOM");
		a->key = F(l, r, 0);
		a->lead = F(l, r, 2);
		a->nofficer = rows(l, a->key, "officer", a->officer, 4);
		a->nact = rows(l, a->key, "act", a->act, 4);
		if (!a->nofficer || !a->nact)
			bad(l, l->line[r], "an area without officers or acts");
	}
	l = g->l[TOPICS];
	if ((g->ntopics = l->n) > MAXTOPICS)
		bad(l, l->line[MAXTOPICS], "more topics than MAXTOPICS");
	for (int t = 0; t < l->n; t++) {
		const char *fl = F(l, t, 3);
		g->tarea[t] = area_named(g, F(l, t, 2), strlen(F(l, t, 2)), l, t);
		g->tflags[t] = (strstr(fl, "place") ? TF_PLACE : 0) | (strstr(fl, "road") ? TF_ROAD : 0);
		if (!g->tflags[t] && strcmp(fl, "-") != 0)
			bad(l, l->line[t], "not place, road, \"place road\" or -");
	}
	l = g->l[KINDS];
	for (int r = 0; r < l->n; r++) {
		int k = 0;
		while (k < NKINDS && strcmp(kind_names[k], F(l, r, 0)) != 0)
			k++;
		if (k == NKINDS)
			bad(l, l->line[r], "no such kind");
		const struct df_list **to[] = { &g->kinds[k].title, &g->kinds[k].dlead, &g->kinds[k].dmore,
					     &g->kinds[k].mlead, &g->kinds[k].mmore, &g->kinds[k].res };
		for (int j = 0; j < 6; j++) {
			if (strcmp(F(l, r, j + 1), "-") != 0)
				*to[j] = load(g, F(l, r, j + 1), 1);
			else if (j > 0 || k == K_TOPIC || k == K_PERF || k == K_MOTION || k == K_MISC || k == K_PLAN)
				bad(l, l->line[r], "this kind needs this list");
		}
	}
	for (int k = 0; k < NKINDS; k++)
		if (!g->kinds[k].dlead)
			bad(l, 0, "a kind is missing");
	l = g->l[MIX];
	for (int r = 0; r < l->n && r < MAXCOM; r++) {
		int sum = 0;
		for (const char *p = F(l, r, 1); *p; ) {
			char name[16];
			int pc, used, k = 0;
			if (sscanf(p, "%15[a-z] %d%n", name, &pc, &used) != 2)
				bad(l, l->line[r], "not \"kind percent, ...\"");
			while (k < NKINDS && strcmp(kind_names[k], name) != 0)
				k++;
			if (k == NKINDS)
				bad(l, l->line[r], "no such kind");
			g->mix[r][k] = pc;
			sum += pc;
			p += used;
			p += strspn(p, ", ");
		}
		if (sum != 100)
			bad(l, l->line[r], "percentages that do not add up to 100");
	}
	l = g->l[COMMITTEES];
	if ((g->ncom = l->n) > MAXCOM || g->l[VENUES]->n > MAXCOM)
		bad(l, 0, "more committees or venues than MAXCOM");
	for (int c = 0; c < l->n; c++) {
		if ((g->ckind[c] = df_list_find(g->l[MIX], 0, F(l, c, 1))) < 0)
			bad(l, l->line[c], "a kind of committee not in mix.txt");
		for (const char *p = F(l, c, 2); *p; p += strspn(p, " ")) {
			size_t len = strcspn(p, " ");
			g->careas[c] |= 1u << area_named(g, p, len, l, c);
			p += len;
		}
	}
	l = g->l[PROCS];
	for (int p = 0; p < NPROCS; p++) {
		struct proc_text *pr = &g->procs[p];
		pr->nmins = rows(l, proc_names[p], "minutes", pr->mins, 4);
		if (rows(l, proc_names[p], "kind", &pr->kind, 1) + rows(l, proc_names[p], "title", &pr->title, 1) +
		    rows(l, proc_names[p], "description", &pr->desc, 1) != 3 || !pr->nmins)
			bad(l, 0, "a procedural item without its kind, title, description and minutes");
	}
	l = g->l[SLOTS];
	for (int r = 0; r < l->n; r++) {
		const char *c = F(l, r, 0), *how = F(l, r, 2);
		if (strlen(c) != 1 || (unsigned char)c[0] >= 128 ||
		    (strcmp(how, "pick") != 0 && strcmp(how, "zipf") != 0 && strcmp(how, "fresh") != 0))
			bad(l, l->line[r], "not \"slot | list | pick, zipf or fresh\"");
		g->slots[(unsigned char)c[0]].l = load(g, F(l, r, 1), 1);
		g->slots[(unsigned char)c[0]].how = how[0];
	}
	l = g->l[LAYOUTS];
	for (int k = 0; k < NLAYOUTS; k++) {
		int r = df_list_find(l, 0, layout_names[k]);
		char *t, *o;

		if (r < 0)
			bad(l, 0, "a layout is missing");
		/* "\n" is a line break: the field is ours (the list's text), cut in place */
		for (t = o = (char *)F(l, r, 1); *t; t++)
			*o++ = t[0] == '\\' && t[1] == 'n' ? (t++, '\n') : *t;
		*o = '\0';
		g->layout[k] = F(l, r, 1);
	}
}

static void release_data(struct gen *g)
{
	for (int i = 0; i < g->nlists; i++)
		df_list_release(&g->lists[i]);
}
/* ---- Text ---- */

/* zipf(n), but not the index that slot c gave last time (so that a
 * sentence does not say "about noise and noise"). */
static int zipf_new(struct gen *g, char c, int n)
{
	int i = zipf(n);

	if (i == g->last[(unsigned char)c] && n > 1)
		i = (i + 1 + pick(n - 1)) % n;
	g->last[(unsigned char)c] = i;
	return i;
}

static void put_name(struct gen *g, struct buf *b)
{
	const char *family = zpick(g->l[FAMILY]), *given = zpick(g->l[GIVEN]);

	buf_printf(b, "%s %s", given, family);
}

/* "Councillor Patel" or "Councillor Priya Patel": a member of committee org. */
static void put_councillor(struct gen *g, struct buf *b, int org, int full)
{
	int p = org + g->ncom * zipf_new(g, 'C', NPEOPLE / g->ncom);

	if (full)
		buf_printf(b, "Councillor %s %s", F(g->l[GIVEN], g->pgiven[p], 0), F(g->l[FAMILY], g->pfamily[p], 0));
	else
		buf_printf(b, "Councillor %s", F(g->l[FAMILY], g->pfamily[p], 0));
}

static void put_officer(struct gen *g, struct buf *b)
{
	const struct area *a = &g->area[g->tarea[g->topic]];

	buf_puts(b, pick(3) ? a->officer[zipf(a->nofficer)] : zpick(g->l[OFFICERS]));
	if (pick(5) == 0) {
		buf_puts(b, " (");
		put_name(g, b);
		buf_putc(b, ')');
	}
}

static void put_money(struct buf *b, int big)
{
	if (big && pick(2)) {
		int tenths = pick(10);
		buf_printf(b, "£%d.%dm", 1 + zipf(60), tenths);
	} else if (big) {
		buf_printf(b, "£%d,000", 50 + pick(950));
	} else if (pick(2)) {
		int units = pick(1000);
		buf_printf(b, "£%d,%03d", 1 + zipf(200), units);
	} else {
		buf_printf(b, "£%d,000", 5 + pick(95));
	}
}

/* The last completed quarter of the financial year: "Q3 2021/22". */
static void put_quarter(struct gen *g, struct buf *b)
{
	int q = (g->mo + 8) % 12 / 3;   /* quarter now, 0 = April to June */

	buf_printf(b, "Q%d ", q ? q : 4);
	date_put_fy(b, q ? g->fy : g->fy - 1);
}

/* Another topic of the meeting's committee than the item's. */
static const char *other_topic(struct gen *g)
{
	int n = g->nctopic[g->org], i = zipf_new(g, 't', n);

	if (g->ctopic[g->org][i] == g->topic && n > 1)
		i = (i + 1) % n;
	return F(g->l[TOPICS], g->ctopic[g->org][i], 1);
}

/* Append tpl with its slots filled. */
static void expand(struct gen *g, struct buf *b, const char *tpl)
{
	if (tmpl_fill(&g->tmpl, b, tpl) < 0)   /* a slot of no name, or nested 16 deep: a bug in data/gen */
		die(g->tmpl.err);
}

static int worded(struct gen *g, const char *name, struct buf *b);

/* One slot of a template (a util/template.h placeholder of one character):
 * from its list in slots.txt, or computed. */
static int slot(void *ctx, const char *name, int optional, struct buf *b)
{
	struct gen *g = ctx;
	char c = name[1] ? '\0' : name[0];
	const struct df_list *s = g->slots[(unsigned char)c].l, *t = g->l[TOPICS];
	int y, m, d, i;

	(void)optional;

	if (name[1])
		return worded(g, name, b);
	if (s) {
		char how = g->slots[(unsigned char)c].how;
		expand(g, b, F(s, how == 'p' ? pick(s->n) : how == 'z' ? zipf(s->n) : zipf_new(g, c, s->n), 0));
		return 0;
	}
	switch (c) {
	case 'B':
		buf_puts(b, g->area[g->tarea[g->topic]].lead);
		if (strcmp(g->area[g->tarea[g->topic]].key, "pol") != 0 && pick(2)) {   /* not the Commissioner */
			buf_puts(b, " (");
			put_councillor(g, b, 0, 1);
			buf_putc(b, ')');
		}
		break;
	case 'C': put_councillor(g, b, g->org, pick(10) < 3); break;
	case 'D': date_put_day(b, g->day + 7 + pick(180), 0); break;
	case 'F': put_councillor(g, b, pick(g->ncom), 1); break;
	case 'H': buf_puts(b, F(g->l[PREMISES], g->prem, 0)); break;
	case 'L': {
		const char *type = zpick(g->l[APP_TYPES]);
		int n = 1 + pick(9000);
		buf_printf(b, "%02d/%05d/%s", (g->y - pick(2)) % 100, n, type);
		break;
	}
	case 'M': put_money(b, 1); break;
	case 'N': buf_printf(b, "%d", pick(2) ? 3 + pick(60) : 10 + pick(990)); break;
	case 'O': put_officer(g, b); break;
	case 'P': buf_puts(b, F(g->l[TOWNS], g->town, 0)); break;
	case 'Q': put_quarter(g, b); break;
	case 'R': {
		const char *kind = zpick(g->l[ROAD_KINDS]);
		buf_printf(b, "%s %s", zpick(g->l[ROADS]), kind);
		break;
	}
	case 'T': buf_puts(b, F(t, g->topic, 1)); break;
	case 'U': {
		const char *hon, *family;
		i = zipf(g->l[GIVEN]->n);
		family = zpick(g->l[FAMILY]);
		hon = upick(g->l[F(g->l[GIVEN], i, 1)[0] == 'm' ? HON_M : HON_F]);
		buf_printf(b, "%s %s %s", hon, F(g->l[GIVEN], i, 0), family);
		break;
	}
	case 'X': buf_puts(b, g->area[g->tarea[g->topic]].act[zipf(g->area[g->tarea[g->topic]].nact)]); break;
	case 'Y': date_put_fy(b, g->fy); break;
	case 'a': buf_putc(b, (char)('A' + pick(5))); break;
	case 'b': date_put_day(b, g->prev, 0); break;
	case 'c': buf_printf(b, "%04d/%02d", 100 + pick(9000), g->y % 100); break;
	case 'd': date_put_day(b, g->day - 14 - pick(300), 0); break;
	case 'e': buf_printf(b, "Month %d", (g->mo + 8) % 12 ? (g->mo + 8) % 12 : 12); break;
	case 'k': buf_puts(b, F(t, g->topic, 0)); break;
	case 'm': put_money(b, 0); break;
	case 'n': buf_printf(b, "%d", 2 + pick(9)); break;
	case 'o':
		civil_from_days(g->day + 30 + pick(240), &y, &m, &d);
		buf_printf(b, "%s %d", date_month_names[m], y);
		break;
	case 't': buf_puts(b, other_topic(g)); break;
	case 'w': expand(g, b, F(g->l[MOTIONS], g->motion, 0)); break;
	case 'y': date_put_fy(b, g->fy + 1); break;
	case 'z': date_put_fy(b, g->fy - 1); break;
	case '%':
		if (pick(3)) {
			buf_printf(b, "%d%%", 1 + pick(99));
		} else {
			i = pick(10);
			buf_printf(b, "%d.%d%%", pick(30), i);
		}
		break;
	default: break;   /* no such slot: nothing (the templates are ours) */
	}
	return 0;
}

/* Append a sentence from tpl, capitalised, and a space. */
static void say(struct gen *g, struct buf *b, const char *tpl)
{
	size_t at = b->len;

	expand(g, b, tpl);
	if (!b->err && b->len > at && b->data[at] >= 'a' && b->data[at] <= 'z')
		b->data[at] = (char)(b->data[at] - 'a' + 'A');
	buf_putc(b, ' ');
}

/* The templates a paragraph has used, so that it does not repeat one. */
struct said {
	const char *tpl[8];
	int n;
};

/* Say one of list l, one the paragraph has not said if it can. */
static void say_any(struct gen *g, struct buf *b, const struct df_list *l, struct said *s)
{
	const char *tpl = upick(l);

	for (int tries = 0; tries < 4; tries++) {
		int seen = 0;
		for (int i = 0; i < s->n; i++)
			seen |= strcmp(s->tpl[i], tpl) == 0;
		if (!seen)
			break;
		tpl = upick(l);
	}
	if (s->n < (int)(sizeof(s->tpl) / sizeof(s->tpl[0])))
		s->tpl[s->n++] = tpl;
	say(g, b, tpl);
}

/* A "- " list of count sentences from l. */
static void say_list(struct gen *g, struct buf *b, const struct df_list *l, int count, int lettered)
{
	struct said s = { .n = 0 };

	for (int i = 0; i < count; i++) {
		if (lettered)
			buf_printf(b, "- (%c) ", 'a' + i);
		else
			buf_puts(b, "- ");
		say_any(g, b, l, &s);
		buf_truncate(b, b->len - 1);
		buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
}

/* End a paragraph: drop the trailing space, add a blank line. */
static void end_para(struct buf *b)
{
	if (b->len && b->data[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
	buf_puts(b, "\n\n");
}

/* A paragraph: a sentence of lead (unless NULL), then one or two of more. */
static void para(struct gen *g, struct buf *b, const struct df_list *lead, const struct df_list *more, struct said *s)
{
	if (lead)
		say_any(g, b, lead, s);
	for (int i = 0, n = 1 + pick(2); i < n; i++)
		say_any(g, b, more, s);
	end_para(b);
}

/* ---- Items ---- */

static int pick_kind(struct gen *g)
{
	const int *mix = g->mix[g->ckind[g->org]];
	int r = pick(100);

	for (int k = 0; k < NKINDS; k++) {
		if (r < mix[k])
			return k;
		r -= mix[k];
	}
	return K_TOPIC;
}

static int topic_named(struct gen *g, const char *title, int otherwise)
{
	int t = df_list_find(g->l[TOPICS], 0, title);

	return t >= 0 ? t : otherwise;
}

/* Choose the next item's kind, topic, town and title template. */
static void item_setup(struct gen *g)
{
	const struct df_list *l;
	int fl, i;

	g->kind = pick_kind(g);
	g->topic = g->ctopic[g->org][zipf(g->nctopic[g->org])];
	g->town = zipf(g->l[TOWNS]->n);
	g->prem = zipf(g->l[PREMISES]->n);
	g->lead_tpl = NULL;
	fl = g->tflags[g->topic];
	if (g->kind == K_LICENCE || g->kind == K_TAXI) {
		l = g->l[g->kind == K_TAXI ? TAXI_CASES : LIC_CASES];
		i = g->kind == K_TAXI ? pick(l->n) : zipf(l->n);
		g->title_tpl = F(l, i, 0);
		g->lead_tpl = F(l, i, 1);
	} else if (g->kind == K_PETITION) {
		l = g->l[PETITIONS];
		i = pick(l->n);
		g->title_tpl = F(l, i, 0);
		g->topic = topic_named(g, F(l, i, 1), g->topic);
	} else if (g->kind == K_MOTION) {
		g->title_tpl = upick(g->kinds[K_MOTION].title);
		g->motion = pick(g->l[MOTIONS]->n);
		if (strstr(g->title_tpl, "{w}"))
			g->topic = topic_named(g, F(g->l[MOTIONS], g->motion, 1), g->topic);
	} else if (g->kind == K_TOPIC && (fl & TF_ROAD) && pick(4) == 0) {
		g->title_tpl = upick(g->l[T_ROAD]);
	} else if (g->kind == K_TOPIC && (fl & TF_PLACE) && pick(3) == 0) {
		g->title_tpl = upick(g->l[T_PLACE]);
	} else {
		g->title_tpl = upick(g->kinds[g->kind].title);
	}
}

/* How many recommendations an item of this kind makes: one decision on
 * a case, two or three on a report. */
static int nrecs(int kind)
{
	return kind == K_PLAN || kind == K_LICENCE || kind == K_TAXI || kind == K_MOTION ? 1 : 2 + pick(2);
}

static void item_description(struct gen *g, struct buf *b)
{
	const struct kind_text *k = &g->kinds[g->kind];
	struct said s = { .n = 0 };

	if (g->lead_tpl)
		say(g, b, g->lead_tpl);
	para(g, b, g->lead_tpl ? NULL : k->dlead, k->dmore, &s);
	if (pick(5) == 0) {
		buf_puts(b, "Recommendations:\n\n");
		say_list(g, b, k->res, nrecs(g->kind), 0);
	}
}

static void item_minutes(struct gen *g, struct buf *b)
{
	const struct kind_text *k = &g->kinds[g->kind];
	struct said s = { .n = 0 };
	int nres;

	para(g, b, k->mlead, k->mmore, &s);
	if (pick(3) == 0)
		para(g, b, NULL, k->mmore, &s);
	nres = nrecs(g->kind);
	if (nres == 1 || pick(4)) {
		buf_puts(b, "RESOLVED: ");
		say_any(g, b, k->res, &s);
		end_para(b);
		return;
	}
	buf_puts(b, "RESOLVED:\n\n");
	say_list(g, b, k->res, nres, 1);
}
/* ---- The agenda pack ---- */

/* The slots of the documents' layouts that are named in words
 * (layouts.txt): 0, or -1 for no such slot. */
static int worded(struct gen *g, const char *name, struct buf *b)
{
	const struct kind_text *k = &g->kinds[g->kind];
	struct said s = { .n = 0 };

#define IS(x) (strcmp(name, x) == 0)
	if (IS("COMMITTEE"))
		buf_puts(b, F(g->l[COMMITTEES], g->org, 0));
	else if (IS("WHEN") || IS("DAY"))
		date_put_day(b, g->day, IS("WHEN"));
	else if (IS("TIME"))
		buf_printf(b, "%d.00 %s", g->hour > 12 ? g->hour - 12 : g->hour, g->hour >= 12 ? "pm" : "am");
	else if (IS("VENUE"))
		buf_puts(b, F(g->l[VENUES], g->org % g->l[VENUES]->n, 0));
	else if (IS("NAME"))
		put_name(g, b);
	else if (IS("PHONE"))
		buf_printf(b, "%04d", pick(10000));
	else if (IS("MONTH"))
		buf_puts(b, date_month_names[1 + pick(12)]);
	else if (IS("AGENDA"))
		for (int i = 0; i < g->nitems; i++)
			buf_printf(b, "%d. %s\n", i + 1, g->ititle[i].data ? g->ititle[i].data : "");
	else if (IS("TITLE"))
		buf_puts(b, g->ititle[g->item].data ? g->ititle[g->item].data : "");
	else if (IS("SUMMARY") || IS("BACKGROUND"))
		para(g, b, IS("SUMMARY") ? k->dlead : NULL, k->dmore, &s);
	else if (IS("RECOMMENDATIONS"))
		say_list(g, b, k->res, nrecs(g->kind), 0);
	else if (IS("FINANCE") || IS("LEGAL") || IS("RISK")) {
		if (IS("RISK")) {
			say_any(g, b, g->l[S_RISK], &s);
			say_any(g, b, g->l[S_RISK], &s);
		} else {
			say(g, b, upick(g->l[IS("FINANCE") ? S_FIN : S_LEGAL]));
		}
		end_para(b);
	} else if (IS("PROGRAMME")) {
		for (int i = 0, n = 6 + pick(5), first = pick(g->nctopic[g->org]); i < n && i < g->nctopic[g->org]; i++) {
			g->topic = g->ctopic[g->org][(first + i) % g->nctopic[g->org]];
			expand(g, b, g->layout[LAY_LINE]);
		}
	} else {
		return -1;
	}
#undef IS
	return 0;
}

/* One page of the officer report on item i: part 0 opens it, part 1 ends it. */
static void report_page(struct gen *g, struct buf *b, int i, int part)
{
	g->item = i;
	g->topic = g->itopic[i];
	g->town = g->itown[i];
	g->kind = g->ikind[i];
	g->prem = g->iprem[i];
	g->lead_tpl = NULL;
	expand(g, b, g->layout[part ? LAY_CLOSING : LAY_OPENING]);
}

/* The item of business after item i, round the agenda (there is always
 * one: items 4 or 5 on are business). */
static int next_business(const struct gen *g, int i, int nitems)
{
	for (int k = 1; k <= nitems; k++) {
		int j = (i + k) % nitems;
		if (g->itopic[j] >= 0)
			return j;
	}
	return i;
}

/* ---- Documents in more than the agenda pack ---- */

/* An item's appendix and a committee's work programme are drawn from a
 * random stream of their own, so that adding them left the rest of the
 * record (items, minutes, packs) as it was for a given seed. */
struct side_stream {
	uint64_t rng;
	int last[128];
};

static void side_enter(struct gen *g, struct side_stream *saved, uint64_t salt)
{
	saved->rng = rng_state;
	memcpy(saved->last, g->last, sizeof(saved->last));
	rng_state = (saved->rng ^ salt) ? saved->rng ^ salt : 1;
}

static void side_leave(struct gen *g, const struct side_stream *saved)
{
	rng_state = saved->rng;
	memcpy(g->last, saved->last, sizeof(saved->last));
}

/* ---- Setup ---- */

/* A document of one page of text (its bytes the placeholder PDF's). */
static int64_t text_file(struct db *db, const char *title, const char *filename, const char *sha, size_t size,
			 const char *text)
{
	int64_t id = MODEL_INSERT(db, file, T("title", title), T("filename", filename), T("mime_type", "application/pdf"),
		T("sha256", sha), N("size", size), N("page_count", 1));

	return id < 0 || db_file_page_add(db, id, 1, text) < 0 || db_file_text_done(db, id, 1, "done") < 0 ? -1 : id;
}

/* Each committee's topics, the first of each of its areas first, then the
 * second of each, and so on, so that zipf() favours the areas' main topics. */
static void committee_topics(struct gen *g)
{
	for (int c = 0; c < g->ncom; c++) {
		int n = 0;
		for (int rank = 0; n < g->ntopics; rank++) {
			int added = 0;
			for (int a = 0; a < g->nareas; a++) {
				int r = 0;
				if (!(g->careas[c] & (1u << a)))
					continue;
				for (int t = 0; t < g->ntopics; t++) {
					if (g->tarea[t] != a)
						continue;
					if (r++ == rank) {
						g->ctopic[c][n++] = t;
						added = 1;
						break;
					}
				}
			}
			if (!added)
				break;
		}
		g->nctopic[c] = n;
	}
}

/* The paper of item id considered at meeting mid by its committee org,
 * and the decision recorded there if it was held (day: its start, or
 * NULL), with the minutes' text. */
static int gen_decided(struct db *db, int64_t paper, int64_t mid, int64_t id, int64_t org,
		       const char *day, const char *title, const char *minutes)
{
	char on[11];

	if (MODEL_INSERT(db, consultation, N("paper_id", paper), N("meeting_id", mid), N("agenda_item_id", id),
		N("organization_id", org), N("authoritative", 1), T("role", "decision")) < 0)
		return -1;
	if (!day)
		return 0;
	snprintf(on, sizeof(on), "%.10s", day);
	return MODEL_INSERT(db, decision, N("agenda_item_id", id), N("paper_id", paper), N("decision_maker_id", org),
		T("title", title), T("decision_md", minutes), T("decided_on", on), T("effective_from", on),
		N("published", 1), T("kind", "committee"), T("status", "made"), N("key_decision", 0),
		N("call_in", 0)) < 0 ? -1 : 0;
}

int gen_record(struct db *db, struct store *st, const struct gen_opts *opts, char *err, size_t errlen)
{
	static const struct pdf_block blocks[] = { { .kind = PDF_PARA, .text = "Synthetic document: its text is in the record." } };
	struct pdf_doc doc = { .title = "Report", .blocks = blocks, .nblocks = 1, .created = "2020-01-01T00:00:00Z" };
	int64_t body, orgs_id[MAXCOM], people[NPEOPLE], locs[MAXCOM];
	struct buf pdf = BUF_INIT, t = BUF_INIT, md = BUF_INIT, mins = BUF_INIT;
	struct gen *g = calloc(1, sizeof(*g));
	char sha[65], now[17], day[17], fname[32];
	int pages = 0, rc = -1, in_tx = 0, tty = opts->progress && isatty(2);
	int wp_fy[MAXCOM];
	int64_t wp_file[MAXCOM], iid[MAXITEMS];
	long base_day;
	struct civil c;

	if (!g) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	g->tmpl = (struct tmpl){ .value = slot, .ctx = g };
	read_data(g);
	if (g->oom)
		goto oom;
	rng_state = opts->seed ? opts->seed : 1;
	committee_topics(g);
	for (int i = 0; i < MAXCOM; i++) {
		wp_fy[i] = -1;
		wp_file[i] = 0;
	}
	date_now_local(now);
	civil_parse(now, &c);
	base_day = days_from_civil(c.year, c.month, c.day);
	if (pdf_render(&doc, &pdf, &pages) < 0 || store_put(st, pdf.data, pdf.len, sha) < 0) {
		snprintf(err, errlen, "cannot make the placeholder document");
		goto out;
	}
	if (db_begin(db) < 0)
		goto dberr;
	in_tx = 1;
	body = MODEL_INSERT(db, body, T("name", "Synthetic Borough Council"), T("short_name", "Synthetic"));
	if (body < 0)
		goto dberr;
	for (int i = 0; i < g->l[VENUES]->n; i++) {
		if ((locs[i] = MODEL_INSERT(db, location, N("body_id", body), T("name", F(g->l[VENUES], i, 0)))) < 0)
			goto dberr;
	}
	for (int i = 0; i < g->ncom; i++) {
		if ((orgs_id[i] = MODEL_INSERT(db, organization, N("body_id", body), T("name", F(g->l[COMMITTEES], i, 0)),
			T("purpose_md", F(g->l[COMMITTEES], i, 3)))) < 0)
			goto dberr;
	}
	for (int i = 0; i < NPEOPLE; i++) {
		const char *gv, *fm, *party, *ward;
		g->pgiven[i] = (unsigned char)zipf(g->l[GIVEN]->n);
		g->pfamily[i] = (unsigned char)zipf(g->l[FAMILY]->n);
		gv = F(g->l[GIVEN], g->pgiven[i], 0);
		fm = F(g->l[FAMILY], g->pfamily[i], 0);
		party = zpick(g->l[PARTIES]);
		ward = zpick(g->l[WARDS]);
		buf_reset(&t);
		buf_printf(&t, "Councillor %s %s", gv, fm);
		if ((people[i] = MODEL_INSERT(db, person, N("body_id", body), T("name", t.data), T("honorific", "Councillor"),
			T("given_name", gv), T("family_name", fm), T("party", party), T("area", ward))) < 0)
			goto dberr;
		if (MODEL_INSERT(db, membership, N("person_id", people[i]), N("organization_id", orgs_id[i % g->ncom]),
			T("role", i < g->ncom ? "chair" : i < 2 * g->ncom ? "vice_chair" : "member")) < 0)
			goto dberr;
	}
	for (int m = 0; m < opts->meetings; m++) {
		/* Spread over the past, about one meeting a committee a month,
		 * with the last tenth in the future. */
		long d = base_day + ((long)m - (long)opts->meetings * 9 / 10) * 3 / 2 + pick(3);
		int wd, past, nitems = 5 + pick(11), npages = 1 + pick(6), ntail, paper_item = -1;
		int64_t mid, fid, paper = 0;
		char published[24];

		civil_from_days(d, &g->y, &g->mo, &g->dd);
		wd = days_weekday(d);
		if (wd == 0 || wd == 6) {   /* not at weekends: Friday or Monday */
			d += wd == 0 ? 1 : -1;
			civil_from_days(d, &g->y, &g->mo, &g->dd);
		}
		g->org = m % g->ncom;
		g->day = d;
		g->prev = g->prev_day[g->org] ? g->prev_day[g->org] : d - 30;
		g->prev_day[g->org] = d;
		g->fy = date_fy(g->y, g->mo);
		g->hour = 10 + 4 * pick(2);
		snprintf(day, sizeof(day), "%04d-%02d-%02d %02d:00", g->y, g->mo, g->dd, g->hour);
		past = d < base_day;
		{   /* minutes published a week after the meeting */
			int py, pm, pd;
			civil_from_days(d + 7, &py, &pm, &pd);
			snprintf(published, sizeof(published), "%04d-%02d-%02dT16:00:00Z", py, pm, pd);
		}
		mid = MODEL_INSERT(db, meeting, N("organization_id", orgs_id[g->org]),
			N("location_id", locs[g->org % g->l[VENUES]->n]), T("start_at", day),
			T("state", past ? "held" : "scheduled"), T("agenda_status", "published"),
			T("agenda_published_at", "2020-01-01T09:00:00Z"), T("minutes_status", past ? "approved" : "none"),
			T("minutes_published_at", past ? published : NULL));
		if (mid < 0)
			goto dberr;
		/* Three opening items, perhaps public questions, the business,
		 * and perhaps a closing item. */
		ntail = nitems > 6 ? pick(3) : 0;   /* 0: none, 1: work programme, 2: next meeting */
		for (int i = 0; i < nitems; i++) {
			const struct proc_text *pr = NULL;
			char num[8];

			if (i < 3)
				pr = &g->procs[i];
			else if (i == 3 && strcmp(F(g->l[COMMITTEES], g->org, 1), "plan") != 0 && pick(4) == 0)
				pr = &g->procs[PR_QUESTIONS];   /* none at planning committees */
			else if (i == nitems - 1 && ntail)
				pr = &g->procs[ntail == 1 ? PR_WORK : PR_NEXT];
			item_setup(g);
			buf_reset(&g->ititle[i]);
			buf_reset(&md);
			buf_reset(&mins);
			g->itopic[i] = pr ? -1 : g->topic;
			g->itown[i] = g->town;
			g->ikind[i] = g->kind;
			g->iprem[i] = g->prem;
			if (pr) {
				buf_puts(&g->ititle[i], pr->title);
				expand(g, &md, pr->desc);
				expand(g, &mins, pr->mins[pick(pr->nmins)]);
			} else {
				expand(g, &g->ititle[i], g->title_tpl);
				item_description(g, &md);
				if (past)
					item_minutes(g, &mins);
			}
			snprintf(num, sizeof(num), "%d", i + 1);
			if (md.err || mins.err || g->ititle[i].err)
				goto oom;
			/* The first item of business has its report as a paper
			 * (an issue), considered here and, once held, decided. */
			if (!pr && paper_item < 0) {
				char ref[32];
				snprintf(ref, sizeof(ref), "SYN-%04d-%05d", g->y, m + 1);
				if ((paper = MODEL_INSERT(db, paper, N("body_id", body), N("decision_maker_id", orgs_id[g->org]),
					T("reference", ref), T("title", g->ititle[i].data), T("kind", "report"),
					T("description_md", md.data))) < 0)
					goto dberr;
				paper_item = i;
			}
			if ((iid[i] = MODEL_INSERT(db, agenda_item, N("meeting_id", mid), N("position", i + 1), T("number", num),
				T("title", g->ititle[i].data), T("kind", pr ? pr->kind : "item"),
				N("paper_id", i == paper_item ? paper : 0), T("description_md", md.data),
				T("minutes_md", past ? mins.data : NULL))) < 0)
				goto dberr;
			if (i == paper_item && gen_decided(db, paper, mid, iid[i], orgs_id[g->org], past ? day : NULL,
							   g->ititle[i].data, mins.data) < 0)
				goto dberr;
		}
		/* The work programme on its item, the same document all year; and
		 * one meeting in four, an appendix to the first item of business
		 * (on that item alone). */
		if (ntail == 1) {
			struct side_stream side;
			if (wp_fy[g->org] != g->fy) {
				side_enter(g, &side, 0x5757u + (uint64_t)m);
				buf_reset(&md);
				expand(g, &md, g->layout[LAY_PROGRAMME]);   /* the committee's work programme for the year */
				side_leave(g, &side);
				buf_reset(&t);
				buf_puts(&t, "Work Programme ");
				date_put_fy(&t, g->fy);
				snprintf(fname, sizeof(fname), "work-programme-%d.pdf", g->fy);
				if (md.err || t.err)
					goto oom;
				if ((wp_file[g->org] = text_file(db, t.data, fname, sha, pdf.len, md.data)) < 0)
					goto dberr;
				wp_fy[g->org] = g->fy;
			}
			if (MODEL_INSERT(db, file_link, N("file_id", wp_file[g->org]), N("agenda_item_id", iid[nitems - 1]),
				T("role", "appendix")) < 0)
				goto dberr;
		}
		if (m % 4 == 0) {
			struct side_stream side;
			int i = next_business(g, nitems - 1, nitems);
			int64_t aid;
			side_enter(g, &side, 0xa99eu + (uint64_t)m);
			buf_reset(&md);
			report_page(g, &md, i, 0);
			side_leave(g, &side);
			if (md.err)
				goto oom;
			if ((aid = text_file(db, "Appendix A", "appendix-a.pdf", sha, pdf.len, md.data)) < 0 ||
			    MODEL_INSERT(db, file_link, N("file_id", aid), N("agenda_item_id", iid[i]), T("role", "appendix")) < 0)
				goto dberr;
		}
		fid = MODEL_INSERT(db, file, T("title", "Agenda reports pack"), T("filename", "agenda-pack.pdf"),
			T("mime_type", "application/pdf"), T("sha256", sha), N("size", pdf.len), N("page_count", npages));
		if (fid < 0 || MODEL_INSERT(db, file_link, N("file_id", fid), N("meeting_id", mid), T("role", "agenda_pack")) < 0)
			goto dberr;
		/* Page 1 the front sheet, then two pages a report, in agenda
		 * order from the first item of business. */
		for (int p = 1, i = 0; p <= npages; p++) {
			buf_reset(&md);
			if (p == 1) {
				g->nitems = nitems;
				expand(g, &md, g->layout[LAY_FRONT]);
			} else {
				if (p % 2 == 0)
					i = next_business(g, i, nitems);
				report_page(g, &md, i, p % 2);
			}
			if (md.err)
				goto oom;
			if (db_file_page_add(db, fid, p, md.data) < 0)
				goto dberr;
		}
		if (db_file_text_done(db, fid, npages, "done") < 0)
			goto dberr;
		if ((m + 1) % 200 == 0) {
			if (db_commit(db) < 0 || db_begin(db) < 0)
				goto dberr;
			if (tty)
				fprintf(stderr, "\rwitan: generating: %d of %d meetings (%d%%)", m + 1, opts->meetings,
					(m + 1) * 100 / opts->meetings);
		}
	}
	if (db_commit(db) < 0)
		goto dberr;
	in_tx = 0;
	if (tty)
		fprintf(stderr, "\rwitan: generating: %d of %d meetings (100%%)\n", opts->meetings, opts->meetings);
	rc = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
	goto out;
dberr:
	snprintf(err, errlen, "%s", db->err);
out:
	if (in_tx && rc < 0)
		db_rollback(db);
	buf_release(&pdf);
	buf_release(&t);
	buf_release(&md);
	buf_release(&mins);
	for (int i = 0; i < MAXITEMS; i++)
		buf_release(&g->ititle[i]);
	release_data(g);
	free(g);
	return rc;
}
