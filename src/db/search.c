/* search.c: the search index and its queries (see search.h). */
#include "db/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rows_int.h"
#include "util/buf.h"
#include "util/banned.h"

/* HTML (our own safe renderings) to plain text: tags dropped, a few
 * entities decoded, block ends as spaces. */
static void html_text(struct buf *out, const char *html)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
	};
	int in_tag = 0;

	for (const char *p = html; p && *p; p++) {
		if (in_tag) {
			if (*p == '>') {
				in_tag = 0;
				buf_putc(out, ' ');
			}
			continue;
		}
		if (*p == '<') {
			in_tag = 1;
			continue;
		}
		if (*p == '&') {
			size_t k;
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
				size_t n = strlen(ents[k].ent);
				if (strncmp(p, ents[k].ent, n) == 0) {
					buf_puts(out, ents[k].ch);
					p += n - 1;
					break;
				}
			}
			if (k < sizeof(ents) / sizeof(ents[0]))
				continue;
		}
		buf_putc(out, *p);
	}
}

static int add_doc(struct db *db, const char *kind, int64_t ref, int64_t meeting, int64_t org, const char *at,
		   int page, const char *title, const char *body)
{
	sqlite3_stmt *s = db_stmt(db, "INSERT INTO search_doc(kind, ref_id, meeting_id, organization_id, at, page)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	int64_t rowid;

	if (!s)
		return -1;
	bind_text(s, 1, kind);
	sqlite3_bind_int64(s, 2, ref);
	bind_id(s, 3, meeting);
	bind_id(s, 4, org);
	bind_text(s, 5, at);
	if (page)
		sqlite3_bind_int(s, 6, page);
	if (db_step_done(db, s, "indexing") < 0)
		return -1;
	rowid = sqlite3_last_insert_rowid(db->h);
	s = db_stmt(db, "INSERT INTO search_fts(rowid, title, body) VALUES (?1, ?2, ?3)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, rowid);
	bind_text(s, 2, title ? title : "");
	bind_text(s, 3, body ? body : "");
	return db_step_done(db, s, "indexing");
}

/* Remove the rows of (kind, ref) or, with kind NULL, of a meeting. */
static int remove_docs(struct db *db, const char *kind, int64_t id)
{
	sqlite3_stmt *s = kind ?
		db_stmt(db, "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_doc WHERE kind = ?1 AND ref_id = ?2)") :
		db_stmt(db, "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_doc WHERE meeting_id = ?2)");

	if (!s)
		return -1;
	bind_text(s, 1, kind);
	sqlite3_bind_int64(s, 2, id);
	if (db_step_done(db, s, "unindexing") < 0)
		return -1;
	s = kind ? db_stmt(db, "DELETE FROM search_doc WHERE kind = ?1 AND ref_id = ?2") :
		   db_stmt(db, "DELETE FROM search_doc WHERE meeting_id = ?2");
	if (!s)
		return -1;
	bind_text(s, 1, kind);
	sqlite3_bind_int64(s, 2, id);
	return db_step_done(db, s, "unindexing");
}

static int index_meeting(struct db *db, int64_t id)
{
	sqlite3_stmt *s;
	struct buf t = BUF_INIT, b = BUF_INIT;
	int64_t org = 0;
	char *at = NULL;
	int rc = -1;

	if (remove_docs(db, NULL, id) < 0)
		return -1;
	s = db_stmt(db, "SELECT m.name, o.name, m.start_at, m.organization_id, l.name FROM pub_meeting m"
		    " JOIN pub_organization o ON o.id = m.organization_id LEFT JOIN pub_location l ON l.id = m.location_id"
		    " WHERE m.id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return 0; /* not public (any more): nothing indexed */
	}
	buf_puts(&t, col_text(s, 0));
	buf_printf(&b, "%s %s %s", col_text(s, 1), col_text(s, 2), col_text(s, 4) ? col_text(s, 4) : "");
	at = strdup(col_text(s, 2));
	org = col_int(s, 3);
	sqlite3_reset(s);
	if (!at || add_doc(db, "meeting", id, id, org, at, 0, t.data, b.data) < 0)
		goto out;
	/* Items and their minutes, as public. */
	s = db_stmt(db, "SELECT id, title, description_html, minutes_html, decision_html, exempt FROM pub_agenda_item"
		    " WHERE meeting_id = ?1");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t item = col_int(s, 0);
		buf_reset(&b);
		html_text(&b, col_text(s, 2));
		if (add_doc(db, "item", item, id, org, at, 0, col_text(s, 1), b.data) < 0) {
			sqlite3_reset(s);
			goto out;
		}
		if (!col_int(s, 5) && (col_text(s, 3) || col_text(s, 4))) {
			buf_reset(&b);
			html_text(&b, col_text(s, 3));
			buf_putc(&b, ' ');
			html_text(&b, col_text(s, 4));
			if (add_doc(db, "minutes", item, id, org, at, 0, col_text(s, 1), b.data) < 0) {
				sqlite3_reset(s);
				goto out;
			}
		}
	}
	sqlite3_reset(s);
	/* Public documents of the meeting and its items, page by page. */
	/* (Two arms, not an OR over a LEFT JOIN: each arm uses its index.) */
	s = db_stmt(db, "SELECT f.id, f.title, p.page, p.text FROM pub_file_link l"
		    " JOIN pub_file f ON f.id = l.file_id JOIN pub_file_page p ON p.file_id = f.id"
		    " WHERE l.meeting_id = ?1"
		    " UNION SELECT f.id, f.title, p.page, p.text FROM agenda_item i"
		    " JOIN pub_file_link l ON l.agenda_item_id = i.id"
		    " JOIN pub_file f ON f.id = l.file_id JOIN pub_file_page p ON p.file_id = f.id"
		    " WHERE i.meeting_id = ?1");
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (add_doc(db, "document", col_int(s, 0), id, org, at, (int)col_int(s, 2), col_text(s, 1),
			    col_text(s, 3)) < 0) {
			sqlite3_reset(s);
			goto out;
		}
	}
	sqlite3_reset(s);
	rc = 0;
out:
	free(at);
	buf_release(&t);
	buf_release(&b);
	return rc;
}

