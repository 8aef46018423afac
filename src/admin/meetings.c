/* meetings.c: the back office for meetings and their agendas: the list of
 * all meetings, creating and editing a meeting, cancelling or postponing
 * it, publishing its agenda (with the statutory notice check), the minutes
 * workflow, and the agenda builder (add, edit, reorder, mark exempt). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/sections.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/db.h"
#include "db/lifecycle.h"
#include "db/public.h"
#include "util/markdown.h"
#include "util/date.h"
#include "util/notice.h"
#include "util/utf8.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

/* Free text of the meeting forms: line breaks allowed. */
#define text_ok_ml(s, max) text_ok((s), (max), 1)

static const struct crumb admin_crumb = { "Back office", "/admin" };


static const char *status_label(const struct meeting_row *m)
{
	if (strcmp(m->agenda_status, "published") != 0)
		return "Agenda draft";
	if (strcmp(m->minutes_status, "approved") == 0)
		return "Minutes approved";
	if (strcmp(m->minutes_status, "published") == 0)
		return "Draft minutes published";
	if (strcmp(m->minutes_status, "draft") == 0)
		return "Minutes in draft";
	return "Agenda published";
}

/* A row of the list of all meetings. */
static int meeting_list_row(struct req *r, struct cursor *c)
{
	struct buf *b = &r->body;
	struct meeting_row m;

	if (!cursor_next_meeting(c, &m))
		return 0;
	buf_puts(b, "<tr><td>");
	list_meeting_link(b, "/admin/meetings/", &m);
	buf_puts(b, "</td><td>");
	date_put_short(b, m.start_at);
	buf_puts(b, " ");
	date_put_time(b, m.start_at);
	html_fmt(b, "</td><td>%s</td></tr>\n", status_label(&m));
	return 1;
}

/* The list of meetings: 50 a page, newest first, with filters (the
 * back office of a council with 20,000 meetings listed them all in one
 * page of 2.7 MB). */
#define ADMIN_PER_PAGE 50

static const char *const stages[] = { "agenda_draft", "agenda_published", "minutes_draft", "minutes_published",
				      "minutes_approved", NULL };
static const char *const stage_labels[] = { "Agenda draft", "Agenda published", "Minutes in draft",
					    "Draft minutes published", "Minutes approved", NULL };

/* The filters of /admin from its query (r->q in the order of routes.c's
 * admin_params); 0, or 400 with r->errmsg. */
static int admin_filter(struct req *r, struct adm_meeting_filter *f, int64_t *page)
{
	memset(f, 0, sizeof(*f));
	f->committee = r->q[0].set ? r->q[0].num : 0;
	f->from = r->q[1].set ? r->q[1].text : NULL;
	f->to = r->q[2].set ? r->q[2].text : NULL;
	if (r->q[3].set && r->q[3].text[0]) {
		int i;
		for (i = 0; stages[i] && strcmp(stages[i], r->q[3].text) != 0; i++)
			;
		if (!stages[i]) {
			r->errmsg = "Unknown status: choose one from the list.";
			return 400;
		}
		f->stage = stages[i];
	}
	f->q = r->q[4].set && r->q[4].text[0] ? r->q[4].text : NULL;
	if (!(*page = list_page_asked(r, &r->q[5])))
		return 400;
	f->limit = ADMIN_PER_PAGE;
	f->offset = (*page - 1) * ADMIN_PER_PAGE;
	return 0;
}

/* The query string of the filters with another page (raw: escape it). */
static void admin_qs(struct buf *b, const void *ctx, int64_t page)
{
	const struct adm_meeting_filter *f = ctx;
	size_t start = b->len;
	char n[24];

	if (f->committee) {
		snprintf(n, sizeof(n), "%lld", (long long)f->committee);
		url_query_param(b, start, "committee", n);
	}
	url_query_param(b, start, "from", f->from);
	url_query_param(b, start, "to", f->to);
	url_query_param(b, start, "status", f->stage);
	url_query_param(b, start, "q", f->q);
	snprintf(n, sizeof(n), "%lld", (long long)page);
	url_query_param(b, start, "page", page > 1 ? n : NULL);
}

static int admin_filters_form(struct req *r, const struct adm_meeting_filter *f)
{
	struct buf *b = &r->body;
	struct cursor c;
	const char *vals[64], *labs[64];
	char sel[24];
	int n = adm_orgs(r->db, &c) == 0 ? admin_choices(r, &c, vals, labs, 0, 64, 0) : -1;

	if (n < 0)
		return -1;
	snprintf(sel, sizeof(sel), "%lld", (long long)f->committee);
	html_fmt(b, "<form method=\"get\" action=\"/admin\" class=\"search-form filters\">\n"
		 "<fieldset>\n<legend>Find meetings</legend>\n<div class=\"filter-grid\">\n"
		 "<p><label for=\"q\">Name or committee</label>\n"
		 "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\"></p>\n"
		 "<p><label for=\"committee\">Committee</label>\n<select id=\"committee\" name=\"committee\">\n"
		 "<option value=\"\">Every committee</option>\n", f->q ? f->q : "");
	for (int i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%r>%s</option>\n", vals[i],
			 f->committee && strcmp(vals[i], sel) == 0 ? " selected" : "", labs[i]);
	html_fmt(b, "</select></p>\n<p><label for=\"from\">On or after</label>\n"
		 "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\"></p>\n"
		 "<p><label for=\"to\">On or before</label>\n"
		 "<input type=\"date\" id=\"to\" name=\"to\" value=\"%s\"></p>\n"
		 "<p><label for=\"status\">Status</label>\n<select id=\"status\" name=\"status\">\n"
		 "<option value=\"\">Any status</option>\n", f->from ? f->from : "", f->to ? f->to : "");
	for (int i = 0; stages[i]; i++)
		html_fmt(b, "<option value=\"%s\"%r>%s</option>\n", stages[i],
			 f->stage && strcmp(f->stage, stages[i]) == 0 ? " selected" : "", stage_labels[i]);
	buf_puts(b, "</select></p>\n</div>\n</fieldset>\n"
		    "<button type=\"submit\" class=\"button\">Show meetings</button>\n"
		    "<a href=\"/admin\">Clear the filters</a>\n</form>\n");
	return 0;
}

