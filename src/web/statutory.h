/* statutory.h: what the pages of the statutory records share
 * (decisions.c, forward_plan.c, issues.c, meetings.c): the labels of
 * their values, who decides, their facts, and a forward plan entry as a
 * block. */
#ifndef WITAN_WEB_STATUTORY_H
#define WITAN_WEB_STATUTORY_H

#include "db/statutory.h"
#include "util/buf.h"

/* The label of a model choice (db/model.h: m_decision_states and its
 * labels, ...), or the value itself when it is not one of them. */
const char *choice_label(const char *const *keys, const char *const *labels, const char *v);

/* Who made a decision, as HTML: the committee's link; the individual's
 * post and their link; "Not stated". */
void decision_maker_put(struct buf *b, const struct decision_row *d);
/* The date a decision was made, long, in a <time>; "Not yet made". */
void decision_date_put(struct buf *b, const struct decision_row *d);
/* A decision's status as text in a tag (the words say it, not the colour). */
void decision_status_put(struct buf *b, const char *status);

/* The facts of a record, in its <dl>: <dt>term</dt> and the date, long,
 * in a <time>, nothing without a date; the text (HTML-escaped), or none
 * without it, nothing without either. */
void fact_date_put(struct buf *b, const char *term, const char *date);
void fact_text_put(struct buf *b, const char *term, const char *text, const char *none);

/* One forward plan entry as an <article> with its facts; its title is a
 * heading of level hlevel (2..4).  With_issue: link the issue. */
void plan_entry_put(struct buf *b, const struct plan_row *p, int hlevel, int with_issue);
/* "Open", or "Part exempt: paragraph 3 of Schedule 12A ..." as text. */
void plan_restriction_put(struct buf *b, const struct plan_row *p);

#endif
