/* oparl.c: the OParl 1.1 objects of the public record as JSON (see
 * oparl.h and docs/API.md, "OParl").
 *
 * Each object type is one SQL expression over a row of its pub_* view,
 * written with SQLite's JSON functions (which escape every string) and
 * wrapped in json_patch('{}', ...), which drops the members whose value
 * is null.  Embedded objects are the same expressions nested, behind
 * :omit (omit_internal).  Named parameters: :api and :web (URL roots),
 * :omit, and for lists :after, :limit, :scope and the four time bounds. */
#include "db/oparl.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "db/db_int.h"
#include "db/model.h"
#include "util/buf.h"
#include "util/banned.h"

#define T(x) "'https://schema.oparl.org/1.1/" x "'"
/* Witan's own object types (decision records, forward plan entries), which
 * OParl has none for: the same scheme as OParl's, under Witan's namespace
 * (docs/API.md, "Vendor object types"). */
#define WITAN_NS "https://witan.example/oparl/1.1/"
#define WT(x) "'" WITAN_NS x "'"
/* A subquery's JSON array, or null (left out) when it is empty. */
#define NONEMPTY(q) "json(NULLIF((" q "), '[]'))"
/* An embedded object or list, left out with omit_internal. */
#define EMBED(x) "CASE WHEN :omit <> 0 THEN NULL ELSE " x " END"
#define BOOL(x) "json(CASE WHEN " x " THEN 'true' ELSE 'false' END)"
/* The same of an integer column (1 or 0), which PostgreSQL does not take
 * for a condition. */
#define BOOLCOL(c) BOOL(c " <> 0")
#define UTC(x) "strftime('%Y-%m-%dT%H:%M:%SZ', " x ", 'utc')"
#define REF(path, x) "(:api || '/" path "/' || " x ")"
#define LATEST(q) "COALESCE((" q "), '')"

/* --- license ------------------------------------------------------------
 * Every object names its licence: its own (a harvested object's, when it
 * is not the body's), else the hosting body's, which pub_body gives as the
 * body's setting or its region's default (util/licence.h).  None stated:
 * the member is left out. */

#define BODY_LICENSE "(SELECT bl.license FROM pub_body bl ORDER BY bl.id LIMIT 1)"
#define LICENSE(a) " 'license', COALESCE(" a ".license, " BODY_LICENSE "),"

/* --- modified ---------------------------------------------------------
 * A view's `modified` is the publication record's (db/boundary.c): it
 * moves when something public about the object changes, embedded objects
 * included, and never for what the public does not see. */

#define MOD(a) a ".modified"
/* Every object opens with its id and type and closes with its times. */
#define OBJ(path, type, a) "json_patch('{}', json_object('id', " REF(path, a ".id") ", 'type', " T(type) ","
#define OBJ_END(a) " 'created', " a ".created, 'modified', " MOD(a) "))"
/* The same for Witan's own object types. */
#define VOBJ(path, type, a) "json_patch('{}', json_object('id', " REF(path, a ".id") ", 'type', " WT(type) ","

/* --- the objects ---------------------------------------------------- */

/* The URLs of the objects of type path whose ids (`id`) q selects, in id
 * order, as a JSON array (or null). */
#define URLS(path, q) NONEMPTY("SELECT json_group_array(" REF(path, "u.id") ") FROM (" q " ORDER BY id) u")

#define FILE_JSON(a) \
	OBJ("file", "File", a) \
	" 'name', " a ".title, 'fileName', " a ".filename, 'mimeType', " a ".mime_type, 'size', " a ".size," \
	" 'accessUrl', :web || '/documents/' || " a ".id || '/' || " a ".filename," \
	" 'downloadUrl', " REF("file", a ".id || '/download'") "," \
	" 'meeting', " NONEMPTY("SELECT json_group_array(" REF("meeting", "x") ") FROM (SELECT DISTINCT" \
				" meeting_id AS x FROM pub_file_link WHERE file_id = " a ".id" \
				" AND meeting_id IS NOT NULL ORDER BY 1)") "," \
	" 'agendaItem', " NONEMPTY("SELECT json_group_array(" REF("agendaitem", "x") ") FROM (SELECT DISTINCT" \
				   " agenda_item_id AS x FROM pub_file_link WHERE file_id = " a ".id" \
				   " AND agenda_item_id IS NOT NULL ORDER BY 1)") "," \
	" 'paper', " NONEMPTY("SELECT json_group_array(" REF("paper", "x") ") FROM (SELECT DISTINCT" \
			      " paper_id AS x FROM pub_file_link WHERE file_id = " a ".id" \
			      " AND paper_id IS NOT NULL ORDER BY 1)") "," \
	" 'witan:sha256Checksum', " a ".sha256," LICENSE(a) \
	OBJ_END(a)

/* The public files linked by `where` (a condition on file_link l), in
 * their order, as a JSON array (or null). */
#define FILES(alias, where) \
	NONEMPTY("SELECT json_group_array(" FILE_JSON(alias) ") FROM (SELECT f.* FROM pub_file_link l" \
		 " JOIN pub_file f ON f.id = l.file_id WHERE " where " ORDER BY l.position, l.id) " alias)

