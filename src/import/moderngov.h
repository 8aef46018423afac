/* moderngov.h: `witan import moderngov --db FILE [--from DATE] [--to DATE]
 * URL`: a council's whole record copied from the public web service of
 * its ModernGov site (mgWebService.asmx; see docs/API.md, "Importing from
 * ModernGov").
 *
 * Reads GetCommittees, GetCouncillorsByWard, each committee's
 * GetMeetings in yearly windows and each meeting's GetMeeting; translates
 * what they say into OParl objects (with witan: extensions) and writes
 * them through the harvest's session (import/harvest.h), which checks
 * them with the model, sanitizes their HTML and downloads their
 * documents.  ModernGov's ids are kept: as the canonical URLs of the
 * import map (the old page of each object), and as Witan's own ids where
 * they are free.  A restricted item keeps its title only; its documents
 * are not downloaded.  Every answer's validators are kept (import_http):
 * a re-run asks conditionally and reads only what changed; each meeting
 * is one transaction, so an interrupted run goes on where it stopped.  A
 * bad answer is skipped, counted and named.  One request at a time. */
#ifndef WITAN_MODERNGOV_H
#define WITAN_MODERNGOV_H

#include "db/db.h"
#include "import/harvest.h"
#include "store/store.h"

struct moderngov_opts {
	const char *from, *to;     /* YYYY-MM-DD, or NULL: 2000-01-01 and a year from today */
	long max_file_bytes;
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
};

struct moderngov_report {
	long committees, people, meetings;  /* written (new or changed) */
	long unchanged;            /* meetings whose answer had not changed (304) */
	long bad;                  /* answers skipped (named on stderr) */
	long requests, conditional, not_modified;  /* to the web service */
	struct harvest_report h;   /* what the harvest wrote (items, files, ...) */
};

/* Returns 0 (what was skipped is in the report), or -1 when the run
 * could not go on (the database, the network at its start); a later run
 * goes on. */
int import_moderngov(struct db *db, struct store *st, const char *base_url, const struct moderngov_opts *o,
		     struct moderngov_report *rep);

#endif
