/* proceedings.c: what happened at a meeting, as the clerk records it:
 * attendance (present, apologies, absent, substitutes, others in
 * attendance), declarations of interest, and votes on items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/db.h"
#include "util/utf8.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

#define MAX_ATTENDEES 200

static const char *const att_vals[] = { "", "present", "apologies", "absent", "substitute", "in_attendance" };
static const char *const att_labs[] = { "Not recorded", "Present", "Apologies", "Absent", "Substitute",
					"In attendance" };
static const char *const decl_vals[] = { "disclosable_pecuniary", "other_registrable", "non_registrable", "other" };
static const char *const decl_labs[] = { "Disclosable pecuniary interest", "Other registrable interest",
					 "Non-registrable interest", "Other" };
static const char *const vote_vals[] = { "carried", "lost", "tied", "withdrawn" };
static const char *const vote_labs[] = { "Carried", "Lost", "Tied", "Withdrawn" };




static void status_select(struct buf *b, const char *id, const char *name, const char *label,
			  const char *selected)
{
	html_fmt(b, "<label class=\"visually-hidden\" for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", id,
		 label, id, name);
	for (size_t i = 0; i < (int)(sizeof(att_vals) / sizeof(att_vals[0])); i++)
		html_fmt(b, "<option value=\"%s\"%r>%s</option>", att_vals[i],
			 strcmp(selected ? selected : "", att_vals[i]) == 0 ? " selected" : "", att_labs[i]);
	buf_puts(b, "</select>");
}

void admin_proceedings_section(struct req *r, int64_t meeting_id)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct attendee_row a;
	struct declaration_row d;
	struct item_row it;
	int64_t pid;
	const char *pname;
	struct { int64_t id; const char *name; } people[MAX_ATTENDEES];
	int n = 0, k;
	char fid[48], fname[48], flabel[300];

	/* Attendance: one row per member (and anyone already recorded). */
	html_fmt(b, "<section aria-labelledby=\"attendance\">\n<h2 id=\"attendance\">Attendance</h2>\n"
		 "<form method=\"post\" action=\"/admin/meetings/%l/attendance\">\n", meeting_id);
	field_csrf(r);
	buf_puts(b, "<div class=\"table-scroll\" role=\"region\" aria-label=\"Attendance\" tabindex=\"0\">\n<table class=\"attendance-form\">\n<caption class=\"visually-hidden\">Attendance</caption>\n"
		    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Attendance</th>"
		    "<th scope=\"col\">Substitute for</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
	if (adm_attendance(r->db, meeting_id, &c) == 0) {
		while (n < MAX_ATTENDEES && cursor_next_attendee(&c, &a)) {
			people[n].id = a.person_id;
			people[n].name = req_strdup(r, a.name);
			n++;
		}
	}
	if (adm_attendance(r->db, meeting_id, &c) == 0) {
		while (cursor_next_attendee(&c, &a)) {
			html_fmt(b, "<tr><th scope=\"row\">%s<input type=\"hidden\" name=\"person\" value=\"%l\"></th><td>",
				 a.name, a.person_id);
			snprintf(fid, sizeof(fid), "att-%lld", (long long)a.person_id);
			snprintf(fname, sizeof(fname), "status_%lld", (long long)a.person_id);
			snprintf(flabel, sizeof(flabel), "Attendance of %s", a.name);
			status_select(b, fid, fname, flabel, a.status);
			html_fmt(b, "</td><td><label class=\"visually-hidden\" for=\"sub-%l\">%s is a substitute for</label>"
				 "<select id=\"sub-%l\" name=\"subfor_%l\"><option value=\"\">–</option>", a.person_id, a.name,
				 a.person_id, a.person_id);
			for (k = 0; k < n; k++)
				if (people[k].id != a.person_id)
					html_fmt(b, "<option value=\"%l\"%r>%s</option>", people[k].id,
						 people[k].id == a.substitute_for ? " selected" : "", people[k].name);
			html_fmt(b, "</select></td><td><label class=\"visually-hidden\" for=\"note-%l\">Note on %s</label>"
				 "<input type=\"text\" id=\"note-%l\" name=\"note_%l\" value=\"%s\"></td></tr>\n",
				 a.person_id, a.name, a.person_id, a.person_id, a.note ? a.note : "");
		}
	}
	buf_puts(b, "</tbody>\n</table>\n</div>\n<h3>Someone else</h3>\n<div class=\"field\"><label for=\"f-add_person\">Person</label>"
		    "<select id=\"f-add_person\" name=\"add_person\"><option value=\"\">Nobody</option>");
	if (adm_people_choices(r->db, &c) == 0)
		while (cursor_next_choice(&c, &pid, &pname))
			html_fmt(b, "<option value=\"%l\">%s</option>", pid, pname);
	buf_puts(b, "</select></div>\n<div class=\"field\"><label for=\"f-add_status\">Attendance</label>");
	html_fmt(b, "<select id=\"f-add_status\" name=\"add_status\">");
	for (size_t i = 1; i < (int)(sizeof(att_vals) / sizeof(att_vals[0])); i++)
		html_fmt(b, "<option value=\"%s\"%r>%s</option>", att_vals[i],
			 strcmp(att_vals[i], "in_attendance") == 0 ? " selected" : "", att_labs[i]);
	buf_puts(b, "</select></div>\n");
	field_input(b, "text", "add_note", "Note", NULL, "For example \"Chief Constable\"", NULL, 0);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Save the attendance</button>\n</form>\n</section>\n");

	/* Declarations of interest. */
	buf_puts(b, "<section aria-labelledby=\"declarations\">\n<h2 id=\"declarations\">Declarations of interest</h2>\n");
	k = 0;
	if (adm_declarations(r->db, meeting_id, &c) == 0) {
		while (cursor_next_declaration(&c, &d)) {
			if (k++ == 0)
				buf_puts(b, "<ul>\n");
			html_fmt(b, "<li>%s", d.person_name);
			if (d.item_title)
				html_fmt(b, " (item %s, %s)", d.item_number ? d.item_number : "", d.item_title);
			html_fmt(b, ": %s</li>\n", d.description);
		}
	}
	if (k)
		buf_puts(b, "</ul>\n");
	html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/declarations\">\n", meeting_id);
	field_csrf(r);
	buf_puts(b, "<div class=\"field\"><label for=\"f-decl_person\">Who</label><select id=\"f-decl_person\" name=\"person\">");
	for (k = 0; k < n; k++)
		html_fmt(b, "<option value=\"%l\">%s</option>", people[k].id, people[k].name);
	buf_puts(b, "</select></div>\n<div class=\"field\"><label for=\"f-decl_item\">On item</label>"
		    "<select id=\"f-decl_item\" name=\"item\"><option value=\"\">The whole meeting</option>");
	if (adm_items_of_meeting(r->db, meeting_id, &c) == 0)
		while (cursor_next_item(&c, &it))
			html_fmt(b, "<option value=\"%l\">%s %s</option>", it.id, it.number ? it.number : "", it.title);
	buf_puts(b, "</select></div>\n");
	field_id_prefix("decl-");
	field_select(b, "kind", "Kind of interest", decl_vals, decl_labs, 4,
		     resubmit_value("decl-", "kind", "other_registrable"), NULL, resubmit_errors("decl-"));
	field_input(b, "text", "description", "The interest", resubmit_value("decl-", "description", NULL), NULL,
		    resubmit_errors("decl-"), 1);
	field_id_prefix(NULL);
	buf_puts(b, "<div class=\"field\"><input type=\"checkbox\" id=\"f-left_room\" name=\"left_room\" value=\"1\">"
		    " <label for=\"f-left_room\" class=\"inline-label\">They left the room for the item</label></div>\n"
		    "<button type=\"submit\" class=\"button\">Record the declaration</button>\n</form>\n</section>\n");
}

