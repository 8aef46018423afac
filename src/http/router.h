/* router.h: the routing table and its matcher.
 *
 * A route's pattern is a path whose segments are literals or the
 * placeholders {id} (a positive decimal integer, stored in r->id[]) and
 * {name} (any non-empty segment, stored in r->name).  A placeholder may be
 * followed by a literal suffix in the same segment: "/meetings/{id}.ics".
 * A last segment {path} takes the rest of the path, one segment or more,
 * into r->name ("/log/tile/{path}").  A route also declares the query
 * parameters it accepts. */
#ifndef WITAN_ROUTER_H
#define WITAN_ROUTER_H

#include "http/req.h"

struct route {
	const char *pattern;
	unsigned methods;                /* enum http_method bits */
	int (*handler)(struct req *r);
	const struct param_spec *params; /* terminated by {NULL}; may be NULL */
	unsigned flags;                  /* ROUTE_* */
};

/* A site's routes as the server serves them (server_opts.routes). */
struct route_table {
	const struct route *routes;      /* ends with a route whose pattern is NULL */
	/* Render the error page for status into r->body: every 4xx/5xx whose
	 * handler wrote no body. */
	void (*error_page)(struct req *r, int status);
	/* Paths under these prefixes (e.g. "/oparl/"; the list ends with
	 * NULL) answer every request, errors included, with
	 * Access-Control-Allow-Origin: *.  NULL: none. */
	const char *const *cors_prefixes;
};

/* The response is a function of the database and the clock only: the
 * server may serve it again from its cache (see http/cache.h). */
#define ROUTE_CACHE 1
/* The handler is the back office's: it gets the connection that reads and
 * writes everything (and checks the session itself).  Every other handler
 * gets a public connection, which reads only the pub_* views
 * (db/boundary.h): a public page cannot show what is not public. */
#define ROUTE_BACKOFFICE 2
/* A public handler that keeps private state of its own (e-mail alerts'
 * subscriptions), or reads an internal table that gives it nothing but an
 * id to look up in the public views (the importer's map of ModernGov ids,
 * api/moderngov.c): r->db stays the public connection, for everything it
 * shows of the record, and r->db_private is the full one, for those
 * internal tables only (never cached). */
#define ROUTE_PRIVATE 4
/* The handler does slow work (argon2id password hashing): it runs on one
 * of the server's worker threads, so that no event loop ever waits for
 * it (http/server.c; req.h, struct req_detached). */
#define ROUTE_SLOW 8
/* The route's query parameter names are matched without regard to case,
 * as .NET matches them (the ModernGov web service and page addresses,
 * api/moderngov.c): ?lmeetingid= is ?lMeetingId=. */
#define ROUTE_NOCASE 16

enum route_result { ROUTE_OK = 0, ROUTE_NOT_FOUND = 404, ROUTE_BAD_METHOD = 405 };

/* Match a decoded path against the table (terminated by a route whose
 * pattern is NULL).  On a match, fills ids/nid/name (name points into
 * namebuf, which must hold strlen(path)+1 bytes).  Returns ROUTE_OK with
 * *out set, ROUTE_BAD_METHOD with *out set to the path's route (so the
 * caller can list its methods in Allow), or ROUTE_NOT_FOUND. */
enum route_result router_match(const struct route *table, const char *path,
			       enum http_method method, const struct route **out,
			       int64_t ids[REQ_MAX_IDS], int *nid, char *namebuf);

/* Percent-decode src[0..len) into dst (at least len+1 bytes); '+' becomes
 * a space when plus_is_space.  Returns the decoded length, or -1 on a bad
 * escape, a NUL (raw or encoded), or invalid UTF-8. */
long url_decode(char *dst, const char *src, size_t len, int plus_is_space);

/* Validate one parameter value against its spec; returns 0 or -1. */
int param_check(const struct param_spec *spec, const char *value, int64_t *num);

#endif
