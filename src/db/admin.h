/* admin.h: the back office's reads and writes of the record.  Reads go
 * through the adm_* views (everything not deleted, drafts and exempt
 * content included): call them only for a signed-in clerk.  Every write
 * appends to the audit log, with the row as JSON before and after, in the
 * same transaction. */
#ifndef WITAN_DB_ADMIN_H
#define WITAN_DB_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "db/public.h"

struct buf;

/* Which meetings of the back office's list (every field optional: 0 or
 * NULL is any).  stage: agenda_draft, agenda_published, minutes_draft,
 * minutes_published or minutes_approved (what the list's Status column
 * says); q: words in the meeting's or its committee's name. */
struct adm_meeting_filter {
	int64_t committee;
	const char *from, *to;   /* 'YYYY-MM-DD', the meeting's day */
	const char *stage, *q;
	int64_t limit, offset;   /* limit 0: all */
};
/* Meetings, newest first (drafts included), of the filter. */
int adm_meetings(struct db *db, const struct adm_meeting_filter *f, struct cursor *c);
/* How many adm_meetings() would give without limit and offset. */
int adm_meetings_count(struct db *db, const struct adm_meeting_filter *f, int64_t *n);
int adm_meeting(struct db *db, int64_t id, struct meeting_row *r);
int adm_items_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c);

/* An item with its Markdown sources (for editing). */
struct item_src {
	struct item_row row;
	const char *description_md, *minutes_md, *decision_md;
};
int adm_item(struct db *db, int64_t meeting_id, int64_t item_id, struct item_src *r);

/* Choices for forms: organizations and locations as (id, name). */
int adm_orgs(struct db *db, struct cursor *c);
int adm_locations(struct db *db, struct cursor *c);
/* For those cursors: 1 with id/name set, 0 at the end. */
int cursor_next_choice(struct cursor *c, int64_t *id, const char **name);

struct meeting_edit {
	int64_t organization_id, location_id;
	const char *name;              /* NULL: the organization's */
	const char *start_at, *end_at; /* local 'YYYY-MM-DD HH:MM' */
	const char *webcast_url;
	int listed;                    /* list in the public calendar (else back office only) */
};
/* Create (id 0) or update a meeting; returns its id or -1. */
int64_t adm_meeting_save(struct db *db, int64_t user_id, int64_t id, const struct meeting_edit *m);
/* 1 if the meeting is listed in the public calendar, 0 if not, -1. */
int adm_meeting_listed(struct db *db, int64_t id);
/* State changes: 'scheduled', 'held', 'cancelled', 'postponed'.  The reason
 * is public for cancelled and postponed, kept in the audit log otherwise. */
int adm_meeting_state(struct db *db, int64_t user_id, int64_t id, const char *state, const char *reason);
/* Publish the agenda now (publication time recorded). */
int adm_agenda_publish(struct db *db, int64_t user_id, int64_t id, const char *reason_unpublish);
/* Minutes: 'draft' -> 'published' -> 'approved' (by approved_by, a later
 * meeting); or back to 'draft' with a reason (unpublish). */
int adm_minutes_status(struct db *db, int64_t user_id, int64_t id, const char *status,
		       int64_t approved_by, const char *reason);

struct item_edit {
	const char *number, *title;
	int exempt, exempt_paragraph;
	const char *exempt_reason;
	const char *description_md, *minutes_md, *decision_md;
	const char *amendment_reason;  /* required when the minutes are approved (locked) */
	int64_t parent_id;             /* a sub-item of this top-level item, or 0 */
	int parent_changed;            /* 1: reorder and renumber the agenda */
};
/* Add an item at the end of a meeting's agenda (id 0) or update one;
 * returns the item id, or -1 with db->err set ("locked" when the minutes
 * are approved and no amendment reason is given). */
int64_t adm_item_save(struct db *db, int64_t user_id, int64_t meeting_id, int64_t id,
		      const struct item_edit *e);
/* Move an item up (-1) or down (+1) and renumber the agenda 1, 2, 3... */
int adm_item_move(struct db *db, int64_t user_id, int64_t meeting_id, int64_t id, int delta);

/* Documents of a meeting and of its items (all, exempt ones included). */
int adm_files_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c);
/* Any document (for clerks): 1, 0 or -1. */
int adm_file(struct db *db, int64_t id, struct file_row *r);
/* Record an uploaded document (bytes already in the store) and attach it
 * to the meeting, or to one of its items (item_id), with a role.  Returns
 * the file id or -1. */
struct file_attach {
	int64_t meeting_id, item_id;
	const char *title, *filename, *mime_type, *sha256, *role;
	size_t size;
};
int64_t adm_file_attach(struct db *db, int64_t user_id, const struct file_attach *a);

/* Attendance at a meeting: everyone recorded, and the people who could be
 * (current members of the committee on the meeting's date), as rows of
 * (person_id, name, status or NULL, substitute_for, note). */
