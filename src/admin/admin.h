/* admin.h: the back office: sign-in, and the pages where clerks author and
 * publish the record.  Every handler starts with auth_page() (GET) or
 * auth_post() (POST, which also checks the CSRF token); every POST that
 * succeeds answers 303 to a GET page (post/redirect/get), and one that
 * fails validation shows the form again with what was typed and inline
 * errors.  The form markup is ui/form.c's; the checks at the edge are
 * in forms.c. */
#ifndef WITAN_ADMIN_H
#define WITAN_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "db/model.h"
#include "db/public.h"
#include "http/form.h"
#include "http/req.h"
#include "ui/form.h"
#include "ui/lists.h"
#include "util/valid.h"

/* handlers */
int page_login(struct req *r);
int post_login(struct req *r);
int post_login_code(struct req *r);
int post_logout(struct req *r);
int page_admin(struct req *r);
int page_admin_meeting_new(struct req *r);
int post_admin_meeting_new(struct req *r);
int page_admin_meeting(struct req *r);
int post_admin_meeting(struct req *r);
int post_admin_meeting_state(struct req *r);
int post_admin_agenda_publish(struct req *r);
int post_admin_agenda_unpublish(struct req *r);
int post_admin_minutes(struct req *r);
int post_admin_item_new(struct req *r);
int page_admin_item(struct req *r);
int post_admin_item(struct req *r);
int post_admin_item_move(struct req *r);
int page_admin_audit(struct req *r);
/* E-mail alerts (alerts.c), admins only. */
int page_admin_alerts(struct req *r);
int post_admin_alerts_test(struct req *r);
int post_admin_alerts_export(struct req *r);
int post_admin_alerts_erase(struct req *r);
int post_admin_document(struct req *r);
int page_admin_document(struct req *r);
int post_admin_attendance(struct req *r);
int post_admin_declaration(struct req *r);
int post_admin_vote(struct req *r);
int post_admin_vote_record(struct req *r);
/* The meeting's / item's back-office page from what is stored (meetings.c);
 * status 200 (or 404/500 for a missing item). */
int admin_meeting_page_stored(struct req *r, const struct meeting_row *m);
int admin_item_page_stored(struct req *r, const struct meeting_row *m, int64_t item_id);
/* The sections of those pages that other files' forms post to are
 * admin/sections.h's. */
/* The dashboard's Notice panel: agendas and key decisions of the last
 * month and to come that missed their statutory notice (notice.c); 0 or
 * -1 (the page is then a 500). */
int admin_notice_panel(struct req *r);

/* Committees, people and venues, with memberships (directory.c). */
int page_admin_committees(struct req *r);
int page_admin_committee_new(struct req *r);
int post_admin_committee_new(struct req *r);
int page_admin_committee(struct req *r);
int post_admin_committee(struct req *r);
int post_admin_committee_member(struct req *r);
int post_admin_committee_member_end(struct req *r);
int page_admin_people(struct req *r);
int page_admin_person_new(struct req *r);
int post_admin_person_new(struct req *r);
int page_admin_person(struct req *r);
int post_admin_person(struct req *r);
int page_admin_locations(struct req *r);
int page_admin_location_new(struct req *r);
int post_admin_location_new(struct req *r);
int page_admin_location(struct req *r);
int post_admin_location(struct req *r);
/* Links to them for the back office's home page (directory.c). */
void admin_directory_links(struct req *r);

/* Statutory records (issue 13): decision records (decisions.c), the
 * forward plan of key decisions (plan.c), and the register of members'
 * interests on a person's page (interests.c). */
int page_admin_decisions(struct req *r);
int page_admin_decision_new(struct req *r);
int post_admin_decision_new(struct req *r);
int page_admin_decision(struct req *r);
int post_admin_decision(struct req *r);
/* The create form filled in from agenda item /admin/meetings/{id}/items/{id}/decision. */
int page_admin_item_decision(struct req *r);
int page_admin_plan(struct req *r);
int page_admin_plan_new(struct req *r);
int post_admin_plan_new(struct req *r);
int page_admin_plan_entry(struct req *r);
int post_admin_plan_entry(struct req *r);
int post_admin_interest_new(struct req *r);
int page_admin_interest(struct req *r);
int post_admin_interest(struct req *r);
int post_admin_interest_end(struct req *r);
/* The decision records of an item, with "Record a decision", for the
 * item's page (decisions.c). */
void admin_item_decisions(struct req *r, int64_t meeting_id, int64_t item_id);
/* A person's register of interests with its forms, for the person's page
 * (interests.c). */
void admin_person_interests(struct req *r, int64_t person_id);

/* Accounts and the body's settings, for admins only (users.c). */
int page_admin_users(struct req *r);
int page_admin_user_new(struct req *r);
int post_admin_user_new(struct req *r);
int page_admin_user(struct req *r);
int post_admin_user(struct req *r);
int page_admin_settings(struct req *r);
int post_admin_settings(struct req *r);
/* Links to them for the back office's home page, shown to admins only (users.c). */
void admin_users_links(struct req *r);
/* Check a new password (fields "password") and its confirmation
 * ("password_confirm"), the rules of `witan user add`: required, or both
 * empty means "unchanged"; 1 if one is to be set.  Lengths are in
 * characters, as people count them (users.c). */
