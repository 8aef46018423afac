/* test_model.c: the model of the record (db/model.h): it and the schema
 * agree column for column; each public view exposes exactly the model's
 * public fields, in order; the one set of checks says what it should; a
 * row saved through the model is read back, audited and published. */
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
#include "db/admin.h"
#include "db/db_int.h"
#include "db/lifecycle.h"
#include "db/model.h"
#include "db/public.h"
#include "util/buf.h"

static char path[64];

struct fix {
	struct db db;
	struct db pub;
};

static int setup(void **state)
{
	static struct fix f;

	snprintf(path, sizeof(path), "/tmp/witan-model-%ld.db", (long)getpid());
	unlink(path);
	if (db_open(&f.db, path, DB_CREATE) < 0 || db_begin(&f.db) < 0)
		return -1;
	if (MODEL_INSERT(&f.db, body, MV_TEXT("name", "Test Council")) < 0 || db_commit(&f.db) < 0)
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

/* The columns of a table or view, comma-separated. */
static void columns(struct db *db, const char *table, struct buf *out)
{
	char sql[160];
	sqlite3_stmt *s;

	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s')", table);
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		buf_printf(out, "%s%s", out->len ? "," : "", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* Every column of an entity's table is a field of the model and every
 * field (but the computed ones) a column: neither can be added alone. */
static void model_matches_schema(void **state)
{
	struct fix *f = *state;

	for (int k = 0; k < M_NENTITIES; k++) {
		const struct mentity *e = &model[k];
		struct buf have = BUF_INIT;
		char *p, *save = NULL;
		int n = 0, fields = 0;

		columns(&f->db, e->table, &have);
		assert_true(have.len > 0);
		for (p = strtok_r(have.data, ",", &save); p; p = strtok_r(NULL, ",", &save), n++)
			if (!model_field(e, p))
				fail_msg("column %s.%s is not in the model (db/model.h)", e->table, p);
		for (int i = 0; i < e->nfields; i++)
			if (e->fields[i].cls != 'V')
				fields++;
		if (fields != n)
			fail_msg("the model of %s has %d fields, its table %d columns", e->table, fields, n);
		buf_release(&have);
	}
}

/* pub_X shows exactly the model's public fields, in the model's order. */
static void views_expose_exactly_the_public_fields(void **state)
{
	struct fix *f = *state;
	int views = 0;

	for (int k = 0; k < M_NENTITIES; k++) {
		const struct mentity *e = &model[k];
		struct buf want = BUF_INIT, have = BUF_INIT;
		char view[64];

		for (int i = 0; i < e->nfields; i++) {
			const struct mfield *fd = &e->fields[i];
			if (fd->cls != 'I' && fd->cls != 'V')
				buf_printf(&want, "%s%s", want.len ? "," : "", fd->col);
		}
		snprintf(view, sizeof(view), "pub_%s", e->table);
		columns(&f->db, view, &have);
		if (!want.len) {
			assert_int_equal(have.len, 0);   /* internal whole: no view */
		} else {
			assert_non_null(have.data);
			assert_string_equal(have.data, want.data);
			views++;
		}
		buf_release(&want);
		buf_release(&have);
	}
	assert_true(views >= 15);
}

static void checks_say_why(void **state)
{
	const struct mentity *loc = &model[M_location], *person = &model[M_person], *org = &model[M_organization];
	char m[MODEL_MSG];
	char long_line[300];

	(void)state;
	memset(long_line, 'x', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';
	assert_null(model_check_field(model_field(loc, "latitude"), "52.1917", m, sizeof(m)));
	assert_null(model_check_field(model_field(loc, "latitude"), NULL, m, sizeof(m)));
	assert_null(model_check_field(model_field(loc, "longitude"), "-2.1992", m, sizeof(m)));
	assert_non_null(model_check_field(model_field(loc, "latitude"), "91", m, sizeof(m)));
	assert_string_equal(m, "The latitude must be decimal degrees from -90 to 90, for example 52.1917");
	assert_non_null(model_check_field(model_field(loc, "longitude"), "2,5", m, sizeof(m)));
	assert_non_null(model_check_field(model_field(loc, "longitude"), "1e2", m, sizeof(m)));
	assert_non_null(model_check_field(model_field(loc, "name"), "", m, sizeof(m)));
	assert_string_equal(m, "Enter the venue's name");
	assert_non_null(model_check_field(model_field(loc, "postcode"), long_line, m, sizeof(m)));
	assert_string_equal(m, "The postcode must be at most 200 characters of text on one line");
	assert_non_null(model_check_field(model_field(loc, "room"), "a\nb", m, sizeof(m)));
	assert_null(model_check_field(model_field(loc, "description"), "a\nb", m, sizeof(m)));
	/* One rule for an e-mail address, wherever it comes from. */
	assert_null(model_check_field(model_field(person, "email"), "clerk@example.org", m, sizeof(m)));
	assert_non_null(model_check_field(model_field(person, "email"), "not an address", m, sizeof(m)));
	assert_string_equal(m, "Enter an e-mail address like name@example.org, or leave it empty");
	assert_non_null(model_check_field(model_field(&model[M_body], "email"), "x@y", m, sizeof(m)));
	{
		/* Limits over a thousand are written as people write them. */
		char *big = malloc(4194306);
		assert_non_null(big);
		memset(big, 'a', 4194305);
		big[4194305] = '\0';
		assert_null(model_check_field(model_field(&model[M_agenda_item], "description_md"), "a\nb", m, sizeof(m)));
		big[100001] = '\0';
		assert_non_null(model_check_field(model_field(&model[M_agenda_item], "description_md"), big, m, sizeof(m)));
		assert_string_equal(m, "The description must be at most 100,000 characters of text");
		big[100001] = 'a';
		assert_non_null(model_check_field(model_field(&model[M_agenda_item], "minutes_html"), big, m, sizeof(m)));
		assert_string_equal(m, "The minutes must be at most 4,194,304 characters of text");
		free(big);
	}
	assert_non_null(model_check_field(model_field(org, "kind"), "club", m, sizeof(m)));
	assert_string_equal(m, "Choose the kind of committee from the list");
	assert_non_null(model_check_field(model_field(org, "start_date"), "2021-02-30", m, sizeof(m)));
	assert_non_null(model_check_field(model_field(&model[M_body], "website"), "javascript:alert(1)", m, sizeof(m)));
	assert_non_null(model_check_field(model_field(&model[M_body], "colour_primary"), "red", m, sizeof(m)));
	{
		/* An end before its start. */
		const char *typed[40] = { 0 };
		struct model_errs me = { 0 };
		typed[model_field(org, "name") - org->fields] = "Audit";
		typed[model_field(org, "kind") - org->fields] = "committee";
		typed[model_field(org, "start_date") - org->fields] = "2021-05-20";
		typed[model_field(org, "end_date") - org->fields] = "2020-01-01";
		assert_int_equal(model_check(org, typed, MF_EDIT, &me), 1);
		assert_string_equal(me.e[0].field, "end_date");
	}
}

/* A venue with coordinates through the model: saved (audited), read back,
 * and public in its view with them. */
static void save_read_audit_publish(void **state)
{
	struct fix *f = *state;
	const struct mentity *e = &model[M_location];
	struct m_location in = { .name = "Council Chamber", .postcode = "WR5 2NP", .latitude = "52.1917",
				 .longitude = "-2.1992" }, out;
	int64_t id = model_save(&f->db, 0, e, 0, &in);
	sqlite3_stmt *s;

	assert_true(id > 0);
	assert_int_equal(model_get(&f->db, e, id, &out), 1);
	assert_string_equal(out.name, "Council Chamber");
	assert_string_equal(out.latitude, "52.1917");
	assert_string_equal(out.longitude, "-2.1992");
	assert_null(out.room);
	in.room = "Room 1";
	assert_int_equal(model_save(&f->db, 0, e, id, &in), id);
	assert_int_equal(model_save(&f->db, 0, e, id + 100, &in), -1);   /* no such venue */
	assert_int_equal(sqlite3_prepare_v2(f->db.h, "SELECT json_extract(after_json, '$.latitude'),"
					    " json_extract(before_json, '$.room'), json_extract(after_json, '$.room')"
					    " FROM audit_log WHERE entity = 'location' ORDER BY id DESC LIMIT 1", -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_float_equal(sqlite3_column_double(s, 0), 52.1917, 1e-9);
	assert_int_equal(sqlite3_column_type(s, 1), SQLITE_NULL);
	assert_string_equal((const char *)sqlite3_column_text(s, 2), "Room 1");
	sqlite3_finalize(s);
	assert_int_equal(model_pub_get(&f->pub, e, id, &out), 1);
	assert_string_equal(out.latitude, "52.1917");
	assert_string_equal(out.room, "Room 1");
}

/* model_insert: a row from values by column, each checked with the
 * model's checks, Markdown rendered, the other columns their defaults. */
static void insert_checks_and_renders(void **state)
{
	struct fix *f = *state;
	struct m_organization o;
	int64_t org, none;
	sqlite3_stmt *s;

	assert_int_equal(db_begin(&f->db), 0);
	org = MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "Scrutiny"),
		MV_INT("parent_id", 0), MV_TEXT("purpose_md", "To **scrutinise**."), MV_TEXT("short_name", ""));
	assert_true(org > 0);
	/* A value that fails its check writes nothing and says which. */
	none = MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "X"), MV_TEXT("kind", "club"));
	assert_int_equal(none, -1);
	assert_string_equal(f->db.err, "organization.kind: Choose the kind of committee from the list");
	assert_int_equal(MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "Y"),
				      MV_TEXT("start_date", "20 May 2021")), -1);
	assert_non_null(strstr(f->db.err, "organization.start_date: "));
	assert_int_equal(MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "")), -1);
	assert_non_null(strstr(f->db.err, "organization.name: Enter"));
	/* Only columns the program writes: not the HTML, not the system's. */
	assert_int_equal(MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "Z"),
				      MV_TEXT("purpose_html", "<script>")), -1);
	assert_int_equal(MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "Z"),
				      MV_TEXT("modified", "2020-01-01T00:00:00Z")), -1);
	assert_int_equal(MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("nickname", "Z")), -1);
	assert_string_equal(f->db.err, "organization.nickname: not a column written by model_insert");
	assert_int_equal(db_commit(&f->db), 0);

	assert_int_equal(model_get(&f->db, &model[M_organization], org, &o), 1);
	assert_string_equal(o.name, "Scrutiny");
	assert_string_equal(o.kind, "committee");          /* the schema's default */
	assert_int_equal(o.parent_id, 0);                  /* a reference 0 is none */
	assert_null(o.short_name);                         /* empty text is none */
	assert_non_null(strstr(o.purpose_html, "<strong>scrutinise</strong>"));
	assert_int_equal(sqlite3_prepare_v2(f->db.h, "SELECT count(*) FROM organization WHERE name IN ('X', 'Y', 'Z')",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
}

/* The lifecycle table, and its enforcement by the writes themselves. */
static void lifecycle_is_enforced_below_the_handlers(void **state)
{
	struct fix *f = *state;
	int64_t org, m;
	sqlite3_stmt *s;

	assert_null(life_refusal(LIFE_AGENDA, "draft", "published", "draft", "none"));
	assert_string_equal(life_refusal(LIFE_AGENDA, "published", "published", "published", "none"),
			    "The agenda is already published.");
	assert_non_null(life_refusal(LIFE_AGENDA, "published", "draft", "published", "approved"));
	assert_null(life_refusal(LIFE_AGENDA, "published", "draft", "published", "draft"));
	assert_string_equal(life_refusal(LIFE_MINUTES, "draft", "published", "draft", "draft"),
			    "Publish the agenda before the minutes.");
	assert_null(life_refusal(LIFE_MINUTES, "draft", "published", "published", "draft"));
	assert_non_null(life_refusal(LIFE_MINUTES, "draft", "approved", "published", "draft"));
	assert_null(life_refusal(LIFE_MINUTES, "published", "approved", "published", "published"));
	assert_non_null(life_refusal(LIFE_MINUTES, "approved", "draft", "published", "approved"));
	assert_non_null(life_refusal(LIFE_MEETING, "held", "cancelled", "published", "none"));
	assert_null(life_refusal(LIFE_MEETING, "postponed", "scheduled", "published", "none"));
	assert_non_null(life_refusal(LIFE_MEETING, "scheduled", "adjourned", "draft", "none"));

	assert_int_equal(db_begin(&f->db), 0);
	org = MODEL_INSERT(&f->db, organization, MV_INT("body_id", 1), MV_TEXT("name", "Audit"));
	m = MODEL_INSERT(&f->db, meeting, MV_INT("organization_id", org), MV_TEXT("start_at", "2030-01-10 10:00"),
		MV_TEXT("minutes_status", "draft"));
	assert_int_equal(db_commit(&f->db), 0);
	/* Minutes cannot be published while the agenda is a draft, whoever asks. */
	assert_int_equal(adm_minutes_status(&f->db, 0, m, "published", 0, NULL), LIFE_REFUSED);
	assert_string_equal(f->db.err, "Publish the agenda before the minutes.");
	assert_int_equal(adm_agenda_publish(&f->db, 0, m, NULL), 0);
	assert_int_equal(adm_agenda_publish(&f->db, 0, m, NULL), LIFE_REFUSED);
	assert_int_equal(adm_minutes_status(&f->db, 0, m, "published", 0, NULL), 0);
	assert_int_equal(adm_agenda_publish(&f->db, 0, m, "a reason"), LIFE_REFUSED);
	assert_int_equal(adm_meeting_state(&f->db, 0, m, "held", NULL), 0);
	assert_int_equal(adm_meeting_state(&f->db, 0, m, "cancelled", "too late"), LIFE_REFUSED);
	assert_int_equal(sqlite3_prepare_v2(f->db.h, "SELECT state, agenda_status, minutes_status FROM meeting"
					    " WHERE id = ?1", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, m);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "held");
	assert_string_equal((const char *)sqlite3_column_text(s, 1), "published");
	assert_string_equal((const char *)sqlite3_column_text(s, 2), "published");
	sqlite3_finalize(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_matches_schema),
		cmocka_unit_test(views_expose_exactly_the_public_fields),
		cmocka_unit_test(checks_say_why),
		cmocka_unit_test(save_read_audit_publish),
		cmocka_unit_test(insert_checks_and_renders),
		cmocka_unit_test(lifecycle_is_enforced_below_the_handlers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
