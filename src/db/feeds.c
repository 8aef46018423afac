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
	return db_list(db, c, "SELECT " MEETING_COLS ", e.kind, e.updated, e.published FROM ("
			" SELECT 1 AS kind, m.modified AS updated, m.created AS published, m.id AS mid"
			"  FROM pub_meeting m WHERE (?2 & 1) <> 0 AND (?1 = 0 OR m.organization_id = ?1)"
			" UNION ALL"
			" SELECT 2, m.agenda_published_at, m.agenda_published_at, m.id"
			"  FROM pub_meeting m WHERE (?2 & 2) <> 0 AND (?1 = 0 OR m.organization_id = ?1)"
			"  AND m.agenda_status = 'published' AND m.agenda_published_at IS NOT NULL"
			" UNION ALL"
			" SELECT 4, COALESCE(m.minutes_approved_at, m.minutes_published_at),"
			"  COALESCE(m.minutes_published_at, m.minutes_approved_at), m.id"
			"  FROM pub_meeting m WHERE (?2 & 4) <> 0 AND (?1 = 0 OR m.organization_id = ?1)"
			"  AND m.minutes_status IN ('published','approved')"
			"  AND COALESCE(m.minutes_published_at, m.minutes_approved_at) IS NOT NULL"
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

int cursor_next_feed_entry(struct cursor *c, struct feed_entry_row *r)
{
	return db_cursor_next(c, feed_entry_cols, r);
}

/* --- sitemap ------------------------------------------------------------------ */

#define SITEMAP_ROWS \
	" SELECT 0 AS k, 0 AS a, 0 AS b, (SELECT max(modified) FROM pub_meeting) AS lastmod" \
	" UNION ALL SELECT 0, 1, 0, (SELECT max(modified) FROM pub_organization)" \
	" UNION ALL SELECT 0, 2, 0, (SELECT max(modified) FROM pub_meeting)" \
	" UNION ALL SELECT 0, 3, 0, (SELECT max(modified) FROM pub_person)" \
	" UNION ALL SELECT 1, o.id, 0, o.modified FROM pub_organization o" \
	" UNION ALL SELECT 2, m.id, 0, m.modified FROM pub_meeting m" \
	" UNION ALL SELECT 3, i.meeting_id, i.id, i.modified FROM pub_agenda_item i" \
	" UNION ALL SELECT 4, p.id, 0, p.modified FROM pub_person p" \
	" UNION ALL SELECT 5, pa.id, 0, pa.modified FROM pub_paper pa" \
	" UNION ALL SELECT 0, 4, 0, (SELECT max(modified) FROM pub_decision)" \
	" UNION ALL SELECT 0, 5, 0, (SELECT max(modified) FROM pub_plan_entry)" \
	" UNION ALL SELECT 6, dc.id, 0, dc.modified FROM pub_decision dc"

int feed_sitemap_count(struct db *db, int64_t *n)
{
	/* (Counted view by view: counting the union would look up every
	 * row's modified in the publication record.) */
	return db_int_of(db, "SELECT 6 + (SELECT count(*) FROM pub_organization)"
			 " + (SELECT count(*) FROM pub_meeting) + (SELECT count(*) FROM pub_agenda_item)"
			 " + (SELECT count(*) FROM pub_person) + (SELECT count(*) FROM pub_paper)"
			 " + (SELECT count(*) FROM pub_decision)", NULL, n) == 1 ? 0 : -1;
}

int feed_sitemap(struct db *db, int64_t offset, int64_t limit, struct cursor *c)
{
	return db_list(db, c, "SELECT k, a, b, lastmod FROM (" SITEMAP_ROWS ") ORDER BY k, a, b LIMIT ?1 OFFSET ?2",
		       DB_ARGS(v_int(limit), v_int(offset)));
}

static const struct rcol sitemap_cols[] = {
	RCOL(struct sitemap_row, kind), RCOL(struct sitemap_row, id), RCOL(struct sitemap_row, id2),
	RCOL(struct sitemap_row, lastmod), RCOL_END
};

int cursor_next_sitemap(struct cursor *c, struct sitemap_row *r)
{
	return db_cursor_next(c, sitemap_cols, r);
}
