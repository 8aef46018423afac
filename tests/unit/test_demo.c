/* test_demo.c: unit tests for demo/ (the record of `witan init --demo`).
 *
 * Builds the demo twice, for today and for a fixed day in another season
 * (WITAN_DEMO_TODAY), and checks each against what the product promises:
 * the seed meeting and its item reproduced exactly, a realistic calendar,
 * the lifecycle states, one exempt item, and the confidential and draft
 * marker words confined to the rows that carry them and absent from every
 * public view.  As a test of the db layer it reads the tables directly. */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>
#include "db/db.h"
#include "db/db_int.h"
#include "demo/demo.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/notice.h"

#include "util/banned.h"

#define SEED_TITLE "Police & Crime Plan Activity and Performance Monitoring Report (October - December 2018)"
#define FIXED_DAY "2027-03-20"

struct run {
	const char *today;      /* WITAN_DEMO_TODAY, or NULL for the real date */
	char dir[64], path[96];
	struct db db;
	struct store st;
	double seconds;
	int rc;
	char err[512];
};

static struct run runs[2] = { { .today = NULL }, { .today = FIXED_DAY } };

/* Sanitizer builds: fontconfig (under pdfgen) leaks the configuration it
 * parses once per process, which is not ours to free.  Matched by module,
 * as fontconfig's frames are only seen in full with the slow unwinder. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	for (int i = 0; i < 2; i++) {
		struct run *r = &runs[i];
		struct timespec a, b;

		snprintf(r->dir, sizeof(r->dir), "/tmp/witan-demo-XXXXXX");
		if (!mkdtemp(r->dir))
			return -1;
		snprintf(r->path, sizeof(r->path), "%s/demo.db", r->dir);
		if (db_open(&r->db, r->path, DB_CREATE) < 0 || store_open(&r->st, r->path) < 0)
			return -1;
		if (r->today)
			setenv("WITAN_DEMO_TODAY", r->today, 1);
		else
			unsetenv("WITAN_DEMO_TODAY");
		clock_gettime(CLOCK_MONOTONIC, &a);
		r->rc = demo_create(&r->db, &r->st, r->err, sizeof(r->err));
		clock_gettime(CLOCK_MONOTONIC, &b);
		r->seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		fprintf(stderr, "demo for %s: %.2f s%s%s\n", r->today ? r->today : "today", r->seconds,
			r->rc ? ", failed: " : "", r->rc ? r->err : "");
	}
	unsetenv("WITAN_DEMO_TODAY");
	*state = runs;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		db_close(&runs[i].db);
		store_close(&runs[i].st);
		nftw(runs[i].dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	return 0;
}

/* The first column of the first row of sql (with an optional text
 * parameter ?1), as an integer. */
static int64_t q(struct db *db, const char *sql, const char *arg)
{
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK) {
		fail_msg("SQL error: %s in %s", sqlite3_errmsg(db->h), sql);
		return -1;
	}
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The same, as a malloc'd string (or NULL). */
static char *qs(struct db *db, const char *sql, const char *arg)
{
	sqlite3_stmt *s = NULL;
	char *v = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK) {
		fail_msg("SQL error: %s in %s", sqlite3_errmsg(db->h), sql);
		return NULL;
	}
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* (How long it takes is a benchmark's business, not a test's.) */
static void built(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++)
		if (r[i].rc != 0)
			fail_msg("demo_create failed: %s", r[i].err);
}

