/* alerts.c: /admin/alerts, e-mail alerts in the back office, for admins:
 * whether mail is sent at all, how many follow what (subscribers per
 * committee and the rest), the outbox with each message's state, a test
 * message, and an address's personal data: its copy (JSON) or its
 * erasure, on request.  Addresses are personal data, so the page is the
 * admins'. */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "app.h"
#include "auth/auth.h"
#include "db/alerts.h"
#include "db/auth.h"
#include "mail/alerts.h"
#include "ui/form.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/json.h"
#include "util/valid.h"
#include "util/banned.h"

static const char *kind_label(const char *kind)
{
	static const struct label map[] = {
		{ "committee", "Committee" }, { "person", "Person" }, { "issue", "Issue" },
		{ "decisions", "All decisions" }, { "plan", "Forward plan" }, { "search", "Search" }, { NULL, "?" },
	};
	return label_of(map, kind);
}

int page_admin_alerts(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "E-mail alerts", NULL } };
	struct buf *b = &r->body;
	struct session_row s;
	struct alert_counts n;
	struct alert_followed f;
	struct alert_msg m;
	struct cursor c;
	int rc = auth_page(r, &s, ROLE_ADMIN), k = 0;

	if (rc)
		return rc;
	if (alert_counts(r->db, &n) < 0)
		return 500;
	page_begin(r, SEC_ADMIN, "E-mail alerts", crumbs, 2);
	buf_puts(b, "<h1>E-mail alerts</h1>\n");
	if (!alerts_sending())
		buf_puts(b, "<div class=\"notice\" role=\"status\"><p><strong>No mail is sent.</strong> The server"
			 " was started without a mail server (<code>witan serve --smtp smtp://HOST --mail-from ADDRESS</code>):"
			 " messages wait in the outbox and go once it is given one.</p></div>\n");
	html_fmt(b, "<dl class=\"facts\">\n<dt>Subscribers</dt><dd>%l (%l suppressed: their mail server refused for good)</dd>\n"
		 "<dt>Subscriptions</dt><dd>%l confirmed, %l waiting for confirmation</dd>\n"
		 "<dt>Outbox</dt><dd>%l waiting, %l sent and %l given up in the last 30 days</dd>\n</dl>\n",
		 n.subscribers, n.suppressed, n.confirmed, n.waiting, n.queued, n.sent, n.failed);

	buf_puts(b, "<h2>What people follow</h2>\n");
	if (alert_followed_list(r->db, &c) < 0)
		return 500;
	while (cursor_next_alert_followed(&c, &f)) {
		if (k++ == 0)
			buf_puts(b, "<table>\n<caption class=\"visually-hidden\">Confirmed subscriptions by what they follow</caption>\n"
				 "<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">What</th>"
				 "<th scope=\"col\" class=\"num\">Subscribers</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td>%s</td><td>", kind_label(f.kind));
		if (strcmp(f.kind, "committee") == 0)
			html_fmt(b, "<a href=\"/committees/%l\">%s</a>", f.target_id, f.label);
		else if (strcmp(f.kind, "person") == 0)
			html_fmt(b, "<a href=\"/people/%l\">%s</a>", f.target_id, f.label);
		else if (strcmp(f.kind, "issue") == 0)
			html_fmt(b, "<a href=\"/issues/%l\">%s</a>", f.target_id, f.label);
		else
			html_fmt(b, "%s", f.label);
		html_fmt(b, "</td><td class=\"num\">%l</td></tr>\n", f.count);
	}
	if (c.err)
		return 500;
	buf_puts(b, k ? "</tbody>\n</table>\n" : "<p>Nobody follows anything yet.</p>\n");

	html_fmt(b, "<h2>Send a test message</h2>\n<form method=\"post\" action=\"/admin/alerts/test\">\n");
	field_csrf(r);
	field_id_prefix("test-");
	field_input(b, "email", "email", "To", s.email, "It goes through the outbox like any alert.", NULL, 1);
	buf_puts(b, "<button type=\"submit\" class=\"button button-secondary\">Send a test message</button>\n</form>\n");

	html_fmt(b, "<h2>An address's data</h2>\n<p>On request: a copy of everything kept about an e-mail address"
		 " (JSON), or its erasure (every subscription and message of it).</p>\n"
		 "<form method=\"post\" action=\"/admin/alerts/export\">\n");
	field_csrf(r);
	field_id_prefix("addr-");
	field_input(b, "email", "email", "E-mail address", NULL, NULL, NULL, 1);
	field_id_prefix(NULL);
	buf_puts(b, "<button type=\"submit\" class=\"button button-secondary\">Download its data</button>\n"
		 "<button type=\"submit\" formaction=\"/admin/alerts/erase\" class=\"button button-warning\">Erase it</button>\n</form>\n");

	buf_puts(b, "<h2>Outbox</h2>\n");
	k = 0;
	if (alert_msgs_recent(r->db, 200, &c) < 0)
		return 500;
	while (cursor_next_alert_msg(&c, &m)) {
		if (k++ == 0)
			buf_puts(b, "<table>\n<caption class=\"visually-hidden\">The last 200 messages, newest first</caption>\n"
				 "<thead><tr><th scope=\"col\">Made (UTC)</th><th scope=\"col\">To</th><th scope=\"col\">Kind</th>"
				 "<th scope=\"col\">Subject</th><th scope=\"col\">State</th><th scope=\"col\" class=\"num\">Tries</th>"
				 "<th scope=\"col\">Last error</th></tr></thead>\n<tbody>\n");
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s%s</td><td class=\"num\">%d</td><td>%s</td></tr>\n",
			 m.created, m.recipient ? m.recipient : "", m.kind, m.subject, m.state, m.sent ? " " : "",
			 m.sent ? m.sent : "", m.attempts, m.last_error ? m.last_error : "");
	}
	if (c.err)
		return 500;
	buf_puts(b, k ? "</tbody>\n</table>\n" : "<p>The outbox is empty.</p>\n");
	page_end(r);
	return 200;
}