int page_admin(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", NULL } };
	struct list_table t = { "admin-meetings", "Meetings, newest first",
				(const char *const[]){ "Meeting", "Date", "Status", NULL }, NULL, 1, 0, 0 };
	struct session_row s;
	struct buf *b = &r->body;
	struct cursor c;
	struct adm_meeting_filter f;
	int64_t page, total;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if ((rc = admin_filter(r, &f, &page)))
		return rc;
	page_begin(r, SEC_ADMIN, "Back office", crumbs, 1);
	buf_puts(b, "<h1>Back office</h1>\n<p><a class=\"button\" href=\"/admin/meetings/new\">Create a meeting</a>");
	if (strcmp(s.role, "admin") == 0)
		buf_puts(b, " <a href=\"/admin/audit\">Audit log</a>");
	buf_puts(b, "</p>\n");
	admin_directory_links(r);
	admin_users_links(r);
	if (admin_notice_panel(r) < 0)
		return 500;
	buf_puts(b, "<h2>Meetings</h2>\n");
	if (admin_filters_form(r, &f) < 0 || adm_meetings_count(r->db, &f, &total) < 0)
		return 500;
	if (list_page_past_end(r, page, ADMIN_PER_PAGE, total, "meetings")) {
		buf_reset(b);
		return 404;
	}
	if (total == 0)
		buf_puts(b, "<p>No meeting matches these filters.</p>\n");
	else
		html_fmt(b, "<p>Meetings %l to %l of %l.</p>\n", f.offset + 1,
			 f.offset + ADMIN_PER_PAGE < total ? f.offset + ADMIN_PER_PAGE : total, total);
	if (total > f.offset) {
		list_head(b, &t);
		if (adm_meetings(r->db, &f, &c) < 0 || list_rows(r, &t, &c, meeting_list_row, NULL) < 0)
			return 500;
	}
	list_pager(b, &(struct list_pages){ "/admin", "Pages of meetings", page, ADMIN_PER_PAGE, total, admin_qs, &f });
	page_end(r);
	return 200;
}

/* --- the meeting form ------------------------------------------------- */

struct meeting_form {
	const char *organization_id, *location_id, *name, *date, *start, *end, *webcast;
	int listed;
};

static void meeting_fields(struct req *r, const struct meeting_form *v, const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct cursor c;
	const char *vals[64], *labs[64];
	int n = adm_orgs(r->db, &c) == 0 ? admin_choices(r, &c, vals, labs, 0, 64, 0) : 0;

	field_select(b, "organization_id", "Committee", vals, labs, n, v->organization_id, NULL, fe);
	vals[0] = "";
	labs[0] = "Not decided yet";
	n = adm_locations(r->db, &c) == 0 ? admin_choices(r, &c, vals, labs, 1, 64, 0) : 1;
	field_select(b, "location_id", "Venue", vals, labs, n, v->location_id, NULL, fe);
	field_input(b, "date", "date", "Date", v->date, "For example, 2027-03-04", fe, 1);
	field_input(b, "time", "start", "Start time", v->start, "24-hour clock, for example 14:00", fe, 1);
	field_input(b, "time", "end", "Expected end time (optional)", v->end, NULL, fe, 0);
	field_input(b, "text", "name", "Meeting name (optional)", v->name,
		    "Leave empty to use the committee's name", fe, 0);
	field_input(b, "url", "webcast", "Webcast link (optional)", v->webcast, NULL, fe, 0);
	field_checkbox(b, "listed", "List in the public calendar", v->listed,
		       "Untick for a meeting the public is not told of (an informal briefing, say): it then "
		       "exists only in the back office, with its agenda, minutes and documents", fe);
}

static int is_time(const char *t)
{
	return t && strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' &&
	       t[1] <= '9' && t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' &&
	       (t[0] < '2' || t[1] <= '3');
}



/* Validate the submitted meeting; fills e on success. */
static void meeting_validate(struct req *r, const struct meeting_form *v, struct meeting_edit *e,
			     struct form_errors *fe)
{
	struct civil c;
	struct buf t = BUF_INIT;

