/* oparl.h: the OParl 1.1 objects of the public record, as JSON (see
 * docs/API.md, "OParl").
 *
 * Every object is built by SQLite's JSON functions from the pub_* views
 * only (so nothing confidential can reach it), with null members left out.
 * URLs are absolute: api is the API's root ("https://host/oparl/v1.1"),
 * web the site's ("https://host").  An object that exists in its table but
 * not (or no longer) in the public views is a deleted stub: id, type,
 * created, modified and "deleted": true, as OParl 1.1 asks for deleted and
 * unpublished objects. */
#ifndef WITAN_DB_OPARL_H
#define WITAN_DB_OPARL_H

#include <stdint.h>

#include "db/db.h"
#include "util/buf.h"

enum oparl_type {
	OPARL_BODY,
	OPARL_LEGISLATIVE_TERM,
	OPARL_ORGANIZATION,
	OPARL_PERSON,
	OPARL_MEMBERSHIP,
	OPARL_MEETING,
	OPARL_AGENDA_ITEM,
	OPARL_PAPER,
	OPARL_CONSULTATION,
	OPARL_FILE,
	OPARL_LOCATION,
	OPARL_DECISION,          /* Witan's own types (docs/API.md): a decision record, */
	OPARL_PLAN_ENTRY,        /* an entry of the forward plan */
	OPARL_NTYPES
};

/* The type's path segment in URLs ("agendaitem"). */
const char *oparl_path(enum oparl_type t);
/* The type whose path segment is s, or -1. */
int oparl_type_of(const char *s);

/* The System object (the body's name and contacts), appended to out.
 * 1, 0 if there is no body yet, -1 on error. */
int oparl_system(struct db *db, const char *api, const char *web, struct buf *out);

/* One object, appended to out: 1 the public object, 2 a deleted stub, 0 no
 * such object, -1 on error. */
int oparl_object(struct db *db, const char *api, const char *web, enum oparl_type t, int64_t id,
		 struct buf *out);

/* A meeting's File of its own, appended to out: its invitation (the reports
 * pack; protocol 0) or its printed minutes (protocol 1).  1, 0 if the
 * meeting has none (not public, agenda or minutes not published), -1. */
int oparl_meeting_file(struct db *db, const char *api, const char *web, int64_t meeting_id, int protocol,
		       struct buf *out);

/* One page of a list.  Times are RFC 3339 date-times as the client gave
 * them (NULL: no bound), compared with the objects' created and modified
 * (modified counts the objects embedded in it: a meeting is modified when
 * one of its agenda items is).  With modified_since, deleted stubs are
 * listed too.  scope (0: all): the body for the lists of types that have
 * one, the organization for OPARL_MEETING. */
struct oparl_list {
	enum oparl_type type;
	int64_t scope;
	const char *created_since, *created_until, *modified_since, *modified_until;
	int64_t after;           /* the page starts after this id */
	int limit;               /* 1..OPARL_MAX_LIMIT */
	int omit_internal;       /* leave embedded objects out */
};
#define OPARL_DEFAULT_LIMIT 100
#define OPARL_MAX_LIMIT 1000
/* A page ends early once it holds this much JSON (a thousand meetings
 * with long agendas would pass the server's response cap): it then has
 * fewer than `limit` objects and a next link. */
#define OPARL_PAGE_BYTES (8u << 20)

/* Appends the page's objects to out as JSON separated by commas (no
 * brackets); *n gets how many, *last the id of the last, *more whether
 * another page follows, and on the first page (after 0) *total how many
 * the whole list holds (-1 on later pages; total may be NULL).  0 or -1. */
int oparl_list_page(struct db *db, const char *api, const char *web, const struct oparl_list *q,
		    struct buf *out, int *n, int64_t *last, int *more, int64_t *total);

/* Whether a body with this id is public: 1, 0, or -1 on error. */
int oparl_body_exists(struct db *db, int64_t id);
/* Whether a public organization with this id exists: 1, 0, or -1. */
int oparl_organization_exists(struct db *db, int64_t id);

#endif
