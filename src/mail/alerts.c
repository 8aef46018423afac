/* alerts.c: e-mail alerts: the confirmation message, composing what is
 * due, saved searches, and the sender's thread (see alerts.h). */
#include "mail/alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "db/search.h"
#include "http/router.h"
#include "mail/message.h"
#include "ui/html.h"
#include "util/date.h"
#include "util/valid.h"
#include "util/worker.h"
#include "util/banned.h"

/* What each kind of subscription sends, in a sentence's words. */
static const char *sends(const char *kind)
{
	static const struct { const char *kind, *what; } k[] = {
		{ "committee", "agendas and minutes when they are published, and meetings cancelled, postponed or moved" },
		{ "person", "their declarations of interest, recorded votes and new roles" },
		{ "issue", "the meetings that consider it, its decisions and its forward plan entries" },
		{ "decisions", "every decision record when it is published" },
		{ "plan", "every new entry on the forward plan of key decisions" },
		{ "search", "new results" },
	};
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (strcmp(k[i].kind, kind) == 0)
			return k[i].what;
	return "updates";
}

static const char *how_often(const char *frequency)
{
	return strcmp(frequency, "daily") == 0 ? "in a daily digest" :
	       strcmp(frequency, "weekly") == 0 ? "in a weekly digest (Mondays)" : "as it happens";
}

/* The site's host, for Message-IDs. */
static void host_of(const char *base_url, char *out, size_t n)
{
	const char *h = strstr(base_url, "://");
	size_t k;

	h = h ? h + 3 : base_url;
	k = strcspn(h, ":/");
	snprintf(out, n, "%.*s", (int)(k < 200 ? k : 200), h);
}

static void new_message_id(const char *base_url, const char *what, char out[128])
{
	char tok[44], host[256];

	auth_token(tok);
	host_of(base_url, host, sizeof(host));
	snprintf(out, 128, "%s.%.24s@%.80s", what, tok, host);
}

static void body_name(struct db *pub, char *out, size_t n)
{
	struct body_row b;

	if (pub_body(pub, &b) == 1 && b.name)
		snprintf(out, n, "%s", b.name);
	else
		snprintf(out, n, "Witan");
	db_release_all(pub);
}

/* "Tuesday 8 December 2026, 10.00 am" from "YYYY-MM-DD HH:MM" (or a date). */
static void put_when(struct buf *b, const char *when)
{
	if (strlen(when) < 10)
		return;
	date_put_long(b, when);
	if (strlen(when) >= 16) {
		buf_puts(b, ", ");
		date_put_time(b, when);
	}
}

/* Roll back, keeping the error that caused it. */
static void rollback(struct db *db)
{
	char err[sizeof(db->err)];

	memcpy(err, db->err, sizeof(err));
	db_rollback(db);
	memcpy(db->err, err, sizeof(err));
}

/* --- asking for a subscription -------------------------------------------------------- */

static void html_head(struct buf *h, const char *subject)
{
	html_fmt(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width\">\n<title>%s</title>\n</head>\n"
		 "<body style=\"font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #0b0c0c;"
		 " max-width: 40em; margin: 1em\">\n", subject);
}