	memset(e, 0, sizeof(*e));
	e->organization_id = parse_id(v->organization_id);
	if (e->organization_id <= 0)
		ferr_add(fe, "organization_id", "Choose the committee");
	e->location_id = parse_id(v->location_id);
	if (e->location_id < 0)
		ferr_add(fe, "location_id", "Choose a venue from the list");
	if (!v->date || civil_parse(v->date, &c) < 0 || strlen(v->date) != 10)
		ferr_add(fe, "date", "Enter the date as YYYY-MM-DD, for example 2027-03-04");
	if (!is_time(v->start))
		ferr_add(fe, "start", "Enter the start time as HH:MM, for example 14:00");
	if (v->end && *v->end && !is_time(v->end))
		ferr_add(fe, "end", "Enter the end time as HH:MM, or leave it empty");
	else if (v->end && *v->end && is_time(v->start) && strcmp(v->end, v->start) <= 0)
		ferr_add(fe, "end", "The end time must be after the start time");
	if (!text_ok_ml(v->name, 200))
		ferr_add(fe, "name", "The meeting name must be at most 200 characters of text");
	if (v->webcast && *v->webcast && (strncmp(v->webcast, "https://", 8) != 0 ||
					  !text_ok_ml(v->webcast, 500) || strpbrk(v->webcast, " \"<>")))
		ferr_add(fe, "webcast", "Enter a webcast link starting with https://");
	if (fe->n)
		return;
	buf_printf(&t, "%s %s", v->date, v->start);
	e->start_at = req_strdup(r, t.data);
	buf_reset(&t);
	if (v->end && *v->end) {
		buf_printf(&t, "%s %s", v->date, v->end);
		e->end_at = req_strdup(r, t.data);
	}
	buf_release(&t);
	e->name = v->name && *v->name ? v->name : NULL;
	e->webcast_url = v->webcast && *v->webcast ? v->webcast : NULL;
	e->listed = v->listed;
}

static void meeting_form_read(const struct form *f, struct meeting_form *v)
{
	static const struct form_string fields[] = {
		FORM_STRING(struct meeting_form, organization_id), FORM_STRING(struct meeting_form, location_id),
		FORM_STRING(struct meeting_form, name), FORM_STRING(struct meeting_form, date),
		FORM_STRING(struct meeting_form, start), FORM_STRING(struct meeting_form, end),
		FORM_STRING(struct meeting_form, webcast),
	};

	admin_form_strings(f, v, fields, (int)(sizeof(fields) / sizeof(fields[0])));
	v->listed = form_get(f, "listed") && strcmp(form_get(f, "listed"), "1") == 0;
}

static void new_meeting_page(struct req *r, const struct meeting_form *v, const struct form_errors *fe)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Create a meeting", NULL } };

	form_page_begin(r, crumbs, 2, "Create a meeting", "/admin/meetings/new", fe);
	meeting_fields(r, v, fe);
	form_page_end(r, "Create the meeting");
}

int page_admin_meeting_new(struct req *r)
{
	struct session_row s;
	struct meeting_form v = { .listed = 1 }; /* listed unless the clerk says not */
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	new_meeting_page(r, &v, NULL);
	return 200;
}

static void meeting_page(struct req *r, const struct meeting_row *m, const struct meeting_form *v,
			 const struct form_errors *fe);

/* The create form (m NULL) or the details form of meeting m, posted. */
static int meeting_save(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct meeting_form v;
	struct meeting_edit e;
	int64_t id;

	meeting_form_read(&p->f, &v);
	meeting_validate(r, &v, &e, &p->fe);
	if (p->fe.n) {
		if (m)
			meeting_page(r, m, &v, &p->fe);
		else
			new_meeting_page(r, &v, &p->fe);
		return 400;
	}
	id = adm_meeting_save(r->db, p->s.user_id, m ? m->id : 0, &e);
	return admin_saved(r, id, m ? NULL : "The meeting could not be saved.", "/admin/meetings/%lld",
			   m ? m->id : id, 0);
}

static int meeting_new(struct req *r, struct apost *p, const void *ctx)
{
	(void)ctx;
	return meeting_save(r, p, NULL);
}

int post_admin_meeting_new(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, meeting_new, NULL);
}

/* --- one meeting -------------------------------------------------------- */

static void agenda_builder(struct req *r, const struct meeting_row *m)
{
	struct buf *b = &r->body;
	struct cursor c;
	struct item_row it;
	struct buf act = BUF_INIT;
	int n = 0;

	buf_puts(b, "<section aria-labelledby=\"agenda\">\n<h2 id=\"agenda\">Agenda</h2>\n");
	if (adm_items_of_meeting(r->db, m->id, &c) < 0)
		return;
	while (cursor_next_item(&c, &it)) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"agenda-builder\">\n<caption class=\"visually-hidden\">Agenda items</caption>\n"
				    "<thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Title</th><th scope=\"col\">Order</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr%r><td>%s</td><td><a href=\"/admin/meetings/%l/items/%l\">%s</a>%r</td><td>",
			 it.parent_id ? " class=\"sub-item\"" : "", it.number ? it.number : "", m->id, it.id, it.title,
			 it.exempt ? " <strong class=\"tag tag-exempt\">Exempt</strong>" : "");
		buf_reset(&act);
		buf_printf(&act, "/admin/meetings/%lld/items/%lld/move?d=up", (long long)m->id, (long long)it.id);
		button_form(r, act.data, "Move up", "button-small");
		buf_reset(&act);
		buf_printf(&act, "/admin/meetings/%lld/items/%lld/move?d=down", (long long)m->id, (long long)it.id);
		button_form(r, act.data, "Move down", "button-small");
		buf_puts(b, "</td></tr>\n");
	}
	buf_release(&act);
	buf_puts(b, n ? "</tbody>\n</table>\n" : "<p>There are no items yet.</p>\n");
	html_fmt(b, "<h3>Add an item</h3>\n<form method=\"post\" action=\"/admin/meetings/%l/items\" novalidate>\n", m->id);
	field_csrf(r);
	field_id_prefix("add-");
	field_input(b, "text", "title", "Title", NULL, NULL, NULL, 1);
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Add the item</button>\n</form>\n</section>\n");
}