static void body_and_committees(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;
		char *logo = qs(db, "SELECT logo_svg FROM body", NULL);
		char *day = r[i].today ? strdup(r[i].today) : qs(db, "SELECT date('now', 'localtime')", NULL);

		assert_int_equal(q(db, "SELECT count(*) FROM body WHERE name = 'Worcestershire County Council'"
				   " AND region = 'england' AND notice_clear_days = 5"
				   " AND address LIKE '%Spetchley Road, Worcester WR5 2NP'", NULL), 1);
		assert_non_null(logo);
		assert_non_null(strstr(logo, "role=\"img\""));
		assert_non_null(strstr(logo, "<title>"));
		assert_true(strlen(logo) < 2000);
		free(logo);
		assert_true(q(db, "SELECT count(*) FROM legislative_term WHERE start_date <= '2025-05-31'"
			      " AND end_date >= '2029-05-01'", NULL) == 1);
		assert_true(q(db, "SELECT count(*) FROM organization WHERE kind <> 'council'", NULL) >= 5);
		assert_int_equal(q(db, "SELECT count(*) FROM organization WHERE kind = 'council'", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM organization WHERE kind = 'panel'"
				   " AND name = 'West Mercia Police and Crime Panel' AND purpose_html LIKE '%<li>%'",
				   NULL), 1);
		assert_true(q(db, "SELECT count(*) FROM person", NULL) >= 40);
		/* the joint panel: every nominating council, two co-opted members */
		assert_int_equal(q(db, "SELECT count(DISTINCT p.nominated_by) FROM membership ms"
				   " JOIN person p ON p.id = ms.person_id JOIN organization o ON o.id = ms.organization_id"
				   " WHERE o.kind = 'panel' AND (p.nominated_by IN ('Herefordshire Council',"
				   " 'Shropshire Council', 'Telford & Wrekin Council', 'Worcestershire County Council')"
				   " OR p.nominated_by LIKE '% District Council')", NULL) >= 5, 1);
		assert_int_equal(q(db, "SELECT count(DISTINCT ms.person_id) FROM membership ms JOIN organization o"
				   " ON o.id = ms.organization_id WHERE o.kind = 'panel' AND ms.role = 'co_opted'"
				   " AND ms.end_date IS NULL", NULL), 2);
		assert_true(q(db, "SELECT count(*) FROM membership WHERE role = 'co_opted' AND voting = 0", NULL) >= 1);
		assert_true(q(db, "SELECT count(*) FROM membership WHERE role = 'substitute'", NULL) >= 1);
		/* every committee, on the day it was built: a chair, a vice-chair, 6 to 12 members */
		assert_int_equal(q(db,
			"SELECT count(*) FROM organization o WHERE o.kind <> 'council' AND ("
			" (SELECT count(*) FROM membership ms WHERE ms.organization_id = o.id AND ms.role = 'chair'"
			"   AND ms.start_date <= ?1 AND (ms.end_date IS NULL OR ms.end_date >= ?1)) <> 1"
			" OR (SELECT count(*) FROM membership ms WHERE ms.organization_id = o.id AND ms.role = 'vice_chair'"
			"   AND ms.start_date <= ?1 AND (ms.end_date IS NULL OR ms.end_date >= ?1)) <> 1"
			" OR (SELECT count(*) FROM membership ms WHERE ms.organization_id = o.id AND ms.role <> 'substitute'"
			"   AND ms.start_date <= ?1 AND (ms.end_date IS NULL OR ms.end_date >= ?1)) NOT BETWEEN 6 AND 12)",
			day), 0);
		free(day);
		assert_true(q(db, "SELECT count(*) FROM location", NULL) >= 4);
		assert_int_equal(q(db, "SELECT count(*) FROM location WHERE locality = 'Shrewsbury'", NULL), 1);
	}
}

static void meetings_and_lifecycle(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;

		assert_true(q(db, "SELECT count(*) FROM meeting", NULL) >= 24);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE state = 'cancelled'"
				   " AND state_reason = 'Cancelled as there was insufficient business'"
				   " AND agenda_status = 'draft'", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE state = 'cancelled'", NULL), 1);
		assert_true(q(db, "SELECT count(*) FROM meeting WHERE state = 'postponed'", NULL) <= 1);
		assert_true(q(db, "SELECT count(DISTINCT organization_id) FROM meeting", NULL) >= 6);
		/* formats: local start/end, UTC publication times before the meeting */
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE start_at NOT GLOB"
				   " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'"
				   " OR end_at <= start_at", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE agenda_published_at IS NOT NULL AND ("
				   " agenda_published_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
				   "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' OR substr(agenda_published_at, 1, 10) >="
				   " substr(start_at, 1, 10) OR agenda_status <> 'published')", NULL), 0);
		/* held: agenda published, attendance; minutes approved at the next meeting */
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE state = 'held' AND (agenda_status <>"
				   " 'published' OR minutes_status = 'none')", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE state = 'held' AND minutes_status = 'draft'",
				   NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE m.minutes_status = 'approved' AND NOT EXISTS"
				   " (SELECT 1 FROM meeting a WHERE a.id = m.minutes_approved_by AND a.state = 'held'"
				   " AND a.organization_id = m.organization_id AND a.start_at > m.start_at"
				   " AND NOT EXISTS (SELECT 1 FROM meeting b WHERE b.organization_id = m.organization_id"
				   " AND b.state = 'held' AND b.start_at > m.start_at AND b.start_at < a.start_at))", NULL), 0);
		assert_true(q(db, "SELECT count(*) FROM meeting WHERE minutes_status = 'approved'", NULL) >= 15);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE minutes_status IN ('published', 'approved')"
				   " AND (minutes_published_at IS NULL OR minutes_published_at < start_at)", NULL), 0);
		/* upcoming: one agenda published ahead of its meeting, later ones still drafts */
		assert_true(q(db, "SELECT count(*) FROM meeting WHERE state = 'scheduled' AND agenda_status = 'published'",
			      NULL) >= 1);
		assert_true(q(db, "SELECT count(*) FROM meeting WHERE state = 'scheduled' AND agenda_status = 'draft'",
			      NULL) >= 3);
		/* every published agenda of the calendar has 5 to 12 items, numbered
		 * 1..N (the unlisted briefing has one: demo.h) */
		assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE agenda_status = 'published' AND published AND"
				   " (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id) NOT BETWEEN 5 AND 12",
				   NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item WHERE number <> CAST(position AS TEXT)", NULL), 0);
		/* items with minutes only where the meeting was held */
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				   " WHERE m.state <> 'held' AND i.minutes_md IS NOT NULL", NULL), 0);
		assert_true(q(db, "SELECT count(*) FROM agenda_item WHERE decision_md LIKE 'RESOLVED that%'", NULL) >= 30);
	}
}

