/* static.h: the embedded static assets (static/ in the source tree),
 * served at /static/NAME with a content hash for cache busting. */
#ifndef WITAN_STATIC_H
#define WITAN_STATIC_H

/* The first 12 hex digits of the asset's SHA-256 ("" if unknown), for
 * "/static/NAME?v=VERSION" links. */
const char *static_version(const char *name);

#endif
