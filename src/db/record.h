/* record.h: writing the record beyond model_insert (db/model.h, which
 * creates a row of any entity from the model): the hosting body's
 * settings, documents' extracted text, and the updates of rows that the
 * demo makes after creating them.
 *
 * Each returns 0 (or the id) or -1 with the reason in db->err; callers
 * group calls in db_begin / db_commit. */
#ifndef WITAN_RECORD_H
#define WITAN_RECORD_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* Change the hosting body's settings (the first body); NULL fields are
 * left as they are.  Returns 0, or -1 (no body yet, or a database error). */
struct body_settings {
	const char *name, *short_name, *colour_primary, *colour_accent, *logo_svg;
	const char *email, *phone, *address, *website;
	const char *license;   /* the record's licence (a URL) */
	int license_default;   /* 1: back to the region's default (license unused) */
};
int db_body_update(struct db *db, const struct body_settings *b);

/* Store one page of a document's text (pages count from 1), and mark the
 * file's text as extracted with db_file_text_done (`witan gen`, tests). */
int db_file_page_add(struct db *db, int64_t file_id, int page, const char *text);
int db_file_text_done(struct db *db, int64_t file_id, int page_count, const char *status);

/* Text extraction (docs/extract.h).  The next file after `after` whose
 * text is pending: 1 and *f filled, 0 when there is none, -1. */
struct pending_file {
	int64_t id;
	char sha256[65];
	char mime_type[128];
};
int db_file_next_pending(struct db *db, int64_t after, struct pending_file *f);
long db_file_pending_count(struct db *db);
/* Whether a file row (deleted or not: a withdrawn document keeps its
 * bytes) names the stored bytes sha: 1, 0, or -1 on error.  For the
 * store's sweep (store_sweep()). */
int db_file_sha_named(struct db *db, const char *sha);
/* Record a file's extracted text in one transaction: its pages replace
 * any before, status is 'done', 'failed' or 'none', note says why text is
 * missing or incomplete (NULL: nothing to say).  Does nothing (returns 0)
 * if the file is no longer pending.  Returns 0 or -1. */
struct page_text {
	const char *text;
	size_t len;
};
int db_file_text_store(struct db *db, int64_t file_id, const struct page_text *pages, int npages,
		       const char *status, const char *note);
/* Mark files' text pending again: every file (all) or the failed ones. */
int db_file_text_reset(struct db *db, int all);

/* Set a decision's forward plan entry (0: leave it) and status (NULL:
 * leave it).  0, or -1. */
int db_decision_update(struct db *db, int64_t id, int64_t plan_entry_id, const char *status);

/* Mark a held meeting's minutes approved at the later meeting approved_by,
 * at approved_at (UTC ISO).  (An update, so the meeting's iCalendar
 * SEQUENCE is raised as for any change.) */
int db_meeting_minutes_approve(struct db *db, int64_t meeting_id, int64_t approved_by,
			       const char *approved_at);

#endif
