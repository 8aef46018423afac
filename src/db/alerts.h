/* alerts.h: the e-mail alerts' tables (sql/016_alerts.sql; docs/DECISIONS.md,
 * "Alerts"): subscribers and their subscriptions, the events queued for
 * them, and the outbox.  All SQL of alerts lives here; composing and
 * sending the messages is mail/.
 *
 * What becomes public is turned into events by a commit hook, inside the
 * transaction that publishes it (so nothing is lost and nothing is
 * queued twice): the publication record's triggers note each object whose
 * public form changed, and the hook compares a public meeting with what it
 * last saw (agenda or minutes published, cancelled, postponed, moved) and
 * takes each decision, plan entry, declaration, vote, role and
 * consideration of a paper that is public for the first time, reading the
 * pub_* views only.  Each event is queued for every confirmed subscription
 * that follows it.  Search subscriptions are matched later, by the
 * sender's thread (alert_search_*). */
#ifndef WITAN_ALERTS_DB_H
#define WITAN_ALERTS_DB_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/public.h"

#define ALERT_TOKEN_MAX 64

/* Limits on requests (docs/DECISIONS.md, "Alerts"). */
#define ALERT_REQUESTS_PER_CLIENT 20     /* subscription requests an hour from one client */
#define ALERT_REQUESTS_PER_EMAIL 10      /* an hour for one address */
#define ALERT_MAX_SUBSCRIPTIONS 50       /* per address */
#define ALERT_CONFIRM_EXPIRY_DAYS 7

struct alert_subscriber {
	int64_t id;
	char email[256];
	char token[ALERT_TOKEN_MAX];
	char confirm_sent[32];    /* "" if never */
	char suppressed[32];      /* "" unless suppressed */
};

struct alert_sub {
	int64_t id, subscriber_id, target_id;
	const char *kind, *query, *label, *frequency, *created, *confirmed, *confirm_token;
	int search_ready;
};

/* A new subscription request. */
struct alert_request {
	const char *email, *kind, *query, *label, *frequency, *client;
	int64_t target_id;
};

enum alert_refusal {
	ALERT_OK = 0,
	ALERT_BUSY_CLIENT,        /* too many requests from this client this hour */
	ALERT_BUSY_EMAIL,         /* too many for this address this hour */
	ALERT_TOO_MANY,           /* the address has ALERT_MAX_SUBSCRIPTIONS */
	ALERT_SUPPRESSED,         /* the address refused mail for good */
};

/* Record a request (for the limits) and add the subscription, waiting
 * for confirmation, with its subscriber if new (tokens made by the
 * caller: manage_token for a new subscriber, confirm_token for the
 * subscription).  In the caller's transaction.  Returns -1 on error, else
 * an alert_refusal; on ALERT_OK *sub_id, *subscriber and
 * *already (1: the same subscription exists and is confirmed; 2: exists,
 * waiting) are set. */
int alert_subscribe(struct db *db, const struct alert_request *rq, const char *manage_token,
		    const char *confirm_token, int64_t *sub_id, struct alert_subscriber *subscriber, int *already);
/* 1 if a confirmation message may go to the subscriber now (none in the
 * last hour), and note that one does; 0 if not; -1. */
int alert_confirm_due(struct db *db, int64_t subscriber_id);

/* The subscriber whose manage token, or a subscription's confirm token,
 * this is: 1, 0 (unknown) or -1. */
int alert_subscriber_by_token(struct db *db, const char *token, struct alert_subscriber *s);
int alert_subscriber_by_confirm(struct db *db, const char *confirm_token, struct alert_subscriber *s);
int alert_subscriber_get(struct db *db, int64_t id, struct alert_subscriber *s);
int alert_subscriber_by_email(struct db *db, const char *email, struct alert_subscriber *s);
/* Confirm every waiting subscription of the subscriber (the confirmation
 * link confirms what the address asked for); the number confirmed, or -1. */
int alert_confirm_all(struct db *db, int64_t subscriber_id);
/* The subscriber's subscriptions, confirmed or waiting, oldest first. */
int alert_subs_of(struct db *db, int64_t subscriber_id, struct cursor *c);
int cursor_next_alert_sub(struct cursor *c, struct alert_sub *r);
/* Change one subscription's frequency (it must be the subscriber's):
 * 0, or -1 (db->err "no such subscription"). */
int alert_set_frequency(struct db *db, int64_t subscriber_id, int64_t sub_id, const char *frequency);
/* Remove one subscription, and the subscriber with it if it was the last:
 * 1 if the subscriber is gone, 0 if not, -1. */
int alert_remove(struct db *db, int64_t subscriber_id, int64_t sub_id);
/* Forget the address and everything of it (unsubscribe from all, erase
 * on request): 0 or -1. */
int alert_forget(struct db *db, int64_t subscriber_id);

/* One-click unsubscribe: the subscriptions a message's token names
 * (cursor as alert_subs_of; none if unknown), and removing them all (the
 * number removed, or -1). */
int alert_unsub_subs(struct db *db, const char *token, struct cursor *c);
int alert_unsub_apply(struct db *db, const char *token);
/* Name subscription sub_id in a message's unsubscribe token. */
int alert_unsub_add(struct db *db, const char *token, int64_t sub_id);

