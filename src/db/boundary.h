/* boundary.h: the public boundary of the record (docs/ARCHITECTURE.md,
 * "What is public: one place").
 *
 * boundary.c owns, in one table, the decision for every column of every
 * table: public, public once published (with the condition), or internal.
 * From that table it generates
 *  - the pub_* views, the only way a public surface reads the record;
 *  - the triggers that queue the rows a write touches;
 *  - the publication record: for every object that has ever been public,
 *    the hash of its public row, when it last changed publicly (the
 *    `modified` of every public surface), and whether it was withdrawn
 *    (OParl's deleted stubs; an object never public has none);
 * and it decides, as SQLite's authorizer of a public connection, what
 * such a connection may read: the pub_* views and the search index,
 * nothing else. */
#ifndef WITAN_BOUNDARY_H
#define WITAN_BOUNDARY_H

#include "db/db.h"

/* (Re)create the generated views and triggers where the database's differ
 * from this binary's classification; in the caller's transaction, or its
 * own.  0, or -1 with db->err set. */
int boundary_install(struct db *db);

/* Bring the publication record up to date with what the queue holds
 * (db_commit calls it inside the transaction).  With db->source_times set
 * (a harvest), an object's public modified is its row's own `modified`
 * (the source's) instead of the time of the commit.  Returns the number of
 * rows examined, or -1. */
long boundary_drain(struct db *db);

/* The authorizer installed on connections in DB_MODE_PUBLIC and
 * DB_MODE_INDEX (sqlite3_set_authorizer's callback; ctx is the struct db). */
int boundary_authorize(void *ctx, int action, const char *a, const char *b, const char *dbname,
		       const char *view);

/* Register witan_sha256(text) (hex SHA-256) on a new connection (db_open). */
int boundary_register(struct db *db);

/* For tests and `witan check`: the class of table.column as a string
 * ("public", "once published", "internal", "system"), or NULL if the
 * classification does not know it. */
const char *boundary_class(const char *table, const char *column);
/* 1 if the table is classified at all (internal tables are, whole). */
int boundary_knows_table(const char *table);

#endif