struct attendee_row {
	int64_t person_id, substitute_for;
	const char *name, *status, *note, *role;
};
int adm_attendance(struct db *db, int64_t meeting_id, struct cursor *c);
int cursor_next_attendee(struct cursor *c, struct attendee_row *r);
/* All people, for "someone else" choices: (id, name) via cursor_next_choice. */
int adm_people_choices(struct db *db, struct cursor *c);
/* Replace the meeting's attendance with these entries (status NULL or ""
 * removes a person's entry). */
struct attendance_set {
	int64_t person_id, substitute_for;
	const char *status, *note;
};
int adm_attendance_save(struct db *db, int64_t user_id, int64_t meeting_id,
			const struct attendance_set *a, int n);
/* Declarations of interest. */
struct declaration_set {
	int64_t person_id, item_id;
	const char *kind, *description;
	int left_room;
};
int adm_declaration_add(struct db *db, int64_t user_id, int64_t meeting_id, const struct declaration_set *d);
int adm_declarations(struct db *db, int64_t meeting_id, struct cursor *c);  /* cursor_next_declaration */
/* A vote on an item. */
struct vote_set {
	const char *motion, *result;
	int votes_for, votes_against, abstentions;
};
int adm_vote_add(struct db *db, int64_t user_id, int64_t meeting_id, int64_t item_id, const struct vote_set *v);
int adm_votes(struct db *db, int64_t item_id, struct cursor *c);  /* cursor_next_vote */
/* A recorded vote: how each person voted ('for', 'against', 'abstain',
 * 'did_not_vote'); replaces earlier records, marks the vote recorded and
 * sets its counts from the records. */
struct vote_position {
	int64_t person_id;
	const char *position;
};
int adm_vote_record(struct db *db, int64_t user_id, int64_t meeting_id, int64_t item_id, int64_t vote_id,
		    const struct vote_position *p, int n);
/* The recorded positions of a vote (cursor_next_vote_record). */
int adm_vote_records(struct db *db, int64_t vote_id, struct cursor *c);

/* The audit log, newest first. */
struct audit_row {
	int64_t id, user_id, entity_id;
	const char *at, *user_email, *action, *entity, *before_json, *after_json;
};
int adm_audit(struct db *db, int limit, struct cursor *c);
int cursor_next_audit(struct cursor *c, struct audit_row *r);

/* --- directory (admin_directory.c) --- */
/* Committees (organization), people, memberships and venues (location),
 * as clerks author them.  Reads see every row that is not deleted; writes
 * are audited like the ones above, with the row as JSON before and after
 * (Markdown sources, not their HTML).  Nothing is deleted: a membership
 * ends by getting an end date.  Dates are 'YYYY-MM-DD'; an optional text
 * is NULL when absent. */

struct org_edit {
	int64_t parent_id;              /* 0: none */
	const char *name, *short_name, *kind, *purpose_md, *start_date, *end_date;
};
struct org_src {
	int64_t id;
	int64_t member_count;           /* current members */
	struct org_edit e;
};
/* Committees by name, limit of them after the first offset; one
 * committee.  Getters return 1, 0 or -1. */
int adm_committees(struct db *db, int64_t offset, int64_t limit, struct cursor *c);
int cursor_next_committee(struct cursor *c, struct org_src *r);
/* 1 if parent_id is a committee that may be the parent of committee id
 * (0 for a new one): it exists and is neither id nor below it; else 0, or -1. */
int adm_committee_parent_ok(struct db *db, int64_t id, int64_t parent_id);

/* Choices for a form: (id, "Name (area)") for cursor_next_choice. */
int adm_person_choices(struct db *db, struct cursor *c);

/* Memberships of a committee (current ones first, then ended ones) or of
 * a person, as struct member_row; *current is 1 for a membership without
 * an end date or whose end date has not passed. */
int adm_committee_members(struct db *db, int64_t org_id, struct cursor *c);
int adm_person_memberships(struct db *db, int64_t person_id, struct cursor *c);
int cursor_next_membership(struct cursor *c, struct member_row *r, int *current);
/* One membership of committee org_id: 1, 0 or -1. */
int adm_membership(struct db *db, int64_t org_id, int64_t id, struct member_row *r, int *current);
/* The number of the person's memberships of the committee that have no
 * end date, or -1. */
int adm_membership_open(struct db *db, int64_t org_id, int64_t person_id);
struct membership_edit {
	int64_t person_id, organization_id;
	const char *role;               /* 'chair', 'vice_chair', 'member', ... */
	int voting;
	const char *start_date;
};
/* Add a membership (person and committee must exist); its id or -1. */
int64_t adm_membership_add(struct db *db, int64_t user_id, const struct membership_edit *e);
/* End a membership of committee org_id on end_date; 0 or -1. */
int adm_membership_end(struct db *db, int64_t user_id, int64_t org_id, int64_t id, const char *end_date);


/* --- users and settings (admin_users.c) --- */
/* Back-office accounts and the hosting body's settings, for admins only.
 * Writes are audited like the ones above, but the audit JSON never holds a
 * password hash or a session token: a new password shows as
 * "password_changed": true with the number of sessions it ended, and the
 * logo as its size and SHA-256. */

