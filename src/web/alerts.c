/* alerts.c: the public pages of e-mail alerts (docs/DECISIONS.md,
 * "Alerts"): /alerts (what one can follow, and the form to follow one
 * thing), /alerts/confirm/{token} (the link of the confirmation message),
 * /alerts/manage/{token} (an address's subscriptions: frequency, stop,
 * forget the address), /alerts/unsubscribe/{token} (one-click, RFC 8058:
 * a GET shows a button and changes nothing, a POST unsubscribes), and
 * /privacy, the privacy notice.
 *
 * What is followed is checked and named from the public record (r->db,
 * the public connection); the subscriptions are the module's own tables,
 * reached through r->db_private (ROUTE_PRIVATE) and mail/alerts only.
 * Tokens are in the path: the pages are never cached and send no
 * Referer. */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db/public.h"
#include "db/search.h"
#include "http/form.h"
#include "mail/alerts.h"
#include "ui/form.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/valid.h"
#include "util/banned.h"

static const char *const freq_values[] = { "immediate", "daily", "weekly" };
static const char *const freq_labels[] = { "As it happens", "Daily digest (mornings)", "Weekly digest (Monday mornings)" };

static int date_ok(const char *s)
{
	struct civil c;

	return strlen(s) == 10 && civil_parse(s, &c) == 0;
}

static void private_page(struct req *r)
{
	r->nocache = 1;
	r->cache_control = "no-store";
	req_add_header(r, "referrer-policy", "no-referrer");
}

/* What a request asks to follow, checked against the public record. */
struct follow {
	const char *kind;          /* committee, person, issue, decisions, plan, search */
	int64_t id;
	struct buf label, query;   /* "Cabinet (committee)"; search: q=…&kind=… */
	const char *q, *skind, *from, *to;
	int64_t committee;
};

static const char *const search_kinds[] = { "item", "minutes", "document", "meeting", "committee", "person",
					    "decision", "plan" };

/* Read follow from the values (query or form); 0, or an HTTP status with
 * r->errmsg. */
static int follow_read(struct req *r, struct follow *f, const char *kind, const char *id, const char *q,
		       const char *skind, const char *committee, const char *from, const char *to)
{
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->id = id && *id ? strtoll(id, NULL, 10) : 0;
	if (!kind || !*kind) {
		r->errmsg = "Say what to follow: follow=committee, person, issue, decisions, plan or search.";
		return 400;
	}
	if (strcmp(kind, "committee") == 0 || strcmp(kind, "person") == 0 || strcmp(kind, "issue") == 0) {
		struct org_row o;
		struct person_row p;
		struct paper_row pa;
		int found;
		if (f->id <= 0) {
			r->errmsg = "Say which one to follow: id must be a positive number.";
			return 400;
		}
		if (kind[0] == 'c')
			found = pub_org(r->db, f->id, &o);
		else if (kind[0] == 'p')
			found = pub_person(r->db, f->id, &p);
		else
			found = pub_paper(r->db, f->id, &pa);
		if (found < 0)
			return 500;
		if (found == 0) {
			r->errmsg = kind[0] == 'c' ? "There is no such committee." :
				    kind[0] == 'p' ? "There is no such person." : "There is no such issue.";
			return 404;
		}
		buf_printf(&f->label, "%s", kind[0] == 'c' ? o.name : kind[0] == 'p' ? p.name : pa.title);
		buf_puts(&f->label, kind[0] == 'c' ? " (committee)" : kind[0] == 'p' ? " (person)" : " (issue)");
		return 0;
	}
	if (strcmp(kind, "decisions") == 0) {
		buf_puts(&f->label, "All decisions");
		return 0;
	}
	if (strcmp(kind, "plan") == 0) {
		buf_puts(&f->label, "The forward plan");
		return 0;
	}
	if (strcmp(kind, "search") == 0) {
		struct buf fts = BUF_INIT;
		int terms = q && *q ? search_query(q, &fts) : 0;
		buf_release(&fts);
		if (!terms) {
			r->errmsg = "A search to follow needs words to search for (q).";
			return 400;
		}
		if (strlen(q) > 500) {
			r->errmsg = "The search is too long (at most 500 characters).";
			return 400;
		}
		f->q = q;
		if (skind && *skind) {
			size_t i;
			for (i = 0; i < sizeof(search_kinds) / sizeof(search_kinds[0]); i++)
				if (strcmp(skind, search_kinds[i]) == 0)
					break;
			if (i == sizeof(search_kinds) / sizeof(search_kinds[0])) {
				r->errmsg = "Unknown kind: use item, minutes, document, meeting, committee, person, decision or plan.";
				return 400;
			}
			f->skind = search_kinds[i];
		}
		f->committee = committee && *committee ? strtoll(committee, NULL, 10) : 0;
		f->from = from && *from ? from : NULL;
		f->to = to && *to ? to : NULL;
		if ((f->from && !date_ok(f->from)) || (f->to && !date_ok(f->to))) {
			r->errmsg = "Dates are YYYY-MM-DD.";
			return 400;
		}
		buf_puts(&f->query, "q=");
		url_escape(&f->query, q);
		if (f->skind)
			buf_printf(&f->query, "&kind=%s", f->skind);
		if (f->committee > 0)
			buf_printf(&f->query, "&committee=%lld", (long long)f->committee);
		if (f->from)
			buf_printf(&f->query, "&from=%s", f->from);
		if (f->to)
			buf_printf(&f->query, "&to=%s", f->to);
		buf_printf(&f->label, "Search: \xE2\x80\x9C%s\xE2\x80\x9D", q);
		if (f->skind || f->committee > 0 || f->from || f->to)
			buf_puts(&f->label, " (with filters)");
		return 0;
	}
	r->errmsg = "Unknown follow: use committee, person, issue, decisions, plan or search.";
	return 400;
}

