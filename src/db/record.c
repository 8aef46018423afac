/* record.c: creating rows of the record (see record.h). */
#include "db/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "util/markdown.h"
#include "util/notice.h"
#include "util/banned.h"

int db_bind_md(struct stmt *s, int i, const char *md)
{
	char *html;

	int rc;

	if (!md || !*md) {
		st_bind_null(s, i);
		return st_bind_null(s, i + 1);
	}
	if (!(html = markdown_to_html(md, strlen(md))))
		return DB_BIND_MD;
	rc = st_bind_text(s, i, md) < 0 || st_bind_text(s, i + 1, html) < 0 ? -1 : 0;
	free(html);
	return rc;
}

int64_t db_body_create(struct db *db, const struct body_new *b)
{
	return db_insert(db, "INSERT INTO body(name, short_name, website, email, phone, address, colour_primary,"
			 " colour_accent, logo_svg, region, notice_clear_days)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(?7, '#1d4f73'), COALESCE(?8, '#ffdd00'),"
			 " ?9, COALESCE(?10, 'england'), ?11)", "creating body",
			 DB_ARGS(v_text(b->name), v_text(b->short_name), v_text(b->website), v_text(b->email),
				 v_text(b->phone), v_text(b->address), v_text(b->colour_primary), v_text(b->colour_accent),
				 v_text(b->logo_svg), v_text(b->region), v_int(b->notice_clear_days ? b->notice_clear_days : notice_default_clear_days(b->region))));
}

int db_body_update(struct db *db, const struct body_settings *b)
{
	if (db_run(db, "UPDATE body SET name = COALESCE(?1, name), short_name = COALESCE(?2, short_name),"
		   " colour_primary = COALESCE(?3, colour_primary), colour_accent = COALESCE(?4, colour_accent),"
		   " logo_svg = COALESCE(?5, logo_svg), email = COALESCE(?6, email),"
		   " phone = COALESCE(?7, phone), address = COALESCE(?8, address),"
		   " website = COALESCE(?9, website),"
		   " license = CASE WHEN ?11 <> 0 THEN NULL ELSE COALESCE(?10, license) END"
		   " WHERE id = (SELECT min(id) FROM body WHERE deleted = 0)", "statement",
		   DB_ARGS(v_text(b->name), v_text(b->short_name), v_text(b->colour_primary), v_text(b->colour_accent),
			   v_text(b->logo_svg), v_text(b->email), v_text(b->phone), v_text(b->address), v_text(b->website),
			   v_text(b->license), v_int(b->license_default != 0))) < 0)
		return -1;
	if (db_changes(db) == 0) {
		snprintf(db->err, sizeof(db->err), "there is no body yet: create one with init");
		return -1;
	}
	return 0;
}

int64_t db_term_create(struct db *db, const struct term_new *t)
{
	return db_insert(db, "INSERT INTO legislative_term(body_id, name, start_date, end_date) VALUES (?1, ?2, ?3, ?4)",
			 "creating legislative term",
			 DB_ARGS(v_int(t->body_id), v_text(t->name), v_text(t->start_date), v_text(t->end_date)));
}

int64_t db_org_create(struct db *db, const struct org_new *o)
{
	return db_insert(db, "INSERT INTO organization(body_id, parent_id, name, short_name, kind, purpose_md,"
			 " purpose_html, start_date, end_date, website)"
			 " VALUES (?1, ?2, ?3, ?4, COALESCE(?5, 'committee'), ?6, ?7, ?8, ?9, ?10)", "creating organization",
			 DB_ARGS(v_int(o->body_id), v_id(o->parent_id), v_text(o->name), v_text(o->short_name),
				 v_text(o->kind), v_md(o->purpose_md), v_text(o->start_date), v_text(o->end_date),
				 v_text(o->website)));
}

int64_t db_person_create(struct db *db, const struct person_new *p)
{
	return db_insert(db, "INSERT INTO person(body_id, name, honorific, given_name, family_name, party, area,"
			 " nominated_by, email, phone, bio_md, bio_html)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", "creating person",
			 DB_ARGS(v_int(p->body_id), v_text(p->name), v_text(p->honorific), v_text(p->given_name),
				 v_text(p->family_name), v_text(p->party), v_text(p->area), v_text(p->nominated_by),
				 v_text(p->email), v_text(p->phone), v_md(p->bio_md)));
}

int64_t db_membership_create(struct db *db, const struct membership_new *m)
{
	return db_insert(db, "INSERT INTO membership(person_id, organization_id, role, voting, start_date, end_date)"
			 " VALUES (?1, ?2, COALESCE(?3, 'member'), ?4, ?5, ?6)", "creating membership",
			 DB_ARGS(v_int(m->person_id), v_int(m->organization_id), v_text(m->role), v_int(!m->non_voting),
				 v_text(m->start_date), v_text(m->end_date)));
}

