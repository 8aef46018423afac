/* harvest.c: rows written from another system's objects (see harvest.h). */
#include "db/harvest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "util/buf.h"
#include "util/banned.h"

/* (in printf formats: % doubled) */
#define UTC_OF(p) "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', " p ")"

int harvest_lookup(struct db *db, const char *url, const char *entity, int64_t *id, char *modified,
		   size_t modified_len)
{
	struct stmt *s = db_query(db, "SELECT local_id, modified FROM import_map WHERE url = ?1 AND entity = ?2",
				   DB_ARGS(v_text(url), v_text(entity)));
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW) {
		*id = col_int(s, 0);
		if (modified && modified_len)
			col_copy(s, 1, modified, modified_len);
		st_reset(s);
		return 1;
	}
	st_reset(s);
	return rc == ST_DONE ? 0 : db_fail(db, "import map");
}

/* A statement built at run time (table and column names from the
 * caller's static tables): prepared, and the SQL text released. */
static struct stmt *prepare_built(struct db *db, struct buf *sql, const char *what)
{
	struct stmt *s = NULL;

	if (sql->err)
		snprintf(db->err, sizeof(db->err), "%s: out of memory", what);
	else if (!(s = db_prepare(db, sql->data, -1)))
		db_fail(db, what);
	buf_release(sql);
	return s;
}

/* Step it to its end and finalize it: 0, or -1 with db->err set. */
static int finish_built(struct db *db, struct stmt *s, const char *what)
{
	int rc = st_step(s) == ST_DONE ? 0 : db_fail(db, what);

	st_finalize(s);
	return rc;
}

static void bind_val(struct stmt *s, int i, const struct hval *v)
{
	if (v->type == HV_INT || v->type == HV_ID)
		st_bind_int(s, i, v->num);
	else
		st_bind_text(s, i, v->text);
}

/* The placeholder of a value: converted where it is a date-time. */
static void put_param(struct buf *b, const struct hval *v, int i)
{
	if (v->type == HV_LOCAL)
		buf_printf(b, "strftime('%%Y-%%m-%%d %%H:%%M', ?%d, 'localtime')", i);
	else if (v->type == HV_UTC)
		buf_printf(b, "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', ?%d)", i);
	else
		buf_printf(b, "?%d", i);
}

/* Whether table has no row with this id: 1, 0, or -1. */
static int id_free(struct db *db, const char *table, int64_t id)
{
	struct buf sql = BUF_INIT;
	struct stmt *s;
	int rc;

	buf_printf(&sql, "SELECT 1 FROM %s WHERE id = ?1", table);
	if (!(s = prepare_built(db, &sql, table)))
		return -1;
	st_bind_int(s, 1, id);
	rc = st_step(s);
	st_finalize(s);
	return rc == ST_DONE ? 1 : rc == ST_ROW ? 0 : db_fail(db, table);
}

/* The values to write: in[] without its HV_ID, but on an insert where
 * that id is free.  Returns how many, or -1. */
static int without_ids(struct db *db, const char *table, int insert, const struct hval *in, int n, struct hval *out)
{
	int m = 0;

	for (int k = 0; k < n; k++) {
		if (in[k].type == HV_ID) {
			int fr = insert && in[k].num > 0 ? id_free(db, table, in[k].num) : 0;
			if (fr < 0)
				return -1;
			if (!fr)
				continue;
		}
		out[m++] = in[k];
	}
	return m;
}

