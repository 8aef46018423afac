/* public.c: queries over the public views (see public.h).  Each entity
 * has one column list and one fill function shared by its queries. */
#include "db/public.h"

#include <stdio.h>
#include <string.h>

#include "db/db_int.h"
#include "db/rows_int.h"
#include "util/banned.h"

#define MEETING_FROM \
	" FROM pub_meeting m JOIN pub_organization o ON o.id = m.organization_id" \
	" LEFT JOIN pub_location l ON l.id = m.location_id"




/* --- body --------------------------------------------------------------- */

int pub_body(struct db *db, struct body_row *r)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT id, name, short_name, website, email, phone, address, colour_primary,"
		" colour_accent, logo_svg, region, notice_clear_days, license"
		" FROM pub_body ORDER BY id LIMIT 1");
	int rc = db_get_one(db, s);

	if (rc != 1)
		return rc;
	r->id = col_int(s, 0);
	r->name = col_text(s, 1);
	r->short_name = col_text(s, 2);
	r->website = col_text(s, 3);
	r->email = col_text(s, 4);
	r->phone = col_text(s, 5);
	r->address = col_text(s, 6);
	r->colour_primary = col_text(s, 7);
	r->colour_accent = col_text(s, 8);
	r->logo_svg = col_text(s, 9);
	r->region = col_text(s, 10);
	r->notice_clear_days = (int)col_int(s, 11);
	r->license = col_text(s, 12);
	return 1;
}

/* --- an object's own licence ------------------------------------------------ */

#define OWN_LICENSE(view) \
	"SELECT x.license FROM " view " x WHERE x.id = ?1 AND x.license IS NOT NULL" \
	" AND x.license IS NOT (SELECT license FROM pub_body ORDER BY id LIMIT 1)"

int pub_own_license(struct db *db, enum own_license_of kind, int64_t id, const char **license)
{
	static const char *const sql[] = {
		[OWN_LICENSE_MEETING] = OWN_LICENSE("pub_meeting"),
		[OWN_LICENSE_ITEM] = OWN_LICENSE("pub_agenda_item"),
		[OWN_LICENSE_ORG] = OWN_LICENSE("pub_organization"),
		[OWN_LICENSE_PERSON] = OWN_LICENSE("pub_person"),
	};
	sqlite3_stmt *s;
	int rc;

	*license = NULL;
	if ((size_t)kind >= sizeof(sql) / sizeof(sql[0]))
		return 0;
	if (!(s = db_stmt(db, sql[kind])))
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) == 1)
		*license = col_text(s, 0);
	return rc;
}

/* --- organizations ------------------------------------------------------ */

#define ORG_COLS \
	"o.id, o.parent_id, o.name, o.short_name, o.kind, o.purpose_html, o.website," \
	" (SELECT count(*) FROM pub_meeting m WHERE m.organization_id = o.id)," \
	" (SELECT min(m.start_at) FROM pub_meeting m WHERE m.organization_id = o.id" \
	"   AND m.state IN ('scheduled','postponed') AND m.start_at >= strftime('%Y-%m-%d %H:%M','now','localtime'))"

/* Committees as listed: council, cabinet, committees, panels, sub-committees. */
#define ORG_ORDER \
	" ORDER BY CASE o.kind WHEN 'council' THEN 0 WHEN 'cabinet' THEN 1 WHEN 'panel' THEN 3" \
	"  WHEN 'committee' THEN 2 WHEN 'sub_committee' THEN 4 ELSE 5 END, o.name"

static void fill_org(sqlite3_stmt *s, struct org_row *r)
{
	r->id = col_int(s, 0);
	r->parent_id = col_int(s, 1);
	r->name = col_text(s, 2);
	r->short_name = col_text(s, 3);
	r->kind = col_text(s, 4);
	r->purpose_html = col_text(s, 5);
	r->website = col_text(s, 6);
	r->meeting_count = col_int(s, 7);
	r->next_meeting_at = col_text(s, 8);
}