/* Start a POST on /admin/meetings/{id}/…: parse, check, load. */
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

static const char *const pos_vals[] = { "", "for", "against", "abstain", "did_not_vote" };
static const char *const pos_labs[] = { "–", "For", "Against", "Abstained", "Did not vote" };

/* How each member voted, for a recorded vote (a <details>: no script). */
static void recorded_vote_form(struct req *r, int64_t meeting_id, int64_t item_id, int64_t vote_id, int nth)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct attendee_row a;
	struct vote_record_row vr;
	struct { int64_t id; const char *pos; } rec[MAX_ATTENDEES];
	int nrec = 0;

	if (adm_vote_records(r->db, vote_id, &c) == 0)
		while (nrec < MAX_ATTENDEES && cursor_next_vote_record(&c, &vr)) {
			rec[nrec].id = vr.person_id;
			rec[nrec++].pos = req_strdup(r, vr.position);
		}
	html_fmt(b, "<details class=\"recorded\"><summary>Record how each member voted (vote %d)</summary>\n"
		 "<form method=\"post\" action=\"/admin/meetings/%l/items/%l/votes/%l/record\">\n",
		 nth, meeting_id, item_id, vote_id);
	field_csrf(r);
	buf_puts(b, "<table>\n<caption class=\"visually-hidden\">Recorded vote</caption>\n"
		    "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Vote</th></tr></thead>\n<tbody>\n");
	if (adm_attendance(r->db, meeting_id, &c) == 0) {
		while (cursor_next_attendee(&c, &a)) {
			const char *cur = "";
			for (int k = 0; k < nrec; k++)
				if (rec[k].id == a.person_id)
					cur = rec[k].pos;
			html_fmt(b, "<tr><th scope=\"row\">%s<input type=\"hidden\" name=\"person\" value=\"%l\"></th><td>"
				 "<label class=\"visually-hidden\" for=\"rv-%l-%l\">Vote of %s</label>"
				 "<select id=\"rv-%l-%l\" name=\"pos_%l\">", a.name, a.person_id, vote_id, a.person_id,
				 a.name, vote_id, a.person_id, a.person_id);
			for (size_t i = 0; i < sizeof(pos_vals) / sizeof(pos_vals[0]); i++)
				html_fmt(b, "<option value=\"%s\"%r>%s</option>", pos_vals[i],
					 strcmp(cur, pos_vals[i]) == 0 ? " selected" : "", pos_labs[i]);
			buf_puts(b, "</select></td></tr>\n");
		}
	}
	buf_puts(b, "</tbody>\n</table>\n<button type=\"submit\" class=\"button\">Save the recorded vote</button>\n"
		    "</form>\n</details>\n");
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

