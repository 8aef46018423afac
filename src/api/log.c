/* log.c: the publication log over HTTP (docs/LOG.md), as C2SP tlog-tiles
 * serves a log: /log/checkpoint (signed now, cached for seconds),
 * /log/key, /log/tile/<L>/<N>[.p/<W>] and /log/tile/entries/<N>[.p/<W>]
 * (immutable: cached for a year), and C2SP tlog-proof files for a
 * document and a meeting's minutes.  Reads db/log.h (the pub_log_* views
 * and the body's); signs with the app's signer (util/note.h). */
#include "api/log.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db/log.h"
#include "util/note.h"
#include "util/tlog.h"
#include "util/banned.h"

#define TEXT "text/plain; charset=utf-8"
#define IMMUTABLE "public, max-age=31536000, immutable"

static int fail(struct req *r, int status, const char *msg)
{
	r->content_type = TEXT;
	r->cache_control = "no-store";
	buf_reset(&r->body);
	buf_puts(&r->body, msg);
	buf_putc(&r->body, '\n');
	return status;
}

/* The signed checkpoint of the log as it is, into out: 0, or an HTTP
 * status with the error written to r. */
static int signed_checkpoint(struct req *r, struct buf *out, uint64_t *size)
{
	char origin[256], vkey[NOTE_KEY_MAX];
	unsigned char root[TLOG_HASH];
	struct buf text = BUF_INIT;
	int rc = log_identity(r->db, origin, sizeof(origin), vkey, sizeof(vkey));

	if (rc < 0)
		return fail(r, 500, "The log could not be read.");
	if (rc == 0)
		return fail(r, 404, "This site keeps no publication log.");
	if (!r->app->log_signer)
		return fail(r, 503, "The log's signing key is missing on this server: its checkpoint cannot be signed.");
	if (log_size(r->db, size) < 0 || tlog_root(log_node, r->db, *size, root) < 0)
		return fail(r, 500, "The log could not be read.");
	checkpoint_text(origin, *size, root, &text);
	rc = text.err || note_sign(r->app->log_signer, text.data, text.len, out) < 0 ? -1 : 0;
	buf_release(&text);
	return rc < 0 ? fail(r, 500, "The checkpoint could not be signed.") : 0;
}

int page_log_checkpoint(struct req *r)
{
	uint64_t n;
	int rc = signed_checkpoint(r, &r->body, &n);

	if (rc)
		return rc;
	r->content_type = TEXT;
	r->cache_control = "public, max-age=5";
	r->nocache = 1;
	return 200;
}

int page_log_key(struct req *r)
{
	char origin[256], vkey[NOTE_KEY_MAX];
	int rc = log_identity(r->db, origin, sizeof(origin), vkey, sizeof(vkey));

	if (rc < 0)
		return fail(r, 500, "The log could not be read.");
	if (rc == 0)
		return fail(r, 404, "This site keeps no publication log.");
	r->content_type = TEXT;
	r->cache_control = "public, max-age=86400";
	buf_printf(&r->body, "%s\n", vkey);
	return 200;
}

int page_log_tile(struct req *r)
{
	char origin[256], vkey[NOTE_KEY_MAX];
	uint64_t n, size;
	int level, width, rc, got;

	if (!r->name || tlog_tile_parse(r->name, &level, &n, &width) < 0)
		return fail(r, 404, "There is no tile at this address: tiles are /log/tile/<L>/<N>[.p/<W>] and "
			    "/log/tile/entries/<N>[.p/<W>] (C2SP tlog-tiles).");
	rc = log_identity(r->db, origin, sizeof(origin), vkey, sizeof(vkey));
	if (rc <= 0)
		return rc < 0 ? fail(r, 500, "The log could not be read.") : fail(r, 404, "This site keeps no publication log.");
	if (log_size(r->db, &size) < 0)
		return fail(r, 500, "The log could not be read.");
	/* (an index past any possible tree: no tile, not an overflow) */
	if (n > (UINT64_MAX >> 8) / 2)
		return fail(r, 404, "The log has no such tile.");
	if (level < 0)
		got = log_bundle(r->db, n * TLOG_TILE_WIDTH, width, &r->body);
	else if (level * TLOG_TILE_HEIGHT >= 64)
		got = 0;
	else
		got = log_hashes(r->db, level * TLOG_TILE_HEIGHT, n * TLOG_TILE_WIDTH, width, &r->body);
	if (got < 0)
		return fail(r, 500, "The log could not be read.");
	if (got < width)
		return fail(r, 404, "The log has no such tile yet.");
	r->content_type = "application/octet-stream";
	r->cache_control = IMMUTABLE;
	return 200;
}

/* The proof that the latest entry about object is in the log now: a
 * C2SP tlog-proof with the entry as its extra data. */
static int proof_of(struct req *r, const char *object)
{
	unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH];
	struct buf cp = BUF_INIT, entry = BUF_INIT;
	uint64_t i, size;
	int len, rc;

	rc = log_latest(r->db, object, &i);
	if (rc < 0)
		return fail(r, 500, "The log could not be read.");
	if (rc == 0)
		return fail(r, 404, "The log has no entry about this: it is not public, or the site keeps no log.");
	if ((rc = signed_checkpoint(r, &cp, &size)))
		goto out;
	if (log_entry_text(r->db, i, &entry) <= 0 ||
	    tlog_inclusion_proof(log_node, r->db, i, size, proof, TLOG_MAX_PROOF, &len) < 0) {
		rc = fail(r, 500, "The log could not be read.");
		goto out;
	}
	tlog_proof_text(entry.data, entry.len, i, (const unsigned char(*)[TLOG_HASH])proof, len, cp.data, cp.len,
			&r->body);
	r->content_type = TEXT;
	r->cache_control = "public, max-age=5";
	r->nocache = 1;
	rc = 200;
out:
	buf_release(&cp);
	buf_release(&entry);
	return rc;
}

int page_document_proof(struct req *r)
{
	char object[64];

	snprintf(object, sizeof(object), "/documents/%lld", (long long)r->id[0]);
	return proof_of(r, object);
}

int page_minutes_proof(struct req *r)
{
	char object[64];

	snprintf(object, sizeof(object), "/meetings/%lld/minutes", (long long)r->id[0]);
	return proof_of(r, object);
}
