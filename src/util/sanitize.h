/* sanitize.h: HTML from elsewhere made safe to serve as our own.
 *
 * Text imported from another system (`witan import oparl`) arrives as
 * HTML, and pages print a record's *_html columns as they are.  This keeps
 * an allow-list of structural tags without their attributes (a link keeps
 * an http(s) or site-relative href), drops every other tag (and the
 * content of script, style and the like), and escapes stray < > and &.
 * What cmark-gfm makes of our own Markdown passes through unchanged, so a
 * record copied from one Witan to another reads the same. */
#ifndef WITAN_SANITIZE_H
#define WITAN_SANITIZE_H

#include "util/buf.h"

/* Append the safe form of html (NULL: nothing) to out. */
void html_sanitize(struct buf *out, const char *html);

#endif
