/* record.c: creating rows of the record (see record.h). */
#include "db/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "util/markdown.h"
#include "util/banned.h"

/* Step an INSERT and return the new rowid, or -1. */
static int64_t insert(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		db_fail(db, what);
		return -1;
	}
	return sqlite3_last_insert_rowid(db->h);
}


int db_bind_md(sqlite3_stmt *s, int i, const char *md)
{
	char *html;

	if (!md || !*md) {
		sqlite3_bind_null(s, i);
		return sqlite3_bind_null(s, i + 1);
	}
	if (!(html = markdown_to_html(md, strlen(md))))
		return SQLITE_NOMEM;
	bind_text(s, i, md);
	return sqlite3_bind_text(s, i + 1, html, -1, free);
}

int64_t db_body_create(struct db *db, const struct body_new *b)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO body(name, short_name, website, email, phone, address, colour_primary,"
		" colour_accent, logo_svg, region, notice_clear_days)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(?7, '#1d4f73'), COALESCE(?8, '#ffdd00'),"
		" ?9, COALESCE(?10, 'england'), ?11)");
	if (!s)
		return -1;
	bind_text(s, 1, b->name);
	bind_text(s, 2, b->short_name);
	bind_text(s, 3, b->website);
	bind_text(s, 4, b->email);
	bind_text(s, 5, b->phone);
	bind_text(s, 6, b->address);
	bind_text(s, 7, b->colour_primary);
	bind_text(s, 8, b->colour_accent);
	bind_text(s, 9, b->logo_svg);
	bind_text(s, 10, b->region);
	sqlite3_bind_int(s, 11, b->notice_clear_days ? b->notice_clear_days : 5);
	return insert(db, s, "creating body");
}

int db_body_update(struct db *db, const struct body_settings *b)
{
	sqlite3_stmt *s = db_stmt(db,
		"UPDATE body SET name = COALESCE(?1, name), short_name = COALESCE(?2, short_name),"
		" colour_primary = COALESCE(?3, colour_primary), colour_accent = COALESCE(?4, colour_accent),"
		" logo_svg = COALESCE(?5, logo_svg), email = COALESCE(?6, email),"
		" phone = COALESCE(?7, phone), address = COALESCE(?8, address),"
		" website = COALESCE(?9, website),"
		" license = CASE WHEN ?11 THEN NULL ELSE COALESCE(?10, license) END"
		" WHERE id = (SELECT min(id) FROM body WHERE deleted = 0)");
	if (!s)
		return -1;
	bind_text(s, 1, b->name);
	bind_text(s, 2, b->short_name);
	bind_text(s, 3, b->colour_primary);
	bind_text(s, 4, b->colour_accent);
	bind_text(s, 5, b->logo_svg);
	bind_text(s, 6, b->email);
	bind_text(s, 7, b->phone);
	bind_text(s, 8, b->address);
	bind_text(s, 9, b->website);
	bind_text(s, 10, b->license);
	sqlite3_bind_int(s, 11, b->license_default != 0);
	if (db_exec_stmt(db, s) < 0)
		return -1;
	if (sqlite3_changes(db->h) == 0) {
		snprintf(db->err, sizeof(db->err), "there is no body yet: create one with init");
		return -1;
	}
	return 0;
}

int64_t db_term_create(struct db *db, const struct term_new *t)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO legislative_term(body_id, name, start_date, end_date) VALUES (?1, ?2, ?3, ?4)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, t->body_id);
	bind_text(s, 2, t->name);
	bind_text(s, 3, t->start_date);
	bind_text(s, 4, t->end_date);
	return insert(db, s, "creating legislative term");
}

int64_t db_org_create(struct db *db, const struct org_new *o)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO organization(body_id, parent_id, name, short_name, kind, purpose_md,"
		" purpose_html, start_date, end_date, website)"
		" VALUES (?1, ?2, ?3, ?4, COALESCE(?5, 'committee'), ?6, ?7, ?8, ?9, ?10)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, o->body_id);
	bind_id(s, 2, o->parent_id);
	bind_text(s, 3, o->name);
	bind_text(s, 4, o->short_name);
	bind_text(s, 5, o->kind);
	if (db_bind_md(s, 6, o->purpose_md) != SQLITE_OK)
		return db_fail(db, "rendering purpose");
	bind_text(s, 8, o->start_date);
	bind_text(s, 9, o->end_date);
	bind_text(s, 10, o->website);
	return insert(db, s, "creating organization");
}

