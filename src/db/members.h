/* members.h: a member's record on the public site (/people/{id}): the
 * register of interests, attendance over a period, committees and roles
 * over time.  Reads only the pub_* views, like db/public.h, whose cursor
 * and row conventions it follows (strings valid until the next row). */
#ifndef WITAN_MEMBERS_H
#define WITAN_MEMBERS_H

#include <stdint.h>

#include "db/public.h"

/* An entry of the register of interests.  description is NULL for a
 * sensitive interest (Localism Act 2011 s.32): the view never has it. */
struct interest_row {
	int64_t id;
	const char *category, *holder, *description;
	int sensitive;
	const char *registered_on, *ended_on;   /* YYYY-MM-DD; ended_on NULL while held */
};
int cursor_next_interest(struct cursor *c, struct interest_row *r);
/* A person's entries of one category (m_interest_categories): held ones
 * first, newest registered first, then ended ones, latest ended first. */
int pub_interests_of_person(struct db *db, int64_t person_id, const char *category, struct cursor *c);
/* The date of the latest entry of a person's register (the latest
 * registered or ended date, YYYY-MM-DD, copied into out): 1, 0 when the
 * register is empty, -1. */
int pub_interests_updated(struct db *db, int64_t person_id, char out[11]);

/* A person's memberships: current ones (no end, or ending today or later)
 * first by role and committee, then past ones, latest ended first. */
int pub_person_roles(struct db *db, int64_t person_id, struct cursor *c);

/* Attendance over a period [from, to] (YYYY-MM-DD, inclusive), by the rules
 * of docs/DECISIONS.md ("Members' records"): a meeting is expected when it
 * was held in the period (cancelled, postponed and never-held meetings do
 * not count) and the person was, on its date, a voting or co-opted member
 * of its committee (a membership of role other than substitute or officer,
 * with a vote or co-opted/independent, whose start and end dates take in
 * the meeting's date).  Of the expected: present (attended in any
 * capacity), apologies, absent (recorded absent, or no attendance
 * recorded).  substitute: meetings not expected that the person attended
 * as a substitute, counted apart. */
struct attendance_sum_row {
	int64_t organization_id;
	const char *organization_name;
	int expected, present, apologies, absent, substitute;
};
int cursor_next_attendance_sum(struct cursor *c, struct attendance_sum_row *r);
/* Per committee, by name: those with a meeting expected or attended as a substitute. */
int pub_attendance_summary(struct db *db, int64_t person_id, const char *from, const char *to, struct cursor *c);

/* The held meetings of the period that were expected or that the person
 * attended, newest first. */
struct period_meeting_row {
	int64_t meeting_id, organization_id;
	const char *meeting_name, *start_at, *organization_name;
	int expected;
	const char *status;               /* NULL: no attendance recorded */
	const char *substitute_for_name;  /* as a substitute for, or NULL */
};
int cursor_next_period_meeting(struct cursor *c, struct period_meeting_row *r);
int pub_meetings_of_person_in_period(struct db *db, int64_t person_id, const char *from, const char *to,
				     struct cursor *c);

#endif
