/* fts_direct.c: the search benchmark's baselines (see bench/search.sh).
 *
 * Runs each query of a file, one a line in the site's search syntax,
 * directly against search_fts of a witan database, without the server:
 *
 *   (default)  the site's statements: exactly the sequence pub_search()
 *              (src/db/search.c) runs for /search?q=QUERY with no filters,
 *              relevance order, page 1 (limit 20, offset 0):
 *                1. the count, stopped after SEARCH_COUNT_MAX + 1 matches;
 *                2. if there are more than SEARCH_RANK_WINDOW, the rowid of
 *                   the SEARCH_RANK_WINDOW-th most recent match, which
 *                   becomes the lower rowid bound;
 *                3. the top 20 rowids by bm25(search_fts, 10, 1, 0) within
 *                   the bounds;
 *                4. for each, the per-hit statement (kind, snippet(), the
 *                   file name and committee subqueries, the visibility
 *                   check against the pub_* views), stepped once.
 *              Same SQL text, same bindings, statements prepared once and
 *              reset and rebound on every use as the server's statement
 *              cache does.  What HTTP adds over this is the server itself:
 *              parsing, routing, the rest of the page, HTML, the socket.
 *   --naive    plain FTS5 as a programmer would first write it: the top 20
 *              by bm25 over every match, with snippets, and count(*) of
 *              every match.  No bounds, no visibility checks, no joins.
 *
 *   cc -O2 -DSEARCH_COUNT_MAX=10000 -DSEARCH_RANK_WINDOW=5000 \
 *      bench/fts_direct.c -lsqlite3 -o fts_direct
 *   fts_direct [--naive] [-r RUNS] [-w WARMUP] [-v] DB QUERIES
 *
 * bench/search.sh takes the two constants from src/db/search.h.  Each query
 * runs WARMUP times untimed, then RUNS times timed (CLOCK_MONOTONIC around
 * the whole sequence of statements).  Output, tab-separated:
 *
 *   # ...                             the mode and how search_fts was read
 *   query  N  MEDIAN_MS  COUNT  TEXT   one a query (-v adds the MATCH text);
 *                                     COUNT: the site's total (counted up to
 *                                     SEARCH_COUNT_MAX + 1), or with --naive
 *                                     every match
 *   all    p50  MS                    over all query x run samples
 *   all    p95  MS
 *
 * Percentiles are nearest-rank (the ceil(p*n)-th smallest sample), as in
 * bench/search.sh.
 *
 * The user syntax becomes FTS5 as the site's search_query()
 * (src/web/search.c) makes it, copied here: words (runs of letters, digits
 * and non-ASCII bytes) are quoted, a "phrase" is its words as one quoted
 * string, word* a prefix, OR between two terms is OR, -word or -"phrase"
 * where a word starts leaves out what has it:
 *   housing -"social care"   =>  ("housing") NOT "social care"
 *   parking OR "car parks"   =>  ("parking" OR "car parks")
 * and, as pub_search() does, the terms are kept to title and body:
 *   {title body} : (EXPR)
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if !defined(SEARCH_COUNT_MAX) || !defined(SEARCH_RANK_WINDOW)
#error "compile with -DSEARCH_COUNT_MAX=... -DSEARCH_RANK_WINDOW=... from src/db/search.h (bench/search.sh does)"
#endif

#define PER_PAGE 20 /* src/web/search.c: page 1 is limit 20, offset 0 */

struct str {
	char *p;
	size_t len, cap;
};

static void put(struct str *s, const char *p, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->p = realloc(s->p, s->cap);
		if (!s->p) {
			perror("fts_direct");
			exit(1);
		}
	}
	memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = 0;
}

static void puts_(struct str *s, const char *p)
{
	put(s, p, strlen(p));
}

