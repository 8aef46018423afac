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
/* The hosting body new rows belong to (the first one, as pub_body). */
#define BODY_ID "(SELECT id FROM body WHERE deleted = 0 ORDER BY id LIMIT 1)"





/* --- committees ------------------------------------------------------- */

#define ORG_SRC_COLS \
	"o.id, o.parent_id, o.name, o.short_name, o.kind, o.purpose_md, o.start_date, o.end_date," \
	" (SELECT count(*) FROM membership ms JOIN person p ON p.id = ms.person_id" \
	"   WHERE ms.organization_id = o.id AND ms.deleted = 0 AND p.deleted = 0 AND " MS_CURRENT ")"

static void fill_org_src(sqlite3_stmt *s, struct org_src *r)
{
	r->id = col_int(s, 0);
	r->e.parent_id = col_int(s, 1);
	r->e.name = col_text(s, 2);
	r->e.short_name = col_text(s, 3);
	r->e.kind = col_text(s, 4);
	r->e.purpose_md = col_text(s, 5);
	r->e.start_date = col_text(s, 6);
	r->e.end_date = col_text(s, 7);
	r->member_count = col_int(s, 8);
}

int adm_committees(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT " ORG_SRC_COLS " FROM organization o WHERE o.deleted = 0"
			   " ORDER BY o.name COLLATE NOCASE, o.id");
}

int cursor_next_committee(struct cursor *c, struct org_src *r)
{
	if (!db_cursor_step(c))
		return 0;
	fill_org_src(c->s, r);
	return 1;
}

int adm_committee_parent_ok(struct db *db, int64_t id, int64_t parent_id)
{
	/* Walk up from the proposed parent: id must not be met on the way. */
	sqlite3_stmt *s = db_stmt(db,
		"WITH RECURSIVE up(x, n) AS (SELECT id, 0 FROM organization WHERE id = ?2 AND deleted = 0"
		"  UNION SELECT o.parent_id, up.n + 1 FROM organization o JOIN up ON o.id = up.x"
		"  WHERE o.parent_id IS NOT NULL AND up.n < 100)"
		" SELECT EXISTS (SELECT 1 FROM up WHERE n = 0), EXISTS (SELECT 1 FROM up WHERE x = ?1)");
	int rc, ok;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, parent_id);
	if ((rc = db_get_one(db, s)) != 1)
		return rc < 0 ? -1 : 0;
	ok = col_int(s, 0) && !col_int(s, 1);
	sqlite3_reset(s);
	return ok;
}

/* --- people ----------------------------------------------------------- */


int adm_person_choices(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT p.id, p.name || COALESCE(' (' || p.area || ')', '') FROM person p"
			   " WHERE p.deleted = 0"
			   " ORDER BY COALESCE(p.family_name, p.name) COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id");
}

/* --- memberships ------------------------------------------------------ */

#define MS_COLS \
	"ms.id, ms.person_id, ms.organization_id, p.name, p.party, p.area, p.nominated_by, o.name," \
	" ms.role, ms.voting, ms.start_date, ms.end_date"
#define MS_FROM \
	" FROM membership ms JOIN person p ON p.id = ms.person_id" \
	" JOIN organization o ON o.id = ms.organization_id" \
	" WHERE ms.deleted = 0 AND p.deleted = 0 AND o.deleted = 0"
#define MS_ROLE_ORDER \
	"CASE ms.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2" \
	" WHEN 'independent' THEN 3 WHEN 'co_opted' THEN 4 WHEN 'substitute' THEN 5 ELSE 6 END"

static void fill_membership(sqlite3_stmt *s, struct member_row *r)
{
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
}

int cursor_next_membership(struct cursor *c, struct member_row *r, int *current)
{
	if (!db_cursor_step(c))
		return 0;
	fill_membership(c->s, r);
	*current = (int)col_int(c->s, 12);
	return 1;
}

