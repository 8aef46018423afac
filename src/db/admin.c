/* admin.c: back-office reads (adm_* views) and audited writes (see admin.h). */
#include "db/admin.h"
#include "db/lifecycle.h"

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



int adm_meetings(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT " MEETING_COLS ADM_MEETING_FROM
			   " ORDER BY m.start_at DESC, m.id DESC");
}

int adm_meeting(struct db *db, int64_t id, struct meeting_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " MEETING_COLS ADM_MEETING_FROM " WHERE m.id = ?1");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) == 1)
		row_fill_meeting(s, r);
	return rc;
}

int adm_items_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " ITEM_COLS " FROM adm_agenda_item i"
			" WHERE i.meeting_id = ?1 ORDER BY i.position, i.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int adm_item(struct db *db, int64_t meeting_id, int64_t item_id, struct item_src *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT " ITEM_COLS ", i.description_md, i.minutes_md, i.decision_md"
				  " FROM adm_agenda_item i WHERE i.id = ?2 AND i.meeting_id = ?1");
	int rc;

	if (s) {
		sqlite3_bind_int64(s, 1, meeting_id);
		sqlite3_bind_int64(s, 2, item_id);
	}
	if ((rc = db_get_one(db, s)) != 1)
		return rc;
	row_fill_item(s, &r->row);
	r->description_md = col_text(s, 14);
	r->minutes_md = col_text(s, 15);
	r->decision_md = col_text(s, 16);
	return 1;
}

int adm_orgs(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT id, name FROM organization WHERE deleted = 0 ORDER BY name");
}

int adm_locations(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT id, name FROM location WHERE deleted = 0 ORDER BY name");
}

int cursor_next_choice(struct cursor *c, int64_t *id, const char **name)
{
	int rc;

	if (!c->s)
		return 0;
	rc = sqlite3_step(c->s);
	if (rc == SQLITE_ROW) {
		*id = col_int(c->s, 0);
		*name = col_text(c->s, 1);
		return 1;
	}
	if (rc != SQLITE_DONE)
		c->err = 1;
	sqlite3_reset(c->s);
	c->s = NULL;
	return 0;
}

/* --- audited writes --------------------------------------------------- */

/* The rows as the audit log records them. */
static const char meeting_json[] =
	"SELECT json_object('id', id, 'organization_id', organization_id,"
	" 'location_id', location_id, 'name', name, 'start_at', start_at, 'end_at', end_at,"
	" 'state', state, 'state_reason', state_reason, 'webcast_url', webcast_url,"
	" 'published', published, 'agenda_status', agenda_status,"
	" 'agenda_published_at', agenda_published_at, 'minutes_status', minutes_status,"
	" 'minutes_published_at', minutes_published_at, 'minutes_approved_at', minutes_approved_at,"
	" 'minutes_approved_by', minutes_approved_by, 'agenda_withdrawn_at', agenda_withdrawn_at,"
	" 'minutes_withdrawn_at', minutes_withdrawn_at) FROM meeting WHERE id = ?1";
static const char item_json[] =
	"SELECT json_object('id', id, 'meeting_id', meeting_id, 'position', position,"
	" 'number', number, 'title', title, 'exempt', exempt, 'exempt_paragraph', exempt_paragraph,"
	" 'exempt_reason', exempt_reason, 'description_md', description_md,"
	" 'minutes_md', minutes_md, 'decision_md', decision_md) FROM agenda_item WHERE id = ?1";

int64_t adm_meeting_save(struct db *db, int64_t user_id, int64_t id, const struct meeting_edit *m)
{
	struct db_change c;
	sqlite3_stmt *s;
	int ok;

	if (db_change_begin(&c, db, user_id, "meeting", meeting_json, id, id ? "update" : "create") < 0)
		return -1;
	s = id ? db_stmt(db, "UPDATE meeting SET organization_id = ?1, location_id = ?2, name = ?3,"
			 " start_at = ?4, end_at = ?5, webcast_url = ?6, published = ?8 WHERE id = ?7 AND deleted = 0") :
		 db_stmt(db, "INSERT INTO meeting(organization_id, location_id, name, start_at, end_at,"
			 " webcast_url, published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8)");
	if (s) {
		sqlite3_bind_int64(s, 1, m->organization_id);
		bind_id(s, 2, m->location_id);
		bind_text(s, 3, m->name);
		bind_text(s, 4, m->start_at);
		bind_text(s, 5, m->end_at);
		bind_text(s, 6, m->webcast_url);
		if (id)
			sqlite3_bind_int64(s, 7, id);
		sqlite3_bind_int(s, 8, m->listed ? 1 : 0);
	}
	ok = db_step_done(db, s, "saving meeting") == 0;
	if (ok && !id)
		c.id = sqlite3_last_insert_rowid(db->h);
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

int adm_meeting_listed(struct db *db, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT published FROM meeting WHERE id = ?1");
	int rc, listed;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) != 1)
		return -1; /* (no such meeting, or an error) */
	listed = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	return listed;
}

