/* search.h: full-text search over the public record (SQLite FTS5, see
 * sql/003_search.sql).  The index holds only what the pub_* views show,
 * and every query checks the views again. */
#ifndef WITAN_SEARCH_H
#define WITAN_SEARCH_H

#include <stdint.h>

#include "db/public.h"

/* Re-index what the triggers queued (called by db_commit inside the
 * transaction, and by `witan reindex`).  progress may be NULL.  Returns
 * the number of queue entries handled, or -1. */
long search_drain(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx);
/* Queue everything for re-indexing. */
int search_queue_all(struct db *db);

struct search_hit {
	const char *kind;        /* 'meeting', 'item', 'minutes', 'document', 'committee', 'person' */
	int64_t ref_id, meeting_id;
	int page;                /* documents */
	const char *title;       /* the indexed title (plain text) */
	const char *snippet;     /* plain text with \x01 before and \x02 after each match */
	const char *at;          /* the meeting's start, or NULL */
	const char *filename;    /* documents: for the link */
};

/* Run a search.  query is FTS5 syntax made by search_query(); returns 0 or
 * -1 (a syntax error: call again with plain words).  *total gets the number
 * of hits (up to 10,000). */
int pub_search(struct db *db, const char *fts_query, int limit, int offset, struct cursor *c, int *total);
int cursor_next_hit(struct cursor *c, struct search_hit *h);

#endif
