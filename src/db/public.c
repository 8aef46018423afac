/* public.c: queries over the public views (see public.h).  Each row
 * has one column list and one table (struct rcol) shared by its queries;
 * those other modules select too are in rows_int.h. */
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

#define C(m) RCOL(struct body_row, m)
static const struct rcol body_cols[] = {
	C(id), C(name), C(short_name), C(website), C(email), C(phone), C(address), C(colour_primary),
	C(colour_accent), C(logo_svg), C(region), C(notice_clear_days), C(license), RCOL_END
};
#undef C

int pub_body(struct db *db, struct body_row *r)
{
	return db_row(db, "SELECT id, name, short_name, website, email, phone, address, colour_primary,"
		      " colour_accent, logo_svg, region, notice_clear_days, license"
		      " FROM pub_body ORDER BY id LIMIT 1", NULL, body_cols, r);
}

/* --- an object's own licence ------------------------------------------------ */

#define OWN_LICENSE(view) \
	"SELECT x.license FROM " view " x WHERE x.id = ?1 AND x.license IS NOT NULL" \
	" AND x.license IS NOT (SELECT license FROM pub_body ORDER BY id LIMIT 1)"

struct license_row {
	const char *license;
};
static const struct rcol license_cols[] = { RCOL(struct license_row, license), RCOL_END };

int pub_own_license(struct db *db, enum own_license_of kind, int64_t id, const char **license)
{
	static const char *const sql[] = {
		[OWN_LICENSE_MEETING] = OWN_LICENSE("pub_meeting"),
		[OWN_LICENSE_ITEM] = OWN_LICENSE("pub_agenda_item"),
		[OWN_LICENSE_ORG] = OWN_LICENSE("pub_organization"),
		[OWN_LICENSE_PERSON] = OWN_LICENSE("pub_person"),
	};
	struct license_row r = { NULL };
	int rc;

	*license = NULL;
	if ((size_t)kind >= sizeof(sql) / sizeof(sql[0]))
		return 0;
	rc = db_row(db, sql[kind], DB_ARGS(v_int(id)), license_cols, &r);
	*license = r.license;
	return rc;
}

/* --- organizations ------------------------------------------------------ */

#define ORG_COLS \
	"o.id, o.parent_id, o.name, o.short_name, o.kind, o.purpose_html, o.website," \
	" (SELECT count(*) FROM pub_meeting m WHERE m.organization_id = o.id)," \
	" (SELECT min(m.start_at) FROM pub_meeting m WHERE m.organization_id = o.id" \
	"   AND m.state IN ('scheduled','postponed') AND m.start_at >= strftime('%Y-%m-%d %H:%M','now','localtime'))"
#define C(m) RCOL(struct org_row, m)
static const struct rcol org_cols[] = {
	C(id), C(parent_id), C(name), C(short_name), C(kind), C(purpose_html), C(website), C(meeting_count),
	C(next_meeting_at), RCOL_END
};
#undef C

/* Committees as listed: council, cabinet, committees, panels, sub-committees. */
#define ORG_ORDER \
	" ORDER BY CASE o.kind WHEN 'council' THEN 0 WHEN 'cabinet' THEN 1 WHEN 'panel' THEN 3" \
	"  WHEN 'committee' THEN 2 WHEN 'sub_committee' THEN 4 ELSE 5 END, o.name"

DB_CURSOR_READER(cursor_next_org, org_row, org_cols)

int pub_orgs(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT " ORG_COLS " FROM pub_organization o" ORG_ORDER, NULL);
}

int pub_org_names(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT o.id, o.parent_id, o.name, o.short_name, o.kind, NULL, NULL, 0, NULL"
		       " FROM pub_organization o" ORG_ORDER, NULL);
}

int pub_org(struct db *db, int64_t id, struct org_row *r)
{
	return db_row(db, "SELECT " ORG_COLS " FROM pub_organization o WHERE o.id = ?1", DB_ARGS(v_int(id)),
		      org_cols, r);
}

