/* admin.c: back-office reads (adm_* views) and audited writes (see admin.h). */
#include "db/admin.h"
#include "db/lifecycle.h"
#include "db/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/auth.h"
#include "db/rows_int.h"
#include "util/buf.h"
#include "util/banned.h"

#define ADM_MEETING_FROM \
	" FROM adm_meeting m JOIN organization o ON o.id = m.organization_id" \
	" LEFT JOIN location l ON l.id = m.location_id"

#define ADM_MEETING_WHERE \
	" WHERE (?1 = 0 OR m.organization_id = ?1) AND (?2 IS NULL OR m.start_at >= ?2)" \
	" AND (?3 IS NULL OR substr(m.start_at, 1, 10) <= ?3)" \
	" AND (?4 IS NULL OR CASE ?4 WHEN 'agenda_draft' THEN m.agenda_status <> 'published'" \
	"  ELSE m.agenda_status = 'published' AND CASE ?4" \
	"   WHEN 'agenda_published' THEN m.minutes_status NOT IN ('draft', 'published', 'approved')" \
	"   WHEN 'minutes_draft' THEN m.minutes_status = 'draft'" \
	"   WHEN 'minutes_published' THEN m.minutes_status = 'published'" \
	"   WHEN 'minutes_approved' THEN m.minutes_status = 'approved' ELSE 1 = 0 END END)" \
	" AND (?5 IS NULL OR instr(lower(COALESCE(m.name, '') || ' ' || o.name), lower(?5)) > 0)"
#define ADM_MEETING_ARGS(f) v_int((f)->committee), v_text((f)->from), v_text((f)->to), v_text((f)->stage), \
	v_text((f)->q)

int adm_meetings(struct db *db, const struct adm_meeting_filter *f, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEETING_COLS ADM_MEETING_FROM ADM_MEETING_WHERE
		       " ORDER BY m.start_at DESC, m.id DESC LIMIT ?6 OFFSET ?7",
		       DB_ARGS(ADM_MEETING_ARGS(f), v_int(f->limit > 0 ? f->limit : -1), v_int(f->offset)));
}

int adm_meetings_count(struct db *db, const struct adm_meeting_filter *f, int64_t *n)
{
	return db_int_of(db, "SELECT count(*)" ADM_MEETING_FROM ADM_MEETING_WHERE, DB_ARGS(ADM_MEETING_ARGS(f)), n) == 1
		       ? 0 : -1;
}

int adm_meeting(struct db *db, int64_t id, struct meeting_row *r)
{
	return db_row(db, "SELECT " MEETING_COLS ADM_MEETING_FROM " WHERE m.id = ?1", DB_ARGS(v_int(id)),
		      meeting_cols, r);
}

int adm_items_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " ITEM_COLS " FROM adm_agenda_item i"
		       " WHERE i.meeting_id = ?1 ORDER BY i.position, i.id", DB_ARGS(v_int(meeting_id)));
}

static const struct rcol item_src_cols[] = {
	RSUB(struct item_src, row, item_cols), RCOL(struct item_src, description_md),
	RCOL(struct item_src, minutes_md), RCOL(struct item_src, decision_md), RCOL_END
};

int adm_item(struct db *db, int64_t meeting_id, int64_t item_id, struct item_src *r)
{
	return db_row(db, "SELECT " ITEM_COLS ", i.description_md, i.minutes_md, i.decision_md"
		      " FROM adm_agenda_item i WHERE i.id = ?2 AND i.meeting_id = ?1",
		      DB_ARGS(v_int(meeting_id), v_int(item_id)), item_src_cols, r);
}

int adm_orgs(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT id, name FROM organization WHERE deleted = 0 ORDER BY name", NULL);
}

int adm_locations(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT id, name FROM location WHERE deleted = 0 ORDER BY name", NULL);
}

struct choice {
	int64_t id;
	const char *name;
};
static const struct rcol choice_cols[] = { RCOL(struct choice, id), RCOL(struct choice, name), RCOL_END };

int cursor_next_choice(struct cursor *c, int64_t *id, const char **name)
{
	struct choice ch;

	if (!db_cursor_next(c, choice_cols, &ch))
		return 0;
	*id = ch.id;
	*name = ch.name;
	return 1;
}

/* --- audited writes --------------------------------------------------- */

/* The rows as the audit log records them. */
/* A meeting's and an item's audit snapshots: the model's (db/model.h,
 * the fields flagged MF_AUDIT). */
