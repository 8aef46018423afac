/* feeds.h: the reads behind the calendars (iCalendar), the Atom feeds and
 * the sitemap.  Like public.h, every query here reads only the pub_* views
 * (nothing exempt, draft or unpublished can come out), and rows point into
 * the database's memory until the cursor's next step. */
#ifndef WITAN_FEEDS_H
#define WITAN_FEEDS_H

#include <stdint.h>

#include "db/public.h"

/* Public meetings for a calendar, by start: all of them (org_id 0) or one
 * organization's, starting on or after the day from ('YYYY-MM-DD'; NULL:
 * since the first).  Read with cursor_next_meeting(). */
int feed_calendar(struct db *db, int64_t org_id, const char *from, struct cursor *c);

/* What a feed entry announces. */
enum feed_kind {
	FEED_MEETING = 1,   /* a meeting was announced (or changed) */
	FEED_AGENDA = 2,    /* its agenda was published */
	FEED_MINUTES = 4,   /* its minutes were published (or approved) */
};
#define FEED_ALL (FEED_MEETING | FEED_AGENDA | FEED_MINUTES)

struct feed_entry_row {
	enum feed_kind kind;
	const char *updated;     /* UTC 'YYYY-MM-DDTHH:MM:SSZ' */
	const char *published;   /* UTC, when the event first happened */
	struct meeting_row m;
};

/* The latest events of the kinds in `kinds` (FEED_* bits), newest first,
 * at most limit: all organizations (org_id 0) or one. */
int feed_entries(struct db *db, int64_t org_id, unsigned kinds, int limit, struct cursor *c);
int cursor_next_feed_entry(struct cursor *c, struct feed_entry_row *r);

/* Sitemap rows: the public pages, in a stable order (index pages, then
 * committees, meetings, agenda items, people, papers, decisions, each by
 * id). */
enum sitemap_kind {
	SITEMAP_INDEX_PAGE = 0,  /* id: 0 /, 1 /committees, 2 /meetings, 3 /people, 4 /decisions,
				    5 /forward-plan */
	SITEMAP_COMMITTEE = 1,
	SITEMAP_MEETING = 2,
	SITEMAP_ITEM = 3,        /* id: the meeting, id2: the item */
	SITEMAP_PERSON = 4,
	SITEMAP_ISSUE = 5,       /* a paper: /issues/{id} */
	SITEMAP_DECISION = 6,    /* a decision record: /decisions/{id} */
};

struct sitemap_row {
	enum sitemap_kind kind;
	int64_t id, id2;
	const char *lastmod;     /* UTC 'YYYY-MM-DDTHH:MM:SSZ', or NULL */
};

/* How many rows feed_sitemap() would give in all: 0, or -1. */
int feed_sitemap_count(struct db *db, int64_t *n);
/* Rows offset .. offset+limit-1. */
int feed_sitemap(struct db *db, int64_t offset, int64_t limit, struct cursor *c);
int cursor_next_sitemap(struct cursor *c, struct sitemap_row *r);

#endif
