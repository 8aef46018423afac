/* static.h: the embedded static assets (static/ in the source tree),
 * served at /static/NAME (web/static.c) with a content hash for cache
 * busting. */
#ifndef WITAN_STATIC_H
#define WITAN_STATIC_H

#include "util/embed.h"

/* An asset: the embedded file, and its version and quoted ETag. */
struct asset {
	const struct embedded_file *file;
	char version[13];
	char etag[16];
};

/* The asset named name (its path under static/), or NULL. */
const struct asset *static_find(const char *name);

/* The first 12 hex digits of the asset's SHA-256 ("" if unknown), for
 * "/static/NAME?v=VERSION" links. */
const char *static_version(const char *name);

#endif
