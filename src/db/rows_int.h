/* rows_int.h: the column lists, and their tables (struct rcol), of the
 * rows of public.h that more than one db/ module selects: public.c over
 * the pub_* views, admin*.c over the tables and adm_* views, feeds.c
 * (never include outside src/db/).  A query selects COLS from tables
 * aliased as the macros expect, and reads them with the table. */
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
extern const struct rcol meeting_cols[];

#define ITEM_COLS \
	"i.id, i.meeting_id, i.parent_id, i.paper_id, i.position, i.number, i.title, i.kind," \
	" i.exempt, i.exempt_paragraph, i.exempt_reason, i.description_html, i.minutes_html," \
	" i.decision_html"
extern const struct rcol item_cols[];

#define FILE_COLS \
	"f.id, f.title, f.filename, f.mime_type, f.sha256, f.size, f.page_count, l.role," \
	" l.agenda_item_id, f.modified, f.text_status, f.text_note"
/* One file by itself (no link): the same columns. */
#define FILE_ONLY_COLS \
	"f.id, f.title, f.filename, f.mime_type, f.sha256, f.size, f.page_count," \
	" NULL, NULL, f.modified, f.text_status, f.text_note"
#define ROLE_POS \
	"CASE l.role WHEN 'front_sheet' THEN 0 WHEN 'agenda_pack' THEN 1 WHEN 'supplement' THEN 2" \
	" WHEN 'report' THEN 3 WHEN 'appendix' THEN 4 WHEN 'background' THEN 5" \
	" WHEN 'minutes' THEN 6 ELSE 7 END"
extern const struct rcol file_cols[];

/* Memberships: ms with its person p and organization o. */
#define MEMBER_COLS \
	"ms.id, ms.person_id, ms.organization_id, p.name, p.party, p.area, p.nominated_by," \
	" o.name, ms.role, ms.voting, ms.start_date, ms.end_date"
#define ROLE_ORDER \
	"CASE ms.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2" \
	" WHEN 'independent' THEN 3 WHEN 'co_opted' THEN 4 WHEN 'substitute' THEN 5 ELSE 6 END"
extern const struct rcol member_cols[];

/* Declarations: d with its person p, meeting m and item i (LEFT JOIN). */
#define DECL_COLS \
	"d.meeting_id, d.person_id, d.agenda_item_id, p.name, i.number, i.title, d.kind," \
	" d.description, d.left_room, m.name, m.start_at"
extern const struct rcol declaration_cols[];

/* Votes v; the recorded positions r with their person p. */
#define VOTE_COLS \
	"v.id, v.agenda_item_id, v.motion, v.result, v.votes_for, v.votes_against, v.abstentions, v.recorded"
extern const struct rcol vote_cols[];
#define VOTE_RECORD_COLS "r.person_id, p.name, r.position"
extern const struct rcol vote_record_cols[];

#endif
