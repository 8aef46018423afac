/* admin_directory.c: the back office's reads and audited writes of the
 * directory the record refers to: committees (organization), people,
 * memberships and venues (location).  See the directory part of admin.h.
 * Nothing here deletes: a membership ends by getting an end date. */
#include "db/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/auth.h"
#include "db/db_int.h"
#include "db/model.h"
#include "db/rows_int.h"
#include "util/banned.h"

/* A membership is current until the day after its end date, as on the
 * public committee pages (pub_org_members). */
#define MS_CURRENT "(ms.end_date IS NULL OR ms.end_date >= date('now','localtime'))"

/* --- committees ------------------------------------------------------- */

#define ORG_SRC_COLS \
	"o.id, o.parent_id, o.name, o.short_name, o.kind, o.purpose_md, o.start_date, o.end_date," \
	" (SELECT count(*) FROM membership ms JOIN person p ON p.id = ms.person_id" \
	"   WHERE ms.organization_id = o.id AND ms.deleted = 0 AND p.deleted = 0 AND " MS_CURRENT ")"
#define C(m) RCOL(struct org_src, m)
static const struct rcol org_src_cols[] = {
	C(id), C(e.parent_id), C(e.name), C(e.short_name), C(e.kind), C(e.purpose_md), C(e.start_date),
	C(e.end_date), C(member_count), RCOL_END
};
#undef C

int adm_committees(struct db *db, int64_t offset, int64_t limit, struct cursor *c)
{
	return db_list(db, c, "SELECT " ORG_SRC_COLS " FROM organization o WHERE o.deleted = 0"
		       " ORDER BY o.name COLLATE NOCASE, o.id LIMIT ?1 OFFSET ?2", DB_ARGS(v_int(limit), v_int(offset)));
}

DB_CURSOR_READER(cursor_next_committee, org_src, org_src_cols)

struct parent_ok {
	int found, loops;
};
static const struct rcol parent_ok_cols[] = {
	RCOL(struct parent_ok, found), RCOL(struct parent_ok, loops), RCOL_END
};

int adm_committee_parent_ok(struct db *db, int64_t id, int64_t parent_id)
{
	struct parent_ok r;
	/* Walk up from the proposed parent: id must not be met on the way. */
	int rc = db_row(db, "WITH RECURSIVE up(x, n) AS (SELECT id, 0 FROM organization WHERE id = ?2 AND deleted = 0"
			"  UNION SELECT o.parent_id, up.n + 1 FROM organization o JOIN up ON o.id = up.x"
			"  WHERE o.parent_id IS NOT NULL AND up.n < 100)"
			" SELECT EXISTS (SELECT 1 FROM up WHERE n = 0), EXISTS (SELECT 1 FROM up WHERE x = ?1)",
			DB_ARGS(v_int(id), v_int(parent_id)), parent_ok_cols, &r);

	if (rc != 1)
		return rc < 0 ? -1 : 0;
	return r.found && !r.loops;
}

/* --- people ----------------------------------------------------------- */

int adm_person_choices(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT p.id, p.name || COALESCE(' (' || p.area || ')', '') FROM person p"
		       " WHERE p.deleted = 0"
		       " ORDER BY COALESCE(p.family_name, p.name) COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id", NULL);
}

/* --- memberships ------------------------------------------------------ */

/* MEMBER_COLS, then whether it is current. */
#define MS_COLS MEMBER_COLS ", " MS_CURRENT
#define MS_FROM \
	" FROM membership ms JOIN person p ON p.id = ms.person_id" \
	" JOIN organization o ON o.id = ms.organization_id" \
	" WHERE ms.deleted = 0 AND p.deleted = 0 AND o.deleted = 0"

struct membership_src {
	struct member_row r;
	int current;
};
static const struct rcol membership_cols[] = {
	RSUB(struct membership_src, r, member_cols), RCOL(struct membership_src, current), RCOL_END
};

int cursor_next_membership(struct cursor *c, struct member_row *r, int *current)
{
	struct membership_src m;

	if (!db_cursor_next(c, membership_cols, &m))
		return 0;
	*r = m.r;
	*current = m.current;
	return 1;
}

int adm_committee_members(struct db *db, int64_t org_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " MS_COLS MS_FROM " AND ms.organization_id = ?1"
		       " ORDER BY NOT " MS_CURRENT ", " ROLE_ORDER ", p.family_name COLLATE NOCASE, p.name,"
		       " ms.end_date DESC, ms.id", DB_ARGS(v_int(org_id)));
}

int adm_person_memberships(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " MS_COLS MS_FROM " AND ms.person_id = ?1"
		       " ORDER BY NOT " MS_CURRENT ", o.name COLLATE NOCASE, ms.end_date DESC, ms.id",
		       DB_ARGS(v_int(person_id)));
}

int adm_membership(struct db *db, int64_t org_id, int64_t id, struct member_row *r, int *current)
{
	struct membership_src m;
	int rc = db_row(db, "SELECT " MS_COLS MS_FROM " AND ms.id = ?1 AND ms.organization_id = ?2",
			DB_ARGS(v_int(id), v_int(org_id)), membership_cols, &m);

	if (rc == 1) {
		*r = m.r;
		*current = m.current;
	}
	return rc;
}

int adm_membership_open(struct db *db, int64_t org_id, int64_t person_id)
{
	int64_t n;
	int rc = db_int_of(db, "SELECT count(*) FROM membership WHERE organization_id = ?1"
			   " AND person_id = ?2 AND deleted = 0 AND end_date IS NULL",
			   DB_ARGS(v_int(org_id), v_int(person_id)), &n);

	if (rc != 1)
		return rc < 0 ? -1 : 0;
	return (int)n;
}

/* --- audited writes --------------------------------------------------- */

/* One audited write of one row of the directory: sql with args, which
 * must change one row (else "no such <missing>"); a new row's id (id 0)
 * or the row's id, or -1. */
static int64_t dir_write(struct db *db, int64_t user_id, enum model_entity e, int64_t id, const char *action,
			 const char *sql, const char *what, const struct dbv *args, const char *missing)
{
	const char *json_sql = model_audit_sql(&model[e]);
	struct db_change c;
	int ok;

	if (!json_sql) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	if (db_change_begin(&c, db, user_id, model[e].table, json_sql, id, action) < 0)
		return -1;
	ok = db_run(db, sql, what, args) == 0 && db_changed_one(db, missing) == 0;
	if (ok && !id)
		c.id = db_last_id(db);
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

int64_t adm_membership_add(struct db *db, int64_t user_id, const struct membership_edit *e)
{
	return dir_write(db, user_id, M_membership, 0, "create",
			 "INSERT INTO membership(person_id, organization_id, role, voting, start_date)"
			 " SELECT ?1, ?2, ?3, ?4, ?5"
			 " WHERE EXISTS (SELECT 1 FROM person WHERE id = ?1 AND deleted = 0)"
			 "  AND EXISTS (SELECT 1 FROM organization WHERE id = ?2 AND deleted = 0)", "adding membership",
			 DB_ARGS(v_int(e->person_id), v_int(e->organization_id), v_text(e->role), v_int(e->voting != 0),
				 v_text(e->start_date)), "person or committee");
}

int adm_membership_end(struct db *db, int64_t user_id, int64_t org_id, int64_t id, const char *end_date)
{
	return dir_write(db, user_id, M_membership, id, "end",
			 "UPDATE membership SET end_date = ?3 WHERE id = ?1 AND organization_id = ?2 AND deleted = 0",
			 "ending membership", DB_ARGS(v_int(id), v_int(org_id), v_text(end_date)), "membership") < 0 ? -1 : 0;
}