static void publication_panel(struct req *r, const struct meeting_row *m)
{
	struct buf *b = &r->body;
	struct body_row body;
	struct notice_result nr;
	char latest[11], action[64];
	int days = pub_body(r->db, &body) == 1 ? body.notice_clear_days : NOTICE_CLEAR_DAYS_ENGLAND;

	buf_puts(b, "<section aria-labelledby=\"publication\">\n<h2 id=\"publication\">Publication</h2>\n");
	if (strcmp(m->agenda_status, "published") == 0) {
		buf_puts(b, "<p>The agenda was published ");
		date_put_utc_local(b, m->agenda_published_at);
		buf_puts(b, ".");
		if (notice_check(m->agenda_published_at, m->start_at, days, &nr) == 0) {
			if (nr.late)
				html_fmt(b, " <strong class=\"warning\">That was later than the statutory notice: it gave %d clear "
					 "days, %d are required.</strong>", nr.clear_days_given, nr.clear_days_required);
			else
				buf_printf(b, " It gave %d clear days' notice.", nr.clear_days_given);
		}
		buf_puts(b, "</p>\n");
		if (strcmp(m->minutes_status, "published") != 0 && strcmp(m->minutes_status, "approved") != 0) {
			html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/unpublish\">\n", m->id);
			field_csrf(r);
			field_id_prefix("agenda-");
			field_input(b, "text", "reason", "Reason for unpublishing the agenda", NULL,
				    "Kept in the audit log for clerks; the public page says only that the agenda "
				    "was withdrawn", NULL, 1);
			field_id_prefix(NULL);
			buf_puts(b, "<button type=\"submit\" class=\"button button-secondary\">Unpublish the agenda</button>\n</form>\n");
		}
	} else {
		if (m->agenda_withdrawn_at) {
			buf_puts(b, "<p>The agenda was withdrawn ");
			date_put_utc_local(b, m->agenda_withdrawn_at);
			buf_puts(b, ": the public page says so until it is published again.</p>\n");
		}
		if (notice_latest_publication(m->start_at, days, latest) == 0) {
			html_fmt(b, "<p>To give %d clear days' notice, publish the agenda by the end of ", days);
			date_put_long(b, latest);
			buf_puts(b, ".</p>\n");
		}
		snprintf(action, sizeof(action), "/admin/meetings/%lld/publish", (long long)m->id);
		button_form(r, action, "Publish the agenda", "button");
	}
	buf_puts(b, "<h3>Minutes</h3>\n");
	html_fmt(b, "<p>Status: %s.</p>\n", strcmp(m->minutes_status, "none") == 0 ? "not started" :
		 strcmp(m->minutes_status, "draft") == 0 ? "draft, seen by clerks only" :
		 strcmp(m->minutes_status, "published") == 0 ? "draft published, awaiting approval" :
		 "approved and locked (changes are recorded as amendments)");
	if (strcmp(m->minutes_status, "published") != 0 && strcmp(m->minutes_status, "approved") != 0 &&
	    strcmp(m->agenda_status, "published") == 0) {
		html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/minutes\" class=\"inline-form\">\n", m->id);
		field_csrf(r);
		buf_puts(b, "<input type=\"hidden\" name=\"status\" value=\"published\">\n"
			    "<button type=\"submit\" class=\"button\">Publish the draft minutes</button>\n</form>\n");
	}
	if (strcmp(m->minutes_status, "published") == 0) {
		struct cursor c;
		struct meeting_row later;
		int n = 0;
		html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/minutes\">\n", m->id);
		field_csrf(r);
		buf_puts(b, "<input type=\"hidden\" name=\"status\" value=\"approved\">\n"
			    "<div class=\"field\"><label for=\"minutes-approved_by\">Approved at the meeting of</label>\n"
			    "<select id=\"minutes-approved_by\" name=\"approved_by\">\n");
		/* the committee's meetings from that day on (later ones, below) */
		char day[11];
		struct adm_meeting_filter f = { .committee = m->organization_id, .from = day };
		snprintf(day, sizeof(day), "%.10s", m->start_at);
		if (adm_meetings(r->db, &f, &c) == 0) {
			while (cursor_next_meeting(&c, &later)) {
				if (later.organization_id != m->organization_id || strcmp(later.start_at, m->start_at) <= 0)
					continue;
				html_fmt(b, "<option value=\"%l\">", later.id);
				date_put_long(b, later.start_at);
				buf_puts(b, "</option>\n");
				n++;
			}
		}
		buf_puts(b, "</select></div>\n");
		buf_puts(b, n ? "<button type=\"submit\" class=\"button\">Record the minutes as approved</button>\n"
			      : "<p>Create the committee's next meeting first: minutes are approved at a later meeting.</p>\n");
		buf_puts(b, "</form>\n");
		html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/minutes\">\n", m->id);
		field_csrf(r);
		buf_puts(b, "<input type=\"hidden\" name=\"status\" value=\"draft\">\n");
		field_id_prefix("minutes-");
		field_input(b, "text", "reason", "Reason for unpublishing the minutes", NULL,
			    "Kept in the audit log for clerks; the public page says only that the minutes "
			    "were withdrawn", NULL, 1);
		field_id_prefix(NULL);
		buf_puts(b, "<button type=\"submit\" class=\"button button-secondary\">Unpublish the minutes</button>\n</form>\n");
	}
	buf_puts(b, "</section>\n");
}

