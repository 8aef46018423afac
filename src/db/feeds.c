/* feeds.c: queries for calendars, feeds and the sitemap (see feeds.h).
 * Only pub_* views, like public.c. */
#include "db/feeds.h"

#include <string.h>

#include "db/db_int.h"
#include "db/rows_int.h"
#include "util/banned.h"

#define FEED_MEETING_FROM \
	" FROM pub_meeting m JOIN pub_organization o ON o.id = m.organization_id" \
	" LEFT JOIN pub_location l ON l.id = m.location_id"

/* --- calendars ------------------------------------------------------------ */

int feed_calendar(struct db *db, int64_t org_id, const char *from, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEETING_COLS FEED_MEETING_FROM
		       " WHERE (?1 = 0 OR m.organization_id = ?1) AND (?2 IS NULL OR m.start_at >= ?2)"
		       " ORDER BY m.start_at, m.id", DB_ARGS(v_int(org_id), v_text(from)));
}

/* --- feeds ------------------------------------------------------------------ */

/* One row per event: a meeting's announcement (updated when it changes),
 * its agenda's publication, its minutes' publication (updated when they
 * are approved).  ?1: organization or 0, ?2: FEED_* bits, ?3: limit. */
int feed_entries(struct db *db, int64_t org_id, unsigned kinds, int limit, struct cursor *c)
{
	/* Each kind's newest first, at most limit of each, then merged: the
	 * announcements from the publication record by its (entity,
	 * modified) index (a meeting's modified is its last public change),
	 * so that the site's feed of 20,000 meetings does not sort them all
	 * three times (190 ms; now about 20). */
	return db_list(db, c, "SELECT " MEETING_COLS ", e.kind, e.updated, e.published FROM ("
			" SELECT * FROM (SELECT 1 AS kind, r.modified AS updated, r.created AS published, r.id AS mid"
			"  FROM pub_record r WHERE (?2 & 1) <> 0 AND r.entity = 'meeting' AND r.public"
			"  AND EXISTS (SELECT 1 FROM pub_meeting v WHERE v.id = r.id"
			"   AND (?1 = 0 OR v.organization_id = ?1)) ORDER BY r.modified DESC LIMIT ?3)"
			" UNION ALL"
			" SELECT * FROM (SELECT 2, m.agenda_published_at, m.agenda_published_at, m.id"
			"  FROM pub_meeting m WHERE (?2 & 2) <> 0 AND (?1 = 0 OR m.organization_id = ?1)"
			"  AND m.agenda_status = 'published' AND m.agenda_published_at IS NOT NULL"
			"  ORDER BY 2 DESC LIMIT ?3)"
			" UNION ALL"
			" SELECT * FROM (SELECT 4, COALESCE(m.minutes_approved_at, m.minutes_published_at),"
			"  COALESCE(m.minutes_published_at, m.minutes_approved_at), m.id"
			"  FROM pub_meeting m WHERE (?2 & 4) <> 0 AND (?1 = 0 OR m.organization_id = ?1)"
			"  AND m.minutes_status IN ('published','approved')"
			"  AND COALESCE(m.minutes_published_at, m.minutes_approved_at) IS NOT NULL"
			"  ORDER BY 2 DESC LIMIT ?3)"
			") e JOIN pub_meeting m ON m.id = e.mid"
			" JOIN pub_organization o ON o.id = m.organization_id"
			" LEFT JOIN pub_location l ON l.id = m.location_id"
			" ORDER BY e.updated DESC, e.kind DESC, m.id DESC LIMIT ?3",
			DB_ARGS(v_int(org_id), v_int((int)kinds), v_int(limit)));
}

/* MEETING_COLS, then the event's. */
static const struct rcol feed_entry_cols[] = {
	RSUB(struct feed_entry_row, m, meeting_cols), RCOL(struct feed_entry_row, kind),
	RCOL(struct feed_entry_row, updated), RCOL(struct feed_entry_row, published), RCOL_END
};

DB_CURSOR_READER(cursor_next_feed_entry, feed_entry_row, feed_entry_cols)

/* --- sitemap ------------------------------------------------------------------ */

