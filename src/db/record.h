/* record.h: writing the record: one create function per entity.
 *
 * Used by `witan init --demo`, importers and (later) the back office.
 * Each takes a struct of the entity's fields (NULL / 0 for absent), renders
 * Markdown fields with cmark-gfm in safe mode, and returns the new row's id,
 * or -1 with the reason in db->err.  Callers group calls in db_begin /
 * db_commit.  Enumerated fields take the schema's values (sql/001_init.sql). */
#ifndef WITAN_RECORD_H
#define WITAN_RECORD_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct body_new {
	const char *name, *short_name, *website, *email, *phone, *address;
	const char *colour_primary, *colour_accent, *logo_svg;
	const char *region;        /* 'england' (default), 'wales', ... */
	int notice_clear_days;     /* 0: the region's (util/notice: Wales 3, else 5) */
};
int64_t db_body_create(struct db *db, const struct body_new *b);

/* Change the hosting body's settings (the first body); NULL fields are
 * left as they are.  Returns 0, or -1 (no body yet, or a database error). */
struct body_settings {
	const char *name, *short_name, *colour_primary, *colour_accent, *logo_svg;
	const char *email, *phone, *address, *website;
	const char *license;   /* the record's licence (a URL) */
	int license_default;   /* 1: back to the region's default (license unused) */
};
int db_body_update(struct db *db, const struct body_settings *b);

struct term_new {
	int64_t body_id;
	const char *name, *start_date, *end_date;
};
int64_t db_term_create(struct db *db, const struct term_new *t);

struct org_new {
	int64_t body_id, parent_id;
	const char *name, *short_name, *kind, *purpose_md, *start_date, *end_date, *website;
};
int64_t db_org_create(struct db *db, const struct org_new *o);

struct person_new {
	int64_t body_id;
	const char *name, *honorific, *given_name, *family_name, *party, *area,
		*nominated_by, *email, *phone, *bio_md;
};
int64_t db_person_create(struct db *db, const struct person_new *p);

struct membership_new {
	int64_t person_id, organization_id;
	const char *role;          /* 'chair', 'vice_chair', 'member', 'co_opted', 'substitute', ... */
	int non_voting;
	const char *start_date, *end_date;
};
int64_t db_membership_create(struct db *db, const struct membership_new *m);

struct location_new {
	int64_t body_id;
	const char *name, *room, *street_address, *locality, *postcode, *description;
};
int64_t db_location_create(struct db *db, const struct location_new *l);

struct meeting_new {
	int64_t organization_id, location_id;
	const char *name;          /* NULL: the organization's */
	const char *start_at, *end_at;   /* local 'YYYY-MM-DD HH:MM' */
	const char *state;         /* 'scheduled' (default), 'held', 'cancelled', 'postponed' */
	const char *state_reason, *webcast_url;
	int unpublished;           /* 1: not in the public calendar */
	const char *agenda_published_at;  /* UTC ISO; NULL: agenda still draft */
	const char *minutes_status;       /* 'none' (default), 'draft', 'published', 'approved' */
	const char *minutes_published_at, *minutes_approved_at;
	int64_t minutes_approved_by;
};
int64_t db_meeting_create(struct db *db, const struct meeting_new *m);

struct paper_new {
	int64_t body_id, decision_maker_id;
	const char *reference, *title, *kind, *forward_plan_date, *description_md;
	int key_decision, confidential;
};
int64_t db_paper_create(struct db *db, const struct paper_new *p);

struct item_new {
	int64_t meeting_id, parent_id, paper_id;
	int position;              /* order on the agenda */
	const char *number, *title, *kind;  /* kind: 'item' (default), 'apologies', ... */
	int exempt, exempt_paragraph;
	const char *exempt_reason;
	const char *description_md, *minutes_md, *decision_md;
};
int64_t db_item_create(struct db *db, const struct item_new *i);

struct consultation_new {
	int64_t paper_id, meeting_id, agenda_item_id, organization_id;
	int authoritative;
	const char *role;
};
int64_t db_consultation_create(struct db *db, const struct consultation_new *c);

/* A document: bytes already in the store under sha256. */
struct file_new {
	const char *title, *filename, *mime_type, *sha256;
	size_t size;
	int page_count;            /* 0: unknown */
};
int64_t db_file_create(struct db *db, const struct file_new *f);
/* Store one page of extracted text (pages count from 1), and mark the
 * file's text as extracted with db_file_text_done. */
int db_file_page_add(struct db *db, int64_t file_id, int page, const char *text);
int db_file_text_done(struct db *db, int64_t file_id, int page_count, const char *status);

/* Text extraction (docs/extract.h).  The next file after `after` whose
 * text is pending: 1 and *f filled, 0 when there is none, -1. */
struct pending_file {
	int64_t id;
	char sha256[65];
	char mime_type[128];
};
int db_file_next_pending(struct db *db, int64_t after, struct pending_file *f);
long db_file_pending_count(struct db *db);
/* Whether a file row (deleted or not: a withdrawn document keeps its
 * bytes) names the stored bytes sha: 1, 0, or -1 on error.  For the
 * store's sweep (store_sweep()). */
