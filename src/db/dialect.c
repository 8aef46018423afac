/* dialect.c: SQLite's SQL translated to PostgreSQL's (see dialect.h):
 * the statements whose shapes differ (CREATE TABLE, FTS5 tables, indexes,
 * views, triggers, INSERT OR ..., DROP TRIGGER, ALTER TABLE), over the
 * tokens and expression rules of dialect_expr.c.  A script is read twice:
 * once for its tables (the keys INSERT OR REPLACE needs, foreign keys to
 * tables made later), once to translate. */
#include "db/dialect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/dialect_int.h"
#include "util/buf.h"
#include "util/banned.h"

/* --- the script's tables -------------------------------------------------- */

static struct table_info *table_find(struct dx *d, const char *name, int before)
{
	struct table_info *found = NULL;

	for (int k = 0; k < d->ntabs; k++)
		if (strcmp(d->tabs[k].name, name) == 0 && (before < 0 || d->tabs[k].stmt < before || !found))
			found = &d->tabs[k];
	return found;
}

/* The table named at token i is made later in the script (and not before). */
static int made_later(struct dx *d, int i)
{
	char name[NAME_MAX_];
	int later = 0;

	dx_ident_text(d, i, name, sizeof(name));
	for (int k = 0; k < d->ntabs; k++) {
		if (strcmp(d->tabs[k].name, name) != 0)
			continue;
		if (d->tabs[k].stmt < d->stmt)
			return 0;
		if (d->tabs[k].stmt > d->stmt)
			later = 1;
	}
	return later;
}

/* The elements of a table's "( ... )" at open: their ranges. */
static int elements(struct dx *d, int open, int close, struct stmt_range *el, int max)
{
	int depth = 0, n = 0, s = open + 1;

	for (int k = open + 1; k <= close; k++) {
		if (dx_op(d, k, "("))
			depth++;
		else if (dx_op(d, k, ")") && k < close)
			depth--;
		else if (depth == 0 && (k == close || dx_op(d, k, ","))) {
			if (n == max)
				return dx_fail(d, "too many columns");
			el[n++] = (struct stmt_range){ s, k };
			s = k + 1;
		}
	}
	return n;
}

static int table_constraint(struct dx *d, int k)
{
	return dx_is(d, k, "CONSTRAINT") || dx_is(d, k, "PRIMARY") || dx_is(d, k, "UNIQUE") || dx_is(d, k, "CHECK") ||
	       dx_is(d, k, "FOREIGN");
}

static void add_column(struct dx *d, struct table_info *ti, int s, int e)
{
	if (ti->ncols == MAX_COLS) {
		dx_fail(d, "too many columns");
		return;
	}
	dx_ident_text(d, s, ti->cols[ti->ncols++], NAME_MAX_);
	if (dx_find0(d, s, e, "PRIMARY") >= 0) {
		ti->nunique++;
		ti->nkey = 1;
		dx_ident_text(d, s, ti->key[0], NAME_MAX_);
	}
	if (dx_find0(d, s, e, "UNIQUE") >= 0)
		ti->nunique++;
}

static void prepass_table(struct dx *d, int si, int a, int b)
{
	struct stmt_range el[MAX_COLS];
	struct table_info *ti, *p;
	int k = a + 2, n;

	if (dx_is(d, a + 1, "TEMP") || dx_is(d, a + 1, "TEMPORARY"))
		k++;
	if (dx_is(d, k, "IF"))
		k += 3;
	if (!dx_is_name(d, k) || !dx_op(d, k + 1, "("))
		return;
	p = realloc(d->tabs, (size_t)(d->ntabs + 1) * sizeof(*p));
	if (!p) {
		dx_fail(d, "out of memory");
		return;
	}
	d->tabs = p;
	ti = &d->tabs[d->ntabs++];
	memset(ti, 0, sizeof(*ti));
	ti->stmt = si;
	dx_ident_text(d, k, ti->name, sizeof(ti->name));
	n = elements(d, k + 1, dx_match(d, k + 1, b), el, MAX_COLS);
	for (int j = 0; j < n; j++) {
		int s = el[j].a;
		if (!table_constraint(d, s)) {
			add_column(d, ti, s, el[j].b);
			continue;
		}
		if (dx_is(d, s, "CONSTRAINT"))
			s += 2;
		if (dx_is(d, s, "PRIMARY") || dx_is(d, s, "UNIQUE")) {
			int open = dx_is(d, s, "PRIMARY") ? s + 2 : s + 1, close = dx_match(d, open, el[j].b + 1);
			ti->nunique++;
			if (dx_is(d, s, "PRIMARY")) {
				ti->nkey = 0;
				for (int c = open + 1; c < close && ti->nkey < 8; c++)
					if (dx_is_name(d, c) && !dx_is(d, c, "ASC") && !dx_is(d, c, "DESC") && !dx_is(d, c, "COLLATE") &&
					    !dx_is(d, c - 1, "COLLATE"))
						dx_ident_text(d, c, ti->key[ti->nkey++], NAME_MAX_);
			}
		}
	}
}

static void prepass(struct dx *d, const struct stmt_range *st, int n)
{
	for (int si = 0; si < n && !d->failed; si++) {
		int a = st[si].a, b = st[si].b, k = a + 1;
		char name[NAME_MAX_];
		struct table_info *ti;

		if (!dx_is(d, a, "CREATE") && !dx_is(d, a, "ALTER"))
			continue;
		if (dx_is(d, k, "TEMP") || dx_is(d, k, "TEMPORARY"))
			k++;
		if (dx_is(d, a, "CREATE") && dx_is(d, k, "TABLE")) {
			prepass_table(d, si, a, b);
		} else if (dx_is(d, a, "CREATE") && dx_is(d, k, "UNIQUE")) {
			int on = dx_find0(d, k, b, "ON");
			if (on < 0)
				continue;
			dx_ident_text(d, on + 1, name, sizeof(name));
			if ((ti = table_find(d, name, -1)))
				ti->nunique++;
		} else if (dx_is(d, a, "ALTER") && dx_is(d, k, "TABLE") && dx_is(d, k + 2, "ADD")) {
			int c = dx_is(d, k + 3, "COLUMN") ? k + 4 : k + 3;
			dx_ident_text(d, k + 1, name, sizeof(name));
			if ((ti = table_find(d, name, si)) && dx_is_name(d, c))
				add_column(d, ti, c, b);
		}
	}
}