#define meeting_json model_audit_sql(&model[M_meeting])
#define item_json model_audit_sql(&model[M_agenda_item])

/* A document as attached (a new file has the one link). */
static const char file_json[] =
	"SELECT json_object('file_id', f.id, 'title', f.title, 'filename', f.filename,"
	" 'mime_type', f.mime_type, 'size', f.size, 'sha256', f.sha256, 'meeting_id', l.meeting_id,"
	" 'agenda_item_id', l.agenda_item_id, 'role', l.role) FROM file f JOIN file_link l"
	" ON l.file_id = f.id WHERE f.id = ?1";
/* A meeting's attendance (?1: the meeting). */
static const char attendance_json[] =
	"SELECT json_group_array(json_object('person_id', person_id,"
	" 'status', status, 'substitute_for', substitute_for, 'note', note))"
	" FROM (SELECT * FROM attendance WHERE meeting_id = ?1 ORDER BY person_id)";
static const char declaration_json[] =
	"SELECT json_object('id', id, 'meeting_id', meeting_id, 'agenda_item_id', agenda_item_id,"
	" 'person_id', person_id, 'kind', kind, 'description', description, 'left_room', left_room)"
	" FROM declaration WHERE id = ?1";
static const char vote_json[] =
	"SELECT json_object('id', id, 'agenda_item_id', agenda_item_id, 'motion', motion,"
	" 'result', result, 'votes_for', votes_for, 'votes_against', votes_against,"
	" 'abstentions', abstentions) FROM vote WHERE id = ?1";
/* A vote with its recorded positions. */
static const char vote_record_json[] =
	"SELECT json_object('id', v.id, 'votes_for', v.votes_for, 'votes_against', v.votes_against,"
	" 'abstentions', v.abstentions, 'recorded', v.recorded, 'records',"
	" (SELECT json_group_array(json_object('person_id', person_id, 'position', position))"
	"  FROM (SELECT * FROM vote_record WHERE vote_id = v.id ORDER BY person_id)))"
	" FROM vote v WHERE v.id = ?1";

