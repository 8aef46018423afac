/* logcheck.h: `witan log verify URL`: a site's publication log checked
 * from outside, as a newspaper, an auditor or a neighbouring council
 * keeping its checkpoints would check it (docs/LOG.md, "Witnessing"),
 * with nothing but the site's public addresses: its key, its signed
 * checkpoint, every tile and entry bundle (C2SP tlog-tiles), and the
 * documents the log says were published. */
#ifndef WITAN_LOGCHECK_H
#define WITAN_LOGCHECK_H

#include <stddef.h>

#include "util/buf.h"

struct logcheck_opts {
	const char *key;          /* the verifier key to trust, or NULL: the site's /log/key (said on stderr) */
	const char *kept;         /* a signed checkpoint kept from before (its text), or NULL */
	size_t kept_len;
	const char *save;         /* a file to write the checkpoint checked now into, or NULL */
	int documents;            /* 1: download every document the log says is published, and hash it */
};

/* Check the log of the site at url (its base address).  Each problem is
 * a line appended to report; what was checked is said on stderr.  The
 * number of problems, or -1 with err set when the log could not be read
 * at all. */
long logcheck_url(const char *url, const struct logcheck_opts *o, struct buf *report, char *err, size_t errlen);

#endif
