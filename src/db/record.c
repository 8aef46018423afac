/* record.c: the writes of record.h that are not a new row. */
#include "db/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "util/banned.h"

int db_body_update(struct db *db, const struct body_settings *b)
{
	if (db_run(db, "UPDATE body SET name = COALESCE(?1, name), short_name = COALESCE(?2, short_name),"
		   " colour_primary = COALESCE(?3, colour_primary), colour_accent = COALESCE(?4, colour_accent),"
		   " logo_svg = COALESCE(?5, logo_svg), email = COALESCE(?6, email),"
		   " phone = COALESCE(?7, phone), address = COALESCE(?8, address),"
		   " website = COALESCE(?9, website),"
		   " license = CASE WHEN ?11 <> 0 THEN NULL ELSE COALESCE(?10, license) END"
		   " WHERE id = (SELECT min(id) FROM body WHERE deleted = 0)", "statement",
		   DB_ARGS(v_text(b->name), v_text(b->short_name), v_text(b->colour_primary), v_text(b->colour_accent),
			   v_text(b->logo_svg), v_text(b->email), v_text(b->phone), v_text(b->address), v_text(b->website),
			   v_text(b->license), v_int(b->license_default != 0))) < 0)
		return -1;
	if (db_changes(db) == 0) {
		snprintf(db->err, sizeof(db->err), "there is no body yet: create one with init");
		return -1;
	}
	return 0;
}

int db_file_page_add(struct db *db, int64_t file_id, int page, const char *text)
{
	/* SQLite's INSERT OR REPLACE, said so that PostgreSQL says it too: the
	 * page's row goes and comes again, its insert triggers (the search
	 * index's queue) firing as for a new one. */
	if (db_run(db, "DELETE FROM file_page WHERE file_id = ?1 AND page = ?2", "storing page text",
		   DB_ARGS(v_int(file_id), v_int(page))) < 0)
		return -1;
	return db_run(db, "INSERT INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)",
		      "storing page text", DB_ARGS(v_int(file_id), v_int(page), v_text(text ? text : "")));
}

int db_file_text_done(struct db *db, int64_t file_id, int page_count, const char *status)
{
	return db_run(db, "UPDATE file SET page_count = COALESCE(?2, page_count), text_status = ?3 WHERE id = ?1",
		      "statement", DB_ARGS(v_int(file_id), v_id(page_count), v_text(status)));
}

#define C(m) RCOL(struct pending_file, m)
static const struct rcol pending_cols[] = {
	C(id), RBUF(struct pending_file, sha256), RBUF(struct pending_file, mime_type), RCOL_END
};
#undef C

int db_file_next_pending(struct db *db, int64_t after, struct pending_file *f)
{
	int rc = db_row(db, "SELECT id, sha256, mime_type FROM file"
			" WHERE text_status = 'pending' AND id > ?1 ORDER BY id LIMIT 1", DB_ARGS(v_int(after)),
			pending_cols, f);

	if (rc < 0)
		snprintf(db->err, sizeof(db->err), "pending documents: %s", db_errmsg(db));
	return rc;
}

long db_file_pending_count(struct db *db)
{
	int64_t n = -1;

	db_int_of(db, "SELECT count(*) FROM file WHERE text_status = 'pending'", NULL, &n);
	return (long)n;
}

int db_file_sha_named(struct db *db, const char *sha)
{
	int64_t one;
	int rc = db_int_of(db, "SELECT 1 FROM file WHERE sha256 = ?1 LIMIT 1", DB_ARGS(v_text(sha)), &one);

	db_release_all(db);
	return rc < 0 ? -1 : rc > 0;
}

int db_file_text_store(struct db *db, int64_t file_id, const struct page_text *pages, int npages,
		       const char *status, const char *note)
{
	int64_t pending;
	int rc;

	if (db_begin(db) < 0)
		return -1;
	rc = db_int_of(db, "SELECT 1 FROM file WHERE id = ?1 AND text_status = 'pending'", DB_ARGS(v_int(file_id)),
		       &pending);
	if (rc == 0) {
		db_rollback(db);
		return 0; /* done meanwhile by another process */
	}
	if (rc < 0 || db_run(db, "DELETE FROM file_page WHERE file_id = ?1", "statement", DB_ARGS(v_int(file_id))) < 0)
		goto fail;
	for (int i = 0; i < npages; i++)
		if (db_run(db, "INSERT INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)", "statement",
			   DB_ARGS(v_int(file_id), v_int(i + 1), v_textn(pages[i].text ? pages[i].text : "",
									pages[i].text ? pages[i].len : 0))) < 0)
			goto fail;
	if (db_run(db, "UPDATE file SET text_status = ?2, text_note = ?3,"
		   " page_count = CASE WHEN ?4 > 0 AND ?3 IS NULL THEN ?4 ELSE page_count END WHERE id = ?1", "statement",
		   DB_ARGS(v_int(file_id), v_text(status), v_text(note), v_int(npages))) < 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int db_file_text_reset(struct db *db, int all)
{
	struct stmt *s = all ?
		db_stmt(db, "UPDATE file SET text_status = 'pending', text_note = NULL WHERE text_status <> 'pending'") :
		db_stmt(db, "UPDATE file SET text_status = 'pending', text_note = NULL WHERE text_status = 'failed'");

	return s ? db_exec_stmt(db, s) : -1;
}

int db_decision_update(struct db *db, int64_t id, int64_t plan_entry_id, const char *status)
{
	return db_run(db, "UPDATE decision SET plan_entry_id = COALESCE(?2, plan_entry_id),"
		      " status = COALESCE(?3, status) WHERE id = ?1", "statement",
		      DB_ARGS(v_int(id), v_id(plan_entry_id), v_text(status)));
}

int db_meeting_minutes_approve(struct db *db, int64_t meeting_id, int64_t approved_by,
			       const char *approved_at)
{
	return db_run(db, "UPDATE meeting SET minutes_status = 'approved', minutes_approved_by = ?2,"
		      " minutes_approved_at = ?3 WHERE id = ?1", "statement",
		      DB_ARGS(v_int(meeting_id), v_id(approved_by), v_text(approved_at)));
}
