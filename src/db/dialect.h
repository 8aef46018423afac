/* dialect.h: SQLite's SQL translated to PostgreSQL's (issue 18).
 *
 * All SQL of the project is written once, in SQLite's dialect (the
 * literals of src/db/, the migrations sql/NNN_*.sql, what db/boundary.c
 * generates).  On PostgreSQL the db layer translates each text once,
 * with dialect_pg, and prepares the result; sql/pg/compat.sql gives
 * PostgreSQL the functions of SQLite it lacks (strftime, date, ...) in
 * the schema witan_compat, first in the search_path.
 *
 * The translation works on tokens, never inside string literals or
 * quoted identifiers.  What it cannot translate faithfully it refuses,
 * with a message naming the construct: it never guesses. */
#ifndef WITAN_DIALECT_H
#define WITAN_DIALECT_H

#include <stddef.h>

struct buf;

/* Translate sql (one statement, or a script of statements separated by
 * ';' as in a migration) and append PostgreSQL's text to out.  One input
 * statement may become several (a trigger is a function and a trigger),
 * separated by ";\n"; the output has no final ';'.  Empty output (nothing
 * appended) means "no statement": an FTS5 command such as 'optimize', or
 * a PRAGMA inside a script.  Returns 0, or -1 with a message in err (out
 * may then hold part of a translation: discard it). */
int dialect_pg(const char *sql, struct buf *out, char *err, size_t errlen);

#endif