int cursor_next_org(struct cursor *c, struct org_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	fill_org(c->s, r);
	return 1;
}

int pub_orgs(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c,
		"SELECT " ORG_COLS " FROM pub_organization o" ORG_ORDER);
}

int pub_org_names(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c,
		"SELECT o.id, o.parent_id, o.name, o.short_name, o.kind, NULL, NULL, 0, NULL FROM pub_organization o"
		ORG_ORDER);
}

int pub_org(struct db *db, int64_t id, struct org_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " ORG_COLS " FROM pub_organization o WHERE o.id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	rc = db_get_one(db, s);
	if (rc == 1)
		fill_org(s, r);
	return rc;
}

/* --- people and memberships -------------------------------------------- */

#define PERSON_COLS \
	"p.id, p.name, p.honorific, p.given_name, p.family_name, p.party, p.area," \
	" p.nominated_by, p.bio_html"

static void fill_person(sqlite3_stmt *s, struct person_row *r)
{
	r->id = col_int(s, 0);
	r->name = col_text(s, 1);
	r->honorific = col_text(s, 2);
	r->given_name = col_text(s, 3);
	r->family_name = col_text(s, 4);
	r->party = col_text(s, 5);
	r->area = col_text(s, 6);
	r->nominated_by = col_text(s, 7);
	r->bio_html = col_text(s, 8);
}

int cursor_next_person(struct cursor *c, struct person_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	fill_person(c->s, r);
	return 1;
}

int pub_people(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c,
		"SELECT " PERSON_COLS " FROM pub_person p"
		" ORDER BY COALESCE(p.family_name, p.name) COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id");
}

int pub_person(struct db *db, int64_t id, struct person_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " PERSON_COLS " FROM pub_person p WHERE p.id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	rc = db_get_one(db, s);
	if (rc == 1)
		fill_person(s, r);
	return rc;
}

#define MEMBER_COLS \
	"ms.id, ms.person_id, ms.organization_id, p.name, p.party, p.area, p.nominated_by," \
	" o.name, ms.role, ms.voting, ms.start_date, ms.end_date"
#define ROLE_ORDER \
	"CASE ms.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2" \
	" WHEN 'independent' THEN 3 WHEN 'co_opted' THEN 4 WHEN 'substitute' THEN 5 ELSE 6 END"

int cursor_next_member(struct cursor *c, struct member_row *r)
{
	sqlite3_stmt *s;

	if (!db_cursor_step(c))
		return 0;
	s = c->s;
	r->id = col_int(s, 0);
	r->person_id = col_int(s, 1);
	r->organization_id = col_int(s, 2);
	r->person_name = col_text(s, 3);
	r->party = col_text(s, 4);
	r->area = col_text(s, 5);
	r->nominated_by = col_text(s, 6);
	r->organization_name = col_text(s, 7);
	r->role = col_text(s, 8);
	r->voting = (int)col_int(s, 9);
	r->start_date = col_text(s, 10);
	r->end_date = col_text(s, 11);
	return 1;
}

int pub_org_members(struct db *db, int64_t org_id, struct cursor *c)
{
	if (db_cursor_open(db, c,
		"SELECT " MEMBER_COLS " FROM pub_membership ms"
		" JOIN pub_person p ON p.id = ms.person_id JOIN pub_organization o ON o.id = ms.organization_id"
		" WHERE ms.organization_id = ?1"
		"  AND (ms.end_date IS NULL OR ms.end_date >= date('now','localtime'))"
		" ORDER BY " ROLE_ORDER ", p.family_name COLLATE NOCASE, p.name") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, org_id);
	return 0;
}

int pub_person_memberships(struct db *db, int64_t person_id, struct cursor *c)
{
	if (db_cursor_open(db, c,
		"SELECT " MEMBER_COLS " FROM pub_membership ms"
		" JOIN pub_person p ON p.id = ms.person_id JOIN pub_organization o ON o.id = ms.organization_id"
		" WHERE ms.person_id = ?1"
		" ORDER BY (ms.end_date IS NOT NULL AND ms.end_date < date('now','localtime')),"
		"  " ROLE_ORDER ", o.name") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, person_id);
	return 0;
}