int64_t db_location_create(struct db *db, const struct location_new *l)
{
	return db_insert(db, "INSERT INTO location(body_id, name, room, street_address, locality, postcode, description)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "creating location",
			 DB_ARGS(v_int(l->body_id), v_text(l->name), v_text(l->room), v_text(l->street_address),
				 v_text(l->locality), v_text(l->postcode), v_text(l->description)));
}

int64_t db_meeting_create(struct db *db, const struct meeting_new *m)
{
	return db_insert(db, "INSERT INTO meeting(organization_id, location_id, name, start_at, end_at, state,"
			 " state_reason, webcast_url, published, agenda_status, agenda_published_at,"
			 " minutes_status, minutes_published_at, minutes_approved_at, minutes_approved_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'scheduled'), ?7, ?8, ?9,"
			 " CASE WHEN ?10 IS NULL THEN 'draft' ELSE 'published' END, ?10,"
			 " COALESCE(?11, 'none'), ?12, ?13, ?14)", "creating meeting",
			 DB_ARGS(v_int(m->organization_id), v_id(m->location_id), v_text(m->name), v_text(m->start_at),
				 v_text(m->end_at), v_text(m->state), v_text(m->state_reason), v_text(m->webcast_url),
				 v_int(!m->unpublished), v_text(m->agenda_published_at), v_text(m->minutes_status),
				 v_text(m->minutes_published_at), v_text(m->minutes_approved_at),
				 v_id(m->minutes_approved_by)));
}

int64_t db_paper_create(struct db *db, const struct paper_new *p)
{
	return db_insert(db, "INSERT INTO paper(body_id, reference, title, kind, key_decision, decision_maker_id,"
			 " forward_plan_date, public, description_md, description_html)"
			 " VALUES (?1, ?2, ?3, COALESCE(?4, 'report'), ?5, ?6, ?7, ?8, ?9, ?10)", "creating paper",
			 DB_ARGS(v_int(p->body_id), v_text(p->reference), v_text(p->title), v_text(p->kind),
				 v_int(p->key_decision), v_id(p->decision_maker_id), v_text(p->forward_plan_date),
				 v_int(!p->confidential), v_md(p->description_md)));
}

int64_t db_item_create(struct db *db, const struct item_new *i)
{
	return db_insert(db, "INSERT INTO agenda_item(meeting_id, parent_id, position, number, title, kind, exempt,"
			 " exempt_paragraph, exempt_reason, paper_id, description_md, description_html,"
			 " minutes_md, minutes_html, decision_md, decision_html)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'item'), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
			 "creating agenda item",
			 DB_ARGS(v_int(i->meeting_id), v_id(i->parent_id), v_int(i->position), v_text(i->number),
				 v_text(i->title), v_text(i->kind), v_int(i->exempt != 0), v_id(i->exempt_paragraph),
				 v_text(i->exempt_reason), v_id(i->paper_id), v_md(i->description_md), v_md(i->minutes_md),
				 v_md(i->decision_md)));
}

int64_t db_consultation_create(struct db *db, const struct consultation_new *c)
{
	return db_insert(db, "INSERT INTO consultation(paper_id, meeting_id, agenda_item_id, organization_id,"
			 " authoritative, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "creating consultation",
			 DB_ARGS(v_int(c->paper_id), v_id(c->meeting_id), v_id(c->agenda_item_id), v_id(c->organization_id),
				 v_int(c->authoritative), v_text(c->role)));
}

int64_t db_file_create(struct db *db, const struct file_new *f)
{
	return db_insert(db, "INSERT INTO file(title, filename, mime_type, size, sha256, page_count)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "creating file",
			 DB_ARGS(v_text(f->title), v_text(f->filename), v_text(f->mime_type), v_int((int64_t)f->size),
				 v_text(f->sha256), v_id(f->page_count)));
}

int db_file_page_add(struct db *db, int64_t file_id, int page, const char *text)
{
	/* SQLite's INSERT OR REPLACE, said so that PostgreSQL says it too: the
	 * page's row goes and comes again, its insert triggers (the search
	 * index's queue) firing as for a new one. */
	if (db_run(db, "DELETE FROM file_page WHERE file_id = ?1 AND page = ?2", "storing page text",
		   DB_ARGS(v_int(file_id), v_int(page))) < 0)
		return -1;
	return db_run(db, "INSERT INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)",
		      "storing page text", DB_ARGS(v_int(file_id), v_int(page), v_text(text ? text : "")));
}

int db_file_text_done(struct db *db, int64_t file_id, int page_count, const char *status)
{
	return db_run(db, "UPDATE file SET page_count = COALESCE(?2, page_count), text_status = ?3 WHERE id = ?1",
		      "statement", DB_ARGS(v_int(file_id), v_id(page_count), v_text(status)));
}

