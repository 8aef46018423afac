/* extract.c: documents' text for search (see extract.h). */
#include "docs/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/record.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/worker.h"
#include "util/banned.h"

/* The pages pdftotext gave, kept in one buffer until they are stored. */
struct pages {
	struct buf text;
	size_t *off;       /* start of page i in text; page i ends at off[i + 1] */
	int n, cap;
};

static int add_page(void *ctx, int page, const char *text, size_t len)
{
	struct pages *p = ctx;

	(void)page;
	if (p->n + 1 >= p->cap) {
		int cap = p->cap ? p->cap * 2 : 64;
		size_t *off = realloc(p->off, (size_t)cap * sizeof(*off));
		if (!off)
			return -1;
		p->off = off;
		p->cap = cap;
	}
	p->off[p->n++] = p->text.len;
	buf_append(&p->text, text, len);
	p->off[p->n] = p->text.len;
	return 0;
}

static int is_pdf(const char *mime)
{
	return strcmp(mime, "application/pdf") == 0;
}

/* One file: 1 stored, 0 left pending (cancelled), -1 database error. */
static int extract_one(struct db *db, const struct store *st, const struct pdftext_limits *lim,
		       const struct pending_file *f, struct extract_counts *counts)
{
	struct pages p = { BUF_INIT, NULL, 0, 0 };
	struct page_text *pt = NULL;
	char why[256], note[400];
	const char *status = "done", *msg = NULL;
	enum pdftext_status ps;
	int fd = -1, npages = 0, rc = -1;
	off_t size;

	if (!is_pdf(f->mime_type)) {
		status = "none";
		msg = "Text is not read from this type of document: it is found by its title.";
		counts->none++;
		goto store;
	}
	fd = store_open_read(st, f->sha256, &size);
	if (fd < 0) {
		status = "failed";
		msg = "The document's bytes are missing from the store.";
		counts->failed++;
		goto store;
	}
	ps = pdftext_extract(fd, lim, add_page, &p, &npages, why, sizeof(why));
	close(fd);
	switch (ps) {
	case PDFTEXT_OK:
		counts->done++;
		break;
	case PDFTEXT_LIMIT:
		if (p.n) {
			snprintf(note, sizeof(note), "Only the text of the first %d page%s is searchable: extraction %s.",
				 p.n, p.n == 1 ? "" : "s", why);
			counts->limited++;
		} else {
			status = "failed";
			snprintf(note, sizeof(note), "No text could be read: extraction %s.", why);
			counts->failed++;
		}
		msg = note;
		break;
	case PDFTEXT_ERROR:
		if (lim->cancel && *lim->cancel) {
			rc = 0;
			goto out;
		}
		/* fall through */
	case PDFTEXT_FAILED:
		status = "failed";
		snprintf(note, sizeof(note), "No text could be read: %s.", why);
		msg = note;
		counts->failed++;
		break;
	}
	if (p.n) {
		pt = calloc((size_t)p.n, sizeof(*pt));
		if (!pt) {
			snprintf(db->err, sizeof(db->err), "out of memory");
			goto out;
		}
		for (int i = 0; i < p.n; i++) {
			pt[i].text = p.text.data + p.off[i];
			pt[i].len = p.off[i + 1] - p.off[i];
		}
	}
store:
	if (db_file_text_store(db, f->id, pt, p.n, status, msg) < 0)
		goto out;
	rc = 1;
out:
	free(pt);
	free(p.off);
	buf_release(&p.text);
	return rc;
}

int extract_pending(struct db *db, const struct store *st, const struct pdftext_limits *lim,
		    struct extract_counts *counts, void (*progress)(void *ctx, long done, long total), void *ctx)
{
	static const struct pdftext_limits defaults;
	struct extract_counts dummy = { 0, 0, 0, 0 };
	struct pending_file f;
	int64_t after = 0;
	long done = 0, total = progress ? db_file_pending_count(db) : 0;
	int found;

	if (!lim)
		lim = &defaults;
	if (!counts)
		counts = &dummy;
	while ((found = db_file_next_pending(db, after, &f)) == 1) {
		int rc;

		after = f.id;
		db_release_all(db);
		rc = extract_one(db, st, lim, &f, counts);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return 0; /* cancelled */
		done++;
		if (progress)
			progress(ctx, done, total > done ? total : done);
	}
	return found < 0 ? -1 : 0;
}

/* The store's sweep (store.h), under the database's write lock. */
static int sweep_lock(void *ctx)
{
	return db_begin(ctx);
}

static int sweep_named(void *ctx, const char *sha)
{
	return db_file_sha_named(ctx, sha);
}

static void sweep_unlock(void *ctx)
{
	db_rollback(ctx);
}

int extract_sweep_store(struct db *db, const struct store *st, struct store_sweep_counts *c)
{
	struct store_sweep_ops ops = { db, sweep_lock, sweep_named, sweep_unlock };
	int rc = store_sweep(st, store_sweep_grace(), &ops, c);

	db_release_all(db);
	return rc;
}

/* The server's thread. */
static struct worker ex = WORKER_INIT;

#define SWEEP_EVERY 600 /* seconds between sweeps of the store */

static void *extract_main(void *arg)
{
	struct pdftext_limits lim = { .cancel = &ex.stop };
	struct db db;
	struct store st;
	int have_store = 0;
	time_t last_sweep = 0;

	(void)arg;
	if (db_open(&db, ex.db_path, 0) < 0) {
		fprintf(stderr, "witan: document text: %s\n", db.err);
		return NULL;
	}
	if (store_open(&st, ex.db_path) == 0)
		have_store = 1;
	while (have_store && !ex.stop) {
		struct extract_counts c = { 0, 0, 0, 0 };
		struct store_sweep_counts sc;

		/* First (what a crash left), then now and then (what a failed
		 * upload or harvest left). */
		if (time(NULL) - last_sweep >= SWEEP_EVERY) {
			last_sweep = time(NULL);
			if (extract_sweep_store(&db, &st, &sc) < 0)
				fprintf(stderr, "witan: document store: cannot read %s\n", st.dir);
			else if (sc.orphans + sc.temporary)
				fprintf(stderr, "witan: document store: removed %ld document(s) no record names, "
					"%ld leftover temporary file(s)\n", sc.orphans, sc.temporary);
		}

		if (extract_pending(&db, &st, &lim, &c, NULL, NULL) < 0)
			fprintf(stderr, "witan: document text: %s\n", db.err);
		db_release_all(&db);
		if (c.done + c.limited + c.failed + c.none)
			fprintf(stderr, "witan: document text: %ld read, %ld in part, %ld unreadable, %ld title only\n",
				c.done, c.limited, c.failed, c.none);
		/* A write made outside witan (the sqlite3 shell) queued what it
		 * touched: publish and index it. */
		if (db_settle(&db) < 0)
			fprintf(stderr, "witan: publishing queued changes: %s\n", db.err);
		db_release_all(&db);
		worker_wait(&ex, 2);
	}
	if (have_store)
		store_close(&st);
	db_close(&db);
	return NULL;
}

int extract_thread_start(const char *db_path)
{
	return worker_start(&ex, extract_main, db_path);
}

void extract_wake(void)
{
	worker_wake(&ex);
}

void extract_thread_stop(void)
{
	worker_stop(&ex);
}
