/* lists.h: a table of rows whose head is written with its first row, and
 * that says so in a paragraph when there are none; and a meeting's link
 * with its state.  The lists of the public site and of the back office
 * share them. */
#ifndef WITAN_UI_LISTS_H
#define WITAN_UI_LISTS_H

#include "http/req.h"
#include "ui/layout.h"
#include "util/buf.h"

struct cursor;
struct meeting_row;

/* A table of rows, described once; n and open are its state. */
struct list_table {
	const char *cls;               /* the <table>'s class, or NULL */
	const char *caption;           /* its caption (for screen readers only unless caption_shown) */
	const char *const *cols;       /* the column headings, NULL last */
	const char *region;            /* label of a scrolling region around it, or NULL */
	int caption_shown;
	int n;                         /* rows so far */
	int open;                      /* the table's start is written */
};

/* The table's start and head now, rows or not (a table always shown). */
void list_head(struct buf *b, struct list_table *t);
/* Before each row: the table's start and head before the first. */
void list_row(struct buf *b, struct list_table *t);
/* The table's end; or, if it was never started, <p>none</p> (none NULL:
 * nothing). */
void list_end(struct buf *b, const struct list_table *t, const char *none);

/* The Previous / Next links of page (from 1) of a list at path of total
 * rows, per_page a page (aria-label label; nothing if one page holds
 * all): qs(b, ctx, n) appends the query string of page n (raw: it is
 * escaped here; nothing for a page without one). */
struct list_pages {
	const char *path, *label;
	int64_t page, per_page, total;
	void (*qs)(struct buf *b, const void *ctx, int64_t page);
	const void *ctx;
};
void list_pager(struct buf *b, const struct list_pages *p);
/* A list_pages qs for lists with no other parameter: "page=N" (none for
 * the first). */
void list_qs_page(struct buf *b, const void *ctx, int64_t page);
/* A paged list's page number, from the route's "page" parameter p (1 when
 * absent): 0, with r->errmsg set for a 400, when it is not in
 * 1..LIST_MAX_PAGE. */
#define LIST_MAX_PAGE 100000
int64_t list_page_asked(struct req *r, const struct param_value *p);
/* 1, with r->errmsg "There is no such page of {what}." for a 404, when
 * page (after the first) starts past the end of total rows; else 0. */
int list_page_past_end(struct req *r, int64_t page, int64_t per_page, int64_t total, const char *what);

/* A page that is a list: breadcrumbs, the title as <h1>, an introduction,
 * then the table of a cursor's rows. */
struct list_page {
	enum section sec;
	const struct crumb *crumbs;
	int ncrumbs;
	const char *title;             /* the page's title and its <h1> */
	const char *intro;             /* trusted markup after the <h1>, or NULL */
	struct list_table table;
	const char *none;              /* the paragraph when there are no rows; NULL: the table, empty */
	/* Open the cursor of the rows: 0, or -1. */
	int (*open)(struct req *r, struct cursor *c, const void *ctx);
	/* Read the next row and write it (<tr>...</tr>): 1, or 0 at the end. */
	int (*row)(struct req *r, struct cursor *c);
	const void *ctx;               /* for open */
	const struct list_pages *pager;  /* links to the other pages, after the table; or NULL */
};

/* The rows of c as table t (its head written before the first, taken
 * back if there is none and none is set), then list_end: 0, or -1 if the
 * cursor failed. */
int list_rows(struct req *r, struct list_table *t, struct cursor *c,
	      int (*row)(struct req *r, struct cursor *c), const char *none);
/* The whole page: 200, or 500. */
int list_page(struct req *r, const struct list_page *p);

/* <a href="{base}{id}">{name}</a> and the meeting's state tag. */
void list_meeting_link(struct buf *b, const char *base, const struct meeting_row *m);

#endif