#define LOCATION_JSON(a) \
	OBJ("location", "Location", a) \
	" {{location:" a "}}" LICENSE(a) \
	OBJ_END(a)
/* Fetched on its own, a location lists its meetings (back-references). */
#define LOCATION_ONE(a) \
	"json_patch(" LOCATION_JSON(a) ", json_object('meetings', " \
	NONEMPTY("SELECT json_group_array(" REF("meeting", "x") ") FROM (SELECT id AS x FROM pub_meeting" \
		 " WHERE location_id = " a ".id ORDER BY 1)") "))"

#define MEMBERSHIP_JSON(a) \
	OBJ("membership", "Membership", a) \
	" 'person', " REF("person", a ".person_id") ", 'organization', " REF("organization", a ".organization_id") "," \
	" 'role', CASE " a ".role WHEN 'chair' THEN 'Chair' WHEN 'vice_chair' THEN 'Vice-chair'" \
	"  WHEN 'member' THEN 'Member' WHEN 'co_opted' THEN 'Co-opted member' WHEN 'substitute' THEN 'Substitute'" \
	"  WHEN 'independent' THEN 'Independent member' WHEN 'officer' THEN 'Officer' END," \
	" 'witan:role', " a ".role, 'votingRight', " BOOLCOL(a ".voting") "," \
	" 'startDate', " a ".start_date, 'endDate', " a ".end_date," LICENSE(a) \
	OBJ_END(a)

/* An entry of the register of members' interests, embedded in its Person:
 * a sensitive interest (section 32 of the Localism Act 2011) says so, and
 * its description (null in the view) is left out. */
#define INTEREST_JSON(a) \
	"json_patch('{}', json_object('category', " a ".category, 'holder', " a ".holder," \
	" 'description', " a ".description, 'sensitive', " BOOLCOL(a ".sensitive") "," \
	" 'registered', " a ".registered_on, 'ended', " a ".ended_on," \
	OBJ_END(a)

#define PERSON_JSON(a) \
	OBJ("person", "Person", a) \
	" 'body', " REF("body", a ".body_id") ", 'name', " a ".name, 'familyName', " a ".family_name," \
	" 'givenName', " a ".given_name, 'formOfAddress', " a ".honorific," \
	" 'membership', " EMBED(NONEMPTY("SELECT json_group_array(" MEMBERSHIP_JSON("pm") ") FROM" \
					 " (SELECT * FROM pub_membership WHERE person_id = " a ".id ORDER BY id) pm")) "," \
	" 'witan:party', " a ".party, 'witan:area', " a ".area, 'witan:nominatedBy', " a ".nominated_by," \
	" 'witan:biography', " a ".bio_html," \
	" 'witan:interests', " NONEMPTY("SELECT json_group_array(" INTEREST_JSON("pi") ") FROM (SELECT * FROM" \
					" pub_interest WHERE person_id = " a ".id ORDER BY registered_on, id) pi") "," \
	" 'web', :web || '/people/' || " a ".id," LICENSE(a) \
	OBJ_END(a)

#define ORG_JSON(a) \
	OBJ("organization", "Organization", a) \
	" 'body', " REF("body", a ".body_id") ", 'name', " a ".name, 'shortName', " a ".short_name," \
	" 'membership', " NONEMPTY("SELECT json_group_array(" REF("membership", "x") ") FROM (SELECT id AS x" \
				   " FROM pub_membership WHERE organization_id = " a ".id ORDER BY 1)") "," \
	" 'meeting', " REF("organization", a ".id || '/meeting'") "," \
	" 'subOrganizationOf', " REF("organization", a ".parent_id") "," \
	" 'organizationType', CASE " a ".kind WHEN 'outside_body' THEN 'external body' ELSE 'committee' END," \
	" 'classification', CASE " a ".kind WHEN 'council' THEN 'Council' WHEN 'cabinet' THEN 'Cabinet'" \
	"  WHEN 'committee' THEN 'Committee' WHEN 'sub_committee' THEN 'Sub-committee' WHEN 'panel' THEN 'Panel'" \
	"  WHEN 'board' THEN 'Board' WHEN 'working_group' THEN 'Working group' WHEN 'outside_body' THEN 'Outside body'" \
	"  END, 'witan:kind', " a ".kind," \
	" 'startDate', " a ".start_date, 'endDate', " a ".end_date, 'website', " a ".website," \
	" 'witan:purpose', " a ".purpose_html, 'web', :web || '/committees/' || " a ".id," LICENSE(a) \
	OBJ_END(a)

#define TERM_JSON(a) \
	OBJ("legislativeterm", "LegislativeTerm", a) \
	" 'body', " REF("body", a ".body_id") ", 'name', " a ".name, 'startDate', " a ".start_date," \
	" 'endDate', " a ".end_date," LICENSE(a) OBJ_END(a)

