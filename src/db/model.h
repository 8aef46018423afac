/* model.h: the model of the record.  Each entity is described once, here,
 * as one line per field, and everything per entity is driven from that:
 *
 *   - the C struct of a row (struct m_<entity>, one member per field);
 *   - reading and binding rows (model_get, model_list, model_save);
 *   - validating input, for the back office, the command line and the
 *     harvester alike (model_check, model_check_field);
 *   - the back office's create and edit forms (ui/model_form.c);
 *   - the audit snapshots of a row (model_audit_sql);
 *   - its public classification, from which db/boundary.c generates the
 *     pub_* views and the publication record;
 *   - its OParl properties and its columns in the export, with their
 *     meaning for the export's README.
 *
 * A field line reads
 *   F(entity, ct, column, type, class, label, meaning, extras...)
 * ct: I (an integer: int64_t) or S (text: const char *, NULL when absent).
 * type: the MT_ value without the prefix.  class: the public boundary
 * (see boundary.c): P public, D derived-public, O once published (.expr
 * says when), I internal (.why says why), M and Q the publication's own
 * modified and change count, L public but hashed only once set (a column
 * added to rows that were already public).  label: as the back office
 * shows it.  meaning: the export README's text (for an internal field,
 * what it is).  extras: designated initializers of struct mfield
 * (.flags, .max, .hint, .choices, .oparl ...).
 *
 * Adding a field is one line here plus a migration in sql/.  Adding an
 * entity is a MODEL_<NAME> list, one line in MODEL_ENTITIES and its
 * publication rule in model.c. */
#ifndef WITAN_MODEL_H
#define WITAN_MODEL_H

#include <stddef.h>
#include <stdint.h>

enum mtype {
	MT_ID,        /* the row's id */
	MT_REF,       /* the id of a row of another table (.ref) */
	MT_INT,       /* an integer in [.lo, .hi] */
	MT_BOOL,      /* 0 or 1 */
	MT_LINE,      /* one line of text, at most .max characters (200 when 0) */
	MT_TEXT,      /* plain text with line breaks, at most .max characters (10,000 when 0) */
	MT_MD,        /* Markdown source; its safe HTML is the next field (MT_HTML) */
	MT_HTML,      /* rendered from the Markdown field before it: never typed */
	MT_ENUM,      /* one of .choices */
	MT_DATE,      /* YYYY-MM-DD */
	MT_LOCAL,     /* local wall-clock time, YYYY-MM-DD HH:MM */
	MT_STAMP,     /* UTC, YYYY-MM-DDTHH:MM:SSZ, set by the system */
	MT_EMAIL,     /* an e-mail address */
	MT_URL,       /* an http(s) URL */
	MT_COLOUR,    /* a CSS colour, #rgb or #rrggbb */
	MT_SVG,       /* an SVG image fit for pages (util/valid.h) */
	MT_SHA256,    /* 64 lower-case hex digits */
	MT_LAT,       /* a latitude in decimal degrees, -90 to 90 */
	MT_LON,       /* a longitude in decimal degrees, -180 to 180 */
	MT_SECRET,    /* never shown, never in the audit log (a password hash) */
};

/* Field flags. */
#define MF_REQ   0x01  /* required */
#define MF_EDIT  0x02  /* typed into the back office's form (and audited) */
#define MF_AUDIT 0x04  /* audited though not in the form (set by other means) */
#define MF_SYS   0x08  /* kept by the system: created, modified, deleted */

struct mfield {
	const char *col;
	enum mtype type;
	char ct;                   /* 'I' or 'S' */
	size_t off;                /* in struct m_<entity> */
	char cls;                  /* P D O I M Q L */
	const char *label;
	const char *doc;           /* meaning (export README), or why internal */
	unsigned flags;
	int max;                   /* characters (MT_LINE, MT_TEXT, MT_MD) */
	int64_t lo, hi;            /* MT_INT */
	const char *hint;          /* under the label in forms */
	const char *noun;          /* in messages: "the postcode"; default from label */
	const char *const *choices;        /* MT_ENUM: values, NULL-terminated */
	const char *const *choice_labels;  /* and their labels */
	const char *ref;           /* MT_REF: the table */
	const char *expr;          /* class O: when public; P: the view's expression */
	const char *oparl;         /* the OParl property, or NULL */
	const char *xtype;         /* the export's SQL type when not the type's own */
	int noexport;              /* public, but not a column of the export */
	const char *input;         /* the form's name for it, when not col */
	int pos;                   /* its place in forms, when not its index * 10 */
	const char *dflt;          /* a new row's value in forms */
};

/* Enumerations shared with other modules. */
extern const char *const m_org_kinds[], *const m_org_kind_labels[];
extern const char *const m_member_roles[], *const m_member_role_labels[];
extern const char *const m_regions[];
extern const char *const m_user_roles[];
extern const char *const m_meeting_states[], *const m_agenda_states[], *const m_minutes_states[];
extern const char *const m_paper_kinds[], *const m_item_kinds[], *const m_text_states[], *const m_file_roles[];
extern const char *const m_attendance_states[], *const m_declaration_kinds[], *const m_vote_results[];
extern const char *const m_vote_positions[], *const m_decision_states[], *const m_decision_state_labels[];
extern const char *const m_decision_kinds[], *const m_decision_kind_labels[];
extern const char *const m_restrictions[], *const m_restriction_labels[], *const m_urgencies[], *const m_urgency_labels[];
extern const char *const m_plan_states[], *const m_plan_state_labels[];
extern const char *const m_interest_categories[], *const m_interest_category_labels[];
extern const char *const m_interest_holders[], *const m_interest_holder_labels[];

#define M_CT_I int64_t
#define M_CT_S const char *
#define M_MEMBER(ent, ct, col, type, cls, label, doc, ...) M_CT_##ct col;

