/* alerts.h: e-mail alerts (docs/DECISIONS.md, "Alerts"): asking for a
 * subscription (the confirmation message), composing what is due into
 * messages (one per subscriber: immediately, or as a daily or weekly
 * digest), checking saved searches for new results, and the sender's
 * thread, which hands the outbox to the mail server.  The tables are
 * db/alerts; what a message says of the record is read over the pub_*
 * views only, when it is composed. */
#ifndef WITAN_MAIL_ALERTS_H
#define WITAN_MAIL_ALERTS_H

#include "db/alerts.h"
#include "mail/smtp.h"

/* What a subscription request came to. */
enum alerts_outcome {
	ALERTS_CONFIRM_SENT,      /* a confirmation message is queued */
	ALERTS_CONFIRM_WAITING,   /* one went less than an hour ago: its link confirms this too */
	ALERTS_ALREADY,           /* the address follows this already */
	ALERTS_REFUSED,           /* see *refusal */
};

/* Ask for a subscription: in one transaction, the request is noted, the
 * subscription added (waiting) and the confirmation queued.  db is the
 * full connection, pub a public one (for the body's name); base_url the
 * site's.  0 with *outcome (and *refusal),
 * or -1 with db->err. */
int alerts_request(struct db *db, struct db *pub, const struct alert_request *rq, const char *base_url,
		   enum alerts_outcome *outcome, enum alert_refusal *refusal);

/* Queue a test message to an address (the back office): its id, or -1. */
int64_t alerts_test_message(struct db *db, const char *to, const char *base_url);

/* Compose every message due now (pub: a public connection, for what they
 * say); the number of messages queued, or -1.  Also run by the
 * benchmark. */
long alerts_compose(struct db *db, struct db *pub, const char *base_url);
/* Look for new results of every saved search (pub: a public connection);
 * the number of new results, or -1. */
long alerts_search(struct db *db, struct db *pub);

/* The sender's thread, started by `witan serve`: composes, checks
 * searches, and, when smtp->url is set, sends the outbox.  The config is
 * kept (its strings must outlive the thread).  0 or -1. */
int alerts_thread_start(const char *db_path, const char *base_url, const struct smtp_config *smtp);
void alerts_thread_stop(void);
/* Wake the thread (after a publication or a request). */
void alerts_wake(void);
/* 1 if the server sends mail (--smtp given), for the back office. */
int alerts_sending(void);

#endif
