/* check.h: the statutory deadlines the record missed (issue 13), for
 * `witan check` and the clerks' dashboard: agendas published with fewer
 * clear days than the body's notice_clear_days before their meeting (or
 * not published at all once the last day in time has passed), and key
 * decisions whose forward plan notice gave fewer than 28 clear days.
 *
 * Reads the base tables (a back-office or command-line connection); the
 * days are counted by util/notice, in C. */
#ifndef WITAN_CHECK_H
#define WITAN_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

enum check_kind { CHECK_AGENDA, CHECK_KEY_DECISION };

struct check_finding {
	enum check_kind kind;
	int64_t id;                 /* the meeting's or the plan entry's */
	char *name;                 /* the committee, or the entry's title (malloc'd) */
	char *meeting_name;         /* the meeting's own name if it has one, else NULL (malloc'd) */
	char when[17];              /* the meeting's start 'YYYY-MM-DD HH:MM', or the decision's due date */
	char published[11];         /* local date of the agenda or the notice; "" if not published */
	int given;                  /* clear days given (working days for an agenda, calendar
	                             * days for a key decision); 0 if not published */
	int required;
	char latest[11];            /* the last publication date that was in time */
};

struct check_list {
	struct check_finding *v;
	size_t n, alloc;
	size_t agendas, key_decisions;
};

/* The findings about meetings starting and decisions due on or after since
 * ('YYYY-MM-DD'; NULL: all), meetings first (by start), then key decisions
 * (by due date).  today ('YYYY-MM-DD'; NULL: the local date now) decides
 * whether an unpublished agenda is already late.  0, or -1 with db->err;
 * release out in either case. */
int check_findings(struct db *db, const char *since, const char *today, struct check_list *out);
void check_list_release(struct check_list *l);

#endif