#define C(m) RCOL(struct pending_file, m)
static const struct rcol pending_cols[] = {
	C(id), RBUF(struct pending_file, sha256), RBUF(struct pending_file, mime_type), RCOL_END
};
#undef C

int db_file_next_pending(struct db *db, int64_t after, struct pending_file *f)
{
	int rc = db_row(db, "SELECT id, sha256, mime_type FROM file"
			" WHERE text_status = 'pending' AND id > ?1 ORDER BY id LIMIT 1", DB_ARGS(v_int(after)),
			pending_cols, f);

	if (rc < 0)
		snprintf(db->err, sizeof(db->err), "pending documents: %s", db_errmsg(db));
	return rc;
}

long db_file_pending_count(struct db *db)
{
	int64_t n = -1;

	db_int_of(db, "SELECT count(*) FROM file WHERE text_status = 'pending'", NULL, &n);
	return (long)n;
}

int db_file_sha_named(struct db *db, const char *sha)
{
	int64_t one;
	int rc = db_int_of(db, "SELECT 1 FROM file WHERE sha256 = ?1 LIMIT 1", DB_ARGS(v_text(sha)), &one);

	db_release_all(db);
	return rc < 0 ? -1 : rc > 0;
}

int db_file_text_store(struct db *db, int64_t file_id, const struct page_text *pages, int npages,
		       const char *status, const char *note)
{
	int64_t pending;
	int rc;

	if (db_begin(db) < 0)
		return -1;
	rc = db_int_of(db, "SELECT 1 FROM file WHERE id = ?1 AND text_status = 'pending'", DB_ARGS(v_int(file_id)),
		       &pending);
	if (rc == 0) {
		db_rollback(db);
		return 0; /* done meanwhile by another process */
	}
	if (rc < 0 || db_run(db, "DELETE FROM file_page WHERE file_id = ?1", "statement", DB_ARGS(v_int(file_id))) < 0)
		goto fail;
	for (int i = 0; i < npages; i++)
		if (db_run(db, "INSERT INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)", "statement",
			   DB_ARGS(v_int(file_id), v_int(i + 1), v_textn(pages[i].text ? pages[i].text : "",
									pages[i].text ? pages[i].len : 0))) < 0)
			goto fail;
	if (db_run(db, "UPDATE file SET text_status = ?2, text_note = ?3,"
		   " page_count = CASE WHEN ?4 > 0 AND ?3 IS NULL THEN ?4 ELSE page_count END WHERE id = ?1", "statement",
		   DB_ARGS(v_int(file_id), v_text(status), v_text(note), v_int(npages))) < 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int db_file_text_reset(struct db *db, int all)
{
	struct stmt *s = all ?
		db_stmt(db, "UPDATE file SET text_status = 'pending', text_note = NULL WHERE text_status <> 'pending'") :
		db_stmt(db, "UPDATE file SET text_status = 'pending', text_note = NULL WHERE text_status = 'failed'");

	return s ? db_exec_stmt(db, s) : -1;
}

int64_t db_file_link_create(struct db *db, const struct file_link_new *l)
{
	return db_insert(db, "INSERT INTO file_link(file_id, meeting_id, agenda_item_id, paper_id, role, position)"
			 " VALUES (?1, ?2, ?3, ?4, COALESCE(?5, 'report'), ?6)", "attaching file",
			 DB_ARGS(v_int(l->file_id), v_id(l->meeting_id), v_id(l->agenda_item_id), v_id(l->paper_id),
				 v_text(l->role), v_int(l->position)));
}

int64_t db_attendance_create(struct db *db, const struct attendance_new *a)
{
	return db_insert(db, "INSERT INTO attendance(meeting_id, person_id, status, substitute_for, note)"
			 " VALUES (?1, ?2, ?3, ?4, ?5)", "recording attendance",
			 DB_ARGS(v_int(a->meeting_id), v_int(a->person_id), v_text(a->status), v_id(a->substitute_for),
				 v_text(a->note)));
}

int64_t db_declaration_create(struct db *db, const struct declaration_new *d)
{
	return db_insert(db, "INSERT INTO declaration(meeting_id, agenda_item_id, person_id, kind, description, left_room)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "recording declaration",
			 DB_ARGS(v_int(d->meeting_id), v_id(d->agenda_item_id), v_int(d->person_id), v_text(d->kind),
				 v_text(d->description), v_int(d->left_room)));
}

int64_t db_vote_create(struct db *db, const struct vote_new *v)
{
	return db_insert(db, "INSERT INTO vote(agenda_item_id, motion, result, votes_for, votes_against, abstentions,"
			 " recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "recording vote",
			 DB_ARGS(v_int(v->agenda_item_id), v_text(v->motion), v_text(v->result), v_int(v->votes_for),
				 v_int(v->votes_against), v_int(v->abstentions), v_int(v->recorded)));
}

int db_vote_record_add(struct db *db, int64_t vote_id, int64_t person_id, const char *position)
{
	return db_run(db, "INSERT INTO vote_record(vote_id, person_id, position) VALUES (?1, ?2, ?3)", "recording vote",
		      DB_ARGS(v_int(vote_id), v_int(person_id), v_text(position)));
}

/* DB_YES 1, DB_NO 0, DB_UNSAID NULL. */
static struct dbv v_tri(int v)
{
	return v == DB_UNSAID ? v_null() : v_int(v == DB_YES);
}

int64_t db_decision_create(struct db *db, const struct decision_new *d)
{
	return db_insert(db, "INSERT INTO decision(agenda_item_id, paper_id, decision_maker_id, title, decision_md,"
			 " decision_html, reasons_md, reasons_html, alternatives_md, alternatives_html, conflicts,"
			 " decided_on, call_in_deadline, effective_from, published, kind, status,"
			 " decision_maker_person_id, decision_maker_post, key_decision, wards, dispensations, call_in,"
			 " plan_entry_id)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
			 " COALESCE(?17, 'made'), ?18, ?19, ?20, ?21, ?22, ?23, ?24)", "recording decision",
			 DB_ARGS(v_id(d->agenda_item_id), v_id(d->paper_id), v_id(d->decision_maker_id), v_text(d->title),
				 v_md(d->decision_md), v_md(d->reasons_md), v_md(d->alternatives_md), v_text(d->conflicts),
				 v_text(d->decided_on), v_text(d->call_in_deadline), v_text(d->effective_from),
				 v_int(d->published), v_text(d->kind), v_text(d->status), v_id(d->decision_maker_person_id),
				 v_text(d->decision_maker_post), v_tri(d->key_decision), v_text(d->wards),
				 v_text(d->dispensations), v_tri(d->call_in), v_id(d->plan_entry_id)));
}

int db_decision_update(struct db *db, int64_t id, int64_t plan_entry_id, const char *status)
{
	return db_run(db, "UPDATE decision SET plan_entry_id = COALESCE(?2, plan_entry_id),"
		      " status = COALESCE(?3, status) WHERE id = ?1", "statement",
		      DB_ARGS(v_int(id), v_id(plan_entry_id), v_text(status)));
}

int64_t db_plan_entry_create(struct db *db, const struct plan_entry_new *p)
{
	return db_insert(db, "INSERT INTO plan_entry(body_id, paper_id, reference, title, summary_md, summary_html,"
			 " decision_maker_id, decision_maker_post, lead_member_id, lead_officer, first_published,"
			 " decision_due, wards, consultees, documents, restriction, exempt_paragraph, urgency,"
			 " urgency_reason, status, published)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
			 " COALESCE(?16, 'open'), ?17, COALESCE(?18, 'none'), ?19, COALESCE(?20, 'planned'), ?21)",
			 "creating forward plan entry",
			 DB_ARGS(v_int(p->body_id), v_id(p->paper_id), v_text(p->reference), v_text(p->title),
				 v_md(p->summary_md), v_id(p->decision_maker_id), v_text(p->decision_maker_post),
				 v_id(p->lead_member_id), v_text(p->lead_officer), v_text(p->first_published),
				 v_text(p->decision_due), v_text(p->wards), v_text(p->consultees), v_text(p->documents),
				 v_text(p->restriction), v_id(p->exempt_paragraph), v_text(p->urgency),
				 v_text(p->urgency_reason), v_text(p->status), v_int(!p->unpublished)));
}

int64_t db_interest_create(struct db *db, const struct interest_new *i)
{
	return db_insert(db, "INSERT INTO interest(person_id, category, holder, description, sensitive, registered_on,"
			 " ended_on) VALUES (?1, ?2, COALESCE(?3, 'member'), ?4, ?5, ?6, ?7)", "registering interest",
			 DB_ARGS(v_int(i->person_id), v_text(i->category), v_text(i->holder), v_text(i->description),
				 v_int(i->sensitive != 0), v_text(i->registered_on), v_text(i->ended_on)));
}

int db_meeting_minutes_approve(struct db *db, int64_t meeting_id, int64_t approved_by,
			       const char *approved_at)
{
	return db_run(db, "UPDATE meeting SET minutes_status = 'approved', minutes_approved_by = ?2,"
		      " minutes_approved_at = ?3 WHERE id = ?1", "statement",
		      DB_ARGS(v_int(meeting_id), v_id(approved_by), v_text(approved_at)));
}
