/* statutory.c: queries over the public views for decision records and the
 * forward plan (see statutory.h).  References are read through subqueries
 * on their views, never LEFT JOINs (a join view on the right of one is
 * read whole), so a reference that is not public reads as NULL. */
#include "db/statutory.h"

#include "db/db_int.h"
#include "util/banned.h"

/* --- decisions --------------------------------------------------------------- */

#define DEC_ITEM(col) "(SELECT i." col " FROM pub_agenda_item i WHERE i.id = d.agenda_item_id)"
#define DEC_MEETING(col) \
	"(SELECT m." col " FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id" \
	" WHERE i.id = d.agenda_item_id)"
#define DEC_PAPER(col) "(SELECT pa." col " FROM pub_paper pa WHERE pa.id = d.paper_id)"
#define DEC_PLAN(col) "(SELECT pe." col " FROM pub_plan_entry pe WHERE pe.id = d.plan_entry_id)"
#define DEC_COLS \
	"d.id, (SELECT o.id FROM pub_organization o WHERE o.id = d.decision_maker_id)," \
	" (SELECT p.id FROM pub_person p WHERE p.id = d.decision_maker_person_id)," \
	" " DEC_ITEM("id") ", " DEC_ITEM("meeting_id") ", " DEC_PAPER("id") ", " DEC_PLAN("id") "," \
	" d.title, d.decided_on, d.kind, d.status," \
	" (SELECT o.name FROM pub_organization o WHERE o.id = d.decision_maker_id)," \
	" (SELECT p.name FROM pub_person p WHERE p.id = d.decision_maker_person_id)," \
	" d.decision_maker_post, d.key_decision, d.call_in, d.wards, d.conflicts, d.dispensations," \
	" d.call_in_deadline, d.effective_from, d.decision_html, d.reasons_html, d.alternatives_html," \
	" " DEC_MEETING("start_at") ", " DEC_MEETING("name") ", " DEC_ITEM("number") ", " DEC_ITEM("title") "," \
	" " DEC_PAPER("title") ", " DEC_PAPER("reference") ", " DEC_PLAN("title") ", " DEC_PLAN("reference")

#define C(m) RCOL(struct decision_row, m)
static const struct rcol decision_cols[] = {
	C(id), C(decision_maker_id), C(decision_maker_person_id), C(agenda_item_id), C(meeting_id), C(paper_id),
	C(plan_entry_id), C(title), C(decided_on), C(kind), C(status), C(maker_name), C(person_name), C(post),
	C(key_decision), C(call_in), C(wards), C(conflicts), C(dispensations), C(call_in_deadline),
	C(effective_from), C(decision_html), C(reasons_html), C(alternatives_html), C(meeting_start_at),
	C(meeting_name), C(item_number), C(item_title), C(paper_title), C(paper_reference), C(plan_title),
	C(plan_reference), RCOL_END
};
#undef C

/* The filters as ?1..?7 (NULL: no filter). */
#define DEC_WHERE \
	" WHERE (?1 IS NULL OR d.decided_on >= ?1) AND (?2 IS NULL OR d.decided_on <= ?2)" \
	" AND (?3 IS NULL OR d.decision_maker_id = ?3) AND (?4 IS NULL OR d.decision_maker_post = ?4)" \
	" AND (?5 IS NULL OR d.key_decision = 1) AND (?6 IS NULL OR d.status = ?6)" \
	" AND (?7 IS NULL OR d.kind = ?7)"
#define DEC_ARGS(f) \
	v_text((f)->from), v_text((f)->to), v_id((f)->committee), v_text((f)->post), v_id((f)->key_only), \
	v_text((f)->status), v_text((f)->kind)

DB_CURSOR_READER(cursor_next_decision, decision_row, decision_cols)

int stat_decisions(struct db *db, const struct decision_filter *f, struct cursor *c)
{
	return db_list(db, c, "SELECT " DEC_COLS " FROM pub_decision d" DEC_WHERE
		       " ORDER BY d.decided_on IS NOT NULL, d.decided_on DESC, d.id DESC LIMIT ?8 OFFSET ?9",
		       DB_ARGS(DEC_ARGS(f), v_int(f->limit), v_int(f->offset)));
}

int stat_decisions_count(struct db *db, const struct decision_filter *f, int64_t *n)
{
	/* Unfiltered, from the publication record (as OParl's totalElements):
	 * the view checks each decision's item, meeting and committee, about
	 * 70 ms for 18,000 decisions. */
	int all = !f->from && !f->to && !f->committee && !f->post && !f->key_only && !f->status && !f->kind;
	int rc = all ? db_int_of(db, "SELECT count(*) FROM pub_record WHERE entity = 'decision' AND public", NULL, n) :
		db_int_of(db, "SELECT count(*) FROM pub_decision d" DEC_WHERE, DB_ARGS(DEC_ARGS(f)), n);

	return rc < 0 ? -1 : 0;
}

int stat_decision(struct db *db, int64_t id, struct decision_row *r)
{
	return db_row(db, "SELECT " DEC_COLS " FROM pub_decision d WHERE d.id = ?1", DB_ARGS(v_int(id)),
		      decision_cols, r);
}

int stat_decisions_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " DEC_COLS " FROM pub_decision d WHERE d.agenda_item_id = ?1"
		       " ORDER BY d.decided_on, d.id", DB_ARGS(v_int(item_id)));
}

int stat_decisions_of_paper(struct db *db, int64_t paper_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " DEC_COLS " FROM pub_decision d WHERE d.paper_id = ?1"
		       " ORDER BY d.decided_on IS NULL, d.decided_on, d.id", DB_ARGS(v_int(paper_id)));
}

static const struct rcol maker_cols[] = {
	RCOL(struct maker_row, id), RCOL(struct maker_row, name), RCOL_END
};

