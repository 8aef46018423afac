/* test_db.c: unit tests for db/ (open, migrations, the public views that
 * hold the visibility rule, record creation) and docs/markdown. */
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
#include "db/alerts.h"
#include "db/db_int.h"
#include "db/model.h"
#include "db/public.h"
#include "docs/markdown.h"

static char path[64];

static int setup(void **state)
{
	static struct db db;

	snprintf(path, sizeof(path), "/tmp/witan-test-%ld.db", (long)getpid());
	unlink(path);
	if (db_open(&db, path, DB_CREATE) < 0)
		return -1;
	*state = &db;
	return 0;
}

static int teardown(void **state)
{
	char p[80];

	db_close(*state);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

static int64_t count(struct db *db, const char *sql)
{
	struct stmt *s = db_stmt(db, sql);
	int64_t n = -1;

	if (s && st_step(s) == ST_ROW)
		n = col_int(s, 0);
	if (s)
		st_reset(s);
	return n;
}

static void migrated_with_pragmas(void **state)
{
	struct db *db = *state;

	assert_true(db_schema_version_known() >= 1);
	assert_int_equal(db_schema_version(db), db_schema_version_known());
	assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
	assert_true(db_ping(db));
}

static void refuses_newer_schema(void **state)
{
	struct db *db = *state, other;
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", db_schema_version_known() + 1);
	assert_int_equal(db_exec(db, sql), 0);
	assert_int_equal(db_open(&other, path, 0), -1);
	assert_non_null(strstr(other.err, "newer"));
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", db_schema_version_known());
	assert_int_equal(db_exec(db, sql), 0);
	assert_int_equal(db_open(&other, path, 0), 0);
	db_close(&other);
}

static void refuses_non_database(void **state)
{
	struct db other;
	const char *p = "/tmp/witan-test-notdb";
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs("this is not a database, just text that is long enough to have a header\n", f);
	fclose(f);
	assert_int_equal(db_open(&other, p, 0), -1);
	assert_true(strlen(other.err) > 0);
	unlink(p);
}

static void audit_log_is_append_only(void **state)
{
	struct db *db = *state;

	assert_int_equal(db_exec(db, "INSERT INTO audit_log(action, entity) VALUES ('create', 'x')"), 0);
	assert_int_equal(db_exec(db, "UPDATE audit_log SET action = 'y'"), -1);
	assert_int_equal(db_exec(db, "DELETE FROM audit_log"), -1);
	assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action = 'create'"), 1);
}

/* The visibility rule: build a small record and check what the views show. */
static void public_views_hide_what_is_not_public(void **state)
{
	struct db *db = *state;
	int64_t body, org, held, draft, draftmin, it_pub, it_ex, it_draft, it_dm, f_pub, f_ex;
	struct item_row ir;
	struct meeting_row mr;
	struct cursor c;
	struct file_row fr;
	int n;

	assert_int_equal(db_begin(db), 0);
	body = MODEL_INSERT(db, body, MV_TEXT("name", "Test Council"));
	org = MODEL_INSERT(db, organization, MV_INT("body_id", body), MV_TEXT("name", "Panel"), MV_TEXT("kind", "panel"));
	held = MODEL_INSERT(db, meeting, MV_INT("organization_id", org),
		MV_TEXT("start_at", "2019-02-04 11:00"), MV_TEXT("state", "held"),
		MV_TEXT("agenda_status", "published"), MV_TEXT("agenda_published_at", "2019-01-25T09:00:00Z"),
		MV_TEXT("minutes_status", "published"), MV_TEXT("minutes_published_at", "2019-02-10T09:00:00Z"));
	draft = MODEL_INSERT(db, meeting, MV_INT("organization_id", org),
		MV_TEXT("start_at", "2030-01-01 10:00"));
	draftmin = MODEL_INSERT(db, meeting, MV_INT("organization_id", org),
		MV_TEXT("start_at", "2019-03-04 11:00"), MV_TEXT("state", "held"),
		MV_TEXT("agenda_status", "published"), MV_TEXT("agenda_published_at", "2019-02-25T09:00:00Z"),
		MV_TEXT("minutes_status", "draft"));
	it_pub = MODEL_INSERT(db, agenda_item, MV_INT("meeting_id", held), MV_INT("position", 1), MV_TEXT("number", "1"),
		MV_TEXT("title", "Public & open"), MV_TEXT("description_md", "Desc **bold**"),
		MV_TEXT("minutes_md", "Minuted"), MV_TEXT("decision_md", "Decided"));
	it_ex = MODEL_INSERT(db, agenda_item, MV_INT("meeting_id", held), MV_INT("position", 2), MV_TEXT("number", "2"),
		MV_TEXT("title", "Exempt title"), MV_INT("exempt", 1), MV_INT("exempt_paragraph", 3),
		MV_TEXT("exempt_reason", "Commercial"), MV_TEXT("description_md", "SECRET desc"),
		MV_TEXT("minutes_md", "SECRET minutes"), MV_TEXT("decision_md", "SECRET decision"));
	it_draft = MODEL_INSERT(db, agenda_item, MV_INT("meeting_id", draft), MV_INT("position", 1),
		MV_TEXT("title", "Draft agenda item"), MV_TEXT("description_md", "SECRET draft"));
	it_dm = MODEL_INSERT(db, agenda_item, MV_INT("meeting_id", draftmin), MV_INT("position", 1),
		MV_TEXT("title", "Item with draft minutes"), MV_TEXT("minutes_md", "SECRET draft minutes"));
	f_pub = MODEL_INSERT(db, file, MV_TEXT("title", "Report"), MV_TEXT("filename", "r.pdf"),
		MV_TEXT("mime_type", "application/pdf"),
		MV_TEXT("sha256", "0000000000000000000000000000000000000000000000000000000000000000"), MV_INT("size", 1));
	f_ex = MODEL_INSERT(db, file, MV_TEXT("title", "Exempt report"), MV_TEXT("filename", "x.pdf"),
		MV_TEXT("mime_type", "application/pdf"),
		MV_TEXT("sha256", "0000000000000000000000000000000000000000000000000000000000000001"), MV_INT("size", 1));
	assert_true(MODEL_INSERT(db, file_link, MV_INT("file_id", f_pub), MV_INT("agenda_item_id", it_pub)) > 0);
	assert_true(MODEL_INSERT(db, file_link, MV_INT("file_id", f_ex), MV_INT("agenda_item_id", it_ex)) > 0);
	assert_int_equal(db_commit(db), 0);
	assert_true(it_draft > 0 && it_dm > 0);

	/* A public item shows everything, rendered. */
	assert_int_equal(pub_item(db, held, it_pub, &ir), 1);
	assert_string_equal(ir.title, "Public & open");
	assert_string_equal(ir.description_html, "<p>Desc <strong>bold</strong></p>\n");
	assert_non_null(ir.minutes_html);
	assert_non_null(ir.decision_html);
	/* An exempt item shows its title and exemption, nothing else. */
	assert_int_equal(pub_item(db, held, it_ex, &ir), 1);
	assert_string_equal(ir.title, "Exempt title");
	assert_int_equal(ir.exempt_paragraph, 3);
	assert_null(ir.description_html);
	assert_null(ir.minutes_html);
	assert_null(ir.decision_html);
	/* A draft agenda shows no items; draft minutes are not shown. */
	assert_int_equal(pub_meeting(db, draft, &mr), 1);
	assert_int_equal(pub_item(db, draft, it_draft, &ir), 0);
	assert_int_equal(pub_item(db, draftmin, it_dm, &ir), 1);
	assert_null(ir.minutes_html);
	assert_int_equal(pub_meeting(db, draftmin, &mr), 1);
	assert_string_equal(mr.minutes_status, "none");
	/* An item looked up under the wrong meeting is not found. */
	assert_int_equal(pub_item(db, draft, it_pub, &ir), 0);
	/* Files: the exempt item's file is not public. */
	assert_int_equal(pub_file(db, f_pub, &fr), 1);
	assert_int_equal(pub_file(db, f_ex, &fr), 0);
	assert_int_equal(pub_files_of_item(db, it_ex, &c), 0);
	n = 0;
	while (cursor_next_file(&c, &fr))
		n++;
	assert_int_equal(n, 0);
	/* No view row anywhere carries the secret text. */
	assert_int_equal(count(db, "SELECT count(*) FROM pub_agenda_item WHERE"
		" coalesce(description_html,'') || coalesce(minutes_html,'') || coalesce(decision_html,'') LIKE '%SECRET%'"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM agenda_item WHERE description_md LIKE '%SECRET%'"), 2);
	/* An unpublished meeting disappears entirely. */
	assert_int_equal(db_exec(db, "UPDATE meeting SET published = 0 WHERE id = 1"), 0);
	assert_int_equal(pub_meeting(db, held, &mr), 0);
	assert_int_equal(pub_item(db, held, it_pub, &ir), 0);
	assert_int_equal(pub_file(db, f_pub, &fr), 0);
	db_release_all(db);
}

static char *md(const char *s)
{
	return markdown_to_html(s, strlen(s));
}

static void markdown_is_safe(void **state)
{
	char *h = md("<script>alert(1)</script>\n\n[x](javascript:alert(1)) **b**");

	assert_non_null(h);
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "javascript:"));
	assert_non_null(strstr(h, "<strong>b</strong>"));
	free(h);
	h = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
	assert_non_null(strstr(h, "<table>"));
	free(h);
	h = md("- £26.9m & 90.54%\n- two\n");
	assert_non_null(strstr(h, "<li>£26.9m &amp; 90.54%</li>"));
	free(h);
}

/* query.c: a list of values binds ?1, ?2 ... (Markdown as two, values past
 * the last parameter left out); a table of columns reads a row into a
 * struct, a nested one and copied text included. */
struct inner {
	int64_t n;
	const char *t;
};
struct outer {
	struct inner in;
	int i;
	char buf[4];
	const char *md, *html;
};
static const struct rcol inner_cols[] = { RCOL(struct inner, n), RCOL(struct inner, t), RCOL_END };
static const struct rcol outer_cols[] = {
	RSUB(struct outer, in, inner_cols), RCOL(struct outer, i), RBUF(struct outer, buf), RCOL(struct outer, md),
	RCOL(struct outer, html), RCOL_END
};

static void bound_lists_and_row_tables(void **state)
{
	struct db *db = *state;
	struct outer o;
	struct cursor c;
	int64_t v = 0;
	char *t;

	assert_int_equal(db_row(db, "SELECT ?1, ?2, ?3, ?4, ?5, ?6", DB_ARGS(v_int(7), v_id(0), v_int(-2), v_text("long"),
			 v_md("*hi*"), v_int(99)), outer_cols, &o), 1);
	assert_int_equal(o.in.n, 7);
	assert_null(o.in.t);
	assert_int_equal(o.i, -2);
	assert_string_equal(o.buf, "lon");
	assert_string_equal(o.md, "*hi*");
	assert_non_null(strstr(o.html, "<em>hi</em>"));
	assert_int_equal(db_row(db, "SELECT 1 WHERE 0", NULL, inner_cols, &o.in), 0);
	assert_int_equal(db_int_of(db, "SELECT ?1 + ?2", DB_ARGS(v_int(40), v_int(2)), &v), 1);
	assert_int_equal(v, 42);
	t = db_text_of(db, "SELECT ?1 || ?2", DB_ARGS(v_textn("abcdef", 3), v_null()));
	assert_null(t);
	t = db_text_of(db, "SELECT ?1 || 'x'", DB_ARGS(v_textn("abcdef", 3)));
	assert_string_equal(t, "abcx");
	free(t);
	assert_int_equal(db_list(db, &c, "SELECT value, 'v' || value FROM json_each('[1,2,3]') WHERE value >= ?1",
				 DB_ARGS(v_int(2))), 0);
	assert_int_equal(db_cursor_next(&c, inner_cols, &o.in), 1);
	assert_int_equal(o.in.n, 2);
	assert_string_equal(o.in.t, "v2");
	assert_int_equal(db_cursor_next(&c, inner_cols, &o.in), 1);
	assert_int_equal(db_cursor_next(&c, inner_cols, &o.in), 0);
	assert_int_equal(c.err, 0);
	assert_int_equal(db_run(db, "SELECT no_such_function(?1)", "trying", DB_ARGS(v_int(1))), -1);
	assert_non_null(strstr(db->err, "no_such_function"));
}

/* The outbox's claim: of two senders (servers of one database, here two
 * connections) that read the same message, one sends it; the other is
 * told it is taken, and it is not due again until the lease ends. */
static void outbox_message_claimed_once(void **state)
{
	struct db *db = *state, other;
	struct alert_msg m1, m2;
	char to[64];
	int64_t id;

	assert_int_equal(db_open(&other, path, 0), 0);
	id = alert_msg_add(db, 0, "someone@example.org", "confirm", "Subject", "text", NULL, NULL, "<m1@example.org>");
	assert_true(id > 0);
	assert_int_equal(alert_msg_next(db, &m1, to, sizeof(to)), 1);
	assert_int_equal(alert_msg_next(&other, &m2, to, sizeof(to)), 1);
	assert_int_equal(m1.id, id);
	assert_int_equal(m2.id, id);
	assert_int_equal(m1.attempts, m2.attempts);
	db_release_all(db);
	db_release_all(&other);
	assert_int_equal(alert_msg_sending(db, id, m1.attempts), 0);
	assert_int_equal(alert_msg_sending(&other, id, m2.attempts), 1);
	assert_int_equal(alert_msg_next(&other, &m2, to, sizeof(to)), 0);
	assert_int_equal(alert_msg_sent(db, id), 0);
	assert_int_equal(count(db, "SELECT attempts FROM alert_message WHERE state = 'sent'"), 1);
	db_close(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrated_with_pragmas),
		cmocka_unit_test(refuses_newer_schema),
		cmocka_unit_test(refuses_non_database),
		cmocka_unit_test(audit_log_is_append_only),
		cmocka_unit_test(public_views_hide_what_is_not_public),
		cmocka_unit_test(markdown_is_safe),
		cmocka_unit_test(bound_lists_and_row_tables),
		cmocka_unit_test(outbox_message_claimed_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