/* Inside a change's transaction: refuse a step that the lifecycle table
 * (db/lifecycle.c) does not allow from the meeting's stored state;
 * 0, LIFE_REFUSED with db->err saying why, or -1. */
static int life_check(struct db *db, int64_t id, enum life m, const char *to)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT state, agenda_status, minutes_status FROM meeting"
				  " WHERE id = ?1 AND deleted = 0");
	char st[16] = "", agenda[16] = "", minutes[16] = "";
	const char *why;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) != 1) {
		if (rc == 0)
			snprintf(db->err, sizeof(db->err), "no such meeting");
		return -1;
	}
	snprintf(st, sizeof(st), "%s", col_text(s, 0));
	snprintf(agenda, sizeof(agenda), "%s", col_text(s, 1));
	snprintf(minutes, sizeof(minutes), "%s", col_text(s, 2));
	sqlite3_reset(s);
	why = life_refusal(m, m == LIFE_MEETING ? st : m == LIFE_AGENDA ? agenda : minutes, to, agenda, minutes);
	if (!why)
		return 0;
	snprintf(db->err, sizeof(db->err), "%s", why);
	return LIFE_REFUSED;
}

int adm_meeting_state(struct db *db, int64_t user_id, int64_t id, const char *state, const char *reason)
{
	struct db_change c;
	sqlite3_stmt *s;

	int public_reason = strcmp(state, "cancelled") == 0 || strcmp(state, "postponed") == 0;

	int rc;

	if (db_change_begin(&c, db, user_id, "meeting", meeting_json, id, state) < 0)
		return -1;
	if ((rc = life_check(db, id, LIFE_MEETING, state)) != 0) {
		db_change_end(&c, 0);
		return rc;
	}
	/* Only the reason for cancelling or postponing is public; any other
	 * is kept in the audit entry. */
	if (!public_reason)
		c.reason = reason;
	s = db_stmt(db, "UPDATE meeting SET state = ?2, state_reason = ?3 WHERE id = ?1 AND deleted = 0");
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, state);
		bind_text(s, 3, public_reason ? reason : NULL);
	}
	return db_change_end(&c, db_step_done(db, s, "changing meeting state") == 0);
}

int adm_agenda_publish(struct db *db, int64_t user_id, int64_t id, const char *reason_unpublish)
{
	struct db_change c;
	sqlite3_stmt *s;

	int rc;

	if (db_change_begin(&c, db, user_id, "meeting", meeting_json, id,
			 reason_unpublish ? "unpublish agenda" : "publish agenda") < 0)
		return -1;
	if ((rc = life_check(db, id, LIFE_AGENDA, reason_unpublish ? "draft" : "published")) != 0) {
		db_change_end(&c, 0);
		return rc;
	}
	/* The reason for withdrawing is internal: the audit entry keeps it. */
	c.reason = reason_unpublish;
	s = reason_unpublish ?
		db_stmt(db, "UPDATE meeting SET agenda_status = 'draft',"
			" agenda_withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1") :
		db_stmt(db, "UPDATE meeting SET agenda_status = 'published', agenda_withdrawn_at = NULL,"
			" agenda_published_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
	if (s)
		sqlite3_bind_int64(s, 1, id);
	return db_change_end(&c, db_step_done(db, s, "publishing agenda") == 0);
}

int adm_minutes_status(struct db *db, int64_t user_id, int64_t id, const char *status,
		       int64_t approved_by, const char *reason)
{
	struct db_change c;
	sqlite3_stmt *s;
	char action[64];

	int rc;

	snprintf(action, sizeof(action), "minutes %s", status);
	if (db_change_begin(&c, db, user_id, "meeting", meeting_json, id, action) < 0)
		return -1;
	if ((rc = life_check(db, id, LIFE_MINUTES, status)) != 0) {
		db_change_end(&c, 0);
		return rc;
	}
	c.reason = reason; /* internal: the audit entry keeps it */
	s = db_stmt(db, "UPDATE meeting SET minutes_status = ?2,"
		    " minutes_published_at = CASE WHEN ?2 = 'published' THEN strftime('%Y-%m-%dT%H:%M:%SZ','now')"
		    "  WHEN ?2 = 'draft' THEN NULL ELSE minutes_published_at END,"
		    " minutes_approved_at = CASE WHEN ?2 = 'approved' THEN strftime('%Y-%m-%dT%H:%M:%SZ','now') END,"
		    " minutes_approved_by = CASE WHEN ?2 = 'approved' THEN ?3 END,"
		    " minutes_withdrawn_at = CASE WHEN ?2 = 'draft' AND minutes_status IN ('published','approved')"
		    "  THEN strftime('%Y-%m-%dT%H:%M:%SZ','now') WHEN ?2 = 'draft' THEN minutes_withdrawn_at END"
		    " WHERE id = ?1");
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, status);
		bind_id(s, 3, approved_by);
	}
	return db_change_end(&c, db_step_done(db, s, "changing minutes status") == 0);
}


