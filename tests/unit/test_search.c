/* test_search.c: unit tests for pub_search()'s ranking and paging
 * (src/db/search.c): titles weigh above bodies, more mentions in a
 * shorter text rank higher, a rare word of an OR outranks a common one,
 * the date sort and pages agree with the count, and the ranking is the
 * same as FTS5's own bm25() wherever the query's words are equally
 * common. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "db/db.h"
#include "db/db_int.h"
#include "db/search.h"
#include "util/buf.h"

#define PATH "/tmp/witan-test-search.db"

static void reset_files(void)
{
	unlink(PATH);
	unlink(PATH "-wal");
	unlink(PATH "-shm");
}

/* One published meeting a day from 2024-01-01, one item each, with the
 * title and description given. */
static void add_item(struct db *db, int day, const char *title, const char *body)
{
	sqlite3_stmt *s = db_stmt(db, "INSERT INTO meeting(organization_id, start_at, published, agenda_status)"
				  " VALUES (1, printf('2024-01-%02d 10:00', ?1), 1, 'published')");
	assert_non_null(s);
	sqlite3_bind_int(s, 1, day);
	assert_int_equal(db_step_done(db, s, "meeting"), 0);
	s = db_stmt(db, "INSERT INTO agenda_item(meeting_id, position, title, description_html)"
		    " VALUES (last_insert_rowid(), 1, ?1, ?2)");
	assert_non_null(s);
	bind_text(s, 1, title);
	bind_text(s, 2, body);
	assert_int_equal(db_step_done(db, s, "item"), 0);
}

/* An item with long minutes: a 60-word paragraph mentioning "zebra
 * crossings" after twenty paragraphs of 60 words that don't. */
static void add_long_minutes(struct db *db, int day)
{
	struct buf html = BUF_INIT;
	sqlite3_stmt *s;

	for (int k = 0; k < 20; k++) {
		buf_puts(&html, "<p>");
		for (int w = 0; w < 6; w++)
			buf_puts(&html, "members discussed budgets staffing estates audit risk and procurement at length ");
		buf_puts(&html, "</p>\n");
	}
	buf_puts(&html, "<ul><li>The panel asked for two new zebra crossings outside the primary school, "
		 "with members stressing the concerns of parents and the head teacher about traffic at the "
		 "start and the end of the school day and the need for the highways authority to act before "
		 "the next academic year begins in September.</li></ul>\n");
	add_item(db, day, "Highways update", "The quarterly report.");
	s = db_stmt(db, "UPDATE meeting SET minutes_status = 'published' WHERE id = (SELECT max(id) FROM meeting)");
	assert_int_equal(db_step_done(db, s, "minutes status"), 0);
	s = db_stmt(db, "UPDATE agenda_item SET minutes_html = ?1 WHERE id = (SELECT max(id) FROM agenda_item)");
	bind_text(s, 1, html.data);
	assert_int_equal(db_step_done(db, s, "minutes"), 0);
	buf_release(&html);
}

static int setup(void **state)
{
	static struct db db;

	reset_files();
	assert_int_equal(db_open(&db, PATH, DB_CREATE), 0);
	assert_int_equal(db_begin(&db), 0);
	assert_int_equal(db_exec(&db, "INSERT INTO body(name) SELECT 'Test Council' WHERE NOT EXISTS (SELECT 1 FROM body);"
				 "INSERT INTO organization(id, body_id, name) VALUES (1, (SELECT min(id) FROM body), 'Board')"), 0);
	/* Oldest first: where scores tie, the newer ranks first, so each row
	 * that must come first is older than the rows it must beat. */
	add_item(&db, 1, "Speed cameras on the ring road", "A report on enforcement.");
	add_item(&db, 2, "Traffic", "Speed cameras.");
	add_item(&db, 3, "Road safety", "The panel heard about speed cameras once, among many other"
		 " matters of highways, budgets, staffing, estates, procurement, audit and risk.");
	add_item(&db, 4, "Parking", "Speed cameras, speed cameras and more speed cameras.");
	add_item(&db, 5, "Culture", "Plans for the museum and the gallery.");
	add_item(&db, 6, "Service", "Plans for the libraries and the gallery.");
	add_item(&db, 7, "Service", "Plans for the libraries and the gallery.");
	add_item(&db, 8, "Service", "Plans for the libraries and the gallery.");
	for (int d = 9; d <= 28; d++) { /* mentions and lengths that differ */
		char body[256];
		size_t n = (size_t)snprintf(body, sizeof(body), "Allotments rents");
		for (int k = 0; k < d % 5; k++)
			n += (size_t)snprintf(body + n, sizeof(body) - n, " and waiting lists");
		for (int k = 0; k < d % 3; k++)
			n += (size_t)snprintf(body + n, sizeof(body) - n, " allotments");
		add_item(&db, d, "Allotments", body);
	}
	add_long_minutes(&db, 29);
	add_item(&db, 30, "Schools", "Parents wrote about many things this year, and the officers summarised their"
		 " letters for the committee: school meals, uniforms, the state of the playgrounds, after-school"
		 " clubs, music lessons, the swimming pool, bus passes, homework, class sizes,"
		 " teaching assistants, the new sports hall, car parking at the gates, and the wish for zebra"
		 " crossings, among many other matters raised over the year by families across the county.");
	assert_int_equal(db_commit(&db), 0);
	*state = &db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	reset_files();
	return 0;
}

struct got {
	int n;
	char title[40][64];
	char kind[40][16];
	char at[40][20];
};