static int upsert_checked(struct db *db, const char *table, const char *url, const char *created,
			  const char *modified, const struct hval *all, int nall, int64_t *id)
{
	struct buf sql = BUF_INIT;
	struct hval v[HARVEST_MAX_VALUES];
	struct stmt *s;
	int64_t have = 0;
	int found, k, n;

	found = harvest_lookup(db, url, table, &have, NULL, 0);
	if (found < 0 || (n = without_ids(db, table, !found, all, nall, v)) < 0)
		return -1;
	if (found) {
		buf_printf(&sql, "UPDATE %s SET ", table);
		for (k = 0; k < n; k++) {
			if (v[k].type == HV_KEEP) {
				buf_printf(&sql, "%s = COALESCE(%s, ?%d), ", v[k].col, v[k].col, k + 1);
				continue;
			}
			buf_printf(&sql, "%s = ", v[k].col);
			put_param(&sql, &v[k], k + 1);
			buf_puts(&sql, ", ");
		}
		buf_printf(&sql, "created = COALESCE(" UTC_OF("?%d") ", created),"
			   " modified = COALESCE(" UTC_OF("?%d") ", strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'))"
			   " WHERE id = ?%d", n + 1, n + 2, n + 3);
		/* Only a row that differs is written: one imported again as it
		 * was keeps its modified time (and sets off no trigger). */
		buf_puts(&sql, " AND (");
		for (k = 0; k < n; k++) {
			if (v[k].type == HV_KEEP) {
				buf_printf(&sql, "%s IS NOT COALESCE(%s, ?%d) OR ", v[k].col, v[k].col, k + 1);
				continue;
			}
			buf_printf(&sql, "%s IS NOT ", v[k].col);
			put_param(&sql, &v[k], k + 1);
			buf_puts(&sql, " OR ");
		}
		buf_printf(&sql, "(?%d IS NOT NULL AND created IS NOT " UTC_OF("?%d") ") OR"
			   " (?%d IS NOT NULL AND modified IS NOT " UTC_OF("?%d") "))", n + 1, n + 1, n + 2, n + 2);
	} else {
		buf_printf(&sql, "INSERT INTO %s(", table);
		for (k = 0; k < n; k++)
			buf_printf(&sql, "%s, ", v[k].col);
		buf_puts(&sql, "created, modified) VALUES (");
		for (k = 0; k < n; k++) {
			put_param(&sql, &v[k], k + 1);
			buf_puts(&sql, ", ");
		}
		buf_printf(&sql, "COALESCE(" UTC_OF("?%d") ", strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')),"
			   " COALESCE(" UTC_OF("?%d") ", strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')))", n + 1, n + 2);
	}
	if (!(s = prepare_built(db, &sql, table)))
		return -1;
	for (k = 0; k < n; k++)
		bind_val(s, k + 1, &v[k]);
	st_bind_text(s, n + 1, created);
	st_bind_text(s, n + 2, modified);
	if (found)
		st_bind_int(s, n + 3, have);
	if (finish_built(db, s, table) < 0)
		return -1;
	/* A row written again keeps the source's modified time even when it
	 * did not change at the source (a reference resolved on a later pass,
	 * which the row's trigger would date now). */
	if (found && modified) {
		buf_printf(&sql, "UPDATE %s SET modified = " UTC_OF("?1") " WHERE id = ?2 AND modified IS NOT " UTC_OF("?1"),
			   table);
		if (!(s = prepare_built(db, &sql, table)))
			return -1;
		st_bind_text(s, 1, modified);
		st_bind_int(s, 2, have);
		if (finish_built(db, s, table) < 0)
			return -1;
	}
	*id = found ? have : db_last_id(db);
	return db_run(db, "INSERT INTO import_map(url, entity, local_id, modified) VALUES (?1, ?2, ?3, ?4)"
		      " ON CONFLICT(url) DO UPDATE SET entity = ?2, local_id = ?3, modified = ?4", "import map",
		      DB_ARGS(v_text(url), v_text(table), v_int(*id), v_text(modified)));
}

static int insert_checked(struct db *db, const char *table, const struct hval *all, int nall, int64_t *id)
{
	struct buf sql = BUF_INIT;
	struct hval v[HARVEST_MAX_VALUES];
	struct stmt *s;
	int k, n = without_ids(db, table, 1, all, nall, v);

	if (n < 0)
		return -1;
	buf_printf(&sql, "INSERT INTO %s(", table);
	for (k = 0; k < n; k++)
		buf_printf(&sql, "%s%s", k ? ", " : "", v[k].col);
	buf_puts(&sql, ") VALUES (");
	for (k = 0; k < n; k++) {
		if (k)
			buf_puts(&sql, ", ");
		put_param(&sql, &v[k], k + 1);
	}
	buf_puts(&sql, ")");
	if (!(s = prepare_built(db, &sql, table)))
		return -1;
	for (k = 0; k < n; k++)
		bind_val(s, k + 1, &v[k]);
	if (finish_built(db, s, table) < 0)
		return -1;
	if (id)
		*id = db_last_id(db);
	return 0;
}

/* The values checked with the model (harvest_check), then written: for
 * url (insert or update, and mapped), or a row no URL names (url NULL). */
