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

/* The code point at s[*i] of valid UTF-8; *i moves past it. */
unsigned long utf8_next_cp(const unsigned char *s, size_t *i);
/* 1 if c may not appear in text: control characters (C0 except line breaks
 * and tabs in multi-line text, DEL, C1) and noncharacters. */
int forbidden(unsigned long c, int multiline);
/* 1 if s (NULL is "") is at most max characters of UTF-8 text without
 * forbidden characters. */
int text_ok(const char *s, size_t max, int multiline);
/* The number of characters of valid UTF-8 s. */
size_t text_chars(const char *s);
/* A plausible e-mail address: local@domain.tld, no spaces or brackets. */
int email_ok(const char *s);
/* An http(s) URL of at most max bytes: a host, no spaces, quotes or
 * control characters. */
int url_ok(const char *s, size_t max);

#endif