#define CONSULTATION_JSON(a) \
	OBJ("consultation", "Consultation", a) \
	" 'paper', " REF("paper", a ".paper_id") ", 'agendaItem', " REF("agendaitem", a ".agenda_item_id") "," \
	" 'meeting', " REF("meeting", a ".meeting_id") "," \
	" 'organization', CASE WHEN " a ".organization_id IS NOT NULL THEN json_array(" \
	REF("organization", a ".organization_id") ") END," \
	" 'authoritative', " BOOLCOL(a ".authoritative") ", 'role', " a ".role," LICENSE(a) \
	OBJ_END(a)

#define VOTE_JSON(a) \
	"json_patch('{}', json_object('motion', " a ".motion, 'result', " a ".result, 'for', " a ".votes_for," \
	" 'against', " a ".votes_against, 'abstentions', " a ".abstentions, 'recorded', " BOOLCOL(a ".recorded") "," \
	" 'record', " NONEMPTY("SELECT json_group_array(json_object('person', " REF("person", "vr.person_id") "," \
			       " 'position', vr.position)) FROM (SELECT * FROM pub_vote_record WHERE vote_id = " \
			       a ".id ORDER BY person_id) vr") "," \
	OBJ_END(a)

#define DECLARATION_JSON(a) \
	"json_patch('{}', json_object('person', " REF("person", a ".person_id") ", 'kind', " a ".kind," \
	" 'description', " a ".description, 'leftRoom', " BOOLCOL(a ".left_room") "," \
	OBJ_END(a)

#define ITEM_JSON(a) \
	OBJ("agendaitem", "AgendaItem", a) \
	" 'meeting', " REF("meeting", a ".meeting_id") ", 'number', " a ".number, 'order', " a ".position," \
	" 'name', " a ".title, 'public', " BOOL(a ".exempt = 0") "," \
	" 'consultation', (SELECT " REF("consultation", "min(c.id)") " FROM pub_consultation c" \
	"  WHERE c.agenda_item_id = " a ".id)," \
	" 'resolutionText', witan_plain(" a ".decision_html)," \
	" 'auxiliaryFile', " EMBED(FILES("fi", "l.agenda_item_id = " a ".id")) "," \
	" 'witan:kind', " a ".kind, 'witan:exemptParagraph', " a ".exempt_paragraph," \
	" 'witan:exemptReason', " a ".exempt_reason, 'witan:description', " a ".description_html," \
	" 'witan:minutes', " a ".minutes_html, 'witan:decision', " a ".decision_html," \
	" 'witan:decisionRecords', " URLS("decision", "SELECT id FROM pub_decision WHERE agenda_item_id = " a ".id") "," \
	" 'witan:votes', " NONEMPTY("SELECT json_group_array(" VOTE_JSON("iv") ") FROM (SELECT * FROM pub_vote" \
				    " WHERE agenda_item_id = " a ".id ORDER BY id) iv") "," \
	" 'witan:declarations', " NONEMPTY("SELECT json_group_array(" DECLARATION_JSON("idl") ") FROM" \
					   " (SELECT * FROM pub_declaration WHERE agenda_item_id = " a ".id" \
					   " ORDER BY id) idl") "," \
	" 'web', :web || '/meetings/' || " a ".meeting_id || '/items/' || " a ".id," LICENSE(a) \
	OBJ_END(a)

/* A meeting's results protocol (printed minutes): the first such public
 * file. */
#define MEETING_FILE_ID(a, roles) \
	"(SELECT l.file_id FROM pub_file_link l WHERE l.meeting_id = " a ".id AND l.role IN " roles \
	" AND EXISTS (SELECT 1 FROM pub_file f WHERE f.id = l.file_id)" \
	" ORDER BY l.role = 'agenda_pack' DESC, l.position, l.id LIMIT 1)"
#define PROTOCOL_ID(a) MEETING_FILE_ID(a, "('minutes')")

/* Without an uploaded minutes document, the results protocol is the
 * printed minutes (web/printed.c) once the minutes are public: a File of
 * its own at meeting/{id}/resultsProtocol (like the invitation below),
 * whose addresses are /meetings/{id}/minutes.pdf. */
#define PRINTED_MINUTES_URL(a) "(:web || '/meetings/' || " a ".id || '/minutes.pdf')"
#define PRINTED_MINUTES_JSON(a) \
	"CASE WHEN " a ".minutes_status IN ('published', 'approved') THEN json_patch('{}', json_object(" \
	" 'id', " REF("meeting", a ".id || '/resultsProtocol'") ", 'type', " T("File") ", 'name', 'Minutes'," \
	" 'fileName', 'minutes-' || substr(" a ".start_at, 1, 10) || '.pdf', 'mimeType', 'application/pdf'," \
	" 'accessUrl', " PRINTED_MINUTES_URL(a) ", 'downloadUrl', " PRINTED_MINUTES_URL(a) "," \
	" 'meeting', json_array(" REF("meeting", a ".id") ")," LICENSE(a) \
	" 'created', " a ".created, 'modified', " MOD(a) ")) END"

/* A meeting's invitation: its reports pack (the agenda and every public
 * paper, docs/pack.h), a File of its own at meeting/{id}/invitation,
 * once the agenda is published. */