int64_t db_person_create(struct db *db, const struct person_new *p)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO person(body_id, name, honorific, given_name, family_name, party, area,"
		" nominated_by, email, phone, bio_md, bio_html)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, p->body_id);
	bind_text(s, 2, p->name);
	bind_text(s, 3, p->honorific);
	bind_text(s, 4, p->given_name);
	bind_text(s, 5, p->family_name);
	bind_text(s, 6, p->party);
	bind_text(s, 7, p->area);
	bind_text(s, 8, p->nominated_by);
	bind_text(s, 9, p->email);
	bind_text(s, 10, p->phone);
	if (db_bind_md(s, 11, p->bio_md) != SQLITE_OK)
		return db_fail(db, "rendering biography");
	return insert(db, s, "creating person");
}

int64_t db_membership_create(struct db *db, const struct membership_new *m)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO membership(person_id, organization_id, role, voting, start_date, end_date)"
		" VALUES (?1, ?2, COALESCE(?3, 'member'), ?4, ?5, ?6)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, m->person_id);
	sqlite3_bind_int64(s, 2, m->organization_id);
	bind_text(s, 3, m->role);
	sqlite3_bind_int(s, 4, !m->non_voting);
	bind_text(s, 5, m->start_date);
	bind_text(s, 6, m->end_date);
	return insert(db, s, "creating membership");
}

int64_t db_location_create(struct db *db, const struct location_new *l)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO location(body_id, name, room, street_address, locality, postcode, description)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, l->body_id);
	bind_text(s, 2, l->name);
	bind_text(s, 3, l->room);
	bind_text(s, 4, l->street_address);
	bind_text(s, 5, l->locality);
	bind_text(s, 6, l->postcode);
	bind_text(s, 7, l->description);
	return insert(db, s, "creating location");
}

int64_t db_meeting_create(struct db *db, const struct meeting_new *m)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO meeting(organization_id, location_id, name, start_at, end_at, state,"
		" state_reason, webcast_url, published, agenda_status, agenda_published_at,"
		" minutes_status, minutes_published_at, minutes_approved_at, minutes_approved_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'scheduled'), ?7, ?8, ?9,"
		" CASE WHEN ?10 IS NULL THEN 'draft' ELSE 'published' END, ?10,"
		" COALESCE(?11, 'none'), ?12, ?13, ?14)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, m->organization_id);
	bind_id(s, 2, m->location_id);
	bind_text(s, 3, m->name);
	bind_text(s, 4, m->start_at);
	bind_text(s, 5, m->end_at);
	bind_text(s, 6, m->state);
	bind_text(s, 7, m->state_reason);
	bind_text(s, 8, m->webcast_url);
	sqlite3_bind_int(s, 9, !m->unpublished);
	bind_text(s, 10, m->agenda_published_at);
	bind_text(s, 11, m->minutes_status);
	bind_text(s, 12, m->minutes_published_at);
	bind_text(s, 13, m->minutes_approved_at);
	bind_id(s, 14, m->minutes_approved_by);
	return insert(db, s, "creating meeting");
}

int64_t db_paper_create(struct db *db, const struct paper_new *p)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO paper(body_id, reference, title, kind, key_decision, decision_maker_id,"
		" forward_plan_date, public, description_md, description_html)"
		" VALUES (?1, ?2, ?3, COALESCE(?4, 'report'), ?5, ?6, ?7, ?8, ?9, ?10)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, p->body_id);
	bind_text(s, 2, p->reference);
	bind_text(s, 3, p->title);
	bind_text(s, 4, p->kind);
	sqlite3_bind_int(s, 5, p->key_decision);
	bind_id(s, 6, p->decision_maker_id);
	bind_text(s, 7, p->forward_plan_date);
	sqlite3_bind_int(s, 8, !p->confidential);
	if (db_bind_md(s, 9, p->description_md) != SQLITE_OK)
		return db_fail(db, "rendering description");
	return insert(db, s, "creating paper");
}

