/* model.c: the model's field tables, instantiated from the lists of
 * model.h, and the enumerations they name.  Nothing here is per entity
 * but data: the code that works on any entity is in model_rw.c. */
#include "db/model.h"

#include <string.h>

#include "util/licence.h"
#include "util/banned.h"

const char *const m_org_kinds[] = { "council", "cabinet", "committee", "sub_committee", "panel", "board",
				    "working_group", "outside_body", NULL };
const char *const m_org_kind_labels[] = { "Council", "Cabinet", "Committee", "Sub-committee", "Panel", "Board",
					  "Working group", "Outside body", NULL };
const char *const m_member_roles[] = { "chair", "vice_chair", "member", "co_opted", "substitute", "independent",
				       "officer", NULL };
const char *const m_member_role_labels[] = { "Chair", "Vice-Chair", "Member", "Co-opted member", "Substitute",
					     "Independent member", "Officer", NULL };
const char *const m_regions[] = { "england", "wales", "scotland", "northern_ireland", "other", NULL };
const char *const m_user_roles[] = { "admin", "clerk", NULL };
const char *const m_meeting_states[] = { "scheduled", "held", "cancelled", "postponed", NULL };
const char *const m_agenda_states[] = { "draft", "published", NULL };
const char *const m_minutes_states[] = { "none", "draft", "published", "approved", NULL };
const char *const m_paper_kinds[] = { "report", "motion", "petition", "question", "notice", "other", NULL };
const char *const m_item_kinds[] = { "item", "apologies", "declarations", "minutes", "procedural", "exclusion", NULL };
const char *const m_text_states[] = { "pending", "done", "failed", "none", NULL };
const char *const m_file_roles[] = { "front_sheet", "agenda_pack", "report", "appendix", "supplement", "minutes",
				     "background", "decision_notice", NULL };
const char *const m_attendance_states[] = { "present", "apologies", "absent", "substitute", "in_attendance", NULL };
const char *const m_declaration_kinds[] = { "disclosable_pecuniary", "other_registrable", "non_registrable", "other",
					    NULL };
const char *const m_vote_results[] = { "carried", "lost", "tied", "withdrawn", NULL };
const char *const m_vote_positions[] = { "for", "against", "abstain", "did_not_vote", NULL };
const char *const m_decision_states[] = { "proposed", "made", "called_in", "implemented", "withdrawn", NULL };
const char *const m_decision_state_labels[] = { "Proposed", "Made", "Called in", "Implemented", "Withdrawn", NULL };
const char *const m_decision_kinds[] = { "executive", "committee", "officer", NULL };
const char *const m_decision_kind_labels[] = { "Executive decision", "Committee decision", "Officer decision (delegated)",
					       NULL };
const char *const m_restrictions[] = { "open", "part_exempt", "exempt", NULL };
const char *const m_restriction_labels[] = { "Open", "Part exempt (partly in private)", "Fully exempt (in private)", NULL };
const char *const m_urgencies[] = { "none", "general_exception", "special_urgency", NULL };
const char *const m_urgency_labels[] = { "28 clear days' notice", "General exception (regulation 10)",
					 "Special urgency (regulation 11)", NULL };
const char *const m_plan_states[] = { "planned", "decided", "deferred", "withdrawn", NULL };
const char *const m_plan_state_labels[] = { "Planned", "Decided", "Deferred", "Withdrawn", NULL };
/* The disclosable pecuniary interests of the Relevant Authorities
 * (Disclosable Pecuniary Interests) Regulations 2012, then the other
 * registrable interests of a code of conduct. */
const char *const m_interest_categories[] = { "employment", "sponsorship", "contracts", "land", "licences", "tenancies",
					      "securities", "other_bodies", "gifts", NULL };
const char *const m_interest_category_labels[] = { "Employment, office, trade, profession or vocation", "Sponsorship",
	"Contracts", "Land", "Licences", "Corporate tenancies", "Securities",
	"Membership of other bodies", "Gifts and hospitality", NULL };
const char *const m_interest_holders[] = { "member", "partner", NULL };
const char *const m_interest_holder_labels[] = { "The member", "Spouse or partner", NULL };

#define M_FIELD(ent, ct_, col_, type_, cls_, label_, doc_, ...) \
	{ .col = #col_, .type = MT_##type_, .ct = #ct_[0], .off = offsetof(struct m_##ent, col_), \
	  .cls = #cls_[0], .label = label_, .doc = doc_, __VA_ARGS__ },

#define M_FIELDS(ent, LIST) static const struct mfield ent##_fields[] = { LIST(M_FIELD) };
M_FIELDS(body, MODEL_BODY)
M_FIELDS(legislative_term, MODEL_LEGISLATIVE_TERM)
M_FIELDS(organization, MODEL_ORGANIZATION)
M_FIELDS(person, MODEL_PERSON)
M_FIELDS(membership, MODEL_MEMBERSHIP)
M_FIELDS(location, MODEL_LOCATION)
M_FIELDS(meeting, MODEL_MEETING)
M_FIELDS(paper, MODEL_PAPER)
M_FIELDS(agenda_item, MODEL_AGENDA_ITEM)
M_FIELDS(consultation, MODEL_CONSULTATION)
M_FIELDS(file, MODEL_FILE)
M_FIELDS(file_page, MODEL_FILE_PAGE)
M_FIELDS(file_link, MODEL_FILE_LINK)
M_FIELDS(attendance, MODEL_ATTENDANCE)
M_FIELDS(declaration, MODEL_DECLARATION)
M_FIELDS(vote, MODEL_VOTE)
M_FIELDS(vote_record, MODEL_VOTE_RECORD)
M_FIELDS(decision, MODEL_DECISION)
M_FIELDS(plan_entry, MODEL_PLAN_ENTRY)
M_FIELDS(interest, MODEL_INTEREST)
M_FIELDS(user, MODEL_USER)
M_FIELDS(log_entry, MODEL_LOG_ENTRY)
M_FIELDS(log_node, MODEL_LOG_NODE)

#define M_ENTITY(ent, table_, alias_, noun_, what_, order_) \
	[M_##ent] = { .name = #ent, .table = table_, .alias = alias_, .noun = noun_, .what = what_, .order = order_, \
		      .fields = ent##_fields, .nfields = (int)(sizeof(ent##_fields) / sizeof(ent##_fields[0])), \
		      .size = sizeof(struct m_##ent) },
const struct mentity model[M_NENTITIES] = { MODEL_ENTITIES(M_ENTITY) };

const struct mentity *model_of_table(const char *table)
{
	for (int i = 0; i < M_NENTITIES; i++)
		if (strcmp(model[i].table, table) == 0)
			return &model[i];
	return NULL;
}

const struct mfield *model_field(const struct mentity *e, const char *col)
{
	for (int i = 0; e && i < e->nfields; i++)
		if (strcmp(e->fields[i].col, col) == 0)
			return &e->fields[i];
	return NULL;
}
