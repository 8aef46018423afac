/* printed.c: the reads of the printed minutes and decision notices (see
 * printed.h), over the pub_* views. */
#include "db/printed.h"

#include "db/db_int.h"
#include "util/banned.h"

#define C(m) RCOL(struct printed_item_row, m)
static const struct rcol printed_item_cols[] = {
	C(id), C(number), C(title), C(exempt), C(exempt_paragraph), C(minutes_md), C(decision_md), RCOL_END
};
#undef C

int pub_printed_items(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT i.id, i.number, i.title, i.exempt, i.exempt_paragraph,"
		       " CASE WHEN i.exempt <> 0 THEN NULL ELSE i.minutes_md END,"
		       " CASE WHEN i.exempt <> 0 THEN NULL ELSE i.decision_md END"
		       " FROM pub_agenda_item i WHERE i.meeting_id = ?1 ORDER BY i.position, i.id",
		       DB_ARGS(v_int(meeting_id)));
}

DB_CURSOR_READER(cursor_next_printed_item, printed_item_row, printed_item_cols)

struct name_row {
	const char *name;
};
static const struct rcol name_cols[] = { RCOL(struct name_row, name), RCOL_END };

int pub_chair_on(struct db *db, int64_t org_id, const char *day, const char **name)
{
	struct name_row row = { NULL };
	int rc = db_row(db, "SELECT p.name FROM pub_membership ms JOIN pub_person p ON p.id = ms.person_id"
			" WHERE ms.organization_id = ?1 AND ms.role = 'chair'"
			" AND (ms.start_date IS NULL OR ms.start_date <= ?2)"
			" AND (ms.end_date IS NULL OR ms.end_date >= ?2)"
			" ORDER BY ms.start_date DESC, ms.id DESC LIMIT 1",
			DB_ARGS(v_int(org_id), v_text(day)), name_cols, &row);

	*name = rc == 1 ? row.name : NULL;
	return rc;
}

#define C(m) RCOL(struct printed_decision_row, m)
static const struct rcol printed_decision_cols[] = {
	C(decision_md), C(reasons_md), C(alternatives_md), C(modified), RCOL_END
};
#undef C

int pub_printed_decision(struct db *db, int64_t id, struct printed_decision_row *r)
{
	return db_row(db, "SELECT d.decision_md, d.reasons_md, d.alternatives_md, d.modified"
		      " FROM pub_decision d WHERE d.id = ?1", DB_ARGS(v_int(id)), printed_decision_cols, r);
}
