/* dialect.h: SQLite's SQL translated to PostgreSQL's (issue 18).
 *
 * All SQL of the project is written once, in SQLite's dialect (the
 * literals of src/db/, the migrations sql/NNN_*.sql, what db/boundary.c
 * generates).  On PostgreSQL the db layer translates each text once,
 * with dialect_pg, and prepares the result; sql/pg/compat.sql gives
 * PostgreSQL the functions of SQLite it lacks (strftime, date, json_patch,
 * ...) in the schema witan_compat.
 *
 * The translation works on tokens, never inside string literals or
 * quoted identifiers.  What it cannot translate faithfully it refuses,
 * with a message naming the construct: it never guesses.
 *
 * What the db layer needs to know:
 *  - compat.sql is loaded before the migrations, and the search_path is
 *    public, witan_compat, pg_catalog (public first: CREATE TABLE makes
 *    its table in the first schema of the path);
 *  - parameters are numbered as SQLite numbers them: ?NNN is $NNN, a bare
 *    ? and each new :name, @name or $name take the largest number so far
 *    + 1 (the same :name keeps its number);
 *  - PostgreSQL infers a parameter's type from where it stands, and
 *    cannot for "?1 IS NULL" alone: prepare with the types of the values
 *    bound (int8, float8, text, bytea);
 *  - DDL (CREATE TRIGGER, VIEW, FTS5 tables, DROP TRIGGER, DROP VIEW,
 *    ALTER TABLE ADD COLUMN) becomes several statements: run it as a
 *    script, not prepared;
 *  - an INTEGER PRIMARY KEY is an identity column: after writing rows
 *    with their ids given, CALL witan_compat.sync_identities(). */
#ifndef WITAN_DIALECT_H
#define WITAN_DIALECT_H

#include <stddef.h>

struct buf;

/* Translate sql (one statement, or a script of statements separated by
 * ';' as in a migration) and append PostgreSQL's text to out.  One input
 * statement may become several (a trigger is a function and a trigger),
 * separated by ";\n"; the output has no final ';'.  Empty output (nothing
 * appended) means "no statement": an FTS5 command such as 'optimize', or
 * a PRAGMA inside a script (a PRAGMA alone is refused).  Returns 0, or -1
 * with a message in err (out may then hold part of a translation:
 * discard it). */
int dialect_pg(const char *sql, struct buf *out, char *err, size_t errlen);

/* The statements of a script in SQLite's dialect, as they stand in sql
 * (a trigger's body whole): *out (to free) gets their spans.  Returns
 * their number, or -1 with a message in err. */
struct dialect_span {
	size_t off, len;
};
int dialect_split(const char *sql, struct dialect_span **out, char *err, size_t errlen);

#endif
