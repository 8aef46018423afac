/* members.c: a member's record (see members.h): the register of
 * interests, attendance over a period, committees and roles over time,
 * over the pub_* views. */
#include "db/members.h"

#include <string.h>

#include "db/db_int.h"
#include "db/rows_int.h"
#include "util/banned.h"

/* --- the register of interests ------------------------------------------ */

#define C(m) RCOL(struct interest_row, m)
static const struct rcol interest_cols[] = {
	C(id), C(category), C(holder), C(description), C(sensitive), C(registered_on), C(ended_on), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_interest, interest_row, interest_cols)

int pub_interests_of_person(struct db *db, int64_t person_id, const char *category, struct cursor *c)
{
	return db_list(db, c, "SELECT iv.id, iv.category, iv.holder, iv.description, iv.sensitive,"
		       " iv.registered_on, iv.ended_on FROM pub_interest iv"
		       " WHERE iv.person_id = ?1 AND iv.category = ?2"
		       " ORDER BY iv.ended_on IS NOT NULL, iv.ended_on DESC, iv.registered_on DESC, iv.id",
		       DB_ARGS(v_int(person_id), v_text(category)));
}

struct updated_row {
	char day[11];
};
static const struct rcol updated_cols[] = { RBUF(struct updated_row, day), RCOL_END };

int pub_interests_updated(struct db *db, int64_t person_id, char out[11])
{
	struct updated_row u;
	/* max() of several values is NULL when one is: no entry, no date. */
	int rc = db_row(db, "SELECT max(max(iv.registered_on), COALESCE(max(iv.ended_on), ''))"
			" FROM pub_interest iv WHERE iv.person_id = ?1",
			DB_ARGS(v_int(person_id)), updated_cols, &u);

	out[0] = '\0';
	if (rc < 0)
		return -1;
	if (rc == 0 || !u.day[0])
		return 0;
	memcpy(out, u.day, sizeof(u.day));
	return 1;
}

/* --- committees and roles ------------------------------------------------- */

int pub_person_roles(struct db *db, int64_t person_id, struct cursor *c)
{
	return db_list(db, c, "SELECT " MEMBER_COLS
		       " FROM pub_membership ms JOIN pub_person p ON p.id = ms.person_id"
		       " JOIN pub_organization o ON o.id = ms.organization_id WHERE ms.person_id = ?1"
		       " ORDER BY (ms.end_date IS NOT NULL AND ms.end_date < date('now','localtime')),"
		       "  CASE WHEN ms.end_date < date('now','localtime') THEN ms.end_date END DESC,"
		       "  " ROLE_ORDER ", o.name COLLATE NOCASE, ms.start_date DESC, ms.id",
		       DB_ARGS(v_int(person_id)));
}

/* --- attendance over a period -------------------------------------------- */

/* px: the held meetings of the period (?2 to ?3, days: compared with the
 * start as it is, 'YYYY-MM-DD HH:MM', so the index on it serves) with whether the person
 * (?1) was expected at each (the rules of members.h) and their attendance. */
#define PERIOD \
	"WITH mt AS (SELECT m.id, m.name, m.start_at, m.organization_id AS org, substr(m.start_at, 1, 10) AS day" \
	"  FROM pub_meeting m WHERE m.state = 'held' AND m.start_at >= ?2 AND m.start_at <= ?3 || ' 99:99')," \
	" px AS (SELECT mt.*, EXISTS (SELECT 1 FROM pub_membership ms WHERE ms.person_id = ?1" \
	"   AND ms.organization_id = mt.org AND ms.role NOT IN ('substitute', 'officer')" \
	"   AND (ms.voting = 1 OR ms.role IN ('co_opted', 'independent'))" \
	"   AND (ms.start_date IS NULL OR ms.start_date <= mt.day)" \
	"   AND (ms.end_date IS NULL OR ms.end_date >= mt.day)) AS expected," \
	"  a.status, a.substitute_for" \
	"  FROM mt LEFT JOIN pub_attendance a ON a.meeting_id = mt.id AND a.person_id = ?1) "

#define C(m) RCOL(struct attendance_sum_row, m)
static const struct rcol attendance_sum_cols[] = {
	C(organization_id), C(organization_name), C(expected), C(present), C(apologies), C(absent), C(substitute),
	RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_attendance_sum, attendance_sum_row, attendance_sum_cols)

int pub_attendance_summary(struct db *db, int64_t person_id, const char *from, const char *to, struct cursor *c)
{
	return db_list(db, c, PERIOD
		       "SELECT o.id, o.name, count(CASE WHEN px.expected THEN 1 END),"
		       " count(CASE WHEN px.expected AND px.status IN ('present', 'substitute', 'in_attendance') THEN 1 END),"
		       " count(CASE WHEN px.expected AND px.status = 'apologies' THEN 1 END),"
		       " count(CASE WHEN px.expected AND (px.status IS NULL OR px.status = 'absent') THEN 1 END),"
		       " count(CASE WHEN NOT px.expected AND px.status = 'substitute' THEN 1 END)"
		       " FROM px JOIN pub_organization o ON o.id = px.org"
		       " WHERE px.expected OR px.status = 'substitute'"
		       " GROUP BY o.id, o.name ORDER BY o.name COLLATE NOCASE, o.id",
		       DB_ARGS(v_int(person_id), v_text(from), v_text(to)));
}

#define C(m) RCOL(struct period_meeting_row, m)
static const struct rcol period_meeting_cols[] = {
	C(meeting_id), C(organization_id), C(meeting_name), C(start_at), C(organization_name), C(expected),
	C(status), C(substitute_for_name), RCOL_END
};
#undef C

DB_CURSOR_READER(cursor_next_period_meeting, period_meeting_row, period_meeting_cols)

int pub_meetings_of_person_in_period(struct db *db, int64_t person_id, const char *from, const char *to,
				     struct cursor *c)
{
	return db_list(db, c, PERIOD
		       "SELECT px.id, o.id, px.name, px.start_at, o.name, px.expected, px.status, sp.name"
		       " FROM px JOIN pub_organization o ON o.id = px.org"
		       " LEFT JOIN pub_person sp ON sp.id = px.substitute_for"
		       " WHERE px.expected OR px.status IS NOT NULL ORDER BY px.start_at DESC, px.id DESC",
		       DB_ARGS(v_int(person_id), v_text(from), v_text(to)));
}
