/* check.c: the statutory deadlines the record missed (see check.h). */
#include "db/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db_int.h"
#include "db/public.h"
#include "util/date.h"
#include "util/notice.h"
#include "util/banned.h"

/* Meetings that are or were to be held in public: listed, not deleted,
 * scheduled or held (a cancelled or postponed meeting needs no agenda). */
struct agenda_row {
	int64_t id;
	const char *start_at, *meeting_name, *committee, *agenda_status, *published_at;
	int clear_days;
};

static const struct rcol agenda_cols[] = {
	RCOL(struct agenda_row, id), RCOL(struct agenda_row, start_at), RCOL(struct agenda_row, meeting_name),
	RCOL(struct agenda_row, committee), RCOL(struct agenda_row, agenda_status),
	RCOL(struct agenda_row, published_at), RCOL(struct agenda_row, clear_days), RCOL_END
};

static const char agenda_sql[] =
	"SELECT m.id, m.start_at, m.name, o.name, m.agenda_status, m.agenda_published_at, b.notice_clear_days"
	" FROM meeting m JOIN organization o ON o.id = m.organization_id JOIN body b ON b.id = o.body_id"
	" WHERE m.deleted = 0 AND m.published = 1 AND m.state IN ('scheduled', 'held')"
	" AND (?1 IS NULL OR m.start_at >= ?1)"
	" ORDER BY m.start_at, m.id";

/* Forward plan entries that had to give 28 clear days: published, not
 * deleted, not withdrawn (no decision was taken), and not taken under
 * general exception or special urgency (regulations 10 and 11). */
struct plan_row {
	int64_t id;
	const char *title, *first_published, *decision_due;
};

static const struct rcol plan_cols[] = {
	RCOL(struct plan_row, id), RCOL(struct plan_row, title), RCOL(struct plan_row, first_published),
	RCOL(struct plan_row, decision_due), RCOL_END
};

static const char plan_sql[] =
	"SELECT p.id, p.title, p.first_published, p.decision_due FROM plan_entry p"
	" WHERE p.deleted = 0 AND p.published = 1 AND p.urgency = 'none' AND p.status <> 'withdrawn'"
	" AND (?1 IS NULL OR p.decision_due >= ?1)"
	" ORDER BY p.decision_due, p.id";

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Append f (its strings copied); 0 or -1 (out of memory). */
static int add(struct check_list *l, const struct check_finding *f, const char *name, const char *meeting_name)
{
	struct check_finding *v = l->v, n = *f;

	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 16;

		if (!(v = realloc(l->v, alloc * sizeof(*v))))
			return -1;
		l->v = v;
		l->alloc = alloc;
	}
	n.name = dup_or_null(name ? name : "");
	n.meeting_name = dup_or_null(meeting_name);
	if (!n.name || (meeting_name && !n.meeting_name)) {
		free(n.name);
		free(n.meeting_name);
		return -1;
	}
	l->v[l->n++] = n;
	if (n.kind == CHECK_AGENDA)
		l->agendas++;
	else
		l->key_decisions++;
	return 0;
}

/* The finding for meeting a, if its agenda was late: 1 (f filled), 0 in
 * time (or not yet due, or not judged: no date to judge by), -1 never. */
static int agenda_late(const struct agenda_row *a, const char *today, struct check_finding *f)
{
	struct notice_result nr;

	memset(f, 0, sizeof(*f));
	f->kind = CHECK_AGENDA;
	f->id = a->id;
	snprintf(f->when, sizeof(f->when), "%s", a->start_at);
	f->required = a->clear_days;
	if (strcmp(a->agenda_status, "published") == 0) {
		/* A published agenda without its time (imported) cannot be judged. */
		if (!a->published_at || notice_check(a->published_at, a->start_at, a->clear_days, &nr) < 0 ||
		    !nr.late || notice_local_date(a->published_at, f->published) < 0)
			return 0;
		f->given = nr.clear_days_given;
		snprintf(f->latest, sizeof(f->latest), "%s", nr.latest_date);
		return 1;
	}
	/* Not published: late once the last day in time has passed. */
	if (notice_latest_publication(a->start_at, a->clear_days, f->latest) < 0 || strcmp(today, f->latest) <= 0)
		return 0;
	return 1;
}

static int plan_short(const struct plan_row *p, struct check_finding *f)
{
	int days;

	memset(f, 0, sizeof(*f));
	f->kind = CHECK_KEY_DECISION;
	f->id = p->id;
	f->required = NOTICE_KEY_DECISION_DAYS;
	days = notice_calendar_days_between(p->first_published, p->decision_due);
	if (days < 0 || days >= NOTICE_KEY_DECISION_DAYS ||
	    notice_local_date(p->first_published, f->published) < 0 ||
	    notice_key_decision_latest(p->decision_due, f->latest) < 0 ||
	    notice_local_date(p->decision_due, f->when) < 0)
		return 0;
	f->given = days;
	return 1;
}

int check_findings(struct db *db, const char *since, const char *today, struct check_list *out)
{
	struct cursor c = { 0 };
	struct agenda_row a;
	struct plan_row p;
	struct check_finding f;
	char now[17];
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!today) {
		date_now_local(now);
		now[10] = '\0';
		today = now;
	}
	if (db_list(db, &c, agenda_sql, DB_ARGS(v_text(since))) < 0)
		goto out;
	while (db_cursor_next(&c, agenda_cols, &a))
		if (agenda_late(&a, today, &f) && add(out, &f, a.committee, a.meeting_name) < 0)
			goto oom;
	if (c.err)
		goto failed;
	if (db_list(db, &c, plan_sql, DB_ARGS(v_text(since))) < 0)
		goto out;
	while (db_cursor_next(&c, plan_cols, &p))
		if (plan_short(&p, &f) && add(out, &f, p.title, NULL) < 0)
			goto oom;
	if (c.err)
		goto failed;
	rc = 0;
	goto out;
oom:
	snprintf(db->err, sizeof(db->err), "out of memory");
	goto out;
failed:
	if (!db->err[0])
		snprintf(db->err, sizeof(db->err), "reading the record failed");
out:
	if (c.s)
		st_reset(c.s);
	return rc;
}

void check_list_release(struct check_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].meeting_name);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