static int confirmation(struct db *db, struct db *pub, const struct alert_subscriber *a, const char *token,
			const char *base_url)
{
	char name[256], subject[400], mid[128];
	struct buf text = BUF_INIT, html = BUF_INIT;
	struct cursor c;
	struct alert_sub s;
	int rc = -1;

	body_name(pub, name, sizeof(name));
	snprintf(subject, sizeof(subject), "Confirm your e-mail alerts from %s", name);
	buf_printf(&text, "Someone, probably you, asked for e-mail alerts from %s (%s) to this address:\n\n",
		   name, base_url);
	html_head(&html, subject);
	html_fmt(&html, "<p>Someone, probably you, asked for e-mail alerts from <a href=\"%s/\">%s</a>"
		 " to this address:</p>\n<ul>\n", base_url, name);
	if (alert_subs_of(db, a->id, &c) < 0)
		goto out;
	while (cursor_next_alert_sub(&c, &s)) {
		if (s.confirmed)
			continue;
		buf_printf(&text, "  - %s: %s, %s\n", s.label, sends(s.kind), how_often(s.frequency));
		html_fmt(&html, "<li><strong>%s</strong>: %s, %s</li>\n", s.label, sends(s.kind), how_often(s.frequency));
	}
	if (c.err)
		goto out;
	buf_printf(&text, "\nTo confirm, follow this link:\n%s/alerts/confirm/%s\n\n"
		   "If you did not ask for this, ignore this message: nothing more will be sent,"
		   " and the request is forgotten after %d days.\n", base_url, token, ALERT_CONFIRM_EXPIRY_DAYS);
	html_fmt(&html, "</ul>\n<p><a href=\"%s/alerts/confirm/%s\">Confirm these alerts</a></p>\n"
		 "<p>If you did not ask for this, ignore this message: nothing more will be sent,"
		 " and the request is forgotten after %d days.</p>\n</body>\n</html>\n", base_url, token,
		 ALERT_CONFIRM_EXPIRY_DAYS);
	if (text.err || html.err) {
		snprintf(db->err, sizeof(db->err), "alerts: out of memory");
		goto out;
	}
	new_message_id(base_url, "confirm", mid);
	rc = alert_msg_add(db, a->id, NULL, "confirm", subject, text.data, html.data, NULL, mid) < 0 ? -1 : 0;
out:
	buf_release(&text);
	buf_release(&html);
	return rc;
}

int alerts_request(struct db *db, struct db *pub, const struct alert_request *rq, const char *base_url,
		   enum alerts_outcome *outcome, enum alert_refusal *refusal)
{
	char manage[44], confirm[44];
	struct alert_subscriber a;
	struct alert_sub s;
	int64_t sub_id = 0;
	int r, already, due;

	auth_token(manage);
	auth_token(confirm);
	*refusal = ALERT_OK;
	if (db_begin(db) < 0)
		return -1;
	r = alert_subscribe(db, rq, manage, confirm, &sub_id, &a, &already);
	if (r < 0)
		goto fail;
	if (r != ALERT_OK) {
		*refusal = (enum alert_refusal)r;
		*outcome = ALERTS_REFUSED;
		return db_commit(db);
	}
	if (already == 1) {
		*outcome = ALERTS_ALREADY;
		return db_commit(db);
	}
	if ((due = alert_confirm_due(db, a.id)) < 0)
		goto fail;
	*outcome = due ? ALERTS_CONFIRM_SENT : ALERTS_CONFIRM_WAITING;
	if (due) {
		if (alert_sub_get(db, sub_id, &s) != 1)
			goto fail;
		snprintf(confirm, sizeof(confirm), "%s", s.confirm_token);
		if (confirmation(db, pub, &a, confirm, base_url) < 0)
			goto fail;
	}
	if (db_commit(db) < 0)
		return -1;
	alerts_wake();
	return 0;
fail:
	rollback(db);
	return -1;
}

int64_t alerts_test_message(struct db *db, const char *to, const char *base_url)
{
	char mid[128], text[1024];
	int64_t id;

	new_message_id(base_url, "test", mid);
	snprintf(text, sizeof(text), "This is a test message from the e-mail alerts of %s.\n\n"
		 "If it reached you, the server hands its messages to the mail server as it should.\n", base_url);
	if (db_begin(db) < 0)
		return -1;
	if ((id = alert_msg_add(db, 0, to, "test", "Test message from the e-mail alerts", text, NULL, NULL, mid)) < 0) {
		rollback(db);
		return -1;
	}
	if (db_commit(db) < 0)
		return -1;
	alerts_wake();
	return id;
}

/* --- composing what is due --------------------------------------------------------------- */

struct entry {
	int64_t sub, event;
	int shown;             /* still public: in the message */
	struct alert_desc d;
};

struct due {
	struct entry *e;
	size_t n, cap;
};

