/* test_boundary.c: the public boundary (db/boundary.c): every column is
 * classified, the views show nothing internal, a public connection reads
 * the views and nothing else, and the publication record moves `modified`
 * only for what the public sees and keeps stubs only of what was public;
 * the licence columns. */
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
#include "db/boundary.h"
#include "db/db.h"
#include "db/db_int.h"
#include "db/model.h"
#include "util/licence.h"

static char path[64];

struct fix {
	struct db db;   /* full access, as the back office */
	struct db pub;  /* a public connection */
	int64_t org, meeting, item, unlisted, unlisted_item;
};

/* Queries built here are prepared directly (the statement cache keys on
 * literals); the connection's authorizer applies all the same. */
static int64_t one(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int64_t n = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static char *text(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	char *out = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_text(s, 0))
		out = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

static int write_sql(struct db *db, const char *sql)
{
	if (db_begin(db) < 0)
		return -1;
	if (db_exec(db, sql) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db);
}

static int setup(void **state)
{
	static struct fix f;
	int64_t body;

	snprintf(path, sizeof(path), "/tmp/witan-boundary-%ld.db", (long)getpid());
	unlink(path);
	if (db_open(&f.db, path, DB_CREATE) < 0)
		return -1;
	if (db_begin(&f.db) < 0)
		return -1;
	body = MODEL_INSERT(&f.db, body, MV_TEXT("name", "Test Council"));
	f.org = MODEL_INSERT(&f.db, organization, MV_INT("body_id", body), MV_TEXT("name", "Audit Committee"));
	f.meeting = MODEL_INSERT(&f.db, meeting, MV_INT("organization_id", f.org),
		MV_TEXT("start_at", "2030-01-10 10:00"), MV_TEXT("agenda_status", "published"),
		MV_TEXT("agenda_published_at", "2029-12-01T09:00:00Z"), MV_TEXT("minutes_status", "draft"));
	f.item = MODEL_INSERT(&f.db, agenda_item, MV_INT("meeting_id", f.meeting), MV_INT("position", 1),
		MV_TEXT("number", "1"), MV_TEXT("title", "Budget"), MV_TEXT("description_md", "The budget."),
		MV_TEXT("minutes_md", "Draft minutes."));
	f.unlisted = MODEL_INSERT(&f.db, meeting, MV_INT("organization_id", f.org),
		MV_TEXT("start_at", "2030-01-11 10:00"), MV_INT("published", 0), MV_TEXT("agenda_status", "published"),
		MV_TEXT("agenda_published_at", "2029-12-01T09:00:00Z"));
	f.unlisted_item = MODEL_INSERT(&f.db, agenda_item, MV_INT("meeting_id", f.unlisted), MV_INT("position", 1),
		MV_TEXT("title", "Never public"));
	if (body < 0 || f.org < 0 || f.meeting < 0 || f.item < 0 || f.unlisted < 0 || f.unlisted_item < 0 ||
	    db_commit(&f.db) < 0)
		return -1;
	if (db_open(&f.pub, path, DB_PUBLIC) < 0)
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	char p[80];

	db_close(&f->pub);
	db_close(&f->db);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

/* Every column of every table is decided on; the views carry no column
 * classified internal. */
static void every_column_classified(void **state)
{
	struct fix *f = *state;
	sqlite3_stmt *t, *c;
	int tables = 0, columns = 0;

	assert_int_equal(sqlite3_prepare_v2(f->db.h, "SELECT name FROM sqlite_schema WHERE type = 'table'"
					    " AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'search_fts_*'", -1, &t, NULL),
			 SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(t, 0);
		char sql[160];

		if (!boundary_knows_table(table))
			fail_msg("table %s is not classified in db/boundary.c", table);
		tables++;
		snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s')", table);
		assert_int_equal(sqlite3_prepare_v2(f->db.h, sql, -1, &c, NULL), SQLITE_OK);
		while (sqlite3_step(c) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(c, 0);
			const char *cls = boundary_class(table, col);

			if (!cls)
				fail_msg("column %s.%s is not classified in db/boundary.c", table, col);
			columns++;
			if (strcmp(cls, "internal") == 0) {
				/* Not in the table's view, whatever the view calls it. */
				char q[200];
				snprintf(q, sizeof(q), "SELECT count(*) FROM pragma_table_info('pub_%s') WHERE name = '%s'",
					 table, col);
				assert_int_equal(one(&f->db, q), 0);
			}
		}
		sqlite3_finalize(c);
	}
	sqlite3_finalize(t);
	assert_true(tables >= 25);
	assert_true(columns >= 200);
	assert_string_equal(boundary_class("person", "email"), "internal");
	assert_string_equal(boundary_class("meeting", "state_reason"), "once published");
	assert_string_equal(boundary_class("agenda_item", "minutes_html"), "once published");
	assert_string_equal(boundary_class("audit_log", "after_json"), "internal");
	assert_null(boundary_class("meeting", "no_such_column"));
}

/* The authorizer: a public connection reads every pub_* view and the
 * search index, and nothing else of the record. */
static void public_connection_refuses_base_tables(void **state)
{
	struct fix *f = *state;
	static const char *const refused[] = {
		"SELECT name FROM meeting",
		"SELECT count(*) FROM meeting",
		"SELECT 1 FROM person WHERE email IS NOT NULL",
		"SELECT after_json FROM audit_log",
		"SELECT m.id FROM pub_meeting m JOIN meeting b ON b.id = m.id WHERE b.published = 0",
		"SELECT (SELECT state_reason FROM meeting WHERE id = m.id) FROM pub_meeting m",
		"SELECT 1 WHERE EXISTS (SELECT 1 FROM agenda_item WHERE exempt = 1)",
		"SELECT hash FROM publication",
		"UPDATE meeting SET name = 'x'",
		"DELETE FROM search_doc",
		"CREATE TABLE leak AS SELECT * FROM pub_meeting",
		"CREATE VIEW pub_leak AS SELECT state_reason FROM meeting",
	};
	static const char *const allowed[] = {
		"SELECT id, name, modified FROM pub_meeting",
		"SELECT count(*) FROM pub_agenda_item",
		"SELECT entity, id FROM pub_withdrawn",
		"SELECT count(*) FROM search_doc",
		"SELECT rowid FROM search_fts WHERE search_fts MATCH 'budget'",
		"SELECT value FROM json_each('[1,2]')",
		"PRAGMA data_version",
	};
	sqlite3_stmt *v;

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct stmt *s = db_stmt(&f->pub, refused[i]);
		if (s)
			fail_msg("a public connection prepared: %s", refused[i]);
		assert_non_null(strstr(f->pub.err, "refused"));
	}
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		struct stmt *s = db_stmt(&f->pub, allowed[i]);
		if (!s)
			fail_msg("a public connection refused %s: %s", allowed[i], f->pub.err);
		assert_true(st_step(s) != ST_ERROR);
		st_reset(s);
	}
	/* Every view of the boundary reads on a public connection. */
	assert_int_equal(sqlite3_prepare_v2(f->db.h, "SELECT name FROM sqlite_schema WHERE type = 'view'"
					    " AND name GLOB 'pub_*'", -1, &v, NULL), SQLITE_OK);
	while (sqlite3_step(v) == SQLITE_ROW) {
		char sql[128];
		sqlite3_stmt *s = NULL;
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", (const char *)sqlite3_column_text(v, 0));
		if (sqlite3_prepare_v2(f->pub.h, sql, -1, &s, NULL) != SQLITE_OK)
			fail_msg("%s: %s (%s)", sql, sqlite3_errmsg(f->pub.h), f->pub.denied);
		while (sqlite3_step(s) == SQLITE_ROW)
			;
		sqlite3_finalize(s);
	}
	sqlite3_finalize(v);
	/* The back office's connection reads everything. */
	assert_true(one(&f->db, "SELECT count(*) FROM meeting") >= 2);
	/* A public connection cannot be switched out of public mode. */
	db_set_mode(&f->pub, DB_MODE_FULL);
	assert_null(db_stmt(&f->pub, "SELECT published FROM meeting"));
}