/* Put sub-items right after their parent (keeping their order), then
 * number the agenda: 1, 2, 3 ... and 4a, 4b ... for sub-items. */
static int renumber(struct db *db, int64_t meeting_id)
{
	sqlite3_stmt *s = db_stmt(db,
		"WITH k AS (SELECT i.id, row_number() OVER (ORDER BY COALESCE(p.position, i.position),"
		"  i.parent_id IS NOT NULL, i.position, i.id) AS pos FROM agenda_item i"
		"  LEFT JOIN agenda_item p ON p.id = i.parent_id WHERE i.meeting_id = ?1 AND i.deleted = 0)"
		" UPDATE agenda_item SET position = k.pos FROM k WHERE agenda_item.id = k.id");

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, meeting_id);
	if (db_step_done(db, s, "ordering the agenda") < 0)
		return -1;
	s = db_stmt(db,
		"WITH top AS (SELECT id, row_number() OVER (ORDER BY position) AS n FROM agenda_item"
		"  WHERE meeting_id = ?1 AND deleted = 0 AND parent_id IS NULL),"
		" sub AS (SELECT i.id, top.n || char(96 + row_number() OVER (PARTITION BY i.parent_id ORDER BY i.position)) AS n"
		"  FROM agenda_item i JOIN top ON top.id = i.parent_id WHERE i.deleted = 0),"
		" alln AS (SELECT id, CAST(n AS TEXT) AS n FROM top UNION ALL SELECT id, n FROM sub)"
		" UPDATE agenda_item SET number = alln.n FROM alln WHERE agenda_item.id = alln.id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, meeting_id);
	return db_step_done(db, s, "numbering the agenda");
}

