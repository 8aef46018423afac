/* export.c: the bulk export's tables and the copy of a snapshot of the
 * public views into a new SQLite file (see export.h).
 *
 * The statements are assembled from the constant descriptions below (never
 * from input) and run once per export, so they are prepared directly
 * rather than through the statement cache.  The export file is attached
 * to the reading connection: `INSERT INTO out.t SELECT ... FROM pub_v`
 * copies inside SQLite, and one deferred transaction over both files is
 * the snapshot (the main file is only read, so it takes no write lock). */
#include "db/export.h"

#include <stdio.h>
#include <string.h>

#include "db/db_int.h"
#include "util/buf.h"
#include "util/banned.h"

#define C(name, type, what) { name, type, NULL, what }
#define CREATED_MODIFIED \
	C("created", "TEXT", "when the row was created (UTC, YYYY-MM-DDTHH:MM:SSZ)"), \
	C("modified", "TEXT", "when the row last changed (UTC, YYYY-MM-DDTHH:MM:SSZ)")
#define HTML " (HTML rendered from the clerk's Markdown in safe mode: no scripts, no raw HTML)"
/* An object's own licence (sql/010_licence.sql). */
#define OWN_LICENSE \
	C("license", "TEXT", "its own licence (a URL, as its source gave it) when it is not the body's, " \
	  "for a row harvested from another system; null: the body's (body.license)")