static void follow_release(struct follow *f)
{
	buf_release(&f->label);
	buf_release(&f->query);
}

static void hidden(struct buf *b, const char *name, const char *value)
{
	if (value && *value)
		html_fmt(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value);
}

static const char *sends_what(const char *kind)
{
	return strcmp(kind, "committee") == 0 ? "its agendas and minutes when they are published, and its meetings"
						 " when they are cancelled, postponed or moved" :
	       strcmp(kind, "person") == 0 ? "their declarations of interest, recorded votes and new roles" :
	       strcmp(kind, "issue") == 0 ? "the meetings that consider it, its decisions and forward plan entries" :
	       strcmp(kind, "decisions") == 0 ? "every decision record when it is published" :
	       strcmp(kind, "plan") == 0 ? "every new entry on the forward plan of key decisions" :
					   "new results: agenda items, minutes, documents and decisions that match";
}

/* The form to follow f (with what was typed and its errors). */
static void follow_form(struct req *r, const struct follow *f, const char *email, const char *freq,
			const struct form_errors *fe)
{
	struct buf *b = &r->body;
	static const struct crumb crumbs[] = { { "Home", "/" }, { "E-mail alerts", "/alerts" } };
	char id[32];

	page_begin(r, SEC_NONE, fe && fe->n ? "Error: Get e-mail alerts" : "Get e-mail alerts", crumbs, 2);
	ferr_summary(b, fe);
	html_fmt(b, "<h1>Get e-mail alerts</h1>\n<p class=\"lead\">Follow <strong>%s</strong>: we send you %s.</p>\n",
		 f->label.data, sends_what(f->kind));
	html_fmt(b, "<form method=\"post\" action=\"/alerts\" novalidate>\n");
	hidden(b, "follow", f->kind);
	if (f->id) {
		snprintf(id, sizeof(id), "%lld", (long long)f->id);
		hidden(b, "id", id);
	}
	hidden(b, "q", f->q);
	hidden(b, "kind", f->skind);
	if (f->committee > 0) {
		snprintf(id, sizeof(id), "%lld", (long long)f->committee);
		hidden(b, "committee", id);
	}
	hidden(b, "from", f->from);
	hidden(b, "to", f->to);
	field_input(b, "email", "email", "Your e-mail address", email,
		    "We send a message to confirm it first. Nothing else is sent until you follow its link.", fe, 1);
	field_select(b, "frequency", "How often", freq_values, freq_labels, 3, freq ? freq : "immediate",
		     "A digest gathers everything since the last one into one message.", fe);
	html_fmt(b, "<button type=\"submit\" class=\"button\">Get alerts</button>\n</form>\n"
		 "<p>Your address is used for these alerts only, and deleted when you unsubscribe: see the"
		 " <a href=\"/privacy\">privacy notice</a>. Every message has a link to stop it, and one to"
		 " manage all your alerts.</p>\n");
	page_end(r);
}

