/* store.h: where document bytes live.  Content-addressed by SHA-256, files
 * on disk under one directory today (object storage later): nothing
 * outside this module knows the layout.  The directory is never served
 * directly; documents are sent by the /documents route after a check
 * against the public record. */
#ifndef WITAN_STORE_H
#define WITAN_STORE_H

#include <stddef.h>
#include <sys/types.h>

struct store {
	char *dir;
};

/* The store of a database: "<db>.files" beside a file; for a database
 * named by URL (PostgreSQL), the folder the environment variable
 * WITAN_STORE names (-1 with errno ENOENT when it is not set). */
int store_open(struct store *st, const char *db_path);
void store_close(struct store *st);
/* A folder of the database's own beside its store (the current export):
 * "<db><suffix>" beside a file, "<WITAN_STORE><suffix>" for a database
 * named by URL; appended to out.  0, or -1 (no WITAN_STORE, or memory). */
struct buf;
int store_beside(const char *db_path, const char *suffix, struct buf *out);
/* Where store_open puts the store of db_path, said for a message. */
const char *store_where(const char *db_path, char *out, size_t n);

/* SHA-256 of data as 64 lowercase hex characters plus NUL. */
void store_sha256_hex(const void *data, size_t len, char out[65]);

/* Store bytes (idempotent: same bytes, same name).  Writes to a temporary
 * file, fsyncs and renames, so a crash never leaves half a document; a
 * crash before the caller's commit leaves bytes no row names, which
 * store_sweep() removes.
 * Fills sha_out; returns 0 or -1 with errno set. */
int store_put(const struct store *st, const void *data, size_t len, char sha_out[65]);

/* Like store_put, and *created says whether the bytes were new.  A
 * caller whose database write fails leaves them to store_sweep(): they
 * may meanwhile be named by another writer's row. */
int store_put_new(const struct store *st, const void *data, size_t len, char sha_out[65], int *created);
/* Remove the bytes named sha; 0 or -1. */
int store_remove(const struct store *st, const char *sha);

/* Copy every stored document into the store of another database
 * (dst_db_path + ".files"), skipping those already there; returns the
 * number copied, or -1. */
long store_copy_all(const struct store *st, const char *dst_db_path);

/* Where the bytes named sha are (appended to b), for a program that reads
 * them by name (the reports pack's merge); nothing is checked. */
struct buf;
void store_object_path(const struct store *st, const char *sha, struct buf *b);
/* Write data to path as a whole or not at all: a temporary file beside
 * it, fsynced, then renamed over it.  0, or -1 (errno set; nothing left). */
int store_write_file(const char *path, const void *data, size_t len, int mode);
/* A directory of the store's own for derived files ("packs", "tmp"),
 * appended to b and created if missing; 0 or -1. */
int store_subdir(const struct store *st, const char *name, struct buf *b);

/* Bring the store and the database into agreement after a crash or a
 * failed write (docs/DECISIONS.md, "Crash safety").  Removes, once older
 * than grace seconds: documents that no database row names (bytes stored
 * by an upload or harvest that never committed) and leftover temporary
 * files (of a writer that died: "*.tmp.PID", the tmp/ directory).  The
 * grace period is what keeps the bytes of a write in flight, stored but
 * not yet committed; store_put() freshens the time of bytes it finds
 * already there, for the same reason.  For each candidate the sweep
 * calls ops->lock, checks again (its age, then ops->named: 1 named, 0
 * not, -1 error = keep) and unlinks, then ops->unlock, so that no
 * commit naming it can slip in between.  Fills *c; 0, or -1 if the
 * store cannot be read. */
struct store_sweep_ops {
	void *ctx;
	int (*lock)(void *ctx);
	int (*named)(void *ctx, const char *sha);
	void (*unlock)(void *ctx);
};
struct store_sweep_counts {
	long documents;  /* named documents kept */
	long orphans;    /* unnamed documents removed */
	long temporary;  /* leftover temporary files removed */
	long young;      /* unnamed or temporary, kept for the grace period */
};
int store_sweep(const struct store *st, long grace, const struct store_sweep_ops *ops, struct store_sweep_counts *c);
/* The grace period of store_sweep(): WITAN_STORE_GRACE seconds if set
 * (tests), else an hour, longer than any upload or harvest page. */
long store_sweep_grace(void);

/* Open the bytes named sha for reading; returns an fd (and the size) or
 * -1 if absent or sha is not 64 hex characters. */
int store_open_read(const struct store *st, const char *sha, off_t *size);

/* The publication log's signer key (a signed note's, util/note.h): the
 * file log.key in the store, readable by its owner only.  Write: 0 or -1
 * (errno); it is never replaced (EEXIST).  Read into out (the key, one
 * line): 0, or -1 (errno; ENOENT: no key). */
int store_log_key_write(const struct store *st, const char *key);
int store_log_key_read(const struct store *st, char *out, size_t n);

#endif
