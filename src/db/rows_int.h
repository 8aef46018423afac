/* rows_int.h: column lists and fill functions shared by the db/ modules
 * that read meetings, items and files (never include outside src/db/).
 * A query selects COLS from tables aliased as the macros expect. */
#ifndef WITAN_ROWS_INT_H
#define WITAN_ROWS_INT_H

#include "db/db_int.h"
#include "db/public.h"

#define MEETING_COLS \
	"m.id, m.organization_id, m.location_id, m.minutes_approved_by, m.name, o.name," \
	" m.start_at, m.end_at, m.state, m.state_reason, m.webcast_url, m.agenda_status," \
	" m.agenda_published_at, m.minutes_status, m.minutes_published_at, m.minutes_approved_at," \
	" l.name, l.room, l.street_address, l.locality, l.postcode, m.modified, m.sequence," \
	" m.agenda_withdrawn_at, m.minutes_withdrawn_at"
#define MEETING_NCOLS 25  /* columns a query may select after MEETING_COLS start here */

void row_fill_meeting(sqlite3_stmt *s, struct meeting_row *r);

#define ITEM_COLS \
	"i.id, i.meeting_id, i.parent_id, i.paper_id, i.position, i.number, i.title, i.kind," \
	" i.exempt, i.exempt_paragraph, i.exempt_reason, i.description_html, i.minutes_html," \
	" i.decision_html"

void row_fill_item(sqlite3_stmt *s, struct item_row *r);

#define FILE_COLS \
	"f.id, f.title, f.filename, f.mime_type, f.sha256, f.size, f.page_count, l.role," \
	" l.agenda_item_id, f.modified, f.text_status, f.text_note"
#define ROLE_POS \
	"CASE l.role WHEN 'front_sheet' THEN 0 WHEN 'agenda_pack' THEN 1 WHEN 'supplement' THEN 2" \
	" WHEN 'report' THEN 3 WHEN 'appendix' THEN 4 WHEN 'background' THEN 5" \
	" WHEN 'minutes' THEN 6 ELSE 7 END"

void row_fill_file(sqlite3_stmt *s, struct file_row *r);

/* Start reading a list (the caller binds its parameters next): 0, or -1
 * with c->err set. */
int db_cursor_open(struct db *db, struct cursor *c, const char *sql);
/* Advance: 1 with a row, 0 at the end or on error (c->err, logged). */
int db_cursor_step(struct cursor *c);

#endif
