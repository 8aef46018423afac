/* alerts_pub.c: what an alert says about an event, read over the pub_*
 * views only, when the message is composed (so that what is no longer
 * public by then is never mailed).  See alerts.h, alert_describe. */
#include "db/alerts.h"

#include <stdio.h>
#include <string.h>

#include "db/db_int.h"
#include "util/banned.h"

/* Each statement takes the object's id as ?1 (and the person's as ?2)
 * and returns title, when, extra, path; no row: not public (any more). */
struct describe {
	const char *kind, *what, *sql;
};

#define MEETING_COLS "SELECT m.name, m.start_at, "
#define MEETING_FROM " FROM pub_meeting m LEFT JOIN pub_location l ON l.id = m.location_id WHERE m.id = ?1"
#define VENUE "l.name"

static const struct describe describe[] = {
	{ "agenda", "Agenda published",
	  MEETING_COLS "trim((SELECT CASE count(*) WHEN 0 THEN '' WHEN 1 THEN '1 item' ELSE count(*) || ' items' END"
	  " FROM pub_agenda_item i WHERE i.meeting_id = m.id) || ifnull(', ' || " VENUE ", ''), ', '),"
	  " '/meetings/' || m.id"
	  MEETING_FROM " AND m.agenda_status = 'published'" },
	{ "minutes", "Minutes published",
	  MEETING_COLS "CASE m.minutes_status WHEN 'approved' THEN 'Approved minutes'"
	  " ELSE 'Draft minutes, not yet approved' END, '/meetings/' || m.id"
	  MEETING_FROM " AND m.minutes_status IN ('published', 'approved')" },
	{ "cancelled", "Meeting cancelled",
	  MEETING_COLS "ifnull(m.state_reason, ''), '/meetings/' || m.id" MEETING_FROM " AND m.state = 'cancelled'" },
	{ "postponed", "Meeting postponed",
	  MEETING_COLS "ifnull(m.state_reason, ''), '/meetings/' || m.id" MEETING_FROM " AND m.state = 'postponed'" },
	{ "moved", "Meeting moved",
	  MEETING_COLS "ifnull(" VENUE ", ''), '/meetings/' || m.id" MEETING_FROM " AND m.state = 'scheduled'" },
	{ "decision", "Decision",
	  "SELECT d.title, ifnull(d.decided_on, ''), CASE d.status WHEN 'called_in' THEN 'Called in'"
	  " ELSE ifnull(o.name, '') END, '/decisions/' || d.id FROM pub_decision d"
	  " LEFT JOIN pub_organization o ON o.id = d.decision_maker_id WHERE d.id = ?1" },
	{ "plan", "On the forward plan",
	  "SELECT p.title, ifnull(p.decision_due, ''), CASE WHEN p.decision_due IS NOT NULL THEN 'Decision due'"
	  " ELSE '' END, CASE WHEN p.paper_id IS NOT NULL AND EXISTS (SELECT 1 FROM pub_paper pp WHERE pp.id = p.paper_id)"
	  " THEN '/issues/' || p.paper_id ELSE '/forward-plan' END FROM pub_plan_entry p WHERE p.id = ?1" },
	{ "declaration", "Declaration of interest",
	  "SELECT pe.name || ': ' || CASE d.kind WHEN 'disclosable_pecuniary' THEN 'disclosable pecuniary interest'"
	  " WHEN 'other_registrable' THEN 'other registrable interest' WHEN 'non_registrable' THEN 'non-registrable interest'"
	  " ELSE 'interest' END, m.start_at,"
	  " ifnull(d.description, '') || ifnull(' (' || i.number || ' ' || i.title || ')', ''),"
	  " CASE WHEN i.id IS NOT NULL THEN '/meetings/' || m.id || '/items/' || i.id ELSE '/meetings/' || m.id END"
	  " FROM pub_declaration d JOIN pub_person pe ON pe.id = d.person_id JOIN pub_meeting m ON m.id = d.meeting_id"
	  " LEFT JOIN pub_agenda_item i ON i.id = d.agenda_item_id WHERE d.id = ?1" },
	{ "vote", "Recorded vote",
	  "SELECT pe.name || CASE r.position WHEN 'for' THEN ' voted for' WHEN 'against' THEN ' voted against'"
	  " WHEN 'abstain' THEN ' abstained' ELSE ' did not vote' END || ': ' || ifnull(v.motion, i.title), m.start_at,"
	  " m.name || ', ' || ifnull(i.number || ' ', '') || i.title || ifnull(' (' || v.result || ')', ''),"
	  " '/meetings/' || m.id || '/items/' || i.id FROM pub_vote v"
	  " JOIN pub_vote_record r ON r.vote_id = v.id AND r.person_id = ?2 JOIN pub_person pe ON pe.id = r.person_id"
	  " JOIN pub_agenda_item i ON i.id = v.agenda_item_id JOIN pub_meeting m ON m.id = i.meeting_id WHERE v.id = ?1" },
	{ "role", "New role",
	  "SELECT pe.name || ': ' || CASE ms.role WHEN 'vice_chair' THEN 'vice-chair' WHEN 'co_opted' THEN 'co-opted member'"
	  " ELSE replace(ms.role, '_', ' ') END || ' of ' || o.name, ifnull(ms.start_date, ''), '',"
	  " '/people/' || pe.id FROM pub_membership ms JOIN pub_person pe ON pe.id = ms.person_id"
	  " JOIN pub_organization o ON o.id = ms.organization_id WHERE ms.id = ?1" },
	{ "considered", "To be considered",
	  "SELECT p.title, m.start_at, m.name, '/issues/' || p.id FROM pub_consultation c"
	  " JOIN pub_paper p ON p.id = c.paper_id JOIN pub_meeting m ON m.id = c.meeting_id WHERE c.id = ?1" },
	/* Search results, by what the result is. */
	{ "search:item", "New match",
	  "SELECT ifnull(i.number || ' ', '') || i.title, m.start_at, m.name, '/meetings/' || m.id || '/items/' || i.id"
	  " FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id WHERE i.id = ?1" },
	{ "search:document", "New match",
	  "SELECT f.title, '', f.filename, '/documents/' || f.id || '/' || f.filename FROM pub_file f WHERE f.id = ?1" },
	{ "search:meeting", "New match",
	  "SELECT m.name, m.start_at, '', '/meetings/' || m.id FROM pub_meeting m WHERE m.id = ?1" },
	{ "search:committee", "New match",
	  "SELECT o.name, '', '', '/committees/' || o.id FROM pub_organization o WHERE o.id = ?1" },
	{ "search:person", "New match",
	  "SELECT p.name, '', ifnull(p.party, ''), '/people/' || p.id FROM pub_person p WHERE p.id = ?1" },
	{ "search:decision", "New match",
	  "SELECT d.title, ifnull(d.decided_on, ''), 'Decision', '/decisions/' || d.id FROM pub_decision d WHERE d.id = ?1" },
	{ "search:plan", "New match",
	  "SELECT p.title, ifnull(p.decision_due, ''), 'Forward plan', '/forward-plan' FROM pub_plan_entry p"
	  " WHERE p.id = ?1" },
};