static int write_checked(struct db *db, const char *table, const char *url, const char *created,
			 const char *modified, const struct hval *in, int n, int64_t *id)
{
	struct hval v[HARVEST_MAX_VALUES];
	char *owned[HARVEST_MAX_VALUES];
	int rc;

	if (harvest_check(db, table, in, n, v, owned) < 0)
		return -1;
	rc = url ? upsert_checked(db, table, url, created, modified, v, n, id) : insert_checked(db, table, v, n, id);
	harvest_check_free(owned, n);
	return rc;
}

int harvest_upsert(struct db *db, const char *table, const char *url, const char *created,
		   const char *modified, const struct hval *in, int n, int64_t *id)
{
	return write_checked(db, table, url, created, modified, in, n, id);
}

int harvest_insert(struct db *db, const char *table, const struct hval *in, int n, int64_t *id)
{
	return write_checked(db, table, NULL, NULL, NULL, in, n, id);
}

int harvest_http_get(struct db *db, const char *url, char *etag, size_t etag_len, char *last_modified,
		     size_t lm_len, char **body)
{
	struct stmt *s = db_query(db, "SELECT etag, last_modified, body FROM import_http WHERE url = ?1",
				   DB_ARGS(v_text(url)));
	int rc;

	etag[0] = last_modified[0] = '\0';
	if (body)
		*body = NULL;
	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW) {
		col_copy(s, 0, etag, etag_len);
		col_copy(s, 1, last_modified, lm_len);
		if (body && col_text(s, 2) && !(*body = strdup(col_text(s, 2)))) {
			st_reset(s);
			snprintf(db->err, sizeof(db->err), "import http: out of memory");
			return -1;
		}
		st_reset(s);
		return 1;
	}
	st_reset(s);
	return rc == ST_DONE ? 0 : db_fail(db, "import http");
}

int harvest_http_put(struct db *db, const char *url, const char *etag, const char *last_modified, const char *body)
{
	return db_run(db, "INSERT INTO import_http(url, etag, last_modified, body) VALUES (?1, ?2, ?3, ?4)"
		      " ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, body = ?4", "import http",
		      DB_ARGS(v_text(url), v_text(etag && *etag ? etag : NULL),
			      v_text(last_modified && *last_modified ? last_modified : NULL), v_text(body)));
}

int harvest_sync_ids(struct db *db)
{
	return db_pg(db) ? db_exec_native(db, "CALL witan_compat.sync_identities()") : 0;
}

int harvest_object_begin(struct db *db)
{
	return db_exec(db, "SAVEPOINT harvest_object");
}

int harvest_object_end(struct db *db, int ok)
{
	if (!ok && db_exec(db, "ROLLBACK TO harvest_object") < 0)
		return -1;
	return db_exec(db, "RELEASE harvest_object");
}

int harvest_adopt(struct db *db, const char *url, const char *table, int64_t id)
{
	return db_run(db, "INSERT OR IGNORE INTO import_map(url, entity, local_id) VALUES (?1, ?2, ?3)", "import map",
		      DB_ARGS(v_text(url), v_text(table), v_int(id)));
}

int harvest_file_text(struct db *db, int64_t file_id, const char *text)
{
	int page = 0;

	if (db_run(db, "DELETE FROM file_page WHERE file_id = ?1", "file text", DB_ARGS(v_int(file_id))) < 0)
		return -1;
	for (const char *p = text;;) {
		const char *ff = strchr(p, '\f');
		size_t len = ff ? (size_t)(ff - p) : strlen(p);

		if (db_run(db, "INSERT INTO file_page(file_id, page, text) VALUES (?1, ?2, ?3)", "file text",
			   DB_ARGS(v_int(file_id), v_int(++page), v_textn(p, len))) < 0)
			return -1;
		if (!ff || !ff[1])
			break;
		p = ff + 1;
	}
	return db_run(db, "UPDATE file SET text_status = 'done', text_note = NULL,"
		      " page_count = COALESCE(page_count, ?2) WHERE id = ?1", "file text",
		      DB_ARGS(v_int(file_id), v_int(page)));
}

int harvest_pending_add(struct db *db, const char *from, const char *to)
{
	return db_run(db, "INSERT OR IGNORE INTO import_pending(from_url, to_url) VALUES (?1, ?2)", "import pending",
		      DB_ARGS(v_text(from ? from : ""), v_text(to)));
}