static void state_panel(struct req *r, const struct meeting_row *m)
{
	struct buf *b = &r->body;
	static const char *const vals[] = { "scheduled", "held", "postponed", "cancelled" };
	static const char *const labs[] = { "Scheduled", "Held", "Postponed", "Cancelled" };

	html_fmt(b, "<section aria-labelledby=\"state\">\n<h2 id=\"state\">Status</h2>\n"
		 "<form method=\"post\" action=\"/admin/meetings/%l/state\">\n", m->id);
	field_csrf(r);
	field_id_prefix("state-");
	field_select(b, "state", "The meeting is", vals, labs, 4, m->state, NULL, NULL);
	field_input(b, "text", "reason", "Reason (shown to the public when cancelled or postponed)",
		    m->state_reason, "For any other status the reason is kept in the audit log only", NULL, 0);
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button button-secondary\">Change the status</button>\n</form>\n</section>\n");
}

static void meeting_page(struct req *r, const struct meeting_row *m, const struct meeting_form *v,
			 const struct form_errors *fe)
{
	struct buf *b = &r->body;
	struct buf title = BUF_INIT, when = BUF_INIT;
	struct crumb crumbs[2];

	meeting_label(&title, m);
	date_put_long(&when, m->start_at);
	crumbs[0] = admin_crumb;
	crumbs[1] = (struct crumb){ req_strdup(r, when.data), NULL };
	page_begin(r, SEC_ADMIN, (fe && fe->n) || resubmit_errors("decl-") || resubmit_errors("up-") ?
		   req_strdup(r, "Error: Meeting") : title.data, crumbs, 2);
	ferr_summary(b, fe);
	resubmit_summary(b);
	html_fmt(b, "<h1><span class=\"caption\">%s</span> %s</h1>\n", m->name, when.data);
	if (adm_meeting_listed(r->db, m->id) != 1)
		buf_puts(b, "<p class=\"notice\"><strong>Not listed in the public calendar.</strong> This meeting "
			    "exists only in the back office, with its agenda, minutes and documents, whatever is "
			    "published; tick \u201cList in the public calendar\u201d under Details to list it.</p>\n");
	else
		html_fmt(b, "<p><a href=\"/meetings/%l\">See the public page</a></p>\n", m->id);
	publication_panel(r, m);
	agenda_builder(r, m);
	admin_documents_section(r, m->id);
	admin_proceedings_section(r, m->id);
	html_fmt(b, "<section aria-labelledby=\"details\">\n<h2 id=\"details\">Details</h2>\n"
		 "<form method=\"post\" action=\"/admin/meetings/%l\" novalidate>\n", m->id);
	field_csrf(r);
	meeting_fields(r, v, fe);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Save the details</button>\n</form>\n</section>\n");
	state_panel(r, m);
	page_end(r);
	buf_release(&title);
	buf_release(&when);
}

int admin_meeting_page_stored(struct req *r, const struct meeting_row *mr)
{
	struct meeting_row m = *mr;
	struct meeting_form v;
	char org[24], loc[24], date[11], start[6], end[6];

	snprintf(org, sizeof(org), "%lld", (long long)m.organization_id);
	snprintf(loc, sizeof(loc), "%lld", (long long)m.location_id);
	snprintf(date, sizeof(date), "%.10s", m.start_at);
	snprintf(start, sizeof(start), "%.5s", m.start_at + 11);
	snprintf(end, sizeof(end), "%.5s", m.end_at && strlen(m.end_at) >= 16 ? m.end_at + 11 : "");
	v = (struct meeting_form){ org, m.location_id ? loc : "", NULL, date, start, end, m.webcast_url,
				   adm_meeting_listed(r->db, m.id) == 1 };
	meeting_page(r, &m, &v, NULL);
	return 200;
}

/* A GET of a page of meeting r->id[0], for clerks: show it. */
static int meeting_get(struct req *r, int (*show)(struct req *r, const struct meeting_row *m))
{
	struct session_row s;
	struct meeting_row m;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if ((rc = adm_meeting(r->db, r->id[0], &m)) <= 0)
		return rc < 0 ? 500 : 404;
	return show(r, &m);
}

int page_admin_meeting(struct req *r)
{
	return meeting_get(r, admin_meeting_page_stored);
}

int post_admin_meeting(struct req *r)
{
	return admin_meeting_post(r, meeting_save, "/admin/meetings/%lld");
}

/* After a write of the meeting's lifecycle: 0 if it was done, 409 with
 * the reason if the lifecycle refused it (db/lifecycle.h), else 500. */