/* Strip tags and decode the entities cmark emits. */
static char *html_text(const char *html)
{
	struct buf b = BUF_INIT;
	int in_tag = 0;

	for (const char *p = html; *p; p++) {
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>')
			in_tag = 0;
		else if (in_tag)
			continue;
		else if (!strncmp(p, "&amp;", 5))
			buf_putc(&b, '&'), p += 4;
		else if (!strncmp(p, "&lt;", 4))
			buf_putc(&b, '<'), p += 3;
		else if (!strncmp(p, "&gt;", 4))
			buf_putc(&b, '>'), p += 3;
		else if (!strncmp(p, "&quot;", 6))
			buf_putc(&b, '"'), p += 5;
		else
			buf_putc(&b, *p);
	}
	return buf_detach(&b, NULL);
}

static void seed_meeting(void **state)
{
	static const char *const items[] = {
		"Welcome and Introductions", "Named Substitutes", "Apologies", "Declarations of Interest",
		"Public Participation", "Confirmation of the Minutes of the Previous Meeting",
		"Proposed Precept 2019/20", SEED_TITLE, "Work Programme",
	};
	static const char *const figures[] = {
		"£26.9m", "90.54%", "54%", "£0.5m", "£1m", "£0.25m", "1April 2019", "West Mercia’s",
		"(OCC, DCD and KCOM) – funds", "Police &amp; Crime Plan", "1-2-1 basis", "MP’s was welcome",
		"<p>Discussion points:</p>",
	};
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;
		const struct embedded_file *md = embed_find("data/demo/seed-minutes.md");
		char *html, *text, *stored, *ul2;
		int64_t mid;

		mid = q(db, "SELECT m.id FROM meeting m JOIN organization o ON o.id = m.organization_id"
			" JOIN location l ON l.id = m.location_id WHERE m.start_at = '2019-02-04 11:00'"
			" AND m.end_at = '2019-02-04 13:30' AND m.state = 'held' AND m.agenda_status = 'published'"
			" AND m.minutes_status = 'approved' AND m.minutes_approved_by IS NOT NULL"
			" AND o.name = 'West Mercia Police and Crime Panel' AND l.name = 'Council Chamber, County Hall'", NULL);
		assert_true(mid > 0);
		for (int k = 0; k < 9; k++) {
			char sql[160];

			snprintf(sql, sizeof(sql), "SELECT title FROM agenda_item WHERE meeting_id = %lld AND position = %d"
				 " AND number = '%d'", (long long)mid, k + 1, k + 1);
			stored = qs(db, sql, NULL);
			assert_non_null(stored);
			assert_string_equal(stored, items[k]);
			free(stored);
		}
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item WHERE title = ?1", SEED_TITLE), 1);

		/* the minutes: the file as stored, rendered with its two lists intact */
		assert_non_null(md);
		stored = qs(db, "SELECT minutes_md FROM agenda_item WHERE title = ?1", SEED_TITLE);
		assert_non_null(stored);
		assert_string_equal(stored, md->data);
		free(stored);
		html = qs(db, "SELECT minutes_html FROM agenda_item WHERE title = ?1", SEED_TITLE);
		assert_non_null(html);
		for (size_t k = 0; k < sizeof(figures) / sizeof(figures[0]); k++)
			if (!strstr(html, figures[k]))
				fail_msg("seed minutes lack %s", figures[k]);
		assert_int_equal(count_of(html, "<ul>"), 2);
		ul2 = strstr(strstr(html, "<ul>") + 4, "<ul>");
		assert_non_null(ul2);
		/* the source page has 7 and 9 bullets */
		assert_int_equal(count_of(html, "<li>") - count_of(ul2, "<li>"), 7);
		assert_int_equal(count_of(ul2, "<li>"), 9);
		assert_null(strstr(html, "·"));
		assert_null(strstr(html, "Minutes:"));
		assert_null(strstr(html, "Supporting documents"));
		/* every line of the source reads the same once rendered */
		text = html_text(html);
		assert_non_null(text);
		for (const char *p = md->data; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char line[2048];

			if (len >= 2 && !strncmp(p, "- ", 2)) {
				p += 2;
				len -= 2;
			}
			assert_true(len < sizeof(line));
			memcpy(line, p, len);
			line[len] = '\0';
			if (len && !strstr(text, line))
				fail_msg("rendered minutes lack the line: %s", line);
			p += len;
			if (*p == '\n')
				p++;
		}
		free(text);
		free(html);

		/* its documents, attendance and declarations */
		assert_int_equal(q(db, "SELECT count(*) FROM file_link l JOIN file f ON f.id = l.file_id"
				   " JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.title = ?1 AND ("
				   " (l.role = 'report' AND f.title = 'Police and Crime Plan Activity and Performance"
				   " Monitoring Report') OR (l.role = 'appendix' AND f.title = 'Appendix 1 - Delivery Plan"
				   " Extract'))", SEED_TITLE), 2);
		assert_int_equal(q(db, "SELECT count(*) FROM file_link l JOIN meeting m ON m.id = l.meeting_id"
				   " WHERE m.start_at = '2019-02-04 11:00' AND l.role IN ('front_sheet', 'minutes')", NULL), 2);
		assert_int_equal(q(db, "SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id"
				   " JOIN meeting m ON m.id = a.meeting_id WHERE m.start_at = '2019-02-04 11:00'"
				   " AND a.status = 'in_attendance' AND p.name IN ('Mr John Campion', 'Mr Anthony Bangham')",
				   NULL), 2);
		assert_true(q(db, "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE"
			      " m.start_at = '2019-02-04 11:00' AND a.status = 'apologies'", NULL) >= 1);
		assert_int_equal(q(db, "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE"
				   " m.start_at = '2019-02-04 11:00' AND a.status = 'substitute'"
				   " AND a.substitute_for IS NOT NULL", NULL), 1);
		assert_true(q(db, "SELECT count(*) FROM declaration d JOIN meeting m ON m.id = d.meeting_id WHERE"
			      " m.start_at = '2019-02-04 11:00'", NULL) >= 1);
	}
}