/* --- statements ----------------------------------------------------------- */

/* The end of a column's REFERENCES clause at k. */
static int fk_end(struct dx *d, int k, int e)
{
	for (k++; k < e; k++) {
		if (dx_op(d, k, "(")) {
			k = dx_match(d, k, e);
			continue;
		}
		if (dx_is(d, k, "CONSTRAINT") || dx_is(d, k, "PRIMARY") || dx_is(d, k, "UNIQUE") || dx_is(d, k, "CHECK") ||
		    dx_is(d, k, "DEFAULT") || dx_is(d, k, "COLLATE") || dx_is(d, k, "GENERATED") || dx_is(d, k, "AS") ||
		    dx_is(d, k, "REFERENCES") || (dx_is(d, k, "NOT") && dx_is(d, k + 1, "NULL")) ||
		    (dx_is(d, k, "NULL") && !dx_is(d, k - 1, "SET")))
			return k;
	}
	return e;
}

/* Translate [a, b) into a string of its own (malloc'd). */
static char *xlate_alone(struct dx *d, int a, int b, const char *prefix)
{
	struct buf s = BUF_INIT, *keep = d->out;
	int fresh = d->fresh;

	d->out = &s;
	d->fresh = 1;
	dx_put(d, prefix);
	dx_xlate(d, a, b);
	d->out = keep;
	d->fresh = fresh;
	if (s.err || !s.data) {
		buf_release(&s);
		dx_fail(d, "out of memory");
		return NULL;
	}
	return s.data;
}

static void defer_fk(struct dx *d, int target, const char *table, int col, int a, int b)
{
	char prefix[3 * NAME_MAX_ + 64], cname[NAME_MAX_];
	struct fk *f;

	if (d->nfks == (int)(sizeof(d->fks) / sizeof(d->fks[0]))) {
		dx_fail(d, "too many forward foreign keys");
		return;
	}
	f = &d->fks[d->nfks];
	dx_ident_text(d, target, f->table, sizeof(f->table));
	if (col >= 0) {
		dx_ident_text(d, col, cname, sizeof(cname));
		snprintf(prefix, sizeof(prefix), "ALTER TABLE \"%s\" ADD FOREIGN KEY (\"%s\")", table, cname);
	} else {
		snprintf(prefix, sizeof(prefix), "ALTER TABLE \"%s\" ADD", table);
	}
	if ((f->sql = xlate_alone(d, a, b, prefix)))
		d->nfks++;
}

