/* oparl.c: the OParl 1.1 API (see oparl.h, db/oparl.h and docs/API.md,
 * "OParl").  URLs: /oparl/v1.1/system, /body, /body/{id}, the body's ten
 * lists /body/{id}/{type} and Witan's two (decision, plan_entry), /organization/{id}/meeting, every object at
 * /{type}/{id}, and /file/{id}/download. */
#include "api/oparl.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db/oparl.h"
#include "db/public.h"
#include "ui/document.h"
#include "ui/html.h"
#include "util/date.h"
#include "util/json.h"
#include "util/banned.h"

#define API_PREFIX "/oparl/v1.1"

const struct param_spec oparl_list_params[] = {
	{ "created_since", P_TEXT, 64 },
	{ "created_until", P_TEXT, 64 },
	{ "modified_since", P_TEXT, 64 },
	{ "modified_until", P_TEXT, 64 },
	{ "omit_internal", P_TEXT, 8 },
	{ "limit", P_INT, 0 },
	{ "after", P_INT, 0 },
	{ NULL, 0, 0 },
};
/* (r->q[] indexes; Q_CS..Q_MU are the four time bounds) */
enum { Q_CS, Q_CU, Q_MS, Q_MU, Q_OMIT, Q_LIMIT, Q_AFTER, Q_N };

static void roots(struct req *r, struct buf *api)
{
	buf_puts(api, r->app->base_url);
	buf_puts(api, API_PREFIX);
}

static int json_ok(struct req *r)
{
	r->content_type = "application/json; charset=utf-8";
	return 200;
}

/* The answer to a lookup that wrote its object into r->body: rc as
 * req_not_found() takes it. */
static int json_answer(struct req *r, int rc, const char *missing)
{
	int status = req_not_found(r, rc, missing);

	return status ? status : json_ok(r);
}

int oparl_error_page(struct req *r, int status)
{
	struct json_obj o;

	if (!r->path || strncmp(r->path, "/oparl", 6) != 0 || (r->path[6] && r->path[6] != '/'))
		return 0;
	buf_reset(&r->body);
	r->content_type = "application/json; charset=utf-8";
	json_begin(&o, &r->body);
	json_str(&o, "type", "https://schema.oparl.org/1.1/Error");
	json_str(&o, "message", r->errmsg ? r->errmsg : status == 404 ? "There is no object at this address." :
		 status >= 500 ? "The server could not complete this request." : "The request could not be completed.");
	json_str(&o, "debug", status == 404 ? "HTTP 404 Not Found" : status == 400 ? "HTTP 400 Bad Request" :
		 status == 405 ? "HTTP 405 Method Not Allowed" : status >= 500 ? "HTTP 5xx server error" : "HTTP error");
	json_end(&o);
	buf_putc(&r->body, '\n');
	return 1;
}

int page_oparl_root(struct req *r)
{
	struct buf loc = BUF_INIT;

	roots(r, &loc);
	buf_puts(&loc, "/system");
	req_add_header(r, "location", loc.data);
	buf_release(&loc);
	return 301;
}

int page_oparl_system(struct req *r)
{
	struct buf api = BUF_INIT;
	int rc;

	roots(r, &api);
	rc = oparl_system(r->db, api.data, r->app->base_url, &r->body);
	buf_release(&api);
	return json_answer(r, rc, "This system has no body yet.");
}

int page_oparl_object(struct req *r)
{
	struct buf api = BUF_INIT;
	int t = oparl_type_of(r->name), rc;

	if (t < 0) {
		r->errmsg = "There is no such object type in this API.";
		return 404;
	}
	roots(r, &api);
	rc = oparl_object(r->db, api.data, r->app->base_url, (enum oparl_type)t, r->id[0], &r->body);
	buf_release(&api);
	return json_answer(r, rc, "There is no object at this address.");
}

static int meeting_file(struct req *r, int protocol)
{
	struct buf api = BUF_INIT;
	int rc;

	roots(r, &api);
	rc = oparl_meeting_file(r->db, api.data, r->app->base_url, r->id[0], protocol, &r->body);
	buf_release(&api);
	return json_answer(r, rc, "There is no object at this address.");
}

int page_oparl_invitation(struct req *r)
{
	return meeting_file(r, 0);
}

int page_oparl_results_protocol(struct req *r)
{
	return meeting_file(r, 1);
}

/* Two digits at p, or -1. */
static int two(const char *p)
{
	return p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' ? (p[0] - '0') * 10 + (p[1] - '0') : -1;
}

/* A full RFC 3339 date-time (seconds, fraction and offset optional: a
 * time without an offset is UTC), or a date alone (midnight UTC); every
 * field in its range. */
