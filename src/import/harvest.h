/* harvest.h: `witan import oparl --db FILE URL`: copy a whole OParl 1.0 or
 * 1.1 system into this database (see docs/API.md, "Harvesting").
 *
 * Follows the system's body and every list of it, page by page, and the
 * objects embedded in them; fetches what is referenced but not listed;
 * downloads every file into the document store.  Each page is one
 * transaction that also records where the run is, so an interrupted run
 * resumes at the page it stopped at; a finished run makes the next one
 * ask only for what changed since (modified_since), deleted objects
 * included.  A bad object is counted and skipped, never the end of the
 * run.  HTTP through libcurl, JSON through jansson. */
#ifndef WITAN_HARVEST_H
#define WITAN_HARVEST_H

#include <jansson.h>

#include "db/db.h"
#include "store/store.h"

struct harvest_opts {
	int full;                /* ignore what earlier runs remember */
	long max_file_bytes;     /* larger files are skipped (counted bad) */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;      /* a label */
	int quiet;               /* no summary on stderr */
};

struct harvest_report {
	long objects;            /* imported or updated */
	long unchanged;          /* seen, same modified as last time */
	long deleted;            /* marked deleted */
	long bad;                /* skipped: malformed, or failed */
	long unresolved;         /* references that could not be resolved (named on stderr) */
	long files;              /* downloaded */
	long bytes;
	int incremental, resumed;
};

/* Returns 0 (bad objects and unresolved references are in the report,
 * named on stderr), or -1 when the run could not go on (the network, the database);
 * a later run resumes it. */
int harvest_oparl(struct db *db, struct store *st, const char *system_url, const struct harvest_opts *o,
		  struct harvest_report *rep);

/* One OParl object (the JSON text of any type the harvest takes, with what
 * it embeds) into this database's body, offline: nothing is fetched, so
 * its files are counted bad and what it refers to that the database does
 * not have is left unresolved.  For the fuzz target
 * (tests/fuzz/fuzz_oparl.c) and tests.  Returns 0 (the report says what
 * became of it), or -1 with db->err (not JSON, no body, the database). */
int harvest_oparl_object(struct db *db, struct store *st, const char *text, size_t len, struct harvest_report *rep);

/* A session of objects given one at a time (`witan import moderngov`
 * translates another system's records into OParl objects, with witan:
 * extensions, and writes them through here, with the same checks and
 * mapping as a harvest).  harvest_open: NULL with db->err (no body, no
 * libcurl); counts go to rep. */
struct harvest;
struct harvest *harvest_open(struct db *db, struct store *st, const struct harvest_opts *o,
			     struct harvest_report *rep);
/* One object (and what it embeds), its files downloaded into the store
 * first, written in one transaction; also (may be NULL) runs inside it
 * before the commit.  A bad object is counted and named, not an error.
 * An object may carry "witan:keepId": the id its row should have when it
 * is new and no row has that id.  0, or -1 with db->err. */
int harvest_put(struct harvest *s, json_t *o, int (*also)(struct db *db, void *ctx), void *ctx);
/* A database with no body yet is given one (url its id in the source,
 * name its name: `witan body` renames it); one that has a body keeps it.
 * 0 or -1. */
int harvest_body_new(struct db *db, const char *url, const char *name);
/* The row url became (0: none yet; -1 on error). */
int64_t harvest_local_id(struct harvest *s, const char *url, const char *table);
void harvest_close(struct harvest *s);

#endif