int64_t adm_item_save(struct db *db, int64_t user_id, int64_t meeting_id, int64_t id,
		      const struct item_edit *e)
{
	struct db_change c;
	sqlite3_stmt *s;
	int ok = 0;
	const char *status = NULL;
	char *old_copy = NULL;

	if (db_change_begin(&c, db, user_id, "agenda_item", item_json, id, id ? "update" : "create") < 0)
		return -1;
	/* Approved minutes are locked: a change to them is an amendment. */
	s = db_stmt(db, "SELECT m.minutes_status, i.minutes_md FROM meeting m"
		    " LEFT JOIN agenda_item i ON i.meeting_id = m.id AND i.id = ?2 WHERE m.id = ?1");
	if (s) {
		sqlite3_bind_int64(s, 1, meeting_id);
		sqlite3_bind_int64(s, 2, id);
		if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0)) {
			status = strcmp(col_text(s, 0), "approved") == 0 ? "approved" : "open";
			old_copy = col_text(s, 1) ? strdup(col_text(s, 1)) : NULL;
		}
		sqlite3_reset(s);
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
		s = db_stmt(db, "INSERT INTO minutes_amendment(meeting_id, agenda_item_id, user_id, reason,"
			    " before_md, after_md) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		if (!s)
			goto out;
		sqlite3_bind_int64(s, 1, meeting_id);
		sqlite3_bind_int64(s, 2, id);
		bind_id(s, 3, user_id);
		bind_text(s, 4, e->amendment_reason);
		bind_text(s, 5, old_copy);
		bind_text(s, 6, e->minutes_md);
		if (db_step_done(db, s, "recording amendment") < 0)
			goto out;
	}
	s = id ? db_stmt(db, "UPDATE agenda_item SET number = ?1, title = ?2, exempt = ?3,"
			 " exempt_paragraph = ?4, exempt_reason = ?5, description_md = ?6, description_html = ?7,"
			 " minutes_md = ?8, minutes_html = ?9, decision_md = ?10, decision_html = ?11,"
			 " parent_id = ?14"
			 " WHERE id = ?12 AND meeting_id = ?13 AND deleted = 0") :
		 db_stmt(db, "INSERT INTO agenda_item(number, title, exempt, exempt_paragraph, exempt_reason,"
			 " description_md, description_html, minutes_md, minutes_html, decision_md, decision_html,"
			 " meeting_id, position) VALUES (COALESCE(?1, (SELECT count(*) + 1 FROM agenda_item"
			 "  WHERE meeting_id = ?13 AND deleted = 0 AND parent_id IS NULL)),"
			 " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13,"
			 " (SELECT COALESCE(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?13 AND deleted = 0))");
	if (!s)
		goto out;
	bind_text(s, 1, e->number);
	bind_text(s, 2, e->title);
	sqlite3_bind_int(s, 3, e->exempt != 0);
	if (e->exempt)
		sqlite3_bind_int(s, 4, e->exempt_paragraph);
	else
		sqlite3_bind_null(s, 4);
	bind_text(s, 5, e->exempt ? e->exempt_reason : NULL);
	if (db_bind_md(s, 6, e->description_md) != SQLITE_OK || db_bind_md(s, 8, e->minutes_md) != SQLITE_OK ||
	    db_bind_md(s, 10, e->decision_md) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "rendering Markdown failed");
		goto out;
	}
	if (id) {
		sqlite3_bind_int64(s, 12, id);
		bind_id(s, 14, e->parent_id);
	}
	sqlite3_bind_int64(s, 13, meeting_id);
	if (id && e->parent_id) {
		/* A sub-item's parent: another top-level item of the same
		 * meeting, and an item with sub-items of its own cannot become
		 * one. */
		sqlite3_stmt *chk = db_stmt(db,
			"SELECT (SELECT count(*) FROM agenda_item WHERE id = ?1 AND meeting_id = ?2"
			"  AND parent_id IS NULL AND deleted = 0 AND id <> ?3)"
			" + (SELECT count(*) = 0 FROM agenda_item WHERE parent_id = ?3 AND deleted = 0)");
		int good = 0;
		if (!chk)
			goto out;
		sqlite3_bind_int64(chk, 1, e->parent_id);
		sqlite3_bind_int64(chk, 2, meeting_id);
		sqlite3_bind_int64(chk, 3, id);
		if (sqlite3_step(chk) == SQLITE_ROW)
			good = sqlite3_column_int(chk, 0) == 2;
		sqlite3_reset(chk);
		if (!good) {
			snprintf(db->err, sizeof(db->err), "bad parent");
			goto out;
		}
	}
	if (db_step_done(db, s, "saving item") < 0)
		goto out;
	if (!id)
		c.id = sqlite3_last_insert_rowid(db->h);
	else if (sqlite3_changes(db->h) == 0) {
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
	sqlite3_stmt *s;
	int ok = 0;

	if (db_change_begin(&c, db, user_id, "agenda_item", item_json, id, delta < 0 ? "move up" : "move down") < 0)
		return -1;
	/* Swap positions with the neighbour, then renumber top-level items. */
	s = db_stmt(db,
		"WITH me AS (SELECT id, position, parent_id FROM agenda_item WHERE id = ?1 AND meeting_id = ?2 AND deleted = 0),"
		" other AS (SELECT a.id, a.position FROM agenda_item a, me WHERE a.meeting_id = ?2 AND a.deleted = 0"
		"  AND a.parent_id IS me.parent_id"
		"  AND CASE WHEN ?3 < 0 THEN a.position < me.position ELSE a.position > me.position END"
		"  ORDER BY CASE WHEN ?3 < 0 THEN -a.position ELSE a.position END LIMIT 1)"
		" UPDATE agenda_item SET position = CASE id WHEN (SELECT id FROM me) THEN (SELECT position FROM other)"
		"  ELSE (SELECT position FROM me) END"
		" WHERE id IN ((SELECT id FROM me), (SELECT id FROM other)) AND (SELECT id FROM other) IS NOT NULL");
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, meeting_id);
		sqlite3_bind_int(s, 3, delta);
	}
	if (db_step_done(db, s, "moving item") < 0)
		goto out;
	if (renumber(db, meeting_id) < 0)
		goto out;
	ok = 1;