/* The sitemap: the six index pages, then every public committee, meeting,
 * agenda item, person, issue (paper) and decision, read from the
 * publication record (pub_record: one row per public object with its
 * last public change), in its order (entity, id).  Reading the six views
 * instead, and sorting their union for every file of 50,000, took 0.75 s
 * a file for 220,000 URLs. */
#define SITEMAP_ENTITIES "('organization','meeting','agenda_item','person','paper','decision')"
#define LASTMOD(e) "(SELECT max(modified) FROM pub_record WHERE entity = '" e "' AND public)"

int feed_sitemap_count(struct db *db, int64_t *n)
{
	return db_int_of(db, "SELECT 6 + count(*) FROM pub_record WHERE public AND entity IN " SITEMAP_ENTITIES,
			 NULL, n) == 1 ? 0 : -1;
}

int feed_sitemap(struct db *db, int64_t offset, int64_t limit, struct cursor *c)
{
	/* The index pages are rows 0 to 5; the objects follow. */
	int64_t index = offset < 6 ? 6 - offset : 0;

	if (index > limit)
		index = limit;
	return db_list(db, c,
		       "SELECT k, a, b, lastmod FROM ("
		       " SELECT 0 AS k, 0 AS a, 0 AS b, " LASTMOD("meeting") " AS lastmod"
		       " UNION ALL SELECT 0, 1, 0, " LASTMOD("organization")
		       " UNION ALL SELECT 0, 2, 0, " LASTMOD("meeting")
		       " UNION ALL SELECT 0, 3, 0, " LASTMOD("person")
		       " UNION ALL SELECT 0, 4, 0, " LASTMOD("decision")
		       " UNION ALL SELECT 0, 5, 0, " LASTMOD("plan_entry") ") WHERE a >= 6 - ?3"
		       " UNION ALL SELECT * FROM (SELECT CASE r.entity WHEN 'organization' THEN 1 WHEN 'meeting' THEN 2"
		       "  WHEN 'agenda_item' THEN 3 WHEN 'person' THEN 4 WHEN 'paper' THEN 5 ELSE 6 END AS k,"
		       "  CASE WHEN r.entity = 'agenda_item' THEN (SELECT i.meeting_id FROM pub_agenda_item i"
		       "   WHERE i.id = r.id) ELSE r.id END AS a,"
		       "  CASE WHEN r.entity = 'agenda_item' THEN r.id ELSE 0 END, r.modified"
		       " FROM (SELECT entity, id, modified FROM pub_record WHERE public AND entity IN " SITEMAP_ENTITIES
		       "  ORDER BY entity, id LIMIT ?1 OFFSET ?2) r"
		       /* Each still in its view: the record follows the views at
			* every commit of witan's, but not a change made to the
			* file by other means until witan's next one.  (An item's
			* meeting is NULL when the item is not in its view.) */
		       " WHERE CASE r.entity WHEN 'agenda_item' THEN 1 = 1"
		       "  WHEN 'organization' THEN EXISTS (SELECT 1 FROM pub_organization v WHERE v.id = r.id)"
		       "  WHEN 'meeting' THEN EXISTS (SELECT 1 FROM pub_meeting v WHERE v.id = r.id)"
		       "  WHEN 'person' THEN EXISTS (SELECT 1 FROM pub_person v WHERE v.id = r.id)"
		       "  WHEN 'paper' THEN EXISTS (SELECT 1 FROM pub_paper v WHERE v.id = r.id)"
		       "  ELSE EXISTS (SELECT 1 FROM pub_decision v WHERE v.id = r.id) END) WHERE a IS NOT NULL",
		       DB_ARGS(v_int(limit - index), v_int(offset > 6 ? offset - 6 : 0), v_int(index)));
}

static const struct rcol sitemap_cols[] = {
	RCOL(struct sitemap_row, kind), RCOL(struct sitemap_row, id), RCOL(struct sitemap_row, id2),
	RCOL(struct sitemap_row, lastmod), RCOL_END
};

DB_CURSOR_READER(cursor_next_sitemap, sitemap_row, sitemap_cols)