DB_CURSOR_READER(cursor_next_maker, maker_row, maker_cols)

int stat_decision_makers(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT id, name FROM ("
		       " SELECT 0 AS k, o.id, o.name FROM pub_organization o"
		       "  WHERE EXISTS (SELECT 1 FROM pub_decision d WHERE d.decision_maker_id = o.id)"
		       " UNION"
		       " SELECT 1, 0, d.decision_maker_post FROM pub_decision d WHERE d.decision_maker_post IS NOT NULL"
		       ") ORDER BY k, name COLLATE NOCASE", NULL);
}

/* --- the forward plan -------------------------------------------------------- */

#define PLAN_COLS \
	"pe.id, (SELECT pa.id FROM pub_paper pa WHERE pa.id = pe.paper_id)," \
	" (SELECT o.id FROM pub_organization o WHERE o.id = pe.decision_maker_id)," \
	" (SELECT p.id FROM pub_person p WHERE p.id = pe.lead_member_id)," \
	" pe.reference, pe.title, pe.summary_html," \
	" (SELECT o.name FROM pub_organization o WHERE o.id = pe.decision_maker_id), pe.decision_maker_post," \
	" (SELECT p.name FROM pub_person p WHERE p.id = pe.lead_member_id), pe.lead_officer," \
	" pe.first_published, pe.decision_due, pe.wards, pe.consultees, pe.documents, pe.restriction," \
	" pe.exempt_paragraph, pe.urgency, pe.urgency_reason, pe.status, pe.created, pe.modified," \
	" (SELECT pa.title FROM pub_paper pa WHERE pa.id = pe.paper_id)"

#define C(m) RCOL(struct plan_row, m)
static const struct rcol plan_cols[] = {
	C(id), C(paper_id), C(decision_maker_id), C(lead_member_id), C(reference), C(title), C(summary_html),
	C(maker_name), C(post), C(lead_member_name), C(lead_officer), C(first_published), C(decision_due),
	C(wards), C(consultees), C(documents), C(restriction), C(exempt_paragraph), C(urgency),
	C(urgency_reason), C(status), C(created), C(modified), C(paper_title), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_plan, plan_row, plan_cols)

int stat_plan_entries(struct db *db, const char *from, struct cursor *c)
{
	return db_list(db, c, "SELECT " PLAN_COLS " FROM pub_plan_entry pe"
		       " WHERE ?1 IS NULL OR pe.decision_due >= ?1 ORDER BY pe.decision_due, pe.id",
		       DB_ARGS(v_text(from)));
}

int stat_plan_entries_newest(struct db *db, int limit, struct cursor *c)
{
	return db_list(db, c, "SELECT " PLAN_COLS " FROM pub_plan_entry pe"
		       " ORDER BY pe.first_published DESC, pe.id DESC LIMIT ?1", DB_ARGS(v_int(limit)));
}

int stat_plan_entries_of_paper(struct db *db, int64_t paper_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " PLAN_COLS " FROM pub_plan_entry pe WHERE pe.paper_id = ?1"
		       " ORDER BY pe.decision_due, pe.id", DB_ARGS(v_int(paper_id)));
}

int stat_plan_entry(struct db *db, int64_t id, struct plan_row *r)
{
	return db_row(db, "SELECT " PLAN_COLS " FROM pub_plan_entry pe WHERE pe.id = ?1", DB_ARGS(v_int(id)),
		      plan_cols, r);
}

int stat_plan_has_past(struct db *db, const char *from)
{
	int64_t n = 0;
	int rc = db_int_of(db, "SELECT EXISTS (SELECT 1 FROM pub_plan_entry pe WHERE pe.decision_due < ?1)",
			   DB_ARGS(v_text(from)), &n);

	return rc < 0 ? -1 : n != 0;
}

/* --- a paper's meetings --------------------------------------------------------- */

#define C(m) RCOL(struct paper_meeting_row, m)
static const struct rcol paper_meeting_cols[] = {
	C(meeting_id), C(item_id), C(organization_id), C(start_at), C(meeting_name), C(organization_name),
	C(item_number), C(item_title), C(minutes_html), C(decision_html), C(role), C(authoritative), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_paper_meeting, paper_meeting_row, paper_meeting_cols)

#define PM_ITEM(col) "(SELECT i." col " FROM pub_agenda_item i WHERE i.id = x.iid)"
int stat_paper_meetings(struct db *db, int64_t paper_id, struct cursor *c)
{
	return db_list(db, c, "SELECT x.mid, x.iid, m.organization_id, m.start_at, m.name, o.name, "
		       PM_ITEM("number") ", " PM_ITEM("title") ", " PM_ITEM("minutes_html") ", "
		       PM_ITEM("decision_html") ", x.role, x.auth"
		       " FROM (SELECT mid, iid, max(role) AS role, max(auth) AS auth FROM ("
		       "  SELECT i.meeting_id AS mid, i.id AS iid, NULL AS role, 0 AS auth"
		       "   FROM pub_agenda_item i WHERE i.paper_id = ?1"
		       "  UNION ALL"
		       "  SELECT COALESCE(c.meeting_id, (SELECT ci.meeting_id FROM pub_agenda_item ci"
		       "   WHERE ci.id = c.agenda_item_id)), c.agenda_item_id, c.role, c.authoritative"
		       "   FROM pub_consultation c WHERE c.paper_id = ?1"
		       " ) WHERE mid IS NOT NULL GROUP BY mid, iid) x"
		       " JOIN pub_meeting m ON m.id = x.mid JOIN pub_organization o ON o.id = m.organization_id"
		       " ORDER BY m.start_at, m.id, x.iid", DB_ARGS(v_int(paper_id)));
}