out:
	return db_change_end(&c, ok);
}

int adm_files_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT " FILE_COLS " FROM file_link l JOIN file f ON f.id = l.file_id"
			" LEFT JOIN agenda_item i ON i.id = l.agenda_item_id"
			" WHERE l.deleted = 0 AND f.deleted = 0 AND (l.meeting_id = ?1 OR i.meeting_id = ?1)"
			" ORDER BY COALESCE(i.position, 0), " ROLE_POS ", l.position, f.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int adm_file(struct db *db, int64_t id, struct file_row *r)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT f.id, f.title, f.filename, f.mime_type, f.sha256, f.size,"
				  " f.page_count, NULL, NULL, f.modified, f.text_status, f.text_note FROM file f"
				  " WHERE f.id = ?1 AND f.deleted = 0");
	int rc;

	if (s)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = db_get_one(db, s)) == 1)
		row_fill_file(s, r);
	return rc;
}

int64_t adm_file_attach(struct db *db, int64_t user_id, const struct file_attach *a)
{
	sqlite3_stmt *s;
	int64_t file_id = -1, link_id;
	char *after = NULL;

	if (db_begin(db) < 0)
		return -1;
	s = db_stmt(db, "INSERT INTO file(title, filename, mime_type, size, sha256, text_status)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, 'pending')");
	if (!s)
		goto fail;
	bind_text(s, 1, a->title);
	bind_text(s, 2, a->filename);
	bind_text(s, 3, a->mime_type);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)a->size);
	bind_text(s, 5, a->sha256);
	if (db_step_done(db, s, "recording document") < 0)
		goto fail;
	file_id = sqlite3_last_insert_rowid(db->h);
	s = db_stmt(db, "INSERT INTO file_link(file_id, meeting_id, agenda_item_id, role, position)"
		    " SELECT ?1, CASE WHEN ?3 IS NULL THEN ?2 END, ?3, ?4,"
		    "  (SELECT COALESCE(max(position), 0) + 1 FROM file_link WHERE"
		    "   (?3 IS NULL AND meeting_id = ?2) OR agenda_item_id = ?3)"
		    " WHERE EXISTS (SELECT 1 FROM meeting WHERE id = ?2 AND deleted = 0)"
		    "  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM agenda_item WHERE id = ?3 AND meeting_id = ?2"
		    "   AND deleted = 0))");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_int64(s, 2, a->meeting_id);
	bind_id(s, 3, a->item_id);
	bind_text(s, 4, a->role);
	if (db_step_done(db, s, "attaching document") < 0)
		goto fail;
	if (sqlite3_changes(db->h) != 1) {
		snprintf(db->err, sizeof(db->err), "no such meeting or item");
		goto fail;
	}
	link_id = sqlite3_last_insert_rowid(db->h);
	s = db_stmt(db, "SELECT json_object('file_id', f.id, 'title', f.title, 'filename', f.filename,"
		    " 'mime_type', f.mime_type, 'size', f.size, 'sha256', f.sha256, 'meeting_id', l.meeting_id,"
		    " 'agenda_item_id', l.agenda_item_id, 'role', l.role) FROM file f JOIN file_link l"
		    " ON l.file_id = f.id WHERE l.id = ?1");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, link_id);
	if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0))
		after = strdup(col_text(s, 0));
	sqlite3_reset(s);
	if (db_audit(db, user_id, "upload", "file", file_id, NULL, after) < 0 || db_commit(db) < 0)
		goto fail;
	free(after);
	return file_id;
fail:
	{
		char keep[sizeof(db->err)];
		snprintf(keep, sizeof(keep), "%s", db->err);
		db_rollback(db);
		snprintf(db->err, sizeof(db->err), "%s", keep);
	}
	free(after);
	return -1;
}