#define PACK_FILE_JSON(a) \
	"CASE WHEN " a ".agenda_status = 'published' THEN json_patch('{}', json_object(" \
	" 'id', " REF("meeting", a ".id || '/invitation'") ", 'type', " T("File") "," \
	" 'name', 'Agenda and reports pack', 'fileName', 'reports-pack.pdf', 'mimeType', 'application/pdf'," \
	" 'accessUrl', :web || '/meetings/' || " a ".id || '/pack.pdf'," \
	" 'downloadUrl', :web || '/meetings/' || " a ".id || '/pack.pdf'," \
	" 'meeting', json_array(" REF("meeting", a ".id") ")," LICENSE(a) \
	" 'created', " a ".created, 'modified', " MOD(a) ")) END"

#define MEETING_JSON(a) \
	OBJ("meeting", "Meeting", a) \
	" {{meeting:" a "}} 'cancelled', " BOOL(a ".state = 'cancelled'") "," \
	" 'start', " UTC(a ".start_at") ", 'end', " UTC(a ".end_at") "," \
	" 'location', " EMBED("json((SELECT " LOCATION_JSON("ml") " FROM pub_location ml WHERE ml.id = " \
			      a ".location_id))") "," \
	" 'organization', json_array(" REF("organization", a ".organization_id") ")," \
	" 'participant', " NONEMPTY("SELECT json_group_array(" REF("person", "x") ") FROM (SELECT person_id AS x" \
				    " FROM pub_attendance WHERE meeting_id = " a ".id" \
				    " AND status IN ('present', 'substitute') ORDER BY 1)") "," \
	" 'invitation', " EMBED("json(" PACK_FILE_JSON(a) ")") "," \
	" 'resultsProtocol', " EMBED("COALESCE(json((SELECT " FILE_JSON("mp") " FROM pub_file mp WHERE mp.id = " \
				     PROTOCOL_ID(a) ")), " PRINTED_MINUTES_JSON(a) ")") "," \
	" 'auxiliaryFile', " EMBED(FILES("ma", "l.meeting_id = " a ".id AND l.file_id IS NOT " PROTOCOL_ID(a))) "," \
	" 'agendaItem', " EMBED(NONEMPTY("SELECT json_group_array(" ITEM_JSON("mi") ") FROM (SELECT * FROM" \
					 " pub_agenda_item WHERE meeting_id = " a ".id ORDER BY position, id) mi")) "," \
	" 'witan:minutesApprovedBy', (SELECT " REF("meeting", "ab.id") " FROM pub_meeting ab" \
	" WHERE ab.id = " a ".minutes_approved_by)," \
	" 'witan:attendance', " NONEMPTY("SELECT json_group_array(json_patch('{}', json_object('person', " \
					 REF("person", "at.person_id") ", 'status', at.status, 'substituteFor', " \
					 REF("person", "at.substitute_for") ", 'note', at.note," \
					 " 'created', at.created, 'modified', at.modified))) FROM (SELECT * FROM" \
					 " pub_attendance WHERE meeting_id = " a ".id ORDER BY person_id) at") "," \
	" 'web', :web || '/meetings/' || " a ".id," LICENSE(a) \
	OBJ_END(a)

#define PAPER_JSON(a) \
	OBJ("paper", "Paper", a) \
	" 'body', " REF("body", a ".body_id") ", 'name', " a ".title, 'reference', " a ".reference," \
	" 'date', " a ".date," \
	" 'paperType', " a ".kind," \
	" 'auxiliaryFile', " EMBED(FILES("pf", "l.paper_id = " a ".id")) "," \
	" 'underDirectionOf', CASE WHEN " a ".decision_maker_id IS NOT NULL THEN json_array(" \
	REF("organization", a ".decision_maker_id") ") END," \
	" 'consultation', " EMBED(NONEMPTY("SELECT json_group_array(" CONSULTATION_JSON("pc") ") FROM" \
					   " (SELECT * FROM pub_consultation WHERE paper_id = " a ".id ORDER BY id) pc")) "," \
	" 'witan:keyDecision', " BOOLCOL(a ".key_decision") ", 'witan:forwardPlanDate', " a ".forward_plan_date," \
	" 'witan:decisions', " URLS("decision", "SELECT id FROM pub_decision WHERE paper_id = " a ".id") "," \
	" 'witan:forwardPlan', " URLS("plan_entry", "SELECT id FROM pub_plan_entry WHERE paper_id = " a ".id") "," \
	" 'witan:description', " a ".description_html, 'web', :web || '/issues/' || " a ".id," LICENSE(a) \
	OBJ_END(a)

/* A reference to a public object (left out when it is not public). */
#define PUBREF(path, view, x) "(SELECT " REF(path, "pr.id") " FROM " view " pr WHERE pr.id = " x ")"
/* A boolean that may be unknown (null: left out, as json_patch drops it). */
#define OPTBOOL(x) "json(CASE WHEN " x " IS NULL THEN 'null' WHEN " x " <> 0 THEN 'true' ELSE 'false' END)"

/* A decision record (Witan's type Decision): executive, committee or
 * officer decisions, with the reasons and alternatives the 2012
 * Regulations ask for.  Its meeting and agenda item when it was made at
 * one (OParl's resolutionText of that item is its decision too). */
