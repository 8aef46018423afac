/* extract.h: the text of documents, for search.  A new document's text is
 * 'pending' (file.text_status); extraction reads its bytes from the store,
 * runs pdftotext in a child under limits (docs/pdftext.h) and records the
 * pages, or why there are none, in one short transaction, which also
 * re-indexes the meetings the document belongs to.  The queue is the
 * database itself, so it survives restarts: whatever is pending when the
 * server starts is done then.
 *
 * PDFs are read; other types are found by their title only (text_status
 * 'none', see docs/DECISIONS.md).  The server runs extraction on its own
 * thread, off the event loops; `witan init --demo` and `witan reindex` run
 * it in the foreground. */
#ifndef WITAN_EXTRACT_H
#define WITAN_EXTRACT_H

#include "docs/pdftext.h"

struct db;
struct store;

struct extract_counts {
	long done, limited, failed, none;
};

/* Extract the text of every pending file, oldest first.  progress (may be
 * NULL) is called after each file.  Stops early when *cancel becomes
 * non-zero (cancel may be NULL).  Returns 0, or -1 on a database error
 * (message in db->err). */
int extract_pending(struct db *db, const struct store *st, const struct pdftext_limits *lim,
		    struct extract_counts *counts, void (*progress)(void *ctx, long done, long total),
		    void *ctx);

/* Sweep the store of db (store_sweep(), with db's write lock and its file
 * rows); the extraction thread does it on start and every ten minutes.
 * 0 or -1. */
struct store_sweep_counts;
int extract_sweep_store(struct db *db, const struct store *st, struct store_sweep_counts *c);

/* The server's extraction thread: opens its own handle on db_path, does
 * what is pending, then waits for extract_wake() (or 10 s, for documents
 * other processes add).  Returns 0 or -1. */
int extract_thread_start(const char *db_path);
void extract_wake(void);
/* Stop it (the running pdftotext is killed) and wait for it. */
void extract_thread_stop(void);

#endif
