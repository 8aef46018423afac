/* proceedings.c: what happened at a meeting, as the clerk records it:
 * attendance (present, apologies, absent, substitutes, others in
 * attendance), declarations of interest, and votes on items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/sections_int.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/db.h"
#include "util/utf8.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

/* The write of a meeting's proceedings failed: 404 with nosuch if the
 * database found no such row, 400 with badref if the form named someone
 * not in the record (either NULL: not expected), else 500. */
static int write_failed(struct req *r, const char *nosuch, const char *badref)
{
	if (nosuch && strstr(r->db->err, "no such"))
		return admin_refuse(r, 404, nosuch);
	if (badref && strstr(r->db->err, "FOREIGN KEY"))
		return admin_refuse(r, 400, badref);
	return 500;
}

static int attendance(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct attendance_set set[MAX_ATTENDEES + 1];
	size_t pos = 0;
	const char *v;
	char key[48];
	int n = 0;

	while ((v = form_each(&p->f, "person", &pos)) && n < MAX_ATTENDEES) {
		int64_t pid = parse_id(v), sub;
		const char *st, *note;
		if (pid <= 0)
			return admin_refuse(r, 400, "The form names a person who is not in the list.");
		snprintf(key, sizeof(key), "status_%lld", (long long)pid);
		st = form_get(&p->f, key);
		snprintf(key, sizeof(key), "subfor_%lld", (long long)pid);
		sub = parse_id(form_get(&p->f, key));
		snprintf(key, sizeof(key), "note_%lld", (long long)pid);
		note = form_get(&p->f, key);
		if (!in_list(st ? st : "", att_vals, (int)(sizeof(att_vals) / sizeof(att_vals[0]))) || sub < 0 ||
		    !text_ok(note, 200, 0))
			return admin_refuse(r, 400, "Choose each person's attendance from the list; notes are at most 200 characters.");
		set[n++] = (struct attendance_set){ pid, st && !strcmp(st, "substitute") ? sub : 0, st, note };
	}
	v = form_get(&p->f, "add_person");
	if (v && *v) {
		int64_t pid = parse_id(v);
		const char *st = form_get(&p->f, "add_status"), *note = form_get(&p->f, "add_note");
		if (pid <= 0 || !st || !*st || !in_list(st, att_vals, (int)(sizeof(att_vals) / sizeof(att_vals[0]))) ||
		    !text_ok(note, 200, 0))
			return admin_refuse(r, 400, "Choose the person and their attendance from the lists.");
		for (int i = 0; i < n; i++)
			if (set[i].person_id == pid)
				set[i].status = NULL; /* the new entry replaces it */
		set[n++] = (struct attendance_set){ pid, 0, st, note };
	}
	if (adm_attendance_save(r->db, p->s.user_id, m->id, set, n) < 0)
		return write_failed(r, NULL, "The form names a person who is not in the record.");
	return 0;
}

int post_admin_attendance(struct req *r)
{
	return admin_meeting_post(r, attendance, "/admin/meetings/%lld#attendance");
}

static int declaration(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct declaration_set d = { 0 };

	d.person_id = parse_id(form_get(&p->f, "person"));
	d.item_id = parse_id(form_get(&p->f, "item"));
	d.kind = form_get(&p->f, "kind");
	d.description = form_get(&p->f, "description");
	d.left_room = form_get(&p->f, "left_room") != NULL;
	if (d.person_id <= 0 || d.item_id < 0 || !in_list(d.kind, decl_vals, 4))
		ferr_add(&p->fe, "kind", "Choose the person, the item and the kind of interest from the lists");
	if (!d.description || !*d.description || !text_ok(d.description, 1000, 1))
		ferr_add(&p->fe, "description", "Describe the interest (at most 1,000 characters)");
	if (p->fe.n) {
		int rc;
		resubmit_set("decl-", &p->f, &p->fe);
		rc = admin_meeting_page_stored(r, m) == 200 ? 400 : 500;
		resubmit_set(NULL, NULL, NULL);
		return rc;
	}
	if (adm_declaration_add(r->db, p->s.user_id, m->id, &d) < 0)
		return write_failed(r, "There is no such person or item.", NULL);
	return 0;
}

int post_admin_declaration(struct req *r)
{
	return admin_meeting_post(r, declaration, "/admin/meetings/%lld#declarations");
}

static int vote_record(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct vote_position vp[MAX_ATTENDEES];
	size_t pos = 0;
	const char *v;
	char key[48];
	int n = 0;

	while ((v = form_each(&p->f, "person", &pos)) && n < MAX_ATTENDEES) {
		int64_t pid = parse_id(v);
		const char *pv;
		snprintf(key, sizeof(key), "pos_%lld", (long long)pid);
		pv = form_get(&p->f, key);
		if (pid <= 0 || !in_list(pv ? pv : "", pos_vals, (int)(sizeof(pos_vals) / sizeof(pos_vals[0]))))
			return admin_refuse(r, 400, "Choose each member's vote from the list.");
		vp[n++] = (struct vote_position){ pid, pv };
	}
	if (adm_vote_record(r->db, p->s.user_id, m->id, r->id[1], r->id[2], vp, n) < 0)
		return write_failed(r, "There is no such vote on this item.",
				    "The form names a person who is not in the record.");
	return 0;
}

int post_admin_vote_record(struct req *r)
{
	return admin_meeting_post(r, vote_record, "/admin/meetings/%lld/items/%lld#votes");
}

static int count_ok(const char *s, int *out)
{
	char *end;
	long v;

	if (!s || !*s) {
		*out = 0;
		return 1;
	}
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 100000)
		return 0;
	*out = (int)v;
	return 1;
}

static int vote(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct vote_set v = { 0 };

	v.motion = form_get(&p->f, "motion");
	v.result = form_get(&p->f, "result");
	if (!v.motion || !*v.motion || !text_ok(v.motion, 1000, 1))
		ferr_add(&p->fe, "motion", "Give the motion voted on (at most 1,000 characters)");
	if (!in_list(v.result, vote_vals, 4))
		ferr_add(&p->fe, "result", "Choose the result from the list");
	if (!count_ok(form_get(&p->f, "for"), &v.votes_for))
		ferr_add(&p->fe, "for", "Give the votes for as a whole number");
	if (!count_ok(form_get(&p->f, "against"), &v.votes_against))
		ferr_add(&p->fe, "against", "Give the votes against as a whole number");
	if (!count_ok(form_get(&p->f, "abstentions"), &v.abstentions))
		ferr_add(&p->fe, "abstentions", "Give the abstentions as a whole number");
	if (p->fe.n) {
		int rc;
		resubmit_set("vote-", &p->f, &p->fe);
		rc = admin_item_page_stored(r, m, r->id[1]);
		resubmit_set(NULL, NULL, NULL);
		return rc == 200 ? 400 : rc;
	}
	if (adm_vote_add(r->db, p->s.user_id, m->id, r->id[1], &v) < 0)
		return write_failed(r, "There is no such item on this meeting's agenda.", NULL);
	return 0;
}

int post_admin_vote(struct req *r)
{
	return admin_meeting_post(r, vote, "/admin/meetings/%lld/items/%lld#votes");
}