/* modified moves only with what the public sees; an object never public
 * has no stub; one withdrawn has. */
static void modified_follows_public_content(void **state)
{
	struct fix *f = *state;
	char q[256];
	char *item_mod, *meeting_mod, *after;

	snprintf(q, sizeof(q), "SELECT modified FROM pub_agenda_item WHERE id = %lld", (long long)f->item);
	item_mod = text(&f->pub, q);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_meeting WHERE id = %lld", (long long)f->meeting);
	meeting_mod = text(&f->pub, q);
	assert_non_null(item_mod);
	assert_non_null(meeting_mod);
	sleep(1);
	/* Internal changes: draft minutes, the unlisted meeting, a member's
	 * e-mail: nothing public moves. */
	snprintf(q, sizeof(q), "UPDATE agenda_item SET minutes_md = 'Changed draft', minutes_html = '<p>x</p>'"
		 " WHERE id = %lld", (long long)f->item);
	assert_int_equal(write_sql(&f->db, q), 0);
	snprintf(q, sizeof(q), "UPDATE meeting SET name = 'Secret' WHERE id = %lld", (long long)f->unlisted);
	assert_int_equal(write_sql(&f->db, q), 0);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_agenda_item WHERE id = %lld", (long long)f->item);
	after = text(&f->pub, q);
	assert_string_equal(after, item_mod);
	free(after);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_meeting WHERE id = %lld", (long long)f->meeting);
	after = text(&f->pub, q);
	assert_string_equal(after, meeting_mod);
	free(after);
	/* The never-public meeting and item: no publication row, no stub. */
	snprintf(q, sizeof(q), "SELECT count(*) FROM pub_withdrawn WHERE (entity = 'meeting' AND id = %lld)"
		 " OR (entity = 'agenda_item' AND id = %lld)", (long long)f->unlisted, (long long)f->unlisted_item);
	assert_int_equal(one(&f->pub, q), 0);
	assert_int_equal(one(&f->db, "SELECT count(*) FROM publication p JOIN meeting m ON p.entity = 'meeting'"
				    " AND p.id = m.id WHERE m.published = 0"), 0);
	/* A public change: the item's title moves the item and the meeting
	 * that embeds it. */
	snprintf(q, sizeof(q), "UPDATE agenda_item SET title = 'Budget 2030' WHERE id = %lld", (long long)f->item);
	assert_int_equal(write_sql(&f->db, q), 0);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_agenda_item WHERE id = %lld", (long long)f->item);
	after = text(&f->pub, q);
	assert_true(strcmp(after, item_mod) > 0);
	free(after);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_meeting WHERE id = %lld", (long long)f->meeting);
	after = text(&f->pub, q);
	assert_true(strcmp(after, meeting_mod) > 0);
	free(after);
	/* Withdrawing the agenda: the item was public, so it has a stub. */
	snprintf(q, sizeof(q), "UPDATE meeting SET agenda_status = 'draft', agenda_withdrawn_at = '2030-01-01T00:00:00Z'"
		 " WHERE id = %lld", (long long)f->meeting);
	assert_int_equal(write_sql(&f->db, q), 0);
	snprintf(q, sizeof(q), "SELECT count(*) FROM pub_withdrawn WHERE entity = 'agenda_item' AND id = %lld",
		 (long long)f->item);
	assert_int_equal(one(&f->pub, q), 1);
	snprintf(q, sizeof(q), "SELECT agenda_status FROM pub_meeting WHERE id = %lld", (long long)f->meeting);
	after = text(&f->pub, q);
	assert_string_equal(after, "withdrawn");
	free(after);
	free(item_mod);
	free(meeting_mod);
}