/* --- meetings ------------------------------------------------------------ */

int cursor_next_meeting(struct cursor *c, struct meeting_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	row_fill_meeting(c->s, r);
	return 1;
}

int pub_meeting(struct db *db, int64_t id, struct meeting_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " MEETING_COLS MEETING_FROM " WHERE m.id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	rc = db_get_one(db, s);
	if (rc == 1)
		row_fill_meeting(s, r);
	return rc;
}

int pub_meetings_upcoming(struct db *db, const char *now, int limit, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " MEETING_COLS MEETING_FROM
			" WHERE m.start_at >= ?1 ORDER BY m.start_at, m.id LIMIT ?2") < 0)
		return -1;
	bind_text(c->s, 1, now);
	sqlite3_bind_int(c->s, 2, limit);
	return 0;
}

int pub_meetings_recent_minutes(struct db *db, int limit, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " MEETING_COLS MEETING_FROM
			" WHERE m.minutes_status IN ('published','approved')"
			" ORDER BY m.minutes_published_at DESC, m.start_at DESC LIMIT ?1") < 0)
		return -1;
	sqlite3_bind_int(c->s, 1, limit);
	return 0;
}

int pub_meetings_in_month(struct db *db, const char *month, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " MEETING_COLS MEETING_FROM
			" WHERE m.start_at >= ?1 || '-01' AND m.start_at < ?1 || '-32'"
			" ORDER BY m.start_at, m.id") < 0)
		return -1;
	bind_text(c->s, 1, month);
	return 0;
}

int pub_meetings_of_org(struct db *db, int64_t org_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " MEETING_COLS MEETING_FROM
			" WHERE m.organization_id = ?1 ORDER BY m.start_at DESC, m.id DESC") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, org_id);
	return 0;
}

int pub_meeting_month_range(struct db *db, char first[8], char last[8])
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT substr(min(start_at), 1, 7), substr(max(start_at), 1, 7) FROM pub_meeting");
	int rc = db_get_one(db, s);

	if (rc != 1)
		return rc < 0 ? -1 : 0;
	if (!col_text(s, 0)) {
		sqlite3_reset(s);
		return 0;
	}
	snprintf(first, 8, "%s", col_text(s, 0));
	snprintf(last, 8, "%s", col_text(s, 1));
	sqlite3_reset(s);
	return 1;
}

int pub_meeting_next_of_org(struct db *db, const struct meeting_row *m, int forward,
			    struct meeting_row *out)
{
	sqlite3_stmt *s = forward ?
		db_stmt(db, "SELECT " MEETING_COLS MEETING_FROM
			" WHERE m.organization_id = ?1 AND (m.start_at, m.id) > (?2, ?3)"
			" ORDER BY m.start_at, m.id LIMIT 1") :
		db_stmt(db, "SELECT " MEETING_COLS MEETING_FROM
			" WHERE m.organization_id = ?1 AND (m.start_at, m.id) < (?2, ?3)"
			" ORDER BY m.start_at DESC, m.id DESC LIMIT 1");
	int rc;

	if (s) {
		sqlite3_bind_int64(s, 1, m->organization_id);
		bind_text(s, 2, m->start_at);
		sqlite3_bind_int64(s, 3, m->id);
	}
	rc = db_get_one(db, s);
	if (rc == 1)
		row_fill_meeting(s, out);
	return rc;
}

/* --- agenda items --------------------------------------------------------- */

int cursor_next_item(struct cursor *c, struct item_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	row_fill_item(c->s, r);
	return 1;
}

