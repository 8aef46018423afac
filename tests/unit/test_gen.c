/* test_gen.c: unit tests for `witan gen`: the sizes asked for, realistic
 * shape (agendas of 5 to 15 items, minutes only for past meetings, three
 * pages of text per document), determinism for a seed. */
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
#include "demo/gen.h"
#include "store/store.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static int64_t q(struct db *db, const char *sql)
{
	sqlite3_stmt *s = db_stmt(db, sql);
	int64_t v = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return v;
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
	assert_int_equal(q(&db, "SELECT count(*) FROM file"), 120);
	assert_int_equal(q(&db, "SELECT count(*) FROM file_page"), 360);
	assert_int_equal(q(&db, "SELECT count(*) FROM (SELECT meeting_id, count(*) n FROM agenda_item"
				" GROUP BY meeting_id HAVING n < 5 OR n > 15)"), 0);
	assert_true(q(&db, "SELECT count(*) FROM meeting WHERE state = 'scheduled'") > 0);
	assert_int_equal(q(&db, "SELECT count(*) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				" WHERE m.state = 'scheduled' AND i.minutes_md IS NOT NULL"), 0);
	assert_true(q(&db, "SELECT count(DISTINCT title) FROM agenda_item") > 50);
	/* all of it public: the views see every meeting and item */
	assert_int_equal(q(&db, "SELECT count(*) FROM pub_meeting"), 120);
	assert_int_equal(q(&db, "SELECT count(*) FROM pub_agenda_item"), q(&db, "SELECT count(*) FROM agenda_item"));
	assert_int_equal(q(&db, "SELECT count(*) FROM pub_file_page"), 360);
	db_close(&db);
	store_close(&st);
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
		cmocka_unit_test(same_seed_same_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
