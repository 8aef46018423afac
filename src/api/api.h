/* api.h: the open-data surfaces for other software: calendars
 * (iCalendar, ical.c), Atom feeds and the sitemap (feeds.c), schema.org
 * JSON-LD for meeting pages (jsonld.c).  Handlers read the record only
 * through db/feeds.h and db/public.h (the pub_* views) and write only
 * through the format writers (util/ical, util/xml, util/json).  URLs are
 * in docs/API.md. */
#ifndef WITAN_API_H
#define WITAN_API_H

#include <stdint.h>

#include "http/req.h"

struct meeting_row;

/* --- ical.c: iCalendar (RFC 5545) -------------------------------------- */
int page_ical_all(struct req *r);        /* /calendar.ics */
int page_ical_committee(struct req *r);  /* /committees/{id}.ics */
int page_ical_meeting(struct req *r);    /* /meetings/{id}.ics */

/* A meeting without an end time is shown as lasting this long. */
#define MEETING_DEFAULT_MINUTES 120
/* The meeting's end as local 'YYYY-MM-DD HH:MM' (out holds 17 bytes): its
 * end_at if later than its start, else the start plus the default. */
void meeting_end_local(const struct meeting_row *m, char out[17]);
/* The host of the base URL (no scheme, port or path), for UIDs. */
void base_url_host(const char *base_url, struct buf *out);

/* --- feeds.c: Atom (RFC 4287) and the sitemap ------------------------- */
int page_atom_site(struct req *r);       /* /feeds/meetings.atom?kind= */
int page_atom_committee(struct req *r);  /* /committees/{id}/feed.atom?kind= */
int page_sitemap(struct req *r);         /* /sitemap.xml */
int page_sitemap_part(struct req *r);    /* /sitemaps/{id}.xml */
/* At most this many URLs in one sitemap file (the protocol's limit):
 * beyond it /sitemap.xml is a sitemap index of /sitemaps/{n}.xml. */
#define SITEMAP_MAX_URLS 50000

/* Autodiscovery <link>s for <head> (Atom feeds and iCalendar) of the whole
 * site (org_id 0) or of one committee; trusted markup for page_begin_head. */
void feed_head_links(struct buf *b, int64_t org_id);
/* The visible "Subscribe" paragraph of the meetings calendar (org_id 0),
 * a committee page, or a meeting page (meeting_id set). */
void feed_subscribe_links(struct buf *b, int64_t org_id, int64_t meeting_id);

/* --- jsonld.c: schema.org Event ----------------------------------------- */
/* A <script type="application/ld+json"> describing the meeting. */
void jsonld_meeting(struct buf *b, const struct req *r, const struct meeting_row *m);

#endif