static int due_add(struct due *u, const struct alert_ev *ev, int shown, const struct alert_desc *d)
{
	if (u->n == u->cap) {
		struct entry *p = realloc(u->e, (u->cap = u->cap ? u->cap * 2 : 16) * sizeof(*p));
		if (!p)
			return -1;
		u->e = p;
	}
	u->e[u->n].sub = ev->queue_sub;
	u->e[u->n].event = ev->id;
	u->e[u->n].shown = shown;
	if (shown)
		u->e[u->n].d = *d;
	u->n++;
	return 0;
}

/* Descriptions of events already read in this round (many subscribers
 * share each event), direct-mapped by the event's id. */
#define DESC_CACHE 64
struct desc_cache {
	struct { int64_t id, person; int found; struct alert_desc d; } e[DESC_CACHE];
};

static int describe_cached(struct desc_cache *dc, struct db *pub, const struct alert_ev *ev, struct alert_desc *d)
{
	int slot = (int)(ev->id % DESC_CACHE), r;

	if (dc->e[slot].id == ev->id && dc->e[slot].person == ev->person_id) {
		*d = dc->e[slot].d;
		return dc->e[slot].found;
	}
	if ((r = alert_describe(pub, ev, d)) < 0)
		return r;
	dc->e[slot].id = ev->id;
	dc->e[slot].person = ev->person_id;
	dc->e[slot].found = r;
	dc->e[slot].d = *d;
	return r;
}

/* One subscriber's message from its due events (in order: subscription
 * by subscription, newest first), in one transaction: the message, its
 * unsubscribe token, the events taken off the queue. */
