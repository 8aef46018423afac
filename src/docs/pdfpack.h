/* pdfpack.h: one PDF made of others (a meeting's reports pack), with
 * libqpdf: the pages of a front sheet and of each document in turn, a
 * bookmark (outline entry) per item and per document, page labels, "Page
 * n of N" stamped on every page, and the document's metadata.
 *
 * A document that cannot be included (malformed, encrypted, not a PDF)
 * does not stop the pack: its part says why, and the rest is merged.
 * "Malformed" is strict: a file qpdf can read only by repairing it (any
 * warning while opening it or copying its pages, e.g. a truncated file
 * whose cross-reference table it would rebuild) is left out, as is any
 * encrypted file (even one that opens without a password) and one of 0
 * pages.  A left-out part gets no bookmark.
 *
 * pdf_pack() keeps no state between calls and may run on any thread; it
 * is slow (about 0.7 ms a page, 160 ms for 40 documents of 1-10 pages:
 * bench/README.md): run it off the event loop.  libqpdf parses the
 * documents in this process; a caller that wants untrusted parsing out of
 * the server (as docs/pdftext) runs it in a child.
 *
 * Memory and files: every document stays open (one file descriptor, its
 * parsed objects) until the pack is written, because qpdf copies stream
 * data only then; documents' bytes are read from disk as needed, not held.
 * The pack is built in qpdf's memory and then copied into out, so the
 * peak is about twice the pack's size plus the documents' objects.
 * Stream data is copied as it is (not decoded), so a damaged image or
 * content stream that qpdf did not have to read shows as damaged in the
 * pack, not as an error here. */
#ifndef WITAN_PDFPACK_H
#define WITAN_PDFPACK_H

#include <stddef.h>

#include "util/buf.h"

/* One entry of the pack, in order: a bookmark, and the pages of a file. */
struct pack_part {
	const char *title;     /* its bookmark's title (UTF-8) */
	int level;             /* 0: a top-level bookmark (an agenda item); 1: under the last
				* level 0 (top-level if none came before) */
	const char *path;      /* the PDF to include, or NULL: a bookmark only, to the
				* next page included (the last page if none follows),
				* or to page front_page of the front sheet */
	int front_page;        /* for a bookmark only: its page in the front sheet (1-based), 0: next page */
	/* Set by pdf_pack: */
	int first_page;        /* its first page in the pack (1-based), 0 if none */
	int pages;             /* pages it added */
	const char *error;     /* NULL, or why the file was left out (a static string:
				* "the file is encrypted", "the file is not a readable PDF",
				* "the file has no pages") */
};

struct pack_spec {
	const void *front;     /* the front sheet, PDF bytes (pages 1..front_pages) */
	size_t front_len;
	const char *front_title;   /* its bookmark, e.g. "Front sheet and agenda" */
	struct pack_part *parts;
	size_t nparts;
	const char *title;     /* /Title, e.g. "Cabinet, 4 February 2019: reports pack" */
	const char *subject;   /* /Subject */
	const char *author;    /* /Author: the body's name */
	const char *lang;      /* the catalog's /Lang, e.g. "en-GB" */
	const char *created;   /* /CreationDate as ISO 8601 UTC "2019-02-04T10:00:00Z", or NULL: none
				* (a fixed value gives identical bytes for identical inputs) */
};

/* Merge spec into out (appended; on error out is left as it was).  The
 * bookmarks: the front sheet's (front_title, or "Front sheet"), then the
 * parts' in order, every entry open, each to its page fitted in the
 * window.  Page labels: the front sheet's pages
 * "i", "ii"…, then "1", "2"… through the documents; the stamp at the foot
 * of every page says "Page n of N" (n and N count every page of the pack).
 * 0, or -1 with err set (out of memory, a front sheet that is not a PDF,
 * a write failure); documents that cannot be included are not an error.
 * *pages receives the pack's page count. */
int pdf_pack(struct pack_spec *spec, struct buf *out, int *pages, char *err, size_t errlen);

/* The pages of a PDF file: 0 and *pages, or -1 and *why (a static string,
 * as pack_part.error), by the checks pdf_pack() makes when it opens a
 * document, so a front sheet can list what the pack will leave out.  (A
 * document can still fail later, while its pages are copied; rare.) */
int pdf_pack_probe(const char *path, int *pages, const char **why);

#endif