int pub_items_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " ITEM_COLS " FROM pub_agenda_item i"
			" WHERE i.meeting_id = ?1 ORDER BY i.position, i.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int pub_item(struct db *db, int64_t meeting_id, int64_t item_id, struct item_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " ITEM_COLS " FROM pub_agenda_item i"
				  " WHERE i.id = ?2 AND i.meeting_id = ?1");
	int rc;

	if (s) {
		sqlite3_bind_int64(s, 1, meeting_id);
		sqlite3_bind_int64(s, 2, item_id);
	}
	rc = db_get_one(db, s);
	if (rc == 1)
		row_fill_item(s, r);
	return rc;
}

/* --- files ------------------------------------------------------------------ */

int cursor_next_file(struct cursor *c, struct file_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	row_fill_file(c->s, r);
	return 1;
}

int pub_files_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " FILE_COLS " FROM pub_file_link l JOIN pub_file f ON f.id = l.file_id"
			" WHERE l.meeting_id = ?1 ORDER BY " ROLE_POS ", l.position, f.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

/* An item's documents: its own, then those of the papers it consults
 * (a Consultation: how OParl systems hang reports on agenda items), main
 * file first; a file once, where it comes first.  `where` is a condition
 * on the item i.  Columns: FILE_COLS, then a grouping column. */
#define ITEM_FILES(where) \
	"WITH l AS (SELECT 0 AS src, fl.file_id, fl.role, fl.position, i.id AS agenda_item_id, i.position AS ipos" \
	"  FROM pub_agenda_item i JOIN pub_file_link fl ON fl.agenda_item_id = i.id WHERE " where \
	" UNION ALL SELECT 1, fl.file_id, fl.role, fl.position, i.id, i.position FROM pub_agenda_item i" \
	"  JOIN pub_consultation c ON c.agenda_item_id = i.id JOIN pub_file_link fl ON fl.paper_id = c.paper_id" \
	"  WHERE " where ")" \
	" SELECT " FILE_COLS ", min(l.src) AS src FROM l JOIN pub_file f ON f.id = l.file_id" \
	" GROUP BY l.agenda_item_id, f.id"

int pub_files_of_meeting_items(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, ITEM_FILES("i.meeting_id = ?1")
			" ORDER BY l.ipos, l.agenda_item_id, src, " ROLE_POS ", l.position, f.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int pub_files_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	if (db_cursor_open(db, c, ITEM_FILES("i.id = ?1") " ORDER BY src, " ROLE_POS ", l.position, f.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, item_id);
	return 0;
}

int pub_file(struct db *db, int64_t id, struct file_row *r)
{
	sqlite3_stmt *s = db_stmt(db,
		"SELECT f.id, f.title, f.filename, f.mime_type, f.sha256, f.size, f.page_count,"
		" NULL, NULL, f.modified, f.text_status, f.text_note FROM pub_file f WHERE f.id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	rc = db_get_one(db, s);
	if (rc == 1)
		row_fill_file(s, r);
	return rc;
}

/* --- attendance, declarations, votes -------------------------------------- */

#define ATT_COLS \
	"a.meeting_id, a.person_id, a.substitute_for, p.name, sp.name, a.status, a.note, m.name, m.start_at"
#define ATT_FROM \
	" FROM pub_attendance a JOIN pub_person p ON p.id = a.person_id" \
	" LEFT JOIN pub_person sp ON sp.id = a.substitute_for JOIN pub_meeting m ON m.id = a.meeting_id"

int cursor_next_attendance(struct cursor *c, struct attendance_row *r)
{
	sqlite3_stmt *s;

	if (!db_cursor_step(c))
		return 0;
	s = c->s;
	r->meeting_id = col_int(s, 0);
	r->person_id = col_int(s, 1);
	r->substitute_for = col_int(s, 2);
	r->person_name = col_text(s, 3);
	r->substitute_for_name = col_text(s, 4);
	r->status = col_text(s, 5);
	r->note = col_text(s, 6);
	r->meeting_name = col_text(s, 7);
	r->meeting_start_at = col_text(s, 8);
	return 1;
}

int pub_attendance_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " ATT_COLS ATT_FROM " WHERE a.meeting_id = ?1"
			" ORDER BY CASE a.status WHEN 'present' THEN 0 WHEN 'substitute' THEN 1"
			"  WHEN 'apologies' THEN 2 WHEN 'absent' THEN 3 ELSE 4 END,"
			"  p.family_name COLLATE NOCASE, p.name") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int pub_attendance_of_person(struct db *db, int64_t person_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " ATT_COLS ATT_FROM " WHERE a.person_id = ?1"
			" ORDER BY m.start_at DESC") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, person_id);
	return 0;
}

