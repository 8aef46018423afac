/* audit.c: /admin/audit: the audit log, for admins. */
#include "admin/admin.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

int page_admin_audit(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Audit log", NULL } };
	struct session_row s;
	struct buf *b = &r->body;
	struct cursor c;
	struct audit_row a;
	int rc = auth_page(r, &s, ROLE_ADMIN);

	if (rc)
		return rc;
	page_begin(r, SEC_ADMIN, "Audit log", crumbs, 2);
	buf_puts(b, "<h1>Audit log</h1>\n<p>Every change to the record, newest first (the last 500). "
		    "The log is append-only.</p>\n<div class=\"table-scroll\" role=\"region\" aria-label=\"Audit log\" tabindex=\"0\">\n<table class=\"audit\">\n<caption class=\"visually-hidden\">Audit log</caption>\n"
		    "<thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">What</th>"
		    "<th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead>\n<tbody>\n");
	if (adm_audit(r->db, 500, &c) < 0)
		return 500;
	while (cursor_next_audit(&c, &a))
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s %s %l</td><td><code>%s</code></td><td><code>%s</code></td></tr>\n",
			 a.at, a.user_email ? a.user_email : "(command line)", a.action, a.entity, a.entity_id,
			 a.before_json, a.after_json);
	if (c.err)
		return 500;
	buf_puts(b, "</tbody>\n</table>\n</div>\n");
	page_end(r);
	return 200;
}