/* /alerts without a choice: what one can follow. */
static int alerts_overview(struct req *r)
{
	struct buf *b = &r->body;
	static const struct crumb crumbs[] = { { "Home", "/" } };

	page_begin(r, SEC_NONE, "E-mail alerts", crumbs, 1);
	html_fmt(b, "<h1>E-mail alerts</h1>\n<p class=\"lead\">Get an e-mail when something you follow is published."
		 " No account is needed: just your e-mail address, which you confirm once.</p>\n"
		 "<h2>What you can follow</h2>\n<ul>\n"
		 "<li>A <a href=\"/committees\">committee</a>: its agendas and minutes, and meetings cancelled,"
		 " postponed or moved. Use <strong>Get e-mail alerts</strong> on the committee's page.</li>\n"
		 "<li>A <a href=\"/people\">person</a>: their declarations of interest, recorded votes and new roles.</li>\n"
		 "<li>An issue: use <strong>Get e-mail alerts</strong> on the issue's page.</li>\n"
		 "<li><a href=\"/alerts?follow=decisions\">All decisions</a> as they are published.</li>\n"
		 "<li><a href=\"/alerts?follow=plan\">The forward plan</a>: new notices of key decisions.</li>\n"
		 "<li>A <a href=\"/search\">search</a>: new agenda items, minutes, documents and decisions that"
		 " match it. Search, then use <strong>Get e-mail alerts for this search</strong>.</li>\n</ul>\n"
		 "<h2>Managing your alerts</h2>\n<p>Every message has a link to manage your alerts (how often"
		 " they come, which to stop) and a link to stop the alerts in it at once. See the"
		 " <a href=\"/privacy\">privacy notice</a> for what is kept.</p>\n");
	page_end(r);
	return 200;
}

/* A page that says one thing. */
static int say(struct req *r, int status, const char *title, const char *fmt, const char *a, const char *b2)
{
	static const struct crumb crumbs[] = { { "Home", "/" }, { "E-mail alerts", "/alerts" } };

	page_begin(r, SEC_NONE, title, crumbs, 2);
	html_fmt(&r->body, "<h1>%s</h1>\n", title);
	html_fmt(&r->body, fmt, a, b2);
	page_end(r);
	return status;
}

int page_alerts(struct req *r)
{
	struct follow f;
	struct form form;
	struct form_errors fe = { 0 };
	struct alert_request rq;
	enum alerts_outcome outcome;
	enum alert_refusal refusal;
	const char *email, *freq;
	char err[128];
	int st;

	private_page(r);
	if (r->method != HTTP_POST) {
		if (!r->q[0].set || !*r->q[0].text)
			return alerts_overview(r);
		st = follow_read(r, &f, r->q[0].text, r->q[1].set ? r->q[1].text : NULL, r->q[2].set ? r->q[2].text : NULL,
				 r->q[3].set ? r->q[3].text : NULL, r->q[4].set ? r->q[4].text : NULL,
				 r->q[5].set ? r->q[5].text : NULL, r->q[6].set ? r->q[6].text : NULL);
		if (st == 0)
			follow_form(r, &f, NULL, NULL, NULL);
		follow_release(&f);
		return st ? st : 200;
	}
	if (form_parse(&form, req_header(r, "content-type"), r->body_in, r->body_in_len, err, sizeof(err)) < 0) {
		r->errmsg = "The form could not be read.";
		return 400;
	}
	st = follow_read(r, &f, form_get(&form, "follow"), form_get(&form, "id"), form_get(&form, "q"),
			 form_get(&form, "kind"), form_get(&form, "committee"), form_get(&form, "from"),
			 form_get(&form, "to"));
	if (st)
		goto out;
	email = form_get(&form, "email");
	freq = form_get(&form, "frequency");
	if (!email || !*email)
		ferr_add(&fe, "email", "Enter your e-mail address");
	else if (!email_ok(email))
		ferr_add(&fe, "email", "Enter an e-mail address like name@example.org");
	if (!freq || (strcmp(freq, "immediate") != 0 && strcmp(freq, "daily") != 0 && strcmp(freq, "weekly") != 0))
		ferr_add(&fe, "frequency", "Choose how often: as it happens, daily or weekly");
	if (fe.n) {
		follow_form(r, &f, email, freq, &fe);
		st = 400;
		goto out;
	}
	rq = (struct alert_request){ .email = email, .kind = f.kind, .query = f.query.data, .label = f.label.data,
				     .frequency = freq, .client = r->client ? r->client : "", .target_id = f.id };
	if (alerts_request(r->db_private, r->db, &rq, r->app->base_url, &outcome, &refusal) < 0) {
		fprintf(stderr, "witan: alerts: %s\n", r->db_private->err);
		st = 500;
		goto out;
	}
	switch (outcome) {
	case ALERTS_REFUSED:
		if (refusal == ALERT_BUSY_CLIENT || refusal == ALERT_BUSY_EMAIL) {
			req_add_header(r, "retry-after", "3600");
			st = say(r, 429, "Too many requests",
				 "<p>%s Please try again in an hour.</p>\n<p><a href=\"/alerts\">E-mail alerts</a>%s</p>\n",
				 refusal == ALERT_BUSY_CLIENT ? "There have been too many alert requests from your"
								" connection in the last hour."
							      : "There have been too many alert requests for this"
								" e-mail address in the last hour.", "");
		} else if (refusal == ALERT_TOO_MANY) {
			st = say(r, 403, "Too many alerts",
				 "<p>This address follows the most things one address may (%s). Stop some of them first,"
				 " from the link in any alert message.</p>%s\n", "50", "");
		} else {
			st = say(r, 403, "We cannot send to this address",
				 "<p>The mail server of this address refused our messages for good, so we send nothing"
				 " more to it.%s%s</p>\n", "", "");
		}
		break;
	default:
		/* The same answer whether or not the address follows this
		 * already: the page does not tell who follows what. */
		st = say(r, 200, "Check your e-mail",
			 "<p>If <strong>%s</strong> does not follow this yet, we have sent it a message with a link to"
			 " confirm. Nothing else is sent until the link is followed; without it, the request is"
			 " forgotten after 7 days.</p>\n<p>If a confirmation went to this address less than an hour ago,"
			 " its link confirms this too.</p>\n<p><a href=\"%s\">Back</a></p>\n", email,
			 strcmp(f.kind, "committee") == 0 ? "/committees" : "/alerts");
	}
out:
	follow_release(&f);
	form_release(&form);
	return st;
}

