/* admin_statutory.c: the back office's reads of the statutory records
 * that a page shows beside another: the decision records of an agenda
 * item, and a member's register of interests.  Rows are written with
 * model_save (db/model_rw.c), audited like every write; see the
 * statutory part of db/admin.h. */
#include "db/admin.h"

#include "db/db_int.h"
#include "util/banned.h"

#define C(m) RCOL(struct decision_brief, m)
static const struct rcol decision_brief_cols[] = {
	C(id), C(title), C(decided_on), C(status), C(published), RCOL_END
};
#undef C

int adm_decisions_of_item(struct db *db, int64_t item_id, struct cursor *c)
{
	return db_list(db, c, "SELECT dc.id, dc.title, dc.decided_on, dc.status, dc.published FROM decision dc"
		       " WHERE dc.agenda_item_id = ?1 AND dc.deleted = 0 ORDER BY dc.decided_on DESC, dc.id DESC",
		       DB_ARGS(v_int(item_id)));
}

DB_CURSOR_READER(cursor_next_decision_brief, decision_brief, decision_brief_cols)

#define C(m) RCOL(struct interest_brief, m)
static const struct rcol interest_brief_cols[] = {
	C(id), C(category), C(holder), C(description), C(sensitive), C(registered_on), C(ended_on), C(current),
	RCOL_END
};
#undef C

int adm_interests_of_person(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT iv.id, iv.category, iv.holder, iv.description, iv.sensitive, iv.registered_on,"
		       " iv.ended_on, iv.ended_on IS NULL OR iv.ended_on >= date('now','localtime')"
		       " FROM interest iv WHERE iv.person_id = ?1 AND iv.deleted = 0"
		       " ORDER BY iv.ended_on IS NOT NULL, iv.category, iv.registered_on, iv.id",
		       DB_ARGS(v_int(person_id)));
}

DB_CURSOR_READER(cursor_next_interest_brief, interest_brief, interest_brief_cols)