static void putc_(struct str *s, char c)
{
	put(s, &c, 1);
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* s[0..n) as one FTS5 string, quotes doubled. */
static void quoted(struct str *out, const char *s, size_t n)
{
	putc_(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			putc_(out, '"');
		putc_(out, s[i]);
	}
	putc_(out, '"');
}

/* The FTS5 expression of a query in the site's syntax: search_query() of
 * src/web/search.c, line for line.  Returns the number of positive terms
 * (0: the site runs no search). */
static int to_fts(const char *in, struct str *out)
{
	struct str pos = { 0 }, neg = { 0 };
	const char *p = in;
	int npos = 0, pending_or = 0;

	while (*p) {
		int negative = 0;
		struct str term = { 0 };

		/* A '-' starts an exclusion only at the start of a word. */
		while (*p && !word_byte((unsigned char)*p) && *p != '"' &&
		       !(*p == '-' && (p == in || !word_byte((unsigned char)p[-1]))))
			p++;
		if (!*p)
			break;
		if (*p == '-') {
			negative = 1;
			p++;
			if (!*p || (!word_byte((unsigned char)*p) && *p != '"'))
				continue;
		}
		if (*p == '"') {
			const char *start = ++p, *end = strchr(p, '"');
			size_t n = end ? (size_t)(end - start) : strlen(start);
			struct str words = { 0 }; /* the phrase's words, one quoted string */
			for (size_t i = 0; i < n; i++) {
				unsigned char c = (unsigned char)start[i];
				if (word_byte(c))
					putc_(&words, (char)c);
				else if (words.len && words.p[words.len - 1] != ' ')
					putc_(&words, ' ');
			}
			if (words.len)
				quoted(&term, words.p, words.len);
			free(words.p);
			p = end ? end + 1 : start + n;
		} else {
			const char *start = p;
			while (*p && word_byte((unsigned char)*p))
				p++;
			if ((size_t)(p - start) == 2 && strncmp(start, "OR", 2) == 0 && !negative) {
				pending_or = npos > 0;
				continue;
			}
			quoted(&term, start, (size_t)(p - start));
			if (*p == '*') {
				putc_(&term, '*');
				p++;
			}
		}
		if (term.len) {
			if (negative) {
				puts_(&neg, " NOT ");
				put(&neg, term.p, term.len);
			} else {
				if (npos)
					puts_(&pos, pending_or ? " OR " : " AND ");
				put(&pos, term.p, term.len);
				npos++;
			}
		}
		pending_or = 0;
		free(term.p);
	}
	if (npos) {
		puts_(out, "(");
		put(out, pos.p ? pos.p : "", pos.len);
		puts_(out, ")");
		put(out, neg.p ? neg.p : "", neg.len);
	}
	free(pos.p);
	free(neg.p);
	return npos;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest rank: the ceil(p*n)-th smallest of v[0..n) (sorts v). */
static double pct(double *v, size_t n, double p)
{
	size_t k;

	qsort(v, n, sizeof(*v), cmp_double);
	k = (size_t)(p * (double)n);
	if ((double)k < p * (double)n)
		k++;
	return v[k ? k - 1 : 0];
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts_direct: %s\n  in %s\n", sqlite3_errmsg(db), sql);
		exit(1);
	}
	return s;
}

/* What db_stmt() does on a statement-cache hit. */
static sqlite3_stmt *reuse(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

/* The site's statements, SQL text copied from pub_search(). */
static const char *const SQL_COUNT =
	"SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1"
	" AND rowid BETWEEN ?2 AND ?3 LIMIT ?4)";
static const char *const SQL_WINDOW =
	"SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
	" ORDER BY rowid DESC LIMIT 1 OFFSET ?4";
static const char *const SQL_RANK =
	"SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
	" ORDER BY bm25(search_fts, 10.0, 1.0, 0.0) LIMIT ?4 OFFSET ?5";
static const char *const SQL_HIT =
	"SELECT d.kind, d.ref_id, d.meeting_id, d.page, search_fts.title,"
	" snippet(search_fts, 1, char(1), char(2), '…', 16), d.at,"
	" (SELECT filename FROM file WHERE d.kind = 'document' AND id = d.ref_id), d.item_id,"
	" (SELECT name FROM pub_organization WHERE id = d.organization_id),"
	" CASE d.kind"
	"  WHEN 'meeting' THEN EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = d.ref_id)"
	"  WHEN 'item' THEN EXISTS (SELECT 1 FROM pub_agenda_item i WHERE i.id = d.ref_id)"
	"  WHEN 'minutes' THEN EXISTS (SELECT 1 FROM pub_agenda_item i WHERE i.id = d.ref_id"
	"   AND i.exempt = 0 AND (i.minutes_html IS NOT NULL OR i.decision_html IS NOT NULL))"
	"  WHEN 'document' THEN EXISTS (SELECT 1 FROM pub_file f WHERE f.id = d.ref_id)"
	"  WHEN 'committee' THEN EXISTS (SELECT 1 FROM pub_organization o WHERE o.id = d.ref_id)"
	"  WHEN 'person' THEN EXISTS (SELECT 1 FROM pub_person p WHERE p.id = d.ref_id)"
	"  ELSE 0 END"
	" FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid"
	" WHERE search_fts MATCH ?1 AND search_fts.rowid = ?2";

struct stmts {
	sqlite3_stmt *count, *window, *rank, *hit; /* the site's */
	sqlite3_stmt *top, *all;                   /* --naive */
};

static long fail(sqlite3 *db, const char *expr)
{
	fprintf(stderr, "fts_direct: %s\n  for %s\n", sqlite3_errmsg(db), expr);
	return -1;
}

/* One run of pub_search() for page 1 by relevance, no filters.  Returns
 * the total as the site counts it, or -1 on an error; *shown gets the
 * number of hits that passed the visibility check. */
static long run_site(sqlite3 *db, const struct stmts *st, const char *m, int *shown)
{
	int64_t lo = 0, hi = INT64_MAX, rowids[PER_PAGE];
	int total, n = 0, limit = PER_PAGE, offset = 0, window;
	sqlite3_stmt *s;

	*shown = 0;
	/* 1. How many (counting stops past SEARCH_COUNT_MAX). */
	s = reuse(st->count);
	sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	sqlite3_bind_int(s, 4, SEARCH_COUNT_MAX + 1);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return fail(db, m);
	}
	total = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (total == 0 || offset >= total)
		return total;
	/* 2. The rank window: the most recent SEARCH_RANK_WINDOW matches. */
	window = offset + limit > SEARCH_RANK_WINDOW ? offset + limit : SEARCH_RANK_WINDOW;
	if (total > window) {
		s = reuse(st->window);
		sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, lo);
		sqlite3_bind_int64(s, 3, hi);
		sqlite3_bind_int(s, 4, window - 1);
		if (sqlite3_step(s) == SQLITE_ROW)
			lo = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	/* 3. The page's rowids by bm25 within the window. */
	s = reuse(st->rank);
	sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	sqlite3_bind_int(s, 4, limit);
	sqlite3_bind_int(s, 5, offset);
	while (n < limit && sqlite3_step(s) == SQLITE_ROW)
		rowids[n++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	/* 4. Each hit, its columns read as put_hit_html() would get them. */
	s = reuse(st->hit);
	for (int i = 0; i < n; i++) {
		int step;

		sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, rowids[i]);
		step = sqlite3_step(s);
		if (step == SQLITE_ROW && sqlite3_column_int64(s, 10)) {
			/* (the struct search_hit pub_search() fills in) */
			static const int text_col[] = { 0, 4, 5, 6, 7, 9 }, int_col[] = { 1, 2, 3, 8 };
			volatile int64_t sum = 0;
			for (size_t c = 0; c < sizeof(text_col) / sizeof(text_col[0]); c++) {
				volatile const unsigned char *v = sqlite3_column_text(s, text_col[c]);
				(void)v;
			}
			for (size_t c = 0; c < sizeof(int_col) / sizeof(int_col[0]); c++)
				sum += sqlite3_column_int64(s, int_col[c]);
			(*shown)++;
		}
		sqlite3_reset(s);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return fail(db, m);
	}
	return total;
}

/* One naive run: the top 20 by bm25 of every match with snippets, then
 * count(*) of every match.  Returns the count, or -1 on an error. */
static long run_naive(sqlite3 *db, const struct stmts *st, const char *expr)
{
	long n = -1;
	int rc;

	sqlite3_bind_text(st->top, 1, expr, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st->top)) == SQLITE_ROW) {
		volatile const unsigned char *snip = sqlite3_column_text(st->top, 1);
		(void)snip;
	}
	sqlite3_reset(st->top);
	if (rc != SQLITE_DONE)
		return fail(db, expr);
	sqlite3_bind_text(st->all, 1, expr, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st->all)) == SQLITE_ROW)
		n = sqlite3_column_int64(st->all, 0);
	sqlite3_reset(st->all);
	return rc == SQLITE_ROW ? n : fail(db, expr);
}