struct desc_row {
	char title[512], when[32], extra[512], path[200];
};

int alert_describe(struct db *pub, const struct alert_ev *e, struct alert_desc *d)
{
	static const struct rcol cols[] = {
		RBUF(struct desc_row, title), RBUF(struct desc_row, when), RBUF(struct desc_row, extra),
		RBUF(struct desc_row, path), RCOL_END
	};
	char key[48];
	struct desc_row row;
	int r;

	if (strcmp(e->kind, "search") == 0)
		snprintf(key, sizeof(key), "search:%s", e->grp ? e->grp : "");
	else
		snprintf(key, sizeof(key), "%s", e->kind);
	for (size_t i = 0; i < sizeof(describe) / sizeof(describe[0]); i++) {
		if (strcmp(describe[i].kind, key) != 0)
			continue;
		r = db_row(pub, describe[i].sql,
			   DB_ARGS(v_int(e->object_id ? e->object_id : e->meeting_id), v_int(e->person_id)), cols, &row);
		if (r != 1)
			return r;
		d->what = describe[i].what;
		memcpy(d->title, row.title, sizeof(d->title));
		memcpy(d->when, row.when, sizeof(d->when));
		memcpy(d->extra, row.extra, sizeof(d->extra));
		memcpy(d->path, row.path, sizeof(d->path));
		return 1;
	}
	return 0;
}
