/* valid.h: validators for values that come from configuration or forms
 * and end up in a page (colours in CSS, SVG logos in HTML). */
#ifndef WITAN_VALID_H
#define WITAN_VALID_H

#include <stddef.h>

/* 1 if c is a CSS hex colour "#rgb" or "#rrggbb". */
int colour_valid(const char *c);

/* 1 if svg[0..n) is an SVG image fit to be written into pages: valid
 * UTF-8, at most 64 KiB, starting with "<svg" (after an optional XML
 * declaration and white space), and without scripts, event handlers,
 * foreignObject or javascript: links.  *why gets the reason if not. */
int svg_logo_valid(const char *svg, size_t n, const char **why);

#endif