/* --- attendance, declarations, votes ------------------------------------ */

int adm_attendance(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c,
		"WITH m AS (SELECT id, organization_id, substr(start_at, 1, 10) AS day FROM meeting WHERE id = ?1),"
		" who AS (SELECT ms.person_id, min(ms.role) AS role FROM membership ms, m"
		"  WHERE ms.organization_id = m.organization_id AND ms.deleted = 0"
		"   AND (ms.start_date IS NULL OR ms.start_date <= m.day)"
		"   AND (ms.end_date IS NULL OR ms.end_date >= m.day) GROUP BY ms.person_id"
		"  UNION SELECT a.person_id, NULL FROM attendance a, m WHERE a.meeting_id = m.id)"
		" SELECT p.id, a.substitute_for, p.name, a.status, a.note, max(who.role)"
		" FROM who JOIN person p ON p.id = who.person_id"
		" LEFT JOIN attendance a ON a.meeting_id = ?1 AND a.person_id = p.id"
		" GROUP BY p.id ORDER BY p.family_name COLLATE NOCASE, p.name") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int cursor_next_attendee(struct cursor *c, struct attendee_row *r)
{
	int rc;

	if (!c->s)
		return 0;
	rc = sqlite3_step(c->s);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			c->err = 1;
		sqlite3_reset(c->s);
		c->s = NULL;
		return 0;
	}
	r->person_id = col_int(c->s, 0);
	r->substitute_for = col_int(c->s, 1);
	r->name = col_text(c->s, 2);
	r->status = col_text(c->s, 3);
	r->note = col_text(c->s, 4);
	r->role = col_text(c->s, 5);
	return 1;
}

int adm_people_choices(struct db *db, struct cursor *c)
{
	return db_cursor_open(db, c, "SELECT id, name FROM person WHERE deleted = 0"
			   " ORDER BY family_name COLLATE NOCASE, name");
}

static char *attendance_json(struct db *db, int64_t meeting_id)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT json_group_array(json_object('person_id', person_id,"
				  " 'status', status, 'substitute_for', substitute_for, 'note', note))"
				  " FROM (SELECT * FROM attendance WHERE meeting_id = ?1 ORDER BY person_id)");
	char *out = NULL;

	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, meeting_id);
	if (sqlite3_step(s) == SQLITE_ROW && col_text(s, 0))
		out = strdup(col_text(s, 0));
	sqlite3_reset(s);
	return out;
}


int adm_attendance_save(struct db *db, int64_t user_id, int64_t meeting_id,
			const struct attendance_set *a, int n)
{
	char *before = NULL, *after = NULL;
	sqlite3_stmt *s;
	int ok = 0;

	if (db_begin(db) < 0)
		return -1;
	before = attendance_json(db, meeting_id);
	s = db_stmt(db, "DELETE FROM attendance WHERE meeting_id = ?1");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, meeting_id);
	if (db_step_done(db, s, "clearing attendance") < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		if (!a[i].status || !*a[i].status)
			continue;
		s = db_stmt(db, "INSERT INTO attendance(meeting_id, person_id, status, substitute_for, note)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)");
		if (!s)
			goto out;
		sqlite3_bind_int64(s, 1, meeting_id);
		sqlite3_bind_int64(s, 2, a[i].person_id);
		bind_text(s, 3, a[i].status);
		bind_id(s, 4, a[i].substitute_for);
		bind_text(s, 5, a[i].note && *a[i].note ? a[i].note : NULL);
		if (db_step_done(db, s, "recording attendance") < 0)
			goto out;
	}
	after = attendance_json(db, meeting_id);
	if (db_audit(db, user_id, "attendance", "meeting", meeting_id, before, after) < 0 || db_commit(db) < 0)
		goto out;
	ok = 1;
out:
	if (!ok)
		db_rollback_keep(db);
	free(before);
	free(after);
	return ok ? 0 : -1;
}

/* Finish an audited creation begun with db_begin(): step the bound INSERT
 * ins (refused as `missing` when it inserts nothing: its WHERE checks the
 * row's owners), audit it with the row's JSON, commit.  0 or -1 (rolled
 * back, db->err set). */