static int index_simple(struct db *db, const char *entity, int64_t id)
{
	int committee = strcmp(entity, "organization") == 0;
	const char *kind = committee ? "committee" : "person";
	sqlite3_stmt *s = committee ?
		db_stmt(db, "SELECT name, purpose_html FROM pub_organization WHERE id = ?1") :
		db_stmt(db, "SELECT name, COALESCE(party, '') || ' ' || COALESCE(area, '') || ' ' ||"
			" COALESCE(nominated_by, ''), bio_html FROM pub_person WHERE id = ?1");
	struct buf b = BUF_INIT;
	int rc = 0;

	if (remove_docs(db, kind, id) < 0 || !s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		char *title = strdup(col_text(s, 0));
		if (committee) {
			html_text(&b, col_text(s, 1));
		} else {
			buf_puts(&b, col_text(s, 1));
			buf_putc(&b, ' ');
			html_text(&b, col_text(s, 2));
		}
		sqlite3_reset(s);
		rc = title ? add_doc(db, kind, id, 0, committee ? id : 0, NULL, 0, title, b.data) : -1;
		free(title);
	} else {
		sqlite3_reset(s);
	}
	buf_release(&b);
	return rc;
}

int search_queue_all(struct db *db)
{
	return db_exec(db, "INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting;"
		       "INSERT OR IGNORE INTO search_queue SELECT 'organization', id FROM organization;"
		       "INSERT OR IGNORE INTO search_queue SELECT 'person', id FROM person;");
}

