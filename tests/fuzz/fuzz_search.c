/* fuzz_search.c: libFuzzer target for the search query rewriter
 * (db/search_query's search_query), whose output is given to FTS5 MATCH.
 * Checked: the output has balanced quotes (every string opens and closes,
 * quotes inside doubled); when it has positive terms, SQLite's FTS5 (the
 * table and tokenizer of sql/003_search.sql, in memory) accepts it without
 * a syntax error, and with none the output is empty; search_tsquery()
 * makes PostgreSQL's form of every such query. */
/* FUZZ_SRCS: src/db/search_query.c src/util/buf.c */
/* FUZZ_PKGS: sqlite3 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "common.h"
#include "db/search.h"

static sqlite3 *db;
static sqlite3_stmt *st;

static void setup(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE search_fts USING fts5(title, body,"
			 " tokenize = 'porter unicode61 remove_diacritics 2');"
			 "INSERT INTO search_fts VALUES ('Planning committee', 'fly-tipping and children''s parks');",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", -1, &st,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_search: %s\n", sqlite3_errmsg(db));
		abort();
	}
}

/* Outside quotes, a quote opens a string; inside, a doubled quote is one
 * quote and a single one closes it. */
static int quotes_balanced(const char *s)
{
	int in = 0;

	for (; *s; s++) {
		if (*s != '"')
			continue;
		if (in && s[1] == '"')
			s++;
		else
			in = !in;
	}
	return !in;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	char *in = fuzz_cstring(data, size);
	int npos, rc;

	if (!in)
		return 0;
	if (!db)
		setup();
	npos = search_query(in, &out);
	if (out.err || npos < 0)
		abort();
	if (npos == 0 && out.len != 0)
		abort();
	if (npos > 0) {
		if (!quotes_balanced(out.data))
			abort();
		sqlite3_bind_text(st, 1, out.data, (int)out.len, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "fuzz_search: %s for the query %s\n", sqlite3_errmsg(db), out.data);
			abort();
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		/* and PostgreSQL's form of it is made, quotes balanced */
		{
			struct buf ts = BUF_INIT;
			int in = 0;
			if (search_tsquery(out.data, &ts) < 0 || ts.err)
				abort();
			for (size_t i = 0; i < ts.len; i++) {
				if (ts.data[i] != '\'')
					continue;
				if (in && ts.data[i + 1] == '\'')
					i++;
				else
					in = !in;
			}
			if (in)
				abort();
			buf_release(&ts);
		}
	}
	buf_release(&out);
	free(in);
	return 0;
}
