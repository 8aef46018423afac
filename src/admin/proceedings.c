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

static int begin(struct req *r, struct form *f, struct session_row *s, struct meeting_row *m)
{
	int rc;

	if ((rc = admin_form(r, f)) != 0)
		return rc;
	if ((rc = auth_post(r, s, ROLE_CLERK, form_get(f, "csrf"))) != 0)
		return rc;
	if ((rc = adm_meeting(r->db, r->id[0], m)) <= 0)
		return rc < 0 ? 500 : 404;
	return 0;
}

static void back_to(struct req *r, int64_t meeting_id, const char *anchor)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "/admin/meetings/%lld#%s", (long long)meeting_id, anchor);
	req_add_header(r, "location", loc);
}

int post_admin_attendance(struct req *r)
{
	struct form f = FORM_INIT;
	struct session_row s;
	struct meeting_row m;
	struct attendance_set set[MAX_ATTENDEES + 1];
	size_t pos = 0;
	const char *v;
	char key[48];
	int n = 0, rc;

	if ((rc = begin(r, &f, &s, &m)) != 0)
		goto out;
	rc = 400;
	while ((v = form_each(&f, "person", &pos)) && n < MAX_ATTENDEES) {
		int64_t pid = parse_id(v), sub;
		const char *st, *note;
		if (pid <= 0) {
			r->errmsg = "The form names a person who is not in the list.";
			goto out;
		}
		snprintf(key, sizeof(key), "status_%lld", (long long)pid);
		st = form_get(&f, key);
		snprintf(key, sizeof(key), "subfor_%lld", (long long)pid);
		sub = parse_id(form_get(&f, key));
		snprintf(key, sizeof(key), "note_%lld", (long long)pid);
		note = form_get(&f, key);
		if (!in_list(st ? st : "", att_vals, (int)(sizeof(att_vals) / sizeof(att_vals[0]))) || sub < 0 ||
		    !text_ok(note, 200, 0)) {
			r->errmsg = "Choose each person's attendance from the list; notes are at most 200 characters.";
			goto out;
		}
		set[n++] = (struct attendance_set){ pid, st && !strcmp(st, "substitute") ? sub : 0, st, note };
	}
	v = form_get(&f, "add_person");
	if (v && *v) {
		int64_t pid = parse_id(v);
		const char *st = form_get(&f, "add_status"), *note = form_get(&f, "add_note");
		if (pid <= 0 || !st || !*st || !in_list(st, att_vals, (int)(sizeof(att_vals) / sizeof(att_vals[0]))) ||
		    !text_ok(note, 200, 0)) {
			r->errmsg = "Choose the person and their attendance from the lists.";
			goto out;
		}
		for (int i = 0; i < n; i++)
			if (set[i].person_id == pid)
				set[i].status = NULL; /* the new entry replaces it */
		set[n++] = (struct attendance_set){ pid, 0, st, note };
	}
	if (adm_attendance_save(r->db, s.user_id, m.id, set, n) < 0) {
		if (strstr(r->db->err, "FOREIGN KEY")) {
			r->errmsg = "The form names a person who is not in the record.";
			rc = 400;
		} else {
			rc = 500;
		}
		goto out;
	}
	back_to(r, m.id, "attendance");
	rc = 303;
out:
	form_release(&f);
	return rc;
}

int post_admin_declaration(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct meeting_row m;
	struct declaration_set d = { 0 };
	int rc;

	if ((rc = begin(r, &f, &s, &m)) != 0)
		goto out;
	rc = 400;
	d.person_id = parse_id(form_get(&f, "person"));
	d.item_id = parse_id(form_get(&f, "item"));
	d.kind = form_get(&f, "kind");
	d.description = form_get(&f, "description");
	d.left_room = form_get(&f, "left_room") != NULL;
	if (d.person_id <= 0 || d.item_id < 0 || !in_list(d.kind, decl_vals, 4))
		ferr_add(&fe, "kind", "Choose the person, the item and the kind of interest from the lists");
	if (!d.description || !*d.description || !text_ok(d.description, 1000, 1))
		ferr_add(&fe, "description", "Describe the interest (at most 1,000 characters)");
	if (fe.n) {
		resubmit_set("decl-", &f, &fe);
		rc = admin_meeting_page_stored(r, &m) == 200 ? 400 : 500;
		resubmit_set(NULL, NULL, NULL);
		goto out;
	}
	if (adm_declaration_add(r->db, s.user_id, m.id, &d) < 0) {
		if (strstr(r->db->err, "no such")) {
			r->errmsg = "There is no such person or item.";
			rc = 404;
		} else {
			rc = 500;
		}
		goto out;
	}
	back_to(r, m.id, "declarations");
	rc = 303;
out:
	form_release(&f);
	return rc;
}

