/* printed.h: the reads behind the printed minutes and decision notices
 * (web/printed.c), over the pub_* views only: an item's minutes and
 * decision as the clerk's Markdown, and the chair of a committee on a day. */
#ifndef WITAN_PRINTED_H
#define WITAN_PRINTED_H

#include <stdint.h>

#include "db/public.h"

/* An agenda item as printed minutes show it.  The Markdown is NULL until
 * the minutes are public, and always for an exempt item. */
struct printed_item_row {
	int64_t id;
	const char *number, *title;
	int exempt, exempt_paragraph;
	const char *minutes_md, *decision_md;
};

/* A meeting's items in agenda order. */
int pub_printed_items(struct db *db, int64_t meeting_id, struct cursor *c);
int cursor_next_printed_item(struct cursor *c, struct printed_item_row *r);

/* The name of the chair of committee org_id on day (YYYY-MM-DD): the
 * membership with role 'chair' current that day.  1 with *name (valid
 * until the next read), 0 (none), -1. */
int pub_chair_on(struct db *db, int64_t org_id, const char *day, const char **name);

/* A decision's Markdown and its public modified (see struct m_decision
 * for the rest): 1, 0 (not public), -1. */
struct printed_decision_row {
	const char *decision_md, *reasons_md, *alternatives_md, *modified;
};
int pub_printed_decision(struct db *db, int64_t id, struct printed_decision_row *r);

#endif