int admin_check_password(struct form_errors *fe, const char *pw, const char *again, int required);

/* My account, for anyone signed in (account.c): their own password and
 * e-mail address (the current password required), their sessions. */
int page_admin_account(struct req *r);
int post_admin_account_password(struct req *r);
int post_admin_account_email(struct req *r);
int post_admin_account_session_revoke(struct req *r);
/* Its second factor (TOTP), for admins: enrol (a secret, confirmed by a
 * first code), or turn off (password and code). */
int post_admin_account_totp_start(struct req *r);
int post_admin_account_totp_confirm(struct req *r);
int post_admin_account_totp_disable(struct req *r);

/* --- forms.c: the forms on the way in (their markup: ui/form.h) ----- */

/* Parse the request body into f; on failure sets r->errmsg and returns 400. */
int admin_form(struct req *r, struct form *f);

/* Checks at the edge (forms.c). */
/* A typed value fit to be shown again: forbidden characters as U+FFFD. */
const char *shown(struct req *r, const char *s, int multiline);
int is_empty(const char *s);
/* NULL for an empty optional value (stored as SQL NULL). */
const char *opt(const char *s);
/* The form's value of name with the spaces around it removed. */
const char *field_trim(struct req *r, const struct form *f, const char *name);
/* A positive id: the id, 0 for empty, -1 for anything else. */
int64_t parse_id(const char *s);
/* 1 if v is one of list[0..n). */
int in_list(const char *v, const char *const *list, int n);
/* A text field of a form struct: its input's name and its member. */
struct form_string {
	const char *name;
	size_t off;
};
#define FORM_STRING(type, member) { #member, offsetof(type, member) }
/* The values of fields[0..n) as posted, into v's members. */
void admin_form_strings(const struct form *f, void *v, const struct form_string *fields, int n);
struct cursor;
/* The options of a <select> from a cursor of (id, name) choices
 * (cursor_next_choice), after the n already in vals and labs: all but
 * skip, up to max in all (the rest are read and dropped); the new n. */
int admin_choices(struct req *r, struct cursor *c, const char **vals, const char **labs, int n, int max,
		  int64_t skip);
/* --- model_form.c: create and edit forms from the model ---------------- */
#define MFORM_MAX 40
/* The texts of an entity's form, one per field of the model: as typed, or
 * as stored. */
struct mform {
	const struct mentity *e;
	const char *v[MFORM_MAX];
};
/* Draws the input of a reference field (a choice of rows). */
typedef void (*mform_ref_fn)(struct req *r, const struct mfield *f, const char *label, const char *value,
			     const struct form_errors *fe, void *ctx);
void mform_init(struct mform *m, const struct mentity *e);
void mform_from_row(struct req *r, struct mform *m, const struct mentity *e, const void *row);
/* What was typed into the fields flagged MF_EDIT. */
void mform_read(struct req *r, struct mform *m, const struct mentity *e, const struct form *f);
/* Check with the model's rules, adding to fe; the number of errors. */
int mform_check(struct req *r, const struct mform *m, struct form_errors *fe);
/* The row struct of checked texts (for model_save). */
void mform_row(const struct mform *m, void *row);
const char *mform_value(const struct mform *m, const char *col);
void mform_set(struct mform *m, const char *col, const char *v);
/* The inputs of the fields flagged MF_EDIT, with the errors of fe. */
void mform_fields(struct req *r, const struct mform *m, const struct form_errors *fe, mform_ref_fn ref, void *ctx);

/* 303 to fmt with up to two ids (printf %lld). */
void see_other(struct req *r, const char *fmt, int64_t a, int64_t b);

/* --- handler.c: the steps every handler takes ---------------------------- */

/* Parse a POST into f (400 if it cannot be), then check session, role and
 * CSRF token (auth_post: 401, 403): 0 or that status. */
int admin_post(struct req *r, struct form *f, struct session_row *s, enum role need);
/* A POST as its handler's own step sees it. */
struct apost {
	struct form f;
	struct session_row s;
	struct form_errors fe;
};
/* The handler's own step: its status (303 once it has set the location,
 * e.g. with admin_saved; 400 with the form shown again ...). */
typedef int (*admin_post_fn)(struct req *r, struct apost *p, const void *ctx);
/* A whole POST: admin_post, act, the form released. */
int admin_post_run(struct req *r, enum role need, admin_post_fn act, const void *ctx);
/* The step of a POST on /admin/meetings/{id}/...: 0 for done, or a status. */
typedef int (*admin_meeting_fn)(struct req *r, struct apost *p, const struct meeting_row *m);
/* A whole POST on a meeting, for clerks: admin_post, meeting r->id[0]
 * loaded (404 if none), act; its 0 is a 303 to to (%lld: the meeting's
 * id, then r->id[1]). */
int admin_meeting_post(struct req *r, admin_meeting_fn act, const char *to);
/* After a write that returned res: < 0, 500 (with errmsg if not NULL);
 * else 303 to to (%lld: a, b). */
int admin_saved(struct req *r, int64_t res, const char *errmsg, const char *to, int64_t a, int64_t b);
/* status, with msg for the error page. */
int admin_refuse(struct req *r, int status, const char *msg);
/* A list page (ui/lists.h) for a role: auth_page, then list_page. */
int admin_list_page(struct req *r, enum role need, const struct list_page *p);

#endif