/* --- people and memberships -------------------------------------------- */

#define PERSON_COLS \
	"p.id, p.name, p.honorific, p.given_name, p.family_name, p.party, p.area," \
	" p.nominated_by, p.bio_html"
#define C(m) RCOL(struct person_row, m)
static const struct rcol person_cols[] = {
	C(id), C(name), C(honorific), C(given_name), C(family_name), C(party), C(area), C(nominated_by),
	C(bio_html), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_person, person_row, person_cols)

int pub_people(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT " PERSON_COLS " FROM pub_person p"
		       " ORDER BY COALESCE(p.family_name, p.name) COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
		       NULL);
}

int pub_person(struct db *db, int64_t id, struct person_row *r)
{
	return db_row(db, "SELECT " PERSON_COLS " FROM pub_person p WHERE p.id = ?1", DB_ARGS(v_int(id)),
		      person_cols, r);
}

DB_CURSOR_READER(cursor_next_member, member_row, member_cols)

#define MEMBER_FROM \
	" FROM pub_membership ms JOIN pub_person p ON p.id = ms.person_id" \
	" JOIN pub_organization o ON o.id = ms.organization_id"

int pub_org_members(struct db *db, int64_t org_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEMBER_COLS MEMBER_FROM " WHERE ms.organization_id = ?1"
		       "  AND (ms.end_date IS NULL OR ms.end_date >= date('now','localtime'))"
		       " ORDER BY " ROLE_ORDER ", p.family_name COLLATE NOCASE, p.name", DB_ARGS(v_int(org_id)));
}

int pub_org_memberships(struct db *db, int64_t org_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEMBER_COLS MEMBER_FROM " WHERE ms.organization_id = ?1 ORDER BY ms.id",
		       DB_ARGS(v_int(org_id)));
}

int pub_org_members_on(struct db *db, int64_t org_id, const char *date, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEMBER_COLS MEMBER_FROM " WHERE ms.organization_id = ?1"
		       "  AND ms.role <> 'substitute'"
		       "  AND (ms.start_date IS NULL OR ms.start_date <= ?2)"
		       "  AND (ms.end_date IS NULL OR ms.end_date >= ?2)"
		       " ORDER BY " ROLE_ORDER ", p.family_name COLLATE NOCASE, p.name, ms.id",
		       DB_ARGS(v_int(org_id), v_text(date)));
}

int pub_person_memberships(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEMBER_COLS MEMBER_FROM " WHERE ms.person_id = ?1"
		       " ORDER BY (ms.end_date IS NOT NULL AND ms.end_date < date('now','localtime')),"
		       "  " ROLE_ORDER ", o.name", DB_ARGS(v_int(person_id)));
}

/* --- meetings ------------------------------------------------------------ */

DB_CURSOR_READER(cursor_next_meeting, meeting_row, meeting_cols)

int pub_meeting(struct db *db, int64_t id, struct meeting_row *r)
{
	return db_row(db, "SELECT " MEETING_COLS MEETING_FROM " WHERE m.id = ?1", DB_ARGS(v_int(id)),
		      meeting_cols, r);
}

int pub_meetings_upcoming(struct db *db, const char *now, int limit, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEETING_COLS MEETING_FROM
		       " WHERE m.start_at >= ?1 ORDER BY m.start_at, m.id LIMIT ?2",
		       DB_ARGS(v_text(now), v_int(limit)));
}

int pub_meetings_recent_minutes(struct db *db, int limit, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEETING_COLS MEETING_FROM
		       " WHERE m.minutes_status IN ('published','approved')"
		       " ORDER BY m.minutes_published_at DESC, m.start_at DESC LIMIT ?1", DB_ARGS(v_int(limit)));
}

int pub_meetings_in_month(struct db *db, const char *month, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEETING_COLS MEETING_FROM
		       " WHERE m.start_at >= ?1 || '-01' AND m.start_at < ?1 || '-32'"
		       " ORDER BY m.start_at, m.id", DB_ARGS(v_text(month)));
}

