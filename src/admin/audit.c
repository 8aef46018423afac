/* audit.c: /admin/audit: the audit log, for admins. */
#include "admin/admin.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

static int audit_open(struct req *r, struct cursor *c, const void *ctx)
{
	(void)ctx;
	return adm_audit(r->db, 500, c);
}

static int audit_row(struct req *r, struct cursor *c)
{
	struct audit_row a;

	if (!cursor_next_audit(c, &a))
		return 0;
	html_fmt(&r->body, "<tr><td>%s</td><td>%s</td><td>%s %s %l</td><td><code>%s</code></td><td><code>%s</code></td></tr>\n",
		 a.at, a.user_email ? a.user_email : "(command line)", a.action, a.entity, a.entity_id,
		 a.before_json, a.after_json);
	return 1;
}

int page_admin_audit(struct req *r)
{
	static const struct crumb crumbs[] = { { "Back office", "/admin" }, { "Audit log", NULL } };
	static const char *const cols[] = { "When (UTC)", "Who", "What", "Before", "After", NULL };
	static const struct list_page audit = {
		SEC_ADMIN, crumbs, 2, "Audit log",
		"<p>Every change to the record, newest first (the last 500). The log is append-only.</p>\n",
		{ "audit", "Audit log", cols,
		  "Audit log", 0, 0, 0 },
		NULL, audit_open, audit_row, NULL, NULL,
	};

	return admin_list_page(r, ROLE_ADMIN, &audit);
}
