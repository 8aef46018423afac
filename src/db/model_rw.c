/* model_rw.c: reading and writing any entity of the model (see model.h)
 * with SQL generated from its fields.  The statements are built once per
 * process (the statement cache keys on their addresses), from the model's
 * constant names only, and bound with the values. */
#include "db/model.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "db/rows_int.h"
#include "util/buf.h"
#include "util/banned.h"

/* The hosting body a new row belongs to (the first one, as pub_body). */
#define BODY_ID "(SELECT id FROM body WHERE deleted = 0 ORDER BY id LIMIT 1)"

struct msql {
	char *get, *pub_get, *list, *list_page, *count, *audit, *insert, *update;
	int update_id;          /* the parameter number of the id in update */
};
static struct msql sq[M_NENTITIES];
static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static int sq_ok;

static char *take(struct buf *b)
{
	char *s = b->err ? NULL : b->data;
	if (!s)
		buf_release(b);
	*b = (struct buf)BUF_INIT;
	return s;
}

static int has_deleted(const struct mentity *e)
{
	return model_field(e, "deleted") != NULL;
}

/* Written by model_save: typed in the form, or the HTML of such a field. */
static int written(const struct mentity *e, int i)
{
	if (e->fields[i].flags & MF_EDIT)
		return 1;
	return e->fields[i].type == MT_HTML && i > 0 && (e->fields[i - 1].flags & MF_EDIT);
}

/* A required reference not typed in the form: the row's parent (an
 * interest's member), set when the row is created and never changed. */
static int parent_ref(const struct mentity *e, int i)
{
	const struct mfield *f = &e->fields[i];

	return f->type == MT_REF && (f->flags & MF_REQ) && !(f->flags & MF_EDIT);
}

static void build(void)
{
	for (int k = 0; k < M_NENTITIES; k++) {
		const struct mentity *e = &model[k];
		const char *a = e->alias;
		struct buf b = BUF_INIT, cols = BUF_INIT;
		int n = 0, p = 0;

		for (int i = 0; i < e->nfields; i++) {
			const struct mfield *f = &e->fields[i];
			if (f->cls == 'V')
				buf_printf(&cols, "%s%s AS %s", i ? ", " : "", f->expr, f->col);
			else
				buf_printf(&cols, "%s%s.%s", i ? ", " : "", a, f->col);
		}
		buf_printf(&b, "SELECT %s FROM \"%s\" %s WHERE %s.id = ?1%s%s%s", cols.data, e->table, a, a,
			   has_deleted(e) ? " AND " : "", has_deleted(e) ? a : "", has_deleted(e) ? ".deleted = 0" : "");
		sq[k].get = take(&b);
		buf_puts(&b, "SELECT ");
		for (int i = 0; i < e->nfields; i++) {
			const struct mfield *f = &e->fields[i];
			buf_puts(&b, i ? ", " : "");
			if (f->cls == 'I')
				buf_puts(&b, "NULL");
			else if (f->cls == 'V')
				buf_puts(&b, f->expr);
			else
				buf_printf(&b, "v.%s", f->col);
		}
		buf_printf(&b, " FROM pub_%s v WHERE v.id = ?1", e->table);
		sq[k].pub_get = take(&b);
		buf_printf(&b, "SELECT %s FROM \"%s\" %s%s%s%s ORDER BY %s", cols.data, e->table, a,
			   has_deleted(e) ? " WHERE " : "", has_deleted(e) ? a : "", has_deleted(e) ? ".deleted = 0" : "",
			   e->order);
		sq[k].list = take(&b);
		buf_printf(&b, "%s LIMIT ?1 OFFSET ?2", sq[k].list ? sq[k].list : "");
		sq[k].list_page = take(&b);
		buf_printf(&b, "SELECT count(*) FROM \"%s\"%s", e->table, has_deleted(e) ? " WHERE deleted = 0" : "");
		sq[k].count = take(&b);
		buf_release(&cols);

		buf_puts(&b, "SELECT json_object('id', id");
		for (int i = 0; i < e->nfields; i++) {
			const struct mfield *f = &e->fields[i];
			if (!(f->flags & (MF_EDIT | MF_AUDIT)) || f->type == MT_SECRET || f->cls == 'V')
				continue;
			if (f->type == MT_SVG)
				buf_printf(&b, ", '%s_bytes', length(CAST(%s AS BLOB)), '%s_sha256',"
					   " CASE WHEN %s IS NOT NULL THEN witan_sha256(%s) END",
					   f->col, f->col, f->col, f->col, f->col);
			else
				buf_printf(&b, ", '%s', %s", f->col, f->col);
		}
		buf_printf(&b, ") FROM \"%s\" WHERE id = ?1", e->table);
		sq[k].audit = take(&b);

		/* INSERT (body_id, written...) VALUES (BODY_ID, ?1...) */
		buf_printf(&b, "INSERT INTO \"%s\"(", e->table);
		if (model_field(e, "body_id") && !(model_field(e, "body_id")->flags & MF_EDIT))
			buf_puts(&b, "body_id"), n++;
		for (int i = 0; i < e->nfields; i++)
			if (written(e, i) || parent_ref(e, i))
				buf_printf(&b, "%s%s", n++ ? ", " : "", e->fields[i].col);
		buf_puts(&b, ") VALUES (");
		n = 0;
		if (model_field(e, "body_id") && !(model_field(e, "body_id")->flags & MF_EDIT))
			buf_puts(&b, BODY_ID), n++;
		for (int i = 0; i < e->nfields; i++)
			if (written(e, i) || parent_ref(e, i))
				buf_printf(&b, "%s?%d", n++ ? ", " : "", ++p);
		buf_puts(&b, ")");
		sq[k].insert = take(&b);

		buf_printf(&b, "UPDATE \"%s\" SET ", e->table);
		n = p = 0;
		for (int i = 0; i < e->nfields; i++)
			if (written(e, i))
				buf_printf(&b, "%s%s = ?%d", n++ ? ", " : "", e->fields[i].col, ++p);
		sq[k].update_id = p + 1;
		buf_printf(&b, " WHERE id = ?%d%s", p + 1, has_deleted(e) ? " AND deleted = 0" : "");
		sq[k].update = take(&b);

		if (!sq[k].get || !sq[k].pub_get || !sq[k].list || !sq[k].list_page || !sq[k].count || !sq[k].audit ||
		    !sq[k].insert || !sq[k].update)
			return;
	}
	sq_ok = 1;
}

