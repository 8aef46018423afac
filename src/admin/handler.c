/* handler.c: the steps every back-office handler takes (see admin.h): a
 * POST parsed and checked (session, role, CSRF token), run, and its form
 * released; a POST on one meeting; the answer after a write; a list page
 * for a role. */
#include <stdio.h>

#include "admin/admin.h"
#include "db/admin.h"
#include "util/banned.h"

int admin_post(struct req *r, struct form *f, struct session_row *s, enum role need)
{
	int rc;

	if ((rc = admin_form(r, f)) != 0)
		return rc;
	return auth_post(r, s, need, form_get(f, "csrf"));
}

int admin_post_run(struct req *r, enum role need, admin_post_fn act, const void *ctx)
{
	struct apost p = { .f = FORM_INIT };
	int rc = admin_post(r, &p.f, &p.s, need);

	if (rc == 0)
		rc = act(r, &p, ctx);
	form_release(&p.f);
	return rc;
}

/* What admin_meeting_post hands to admin_post_run. */
struct meeting_post {
	admin_meeting_fn act;
	const char *to;
};

static int meeting_step(struct req *r, struct apost *p, const void *ctx)
{
	const struct meeting_post *mp = ctx;
	struct meeting_row m;
	int rc = adm_meeting(r->db, r->id[0], &m);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if ((rc = mp->act(r, p, &m)) != 0)
		return rc;
	see_other(r, mp->to, m.id, r->id[1]);
	return 303;
}

int admin_meeting_post(struct req *r, admin_meeting_fn act, const char *to)
{
	struct meeting_post mp = { act, to };

	return admin_post_run(r, ROLE_CLERK, meeting_step, &mp);
}

int admin_saved(struct req *r, int64_t res, const char *errmsg, const char *to, int64_t a, int64_t b)
{
	if (res < 0) {
		if (errmsg)
			r->errmsg = errmsg;
		return 500;
	}
	see_other(r, to, a, b);
	return 303;
}

int admin_refuse(struct req *r, int status, const char *msg)
{
	r->errmsg = msg;
	return status;
}

int admin_list_page(struct req *r, enum role need, const struct list_page *p)
{
	struct session_row s;
	int rc = auth_page(r, &s, need);

	return rc ? rc : list_page(r, p);
}