#define DECL_COLS \
	"d.meeting_id, d.person_id, d.agenda_item_id, p.name, i.number, i.title, d.kind," \
	" d.description, d.left_room, m.name, m.start_at"
#define DECL_FROM \
	" FROM pub_declaration d JOIN pub_person p ON p.id = d.person_id" \
	" JOIN pub_meeting m ON m.id = d.meeting_id" \
	" LEFT JOIN pub_agenda_item i ON i.id = d.agenda_item_id"

int cursor_next_declaration(struct cursor *c, struct declaration_row *r)
{
	sqlite3_stmt *s;

	if (!db_cursor_step(c))
		return 0;
	s = c->s;
	r->meeting_id = col_int(s, 0);
	r->person_id = col_int(s, 1);
	r->agenda_item_id = col_int(s, 2);
	r->person_name = col_text(s, 3);
	r->item_number = col_text(s, 4);
	r->item_title = col_text(s, 5);
	r->kind = col_text(s, 6);
	r->description = col_text(s, 7);
	r->left_room = (int)col_int(s, 8);
	r->meeting_name = col_text(s, 9);
	r->meeting_start_at = col_text(s, 10);
	return 1;
}

int pub_declarations_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " DECL_COLS DECL_FROM " WHERE d.meeting_id = ?1"
			" ORDER BY i.position, p.family_name COLLATE NOCASE") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int pub_declarations_of_person(struct db *db, int64_t person_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " DECL_COLS DECL_FROM " WHERE d.person_id = ?1"
			" ORDER BY m.start_at DESC") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, person_id);
	return 0;
}

int cursor_next_vote(struct cursor *c, struct vote_row *r)
{
	sqlite3_stmt *s;

	if (!db_cursor_step(c))
		return 0;
	s = c->s;
	r->id = col_int(s, 0);
	r->agenda_item_id = col_int(s, 1);
	r->motion = col_text(s, 2);
	r->result = col_text(s, 3);
	r->votes_for = (int)col_int(s, 4);
	r->votes_against = (int)col_int(s, 5);
	r->abstentions = (int)col_int(s, 6);
	r->recorded = (int)col_int(s, 7);
	return 1;
}

int pub_votes_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT v.id, v.agenda_item_id, v.motion, v.result, v.votes_for,"
			" v.votes_against, v.abstentions, v.recorded FROM pub_vote v"
			" WHERE v.agenda_item_id = ?1 ORDER BY v.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, item_id);
	return 0;
}

int cursor_next_vote_record(struct cursor *c, struct vote_record_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	r->person_id = col_int(c->s, 0);
	r->person_name = col_text(c->s, 1);
	r->position = col_text(c->s, 2);
	return 1;
}

int pub_vote_records(struct db *db, int64_t vote_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT r.person_id, p.name, r.position FROM pub_vote_record r"
			" JOIN pub_person p ON p.id = r.person_id WHERE r.vote_id = ?1"
			" ORDER BY CASE r.position WHEN 'for' THEN 0 WHEN 'against' THEN 1"
			"  WHEN 'abstain' THEN 2 ELSE 3 END, p.family_name COLLATE NOCASE") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, vote_id);
	return 0;
}

/* --- papers ("issues") --------------------------------------------------- */