static void exempt_item(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;

		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item WHERE exempt = 1", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				   " JOIN organization o ON o.id = m.organization_id WHERE i.exempt = 1"
				   " AND i.exempt_paragraph = 3 AND i.exempt_reason = 'Information relating to the"
				   " financial or business affairs of any particular person (including the authority"
				   " holding that information)' AND m.state = 'held' AND m.minutes_status IN"
				   " ('published', 'approved') AND o.kind IN ('cabinet', 'panel')"
				   " AND i.title NOT LIKE '%" DEMO_EXEMPT_MARKER "%'"
				   " AND i.description_md LIKE '%" DEMO_EXEMPT_MARKER "%'"
				   " AND i.minutes_md LIKE '%" DEMO_EXEMPT_MARKER "%'"
				   " AND i.decision_md LIKE '%" DEMO_EXEMPT_MARKER "%'", NULL), 1);
		/* its own document, and the exclusion resolution before it */
		assert_int_equal(q(db, "SELECT count(*) FROM file_link l JOIN agenda_item i ON i.id = l.agenda_item_id"
				   " JOIN file f ON f.id = l.file_id WHERE i.exempt = 1 AND f.title NOT LIKE '%"
				   DEMO_EXEMPT_MARKER "%' AND f.filename NOT LIKE '%" DEMO_EXEMPT_MARKER "%'", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item e JOIN agenda_item x ON x.meeting_id ="
				   " e.meeting_id AND x.position = e.position - 1 WHERE e.exempt = 1"
				   " AND x.kind = 'exclusion'", NULL), 1);
	}
}