static int compose_one(struct db *db, struct db *pub, struct desc_cache *dc, int64_t subscriber_id,
		       const char *base_url, const char *name, long *queued)
{
	struct due u = { NULL, 0, 0 };
	struct alert_subscriber a;
	struct alert_ev ev;
	struct alert_sub s;
	struct cursor c;
	struct buf text = BUF_INIT, html = BUF_INIT, subject = BUF_INIT;
	char token[44], mid[128];
	int digest = 0, rc = -1, subs = 0;
	size_t shown = 0;
	int64_t headed = 0;

	if (db_begin(db) < 0)
		return -1;
	if (alert_due_events(db, subscriber_id, &c) < 0)
		goto out;
	while (cursor_next_alert_ev(&c, &ev)) {
		struct alert_desc d;
		int r = describe_cached(dc, pub, &ev, &d);
		if (r < 0) {
			c.err = 1;
			break;
		}
		if (due_add(&u, &ev, r == 1, &d) < 0) {
			c.err = 1;
			break;
		}
		shown += r == 1;
	}
	db_release_all(pub);
	if (c.err)
		goto out;
	/* Exactly what was read is done with, shown or not (no longer public). */
	for (size_t i = 0; i < u.n; i++)
		if (alert_queue_done(db, u.e[i].sub, u.e[i].event) < 0 ||
		    ((i == 0 || u.e[i].sub != u.e[i - 1].sub) && alert_digest_done(db, u.e[i].sub) < 0))
			goto out;
	if (shown) {
		if (alert_subscriber_get(db, subscriber_id, &a) != 1)
			goto out;
		auth_token(token);
		buf_printf(&text, "Updates from %s that you follow.\n", name);
		html_fmt(&html, "<p>Updates from <a href=\"%s/\">%s</a> that you follow.</p>\n", base_url, name);
		for (size_t i = 0; i < u.n; i++) {
			const struct alert_desc *d = &u.e[i].d;
			if (!u.e[i].shown)
				continue;
			if (u.e[i].sub != headed) {
				if (alert_sub_get(db, u.e[i].sub, &s) != 1 || alert_unsub_add(db, token, u.e[i].sub) < 0)
					goto out;
				if (strcmp(s.frequency, "immediate") != 0)
					digest = strcmp(s.frequency, "weekly") == 0 ? 2 : digest ? digest : 1;
				subs++;
				buf_printf(&text, "\n%s\n", s.label);
				for (size_t k = text_chars(s.label); k > 0; k--)
					buf_putc(&text, '=');
				buf_putc(&text, '\n');
				html_fmt(&html, "%s<h2 style=\"font-size: 1.2em; margin: 1.2em 0 0.4em\">%s</h2>\n<ul>\n",
					 headed ? "</ul>\n" : "", s.label);
				headed = u.e[i].sub;
			}
			buf_printf(&text, "\n* %s: %s\n", d->what, d->title);
			html_fmt(&html, "<li style=\"margin-bottom: 0.6em\">%s: <a href=\"%s%s\">%s</a>", d->what, base_url,
				 d->path, d->title);
			if (d->when[0] || d->extra[0]) {
				struct buf w = BUF_INIT;
				put_when(&w, d->when);
				if (d->extra[0])
					buf_printf(&w, "%s%s", w.len ? ". " : "", d->extra);
				buf_printf(&text, "  %s\n", w.data ? w.data : "");
				html_fmt(&html, "<br>%s", w.data ? w.data : "");
				buf_release(&w);
			}
			buf_printf(&text, "  %s%s\n", base_url, d->path);
			html_fmt(&html, "</li>\n");
		}
		html_fmt(&html, "</ul>\n");
		if (shown == 1 && !digest) {
			const struct entry *e = u.e;
			while (!e->shown)
				e++;
			buf_printf(&subject, "%s: %s", e->d.what, e->d.title);
			if (e->d.when[0]) {
				buf_puts(&subject, ", ");
				put_when(&subject, e->d.when);
			}
		} else {
			buf_printf(&subject, "%s%s: %zu update%s", digest == 2 ? "Your weekly alerts from " :
				   digest ? "Your daily alerts from " : "Alerts from ", name, shown, shown == 1 ? "" : "s");
		}
		/* The footer: manage, unsubscribe from what this message was about. */
		{
			buf_printf(&text, "\n-- \nYou get this because you asked for e-mail alerts from %s.\n"
				   "Manage your alerts: %s/alerts/manage/%s\n"
				   "Stop %s: %s/alerts/unsubscribe/%s\n", name, base_url, a.token,
				   subs == 1 ? "these alerts" : "the alerts in this message", base_url, token);
			html_fmt(&html, "<hr>\n<p style=\"font-size: 0.9em\">You get this because you asked for e-mail"
				 " alerts from %s. <a href=\"%s/alerts/manage/%s\">Manage your alerts</a> ·"
				 " <a href=\"%s/alerts/unsubscribe/%s\">Stop %s</a></p>\n</body>\n</html>\n", name,
				 base_url, a.token, base_url, token,
				 subs == 1 ? "these alerts" : "the alerts in this message");
		}
		{
			struct buf full = BUF_INIT;
			html_head(&full, subject.data);
			buf_append(&full, html.data, html.len);
			buf_release(&html);
			html = full;
		}
		if (text.err || html.err || subject.err) {
			snprintf(db->err, sizeof(db->err), "alerts: out of memory");
			goto out;
		}
		new_message_id(base_url, "alert", mid);
		if (alert_msg_add(db, subscriber_id, NULL, digest ? "digest" : "alert", subject.data, text.data, html.data,
				  token, mid) < 0)
			goto out;
		(*queued)++;
	}
	rc = db_commit(db);
	goto done;
out:
	rollback(db);
done:
	free(u.e);
	buf_release(&text);
	buf_release(&html);
	buf_release(&subject);
	return rc;
}

long alerts_compose(struct db *db, struct db *pub, const char *base_url)
{
	char name[256];
	int64_t ids[256], id;
	long queued = 0;
	struct desc_cache *dc = calloc(1, sizeof(*dc));

	if (!dc)
		return -1;
	body_name(pub, name, sizeof(name));
	for (;;) {
		struct cursor c;
		size_t n = 0;

		if (alert_due_subscribers(db, (int)(sizeof(ids) / sizeof(ids[0])), &c) < 0)
			break;
		while (n < sizeof(ids) / sizeof(ids[0]) && cursor_next_id(&c, &id))
			ids[n++] = id;
		db_release_all(db);
		if (c.err)
			break;
		if (n == 0) {
			free(dc);
			return queued;
		}
		for (size_t i = 0; i < n; i++)
			if (compose_one(db, pub, dc, ids[i], base_url, name, &queued) < 0)
				goto fail;
	}
fail:
	free(dc);
	return -1;
}

