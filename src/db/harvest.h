/* harvest.h: the database side of `witan import oparl` (api/harvest.c):
 * rows written from another system's objects, the map from their URLs to
 * our rows, and the state of a run (sql/007_import.sql).
 *
 * Rows are written from a list of column values; table and column names
 * come from the caller's static tables, never from the source, and every
 * value is bound.  created and modified are the source's, so that what we
 * serve again says what the source said. */
#ifndef WITAN_DB_HARVEST_H
#define WITAN_DB_HARVEST_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

enum hval_type {
	HV_TEXT,   /* text (NULL: SQL NULL) */
	HV_INT,
	HV_LOCAL,  /* an RFC 3339 date-time stored as local 'YYYY-MM-DD HH:MM' */
	HV_UTC,    /* an RFC 3339 date-time stored as UTC 'YYYY-MM-DDTHH:MM:SSZ' */
	HV_KEEP,   /* text written only where the row has none (NULL) yet */
	HV_ID,     /* (col "id") the id a new row should have, when no row has it (0: any);
		    * never changes an existing row's */
};

struct hval {
	const char *col;
	enum hval_type type;
	const char *text;
	int64_t num;
};

/* The model's checks on the values of a row for table (harvest_check.c):
 * out[] is in[] with one-line fields' line breaks folded and optional
 * values that fail left out (NULL, with a warning on stderr); owned[] the
 * strings to free with harvest_check_free.  -1 with db->err (and nothing
 * to free) when a required value fails or is none (a bad object) or n is more than
 * HARVEST_MAX_VALUES.  harvest_upsert and harvest_insert
 * apply it to what they write. */
#define HARVEST_MAX_VALUES 48
int harvest_check(struct db *db, const char *table, const struct hval *in, int n, struct hval *out, char **owned);
void harvest_check_free(char **owned, int n);

/* The row a source URL became: 1 (with *id, and the source's modified
 * when imported copied into modified[]), 0 if none, -1 on error. */
int harvest_lookup(struct db *db, const char *url, const char *entity, int64_t *id, char *modified,
		   size_t modified_len);

/* Insert the row for url into table (or update the one it became),
 * with created and modified as given (RFC 3339, may be NULL: now); fills
 * *id.  Inside a transaction.  0 or -1. */
int harvest_upsert(struct db *db, const char *table, const char *url, const char *created,
		   const char *modified, const struct hval *v, int n, int64_t *id);

/* Insert a row that no URL names (attendance, votes, declarations: the
 * children harvest_clear() removes first); *id may be NULL.  0 or -1. */
int harvest_insert(struct db *db, const char *table, const struct hval *v, int n, int64_t *id);

/* One object inside a page's transaction: harvest_object_end(db, 0) undoes
 * what was written since harvest_object_begin (a bad object), 1 keeps it.
 * 0 or -1. */
int harvest_object_begin(struct db *db);
int harvest_object_end(struct db *db, int ok);

/* Tie url to an existing row (the body already here).  0 or -1. */
int harvest_adopt(struct db *db, const char *url, const char *table, int64_t id);

/* A file's text as its source gives it (OParl File.text): its pages
 * (split at form feeds), text_status done.  Inside a transaction.  0 or -1. */
int harvest_file_text(struct db *db, int64_t file_id, const char *text);

/* References that could not be resolved (import_pending): add one that
 * the object from makes to to; drop all of from's (before it is imported
 * again); forget from's modified, so that its next import is not skipped
 * as unchanged.  0 or -1. */
int harvest_pending_add(struct db *db, const char *from, const char *to);
int harvest_pending_drop(struct db *db, const char *from);
int harvest_forget(struct db *db, const char *url);
/* The objects with unresolved references (malloc'd strings, *n of them;
 * free with harvest_strings_free), and each (from, to) pair in order. */
int harvest_pending_froms(struct db *db, char ***out, size_t *n);
void harvest_strings_free(char **v, size_t n);
int harvest_pending_each(struct db *db, void (*fn)(void *ctx, const char *from, const char *to), void *ctx);

/* The largest modified (UTC) of everything imported, into out ("" if
 * none): the next run's modified_since.  0 or -1. */
int harvest_max_modified(struct db *db, char *out, size_t len);

/* Mark the row url became deleted (tables with a deleted column), with
 * the source's modified.  1, 0 when url was never imported, or -1. */
int harvest_delete(struct db *db, const char *table, const char *url, const char *modified);

/* Mark deleted the rows of table whose parent_col is parent and whose id
 * is not in keep (a JSON array of ids): children the source no longer
 * lists.  0 or -1. */
int harvest_prune(struct db *db, const char *table, const char *parent_col, int64_t parent, const char *keep);

/* The same for the rows of table that came from a harvest (tied to a
 * URL in import_map): the rest of parent's, written here, are kept (a
 * person's interests a clerk registered beside the harvested ones).
 * 0 or -1. */
int harvest_prune_mapped(struct db *db, const char *table, const char *parent_col, int64_t parent, const char *keep);

/* Remove the rows of a child table without a deleted column (attendance,
 * declarations, votes and their records) of a parent, before writing
 * them again.  which: "attendance", "declaration", "vote".  0 or -1. */
int harvest_clear(struct db *db, const char *which, int64_t parent);

/* What an importer remembers of a web service's answer to url
 * (import_http): its validators (etag, last_modified: "" when none) and,
 * with body non-NULL, the answer kept (malloc'd into *body, NULL when
 * none).  1 when there is a row, 0 when none, -1 on error. */
int harvest_http_get(struct db *db, const char *url, char *etag, size_t etag_len, char *last_modified,
		     size_t lm_len, char **body);
/* Remember it (body NULL: none kept).  0 or -1. */
int harvest_http_put(struct db *db, const char *url, const char *etag, const char *last_modified, const char *body);

/* After rows were written with the ids they should have (HV_ID): the
 * database's id generators moved past them (PostgreSQL's identities;
 * nothing to do on SQLite).  0 or -1. */
int harvest_sync_ids(struct db *db);

/* The id of the first body, or 0 if there is none (-1 on error). */
int64_t harvest_body(struct db *db);

/* The body's effective licence, as pub_body gives it, into out ("" when
 * none is stated).  0 or -1. */
int harvest_body_license(struct db *db, int64_t body_id, char *out, size_t len);

/* One run against one source system. */
struct harvest_run {
	char since[40];          /* this run's modified_since, or "" */
	char next_since[40];     /* the largest modified seen so far */
	int step;                /* the list being read */
	char *next_url;          /* its next page, or NULL (malloc'd) */
	int resumed;             /* 1: continuing an interrupted run */
	long objects, bad;
};

/* Start (or resume) the run for system_url.  A finished earlier run makes
 * this one incremental (since = its next_since); an unfinished one is
 * resumed where it stopped.  full: ignore both, read everything.  0 or -1. */
int harvest_run_begin(struct db *db, const char *system_url, int full, struct harvest_run *r);
/* Record where the run is (inside the page's transaction).  0 or -1. */
int harvest_run_save(struct db *db, const char *system_url, const struct harvest_run *r);
/* Mark the run finished.  0 or -1. */
int harvest_run_finish(struct db *db, const char *system_url, const struct harvest_run *r);
void harvest_run_release(struct harvest_run *r);

#endif