/* A column's definition [s, e): name, type, constraints. */
static void coldef(struct dx *d, int s, int e, const char *table, int in_create)
{
	int k = s + 1, integer = 0, j;
	char type[32];

	if (!dx_is_name(d, s)) {
		dx_fail(d, "a column without a name");
		return;
	}
	dx_emit(d, s);
	while (k < e && d->t[k].type == TK_WORD && !dx_is(d, k, "CONSTRAINT") && !dx_is(d, k, "PRIMARY") &&
	       !dx_is(d, k, "NOT") && !dx_is(d, k, "NULL") && !dx_is(d, k, "UNIQUE") && !dx_is(d, k, "CHECK") &&
	       !dx_is(d, k, "DEFAULT") && !dx_is(d, k, "COLLATE") && !dx_is(d, k, "REFERENCES") && !dx_is(d, k, "GENERATED") &&
	       !dx_is(d, k, "AS")) {
		k++;
		if (dx_op(d, k, "("))
			k = dx_match(d, k, e) + 1;
	}
	if (dx_map_type(d, s + 1, k, type, sizeof(type), &integer) < 0)
		return;
	if (integer && in_create && dx_find0(d, k, e, "PRIMARY") >= 0)
		dx_kw(d, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
	else
		dx_kw(d, type);
	j = k;
	while (j < e && !d->failed) {
		int sp = j, depth = 0;
		/* the run up to the next constraint needing a rule */
		for (; sp < e; sp++) {
			if (dx_op(d, sp, "("))
				depth++;
			else if (dx_op(d, sp, ")"))
				depth--;
			else if (depth == 0 && (dx_is(d, sp, "AUTOINCREMENT") || dx_is(d, sp, "PRIMARY") ||
						dx_is(d, sp, "REFERENCES") || (dx_is(d, sp, "ON") && dx_is(d, sp + 1, "CONFLICT")) ||
						dx_is(d, sp, "GENERATED") || dx_is(d, sp, "AS")))
				break;
		}
		dx_xlate(d, j, sp);
		if (sp >= e)
			break;
		if (dx_is(d, sp, "AUTOINCREMENT")) {
			j = sp + 1;
		} else if (dx_is(d, sp, "PRIMARY")) {
			dx_emit(d, sp);
			dx_emit(d, sp + 1);
			j = sp + 2;
			if (dx_is(d, j, "ASC") || dx_is(d, j, "DESC"))
				j++;
		} else if (dx_is(d, sp, "ON")) {
			dx_fail(d, "cannot translate a constraint's ON CONFLICT clause");
		} else if (dx_is(d, sp, "REFERENCES")) {
			int end = fk_end(d, sp, e);
			if (in_create && made_later(d, sp + 1))
				defer_fk(d, sp + 1, table, s, sp, end);
			else
				dx_xlate(d, sp, end);
			j = end;
		} else {
			/* GENERATED ALWAYS AS (expr) STORED, or AS (expr) */
			int as = dx_is(d, sp, "AS") ? sp : sp + 2, close;
			if (!dx_is(d, as, "AS") || !dx_op(d, as + 1, "(")) {
				dx_fail(d, "cannot translate a generated column");
				return;
			}
			close = dx_match(d, as + 1, e);
			if (!dx_is(d, close + 1, "STORED")) {
				dx_fail(d, "cannot translate a VIRTUAL generated column (PostgreSQL 15 stores them)");
				return;
			}
			dx_kw(d, "GENERATED ALWAYS AS");
			dx_xlate(d, as + 1, close + 2);
			j = close + 2;
		}
	}
}

static void flush_fks(struct dx *d, const char *table)
{
	for (int k = 0; k < d->nfks; k++) {
		if (!d->fks[k].sql || strcmp(d->fks[k].table, table) != 0)
			continue;
		dx_begin_stmt(d);
		dx_put(d, d->fks[k].sql);
		free(d->fks[k].sql);
		d->fks[k].sql = NULL;
	}
}

static void create_table(struct dx *d, int a, int b, int k)
{
	struct stmt_range el[MAX_COLS];
	char name[NAME_MAX_];
	int open, close, n, out = 0;

	if (dx_is(d, k, "IF"))
		k += 3;
	if (!dx_is_name(d, k)) {
		dx_fail(d, "CREATE TABLE without a name");
		return;
	}
	dx_ident_text(d, k, name, sizeof(name));
	if (dx_is(d, k + 1, "AS")) {
		dx_begin_stmt(d);
		dx_xlate(d, a, b);
		return;
	}
	open = k + 1;
	if (!dx_op(d, open, "(")) {
		dx_fail(d, "cannot translate this CREATE TABLE");
		return;
	}
	close = dx_match(d, open, b);
	n = elements(d, open, close, el, MAX_COLS);
	dx_begin_stmt(d);
	dx_xlate(d, a, open);
	dx_emit(d, open);
	for (int j = 0; j < n && !d->failed; j++) {
		int s = el[j].a, e = el[j].b, c = s;
		if (dx_is(d, c, "CONSTRAINT"))
			c += 2;
		if (dx_is(d, c, "FOREIGN")) {
			int ref = dx_find0(d, c, e, "REFERENCES");
			if (ref >= 0 && made_later(d, ref + 1)) {
				defer_fk(d, ref + 1, name, -1, s, e);
				continue;
			}
		}
		if (out++)
			dx_put(d, ",");
		if (table_constraint(d, s)) {
			if (dx_find0(d, s, e, "ON") >= 0 && dx_is(d, dx_find0(d, s, e, "ON") + 1, "CONFLICT")) {
				dx_fail(d, "cannot translate a constraint's ON CONFLICT clause");
				return;
			}
			dx_xlate(d, s, e);
		} else {
			coldef(d, s, e, name, 1);
		}
	}
	dx_emit(d, close);
	for (int j = close + 1; j < b; j++) {
		if (dx_op(d, j, ",") || dx_is(d, j, "STRICT"))
			continue;
		if (dx_is(d, j, "WITHOUT") && dx_is(d, j + 1, "ROWID")) {
			j++;
			continue;
		}
		dx_fail(d, "cannot translate the table option %.*s", d->t[j].len, d->t[j].s);
		return;
	}
}

/* CREATE VIRTUAL TABLE name USING fts5(cols, options): a table with the
 * columns, the document vector tsv and its GIN index; the search module
 * fills tsv. */
static void create_virtual(struct dx *d, int b, int k)
{
	char name[NAME_MAX_], idx[NAME_MAX_ + 8];
	int ifne = 0, open, close, n, arg[MAX_COLS];

	k += 2; /* VIRTUAL TABLE */
	if (dx_is(d, k, "IF")) {
		ifne = 1;
		k += 3;
	}
	if (!dx_is_name(d, k) || !dx_is(d, k + 1, "USING")) {
		dx_fail(d, "cannot translate this CREATE VIRTUAL TABLE");
		return;
	}
	dx_ident_text(d, k, name, sizeof(name));
	if (!dx_is(d, k + 2, "fts5") || !dx_op(d, k + 3, "(")) {
		dx_fail(d, "cannot translate a virtual table of module %.*s (only fts5)", d->t[k + 2].len, d->t[k + 2].s);
		return;
	}
	open = k + 3;
	n = dx_args_of(d, open, b, arg, MAX_COLS, &close);
	if (n > MAX_COLS) {
		dx_fail(d, "too many columns");
		return;
	}
	dx_begin_stmt(d);
	dx_put(d, ifne ? "CREATE TABLE IF NOT EXISTS" : "CREATE TABLE");
	dx_put_ident(d, name, 1);
	dx_put(d, " (rowid BIGINT PRIMARY KEY");
	for (int j = 0; j < n && !d->failed; j++) {
		int s = arg[j];
		if (dx_op(d, s + 1, "=")) {
			static const char *const opts[] = { "tokenize", "prefix", "content", "content_rowid", "columnsize",
							    "detail", "contentless_delete", "tokendata", NULL };
			int ok = 0;
			for (int o = 0; opts[o]; o++)
				ok |= dx_ident_eq(d, s, opts[o]);
			if (!ok)
				dx_fail(d, "cannot translate the fts5 option %.*s", d->t[s].len, d->t[s].s);
			continue;
		}
		if (!dx_is_name(d, s) && d->t[s].type != TK_STR) {
			dx_fail(d, "cannot translate this fts5 column");
			return;
		}
		dx_glue(d, ", ", 0);
		if (d->t[s].type == TK_STR) {
			char col[NAME_MAX_];
			snprintf(col, sizeof(col), "%.*s", d->t[s].len - 2, d->t[s].s + 1);
			dx_put_ident(d, col, 1);
		} else {
			dx_emit(d, s);
		}
		dx_kw(d, "TEXT");
	}
	dx_put(d, ", tsv tsvector)");
	dx_begin_stmt(d);
	snprintf(idx, sizeof(idx), "%s_tsv", name);
	dx_put(d, ifne ? "CREATE INDEX IF NOT EXISTS" : "CREATE INDEX");
	dx_put_ident(d, idx, 1);
	dx_kw(d, "ON");
	dx_put_ident(d, name, 1);
	dx_kw(d, "USING gin (tsv)");
}

static void create_index(struct dx *d, int a, int b, int k)
{
	int on = dx_find0(d, k, b, "ON"), open, close, s;

	if (on < 0 || !dx_op(d, on + 2, "(")) {
		dx_fail(d, "cannot translate this CREATE INDEX");
		return;
	}
	open = on + 2;
	close = dx_match(d, open, b);
	dx_begin_stmt(d);
	dx_xlate(d, a, open);
	dx_emit(d, open);
	for (s = open + 1; s < close && !d->failed;) {
		int e = dx_term_end(d, s, close);
		dx_xlate(d, s, e);
		dx_nulls_suffix(d, s, e);
		if (e < close)
			dx_emit(d, e);
		s = e + 1;
	}
	dx_emit(d, close);
	dx_xlate(d, close + 1, b);
}

/* --- INSERT ------------------------------------------------------------- */

static const char *const fts_commands[] = { "optimize", "rebuild", "merge", "automerge", "crisismerge",
					    "usermerge", "pgsz", "rank", "integrity-check", "secure-delete",
					    "deletemerge", NULL };

/* ON CONFLICT for INSERT OR REPLACE: only where the script says the
 * table's one key, and the insert gives every column (REPLACE resets the
 * columns it does not give). */
static void replace_clause(struct dx *d, int tname, int cols, int colsend)
{
	char name[NAME_MAX_], col[NAME_MAX_];
	struct table_info *ti;
	int n = 0;

	dx_ident_text(d, tname, name, sizeof(name));
	ti = table_find(d, name, d->stmt);
	if (!ti || ti->nunique != 1 || ti->nkey == 0) {
		dx_fail(d, "cannot translate INSERT OR REPLACE into %s (its one key is not known here: write "
		     "INSERT ... ON CONFLICT (...) DO UPDATE)", name);
		return;
	}
	if (cols >= 0) {
		for (int c = cols + 1; c < colsend; c++)
			if (dx_is_name(d, c))
				n++;
		if (n != ti->ncols) {
			dx_fail(d, "cannot translate INSERT OR REPLACE into %s naming only some columns (write "
			     "INSERT ... ON CONFLICT (...) DO UPDATE)", name);
			return;
		}
	}
	dx_kw(d, "ON CONFLICT (");
	for (int k = 0; k < ti->nkey; k++) {
		if (k)
			dx_put(d, ",");
		dx_put_ident(d, ti->key[k], k ? 1 : 0);
	}
	dx_put(d, ")");
	n = 0;
	for (int c = 0; c < ti->ncols; c++) {
		int key = 0;
		for (int k = 0; k < ti->nkey; k++)
			key |= strcmp(ti->key[k], ti->cols[c]) == 0;
		if (key)
			continue;
		if (n++)
			dx_put(d, ",");
		else
			dx_kw(d, "DO UPDATE SET");
		snprintf(col, sizeof(col), "%s", ti->cols[c]);
		dx_put_ident(d, col, 1);
		dx_kw(d, "= excluded.");
		dx_put_ident(d, col, 0);
	}
	if (!n)
		dx_kw(d, "DO NOTHING");
}

/* The SET of ON CONFLICT ... DO UPDATE SET at conf, or -1. */
static int upsert_set(struct dx *d, int conf, int e)
{
	int up = dx_find0(d, conf, e, "UPDATE");

	return up > 0 && dx_is(d, up - 1, "DO") && dx_is(d, up + 1, "SET") ? up + 1 : -1;
}

/* a = expr, ... [WHERE expr] of DO UPDATE SET in [s, e): the expressions'
 * bare columns name table's row.  (Not where a subquery reads other
 * tables: there they stay as they are.) */
static void upsert_assignments(struct dx *d, int s, int e, const char *table)
{
	int sub = 0;

	for (int k = s; k < e; k++)
		if (dx_is(d, k, "SELECT"))
			sub = 1;
	while (s < e && !d->failed) {
		int end = s, depth = 0, eq = -1;
		for (; end < e; end++) {
			if (dx_op(d, end, "("))
				depth++;
			else if (dx_op(d, end, ")"))
				depth--;
			else if (depth == 0 && (dx_op(d, end, ",") || dx_is(d, end, "WHERE")))
				break;
			else if (depth == 0 && eq < 0 && dx_op(d, end, "="))
				eq = end;
		}
		if (eq < 0) {
			dx_fail(d, "cannot translate this ON CONFLICT DO UPDATE SET");
			return;
		}
		dx_xlate(d, s, eq + 1);
		d->qualify = sub ? NULL : table;
		dx_xlate(d, eq + 1, end);
		d->qualify = NULL;
		if (end < e && dx_op(d, end, ",")) {
			dx_emit(d, end);
			s = end + 1;
			continue;
		}
		if (end < e) {
			/* WHERE */
			dx_emit(d, end);
			d->qualify = sub ? NULL : table;
			dx_xlate(d, end + 1, e);
			d->qualify = NULL;
		}
		return;
	}
}

static void insert(struct dx *d, int a, int b)
{
	int ins = dx_find0(d, a, b, "INSERT"), rep = dx_find0(d, a, b, "REPLACE"), mode = 0, p, tname, q;
	int cols = -1, colsend = -1, ret, conf = -1, alias = -1, set;

	/* the first of INSERT and REPLACE at depth 0 (b: neither) */
	if (ins < 0 || (rep >= 0 && rep < ins))
		ins = rep;
	if (ins < 0)
		ins = b;
	if (dx_is(d, ins, "REPLACE")) {
		mode = 2;
		p = ins + 1;
	} else if (dx_is(d, ins + 1, "OR")) {
		if (dx_is(d, ins + 2, "IGNORE"))
			mode = 1;
		else if (dx_is(d, ins + 2, "REPLACE"))
			mode = 2;
		else if (!dx_is(d, ins + 2, "ABORT")) {
			dx_fail(d, "cannot translate INSERT OR %.*s", d->t[ins + 2].len, d->t[ins + 2].s);
			return;
		}
		p = ins + 3;
	} else {
		p = ins + 1;
	}
	if (!dx_is(d, p, "INTO") || !dx_is_name(d, p + 1)) {
		dx_fail(d, "cannot translate this INSERT");
		return;
	}
	tname = p + 1;
	if (dx_op(d, tname + 1, ".")) {
		dx_fail(d, "cannot translate a schema-qualified INSERT target");
		return;
	}
	q = tname + 1;
	if (dx_is(d, q, "AS")) {
		alias = q + 1;
		q += 2;
	}
	if (dx_op(d, q, "(")) {
		cols = q;
		colsend = dx_match(d, q, b);
		q = colsend + 1;
	}
	/* FTS5 commands: INSERT INTO t(t) VALUES ('optimize') */
	if (cols >= 0 && dx_is_name(d, cols + 1)) {
		char tn[NAME_MAX_], cn[NAME_MAX_];
		dx_ident_text(d, tname, tn, sizeof(tn));
		dx_ident_text(d, cols + 1, cn, sizeof(cn));
		if (strcmp(tn, cn) == 0) {
			const struct tok *c = &d->t[q + 2];
			if (!dx_is(d, q, "VALUES") || !dx_op(d, q + 1, "(") || c->type != TK_STR) {
				dx_fail(d, "cannot translate this FTS5 command");
				return;
			}
			for (int k = 0; fts_commands[k]; k++)
				if ((size_t)c->len == strlen(fts_commands[k]) + 2 &&
				    strncasecmp(c->s + 1, fts_commands[k], strlen(fts_commands[k])) == 0)
					return;
			if (c->len == 12 && strncasecmp(c->s, "'delete-all'", 12) == 0) {
				dx_begin_stmt(d);
				dx_put(d, "DELETE FROM");
				dx_put_ident(d, tn, 1);
				return;
			}
			dx_fail(d, "cannot translate the FTS5 command %.*s", c->len, c->s);
			return;
		}
	}
	ret = dx_find0(d, q, b, "RETURNING");
	for (int k = dx_find0(d, q, b, "ON"); k >= 0; k = dx_find0(d, k + 1, b, "ON"))
		if (dx_is(d, k + 1, "CONFLICT"))
			conf = k;
	if (mode && conf >= 0) {
		dx_fail(d, "cannot translate INSERT OR IGNORE/REPLACE with an ON CONFLICT clause");
		return;
	}
	dx_begin_stmt(d);
	dx_xlate(d, a, ins);
	dx_putn(d, "INSERT", 6, d->t[ins].ws);
	if (conf >= 0 && (set = upsert_set(d, conf, ret >= 0 ? ret : b)) > 0) {
		/* ON CONFLICT ... DO UPDATE SET: SQLite's bare columns are the row
		 * there, PostgreSQL's are ambiguous with excluded's */
		char qual[NAME_MAX_];
		dx_ident_text(d, alias >= 0 ? alias : tname, qual, sizeof(qual));
		dx_xlate(d, p, set + 1);
		upsert_assignments(d, set + 1, ret >= 0 ? ret : b, qual);
	} else {
		dx_xlate(d, p, ret >= 0 ? ret : b);
	}
	if (mode == 1)
		dx_kw(d, "ON CONFLICT DO NOTHING");
	else if (mode == 2)
		replace_clause(d, tname, cols, colsend);
	if (ret >= 0)
		dx_xlate(d, ret, b);
}

/* --- triggers ------------------------------------------------------------- */

/* SELECT RAISE(kind, msg) [FROM ...] [WHERE ...] in a trigger's body. */
static void body_raise(struct dx *d, int s, int e, int before)
{
	int open = s + 2, close = dx_match(d, open, e), cond = close + 1, msg = -1;

	int where, from, ignore, abort;

	if (dx_op(d, open + 2, ","))
		msg = open + 3;
	where = cond < e && dx_is(d, cond, "WHERE");
	from = cond < e && dx_is(d, cond, "FROM");
	ignore = dx_is(d, open + 1, "IGNORE");
	abort = (dx_is(d, open + 1, "ABORT") || dx_is(d, open + 1, "FAIL") || dx_is(d, open + 1, "ROLLBACK")) && msg > 0;
	if (cond < e && !where && !from)
		return (void)dx_fail(d, "cannot translate this SELECT RAISE()");
	if (ignore && !before)
		return (void)dx_fail(d, "cannot translate RAISE(IGNORE) in an AFTER trigger");
	if (!ignore && !abort)
		return (void)dx_fail(d, "cannot translate this RAISE()");
	if (where) {
		dx_kw(d, "IF");
		dx_xlate(d, cond + 1, e);
		dx_kw(d, "THEN");
	} else if (from) {
		dx_kw(d, "IF EXISTS (SELECT 1");
		dx_xlate(d, cond, e);
		dx_kw(d, ") THEN");
	}
	if (ignore) {
		dx_kw(d, "RETURN NULL;");
	} else {
		dx_kw(d, "RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE =");
		dx_xlate(d, msg, close);
		dx_put(d, ";");
	}
	if (cond < e)
		dx_kw(d, "END IF;");
}

static void body_stmt(struct dx *d, int s, int e, int before)
{
	d->maxp = 0;
	d->nnames = 0;
	if (dx_is(d, s, "SELECT") && dx_is(d, s + 1, "RAISE") && dx_op(d, s + 2, "(")) {
		body_raise(d, s, e, before);
		return;
	}
	dx_glue(d, "\n", 0);
	if (dx_is(d, s, "SELECT")) {
		dx_putn(d, "PERFORM", 7, 0);
		dx_xlate(d, s + 1, e);
	} else if (dx_is(d, s, "INSERT") || dx_is(d, s, "REPLACE")) {
		insert(d, s, e);
	} else if ((dx_is(d, s, "UPDATE") || dx_is(d, s, "DELETE")) && !dx_is(d, s + 1, "OR")) {
		dx_xlate(d, s, e);
	} else {
		dx_fail(d, "cannot translate the trigger statement %.*s", d->t[s].len, d->t[s].s);
		return;
	}
	dx_put(d, ";");
}

/* A "touch" trigger: AFTER UPDATE ON t ... BEGIN UPDATE t SET a = x, ...
 * WHERE id = NEW.id; END.  In PostgreSQL it would fire itself again; it
 * becomes a BEFORE trigger setting NEW.a.  Returns 1 if [s, e) is one. */
static int touch_body(struct dx *d, int s, int e, int table)
{
	char tn[NAME_MAX_];
	int w;

	dx_ident_text(d, table, tn, sizeof(tn));
	if (!dx_is(d, s, "UPDATE") || !dx_ident_eq(d, s + 1, tn) || !dx_is(d, s + 2, "SET"))
		return 0;
	w = dx_find0(d, s + 3, e, "WHERE");
	return w > 0 && w + 6 == e && dx_ident_eq(d, w + 1, "id") && dx_op(d, w + 2, "=") && dx_is(d, w + 3, "NEW") &&
	       dx_op(d, w + 4, ".") && dx_ident_eq(d, w + 5, "id");
}

static void touch_assign(struct dx *d, int s, int e)
{
	static const char *const words[] = { "CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "NULL", "IS",
					     "IN", "BETWEEN", "CAST", "AS", "TRUE", "FALSE", "NEW", "OLD", "DISTINCT",
					     "COLLATE", "NOCASE", NULL };
	int w = dx_find0(d, s, e, "WHERE"), k = s + 3;

	while (k < w && !d->failed) {
		int end = dx_find0(d, k, w, ",");
		if (end < 0)
			end = w;
		if (!dx_is_name(d, k) || !dx_op(d, k + 1, "=")) {
			dx_fail(d, "cannot translate this trigger's UPDATE ... SET");
			return;
		}
		for (int j = k + 2; j < end; j++) {
			int known = 0;
			if (d->t[j].type != TK_WORD || dx_op(d, j + 1, "(") || dx_op(d, j - 1, "."))
				continue;
			for (int x = 0; words[x]; x++)
				known |= dx_is(d, j, words[x]);
			if (!known) {
				dx_fail(d, "cannot translate a touch trigger whose SET reads the column %.*s (write NEW.%.*s)",
				     d->t[j].len, d->t[j].s, d->t[j].len, d->t[j].s);
				return;
			}
		}
		dx_glue(d, "\nNEW.", 0);
		dx_emit(d, k);
		dx_kw(d, ":=");
		dx_xlate(d, k + 2, end);
		dx_put(d, ";");
		k = end + 1;
	}
}

static void create_trigger(struct dx *d, int a, int b, int k)
{
	char name[NAME_MAX_], fn[NAME_MAX_ + 4];
	int namek, timing, ev, on, table, when = -1, beg, before, event_delete, touch = 0;

	if (k != a + 1) {
		dx_fail(d, "cannot translate a TEMP trigger");
		return;
	}
	k++;
	if (dx_is(d, k, "IF")) {
		dx_fail(d, "cannot translate CREATE TRIGGER IF NOT EXISTS");
		return;
	}
	namek = k++;
	if (!dx_is_name(d, namek)) {
		dx_fail(d, "a trigger without a name");
		return;
	}
	dx_ident_text(d, namek, name, sizeof(name));
	timing = k;
	if (dx_is(d, k, "INSTEAD")) {
		dx_fail(d, "cannot translate an INSTEAD OF trigger");
		return;
	}
	if (dx_is(d, k, "BEFORE") || dx_is(d, k, "AFTER"))
		k++;
	before = !dx_is(d, timing, "AFTER");
	ev = k;
	event_delete = dx_is(d, ev, "DELETE");
	on = dx_find0(d, ev, b, "ON");
	if (on < 0 || !dx_is_name(d, on + 1)) {
		dx_fail(d, "cannot translate this CREATE TRIGGER");
		return;
	}
	table = on + 1;
	k = on + 2;
	if (dx_is(d, k, "FOR"))
		k += 3;
	beg = dx_find0(d, k, b, "BEGIN");
	if (beg < 0 || !dx_is(d, b - 1, "END")) {
		dx_fail(d, "a trigger without BEGIN ... END");
		return;
	}
	if (dx_is(d, k, "WHEN"))
		when = k + 1;
	else if (k != beg) {
		dx_fail(d, "cannot translate this CREATE TRIGGER");
		return;
	}
	/* the body's statements */
	{
		int s = beg + 1, n = 0, only_s = -1, only_e = -1;
		for (int j = beg + 1; j < b - 1; j++)
			if (d->t[j].type == TK_SEMI) {
				if (j > s) {
					n++;
					only_s = s;
					only_e = j;
				}
				s = j + 1;
			}
		if (s < b - 1) {
			dx_fail(d, "a trigger statement without ';'");
			return;
		}
		touch = !before && dx_is(d, ev, "UPDATE") && n == 1 && touch_body(d, only_s, only_e, table);
		snprintf(fn, sizeof(fn), "%s_fn", name);
		dx_begin_stmt(d);
		dx_put(d, "CREATE OR REPLACE FUNCTION");
		dx_put_ident(d, fn, 1);
		dx_put(d, "() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN");
		if (when >= 0) {
			dx_kw(d, "IF");
			dx_xlate(d, when, beg);
			dx_kw(d, "THEN");
		}
		d->in_body = 1;
		if (touch) {
			touch_assign(d, only_s, only_e);
		} else {
			s = beg + 1;
			for (int j = beg + 1; j < b - 1 && !d->failed; j++)
				if (d->t[j].type == TK_SEMI) {
					if (j > s)
						body_stmt(d, s, j, before);
					s = j + 1;
				}
		}
		d->in_body = 0;
		if (when >= 0)
			dx_put(d, "\nEND IF;");
		dx_put(d, touch ? "\nRETURN NEW;\nEND\n$fn$" :
		    !before ? "\nRETURN NULL;\nEND\n$fn$" :
		    event_delete ? "\nRETURN OLD;\nEND\n$fn$" : "\nRETURN NEW;\nEND\n$fn$");
	}
	for (int j = beg; j < b; j++)
		if (d->t[j].len >= 4 && memmem(d->t[j].s, (size_t)d->t[j].len, "$fn$", 4)) {
			dx_fail(d, "a trigger body that says $fn$");
			return;
		}
	dx_begin_stmt(d);
	dx_put(d, "CREATE TRIGGER");
	dx_put_ident(d, name, 1);
	dx_kw(d, touch || before ? "BEFORE" : "AFTER");
	dx_xlate(d, ev, on);
	dx_kw(d, "ON");
	dx_emit(d, table);
	dx_kw(d, "FOR EACH ROW EXECUTE FUNCTION");
	dx_put_ident(d, fn, 1);
	dx_put(d, "()");
}

/* DROP TRIGGER [IF EXISTS] name: PostgreSQL wants the table, which the
 * statement does not say: a block finds it in pg_trigger. */
static void drop_trigger(struct dx *d, int a, int b)
{
	char name[NAME_MAX_], fn[NAME_MAX_ + 4];
	int k = a + 2, ifx = 0;

	if (dx_is(d, k, "IF")) {
		ifx = 1;
		k += 2;
	}
	if (!dx_is_name(d, k) || k + 1 != b || dx_op(d, k + 1, ".")) {
		dx_fail(d, "cannot translate this DROP TRIGGER");
		return;
	}
	dx_ident_text(d, k, name, sizeof(name));
	for (const char *p = name; *p; p++)
		if (*p == '\'' || *p == '%' || *p == '\\') {
			dx_fail(d, "cannot translate DROP TRIGGER of this name");
			return;
		}
	dx_begin_stmt(d);
	buf_printf(d->out, "DO $do$ DECLARE r record; BEGIN\n"
		   "FOR r IN SELECT g.tgrelid::regclass AS t FROM pg_trigger g WHERE g.tgname = '%s'"
		   " AND NOT g.tgisinternal AND pg_table_is_visible(g.tgrelid) LOOP\n"
		   "EXECUTE format('DROP TRIGGER %%I ON %%s', '%s', r.t);\nEND LOOP;\n", name, name);
	if (!ifx)
		buf_printf(d->out, "IF NOT FOUND THEN RAISE EXCEPTION 'no such trigger: %s'; END IF;\n", name);
	buf_puts(d->out, "END $do$");
	d->fresh = 0;
	dx_begin_stmt(d);
	snprintf(fn, sizeof(fn), "%s_fn", name);
	dx_put(d, "DROP FUNCTION IF EXISTS");
	dx_put_ident(d, fn, 1);
	dx_put(d, "()");
}

/* --- views ---------------------------------------------------------------
 *
 * SQLite keeps a view as its text: SELECT * reads the columns the table
 * has when the view is used, and a view outlives what it reads.
 * PostgreSQL expands * when the view is made and refuses to drop what a
 * view reads.  So each view's translated text is kept too, in
 * the schema's view_source (sql/pg/compat.sql), and
 * witan_compat.refresh_views() makes again the views that are missing
 * (and, after ALTER TABLE t ADD COLUMN, those that say * and read t). */

static void view_name_ok(struct dx *d, const char *name)
{
	for (const char *p = name; *p; p++)
		if (*p == '\'' || *p == '\\')
			dx_fail(d, "cannot translate a view of this name");
}

static void create_view(struct dx *d, int a, int b, int k, int temp)
{
	char name[NAME_MAX_];
	size_t start;
	char *text;
	int star = 0;

	if (dx_is(d, k + 1, "IF")) {
		dx_fail(d, "cannot translate CREATE VIEW IF NOT EXISTS");
		return;
	}
	if (!dx_is_name(d, k + 1)) {
		dx_fail(d, "CREATE VIEW without a name");
		return;
	}
	dx_ident_text(d, k + 1, name, sizeof(name));
	view_name_ok(d, name);
	for (int j = k + 2; j < b; j++)
		if (dx_op(d, j, "*") && (dx_is(d, j - 1, "SELECT") || dx_is(d, j - 1, "DISTINCT") || dx_is(d, j - 1, "ALL") ||
				      dx_op(d, j - 1, ",") || dx_op(d, j - 1, ".")))
			star = 1;
	dx_begin_stmt(d);
	start = d->out->len;
	dx_xlate(d, a, b);
	if (temp || d->failed || d->in_body || d->out->err)
		return;
	text = strndup(d->out->data + start, d->out->len - start);
	if (!text) {
		dx_fail(d, "out of memory");
		return;
	}
	if (strstr(text, "$v$")) {
		dx_fail(d, "a view whose text says $v$");
	} else {
		dx_begin_stmt(d);
		buf_printf(d->out, "INSERT INTO view_source(name, star, sql) VALUES ('%s', %s, $v$%s$v$)"
			   " ON CONFLICT (name) DO UPDATE SET star = excluded.star, sql = excluded.sql,"
			   " made = nextval('view_made');\nCALL witan_compat.refresh_views(NULL)",
			   name, star ? "true" : "false", text);
		d->fresh = 0;
	}
	free(text);
}

/* DROP VIEW v: its dependents go with it (CASCADE) and come back from
 * their text as soon as they can. */
static void drop_view(struct dx *d, int a, int b)
{
	char name[NAME_MAX_];
	int k = dx_is(d, a + 2, "IF") ? a + 4 : a + 2;

	if (!dx_is_name(d, k) || k + 1 != b) {
		dx_fail(d, "cannot translate this DROP VIEW");
		return;
	}
	dx_ident_text(d, k, name, sizeof(name));
	view_name_ok(d, name);
	dx_begin_stmt(d);
	dx_xlate(d, a, b);
	dx_kw(d, "CASCADE");
	dx_begin_stmt(d);
	buf_printf(d->out, "DELETE FROM view_source WHERE name = '%s';\n"
		   "CALL witan_compat.refresh_views(NULL)", name);
	d->fresh = 0;
}

static void alter_table(struct dx *d, int a, int b)
{
	char name[NAME_MAX_];
	int add = a + 3, c;

	if (!dx_is(d, add, "ADD")) {
		dx_begin_stmt(d);
		dx_xlate(d, a, b);
		return;
	}
	dx_ident_text(d, a + 2, name, sizeof(name));
	c = dx_is(d, add + 1, "COLUMN") ? add + 2 : add + 1;
	dx_begin_stmt(d);
	dx_xlate(d, a, add);
	dx_kw(d, "ADD COLUMN");
	coldef(d, c, b, name, 0);
	if (d->in_body)
		return;
	view_name_ok(d, name);
	dx_begin_stmt(d);
	buf_printf(d->out, "CALL witan_compat.refresh_views('%s')", name);
	d->fresh = 0;
}

static void statement(struct dx *d, int a, int b)
{
	int k = a + 1;

	d->maxp = 0;
	d->nnames = 0;
	if (dx_is(d, a, "PRAGMA")) {
		if (!d->script)
			dx_fail(d, "cannot translate PRAGMA (the db layer handles pragmas)");
		return;
	}
	if (dx_is(d, a, "EXPLAIN") || dx_is(d, a, "ATTACH") || dx_is(d, a, "DETACH")) {
		dx_fail(d, "cannot translate %.*s", d->t[a].len, d->t[a].s);
		return;
	}
	if (dx_is(d, a, "CREATE")) {
		if (dx_is(d, k, "TEMP") || dx_is(d, k, "TEMPORARY"))
			k++;
		if (dx_is(d, k, "TABLE")) {
			char name[NAME_MAX_];
			int n = dx_is(d, k + 1, "IF") ? k + 4 : k + 1;
			create_table(d, a, b, k + 1);
			if (dx_is_name(d, n)) {
				dx_ident_text(d, n, name, sizeof(name));
				flush_fks(d, name);
			}
			return;
		}
		if (dx_is(d, k, "VIRTUAL")) {
			create_virtual(d, b, k);
			return;
		}
		if (dx_is(d, k, "TRIGGER")) {
			create_trigger(d, a, b, k);
			return;
		}
		if (dx_is(d, k, "UNIQUE"))
			k++;
		if (dx_is(d, k, "INDEX")) {
			create_index(d, a, b, k);
			return;
		}
		if (dx_is(d, k, "VIEW")) {
			create_view(d, a, b, k, k != a + 1);
			return;
		}
	}
	if (dx_is(d, a, "DROP") && dx_is(d, a + 1, "VIEW")) {
		drop_view(d, a, b);
		return;
	}
	if (dx_is(d, a, "DROP") && dx_is(d, a + 1, "TRIGGER")) {
		drop_trigger(d, a, b);
		return;
	}
	if (dx_is(d, a, "INSERT") || dx_is(d, a, "REPLACE") || (dx_is(d, a, "WITH") && dx_find0(d, a, b, "INSERT") >= 0)) {
		insert(d, a, b);
		return;
	}
	if (dx_is(d, a, "UPDATE") && dx_is(d, a + 1, "OR")) {
		if (!dx_is(d, a + 2, "ABORT")) {
			dx_fail(d, "cannot translate UPDATE OR %.*s", d->t[a + 2].len, d->t[a + 2].s);
			return;
		}
		dx_begin_stmt(d);
		dx_emit(d, a);
		dx_xlate(d, a + 3, b);
		return;
	}
	if (dx_is(d, a, "ALTER") && dx_is(d, a + 1, "TABLE")) {
		alter_table(d, a, b);
		return;
	}
	if (dx_is(d, a, "BEGIN")) {
		dx_begin_stmt(d);
		dx_put(d, "BEGIN");
		return;
	}
	dx_begin_stmt(d);
	dx_xlate(d, a, b);
}

/* The tokens of sql and its statements' ranges, in a fresh d: 0, or -1
 * with the message in err (the caller frees d->t and *st either way). */
static int dx_start(struct dx *d, const char *sql, struct buf *out, char *err, size_t errlen,
		    struct stmt_range **st, int *n)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->err = err;
	d->errlen = errlen;
	if (errlen)
		err[0] = 0;
	*st = NULL;
	*n = 0;
	return dx_tokenize(d, sql) < 0 || dx_split(d, st, n) < 0 ? -1 : 0;
}