static int valid_time(const char *s)
{
	const char *p = s + 10;
	int y, mo, d;

	for (int n = 0; n < 10; n++)
		if (n == 4 || n == 7 ? s[n] != '-' : (s[n] < '0' || s[n] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	mo = two(s + 5);
	d = two(s + 8);
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return 0;
	if (!*p)
		return 1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return 0;
	p++;
	if (two(p) < 0 || two(p) > 23 || p[2] != ':' || two(p + 3) < 0 || two(p + 3) > 59)
		return 0;
	p += 5;
	if (*p == ':') {
		if (two(p + 1) < 0 || two(p + 1) > 60)
			return 0;
		p += 3;
		if (*p == '.') {
			p++;
			if (*p < '0' || *p > '9')
				return 0;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (*p == 'Z' || *p == 'z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-') {
		p++;
		if (two(p) < 0 || two(p) > 23 || p[2] != ':' || two(p + 3) < 0 || two(p + 3) > 59)
			return 0;
		p += 5;
	}
	return *p == '\0';
}

/* The list's URL with its filters (raw, to go through the JSON writer),
 * starting after `after` (0: the first page). */
static void list_url(struct req *r, struct buf *b, const struct oparl_list *q, int64_t after)
{
	const char *vals[] = { q->created_since, q->created_until, q->modified_since, q->modified_until };
	char sep = '?';

	buf_puts(b, r->app->base_url);
	buf_puts(b, r->path);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		if (!vals[i])
			continue;
		buf_printf(b, "%c%s=", sep, oparl_list_params[Q_CS + i].name);
		url_escape(b, vals[i]);
		sep = '&';
	}
	if (q->omit_internal) {
		buf_printf(b, "%comit_internal=true", sep);
		sep = '&';
	}
	if (r->q[Q_LIMIT].set) {
		buf_printf(b, "%climit=%d", sep, q->limit);
		sep = '&';
	}
	if (after)
		buf_printf(b, "%cafter=%lld", sep, (long long)after);
}

static int list(struct req *r, enum oparl_type type, int64_t scope)
{
	struct oparl_list q = { .type = type, .scope = scope, .limit = OPARL_DEFAULT_LIMIT };
	const char **times[] = { &q.created_since, &q.created_until, &q.modified_since, &q.modified_until };
	struct buf api = BUF_INIT, url = BUF_INIT;
	int n, more, rc = 500;
	int64_t last, total;

	for (int i = Q_CS; i <= Q_MU; i++) {
		if (!r->q[i].set)
			continue;
		if (!valid_time(r->q[i].text)) {
			char *m = req_alloc(r, 160);
			snprintf(m, 160, "The parameter \"%s\" wants a date-time such as 2024-01-31T18:00:00+00:00.",
				 oparl_list_params[i].name);
			r->errmsg = m;
			return 400;
		}
		*times[i] = r->q[i].text;
	}
	if (r->q[Q_OMIT].set) {
		const char *v = r->q[Q_OMIT].text;
		if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			q.omit_internal = 1;
		else if (strcmp(v, "false") != 0 && strcmp(v, "0") != 0) {
			r->errmsg = "The parameter \"omit_internal\" is true or false.";
			return 400;
		}
	}
	if (r->q[Q_LIMIT].set) {
		if (r->q[Q_LIMIT].num < 1) {
			r->errmsg = "The parameter \"limit\" is a number from 1.";
			return 400;
		}
		q.limit = r->q[Q_LIMIT].num > OPARL_MAX_LIMIT ? OPARL_MAX_LIMIT : (int)r->q[Q_LIMIT].num;
	}
	q.after = r->q[Q_AFTER].set ? r->q[Q_AFTER].num : 0;
	roots(r, &api);
	buf_puts(&r->body, "{\"data\":[");
	if (oparl_list_page(r->db, api.data, r->app->base_url, &q, &r->body, &n, &last, &more, &total) < 0) {
		buf_reset(&r->body); /* the error object instead of half a page */
		goto out;
	}
	buf_puts(&r->body, "],\"pagination\":{");
	if (total >= 0) /* (first pages only) */
		buf_printf(&r->body, "\"totalElements\":%lld", (long long)total);
	if (n == q.limit || !more) /* (not on a page cut short by its size) */
		buf_printf(&r->body, "%s\"elementsPerPage\":%d", total >= 0 ? "," : "", q.limit);
	buf_puts(&r->body, "},\"links\":{");
	list_url(r, &url, &q, 0);
	buf_puts(&r->body, "\"first\":");
	json_string(&r->body, url.data);
	buf_reset(&url);
	list_url(r, &url, &q, q.after);
	buf_puts(&r->body, ",\"self\":");
	json_string(&r->body, url.data);
	if (more) {
		buf_reset(&url);
		list_url(r, &url, &q, last);
		buf_puts(&r->body, ",\"next\":");
		json_string(&r->body, url.data);
	}
	buf_puts(&r->body, "}}\n");
	rc = json_ok(r);
out:
	buf_release(&api);
	buf_release(&url);
	return rc;
}

int page_oparl_bodies(struct req *r)
{
	return list(r, OPARL_BODY, 0);
}

int page_oparl_body_list(struct req *r)
{
	static const enum oparl_type lists[] = {
		OPARL_ORGANIZATION, OPARL_PERSON, OPARL_MEETING, OPARL_PAPER, OPARL_AGENDA_ITEM,
		OPARL_CONSULTATION, OPARL_FILE, OPARL_LOCATION, OPARL_LEGISLATIVE_TERM, OPARL_MEMBERSHIP,
		OPARL_DECISION, OPARL_PLAN_ENTRY,
	};
	int rc = oparl_body_exists(r->db, r->id[0]);

	if ((rc = req_not_found(r, rc, "There is no body with this id.")))
		return rc;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(r->name, oparl_path(lists[i])) == 0)
			return list(r, lists[i], lists[i] == OPARL_MEETING ? 0 : r->id[0]);
	r->errmsg = "A body has no list by this name.";
	return 404;
}

int page_oparl_org_meetings(struct req *r)
{
	int rc = oparl_organization_exists(r->db, r->id[0]);

	if ((rc = req_not_found(r, rc, "There is no organization with this id.")))
		return rc;
	return list(r, OPARL_MEETING, r->id[0]);
}

int page_oparl_download(struct req *r)
{
	struct file_row f;
	int status = req_not_found(r, pub_file(r->db, r->id[0], &f), "There is no public file at this address.");

	return status ? status : document_send(r, &f, NULL);
}
