/* moderngov.h: the reads behind the ModernGov web service and the old
 * ModernGov page URLs (api/moderngov.c; docs/API.md, "ModernGov web
 * service and old URLs") that db/public.h does not already give.
 *
 * Every query here reads only the pub_* views, like public.h (nothing
 * exempt, draft, withdrawn, deleted or internal can come out), except
 * mg_import_id, which reads the importer's map of ModernGov ids
 * (import_map, import_run: internal tables) on the connection that may
 * read them, and gives back only an id, which the caller then looks up in
 * the public views.  Rows point into the database's memory until the
 * cursor's next step (or the next call of the same getter).  Getters
 * return 1 (found), 0 (none) or -1. */
#ifndef WITAN_DB_MODERNGOV_H
#define WITAN_DB_MODERNGOV_H

#include <stdint.h>

#include "db/public.h"

/* A committee as GetCommittees lists it: a public organization of the
 * committee type (every kind but outside_body). */
struct mg_committee_row {
	int64_t id;
	const char *name, *kind;
	int expired;              /* its end date is past */
	const char *purpose_html; /* its terms of reference, or NULL */
};

/* Committees by name. */
int mg_committees(struct db *db, struct cursor *c);
int cursor_next_mg_committee(struct cursor *c, struct mg_committee_row *r);
/* One committee (of the committee type): 1, 0 or -1. */
int mg_committee(struct db *db, int64_t id, struct mg_committee_row *r);

/* A meeting as GetMeetings lists it. */
struct mg_meeting_row {
	int64_t id, organization_id;
	const char *organization_name;
	const char *start_at;     /* local 'YYYY-MM-DD HH:MM' */
	const char *state, *webcast_url;
};

/* The meetings of committee org_id (0: of every committee) whose day is
 * from..to ('YYYY-MM-DD', both included), by committee name, then start. */
int mg_meetings(struct db *db, int64_t org_id, const char *from, const char *to, struct cursor *c);
int cursor_next_mg_meeting(struct cursor *c, struct mg_meeting_row *r);

/* How many of a meeting's public agenda items have a public decision
 * (their minutes are out): *n; 1 or -1. */
int mg_meeting_decisions(struct db *db, int64_t meeting_id, int64_t *n);
/* Whether a meeting is public: 1, 0 or -1. */
int mg_meeting_public(struct db *db, int64_t meeting_id);

/* What GetMeeting says of an item besides its row: how many declarations
 * of interest were made on it, and how many decision records it has. */
struct mg_item_facts {
	int64_t declarations, decisions;
};
int mg_item_facts(struct db *db, int64_t item_id, struct mg_item_facts *f);

/* An attendee of a held meeting: the person, their attendance, and their
 * role on the committee on the day (NULL: none). */
struct mg_attendee_row {
	int64_t person_id;
	int64_t substitute_for;   /* whom a substitute stood in for (a public person), or 0 */
	const char *name, *party, *area;
	const char *status, *note, *role;
};

/* A meeting's attendance: members (by role, then name), then
 * substitutes, then those in attendance. */
int mg_attendees(struct db *db, int64_t meeting_id, struct cursor *c);
int cursor_next_mg_attendee(struct cursor *c, struct mg_attendee_row *r);

/* Where a public document hangs, for GetAttachment: an agenda item of a
 * meeting (its own document, or a paper's it considers), else a meeting,
 * else a paper; the most recent meeting first. */
struct mg_owner_row {
	int64_t item_id;          /* 0: not an item's */
	int64_t meeting_id;       /* 0: no meeting's */
	const char *title;        /* the item's title, the meeting's name or the paper's title */
	const char *start_at;     /* the meeting's start, or NULL */
	const char *organization_name;     /* its committee, or NULL */
	const char *agenda_published_at;   /* UTC, or NULL */
};
int mg_file_owner(struct db *db, int64_t file_id, struct mg_owner_row *r);

/* The meeting of a public agenda item: 1 with *meeting_id, 0 or -1. */
int mg_item_meeting(struct db *db, int64_t item_id, int64_t *meeting_id);

/* A councillor: a member of the council (an organization of kind
 * council; an officer's place on it is no seat) whose membership has not
 * ended; in a record with no seat on a council at all (one imported from
 * ModernGov), anyone who represents a ward (area). */
struct mg_councillor_row {
	int64_t id;
	const char *name, *party, *area, *nominated_by;
};
/* Councillors by ward (area; those without one last), then family name. */
int mg_councillors(struct db *db, struct cursor *c);
int cursor_next_mg_councillor(struct cursor *c, struct mg_councillor_row *r);

/* A person's terms on the council: their seats on it, oldest first. */
struct mg_term_row {
	const char *start_date, *end_date;  /* 'YYYY-MM-DD' or NULL */
};
int mg_terms(struct db *db, int64_t person_id, struct cursor *c);
int cursor_next_mg_term(struct cursor *c, struct mg_term_row *r);

/* The local id an import from ModernGov gave the object whose canonical
 * URL under the site's base is page (e.g. "/mgAi.aspx?ID=4967") and whose
 * table is entity ("agenda_item"), under any ModernGov site recorded in
 * import_run (system_url "{base}/mgWebService.asmx"), the latest run
 * first: an indexed lookup of import_map by its URL.  db must be a
 * connection that reads internal tables.  1 with *local_id, 0 (not
 * imported) or -1. */
int mg_import_id(struct db *db, const char *entity, const char *page, int64_t *local_id);

#endif
