/* statutory.h: reading the statutory records for the public surfaces:
 * decision records (/decisions) and the forward plan of key decisions
 * (/forward-plan, its calendar and feed), and what /issues/{id} shows of
 * them.  Like public.h, every query reads only the pub_* views, and a
 * row's strings point into the database's memory until the next use of
 * the same query (a getter) or the cursor's next step. */
#ifndef WITAN_STATUTORY_H
#define WITAN_STATUTORY_H

#include <stdint.h>

#include "db/public.h"

/* A decision record.  Every reference (committee, person, item, paper,
 * forward plan entry) is 0, and its name NULL, when it is not public. */
struct decision_row {
	int64_t id, decision_maker_id, decision_maker_person_id, agenda_item_id, meeting_id, paper_id,
		plan_entry_id;
	const char *title, *decided_on, *kind, *status;
	const char *maker_name;            /* the committee's name */
	const char *person_name;           /* the individual decision maker's name */
	const char *post;                  /* the individual decision maker's post */
	const char *key_decision, *call_in;  /* "1", "0", or NULL when not said */
	const char *wards, *conflicts, *dispensations, *call_in_deadline, *effective_from;
	const char *decision_html, *reasons_html, *alternatives_html;
	const char *meeting_start_at, *meeting_name, *item_number, *item_title;
	const char *paper_title, *paper_reference, *plan_title, *plan_reference;
};

/* The filters of /decisions; NULL or 0 for none. */
struct decision_filter {
	const char *from, *to;     /* decided_on range, YYYY-MM-DD, inclusive */
	int64_t committee;         /* decision_maker_id */
	const char *post;          /* decision_maker_post, exactly */
	int key_only;
	const char *status, *kind;
	int limit, offset;
};

/* Decisions matching f, newest first (proposed ones, without a date,
 * first), f->limit from f->offset. */
int stat_decisions(struct db *db, const struct decision_filter *f, struct cursor *c);
/* How many decisions match f: 0 with *n, or -1. */
int stat_decisions_count(struct db *db, const struct decision_filter *f, int64_t *n);
int stat_decision(struct db *db, int64_t id, struct decision_row *r);
/* The decisions made at an agenda item / on a paper, oldest first. */
int stat_decisions_of_item(struct db *db, int64_t item_id, struct cursor *c);
int stat_decisions_of_paper(struct db *db, int64_t paper_id, struct cursor *c);
int cursor_next_decision(struct cursor *c, struct decision_row *r);

/* Who made public decisions: committees (id, name) then individual posts
 * (id 0, the post as name), each by name. */
struct maker_row {
	int64_t id;
	const char *name;
};
int stat_decision_makers(struct db *db, struct cursor *c);
int cursor_next_maker(struct cursor *c, struct maker_row *r);

/* A forward plan entry (notice of a key decision). */
struct plan_row {
	int64_t id, paper_id, decision_maker_id, lead_member_id;
	const char *reference, *title, *summary_html;
	const char *maker_name, *post, *lead_member_name, *lead_officer;
	const char *first_published, *decision_due;  /* YYYY-MM-DD */
	const char *wards, *consultees, *documents;
	const char *restriction;                     /* open, part_exempt, exempt */
	int exempt_paragraph;
	const char *urgency, *urgency_reason, *status;
	const char *created, *modified;              /* UTC */
	const char *paper_title;
};

/* Entries due on or after `from` (YYYY-MM-DD; NULL: all), by decision due. */
int stat_plan_entries(struct db *db, const char *from, struct cursor *c);
/* The newest notices first (first published, then id), at most limit. */
int stat_plan_entries_newest(struct db *db, int limit, struct cursor *c);
int stat_plan_entries_of_paper(struct db *db, int64_t paper_id, struct cursor *c);
int stat_plan_entry(struct db *db, int64_t id, struct plan_row *r);
/* Whether any public entry is due before `from`: 1, 0 or -1. */
int stat_plan_has_past(struct db *db, const char *from);
int cursor_next_plan(struct cursor *c, struct plan_row *r);

/* Where a paper was considered: every public meeting with an item on it
 * (the item's own paper) or consulted on it, in date order. */
struct paper_meeting_row {
	int64_t meeting_id, item_id, organization_id;
	const char *start_at, *meeting_name, *organization_name;
	const char *item_number, *item_title, *minutes_html, *decision_html;
	const char *role;
	int authoritative;
};
int stat_paper_meetings(struct db *db, int64_t paper_id, struct cursor *c);
int cursor_next_paper_meeting(struct cursor *c, struct paper_meeting_row *r);

#endif