struct user_src {
	int64_t id;
	const char *email, *name, *role, *created;
	int disabled;
};
/* All accounts by e-mail address; one account (1, 0 or -1). */
int adm_users(struct db *db, struct cursor *c);
int cursor_next_user(struct cursor *c, struct user_src *r);
int adm_user(struct db *db, int64_t id, struct user_src *r);
/* Create an account (password_hash from auth_hash_password): its id, or -1
 * with db->err set ("a user with that e-mail address already exists"). */
int64_t adm_user_create(struct db *db, int64_t user_id, const char *email, const char *name,
			const char *role, const char *password_hash);
struct user_edit {
	const char *name;               /* NULL: none */
	const char *role;               /* 'admin' or 'clerk' */
	int disabled;
	const char *password_hash;      /* a new password's hash, or NULL: unchanged */
};
/* Update account id.  Disabling it or giving it a new password ends its
 * sessions (all but keep_session: the session making the change, so an
 * admin who changes their own password stays signed in).  Returns 0; 1 if
 * refused, nothing changed, because no enabled admin would be left; or -1. */
int adm_user_update(struct db *db, int64_t user_id, int64_t id, const struct user_edit *e,
		    int64_t keep_session);

/* --- one's own account (admin/account.c): any signed-in user --- */
/* The session's user changes their own password (a new hash): the other
 * sessions of the account end (all but keep_session).  Audited as
 * "change password" with the number of sessions ended.  0 or -1. */
int adm_account_password(struct db *db, int64_t user_id, const char *password_hash, int64_t keep_session);
/* ... their own e-mail address: 0; 1 if another account has it (nothing
 * changed); -1.  Audited as "change e-mail". */
int adm_account_email(struct db *db, int64_t user_id, const char *email);
/* The account's live sessions, newest first (never the token's hash). */
struct session_src {
	int64_t id;
	const char *created, *last_seen, *client;
};
int adm_sessions(struct db *db, int64_t user_id, int idle_s, int absolute_s, struct cursor *c);
int cursor_next_session(struct cursor *c, struct session_src *r);
/* End session id of user_id: 0; 1 if the user has no such session; -1.
 * Audited as "revoke" of the session. */
int adm_session_revoke(struct db *db, int64_t user_id, int64_t id);

/* The second factor (TOTP) of one's own account.  Start enrolling: a new
 * secret (base32) waits, shown to the user, until confirmed.  Enable: the
 * waiting secret becomes the account's, with the step of the code that
 * confirmed it as used (1 if there is none waiting).  Disable: none.  Each
 * audited ("two-factor start", "two-factor on", "two-factor off"), never
 * with the secret; 0 or -1. */
int adm_totp_start(struct db *db, int64_t user_id, const char *pending_b32);
int adm_totp_enable(struct db *db, int64_t user_id, int64_t step);
int adm_totp_disable(struct db *db, int64_t user_id);
/* The same from the command line (`witan user two-factor-off`), for an
 * admin who lost the app: audited as "two-factor reset" by nobody. */
int adm_totp_reset(struct db *db, int64_t user_id);

struct settings_edit {
	const char *name, *short_name, *colour_primary, *colour_accent;
	const char *email, *phone, *address, *website;  /* optional ones NULL when absent */
	const char *region;             /* 'england', 'wales', 'scotland', 'northern_ireland', 'other' */
	int notice_clear_days;
	const char *logo_svg;           /* a new logo (checked with svg_logo_valid), or NULL */
	int logo_remove;                /* 1: no logo any more (when logo_svg is NULL) */
	const char *license;            /* the record's licence (licence_url_valid), or NULL: the region's default */
	int license_keep;               /* 1: the licence stays as it is (license unused) */
};
/* Save the hosting body's settings (the first body, as pub_body reads it;
 * created if there is none yet).  0 or -1. */
int adm_settings_save(struct db *db, int64_t user_id, const struct settings_edit *e);
/* The hosting body's licence setting as stored (pub_body gives the
 * effective one): 1 with *license (NULL: the region's default; valid
 * until the next call), 0 when there is no body, -1 on error. */
int adm_settings_license(struct db *db, const char **license);

/* --- statutory records (admin_statutory.c) --- */

/* Decision records, the forward plan and the register of interests are
 * read and written through the model (model_get, model_list, model_save);
 * these are the lists one page shows of another's. */
struct decision_brief {
	int64_t id;
	const char *title, *decided_on, *status;
	int published;
};
/* The decision records of an agenda item, newest first. */
int adm_decisions_of_item(struct db *db, int64_t item_id, struct cursor *c);
int cursor_next_decision_brief(struct cursor *c, struct decision_brief *r);
struct interest_brief {
	int64_t id;
	const char *category, *holder, *description, *registered_on, *ended_on;
	int sensitive;
	int current;                    /* not ended, or ending today or later */
};
/* A member's register of interests: those held first, by category. */
int adm_interests_of_person(struct db *db, int64_t person_id, struct cursor *c);
int cursor_next_interest_brief(struct cursor *c, struct interest_brief *r);

#endif