int64_t adm_meeting_save(struct db *db, int64_t user_id, int64_t id, const struct meeting_edit *m)
{
	struct db_change c;
	int ok;

	if (db_change_begin(&c, db, user_id, "meeting", meeting_json, id, id ? "update" : "create") < 0)
		return -1;
	ok = db_run(db, id ? "UPDATE meeting SET organization_id = ?1, location_id = ?2, name = ?3,"
		    " start_at = ?4, end_at = ?5, webcast_url = ?6, published = ?8 WHERE id = ?7 AND deleted = 0" :
		    "INSERT INTO meeting(organization_id, location_id, name, start_at, end_at,"
		    " webcast_url, published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8)", "saving meeting",
		    DB_ARGS(v_int(m->organization_id), v_id(m->location_id), v_text(m->name), v_text(m->start_at),
			    v_text(m->end_at), v_text(m->webcast_url), v_int(id), v_int(m->listed ? 1 : 0))) == 0;
	if (ok && !id)
		c.id = db_last_id(db);
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

int adm_meeting_listed(struct db *db, int64_t id)
{
	int64_t listed;

	if (db_int_of(db, "SELECT published FROM meeting WHERE id = ?1", DB_ARGS(v_int(id)), &listed) != 1)
		return -1; /* (no such meeting, or an error) */
	return listed != 0;
}

struct life_row {
	char state[16], agenda[16], minutes[16];
};
static const struct rcol life_cols[] = {
	RBUF(struct life_row, state), RBUF(struct life_row, agenda), RBUF(struct life_row, minutes), RCOL_END
};

/* One audited step of a meeting's lifecycle (db/lifecycle.c): inside the
 * change's transaction, refuse a step that the lifecycle table does not
 * allow from the meeting's stored state, else run the UPDATE sql with
 * args (what: for its error).  reason is kept in the audit entry only.  0, LIFE_REFUSED with
 * db->err saying why, or -1. */
static int life_step(struct db *db, int64_t user_id, int64_t id, const char *action, enum life m, const char *to,
		     const char *reason, const char *sql, const char *what, const struct dbv *args)
{
	struct db_change c;
	struct life_row r;
	const char *why;
	int rc;

	if (db_change_begin(&c, db, user_id, "meeting", meeting_json, id, action) < 0)
		return -1;
	rc = db_row(db, "SELECT state, agenda_status, minutes_status FROM meeting WHERE id = ?1 AND deleted = 0",
		    DB_ARGS(v_int(id)), life_cols, &r);
	if (rc != 1) {
		if (rc == 0)
			snprintf(db->err, sizeof(db->err), "no such meeting");
		db_change_end(&c, 0);
		return -1;
	}
	why = life_refusal(m, m == LIFE_MEETING ? r.state : m == LIFE_AGENDA ? r.agenda : r.minutes, to,
			   r.agenda, r.minutes);
	if (why) {
		snprintf(db->err, sizeof(db->err), "%s", why);
		db_change_end(&c, 0);
		return LIFE_REFUSED;
	}
	c.reason = reason;
	return db_change_end(&c, db_run(db, sql, what, args) == 0);
}

int adm_meeting_state(struct db *db, int64_t user_id, int64_t id, const char *state, const char *reason)
{
	/* Only the reason for cancelling or postponing is public; any other
	 * is kept in the audit entry. */
	int public_reason = strcmp(state, "cancelled") == 0 || strcmp(state, "postponed") == 0;

	return life_step(db, user_id, id, state, LIFE_MEETING, state, public_reason ? NULL : reason,
			 "UPDATE meeting SET state = ?2, state_reason = ?3 WHERE id = ?1 AND deleted = 0", "changing meeting state",
			 DB_ARGS(v_int(id), v_text(state), v_text(public_reason ? reason : NULL)));
}

int adm_agenda_publish(struct db *db, int64_t user_id, int64_t id, const char *reason_unpublish)
{
	/* The reason for withdrawing is internal: the audit entry keeps it. */
	return life_step(db, user_id, id, reason_unpublish ? "unpublish agenda" : "publish agenda", LIFE_AGENDA,
			 reason_unpublish ? "draft" : "published", reason_unpublish, reason_unpublish ?
			 "UPDATE meeting SET agenda_status = 'draft',"
			 " agenda_withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1" :
			 "UPDATE meeting SET agenda_status = 'published', agenda_withdrawn_at = NULL,"
			 " agenda_published_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
			 "publishing agenda", DB_ARGS(v_int(id)));
}

int adm_minutes_status(struct db *db, int64_t user_id, int64_t id, const char *status,
		       int64_t approved_by, const char *reason)
{
	char action[64];

	snprintf(action, sizeof(action), "minutes %s", status);
	/* The reason is internal: the audit entry keeps it. */
	return life_step(db, user_id, id, action, LIFE_MINUTES, status, reason,
		"UPDATE meeting SET minutes_status = ?2,"
		" minutes_published_at = CASE WHEN ?2 = 'published' THEN strftime('%Y-%m-%dT%H:%M:%SZ','now')"
		"  WHEN ?2 = 'draft' THEN NULL ELSE minutes_published_at END,"
		" minutes_approved_at = CASE WHEN ?2 = 'approved' THEN strftime('%Y-%m-%dT%H:%M:%SZ','now') END,"
		" minutes_approved_by = CASE WHEN ?2 = 'approved' THEN ?3 END,"
		" minutes_withdrawn_at = CASE WHEN ?2 = 'draft' AND minutes_status IN ('published','approved')"
		"  THEN strftime('%Y-%m-%dT%H:%M:%SZ','now') WHEN ?2 = 'draft' THEN minutes_withdrawn_at END"
		" WHERE id = ?1", "changing minutes status", DB_ARGS(v_int(id), v_text(status), v_id(approved_by)));
}

/* Put sub-items right after their parent (keeping their order), then
 * number the agenda: 1, 2, 3 ... and 4a, 4b ... for sub-items. */
static int renumber(struct db *db, int64_t meeting_id)
{
	if (db_run(db, "WITH k AS (SELECT i.id, row_number() OVER (ORDER BY COALESCE(p.position, i.position),"
		   "  i.parent_id IS NOT NULL, i.position, i.id) AS pos FROM agenda_item i"
		   "  LEFT JOIN agenda_item p ON p.id = i.parent_id WHERE i.meeting_id = ?1 AND i.deleted = 0)"
		   " UPDATE agenda_item SET position = k.pos FROM k WHERE agenda_item.id = k.id",
		   "ordering the agenda", DB_ARGS(v_int(meeting_id))) < 0)
		return -1;
	return db_run(db, "WITH top AS (SELECT id, row_number() OVER (ORDER BY position) AS n FROM agenda_item"
		      "  WHERE meeting_id = ?1 AND deleted = 0 AND parent_id IS NULL),"
		      " sub AS (SELECT i.id, top.n || char(96 + row_number() OVER (PARTITION BY i.parent_id"
		      "  ORDER BY i.position)) AS n FROM agenda_item i JOIN top ON top.id = i.parent_id WHERE i.deleted = 0),"
		      " alln AS (SELECT id, CAST(n AS TEXT) AS n FROM top UNION ALL SELECT id, n FROM sub)"
		      " UPDATE agenda_item SET number = alln.n FROM alln WHERE agenda_item.id = alln.id",
		      "numbering the agenda", DB_ARGS(v_int(meeting_id)));
}

int64_t adm_item_save(struct db *db, int64_t user_id, int64_t meeting_id, int64_t id,
		      const struct item_edit *e)
{
	struct db_change c;
	struct stmt *s;
	int ok = 0;
	const char *status = NULL;
	char *old_copy = NULL;
	int64_t good = 0;

	if (db_change_begin(&c, db, user_id, "agenda_item", item_json, id, id ? "update" : "create") < 0)
		return -1;
	/* Approved minutes are locked: a change to them is an amendment. */
	s = db_query(db, "SELECT m.minutes_status, i.minutes_md FROM meeting m"
		     " LEFT JOIN agenda_item i ON i.meeting_id = m.id AND i.id = ?2 WHERE m.id = ?1",
		     DB_ARGS(v_int(meeting_id), v_int(id)));
	if (s) {
		if (st_step(s) == ST_ROW && col_text(s, 0)) {
			status = strcmp(col_text(s, 0), "approved") == 0 ? "approved" : "open";
			old_copy = col_text(s, 1) ? strdup(col_text(s, 1)) : NULL;
		}
		st_reset(s);
	}
	if (!status) {
		snprintf(db->err, sizeof(db->err), "no such meeting");
		goto out;
	}
	if (id && strcmp(status, "approved") == 0 &&
	    strcmp(old_copy ? old_copy : "", e->minutes_md ? e->minutes_md : "") != 0) {
		if (!e->amendment_reason || !*e->amendment_reason) {
			snprintf(db->err, sizeof(db->err), "locked");
			goto out;
		}
		if (db_run(db, "INSERT INTO minutes_amendment(meeting_id, agenda_item_id, user_id, reason,"
			   " before_md, after_md) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "recording amendment",
			   DB_ARGS(v_int(meeting_id), v_int(id), v_id(user_id), v_text(e->amendment_reason),
				   v_text(old_copy), v_text(e->minutes_md))) < 0)
			goto out;
	}
	/* A sub-item's parent: another top-level item of the same meeting,
	 * and an item with sub-items of its own cannot become one. */
	if (id && e->parent_id &&
	    (db_int_of(db, "SELECT (SELECT count(*) FROM agenda_item WHERE id = ?1 AND meeting_id = ?2"
		       "  AND parent_id IS NULL AND deleted = 0 AND id <> ?3)"
		       " + (SELECT count(*) = 0 FROM agenda_item WHERE parent_id = ?3 AND deleted = 0)",
		       DB_ARGS(v_int(e->parent_id), v_int(meeting_id), v_int(id)), &good) < 0 || good != 2)) {
		snprintf(db->err, sizeof(db->err), "bad parent");
		goto out;
	}
	if (db_run(db, id ? "UPDATE agenda_item SET number = ?1, title = ?2, exempt = ?3,"
		   " exempt_paragraph = ?4, exempt_reason = ?5, description_md = ?6, description_html = ?7,"
		   " minutes_md = ?8, minutes_html = ?9, decision_md = ?10, decision_html = ?11,"
		   " parent_id = ?14 WHERE id = ?12 AND meeting_id = ?13 AND deleted = 0" :
		   "INSERT INTO agenda_item(number, title, exempt, exempt_paragraph, exempt_reason,"
		   " description_md, description_html, minutes_md, minutes_html, decision_md, decision_html,"
		   " meeting_id, position) VALUES (COALESCE(?1, (SELECT count(*) + 1 FROM agenda_item"
		   "  WHERE meeting_id = ?13 AND deleted = 0 AND parent_id IS NULL)),"
		   " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13,"
		   " (SELECT COALESCE(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?13 AND deleted = 0))",
		   "saving item",
		   DB_ARGS(v_text(e->number), v_text(e->title), v_int(e->exempt != 0),
			   e->exempt ? v_int(e->exempt_paragraph) : v_null(), v_text(e->exempt ? e->exempt_reason : NULL),
			   v_md(e->description_md), v_md(e->minutes_md), v_md(e->decision_md), v_int(id),
			   v_int(meeting_id), v_id(e->parent_id))) < 0)
		goto out;
	if (!id)
		c.id = db_last_id(db);
	else if (db_changes(db) == 0) {
		snprintf(db->err, sizeof(db->err), "no such item");
		goto out;
	}
	/* A change of parent reorders and renumbers the agenda. */
	if (id && e->parent_changed && renumber(db, meeting_id) < 0)
		goto out;
	ok = 1;
out:
	free(old_copy);
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

int adm_item_move(struct db *db, int64_t user_id, int64_t meeting_id, int64_t id, int delta)
{
	struct db_change c;
	int ok;

	if (db_change_begin(&c, db, user_id, "agenda_item", item_json, id, delta < 0 ? "move up" : "move down") < 0)
		return -1;
	/* Swap positions with the neighbour, then renumber top-level items. */
	ok = db_run(db,
		"WITH me AS (SELECT id, position, parent_id FROM agenda_item WHERE id = ?1 AND meeting_id = ?2 AND deleted = 0),"
		" other AS (SELECT a.id, a.position FROM agenda_item a, me WHERE a.meeting_id = ?2 AND a.deleted = 0"
		"  AND a.parent_id IS me.parent_id"
		"  AND CASE WHEN ?3 < 0 THEN a.position < me.position ELSE a.position > me.position END"
		"  ORDER BY CASE WHEN ?3 < 0 THEN -a.position ELSE a.position END LIMIT 1)"
		" UPDATE agenda_item SET position = CASE id WHEN (SELECT id FROM me) THEN (SELECT position FROM other)"
		"  ELSE (SELECT position FROM me) END"
		" WHERE id IN ((SELECT id FROM me), (SELECT id FROM other)) AND (SELECT id FROM other) IS NOT NULL",
		"moving item", DB_ARGS(v_int(id), v_int(meeting_id), v_int(delta))) == 0 && renumber(db, meeting_id) == 0;
	return db_change_end(&c, ok);
}

int adm_files_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " FILE_COLS " FROM file_link l JOIN file f ON f.id = l.file_id"
		       " LEFT JOIN agenda_item i ON i.id = l.agenda_item_id"
		       " WHERE l.deleted = 0 AND f.deleted = 0 AND (l.meeting_id = ?1 OR i.meeting_id = ?1)"
		       " ORDER BY COALESCE(i.position, 0), " ROLE_POS ", l.position, f.id", DB_ARGS(v_int(meeting_id)));
}