/* --- saved searches ----------------------------------------------------------------------- */

/* A saved search's query string (q=…&kind=…&committee=…&from=…&to=…)
 * read into p, with the FTS5 query in fts: 0, or -1 if it says nothing
 * to search for. */
static int search_of(const char *qs, struct search_params *p, struct buf *fts, char *fields, size_t fsize)
{
	char *q = NULL, *save = NULL;
	size_t n = strlen(qs);

	if (n >= fsize)
		return -1;
	memcpy(fields, qs, n + 1);
	memset(p, 0, sizeof(*p));
	for (char *f = strtok_r(fields, "&", &save); f; f = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(f, '=');
		long len;
		if (!eq)
			continue;
		*eq++ = 0;
		if ((len = url_decode(eq, eq, strlen(eq), 1)) < 0)
			return -1;
		eq[len] = 0;
		if (strcmp(f, "q") == 0)
			q = eq;
		else if (strcmp(f, "kind") == 0 && *eq)
			p->kind = eq;
		else if (strcmp(f, "committee") == 0)
			p->committee = strtoll(eq, NULL, 10);
		else if (strcmp(f, "from") == 0 && *eq)
			p->from = eq;
		else if (strcmp(f, "to") == 0 && *eq)
			p->to = eq;
	}
	if (!q || search_query(q, fts) == 0 || fts->err)
		return -1;
	p->fts = fts->data;
	p->sort = SEARCH_DATE;
	p->limit = SEARCH_MAX_LIMIT;
	return 0;
}

struct found {
	struct hit { char grp[16]; int64_t id, meeting, item; int told; } *h;
	size_t n, cap;
	int by_match;  /* key a result by its match (a document), not its group */
};

static int found_hit(void *ctx, const struct search_hit *h)
{
	struct found *f = ctx;
	struct hit *x;

	if (f->n == f->cap) {
		struct hit *p = realloc(f->h, (f->cap = f->cap ? f->cap * 2 : 64) * sizeof(*p));
		if (!p)
			return -1;
		f->h = p;
	}
	x = &f->h[f->n++];
	x->meeting = h->meeting_id;
	x->item = h->item_id;
	x->told = 0;
	if (f->by_match) {
		snprintf(x->grp, sizeof(x->grp), "document");
		x->id = h->ref_id;
	} else {
		snprintf(x->grp, sizeof(x->grp), "%s", h->group);
		x->id = strcmp(h->group, "item") == 0 ? h->item_id :
			strcmp(h->group, "meeting") == 0 ? h->meeting_id : h->ref_id;
	}
	return 0;
}

/* Run one saved search over the public record: its results (grouped as
 * /search groups them, newest first) and, unless it is limited to
 * another kind, its matching documents one by one, so that a new
 * document in an agenda item already found is news too. */
static int run_search(struct db *pub, const char *qs, struct found *groups, struct found *docs)
{
	struct search_params p;
	struct search_total t;
	struct buf fts = BUF_INIT;
	char fields[2048];
	int rc = 0;

	groups->n = docs->n = 0;
	docs->by_match = 1;
	if (search_of(qs, &p, &fts, fields, sizeof(fields)) < 0)
		goto out;
	if (pub_search(pub, &p, &t, found_hit, groups) < 0)
		rc = -1;
	else if (!p.kind || strcmp(p.kind, "document") == 0) {
		p.kind = "document";
		if (pub_search(pub, &p, &t, found_hit, docs) < 0)
			rc = -1;
	}
out:
	db_release_all(pub);
	buf_release(&fts);
	return rc;
}

