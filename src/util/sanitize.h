/* sanitize.h: HTML from elsewhere made safe to serve as our own.
 *
 * Text imported from another system (`witan import oparl`, `witan import
 * moderngov`) arrives as HTML, often as Word wrote it, and pages print a
 * record's *_html columns as they are.  The HTML is parsed by gumbo, an
 * HTML5 parser, as a browser would parse it inside a <div>, and written
 * out again keeping an allow-list of structural tags (paragraphs,
 * headings, emphasis, lists, tables, links) with a few attributes whose
 * values it checks (a link's http(s), mailto: or site-relative href and
 * its title, an ordered list's start, a table cell's align and spans, a
 * code block's "language-" class); every other tag gives up its tags but
 * keeps its text (Word's spans, divs, <o:p>), but for script, style and
 * the like, which go whole, as do comments (Word's conditional ones) but
 * for plain words.  Markup nested deeper than 256 or larger than 8 MB is
 * reduced to its escaped text (the parser's time grows with the square
 * of the nesting).
 * What cmark-gfm makes of our own Markdown passes through unchanged, so a
 * record copied from one Witan to another reads the same, but for images
 * (dropped: they would fetch from elsewhere) and relative or empty links
 * (dropped: they would point into the wrong site); tests/fuzz/fuzz_markdown.c
 * checks it. */
#ifndef WITAN_SANITIZE_H
#define WITAN_SANITIZE_H

#include "util/buf.h"

/* Append the safe form of html (NULL: nothing) to out. */
void html_sanitize(struct buf *out, const char *html);

#endif