int adm_file(struct db *db, int64_t id, struct file_row *r)
{
	return db_row(db, "SELECT " FILE_ONLY_COLS " FROM file f WHERE f.id = ?1 AND f.deleted = 0",
		      DB_ARGS(v_int(id)), file_cols, r);
}

int64_t adm_file_attach(struct db *db, int64_t user_id, const struct file_attach *a)
{
	struct db_change c;
	int ok = 0;

	if (db_change_begin(&c, db, user_id, "file", file_json, 0, "upload") < 0)
		return -1;
	c.id = db_insert(db, "INSERT INTO file(title, filename, mime_type, size, sha256, text_status)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, 'pending')", "recording document",
			 DB_ARGS(v_text(a->title), v_text(a->filename), v_text(a->mime_type), v_int((int64_t)a->size),
				 v_text(a->sha256)));
	if (c.id < 0)
		goto out;
	if (db_run(db, "INSERT INTO file_link(file_id, meeting_id, agenda_item_id, role, position)"
		   " SELECT ?1, CASE WHEN ?3 IS NULL THEN ?2 END, ?3, ?4,"
		   "  (SELECT COALESCE(max(position), 0) + 1 FROM file_link WHERE"
		   "   (?3 IS NULL AND meeting_id = ?2) OR agenda_item_id = ?3)"
		   " WHERE EXISTS (SELECT 1 FROM meeting WHERE id = ?2 AND deleted = 0)"
		   "  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM agenda_item WHERE id = ?3 AND meeting_id = ?2"
		   "   AND deleted = 0))", "attaching document",
		   DB_ARGS(v_int(c.id), v_int(a->meeting_id), v_id(a->item_id), v_text(a->role))) < 0 ||
	    db_changed_one(db, "meeting or item") < 0)
		goto out;
	ok = 1;
out:
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

/* --- attendance, declarations, votes ------------------------------------ */

int adm_attendance(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c,
		"WITH m AS (SELECT id, organization_id, substr(start_at, 1, 10) AS day FROM meeting WHERE id = ?1),"
		" who AS (SELECT ms.person_id, min(ms.role) AS role FROM membership ms, m"
		"  WHERE ms.organization_id = m.organization_id AND ms.deleted = 0"
		"   AND (ms.start_date IS NULL OR ms.start_date <= m.day)"
		"   AND (ms.end_date IS NULL OR ms.end_date >= m.day) GROUP BY ms.person_id"
		"  UNION SELECT a.person_id, NULL FROM attendance a, m WHERE a.meeting_id = m.id)"
		" SELECT p.id, a.substitute_for, p.name, a.status, a.note, max(who.role)"
		" FROM who JOIN person p ON p.id = who.person_id"
		" LEFT JOIN attendance a ON a.meeting_id = ?1 AND a.person_id = p.id"
		/* (a.id: one row of attendance a person at most, UNIQUE (meeting_id, person_id)) */
		" GROUP BY p.id, a.id ORDER BY p.family_name COLLATE NOCASE, p.name", DB_ARGS(v_int(meeting_id)));
}

