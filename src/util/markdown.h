/* markdown.h: Markdown to HTML with cmark-gfm in safe mode.
 * Raw HTML is dropped and javascript:, vbscript: and data: links are
 * removed (but a PNG, GIF, JPEG or WebP data: image, which cmark keeps and
 * a browser only shows), so the output can be stored and later written to
 * pages unescaped. */
#ifndef WITAN_MARKDOWN_H
#define WITAN_MARKDOWN_H

#include <stddef.h>

/* Render md (UTF-8) with GFM tables, strikethrough and autolinks.
 * Returns a malloc'd NUL-terminated string, or NULL on error. */
char *markdown_to_html(const char *md, size_t len);

#endif
