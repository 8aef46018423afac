/* moderngov.c: the reads behind the ModernGov web service and the old
 * ModernGov page URLs (see moderngov.h).  Only pub_* views, like
 * public.c, but for mg_import_id, which reads the importer's map. */
#include "db/moderngov.h"

#include "db/db_int.h"
#include "util/banned.h"

/* --- committees -------------------------------------------------------------- */

/* Every organization but an outside body is a committee (OParl's
 * organizationType says the same, db/oparl.c). */
#define COMMITTEE_COLS \
	"o.id, o.name, o.kind," \
	" CASE WHEN o.end_date IS NOT NULL AND o.end_date < date('now','localtime') THEN 1 ELSE 0 END, o.purpose_html"
#define IS_COMMITTEE "o.kind <> 'outside_body'"

#define C(m) RCOL(struct mg_committee_row, m)
static const struct rcol committee_cols[] = { C(id), C(name), C(kind), C(expired), C(purpose_html), RCOL_END };
#undef C

int mg_committees(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT " COMMITTEE_COLS " FROM pub_organization o WHERE " IS_COMMITTEE
		       " ORDER BY o.name COLLATE NOCASE, o.id", NULL);
}

DB_CURSOR_READER(cursor_next_mg_committee, mg_committee_row, committee_cols)

int mg_committee(struct db *db, int64_t id, struct mg_committee_row *r)
{
	return db_row(db, "SELECT " COMMITTEE_COLS " FROM pub_organization o WHERE o.id = ?1 AND " IS_COMMITTEE,
		      DB_ARGS(v_int(id)), committee_cols, r);
}

/* --- meetings ------------------------------------------------------------------ */

#define C(m) RCOL(struct mg_meeting_row, m)
static const struct rcol meeting_cols[] = {
	C(id), C(organization_id), C(organization_name), C(start_at), C(state), C(webcast_url), RCOL_END
};
#undef C

int mg_meetings(struct db *db, int64_t org_id, const char *from, const char *to, struct cursor *c)
{
	/* (start_at is 'YYYY-MM-DD HH:MM': the last day runs to its ' 99:99') */
	return db_list(db, c, "SELECT m.id, m.organization_id, o.name, m.start_at, m.state, m.webcast_url"
		       " FROM pub_meeting m JOIN pub_organization o ON o.id = m.organization_id"
		       " WHERE " IS_COMMITTEE " AND (?1 = 0 OR m.organization_id = ?1)"
		       "  AND m.start_at >= ?2 AND m.start_at <= ?3 || ' 99:99'"
		       " ORDER BY o.name COLLATE NOCASE, o.id, m.start_at, m.id",
		       DB_ARGS(v_int(org_id), v_text(from), v_text(to)));
}

DB_CURSOR_READER(cursor_next_mg_meeting, mg_meeting_row, meeting_cols)

struct count_row {
	int64_t n;
};
static const struct rcol count_cols[] = { RCOL(struct count_row, n), RCOL_END };

int mg_meeting_decisions(struct db *db, int64_t meeting_id, int64_t *n)
{
	struct count_row r = { 0 };
	int rc = db_row(db, "SELECT count(*) FROM pub_agenda_item i WHERE i.meeting_id = ?1"
			" AND i.decision_html IS NOT NULL", DB_ARGS(v_int(meeting_id)), count_cols, &r);

	*n = r.n;
	return rc < 0 ? -1 : 1;
}

int mg_meeting_public(struct db *db, int64_t meeting_id)
{
	struct count_row r = { 0 };

	return db_row(db, "SELECT id FROM pub_meeting WHERE id = ?1", DB_ARGS(v_int(meeting_id)), count_cols, &r);
}

static const struct rcol item_facts_cols[] = {
	RCOL(struct mg_item_facts, declarations), RCOL(struct mg_item_facts, decisions), RCOL_END
};

int mg_item_facts(struct db *db, int64_t item_id, struct mg_item_facts *f)
{
	f->declarations = f->decisions = 0;
	return db_row(db, "SELECT (SELECT count(*) FROM pub_declaration d WHERE d.agenda_item_id = ?1),"
		      " (SELECT count(*) FROM pub_decision x WHERE x.agenda_item_id = ?1)",
		      DB_ARGS(v_int(item_id)), item_facts_cols, f);
}