int harvest_pending_drop(struct db *db, const char *from)
{
	return db_run(db, "DELETE FROM import_pending WHERE from_url = ?1", "import pending",
		      DB_ARGS(v_text(from ? from : "")));
}

int harvest_forget(struct db *db, const char *url)
{
	return db_run(db, "UPDATE import_map SET modified = NULL WHERE url = ?1", "import map", DB_ARGS(v_text(url)));
}

void harvest_strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int harvest_pending_froms(struct db *db, char ***out, size_t *n)
{
	struct stmt *s = db_stmt(db, "SELECT DISTINCT from_url FROM import_pending WHERE from_url <> '' ORDER BY 1");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return -1;
	while ((rc = st_step(s)) == ST_ROW) {
		char *u = strdup(col_text(s, 0));
		if (*n == cap) {
			char **p = realloc(*out, (cap = cap ? cap * 2 : 16) * sizeof(**out));
			if (!p) {
				free(u);
				u = NULL;
			} else {
				*out = p;
			}
		}
		if (!u) {
			st_reset(s);
			harvest_strings_free(*out, *n);
			*out = NULL;
			*n = 0;
			snprintf(db->err, sizeof(db->err), "out of memory");
			return -1;
		}
		(*out)[(*n)++] = u;
	}
	st_reset(s);
	return rc == ST_DONE ? 0 : db_fail(db, "import pending");
}

int harvest_pending_each(struct db *db, void (*fn)(void *ctx, const char *from, const char *to), void *ctx)
{
	struct stmt *s = db_stmt(db, "SELECT from_url, to_url FROM import_pending ORDER BY to_url, from_url");
	int rc;

	if (!s)
		return -1;
	while ((rc = st_step(s)) == ST_ROW)
		fn(ctx, col_text(s, 0), col_text(s, 1));
	st_reset(s);
	return rc == ST_DONE ? 0 : db_fail(db, "import pending");
}

int harvest_max_modified(struct db *db, char *out, size_t len)
{
	struct stmt *s = db_stmt(db, "SELECT max(strftime('%Y-%m-%dT%H:%M:%SZ', modified)) FROM import_map");

	if (!s)
		return -1;
	out[0] = '\0';
	if (st_step(s) == ST_ROW && col_text(s, 0))
		snprintf(out, len, "%s", col_text(s, 0));
	st_reset(s);
	return 0;
}

int harvest_delete(struct db *db, const char *table, const char *url, const char *modified)
{
	struct buf sql = BUF_INIT;
	struct stmt *s;
	int64_t id;
	int found = harvest_lookup(db, url, table, &id, NULL, 0);

	if (found <= 0)
		return found;
	buf_printf(&sql, "UPDATE %s SET deleted = 1, modified = COALESCE(" UTC_OF("?1") ","
		   " strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')) WHERE id = ?2", table);
	if (!(s = prepare_built(db, &sql, table)))
		return -1;
	st_bind_text(s, 1, modified);
	st_bind_int(s, 2, id);
	return finish_built(db, s, table) < 0 ? -1 : 1;
}

int harvest_prune(struct db *db, const char *table, const char *parent_col, int64_t parent, const char *keep)
{
	struct buf sql = BUF_INIT;
	struct stmt *s;

	buf_printf(&sql, "UPDATE %s SET deleted = 1 WHERE %s = ?1 AND deleted = 0"
		   " AND id NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))", table, parent_col);
	if (!(s = prepare_built(db, &sql, table)))
		return -1;
	st_bind_int(s, 1, parent);
	st_bind_text(s, 2, keep ? keep : "[]");
	return finish_built(db, s, table);
}

int harvest_prune_mapped(struct db *db, const char *table, const char *parent_col, int64_t parent, const char *keep)
{
	struct buf sql = BUF_INIT;
	struct stmt *s;

	buf_printf(&sql, "UPDATE %s SET deleted = 1 WHERE %s = ?1 AND deleted = 0"
		   " AND id NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))"
		   " AND id IN (SELECT local_id FROM import_map WHERE entity = ?3)", table, parent_col);
	if (!(s = prepare_built(db, &sql, table)))
		return -1;
	st_bind_int(s, 1, parent);
	st_bind_text(s, 2, keep ? keep : "[]");
	st_bind_text(s, 3, table);
	return finish_built(db, s, table);
}

