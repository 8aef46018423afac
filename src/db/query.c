/* query.c: running bound statements (a statement's parameters as one
 * list of values) and reading rows into structs by a table of columns.
 * See db_int.h. */
#include "db/db_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/public.h"
#include "util/markdown.h"
#include "util/banned.h"

int db_bind_md(struct stmt *s, int i, const char *md)
{
	char *html;
	int rc;

	if (!md || !*md) {
		st_bind_null(s, i);
		return st_bind_null(s, i + 1);
	}
	if (!(html = markdown_to_html(md, strlen(md))))
		return DB_BIND_MD;
	rc = st_bind_text(s, i, md) < 0 || st_bind_text(s, i + 1, html) < 0 ? -1 : 0;
	free(html);
	return rc;
}

int db_bind(struct stmt *s, const struct dbv *a)
{
	int p = 1, last = st_param_count(s), rc = 0;

	for (; a && a->k != DBV_END && p <= last && rc == 0; a++) {
		switch (a->k) {
		case DBV_INT:
			rc = st_bind_int(s, p++, a->i);
			break;
		case DBV_ID:
			rc = st_bind_id(s, p++, a->i);
			break;
		case DBV_TEXT:
			rc = st_bind_text(s, p++, a->t);
			break;
		case DBV_TEXTN:
			rc = st_bind_textn(s, p++, a->t, (size_t)a->i);
			break;
		case DBV_MD:
			rc = db_bind_md(s, p, a->t);
			p += 2;
			break;
		case DBV_NULL:
		case DBV_END:
			rc = st_bind_null(s, p++);
			break;
		}
	}
	return rc;
}

struct stmt *db_query(struct db *db, const char *sql, const struct dbv *a)
{
	struct stmt *s = db_stmt(db, sql);
	int rc;

	if (!s)
		return NULL;
	if ((rc = db_bind(s, a)) != 0) {
		if (rc == DB_BIND_MD)
			snprintf(db->err, sizeof(db->err), "rendering Markdown failed");
		else
			db_fail(db, "binding");
		return NULL;
	}
	return s;
}

int db_run(struct db *db, const char *sql, const char *what, const struct dbv *a)
{
	return db_step_done(db, db_query(db, sql, a), what);
}

int64_t db_insert(struct db *db, const char *sql, const char *what, const struct dbv *a)
{
	if (db_run(db, sql, what, a) < 0)
		return -1;
	return db_last_id(db);
}

int db_changed_one(struct db *db, const char *what)
{
	if (db_changes(db) == 1)
		return 0;
	snprintf(db->err, sizeof(db->err), "no such %s", what);
	return -1;
}

int db_int_of(struct db *db, const char *sql, const struct dbv *a, int64_t *v)
{
	struct stmt *s = db_query(db, sql, a);
	int rc = db_get_one(db, s);

	if (rc == 1) {
		*v = col_int(s, 0);
		st_reset(s);
	}
	return rc;
}

char *db_text_of(struct db *db, const char *sql, const struct dbv *a)
{
	struct stmt *s = db_query(db, sql, a);
	char *out = NULL;

	if (!s)
		return NULL;
	if (st_step(s) == ST_ROW && col_text(s, 0))
		out = strdup(col_text(s, 0));
	st_reset(s);
	return out;
}

int db_fill(struct stmt *s, int col, const struct rcol *cols, void *row)
{
	for (; cols->k != RK_END; cols++) {
		char *at = (char *)row + cols->off;
		int64_t i;
		const char *t;

		switch (cols->k) {
		case RK_I64:
			i = col_int(s, col);
			memcpy(at, &i, sizeof(i));
			break;
		case RK_INT:
			*(int *)(void *)at = (int)col_int(s, col);
			break;
		case RK_UINT:
			*(unsigned *)(void *)at = (unsigned)col_int(s, col);
			break;
		case RK_TEXT:
			t = col_text(s, col);
			memcpy(at, &t, sizeof(t));
			break;
		case RK_BUF:
			t = col_text(s, col);
			snprintf(at, cols->n, "%s", t ? t : "");
			break;
		case RK_SUB:
			col = db_fill(s, col, cols->sub, at);
			continue;
		case RK_END:
			break;
		}
		col++;
	}
	return col;
}

/* The bytes the text members of row take (with their NULs), or, with
 * to set, copy them there and point the members at the copies. */
static size_t text_size(const struct rcol *cols, void *row, char **to)
{
	size_t n = 0;

	for (; cols->k != RK_END; cols++) {
		char *at = (char *)row + cols->off;
		const char *t;

		if (cols->k == RK_SUB) {
			n += text_size(cols->sub, at, to);
		} else if (cols->k == RK_TEXT) {
			memcpy(&t, at, sizeof(t));
			if (!t)
				continue;
			n += strlen(t) + 1;
			if (to) {
				size_t k = strlen(t) + 1;
				memcpy(*to, t, k);
				t = *to;
				memcpy(at, &t, sizeof(t));
				*to += k;
			}
		}
	}
	return n;
}

/* The row's text copied into one block kept with the statement's cache
 * entry (until the statement's next row, as SQLite's own text was), so
 * that the statement can be reset at once: a row held while its caller
 * writes keeps no read transaction open, which would make that write's
 * BEGIN IMMEDIATE fail at once with SQLITE_BUSY when another connection
 * has committed meanwhile. */
static int keep_text(struct db *db, struct stmt *s, const struct rcol *cols, void *row)
{
	size_t n = text_size(cols, row, NULL);
	char *block, *to;

	if (n == 0)
		return 0;
	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].stmt != s)
			continue;
		if (!(block = malloc(n)))
			return -1;
		to = block;
		text_size(cols, row, &to);
		free(db->cache[i].kept);
		db->cache[i].kept = block;
		return 0;
	}
	return -1;
}

int db_row(struct db *db, const char *sql, const struct dbv *a, const struct rcol *cols, void *row)
{
	struct stmt *s = db_query(db, sql, a);
	int rc = db_get_one(db, s);

	if (rc != 1)
		return rc;
	db_fill(s, 0, cols, row);
	rc = keep_text(db, s, cols, row);
	st_reset(s);
	if (rc < 0) {
		snprintf(db->err, sizeof(db->err), "out of memory copying a row");
		return -1;
	}
	return 1;
}

int db_list(struct db *db, struct cursor *c, const char *sql, const struct dbv *a)
{
	c->db = db;
	c->err = 0;
	c->s = db_query(db, sql, a);
	if (!c->s) {
		c->err = 1;
		return -1;
	}
	return 0;
}

int db_cursor_step(struct cursor *c)
{
	int rc;

	if (!c->s)
		return 0;
	rc = st_step(c->s);
	if (rc == ST_ROW)
		return 1;
	if (rc != ST_DONE) {
		c->err = 1;
		db_fail(c->db, "query");
		fprintf(stderr, "witan: %s\n", c->db->err);
	}
	st_reset(c->s);
	c->s = NULL;
	return 0;
}

int db_cursor_next(struct cursor *c, const struct rcol *cols, void *row)
{
	if (!db_cursor_step(c))
		return 0;
	db_fill(c->s, 0, cols, row);
	return 1;
}