/* --- the outbox --- */

struct alert_msg {
	int64_t id, subscriber_id;
	const char *recipient, *kind, *subject, *body_text, *body_html, *unsub_token, *message_id, *state;
	int attempts;
	const char *next_try, *last_error, *created, *sent;
};

/* Queue a message (sent by the sender's thread); its id, or -1. */
int64_t alert_msg_add(struct db *db, int64_t subscriber_id, const char *recipient, const char *kind,
		      const char *subject, const char *text, const char *html, const char *unsub_token,
		      const char *message_id);
/* The next message due to be sent (queued, or left 'sending' by a crash),
 * with the address it goes to in *to: 1, 0 (none) or -1. */
int alert_msg_next(struct db *db, struct alert_msg *m, char *to, size_t tolen);
/* Before handing it to the mail server: claim it, as read with attempts
 * tries so far: 'sending', one attempt more, and not due again for
 * ALERT_LEASE seconds (a sender that dies meanwhile leaves it to be sent
 * then).  0 claimed; 1 claimed meanwhile by another server of the same
 * database (leave it); -1 error. */
#define ALERT_LEASE 600
int alert_msg_sending(struct db *db, int64_t id, int attempts);
/* After: sent (bodies dropped); or a temporary failure, tried again after
 * retry_secs; or a permanent one (suppress: the address is refused for
 * good and all it has queued goes with it). */
int alert_msg_sent(struct db *db, int64_t id);
int alert_msg_retry(struct db *db, int64_t id, int retry_secs, const char *error);
int alert_msg_failed(struct db *db, int64_t id, const char *error, int suppress);

/* The outbox for the back office, newest first. */
int alert_msgs_recent(struct db *db, int limit, struct cursor *c);
/* The messages kept of one subscriber, newest first. */
int alert_msgs_of(struct db *db, int64_t subscriber_id, struct cursor *c);
int cursor_next_alert_msg(struct cursor *c, struct alert_msg *r);
struct alert_counts {
	int64_t subscribers, confirmed, waiting, suppressed;
	int64_t queued, sent, failed;
};
int alert_counts(struct db *db, struct alert_counts *n);
/* Confirmed subscriptions by what they follow (the back office's table):
 * kind, label, target, how many. */
struct alert_followed {
	const char *kind, *label;
	int64_t target_id, count;
};
int alert_followed_list(struct db *db, struct cursor *c);
int cursor_next_alert_followed(struct cursor *c, struct alert_followed *r);

/* --- the sender's work --- */

/* Drop requests and unconfirmed subscriptions past their time, sent
 * messages' records after 30 days, events nobody waits for: 0 or -1. */
int alert_tidy(struct db *db);

/* One queued event as the sender reads it. */
struct alert_ev {
	int64_t queue_sub, id;
	const char *kind;
	int64_t meeting_id, committee_id, person_id, paper_id, object_id;
	const char *grp, *at;
};
/* Subscribers with something to send now: immediate subscriptions with
 * events, and digests due.  Each subscriber once. */
int alert_due_subscribers(struct db *db, int limit, struct cursor *c);
int cursor_next_id(struct cursor *c, int64_t *id);
/* The due events of one subscriber (subscription by subscription, newest
 * first), and, once composed, each taken off the queue and each digest's
 * next time set (exactly what was read, so an event queued or a digest
 * come due meanwhile waits for the next round). */
int alert_due_events(struct db *db, int64_t subscriber_id, struct cursor *c);
int cursor_next_alert_ev(struct cursor *c, struct alert_ev *r);
int alert_queue_done(struct db *db, int64_t sub_id, int64_t event_id);
int alert_digest_done(struct db *db, int64_t sub_id);
/* The subscription's label, kind and target (for a message's heading). */
int alert_sub_get(struct db *db, int64_t sub_id, struct alert_sub *r);

/* What the public record's searchable content looks like now: when it
 * changes, saved searches are run again. */
int alert_search_signature(struct db *db, char out[64]);
/* Search subscriptions: the confirmed ones, and their new results noted
 * (an event queued unless the subscription is only beginning: then the
 * results there already are only noted). */
int alert_search_subs(struct db *db, struct cursor *c);
int alert_search_seen(struct db *db, int64_t sub_id, const char *grp, int64_t ref_id, int64_t meeting_id,
		      int ready);
int alert_search_ready(struct db *db, int64_t sub_id);
/* How many confirmed search subscriptions have not noted their first
 * results yet (0: none), or -1. */
int alert_search_new(struct db *db);

/* The public description of an event, read over the pub_* views only: 1
 * (the strings valid until the next call), 0 if it is no longer public. */
struct alert_desc {
	const char *what;   /* "Agenda published", "Decision" ... */
	char title[512];    /* the meeting, decision, document ... */
	char when[32];      /* "YYYY-MM-DD HH:MM" (local) or "YYYY-MM-DD", or "" */
	char extra[512];    /* place, reason, how they voted ..., or "" */
	char path[200];     /* its page: "/meetings/12" */
};
int alert_describe(struct db *pub, const struct alert_ev *e, struct alert_desc *d);

#endif