static int refused_or_failed(struct req *r, int rc)
{
	if (rc == LIFE_REFUSED) {
		r->errmsg = req_strdup(r, r->db->err);
		return 409;
	}
	return rc < 0 ? 500 : 0;
}

static int meeting_state(struct req *r, struct apost *p, const struct meeting_row *m)
{
	const char *state = form_get(&p->f, "state"), *reason = form_get(&p->f, "reason");

	if (!state || (strcmp(state, "scheduled") && strcmp(state, "held") && strcmp(state, "cancelled") &&
		       strcmp(state, "postponed")))
		return admin_refuse(r, 400, "Choose a status from the list.");
	if (!text_ok_ml(reason, 500))
		return admin_refuse(r, 400, "The reason must be at most 500 characters of text.");
	if ((!strcmp(state, "cancelled") || !strcmp(state, "postponed")) && (!reason || !*reason))
		return admin_refuse(r, 400, "Give the reason the meeting is cancelled or postponed: the public will see it.");
	/* A step the lifecycle does not allow comes back refused, with why. */
	return refused_or_failed(r, adm_meeting_state(r->db, p->s.user_id, m->id, state,
						      reason && *reason ? reason : NULL));
}

int post_admin_meeting_state(struct req *r)
{
	return admin_meeting_post(r, meeting_state, "/admin/meetings/%lld");
}

/* Publish the agenda, or unpublish it with the reason posted. */
static int agenda_set(struct req *r, const struct apost *p, const struct meeting_row *m, int publish)
{
	const char *reason = form_get(&p->f, "reason");

	if ((r->errmsg = life_refusal(LIFE_AGENDA, m->agenda_status, publish ? "published" : "draft",
				      m->agenda_status, m->minutes_status)))
		return 409;
	if (!publish && (!reason || !*reason || !text_ok_ml(reason, 500)))
		return admin_refuse(r, 400, "Give the reason for unpublishing the agenda (at most 500 characters).");
	return refused_or_failed(r, adm_agenda_publish(r->db, p->s.user_id, m->id, publish ? NULL : reason));
}

static int agenda_publish(struct req *r, struct apost *p, const struct meeting_row *m)
{
	return agenda_set(r, p, m, 1);
}

static int agenda_unpublish(struct req *r, struct apost *p, const struct meeting_row *m)
{
	return agenda_set(r, p, m, 0);
}

int post_admin_agenda_publish(struct req *r)
{
	return admin_meeting_post(r, agenda_publish, "/admin/meetings/%lld");
}

int post_admin_agenda_unpublish(struct req *r)
{
	return admin_meeting_post(r, agenda_unpublish, "/admin/meetings/%lld");
}

static int minutes_status(struct req *r, struct apost *p, const struct meeting_row *mr)
{
	struct meeting_row m = *mr, later;
	const char *status = form_get(&p->f, "status"), *reason = form_get(&p->f, "reason");
	int64_t by = 0;

	if (!status || (strcmp(status, "published") && strcmp(status, "approved") && strcmp(status, "draft")))
		return admin_refuse(r, 400, "Choose what to do with the minutes.");
	if ((r->errmsg = life_refusal(LIFE_MINUTES, m.minutes_status, status, m.agenda_status, m.minutes_status)))
		return 409;
	if (strcmp(status, "approved") == 0) {
		/* adm_meeting() below reuses the statement m points into. */
		m.start_at = req_strdup(r, m.start_at);
		by = parse_id(form_get(&p->f, "approved_by"));
		if (by <= 0 || adm_meeting(r->db, by, &later) != 1 ||
		    later.organization_id != m.organization_id || strcmp(later.start_at, m.start_at) <= 0)
			return admin_refuse(r, 409, "Minutes are approved at a later meeting of the same committee: choose one.");
	} else if (strcmp(status, "draft") == 0 && (!reason || !*reason || !text_ok_ml(reason, 500))) {
		return admin_refuse(r, 409, "Give the reason for unpublishing the minutes (at most 500 characters).");
	}
	return refused_or_failed(r, adm_minutes_status(r->db, p->s.user_id, m.id, status, by,
						       strcmp(status, "draft") == 0 ? reason : NULL));
}

int post_admin_minutes(struct req *r)
{
	return admin_meeting_post(r, minutes_status, "/admin/meetings/%lld");
}

/* --- agenda items --------------------------------------------------------- */

static int item_new(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct item_edit e = { .title = form_get(&p->f, "title") };
	int64_t id;

	if (!e.title || !*e.title || !text_ok_ml(e.title, 500))
		return admin_refuse(r, 400, "Enter the item's title (at most 500 characters).");
	id = adm_item_save(r->db, p->s.user_id, m->id, 0, &e);
	return admin_saved(r, id, NULL, "/admin/meetings/%lld/items/%lld", m->id, id);
}

int post_admin_item_new(struct req *r)
{
	return admin_meeting_post(r, item_new, "/admin/meetings/%lld");
}

struct item_form {
	const char *number, *title, *exempt, *paragraph, *reason, *description, *minutes, *decision, *amendment;
	const char *parent;
};