int harvest_clear(struct db *db, const char *which, int64_t parent)
{
	const char *sql;

	if (strcmp(which, "attendance") == 0)
		sql = "DELETE FROM attendance WHERE meeting_id = ?1";
	else if (strcmp(which, "declaration") == 0)
		sql = "DELETE FROM declaration WHERE agenda_item_id = ?1";
	else if (strcmp(which, "vote") == 0) {
		if (db_run(db, "DELETE FROM vote_record WHERE vote_id IN (SELECT id FROM vote WHERE agenda_item_id = ?1)",
			   "import", DB_ARGS(v_int(parent))) < 0)
			return -1;
		sql = "DELETE FROM vote WHERE agenda_item_id = ?1";
	} else {
		snprintf(db->err, sizeof(db->err), "harvest_clear: %s", which);
		return -1;
	}
	return db_run(db, sql, "import", DB_ARGS(v_int(parent)));
}

int64_t harvest_body(struct db *db)
{
	struct stmt *s = db_stmt(db, "SELECT min(id) FROM body WHERE deleted = 0");
	int64_t id = -1;

	if (!s)
		return -1;
	if (st_step(s) == ST_ROW)
		id = col_int(s, 0);
	else
		db_fail(db, "body");
	st_reset(s);
	return id;
}

int harvest_body_license(struct db *db, int64_t body_id, char *out, size_t len)
{
	struct stmt *s = db_query(db, "SELECT license FROM pub_body WHERE id = ?1", DB_ARGS(v_int(body_id)));
	int rc = db_get_one(db, s);

	if (rc < 0)
		return -1;
	snprintf(out, len, "%s", rc == 1 ? col_str(s, 0) : "");
	if (rc == 1)
		st_reset(s);
	return 0;
}

int harvest_run_begin(struct db *db, const char *system_url, int full, struct harvest_run *r)
{
	struct stmt *s = db_query(db, "SELECT finished, since, next_since, step, next_url, objects, bad"
				   " FROM import_run WHERE system_url = ?1", DB_ARGS(v_text(system_url)));
	int rc;

	memset(r, 0, sizeof(*r));
	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW && !full) {
		if (!col_text(s, 0)) { /* interrupted: go on from there */
			r->resumed = 1;
			col_copy(s, 1, r->since, sizeof(r->since));
			col_copy(s, 2, r->next_since, sizeof(r->next_since));
			r->step = (int)col_int(s, 3);
			r->next_url = col_text(s, 4) ? strdup(col_text(s, 4)) : NULL;
			r->objects = (long)col_int(s, 5);
			r->bad = (long)col_int(s, 6);
		} else { /* finished: only what changed since */
			col_copy(s, 2, r->since, sizeof(r->since));
			snprintf(r->next_since, sizeof(r->next_since), "%s", r->since);
		}
	}
	st_reset(s);
	if (rc != ST_ROW && rc != ST_DONE)
		return db_fail(db, "import run");
	if (r->resumed)
		return 0;
	return db_run(db, "INSERT INTO import_run(system_url, started, since, next_since)"
		      " VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULLIF(?2, ''), NULLIF(?3, ''))"
		      " ON CONFLICT(system_url) DO UPDATE SET started = excluded.started, finished = NULL,"
		      " since = excluded.since, next_since = excluded.next_since, step = 0, next_url = NULL,"
		      " objects = 0, bad = 0", "import run", DB_ARGS(v_text(system_url), v_text(r->since), v_text(r->next_since)));
}

int harvest_run_save(struct db *db, const char *system_url, const struct harvest_run *r)
{
	return db_run(db, "UPDATE import_run SET step = ?2, next_url = ?3, next_since = NULLIF(?4, ''),"
		      " objects = ?5, bad = ?6 WHERE system_url = ?1", "import run",
		      DB_ARGS(v_text(system_url), v_int(r->step), v_text(r->next_url), v_text(r->next_since),
			      v_int(r->objects), v_int(r->bad)));
}

int harvest_run_finish(struct db *db, const char *system_url, const struct harvest_run *r)
{
	return db_run(db, "UPDATE import_run SET finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
		      " next_url = NULL, next_since = NULLIF(?2, ''), objects = ?3, bad = ?4 WHERE system_url = ?1",
		      "import run", DB_ARGS(v_text(system_url), v_text(r->next_since), v_int(r->objects), v_int(r->bad)));
}

void harvest_run_release(struct harvest_run *r)
{
	free(r->next_url);
	r->next_url = NULL;
}