int adm_committee_members(struct db *db, int64_t org_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " MS_COLS ", " MS_CURRENT MS_FROM " AND ms.organization_id = ?1"
			" ORDER BY NOT " MS_CURRENT ", " MS_ROLE_ORDER ", p.family_name COLLATE NOCASE, p.name,"
			" ms.end_date DESC, ms.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, org_id);
	return 0;
}

int adm_person_memberships(struct db *db, int64_t person_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " MS_COLS ", " MS_CURRENT MS_FROM " AND ms.person_id = ?1"
			" ORDER BY NOT " MS_CURRENT ", o.name COLLATE NOCASE, ms.end_date DESC, ms.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, person_id);
	return 0;
}

int adm_membership(struct db *db, int64_t org_id, int64_t id, struct member_row *r, int *current)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " MS_COLS ", " MS_CURRENT MS_FROM
				  " AND ms.id = ?1 AND ms.organization_id = ?2");
	int rc;

	if (s) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, org_id);
	}
	if ((rc = db_get_one(db, s)) == 1) {
		fill_membership(s, r);
		*current = (int)col_int(s, 12);
	}
	return rc;
}

int adm_membership_open(struct db *db, int64_t org_id, int64_t person_id)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM membership WHERE organization_id = ?1"
				  " AND person_id = ?2 AND deleted = 0 AND end_date IS NULL");
	int rc, n;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, org_id);
	sqlite3_bind_int64(s, 2, person_id);
	if ((rc = db_get_one(db, s)) != 1)
		return rc < 0 ? -1 : 0;
	n = (int)col_int(s, 0);
	sqlite3_reset(s);
	return n;
}

/* --- audited writes --------------------------------------------------- */

/* One audited change to one row of the directory. */
static int dir_begin(struct db_change *c, struct db *db, int64_t user_id, enum model_entity e,
		     int64_t id, const char *action)
{
	const char *sql = model_audit_sql(&model[e]);

	if (!sql) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	return db_change_begin(c, db, user_id, model[e].table, sql, id, action);
}

/* After an UPDATE ... WHERE id = ?: 0 if it found its row, else -1. */
static int changed_one(struct db *db, const char *what)
{
	if (sqlite3_changes(db->h) == 1)
		return 0;
	snprintf(db->err, sizeof(db->err), "no such %s", what);
	return -1;
}


int64_t adm_membership_add(struct db *db, int64_t user_id, const struct membership_edit *e)
{
	struct db_change c;
	sqlite3_stmt *s;
	int ok = 0;

	if (dir_begin(&c, db, user_id, M_membership, 0, "create") < 0)
		return -1;
	s = db_stmt(db, "INSERT INTO membership(person_id, organization_id, role, voting, start_date)"
		    " SELECT ?1, ?2, ?3, ?4, ?5"
		    " WHERE EXISTS (SELECT 1 FROM person WHERE id = ?1 AND deleted = 0)"
		    "  AND EXISTS (SELECT 1 FROM organization WHERE id = ?2 AND deleted = 0)");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, e->person_id);
	sqlite3_bind_int64(s, 2, e->organization_id);
	bind_text(s, 3, e->role);
	sqlite3_bind_int(s, 4, e->voting != 0);
	bind_text(s, 5, e->start_date);
	if (db_step_done(db, s, "adding membership") < 0)
		goto out;
	if (changed_one(db, "person or committee") < 0)
		goto out;
	c.id = sqlite3_last_insert_rowid(db->h);
	ok = 1;
out:
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

int adm_membership_end(struct db *db, int64_t user_id, int64_t org_id, int64_t id, const char *end_date)
{
	struct db_change c;
	sqlite3_stmt *s;
	int ok = 0;

	if (dir_begin(&c, db, user_id, M_membership, id, "end") < 0)
		return -1;
	s = db_stmt(db, "UPDATE membership SET end_date = ?3 WHERE id = ?1 AND organization_id = ?2 AND deleted = 0");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, org_id);
	bind_text(s, 3, end_date);
	if (db_step_done(db, s, "ending membership") < 0 || changed_one(db, "membership") < 0)
		goto out;
	ok = 1;
out:
	return db_change_end(&c, ok);
}
