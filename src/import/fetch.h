/* fetch.h: HTTP GET for the importers (`witan import oparl`,
 * `witan import moderngov`), through libcurl: http and https only, five
 * redirects at most, a size limit, network failures and 429/5xx answers
 * tried again three times (after 1, 2 and 4 s), and conditional requests
 * (If-None-Match, If-Modified-Since) with the validators an answer gave. */
#ifndef WITAN_FETCH_H
#define WITAN_FETCH_H

#include <curl/curl.h>

#include "util/buf.h"

struct fetch_validators {
	char etag[256];            /* "" none */
	char last_modified[64];    /* "" none */
};

/* GET url into out (at most max bytes) with curl (an easy handle the
 * caller made); agent names the importer.  With have (may be NULL), the
 * request is conditional on it; got (may be NULL) receives the answer's
 * validators.  Returns the HTTP status (304: unchanged, out empty), or -1
 * with a message on stderr. */
long fetch_get(CURL *curl, const char *agent, const char *url, long max, const struct fetch_validators *have,
	       struct fetch_validators *got, struct buf *out);

#endif
