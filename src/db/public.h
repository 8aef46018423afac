/* public.h: reading the public record.  Every query here reads only the
 * pub_* views of sql/001_init.sql, which hold the one definition of what
 * is public (nothing exempt, draft or unpublished); nothing else in the
 * program reads the record for a public surface.
 *
 * Rows: the strings of a row point into the database's memory and stay
 * valid until the next call of the same function (a single-row getter) or
 * the next cursor_next (a list); db_release_all() at the end of every
 * request frees them.  Getters return 1 (found), 0 (not found) or -1. */
#ifndef WITAN_PUBLIC_H
#define WITAN_PUBLIC_H

#include <stdint.h>

struct db;
struct stmt;

/* A list being read. */
struct cursor {
	struct db *db;
	struct stmt *s;
	int err;           /* set if the query failed part way */
};

struct body_row {
	int64_t id;
	const char *name, *short_name, *website, *email, *phone, *address;
	const char *colour_primary, *colour_accent, *logo_svg, *region;
	int notice_clear_days;
	const char *license;  /* the record's licence (a URL): the body's, or its region's default; NULL: none */
};

struct org_row {
	int64_t id, parent_id;
	const char *name, *short_name, *kind, *purpose_html, *website;
	int64_t meeting_count;
	const char *next_meeting_at;   /* local time of the next meeting, or NULL */
};

struct person_row {
	int64_t id;
	const char *name, *honorific, *given_name, *family_name, *party, *area,
		*nominated_by, *bio_html;
};

/* A membership: a person's role on an organization. */
struct member_row {
	int64_t id, person_id, organization_id;
	const char *person_name, *party, *area, *nominated_by;
	const char *organization_name;
	const char *role;
	int voting;
	const char *start_date, *end_date;
};

struct meeting_row {
	int64_t id, organization_id, location_id, minutes_approved_by;
	const char *name, *organization_name;
	const char *start_at, *end_at;          /* local 'YYYY-MM-DD HH:MM' */
	const char *state, *state_reason, *webcast_url;
	const char *agenda_status, *agenda_published_at;
	const char *minutes_status, *minutes_published_at, *minutes_approved_at;
	const char *location_name, *location_room, *location_street, *location_locality,
		*location_postcode;
	const char *modified;
	int64_t sequence;
	/* When a published agenda or minutes were withdrawn (UTC), or NULL;
	 * the status then reads 'withdrawn' on the public views. */
	const char *agenda_withdrawn_at, *minutes_withdrawn_at;
};

struct item_row {
	int64_t id, meeting_id, parent_id, paper_id;
	int position;
	const char *number, *title, *kind;
	int exempt, exempt_paragraph;
	const char *exempt_reason;
	const char *description_html, *minutes_html, *decision_html;  /* NULL when not public */
};

struct file_row {
	int64_t id;
	const char *title, *filename, *mime_type, *sha256;
	int64_t size;
	int page_count;
	const char *role;              /* as attached: 'report', 'appendix', ... */
	int64_t agenda_item_id;        /* the item it is attached to, or 0 */
	const char *modified;
	const char *text_status;       /* for search: 'pending', 'done', 'failed', 'none' */
	const char *text_note;         /* why its text is missing or incomplete, or NULL */
};

struct attendance_row {
	int64_t meeting_id, person_id, substitute_for;
	const char *person_name, *substitute_for_name;
	const char *status, *note;
	/* the meeting, for a person's record */
	const char *meeting_name, *meeting_start_at;
};

struct declaration_row {
	int64_t meeting_id, person_id, agenda_item_id;
	const char *person_name, *item_number, *item_title;
	const char *kind, *description;
	int left_room;
	const char *meeting_name, *meeting_start_at;
};

struct vote_row {
	int64_t id, agenda_item_id;
	const char *motion, *result;
	int votes_for, votes_against, abstentions, recorded;
};

struct vote_record_row {
	int64_t person_id;
	const char *person_name, *position;
};

/* Advance a cursor: 1 with the row filled, 0 at the end or on error
 * (cursor.err tells which). */
int cursor_next_org(struct cursor *c, struct org_row *r);
int cursor_next_person(struct cursor *c, struct person_row *r);
int cursor_next_member(struct cursor *c, struct member_row *r);
/* A paper: a report or matter followed across meetings ("issue"). */
struct paper_row {
	int64_t id, decision_maker_id;
	const char *reference, *title, *kind, *forward_plan_date, *description_html;
	const char *decision_maker_name;   /* the committee, or NULL */
	const char *date;                  /* the date it bears (YYYY-MM-DD), or NULL */
	int key_decision;
};

/* Where a paper was considered: a meeting (and its item), in date order. */
struct consultation_row {
	int64_t id, meeting_id, item_id, organization_id;
	const char *start_at, *meeting_name, *organization_name;  /* NULL without a public meeting */
	const char *item_number, *item_title, *decision_html;     /* NULL without a public item */
	const char *role;
	int authoritative;
};

