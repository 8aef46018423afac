/* pack.h: a meeting's reports pack (/meetings/{id}/pack.pdf): a front
 * sheet typeset with docs/pdfgen (body, committee, date and time, venue,
 * membership on the day, contact, the agenda with the page each item
 * starts on, the documents left out and why) followed by every public
 * paper of the agenda's items in agenda order, merged by docs/pdfpack.
 *
 * What goes in is read over the pub_* views only (pack_read) and hashed
 * with a format version: a pack is the file "<store>/packs/<hash>.pdf",
 * so any change to its inputs makes a new one.  Packs are built off the
 * request loop on one background thread (pack_thread_start), at most one
 * at a time, never twice for one hash; each is written to a temporary
 * name and renamed, with a manifest beside it ("<hash>.txt": the meeting,
 * its pages and the files it includes) and a pointer to the meeting's
 * latest ("meeting-<id>"); the previous version is removed once the new
 * one is in place. */
#ifndef WITAN_PACK_H
#define WITAN_PACK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/pool.h"

struct db;
struct store;

/* Bumped whenever the pack's layout changes, so every pack is rebuilt. */
#define PACK_FORMAT 2

enum pack_doc_state {
	PACK_DOC_IN,        /* merged */
	PACK_DOC_SEPARATE,  /* not a PDF (and not converted): "not included, download separately" */
	PACK_DOC_BROKEN,    /* a PDF that cannot be read: "could not be included" */
};

struct pack_doc {
	int64_t id, item_id;             /* item_id 0: a paper of the meeting itself */
	const char *title, *filename, *mime_type, *sha256, *role;
	int64_t size;
	int page_count;
	/* Set while building: */
	enum pack_doc_state state;
	const char *path;                /* the PDF merged */
	const char *why;                 /* why it is left out */
	int pages, first_page;
};

struct pack_item {
	const char *number, *title;
	int exempt, exempt_paragraph;
	size_t doc0, ndocs;              /* its documents: docs[doc0 .. doc0+ndocs) */
};

struct pack_input {
	struct pool pool;
	int64_t meeting_id;
	const char *body, *body_email, *body_phone, *body_address, *body_website;
	const char *committee, *start_at, *end_at, *venue, *published_at;
	const char **members;
	size_t nmembers;
	struct pack_item *items;
	size_t nitems;
	struct pack_doc *docs;           /* the items' documents, then the meeting's own supplements */
	size_t ndocs, nother;            /* the last nother docs are the meeting's own */
	const char *base_url;
	char hash[65];                   /* SHA-256 of all of the above and PACK_FORMAT */
	const char *filename;            /* "cabinet-2019-02-04-reports-pack.pdf" */
};

/* Read meeting_id's pack inputs over the public views and hash them: 1,
 * 0 when the meeting is not public or its agenda not published, -1 on
 * error.  Release with pack_input_release() whatever it returns. */
int pack_read(struct db *db, int64_t meeting_id, const char *base_url, struct pack_input *in);
void pack_input_release(struct pack_input *in);

/* A built pack found for a request. */
struct pack_found {
	char hash[65];
	int stale;       /* 1: an older version of the meeting's pack (a new one is being made) */
	int pages;
	off_t size;
	int fd;          /* open on the PDF when asked for, else -1 */
};

/* The pack of in, or failing that the meeting's previous pack if every
 * document it includes is still among in's (same id and bytes): 1 with
 * *f (f->fd open when want_fd), or 0 when there is none to serve. */
int pack_find(const struct store *st, const struct pack_input *in, int want_fd, struct pack_found *f);

/* Build in's pack now on this thread (the command line; the pack thread):
 * 0 (or 0 at once if it exists), -1 with err.  *pages gets its pages. */
int pack_build(const struct store *st, struct pack_input *in, int *pages, char *err, size_t errlen);

/* The server's pack thread: builds the packs asked for, one at a time. */
int pack_thread_start(const char *db_path, const char *store_dir, const char *base_url);
void pack_thread_stop(void);
/* Ask the thread for a meeting's current pack (cheap; no-op when it is
 * not running or the meeting is already waiting). */
void pack_request(int64_t meeting_id);
/* Whether the thread runs (a server): when not, nothing will build. */
int pack_thread_running(void);

#endif
