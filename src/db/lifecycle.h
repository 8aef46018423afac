/* lifecycle.h: what may follow what in a meeting's record, as one table
 * (lifecycle.c), enforced by the writes of db/admin.c inside their
 * transaction, whoever calls them:
 *   meeting  scheduled -> held | cancelled | postponed (and back to
 *            scheduled; a held meeting is not cancelled or postponed);
 *   agenda   draft -> published -> draft again (withdrawn, with a reason,
 *            while the minutes are not published);
 *   minutes  none | draft -> published (once the agenda is) -> approved
 *            (locked: later changes are amendments, with a reason), or
 *            published -> draft (withdrawn, with a reason). */
#ifndef WITAN_LIFECYCLE_H
#define WITAN_LIFECYCLE_H

enum life { LIFE_MEETING, LIFE_AGENDA, LIFE_MINUTES };

/* A refused step: db/admin.c's writes return it with db->err saying why. */
#define LIFE_REFUSED (-2)

/* NULL if `to` may follow `from` in machine m, given the meeting's agenda
 * and minutes statuses as stored; else why not, for the clerk. */
const char *life_refusal(enum life m, const char *from, const char *to, const char *agenda,
			 const char *minutes);

#endif