/* How many rows of each table (or view) have a text column containing
 * word; fills per-table counts in out as "table=n " pairs. */
static int64_t sweep(struct db *db, const char *word, const char *type, struct buf *out)
{
	sqlite3_stmt *tables = NULL;
	int64_t total = 0;
	char like[64];

	snprintf(like, sizeof(like), "%%%s%%", word);
	/* Tables, or the public views (the adm_* views show clerks everything). */
	assert_int_equal(sqlite3_prepare_v2(db->h, "SELECT name FROM sqlite_master WHERE type = ?1"
					    " AND name NOT LIKE 'sqlite_%' AND (type = 'table' OR name LIKE 'pub_%')"
					    " ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	sqlite3_bind_text(tables, 1, type, -1, SQLITE_STATIC);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);
		struct buf sql = BUF_INIT, info = BUF_INIT;
		sqlite3_stmt *cols = NULL, *s = NULL;
		int ncols = 0;
		int64_t n = 0;

		buf_printf(&info, "SELECT name FROM pragma_table_info('%s')", t);
		assert_int_equal(sqlite3_prepare_v2(db->h, info.data, -1, &cols, NULL), SQLITE_OK);
		buf_printf(&sql, "SELECT count(*) FROM \"%s\" WHERE 0", t);
		while (sqlite3_step(cols) == SQLITE_ROW) {
			buf_printf(&sql, " OR CAST(\"%s\" AS TEXT) LIKE ?1", (const char *)sqlite3_column_text(cols, 0));
			ncols++;
		}
		sqlite3_finalize(cols);
		if (ncols) {
			assert_int_equal(sqlite3_prepare_v2(db->h, sql.data, -1, &s, NULL), SQLITE_OK);
			sqlite3_bind_text(s, 1, like, -1, SQLITE_STATIC);
			if (sqlite3_step(s) == SQLITE_ROW)
				n = sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
		}
		if (n && out)
			buf_printf(out, "%s=%lld ", t, (long long)n);
		total += n;
		buf_release(&sql);
		buf_release(&info);
	}
	sqlite3_finalize(tables);
	return total;
}

static void markers_stay_put(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;
		struct buf where = BUF_INIT;

		/* the exempt item and its decision record, nothing else */
		sweep(db, DEMO_EXEMPT_MARKER, "table", &where);
		assert_string_equal(where.data, "agenda_item=1 decision=1 ");
		buf_reset(&where);
		/* the items of one upcoming meeting whose agenda is a draft */
		sweep(db, DEMO_DRAFT_AGENDA_MARKER, "table", &where);
		assert_non_null(where.data);
		assert_int_equal(strncmp(where.data, "agenda_item=", 12), 0);
		assert_int_equal(strchr(where.data, ' ')[1], '\0');  /* that table only */
		buf_reset(&where);
		assert_int_equal(q(db, "SELECT count(DISTINCT i.meeting_id) FROM agenda_item i JOIN meeting m"
				   " ON m.id = i.meeting_id WHERE i.description_md LIKE '%" DEMO_DRAFT_AGENDA_MARKER "%'"
				   " AND m.agenda_status = 'draft' AND m.agenda_published_at IS NULL"
				   " AND m.state = 'scheduled'", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item WHERE (title || coalesce(minutes_md, '') ||"
				   " coalesce(decision_md, '')) LIKE '%" DEMO_DRAFT_AGENDA_MARKER "%'", NULL), 0);
		/* the minutes of the one held meeting whose minutes are a draft */
		sweep(db, DEMO_DRAFT_MINUTES_MARKER, "table", &where);
		assert_non_null(where.data);
		assert_int_equal(strncmp(where.data, "agenda_item=", 12), 0);
		assert_int_equal(strchr(where.data, ' ')[1], '\0');  /* that table only */
		buf_reset(&where);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				   " WHERE (i.minutes_md LIKE '%" DEMO_DRAFT_MINUTES_MARKER "%')"
				   " AND (m.state <> 'held' OR m.minutes_status <> 'draft')", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item WHERE (title || coalesce(description_md, '')"
				   " || coalesce(decision_md, '')) LIKE '%" DEMO_DRAFT_MINUTES_MARKER "%'", NULL), 0);
		/* internal fields: a member's e-mail, the unlisted briefing (its
		 * name, item and report; its text once read), an audit entry */
		sweep(db, DEMO_INTERNAL_MARKER, "table", &where);
		assert_string_equal(where.data, "agenda_item=1 audit_log=1 file=1 meeting=1 person=1 ");
		buf_reset(&where);
		/* and no public view shows any of them */
		assert_int_equal(sweep(db, DEMO_INTERNAL_MARKER, "view", NULL), 0);
		assert_int_equal(sweep(db, DEMO_EXEMPT_MARKER, "view", NULL), 0);
		assert_int_equal(sweep(db, DEMO_DRAFT_AGENDA_MARKER, "view", NULL), 0);
		assert_int_equal(sweep(db, DEMO_DRAFT_MINUTES_MARKER, "view", NULL), 0);
		buf_release(&where);
	}
}

