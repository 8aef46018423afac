/* test_search.c: unit tests for pub_search()'s ranking, grouping and
 * paging (src/db/search.c): titles weigh above bodies, more mentions in a
 * shorter text rank higher, a rare word of an OR outranks a common one,
 * the date sort and pages agree with the count, and the ranking is the
 * same as FTS5's own bm25() wherever the query's words are equally
 * common; an item's passages are one result, a document attached in
 * several places is one result listing its public places, a document of
 * one item is that item's, and counts and pages are of results (estimated
 * past SEARCH_GROUP_EXACT matches). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>
#include "db/db.h"
#include "db/db_int.h"
#include "db/model.h"
#include "db/record.h"
#include "db/search.h"
#include "util/buf.h"

#define PATH "/tmp/witan-test-search.db"

static void reset_files(void)
{
	unlink(PATH);
	unlink(PATH "-wal");
	unlink(PATH "-shm");
}

/* One published meeting on day `day` counting from 2024-01-01 (day 1),
 * with one item of the title and description given. */
static void add_item(struct db *db, int day, const char *title, const char *body)
{
	struct stmt *s = db_stmt(db, "INSERT INTO meeting(organization_id, start_at, published, agenda_status)"
				  " VALUES (1, date('2024-01-01', printf('+%d days', ?1 - 1)) || ' 10:00', 1, 'published')");
	assert_non_null(s);
	st_bind_int(s, 1, day);
	assert_int_equal(db_step_done(db, s, "meeting"), 0);
	s = db_stmt(db, "INSERT INTO agenda_item(meeting_id, position, title, description_html)"
		    " VALUES (last_insert_rowid(), 1, ?1, ?2)");
	assert_non_null(s);
	st_bind_text(s, 1, title);
	st_bind_text(s, 2, body);
	assert_int_equal(db_step_done(db, s, "item"), 0);
}

/* An item with long minutes: a 60-word paragraph mentioning "zebra
 * crossings" after twenty paragraphs of 60 words that don't. */
static void add_long_minutes(struct db *db, int day)
{
	struct buf html = BUF_INIT;
	struct stmt *s;

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
	st_bind_text(s, 1, html.data);
	assert_int_equal(db_step_done(db, s, "minutes"), 0);
	buf_release(&html);
}

/* The id of the last item added. */
static int64_t last_item(struct db *db)
{
	struct stmt *s = db_stmt(db, "SELECT max(id) FROM agenda_item");
	int64_t id;

	assert_non_null(s);
	assert_int_equal(st_step(s), ST_ROW);
	id = col_int(s, 0);
	st_reset(s);
	return id;
}

/* A PDF's record with two pages of text (the bytes are not needed). */
static int64_t add_file(struct db *db, const char *title, const char *page1, const char *page2)
{
	int64_t id = MODEL_INSERT(db, file, MV_TEXT("title", title), MV_TEXT("filename", "report.pdf"),
		MV_TEXT("mime_type", "application/pdf"), MV_INT("size", 1), MV_INT("page_count", 2),
		MV_TEXT("sha256", "0000000000000000000000000000000000000000000000000000000000000000"));

	assert_true(id > 0);
	assert_int_equal(db_file_page_add(db, id, 1, page1), 0);
	assert_int_equal(db_file_page_add(db, id, 2, page2), 0);
	assert_int_equal(db_file_text_done(db, id, 2, "done"), 0);
	return id;
}

static int64_t attach(struct db *db, int64_t file, int64_t item)
{
	int64_t id = MODEL_INSERT(db, file_link, MV_INT("file_id", file), MV_INT("agenda_item_id", item),
		MV_TEXT("role", "report"));

	assert_true(id > 0);
	return id;
}

/* Minutes of two paragraphs of about 80 words, each its own passage,
 * both mentioning the spillway. */
