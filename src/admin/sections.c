/* sections.c: the parts of the back office's meeting and item pages that
 * forms of other files post to (see sections.h): the documents with the
 * upload form, attendance and declarations, and the votes on an item; and
 * the vocabularies those forms and their handlers share (sections_int.h).
 * The meeting and item pages (meetings.c) show them; the handlers
 * (documents.c, proceedings.c) show those pages again after a refused
 * submission, so the sections sit below both. */
#include "admin/sections.h"

#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/sections_int.h"
#include "db/admin.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

#define NROLES (sizeof(roles) / sizeof(roles[0]))


const char *const roles[] = { "report", "appendix", "front_sheet", "agenda_pack", "supplement",
				     "minutes", "background" };
const char *const role_labels[] = { "Report", "Appendix", "Agenda front sheet",
					   "Agenda reports pack", "Supplement", "Printed minutes",
					   "Background paper" };

const char *const att_vals[] = { "", "present", "apologies", "absent", "substitute", "in_attendance" };
const char *const att_labs[] = { "Not recorded", "Present", "Apologies", "Absent", "Substitute",
					"In attendance" };
const char *const decl_vals[] = { "disclosable_pecuniary", "other_registrable", "non_registrable", "other" };
const char *const decl_labs[] = { "Disclosable pecuniary interest", "Other registrable interest",
					 "Non-registrable interest", "Other" };
const char *const vote_vals[] = { "carried", "lost", "tied", "withdrawn" };
const char *const vote_labs[] = { "Carried", "Lost", "Tied", "Withdrawn" };
const char *const pos_vals[] = { "", "for", "against", "abstain", "did_not_vote" };
const char *const pos_labs[] = { "–", "For", "Against", "Abstained", "Did not vote" };

void admin_documents_section(struct req *r, int64_t meeting_id)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct file_row f;
	struct item_row it;
	const char *vals[128], *labs[128];
	char ids[128][24];
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"documents\">\n<h2 id=\"documents\">Documents</h2>\n");
	if (adm_files_of_meeting(r->db, meeting_id, &c) == 0) {
		while (cursor_next_file(&c, &f)) {
			if (n++ == 0)
				buf_puts(b, "<ul class=\"documents\">\n");
			html_fmt(b, "<li><a href=\"/admin/documents/%l/%u\">%s</a> <span class=\"file-meta\">(%s",
				 f.id, f.filename, f.title, file_role_label(f.role));
			if (f.agenda_item_id)
				buf_puts(b, ", on an item");
			buf_puts(b, ")</span>");
			/* Whether search can find what is inside it. */
			if (f.text_status && strcmp(f.text_status, "pending") == 0)
				buf_puts(b, " <span class=\"text-status\">Text: waiting to be read for search</span>");
			else if (f.text_note)
				html_fmt(b, " <span class=\"text-status\">Text: %s</span>", f.text_note);
			else if (f.text_status && strcmp(f.text_status, "done") == 0)
				buf_puts(b, " <span class=\"text-status\">Text: searchable</span>");
			buf_puts(b, "</li>\n");
		}
	}
	if (n)
		buf_puts(b, "</ul>\n");
	html_fmt(b, "<h3>Upload a document</h3>\n<form method=\"post\" action=\"/admin/meetings/%l/documents\""
		 " enctype=\"multipart/form-data\" novalidate>\n", meeting_id);
	field_csrf(r);
	field_id_prefix("up-");
	{
		const char *err = ferr_for(resubmit_errors("up-"), "file");
		html_fmt(b, "<div class=\"field%r\"><label for=\"up-file\">File</label>\n"
			 "<p class=\"hint\" id=\"up-file-hint\">PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt) "
			 "or an image, up to 50 MB</p>\n", err ? " field-error" : "");
		if (err)
			html_fmt(b, "<p class=\"error-message\" id=\"up-file-error\"><span class=\"visually-hidden\">Error:</span> %s</p>\n", err);
		html_fmt(b, "<input type=\"file\" id=\"up-file\" name=\"file\" aria-describedby=\"up-file-hint%r\"%r required></div>\n",
			 err ? " up-file-error" : "", err ? " aria-invalid=\"true\"" : "");
	}
	field_input(b, "text", "title", "Title", resubmit_value("up-", "title", NULL),
		    "As the public will see it, for example \"Appendix 1 – Delivery Plan\"", resubmit_errors("up-"), 1);
	field_select(b, "role", "Kind of document", roles, role_labels, NROLES,
		     resubmit_value("up-", "role", "report"), NULL, resubmit_errors("up-"));
	n = 0;
	vals[n] = "";
	labs[n++] = "The meeting itself";
	if (adm_items_of_meeting(r->db, meeting_id, &c) == 0) {
		while (n < 128 && cursor_next_item(&c, &it)) {
			struct buf l = BUF_INIT;
			snprintf(ids[n], sizeof(ids[n]), "%lld", (long long)it.id);
			vals[n] = ids[n];
			buf_printf(&l, "Item %s: %s", it.number ? it.number : "", it.title);
			labs[n++] = req_strdup(r, l.data);
			buf_release(&l);
		}
	}
	field_select(b, "item_id", "Attach to", vals, labs, n, resubmit_value("up-", "item_id", ""), NULL,
		     resubmit_errors("up-"));
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Upload</button>\n</form>\n</section>\n");
}

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
