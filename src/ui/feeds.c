/* feeds.c: the links pages show to the Atom feeds and calendars of
 * api/feeds.c and api/ical.c, and the feeds' kinds (see feeds.h). */
#include "ui/feeds.h"

#include <stdio.h>

#include "db/feeds.h"
#include "ui/html.h"
#include "util/banned.h"

const struct feed_kind_def feed_kinds[FEED_NKINDS] = {
	{ NULL, FEED_ALL, "new meetings, agendas and minutes", "New meetings, agendas and minutes (Atom)" },
	{ "meetings", FEED_MEETING, "new meetings", "New meetings (Atom)" },
	{ "agendas", FEED_AGENDA, "new agendas", "New agendas (Atom)" },
	{ "minutes", FEED_MINUTES, "new minutes", "New minutes (Atom)" },
};

void feed_head_links(struct buf *b, int64_t org_id)
{
	char base[48];

	if (org_id)
		snprintf(base, sizeof(base), "/committees/%lld/feed.atom", (long long)org_id);
	else
		snprintf(base, sizeof(base), "/feeds/meetings.atom");
	for (size_t k = 0; k < sizeof(feed_kinds) / sizeof(feed_kinds[0]); k++) {
		html_fmt(b, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" href=\"%s",
			 feed_kinds[k].link_title, base);
		if (feed_kinds[k].param)
			html_fmt(b, "?kind=%s", feed_kinds[k].param);
		buf_puts(b, "\">\n");
	}
	if (org_id)
		html_fmt(b, "<link rel=\"alternate\" type=\"text/calendar\" title=\"Calendar of this committee's meetings\" "
			 "href=\"/committees/%l.ics\">\n", org_id);
	else
		buf_puts(b, "<link rel=\"alternate\" type=\"text/calendar\" title=\"Calendar of all meetings\" "
			    "href=\"/calendar.ics\">\n");
}

void feed_subscribe_links(struct buf *b, int64_t org_id, int64_t meeting_id)
{
	char feed[48];

	if (meeting_id) {
		html_fmt(b, "<p class=\"subscribe\"><a href=\"/meetings/%l.ics\">Add this meeting to your calendar (iCal)</a>"
			 " · <a href=\"/committees/%l.ics\">Subscribe (iCal) to this committee's meetings</a></p>\n",
			 meeting_id, org_id);
		return;
	}
	if (org_id) {
		snprintf(feed, sizeof(feed), "/committees/%lld/feed.atom", (long long)org_id);
		html_fmt(b, "<p class=\"subscribe\"><a href=\"/alerts?follow=committee&amp;id=%l\">Get e-mail alerts</a>"
			 " · <a href=\"/committees/%l.ics\">Subscribe (iCal) to this committee's meetings</a>", org_id, org_id);
	} else {
		snprintf(feed, sizeof(feed), "/feeds/meetings.atom");
		buf_puts(b, "<p class=\"subscribe\"><a href=\"/calendar.ics\">Subscribe (iCal) to all meetings</a>");
	}
	html_fmt(b, " · Atom feeds: <a href=\"%s?kind=agendas\">new agendas</a>, "
		 "<a href=\"%s?kind=minutes\">new minutes</a>, <a href=\"%s?kind=meetings\">new meetings</a>, "
		 "<a href=\"%s\">all three</a></p>\n", feed, feed, feed, feed);
}

void feed_alert_link(struct buf *b, const char *follow, int64_t id, const char *label)
{
	if (id)
		html_fmt(b, "<p class=\"subscribe\"><a href=\"/alerts?follow=%u&amp;id=%l\">%s</a></p>\n", follow, id, label);
	else
		html_fmt(b, "<p class=\"subscribe\"><a href=\"/alerts?follow=%u\">%s</a></p>\n", follow, label);
}
