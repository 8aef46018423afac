/* search.h: full-text search over the public record (SQLite FTS5, see
 * sql/003_search.sql and 004_search_dates.sql).  The index holds only what the pub_* views show,
 * and every query checks the views again. */
#ifndef WITAN_SEARCH_H
#define WITAN_SEARCH_H

#include <stdint.h>

#include "db/public.h"

/* Register the functions the db layer's SQL uses on a new connection
 * (db_open does): witan_rank() for pub_search(), witan_plain(html) for the
 * OParl API.  0, or -1 with db->err set. */
int search_register(struct db *db);
/* Re-index what the triggers queued (called by db_commit inside the
 * transaction, and by `witan reindex`).  progress may be NULL.  Returns
 * the number of queue entries handled, or -1. */
long search_drain(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx);
/* Queue everything for re-indexing. */
int search_queue_all(struct db *db);
/* Rebuild the whole index in short transactions (`witan reindex`), then
 * merge its segments.  progress may be NULL.  Returns 0 or -1. */
int search_reindex(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx);

struct search_hit {
	const char *kind;        /* 'meeting', 'item', 'minutes', 'document', 'committee', 'person' */
	int64_t ref_id, meeting_id;
	int64_t item_id;         /* items, minutes, and documents attached to an item */
	int page;                /* documents: the page, or 0 (title only) */
	const char *title;       /* the indexed title (plain text) */
	const char *snippet;     /* plain text with \x01 before and \x02 after each match */
	const char *at;          /* the meeting's start, or NULL */
	const char *filename;    /* documents: for the link */
	const char *committee;   /* the committee's name, or NULL */
};

enum search_sort { SEARCH_RELEVANCE = 0, SEARCH_DATE };

/* Counting stops after this many hits; relevance ranks the most recent
 * SEARCH_RANK_WINDOW matches (the window grows to reach the page asked
 * for).  See docs/DECISIONS.md, "Search". */
#define SEARCH_COUNT_MAX 10000
#define SEARCH_RANK_WINDOW 1000
#define SEARCH_MAX_LIMIT 100

struct search_params {
	const char *fts;         /* FTS5 syntax made by search_query() */
	const char *kind;        /* NULL, or one of the kinds above */
	int64_t committee;       /* 0: every committee */
	const char *from, *to;   /* 'YYYY-MM-DD' (valid) or NULL */
	enum search_sort sort;
	int limit, offset;       /* limit 1..SEARCH_MAX_LIMIT */
};

/* Called for each hit in order; strings live until it returns.  Return 0
 * to go on, -1 to stop (pub_search then fails). */
typedef int (*search_hit_fn)(void *ctx, const struct search_hit *h);

/* Run a search.  *total gets the number of hits, counted up to
 * SEARCH_COUNT_MAX + 1.  Returns 0, or -1 (most likely a syntax error in
 * p->fts: call again with plain words). */
int pub_search(struct db *db, const struct search_params *p, int *total, search_hit_fn fn, void *ctx);

#endif