#define DECISION_JSON(a) \
	VOBJ("decision", "Decision", a) \
	" 'name', " a ".title, 'kind', " a ".kind, 'status', " a ".status, 'date', " a ".decided_on," \
	" 'keyDecision', " OPTBOOL(a ".key_decision") "," \
	" 'decision', " a ".decision_html, 'decisionText', witan_plain(" a ".decision_html)," \
	" 'reasons', " a ".reasons_html, 'alternatives', " a ".alternatives_html," \
	" 'conflicts', " a ".conflicts, 'dispensations', " a ".dispensations," \
	" 'decisionMaker', " PUBREF("organization", "pub_organization", a ".decision_maker_id") "," \
	" 'decisionMakerPerson', " PUBREF("person", "pub_person", a ".decision_maker_person_id") "," \
	" 'decisionMakerPost', " a ".decision_maker_post, 'wards', " a ".wards," \
	" 'callIn', " OPTBOOL(a ".call_in") ", 'callInDeadline', " a ".call_in_deadline," \
	" 'effectiveFrom', " a ".effective_from," \
	" 'meeting', (SELECT " REF("meeting", "di.meeting_id") " FROM pub_agenda_item di WHERE di.id = " \
	a ".agenda_item_id)," \
	" 'agendaItem', " PUBREF("agendaitem", "pub_agenda_item", a ".agenda_item_id") "," \
	" 'paper', " PUBREF("paper", "pub_paper", a ".paper_id") "," \
	" 'forwardPlanEntry', " PUBREF("plan_entry", "pub_plan_entry", a ".plan_entry_id") "," \
	" 'web', :web || '/decisions/' || " a ".id, 'license', " BODY_LICENSE "," \
	OBJ_END(a)

/* An entry of the forward plan (Witan's type ForwardPlanEntry): notice
 * of a key decision, and the decisions that fulfilled it. */
#define PLAN_JSON(a) \
	VOBJ("plan_entry", "ForwardPlanEntry", a) \
	" 'body', " REF("body", a ".body_id") ", 'name', " a ".title, 'reference', " a ".reference," \
	" 'paper', " PUBREF("paper", "pub_paper", a ".paper_id") ", 'summary', " a ".summary_html," \
	" 'decisionMaker', " PUBREF("organization", "pub_organization", a ".decision_maker_id") "," \
	" 'decisionMakerPost', " a ".decision_maker_post," \
	" 'leadMember', " PUBREF("person", "pub_person", a ".lead_member_id") ", 'leadOfficer', " a ".lead_officer," \
	" 'firstPublished', " a ".first_published, 'decisionDue', " a ".decision_due, 'wards', " a ".wards," \
	" 'consultees', " a ".consultees, 'documents', " a ".documents, 'restriction', " a ".restriction," \
	" 'exemptParagraph', " a ".exempt_paragraph, 'urgency', " a ".urgency," \
	" 'urgencyReason', " a ".urgency_reason, 'status', " a ".status," \
	" 'decisions', " URLS("decision", "SELECT id FROM pub_decision WHERE plan_entry_id = " a ".id") "," \
	" 'web', :web || '/forward-plan#entry-' || " a ".id, 'license', " BODY_LICENSE "," \
	OBJ_END(a)

#define BODY_JSON(a) \
	OBJ("body", "Body", a) \
	" 'system', :api || '/system', 'name', " a ".name, 'shortName', " a ".short_name," \
	" 'website', " a ".website, 'contactEmail', " a ".email," \
	" 'organization', " REF("body", a ".id || '/organization'") "," \
	" 'person', " REF("body", a ".id || '/person'") ", 'meeting', " REF("body", a ".id || '/meeting'") "," \
	" 'paper', " REF("body", a ".id || '/paper'") ", 'agendaItem', " REF("body", a ".id || '/agendaitem'") "," \
	" 'consultation', " REF("body", a ".id || '/consultation'") ", 'file', " REF("body", a ".id || '/file'") "," \
	" 'locationList', " REF("body", a ".id || '/location'") "," \
	" 'legislativeTermList', " REF("body", a ".id || '/legislativeterm'") "," \
	" 'membership', " REF("body", a ".id || '/membership'") "," \
	" 'witan:decisionList', " REF("body", a ".id || '/decision'") "," \
	" 'witan:forwardPlanList', " REF("body", a ".id || '/plan_entry'") "," \
	" 'legislativeTerm', json((SELECT json_group_array(" TERM_JSON("bt") ") FROM (SELECT * FROM" \
	"  pub_legislative_term WHERE body_id = " a ".id ORDER BY id) bt))," \
	" 'witan:region', " a ".region, 'web', :web || '/', 'license', " a ".license," \
	OBJ_END(a)

/* A deleted (or unpublished) object: what OParl 1.1 keeps of it, and the
 * body's licence (OParl 1.0 clients want one on every object). */
#define STUB_JSON(path, tlit, b, mod) \
	"json_patch(json_object('id', " REF(path, b ".id") ", 'type', " tlit ", 'created', " b ".created," \
	" 'modified', " mod ", 'deleted', json('true')), json_object('license', " BODY_LICENSE "))"