static char *meeting_modified(struct fix *f)
{
	char q[128];
	snprintf(q, sizeof(q), "SELECT modified FROM pub_meeting WHERE id = %lld", (long long)f->meeting);
	return text(&f->pub, q);
}

/* Attendance is replaced whole (deleted and written again): deleting a
 * row the public saw moves its meeting; deleting one it did not see does
 * not. */
static void deleting_moves_only_what_was_public(void **state)
{
	struct fix *f = *state;
	char q[256], *before, *after;
	int64_t person;

	assert_int_equal(db_begin(&f->db), 0);
	person = MODEL_INSERT(&f->db, person, MV_INT("body_id", 1), MV_TEXT("name", "Cllr A"));
	assert_true(person > 0);
	assert_int_equal(db_commit(&f->db), 0);
	/* The meeting is scheduled: its attendance is not public yet. */
	snprintf(q, sizeof(q), "INSERT INTO attendance(meeting_id, person_id, status) VALUES (%lld, %lld, 'apologies')",
		 (long long)f->meeting, (long long)person);
	assert_int_equal(write_sql(&f->db, q), 0);
	before = meeting_modified(f);
	sleep(1);
	snprintf(q, sizeof(q), "DELETE FROM attendance WHERE meeting_id = %lld", (long long)f->meeting);
	assert_int_equal(write_sql(&f->db, q), 0);
	after = meeting_modified(f);
	assert_string_equal(after, before);
	free(after);
	free(before);
	/* Held: attendance is public; deleting it is a public change. */
	snprintf(q, sizeof(q), "UPDATE meeting SET state = 'held' WHERE id = %lld;"
		 "INSERT INTO attendance(meeting_id, person_id, status) VALUES (%lld, %lld, 'present')",
		 (long long)f->meeting, (long long)f->meeting, (long long)person);
	assert_int_equal(write_sql(&f->db, q), 0);
	assert_int_equal(one(&f->pub, "SELECT count(*) FROM pub_attendance"), 1);
	before = meeting_modified(f);
	sleep(1);
	snprintf(q, sizeof(q), "DELETE FROM attendance WHERE meeting_id = %lld", (long long)f->meeting);
	assert_int_equal(write_sql(&f->db, q), 0);
	after = meeting_modified(f);
	assert_true(strcmp(after, before) > 0);
	free(after);
	free(before);
}

