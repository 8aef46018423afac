/* sanitize.h: HTML from elsewhere made safe to serve as our own.
 *
 * Text imported from another system (`witan import oparl`) arrives as
 * HTML, and pages print a record's *_html columns as they are.  This keeps
 * an allow-list of structural tags with a few attributes whose values it
 * checks (a link's http(s), mailto: or site-relative href and its title,
 * an ordered list's start, a table cell's align, a code block's
 * "language-" class), drops every other tag and attribute (and the
 * content of script, style and the like), and escapes stray < > and &.
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
