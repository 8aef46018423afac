/* log.h: the publication log (docs/LOG.md; sql/021_log.sql): an
 * append-only Merkle log (util/tlog.h) with one entry per publication
 * event, written by a commit hook in the transaction that publishes.
 *
 * The hook follows four kinds of object, each with a state and the
 * SHA-256 of its public content (docs/LOG.md, "Objects"):
 *   /meetings/{id}/agenda    the published agenda's items
 *   /meetings/{id}/minutes   the public minutes and decisions of its items
 *   /meetings/{m}/items/{i}  an item made exempt (its paragraph only)
 *   /documents/{id}          a public document (the SHA-256 of its bytes)
 *   /decisions/{id}          a published decision record
 * and appends an entry when one moves (published, amended, approved,
 * withdrawn, made exempt).  Nothing runs until the log has an origin
 * (`witan log init`, or `witan init`). */
#ifndef WITAN_DB_LOG_H
#define WITAN_DB_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/buf.h"
#include "util/tlog.h"

#define LOG_ENTRY_MAX 4096        /* bytes of an entry (a bundle's length field allows 65,535) */

/* The log's origin line and verifier key (the body's): 1 with them
 * copied (each at most len), 0 when there is no log, -1. */
int log_identity(struct db *db, char *origin, size_t olen, char *vkey, size_t vlen);
/* The origin a log is given when none is named:
 * "witan.invalid/<the body's short name, in lower case>/log".  0 or -1. */
int log_default_origin(struct db *db, char *out, size_t len);
/* Give the body's log an origin and a verifier key (`witan log init`). */
int log_set_identity(struct db *db, const char *origin, const char *vkey);

/* The number of entries: 0 or -1. */
int log_size(struct db *db, uint64_t *n);
/* A tlog_node_fn over the stored hashes (ctx: the struct db). */
int log_node(void *db, int level, uint64_t index, unsigned char out[TLOG_HASH]);
/* Append an entry (its text, created: UTC), with the hashes of the
 * subtrees it completes: its index, or -1.  Inside a transaction. */
int64_t log_append(struct db *db, const char *entry, size_t n, const char *created);
/* Entries first .. first + count - 1, each as a tile bundle holds it (a
 * big-endian 16-bit length, then the bytes), appended to out: the
 * number of entries found, or -1. */
int log_bundle(struct db *db, uint64_t first, int count, struct buf *out);
/* The stored hashes of level, index first .. first + count - 1,
 * appended to out (32 bytes each): how many there were, or -1. */
int log_hashes(struct db *db, int level, uint64_t first, int count, struct buf *out);
/* The index of the latest entry about object (its path): 1, 0 (none) or -1. */
int log_latest(struct db *db, const char *object, uint64_t *i);
/* Entry i's text into out (appended): 1, 0 (none) or -1. */
int log_entry_text(struct db *db, uint64_t i, struct buf *out);

/* The history of an existing record as entries, in time order (`witan
 * log init` on a database with a record, and the demo): each publication
 * event its rows remember (agendas and minutes by their publication and
 * approval times, documents, decisions, exempt items), with the content
 * as it is now.  Then the hook follows from there.  The number of
 * entries, or -1.  Inside a transaction. */
long log_backfill(struct db *db);

/* What `witan log verify --db` checks: every entry's leaf and every
 * stored hash recomputed; and every object now public has, as its last
 * entry, its current state and content hash.  Each problem is one line
 * appended to report; the number of problems, or -1. */
long log_check(struct db *db, struct buf *report);

#endif