int db_file_sha_named(struct db *db, const char *sha);
/* Record a file's extracted text in one transaction: its pages replace
 * any before, status is 'done', 'failed' or 'none', note says why text is
 * missing or incomplete (NULL: nothing to say).  Does nothing (returns 0)
 * if the file is no longer pending.  Returns 0 or -1. */
struct page_text {
	const char *text;
	size_t len;
};
int db_file_text_store(struct db *db, int64_t file_id, const struct page_text *pages, int npages,
		       const char *status, const char *note);
/* Mark files' text pending again: every file (all) or the failed ones. */
int db_file_text_reset(struct db *db, int all);

struct file_link_new {
	int64_t file_id, meeting_id, agenda_item_id, paper_id;  /* exactly one owner */
	const char *role;          /* 'front_sheet', 'agenda_pack', 'report', 'appendix', 'supplement', 'minutes', ... */
	int position;
};
int64_t db_file_link_create(struct db *db, const struct file_link_new *l);

struct attendance_new {
	int64_t meeting_id, person_id, substitute_for;
	const char *status;        /* 'present', 'apologies', 'absent', 'substitute', 'in_attendance' */
	const char *note;
};
int64_t db_attendance_create(struct db *db, const struct attendance_new *a);

struct declaration_new {
	int64_t meeting_id, agenda_item_id, person_id;
	const char *kind;          /* 'disclosable_pecuniary', 'other_registrable', 'non_registrable', 'other' */
	const char *description;
	int left_room;
};
int64_t db_declaration_create(struct db *db, const struct declaration_new *d);

struct vote_new {
	int64_t agenda_item_id;
	const char *motion, *result;  /* 'carried', 'lost', 'tied', 'withdrawn' */
	int votes_for, votes_against, abstentions;
	int recorded;
};
int64_t db_vote_create(struct db *db, const struct vote_new *v);
int db_vote_record_add(struct db *db, int64_t vote_id, int64_t person_id, const char *position);

/* A yes-or-no field that may be left unsaid (NULL), so that 0 means unsaid. */
enum { DB_UNSAID = 0, DB_YES = 1, DB_NO = -1 };

struct decision_new {
	int64_t agenda_item_id, paper_id, decision_maker_id;
	const char *title, *decision_md, *reasons_md, *alternatives_md, *conflicts;
	const char *decided_on, *call_in_deadline, *effective_from;
	int published;
	const char *kind;          /* 'executive', 'committee', 'officer', or NULL */
	const char *status;        /* 'made' (default), 'proposed', 'called_in', 'implemented', 'withdrawn' */
	int64_t decision_maker_person_id, plan_entry_id;
	const char *decision_maker_post;  /* an individual decision maker: 'Director of Resources' */
	int key_decision, call_in; /* DB_YES, DB_NO, or DB_UNSAID (0: stored as null) */
	const char *wards, *dispensations;
};
int64_t db_decision_create(struct db *db, const struct decision_new *d);
/* Set a decision's forward plan entry (0: leave it) and status (NULL:
 * leave it).  0, or -1. */
int db_decision_update(struct db *db, int64_t id, int64_t plan_entry_id, const char *status);

/* An entry of the forward plan: notice of a key decision. */
struct plan_entry_new {
	int64_t body_id, paper_id, decision_maker_id, lead_member_id;
	const char *reference, *title, *summary_md;
	const char *decision_maker_post, *lead_officer;
	const char *first_published, *decision_due;   /* YYYY-MM-DD */
	const char *wards, *consultees, *documents;
	const char *restriction;   /* 'open' (default), 'part_exempt', 'exempt' */
	int exempt_paragraph;      /* 1-7 when not open, else 0 */
	const char *urgency;       /* 'none' (default), 'general_exception', 'special_urgency' */
	const char *urgency_reason;
	const char *status;        /* 'planned' (default), 'decided', 'deferred', 'withdrawn' */
	int unpublished;
};
int64_t db_plan_entry_create(struct db *db, const struct plan_entry_new *p);

/* An entry of a member's register of interests. */
struct interest_new {
	int64_t person_id;
	const char *category;      /* 'employment', 'sponsorship', 'contracts', 'land', 'licences',
				      'tenancies', 'securities', 'other_bodies', 'gifts' */
	const char *holder;        /* 'member' (default) or 'partner' */
	const char *description;
	int sensitive;
	const char *registered_on, *ended_on;   /* YYYY-MM-DD; ended_on NULL while held */
};
int64_t db_interest_create(struct db *db, const struct interest_new *i);

/* Mark a held meeting's minutes approved at the later meeting approved_by,
 * at approved_at (UTC ISO).  (An update, so the meeting's iCalendar
 * SEQUENCE is raised as for any change.) */
int db_meeting_minutes_approve(struct db *db, int64_t meeting_id, int64_t approved_by,
			       const char *approved_at);

#endif
