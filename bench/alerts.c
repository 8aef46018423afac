/* alerts.c (bench): e-mail alerts at scale (issue 15): a demo database
 * with 10,000 confirmed subscribers, each following the committee of a
 * meeting (daily digest) and all decisions.
 *   queue:   publishing that meeting's agenda, whose transaction queues an
 *            event for every subscriber, against the same publication with
 *            nobody subscribed (the reference: what publishing costs anyway);
 *   compose: building and queueing the 10,000 digests (alerts_compose),
 *            against inserting 10,000 rows of the same size into a table
 *            of the same file, one transaction each (the storage floor).
 * Usage: alerts DB (a copy of a fresh `witan init --demo`; bench/alerts.sh
 * makes it).  Run by `make bench-alerts`. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/admin.h"
#include "db/db.h"
#include "mail/alerts.h"

#include "util/banned.h"

#define SUBSCRIBERS 10000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int exec(sqlite3 *h, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "alerts bench: %s: %s\n", sql, err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int64_t one(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Two meetings of one committee with draft agendas: the first for the
 * reference, the second for the measured publication. */
static int publish_agenda(struct db *db, int64_t meeting, double *secs)
{
	double t0 = now();
	int rc = adm_agenda_publish(db, 0, meeting, NULL);

	*secs = now() - t0;
	if (rc != 0)
		fprintf(stderr, "alerts bench: publishing meeting %lld: %s\n", (long long)meeting, db->err);
	return rc;
}

int main(int argc, char **argv)
{
	struct db db, pub;
	sqlite3 *h;
	char sql[1024];
	int64_t org, m1, m2, queued, composed;
	double ref_pub, alert_pub, t0, compose, floor_secs;
	long n;

	if (argc != 2) {
		fprintf(stderr, "usage: alerts DB (a fresh demo database)\n");
		return 2;
	}
	if (sqlite3_open(argv[1], &h) != SQLITE_OK)
		return 1;
	sqlite3_busy_timeout(h, 5000);
	org = one(h, "SELECT organization_id FROM meeting WHERE agenda_status = 'draft' AND published = 1 AND deleted = 0"
		  " GROUP BY organization_id HAVING count(*) >= 2 ORDER BY organization_id LIMIT 1");
	snprintf(sql, sizeof(sql), "SELECT id FROM meeting WHERE organization_id = %lld AND agenda_status = 'draft'"
		 " AND published = 1 AND deleted = 0 ORDER BY start_at LIMIT 1", (long long)org);
	m1 = one(h, sql);
	snprintf(sql, sizeof(sql), "SELECT id FROM meeting WHERE organization_id = %lld AND agenda_status = 'draft'"
		 " AND published = 1 AND deleted = 0 ORDER BY start_at LIMIT 1 OFFSET 1", (long long)org);
	m2 = one(h, sql);
	if (org < 0 || m1 < 0 || m2 < 0) {
		fprintf(stderr, "alerts bench: no committee with two draft agendas in %s\n", argv[1]);
		return 1;
	}
	if (db_open(&db, argv[1], 0) < 0 || db_open(&pub, argv[1], DB_PUBLIC) < 0) {
		fprintf(stderr, "alerts bench: %s\n", db.err);
		return 1;
	}
	if (publish_agenda(&db, m1, &ref_pub) < 0)
		return 1;

	t0 = now();
	snprintf(sql, sizeof(sql),
		 "BEGIN;"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
		 " INSERT INTO alert_subscriber(email, token, created) SELECT 'reader' || i || '@example.org',"
		 " 'tok' || i, '2026-01-01T00:00:00Z' FROM n;"
		 "INSERT INTO alert_subscription(subscriber_id, kind, target_id, label, frequency, created, confirmed,"
		 " confirm_token, digest_due) SELECT id, 'committee', %lld, 'The committee', 'daily',"
		 " created, created, 'c' || id, '2099-01-01T07:00:00Z' FROM alert_subscriber;"
		 "INSERT INTO alert_subscription(subscriber_id, kind, label, frequency, created, confirmed,"
		 " confirm_token, digest_due) SELECT id, 'decisions', 'All decisions', 'daily', created, created,"
		 " 'd' || id, '2099-01-01T07:00:00Z' FROM alert_subscriber;"
		 "COMMIT;", SUBSCRIBERS, (long long)org);
	if (exec(h, sql) < 0)
		return 1;
	printf("setup: %d subscribers, %d subscriptions in %.0f ms\n", SUBSCRIBERS, 2 * SUBSCRIBERS, (now() - t0) * 1e3);

	if (publish_agenda(&db, m2, &alert_pub) < 0)
		return 1;
	queued = one(h, "SELECT count(*) FROM alert_queue");
	printf("queue:   publishing an agenda that %lld subscribers follow: %.1f ms; with nobody subscribed: %.1f ms;"
	       " ratio %.2f\n", (long long)queued, alert_pub * 1e3, ref_pub * 1e3, alert_pub / ref_pub);

	/* Every digest due now. */
	if (exec(h, "UPDATE alert_subscription SET digest_due = '2000-01-01T00:00:00Z'") < 0)
		return 1;
	t0 = now();
	n = alerts_compose(&db, &pub, "https://democracy.example.gov.uk");
	compose = now() - t0;
	if (n < 0) {
		fprintf(stderr, "alerts bench: compose: %s\n", db.err);
		return 1;
	}
	composed = one(h, "SELECT count(*) FROM alert_message WHERE kind = 'digest'");
	int64_t avg = one(h, "SELECT avg(length(body_text) + length(body_html) + length(subject)) FROM alert_message"
			  " WHERE kind = 'digest'");

	/* The floor: the same number of rows of that size, one transaction each. */
	exec(h, "CREATE TEMP TABLE floor(t TEXT)");
	t0 = now();
	for (long i = 0; i < n; i++) {
		snprintf(sql, sizeof(sql), "BEGIN; INSERT INTO floor VALUES (zeroblob(%lld)); COMMIT;", (long long)avg);
		if (exec(h, sql) < 0)
			return 1;
	}
	floor_secs = now() - t0;
	printf("compose: %lld digests (%lld bytes each on average) built and queued in %.0f ms (%.0f us each);"
	       " %ld rows of that size stored one transaction each: %.0f ms; ratio %.2f\n", (long long)composed,
	       (long long)avg, compose * 1e3, compose * 1e6 / (double)(n ? n : 1), n, floor_secs * 1e3,
	       compose / floor_secs);
	db_close(&pub);
	db_close(&db);
	sqlite3_close(h);
	return composed == SUBSCRIBERS ? 0 : 1;
}
