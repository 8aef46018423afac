/* test_gen.c: unit tests for `witan gen`: the sizes asked for, realistic
 * shape (agendas of 5 to 15 items, minutes only for past meetings, one to
 * six pages of text per document), varied text with a long tail of rare
 * words, determinism for a seed. */
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
#include "demo/gen.h"
#include "store/store.h"
#include "util/utf8.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static int64_t q(struct db *db, const char *sql)
{
	struct stmt *s = db_stmt(db, sql);
	int64_t v = -1;

	if (s && st_step(s) == ST_ROW)
		v = col_int(s, 0);
	if (s)
		st_reset(s);
	return v;
}

/* How many values of the query's one column are not valid UTF-8. */
static int invalid_utf8(struct db *db, const char *sql)
{
	struct stmt *s;
	int bad = 0;

	assert_non_null(s = db_prepare(db, sql, -1));
	while (st_step(s) == ST_ROW) {
		const char *t = col_text(s, 0);
		if (t && !utf8_valid(t, (size_t)col_bytes(s, 0)))
			bad++;
	}
	st_finalize(s);
	return bad;
}

static void make(const char *path, uint64_t seed, struct db *db, struct store *st)
{
	char err[256], cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf %s %s-wal %s-shm %s.files", path, path, path, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(db_open(db, path, DB_CREATE), 0);
	assert_int_equal(store_open(st, path), 0);
	assert_int_equal(gen_record(db, st, &(struct gen_opts){ 120, seed, 0 }, err, sizeof(err)), 0);
}