static void documents(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;
		sqlite3_stmt *s = NULL;
		int64_t n = q(db, "SELECT count(*) FROM file", NULL);

		assert_true(n >= 60 && n <= 170);
		assert_int_equal(q(db, "SELECT count(*) FROM file WHERE mime_type <> 'application/pdf'"
				   " OR filename GLOB '*[^a-z0-9.-]*' OR filename NOT LIKE '%.pdf' OR size <= 0"
				   " OR page_count < 1 OR page_count > 6 OR length(sha256) <> 64", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM file f WHERE (SELECT count(*) FROM file_link l"
				   " WHERE l.file_id = f.id) <> 1", NULL), 0);
		/* front sheets, minutes, reports where they belong */
		assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE published AND (agenda_status = 'published') <>"
				   " EXISTS (SELECT 1 FROM file_link l WHERE l.meeting_id = m.id AND l.role = 'front_sheet')",
				   NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE (minutes_status IN ('published',"
				   " 'approved')) <> EXISTS (SELECT 1 FROM file_link l WHERE l.meeting_id = m.id"
				   " AND l.role = 'minutes')", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
				   " WHERE m.agenda_status = 'published' AND i.kind = 'item' AND i.title <> 'Work Programme'"
				   " AND i.title NOT LIKE 'Notice of Motion%' AND NOT EXISTS (SELECT 1 FROM file_link l"
				   " WHERE l.agenda_item_id = i.id AND l.role = 'report')", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM file_link l JOIN agenda_item i ON i.id = l.agenda_item_id"
				   " JOIN meeting m ON m.id = i.meeting_id WHERE m.agenda_status = 'draft'", NULL), 0);
		/* the bytes are in the store, and they are PDFs */
		assert_int_equal(sqlite3_prepare_v2(db->h, "SELECT sha256, size FROM file", -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			off_t size = 0;
			char head[5] = { 0 };
			int fd = store_open_read(&r[i].st, (const char *)sqlite3_column_text(s, 0), &size);

			assert_true(fd >= 0);
			assert_int_equal((int64_t)size, sqlite3_column_int64(s, 1));
			assert_int_equal(read(fd, head, 5), 5);
			assert_memory_equal(head, "%PDF-", 5);
			close(fd);
		}
		sqlite3_finalize(s);
	}
}

static void attendance_votes_decisions(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;

		assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE state = 'held' AND (NOT EXISTS (SELECT 1"
				   " FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present') OR NOT EXISTS"
				   " (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'apologies')"
				   " OR NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id"
				   " AND a.status = 'in_attendance'))", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id"
				   " WHERE m.state <> 'held'", NULL), 0);
		assert_true(q(db, "SELECT count(DISTINCT meeting_id) FROM attendance WHERE status = 'substitute'"
			      " AND substitute_for IS NOT NULL", NULL) >= 3);
		assert_int_equal(q(db, "SELECT count(*) FROM attendance WHERE (status = 'substitute') <>"
				   " (substitute_for IS NOT NULL)", NULL), 0);
		assert_true(q(db, "SELECT count(DISTINCT meeting_id) FROM declaration", NULL) >= 3);
		/* votes add up; one or more recorded by name */
		assert_true(q(db, "SELECT count(*) FROM vote", NULL) >= 3);
		assert_true(q(db, "SELECT count(*) FROM vote v WHERE recorded = 1 AND (SELECT count(*) FROM"
			      " vote_record r WHERE r.vote_id = v.id) = votes_for + votes_against + abstentions"
			      " AND votes_for > 0", NULL) >= 1);
		assert_int_equal(q(db, "SELECT count(*) FROM vote WHERE (result = 'carried') <> (votes_for >"
				   " votes_against)", NULL), 0);
		/* Cabinet decisions, a key decision on a paper, its consultation */
		assert_true(q(db, "SELECT count(*) FROM decision WHERE published = 1 AND decision_md LIKE 'RESOLVED%'",
			      NULL) >= 3);
		assert_true(q(db, "SELECT count(*) FROM paper WHERE key_decision = 1 AND forward_plan_date IS NOT NULL"
			      " AND reference GLOB 'CAB-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]'", NULL) >= 2);
		assert_true(q(db, "SELECT count(*) FROM consultation c JOIN paper p ON p.id = c.paper_id"
			      " JOIN agenda_item i ON i.id = c.agenda_item_id WHERE i.meeting_id = c.meeting_id"
			      " AND i.paper_id = p.id AND p.key_decision = 1", NULL) >= 1);
		assert_true(q(db, "SELECT count(*) FROM decision d JOIN paper p ON p.id = d.paper_id"
			      " WHERE p.key_decision = 1", NULL) >= 1);
	}
}