static void usage(void)
{
	fprintf(stderr, "usage: fts_direct [--naive] [-r RUNS] [-w WARMUP] [-v] DB QUERIES\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = 20, warm = 2, verbose = 0, naive = 0, ncols, i, shown = 0;
	const char *dbpath, *qpath;
	char sql[512], line[1024];
	sqlite3 *db;
	sqlite3_stmt *s;
	struct stmts st = { 0 };
	FILE *f;
	double *all = NULL, *one;
	size_t nall = 0, nq = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc)
			warm = atoi(argv[++i]);
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "--naive") == 0)
			naive = 1;
		else
			usage();
	}
	if (argc - i != 2 || runs < 1 || warm < 0)
		usage();
	dbpath = argv[i];
	qpath = argv[i + 1];
	/* (As witan serve opens it, but read-only: no other pragma matters
	 * to these reads.) */
	if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts_direct: %s: %s\n", dbpath, sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_busy_timeout(db, 5000);
	s = prepare(db, "SELECT * FROM search_fts LIMIT 0");
	ncols = sqlite3_column_count(s);
	sqlite3_finalize(s);
	if (naive ? ncols != 2 && ncols != 3 : ncols != 3) {
		fprintf(stderr, "fts_direct: search_fts has %d columns; expected %s\n", ncols,
			naive ? "2 (title, body) or 3 (+ tags)" : "3 (title, body, tags), as this witan's schema has");
		return 1;
	}
	if (naive) {
		snprintf(sql, sizeof(sql),
			 "SELECT rowid, snippet(search_fts, -1, '<mark>', '</mark>', '…', 16) FROM search_fts"
			 " WHERE search_fts MATCH ?1 ORDER BY bm25(search_fts, %s) LIMIT 20",
			 ncols == 3 ? "10.0, 1.0, 0.0" : "10.0, 1.0");
		st.top = prepare(db, sql);
		st.all = prepare(db, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1");
		printf("# naive: top 20 by bm25 (%s) of every match with snippet(), and count(*) of every match;"
		       " %d runs after %d warm-up\n",
		       ncols == 3 ? "10,1,0; terms kept to {title body}" : "10,1", runs, warm);
	} else {
		st.count = prepare(db, SQL_COUNT);
		st.window = prepare(db, SQL_WINDOW);
		st.rank = prepare(db, SQL_RANK);
		st.hit = prepare(db, SQL_HIT);
		printf("# same statements as pub_search() (page 1, relevance, no filters): count up to %d,"
		       " rank window %d, top %d by bm25 (10,1,0), per-hit statement x %d; %d runs after %d warm-up\n",
		       SEARCH_COUNT_MAX + 1, SEARCH_RANK_WINDOW, PER_PAGE, PER_PAGE, runs, warm);
	}

	if (!(f = fopen(qpath, "r"))) {
		perror(qpath);
		return 1;
	}
	one = malloc(sizeof(*one) * (size_t)runs);
	if (!one)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		struct str expr = { 0 }, e = { 0 };
		long count = 0;

		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		nq++; /* numbered as the script numbers them, run or not */
		if (!to_fts(line, &e)) {
			fprintf(stderr, "fts_direct: no terms to search for in: %s\n", line);
			free(e.p);
			continue;
		}
		if (ncols == 3) { /* match_expr() of src/db/search.c */
			puts_(&expr, "{title body} : (");
			put(&expr, e.p, e.len);
			puts_(&expr, ")");
		} else {
			put(&expr, e.p, e.len);
		}
		free(e.p);
		for (int r = -warm; r < runs; r++) {
			double t0 = now_ms();
			count = naive ? run_naive(db, &st, expr.p) : run_site(db, &st, expr.p, &shown);
			if (r >= 0)
				one[r] = now_ms() - t0;
			if (count < 0)
				return 1;
		}
		all = realloc(all, sizeof(*all) * (nall + (size_t)runs));
		if (!all)
			return 1;
		memcpy(all + nall, one, sizeof(*one) * (size_t)runs);
		nall += (size_t)runs;
		printf("query\t%zu\t%.3f\t%ld\t%s", nq, pct(one, (size_t)runs, 0.5), count, line);
		if (verbose) {
			printf("\t%s", expr.p);
			if (!naive)
				printf("\t%d shown", shown);
		}
		putchar('\n');
		free(expr.p);
	}
	fclose(f);
	if (!nall) {
		fprintf(stderr, "fts_direct: no queries in %s\n", qpath);
		return 1;
	}
	printf("all\tp50\t%.3f\n", pct(all, nall, 0.50));
	printf("all\tp95\t%.3f\n", pct(all, nall, 0.95));
	sqlite3_finalize(st.count);
	sqlite3_finalize(st.window);
	sqlite3_finalize(st.rank);
	sqlite3_finalize(st.hit);
	sqlite3_finalize(st.top);
	sqlite3_finalize(st.all);
	sqlite3_close(db);
	free(all);
	free(one);
	return 0;
}