int64_t db_item_create(struct db *db, const struct item_new *i)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO agenda_item(meeting_id, parent_id, position, number, title, kind, exempt,"
		" exempt_paragraph, exempt_reason, paper_id, description_md, description_html,"
		" minutes_md, minutes_html, decision_md, decision_html)"
		" VALUES (?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'item'), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, i->meeting_id);
	bind_id(s, 2, i->parent_id);
	sqlite3_bind_int(s, 3, i->position);
	bind_text(s, 4, i->number);
	bind_text(s, 5, i->title);
	bind_text(s, 6, i->kind);
	sqlite3_bind_int(s, 7, i->exempt != 0);
	if (i->exempt_paragraph)
		sqlite3_bind_int(s, 8, i->exempt_paragraph);
	bind_text(s, 9, i->exempt_reason);
	bind_id(s, 10, i->paper_id);
	if (db_bind_md(s, 11, i->description_md) != SQLITE_OK ||
	    db_bind_md(s, 13, i->minutes_md) != SQLITE_OK ||
	    db_bind_md(s, 15, i->decision_md) != SQLITE_OK)
		return db_fail(db, "rendering item text");
	return insert(db, s, "creating agenda item");
}

int64_t db_consultation_create(struct db *db, const struct consultation_new *c)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO consultation(paper_id, meeting_id, agenda_item_id, organization_id,"
		" authoritative, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->paper_id);
	bind_id(s, 2, c->meeting_id);
	bind_id(s, 3, c->agenda_item_id);
	bind_id(s, 4, c->organization_id);
	sqlite3_bind_int(s, 5, c->authoritative);
	bind_text(s, 6, c->role);
	return insert(db, s, "creating consultation");
}

int64_t db_file_create(struct db *db, const struct file_new *f)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO file(title, filename, mime_type, size, sha256, page_count)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!s)
		return -1;
	bind_text(s, 1, f->title);
	bind_text(s, 2, f->filename);
	bind_text(s, 3, f->mime_type);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)f->size);
	bind_text(s, 5, f->sha256);
	bind_id(s, 6, f->page_count);
	return insert(db, s, "creating file");
}

int db_file_page_add(struct db *db, int64_t file_id, int page, const char *text)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT OR REPLACE INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_int(s, 2, page);
	bind_text(s, 3, text ? text : "");
	return insert(db, s, "storing page text") < 0 ? -1 : 0;
}

int db_file_text_done(struct db *db, int64_t file_id, int page_count, const char *status)
{
	sqlite3_stmt *s = db_stmt(db,
		"UPDATE file SET page_count = COALESCE(?2, page_count), text_status = ?3 WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, file_id);
	bind_id(s, 2, page_count);
	bind_text(s, 3, status);
	return db_exec_stmt(db, s);
}

int db_file_next_pending(struct db *db, int64_t after, struct pending_file *f)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT id, sha256, mime_type FROM file"
				  " WHERE text_status = 'pending' AND id > ?1 ORDER BY id LIMIT 1");
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, after);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		f->id = col_int(s, 0);
		snprintf(f->sha256, sizeof(f->sha256), "%s", col_text(s, 1));
		snprintf(f->mime_type, sizeof(f->mime_type), "%s", col_text(s, 2));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(db->err, sizeof(db->err), "pending documents: %s", sqlite3_errmsg(db->h));
	return -1;
}

long db_file_pending_count(struct db *db)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM file WHERE text_status = 'pending'");
	long n = -1;

	if (!s)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int db_file_text_store(struct db *db, int64_t file_id, const struct page_text *pages, int npages,
		       const char *status, const char *note)
{
	sqlite3_stmt *s;

	if (db_begin(db) < 0)
		return -1;
	s = db_stmt(db, "SELECT 1 FROM file WHERE id = ?1 AND text_status = 'pending'");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, file_id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		db_rollback(db);
		return 0; /* done meanwhile by another process */
	}
	sqlite3_reset(s);
	s = db_stmt(db, "DELETE FROM file_page WHERE file_id = ?1");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, file_id);
	if (db_exec_stmt(db, s) < 0)
		goto fail;
	for (int i = 0; i < npages; i++) {
		s = db_stmt(db, "INSERT INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)");
		if (!s)
			goto fail;
		sqlite3_bind_int64(s, 1, file_id);
		sqlite3_bind_int(s, 2, i + 1);
		sqlite3_bind_text(s, 3, pages[i].text ? pages[i].text : "", pages[i].text ? (int)pages[i].len : 0,
				  SQLITE_STATIC);
		if (db_exec_stmt(db, s) < 0)
			goto fail;
	}
	s = db_stmt(db, "UPDATE file SET text_status = ?2, text_note = ?3,"
		    " page_count = CASE WHEN ?4 > 0 AND ?3 IS NULL THEN ?4 ELSE page_count END WHERE id = ?1");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, file_id);
	bind_text(s, 2, status);
	bind_text(s, 3, note);
	sqlite3_bind_int(s, 4, npages);
	if (db_exec_stmt(db, s) < 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int db_file_text_reset(struct db *db, int all)
{
	sqlite3_stmt *s = all ?
		db_stmt(db, "UPDATE file SET text_status = 'pending', text_note = NULL WHERE text_status <> 'pending'") :
		db_stmt(db, "UPDATE file SET text_status = 'pending', text_note = NULL WHERE text_status = 'failed'");

	return s ? db_exec_stmt(db, s) : -1;
}

int64_t db_file_link_create(struct db *db, const struct file_link_new *l)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO file_link(file_id, meeting_id, agenda_item_id, paper_id, role, position)"
		" VALUES (?1, ?2, ?3, ?4, COALESCE(?5, 'report'), ?6)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, l->file_id);
	bind_id(s, 2, l->meeting_id);
	bind_id(s, 3, l->agenda_item_id);
	bind_id(s, 4, l->paper_id);
	bind_text(s, 5, l->role);
	sqlite3_bind_int(s, 6, l->position);
	return insert(db, s, "attaching file");
}

