/* export.h: the queries of the bulk export of the public record (`witan
 * export`, /export): the tables of the export and their columns, and the
 * copy of one snapshot of the pub_* views into a new SQLite file.
 *
 * The export's tables come from the model of the record (db/model.h):
 * each column's name, SQL type, where it comes from and what it means.  The
 * copy creates the tables from that description and fills each with an
 * INSERT ... SELECT from its public view, so the SQLite file, the JSON
 * Lines files and the README written from it (api/export.c) cannot
 * disagree.  Nothing but the pub_* views is read.
 *
 * Use:
 *   export_begin(db, path, cancel)    attach a new file, open a read snapshot
 *   export_fill(db, t, &rows)         for each table
 *   export_info_put(db, key, value)   the export_info rows
 *   export_rows(db, name, cb, ctx)    read a table back (for JSON Lines)
 *   export_end(db, ok)                commit (or roll back) and detach
 * Everything between begin and end sees the record as it was at the first
 * read: an export taken while the server writes is consistent. */
#ifndef WITAN_DB_EXPORT_H
#define WITAN_DB_EXPORT_H

#include <stdint.h>

struct db;

/* The version of the export's format (export_info.format_version): raised
 * when a table or column changes meaning or goes away (new tables and new
 * columns at the end keep it). */
#define EXPORT_FORMAT_VERSION 1

struct export_column {
	const char *name;
	const char *type;   /* SQL type in the export: INTEGER, TEXT */
	const char *expr;   /* the value from the view, or NULL for the column of that name */
	const char *what;   /* its meaning, for the README */
};

struct export_table {
	const char *name;    /* table name and file stem: meeting -> meeting.jsonl */
	const char *from;    /* the public view (FROM clause, a constant) */
	const char *key;     /* PRIMARY KEY column list, and row order */
	const char *what;    /* what a row is, for the README */
	const struct export_column *cols;  /* terminated by { NULL } */
};

/* The entity tables, in the order of the README; terminated by a NULL
 * name.  (export_info, key/value rows about the export, comes after.) */
const struct export_table *export_table_list(void);
#define export_tables (export_table_list())

/* A value of a row read back by export_rows. */
enum export_type { EXPORT_NULL, EXPORT_INT, EXPORT_REAL, EXPORT_TEXT };
struct export_value {
	const char *name;    /* the column */
	enum export_type type;
	int64_t i;
	double d;
	const char *s;       /* EXPORT_TEXT: NUL-terminated UTF-8 */
};

/* Attach out_path (an absolute path of an empty or missing file) as the
 * export and start the snapshot.  When *cancel becomes non-zero (cancel
 * may be NULL), the statement running stops with an error ("interrupted"),
 * so a server can stop in the middle of a long copy.  0, or -1 with
 * db->err. */
int export_begin(struct db *db, const char *out_path, const volatile int *cancel);
/* Create table t in the export and copy its rows; *rows gets their number.
 * 0 or -1. */
int export_fill(struct db *db, const struct export_table *t, long *rows);
/* Add a row to export_info (created by export_begin).  0 or -1. */
int export_info_put(struct db *db, const char *key, const char *value);
/* Call row(ctx, values, n) for each row of the export's table `name`
 * (one of export_tables or "export_info"), in key order; values are valid
 * during the call only.  A non-zero return from row stops and is returned;
 * otherwise 0, or -1 with db->err. */
int export_rows(struct db *db, const char *name,
		int (*row)(void *ctx, const struct export_value *v, int n), void *ctx);
/* Commit the export (ok) or roll it back, end the snapshot and detach.
 * 0 or -1 (always -1 when !ok). */
int export_end(struct db *db, int ok);

/* The database's data version as PRAGMA data_version reports it: moves
 * when another connection commits, never for this connection's own
 * writes (so an export's writes do not make the record look changed). */
int64_t export_source_version(struct db *db);

#endif