#define C(m) RCOL(struct attendee_row, m)
static const struct rcol attendee_cols[] = {
	C(person_id), C(substitute_for), C(name), C(status), C(note), C(role), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_attendee, attendee_row, attendee_cols)

int adm_people_choices(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT id, name FROM person WHERE deleted = 0 ORDER BY family_name COLLATE NOCASE, name",
		       NULL);
}

int adm_attendance_save(struct db *db, int64_t user_id, int64_t meeting_id,
			const struct attendance_set *a, int n)
{
	struct db_change c;
	int ok = 0;

	if (db_change_begin(&c, db, user_id, "meeting", attendance_json, meeting_id, "attendance") < 0)
		return -1;
	if (db_run(db, "DELETE FROM attendance WHERE meeting_id = ?1", "clearing attendance",
		   DB_ARGS(v_int(meeting_id))) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		if (!a[i].status || !*a[i].status)
			continue;
		if (db_run(db, "INSERT INTO attendance(meeting_id, person_id, status, substitute_for, note)"
			   " VALUES (?1, ?2, ?3, ?4, ?5)", "recording attendance",
			   DB_ARGS(v_int(meeting_id), v_int(a[i].person_id), v_text(a[i].status), v_id(a[i].substitute_for),
				   v_text(a[i].note && *a[i].note ? a[i].note : NULL))) < 0)
			goto out;
	}
	ok = 1;
out:
	return db_change_end(&c, ok);
}

