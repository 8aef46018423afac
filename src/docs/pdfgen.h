/* pdfgen.h: text-bearing PDF documents (reports, front sheets, minutes)
 * rendered in memory with cairo and pango.
 *
 * A document is a title block on page 1 (title, optional subtitle, a rule)
 * followed by a flat list of blocks.  Pages are A4 with a running header (optional) and
 * a "Page N of M" footer.  Text is UTF-8 and plain: no markup is
 * interpreted, so '&', '<' and the like are printed as they are; invalid
 * UTF-8 is shown as U+FFFD.  Headings become PDF outline (bookmark)
 * entries.
 *
 *   static const struct pdf_block body[] = {
 *       { PDF_HEADING, "1. Purpose" },
 *       { PDF_PARA, "To consider the proposed precept of £26.9m…" },
 *   };
 *   struct pdf_doc doc = { .title = "Budget 2019/20", .blocks = body,
 *                          .nblocks = 2 };
 *   struct buf b = BUF_INIT;
 *   int pages;
 *   if (pdf_render(&doc, &b, &pages) < 0) ...;
 *
 * pdf_render() keeps no state between calls: each call makes its own pango
 * font map and waits for it to be freed before returning, so calls from
 * different threads share only fontconfig's and cairo's internal caches,
 * which are thread-safe.  A call costs a few milliseconds of font set-up
 * plus roughly 5 ms a page of shaping and PDF writing; run it off the event
 * loop.
 */
#ifndef WITAN_PDFGEN_H
#define WITAN_PDFGEN_H

#include <stddef.h>

#include "util/buf.h"

enum pdf_block_kind {
	PDF_HEADING,   /* bold, kept with the start of the next block */
	PDF_PARA,      /* body paragraph; may split across pages */
	PDF_BULLET,    /* one bulleted list item */
	PDF_PAGEBREAK, /* start a new page (ignored at the top of a page or at the end) */
};

struct pdf_block {
	enum pdf_block_kind kind;
	const char *text; /* UTF-8; NULL is the empty string; unused for breaks */
};

struct pdf_doc {
	const char *title;    /* big title on page 1 and the PDF Title; may be NULL */
	const char *subtitle; /* under the title on page 1; may be NULL */
	const char *header;   /* running header on every page; may be NULL */
	const struct pdf_block *blocks;
	size_t nblocks;
	const char *created;  /* PDF CreationDate, ISO 8601 "2019-02-04T10:00:00Z"
			       * (cairo's format; a "+hh:mm" zone is allowed);
			       * NULL means now, and a value cairo cannot parse
			       * leaves the date out.  A fixed date gives
			       * identical bytes for identical documents. */
};

/* Render doc as PDF bytes appended to out.  Returns 0, or -1 on error (bad
 * arguments, cairo failure, or out's cap/memory error), in which case out
 * is truncated back to its length on entry.  If pages is not NULL it
 * receives the page count (0 on error). */
int pdf_render(const struct pdf_doc *doc, struct buf *out, int *pages);

/* The blocks of plain text: "# " headings, "- " bullets, "---" page breaks
 * and paragraphs (their lines joined by a space) separated by blank lines.
 * Markdown's backslash escapes are dropped, so stored minutes can be given
 * as they are.  Sets doc->blocks and doc->nblocks, to be freed with
 * pdf_text_release(doc).  0, or -1 (out of memory). */
int pdf_text_blocks(struct pdf_doc *doc, const char *text);
void pdf_text_release(struct pdf_doc *doc);

#endif