void admin_votes_section(struct req *r, int64_t meeting_id, int64_t item_id)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct vote_row v;
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"votes\">\n<h2 id=\"votes\">Votes</h2>\n");
	struct { int64_t id; } votes[32];
	int nv = 0;

	if (adm_votes(r->db, item_id, &c) == 0) {
		while (cursor_next_vote(&c, &v)) {
			if (n++ == 0)
				buf_puts(b, "<ul>\n");
			html_fmt(b, "<li>%s – %s (for %d, against %d, abstentions %d)%r</li>\n", v.motion, v.result,
				 v.votes_for, v.votes_against, v.abstentions, v.recorded ? ", a recorded vote" : "");
			if (nv < 32)
				votes[nv++].id = v.id;
		}
	}
	if (n)
		buf_puts(b, "</ul>\n");
	for (int k = 0; k < nv; k++)
		recorded_vote_form(r, meeting_id, item_id, votes[k].id, k + 1);
	html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/items/%l/votes\">\n", meeting_id, item_id);
	field_csrf(r);
	field_id_prefix("vote-");
	{
		const struct form_errors *fe = resubmit_errors("vote-");
		field_input(b, "text", "motion", "Motion", resubmit_value("vote-", "motion", NULL), NULL, fe, 1);
		field_select(b, "result", "Result", vote_vals, vote_labs, 4,
			     resubmit_value("vote-", "result", "carried"), NULL, fe);
		field_input(b, "number", "for", "Votes for", resubmit_value("vote-", "for", "0"), NULL, fe, 0);
		field_input(b, "number", "against", "Votes against", resubmit_value("vote-", "against", "0"), NULL, fe, 0);
		field_input(b, "number", "abstentions", "Abstentions", resubmit_value("vote-", "abstentions", "0"), NULL, fe, 0);
	}
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Record the vote</button>\n</form>\n</section>\n");
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
