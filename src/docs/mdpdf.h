/* mdpdf.h: the blocks of a printed document (docs/pdfgen) built up from
 * plain text and from stored Markdown, with cmark-gfm.
 *
 * Markdown keeps what print can show: headings (as level 2 headings, so
 * they nest under the heading of the item they belong to in the outline),
 * paragraphs, bullet and numbered lists (nested), block quotes, code,
 * tables (GFM), emphasis, strong, code spans and strikethrough; a link
 * prints its text followed by its address.  Raw HTML is dropped, as on
 * the pages (util/markdown).  Every piece of text is escaped into pango
 * markup (pdf_markup_escape) before it joins a block.
 *
 *   struct pdf_blocks l = PDF_BLOCKS_INIT;
 *   pdf_blocks_add(&l, PDF_HEADING, 1, "4. Budget");
 *   mdpdf_append(&l, item->minutes_md, 0);
 *   doc.blocks = l.v; doc.nblocks = l.n;
 *   if (l.err || pdf_render(&doc, &out, &pages) < 0) ...;
 *   pdf_blocks_release(&l);
 */
#ifndef WITAN_MDPDF_H
#define WITAN_MDPDF_H

#include <stddef.h>

#include "docs/pdfgen.h"

/* A growing list of blocks with the text they point to (owned). */
struct pdf_blocks {
	struct pdf_block *v;
	size_t n, alloc;
	void **owned;        /* texts and cell arrays, freed with the list */
	size_t nowned, owned_alloc;
	int err;             /* out of memory at some point: the list is incomplete */
};

#define PDF_BLOCKS_INIT { NULL, 0, 0, NULL, 0, 0, 0 }

/* Append a block of plain text (copied) at nesting level (a heading's
 * level: 1 or 2). */
void pdf_blocks_add(struct pdf_blocks *l, enum pdf_block_kind kind, int level, const char *text);
/* Append a block of pango markup (copied) that the caller built with
 * pdf_markup_escape() around every piece of text. */
void pdf_blocks_add_markup(struct pdf_blocks *l, enum pdf_block_kind kind, int level, const char *markup);

/* Append the blocks of Markdown md (NULL or empty: nothing), its lists
 * starting at nesting level `level`.  0, or -1 (out of memory; l->err). */
int mdpdf_append(struct pdf_blocks *l, const char *md, int level);

void pdf_blocks_release(struct pdf_blocks *l);

#endif