int pub_meetings_of_org(struct db *db, int64_t org_id, int64_t offset, int64_t limit, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEETING_COLS MEETING_FROM
		       " WHERE m.organization_id = ?1 ORDER BY m.start_at DESC, m.id DESC LIMIT ?3 OFFSET ?2",
		       DB_ARGS(v_int(org_id), v_int(offset), v_int(limit)));
}

struct month_range {
	char first[8], last[8];
};
static const struct rcol month_range_cols[] = {
	RBUF(struct month_range, first), RBUF(struct month_range, last), RCOL_END
};

int pub_meeting_month_range(struct db *db, char first[8], char last[8])
{
	struct month_range r;
	/* (First and last in the index's order: min() and max() over the
	 * view read every meeting.) */
	int rc = db_row(db, "SELECT (SELECT substr(start_at, 1, 7) FROM pub_meeting ORDER BY start_at LIMIT 1),"
			" (SELECT substr(start_at, 1, 7) FROM pub_meeting ORDER BY start_at DESC LIMIT 1)",
			NULL, month_range_cols, &r);

	if (rc != 1 || !*r.first)
		return rc < 0 ? -1 : 0;
	snprintf(first, 8, "%s", r.first);
	snprintf(last, 8, "%s", r.last);
	return 1;
}

int pub_meeting_next_of_org(struct db *db, const struct meeting_row *m, int forward,
			    struct meeting_row *out)
{
	static const char next[] = "SELECT " MEETING_COLS MEETING_FROM
		" WHERE m.organization_id = ?1 AND (m.start_at, m.id) > (?2, ?3) ORDER BY m.start_at, m.id LIMIT 1";
	static const char prev[] = "SELECT " MEETING_COLS MEETING_FROM
		" WHERE m.organization_id = ?1 AND (m.start_at, m.id) < (?2, ?3)"
		" ORDER BY m.start_at DESC, m.id DESC LIMIT 1";

	return db_row(db, forward ? next : prev, DB_ARGS(v_int(m->organization_id), v_text(m->start_at),
		      v_int(m->id)), meeting_cols, out);
}

/* --- agenda items --------------------------------------------------------- */

DB_CURSOR_READER(cursor_next_item, item_row, item_cols)

int pub_items_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " ITEM_COLS " FROM pub_agenda_item i"
		       " WHERE i.meeting_id = ?1 ORDER BY i.position, i.id", DB_ARGS(v_int(meeting_id)));
}

int pub_item(struct db *db, int64_t meeting_id, int64_t item_id, struct item_row *r)
{
	return db_row(db, "SELECT " ITEM_COLS " FROM pub_agenda_item i WHERE i.id = ?2 AND i.meeting_id = ?1",
		      DB_ARGS(v_int(meeting_id), v_int(item_id)), item_cols, r);
}

/* --- files ------------------------------------------------------------------ */

DB_CURSOR_READER(cursor_next_file, file_row, file_cols)

int pub_files_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " FILE_COLS " FROM pub_file_link l JOIN pub_file f ON f.id = l.file_id"
		       " WHERE l.meeting_id = ?1 ORDER BY " ROLE_POS ", l.position, f.id", DB_ARGS(v_int(meeting_id)));
}

/* An item's documents: its own, then those of the papers it consults
 * (a Consultation: how OParl systems hang reports on agenda items), main
 * file first; a file once, where it comes first.  `where` is a condition
 * on the item i.  Columns: FILE_COLS, then a grouping column. */
#define ITEM_FILES(where) \
	"WITH a AS (SELECT 0 AS src, fl.file_id, fl.role, fl.position, i.id AS agenda_item_id, i.position AS ipos" \
	"  FROM pub_agenda_item i JOIN pub_file_link fl ON fl.agenda_item_id = i.id WHERE " where \
	" UNION ALL SELECT 1, fl.file_id, fl.role, fl.position, i.id, i.position FROM pub_agenda_item i" \
	"  JOIN pub_consultation c ON c.agenda_item_id = i.id JOIN pub_file_link fl ON fl.paper_id = c.paper_id" \
	"  WHERE " where ")," \
	" l AS (SELECT a.*, row_number() OVER (PARTITION BY a.agenda_item_id, a.file_id" \
	"  ORDER BY a.src, a.position, a.role) AS n FROM a)" \
	" SELECT " FILE_COLS ", l.src AS src FROM l JOIN pub_file f ON f.id = l.file_id WHERE l.n = 1"