static int audited_create(struct db *db, int64_t user_id, sqlite3_stmt *ins, const char *missing,
			  const char *entity, const char *json_sql)
{
	char *after = NULL;
	int64_t id;
	int ok = 0;

	if (!ins || db_step_done(db, ins, entity) < 0)
		goto out;
	if (sqlite3_changes(db->h) != 1) {
		snprintf(db->err, sizeof(db->err), "%s", missing);
		goto out;
	}
	id = sqlite3_last_insert_rowid(db->h);
	after = db_row_json(db, json_sql, id);
	if (db_audit(db, user_id, "create", entity, id, NULL, after) < 0 || db_commit(db) < 0)
		goto out;
	ok = 1;
out:
	if (!ok)
		db_rollback_keep(db);
	free(after);
	return ok ? 0 : -1;
}

int adm_declaration_add(struct db *db, int64_t user_id, int64_t meeting_id, const struct declaration_set *d)
{
	sqlite3_stmt *s;

	if (db_begin(db) < 0)
		return -1;
	s = db_stmt(db, "INSERT INTO declaration(meeting_id, agenda_item_id, person_id, kind, description, left_room)"
		    " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM agenda_item"
		    "  WHERE id = ?2 AND meeting_id = ?1 AND deleted = 0))"
		    "  AND EXISTS (SELECT 1 FROM person WHERE id = ?3 AND deleted = 0)");
	if (s) {
		sqlite3_bind_int64(s, 1, meeting_id);
		bind_id(s, 2, d->item_id);
		sqlite3_bind_int64(s, 3, d->person_id);
		bind_text(s, 4, d->kind);
		bind_text(s, 5, d->description);
		sqlite3_bind_int(s, 6, d->left_room != 0);
	}
	return audited_create(db, user_id, s, "no such person or item", "declaration",
		"SELECT json_object('id', id, 'meeting_id', meeting_id, 'agenda_item_id', agenda_item_id,"
		" 'person_id', person_id, 'kind', kind, 'description', description, 'left_room', left_room)"
		" FROM declaration WHERE id = ?1");
}

int adm_declarations(struct db *db, int64_t meeting_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT d.meeting_id, d.person_id, d.agenda_item_id, p.name, i.number, i.title,"
			" d.kind, d.description, d.left_room, m.name, m.start_at FROM declaration d"
			" JOIN person p ON p.id = d.person_id JOIN adm_meeting m ON m.id = d.meeting_id"
			" LEFT JOIN agenda_item i ON i.id = d.agenda_item_id WHERE d.meeting_id = ?1 ORDER BY d.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, meeting_id);
	return 0;
}

int adm_vote_add(struct db *db, int64_t user_id, int64_t meeting_id, int64_t item_id, const struct vote_set *v)
{
	sqlite3_stmt *s;

	if (db_begin(db) < 0)
		return -1;
	s = db_stmt(db, "INSERT INTO vote(agenda_item_id, motion, result, votes_for, votes_against, abstentions)"
		    " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM agenda_item WHERE id = ?1"
		    "  AND meeting_id = ?7 AND deleted = 0)");
	if (s) {
		sqlite3_bind_int64(s, 1, item_id);
		bind_text(s, 2, v->motion);
		bind_text(s, 3, v->result);
		sqlite3_bind_int(s, 4, v->votes_for);
		sqlite3_bind_int(s, 5, v->votes_against);
		sqlite3_bind_int(s, 6, v->abstentions);
		sqlite3_bind_int64(s, 7, meeting_id);
	}
	return audited_create(db, user_id, s, "no such item", "vote",
		"SELECT json_object('id', id, 'agenda_item_id', agenda_item_id, 'motion', motion,"
		" 'result', result, 'votes_for', votes_for, 'votes_against', votes_against,"
		" 'abstentions', abstentions) FROM vote WHERE id = ?1");
}

int adm_votes(struct db *db, int64_t item_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT v.id, v.agenda_item_id, v.motion, v.result, v.votes_for,"
			" v.votes_against, v.abstentions, v.recorded FROM vote v WHERE v.agenda_item_id = ?1"
			" ORDER BY v.id") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, item_id);
	return 0;
}

