/* pdfgen.h: text-bearing PDF documents (reports, front sheets, minutes)
 * rendered in memory with cairo and pango.
 *
 * A document is a title block on page 1 (title, optional subtitle, a rule)
 * followed by a flat list of blocks.  Pages are A4 with a running header (optional) and
 * a "Page N of M" footer.  Text is UTF-8 and plain unless a block says it
 * is markup: plain text is printed as it is ('&', '<' and the like
 * included); invalid UTF-8 is shown as U+FFFD.  Headings become PDF outline
 * (bookmark) entries, level 2 headings children of the level 1 before them.
 *
 * Markup (a block's .markup = 1) is pango's, written only by code that
 * escapes every piece of text it puts in (pdf_markup_escape(), and
 * docs/mdpdf from Markdown): <b>, <i>, <tt>, <s> and nothing else is
 * meant.  Markup pango cannot parse is printed as plain text.
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
	PDF_BULLET,    /* one bulleted (or, with .number, numbered) list item */
	PDF_PAGEBREAK, /* start a new page (ignored at the top of a page or at the end) */
	PDF_QUOTE,     /* an indented paragraph with a bar beside it */
	PDF_TABLE,     /* .cells: .nrows rows of .ncols cells, row 0 the header
			* (bold, shaded, repeated on a new page); splits by rows */
};

/* The fields after .text are optional: { PDF_PARA, "text" } is plain text
 * at the left margin. */
struct pdf_block {
	enum pdf_block_kind kind;
	const char *text; /* UTF-8; NULL is the empty string; unused for breaks and tables */
	int markup;       /* 1: text (and cells) are pango markup, see above */
	int level;        /* heading: 1 (0 too) or 2 (smaller, a child in the outline);
			   * para, bullet, quote: list nesting depth, 0 at the margin */
	int number;       /* bullet: > 0 prints "N." instead of a bullet */
	const char *const *cells; /* table: nrows * ncols texts, row by row; NULL cells are empty */
	int nrows, ncols;
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
	const char *subject;  /* PDF Subject; may be NULL */
	const char *author;   /* PDF Author; may be NULL */
	const char *stamp;    /* printed in red at the top right of every page
			       * (e.g. "Draft: not yet approved"); may be NULL */
	int no_footer;        /* 1: no "Page N of M" footer (a part of a larger
			       * document that numbers its own pages: the pack) */
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

/* Append s (len bytes) to out escaped for markup; invalid UTF-8 becomes
 * U+FFFD and control characters other than tab and newline are dropped. */
void pdf_markup_escape(struct buf *out, const char *s, size_t len);

#endif