static const struct msql *sql_of(struct db *db, const struct mentity *e)
{
	pthread_once(&sq_once, build);
	if (!sq_ok) {
		snprintf(db->err, sizeof(db->err), "out of memory building the model's SQL");
		return NULL;
	}
	return &sq[e - model];
}

const char *model_audit_sql(const struct mentity *e)
{
	pthread_once(&sq_once, build);
	return sq_ok ? sq[e - model].audit : NULL;
}

static void fill(struct stmt *s, const struct mentity *e, void *row)
{
	for (int i = 0; i < e->nfields; i++) {
		char *at = (char *)row + e->fields[i].off;
		if (e->fields[i].ct == 'I') {
			int64_t v = col_int(s, i);
			memcpy(at, &v, sizeof(v));
		} else {
			const char *v = col_text(s, i);
			memcpy(at, &v, sizeof(v));
		}
	}
}

/* One row of e by the query q (model_get's or model_pub_get's). */
static int get(struct db *db, const struct mentity *e, const char *q, int64_t id, void *row)
{
	struct stmt *s = db_query(db, q, DB_ARGS(v_int(id)));
	int rc = db_get_one(db, s);

	if (rc == 1)
		fill(s, e, row);
	return rc;
}

int model_get(struct db *db, const struct mentity *e, int64_t id, void *row)
{
	const struct msql *q = sql_of(db, e);

	return q ? get(db, e, q->get, id, row) : -1;
}

int model_pub_get(struct db *db, const struct mentity *e, int64_t id, void *row)
{
	const struct msql *q = sql_of(db, e);

	return q ? get(db, e, q->pub_get, id, row) : -1;
}

int model_list(struct db *db, const struct mentity *e, struct cursor *c)
{
	const struct msql *q = sql_of(db, e);

	if (!q) {
		c->s = NULL;
		c->err = 1;
		return -1;
	}
	return db_list(db, c, q->list, NULL);
}