static int collect(void *ctx, const struct search_hit *h)
{
	struct got *g = ctx;

	if (g->n < 40) {
		snprintf(g->title[g->n], sizeof(g->title[0]), "%s", h->title);
		snprintf(g->kind[g->n], sizeof(g->kind[0]), "%s", h->kind);
		snprintf(g->at[g->n], sizeof(g->at[0]), "%s", h->at ? h->at : "");
		g->n++;
	}
	return 0;
}

static int run(struct db *db, const char *fts, const char *kind, enum search_sort sort, int offset, int limit,
	       struct got *g)
{
	struct search_params p = { .fts = fts, .kind = kind, .sort = sort, .offset = offset, .limit = limit };
	int total = -1;

	memset(g, 0, sizeof(*g));
	assert_int_equal(pub_search(db, &p, &total, collect, g), 0);
	return total;
}

static void title_above_body_and_frequency(void **state)
{
	struct got g;
	int total = run(*state, "(\"speed\" AND \"cameras\")", "item", SEARCH_RELEVANCE, 0, 20, &g);

	assert_int_equal(total, 4);
	assert_int_equal(g.n, 4);
	/* In the title (weight 10) beats three mentions in a body, which
	 * beat one mention in a short body, which beats one in a long body. */
	assert_string_equal(g.title[0], "Speed cameras on the ring road");
	assert_string_equal(g.title[1], "Parking");
	assert_string_equal(g.title[2], "Traffic");
	assert_string_equal(g.title[3], "Road safety");
}

static void rare_word_of_an_or_first(void **state)
{
	struct got g;
	int total = run(*state, "(\"libraries\" OR \"museum\")", "item", SEARCH_RELEVANCE, 0, 20, &g);

	/* "museum" is in one row, "libraries" in three, each mentioned once
	 * in texts of one length: the rare word's row comes first. */
	assert_int_equal(total, 4);
	assert_string_equal(g.title[0], "Culture");
}

/* Where every row holds each word of the query once in its body and the
 * rows differ in length, FTS5's bm25() and ours must agree. */
static void same_order_as_fts5_bm25(void **state)
{
	struct db *db = *state;
	struct got g;
	sqlite3_stmt *s;
	int i = 0;

	run(db, "(\"allotments\")", NULL, SEARCH_RELEVANCE, 0, 40, &g);
	s = db_stmt(db, "SELECT title FROM search_fts WHERE search_fts MATCH '{title body} : allotments'"
		    " ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), rowid DESC");
	assert_non_null(s);
	while (sqlite3_step(s) == SQLITE_ROW) {
		assert_true(i < g.n);
		assert_string_equal(g.title[i], col_text(s, 0));
		i++;
	}
	sqlite3_reset(s);
	assert_int_equal(i, g.n);
	assert_true(g.n >= 20);
}

static void date_sort_and_pages(void **state)
{
	struct got a, b, all;
	int total = run(*state, "(\"allotments\")", "item", SEARCH_DATE, 0, 40, &all);

	assert_int_equal(total, 20);
	assert_int_equal(all.n, 20);
	for (int i = 1; i < all.n; i++)
		assert_true(strcmp(all.at[i - 1], all.at[i]) > 0); /* newest first, one a day */
	/* Two pages of 10 are the 20 in the same order, by date and by
	 * relevance alike. */
	for (int sort = SEARCH_RELEVANCE; sort <= SEARCH_DATE; sort++) {
		run(*state, "(\"allotments\")", "item", (enum search_sort)sort, 0, 40, &all);
		assert_int_equal(run(*state, "(\"allotments\")", "item", (enum search_sort)sort, 0, 10, &a), 20);
		assert_int_equal(run(*state, "(\"allotments\")", "item", (enum search_sort)sort, 10, 10, &b), 20);
		assert_int_equal(a.n, 10);
		assert_int_equal(b.n, 10);
		for (int i = 0; i < 10; i++) {
			assert_string_equal(a.at[i], all.at[i]);
			assert_string_equal(b.at[i], all.at[10 + i]);
		}
	}
	/* Past the end: the count, no hits. */
	assert_int_equal(run(*state, "(\"allotments\")", "item", SEARCH_RELEVANCE, 20, 10, &a), 20);
	assert_int_equal(a.n, 0);
}

/* A mention deep in long minutes is found in its passage: it ranks above
 * the same mention in a shorter single text (it would rank far below if
 * the minutes were one row of 1,300 words), with the item's title. */
static void long_minutes_as_passages(void **state)
{
	struct got g;
	int total = run(*state, "(\"zebra\" AND \"crossings\")", NULL, SEARCH_RELEVANCE, 0, 20, &g);

	assert_int_equal(total, 2);
	assert_string_equal(g.kind[0], "minutes");
	assert_string_equal(g.title[0], "Highways update");
	assert_string_equal(g.kind[1], "item");
	assert_string_equal(g.title[1], "Schools");
}

/* The item's title counts once, not once a passage: its words find the
 * item and its minutes, one row each. */
static void title_once(void **state)
{
	struct got g;

	assert_int_equal(run(*state, "(\"highways\" AND \"update\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 2);
	assert_string_equal(g.kind[0], "item");
	assert_string_equal(g.kind[1], "minutes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(title_above_body_and_frequency),
		cmocka_unit_test(rare_word_of_an_or_first),
		cmocka_unit_test(same_order_as_fts5_bm25),
		cmocka_unit_test(date_sort_and_pages),
		cmocka_unit_test(long_minutes_as_passages),
		cmocka_unit_test(title_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