/* The licence (sql/010_licence.sql): pub_body gives the body's setting
 * or its region's default; an object's own licence is public, left out of
 * the publication hash while it is NULL (class L: adding the column moved
 * nothing), and a public change once set. */
static void licence_is_public(void **state)
{
	struct fix *f = *state;
	char q[512], *s, *hash, *before, *after;

	assert_string_equal(boundary_class("meeting", "license"), "public");
	assert_string_equal(boundary_class("body", "license"), "public");
	s = text(&f->pub, "SELECT license FROM pub_body");
	assert_string_equal(s, LICENCE_OGL3);
	free(s);
	assert_int_equal(write_sql(&f->db, "UPDATE body SET region = 'other'"), 0);
	assert_null(text(&f->pub, "SELECT license FROM pub_body"));
	assert_int_equal(write_sql(&f->db, "UPDATE body SET license = '" LICENCE_CC0_1 "'"), 0);
	s = text(&f->pub, "SELECT license FROM pub_body");
	assert_string_equal(s, LICENCE_CC0_1);
	free(s);
	assert_int_equal(write_sql(&f->db, "UPDATE body SET region = 'wales', license = NULL"), 0);
	s = text(&f->pub, "SELECT license FROM pub_body");
	assert_string_equal(s, LICENCE_OGL3);
	free(s);

	/* Without a licence of its own, the committee hashes as it did before
	 * the column was added. */
	snprintf(q, sizeof(q), "SELECT witan_sha256(json_array(id, body_id, parent_id, name, short_name, kind,"
		 " purpose_md, purpose_html, start_date, end_date, website, created)) = (SELECT hash FROM publication"
		 " WHERE entity = 'organization' AND id = %lld) FROM pub_organization WHERE id = %lld",
		 (long long)f->org, (long long)f->org);
	assert_int_equal(one(&f->db, q), 1);
	snprintf(q, sizeof(q), "SELECT hash FROM publication WHERE entity = 'organization' AND id = %lld",
		 (long long)f->org);
	hash = text(&f->db, q);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_organization WHERE id = %lld", (long long)f->org);
	before = text(&f->pub, q);
	sleep(1);
	snprintf(q, sizeof(q), "UPDATE organization SET license = '" LICENCE_CC_BY_4 "' WHERE id = %lld",
		 (long long)f->org);
	assert_int_equal(write_sql(&f->db, q), 0);
	snprintf(q, sizeof(q), "SELECT modified FROM pub_organization WHERE id = %lld", (long long)f->org);
	after = text(&f->pub, q);
	assert_true(strcmp(after, before) > 0);
	free(after);
	snprintf(q, sizeof(q), "SELECT license FROM pub_organization WHERE id = %lld", (long long)f->org);
	s = text(&f->pub, q);
	assert_string_equal(s, LICENCE_CC_BY_4);
	free(s);
	/* Unset again: the row hashes as it did. */
	snprintf(q, sizeof(q), "UPDATE organization SET license = NULL WHERE id = %lld", (long long)f->org);
	assert_int_equal(write_sql(&f->db, q), 0);
	snprintf(q, sizeof(q), "SELECT hash FROM publication WHERE entity = 'organization' AND id = %lld",
		 (long long)f->org);
	s = text(&f->db, q);
	assert_string_equal(s, hash);
	free(s);
	free(hash);
	free(before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_column_classified),
		cmocka_unit_test(public_connection_refuses_base_tables),
		cmocka_unit_test(modified_follows_public_content),
		cmocka_unit_test(deleting_moves_only_what_was_public),
		cmocka_unit_test(licence_is_public),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