#define MODEL_BODY(F) \
	F(body, I, id, ID, P, "Id", "the body's id") \
	F(body, S, name, LINE, P, "Name", "the body's name, e.g. 'Worcestershire County Council'", .flags = MF_REQ | MF_AUDIT, .oparl = "name") \
	F(body, S, short_name, LINE, P, "Short name", "a short name, or null", .flags = MF_AUDIT, .oparl = "shortName") \
	F(body, S, website, URL, P, "Website", "the body's website, or null", .flags = MF_AUDIT, .oparl = "website") \
	F(body, S, email, EMAIL, P, "E-mail address", "the democratic services e-mail address, or null", .flags = MF_AUDIT, .oparl = "contactEmail") \
	F(body, S, phone, LINE, P, "Telephone", "the democratic services telephone number, or null", .flags = MF_AUDIT) \
	F(body, S, address, TEXT, P, "Postal address", "the postal address, or null", .flags = MF_AUDIT, .max = 1000) \
	F(body, S, colour_primary, COLOUR, P, "Main colour", "the site's main colour", .flags = MF_AUDIT, .noexport = 1) \
	F(body, S, colour_accent, COLOUR, P, "Accent colour", "the site's accent colour", .flags = MF_AUDIT, .noexport = 1) \
	F(body, S, logo_svg, SVG, P, "Logo", "the body's logo (SVG)", .flags = MF_AUDIT, .noexport = 1) \
	F(body, S, region, ENUM, P, "Region", "england, wales, scotland, northern_ireland or other (decides the notice rules)", .choices = m_regions) \
	F(body, I, notice_clear_days, INT, P, "Clear days' notice", "clear days of notice before a meeting", .lo = 0, .hi = 60, .noexport = 1) \
	F(body, S, timezone, LINE, P, "Time zone", "the time zone of meeting times, e.g. Europe/London") \
	F(body, S, created, STAMP, P, "Created", "when the row was created (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(body, S, modified, STAMP, M, "Modified", "when the row last changed (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(body, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS) \
	F(body, S, license, URL, P, "Licence", "the licence of the published record (a URL): of every row of the export but those with a license of their own; null if none is stated", .flags = MF_AUDIT, \
	  .expr = "COALESCE(b.license, CASE WHEN b.region IN ('england','wales','scotland','northern_ireland') THEN '" LICENCE_OGL3 "' END)") \
	F(body, S, log_origin, LINE, D, "Log origin", "the origin line of the publication log's checkpoints (docs/LOG.md), or null: no log") \
	F(body, S, log_key, LINE, D, "Log key", "the publication log's verifier key (a signed note's: name+id+key), or null")

/* The publication log (docs/LOG.md): its entries and the hashes of the
 * Merkle tree's complete subtrees, public whole. */
#define MODEL_LOG_ENTRY(F) \
	F(log_entry, I, id, ID, P, "Index", "the entry's index in the log, from 0") \
	F(log_entry, S, body, TEXT, P, "Entry", "the entry, as logged (docs/LOG.md, \"Entries\")") \
	F(log_entry, S, object, LINE, P, "Object", "the path of what the entry is about (its object line)", .max = 500) \
	F(log_entry, S, created, STAMP, P, "Logged", "when it was appended (UTC)", .flags = MF_SYS)

#define MODEL_LOG_NODE(F) \
	F(log_node, I, id, ID, P, "Id", "the row's id") \
	F(log_node, I, level, INT, P, "Level", "the subtree's height: 0 for a leaf's hash", .lo = 0, .hi = 63) \
	F(log_node, I, idx, INT, P, "Index", "the subtree's place in its level: it covers leaves idx * 2^level onwards") \
	F(log_node, S, hash, SHA256, P, "Hash", "its RFC 6962 hash (hex)")

/* The columns every entity of the record ends with. */
#define M_TAIL(F, ent) \
	F(ent, S, created, STAMP, P, "Created", "when the row was created (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(ent, S, modified, STAMP, M, "Modified", "when the row last changed (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(ent, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS) \
	F(ent, S, license, LINE, L, "Licence", "its own licence (a URL, as its source gave it) when it is not the body's, for a row harvested from another system; null: the body's (body.license)", .max = 500)
#define M_STAMPS(F, ent) \
	F(ent, S, created, STAMP, P, "Created", "when the row was created (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(ent, S, modified, STAMP, M, "Modified", "when the row last changed (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS)

#define MODEL_LEGISLATIVE_TERM(F) \
	F(legislative_term, I, id, ID, P, "Id", "the term's id") \
	F(legislative_term, I, body_id, REF, P, "Body", "body.id", .ref = "body") \
	F(legislative_term, S, name, LINE, P, "Name", "e.g. '2021-2025'", .flags = MF_REQ) \
	F(legislative_term, S, start_date, DATE, P, "First day", "first day (YYYY-MM-DD), or null") \
	F(legislative_term, S, end_date, DATE, P, "Last day", "last day (YYYY-MM-DD), or null") \
	M_TAIL(F, legislative_term)

#define MODEL_ORGANIZATION(F) \
	F(organization, I, id, ID, P, "Id", "the organization's id (as in /committees/{id})") \
	F(organization, I, body_id, REF, P, "Body", "body.id", .ref = "body") \
	F(organization, I, parent_id, REF, P, "Part of", "organization.id of the parent (a sub-committee's committee), or null", .flags = MF_EDIT, .ref = "organization", .hint = "The committee this one reports to, for a sub-committee or panel") \
	F(organization, S, name, LINE, P, "Name", "e.g. 'West Mercia Police and Crime Panel'", .flags = MF_REQ | MF_EDIT,  .noun = "the committee's name", .hint = "For example, Audit and Governance Committee", .oparl = "name") \
	F(organization, S, short_name, LINE, P, "Short name", "a short name, or null", .flags = MF_EDIT, .hint = "For example, Audit", .oparl = "shortName") \
	F(organization, S, kind, ENUM, P, "Kind", "council, cabinet, committee, sub_committee, panel, board, working_group or outside_body", .flags = MF_REQ | MF_EDIT, .choices = m_org_kinds, .choice_labels = m_org_kind_labels, .noun = "the kind of committee", .dflt = "committee") \
	F(organization, S, purpose_md, MD, P, "Purpose", "the clerk's Markdown of purpose_html", .input = "purpose", .flags = MF_EDIT, .hint = "Markdown. Shown on the committee's public page") \
	F(organization, S, purpose_html, HTML, P, "Purpose", "its terms of reference (HTML rendered from the clerk's Markdown in safe mode: no scripts, no raw HTML), or null") \
	F(organization, S, start_date, DATE, P, "Established on", "established (YYYY-MM-DD), or null", .flags = MF_EDIT, .hint = "For example, 2021-05-20", .oparl = "startDate") \
	F(organization, S, end_date, DATE, P, "Dissolved on", "dissolved (YYYY-MM-DD), or null", .flags = MF_EDIT, .hint = "Leave empty while the committee exists", .oparl = "endDate") \
	F(organization, S, website, URL, P, "Website", "its own web page, or null", .oparl = "website") \
	M_TAIL(F, organization)

#define MODEL_PERSON(F) \
	F(person, I, id, ID, P, "Id", "the person's id (as in /people/{id})") \
	F(person, I, body_id, REF, P, "Body", "body.id", .ref = "body") \
	F(person, S, name, LINE, P, "Name as shown", "display name, e.g. 'Councillor Jane Smith'", .flags = MF_EDIT, .pos = 55, .hint = "Leave empty to use the honorific, given name and family name, for example Councillor Jane Smith", .oparl = "name") \
	F(person, S, honorific, LINE, P, "Honorific", "e.g. 'Councillor', 'Dr', or null", .flags = MF_EDIT, .hint = "For example, Councillor, Dr or Mrs", .oparl = "formOfAddress") \
	F(person, S, given_name, LINE, P, "Given name", "or null", .flags = MF_EDIT, .oparl = "givenName") \
	F(person, S, family_name, LINE, P, "Family name", "or null", .flags = MF_EDIT, .oparl = "familyName") \
	F(person, S, party, LINE, P, "Party", "political party or group, or null", .flags = MF_EDIT, .hint = "For example, Independent") \
	F(person, S, area, LINE, P, "Division", "ward, division or constituency, or null", .flags = MF_EDIT, .hint = "The ward, division or constituency represented") \
	F(person, S, nominated_by, LINE, P, "Nominated by", "the nominating body on a joint panel, e.g. 'Shropshire Council', or null", .flags = MF_EDIT, .noun = "the nominating body", .hint = "For a member of a joint committee or panel: the council or body that nominated them") \
	F(person, S, email, EMAIL, I, "E-mail address", "a member's contact details are for the clerks (the form says so)", .flags = MF_EDIT, .hint = "Not shown on the public site") \
	F(person, S, phone, LINE, I, "Telephone", "a member's contact details are for the clerks (the form says so)", .flags = MF_EDIT, .noun = "the telephone number", .hint = "Not shown on the public site") \
	F(person, S, bio_md, MD, P, "Biography", "the clerk's Markdown of bio_html", .input = "bio", .flags = MF_EDIT, .hint = "Markdown. Shown on the person's public page") \
	F(person, S, bio_html, HTML, P, "Biography", "a short biography (HTML rendered from the clerk's Markdown in safe mode: no scripts, no raw HTML), or null") \
	M_TAIL(F, person)

#define MODEL_MEMBERSHIP(F) \
	F(membership, I, id, ID, P, "Id", "the membership's id") \
	F(membership, I, person_id, REF, P, "Person", "person.id", .flags = MF_REQ | MF_AUDIT, .ref = "person") \
	F(membership, I, organization_id, REF, P, "Committee", "organization.id", .flags = MF_REQ | MF_AUDIT, .ref = "organization") \
	F(membership, S, role, ENUM, P, "Role", "chair, vice_chair, member, co_opted, substitute, independent or officer", .flags = MF_REQ | MF_AUDIT, .choices = m_member_roles, .choice_labels = m_member_role_labels) \
	F(membership, I, voting, BOOL, P, "Voting", "1 with a vote, 0 without", .flags = MF_AUDIT, .oparl = "votingRight") \
	F(membership, S, start_date, DATE, P, "From", "from (YYYY-MM-DD), or null", .flags = MF_AUDIT, .oparl = "startDate") \
	F(membership, S, end_date, DATE, P, "Until", "until (YYYY-MM-DD), or null while current", .flags = MF_AUDIT, .oparl = "endDate") \
	M_TAIL(F, membership)

#define MODEL_LOCATION(F) \
	F(location, I, id, ID, P, "Id", "the venue's id") \
	F(location, I, body_id, REF, P, "Body", "body.id", .ref = "body") \
	F(location, S, name, LINE, P, "Name", "e.g. 'Council Chamber, County Hall'", .flags = MF_REQ | MF_EDIT, .noun = "the venue's name", .hint = "As shown on agendas, for example Council Chamber, County Hall", .oparl = "description") \
	F(location, S, room, LINE, P, "Room", "or null", .flags = MF_EDIT, .hint = "For example, Committee Room 1", .oparl = "room") \
	F(location, S, street_address, LINE, P, "Street address", "or null", .flags = MF_EDIT, .hint = "For example, County Hall, Spetchley Road", .oparl = "streetAddress") \
	F(location, S, locality, LINE, P, "Town or city", "town, or null", .flags = MF_EDIT, .oparl = "locality") \
	F(location, S, postcode, LINE, P, "Postcode", "or null", .flags = MF_EDIT, .oparl = "postalCode") \
	F(location, S, description, TEXT, P, "Access information", "directions, access, or null", .flags = MF_EDIT, .hint = "How to get there and in: step-free access, hearing loops, parking, public seating", .oparl = "witan:note") \
	M_TAIL(F, location) \
	F(location, S, latitude, LAT, L, "Latitude", "where the venue is: latitude (WGS 84, decimal degrees), or null", .flags = MF_EDIT, .hint = "Decimal degrees, for example 52.1917 (for a map link on the meeting page)", .oparl = "geojson") \
	F(location, S, longitude, LON, L, "Longitude", "where the venue is: longitude (WGS 84, decimal degrees), or null", .flags = MF_EDIT, .hint = "Decimal degrees, for example -2.1992", .oparl = "geojson")


#define M_HTML_DOC " (HTML rendered from the clerk's Markdown in safe mode: no scripts, no raw HTML)"
#define M_MINUTES_OUT "m.minutes_status IN ('published','approved')"
#define M_NOT_EXEMPT "i.exempt = 0"
#define M_ITEM_MINUTES "i.exempt = 0 AND m.minutes_status IN ('published','approved')"

#define MODEL_MEETING(F) \
	F(meeting, I, id, ID, P, "Id", "the meeting's id (as in /meetings/{id})") \
	F(meeting, I, organization_id, REF, P, "Committee", "organization.id of the committee meeting", .flags = MF_AUDIT | MF_REQ, .ref = "organization") \
	F(meeting, I, location_id, REF, P, "Venue", "location.id of the venue, or null", .flags = MF_AUDIT, .ref = "location") \
	F(meeting, S, name, LINE, P, "Name", "the meeting's name (the committee's unless it has its own)", .flags = MF_AUDIT, .expr = "COALESCE(m.name, o.name)", .oparl = "name") \
	F(meeting, S, start_at, LOCAL, P, "Starts", "start, local time of the body's time zone (YYYY-MM-DD HH:MM)", .flags = MF_AUDIT | MF_REQ) \
	F(meeting, S, end_at, LOCAL, P, "Ends", "end, local time (YYYY-MM-DD HH:MM), or null", .flags = MF_AUDIT) \
	F(meeting, S, state, ENUM, P, "State", "scheduled, held, cancelled or postponed", .flags = MF_AUDIT, .choices = m_meeting_states, .oparl = "meetingState") \
	F(meeting, S, state_reason, LINE, O, "Reason", "why it was cancelled or postponed, or null", .flags = MF_AUDIT, .max = 1000, .expr = "m.state IN ('cancelled','postponed')", .oparl = "witan:stateReason") \
	F(meeting, S, webcast_url, URL, P, "Webcast", "the webcast, or null", .flags = MF_AUDIT, .oparl = "witan:webcast") \
	F(meeting, I, published, BOOL, I, "List in the public calendar", "'list in the public calendar': an unlisted meeting exists only in the back office", .flags = MF_AUDIT) \
	F(meeting, S, agenda_status, ENUM, P, "Agenda", "draft (agenda not published: no agenda_item rows), published, or withdrawn (published, then withdrawn: no agenda_item rows)", .flags = MF_AUDIT, .choices = m_agenda_states, \
	  .expr = "CASE WHEN m.agenda_status = 'published' THEN 'published' WHEN m.agenda_withdrawn_at IS NOT NULL THEN 'withdrawn' ELSE 'draft' END", .oparl = "witan:agendaStatus") \
	F(meeting, S, agenda_published_at, STAMP, O, "Agenda published", "when the agenda was published (UTC), or null", .flags = MF_AUDIT, .expr = "m.agenda_status = 'published'", .oparl = "witan:agendaPublished") \
	F(meeting, S, agenda_withdrawn_at, STAMP, O, "Agenda withdrawn", "when a published agenda was withdrawn (UTC), or null", .flags = MF_AUDIT, .expr = "m.agenda_status <> 'published'", .noexport = 1) \
	F(meeting, S, minutes_status, ENUM, P, "Minutes", "none (no public minutes yet), published (a draft open to the public), approved, or withdrawn (published, then withdrawn)", .flags = MF_AUDIT, .choices = m_minutes_states, \
	  .expr = "CASE WHEN " M_MINUTES_OUT " THEN m.minutes_status WHEN m.minutes_withdrawn_at IS NOT NULL THEN 'withdrawn' ELSE 'none' END", .oparl = "witan:minutesStatus") \
	F(meeting, S, minutes_published_at, STAMP, O, "Minutes published", "when the minutes were published (UTC), or null", .flags = MF_AUDIT, .expr = M_MINUTES_OUT, .oparl = "witan:minutesPublished") \
	F(meeting, S, minutes_approved_at, STAMP, O, "Minutes approved", "when they were approved (UTC), or null", .flags = MF_AUDIT, .expr = "m.minutes_status = 'approved'", .oparl = "witan:minutesApproved") \
	F(meeting, I, minutes_approved_by, REF, O, "Approved at", "meeting.id of the meeting that approved them, or null", .flags = MF_AUDIT, .ref = "meeting", .expr = "m.minutes_status = 'approved'") \
	F(meeting, S, minutes_withdrawn_at, STAMP, O, "Minutes withdrawn", "when published minutes were withdrawn (UTC), or null", .flags = MF_AUDIT, .expr = "NOT " M_MINUTES_OUT, .noexport = 1) \
	F(meeting, I, sequence, INT, Q, "Sequence", "rises with every change (iCalendar SEQUENCE)", .flags = MF_SYS) \
	F(meeting, S, created, STAMP, P, "Created", "when the row was created (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(meeting, S, modified, STAMP, M, "Modified", "when the row last changed (UTC, YYYY-MM-DDTHH:MM:SSZ)", .flags = MF_SYS) \
	F(meeting, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS) \
	F(meeting, S, license, LINE, L, "Licence", "its own licence (a URL, as its source gave it) when it is not the body's, for a row harvested from another system; null: the body's (body.license)", .max = 500)

#define MODEL_PAPER(F) \
	F(paper, I, id, ID, P, "Id", "the paper's id") \
	F(paper, I, body_id, REF, P, "Body", "body.id", .ref = "body") \
	F(paper, S, reference, LINE, P, "Reference", "its reference number, or null", .oparl = "reference") \
	F(paper, S, title, LINE, P, "Title", "its title", .flags = MF_REQ, .max = 1000, .oparl = "name") \
	F(paper, S, kind, ENUM, P, "Kind", "report, motion, petition, question, notice or other", .choices = m_paper_kinds, .oparl = "paperType") \
	F(paper, I, key_decision, BOOL, P, "Key decision", "1 for a key decision") \
	F(paper, I, decision_maker_id, REF, P, "Decision maker", "organization.id of the decision maker, or null", .ref = "organization") \
	F(paper, S, forward_plan_date, DATE, P, "Forward plan date", "expected decision date on the forward plan (YYYY-MM-DD), or null") \
	F(paper, I, public, BOOL, I, "Public", "decides whether the row is public") \
	F(paper, S, description_md, MD, P, "Summary", "the clerk's Markdown of description_html", .input = "description") \
	F(paper, S, description_html, HTML, P, "Summary", "its summary" M_HTML_DOC ", or null") \
	M_TAIL(F, paper) \
	F(paper, S, date, DATE, L, "Date", "the date the paper bears (YYYY-MM-DD), or null", .oparl = "date")

#define MODEL_AGENDA_ITEM(F) \
	F(agenda_item, I, id, ID, P, "Id", "the item's id (as in /meetings/{meeting_id}/items/{id})") \
	F(agenda_item, I, meeting_id, REF, P, "Meeting", "meeting.id", .flags = MF_AUDIT | MF_REQ, .ref = "meeting") \
	F(agenda_item, I, parent_id, REF, P, "Part of", "agenda_item.id of the item this is a part of, or null", .ref = "agenda_item") \
	F(agenda_item, I, position, INT, P, "Position", "order on the agenda", .flags = MF_AUDIT, .lo = 0, .hi = 100000, .oparl = "order") \
	F(agenda_item, S, number, LINE, P, "Number", "the printed number, e.g. '4' or '4a', or null", .flags = MF_AUDIT, .max = 20, .oparl = "number") \
	F(agenda_item, S, title, LINE, P, "Title", "the title (public also for exempt items)", .flags = MF_AUDIT | MF_REQ, .max = 1000, .oparl = "name") \
	F(agenda_item, S, kind, ENUM, P, "Kind", "item, apologies, declarations, minutes, procedural or exclusion", .choices = m_item_kinds, .oparl = "witan:kind") \
	F(agenda_item, I, exempt, BOOL, P, "Exempt", "1 if the item is taken in private (exempt information): then only its title, number and exemption are public, and description, minutes, decision and paper are null", .flags = MF_AUDIT) \
	F(agenda_item, I, exempt_paragraph, INT, P, "Paragraph", "the paragraph (1-7) of Schedule 12A to the Local Government Act 1972, or null", .flags = MF_AUDIT, .lo = 1, .hi = 7, .oparl = "witan:exemptParagraph") \
	F(agenda_item, S, exempt_reason, TEXT, P, "Reason for exemption", "the public reason for the exemption, or null", .flags = MF_AUDIT, .max = 1000, .oparl = "witan:exemptReason") \
	F(agenda_item, I, paper_id, REF, O, "Paper", "paper.id of the report or matter, or null", .ref = "paper", .expr = M_NOT_EXEMPT) \
	F(agenda_item, S, description_md, MD, O, "Description", "the clerk's Markdown of description_html", .flags = MF_AUDIT, .input = "description", .max = 100000, .expr = M_NOT_EXEMPT) \
	F(agenda_item, S, description_html, HTML, O, "Description", "what the item is about" M_HTML_DOC ", or null", .expr = M_NOT_EXEMPT, .oparl = "witan:description") \
	F(agenda_item, S, minutes_md, MD, O, "Minutes", "the clerk's Markdown of minutes_html", .flags = MF_AUDIT, .input = "minutes", .max = 200000, .expr = M_ITEM_MINUTES) \
	F(agenda_item, S, minutes_html, HTML, O, "Minutes", "the minutes of the item" M_HTML_DOC "; null until the meeting's minutes are published", .expr = M_ITEM_MINUTES, .oparl = "witan:minutes") \
	F(agenda_item, S, decision_md, MD, O, "Decision", "the clerk's Markdown of decision_html", .flags = MF_AUDIT, .input = "decision", .max = 100000, .expr = M_ITEM_MINUTES) \
	F(agenda_item, S, decision_html, HTML, O, "Decision", "the resolution" M_HTML_DOC "; null until the minutes are published", .expr = M_ITEM_MINUTES, .oparl = "witan:decision") \
	M_TAIL(F, agenda_item)

#define MODEL_CONSULTATION(F) \
	F(consultation, I, id, ID, P, "Id", "the consultation's id") \
	F(consultation, I, paper_id, REF, P, "Paper", "paper.id", .flags = MF_REQ, .ref = "paper") \
	F(consultation, I, meeting_id, REF, P, "Meeting", "meeting.id where the paper is considered, or null", .ref = "meeting") \
	F(consultation, I, agenda_item_id, REF, P, "Item", "agenda_item.id, or null", .ref = "agenda_item") \
	F(consultation, I, organization_id, REF, P, "Committee", "organization.id consulted, or null", .ref = "organization") \
	F(consultation, I, authoritative, BOOL, P, "Decides", "1 if this meeting decides", .oparl = "authoritative") \
	F(consultation, S, role, LINE, P, "Role", "e.g. 'for decision', 'for information', or null", .oparl = "role") \
	M_TAIL(F, consultation)

#define MODEL_FILE(F) \
	F(file, I, id, ID, P, "Id", "the document's id") \
	F(file, S, title, LINE, P, "Title", "its title", .flags = MF_REQ | MF_AUDIT, .max = 1000, .oparl = "name") \
	F(file, S, filename, LINE, P, "File name", "its file name", .flags = MF_REQ | MF_AUDIT, .max = 255, .oparl = "fileName") \
	F(file, S, url_path, LINE, V, "Address", "where the site serves it: /documents/{id}/{filename} (prefix the site's address)", .expr = "'/documents/' || id || '/' || filename") \
	F(file, S, mime_type, LINE, P, "Type", "e.g. application/pdf", .flags = MF_REQ | MF_AUDIT, .oparl = "mimeType") \
	F(file, I, size, INT, P, "Size", "bytes", .flags = MF_AUDIT, .lo = 0, .hi = INT64_MAX, .oparl = "size") \
	F(file, S, sha256, SHA256, P, "SHA-256", "SHA-256 of the bytes (hex), to check a download", .flags = MF_REQ | MF_AUDIT, .oparl = "witan:sha256Checksum") \
	F(file, I, page_count, INT, D, "Pages", "pages (PDF), or null", .lo = 0, .hi = 1000000) \
	F(file, S, text_status, ENUM, D, "Text", "pending, done (text in file_page), failed or none (not a PDF)", .choices = m_text_states) \
	F(file, S, text_note, LINE, D, "Text note", "why there is no or only part of the text, or null", .max = 1000) \
	M_TAIL(F, file)

#define MODEL_FILE_PAGE(F) \
	F(file_page, I, file_id, REF, P, "Document", "file.id", .ref = "file") \
	F(file_page, I, page, INT, P, "Page", "page number, from 1", .lo = 1, .hi = 1000000) \
	F(file_page, S, text, TEXT, P, "Text", "the page's text as pdftotext reads it", .max = 10000000)

#define MODEL_FILE_LINK(F) \
	F(file_link, I, id, ID, P, "Id", "the link's id") \
	F(file_link, I, file_id, REF, P, "Document", "file.id", .flags = MF_REQ, .ref = "file") \
	F(file_link, I, meeting_id, REF, P, "Meeting", "meeting.id (a meeting's document), or null", .ref = "meeting") \
	F(file_link, I, agenda_item_id, REF, P, "Item", "agenda_item.id (an item's document), or null", .ref = "agenda_item") \
	F(file_link, I, paper_id, REF, P, "Paper", "paper.id (a paper's document), or null; exactly one of the three is set", .ref = "paper") \
	F(file_link, S, role, ENUM, P, "Role", "front_sheet, agenda_pack, report, appendix, supplement, minutes, background or decision_notice", .choices = m_file_roles) \
	F(file_link, I, position, INT, P, "Position", "order among the documents of the same meeting, item or paper", .lo = 0, .hi = 100000) \
	M_STAMPS(F, file_link) \
	F(file_link, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS)

#define MODEL_ATTENDANCE(F) \
	F(attendance, I, id, ID, P, "Id", "the row's id") \
	F(attendance, I, meeting_id, REF, P, "Meeting", "meeting.id (held meetings only)", .flags = MF_REQ, .ref = "meeting") \
	F(attendance, I, person_id, REF, P, "Person", "person.id", .flags = MF_REQ, .ref = "person") \
	F(attendance, S, status, ENUM, P, "Attendance", "present, apologies, absent, substitute or in_attendance", .flags = MF_REQ, .choices = m_attendance_states) \
	F(attendance, I, substitute_for, REF, P, "Substitute for", "person.id of the member substituted, or null", .ref = "person") \
	F(attendance, S, note, LINE, P, "Note", "e.g. 'Chief Constable', 'virtually', or null") \
	M_STAMPS(F, attendance)

#define MODEL_DECLARATION(F) \
	F(declaration, I, id, ID, P, "Id", "the declaration's id") \
	F(declaration, I, meeting_id, REF, P, "Meeting", "meeting.id (held meetings only)", .flags = MF_REQ, .ref = "meeting") \
	F(declaration, I, agenda_item_id, REF, P, "Item", "agenda_item.id it concerns, or null", .ref = "agenda_item") \
	F(declaration, I, person_id, REF, P, "Person", "person.id of who declared", .flags = MF_REQ, .ref = "person") \
	F(declaration, S, kind, ENUM, P, "Kind of interest", "disclosable_pecuniary, other_registrable, non_registrable or other", .flags = MF_REQ, .choices = m_declaration_kinds) \
	F(declaration, S, description, TEXT, P, "The interest", "the interest declared", .flags = MF_REQ, .max = 2000) \
	F(declaration, I, left_room, BOOL, P, "Left the room", "1 if they left the room for the item") \
	M_STAMPS(F, declaration)

#define MODEL_VOTE(F) \
	F(vote, I, id, ID, P, "Id", "the vote's id") \
	F(vote, I, agenda_item_id, REF, P, "Item", "agenda_item.id", .flags = MF_REQ, .ref = "agenda_item") \
	F(vote, S, motion, TEXT, P, "Motion", "what was put to the vote", .flags = MF_REQ, .max = 2000) \
	F(vote, S, result, ENUM, P, "Result", "carried, lost, tied or withdrawn", .flags = MF_REQ, .choices = m_vote_results) \
	F(vote, I, votes_for, INT, P, "For", "or null", .lo = 0, .hi = 10000) \
	F(vote, I, votes_against, INT, P, "Against", "or null", .lo = 0, .hi = 10000) \
	F(vote, I, abstentions, INT, P, "Abstentions", "or null", .lo = 0, .hi = 10000) \
	F(vote, I, recorded, BOOL, P, "Recorded", "1 if names were recorded (rows in vote_record)") \
	M_STAMPS(F, vote)

#define MODEL_VOTE_RECORD(F) \
	F(vote_record, I, vote_id, REF, P, "Vote", "vote.id", .ref = "vote") \
	F(vote_record, I, person_id, REF, P, "Person", "person.id", .ref = "person") \
	F(vote_record, S, position, ENUM, P, "Position", "for, against, abstain or did_not_vote", .choices = m_vote_positions)

#define MODEL_DECISION(F) \
	F(decision, I, id, ID, P, "Id", "the decision's id (as in /decisions/{id})") \
	F(decision, I, agenda_item_id, REF, P, "Item", "agenda_item.id where it was made, or null", .flags = MF_EDIT, .ref = "agenda_item", .pos = 5) \
	F(decision, I, paper_id, REF, P, "Paper", "paper.id of the report or matter it decides, or null", .flags = MF_EDIT, .ref = "paper", .pos = 6) \
	F(decision, I, decision_maker_id, REF, P, "Decision maker", "organization.id of the committee or executive that decided, or null", .flags = MF_EDIT, .ref = "organization", .pos = 20) \
	F(decision, S, title, LINE, P, "Title", "its title", .flags = MF_REQ | MF_EDIT, .max = 1000, .pos = 1) \
	F(decision, S, decision_md, MD, P, "Decision", "the clerk's Markdown of decision_html", .flags = MF_REQ | MF_EDIT, .input = "decision", .max = 100000, .pos = 40) \
	F(decision, S, decision_html, HTML, P, "Decision", "the decision" M_HTML_DOC ", or null") \
	F(decision, S, reasons_md, MD, P, "Reasons", "the clerk's Markdown of reasons_html", .flags = MF_EDIT, .input = "reasons", .max = 100000, .pos = 41) \
	F(decision, S, reasons_html, HTML, P, "Reasons", "the reasons" M_HTML_DOC ", or null") \
	F(decision, S, alternatives_md, MD, P, "Alternative options considered and rejected", "the clerk's Markdown of alternatives_html", .flags = MF_EDIT, .input = "alternatives", .max = 100000, .pos = 42) \
	F(decision, S, alternatives_html, HTML, P, "Alternative options considered and rejected", "alternatives considered and rejected" M_HTML_DOC ", or null") \
	F(decision, S, conflicts, TEXT, P, "Conflicts of interest declared", "conflicts of interest declared by the decision maker or a member consulted, or null", .flags = MF_EDIT, .max = 5000, .pos = 43) \
	F(decision, S, decided_on, DATE, P, "Date of decision", "YYYY-MM-DD, or null while proposed", .flags = MF_EDIT, .pos = 10) \
	F(decision, I, published, BOOL, I, "Published", "decides whether the row is public", .flags = MF_EDIT, .pos = 90, .hint = "Unpublished decisions stay in the back office.") \
	F(decision, S, call_in_deadline, DATE, P, "Call-in deadline", "the last day on which it can be called in, or null", .flags = MF_EDIT, .pos = 31) \
	F(decision, S, effective_from, DATE, P, "Takes effect", "the date it takes effect (after the call-in period), or null", .flags = MF_EDIT, .pos = 32) \
	F(decision, S, status, ENUM, P, "Status", "proposed, made, called_in, implemented or withdrawn", .flags = MF_REQ | MF_EDIT, .choices = m_decision_states, .choice_labels = m_decision_state_labels, .dflt = "made", .pos = 11) \
	M_STAMPS(F, decision) \
	F(decision, S, kind, ENUM, L, "Kind of decision", "executive, committee or officer (delegated), or null for a decision recorded before kinds were", .flags = MF_EDIT, .choices = m_decision_kinds, .choice_labels = m_decision_kind_labels, .pos = 2) \
	F(decision, I, decision_maker_person_id, REF, L, "Individual decision maker", "person.id of a member or officer who decided alone, or null", .flags = MF_EDIT, .ref = "person", .pos = 21) \
	F(decision, S, decision_maker_post, LINE, L, "Decision maker's post", "the post of an individual decision maker, e.g. 'Director of Resources', or null", .flags = MF_EDIT, .max = 300, .pos = 22) \
	F(decision, I, key_decision, BOOL, L, "Key decision", "1 for a key decision, 0 for not, null if not said", .flags = MF_EDIT, .pos = 3) \
	F(decision, S, wards, LINE, L, "Wards affected", "the wards affected, e.g. 'All wards', or null", .flags = MF_EDIT, .max = 1000, .pos = 12) \
	F(decision, S, dispensations, TEXT, L, "Dispensations granted", "dispensations granted for conflicts of interest, or null", .flags = MF_EDIT, .max = 5000, .pos = 44) \
	F(decision, I, call_in, BOOL, L, "Subject to call-in", "1 if it can be called in by scrutiny, 0 if not, null if not said", .flags = MF_EDIT, .pos = 30) \
	F(decision, I, plan_entry_id, REF, L, "Forward plan entry", "plan_entry.id of the notice of this key decision, or null", .flags = MF_EDIT, .ref = "plan_entry", .pos = 7) \
	F(decision, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS)

#define MODEL_PLAN_ENTRY(F) \
	F(plan_entry, I, id, ID, P, "Id", "the entry's id") \
	F(plan_entry, I, body_id, REF, P, "Body", "body.id", .ref = "body") \
	F(plan_entry, I, paper_id, REF, P, "Paper", "paper.id of the matter, followed on /issues/{id}, or null", .flags = MF_EDIT, .ref = "paper", .pos = 3) \
	F(plan_entry, S, reference, LINE, P, "Reference", "its reference on the plan, or null", .flags = MF_EDIT, .max = 100, .pos = 2) \
	F(plan_entry, S, title, LINE, P, "Title", "the matter to be decided", .flags = MF_REQ | MF_EDIT, .max = 1000, .pos = 1) \
	F(plan_entry, S, summary_md, MD, P, "Summary", "the clerk's Markdown of summary_html", .flags = MF_EDIT, .input = "summary", .max = 100000, .pos = 4) \
	F(plan_entry, S, summary_html, HTML, P, "Summary", "what is to be decided" M_HTML_DOC ", or null") \
	F(plan_entry, I, decision_maker_id, REF, P, "Decision maker", "organization.id of the committee or executive to decide, or null", .flags = MF_EDIT, .ref = "organization", .pos = 10) \
	F(plan_entry, S, decision_maker_post, LINE, P, "Individual decision maker", "the post of an individual decision maker, or null", .flags = MF_EDIT, .max = 300, .pos = 11) \
	F(plan_entry, I, lead_member_id, REF, P, "Lead member", "person.id of the lead member, or null", .flags = MF_EDIT, .ref = "person", .pos = 12) \
	F(plan_entry, S, lead_officer, LINE, P, "Lead officer", "the lead officer and how to reach them, or null", .flags = MF_EDIT, .max = 300, .pos = 13) \
	F(plan_entry, S, first_published, DATE, P, "Notice first published", "the date the notice was first published (YYYY-MM-DD)", .flags = MF_REQ | MF_EDIT, .pos = 20) \
	F(plan_entry, S, decision_due, DATE, P, "Decision due", "the date of the decision (YYYY-MM-DD)", .flags = MF_REQ | MF_EDIT, .pos = 21) \
	F(plan_entry, S, wards, LINE, P, "Wards affected", "or null", .flags = MF_EDIT, .max = 1000, .pos = 22) \
	F(plan_entry, S, consultees, TEXT, P, "Consultees", "who is consulted, and how, or null", .flags = MF_EDIT, .max = 5000, .pos = 30) \
	F(plan_entry, S, documents, TEXT, P, "Documents to be considered", "the documents to be submitted to the decision maker, or null", .flags = MF_EDIT, .max = 5000, .pos = 31) \
	F(plan_entry, S, restriction, ENUM, P, "Open or private", "open, part_exempt or exempt: whether the decision will be taken in private", .flags = MF_REQ | MF_EDIT, .choices = m_restrictions, .choice_labels = m_restriction_labels, .dflt = "open", .pos = 40) \
	F(plan_entry, I, exempt_paragraph, INT, P, "Paragraph", "the paragraph (1-7) of Schedule 12A to the Local Government Act 1972 when it is exempt, or null", .flags = MF_EDIT, .lo = 1, .hi = 7, .pos = 41, .hint = "Required when the decision is to be taken wholly or partly in private.") \
	F(plan_entry, S, urgency, ENUM, P, "Short notice", "none, general_exception (regulation 10) or special_urgency (regulation 11)", .flags = MF_REQ | MF_EDIT, .choices = m_urgencies, .choice_labels = m_urgency_labels, .dflt = "none", .pos = 50) \
	F(plan_entry, S, urgency_reason, TEXT, P, "Why it cannot wait", "why the decision cannot wait for 28 clear days' notice, or null", .flags = MF_EDIT, .max = 5000, .pos = 51) \
	F(plan_entry, S, status, ENUM, P, "Status", "planned, decided, deferred or withdrawn", .flags = MF_REQ | MF_EDIT, .choices = m_plan_states, .choice_labels = m_plan_state_labels, .dflt = "planned", .pos = 60) \
	F(plan_entry, I, published, BOOL, I, "Published", "decides whether the row is public", .flags = MF_EDIT, .dflt = "1", .pos = 90) \
	M_STAMPS(F, plan_entry) \
	F(plan_entry, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS)

#define M_INTEREST_OPEN "iv.sensitive = 0"
#define MODEL_INTEREST(F) \
	F(interest, I, id, ID, P, "Id", "the entry's id") \
	F(interest, I, person_id, REF, P, "Member", "person.id", .flags = MF_REQ | MF_AUDIT, .ref = "person") \
	F(interest, S, category, ENUM, P, "Category", "employment, sponsorship, contracts, land, licences, tenancies, securities (the disclosable pecuniary interests), other_bodies or gifts (other registrable interests)", .flags = MF_REQ | MF_EDIT, .choices = m_interest_categories, .choice_labels = m_interest_category_labels, .pos = 1) \
	F(interest, S, holder, ENUM, P, "Whose interest", "member, or partner (the member's spouse or civil partner, or a person they live with as such)", .flags = MF_REQ | MF_EDIT, .choices = m_interest_holders, .choice_labels = m_interest_holder_labels, .dflt = "member", .pos = 2) \
	F(interest, S, description, TEXT, O, "The interest", "the interest as registered; null for a sensitive interest", .flags = MF_REQ | MF_EDIT, .max = 2000, .expr = M_INTEREST_OPEN, .pos = 3) \
	F(interest, I, sensitive, BOOL, P, "Sensitive interest", "1 if withheld under section 32 of the Localism Act 2011 (disclosure could lead to violence or intimidation)", .flags = MF_EDIT, .pos = 4, .hint = "Its details are then never published: the register says a sensitive interest is withheld.") \
	F(interest, S, registered_on, DATE, P, "Registered on", "YYYY-MM-DD", .flags = MF_REQ | MF_EDIT, .pos = 5) \
	F(interest, S, ended_on, DATE, P, "Ended on", "YYYY-MM-DD, or null while it is held", .flags = MF_EDIT, .pos = 6) \
	M_STAMPS(F, interest) \
	F(interest, I, deleted, BOOL, I, "Deleted", "decides whether the row is public", .flags = MF_SYS)

#define MODEL_USER(F) \
	F(user, I, id, ID, I, "Id", "accounts of the back office") \
	F(user, S, email, EMAIL, I, "E-mail address", "accounts of the back office", .flags = MF_REQ | MF_AUDIT) \
	F(user, S, name, LINE, I, "Name", "accounts of the back office", .flags = MF_AUDIT) \
	F(user, S, role, ENUM, I, "Role", "accounts of the back office", .flags = MF_REQ | MF_AUDIT, .choices = m_user_roles) \
	F(user, S, password_hash, SECRET, I, "Password", "accounts of the back office") \
	F(user, I, disabled, BOOL, I, "Disabled", "accounts of the back office", .flags = MF_AUDIT) \
	F(user, S, created, STAMP, I, "Created", "accounts of the back office", .flags = MF_SYS) \
	F(user, S, modified, STAMP, I, "Modified", "accounts of the back office", .flags = MF_SYS) \
	F(user, S, totp_secret, SECRET, I, "Two-step key", "the TOTP secret (base32), or null: no second factor") \
	F(user, S, totp_pending, SECRET, I, "Two-step key being set up", "a TOTP secret shown once, until its first code confirms it") \
	F(user, I, totp_last_step, INT, I, "Last code's step", "the time step of the last code accepted (a code is good once)")

#define MODEL_ENTITIES(E) \
	E(body, "body", "b", "the body", "the authority hosting the record (its public contact details)", "b.id") \
	E(legislative_term, "legislative_term", "t", "electoral term", "an electoral term", "t.start_date, t.id") \
	E(organization, "organization", "o", "committee", "a committee, panel, cabinet, full council, sub-committee or outside body", "o.name COLLATE NOCASE, o.id") \
	E(person, "person", "p", "person", "a councillor, co-opted member or officer (no contact details: those stay with the clerks)", "COALESCE(p.family_name, p.name) COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id") \
	E(membership, "membership", "ms", "membership", "a person's role on an organization", "ms.id") \
	E(location, "location", "loc", "venue", "a venue", "loc.name COLLATE NOCASE, loc.id") \
	E(meeting, "meeting", "m", "meeting", "a meeting in the public calendar (unpublished and deleted meetings are left out)", "m.id") \
	E(agenda_item, "agenda_item", "i", "agenda item", "an item of a published agenda", "i.id") \
	E(paper, "paper", "pa", "paper", "a public report or matter followed across meetings", "pa.id") \
	E(consultation, "consultation", "c", "consultation", "a paper on a meeting's agenda", "c.id") \
	E(file, "file", "f", "document", "a public document (its bytes are at url_path)", "f.id") \
	E(file_page, "file_page", "fp", "page", "the text of one page of a public document", "fp.id") \
	E(file_link, "file_link", "l", "attachment", "where a public document is attached, and as what", "l.id") \
	E(attendance, "attendance", "a", "attendance", "who attended a held meeting, or sent apologies", "a.id") \
	E(declaration, "declaration", "d", "declaration", "a declaration of interest at a held meeting", "d.id") \
	E(vote, "vote", "v0", "vote", "a vote on an item, once the minutes are published", "v0.id") \
	E(vote_record, "vote_record", "r", "recorded vote", "how a person voted in a recorded vote", "r.id") \
	E(decision, "decision", "dc", "decision", "a published decision record: executive, committee or officer", "dc.decided_on DESC, dc.id DESC") \
	E(plan_entry, "plan_entry", "pe", "forward plan entry", "notice of a key decision on the forward plan", "pe.decision_due, pe.id") \
	E(interest, "interest", "iv", "registered interest", "an entry of a member's register of interests", "iv.person_id, iv.category, iv.id") \
	E(user, "user", "u", "user", "an account of the back office", "u.email COLLATE NOCASE, u.id") \
	E(log_entry, "log_entry", "le", "log entry", "an entry of the publication log (docs/LOG.md)", "le.id") \
	E(log_node, "log_node", "ln", "log hash", "the hash of a complete subtree of the publication log's Merkle tree", "ln.id")

#define M_DECL_STRUCT(ent, LIST) struct m_##ent { LIST(M_MEMBER) };
M_DECL_STRUCT(body, MODEL_BODY)
M_DECL_STRUCT(legislative_term, MODEL_LEGISLATIVE_TERM)
M_DECL_STRUCT(organization, MODEL_ORGANIZATION)
M_DECL_STRUCT(person, MODEL_PERSON)
M_DECL_STRUCT(membership, MODEL_MEMBERSHIP)
M_DECL_STRUCT(location, MODEL_LOCATION)
M_DECL_STRUCT(meeting, MODEL_MEETING)
M_DECL_STRUCT(paper, MODEL_PAPER)
M_DECL_STRUCT(agenda_item, MODEL_AGENDA_ITEM)
M_DECL_STRUCT(consultation, MODEL_CONSULTATION)
M_DECL_STRUCT(file, MODEL_FILE)
M_DECL_STRUCT(file_page, MODEL_FILE_PAGE)
M_DECL_STRUCT(file_link, MODEL_FILE_LINK)
M_DECL_STRUCT(attendance, MODEL_ATTENDANCE)
M_DECL_STRUCT(declaration, MODEL_DECLARATION)
M_DECL_STRUCT(vote, MODEL_VOTE)
M_DECL_STRUCT(vote_record, MODEL_VOTE_RECORD)
M_DECL_STRUCT(decision, MODEL_DECISION)
M_DECL_STRUCT(plan_entry, MODEL_PLAN_ENTRY)
M_DECL_STRUCT(interest, MODEL_INTEREST)
M_DECL_STRUCT(log_entry, MODEL_LOG_ENTRY)
M_DECL_STRUCT(log_node, MODEL_LOG_NODE)
M_DECL_STRUCT(user, MODEL_USER)

struct mentity {
	const char *name;        /* as the code names it: "location" */
	const char *table;       /* its table */
	const char *alias;       /* its alias in generated SQL */
	const char *noun;        /* as users name one: "venue" */
	const char *what;        /* what a row is (export README) */
	const char *order;       /* the order of a list of them (SQL) */
	const struct mfield *fields;
	int nfields;
	size_t size;             /* of struct m_<name> */
};

enum model_entity {
#define M_ENUM(ent, ...) M_##ent,
	MODEL_ENTITIES(M_ENUM)
#undef M_ENUM
	M_NENTITIES
};

extern const struct mentity model[M_NENTITIES];

/* The entity of a table, or NULL. */
const struct mentity *model_of_table(const char *table);
/* A field of an entity by column, or NULL. */
const struct mfield *model_field(const struct mentity *e, const char *col);

/* The value of a field in a row struct. */
static inline const char *mrow_text(const void *row, const struct mfield *f)
{
	return *(const char *const *)((const char *)row + f->off);
}
static inline int64_t mrow_int(const void *row, const struct mfield *f)
{
	return *(const int64_t *)((const char *)row + f->off);
}

/* --- checking (model_check.c) --- */

#define MODEL_MAX_ERRS 16
#define MODEL_MSG 200
struct model_errs {
	int n;
	struct { const char *field; char msg[MODEL_MSG]; } e[MODEL_MAX_ERRS];
};
void model_errs_add(struct model_errs *me, const char *field, const char *msg);
/* The most characters a text field takes. */
int model_max(const struct mfield *f);
/* NULL if v (text as typed or received; NULL or "" absent) is a valid
 * value of f, else a message for the person who typed it, in msg. */
const char *model_check_field(const struct mfield *f, const char *v, char *msg, size_t n);
/* Check the fields with any of flags (e.g. MF_EDIT) of typed (one text per
 * field of e, in order), and the rules between fields (an end date not
 * before its start); adds to me, returns the number of errors added. */
int model_check(const struct mentity *e, const char *const *typed, unsigned flags, struct model_errs *me);
/* The name of the field's form input. */
const char *model_form_name(const struct mfield *f);
/* Fill a row struct from checked texts (the strings are not copied). */
void model_from_text(const struct mentity *e, const char *const *typed, void *row);

/* --- reading and writing (model_rw.c) --- */

struct db;
struct cursor;
/* One row (not deleted) into row (struct m_<entity>): 1, 0 (none) or -1.
 * The strings are valid until the next use of the same statement. */
int model_get(struct db *db, const struct mentity *e, int64_t id, void *row);
/* One public row, from its pub_* view (internal fields NULL or 0): 1, 0
 * (not public) or -1.  For the public surfaces. */
int model_pub_get(struct db *db, const struct mentity *e, int64_t id, void *row);
/* Every row not deleted, in the entity's order; then model_next. */
int model_list(struct db *db, const struct mentity *e, struct cursor *c);
/* A page of them: limit rows after the first offset, in the same order;
 * and how many there are (0 with *n, or -1). */
int model_list_page(struct db *db, const struct mentity *e, int64_t offset, int64_t limit, struct cursor *c);
int model_count(struct db *db, const struct mentity *e, int64_t *n);
int model_next(struct cursor *c, const struct mentity *e, void *row);
/* Create (id 0) or update a row from the fields flagged MF_EDIT, with
 * Markdown rendered into its HTML field, audited with the row before and
 * after; a new row of an entity with a body belongs to the hosting body,
 * and a new row's required reference that is not typed (its parent: an
 * interest's member) is written from row too, never changed after.
 * Returns the id, or -1 with db->err set. */
int64_t model_save(struct db *db, int64_t user_id, const struct mentity *e, int64_t id, const void *row);
/* A column's value for model_insert: text, or a number (isnum). */
struct mval {
	const char *col;
	const char *text;
	int64_t num;
	int isnum;
};
#define MV_TEXT(c, t) ((struct mval){ .col = (c), .text = (t) })
#define MV_INT(c, n) ((struct mval){ .col = (c), .num = (int64_t)(n), .isnum = 1 })
/* Insert a row of e with the values given, every other column taking its
 * default (sql/): the way in for rows made by the program (the demo,
 * `witan gen`, tests).  Text NULL, empty text of a field not required,
 * and a 0 that means none (a reference, an integer that cannot be 0) are
 * not given.  Each value
 * passes the model's checks (model_check_field, as the back office's) or
 * nothing is written; a Markdown field's HTML is rendered into the field
 * after it.  Not audited: a program's rows are nobody's action.  Returns
 * the new id, or -1 with db->err set ("table.column: why"). */
int64_t model_insert(struct db *db, const struct mentity *e, const struct mval *v, int n);
#define MODEL_INSERT(db, ent, ...) model_insert((db), &model[M_##ent], (const struct mval[]){ __VA_ARGS__ }, \
	(int)(sizeof((const struct mval[]){ __VA_ARGS__ }) / sizeof(struct mval)))
/* The entity's OParl properties over the row aliased alias, as members
 * of SQLite's json_object ("'room', a.room, "): every field with .oparl;
 * a latitude and longitude pair as a GeoJSON Feature with a Point. */
struct buf;
void model_oparl_props(const struct mentity *e, const char *alias, struct buf *b);
/* The SQL that gives the audit log's JSON of a row (?1 = id): the id and
 * the fields flagged MF_EDIT or MF_AUDIT, never a secret; an SVG as its
 * size and SHA-256. */
const char *model_audit_sql(const struct mentity *e);

#endif

