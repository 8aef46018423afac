/* app.h: what every request handler may need besides the request: the
 * site's configuration and the document store.  One per process, read-only
 * after start-up (per-thread state such as the database handle lives in
 * the server's thread context). */
#ifndef WITAN_APP_H
#define WITAN_APP_H

#include "store/store.h"
#include "util/note.h"

struct app {
	const char *db_path;
	struct store store;
	const char *base_url;   /* e.g. "http://127.0.0.1:8080", for absolute links */
	/* The publication log's signer (docs/LOG.md; the store's log.key),
	 * or NULL: its checkpoints cannot be signed. */
	const struct note_signer *log_signer;
};

#endif
