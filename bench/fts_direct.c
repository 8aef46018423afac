/* fts_direct.c: the search benchmark's baselines (see bench/search.sh).
 *
 * Runs each query of a file, one a line in the site's search syntax,
 * directly against a witan database, without the server:
 *
 *   (default)  the server's own search code, called directly: the query
 *              made into FTS5 by search_query() (src/web/search.c), then
 *              pub_search() (src/db/search.c) for /search?q=QUERY with no
 *              filters, relevance order, page 1 (limit 20, offset 0), on
 *              a connection opened as the server opens its public one
 *              (db_open, DB_PUBLIC: its page cache; read-only; its
 *              statement cache kept between runs).  Every statement the
 *              page's search runs, nothing else: what HTTP adds over this
 *              is the server itself (parsing, routing, the rest of the
 *              page, HTML, the socket).
 *   --naive    plain FTS5 as a programmer would first write it: the top 20
 *              by FTS5's bm25(search_fts, 10, 1, 0) over every match, with
 *              snippets, and count(*) of every match.  No bounds, no
 *              visibility checks, no joins.
 *
 *   make build/obj/bench/fts_direct     (bench/search.sh does)
 *   fts_direct [--naive] [-r RUNS] [-w WARMUP] [-v] DB QUERIES
 *
 * Each query runs WARMUP times untimed, then RUNS times timed
 * (CLOCK_MONOTONIC around the whole search).  Output, tab-separated:
 *
 *   # ...                             the mode
 *   query  N  MEDIAN_MS  COUNT  TEXT   one a query (-v adds the MATCH text);
 *                                     COUNT: the results as the site shows
 *                                     them ("~3200" for "about 3200"), or
 *                                     with --naive every match
 *   all    p50  MS                    over all query x run samples
 *   all    p95  MS
 *
 * Percentiles are nearest-rank (the ceil(p*n)-th smallest sample), as in
 * bench/search.sh.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/search.h"
#include "util/buf.h"
#include "web/web.h"

#define PER_PAGE 20 /* src/web/search.c: page 1 is limit 20, offset 0 */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
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

/* Each hit's strings read, as the page would read them. */
static int touch_hit(void *ctx, const struct search_hit *h)
{
	volatile size_t n = strlen(h->title) + strlen(h->snippet) + strlen(h->kind);
	(void)n;
	++*(int *)ctx;
	return 0;
}

/* One run of the page's search.  Returns the number of results as the
 * site shows it (*approx: 1 when it says "about"), or -1 on an error;
 * *shown gets the results passed to the page. */
static long run_site(struct db *db, const char *fts, int *shown, int *approx)
{
	struct search_params p = { .fts = fts, .limit = PER_PAGE };
	struct search_total total;

	*shown = 0;
	if (pub_search(db, &p, &total, touch_hit, shown) < 0) {
		fprintf(stderr, "fts_direct: %s\n  for %s\n", db->err, fts);
		return -1;
	}
	search_total_round(&total);
	*approx = total.approximate;
	return total.results;
}

struct naive {
	sqlite3 *h;
	sqlite3_stmt *top, *all;
};

/* One naive run: the top 20 by bm25 of every match with snippets, then
 * count(*) of every match.  Returns the count, or -1 on an error. */
static long run_naive(struct naive *nv, const char *expr)
{
	long n = -1;
	int rc;

	sqlite3_bind_text(nv->top, 1, expr, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(nv->top)) == SQLITE_ROW) {
		volatile const unsigned char *snip = sqlite3_column_text(nv->top, 1);
		(void)snip;
	}
	sqlite3_reset(nv->top);
	if (rc == SQLITE_DONE) {
		sqlite3_bind_text(nv->all, 1, expr, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(nv->all)) == SQLITE_ROW)
			n = sqlite3_column_int64(nv->all, 0);
		sqlite3_reset(nv->all);
	}
	if (n < 0)
		fprintf(stderr, "fts_direct: %s\n  for %s\n", sqlite3_errmsg(nv->h), expr);
	return n;
}

static sqlite3_stmt *prepare(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts_direct: %s\n  in %s\n", sqlite3_errmsg(h), sql);
		exit(1);
	}
	return s;
}

static void usage(void)
{
	fprintf(stderr, "usage: fts_direct [--naive] [-r RUNS] [-w WARMUP] [-v] DB QUERIES\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = 20, warm = 2, verbose = 0, naive = 0, i, shown = 0, approx = 0;
	const char *qpath;
	char line[1024];
	struct db db;
	struct naive nv = { 0 };
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
	qpath = argv[i + 1];
	if (db_open(&db, argv[i], DB_READONLY | DB_PUBLIC) < 0) {
		fprintf(stderr, "fts_direct: %s\n", db.err);
		return 1;
	}
	if (naive) {
		nv.h = db.h;
		nv.top = prepare(db.h, "SELECT rowid, snippet(search_fts, -1, '<mark>', '</mark>', '…', 16)"
				 " FROM search_fts WHERE search_fts MATCH ?1 ORDER BY bm25(search_fts, 10.0, 1.0, 0.0)"
				 " LIMIT 20");
		nv.all = prepare(db.h, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1");
		printf("# naive: top 20 by FTS5's bm25 (10,1,0; terms kept to {title body}) of every match with"
		       " snippet(), and count(*) of every match; %d runs after %d warm-up\n", runs, warm);
	} else {
		printf("# the server's search code called directly (search_query() and pub_search(), page 1,"
		       " relevance, no filters): matches walked up to %d, results known for %d and estimated"
		       " beyond, rank window %d, top %d results with snippets; %d runs after %d warm-up\n",
		       SEARCH_COUNT_MAX + 1, SEARCH_GROUP_EXACT, SEARCH_RANK_WINDOW, PER_PAGE, runs, warm);
	}

	if (!(f = fopen(qpath, "r"))) {
		perror(qpath);
		return 1;
	}
	one = malloc(sizeof(*one) * (size_t)runs);
	if (!one)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		struct buf fts = BUF_INIT, expr = BUF_INIT;
		long count = 0;

		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		nq++; /* numbered as the script numbers them, run or not */
		if (!search_query(line, &fts)) {
			fprintf(stderr, "fts_direct: no terms to search for in: %s\n", line);
			buf_release(&fts);
			continue;
		}
		buf_printf(&expr, "{title body} : %s", fts.data); /* as match_expr() in src/db/search.c */
		for (int r = -warm; r < runs; r++) {
			double t0 = now_ms();
			count = naive ? run_naive(&nv, expr.data) : run_site(&db, fts.data, &shown, &approx);
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
		printf("query\t%zu\t%.3f\t%s%ld\t%s", nq, pct(one, (size_t)runs, 0.5), !naive && approx ? "~" : "", count,
		       line);
		if (verbose) {
			printf("\t%s", expr.data);
			if (!naive)
				printf("\t%d shown", shown);
		}
		putchar('\n');
		buf_release(&fts);
		buf_release(&expr);
	}
	fclose(f);
	if (!nall) {
		fprintf(stderr, "fts_direct: no queries in %s\n", qpath);
		return 1;
	}
	printf("all\tp50\t%.3f\n", pct(all, nall, 0.50));
	printf("all\tp95\t%.3f\n", pct(all, nall, 0.95));
	sqlite3_finalize(nv.top);
	sqlite3_finalize(nv.all);
	db_close(&db);
	free(all);
	free(one);
	return 0;
}