/* An audited creation: the INSERT sql with args (refused as `missing`
 * when it inserts nothing: its WHERE checks the row's owners), audited
 * with the row's JSON.  0 or -1 (rolled back, db->err set). */
static int audited_create(struct db *db, int64_t user_id, const char *entity, const char *json_sql,
			  const char *sql, const struct dbv *args, const char *missing)
{
	struct db_change c;
	int ok;

	if (db_change_begin(&c, db, user_id, entity, json_sql, 0, "create") < 0)
		return -1;
	ok = db_run(db, sql, entity, args) == 0 && db_changed_one(db, missing) == 0;
	if (ok)
		c.id = db_last_id(db);
	return db_change_end(&c, ok);
}

int adm_declaration_add(struct db *db, int64_t user_id, int64_t meeting_id, const struct declaration_set *d)
{
	return audited_create(db, user_id, "declaration", declaration_json,
		"INSERT INTO declaration(meeting_id, agenda_item_id, person_id, kind, description, left_room)"
		" SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM agenda_item"
		"  WHERE id = ?2 AND meeting_id = ?1 AND deleted = 0))"
		"  AND EXISTS (SELECT 1 FROM person WHERE id = ?3 AND deleted = 0)",
		DB_ARGS(v_int(meeting_id), v_id(d->item_id), v_int(d->person_id), v_text(d->kind), v_text(d->description),
			v_int(d->left_room != 0)), "person or item");
}