int model_list_page(struct db *db, const struct mentity *e, int64_t offset, int64_t limit, struct cursor *c)
{
	const struct msql *q = sql_of(db, e);

	if (!q) {
		c->s = NULL;
		c->err = 1;
		return -1;
	}
	return db_list(db, c, q->list_page, DB_ARGS(v_int(limit), v_int(offset)));
}

int model_count(struct db *db, const struct mentity *e, int64_t *n)
{
	const struct msql *q = sql_of(db, e);

	if (!q)
		return -1;
	return db_int_of(db, q->count, NULL, n) < 0 ? -1 : 0;
}

int model_next(struct cursor *c, const struct mentity *e, void *row)
{
	if (!db_cursor_step(c))
		return 0;
	fill(c->s, e, row);
	return 1;
}

/* Whether 0 is no value of f, stored as NULL: a reference, or an integer
 * that cannot be 0 (a paragraph from 1 to 7). */
static int zero_is_none(const struct mfield *f)
{
	return f->type == MT_REF || (f->type == MT_INT && f->lo > 0);
}

int64_t model_save(struct db *db, int64_t user_id, const struct mentity *e, int64_t id, const void *row)
{
	const struct msql *q = sql_of(db, e);
	struct db_change c;
	struct stmt *s;
	int ok = 0, p = 0;

	if (!q || db_change_begin(&c, db, user_id, e->table, q->audit, id, id ? "update" : "create") < 0)
		return -1;
	if (!(s = db_stmt(db, id ? q->update : q->insert)))
		goto out;
	for (int i = 0; i < e->nfields; i++) {
		const struct mfield *f = &e->fields[i];
		if (!id && parent_ref(e, i)) {
			st_bind_id(s, ++p, mrow_int(row, f));
			continue;
		}
		if (!(f->flags & MF_EDIT))
			continue;
		if (f->type == MT_MD) {
			if (db_bind_md(s, ++p, mrow_text(row, f)) != 0) {
				snprintf(db->err, sizeof(db->err), "rendering Markdown failed");
				goto out;
			}
			p++;
		} else if (f->ct == 'I') {
			if (zero_is_none(f))
				st_bind_id(s, ++p, mrow_int(row, f));
			else
				st_bind_int(s, ++p, mrow_int(row, f));
		} else {
			st_bind_text(s, ++p, mrow_text(row, f));
		}
	}
	if (id)
		st_bind_int(s, q->update_id, id);
	if (db_step_done(db, s, "saving") < 0)
		goto out;
	if (!id) {
		c.id = db_last_id(db);
	} else if (db_changes(db) != 1) {
		snprintf(db->err, sizeof(db->err), "no such %s", e->noun);
		goto out;
	}
	ok = 1;
out:
	return db_change_end(&c, ok) == 0 ? c.id : -1;
}

/* The INSERT naming the columns of mask (a bit a field, with an MD
 * field's HTML after it), built once for each entity and mask and kept
 * for the process: the statement cache keys on its address. */
struct built_insert { const struct mentity *e; uint64_t mask; char *sql; struct built_insert *next; };
static struct built_insert *built_inserts;
static pthread_mutex_t built_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *insert_sql(const struct mentity *e, uint64_t mask)
{
	struct built_insert *bi;
	struct buf b = BUF_INIT;
	int n = 0;

	pthread_mutex_lock(&built_lock);
	for (bi = built_inserts; bi && (bi->e != e || bi->mask != mask); bi = bi->next)
		;
	if (bi || !(bi = calloc(1, sizeof(*bi))))
		goto out;
	buf_printf(&b, "INSERT INTO \"%s\"(", e->table);
	for (int i = 0; i < e->nfields; i++)
		if (mask & ((uint64_t)1 << i))
			buf_printf(&b, "%s%s", n++ ? ", " : "", e->fields[i].col);
	buf_puts(&b, ") VALUES (");
	for (int i = 1; i <= n; i++)
		buf_printf(&b, "%s?%d", i > 1 ? ", " : "", i);
	buf_puts(&b, ")");
	*bi = (struct built_insert){ e, mask, take(&b), built_inserts };
	if (!bi->sql) {
		free(bi);
		bi = NULL;
		goto out;
	}
	built_inserts = bi;
out:
	pthread_mutex_unlock(&built_lock);
	return bi ? bi->sql : NULL;
}