/* --- the statements of each type ------------------------------------ */

/* Stored times have whole seconds: a lower bound with a fraction rounds
 * up (at or after 10:00:00.5 is at or after 10:00:01), an upper one down. */
#define SINCE(p) "strftime('%Y-%m-%dT%H:%M:%SZ', " p ", '+0.999 seconds')"
#define UNTIL(p) "strftime('%Y-%m-%dT%H:%M:%SZ', " p ")"
#define FILTERS(a, mod) \
	"(:cs IS NULL OR " a ".created >= " SINCE(":cs") ") AND (:cu IS NULL OR " a ".created <= " UNTIL(":cu") ")" \
	" AND (:ms IS NULL OR " mod " >= " SINCE(":ms") ") AND (:mu IS NULL OR " mod " <= " UNTIL(":mu") ")"

struct kind {
	const char *path, *name;
	const char *one, *stub;                  /* :id */
	const char *page, *stubs;                /* ordered by id, :after, :limit */
	/* A list's totalElements, from the publication record (pub_record:
	 * db/boundary.c keeps a row per object of the view, with its created,
	 * modified and scope, public 0 once withdrawn), not from the view:
	 * counting 200,000 agenda items through pub_agenda_item took 220 ms. */
	const char *count, *count_deleted;
};

/* view: the public view; entity: the table, as the publication record
 * names it (pub_withdrawn: objects once public, now withdrawn or deleted;
 * an object never public has no stub); json, mod: the macros; scope,
 * wscope: a condition on a row of the view / of pub_withdrawn for :scope. */
#define KIND(path, name, view, entity, one_json, json, mod, scope, wscope) \
	KIND_T(path, name, T(name), view, entity, one_json, json, mod, scope, wscope)
/* (tlit: the type as an SQL literal) */
#define KIND_T(path, name, tlit, view, entity, one_json, json, mod, scope, wscope) \
	{ path, name, \
	  "SELECT " one_json("a") " FROM " view " a WHERE a.id = :id", \
	  "SELECT " STUB_JSON(path, tlit, "a", mod("a")) " FROM pub_withdrawn a WHERE a.entity = '" entity "'" \
	  " AND a.id = :id", \
	  "SELECT a.id, " json("a") " FROM " view " a WHERE a.id > :after AND " scope("a") \
	  " AND " FILTERS("a", mod("a")) " ORDER BY a.id LIMIT :limit", \
	  "SELECT b.id, " STUB_JSON(path, tlit, "b", mod("b")) " FROM pub_withdrawn b WHERE b.entity = '" entity "'" \
	  " AND b.id > :after AND " wscope("b") " AND " FILTERS("b", mod("b")) " ORDER BY b.id LIMIT :limit", \
	  "SELECT count(*) FROM pub_record c WHERE c.entity = '" entity "' AND c.public" \
	  " AND " wscope("c") " AND " FILTERS("c", "c.modified"), \
	  "SELECT count(*) FROM pub_record c WHERE c.entity = '" entity "' AND " wscope("c") \
	  " AND " FILTERS("c", "c.modified") }

#define IN_SCOPE(a) "(:scope = 0 OR " a ".scope = :scope)"
#define IN_BODY(a) "(:scope = 0 OR " a ".body_id = :scope)"
#define IN_ORG(a) "(:scope = 0 OR " a ".organization_id = :scope)"
#define ANY(a) "1"

static const struct kind kinds_template[OPARL_NTYPES] = {
	[OPARL_BODY] = KIND("body", "Body", "pub_body", "body", BODY_JSON, BODY_JSON, MOD, ANY, ANY),
	[OPARL_LEGISLATIVE_TERM] = KIND("legislativeterm", "LegislativeTerm", "pub_legislative_term",
					"legislative_term", TERM_JSON, TERM_JSON, MOD, IN_BODY, IN_SCOPE),
	[OPARL_ORGANIZATION] = KIND("organization", "Organization", "pub_organization", "organization",
				    ORG_JSON, ORG_JSON, MOD, IN_BODY, IN_SCOPE),
	[OPARL_PERSON] = KIND("person", "Person", "pub_person", "person", PERSON_JSON, PERSON_JSON, MOD,
			      IN_BODY, IN_SCOPE),
	[OPARL_MEMBERSHIP] = KIND("membership", "Membership", "pub_membership", "membership", MEMBERSHIP_JSON,
				  MEMBERSHIP_JSON, MOD, ANY, ANY),
	[OPARL_MEETING] = KIND("meeting", "Meeting", "pub_meeting", "meeting", MEETING_JSON, MEETING_JSON,
			       MOD, IN_ORG, IN_SCOPE),
	[OPARL_AGENDA_ITEM] = KIND("agendaitem", "AgendaItem", "pub_agenda_item", "agenda_item", ITEM_JSON,
				   ITEM_JSON, MOD, ANY, ANY),
	[OPARL_PAPER] = KIND("paper", "Paper", "pub_paper", "paper", PAPER_JSON, PAPER_JSON, MOD, IN_BODY, IN_SCOPE),
	[OPARL_CONSULTATION] = KIND("consultation", "Consultation", "pub_consultation", "consultation",
				    CONSULTATION_JSON, CONSULTATION_JSON, MOD, ANY, ANY),
	[OPARL_FILE] = KIND("file", "File", "pub_file", "file", FILE_JSON, FILE_JSON, MOD, ANY, ANY),
	[OPARL_LOCATION] = KIND("location", "Location", "pub_location", "location", LOCATION_ONE, LOCATION_JSON,
				MOD, IN_BODY, IN_SCOPE),
	/* Witan's own types (a decision has no body of its own: there is one) */
	[OPARL_DECISION] = KIND_T("decision", "Decision", WT("Decision"), "pub_decision", "decision", DECISION_JSON,
				  DECISION_JSON, MOD, ANY, ANY),
	[OPARL_PLAN_ENTRY] = KIND_T("plan_entry", "ForwardPlanEntry", WT("ForwardPlanEntry"), "pub_plan_entry",
				    "plan_entry", PLAN_JSON, PLAN_JSON, MOD, IN_BODY, IN_SCOPE),
};