static const struct export_column body_cols[] = {
	C("id", "INTEGER", "the body's id"),
	C("name", "TEXT", "the body's name, e.g. 'Worcestershire County Council'"),
	C("short_name", "TEXT", "a short name, or null"),
	C("website", "TEXT", "the body's website, or null"),
	C("email", "TEXT", "the democratic services e-mail address, or null"),
	C("phone", "TEXT", "the democratic services telephone number, or null"),
	C("address", "TEXT", "the postal address, or null"),
	C("region", "TEXT", "england, wales, scotland, northern_ireland or other (decides the notice rules)"),
	C("timezone", "TEXT", "the time zone of meeting times, e.g. Europe/London"),
	C("license", "TEXT", "the licence of the published record (a URL): of every row of the export but "
			     "those with a license of their own; null if none is stated"),
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column term_cols[] = {
	C("id", "INTEGER", "the term's id"),
	C("body_id", "INTEGER", "body.id"),
	C("name", "TEXT", "e.g. '2021-2025'"),
	C("start_date", "TEXT", "first day (YYYY-MM-DD), or null"),
	C("end_date", "TEXT", "last day (YYYY-MM-DD), or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column org_cols[] = {
	C("id", "INTEGER", "the organization's id (as in /committees/{id})"),
	C("body_id", "INTEGER", "body.id"),
	C("parent_id", "INTEGER", "organization.id of the parent (a sub-committee's committee), or null"),
	C("name", "TEXT", "e.g. 'West Mercia Police and Crime Panel'"),
	C("short_name", "TEXT", "a short name, or null"),
	C("kind", "TEXT", "council, cabinet, committee, sub_committee, panel, board, working_group or outside_body"),
	C("purpose_html", "TEXT", "its terms of reference" HTML ", or null"),
	C("start_date", "TEXT", "established (YYYY-MM-DD), or null"),
	C("end_date", "TEXT", "dissolved (YYYY-MM-DD), or null"),
	C("website", "TEXT", "its own web page, or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column person_cols[] = {
	C("id", "INTEGER", "the person's id (as in /people/{id})"),
	C("body_id", "INTEGER", "body.id"),
	C("name", "TEXT", "display name, e.g. 'Councillor Jane Smith'"),
	C("honorific", "TEXT", "e.g. 'Councillor', 'Dr', or null"),
	C("given_name", "TEXT", "or null"),
	C("family_name", "TEXT", "or null"),
	C("party", "TEXT", "political party or group, or null"),
	C("area", "TEXT", "ward, division or constituency, or null"),
	C("nominated_by", "TEXT", "the nominating body on a joint panel, e.g. 'Shropshire Council', or null"),
	C("bio_html", "TEXT", "a short biography" HTML ", or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column membership_cols[] = {
	C("id", "INTEGER", "the membership's id"),
	C("person_id", "INTEGER", "person.id"),
	C("organization_id", "INTEGER", "organization.id"),
	C("role", "TEXT", "chair, vice_chair, member, co_opted, substitute, independent or officer"),
	C("voting", "INTEGER", "1 with a vote, 0 without"),
	C("start_date", "TEXT", "from (YYYY-MM-DD), or null"),
	C("end_date", "TEXT", "until (YYYY-MM-DD), or null while current"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column location_cols[] = {
	C("id", "INTEGER", "the venue's id"),
	C("body_id", "INTEGER", "body.id"),
	C("name", "TEXT", "e.g. 'Council Chamber, County Hall'"),
	C("room", "TEXT", "or null"),
	C("street_address", "TEXT", "or null"),
	C("locality", "TEXT", "town, or null"),
	C("postcode", "TEXT", "or null"),
	C("description", "TEXT", "directions, access, or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column meeting_cols[] = {
	C("id", "INTEGER", "the meeting's id (as in /meetings/{id})"),
	C("organization_id", "INTEGER", "organization.id of the committee meeting"),
	C("location_id", "INTEGER", "location.id of the venue, or null"),
	C("name", "TEXT", "the meeting's name (the committee's unless it has its own)"),
	C("start_at", "TEXT", "start, local time of the body's time zone (YYYY-MM-DD HH:MM)"),
	C("end_at", "TEXT", "end, local time (YYYY-MM-DD HH:MM), or null"),
	C("state", "TEXT", "scheduled, held, cancelled or postponed"),
	C("state_reason", "TEXT", "why it was cancelled or postponed, or null"),
	C("webcast_url", "TEXT", "the webcast, or null"),
	C("agenda_status", "TEXT", "draft (agenda not published: no agenda_item rows), published, or withdrawn (published, then withdrawn: no agenda_item rows)"),
	C("agenda_published_at", "TEXT", "when the agenda was published (UTC), or null"),
	C("minutes_status", "TEXT", "none (no public minutes yet), published (a draft open to the public), approved, or withdrawn (published, then withdrawn)"),
	C("minutes_published_at", "TEXT", "when the minutes were published (UTC), or null"),
	C("minutes_approved_at", "TEXT", "when they were approved (UTC), or null"),
	C("minutes_approved_by", "INTEGER", "meeting.id of the meeting that approved them, or null"),
	C("sequence", "INTEGER", "rises with every change (iCalendar SEQUENCE)"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column item_cols[] = {
	C("id", "INTEGER", "the item's id (as in /meetings/{meeting_id}/items/{id})"),
	C("meeting_id", "INTEGER", "meeting.id"),
	C("parent_id", "INTEGER", "agenda_item.id of the item this is a part of, or null"),
	C("position", "INTEGER", "order on the agenda"),
	C("number", "TEXT", "the printed number, e.g. '4' or '4a', or null"),
	C("title", "TEXT", "the title (public also for exempt items)"),
	C("kind", "TEXT", "item, apologies, declarations, minutes, procedural or exclusion"),
	C("exempt", "INTEGER", "1 if the item is taken in private (exempt information): then only its title, "
			       "number and exemption are public, and description, minutes, decision and paper are null"),
	C("exempt_paragraph", "INTEGER", "the paragraph (1-7) of Schedule 12A to the Local Government Act 1972, or null"),
	C("exempt_reason", "TEXT", "the public reason for the exemption, or null"),
	C("paper_id", "INTEGER", "paper.id of the report or matter, or null"),
	C("description_html", "TEXT", "what the item is about" HTML ", or null"),
	C("minutes_html", "TEXT", "the minutes of the item" HTML "; null until the meeting's minutes are published"),
	C("decision_html", "TEXT", "the resolution" HTML "; null until the minutes are published"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column paper_cols[] = {
	C("id", "INTEGER", "the paper's id"),
	C("body_id", "INTEGER", "body.id"),
	C("reference", "TEXT", "its reference number, or null"),
	C("title", "TEXT", "its title"),
	C("kind", "TEXT", "report, motion, petition, question, notice or other"),
	C("key_decision", "INTEGER", "1 for a key decision"),
	C("decision_maker_id", "INTEGER", "organization.id of the decision maker, or null"),
	C("forward_plan_date", "TEXT", "expected decision date on the forward plan (YYYY-MM-DD), or null"),
	C("description_html", "TEXT", "its summary" HTML ", or null"),
	C("date", "TEXT", "the date the paper bears (YYYY-MM-DD), or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column consultation_cols[] = {
	C("id", "INTEGER", "the consultation's id"),
	C("paper_id", "INTEGER", "paper.id"),
	C("meeting_id", "INTEGER", "meeting.id where the paper is considered, or null"),
	C("agenda_item_id", "INTEGER", "agenda_item.id, or null"),
	C("organization_id", "INTEGER", "organization.id consulted, or null"),
	C("authoritative", "INTEGER", "1 if this meeting decides"),
	C("role", "TEXT", "e.g. 'for decision', 'for information', or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column file_cols[] = {
	C("id", "INTEGER", "the document's id"),
	C("title", "TEXT", "its title"),
	C("filename", "TEXT", "its file name"),
	{ "url_path", "TEXT", "'/documents/' || id || '/' || filename",
	  "where the site serves it: /documents/{id}/{filename} (prefix the site's address)" },
	C("mime_type", "TEXT", "e.g. application/pdf"),
	C("size", "INTEGER", "bytes"),
	C("sha256", "TEXT", "SHA-256 of the bytes (hex), to check a download"),
	C("page_count", "INTEGER", "pages (PDF), or null"),
	C("text_status", "TEXT", "pending, done (text in file_page), failed or none (not a PDF)"),
	C("text_note", "TEXT", "why there is no or only part of the text, or null"),
	OWN_LICENSE,
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column file_page_cols[] = {
	C("file_id", "INTEGER", "file.id"),
	C("page", "INTEGER", "page number, from 1"),
	C("text", "TEXT", "the page's text as pdftotext reads it"),
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column file_link_cols[] = {
	C("id", "INTEGER", "the link's id"),
	C("file_id", "INTEGER", "file.id"),
	C("meeting_id", "INTEGER", "meeting.id (a meeting's document), or null"),
	C("agenda_item_id", "INTEGER", "agenda_item.id (an item's document), or null"),
	C("paper_id", "INTEGER", "paper.id (a paper's document), or null; exactly one of the three is set"),
	C("role", "TEXT", "front_sheet, agenda_pack, report, appendix, supplement, minutes, background or decision_notice"),
	C("position", "INTEGER", "order among the documents of the same meeting, item or paper"),
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column attendance_cols[] = {
	C("id", "INTEGER", "the row's id"),
	C("meeting_id", "INTEGER", "meeting.id (held meetings only)"),
	C("person_id", "INTEGER", "person.id"),
	C("status", "TEXT", "present, apologies, absent, substitute or in_attendance"),
	C("substitute_for", "INTEGER", "person.id of the member substituted, or null"),
	C("note", "TEXT", "e.g. 'Chief Constable', 'virtually', or null"),
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column declaration_cols[] = {
	C("id", "INTEGER", "the declaration's id"),
	C("meeting_id", "INTEGER", "meeting.id (held meetings only)"),
	C("agenda_item_id", "INTEGER", "agenda_item.id it concerns, or null"),
	C("person_id", "INTEGER", "person.id of who declared"),
	C("kind", "TEXT", "disclosable_pecuniary, other_registrable, non_registrable or other"),
	C("description", "TEXT", "the interest declared"),
	C("left_room", "INTEGER", "1 if they left the room for the item"),
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column vote_cols[] = {
	C("id", "INTEGER", "the vote's id"),
	C("agenda_item_id", "INTEGER", "agenda_item.id"),
	C("motion", "TEXT", "what was put to the vote"),
	C("result", "TEXT", "carried, lost, tied or withdrawn"),
	C("votes_for", "INTEGER", "or null"),
	C("votes_against", "INTEGER", "or null"),
	C("abstentions", "INTEGER", "or null"),
	C("recorded", "INTEGER", "1 if names were recorded (rows in vote_record)"),
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column vote_record_cols[] = {
	C("vote_id", "INTEGER", "vote.id"),
	C("person_id", "INTEGER", "person.id"),
	C("position", "TEXT", "for, against, abstain or did_not_vote"),
	{ NULL, NULL, NULL, NULL },
};

static const struct export_column decision_cols[] = {
	C("id", "INTEGER", "the decision's id"),
	C("agenda_item_id", "INTEGER", "agenda_item.id where it was made, or null"),
	C("paper_id", "INTEGER", "paper.id it decides, or null"),
	C("decision_maker_id", "INTEGER", "organization.id, or null"),
	C("title", "TEXT", "its title"),
	C("decision_html", "TEXT", "the decision" HTML ", or null"),
	C("reasons_html", "TEXT", "the reasons" HTML ", or null"),
	C("alternatives_html", "TEXT", "alternatives considered" HTML ", or null"),
	C("conflicts", "TEXT", "conflicts of interest declared and dispensations, or null"),
	C("decided_on", "TEXT", "YYYY-MM-DD, or null"),
	C("call_in_deadline", "TEXT", "last day of the call-in period, or null"),
	C("effective_from", "TEXT", "when it takes effect, or null"),
	C("status", "TEXT", "made, called_in, implemented or withdrawn"),
	CREATED_MODIFIED,
	{ NULL, NULL, NULL, NULL },
};

const struct export_table export_tables[] = {
	{ "body", "pub_body", "id",
	  "the authority hosting the record (its public contact details)", body_cols },
	{ "legislative_term", "pub_legislative_term", "id",
	  "an electoral term", term_cols },
	{ "organization", "pub_organization", "id",
	  "a committee, panel, cabinet, full council, sub-committee or outside body", org_cols },
	{ "person", "pub_person", "id",
	  "a councillor, co-opted member or officer (no contact details: those stay with the clerks)", person_cols },
	{ "membership", "pub_membership", "id", "a person's role on an organization", membership_cols },
	{ "location", "pub_location", "id", "a venue", location_cols },
	{ "meeting", "pub_meeting", "id",
	  "a meeting in the public calendar (unpublished and deleted meetings are left out)", meeting_cols },
	{ "agenda_item", "pub_agenda_item", "id",
	  "an item of a published agenda", item_cols },
	{ "paper", "pub_paper", "id", "a public report or matter followed across meetings", paper_cols },
	{ "consultation", "pub_consultation", "id", "a paper on a meeting's agenda", consultation_cols },
	{ "file", "pub_file", "id", "a public document (its bytes are at url_path)", file_cols },
	{ "file_page", "pub_file_page", "file_id, page", "the text of one page of a public document", file_page_cols },
	{ "file_link", "pub_file_link", "id", "where a public document is attached, and as what", file_link_cols },
	{ "attendance", "pub_attendance", "id", "who attended a held meeting, or sent apologies", attendance_cols },
	{ "declaration", "pub_declaration", "id", "a declaration of interest at a held meeting", declaration_cols },
	{ "vote", "pub_vote", "id", "a vote on an item, once the minutes are published", vote_cols },
	{ "vote_record", "pub_vote_record", "vote_id, person_id", "how a person voted in a recorded vote",
	  vote_record_cols },
	{ "decision", "pub_decision", "id", "a published decision record", decision_cols },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* Run one statement of text built here from the constants above. */
static int run_sql(struct db *db, const struct buf *sql, const char *what)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sql->err) {
		snprintf(db->err, sizeof(db->err), "%s: out of memory", what);
		return -1;
	}
	if (sqlite3_prepare_v2(db->h, sql->data, (int)sql->len, &s, NULL) != SQLITE_OK)
		return db_fail(db, what);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, what);
}

static int check_cancel(void *arg)
{
	return *(const volatile int *)arg != 0;
}

int export_begin(struct db *db, const char *out_path, const volatile int *cancel)
{
	sqlite3_stmt *s = db_stmt(db, "ATTACH ?1 AS out");

	if (!s)
		return -1;
	if (cancel)
		sqlite3_progress_handler(db->h, 10000, check_cancel, (void *)cancel);
	sqlite3_bind_text(s, 1, out_path, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, s, "attaching the export") < 0) {
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
		return -1;
	}
	/* A new file, removed on failure: no journal, no syncs until the end. */
	if (db_exec(db, "PRAGMA out.journal_mode = OFF") < 0 || db_exec(db, "PRAGMA out.synchronous = OFF") < 0 ||
	    db_exec(db, "BEGIN") < 0)
		goto fail;
	/* The first read fixes the snapshot. */
	if (db_exec(db, "SELECT count(*) FROM pub_meeting") < 0 ||
	    db_exec(db, "CREATE TABLE out.export_info (key TEXT PRIMARY KEY, value TEXT)") < 0)
		goto fail;
	return 0;
fail:
	export_end(db, 0);
	return -1;
}

static const struct export_table *find_table(const char *name)
{
	for (const struct export_table *t = export_tables; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

int export_fill(struct db *db, const struct export_table *t, long *rows)
{
	struct buf sql = BUF_INIT;
	int rc = -1;

	*rows = 0;
	buf_printf(&sql, "CREATE TABLE out.%s (", t->name);
	for (const struct export_column *c = t->cols; c->name; c++)
		buf_printf(&sql, "%s%s %s", c == t->cols ? "" : ", ", c->name, c->type);
	buf_printf(&sql, ", PRIMARY KEY (%s))", t->key);
	if (run_sql(db, &sql, "creating an export table") < 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "INSERT INTO out.%s SELECT ", t->name);
	for (const struct export_column *c = t->cols; c->name; c++)
		buf_printf(&sql, "%s%s", c == t->cols ? "" : ", ", c->expr ? c->expr : c->name);
	buf_printf(&sql, " FROM main.%s ORDER BY %s", t->from, t->key);
	if (run_sql(db, &sql, "copying the public record") < 0)
		goto out;
	*rows = (long)sqlite3_changes(db->h);
	rc = 0;
out:
	buf_release(&sql);
	return rc;
}

int export_info_put(struct db *db, const char *key, const char *value)
{
	sqlite3_stmt *s = db_stmt(db, "INSERT INTO out.export_info(key, value) VALUES (?1, ?2)");

	if (!s)
		return -1;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return db_step_done(db, s, "writing export_info");
}

int export_rows(struct db *db, const char *name,
		int (*row)(void *ctx, const struct export_value *v, int n), void *ctx)
{
	const struct export_table *t = find_table(name);
	struct export_value v[32];
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = NULL;
	int rc = -1, step, n;

	if (!t && strcmp(name, "export_info") != 0) {
		snprintf(db->err, sizeof(db->err), "no export table %s", name);
		return -1;
	}
	buf_printf(&sql, "SELECT * FROM out.%s ORDER BY %s", name, t ? t->key : "key");
	if (sql.err || sqlite3_prepare_v2(db->h, sql.data, (int)sql.len, &s, NULL) != SQLITE_OK) {
		db_fail(db, "reading the export");
		goto out;
	}
	n = sqlite3_column_count(s);
	if (n > (int)(sizeof(v) / sizeof(v[0]))) {
		snprintf(db->err, sizeof(db->err), "export table %s has too many columns", name);
		goto out;
	}
	for (int i = 0; i < n; i++)
		v[i].name = sqlite3_column_name(s, i);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int stop;

		for (int i = 0; i < n; i++) {
			v[i].s = NULL;
			switch (sqlite3_column_type(s, i)) {
			case SQLITE_INTEGER:
				v[i].type = EXPORT_INT;
				v[i].i = sqlite3_column_int64(s, i);
				break;
			case SQLITE_FLOAT:
				v[i].type = EXPORT_REAL;
				v[i].d = sqlite3_column_double(s, i);
				break;
			case SQLITE_NULL:
				v[i].type = EXPORT_NULL;
				break;
			default: /* text (the record holds no blobs) */
				v[i].type = EXPORT_TEXT;
				v[i].s = (const char *)sqlite3_column_text(s, i);
				if (!v[i].s)
					v[i].type = EXPORT_NULL;
			}
		}
		if ((stop = row(ctx, v, n)) != 0) {
			rc = stop;
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the export");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	buf_release(&sql);
	return rc;
}

int export_end(struct db *db, int ok)
{
	int rc = ok ? 0 : -1;

	if (ok && db_exec(db, "COMMIT") < 0)
		rc = -1;
	if (!sqlite3_get_autocommit(db->h))
		db_rollback_keep(db);
	db_release_all(db);
	sqlite3_progress_handler(db->h, 0, NULL, NULL);
	if (db_exec(db, "DETACH out") < 0 && rc == 0)
		rc = -1;
	return rc;
}

int64_t export_source_version(struct db *db)
{
	sqlite3_stmt *s = db_stmt(db, "PRAGMA main.data_version");
	int64_t v = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return v;
}