/* A value given: not NULL text, nor empty text unless the field is
 * required (then its check refuses it), nor a 0 that means none. */
static int given(const struct mfield *f, const struct mval *v)
{
	if (!v->isnum)
		return v->text && (*v->text || (f->flags & MF_REQ));
	return v->num != 0 || !zero_is_none(f);
}

int64_t model_insert(struct db *db, const struct mentity *e, const struct mval *v, int n)
{
	int idx[64];             /* the value of each field given, or -1 */
	const char *sql;
	char msg[MODEL_MSG], num[24];
	uint64_t mask = 0;
	struct stmt *s;
	int p = 0;

	if (e->nfields > 64) {
		snprintf(db->err, sizeof(db->err), "%s: more fields than model_insert takes", e->table);
		return -1;
	}
	for (int i = 0; i < e->nfields; i++)
		idx[i] = -1;
	for (int k = 0; k < n; k++) {
		const struct mfield *f = model_field(e, v[k].col);
		const char *why;

		if (!f || f->type == MT_ID || f->type == MT_HTML || (f->flags & MF_SYS) || f->cls == 'V') {
			snprintf(db->err, sizeof(db->err), "%s.%s: not a column written by model_insert", e->table, v[k].col);
			return -1;
		}
		if (!given(f, &v[k]))
			continue;
		if (v[k].isnum)
			snprintf(num, sizeof(num), "%lld", (long long)v[k].num);
		if ((why = model_check_field(f, v[k].isnum ? num : v[k].text, msg, sizeof(msg)))) {
			snprintf(db->err, sizeof(db->err), "%s.%s: %s", e->table, f->col, why);
			return -1;
		}
		idx[f - e->fields] = k;
		mask |= (uint64_t)1 << (f - e->fields);
		if (f->type == MT_MD)
			mask |= (uint64_t)1 << (f - e->fields + 1);
	}
	if (!(sql = insert_sql(e, mask))) {
		snprintf(db->err, sizeof(db->err), "out of memory building the model's SQL");
		return -1;
	}
	if (!(s = db_stmt(db, sql)))
		return -1;
	for (int i = 0; i < e->nfields; i++) {
		const struct mval *x = idx[i] >= 0 ? &v[idx[i]] : NULL;

		if (!x)
			continue;
		if (e->fields[i].type == MT_MD) {
			if (db_bind_md(s, ++p, x->text) != 0) {
				snprintf(db->err, sizeof(db->err), "%s.%s: rendering Markdown failed", e->table, x->col);
				st_reset(s);
				return -1;
			}
			p++;
		} else if (x->isnum) {
			st_bind_int(s, ++p, x->num);
		} else {
			st_bind_text(s, ++p, x->text);
		}
	}
	return db_step_done(db, s, e->noun) < 0 ? -1 : db_last_id(db);
}

void model_oparl_props(const struct mentity *e, const char *a, struct buf *b)
{
	const struct mfield *lat = NULL, *lon = NULL;

	for (int i = 0; i < e->nfields; i++) {
		const struct mfield *f = &e->fields[i];
		if (!f->oparl)
			continue;
		if (f->type == MT_LAT)
			lat = f;
		else if (f->type == MT_LON)
			lon = f;
		else if (f->type == MT_BOOL)
			buf_printf(b, "'%s', json(CASE WHEN %s.%s THEN 'true' ELSE 'false' END), ", f->oparl, a, f->col);
		else if (f->ct == 'S' || f->type == MT_INT)
			buf_printf(b, "'%s', %s.%s, ", f->oparl, a, f->col);
	}
	if (lat && lon)
		buf_printf(b, "'%s', CASE WHEN %s.%s IS NOT NULL AND %s.%s IS NOT NULL THEN json_object('type', 'Feature',"
			   " 'geometry', json_object('type', 'Point', 'coordinates', json_array(%s.%s, %s.%s)),"
			   " 'properties', json_object()) END, ",
			   lat->oparl, a, lat->col, a, lon->col, a, lon->col, a, lat->col);
}