static void add_two_passage_minutes(struct db *db, int day)
{
	struct buf html = BUF_INIT;
	struct stmt *s;

	for (int k = 0; k < 2; k++) {
		buf_puts(&html, "<p>The spillway was inspected");
		for (int w = 0; w < 8; w++)
			buf_puts(&html, " and members heard about the embankment, the valves and the gauges");
		buf_puts(&html, ".</p>\n");
	}
	add_item(db, day, "Reservoir safety", "The annual inspection.");
	s = db_stmt(db, "UPDATE meeting SET minutes_status = 'published' WHERE id = (SELECT max(id) FROM meeting)");
	assert_int_equal(db_step_done(db, s, "minutes status"), 0);
	s = db_stmt(db, "UPDATE agenda_item SET minutes_html = ?1 WHERE id = (SELECT max(id) FROM agenda_item)");
	st_bind_text(s, 1, html.data);
	assert_int_equal(db_step_done(db, s, "minutes"), 0);
	buf_release(&html);
}

static int64_t hall_report, hall_item;

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
	/* Grouping: two passages of one item's minutes; one appendix (two
	 * pages that both match) at three meetings' items; a report attached
	 * to one item only. */
	add_two_passage_minutes(&db, 31);
	{
		int64_t appendix = add_file(&db, "Treasury appendix", "Gilt yields rose in the quarter.",
					    "The outlook for gilt yields is uncertain.");
		for (int d = 32; d <= 34; d++) {
			add_item(&db, d, "Budget monitoring", "The quarter's figures.");
			attach(&db, appendix, last_item(&db));
		}
	}
	add_item(&db, 35, "Hall refurbishment", "Works at the town hall.");
	hall_item = last_item(&db);
	hall_report = add_file(&db, "Hall report", "A mezzanine floor is proposed.", "Costs and timetable.");
	attach(&db, hall_report, hall_item);
	add_item(&db, 36, "Property review", "The council's buildings.");
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
	char group[40][16];
	char at[40][20];
	char item_title[40][64];
	int more[40], nplaces[40], places_more[40], page[40];
	int64_t place_item[40][4];
};

static int collect(void *ctx, const struct search_hit *h)
{
	struct got *g = ctx;

	if (g->n < 40) {
		snprintf(g->title[g->n], sizeof(g->title[0]), "%s", h->title);
		snprintf(g->kind[g->n], sizeof(g->kind[0]), "%s", h->kind);
		snprintf(g->group[g->n], sizeof(g->group[0]), "%s", h->group);
		snprintf(g->at[g->n], sizeof(g->at[0]), "%s", h->at ? h->at : "");
		snprintf(g->item_title[g->n], sizeof(g->item_title[0]), "%s", h->item_title ? h->item_title : "");
		g->more[g->n] = h->more;
		g->page[g->n] = h->page;
		g->nplaces[g->n] = h->nplaces;
		g->places_more[g->n] = h->places_more;
		for (int i = 0; i < h->nplaces && i < 4; i++)
			g->place_item[g->n][i] = h->places[i].item_id;
		g->n++;
	}
	return 0;
}

static int run(struct db *db, const char *fts, const char *kind, enum search_sort sort, int offset, int limit,
	       struct got *g)
{
	struct search_params p = { .fts = fts, .kind = kind, .sort = sort, .offset = offset, .limit = limit };
	struct search_total total = { 0 };

	memset(g, 0, sizeof(*g));
	assert_int_equal(pub_search(db, &p, &total, collect, g), 0);
	return total.results;
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
	struct stmt *s;
	int i = 0;

