/* console.h: `witan sql`, SQL typed by a person (an operator, a test) run
 * on either backend as SQLite's dialect, through the db layer (so that on
 * PostgreSQL it is translated, and a write goes through db_commit: the
 * search index and the change counter follow it, as they follow the
 * server's writes). */
#ifndef WITAN_CONSOLE_H
#define WITAN_CONSOLE_H

struct buf;
struct db;

/* Run the statements of sql, in one transaction (a write transaction
 * with write, committed; else a read), and append the rows of those that
 * return rows to out as JSON, as `sqlite3 -json` prints them: an array
 * of objects, one a row, its columns by name (integers and reals as
 * numbers, NULL as null, text as strings); nothing when there are no
 * rows.  0, or -1 with db->err set (nothing written). */
int db_console(struct db *db, const char *sql, int write, struct buf *out);

#endif