long alerts_search(struct db *db, struct db *pub)
{
	struct found groups = { 0 }, docs = { 0 };
	struct { int64_t id; int ready; char *query; } *subs = NULL;
	size_t n = 0, cap = 0;
	struct alert_sub s;
	struct cursor c;
	long found = 0;
	int rc = 0;

	if (alert_search_subs(db, &c) < 0)
		return -1;
	while (cursor_next_alert_sub(&c, &s)) {
		if (n == cap) {
			void *p = realloc(subs, (cap = cap ? cap * 2 : 16) * sizeof(*subs));
			if (!p) {
				c.err = 1;
				break;
			}
			subs = p;
		}
		subs[n].id = s.id;
		subs[n].ready = s.search_ready;
		if (!(subs[n].query = strdup(s.query ? s.query : ""))) {
			c.err = 1;
			break;
		}
		n++;
	}
	db_release_all(db);
	if (c.err)
		rc = -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* Subscriptions to the same search share its run (in order). */
		if (i == 0 || strcmp(subs[i].query, subs[i - 1].query) != 0)
			if (run_search(pub, subs[i].query, &groups, &docs) < 0) {
				fprintf(stderr, "witan: alerts: search \"%s\": %s\n", subs[i].query, pub->err);
				groups.n = docs.n = 0;
			}
		if (db_begin(db) < 0) {
			rc = -1;
			break;
		}
		for (size_t k = 0; k < groups.n && rc == 0; k++) {
			int r = alert_search_seen(db, subs[i].id, groups.h[k].grp, groups.h[k].id, groups.h[k].meeting,
						  subs[i].ready);
			rc = r < 0 ? -1 : 0;
			groups.h[k].told = r > 0;
			found += r > 0;
		}
		for (size_t k = 0; k < docs.n && rc == 0; k++) {
			/* Its agenda item told in this very run (new to the
			 * search)? Then the document is only noted. */
			int fresh = subs[i].ready;
			for (size_t j = 0; j < groups.n && fresh; j++)
				if (docs.h[k].item && groups.h[j].told && strcmp(groups.h[j].grp, "item") == 0 &&
				    groups.h[j].id == docs.h[k].item)
					fresh = 0;
			int r = alert_search_seen(db, subs[i].id, "document", docs.h[k].id, docs.h[k].meeting, fresh);
			rc = r < 0 ? -1 : 0;
			found += r > 0;
		}
		if (rc == 0 && !subs[i].ready && alert_search_ready(db, subs[i].id) < 0)
			rc = -1;
		if (rc == 0)
			rc = db_commit(db);
		else
			rollback(db);
	}
	for (size_t i = 0; i < n; i++)
		free(subs[i].query);
	free(subs);
	free(groups.h);
	free(docs.h);
	return rc < 0 ? -1 : found;
}

/* --- the sender's thread ------------------------------------------------------------------- */

static struct worker aw = WORKER_INIT;
static struct smtp_config smtp;
static char *site;

int alerts_sending(void)
{
	return smtp.url != NULL;
}

void alerts_wake(void)
{
	worker_wake(&aw);
}

/* Seconds before trying a message again after n attempts: 1, 2, 4 …
 * minutes, at most 6 hours; given up after ALERT_ATTEMPTS. */
#define ALERT_ATTEMPTS 12
static int backoff(int attempts)
{
	int s = 60;

	for (int i = 1; i < attempts && s < 6 * 3600; i++)
		s *= 2;
	return s < 6 * 3600 ? s : 6 * 3600;
}

/* Send what is due; stops at the first temporary failure of the server
 * itself (it is likely down: the rest waits too). */
static time_t server_pause;   /* the mail server was unavailable: nothing is tried before */
static int server_failures;