/* The statements with the model's properties in place of their
 * {{entity:alias}} marks (model_oparl_props), built once per process. */
static struct kind kinds[OPARL_NTYPES];
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;
static int kinds_ok;

static const char *expand(const char *t)
{
	struct buf b = BUF_INIT;
	const char *p = t, *m;

	while ((m = strstr(p, "{{"))) {
		const char *colon = strchr(m, ':'), *end = strstr(m, "}}");
		char name[32], alias[16];
		const struct mentity *e;
		if (!colon || !end || colon > end || colon - m - 2 >= (long)sizeof(name) ||
		    end - colon - 1 >= (long)sizeof(alias))
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(colon - m - 2), m + 2);
		snprintf(alias, sizeof(alias), "%.*s", (int)(end - colon - 1), colon + 1);
		buf_append(&b, p, (size_t)(m - p));
		if ((e = model_of_table(name)))
			model_oparl_props(e, alias, &b);
		p = end + 2;
	}
	buf_puts(&b, p);
	if (b.err) {
		buf_release(&b);
		return NULL;
	}
	return b.data;
}

static void build_kinds(void)
{
	for (int t = 0; t < OPARL_NTYPES; t++) {
		const struct kind *k = &kinds_template[t];
		kinds[t] = (struct kind){ k->path, k->name, expand(k->one), expand(k->stub), expand(k->page),
					  expand(k->stubs), expand(k->count), expand(k->count_deleted) };
		if (!kinds[t].one || !kinds[t].stub || !kinds[t].page || !kinds[t].stubs || !kinds[t].count ||
		    !kinds[t].count_deleted)
			return;
	}
	kinds_ok = 1;
}

static const struct kind *kind_of(int t)
{
	pthread_once(&kinds_once, build_kinds);
	return kinds_ok ? &kinds[t] : NULL;
}

const char *oparl_path(enum oparl_type t)
{
	return kinds_template[t].path;
}

int oparl_type_of(const char *s)
{
	for (int t = 0; t < OPARL_NTYPES; t++)
		if (strcmp(kinds_template[t].path, s) == 0)
			return t;
	return -1;
}

/* Bind a named parameter if the statement has it. */
static void bind_named_text(struct stmt *s, const char *name, const char *v)
{
	int i = st_param_index(s, name);
	if (i)
		st_bind_text(s, i, v);
}

static void bind_named_int(struct stmt *s, const char *name, int64_t v)
{
	int i = st_param_index(s, name);
	if (i)
		st_bind_int(s, i, v);
}

static void bind_roots(struct stmt *s, const char *api, const char *web, int omit)
{
	bind_named_text(s, ":api", api);
	bind_named_text(s, ":web", web);
	bind_named_int(s, ":omit", omit);
}

/* Step a statement whose one column is a JSON text, appending it. */
static int one_json(struct db *db, struct stmt *s, struct buf *out)
{
	int rc = st_step(s);

	if (rc == ST_ROW) {
		buf_append(out, col_text(s, 0), (size_t)col_bytes(s, 0));
		st_reset(s);
		return 1;
	}
	st_reset(s);
	if (rc == ST_DONE)
		return 0;
	return db_fail(db, "oparl");
}

int oparl_system(struct db *db, const char *api, const char *web, struct buf *out)
{
	struct stmt *s = db_stmt(db, "SELECT json_patch('{}', json_object('id', :api || '/system',"
				  " 'type', " T("System") ", 'oparlVersion', 'https://schema.oparl.org/1.1/',"
				  " 'body', :api || '/body', 'name', a.name, 'contactEmail', a.email,"
				  " 'website', a.website, 'web', :web || '/', 'license', a.license, 'created', a.created,"
				  " 'modified', a.modified)) FROM pub_body a ORDER BY a.id LIMIT 1");

	if (!s)
		return -1;
	bind_roots(s, api, web, 0);
	return one_json(db, s, out);
}

