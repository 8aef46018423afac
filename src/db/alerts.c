/* alerts.c: the e-mail alerts' tables: subscriptions, the events the
 * commit hook queues for them, the outbox (see alerts.h). */
#include "db/alerts.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/db_int.h"
#include "util/banned.h"

static void utc_at(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The next 07:00 local time after now (daily), or the next Monday's
 * (weekly), in UTC: when a digest is due. */
static void digest_due(time_t now, int weekly, char out[32])
{
	struct tm tm;
	time_t t;

	localtime_r(&now, &tm);
	tm.tm_hour = 7;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	for (int i = 0; i < 8 && (t <= now || (weekly && tm.tm_wday != 1)); i++) {
		tm.tm_mday++;
		tm.tm_hour = 7;
		tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		t = mktime(&tm);
	}
	utc_at(t, out);
}

/* Now, and when a daily and a weekly digest asked for now are next due. */
struct when {
	char now[32], daily[32], weekly[32];
};

static void when_now(struct when *w)
{
	time_t t = time(NULL);

	utc_at(t, w->now);
	digest_due(t, 0, w->daily);
	digest_due(t, 1, w->weekly);
}

/* --- the commit hook: what became public, as events ----------------------- */

/* Meetings: agenda or minutes published, cancelled, postponed, moved. */
static const char ev_meeting[] =
	"INSERT INTO alert_event(kind, meeting_id, committee_id, at)"
	" SELECT k.kind, m.id, m.organization_id, ?1 FROM alert_change c"
	" JOIN pub_meeting m ON c.entity = 'meeting' AND m.id = c.id"
	" LEFT JOIN alert_meeting s ON s.meeting_id = m.id"
	" CROSS JOIN (SELECT 'agenda' AS kind UNION ALL SELECT 'minutes' UNION ALL SELECT 'cancelled'"
	"       UNION ALL SELECT 'postponed' UNION ALL SELECT 'moved') k"
	" WHERE c.modified >= ?2 AND CASE k.kind"
	"  WHEN 'agenda' THEN m.agenda_published_at IS NOT NULL AND s.agenda_at IS NOT m.agenda_published_at"
	"  WHEN 'minutes' THEN m.minutes_published_at IS NOT NULL AND s.minutes_at IS NOT m.minutes_published_at"
	"  WHEN 'cancelled' THEN m.state = 'cancelled' AND s.state IS NOT 'cancelled'"
	"  WHEN 'postponed' THEN m.state = 'postponed' AND s.state IS NOT 'postponed'"
	"  ELSE s.meeting_id IS NOT NULL AND m.state = 'scheduled' AND s.state = 'scheduled'"
	"   AND (s.start_at IS NOT m.start_at OR s.location_id IS NOT m.location_id) END";

/* Objects public for the first time. */
static const char ev_decision[] =
	"INSERT INTO alert_event(kind, object_id, paper_id, committee_id, meeting_id, at)"
	" SELECT 'decision', d.id, d.paper_id, d.decision_maker_id,"
	"  (SELECT i.meeting_id FROM pub_agenda_item i WHERE i.id = d.agenda_item_id), ?1"
	" FROM alert_change c JOIN pub_decision d ON c.entity = 'decision' AND c.first <> 0 AND d.id = c.id"
	" WHERE c.modified >= ?2";
static const char ev_plan[] =
	"INSERT INTO alert_event(kind, object_id, paper_id, committee_id, at)"
	" SELECT 'plan', p.id, p.paper_id, p.decision_maker_id, ?1"
	" FROM alert_change c JOIN pub_plan_entry p ON c.entity = 'plan_entry' AND c.first <> 0 AND p.id = c.id"
	" WHERE c.modified >= ?2";
static const char ev_declaration[] =
	"INSERT INTO alert_event(kind, object_id, person_id, meeting_id, at)"
	" SELECT 'declaration', d.id, d.person_id, d.meeting_id, ?1"
	" FROM alert_change c JOIN pub_declaration d ON c.entity = 'declaration' AND c.first <> 0 AND d.id = c.id"
	" WHERE c.modified >= ?2";
static const char ev_vote[] =
	"INSERT INTO alert_event(kind, object_id, person_id, meeting_id, at)"
	" SELECT 'vote', v.id, r.person_id, i.meeting_id, ?1"
	" FROM alert_change c JOIN pub_vote v ON c.entity = 'vote' AND c.first <> 0 AND v.id = c.id"
	" JOIN pub_vote_record r ON r.vote_id = v.id JOIN pub_agenda_item i ON i.id = v.agenda_item_id"
	" WHERE c.modified >= ?2";
static const char ev_role[] =
	"INSERT INTO alert_event(kind, object_id, person_id, committee_id, at)"
	" SELECT 'role', ms.id, ms.person_id, ms.organization_id, ?1"
	" FROM alert_change c JOIN pub_membership ms ON c.entity = 'membership' AND c.first <> 0 AND ms.id = c.id"
	" WHERE c.modified >= ?2";
static const char ev_considered[] =
	"INSERT INTO alert_event(kind, object_id, paper_id, meeting_id, committee_id, at)"
	" SELECT 'considered', cn.id, cn.paper_id, cn.meeting_id, cn.organization_id, ?1"
	" FROM alert_change c JOIN pub_consultation cn ON c.entity = 'consultation' AND c.first <> 0 AND cn.id = c.id"
	" WHERE c.modified >= ?2 AND cn.paper_id IS NOT NULL";

/* Each new event for every confirmed subscription that follows it. */
static const char *const queue_sql[] = {
	"INSERT OR IGNORE INTO alert_queue SELECT s.id, e.id FROM alert_event e"
	" JOIN alert_subscription s ON s.kind = 'committee' AND s.target_id = e.committee_id AND s.confirmed IS NOT NULL"
	" WHERE e.id > ?1 AND e.kind IN ('agenda', 'minutes', 'cancelled', 'postponed', 'moved')",
	"INSERT OR IGNORE INTO alert_queue SELECT s.id, e.id FROM alert_event e"
	" JOIN alert_subscription s ON s.kind = 'person' AND s.target_id = e.person_id AND s.confirmed IS NOT NULL"
	" WHERE e.id > ?1 AND e.kind IN ('declaration', 'vote', 'role')",
	"INSERT OR IGNORE INTO alert_queue SELECT s.id, e.id FROM alert_event e"
	" JOIN alert_subscription s ON s.kind = 'issue' AND s.target_id = e.paper_id AND s.confirmed IS NOT NULL"
	" WHERE e.id > ?1 AND e.kind IN ('decision', 'plan', 'considered')",
	"INSERT OR IGNORE INTO alert_queue SELECT s.id, e.id FROM alert_event e"
	" JOIN alert_subscription s ON s.kind = 'decisions' AND s.confirmed IS NOT NULL"
	" WHERE e.id > ?1 AND e.kind = 'decision'",
	"INSERT OR IGNORE INTO alert_queue SELECT s.id, e.id FROM alert_event e"
	" JOIN alert_subscription s ON s.kind = 'plan' AND s.confirmed IS NOT NULL"
	" WHERE e.id > ?1 AND e.kind = 'plan'",
};

static int alerts_commit(struct db *db)
{
	const char *const events[] = { ev_meeting, ev_decision, ev_plan, ev_declaration, ev_vote, ev_role,
				       ev_considered };
	char now[32], recent[32] = "";
	int64_t last = 0, any = 0;
	time_t t = time(NULL);
	int r;

	if (db->mode != DB_MODE_FULL)
		return 0;
	if ((r = db_int_of(db, "SELECT 1 FROM alert_change LIMIT 1", NULL, &any)) <= 0)
		return r;
	utc_at(t, now);
	/* A harvest copies an old record: only what changed at its source
	 * in the last week is news. */
	if (db->source_times)
		utc_at(t - 7 * 86400, recent);
	if (db_int_of(db, "SELECT 1 FROM alert_subscription WHERE confirmed IS NOT NULL AND kind <> 'search' LIMIT 1",
		      NULL, &any) < 0)
		return -1;
	if (any == 1) {
		if (db_int_of(db, "SELECT ifnull(max(id), 0) FROM alert_event", NULL, &last) < 0)
			return -1;
		for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
			if (db_run(db, events[i], "alerts: events", DB_ARGS(v_text(now), v_text(recent))) < 0)
				return -1;
		for (size_t i = 0; i < sizeof(queue_sql) / sizeof(queue_sql[0]); i++)
			if (db_run(db, queue_sql[i], "alerts: queue", DB_ARGS(v_int(last))) < 0)
				return -1;
		if (db_run(db, "DELETE FROM alert_event WHERE id > ?1 AND id NOT IN (SELECT event_id FROM alert_queue)",
			   "alerts: events", DB_ARGS(v_int(last))) < 0)
			return -1;
	}
	if (db_run(db, "DELETE FROM alert_meeting WHERE meeting_id IN"
		   " (SELECT id FROM alert_change WHERE entity = 'meeting')", "alerts: meetings", NULL) < 0 ||
	    db_run(db, "INSERT INTO alert_meeting SELECT m.id, m.agenda_published_at, m.minutes_published_at,"
		   " m.state, m.start_at, m.location_id FROM alert_change c"
		   " JOIN pub_meeting m ON c.entity = 'meeting' AND m.id = c.id", "alerts: meetings", NULL) < 0)
		return -1;
	return db_run(db, "DELETE FROM alert_change", "alerts: changes", NULL);
}

static const struct db_hooks alert_hooks = { "alerts", NULL, alerts_commit };

__attribute__((constructor)) static void alerts_add_hooks(void)
{
	if (db_hooks_add(&alert_hooks) < 0)
		__builtin_trap();
}

/* --- subscribing ------------------------------------------------------------- */

#define C(m) RBUF(struct alert_subscriber, m)
static const struct rcol subscriber_cols[] = {
	RCOL(struct alert_subscriber, id), C(email), C(token), C(confirm_sent), C(suppressed), RCOL_END
};
#undef C
#define SUBSCRIBER "SELECT a.id, a.email, a.token, a.confirm_sent, a.suppressed FROM alert_subscriber a"

int alert_subscriber_by_token(struct db *db, const char *token, struct alert_subscriber *s)
{
	return db_row(db, SUBSCRIBER " WHERE a.token = ?1", DB_ARGS(v_text(token)), subscriber_cols, s);
}

int alert_subscriber_by_confirm(struct db *db, const char *token, struct alert_subscriber *s)
{
	return db_row(db, SUBSCRIBER " JOIN alert_subscription s ON s.subscriber_id = a.id WHERE s.confirm_token = ?1",
		      DB_ARGS(v_text(token)), subscriber_cols, s);
}

int alert_subscriber_get(struct db *db, int64_t id, struct alert_subscriber *s)
{
	return db_row(db, SUBSCRIBER " WHERE a.id = ?1", DB_ARGS(v_int(id)), subscriber_cols, s);
}

int alert_subscriber_by_email(struct db *db, const char *email, struct alert_subscriber *s)
{
	return db_row(db, SUBSCRIBER " WHERE a.email = ?1", DB_ARGS(v_text(email)), subscriber_cols, s);
}

int alert_subscribe(struct db *db, const struct alert_request *rq, const char *manage_token,
		    const char *confirm_token, int64_t *sub_id, struct alert_subscriber *subscriber, int *already)
{
	char now[32], hour_ago[32], day_ago[32];
	time_t t = time(NULL);
	int64_t n, confirmed;
	int r;

	utc_at(t, now);
	utc_at(t - 3600, hour_ago);
	utc_at(t - 86400, day_ago);
	*already = 0;
	if (db_run(db, "DELETE FROM alert_request WHERE at < ?1", "alerts: requests", DB_ARGS(v_text(day_ago))) < 0)
		return -1;
	if (db_int_of(db, "SELECT count(*) FROM alert_request WHERE client = ?1 AND at >= ?2",
		      DB_ARGS(v_text(rq->client), v_text(hour_ago)), &n) < 0)
		return -1;
	if (n >= ALERT_REQUESTS_PER_CLIENT)
		return ALERT_BUSY_CLIENT;
	if (db_int_of(db, "SELECT count(*) FROM alert_request WHERE email = ?1 AND at >= ?2",
		      DB_ARGS(v_text(rq->email), v_text(hour_ago)), &n) < 0)
		return -1;
	if (n >= ALERT_REQUESTS_PER_EMAIL)
		return ALERT_BUSY_EMAIL;
	if (db_run(db, "INSERT INTO alert_request(at, client, email) VALUES (?1, ?2, ?3)", "alerts: requests",
		   DB_ARGS(v_text(now), v_text(rq->client), v_text(rq->email))) < 0)
		return -1;
	if ((r = alert_subscriber_by_email(db, rq->email, subscriber)) < 0)
		return -1;
	if (r == 0) {
		if (db_insert(db, "INSERT INTO alert_subscriber(email, token, created) VALUES (?1, ?2, ?3)",
			      "alerts: subscriber", DB_ARGS(v_text(rq->email), v_text(manage_token), v_text(now))) < 0 ||
		    alert_subscriber_by_email(db, rq->email, subscriber) != 1)
			return -1;
	}
	if (subscriber->suppressed[0])
		return ALERT_SUPPRESSED;
	r = db_int_of(db, "SELECT id, confirmed IS NOT NULL FROM alert_subscription WHERE subscriber_id = ?1"
		      " AND kind = ?2 AND ifnull(target_id, 0) = ?3 AND ifnull(query, '') = ifnull(?4, '')",
		      DB_ARGS(v_int(subscriber->id), v_text(rq->kind), v_int(rq->target_id), v_text(rq->query)), sub_id);
	if (r < 0)
		return -1;
	if (r == 1) {
		if (db_int_of(db, "SELECT confirmed IS NOT NULL FROM alert_subscription WHERE id = ?1",
			      DB_ARGS(v_int(*sub_id)), &confirmed) < 0)
			return -1;
		*already = confirmed ? 1 : 2;
		/* A new frequency asked for applies once confirmed. */
		if (db_run(db, "UPDATE alert_subscription SET frequency = ?2 WHERE id = ?1", "alerts: subscription",
			   DB_ARGS(v_int(*sub_id), v_text(rq->frequency))) < 0)
			return -1;
		return ALERT_OK;
	}
	if (db_int_of(db, "SELECT count(*) FROM alert_subscription WHERE subscriber_id = ?1",
		      DB_ARGS(v_int(subscriber->id)), &n) < 0)
		return -1;
	if (n >= ALERT_MAX_SUBSCRIPTIONS)
		return ALERT_TOO_MANY;
	*sub_id = db_insert(db, "INSERT INTO alert_subscription(subscriber_id, kind, target_id, query, label, frequency,"
			    " created, confirm_token) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "alerts: subscription",
			    DB_ARGS(v_int(subscriber->id), v_text(rq->kind), v_id(rq->target_id), v_text(rq->query),
				    v_text(rq->label), v_text(rq->frequency), v_text(now), v_text(confirm_token)));
	return *sub_id < 0 ? -1 : ALERT_OK;
}

int alert_confirm_due(struct db *db, int64_t subscriber_id)
{
	char now[32], hour_ago[32];
	time_t t = time(NULL);

	utc_at(t, now);
	utc_at(t - 3600, hour_ago);
	if (db_run(db, "UPDATE alert_subscriber SET confirm_sent = ?2 WHERE id = ?1"
		   " AND (confirm_sent IS NULL OR confirm_sent < ?3)", "alerts: confirmation",
		   DB_ARGS(v_int(subscriber_id), v_text(now), v_text(hour_ago))) < 0)
		return -1;
	return db_changes(db) == 1;
}

int alert_confirm_all(struct db *db, int64_t subscriber_id)
{
	struct when w;

	when_now(&w);
	if (db_run(db, "UPDATE alert_subscription SET confirmed = ?2,"
		   " digest_due = CASE frequency WHEN 'daily' THEN ?3 WHEN 'weekly' THEN ?4 END"
		   " WHERE subscriber_id = ?1 AND confirmed IS NULL", "alerts: confirm",
		   DB_ARGS(v_int(subscriber_id), v_text(w.now), v_text(w.daily), v_text(w.weekly))) < 0)
		return -1;
	return db_changes(db);
}

#define C(m) RCOL(struct alert_sub, m)
static const struct rcol sub_cols[] = {
	C(id), C(subscriber_id), C(target_id), C(kind), C(query), C(label), C(frequency), C(created), C(confirmed),
	C(confirm_token), C(search_ready), RCOL_END
};
#undef C
#define SUB "SELECT s.id, s.subscriber_id, ifnull(s.target_id, 0), s.kind, s.query, s.label, s.frequency," \
	    " s.created, s.confirmed, s.confirm_token, s.search_ready FROM alert_subscription s"

int alert_subs_of(struct db *db, int64_t subscriber_id, struct cursor *c)
{
	return db_list(db, c, SUB " WHERE s.subscriber_id = ?1 ORDER BY s.id", DB_ARGS(v_int(subscriber_id)));
}

DB_CURSOR_READER(cursor_next_alert_sub, alert_sub, sub_cols)

int alert_sub_get(struct db *db, int64_t sub_id, struct alert_sub *r)
{
	return db_row(db, SUB " WHERE s.id = ?1", DB_ARGS(v_int(sub_id)), sub_cols, r);
}

int alert_set_frequency(struct db *db, int64_t subscriber_id, int64_t sub_id, const char *frequency)
{
	struct when w;

	when_now(&w);
	if (db_run(db, "UPDATE alert_subscription SET frequency = ?3,"
		   " digest_due = CASE ?3 WHEN 'daily' THEN ?4 WHEN 'weekly' THEN ?5 END"
		   " WHERE id = ?2 AND subscriber_id = ?1 AND frequency <> ?3", "alerts: frequency",
		   DB_ARGS(v_int(subscriber_id), v_int(sub_id), v_text(frequency), v_text(w.daily), v_text(w.weekly))) < 0)
		return -1;
	return 0;
}

int alert_forget(struct db *db, int64_t subscriber_id)
{
	return db_run(db, "DELETE FROM alert_subscriber WHERE id = ?1", "alerts: forget", DB_ARGS(v_int(subscriber_id)));
}

/* Delete the subscriber once no subscription is left: 1 if so. */
static int forget_if_empty(struct db *db, int64_t subscriber_id)
{
	if (db_run(db, "DELETE FROM alert_subscriber WHERE id = ?1 AND NOT EXISTS"
		   " (SELECT 1 FROM alert_subscription WHERE subscriber_id = ?1)", "alerts: forget",
		   DB_ARGS(v_int(subscriber_id))) < 0)
		return -1;
	return db_changes(db) == 1;
}

int alert_remove(struct db *db, int64_t subscriber_id, int64_t sub_id)
{
	if (db_run(db, "DELETE FROM alert_subscription WHERE id = ?2 AND subscriber_id = ?1", "alerts: remove",
		   DB_ARGS(v_int(subscriber_id), v_int(sub_id))) < 0)
		return -1;
	return forget_if_empty(db, subscriber_id);
}

int alert_unsub_subs(struct db *db, const char *token, struct cursor *c)
{
	return db_list(db, c, SUB " JOIN alert_unsub u ON u.subscription_id = s.id WHERE u.token = ?1 ORDER BY s.id",
		       DB_ARGS(v_text(token)));
}

int alert_unsub_apply(struct db *db, const char *token)
{
	int64_t subscriber = 0;
	int n, r;

	if ((r = db_int_of(db, "SELECT s.subscriber_id FROM alert_unsub u JOIN alert_subscription s"
			   " ON s.id = u.subscription_id WHERE u.token = ?1 LIMIT 1", DB_ARGS(v_text(token)),
			   &subscriber)) <= 0)
		return r;
	if (db_run(db, "DELETE FROM alert_subscription WHERE id IN"
		   " (SELECT subscription_id FROM alert_unsub WHERE token = ?1)", "alerts: unsubscribe",
		   DB_ARGS(v_text(token))) < 0)
		return -1;
	n = db_changes(db);
	return forget_if_empty(db, subscriber) < 0 ? -1 : n;
}

int alert_unsub_add(struct db *db, const char *token, int64_t sub_id)
{
	return db_run(db, "INSERT OR IGNORE INTO alert_unsub(token, subscription_id) VALUES (?1, ?2)", "alerts: token",
		      DB_ARGS(v_text(token), v_int(sub_id)));
}

/* --- the outbox ---------------------------------------------------------------- */

int64_t alert_msg_add(struct db *db, int64_t subscriber_id, const char *recipient, const char *kind,
		      const char *subject, const char *text, const char *html, const char *unsub_token,
		      const char *message_id)
{
	char now[32];

	utc_at(time(NULL), now);
	return db_insert(db, "INSERT INTO alert_message(subscriber_id, recipient, kind, subject, body_text, body_html,"
			 " unsub_token, message_id, next_try, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
			 "alerts: outbox", DB_ARGS(v_id(subscriber_id), v_text(recipient), v_text(kind),
						   v_text(subject), v_text(text), v_text(html), v_text(unsub_token),
						   v_text(message_id), v_text(now)));
}

#define C(m) RCOL(struct alert_msg, m)
static const struct rcol msg_cols[] = {
	C(id), C(subscriber_id), C(recipient), C(kind), C(subject), C(body_text), C(body_html), C(unsub_token),
	C(message_id), C(state), C(attempts), C(next_try), C(last_error), C(created), C(sent), RCOL_END
};
#undef C
#define MSG "SELECT m.id, ifnull(m.subscriber_id, 0), ifnull(m.recipient, a.email), m.kind, m.subject," \
	    " m.body_text, m.body_html, m.unsub_token, m.message_id, m.state, m.attempts, m.next_try," \
	    " m.last_error, m.created, m.sent FROM alert_message m LEFT JOIN alert_subscriber a ON a.id = m.subscriber_id"

int alert_msg_next(struct db *db, struct alert_msg *m, char *to, size_t tolen)
{
	char now[32];
	int r;

	utc_at(time(NULL), now);
	r = db_row(db, MSG " WHERE m.state IN ('queued', 'sending') AND m.next_try <= ?1"
		   " AND (a.suppressed IS NULL OR m.subscriber_id IS NULL) ORDER BY m.next_try, m.id LIMIT 1",
		   DB_ARGS(v_text(now)), msg_cols, m);
	if (r == 1)
		snprintf(to, tolen, "%s", m->recipient ? m->recipient : "");
	return r;
}

int alert_msg_sending(struct db *db, int64_t id, int attempts)
{
	char until[32];

	utc_at(time(NULL) + ALERT_LEASE, until);
	if (db_run(db, "UPDATE alert_message SET state = 'sending', attempts = attempts + 1, next_try = ?3"
		   " WHERE id = ?1 AND attempts = ?2 AND state IN ('queued', 'sending')",
		   "alerts: outbox", DB_ARGS(v_int(id), v_int(attempts), v_text(until))) < 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

int alert_msg_sent(struct db *db, int64_t id)
{
	char now[32];

	utc_at(time(NULL), now);
	return db_run(db, "UPDATE alert_message SET state = 'sent', sent = ?2, body_text = NULL, body_html = NULL,"
		      " last_error = NULL WHERE id = ?1", "alerts: outbox", DB_ARGS(v_int(id), v_text(now)));
}

int alert_msg_retry(struct db *db, int64_t id, int retry_secs, const char *error)
{
	char next[32];

	utc_at(time(NULL) + retry_secs, next);
	return db_run(db, "UPDATE alert_message SET state = 'queued', next_try = ?2, last_error = ?3 WHERE id = ?1",
		      "alerts: outbox", DB_ARGS(v_int(id), v_text(next), v_text(error)));
}

int alert_msg_failed(struct db *db, int64_t id, const char *error, int suppress)
{
	char now[32];

	utc_at(time(NULL), now);
	if (db_run(db, "UPDATE alert_message SET state = 'failed', sent = ?2, body_text = NULL, body_html = NULL,"
		   " last_error = ?3 WHERE id = ?1", "alerts: outbox", DB_ARGS(v_int(id), v_text(now), v_text(error))) < 0)
		return -1;
	if (!suppress)
		return 0;
	/* The address is refused for good: keep it only to send nothing
	 * more to it; what it had queued goes. */
	return db_run(db, "UPDATE alert_subscriber SET suppressed = ?2, suppressed_reason = ?3"
		      " WHERE id = (SELECT subscriber_id FROM alert_message WHERE id = ?1)", "alerts: suppress",
		      DB_ARGS(v_int(id), v_text(now), v_text(error))) < 0 ||
			       db_run(db, "DELETE FROM alert_message WHERE state = 'queued' AND subscriber_id ="
				      " (SELECT subscriber_id FROM alert_message WHERE id = ?1)", "alerts: suppress",
				      DB_ARGS(v_int(id))) < 0 ? -1 : 0;
}

int alert_msgs_recent(struct db *db, int limit, struct cursor *c)
{
	return db_list(db, c, MSG " ORDER BY m.id DESC LIMIT ?1", DB_ARGS(v_int(limit)));
}

int alert_msgs_of(struct db *db, int64_t subscriber_id, struct cursor *c)
{
	return db_list(db, c, MSG " WHERE m.subscriber_id = ?1 ORDER BY m.id DESC", DB_ARGS(v_int(subscriber_id)));
}

DB_CURSOR_READER(cursor_next_alert_msg, alert_msg, msg_cols)

int alert_counts(struct db *db, struct alert_counts *n)
{
	static const struct rcol cols[] = {
		RCOL(struct alert_counts, subscribers), RCOL(struct alert_counts, confirmed),
		RCOL(struct alert_counts, waiting), RCOL(struct alert_counts, suppressed),
		RCOL(struct alert_counts, queued), RCOL(struct alert_counts, sent), RCOL(struct alert_counts, failed),
		RCOL_END
	};
	return db_row(db, "SELECT (SELECT count(*) FROM alert_subscriber),"
		      " (SELECT count(*) FROM alert_subscription WHERE confirmed IS NOT NULL),"
		      " (SELECT count(*) FROM alert_subscription WHERE confirmed IS NULL),"
		      " (SELECT count(*) FROM alert_subscriber WHERE suppressed IS NOT NULL),"
		      " (SELECT count(*) FROM alert_message WHERE state IN ('queued', 'sending')),"
		      " (SELECT count(*) FROM alert_message WHERE state = 'sent'),"
		      " (SELECT count(*) FROM alert_message WHERE state = 'failed')", NULL, cols, n) < 0 ? -1 : 0;
}

int alert_followed_list(struct db *db, struct cursor *c)
{
	return db_list(db, c, "SELECT kind, max(label), ifnull(target_id, 0), count(*) FROM alert_subscription"
		       " WHERE confirmed IS NOT NULL GROUP BY kind, target_id, query ORDER BY count(*) DESC, 2 LIMIT 500",
		       NULL);
}

int cursor_next_alert_followed(struct cursor *c, struct alert_followed *r)
{
	static const struct rcol cols[] = {
		RCOL(struct alert_followed, kind), RCOL(struct alert_followed, label),
		RCOL(struct alert_followed, target_id), RCOL(struct alert_followed, count), RCOL_END
	};
	return db_cursor_next(c, cols, r);
}

/* --- the sender's work --------------------------------------------------------------- */

int alert_tidy(struct db *db)
{
	char expired[32], month_ago[32], day_ago[32];
	time_t t = time(NULL);
	struct when w;

	when_now(&w);
	utc_at(t - ALERT_CONFIRM_EXPIRY_DAYS * 86400, expired);
	utc_at(t - 30 * 86400, month_ago);
	utc_at(t - 86400, day_ago);
	if (db_begin(db) < 0)
		return -1;
	if (db_run(db, "DELETE FROM alert_subscription WHERE confirmed IS NULL AND created < ?1", "alerts: expire",
		   DB_ARGS(v_text(expired))) < 0 ||
	    db_run(db, "DELETE FROM alert_subscriber WHERE suppressed IS NULL AND NOT EXISTS"
		   " (SELECT 1 FROM alert_subscription s WHERE s.subscriber_id = alert_subscriber.id)"
		   " AND NOT EXISTS (SELECT 1 FROM alert_message m WHERE m.subscriber_id = alert_subscriber.id"
		   "  AND m.state IN ('queued', 'sending'))", "alerts: expire", NULL) < 0 ||
	    db_run(db, "DELETE FROM alert_request WHERE at < ?1", "alerts: requests", DB_ARGS(v_text(day_ago))) < 0 ||
	    db_run(db, "DELETE FROM alert_message WHERE state IN ('sent', 'failed') AND sent < ?1", "alerts: outbox",
		   DB_ARGS(v_text(month_ago))) < 0 ||
	    db_run(db, "DELETE FROM alert_event WHERE NOT EXISTS (SELECT 1 FROM alert_queue q WHERE q.event_id = alert_event.id)",
		   "alerts: events", NULL) < 0 ||
	    /* A digest due with nothing to tell waits for its next time. */
	    db_run(db, "UPDATE alert_subscription SET digest_due = CASE frequency WHEN 'daily' THEN ?2 ELSE ?3 END"
		   " WHERE frequency <> 'immediate' AND digest_due <= ?1 AND NOT EXISTS"
		   " (SELECT 1 FROM alert_queue q WHERE q.subscription_id = alert_subscription.id)", "alerts: digests",
		   DB_ARGS(v_text(w.now), v_text(w.daily), v_text(w.weekly))) < 0) {
		db_rollback_keep(db);
		return -1;
	}
	return db_commit(db);
}

/* A subscription whose events are due now: immediate, or its digest's time. */
#define DUE_NOW "(s.frequency = 'immediate' OR s.digest_due <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

int alert_due_subscribers(struct db *db, int limit, struct cursor *c)
{
	return db_list(db, c, "SELECT DISTINCT s.subscriber_id FROM alert_queue q"
		       " JOIN alert_subscription s ON s.id = q.subscription_id"
		       " JOIN alert_subscriber a ON a.id = s.subscriber_id AND a.suppressed IS NULL"
		       " WHERE " DUE_NOW " LIMIT ?1", DB_ARGS(v_int(limit)));
}

int cursor_next_id(struct cursor *c, int64_t *id)
{
	if (!db_cursor_step(c))
		return 0;
	*id = col_int(c->s, 0);
	return 1;
}

int alert_due_events(struct db *db, int64_t subscriber_id, struct cursor *c)
{
	return db_list(db, c, "SELECT q.subscription_id, e.id, e.kind, ifnull(e.meeting_id, 0), ifnull(e.committee_id, 0),"
		       " ifnull(e.person_id, 0), ifnull(e.paper_id, 0), ifnull(e.object_id, 0), e.grp, e.at"
		       " FROM alert_queue q JOIN alert_subscription s ON s.id = q.subscription_id"
		       " JOIN alert_event e ON e.id = q.event_id"
		       " WHERE s.subscriber_id = ?1 AND " DUE_NOW " ORDER BY s.id, e.id DESC", DB_ARGS(v_int(subscriber_id)));
}

int cursor_next_alert_ev(struct cursor *c, struct alert_ev *r)
{
	static const struct rcol cols[] = {
		RCOL(struct alert_ev, queue_sub), RCOL(struct alert_ev, id), RCOL(struct alert_ev, kind),
		RCOL(struct alert_ev, meeting_id), RCOL(struct alert_ev, committee_id), RCOL(struct alert_ev, person_id),
		RCOL(struct alert_ev, paper_id), RCOL(struct alert_ev, object_id), RCOL(struct alert_ev, grp),
		RCOL(struct alert_ev, at), RCOL_END
	};
	return db_cursor_next(c, cols, r);
}

int alert_queue_done(struct db *db, int64_t sub_id, int64_t event_id)
{
	return db_run(db, "DELETE FROM alert_queue WHERE subscription_id = ?1 AND event_id = ?2", "alerts: queue",
		      DB_ARGS(v_int(sub_id), v_int(event_id)));
}

int alert_digest_done(struct db *db, int64_t sub_id)
{
	struct when w;

	when_now(&w);
	return db_run(db, "UPDATE alert_subscription SET digest_due = CASE frequency WHEN 'daily' THEN ?2 ELSE ?3 END"
		      " WHERE id = ?1 AND frequency <> 'immediate'", "alerts: digests",
		      DB_ARGS(v_int(sub_id), v_text(w.daily), v_text(w.weekly)));
}

int alert_search_subs(struct db *db, struct cursor *c)
{
	return db_list(db, c, SUB " JOIN alert_subscriber a ON a.id = s.subscriber_id AND a.suppressed IS NULL"
		       " WHERE s.kind = 'search' AND s.confirmed IS NOT NULL ORDER BY s.query, s.id", NULL);
}

int alert_search_seen(struct db *db, int64_t sub_id, const char *grp, int64_t ref_id, int64_t meeting_id,
		      int ready)
{
	char now[32];
	int64_t ev;

	if (db_run(db, "INSERT OR IGNORE INTO alert_seen(subscription_id, grp, ref_id) VALUES (?1, ?2, ?3)",
		   "alerts: search", DB_ARGS(v_int(sub_id), v_text(grp), v_int(ref_id))) < 0)
		return -1;
	if (db_changes(db) == 0 || !ready)
		return 0;
	utc_at(time(NULL), now);
	ev = db_insert(db, "INSERT INTO alert_event(kind, grp, object_id, meeting_id, at) VALUES ('search', ?1, ?2, ?3, ?4)",
		       "alerts: search", DB_ARGS(v_text(grp), v_int(ref_id), v_id(meeting_id), v_text(now)));
	if (ev < 0 || db_run(db, "INSERT INTO alert_queue(subscription_id, event_id) VALUES (?1, ?2)", "alerts: search",
			     DB_ARGS(v_int(sub_id), v_int(ev))) < 0)
		return -1;
	return 1;
}

int alert_search_ready(struct db *db, int64_t sub_id)
{
	return db_run(db, "UPDATE alert_subscription SET search_ready = 1 WHERE id = ?1", "alerts: search",
		      DB_ARGS(v_int(sub_id)));
}

int alert_search_signature(struct db *db, char out[64])
{
	struct sig_row { char sig[64]; } row;
	static const struct rcol cols[] = { RBUF(struct sig_row, sig), RCOL_END };
	/* Scans of the record only when someone follows a search: the
	 * sender asks every two seconds. */
	int r = db_row(db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM alert_subscription WHERE kind = 'search'"
		       " AND confirmed IS NOT NULL) THEN ifnull((SELECT max(modified) FROM publication), '') || '/' ||"
		       " (SELECT count(*) FROM file WHERE text_status <> 'pending') ELSE '' END", NULL, cols, &row);

	if (r == 1)
		memcpy(out, row.sig, 64);
	return r < 0 ? -1 : 0;
}

int alert_search_new(struct db *db)
{
	int64_t n = 0;

	return db_int_of(db, "SELECT count(*) FROM alert_subscription WHERE kind = 'search' AND confirmed IS NOT NULL"
			 " AND search_ready = 0", NULL, &n) < 0 ? -1 : (int)n;
}