int dialect_pg(const char *sql, struct buf *out, char *err, size_t errlen)
{
	struct dx d;
	struct stmt_range *st;
	int n, rc = -1;

	if (dx_start(&d, sql, out, err, errlen, &st, &n) < 0)
		goto out;
	d.script = n > 1;
	prepass(&d, st, n);
	for (int k = 0; k < n && !d.failed; k++) {
		d.stmt = k;
		statement(&d, st[k].a, st[k].b);
	}
	if (!d.failed && out->err)
		dx_fail(&d, "out of memory");
	rc = d.failed ? -1 : 0;
out:
	for (int k = 0; k < d.nfks; k++)
		free(d.fks[k].sql);
	free(d.tabs);
	free(d.t);
	free(st);
	return rc;
}

int dialect_split(const char *sql, struct dialect_span **out, char *err, size_t errlen)
{
	struct dx d;
	struct stmt_range *st;
	int n, rc = -1;

	*out = NULL;
	if (dx_start(&d, sql, NULL, err, errlen, &st, &n) < 0)
		goto out;
	if (n > 0 && !(*out = calloc((size_t)n, sizeof(**out)))) {
		dx_fail(&d, "out of memory");
		goto out;
	}
	for (int k = 0; k < n; k++) {
		const struct tok *a = &d.t[st[k].a], *z = &d.t[st[k].b - 1];
		(*out)[k].off = (size_t)(a->s - sql);
		(*out)[k].len = (size_t)(z->s + z->len - a->s);
	}
	rc = n;
out:
	free(d.t);
	free(st);
	return rc;
}
