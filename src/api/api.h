/* api.h: the open-data surfaces for other software: calendars
 * (iCalendar, ical.c), Atom feeds and the sitemap (feeds.c).  Handlers
 * read the record only through db/feeds.h and db/public.h (the pub_*
 * views) and write only through the format writers (util/ical, util/xml,
 * util/json).  URLs are in docs/API.md.  The links pages show to them are
 * ui/feeds.c's; the schema.org JSON-LD of meeting pages is the public
 * site's (web/jsonld.c). */
#ifndef WITAN_API_H
#define WITAN_API_H

#include "http/req.h"

/* --- ical.c: iCalendar (RFC 5545) -------------------------------------- */
int page_ical_all(struct req *r);        /* /calendar.ics */
int page_ical_committee(struct req *r);  /* /committees/{id}.ics */
int page_ical_meeting(struct req *r);    /* /meetings/{id}.ics */
int page_ical_forward_plan(struct req *r); /* /forward-plan.ics: a key decision a day-long event */

/* The host of the base URL (no scheme, port or path), for UIDs. */
void base_url_host(const char *base_url, struct buf *out);

/* --- feeds.c: Atom (RFC 4287) and the sitemap ------------------------- */
int page_atom_site(struct req *r);       /* /feeds/meetings.atom?kind= */
int page_atom_committee(struct req *r);  /* /committees/{id}/feed.atom?kind= */
int page_atom_forward_plan(struct req *r); /* /forward-plan.atom: new notices of key decisions */
int page_sitemap(struct req *r);         /* /sitemap.xml */
int page_sitemap_part(struct req *r);    /* /sitemaps/{id}.xml */
/* At most this many URLs in one sitemap file (the protocol allows
 * 50,000; a file of 10,000 is about 1 MB and answers in about 50 ms
 * uncached): beyond it /sitemap.xml is a sitemap index of
 * /sitemaps/{n}.xml. */
#define SITEMAP_MAX_URLS 10000

#endif