int cursor_next_paper(struct cursor *c, struct paper_row *r);
int cursor_next_consultation(struct cursor *c, struct consultation_row *r);
int cursor_next_meeting(struct cursor *c, struct meeting_row *r);
int cursor_next_item(struct cursor *c, struct item_row *r);
int cursor_next_file(struct cursor *c, struct file_row *r);
int cursor_next_attendance(struct cursor *c, struct attendance_row *r);
int cursor_next_declaration(struct cursor *c, struct declaration_row *r);
int cursor_next_vote(struct cursor *c, struct vote_row *r);
int cursor_next_vote_record(struct cursor *c, struct vote_record_row *r);

/* The hosting body (the first one). */
int pub_body(struct db *db, struct body_row *r);

/* The objects that can carry their own licence (a harvested one's). */
enum own_license_of { OWN_LICENSE_MEETING, OWN_LICENSE_ITEM, OWN_LICENSE_ORG, OWN_LICENSE_PERSON };
/* An object's own licence when it is not the body's: 1 with *license (a
 * URL, or a harvested source's text), 0 when it has none, -1 on error. */
int pub_own_license(struct db *db, enum own_license_of kind, int64_t id, const char **license);

/* Organizations: all, ordered by kind (council, cabinet, committees, ...) then name. */
int pub_orgs(struct db *db, struct cursor *c);
/* The same list with names only (no counts: cheap, for a filter). */
int pub_org_names(struct db *db, struct cursor *c);
int pub_org(struct db *db, int64_t id, struct org_row *r);
/* Current members of an organization, chair first, then vice-chair, members, others. */
int pub_org_members(struct db *db, int64_t org_id, struct cursor *c);

/* The members of an organization on a date ('YYYY-MM-DD'; substitutes
 * left out), chair first, then vice-chair, members, others. */
int pub_org_members_on(struct db *db, int64_t org_id, const char *date, struct cursor *c);
/* Every membership of an organization, past ones too, oldest first. */
int pub_org_memberships(struct db *db, int64_t org_id, struct cursor *c);

int pub_people(struct db *db, struct cursor *c);   /* by family name */
int pub_person(struct db *db, int64_t id, struct person_row *r);
int pub_person_memberships(struct db *db, int64_t person_id, struct cursor *c);

/* Meetings.  `now` is local 'YYYY-MM-DD HH:MM'. */
int pub_meeting(struct db *db, int64_t id, struct meeting_row *r);
int pub_meetings_upcoming(struct db *db, const char *now, int limit, struct cursor *c);
/* Meetings whose minutes were published most recently. */
int pub_meetings_recent_minutes(struct db *db, int limit, struct cursor *c);
/* Meetings starting in month 'YYYY-MM', by start. */
int pub_meetings_in_month(struct db *db, const char *month, struct cursor *c);
/* An organization's meetings, newest first. */
/* A committee's meetings, newest first: limit of them after the first offset. */
int pub_meetings_of_org(struct db *db, int64_t org_id, int64_t offset, int64_t limit, struct cursor *c);
/* The first and last month with meetings ('YYYY-MM'; copied into the
 * 8-byte buffers); returns 1, or 0 if there are no meetings. */
int pub_meeting_month_range(struct db *db, char first[8], char last[8]);
/* The meeting after/before this one of the same organization: 1, 0 or -1. */
int pub_meeting_next_of_org(struct db *db, const struct meeting_row *m, int forward,
			    struct meeting_row *out);

/* Agenda items of a meeting, in agenda order. */
int pub_items_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c);
int pub_item(struct db *db, int64_t meeting_id, int64_t item_id, struct item_row *r);

/* Documents attached to the meeting itself (front sheet, minutes, ...). */
int pub_files_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c);
/* Documents attached to any item of the meeting, by item order. */
int pub_files_of_meeting_items(struct db *db, int64_t meeting_id, struct cursor *c);
int pub_files_of_item(struct db *db, int64_t item_id, struct cursor *c);
int pub_file(struct db *db, int64_t id, struct file_row *r);

int pub_attendance_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c);
/* A person's attendance, newest meeting first. */
int pub_attendance_of_person(struct db *db, int64_t person_id, struct cursor *c);
int pub_declarations_of_meeting(struct db *db, int64_t meeting_id, struct cursor *c);
int pub_declarations_of_person(struct db *db, int64_t person_id, struct cursor *c);
int pub_votes_of_item(struct db *db, int64_t item_id, struct cursor *c);
int pub_vote_records(struct db *db, int64_t vote_id, struct cursor *c);


/* Papers ("issues", /issues/{id}). */
int pub_paper(struct db *db, int64_t id, struct paper_row *r);
/* The papers an item considers (its own paper, and those it is consulted on). */
int pub_papers_of_item(struct db *db, int64_t item_id, struct cursor *c);
int pub_files_of_paper(struct db *db, int64_t paper_id, struct cursor *c);
int pub_consultations_of_paper(struct db *db, int64_t paper_id, struct cursor *c);

#endif