int pub_files_of_meeting_items(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, ITEM_FILES("i.meeting_id = ?1")
		       " ORDER BY l.ipos, l.agenda_item_id, src, " ROLE_POS ", l.position, f.id",
		       DB_ARGS(v_int(meeting_id)));
}

int pub_files_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	return db_list(db, c, ITEM_FILES("i.id = ?1") " ORDER BY src, " ROLE_POS ", l.position, f.id",
		       DB_ARGS(v_int(item_id)));
}

int pub_file(struct db *db, int64_t id, struct file_row *r)
{
	return db_row(db, "SELECT " FILE_ONLY_COLS " FROM pub_file f WHERE f.id = ?1", DB_ARGS(v_int(id)),
		      file_cols, r);
}

/* --- attendance, declarations, votes -------------------------------------- */

#define ATT_COLS \
	"a.meeting_id, a.person_id, a.substitute_for, p.name, sp.name, a.status, a.note, m.name, m.start_at"
#define C(m) RCOL(struct attendance_row, m)
static const struct rcol attendance_cols[] = {
	C(meeting_id), C(person_id), C(substitute_for), C(person_name), C(substitute_for_name), C(status),
	C(note), C(meeting_name), C(meeting_start_at), RCOL_END
};
#undef C
#define ATT_FROM \
	" FROM pub_attendance a JOIN pub_person p ON p.id = a.person_id" \
	" LEFT JOIN pub_person sp ON sp.id = a.substitute_for JOIN pub_meeting m ON m.id = a.meeting_id"

DB_CURSOR_READER(cursor_next_attendance, attendance_row, attendance_cols)

int pub_attendance_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " ATT_COLS ATT_FROM " WHERE a.meeting_id = ?1"
		       " ORDER BY CASE a.status WHEN 'present' THEN 0 WHEN 'substitute' THEN 1"
		       "  WHEN 'apologies' THEN 2 WHEN 'absent' THEN 3 ELSE 4 END,"
		       "  p.family_name COLLATE NOCASE, p.name", DB_ARGS(v_int(meeting_id)));
}

int pub_attendance_of_person(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " ATT_COLS ATT_FROM " WHERE a.person_id = ?1 ORDER BY m.start_at DESC",
		       DB_ARGS(v_int(person_id)));
}

#define DECL_FROM \
	" FROM pub_declaration d JOIN pub_person p ON p.id = d.person_id" \
	" JOIN pub_meeting m ON m.id = d.meeting_id" \
	" LEFT JOIN pub_agenda_item i ON i.id = d.agenda_item_id"

DB_CURSOR_READER(cursor_next_declaration, declaration_row, declaration_cols)

int pub_declarations_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " DECL_COLS DECL_FROM " WHERE d.meeting_id = ?1"
		       " ORDER BY i.position, p.family_name COLLATE NOCASE", DB_ARGS(v_int(meeting_id)));
}

int pub_declarations_of_person(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " DECL_COLS DECL_FROM " WHERE d.person_id = ?1 ORDER BY m.start_at DESC",
		       DB_ARGS(v_int(person_id)));
}

DB_CURSOR_READER(cursor_next_vote, vote_row, vote_cols)

int pub_votes_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " VOTE_COLS " FROM pub_vote v WHERE v.agenda_item_id = ?1 ORDER BY v.id",
		       DB_ARGS(v_int(item_id)));
}

DB_CURSOR_READER(cursor_next_vote_record, vote_record_row, vote_record_cols)