int oparl_meeting_file(struct db *db, const char *api, const char *web, int64_t meeting_id, int protocol,
		       struct buf *out)
{
	struct stmt *s = protocol ?
		db_stmt(db, "SELECT " PRINTED_MINUTES_JSON("m") " FROM pub_meeting m WHERE m.id = :id"
			" AND m.minutes_status IN ('published', 'approved')") :
		db_stmt(db, "SELECT " PACK_FILE_JSON("m") " FROM pub_meeting m WHERE m.id = :id"
			" AND m.agenda_status = 'published'");

	if (!s)
		return -1;
	bind_roots(s, api, web, 0);
	bind_named_int(s, ":id", meeting_id);
	return one_json(db, s, out);
}

int oparl_object(struct db *db, const char *api, const char *web, enum oparl_type t, int64_t id,
		 struct buf *out)
{
	struct stmt *s;
	int rc;

	if (t < 0 || t >= OPARL_NTYPES)
		return 0;
	if (!kind_of(t) || !(s = db_stmt(db, kind_of(t)->one)))
		return -1;
	bind_roots(s, api, web, 0);
	bind_named_int(s, ":id", id);
	if ((rc = one_json(db, s, out)) != 0)
		return rc;
	if (!(s = db_stmt(db, kind_of(t)->stub)))
		return -1;
	bind_roots(s, api, web, 0);
	bind_named_int(s, ":id", id);
	rc = one_json(db, s, out);
	return rc == 1 ? 2 : rc;
}

static void bind_filters(struct stmt *s, const struct oparl_list *q)
{
	bind_named_int(s, ":scope", q->scope);
	bind_named_text(s, ":cs", q->created_since);
	bind_named_text(s, ":cu", q->created_until);
	bind_named_text(s, ":ms", q->modified_since);
	bind_named_text(s, ":mu", q->modified_until);
}

int oparl_list_page(struct db *db, const char *api, const char *web, const struct oparl_list *q,
		    struct buf *out, int *n, int64_t *last, int *more, int64_t *total)
{
	const struct kind *k;
	int deleted = q->modified_since != NULL, rc, drc = ST_DONE;
	struct stmt *s, *d = NULL;

	*n = 0;
	*last = 0;
	*more = 0;
	if (total)
		*total = -1;
	if (q->type < 0 || q->type >= OPARL_NTYPES)
		return -1;
	if (!(k = kind_of(q->type)))
		return -1;
	/* Counting a whole list costs as much as reading it (0.15 s for
	 * 200,000 agenda items): the first page only. */
	if (total && q->after == 0) {
		if (!(s = db_stmt(db, deleted ? k->count_deleted : k->count)))
			return -1;
		bind_filters(s, q);
		if (st_step(s) != ST_ROW) {
			st_reset(s);
			return db_fail(db, "oparl: count");
		}
		*total = col_int(s, 0);
		st_reset(s);
	}
	if (!(s = db_stmt(db, k->page)))
		return -1;
	bind_roots(s, api, web, q->omit_internal);
	bind_filters(s, q);
	bind_named_int(s, ":after", q->after);
	bind_named_int(s, ":limit", (int64_t)q->limit + 1); /* one more: is there a next page? */
	if (deleted) {
		/* The deleted stubs come from a second statement, merged by id
		 * (one statement with both nests too deep for SQLite's parser). */
		if (!(d = db_stmt(db, k->stubs))) {
			st_reset(s);
			return -1;
		}
		bind_roots(d, api, web, 0);
		bind_filters(d, q);
		bind_named_int(d, ":after", q->after);
		bind_named_int(d, ":limit", (int64_t)q->limit + 1);
		drc = st_step(d);
	}
	rc = st_step(s);
	while (rc == ST_ROW || drc == ST_ROW) {
		struct stmt *from = rc != ST_ROW ? d : drc != ST_ROW ? s :
				     col_int(d, 0) < col_int(s, 0) ? d : s;
		if (*n == q->limit || (*n && out->len > OPARL_PAGE_BYTES)) {
			*more = 1; /* (a page cut short by its size: see oparl.h) */
			break;
		}
		if (*n)
			buf_putc(out, ',');
		buf_append(out, col_text(from, 1), (size_t)col_bytes(from, 1));
		*last = col_int(from, 0);
		++*n;
		if (from == s)
			rc = st_step(s);
		else
			drc = st_step(d);
	}
	st_reset(s);
	if (d)
		st_reset(d);
	if ((rc != ST_ROW && rc != ST_DONE) || (drc != ST_ROW && drc != ST_DONE))
		return db_fail(db, "oparl: list");
	return 0;
}

static int exists(struct db *db, const char *sql, int64_t id)
{
	struct stmt *s = db_stmt(db, sql);
	int rc;

	if (!s)
		return -1;
	st_bind_int(s, 1, id);
	rc = st_step(s);
	st_reset(s);
	return rc == ST_ROW ? 1 : rc == ST_DONE ? 0 : db_fail(db, "oparl");
}

int oparl_body_exists(struct db *db, int64_t id)
{
	return exists(db, "SELECT 1 FROM pub_body WHERE id = ?1", id);
}

int oparl_organization_exists(struct db *db, int64_t id)
{
	return exists(db, "SELECT 1 FROM pub_organization WHERE id = ?1", id);
}
