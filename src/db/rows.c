/* rows.c: filling the row structs of public.h from statements, shared by
 * public.c (pub_* views) and admin.c (adm_* views), which select the same
 * column lists (rows_int.h). */
#include "db/rows_int.h"

#include <stdio.h>

#include "util/banned.h"

void row_fill_meeting(sqlite3_stmt *s, struct meeting_row *r)
{
	r->id = col_int(s, 0);
	r->organization_id = col_int(s, 1);
	r->location_id = col_int(s, 2);
	r->minutes_approved_by = col_int(s, 3);
	r->name = col_text(s, 4);
	r->organization_name = col_text(s, 5);
	r->start_at = col_text(s, 6);
	r->end_at = col_text(s, 7);
	r->state = col_text(s, 8);
	r->state_reason = col_text(s, 9);
	r->webcast_url = col_text(s, 10);
	r->agenda_status = col_text(s, 11);
	r->agenda_published_at = col_text(s, 12);
	r->minutes_status = col_text(s, 13);
	r->minutes_published_at = col_text(s, 14);
	r->minutes_approved_at = col_text(s, 15);
	r->location_name = col_text(s, 16);
	r->location_room = col_text(s, 17);
	r->location_street = col_text(s, 18);
	r->location_locality = col_text(s, 19);
	r->location_postcode = col_text(s, 20);
	r->modified = col_text(s, 21);
	r->sequence = col_int(s, 22);
	r->agenda_withdrawn_at = col_text(s, 23);
	r->minutes_withdrawn_at = col_text(s, 24);
}

void row_fill_item(sqlite3_stmt *s, struct item_row *r)
{
	r->id = col_int(s, 0);
	r->meeting_id = col_int(s, 1);
	r->parent_id = col_int(s, 2);
	r->paper_id = col_int(s, 3);
	r->position = (int)col_int(s, 4);
	r->number = col_text(s, 5);
	r->title = col_text(s, 6);
	r->kind = col_text(s, 7);
	r->exempt = (int)col_int(s, 8);
	r->exempt_paragraph = (int)col_int(s, 9);
	r->exempt_reason = col_text(s, 10);
	r->description_html = col_text(s, 11);
	r->minutes_html = col_text(s, 12);
	r->decision_html = col_text(s, 13);
}

void row_fill_file(sqlite3_stmt *s, struct file_row *r)
{
	r->id = col_int(s, 0);
	r->title = col_text(s, 1);
	r->filename = col_text(s, 2);
	r->mime_type = col_text(s, 3);
	r->sha256 = col_text(s, 4);
	r->size = col_int(s, 5);
	r->page_count = (int)col_int(s, 6);
	r->role = col_text(s, 7);
	r->agenda_item_id = col_int(s, 8);
	r->modified = col_text(s, 9);
	r->text_status = col_text(s, 10);
	r->text_note = col_text(s, 11);
}


int db_cursor_open(struct db *db, struct cursor *c, const char *sql)
{
	c->db = db;
	c->err = 0;
	c->s = db_stmt(db, sql);
	if (!c->s) {
		c->err = 1;
		return -1;
	}
	return 0;
}

int db_cursor_step(struct cursor *c)
{
	int rc;

	if (!c->s)
		return 0;
	rc = sqlite3_step(c->s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE) {
		c->err = 1;
		db_fail(c->db, "query");
		fprintf(stderr, "witan: %s\n", c->db->err);
	}
	sqlite3_reset(c->s);
	c->s = NULL;
	return 0;
}