static int test_step(struct req *r, struct apost *p, const void *ctx)
{
	const char *to = form_get(&p->f, "email");
	int64_t id;

	(void)ctx;
	if (!to || !email_ok(to))
		return admin_refuse(r, 400, "Enter the e-mail address to send the test message to.");
	id = alerts_test_message(r->db, to, r->app->base_url);
	if (id > 0 && db_audit(r->db, p->s.user_id, "test message", "alert_message", id, NULL, NULL) < 0)
		id = -1;
	return admin_saved(r, id, NULL, "/admin/alerts", 0, 0);
}

int post_admin_alerts_test(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, test_step, NULL);
}

/* The address's data as JSON: the subscriber, its subscriptions and the
 * messages kept. */
static int export_address(struct req *r, const struct alert_subscriber *a)
{
	struct buf *b = &r->body;
	struct json_obj top, o;
	struct alert_sub s;
	struct alert_msg m;
	struct cursor c;
	int first = 1;

	json_begin(&top, b);
	json_str(&top, "email", a->email);
	json_str_opt(&top, "suppressed", a->suppressed[0] ? a->suppressed : NULL);
	json_key(&top, "subscriptions");
	buf_putc(b, '[');
	if (alert_subs_of(r->db, a->id, &c) < 0)
		return 500;
	while (cursor_next_alert_sub(&c, &s)) {
		if (!first)
			buf_putc(b, ',');
		first = 0;
		json_begin(&o, b);
		json_str(&o, "follows", s.kind);
		json_str(&o, "what", s.label);
		json_str_opt(&o, "search", s.query);
		json_str(&o, "frequency", s.frequency);
		json_str(&o, "asked", s.created);
		json_str_opt(&o, "confirmed", s.confirmed);
		json_end(&o);
	}
	if (c.err)
		return 500;
	buf_puts(b, "]");
	json_key(&top, "messages");
	buf_putc(b, '[');
	first = 1;
	if (alert_msgs_of(r->db, a->id, &c) < 0)
		return 500;
	while (cursor_next_alert_msg(&c, &m)) {
		if (!first)
			buf_putc(b, ',');
		first = 0;
		json_begin(&o, b);
		json_str(&o, "subject", m.subject);
		json_str(&o, "made", m.created);
		json_str(&o, "state", m.state);
		json_str_opt(&o, "sent", m.sent);
		json_end(&o);
	}
	if (c.err)
		return 500;
	buf_puts(b, "]");
	json_end(&top);
	buf_putc(b, '\n');
	r->content_type = "application/json";
	r->cache_control = "no-store";
	req_add_header(r, "content-disposition", "attachment; filename=\"alerts-address.json\"");
	return 200;
}

/* The subscriber the form names: 1, or a status (404: nothing kept). */
static int address_of(struct req *r, struct apost *p, struct alert_subscriber *a)
{
	const char *email = form_get(&p->f, "email");
	int found;

	if (!email || !email_ok(email))
		return admin_refuse(r, 400, "Enter the e-mail address whose data you want.");
	if ((found = alert_subscriber_by_email(r->db, email, a)) < 0)
		return 500;
	if (found == 0)
		return admin_refuse(r, 404, "Nothing is kept about this address: it follows nothing.");
	return 1;
}

/* A copy of an address's data, on request; the access is audited (the
 * audit entry names the subscriber's number, not the address). */
static int export_step(struct req *r, struct apost *p, const void *ctx)
{
	struct alert_subscriber a;
	int st = address_of(r, p, &a);

	(void)ctx;
	if (st != 1)
		return st;
	if (db_audit(r->db, p->s.user_id, "export", "alert_subscriber", a.id, NULL, NULL) < 0)
		return 500;
	return export_address(r, &a);
}

int post_admin_alerts_export(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, export_step, NULL);
}

/* Erasure on request: every subscription and message of the address. */
static int erase_step(struct req *r, struct apost *p, const void *ctx)
{
	struct alert_subscriber a;
	int st = address_of(r, p, &a);

	(void)ctx;
	if (st != 1)
		return st;
	if (db_begin(r->db) < 0)
		return 500;
	if (alert_forget(r->db, a.id) < 0 || db_audit(r->db, p->s.user_id, "erase", "alert_subscriber", a.id, NULL, NULL) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return admin_saved(r, 0, NULL, "/admin/alerts", 0, 0);
}

int post_admin_alerts_erase(struct req *r)
{
	return admin_post_run(r, ROLE_ADMIN, erase_step, NULL);
}