/* --- attendance ------------------------------------------------------------------ */

#define C(m) RCOL(struct mg_attendee_row, m)
static const struct rcol attendee_cols[] = {
	C(person_id), C(substitute_for), C(name), C(party), C(area), C(status), C(note), C(role), RCOL_END
};
#undef C

/* A role's place: chair first (as public.c's ROLE_ORDER). */
#define ROLE_RANK(x) \
	"CASE " x " WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2" \
	" WHEN 'independent' THEN 3 WHEN 'co_opted' THEN 4 WHEN 'substitute' THEN 5 ELSE 6 END"

int mg_attendees(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT x.person_id, x.sub, x.name, x.party, x.area, x.status, x.note, x.role FROM ("
		       " SELECT a.person_id, p.name, p.party, p.area, a.status, a.note, p.family_name,"
		       "  (SELECT sp.id FROM pub_person sp WHERE sp.id = a.substitute_for) AS sub,"
		       "  (SELECT ms.role FROM pub_membership ms WHERE ms.person_id = a.person_id"
		       "   AND ms.organization_id = m.organization_id"
		       "   AND (ms.start_date IS NULL OR ms.start_date <= substr(m.start_at, 1, 10))"
		       "   AND (ms.end_date IS NULL OR ms.end_date >= substr(m.start_at, 1, 10))"
		       "   ORDER BY " ROLE_RANK("ms.role") ", ms.id LIMIT 1) AS role"
		       " FROM pub_attendance a JOIN pub_person p ON p.id = a.person_id"
		       " JOIN pub_meeting m ON m.id = a.meeting_id WHERE a.meeting_id = ?1) x"
		       " ORDER BY CASE x.status WHEN 'substitute' THEN 1 WHEN 'in_attendance' THEN 2 ELSE 0 END,"
		       "  " ROLE_RANK("x.role") ", x.family_name COLLATE NOCASE, x.name, x.person_id",
		       DB_ARGS(v_int(meeting_id)));
}

DB_CURSOR_READER(cursor_next_mg_attendee, mg_attendee_row, attendee_cols)

/* --- documents -------------------------------------------------------------------- */

#define C(m) RCOL(struct mg_owner_row, m)
static const struct rcol owner_cols[] = {
	C(item_id), C(meeting_id), C(title), C(start_at), C(organization_name), C(agenda_published_at), RCOL_END
};
#undef C

#define OWNER_MEETING \
	" JOIN pub_meeting m ON m.id = i.meeting_id JOIN pub_organization o ON o.id = m.organization_id"

int mg_file_owner(struct db *db, int64_t file_id, struct mg_owner_row *r)
{
	return db_row(db, "SELECT x.item_id, x.meeting_id, x.title, x.start_at, x.org, x.published FROM ("
		      " SELECT 0 AS k, i.id AS item_id, m.id AS meeting_id, i.title AS title, m.start_at AS start_at,"
		      "  o.name AS org, m.agenda_published_at AS published"
		      "  FROM pub_file_link l JOIN pub_agenda_item i ON i.id = l.agenda_item_id" OWNER_MEETING
		      "  WHERE l.file_id = ?1"
		      " UNION ALL SELECT 1, i.id, m.id, i.title, m.start_at, o.name, m.agenda_published_at"
		      "  FROM pub_file_link l JOIN pub_consultation c ON c.paper_id = l.paper_id"
		      "  JOIN pub_agenda_item i ON i.id = c.agenda_item_id" OWNER_MEETING
		      "  WHERE l.file_id = ?1"
		      " UNION ALL SELECT 2, 0, m.id, m.name, m.start_at, o.name, m.agenda_published_at"
		      "  FROM pub_file_link l JOIN pub_meeting m ON m.id = l.meeting_id"
		      "  JOIN pub_organization o ON o.id = m.organization_id WHERE l.file_id = ?1"
		      " UNION ALL SELECT 3, 0, 0, pa.title, NULL, NULL, NULL"
		      "  FROM pub_file_link l JOIN pub_paper pa ON pa.id = l.paper_id WHERE l.file_id = ?1"
		      ") x ORDER BY x.k, x.start_at DESC, x.item_id LIMIT 1",
		      DB_ARGS(v_int(file_id)), owner_cols, r);
}

