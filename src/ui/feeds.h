/* feeds.h: the links pages show to the open-data feeds (Atom, api/feeds.c)
 * and calendars (iCalendar, api/ical.c), and the feeds' kinds, which the
 * feeds themselves read too. */
#ifndef WITAN_UI_FEEDS_H
#define WITAN_UI_FEEDS_H

#include <stdint.h>

#include "util/buf.h"

/* A kind of Atom feed: its ?kind= value (NULL: all three), the
 * db/feeds.h kinds it holds (FEED_*), the feed's title ("{name}: new
 * agendas") and its autodiscovery link's. */
struct feed_kind_def {
	const char *param;
	unsigned kinds;
	const char *title;
	const char *link_title;
};
#define FEED_NKINDS 4
/* All three first, then meetings, agendas, minutes. */
extern const struct feed_kind_def feed_kinds[FEED_NKINDS];

/* Autodiscovery <link>s for <head> (Atom feeds and iCalendar) of the whole
 * site (org_id 0) or of one committee; trusted markup for page_begin_head. */
void feed_head_links(struct buf *b, int64_t org_id);
/* The visible "Subscribe" paragraph of the meetings calendar (org_id 0),
 * a committee page, or a meeting page (meeting_id set). */
void feed_subscribe_links(struct buf *b, int64_t org_id, int64_t meeting_id);

/* "Get e-mail alerts" for what follow names (committee, person, issue
 * with its id; decisions, plan), as a paragraph (web/alerts.c). */
void feed_alert_link(struct buf *b, const char *follow, int64_t id, const char *label);

#endif