	run(db, "(\"allotments\")", NULL, SEARCH_RELEVANCE, 0, 40, &g);
	s = db_stmt(db, "SELECT title FROM search_fts WHERE search_fts MATCH '{title body} : allotments'"
		    " ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), rowid DESC");
	assert_non_null(s);
	while (st_step(s) == ST_ROW) {
		assert_true(i < g.n);
		assert_string_equal(g.title[i], col_text(s, 0));
		i++;
	}
	st_reset(s);
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
 * item and its minutes, one row each, and they are one result. */
static void title_once(void **state)
{
	struct got g;

	assert_int_equal(run(*state, "(\"highways\" AND \"update\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_string_equal(g.group[0], "item");
	assert_string_equal(g.kind[0], "item");
	assert_int_equal(g.more[0], 1);
}

/* Two matching passages of one item's minutes are one result: the best
 * (or, by date, the newest) with "1 more". */
static void passages_of_one_item_one_result(void **state)
{
	struct got g;

	for (int sort = SEARCH_RELEVANCE; sort <= SEARCH_DATE; sort++) {
		assert_int_equal(run(*state, "(\"spillway\")", NULL, (enum search_sort)sort, 0, 20, &g), 1);
		assert_int_equal(g.n, 1);
		assert_string_equal(g.group[0], "item");
		assert_string_equal(g.kind[0], "minutes");
		assert_string_equal(g.title[0], "Reservoir safety");
		assert_int_equal(g.more[0], 1);
	}
}

/* A document attached at three meetings is one result listing the three
 * items, newest first; its "more" counts its other pages, not its copies
 * (it is indexed once a place). */
static void document_in_several_places_one_result(void **state)
{
	struct got g;

	for (int sort = SEARCH_RELEVANCE; sort <= SEARCH_DATE; sort++) {
		assert_int_equal(run(*state, "(\"gilt\")", NULL, (enum search_sort)sort, 0, 20, &g), 1);
		assert_string_equal(g.group[0], "document");
		assert_string_equal(g.kind[0], "document");
		assert_string_equal(g.title[0], "Treasury appendix");
		assert_int_equal(g.more[0], 1);
		assert_int_equal(g.nplaces[0], 3);
		assert_true(g.place_item[0][0] > g.place_item[0][1] && g.place_item[0][1] > g.place_item[0][2]);
		assert_string_equal(g.at[0], "2024-02-03 10:00"); /* its newest place (day 34) */
	}
}

/* A document's places are only public ones: attached also to an exempt
 * item and to an item of a meeting whose agenda is not published, it is
 * listed at its three public places; once that agenda is published, at
 * four. */
static void places_are_public_only(void **state)
{
	struct db *db = *state;
	struct got g;
	struct stmt *s;
	int64_t appendix, exempt_link, draft_link, draft_item;

	s = db_stmt(db, "SELECT id FROM file WHERE title = 'Treasury appendix'");
	assert_non_null(s);
	assert_int_equal(st_step(s), ST_ROW);
	appendix = col_int(s, 0);
	st_reset(s);
	assert_int_equal(db_begin(db), 0);
	add_item(db, 37, "Exempt matter", "Confidential.");
	assert_int_equal(db_exec(db, "UPDATE agenda_item SET exempt = 1, exempt_paragraph = 3"
				 " WHERE id = (SELECT max(id) FROM agenda_item)"), 0);
	exempt_link = attach(db, appendix, last_item(db));
	add_item(db, 38, "Draft business", "Not yet published.");
	assert_int_equal(db_exec(db, "UPDATE meeting SET agenda_status = 'draft' WHERE id = (SELECT max(id) FROM meeting)"), 0);
	draft_item = last_item(db);
	draft_link = attach(db, appendix, draft_item);
	assert_int_equal(db_commit(db), 0);

	assert_int_equal(run(db, "(\"gilt\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_string_equal(g.group[0], "document");
	assert_int_equal(g.nplaces[0], 3);
	for (int i = 0; i < 3; i++) /* (the exempt item is the draft one's predecessor) */
		assert_true(g.place_item[0][i] != draft_item && g.place_item[0][i] != draft_item - 1);

	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec(db, "UPDATE meeting SET agenda_status = 'published'"
				 " WHERE id = (SELECT meeting_id FROM agenda_item WHERE id = (SELECT max(id) FROM agenda_item))"), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(run(db, "(\"gilt\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_int_equal(g.nplaces[0], 4);
	assert_true(g.place_item[0][0] == draft_item); /* the newest */

	/* (as it was, for the tests after) */
	assert_int_equal(db_begin(db), 0);
	s = db_stmt(db, "UPDATE file_link SET deleted = 1 WHERE id IN (?1, ?2)");
	assert_non_null(s);
	st_bind_int(s, 1, exempt_link);
	st_bind_int(s, 2, draft_link);
	assert_int_equal(db_step_done(db, s, "unlink"), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(run(db, "(\"gilt\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_int_equal(g.nplaces[0], 3);
	assert_int_equal(g.places_more[0], 0);

	/* At more than SEARCH_MAX_PLACES places: the newest listed, the rest counted. */
	assert_int_equal(db_begin(db), 0);
	for (int d = 40; d < 40 + SEARCH_MAX_PLACES; d++) {
		add_item(db, d, "Budget monitoring", "The quarter's figures.");
		attach(db, appendix, last_item(db));
	}
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(run(db, "(\"gilt\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_int_equal(g.nplaces[0], SEARCH_MAX_PLACES);
	assert_int_equal(g.places_more[0], 3);
	assert_int_equal(g.more[0], 1);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec(db, "UPDATE file_link SET deleted = 1 WHERE agenda_item_id IN"
				 " (SELECT i.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				 "  WHERE m.start_at >= '2024-02-09')"), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(run(db, "(\"gilt\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_int_equal(g.nplaces[0], 3);
}

/* A document attached to one item only is part of that item's result;
 * attached to a second item it becomes a result of its own, and detached
 * again it goes back (its group follows its places). */
static void document_of_one_item_groups_with_it(void **state)
{
	struct db *db = *state;
	struct got g;
	struct stmt *s;
	int64_t link;

	assert_int_equal(run(db, "(\"mezzanine\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_string_equal(g.group[0], "item");
	assert_string_equal(g.kind[0], "document");
	assert_string_equal(g.title[0], "Hall report");
	assert_string_equal(g.item_title[0], "Hall refurbishment");
	assert_int_equal(g.page[0], 1);
	assert_int_equal(g.nplaces[0], 0);
	/* With the item's own words: still one result, "1 more". */
	assert_int_equal(run(db, "(\"mezzanine\" OR \"refurbishment\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_int_equal(g.more[0], 1);

	assert_int_equal(db_begin(db), 0);
	link = attach(db, hall_report, hall_item + 1);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(run(db, "(\"mezzanine\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_string_equal(g.group[0], "document");
	assert_int_equal(g.nplaces[0], 2);
	assert_int_equal(g.more[0], 0);
	assert_int_equal(run(db, "(\"mezzanine\" OR \"refurbishment\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 2);

	assert_int_equal(db_begin(db), 0);
	s = db_stmt(db, "UPDATE file_link SET deleted = 1 WHERE id = ?1");
	assert_non_null(s);
	st_bind_int(s, 1, link);
	assert_int_equal(db_step_done(db, s, "unlink"), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(run(db, "(\"mezzanine\")", NULL, SEARCH_RELEVANCE, 0, 20, &g), 1);
	assert_string_equal(g.group[0], "item");
	assert_string_equal(g.item_title[0], "Hall refurbishment");
}

/* The count and the pages are of results, not of matching rows. */
static void totals_and_pages_count_results(void **state)
{
	struct got all, a, b;
	const char *q = "(\"gilt\" OR \"spillway\" OR \"mezzanine\")";

	/* 6 rows of the appendix (2 pages x 3 places), 2 passages, 1 page */
	for (int sort = SEARCH_RELEVANCE; sort <= SEARCH_DATE; sort++) {
		assert_int_equal(run(*state, q, NULL, (enum search_sort)sort, 0, 20, &all), 3);
		assert_int_equal(all.n, 3);
		assert_int_equal(run(*state, q, NULL, (enum search_sort)sort, 0, 2, &a), 3);
		assert_int_equal(run(*state, q, NULL, (enum search_sort)sort, 2, 2, &b), 3);
		assert_int_equal(a.n, 2);
		assert_int_equal(b.n, 1);
		assert_string_equal(a.title[0], all.title[0]);
		assert_string_equal(a.title[1], all.title[1]);
		assert_string_equal(b.title[0], all.title[2]);
	}
	/* By date: the appendix (newest place, day 34) before the minutes. */
	run(*state, q, NULL, SEARCH_DATE, 0, 20, &all);
	assert_string_equal(all.title[0], "Hall report");
	assert_string_equal(all.title[1], "Treasury appendix");
	assert_string_equal(all.title[2], "Reservoir safety");
}

/* Past SEARCH_GROUP_EXACT matches the count is estimated: 2,600 items
 * mention herons in their descriptions, half of them in their minutes
 * too (3,900 matching rows, 2,600 results). */
static void count_estimated_past_the_exact_limit(void **state)
{
	struct db *db = *state;
	struct search_params p = { .fts = "(\"herons\")", .limit = 20 };
	struct search_total total = { 0 };
	struct got g;

	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec(db, "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 2600)"
				 " INSERT INTO meeting(organization_id, start_at, published, agenda_status, minutes_status)"
				 " SELECT 1, date('2030-01-01', printf('+%d days', k)) || ' 10:00', 1, 'published', 'published' FROM n;"
				 "INSERT INTO agenda_item(meeting_id, position, title, description_html, minutes_html)"
				 " SELECT id, 1, 'Wetlands', '<p>Herons nest here.</p>',"
				 "  CASE WHEN id % 2 THEN '<p>Herons were seen.</p>' END"
				 " FROM meeting WHERE start_at >= '2030'"), 0);
	assert_int_equal(db_commit(db), 0);
	for (int sort = SEARCH_RELEVANCE; sort <= SEARCH_DATE; sort++) {
		p.sort = (enum search_sort)sort;
		memset(&g, 0, sizeof(g));
		assert_int_equal(pub_search(db, &p, &total, collect, &g), 0);
		assert_int_equal(total.approximate, 1);
		assert_int_equal(total.lower_bound, 0);
		assert_true(total.results > 2600 * 9 / 10 && total.results < 2600 * 11 / 10);
		assert_int_equal(g.n, 20);
		search_total_round(&total);
		assert_int_equal(total.results % 100, 0);
	}
	/* A page far down (the window and the lookups reach it). */
	p.offset = 2560;
	memset(&g, 0, sizeof(g));
	assert_int_equal(pub_search(db, &p, &total, collect, &g), 0);
	assert_int_equal(g.n, 20);
	/* Exact again below the limit (a date range of 100 days). */
	p.offset = 0;
	p.from = "2030-01-02";
	p.to = "2030-04-11";
	assert_int_equal(pub_search(db, &p, &total, collect, &g), 0);
	assert_int_equal(total.approximate, 0);
	assert_int_equal(total.results, 100);
}

/* The reader's words as PostgreSQL's to_tsquery() reads them: through
 * search_query(), then search_tsquery(). */
static void tsquery_of_the_readers_words(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "budget", "('budget')" },
		{ "\"council tax\" plan* -scrutiny", "('council tax' & 'plan':*) & !'scrutiny'" },
		{ "highways OR library", "('highways' | 'library')" },
		{ "children's \"fly-tipping\"", "('children' & 'fly tipping')" },
		{ "café", "('café')" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf fts = BUF_INIT, ts = BUF_INIT;
		assert_true(search_query(cases[i].in, &fts) > 0);
		assert_int_equal(search_tsquery(fts.data, &ts), 0);
		assert_string_equal(ts.data, cases[i].out);
		buf_release(&fts);
		buf_release(&ts);
	}
	/* what search_query() never makes is refused, not passed on */
	{
		struct buf ts = BUF_INIT;
		assert_int_equal(search_tsquery("budget", &ts), -1);
		buf_reset(&ts);
		assert_int_equal(search_tsquery("(\"a\" NEAR \"b\")", &ts), -1);
		buf_reset(&ts);
		assert_int_equal(search_tsquery("(\"a)", &ts), -1);
		buf_release(&ts);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tsquery_of_the_readers_words),
		cmocka_unit_test(title_above_body_and_frequency),
		cmocka_unit_test(rare_word_of_an_or_first),
		cmocka_unit_test(same_order_as_fts5_bm25),
		cmocka_unit_test(date_sort_and_pages),
		cmocka_unit_test(long_minutes_as_passages),
		cmocka_unit_test(title_once),
		cmocka_unit_test(passages_of_one_item_one_result),
		cmocka_unit_test(document_in_several_places_one_result),
		cmocka_unit_test(totals_and_pages_count_results),
		cmocka_unit_test(places_are_public_only),
		cmocka_unit_test(document_of_one_item_groups_with_it),
		cmocka_unit_test(count_estimated_past_the_exact_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