static void sizes_and_shape(void **state)
{
	struct db db;
	struct store st;

	make("/tmp/witan-gen-a.db", 7, &db, &st);
	assert_int_equal(q(&db, "SELECT count(*) FROM meeting"), 120);
	/* an agenda pack a meeting; an appendix on an item one meeting in
	 * four; a committee's work programme on several meetings' items */
	assert_int_equal(q(&db, "SELECT count(*) FROM file_link WHERE role = 'agenda_pack' AND meeting_id IS NOT NULL"), 120);
	assert_int_equal(q(&db, "SELECT count(*) FROM file WHERE title = 'Appendix A'"), 30);
	assert_int_equal(q(&db, "SELECT count(*) FROM file f WHERE title = 'Appendix A' AND"
				" (SELECT count(*) FROM file_link l WHERE l.file_id = f.id AND l.agenda_item_id IS NOT NULL) = 1"), 30);
	assert_true(q(&db, "SELECT count(*) FROM file f WHERE title LIKE 'Work Programme %' AND"
			   " (SELECT count(DISTINCT i.meeting_id) FROM file_link l JOIN agenda_item i ON i.id = l.agenda_item_id"
			   "  WHERE l.file_id = f.id) > 1") > 0);
	assert_int_equal(q(&db, "SELECT count(*) FROM file f WHERE NOT EXISTS (SELECT 1 FROM file_link l WHERE l.file_id = f.id)"), 0);
	assert_int_equal(q(&db, "SELECT count(*) FROM file WHERE page_count < 1 OR page_count > 6"), 0);
	assert_int_equal(q(&db, "SELECT count(*) FROM file f WHERE page_count !="
				" (SELECT count(*) FROM file_page p WHERE p.file_id = f.id)"), 0);
	assert_true(q(&db, "SELECT count(*) FROM file_page") > 120);
	assert_int_equal(q(&db, "SELECT count(*) FROM (SELECT meeting_id, count(*) n FROM agenda_item"
				" GROUP BY meeting_id HAVING n < 5 OR n > 15)"), 0);
	assert_true(q(&db, "SELECT count(*) FROM meeting WHERE state = 'scheduled'") > 0);
	assert_int_equal(q(&db, "SELECT count(*) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				" WHERE m.state = 'scheduled' AND i.minutes_md IS NOT NULL"), 0);
	assert_true(q(&db, "SELECT count(DISTINCT title) FROM agenda_item") > 50);
	/* all of it public: the views see every meeting and item */
	assert_int_equal(q(&db, "SELECT count(*) FROM pub_meeting"), 120);
	assert_int_equal(q(&db, "SELECT count(*) FROM pub_agenda_item"), q(&db, "SELECT count(*) FROM agenda_item"));
	assert_int_equal(q(&db, "SELECT count(*) FROM pub_file_page"), q(&db, "SELECT count(*) FROM file_page"));
	/* minutes record a resolution; procedural items open every agenda */
	assert_int_equal(q(&db, "SELECT count(*) FROM agenda_item WHERE minutes_md IS NOT NULL"
				" AND kind = 'item' AND minutes_md NOT LIKE '%RESOLVED:%'"), 0);
	assert_int_equal(q(&db, "SELECT count(*) FROM agenda_item WHERE position = 1 AND kind != 'apologies'"), 0);
	db_close(&db);
	store_close(&st);
}

/* A realistic corpus: varied titles, a large vocabulary, and most words
 * rare while a few ("committee", "report") are everywhere.  (The first
 * generator, 38 topics and 12 sentences, had about 300 distinct titles in
 * its first 500 items, 310 words, and its median word in 5% of rows.) */
static void varied_text(void **state)
{
	struct db db;
	struct store st;
	int64_t rows, terms;

	make("/tmp/witan-gen-v.db", 7, &db, &st);
	assert_true(q(&db, "SELECT count(DISTINCT title) FROM (SELECT title FROM agenda_item WHERE kind = 'item'"
			   " ORDER BY id LIMIT 500)") > 375);
	assert_int_equal(sqlite3_exec(db.h, "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'search_fts', 'row')",
				      NULL, NULL, NULL), SQLITE_OK);
	rows = q(&db, "SELECT count(*) FROM search_fts");
	terms = q(&db, "SELECT count(*) FROM temp.vocab");
	assert_true(terms > 1500);
	/* the median word is in fewer than 1% of rows */
	assert_true(q(&db, "SELECT doc FROM temp.vocab ORDER BY doc LIMIT 1 OFFSET (SELECT count(*) / 2 FROM temp.vocab)")
		    * 100 < rows);
	/* generic council words are common, names and places rare */
	assert_true(q(&db, "SELECT doc FROM temp.vocab WHERE term = 'committe'") * 4 > rows);
	assert_true(q(&db, "SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"elm road\"'") * 100 < rows);
	assert_int_equal(invalid_utf8(&db, "SELECT title FROM agenda_item UNION ALL SELECT description_md FROM agenda_item"
					" UNION ALL SELECT minutes_md FROM agenda_item UNION ALL SELECT text FROM file_page"), 0);
	db_close(&db);
	store_close(&st);
	assert_int_equal(system("rm -rf /tmp/witan-gen-v.db*"), 0);
}

static void same_seed_same_record(void **state)
{
	struct db a, b;
	struct store sa, sb;
	int64_t ha, hb, hc;

	make("/tmp/witan-gen-b.db", 42, &a, &sa);
	make("/tmp/witan-gen-c.db", 42, &b, &sb);
	ha = q(&a, "SELECT sum(length(title) * id) + sum(length(minutes_md)) FROM agenda_item");
	hb = q(&b, "SELECT sum(length(title) * id) + sum(length(minutes_md)) FROM agenda_item");
	assert_int_equal(ha, hb);
	db_close(&b);
	store_close(&sb);
	make("/tmp/witan-gen-c.db", 43, &b, &sb);
	hc = q(&b, "SELECT sum(length(title) * id) + sum(length(minutes_md)) FROM agenda_item");
	assert_true(hc != ha);
	db_close(&a);
	db_close(&b);
	store_close(&sa);
	store_close(&sb);
	assert_int_equal(system("rm -rf /tmp/witan-gen-a.db* /tmp/witan-gen-b.db* /tmp/witan-gen-c.db*"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_and_shape),
		cmocka_unit_test(varied_text),
		cmocka_unit_test(same_seed_same_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