/* The statutory records (sql/014_statutory.sql): decisions of every kind,
 * the Forward Plan, the registers of interests, a paper followed through
 * three meetings and one agenda published late. */
static void statutory_records(void **state)
{
	struct run *r = *state;

	for (int i = 0; i < 2; i++) {
		struct db *db = &r[i].db;
		char *day = r[i].today ? strdup(r[i].today) : qs(db, "SELECT date('now', 'localtime')", NULL);
		sqlite3_stmt *s = NULL;
		int late = 0;

		/* decisions: executive (key and not), committee, officer; one called in */
		assert_true(q(db, "SELECT count(*) FROM decision WHERE published = 1 AND deleted = 0", NULL) >= 6);
		assert_int_equal(q(db, "SELECT count(*) FROM decision WHERE kind IS NULL", NULL), 0);
		assert_true(q(db, "SELECT count(*) FROM decision WHERE kind = 'executive' AND key_decision = 1"
			      " AND call_in = 1 AND wards IS NOT NULL", NULL) >= 1);
		assert_true(q(db, "SELECT count(*) FROM decision WHERE kind = 'executive' AND key_decision = 0", NULL) >= 1);
		assert_int_equal(q(db, "SELECT count(*) FROM decision WHERE status = 'called_in'", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM decision d JOIN agenda_item i ON i.id = d.agenda_item_id"
				   " WHERE d.status = 'called_in' AND d.kind = 'executive' AND d.call_in = 1 AND i.exempt = 0"
				   " AND d.effective_from IS NULL AND d.decided_on >= date(?1, '-6 months')", day), 1);
		assert_true(q(db, "SELECT count(*) FROM decision WHERE kind = 'officer' AND agenda_item_id IS NULL"
			      " AND decision_maker_post IS NOT NULL AND key_decision = 0 AND reasons_md IS NOT NULL"
			      " AND alternatives_md IS NOT NULL AND published = 1 AND decided_on < ?1"
			      " AND decided_on >= date(?1, '-4 months')", day) >= 1);
		assert_true(q(db, "SELECT count(*) FROM decision d JOIN agenda_item i ON i.id = d.agenda_item_id"
			      " WHERE d.kind = 'committee' AND d.key_decision = 0 AND d.published = 1", NULL) >= 1);
		assert_true(q(db, "SELECT count(*) FROM decision WHERE dispensations IS NOT NULL", NULL) >= 1);
		/* the Forward Plan */
		assert_true(q(db, "SELECT count(*) FROM plan_entry WHERE published = 1 AND deleted = 0", NULL) >= 8);
		assert_true(q(db, "SELECT count(*) FROM plan_entry WHERE decision_due > ?1 AND decision_due <="
			      " date(?1, '+4 months') AND first_published <= ?1", day) >= 7);
		assert_int_equal(q(db, "SELECT count(*) FROM plan_entry WHERE first_published > ?1 OR lead_officer IS NULL"
				   " OR consultees IS NULL OR documents IS NULL OR (decision_maker_id IS NULL) ="
				   " (decision_maker_post IS NULL) OR lead_member_id NOT IN (SELECT ms.person_id FROM"
				   " membership ms JOIN organization o ON o.id = ms.organization_id WHERE o.kind = 'cabinet')",
				   day), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM plan_entry WHERE restriction = 'part_exempt'"
				   " AND exempt_paragraph = 3", NULL), 1);
		assert_int_equal(q(db, "SELECT count(*) FROM plan_entry WHERE urgency = 'general_exception'"
				   " AND urgency_reason IS NOT NULL", NULL), 1);
		/* exactly one short of 28 clear days' notice without a reason */
		assert_int_equal(q(db, "SELECT count(*) FROM plan_entry WHERE urgency = 'none' AND status = 'planned'"
				   " AND julianday(decision_due) - julianday(first_published) - 1 < 28", NULL), 1);
		assert_true(q(db, "SELECT count(*) FROM plan_entry WHERE paper_id IS NOT NULL", NULL) >= 2);
		assert_int_equal(q(db, "SELECT count(*) FROM plan_entry pe JOIN decision d ON d.plan_entry_id = pe.id"
				   " WHERE pe.status = 'decided' AND pe.decision_due < ?1 AND d.paper_id = pe.paper_id"
				   " AND d.status = 'made' AND d.key_decision = 1", day), 1);
		/* every member (not an officer) has a register; one sensitive, a partner's, an ended one */
		assert_int_equal(q(db, "SELECT count(*) FROM person p WHERE EXISTS (SELECT 1 FROM membership ms"
				   " WHERE ms.person_id = p.id) AND (SELECT count(*) FROM interest iv WHERE"
				   " iv.person_id = p.id) NOT BETWEEN 1 AND 4", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM interest iv WHERE NOT EXISTS (SELECT 1 FROM membership ms"
				   " WHERE ms.person_id = iv.person_id)", NULL), 0);
		assert_int_equal(q(db, "SELECT count(*) FROM interest WHERE sensitive = 1", NULL), 1);
		assert_true(q(db, "SELECT count(*) FROM interest WHERE holder = 'partner'", NULL) >= 1);
		assert_true(q(db, "SELECT count(*) FROM interest WHERE ended_on IS NOT NULL AND ended_on > registered_on",
			      NULL) >= 1);
		assert_int_equal(q(db, "SELECT count(*) FROM pub_interest WHERE description IS NOT NULL AND sensitive = 1",
				   NULL), 0);
		/* a paper considered at three held meetings with published minutes */
		assert_true(q(db, "SELECT count(*) FROM paper p WHERE (SELECT count(DISTINCT c.meeting_id) FROM"
			      " consultation c JOIN meeting m ON m.id = c.meeting_id WHERE c.paper_id = p.id"
			      " AND m.state = 'held' AND m.minutes_status IN ('published', 'approved')) >= 3", NULL) >= 1);
		/* one held meeting (not the seed meeting) whose agenda came late */
		assert_int_equal(sqlite3_prepare_v2(db->h, "SELECT m.agenda_published_at, m.start_at, b.notice_clear_days"
						    " FROM meeting m JOIN organization o ON o.id = m.organization_id"
						    " JOIN body b ON b.id = o.body_id WHERE m.state = 'held'"
						    " AND m.agenda_published_at IS NOT NULL", -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			struct notice_result nr;

			assert_int_equal(notice_check((const char *)sqlite3_column_text(s, 0),
						      (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2), &nr), 0);
			late += nr.late;
			assert_true(!nr.late || strncmp((const char *)sqlite3_column_text(s, 1), "2019-02-04", 10) != 0);
		}
		sqlite3_finalize(s);
		assert_int_equal(late, 1);
		assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE name LIKE '%extraordinary%' AND state = 'held'",
				   NULL), 1);
		free(day);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(built),
		cmocka_unit_test(body_and_committees),
		cmocka_unit_test(meetings_and_lifecycle),
		cmocka_unit_test(seed_meeting),
		cmocka_unit_test(exempt_item),
		cmocka_unit_test(markers_stay_put),
		cmocka_unit_test(documents),
		cmocka_unit_test(attendance_votes_decisions),
		cmocka_unit_test(statutory_records),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