int adm_vote_record(struct db *db, int64_t user_id, int64_t meeting_id, int64_t item_id, int64_t vote_id,
		    const struct vote_position *p, int n)
{
	static const char json_sql[] =
		"SELECT json_object('id', v.id, 'votes_for', v.votes_for, 'votes_against', v.votes_against,"
		" 'abstentions', v.abstentions, 'recorded', v.recorded, 'records',"
		" (SELECT json_group_array(json_object('person_id', person_id, 'position', position))"
		"  FROM (SELECT * FROM vote_record WHERE vote_id = v.id ORDER BY person_id)))"
		" FROM vote v WHERE v.id = ?1";
	sqlite3_stmt *s;
	char *before = NULL, *after = NULL;
	int ok = 0;

	if (db_begin(db) < 0)
		return -1;
	s = db_stmt(db, "SELECT count(*) FROM vote v JOIN agenda_item i ON i.id = v.agenda_item_id"
		    " WHERE v.id = ?1 AND i.id = ?2 AND i.meeting_id = ?3 AND i.deleted = 0");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, vote_id);
	sqlite3_bind_int64(s, 2, item_id);
	sqlite3_bind_int64(s, 3, meeting_id);
	if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 0) != 1) {
		sqlite3_reset(s);
		snprintf(db->err, sizeof(db->err), "no such vote");
		goto out;
	}
	sqlite3_reset(s);
	before = db_row_json(db, json_sql, vote_id);
	s = db_stmt(db, "DELETE FROM vote_record WHERE vote_id = ?1");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, vote_id);
	if (db_step_done(db, s, "clearing the recorded vote") < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		if (!p[i].position || !*p[i].position)
			continue;
		s = db_stmt(db, "INSERT INTO vote_record(vote_id, person_id, position) VALUES (?1, ?2, ?3)");
		if (!s)
			goto out;
		sqlite3_bind_int64(s, 1, vote_id);
		sqlite3_bind_int64(s, 2, p[i].person_id);
		bind_text(s, 3, p[i].position);
		if (db_step_done(db, s, "recording a position") < 0)
			goto out;
	}
	s = db_stmt(db, "UPDATE vote SET recorded = 1,"
		    " votes_for = (SELECT count(*) FROM vote_record WHERE vote_id = ?1 AND position = 'for'),"
		    " votes_against = (SELECT count(*) FROM vote_record WHERE vote_id = ?1 AND position = 'against'),"
		    " abstentions = (SELECT count(*) FROM vote_record WHERE vote_id = ?1 AND position = 'abstain')"
		    " WHERE id = ?1");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, vote_id);
	if (db_step_done(db, s, "counting the recorded vote") < 0)
		goto out;
	after = db_row_json(db, json_sql, vote_id);
	if (db_audit(db, user_id, "record vote", "vote", vote_id, before, after) < 0 || db_commit(db) < 0)
		goto out;
	ok = 1;
out:
	if (!ok)
		db_rollback_keep(db);
	free(before);
	free(after);
	return ok ? 0 : -1;
}

int adm_vote_records(struct db *db, int64_t vote_id, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT r.person_id, p.name, r.position FROM vote_record r"
			   " JOIN person p ON p.id = r.person_id WHERE r.vote_id = ?1 ORDER BY p.family_name, p.name") < 0)
		return -1;
	sqlite3_bind_int64(c->s, 1, vote_id);
	return 0;
}

int adm_audit(struct db *db, int limit, struct cursor *c)
{
	if (db_cursor_open(db, c, "SELECT a.id, a.user_id, a.entity_id, a.at, u.email, a.action, a.entity,"
			" a.before_json, a.after_json FROM audit_log a LEFT JOIN user u ON u.id = a.user_id"
			" ORDER BY a.id DESC LIMIT ?1") < 0)
		return -1;
	sqlite3_bind_int(c->s, 1, limit);
	return 0;
}

int cursor_next_audit(struct cursor *c, struct audit_row *r)
{
	int rc;

	if (!c->s)
		return 0;
	rc = sqlite3_step(c->s);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			c->err = 1;
		sqlite3_reset(c->s);
		c->s = NULL;
		return 0;
	}
	r->id = col_int(c->s, 0);
	r->user_id = col_int(c->s, 1);
	r->entity_id = col_int(c->s, 2);
	r->at = col_text(c->s, 3);
	r->user_email = col_text(c->s, 4);
	r->action = col_text(c->s, 5);
	r->entity = col_text(c->s, 6);
	r->before_json = col_text(c->s, 7);
	r->after_json = col_text(c->s, 8);
	return 1;
}