static int token_ok(const char *t)
{
	size_t n = t ? strlen(t) : 0;

	if (n < 20 || n > 60)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9') ||
		      t[i] == '-' || t[i] == '_'))
			return 0;
	return 1;
}

static int unknown_link(struct req *r, const char *what)
{
	r->errmsg = what;
	return 404;
}

/* The list of subscriptions (in a manage page: with their forms). */
static int subs_list(struct req *r, int64_t subscriber_id, const char *token, int forms)
{
	struct buf *b = &r->body;
	struct alert_sub s;
	struct cursor c;
	int n = 0;

	if (alert_subs_of(r->db_private, subscriber_id, &c) < 0)
		return -1;
	while (cursor_next_alert_sub(&c, &s)) {
		if (n++ == 0)
			buf_puts(b, "<ul class=\"alert-list\">\n");
		html_fmt(b, "<li><strong>%s</strong>: %s.%s", s.label, sends_what(s.kind),
			 s.confirmed ? "" : " <em>Waiting for confirmation.</em>");
		if (forms) {
			char id[32];
			snprintf(id, sizeof(id), "%lld", (long long)s.id);
			html_fmt(b, "\n<form method=\"post\" action=\"/alerts/manage/%s\" class=\"inline-form\">\n"
				 "<input type=\"hidden\" name=\"sub\" value=\"%s\">\n"
				 "<label for=\"freq-%s\">How often</label>\n<select id=\"freq-%s\" name=\"frequency\">\n",
				 token, id, id, id);
			for (int i = 0; i < 3; i++)
				html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", freq_values[i],
					 strcmp(s.frequency, freq_values[i]) == 0 ? " selected" : "", freq_labels[i]);
			html_fmt(b, "</select>\n<button type=\"submit\" name=\"action\" value=\"frequency\" class=\"button button-secondary\">"
				 "Save</button>\n<button type=\"submit\" name=\"action\" value=\"remove\" class=\"button button-warning\">"
				 "Stop this alert</button>\n</form>");
		} else {
			html_fmt(b, " (%s)", strcmp(s.frequency, "daily") == 0 ? "daily digest" :
					     strcmp(s.frequency, "weekly") == 0 ? "weekly digest" : "as it happens");
		}
		buf_puts(b, "</li>\n");
	}
	if (n)
		buf_puts(b, "</ul>\n");
	return c.err ? -1 : n;
}