/* "Sub-item of": the meeting's other top-level items. */
static void parent_field(struct req *r, const struct meeting_row *m, int64_t item_id, const char *selected,
			 const struct form_errors *fe)
{
	struct cursor c;
	struct item_row it;
	const char *vals[128], *labs[128];
	int n = 0;

	vals[n] = "";
	labs[n++] = "None: a main item";
	if (adm_items_of_meeting(r->db, m->id, &c) == 0) {
		while (n < 128 && cursor_next_item(&c, &it)) {
			struct buf l = BUF_INIT, v = BUF_INIT;
			if (it.parent_id || it.id == item_id)
				continue;
			buf_printf(&v, "%lld", (long long)it.id);
			buf_printf(&l, "%s %s", it.number ? it.number : "", it.title);
			vals[n] = req_strdup(r, v.data);
			labs[n++] = req_strdup(r, l.data);
			buf_release(&l);
			buf_release(&v);
		}
	}
	field_select(&r->body, "parent", "Sub-item of", vals, labs, n, selected ? selected : "",
		     "A sub-item is numbered after its main item, for example 4a", fe);
}

static void item_page(struct req *r, const struct meeting_row *m, int64_t item_id, const struct item_form *v,
		      const struct form_errors *fe, int preview)
{
	struct buf *b = &r->body;
	struct buf when = BUF_INIT, href = BUF_INIT;
	struct crumb crumbs[3];
	static const char *const pvals[] = { "", "1", "2", "3", "4", "5", "6", "7" };
	static const char *const plabs[] = { "Not exempt", "1 – information relating to any individual",
		"2 – likely to reveal the identity of an individual",
		"3 – financial or business affairs", "4 – labour relations consultations or negotiations",
		"5 – legal professional privilege", "6 – notices, orders or directions",
		"7 – prevention, investigation or prosecution of crime" };

	date_put_long(&when, m->start_at);
	buf_printf(&href, "/admin/meetings/%lld", (long long)m->id);
	crumbs[0] = admin_crumb;
	crumbs[1] = (struct crumb){ req_strdup(r, when.data), req_strdup(r, href.data) };
	crumbs[2] = (struct crumb){ "Agenda item", NULL };
	page_begin(r, SEC_ADMIN, (fe && fe->n) || resubmit_errors("vote-") ? "Error: Agenda item" : "Agenda item",
		   crumbs, 3);
	ferr_summary(b, fe);
	resubmit_summary(b);
	html_fmt(b, "<h1><span class=\"caption\">%s, %s</span> %s</h1>\n", m->name, when.data,
		 v->title && *v->title ? v->title : "Agenda item");
	if (preview) {
		const char *parts[][2] = { { "Description", v->description }, { "Minutes", v->minutes },
					   { "Decision", v->decision } };
		buf_puts(b, "<section class=\"preview\" aria-labelledby=\"preview\">\n<h2 id=\"preview\">Preview</h2>\n");
		for (int i = 0; i < 3; i++) {
			char *html;
			if (!parts[i][1] || !*parts[i][1])
				continue;
			html = markdown_to_html(parts[i][1], strlen(parts[i][1]));
			html_fmt(b, "<h3>%s</h3>\n<div class=\"prose\">%r</div>\n", parts[i][0], html ? html : "");
			free(html);
		}
		buf_puts(b, "</section>\n");
	}
	html_fmt(b, "<form method=\"post\" action=\"/admin/meetings/%l/items/%l\" novalidate>\n", m->id, item_id);
	field_csrf(r);
	field_input(b, "text", "number", "Number", v->number, "For example 4 or 4a", fe, 0);
	field_input(b, "text", "title", "Title", v->title, "Always public, also for an exempt item", fe, 1);
	parent_field(r, m, item_id, v->parent, fe);
	field_select(b, "paragraph", "Exempt under Schedule 12A, paragraph", pvals, plabs, 8,
		     v->exempt && *v->exempt ? v->paragraph : "",
		     "An exempt item shows only its title and this paragraph to the public", fe);
	field_input(b, "text", "reason", "Public interest reason for exemption", v->reason, NULL, fe, 0);
	field_textarea(b, "description", "Description", v->description, "Markdown", fe, 6);
	field_textarea(b, "minutes", "Minutes", v->minutes, "Markdown. Seen by the public once the minutes are published", fe, 12);
	field_textarea(b, "decision", "Decision", v->decision, "Markdown", fe, 4);
	if (strcmp(m->minutes_status, "approved") == 0)
		field_input(b, "text", "amendment", "Reason for amending the approved minutes", v->amendment,
			    "The minutes are approved and locked: a change is recorded as an amendment with this reason", fe, 0);
	buf_puts(b, "<div class=\"button-group\"><button type=\"submit\" class=\"button\" name=\"action\" value=\"save\">Save the item</button>\n"
		    "<button type=\"submit\" class=\"button button-secondary\" name=\"action\" value=\"preview\">Preview</button></div>\n</form>\n");
	admin_votes_section(r, m->id, item_id);
	admin_item_decisions(r, m->id, item_id);
	page_end(r);
	buf_release(&when);
	buf_release(&href);
}

