/* req.h: one HTTP request and its response, as handlers see them (the
 * functions are in req.c, over the server's own request).
 *
 * Handlers never see h2o.  A handler reads the validated route and query
 * parameters, writes the body into r->body (or points r->file at a stored
 * document), sets r->content_type, and returns the HTTP status.  A status
 * of 400 or more with an empty body gets the site's error page (see
 * server_opts.error_page); r->errmsg may carry a human-readable reason. */
#ifndef WITAN_REQ_H
#define WITAN_REQ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/buf.h"

struct db;
struct app;

enum http_method { HTTP_GET = 1, HTTP_HEAD = 2, HTTP_POST = 4 };

/* Query or form parameter types; values are validated before a handler
 * runs, and a bad value is a 400 that names the parameter. */
enum param_type {
	P_INT,   /* a decimal integer 0..2^53 */
	P_MONTH, /* YYYY-MM */
	P_DATE,  /* YYYY-MM-DD */
	P_TEXT,  /* valid UTF-8 without control characters, up to maxlen bytes */
};

struct param_spec {
	const char *name;
	enum param_type type;
	size_t maxlen; /* P_TEXT only; 0 means 256 */
};

struct param_value {
	int set;
	const char *text; /* decoded, NUL-terminated */
	int64_t num;      /* P_INT */
};

#define REQ_MAX_IDS 4
#define REQ_MAX_PARAMS 16

struct req {
	/* The request. */
	enum http_method method;
	const char *path;              /* decoded, NUL-terminated, without query */
	int64_t id[REQ_MAX_IDS];       /* the route's {id} values, in order */
	int nid;
	const char *name;              /* the route's {name} segment, decoded */
	struct param_value q[REQ_MAX_PARAMS]; /* in the route's params order */
	const char *client;            /* peer address, for logs and throttles */

	/* Context. */
	struct db *db;                 /* this thread's database handle */
	struct db *db_private;         /* ROUTE_PRIVATE routes: the full connection, for their own tables */
	const char *body_in;           /* the request body (POST), not NUL-terminated */
	size_t body_in_len;
	int64_t user_id;               /* signed-in user (auth_session), or 0 */
	const char *user_name, *user_role, *csrf;
	const struct app *app;         /* site configuration and store */

	/* The response. */
	const char *content_type;      /* default text/html; charset=utf-8 */
	struct buf body;
	const char *body_ref;          /* the server's own: a body owned elsewhere */
	size_t body_ref_len;           /* (a page cache entry), sent instead of body */
	const char *errmsg;            /* shown on error pages, escaped */
	struct {
		int fd;                /* >= 0: send this file instead of body */
		off_t size;
	} file;
	const char *etag;              /* quoted; enables If-None-Match and 304 */
	const char *cache_control;
	int nocache;                   /* 1: never keep this response in the page cache */

	void *impl;                    /* the server's own request (h2o_req_t) */
	struct req_detached *detached; /* instead, off its event loop (ROUTE_SLOW) */
};

/* A request whose handler runs on one of the server's worker threads
 * (ROUTE_SLOW, http/server.c), away from its event loop and from h2o:
 * its headers copied in; the headers it adds and the memory it asks for
 * kept here until the loop answers.  The functions below use it when
 * r->impl is NULL. */
struct req_hdr {
	char *name, *value;
};
struct req_detached {
	struct req_hdr *in, *out;
	size_t nin, nout, outcap;
	void **mem;
	size_t nmem, memcap;
};
/* Free everything of d (not d itself). */
void req_detached_release(struct req_detached *d);

/* A request header's value (NUL-terminated copy), or NULL. */
const char *req_header(struct req *r, const char *name);
/* Add a response header; both strings are copied. */
void req_add_header(struct req *r, const char *name, const char *value);
/* The status a lookup's result rc (1 found, 0 none, -1 failed) leads to:
 * 0 when found, 404 with missing as r->errmsg when there is none, 500
 * when the lookup failed. */
int req_not_found(struct req *r, int rc, const char *missing);
/* Memory that lives as long as the request. */
void *req_alloc(struct req *r, size_t n);
char *req_strdup(struct req *r, const char *s);

#endif