int adm_declarations(struct db *db, int64_t meeting_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " DECL_COLS " FROM declaration d"
		       " JOIN person p ON p.id = d.person_id JOIN adm_meeting m ON m.id = d.meeting_id"
		       " LEFT JOIN agenda_item i ON i.id = d.agenda_item_id WHERE d.meeting_id = ?1 ORDER BY d.id",
		       DB_ARGS(v_int(meeting_id)));
}

int adm_vote_add(struct db *db, int64_t user_id, int64_t meeting_id, int64_t item_id, const struct vote_set *v)
{
	return audited_create(db, user_id, "vote", vote_json,
		"INSERT INTO vote(agenda_item_id, motion, result, votes_for, votes_against, abstentions)"
		" SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM agenda_item WHERE id = ?1"
		"  AND meeting_id = ?7 AND deleted = 0)",
		DB_ARGS(v_int(item_id), v_text(v->motion), v_text(v->result), v_int(v->votes_for),
			v_int(v->votes_against), v_int(v->abstentions), v_int(meeting_id)), "item");
}

int adm_votes(struct db *db, int64_t item_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " VOTE_COLS " FROM vote v WHERE v.agenda_item_id = ?1 ORDER BY v.id",
		       DB_ARGS(v_int(item_id)));
}

int adm_vote_record(struct db *db, int64_t user_id, int64_t meeting_id, int64_t item_id, int64_t vote_id,
		    const struct vote_position *p, int n)
{
	struct db_change c;
	int64_t found = 0;
	int ok = 0;

	if (db_change_begin(&c, db, user_id, "vote", vote_record_json, vote_id, "record vote") < 0)
		return -1;
	if (db_int_of(db, "SELECT count(*) FROM vote v JOIN agenda_item i ON i.id = v.agenda_item_id"
		      " WHERE v.id = ?1 AND i.id = ?2 AND i.meeting_id = ?3 AND i.deleted = 0",
		      DB_ARGS(v_int(vote_id), v_int(item_id), v_int(meeting_id)), &found) < 0)
		goto out;
	if (found != 1) {
		snprintf(db->err, sizeof(db->err), "no such vote");
		goto out;
	}
	if (db_run(db, "DELETE FROM vote_record WHERE vote_id = ?1", "clearing the recorded vote",
		   DB_ARGS(v_int(vote_id))) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		if (!p[i].position || !*p[i].position)
			continue;
		if (db_run(db, "INSERT INTO vote_record(vote_id, person_id, position) VALUES (?1, ?2, ?3)",
			   "recording a position", DB_ARGS(v_int(vote_id), v_int(p[i].person_id), v_text(p[i].position))) < 0)
			goto out;
	}
	if (db_run(db, "UPDATE vote SET recorded = 1,"
		   " votes_for = (SELECT count(*) FROM vote_record WHERE vote_id = ?1 AND position = 'for'),"
		   " votes_against = (SELECT count(*) FROM vote_record WHERE vote_id = ?1 AND position = 'against'),"
		   " abstentions = (SELECT count(*) FROM vote_record WHERE vote_id = ?1 AND position = 'abstain')"
		   " WHERE id = ?1", "counting the recorded vote", DB_ARGS(v_int(vote_id))) < 0)
		goto out;
	ok = 1;
out:
	return db_change_end(&c, ok);
}

int adm_vote_records(struct db *db, int64_t vote_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " VOTE_RECORD_COLS " FROM vote_record r"
		       " JOIN person p ON p.id = r.person_id WHERE r.vote_id = ?1 ORDER BY p.family_name, p.name",
		       DB_ARGS(v_int(vote_id)));
}

int adm_audit(struct db *db, int limit, struct cursor *c)
{
	return db_list(db, c, "SELECT a.id, a.user_id, a.entity_id, a.at, u.email, a.action, a.entity,"
		       " a.before_json, a.after_json FROM audit_log a LEFT JOIN user u ON u.id = a.user_id"
		       " ORDER BY a.id DESC LIMIT ?1", DB_ARGS(v_int(limit)));
}

#define C(m) RCOL(struct audit_row, m)
static const struct rcol audit_cols[] = {
	C(id), C(user_id), C(entity_id), C(at), C(user_email), C(action), C(entity), C(before_json),
	C(after_json), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_audit, audit_row, audit_cols)