struct id_row {
	int64_t id;
};
static const struct rcol id_cols[] = { RCOL(struct id_row, id), RCOL_END };

int mg_item_meeting(struct db *db, int64_t item_id, int64_t *meeting_id)
{
	struct id_row r = { 0 };
	int rc = db_row(db, "SELECT meeting_id FROM pub_agenda_item WHERE id = ?1", DB_ARGS(v_int(item_id)),
			id_cols, &r);

	*meeting_id = r.id;
	return rc;
}

/* --- councillors ------------------------------------------------------------------ */

#define C(m) RCOL(struct mg_councillor_row, m)
static const struct rcol councillor_cols[] = { C(id), C(name), C(party), C(area), C(nominated_by), RCOL_END };
#undef C

/* A seat on the council (an organization of kind council). */
#define COUNCIL_SEAT \
	"SELECT 1 FROM pub_membership ms JOIN pub_organization o ON o.id = ms.organization_id" \
	" WHERE o.kind = 'council' AND ms.role <> 'officer'"

int mg_councillors(struct db *db, struct cursor *c)
{
	/* A record that has no seats on a council at all (one imported from
	 * ModernGov, whose web service gives wards but no council) has its
	 * councillors as the people who represent a ward. */
	return db_list(db, c, "SELECT p.id, p.name, p.party, p.area, p.nominated_by FROM pub_person p"
		       " WHERE EXISTS (" COUNCIL_SEAT " AND ms.person_id = p.id"
		       "  AND (ms.end_date IS NULL OR ms.end_date >= date('now','localtime')))"
		       " OR (p.area IS NOT NULL AND NOT EXISTS (" COUNCIL_SEAT "))"
		       " ORDER BY p.area IS NULL, p.area COLLATE NOCASE, p.area,"
		       "  COALESCE(p.family_name, p.name) COLLATE NOCASE, p.name, p.id", NULL);
}

DB_CURSOR_READER(cursor_next_mg_councillor, mg_councillor_row, councillor_cols)

static const struct rcol term_cols[] = {
	RCOL(struct mg_term_row, start_date), RCOL(struct mg_term_row, end_date), RCOL_END
};

int mg_terms(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT ms.start_date, ms.end_date FROM pub_membership ms"
		       " JOIN pub_organization o ON o.id = ms.organization_id"
		       " WHERE ms.person_id = ?1 AND o.kind = 'council' AND ms.role <> 'officer'"
		       " ORDER BY ms.start_date IS NULL DESC, ms.start_date, ms.id", DB_ARGS(v_int(person_id)));
}

DB_CURSOR_READER(cursor_next_mg_term, mg_term_row, term_cols)

/* --- the importer's map -------------------------------------------------------------- */

/* The site's base is system_url less its "/mgWebService.asmx" (18
 * bytes); import_map's URL is its primary key, so each base costs one
 * index lookup.  (CROSS JOIN: SQLite keeps the runs the outer loop, so
 * that it looks the URL up, instead of reading every row of the entity
 * through import_map_local.) */
int mg_import_id(struct db *db, const char *entity, const char *page, int64_t *local_id)
{
	struct id_row r = { 0 };
	int rc = db_row(db, "SELECT mp.local_id FROM import_run ir CROSS JOIN import_map mp"
			" WHERE mp.url = substr(ir.system_url, 1, length(ir.system_url) - 18) || ?2"
			"  AND length(ir.system_url) > 18"
			"  AND substr(ir.system_url, length(ir.system_url) - 17) = '/mgWebService.asmx'"
			"  AND mp.entity = ?1"
			" ORDER BY ir.started DESC, ir.system_url LIMIT 1",
			DB_ARGS(v_text(entity), v_text(page)), id_cols, &r);

	*local_id = r.id;
	return rc;
}