int pub_vote_records(struct db *db, int64_t vote_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " VOTE_RECORD_COLS " FROM pub_vote_record r"
		       " JOIN pub_person p ON p.id = r.person_id WHERE r.vote_id = ?1"
		       " ORDER BY CASE r.position WHEN 'for' THEN 0 WHEN 'against' THEN 1"
		       "  WHEN 'abstain' THEN 2 ELSE 3 END, p.family_name COLLATE NOCASE", DB_ARGS(v_int(vote_id)));
}

/* --- papers ("issues") --------------------------------------------------- */

#define PAPER_COLS \
	"p.id, p.decision_maker_id, p.reference, p.title, p.kind, p.forward_plan_date, p.description_html," \
	" (SELECT o.name FROM pub_organization o WHERE o.id = p.decision_maker_id), p.key_decision, p.date"
#define C(m) RCOL(struct paper_row, m)
static const struct rcol paper_cols[] = {
	C(id), C(decision_maker_id), C(reference), C(title), C(kind), C(forward_plan_date), C(description_html),
	C(decision_maker_name), C(key_decision), C(date), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_paper, paper_row, paper_cols)

int pub_paper(struct db *db, int64_t id, struct paper_row *r)
{
	return db_row(db, "SELECT " PAPER_COLS " FROM pub_paper p WHERE p.id = ?1", DB_ARGS(v_int(id)),
		      paper_cols, r);
}

int pub_papers_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " PAPER_COLS " FROM pub_paper p WHERE p.id IN"
		       " (SELECT paper_id FROM pub_agenda_item WHERE id = ?1"
		       "  UNION SELECT paper_id FROM pub_consultation WHERE agenda_item_id = ?1)"
		       " ORDER BY p.id", DB_ARGS(v_int(item_id)));
}

int pub_files_of_paper(struct db *db, int64_t paper_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " FILE_COLS " FROM pub_file_link l JOIN pub_file f ON f.id = l.file_id"
		       " WHERE l.paper_id = ?1 ORDER BY " ROLE_POS ", l.position, f.id", DB_ARGS(v_int(paper_id)));
}

#define C(m) RCOL(struct consultation_row, m)
static const struct rcol consultation_cols[] = {
	C(id), C(meeting_id), C(item_id), C(organization_id), C(start_at), C(meeting_name), C(organization_name),
	C(item_number), C(item_title), C(decision_html), C(role), C(authoritative), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_consultation, consultation_row, consultation_cols)

/* A consultation names an item, or a meeting, or only a committee; the
 * item gives the meeting, the meeting the committee.  (Subqueries, not
 * LEFT JOINs: a join view on the right of one is read whole.) */
#define CONS_MEETING(col) "(SELECT m." col " FROM pub_meeting m WHERE m.id = x.mid)"
#define CONS_ITEM(col) "(SELECT i." col " FROM pub_agenda_item i WHERE i.id = x.agenda_item_id)"
int pub_consultations_of_paper(struct db *db, int64_t paper_id, struct cursor *c)
{
	return db_list(db, c, "SELECT x.id, x.mid, x.agenda_item_id, x.org, " CONS_MEETING("start_at") " AS at, "
		       CONS_MEETING("name") ", (SELECT o.name FROM pub_organization o WHERE o.id = x.org), "
		       CONS_ITEM("number") ", " CONS_ITEM("title") ", " CONS_ITEM("decision_html") ","
		       " x.role, x.authoritative"
		       " FROM (SELECT y.*, COALESCE(y.organization_id, (SELECT m.organization_id FROM pub_meeting m"
		       "  WHERE m.id = y.mid)) AS org"
		       "  FROM (SELECT c.id, c.agenda_item_id, c.organization_id, c.role, c.authoritative,"
		       "   COALESCE(c.meeting_id, (SELECT ci.meeting_id FROM pub_agenda_item ci"
		       "    WHERE ci.id = c.agenda_item_id)) AS mid FROM pub_consultation c WHERE c.paper_id = ?1) y) x"
		       " ORDER BY at IS NULL, at, x.id", DB_ARGS(v_int(paper_id)));
}