int64_t db_attendance_create(struct db *db, const struct attendance_new *a)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO attendance(meeting_id, person_id, status, substitute_for, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a->meeting_id);
	sqlite3_bind_int64(s, 2, a->person_id);
	bind_text(s, 3, a->status);
	bind_id(s, 4, a->substitute_for);
	bind_text(s, 5, a->note);
	return insert(db, s, "recording attendance");
}

int64_t db_declaration_create(struct db *db, const struct declaration_new *d)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO declaration(meeting_id, agenda_item_id, person_id, kind, description, left_room)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, d->meeting_id);
	bind_id(s, 2, d->agenda_item_id);
	sqlite3_bind_int64(s, 3, d->person_id);
	bind_text(s, 4, d->kind);
	bind_text(s, 5, d->description);
	sqlite3_bind_int(s, 6, d->left_room);
	return insert(db, s, "recording declaration");
}

int64_t db_vote_create(struct db *db, const struct vote_new *v)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO vote(agenda_item_id, motion, result, votes_for, votes_against, abstentions, recorded)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, v->agenda_item_id);
	bind_text(s, 2, v->motion);
	bind_text(s, 3, v->result);
	sqlite3_bind_int(s, 4, v->votes_for);
	sqlite3_bind_int(s, 5, v->votes_against);
	sqlite3_bind_int(s, 6, v->abstentions);
	sqlite3_bind_int(s, 7, v->recorded);
	return insert(db, s, "recording vote");
}

int db_vote_record_add(struct db *db, int64_t vote_id, int64_t person_id, const char *position)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO vote_record(vote_id, person_id, position) VALUES (?1, ?2, ?3)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, vote_id);
	sqlite3_bind_int64(s, 2, person_id);
	bind_text(s, 3, position);
	return insert(db, s, "recording vote") < 0 ? -1 : 0;
}

int64_t db_decision_create(struct db *db, const struct decision_new *d)
{
	sqlite3_stmt *s = db_stmt(db,
		"INSERT INTO decision(agenda_item_id, paper_id, decision_maker_id, title, decision_md,"
		" decision_html, reasons_md, reasons_html, alternatives_md, alternatives_html, conflicts,"
		" decided_on, call_in_deadline, effective_from, published)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
	if (!s)
		return -1;
	bind_id(s, 1, d->agenda_item_id);
	bind_id(s, 2, d->paper_id);
	bind_id(s, 3, d->decision_maker_id);
	bind_text(s, 4, d->title);
	if (db_bind_md(s, 5, d->decision_md) != SQLITE_OK || db_bind_md(s, 7, d->reasons_md) != SQLITE_OK ||
	    db_bind_md(s, 9, d->alternatives_md) != SQLITE_OK)
		return db_fail(db, "rendering decision");
	bind_text(s, 11, d->conflicts);
	bind_text(s, 12, d->decided_on);
	bind_text(s, 13, d->call_in_deadline);
	bind_text(s, 14, d->effective_from);
	sqlite3_bind_int(s, 15, d->published);
	return insert(db, s, "recording decision");
}

int db_meeting_minutes_approve(struct db *db, int64_t meeting_id, int64_t approved_by,
			       const char *approved_at)
{
	sqlite3_stmt *s = db_stmt(db,
		"UPDATE meeting SET minutes_status = 'approved', minutes_approved_by = ?2,"
		" minutes_approved_at = ?3 WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, meeting_id);
	bind_id(s, 2, approved_by);
	bind_text(s, 3, approved_at);
	return db_exec_stmt(db, s);
}
