/* search.h: full-text search over the public record (SQLite FTS5, see
 * sql/003_search.sql and 004_search_dates.sql; on PostgreSQL its own
 * full-text search over the same table, sql/pg/witan.sql).  The index holds only what the pub_* views show,
 * and every query checks the views again. */
#ifndef WITAN_SEARCH_H
#define WITAN_SEARCH_H

#include <stdint.h>

#include "db/public.h"
#include "util/buf.h"

/* Register the functions the db layer's SQL uses on a new connection
 * (db_open does, through search.c's open hook, see db_hooks in db.h):
 * witan_rank() for pub_search(), witan_plain(html) for the OParl API.
 * 0, or -1 with db->err set. */
int search_register(struct db *db);
/* Re-index what the triggers queued (called by db_commit inside the
 * transaction, through search.c's commit hook, and by `witan reindex`).  progress may be NULL.  Returns
 * the number of queue entries handled, or -1. */
long search_drain(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx);
/* Queue everything for re-indexing. */
int search_queue_all(struct db *db);
/* Rebuild the whole index in short transactions (`witan reindex`), then
 * merge its segments.  progress may be NULL.  Returns 0 or -1. */
int search_reindex(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx);

/* Where a document was considered: an agenda item, or a meeting it is
 * attached to as a whole. */
struct search_place {
	int64_t meeting_id;
	int64_t item_id;         /* 0: attached to the meeting itself */
	const char *meeting;     /* the meeting's name */
	const char *at;          /* its start */
	const char *number;      /* the item's number, or NULL */
	const char *title;       /* the item's title, or NULL */
};

/* One result: the matches of one agenda item, document, meeting,
 * committee or person (see docs/DECISIONS.md, "Search results grouped"),
 * shown by its best match (its newest when sorting by date). */
struct search_hit {
	const char *group;       /* what the result is: 'item' (an agenda item: its description, minutes and
				    decision, and the documents attached to it alone), 'document' (attached
				    elsewhere or in several places), 'meeting', 'committee', 'person', 'decision'
				    (a decision record), 'plan' (a forward plan entry) */
	int more;                /* the result's other matches (a document's: other pages) */
	/* The match shown: */
	const char *kind;        /* 'meeting', 'item', 'minutes', 'document', 'committee', 'person',
				    'decision', 'plan' */
	int64_t ref_id, meeting_id;
	int64_t item_id;         /* items, minutes, and documents attached to an item */
	int page;                /* documents: the page, or 0 (title only) */
	const char *title;       /* the indexed title (plain text) */
	const char *snippet;     /* plain text with \x01 before and \x02 after each match */
	const char *at;          /* the meeting's start, or NULL */
	const char *filename;    /* documents: for the link */
	const char *committee;   /* the committee's name, or NULL */
	const char *item_title;  /* group 'item': the item's title */
	/* group 'document': where it was considered, newest first (at most
	 * SEARCH_MAX_PLACES), and how many more places there are */
	const struct search_place *places;
	int nplaces, places_more;
};

enum search_sort { SEARCH_RELEVANCE = 0, SEARCH_DATE };

/* Counting stops after SEARCH_COUNT_MAX matches; each match's result is
 * looked up for the first SEARCH_GROUP_EXACT (and as far as the page
 * asked for), the results among the rest estimated; relevance ranks the
 * results of the most recent SEARCH_RANK_WINDOW matches (the window grows
 * to reach the page asked for); a document result lists at most
 * SEARCH_MAX_PLACES places.  See docs/DECISIONS.md, "Search" and "Search
 * results grouped". */
#define SEARCH_COUNT_MAX 10000
#define SEARCH_GROUP_EXACT 1000
#define SEARCH_RANK_WINDOW 1000
#define SEARCH_MAX_LIMIT 100
#define SEARCH_MAX_PLACES 10

struct search_params {
	const char *fts;         /* FTS5 syntax made by search_query() */
	const char *kind;        /* NULL, or one of the kinds above */
	int64_t committee;       /* 0: every committee */
	const char *from, *to;   /* 'YYYY-MM-DD' (valid) or NULL */
	enum search_sort sort;
	int limit, offset;       /* limit 1..SEARCH_MAX_LIMIT */
};

/* Called for each result in order; strings live until it returns.
 * Return 0 to go on, -1 to stop (pub_search then fails). */
typedef int (*search_hit_fn)(void *ctx, const struct search_hit *h);

/* How many results a search has: exact up to SEARCH_GROUP_EXACT matches,
 * beyond them estimated (approximate); counted over the first
 * SEARCH_COUNT_MAX matches only (lower_bound: there are more). */
struct search_total {
	int results;
	int approximate;
	int lower_bound;
};

/* The reader's words in as an FTS5 query out (search_query.c); returns
 * the number of positive terms (0: nothing to search for). */
int search_query(const char *in, struct buf *out);
/* search_query()'s FTS5 query as PostgreSQL's to_tsquery() text (the
 * search on PostgreSQL, see docs/DECISIONS.md); 0, or -1 on text that
 * search_query() did not make. */
int search_tsquery(const char *fts, struct buf *out);

/* Run a search; paging (p->offset, p->limit) is by results.  Returns 0,
 * or -1 (most likely a syntax error in p->fts: call again with plain
 * words). */
int pub_search(struct db *db, const struct search_params *p, struct search_total *total, search_hit_fn fn,
	       void *ctx);
/* An estimated count to two significant figures ("about 3200"), as pages
 * and the API show it, so that it does not look exact. */
void search_total_round(struct search_total *t);

#endif