int admin_item_page_stored(struct req *r, const struct meeting_row *m, int64_t item_id)
{
	struct item_src it;
	struct item_form v;
	char para[4], parent[24];
	int rc;

	if ((rc = adm_item(r->db, m->id, item_id, &it)) <= 0)
		return rc < 0 ? 500 : 404;
	snprintf(para, sizeof(para), "%d", it.row.exempt_paragraph);
	snprintf(parent, sizeof(parent), "%lld", (long long)it.row.parent_id);
	v = (struct item_form){ it.row.number, it.row.title, it.row.exempt ? "1" : "", para,
				it.row.exempt_reason, it.description_md, it.minutes_md, it.decision_md, NULL,
				it.row.parent_id ? parent : "" };
	item_page(r, m, it.row.id, &v, NULL, 0);
	return 200;
}

static int item_page_of_path(struct req *r, const struct meeting_row *m)
{
	return admin_item_page_stored(r, m, r->id[1]);
}

int page_admin_item(struct req *r)
{
	return meeting_get(r, item_page_of_path);
}

/* The item's form as posted. */
static void item_form_read(const struct form *f, struct item_form *v)
{
	static const struct form_string fields[] = {
		FORM_STRING(struct item_form, number), FORM_STRING(struct item_form, title),
		FORM_STRING(struct item_form, paragraph), FORM_STRING(struct item_form, reason),
		FORM_STRING(struct item_form, description), FORM_STRING(struct item_form, minutes),
		FORM_STRING(struct item_form, decision), FORM_STRING(struct item_form, amendment),
		FORM_STRING(struct item_form, parent),
	};

	admin_form_strings(f, v, fields, (int)(sizeof(fields) / sizeof(fields[0])));
	v->exempt = v->paragraph && *v->paragraph ? "1" : "";
}

static void item_validate(const struct item_form *v, int64_t parent_id, struct form_errors *fe)
{
	if (parent_id < 0)
		ferr_add(fe, "parent", "Choose the main item from the list");
	if (!v->title || !*v->title || !text_ok_ml(v->title, 500))
		ferr_add(fe, "title", "Enter the item's title (at most 500 characters)");
	if (!text_ok_ml(v->number, 10))
		ferr_add(fe, "number", "The number must be at most 10 characters");
	if (*v->exempt && (strlen(v->paragraph) != 1 || v->paragraph[0] < '1' || v->paragraph[0] > '7'))
		ferr_add(fe, "paragraph", "Choose a paragraph of Schedule 12A from the list");
	if (*v->exempt && (!v->reason || !*v->reason))
		ferr_add(fe, "reason", "Give the public interest reason for the exemption");
	if (!text_ok_ml(v->reason, 1000))
		ferr_add(fe, "reason", "The reason must be at most 1,000 characters");
	if (!text_ok_ml(v->description, 100000))
		ferr_add(fe, "description", "The description must be at most 100,000 characters");
	if (!text_ok_ml(v->minutes, 200000))
		ferr_add(fe, "minutes", "The minutes must be at most 200,000 characters");
	if (!text_ok_ml(v->decision, 100000))
		ferr_add(fe, "decision", "The decision must be at most 100,000 characters");
}

/* The item's form saved, or shown again: a preview, or with what the
 * database refused (approved minutes without a reason, a bad parent). */
static int item_save(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct item_src it;
	struct item_form v;
	struct item_edit e;
	const char *action = form_get(&p->f, "action");
	int64_t parent_id;
	int rc = adm_item(r->db, m->id, r->id[1], &it);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	item_form_read(&p->f, &v);
	parent_id = parse_id(v.parent);
	item_validate(&v, parent_id, &p->fe);
	if (p->fe.n || (action && strcmp(action, "preview") == 0)) {
		item_page(r, m, it.row.id, &v, &p->fe, p->fe.n == 0);
		return p->fe.n ? 400 : 200;
	}
	e = (struct item_edit){ v.number && *v.number ? v.number : NULL, v.title, *v.exempt ? 1 : 0,
				*v.exempt ? v.paragraph[0] - '0' : 0, v.reason && *v.reason ? v.reason : NULL,
				v.description, v.minutes, v.decision, v.amendment, parent_id,
				parent_id != it.row.parent_id };
	if (adm_item_save(r->db, p->s.user_id, m->id, it.row.id, &e) >= 0)
		return 0;
	if (strcmp(r->db->err, "locked") == 0)
		ferr_add(&p->fe, "amendment", "The minutes are approved: give the reason for the amendment");
	else if (strcmp(r->db->err, "bad parent") == 0)
		ferr_add(&p->fe, "parent", "A sub-item belongs to a main item of this meeting, and an item with sub-items cannot become one");
	else
		return 500;
	item_page(r, m, it.row.id, &v, &p->fe, 0);
	return 400;
}

int post_admin_item(struct req *r)
{
	return admin_meeting_post(r, item_save, "/admin/meetings/%lld");
}

static int item_move(struct req *r, struct apost *p, const struct meeting_row *m)
{
	struct item_src it;
	int rc = adm_item(r->db, m->id, r->id[1], &it);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if (!r->q[0].set || (strcmp(r->q[0].text, "up") && strcmp(r->q[0].text, "down")))
		return admin_refuse(r, 400, "Say which way to move the item.");
	return adm_item_move(r->db, p->s.user_id, m->id, it.row.id, strcmp(r->q[0].text, "up") == 0 ? -1 : 1) < 0 ?
	       500 : 0;
}

int post_admin_item_move(struct req *r)
{
	return admin_meeting_post(r, item_move, "/admin/meetings/%lld");
}
