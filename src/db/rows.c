/* rows.c: the tables that read the row structs of public.h shared by
 * public.c (pub_* views), admin*.c (tables and adm_* views) and feeds.c,
 * in the order of the column lists of rows_int.h. */
#include "db/rows_int.h"

#include "util/banned.h"

#define C(m) RCOL(struct meeting_row, m)
const struct rcol meeting_cols[] = {
	C(id), C(organization_id), C(location_id), C(minutes_approved_by), C(name), C(organization_name),
	C(start_at), C(end_at), C(state), C(state_reason), C(webcast_url), C(agenda_status),
	C(agenda_published_at), C(minutes_status), C(minutes_published_at), C(minutes_approved_at),
	C(location_name), C(location_room), C(location_street), C(location_locality), C(location_postcode),
	C(modified), C(sequence), C(agenda_withdrawn_at), C(minutes_withdrawn_at), RCOL_END
};
#undef C

#define C(m) RCOL(struct item_row, m)
const struct rcol item_cols[] = {
	C(id), C(meeting_id), C(parent_id), C(paper_id), C(position), C(number), C(title), C(kind),
	C(exempt), C(exempt_paragraph), C(exempt_reason), C(description_html), C(minutes_html),
	C(decision_html), RCOL_END
};
#undef C

#define C(m) RCOL(struct file_row, m)
const struct rcol file_cols[] = {
	C(id), C(title), C(filename), C(mime_type), C(sha256), C(size), C(page_count), C(role),
	C(agenda_item_id), C(modified), C(text_status), C(text_note), RCOL_END
};
#undef C

#define C(m) RCOL(struct member_row, m)
const struct rcol member_cols[] = {
	C(id), C(person_id), C(organization_id), C(person_name), C(party), C(area), C(nominated_by),
	C(organization_name), C(role), C(voting), C(start_date), C(end_date), RCOL_END
};
#undef C

#define C(m) RCOL(struct declaration_row, m)
const struct rcol declaration_cols[] = {
	C(meeting_id), C(person_id), C(agenda_item_id), C(person_name), C(item_number), C(item_title), C(kind),
	C(description), C(left_room), C(meeting_name), C(meeting_start_at), RCOL_END
};
#undef C

#define C(m) RCOL(struct vote_row, m)
const struct rcol vote_cols[] = {
	C(id), C(agenda_item_id), C(motion), C(result), C(votes_for), C(votes_against), C(abstentions),
	C(recorded), RCOL_END
};
#undef C

const struct rcol vote_record_cols[] = {
	RCOL(struct vote_record_row, person_id), RCOL(struct vote_record_row, person_name),
	RCOL(struct vote_record_row, position), RCOL_END
};