long search_drain(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx)
{
	long done = 0, total = -1;

	for (;;) {
		sqlite3_stmt *s = db_stmt(db, "SELECT entity, id FROM search_queue LIMIT 1");
		char entity[16];
		int64_t id;
		int rc;

		if (!s)
			return -1;
		if (total < 0) {
			sqlite3_stmt *cnt = db_stmt(db, "SELECT count(*) FROM search_queue");
			if (cnt && sqlite3_step(cnt) == SQLITE_ROW)
				total = sqlite3_column_int64(cnt, 0);
			if (cnt)
				sqlite3_reset(cnt);
		}
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return done;
		}
		snprintf(entity, sizeof(entity), "%s", col_text(s, 0));
		id = col_int(s, 1);
		sqlite3_reset(s);
		rc = strcmp(entity, "meeting") == 0 ? index_meeting(db, id) : index_simple(db, entity, id);
		if (rc < 0)
			return -1;
		s = db_stmt(db, "DELETE FROM search_queue WHERE entity = ?1 AND id = ?2");
		if (!s)
			return -1;
		bind_text(s, 1, entity);
		sqlite3_bind_int64(s, 2, id);
		if (db_step_done(db, s, "search queue") < 0)
			return -1;
		done++;
		if (progress && (done % 100 == 0 || done == total))
			progress(ctx, done, total);
	}
}

/* Every hit is checked against the public views at query time. */
#define HIT_VISIBLE \
	" AND CASE d.kind" \
	"  WHEN 'meeting' THEN EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = d.ref_id)" \
	"  WHEN 'item' THEN EXISTS (SELECT 1 FROM pub_agenda_item i WHERE i.id = d.ref_id)" \
	"  WHEN 'minutes' THEN EXISTS (SELECT 1 FROM pub_agenda_item i WHERE i.id = d.ref_id" \
	"   AND i.exempt = 0 AND (i.minutes_html IS NOT NULL OR i.decision_html IS NOT NULL))" \
	"  WHEN 'document' THEN EXISTS (SELECT 1 FROM pub_file f WHERE f.id = d.ref_id)" \
	"  WHEN 'committee' THEN EXISTS (SELECT 1 FROM pub_organization o WHERE o.id = d.ref_id)" \
	"  WHEN 'person' THEN EXISTS (SELECT 1 FROM pub_person p WHERE p.id = d.ref_id)" \
	"  ELSE 0 END"

int pub_search(struct db *db, const char *q, int limit, int offset, struct cursor *c, int *total)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM (SELECT 1 FROM search_fts JOIN search_doc d"
				  " ON d.rowid = search_fts.rowid WHERE search_fts MATCH ?1" HIT_VISIBLE " LIMIT 10000)");
	int rc;

	*total = 0;
	if (!s)
		return -1;
	bind_text(s, 1, q);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return -1; /* most likely a syntax error in the query */
	if (db_cursor_open(db, c,
		"SELECT d.kind, d.ref_id, d.meeting_id, d.page, search_fts.title,"
		" snippet(search_fts, -1, char(1), char(2), '…', 16), d.at,"
		" (SELECT filename FROM file WHERE d.kind = 'document' AND id = d.ref_id)"
		" FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid"
		" WHERE search_fts MATCH ?1" HIT_VISIBLE
		" ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT ?2 OFFSET ?3") < 0)
		return -1;
	bind_text(c->s, 1, q);
	sqlite3_bind_int(c->s, 2, limit);
	sqlite3_bind_int(c->s, 3, offset);
	return 0;
}

int cursor_next_hit(struct cursor *c, struct search_hit *h)
{
	if (!db_cursor_step(c))
		return 0;
	h->kind = col_text(c->s, 0);
	h->ref_id = col_int(c->s, 1);
	h->meeting_id = col_int(c->s, 2);
	h->page = (int)col_int(c->s, 3);
	h->title = col_text(c->s, 4);
	h->snippet = col_text(c->s, 5);
	h->at = col_text(c->s, 6);
	h->filename = col_text(c->s, 7);
	return 1;
}