int page_alerts_confirm(struct req *r)
{
	struct alert_subscriber a;
	int r1, n;

	private_page(r);
	if (!token_ok(r->name))
		return unknown_link(r, "This confirmation link is not known.");
	if (db_begin(r->db_private) < 0)
		return 500;
	if ((r1 = alert_subscriber_by_confirm(r->db_private, r->name, &a)) <= 0) {
		db_rollback(r->db_private);
		return r1 < 0 ? 500 : unknown_link(r, "This confirmation link is not known: it may have expired"
						       " (requests are forgotten after 7 days), or the alerts were stopped.");
	}
	if ((n = alert_confirm_all(r->db_private, a.id)) < 0 || db_commit(r->db_private) < 0) {
		db_rollback(r->db_private);
		return 500;
	}
	alerts_wake();
	page_begin(r, SEC_NONE, "Your alerts are confirmed", NULL, 0);
	html_fmt(&r->body, "<h1>Your alerts are confirmed</h1>\n<p class=\"lead\">%s gets these alerts:</p>\n", a.email);
	if (subs_list(r, a.id, a.token, 0) < 0)
		return 500;
	html_fmt(&r->body, "<p><a href=\"/alerts/manage/%s\">Manage your alerts</a> (the same link is in every"
		 " message).</p>\n", a.token);
	page_end(r);
	return 200;
}