static void send_due(struct db *db, struct db *pub)
{
	char name[256];

	if (time(NULL) < server_pause)
		return;
	body_name(pub, name, sizeof(name));
	while (!aw.stop) {
		struct alert_msg m;
		struct mail_message mm;
		struct buf out = BUF_INIT, unsub = BUF_INIT, manage = BUF_INIT;
		char to[256], err[512] = "";
		enum smtp_result res = SMTP_REFUSED;
		int code = 0, r;
		struct alert_subscriber a;

		if ((r = alert_msg_next(db, &m, to, sizeof(to))) <= 0) {
			db_release_all(db);
			return;
		}
		memset(&mm, 0, sizeof(mm));
		mm.from = smtp.from;
		mm.from_name = name;
		mm.to = to;
		mm.subject = m.subject;
		mm.message_id = m.message_id;
		mm.text = m.body_text ? m.body_text : "";
		mm.html = m.body_html;
		mm.date = time(NULL);
		if (m.unsub_token) {
			buf_printf(&unsub, "%s/alerts/unsubscribe/%s", site, m.unsub_token);
			mm.unsubscribe = unsub.data;
		}
		if (m.subscriber_id && alert_subscriber_get(db, m.subscriber_id, &a) == 1 && strcmp(m.kind, "confirm") != 0) {
			buf_printf(&manage, "%s/alerts/manage/%s", site, a.token);
			mm.manage = manage.data;
		}
		r = mail_message_build(&mm, &out);
		int64_t id = m.id;
		int attempts = m.attempts;
		db_release_all(db);
		if (r < 0) {
			alert_msg_failed(db, id, "the message could not be made (a bad address or header)", 0);
		} else if ((r = alert_msg_sending(db, id, attempts)) < 0) {
			/* (the outbox cannot be written: try again next round) */
			fprintf(stderr, "witan: alerts: %s\n", db->err);
			res = SMTP_UNAVAILABLE;
		} else if (r == 0) {
			/* (1: another server of the database sends it) */
			res = smtp_send(&smtp, to, out.data, out.len, &code, err, sizeof(err));
			if (res == SMTP_SENT)
				r = alert_msg_sent(db, id);
			else if ((res == SMTP_RETRY || res == SMTP_UNAVAILABLE) && attempts + 1 < ALERT_ATTEMPTS)
				r = alert_msg_retry(db, id, backoff(attempts + 1), err);
			else
				r = alert_msg_failed(db, id, err, res == SMTP_BOUNCED);
			if (r < 0)
				fprintf(stderr, "witan: alerts: %s\n", db->err);
			if (res != SMTP_SENT)
				fprintf(stderr, "witan: alerts: message %lld to the mail server: %s\n", (long long)id, err);
		}
		buf_release(&out);
		buf_release(&unsub);
		buf_release(&manage);
		/* The server itself is the trouble: the rest waits too, a
		 * minute, then longer, at most 6 hours. */
		if (res == SMTP_UNAVAILABLE) {
			server_pause = time(NULL) + backoff(++server_failures);
			return;
		}
		if (res == SMTP_SENT)
			server_failures = 0;
	}
}

static void *alerts_main(void *arg)
{
	struct db db, pub;
	char sig[64] = "", last_sig[64] = "";
	time_t last_tidy = 0;

	(void)arg;
	if (db_open(&db, aw.db_path, 0) < 0) {
		fprintf(stderr, "witan: alerts: %s\n", db.err);
		return NULL;
	}
	if (db_open(&pub, aw.db_path, DB_PUBLIC) < 0) {
		fprintf(stderr, "witan: alerts: %s\n", pub.err);
		db_close(&db);
		return NULL;
	}
	while (!aw.stop) {
		time_t now = time(NULL);

		if (now - last_tidy >= 300) {
			if (alert_tidy(&db) < 0)
				fprintf(stderr, "witan: alerts: %s\n", db.err);
			last_tidy = now;
		}
		/* Saved searches run when the record changed, or when a new
		 * one is confirmed (its results so far are noted, not sent). */
		if (alert_search_signature(&db, sig) == 0 && (strcmp(sig, last_sig) != 0 || alert_search_new(&db) > 0)) {
			if (alerts_search(&db, &pub) < 0)
				fprintf(stderr, "witan: alerts: saved searches: %s\n", db.err);
			else
				memcpy(last_sig, sig, sizeof(sig));
		}
		db_release_all(&pub);
		if (alerts_compose(&db, &pub, site) < 0)
			fprintf(stderr, "witan: alerts: %s\n", db.err);
		if (smtp.url)
			send_due(&db, &pub);
		db_release_all(&db);
		worker_wait(&aw, 2);
	}
	db_close(&pub);
	db_close(&db);
	return NULL;
}

int alerts_thread_start(const char *db_path, const char *base_url, const struct smtp_config *c)
{
	smtp = *c;
	free(site);
	if (!(site = strdup(base_url)))
		return -1;
	return worker_start(&aw, alerts_main, db_path);
}

void alerts_thread_stop(void)
{
	worker_stop(&aw);
	free(site);
	site = NULL;
}