int post_admin_vote_record(struct req *r)
{
	struct form f = FORM_INIT;
	struct session_row s;
	struct meeting_row m;
	struct vote_position p[MAX_ATTENDEES];
	size_t pos = 0;
	const char *v;
	char key[48];
	int n = 0, rc;

	if ((rc = begin(r, &f, &s, &m)) != 0)
		goto out;
	rc = 400;
	while ((v = form_each(&f, "person", &pos)) && n < MAX_ATTENDEES) {
		int64_t pid = parse_id(v);
		const char *pv;
		snprintf(key, sizeof(key), "pos_%lld", (long long)pid);
		pv = form_get(&f, key);
		if (pid <= 0 || !in_list(pv ? pv : "", pos_vals, (int)(sizeof(pos_vals) / sizeof(pos_vals[0])))) {
			r->errmsg = "Choose each member's vote from the list.";
			goto out;
		}
		p[n++] = (struct vote_position){ pid, pv };
	}
	if (adm_vote_record(r->db, s.user_id, m.id, r->id[1], r->id[2], p, n) < 0) {
		if (strstr(r->db->err, "no such")) {
			r->errmsg = "There is no such vote on this item.";
			rc = 404;
		} else if (strstr(r->db->err, "FOREIGN KEY")) {
			r->errmsg = "The form names a person who is not in the record.";
		} else {
			rc = 500;
		}
		goto out;
	}
	see_other(r, "/admin/meetings/%lld/items/%lld#votes", m.id, r->id[1]);
	rc = 303;
out:
	form_release(&f);
	return rc;
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

int post_admin_vote(struct req *r)
{
	struct form f = FORM_INIT;
	struct form_errors fe = { 0 };
	struct session_row s;
	struct meeting_row m;
	struct vote_set v = { 0 };
	int rc;

	if ((rc = begin(r, &f, &s, &m)) != 0)
		goto out;
	rc = 400;
	v.motion = form_get(&f, "motion");
	v.result = form_get(&f, "result");
	if (!v.motion || !*v.motion || !text_ok(v.motion, 1000, 1))
		ferr_add(&fe, "motion", "Give the motion voted on (at most 1,000 characters)");
	if (!in_list(v.result, vote_vals, 4))
		ferr_add(&fe, "result", "Choose the result from the list");
	if (!count_ok(form_get(&f, "for"), &v.votes_for))
		ferr_add(&fe, "for", "Give the votes for as a whole number");
	if (!count_ok(form_get(&f, "against"), &v.votes_against))
		ferr_add(&fe, "against", "Give the votes against as a whole number");
	if (!count_ok(form_get(&f, "abstentions"), &v.abstentions))
		ferr_add(&fe, "abstentions", "Give the abstentions as a whole number");
	if (fe.n) {
		resubmit_set("vote-", &f, &fe);
		rc = admin_item_page_stored(r, &m, r->id[1]);
		rc = rc == 200 ? 400 : rc;
		resubmit_set(NULL, NULL, NULL);
		goto out;
	}
	if (adm_vote_add(r->db, s.user_id, m.id, r->id[1], &v) < 0) {
		if (strstr(r->db->err, "no such")) {
			r->errmsg = "There is no such item on this meeting's agenda.";
			rc = 404;
		} else {
			rc = 500;
		}
		goto out;
	}
	{
		char loc[96];
		snprintf(loc, sizeof(loc), "/admin/meetings/%lld/items/%lld#votes", (long long)m.id, (long long)r->id[1]);
		req_add_header(r, "location", loc);
	}
	rc = 303;
out:
	form_release(&f);
	return rc;
}