int page_alerts_manage(struct req *r)
{
	struct buf *b = &r->body;
	struct alert_subscriber a;
	int found, n;
	const char *note = NULL;

	private_page(r);
	if (!token_ok(r->name))
		return unknown_link(r, "This link to manage alerts is not known.");
	if ((found = alert_subscriber_by_token(r->db_private, r->name, &a)) < 0)
		return 500;
	if (found == 0)
		return unknown_link(r, "This link to manage alerts is not known: the address may have been"
				       " unsubscribed from everything, which forgets it.");
	if (r->method == HTTP_POST) {
		struct form form;
		char err[128];
		const char *action, *sub, *freq;
		int64_t sub_id;
		int gone = 0, rc = 0;

		if (form_parse(&form, req_header(r, "content-type"), r->body_in, r->body_in_len, err, sizeof(err)) < 0) {
			r->errmsg = "The form could not be read.";
			return 400;
		}
		action = form_get(&form, "action");
		sub = form_get(&form, "sub");
		freq = form_get(&form, "frequency");
		sub_id = sub ? strtoll(sub, NULL, 10) : 0;
		if (!action || (strcmp(action, "forget") != 0 && sub_id <= 0) ||
		    (strcmp(action, "frequency") == 0 &&
		     (!freq || (strcmp(freq, "immediate") != 0 && strcmp(freq, "daily") != 0 && strcmp(freq, "weekly") != 0))) ||
		    (strcmp(action, "frequency") != 0 && strcmp(action, "remove") != 0 && strcmp(action, "forget") != 0)) {
			form_release(&form);
			r->errmsg = "The form is not one of this page's: action must be frequency (with sub and frequency),"
				    " remove (with sub) or forget.";
			return 400;
		}
		if (db_begin(r->db_private) < 0) {
			form_release(&form);
			return 500;
		}
		if (strcmp(action, "frequency") == 0) {
			rc = alert_set_frequency(r->db_private, a.id, sub_id, freq);
			note = "How often it comes is saved.";
		} else if (strcmp(action, "remove") == 0) {
			rc = gone = alert_remove(r->db_private, a.id, sub_id);
			note = "That alert is stopped.";
		} else {
			rc = alert_forget(r->db_private, a.id);
			gone = 1;
		}
		form_release(&form);
		if (rc < 0 || db_commit(r->db_private) < 0) {
			db_rollback(r->db_private);
			return 500;
		}
		if (gone)
			return say(r, 200, "You are unsubscribed",
				   "<p>You get no more alerts, and we have deleted your e-mail address.%s</p>\n"
				   "<p><a href=\"/alerts\">E-mail alerts</a>%s</p>\n", "", "");
	}
	page_begin(r, SEC_NONE, "Manage your alerts", NULL, 0);
	if (note)
		html_fmt(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n", note);
	html_fmt(b, "<h1>Manage your alerts</h1>\n<p class=\"lead\">Alerts for %s.</p>\n", a.email);
	if ((n = subs_list(r, a.id, a.token, 1)) < 0)
		return 500;
	if (n == 0)
		buf_puts(b, "<p>No alerts.</p>\n");
	html_fmt(b, "<h2>Stop everything</h2>\n<p>Stop every alert and delete your e-mail address from this site.</p>\n"
		 "<form method=\"post\" action=\"/alerts/manage/%s\">\n<input type=\"hidden\" name=\"action\" value=\"forget\">\n"
		 "<button type=\"submit\" class=\"button button-warning\">Unsubscribe from everything</button>\n</form>\n"
		 "<p>To follow something more, use <strong>Get e-mail alerts</strong> on its page"
		 " (<a href=\"/alerts\">what you can follow</a>).</p>\n", a.token);
	page_end(r);
	return 200;
}

int page_alerts_unsubscribe(struct req *r)
{
	struct cursor c;
	struct alert_sub s;
	int n = 0;

	private_page(r);
	if (!token_ok(r->name))
		return unknown_link(r, "This unsubscribe link is not known.");
	if (r->method == HTTP_POST) {
		/* One click (RFC 8058): whatever the body, no cookie, no token
		 * but the link's. */
		if (db_begin(r->db_private) < 0)
			return 500;
		if ((n = alert_unsub_apply(r->db_private, r->name)) < 0 || db_commit(r->db_private) < 0) {
			db_rollback(r->db_private);
			return 500;
		}
		if (n == 0)
			return unknown_link(r, "This unsubscribe link is not known: you may be unsubscribed already.");
		return say(r, 200, "You are unsubscribed",
			   "<p>You get no more of these alerts.%s</p>\n<p><a href=\"/alerts\">E-mail alerts</a>%s</p>\n",
			   " If they were your last, we have deleted your e-mail address too.", "");
	}
	if (alert_unsub_subs(r->db_private, r->name, &c) < 0)
		return 500;
	while (cursor_next_alert_sub(&c, &s)) {
		if (n++ == 0) {
			page_begin(r, SEC_NONE, "Unsubscribe", NULL, 0);
			html_fmt(&r->body, "<h1>Unsubscribe</h1>\n<p class=\"lead\">Stop these alerts:</p>\n<ul>\n");
		}
		html_fmt(&r->body, "<li><strong>%s</strong></li>\n", s.label);
	}
	if (c.err)
		return 500;
	if (n == 0)
		return unknown_link(r, "This unsubscribe link is not known: you may be unsubscribed already.");
	html_fmt(&r->body, "</ul>\n<form method=\"post\" action=\"/alerts/unsubscribe/%s\">\n"
		 "<button type=\"submit\" class=\"button button-warning\">Unsubscribe</button>\n</form>\n", r->name);
	page_end(r);
	return 200;
}

int page_privacy(struct req *r)
{
	struct buf *b = &r->body;
	struct body_row body;
	static const struct crumb crumbs[] = { { "Home", "/" } };
	int found;

	/* The page shell reads the body too: its strings are read after. */
	page_begin(r, SEC_NONE, "Privacy notice", crumbs, 1);
	if ((found = pub_body(r->db, &body)) < 0)
		return 500;
	html_fmt(b, "<h1>Privacy notice</h1>\n<p class=\"lead\">What this site keeps about you, and why.</p>\n"
		 "<h2>Who is responsible</h2>\n<p>%s publishes this record of its meetings and decisions and is the"
		 " controller of the personal data below.%s%s%s</p>\n", found ? body.name : "The council",
		 found && body.email ? " Contact: " : "", found && body.email ? body.email : "",
		 found && body.email ? "." : "");
	html_fmt(b, "<h2>The public record</h2>\n<p>Names, roles, attendance, votes, declarations and registers of"
		 " interests of members, and the names of officers in reports, are published because the law"
		 " requires councils to publish them (the Local Government Act 1972, the Localism Act 2011 and the"
		 " regulations under them). Members' e-mail addresses and telephone numbers given to the council"
		 " are not published here.</p>\n"
		 "<h2>E-mail alerts</h2>\n<p>If you ask for <a href=\"/alerts\">e-mail alerts</a>, we keep your"
		 " e-mail address and what you follow, only to send you those alerts. We use it for nothing else"
		 " and give it to no one. An address that is not confirmed within 7 days is deleted. When you"
		 " unsubscribe from your last alert, or from everything, your address is deleted at once. The"
		 " messages we sent are recorded without their text for 30 days, to show that they went. You can"
		 " ask the council for a copy of what is kept about your address, or for it to be erased.</p>\n"
		 "<h2>Staff accounts</h2>\n<p>Clerks and administrators sign in with an account; their sign-ins and"
		 " every change they make are recorded in an audit log.</p>\n"
		 "<h2>Cookies and logs</h2>\n<p>The public site sets no cookies. The back office sets one cookie,"
		 " for a signed-in session. The server's access log records the address of each request, kept for"
		 " the security of the service.</p>\n");
	page_end(r);
	return 200;
}