#define PAPER_COLS \
	"p.id, p.decision_maker_id, p.reference, p.title, p.kind, p.forward_plan_date, p.description_html," \
	" (SELECT o.name FROM pub_organization o WHERE o.id = p.decision_maker_id), p.key_decision, p.date"

static void fill_paper(sqlite3_stmt *s, struct paper_row *r)
{
	r->id = col_int(s, 0);
	r->decision_maker_id = col_int(s, 1);
	r->reference = col_text(s, 2);
	r->title = col_text(s, 3);
	r->kind = col_text(s, 4);
	r->forward_plan_date = col_text(s, 5);
	r->description_html = col_text(s, 6);
	r->decision_maker_name = col_text(s, 7);
	r->key_decision = (int)col_int(s, 8);
	r->date = col_text(s, 9);
}

int cursor_next_paper(struct cursor *c, struct paper_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	fill_paper(c->s, r);
	return 1;
}

int pub_paper(struct db *db, int64_t id, struct paper_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " PAPER_COLS " FROM pub_paper p WHERE p.id = ?1");
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) == 1)
		fill_paper(s, r);
	return rc;
}

int pub_papers_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " PAPER_COLS " FROM pub_paper p WHERE p.id IN"
			" (SELECT paper_id FROM pub_agenda_item WHERE id = ?1"
			"  UNION SELECT paper_id FROM pub_consultation WHERE agenda_item_id = ?1)"
			" ORDER BY p.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, item_id);
	return 0;
}

int pub_files_of_paper(struct db *db, int64_t paper_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " FILE_COLS " FROM pub_file_link l JOIN pub_file f ON f.id = l.file_id"
			" WHERE l.paper_id = ?1 ORDER BY " ROLE_POS ", l.position, f.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, paper_id);
	return 0;
}

int cursor_next_consultation(struct cursor *c, struct consultation_row *r)
{
	if (!db_cursor_step(c))
		return 0;
	r->id = col_int(c->s, 0);
	r->meeting_id = col_int(c->s, 1);
	r->item_id = col_int(c->s, 2);
	r->organization_id = col_int(c->s, 3);
	r->start_at = col_text(c->s, 4);
	r->meeting_name = col_text(c->s, 5);
	r->organization_name = col_text(c->s, 6);
	r->item_number = col_text(c->s, 7);
	r->item_title = col_text(c->s, 8);
	r->decision_html = col_text(c->s, 9);
	r->role = col_text(c->s, 10);
	r->authoritative = (int)col_int(c->s, 11);
	return 1;
}

/* A consultation names an item, or a meeting, or only a committee; the
 * item gives the meeting, the meeting the committee.  (Subqueries, not
 * LEFT JOINs: a join view on the right of one is read whole.) */
#define CONS_MEETING(col) "(SELECT m." col " FROM pub_meeting m WHERE m.id = x.mid)"
#define CONS_ITEM(col) "(SELECT i." col " FROM pub_agenda_item i WHERE i.id = x.agenda_item_id)"
int pub_consultations_of_paper(struct db *db, int64_t paper_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT x.id, x.mid, x.agenda_item_id, x.org, " CONS_MEETING("start_at") " AS at, "
			CONS_MEETING("name") ", (SELECT o.name FROM pub_organization o WHERE o.id = x.org), "
			CONS_ITEM("number") ", " CONS_ITEM("title") ", " CONS_ITEM("decision_html") ","
			" x.role, x.authoritative"
			" FROM (SELECT y.*, COALESCE(y.organization_id, (SELECT m.organization_id FROM pub_meeting m"
			"  WHERE m.id = y.mid)) AS org"
			"  FROM (SELECT c.id, c.agenda_item_id, c.organization_id, c.role, c.authoritative,"
			"   COALESCE(c.meeting_id, (SELECT ci.meeting_id FROM pub_agenda_item ci"
			"    WHERE ci.id = c.agenda_item_id)) AS mid FROM pub_consultation c WHERE c.paper_id = ?1) y) x"
			" ORDER BY at IS NULL, at, x.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, paper_id);
	return 0;
}
