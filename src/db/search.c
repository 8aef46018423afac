/* search.c: the search index and its queries (see search.h). */
#include <sqlite3.h>

#include "db/search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rows_int.h"
#include "util/buf.h"
#include "util/date.h"
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

/* Long texts (minutes, descriptions) are indexed as passages of about
 * PASSAGE_WORDS words, cut only where a block (paragraph, list item,
 * heading, table row) ends, as documents are indexed a page a row: BM25
 * normalises by length, and a mention in 2,000 words of minutes would
 * otherwise rank below every short text that has it (see
 * docs/DECISIONS.md, "Search").  Calls add() with each passage's plain
 * text, at least once (with "" for an empty text). */
#define PASSAGE_WORDS 100

static int block_end(const char *p)
{
	static const char *const ends[] = { "</p>", "</li>", "</tr>", "</pre>", "</blockquote>", "</dd>", "</dt>",
					    "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>", "<br>", "<br />", "<hr>" };

	if (*p != '<')   /* every character is tried: most are not a tag */
		return 0;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t n = strlen(ends[i]);
		if (strncmp(p, ends[i], n) == 0)
			return (int)n;
	}
	return 0;
}

static int count_words(const char *t)
{
	int n = 0, in = 0;

	for (; *t; t++) {
		int space = *t == ' ' || *t == '\n' || *t == '\t' || *t == '\r';
		n += !space && !in;
		in = !space;
	}
	return n;
}

static int each_passage(const char *html, int (*add)(void *ctx, const char *text), void *ctx)
{
	struct buf passage = BUF_INIT, block = BUF_INIT, raw = BUF_INIT;
	const char *p = html ? html : "";
	int words = 0, emitted = 0, rc = -1;

	while (*p) {
		const char *start = p;
		int n = 0, w;
		while (*p && !(n = block_end(p)))
			p++;
		p += n;
		buf_reset(&raw);
		buf_append(&raw, start, (size_t)(p - start));
		buf_reset(&block);
		html_text(&block, raw.data);
		if (!block.len || !(w = count_words(block.data)))
			continue;
		if (words && words + w > PASSAGE_WORDS) {
			if (add(ctx, passage.data) < 0)
				goto out;
			emitted = 1;
			buf_reset(&passage);
			words = 0;
		}
		if (words)
			buf_putc(&passage, ' ');
		buf_append(&passage, block.data, block.len);
		words += w;
	}
	if ((words || !emitted) && add(ctx, words ? passage.data : "") < 0)
		goto out;
	rc = 0;
out:
	buf_release(&passage);
	buf_release(&block);
	buf_release(&raw);
	return rc;
}

/* The rowid of an index row is its date (see sql/004_search_dates.sql). */
#define DAY_SHIFT 24
#define DAY_UNDATED ((1L << 20) - 1)

static long day_of(const char *at)
{
	struct civil c;
	long d;

	if (!at || civil_parse(at, &c) < 0)
		return DAY_UNDATED;
	d = days_from_civil(c.year, c.month, c.day) - days_from_civil(1800, 1, 1) + 1;
	return d < 1 ? 1 : d >= DAY_UNDATED ? DAY_UNDATED - 1 : d;
}

/* The result a row belongs to (search_doc.grp, sql/012_search_groups.sql):
 * (kind << 48) | id. */
enum group_kind { G_MEETING = 1, G_ITEM, G_DOCUMENT, G_COMMITTEE, G_PERSON, G_DECISION, G_PLAN };
#define GROUP_SHIFT 48
#define GROUP(kind, id) (((int64_t)(kind) << GROUP_SHIFT) | (int64_t)(id))

static enum group_kind group_kind(int64_t grp)
{
	return (enum group_kind)(grp >> GROUP_SHIFT);
}

struct doc {
	const char *kind;
	int64_t ref, meeting, item, org;
	const char *at;
	int page;
	int64_t grp;
};

static int add_doc(struct db *db, const struct doc *d, const char *title, const char *body)
{
	int64_t lo = (int64_t)day_of(d->at) << DAY_SHIFT, hi = lo | ((1L << DAY_SHIFT) - 1), rowid = lo;
	struct stmt *s = db_stmt(db, "SELECT max(rowid) FROM search_doc WHERE rowid BETWEEN ?1 AND ?2");
	char tags[64];

	if (!s)
		return -1;
	st_bind_int(s, 1, lo);
	st_bind_int(s, 2, hi);
	if (st_step(s) == ST_ROW && !col_null(s, 0))
		rowid = col_int(s, 0) + 1;
	st_reset(s);
	if (rowid > hi) {
		snprintf(db->err, sizeof(db->err), "indexing: too many rows on one day");
		return -1;
	}
	if (db_run(db, "INSERT INTO search_doc(rowid, kind, ref_id, meeting_id, item_id, organization_id, at, page, grp)"
		   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", "indexing",
		   DB_ARGS(v_int(rowid), v_text(d->kind), v_int(d->ref), v_id(d->meeting), v_id(d->item), v_id(d->org),
			   v_text(d->at), v_id(d->page), v_int(d->grp))) < 0)
		return -1;
	snprintf(tags, sizeof(tags), "xk%s xo%lld", d->kind, (long long)d->org);
	/* PostgreSQL: the row's document vector, the title's words weighted
	 * A and the body's B (pub_search ranks a title match as FTS5 does:
	 * ten times a body match); the tags are not in it (its filters are
	 * search_doc's columns). */
	return db_run(db, db_pg(db) ? "INSERT INTO search_fts(rowid, title, body, tags, tsv) VALUES (?1, ?2, ?3, ?4,"
				     " setweight(to_tsvector('witan_search', ?2), 'A') ||"
				     " setweight(to_tsvector('witan_search', ?3), 'B'))" :
		      "INSERT INTO search_fts(rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)", "indexing",
		      DB_ARGS(v_int(rowid), v_text(title ? title : ""), v_text(body ? body : ""), v_text(tags)));
}

/* A passage of an item's description or minutes: the item's title goes
 * with the first only, so a title's words count once, not once a passage
 * (the page shows the item's title for every passage). */
struct passage_ctx {
	struct db *db;
	const struct doc *d;
	const char *title;
	int n;
};

static int add_passage(void *ctx, const char *text)
{
	struct passage_ctx *pc = ctx;

	return add_doc(pc->db, pc->d, pc->n++ ? "" : pc->title, text);
}

/* Remove the rows of (kind, ref) or, with kind NULL, of a meeting. */
static int remove_docs(struct db *db, const char *kind, int64_t id)
{
	const struct dbv *args = DB_ARGS(v_text(kind), v_int(id));
	struct stmt *s = db_stmt(db, kind ? "SELECT 1 FROM search_doc WHERE kind = ?1 AND ref_id = ?2 LIMIT 1" :
				  "SELECT 1 FROM search_doc WHERE meeting_id = ?2 LIMIT 1");
	int found;

	/* Nothing indexed yet (a new record): no DELETE, for a statement
	 * that writes to the FTS5 table opens a savepoint, and FTS5 flushes
	 * its pending terms at each one (a segment per statement). */
	if (!s)
		return -1;
	if (kind)
		st_bind_textn(s, 1, kind, strlen(kind));
	st_bind_int(s, 2, id);
	found = st_step(s);
	st_reset(s);
	if (found == ST_DONE)
		return 0;
	if (found != ST_ROW)
		return db_fail(db, "unindexing");
	if (db_run(db, kind ?
		   "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_doc WHERE kind = ?1 AND ref_id = ?2)" :
		   "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_doc WHERE meeting_id = ?2)",
		   "unindexing", args) < 0)
		return -1;
	return db_run(db, kind ? "DELETE FROM search_doc WHERE kind = ?1 AND ref_id = ?2" :
		      "DELETE FROM search_doc WHERE meeting_id = ?2", "unindexing", args);
}

/* A document's pages, or its title alone when it has no text. */
static int index_file(struct db *db, struct doc *d, const char *title)
{
	struct stmt *s = db_stmt(db, "SELECT page, text FROM pub_file_page WHERE file_id = ?1 ORDER BY page");
	int n = 0;

	if (!s)
		return -1;
	st_bind_int(s, 1, d->ref);
	while (st_step(s) == ST_ROW) {
		d->page = (int)col_int(s, 0);
		if (add_doc(db, d, title, col_text(s, 1)) < 0) {
			st_reset(s);
			return -1;
		}
		n++;
	}
	st_reset(s);
	d->page = 0;
	return n ? 0 : add_doc(db, d, title, "");
}

/* The documents a meeting's re-indexing touches (indexed with it before,
 * after, or both): their groups are decided again once it is done. */
struct file_set {
	int64_t *id;
	int n, cap;
};

static int file_set_add(struct file_set *fs, int64_t id)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->id[i] == id)
			return 0;
	if (fs->n == fs->cap) {
		int cap = fs->cap ? 2 * fs->cap : 16;
		int64_t *p = realloc(fs->id, sizeof(*p) * (size_t)cap);
		if (!p)
			return -1;
		fs->id = p;
		fs->cap = cap;
	}
	fs->id[fs->n++] = id;
	return 0;
}

/* A document's group, from the index itself: an agenda item's when all
 * its rows are that item's (attached there and nowhere else, directly or
 * through a paper the item consults), else its own (attached to a
 * meeting, or in several places: one result listing them).  Run whenever
 * a meeting it is (or was) indexed with is re-indexed, so it always
 * follows its rows. */
static int regroup_file(struct db *db, int64_t file)
{
	struct stmt *s = db_stmt(db, "SELECT count(DISTINCT COALESCE(item_id, -meeting_id)), max(item_id)"
				  " FROM search_doc WHERE kind = 'document' AND ref_id = ?1");
	int64_t places = 0, item = 0, grp;

	if (!s)
		return -1;
	st_bind_int(s, 1, file);
	if (st_step(s) == ST_ROW) {
		places = col_int(s, 0);
		item = col_int(s, 1);
	}
	st_reset(s);
	if (places == 0)
		return 0;
	grp = places == 1 && item ? GROUP(G_ITEM, item) : GROUP(G_DOCUMENT, file);
	return db_run(db, "UPDATE search_doc SET grp = ?2 WHERE kind = 'document' AND ref_id = ?1 AND grp IS NOT ?2",
		      "grouping", DB_ARGS(v_int(file), v_int(grp)));
}

static int index_meeting(struct db *db, int64_t id)
{
	struct stmt *s;
	struct buf t = BUF_INIT, b = BUF_INIT;
	struct doc d = { "meeting", id, id, 0, 0, NULL, 0, GROUP(G_MEETING, id) };
	struct file_set files = { 0 };
	char *at = NULL;
	int rc = -1;

	/* The documents indexed with it until now. */
	s = db_stmt(db, "SELECT DISTINCT ref_id FROM search_doc WHERE meeting_id = ?1 AND +kind = 'document'");
	if (!s)
		goto out;
	st_bind_int(s, 1, id);
	while (st_step(s) == ST_ROW) {
		if (file_set_add(&files, col_int(s, 0)) < 0) {
			st_reset(s);
			snprintf(db->err, sizeof(db->err), "indexing: out of memory");
			goto out;
		}
	}
	st_reset(s);
	if (remove_docs(db, NULL, id) < 0)
		goto out;
	s = db_stmt(db, "SELECT m.name, o.name, m.start_at, m.organization_id, l.name FROM pub_meeting m"
		    " JOIN pub_organization o ON o.id = m.organization_id LEFT JOIN pub_location l ON l.id = m.location_id"
		    " WHERE m.id = ?1");
	if (!s)
		goto out;
	st_bind_int(s, 1, id);
	if (st_step(s) != ST_ROW) {
		st_reset(s);
		rc = 0; /* not public (any more): nothing indexed */
		goto regroup;
	}
	buf_puts(&t, col_text(s, 0));
	buf_printf(&b, "%s %s %s", col_text(s, 1), col_text(s, 2), col_str(s, 4));
	at = strdup(col_text(s, 2));
	d.org = col_int(s, 3);
	d.at = at;
	st_reset(s);
	if (!at || add_doc(db, &d, t.data, b.data) < 0)
		goto out;
	/* Items and their minutes, as public. */
	s = db_stmt(db, "SELECT id, title, description_html, minutes_html, decision_html, exempt FROM pub_agenda_item"
		    " WHERE meeting_id = ?1 ORDER BY id");
	if (!s)
		goto out;
	st_bind_int(s, 1, id);
	while (st_step(s) == ST_ROW) {
		struct passage_ctx pc = { db, &d, col_text(s, 1), 0 };
		d.kind = "item";
		d.ref = d.item = col_int(s, 0);
		d.grp = GROUP(G_ITEM, d.item);
		if (each_passage(col_text(s, 2), add_passage, &pc) < 0) {
			st_reset(s);
			goto out;
		}
		if (!col_int(s, 5) && (col_text(s, 3) || col_text(s, 4))) {
			d.kind = "minutes";
			pc.n = 0;
			buf_reset(&b);
			buf_puts(&b, col_str(s, 3));
			buf_puts(&b, col_str(s, 4));
			if (each_passage(b.data, add_passage, &pc) < 0) {
				st_reset(s);
				goto out;
			}
		}
	}
	st_reset(s);
	/* Public documents of the meeting and its items, page by page. */
	/* (Two arms, not an OR over a LEFT JOIN: each arm uses its index.) */
	s = db_stmt(db, "SELECT f.id, f.title, NULL FROM pub_file_link l JOIN pub_file f ON f.id = l.file_id"
		    " WHERE l.meeting_id = ?1"
		    " UNION SELECT f.id, f.title, i.id FROM pub_agenda_item i JOIN pub_file_link l ON l.agenda_item_id = i.id"
		    " JOIN pub_file f ON f.id = l.file_id WHERE i.meeting_id = ?1"
		    /* the documents of the papers its items consult */
		    " UNION SELECT f.id, f.title, i.id FROM pub_agenda_item i JOIN pub_consultation c ON c.agenda_item_id = i.id"
		    " JOIN pub_file_link l ON l.paper_id = c.paper_id JOIN pub_file f ON f.id = l.file_id"
		    " WHERE i.meeting_id = ?1"
		    /* (rows of a day are numbered in the order indexed: one order on both backends) */
		    " ORDER BY 1, 3 NULLS FIRST");
	if (!s)
		goto out;
	st_bind_int(s, 1, id);
	while (st_step(s) == ST_ROW) {
		d.kind = "document";
		d.ref = col_int(s, 0);
		d.item = col_int(s, 2);
		d.grp = GROUP(G_DOCUMENT, d.ref); /* (until regroup_file) */
		if (file_set_add(&files, d.ref) < 0) {
			st_reset(s);
			snprintf(db->err, sizeof(db->err), "indexing: out of memory");
			goto out;
		}
		if (index_file(db, &d, col_text(s, 1)) < 0) {
			st_reset(s);
			goto out;
		}
	}
	st_reset(s);
	rc = 0;
regroup:
	for (int i = 0; rc == 0 && i < files.n; i++)
		if (regroup_file(db, files.id[i]) < 0)
			rc = -1;
out:
	free(files.id);
	free(at);
	buf_release(&t);
	buf_release(&b);
	return rc;
}

static int index_simple(struct db *db, const char *entity, int64_t id)
{
	int committee = strcmp(entity, "organization") == 0;
	struct doc d = { committee ? "committee" : "person", id, 0, 0, committee ? id : 0, NULL, 0,
			 GROUP(committee ? G_COMMITTEE : G_PERSON, id) };
	struct stmt *s = committee ?
		db_stmt(db, "SELECT name, purpose_html FROM pub_organization WHERE id = ?1") :
		db_stmt(db, "SELECT name, COALESCE(party, '') || ' ' || COALESCE(area, '') || ' ' ||"
			" COALESCE(nominated_by, ''), bio_html FROM pub_person WHERE id = ?1");
	struct buf b = BUF_INIT;
	int rc = 0;

	if (remove_docs(db, d.kind, id) < 0 || !s)
		return -1;
	st_bind_int(s, 1, id);
	if (st_step(s) == ST_ROW) {
		char *title = strdup(col_text(s, 0));
		if (committee) {
			html_text(&b, col_text(s, 1));
		} else {
			buf_puts(&b, col_text(s, 1));
			buf_putc(&b, ' ');
			html_text(&b, col_text(s, 2));
		}
		st_reset(s);
		rc = title ? add_doc(db, &d, title, b.data) : -1;
		free(title);
	} else {
		st_reset(s);
	}
	buf_release(&b);
	return rc;
}

/* A decision record (kind 'decision': its decision, reasons and the
 * alternatives rejected) or a forward plan entry (kind 'plan': its
 * summary, consultees and documents to be considered), each one result
 * dated by its decision, under its decision maker's committee. */
static int index_statutory(struct db *db, int plan, int64_t id)
{
	struct doc d = { plan ? "plan" : "decision", id, 0, 0, 0, NULL, 0, GROUP(plan ? G_PLAN : G_DECISION, id) };
	struct stmt *s = plan ?
		db_stmt(db, "SELECT title, decision_due, decision_maker_id, summary_html, consultees, documents"
			" FROM pub_plan_entry WHERE id = ?1") :
		db_stmt(db, "SELECT title, decided_on, decision_maker_id, decision_html, reasons_html, alternatives_html"
			" FROM pub_decision WHERE id = ?1");
	struct buf b = BUF_INIT;
	int rc = -1;

	if (remove_docs(db, d.kind, id) < 0 || !s)
		return -1;
	st_bind_int(s, 1, id);
	if (st_step(s) != ST_ROW) {
		st_reset(s);
		return 0; /* not public (any more): nothing indexed */
	}
	d.at = col_text(s, 1);
	d.org = col_int(s, 2);
	{
		struct passage_ctx pc = { db, &d, col_text(s, 0), 0 };
		if (plan) {
			if (each_passage(col_text(s, 3), add_passage, &pc) < 0)
				goto out;
			/* (plain texts: a row each, without the title) */
			for (int c = 4; c <= 5; c++)
				if (col_text(s, c) && add_doc(db, &d, "", col_text(s, c)) < 0)
					goto out;
		} else {
			for (int c = 3; c <= 5; c++)
				buf_puts(&b, col_text(s, c) ? col_text(s, c) : "");
			if (each_passage(b.data, add_passage, &pc) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	st_reset(s);
	buf_release(&b);
	return rc;
}

/* Index one queued entity, reading as the public does (DB_MODE_INDEX:
 * the pub_* views, and writes to the index only). */
static int index_entity(struct db *db, const char *entity, int64_t id)
{
	enum db_mode was = db_set_mode(db, DB_MODE_INDEX);
	int rc = strcmp(entity, "meeting") == 0 ? index_meeting(db, id) :
		 strcmp(entity, "decision") == 0 ? index_statutory(db, 0, id) :
		 strcmp(entity, "plan_entry") == 0 ? index_statutory(db, 1, id) : index_simple(db, entity, id);

	db_set_mode(db, was);
	return rc;
}

int search_queue_all(struct db *db)
{
	return db_exec(db, "INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting;"
		       "INSERT OR IGNORE INTO search_queue SELECT 'organization', id FROM organization;"
		       "INSERT OR IGNORE INTO search_queue SELECT 'person', id FROM person;"
		       "INSERT OR IGNORE INTO search_queue SELECT 'decision', id FROM decision;"
		       "INSERT OR IGNORE INTO search_queue SELECT 'plan_entry', id FROM plan_entry;");
}

long search_drain(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx)
{
	long done = 0, total = -1;

	for (;;) {
		/* (in key order, as SQLite walks it: the rows of one day are
		 * numbered in the order indexed, the order of "newest first") */
		struct stmt *s = db_stmt(db, "SELECT entity, id FROM search_queue ORDER BY entity, id LIMIT 1");
		char entity[16];
		int64_t id;
		int rc;

		if (!s)
			return -1;
		if (total < 0) {
			struct stmt *cnt = db_stmt(db, "SELECT count(*) FROM search_queue");
			if (cnt && st_step(cnt) == ST_ROW)
				total = col_int(cnt, 0);
			if (cnt)
				st_reset(cnt);
		}
		if (st_step(s) != ST_ROW) {
			st_reset(s);
			return done;
		}
		snprintf(entity, sizeof(entity), "%s", col_text(s, 0));
		id = col_int(s, 1);
		st_reset(s);
		rc = index_entity(db, entity, id);
		if (rc < 0)
			return -1;
		if (db_run(db, "DELETE FROM search_queue WHERE entity = ?1 AND id = ?2", "search queue",
			   DB_ARGS(v_text(entity), v_int(id))) < 0)
			return -1;
		done++;
		if (progress && (done % 100 == 0 || done == total))
			progress(ctx, done, total);
	}
}

/* The MATCH expression: the reader's query on title and body, and the
 * filters as terms on the tags column. */
static void match_expr(struct buf *m, const struct search_params *p)
{
	buf_printf(m, "{title body} : (%s)", p->fts);
	if (p->kind)
		buf_printf(m, " AND {tags} : \"xk%s\"", p->kind);
	if (p->committee > 0)
		buf_printf(m, " AND {tags} : \"xo%lld\"", (long long)p->committee);
}

/* Rowid bounds of the date range (dated rows only when there is one). */
static void rowid_range(const struct search_params *p, int64_t *lo, int64_t *hi)
{
	*lo = 0;
	*hi = INT64_MAX;
	if (p->from || p->to)
		*hi = ((int64_t)DAY_UNDATED << DAY_SHIFT) - 1;
	if (p->from)
		*lo = (int64_t)day_of(p->from) << DAY_SHIFT;
	if (p->to)
		*hi = ((int64_t)day_of(p->to) << DAY_SHIFT) | ((1L << DAY_SHIFT) - 1);
}

/* ?1 the MATCH expression, ?2..?3 the rowid bounds: every walk binds them. */
static void bind_match(struct stmt *s, const char *match, int64_t lo, int64_t hi)
{
	st_bind_text(s, 1, match);
	st_bind_int(s, 2, lo);
	st_bind_int(s, 3, hi);
}

/* Ranking.  FTS5's own bm25() first reads the whole list of every
 * phrase of the query to count the rows that hold it (its IDF): 20 ms for
 * a word in half the rows, on every query, however few rows are ranked.
 * witan_rank() gathers what BM25 needs from each row of the walk instead
 * (each phrase's hits per column, weighted, and the row's size), and
 * pub_search() scores in C with the same formula and constants as FTS5's
 * bm25(), the index's row count and average row size read from FTS5's
 * totals (cheap), and each phrase's document frequency estimated from the
 * rows walked: (rows of the window holding it / rows in the window) x
 * the query's count.  See docs/DECISIONS.md, "Search". */
#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_MAX_PHRASES 32
static const double col_weight[] = { 10.0, 1.0, 0.0 }; /* title, body, tags */

struct rank_set {
	int open;                 /* still gathering: the window is not full */
	int lookup;               /* still looking up each match's result (its group) */
	long last_day;            /* >= 0: ... only for the matches of this day */
	int64_t last_rowid;       /* the row of the last call */
	int n, cap;               /* rows gathered, and room for */
	int nphrase;              /* phrases counted (at most RANK_MAX_PHRASES) */
	double nrows, avgdl;      /* the index's rows and average row size */
	int64_t *rowid;           /* [cap] */
	float *size;              /* [cap] each row's size in tokens */
	float *freq;              /* [cap * RANK_MAX_PHRASES] weighted hits */
	int *group;               /* [cap] the result each row belongs to (set by pub_search) */
	int err;                  /* an FTS5 call failed, or out of memory */
	int scored;               /* PostgreSQL: size[] holds each row's score (ts_rank_cd) */
};

static int rank_grow(struct rank_set *rs)
{
	int cap = rs->cap ? 2 * rs->cap : 1024;
	int64_t *rowid = realloc(rs->rowid, sizeof(*rowid) * (size_t)cap);
	float *size = rowid ? realloc(rs->size, sizeof(*size) * (size_t)cap) : NULL;
	float *freq = NULL;
	int *group = NULL;

	if (rowid)
		rs->rowid = rowid;
	if (size)
		rs->size = size;
	if (size && (freq = realloc(rs->freq, sizeof(*freq) * (size_t)cap * RANK_MAX_PHRASES)))
		rs->freq = freq;
	if (freq && (group = realloc(rs->group, sizeof(*group) * (size_t)cap)))
		rs->group = group;
	if (!group)
		return -1;
	rs->cap = cap;
	return 0;
}

/* Whether the match at rowid has its result looked up: until the walk
 * (newest first) is past the day of rs->last_day. */
static int rank_lookup(struct rank_set *rs, int64_t rowid)
{
	if (rs->lookup && rs->last_day >= 0 && rowid >> DAY_SHIFT != rs->last_day)
		rs->lookup = 0;
	return rs->lookup;
}

/* Whether the match at rowid is gathered for ranking (the window is
 * open), with room made for it at rs->n; 0 with rs->err on no memory. */
static int rank_gathers(struct rank_set *rs, int64_t rowid)
{
	if (rs->err || !rs->open || !rs->lookup || rowid == rs->last_rowid)
		return 0;
	rs->last_rowid = rowid;
	if (rs->n == rs->cap && rank_grow(rs) < 0) {
		rs->err = 1;
		return 0;
	}
	return 1;
}

/* witan_rank(search_fts, set): gathers the row into the set while its
 * window is open, and answers whether the row's result is to be looked
 * up (1) or the row only counted (0). */
static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		    sqlite3_value **val)
{
	struct rank_set *rs = nval == 1 ? sqlite3_value_pointer(val[0], "witan_rank_set") : NULL;
	int64_t rowid = api->xRowid(fts);
	float *f;
	int ninst, tokens;

	if (!rs)
		return;
	sqlite3_result_int(ctx, rank_lookup(rs, rowid));
	if (!rank_gathers(rs, rowid))
		return; /* past the window: counted, not ranked */
	if (rs->n == 0) {
		sqlite3_int64 rows = 0, total = 0;
		int np = api->xPhraseCount(fts);
		if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &total) != SQLITE_OK) {
			rs->err = 1;
			return;
		}
		rs->nphrase = np < RANK_MAX_PHRASES ? np : RANK_MAX_PHRASES;
		rs->nrows = (double)rows;
		rs->avgdl = rows > 0 ? (double)total / (double)rows : 1.0;
	}
	f = rs->freq + (size_t)rs->n * RANK_MAX_PHRASES;
	memset(f, 0, sizeof(*f) * RANK_MAX_PHRASES);
	if (api->xInstCount(fts, &ninst) != SQLITE_OK || api->xColumnSize(fts, -1, &tokens) != SQLITE_OK) {
		rs->err = 1;
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;
		if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK) {
			rs->err = 1;
			return;
		}
		if (phrase < rs->nphrase && col >= 0 && col < (int)(sizeof(col_weight) / sizeof(col_weight[0])))
			f[phrase] += (float)col_weight[col];
	}
	rs->rowid[rs->n] = rowid;
	rs->size[rs->n] = (float)tokens;
	rs->group[rs->n] = -1;
	rs->n++;
}

/* witan_plain(html): our own safe HTML as plain text (NULL stays NULL),
 * for the places that want text, not markup (the OParl API). */
static void plain_fn(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct buf b = BUF_INIT;
	const char *html = nval == 1 ? (const char *)sqlite3_value_text(val[0]) : NULL;
	size_t start = 0, end;

	if (!html) {
		sqlite3_result_null(ctx);
		return;
	}
	html_text(&b, html);
	if (b.err) {
		buf_release(&b);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	/* Runs of white space become one space; the ends are trimmed. */
	end = 0;
	for (size_t i = 0; i < b.len; i++) {
		char c = b.data[i];
		int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
		if (space && (end == 0 || b.data[end - 1] == ' '))
			continue;
		b.data[end++] = space ? ' ' : c;
	}
	while (end > start && b.data[end - 1] == ' ')
		end--;
	sqlite3_result_text(ctx, b.data ? b.data : "", (int)end, SQLITE_TRANSIENT);
	buf_release(&b);
}

int search_register(struct db *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;
	int rc = -1;

	/* PostgreSQL searches with its own full-text search (pub_search, and
	 * witan_plain in sql/pg/witan.sql). */
	if (db_pg(db))
		return 0;

	if (sqlite3_create_function(db->h, "witan_plain", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				    NULL, plain_fn, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "witan_plain");

	if (sqlite3_prepare_v2(db->h, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return db_fail(db, "search: fts5");
	sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	if (api && api->iVersion >= 2 &&
	    api->xCreateFunction(api, "witan_rank", NULL, rank_fn, NULL) == SQLITE_OK)
		rc = 0;
	else
		snprintf(db->err, sizeof(db->err), "search: this SQLite has no usable FTS5");
	sqlite3_finalize(s);
	return rc;
}

/* The index follows the record: its functions on every connection, and
 * what the triggers queued re-indexed in every transaction that commits. */
static int drain_on_commit(struct db *db)
{
	return search_drain(db, NULL, NULL) < 0 ? -1 : 0;
}

static const struct db_hooks search_hooks = { "search", search_register, drain_on_commit };

/* Added before main() runs, so that every program linked with search.c
 * (the server, the CLI, the tests, the benchmark) indexes as it commits. */
__attribute__((constructor)) static void search_add_hooks(void)
{
	if (db_hooks_add(&search_hooks) < 0)
		abort();
}

/* BM25 of each gathered row (FTS5's formula) into score[]. */
static void rank_score(const struct rank_set *rs, int total, double *score)
{
	double idf[RANK_MAX_PHRASES];

	if (rs->scored) {
		for (int i = 0; i < rs->n; i++)
			score[i] = rs->size[i];
		return;
	}
	for (int p = 0; p < rs->nphrase; p++) {
		int with = 0;
		double df;
		for (int i = 0; i < rs->n; i++)
			with += rs->freq[(size_t)i * RANK_MAX_PHRASES + p] > 0;
		df = rs->n ? (double)with / rs->n * total : 0;
		idf[p] = log((rs->nrows - df + 0.5) / (df + 0.5));
		if (idf[p] <= 0.0)
			idf[p] = 1e-6;
	}
	for (int i = 0; i < rs->n; i++) {
		const float *f = rs->freq + (size_t)i * RANK_MAX_PHRASES;
		double norm = RANK_K1 * (1 - RANK_B + RANK_B * rs->size[i] / rs->avgdl);
		score[i] = 0;
		for (int p = 0; p < rs->nphrase; p++)
			score[i] += idf[p] * (f[p] * (RANK_K1 + 1.0)) / (f[p] + norm);
	}
}

/* A result: the matches of one group (search_doc.grp) among those walked. */
struct group {
	int64_t key;
	int64_t newest;           /* its first match in the walk (newest first) */
	int64_t best;             /* relevance: its best match in the window */
	double score;             /* that match's score */
	int ranked;               /* it has a match in the window */
	int rows;                 /* its matches walked */
	int64_t meeting, item;    /* the place of its first match, */
	int here;                 /* and its matches there (a document is indexed once a place) */
};

/* The results met in the walk, in the order met, and a hash table from a
 * group's key to its index (open addressing, at most half full). */
struct group_set {
	struct group *g;
	int n, cap;
	int *slot;                /* [nslot] index + 1; 0: empty */
	unsigned nslot;
};

static unsigned group_hash(int64_t key, unsigned nslot)
{
	return (unsigned)(((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> 32) & (nslot - 1);
}

/* The index of key's group, added (met at rowid) if new; -1: out of memory. */
static int group_of(struct group_set *gs, int64_t key, int64_t rowid)
{
	unsigned i;

	if ((unsigned)(gs->n + 1) * 2 > gs->nslot) {
		unsigned nslot = gs->nslot ? 2 * gs->nslot : 256;
		int *slot = calloc(nslot, sizeof(*slot));
		if (!slot)
			return -1;
		for (int k = 0; k < gs->n; k++) {
			for (i = group_hash(gs->g[k].key, nslot); slot[i]; i = (i + 1) & (nslot - 1))
				;
			slot[i] = k + 1;
		}
		free(gs->slot);
		gs->slot = slot;
		gs->nslot = nslot;
	}
	for (i = group_hash(key, gs->nslot); gs->slot[i]; i = (i + 1) & (gs->nslot - 1))
		if (gs->g[gs->slot[i] - 1].key == key)
			return gs->slot[i] - 1;
	if (gs->n == gs->cap) {
		int cap = gs->cap ? 2 * gs->cap : 128;
		struct group *g = realloc(gs->g, sizeof(*g) * (size_t)cap);
		if (!g)
			return -1;
		gs->g = g;
		gs->cap = cap;
	}
	gs->g[gs->n] = (struct group){ .key = key, .newest = rowid, .best = rowid };
	gs->slot[i] = ++gs->n;
	return gs->n - 1;
}

struct ranked {
	int group;
	int64_t rowid;
	double score;
};

/* Best first; among equals, the newer first (the order of the walk). */
static int by_score(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->rowid < y->rowid ? 1 : x->rowid > y->rowid ? -1 : 0;
}

/* One result shown: its match and the strings of the snippet walk, kept
 * until it is passed on. */
struct hit_text {
	int64_t rowid;
	int group;
	char *title, *snippet;
};

/* Where a document was considered, from the index (every place it is
 * indexed with), each place checked against the public views. */
struct places {
	struct search_place p[SEARCH_MAX_PLACES];
	int n, more;
};

static void places_release(struct places *pl)
{
	for (int i = 0; i < pl->n; i++) {
		free((char *)pl->p[i].meeting);
		free((char *)pl->p[i].at);
		free((char *)pl->p[i].number);
		free((char *)pl->p[i].title);
	}
	pl->n = pl->more = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int document_places(struct db *db, int64_t file, struct places *pl)
{
	struct stmt *s = db_stmt(db, "SELECT p.meeting_id, p.item_id, m.name, m.start_at,"
				  " (SELECT number FROM pub_agenda_item WHERE id = p.item_id),"
				  " (SELECT title FROM pub_agenda_item WHERE id = p.item_id)"
				  " FROM (SELECT meeting_id, item_id, max(rowid) AS newest FROM search_doc"
				  "  WHERE kind = 'document' AND ref_id = ?1 GROUP BY meeting_id, item_id) p"
				  " JOIN pub_meeting m ON m.id = p.meeting_id"
				  " WHERE p.item_id IS NULL OR EXISTS (SELECT 1 FROM pub_agenda_item i"
				  "  WHERE i.id = p.item_id AND i.exempt = 0)"
				  " ORDER BY p.newest DESC");
	int step;

	if (!s)
		return -1;
	st_bind_int(s, 1, file);
	while ((step = st_step(s)) == ST_ROW) {
		struct search_place *sp = &pl->p[pl->n];
		if (pl->n == SEARCH_MAX_PLACES) {
			pl->more++;
			continue;
		}
		sp->meeting_id = col_int(s, 0);
		sp->item_id = col_int(s, 1);
		sp->meeting = dup_or_null(col_text(s, 2));
		sp->at = dup_or_null(col_text(s, 3));
		sp->number = dup_or_null(col_text(s, 4));
		sp->title = dup_or_null(col_text(s, 5));
		pl->n++;
		if ((col_text(s, 2) && !sp->meeting) || (col_text(s, 3) && !sp->at) ||
		    (col_text(s, 4) && !sp->number) || (col_text(s, 5) && !sp->title)) {
			step = SQLITE_NOMEM;
			break;
		}
	}
	st_reset(s);
	if (step != ST_DONE) {
		snprintf(db->err, sizeof(db->err), "search: places: %s",
			 step == SQLITE_NOMEM ? "out of memory" : db_errmsg(db));
		return -1;
	}
	return 0;
}

static const char *const group_names[] = {
	[G_MEETING] = "meeting", [G_ITEM] = "item", [G_DOCUMENT] = "document", [G_COMMITTEE] = "committee",
	[G_PERSON] = "person", [G_DECISION] = "decision", [G_PLAN] = "plan",
};
#define NGROUP_NAMES ((int)(sizeof(group_names) / sizeof(group_names[0])))

/* The walk of step 1 (below): ?1 the query, ?2..?3 the rowid bounds, ?4
 * the most matches; on SQLite ?5 the rank set, on PostgreSQL ?5 the kind
 * (or NULL), ?6 the committee (or 0), ?7 whether to rank (ts_rank_cd: the
 * weights of D, C, B (a body match) and A (a title match), the score
 * divided by 1 + the log of the row's length, as BM25 favours the
 * shorter row; see docs/DECISIONS.md, "Search on PostgreSQL"). */
#define WALK_FTS5 \
	"SELECT search_fts.rowid, d.grp, d.meeting_id, d.item_id FROM search_fts" \
	" LEFT JOIN search_doc d ON d.rowid = CASE WHEN witan_rank(search_fts, ?5) THEN search_fts.rowid END" \
	" WHERE search_fts MATCH ?1 AND search_fts.rowid BETWEEN ?2 AND ?3" \
	" ORDER BY search_fts.rowid DESC LIMIT ?4"
#define WALK_PG \
	"SELECT f.rowid, d.grp, d.meeting_id, d.item_id," \
	" CASE WHEN ?7 <> 0 THEN ts_rank_cd('{0, 0, 0.1, 1}', f.tsv, q, 1) END" \
	" FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid, to_tsquery('witan_search', ?1) q" \
	" WHERE f.tsv @@ q AND f.rowid BETWEEN ?2 AND ?3" \
	" AND (d.kind = ?5 OR ?5 IS NULL) AND (d.organization_id = ?6 OR ?6 = 0)" \
	" ORDER BY f.rowid DESC LIMIT ?4"
/* The page's titles and snippets (step 3): ?4 the rows as a JSON array;
 * on PostgreSQL ?5 ts_headline's options and the body, for headline(). */
#define SNIPPETS_FTS5 \
	"SELECT rowid, title, snippet(search_fts, 1, char(1), char(2), '…', 16) FROM search_fts" \
	" WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND +rowid IN (SELECT value FROM json_each(?4))"
#define SNIPPETS_PG \
	"SELECT f.rowid, f.title, ts_headline('witan_search', f.body, q, ?5), f.body" \
	" FROM search_fts f, to_tsquery('witan_search', ?1) q" \
	" WHERE f.rowid BETWEEN ?2 AND ?3 AND f.rowid IN (SELECT CAST(value AS INTEGER) FROM json_each(?4))"
/* About FTS5's snippet of 16 tokens: one fragment of at most 16 words,
 * matches between \x01 and \x02, short words highlighted too. */
#define HEADLINE_OPTIONS \
	"StartSel=\"\x01\", StopSel=\"\x02\", MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1"

/* ts_headline's fragment as FTS5's snippet has it: "…" where the body
 * goes on before or after it.  A copy to free, or NULL (no memory). */
static char *headline(const char *frag, const char *body)
{
	struct buf plain = BUF_INIT, out = BUF_INIT;
	char *r = NULL;

	size_t blen;

	frag = frag ? frag : "";
	body = body ? body : "";
	for (const char *c = frag; *c; c++)
		if (*c != '\x01' && *c != '\x02')
			buf_putc(&plain, *c);
	if (plain.err)
		goto out;
	/* (the body's white space at either end is not in a fragment) */
	body += strspn(body, " \t\r\n");
	for (blen = strlen(body); blen && strchr(" \t\r\n", body[blen - 1]); blen--)
		;
	if (plain.len && strncmp(body, plain.data, plain.len) != 0)
		buf_puts(&out, "…");
	buf_puts(&out, frag);
	if (plain.len && (blen < plain.len || memcmp(body + blen - plain.len, plain.data, plain.len) != 0))
		buf_puts(&out, "…");
	if (!out.err)
		r = strdup(out.data ? out.data : "");
out:
	buf_release(&plain);
	buf_release(&out);
	return r;
}

int pub_search(struct db *db, const struct search_params *p, struct search_total *total, search_hit_fn fn, void *ctx)
{
	struct buf m = BUF_INIT;
	struct rank_set rs = { 0 };
	struct group_set gs = { 0 };
	struct ranked *order = NULL;
	double *score = NULL;
	struct hit_text hits[SEARCH_MAX_LIMIT];
	struct places pl = { .n = 0 };
	int64_t lo, hi, first = INT64_MAX, last = 0;
	int n = 0, rc = -1, step, matches = 0, looked = 0, counted, nranked = 0;
	int limit = p->limit > 0 && p->limit <= SEARCH_MAX_LIMIT ? p->limit : SEARCH_MAX_LIMIT;
	int relevance = p->sort == SEARCH_RELEVANCE, want = p->offset + limit, pg = db_pg(db);
	struct stmt *s;

	total->results = 0;
	total->lower_bound = 0;
	total->approximate = 0;
	memset(hits, 0, sizeof(hits));
	if (pg ? search_tsquery(p->fts, &m) < 0 : (match_expr(&m, p), 0)) {
		snprintf(db->err, sizeof(db->err), "search: a query search_query() did not make");
		goto out;
	}
	rowid_range(p, &lo, &hi);
	/* 1. One walk, newest first, that stops past SEARCH_COUNT_MAX
	 *    matches.  Each match's result (its group, in search_doc) is
	 *    looked up for the first SEARCH_GROUP_EXACT matches, and on until
	 *    the page asked for is reached, then to the end of that day (a
	 *    result's matches are all of one day: an item's, and a document's
	 *    in one place); the matches after that are only counted, and the
	 *    results among them estimated.  For relevance witan_rank() also
	 *    gathers what ranking needs of the most recent SEARCH_RANK_WINDOW
	 *    matches (the window grows until it holds the page's results). */
	rs.open = relevance;
	rs.lookup = 1;
	rs.last_day = -1;
	rs.last_rowid = -1;
	rs.scored = pg;
	s = db_stmt(db, pg ? WALK_PG : WALK_FTS5);
	if (!s)
		goto out;
	bind_match(s, m.data, lo, hi);
	st_bind_int(s, 4, SEARCH_COUNT_MAX + 1);
	if (pg) {
		if (p->kind)
			st_bind_text(s, 5, p->kind);
		else
			st_bind_null(s, 5);
		st_bind_int(s, 6, p->committee);
		st_bind_int(s, 7, relevance);
	} else {
		sqlite3_bind_pointer(st_lite(s), 5, &rs, "witan_rank_set", NULL);
	}
	while ((step = st_step(s)) == ST_ROW) {
		int64_t rowid, meeting, item;
		int g;
		struct group *gr;

		if (++matches > SEARCH_COUNT_MAX) {
			total->lower_bound = 1;
			break;
		}
		/* (on SQLite witan_rank() did this as the row was read) */
		if (pg && rank_lookup(&rs, col_int(s, 0)) && rank_gathers(&rs, col_int(s, 0))) {
			rs.rowid[rs.n] = col_int(s, 0);
			rs.size[rs.n] = (float)col_double(s, 4);
			rs.group[rs.n++] = -1;
		}
		if (!rs.lookup)
			continue; /* counted only (its group was not looked up) */
		if (col_null(s, 1))
			continue; /* (should it ever be: a row without its group) */
		rowid = col_int(s, 0);
		meeting = col_int(s, 2);
		item = col_int(s, 3);
		looked++;
		g = group_of(&gs, col_int(s, 1), rowid);
		if (g < 0) {
			step = SQLITE_NOMEM;
			break;
		}
		gr = &gs.g[g];
		if (gr->rows++ == 0) {
			gr->meeting = meeting;
			gr->item = item;
		}
		gr->here += gr->meeting == meeting && gr->item == item;
		/* (witan_rank() gathered this row if the window was open) */
		if (rs.n && rs.rowid[rs.n - 1] == rowid && rs.group[rs.n - 1] < 0) {
			rs.group[rs.n - 1] = g;
			nranked += !gr->ranked;
			gr->ranked = 1;
			if (rs.n >= SEARCH_RANK_WINDOW && nranked >= want)
				rs.open = 0;
		}
		if (rs.last_day < 0 && !rs.open && looked >= SEARCH_GROUP_EXACT && (relevance || gs.n >= want))
			rs.last_day = rowid >> DAY_SHIFT;
	}
	st_reset(s);
	if (step != ST_DONE && step != ST_ROW) {
		if (step == SQLITE_NOMEM)
			snprintf(db->err, sizeof(db->err), "search: out of memory");
		goto out; /* most likely a syntax error in the query */
	}
	if (rs.err) {
		snprintf(db->err, sizeof(db->err), "search: ranking failed");
		goto out;
	}
	total->results = gs.n;
	counted = matches > SEARCH_COUNT_MAX ? SEARCH_COUNT_MAX : matches;
	if (looked < counted) {
		/* the rest at the rate of results to matches where it is known */
		total->approximate = 1;
		total->results += (int)((double)(counted - looked) * gs.n / (looked ? looked : 1) + 0.5);
	}
	if (gs.n == 0 || p->offset >= gs.n) {
		rc = 0;
		goto out;
	}
	/* 2. The page's results: by the score of their best match in the
	 *    window, or in the order met (newest first). */
	if (relevance) {
		int k = 0;

		score = malloc(sizeof(*score) * (size_t)(rs.n ? rs.n : 1));
		order = malloc(sizeof(*order) * (size_t)(nranked ? nranked : 1));
		if (!score || !order) {
			snprintf(db->err, sizeof(db->err), "search: out of memory");
			goto out;
		}
		rank_score(&rs, matches, score);
		for (int i = 0; i < rs.n; i++) {
			struct group *gr = rs.group[i] >= 0 ? &gs.g[rs.group[i]] : NULL;
			if (gr && (gr->ranked == 1 || score[i] > gr->score)) {
				gr->best = rs.rowid[i];
				gr->score = score[i];
				gr->ranked = 2;
			}
		}
		for (int g = 0; g < gs.n; g++)
			if (gs.g[g].ranked)
				order[k++] = (struct ranked){ g, gs.g[g].best, gs.g[g].score };
		qsort(order, (size_t)k, sizeof(*order), by_score);
		for (int i = p->offset; i < k && n < limit; i++, n++) {
			hits[n].rowid = order[i].rowid;
			hits[n].group = order[i].group;
		}
	} else {
		for (int g = p->offset; g < gs.n && n < limit; g++, n++) {
			hits[n].rowid = gs.g[g].newest;
			hits[n].group = g;
		}
	}
	for (int i = 0; i < n; i++) {
		first = hits[i].rowid < first ? hits[i].rowid : first;
		last = hits[i].rowid > last ? hits[i].rowid : last;
	}
	/* 3. The page's titles and snippets: one more walk over the span of
	 *    its rows, snippets made only for them (+rowid: a filter, not a
	 *    lookup, so the query is set up once, not once a hit). */
	{
		struct buf ids = BUF_INIT;

		buf_putc(&ids, '[');
		for (int i = 0; i < n; i++)
			buf_printf(&ids, "%s%lld", i ? "," : "", (long long)hits[i].rowid);
		buf_putc(&ids, ']');
		s = db_stmt(db, pg ? SNIPPETS_PG : SNIPPETS_FTS5);
		if (!s) {
			buf_release(&ids);
			goto out;
		}
		bind_match(s, m.data, first, last);
		st_bind_text(s, 4, ids.data);
		if (pg)
			st_bind_text(s, 5, HEADLINE_OPTIONS);
		buf_release(&ids);
		while ((step = st_step(s)) == ST_ROW) {
			int64_t id = col_int(s, 0);
			for (int i = 0; i < n; i++) {
				if (hits[i].rowid != id)
					continue;
				hits[i].title = strdup(col_str(s, 1));
				hits[i].snippet = pg ? headline(col_text(s, 2), col_text(s, 3)) :
					strdup(col_str(s, 2));
				if (!hits[i].title || !hits[i].snippet)
					step = SQLITE_NOMEM;
				break;
			}
			if (step != ST_ROW)
				break;
		}
		st_reset(s);
		if (step != ST_DONE) {
			snprintf(db->err, sizeof(db->err), "search: snippets: %s",
				 step == SQLITE_NOMEM ? "out of memory" : db_errmsg(db));
			goto out;
		}
	}
	/* 4. Each result: its match, a last visibility check against the
	 *    public views (the index holds only public rows, kept in the same
	 *    transaction; this is defence in depth), and a document's places. */
	for (int i = 0; i < n; i++) {
		const struct group *gr = &gs.g[hits[i].group];
		enum group_kind gk = group_kind(gr->key);
		struct search_hit h;
		int visible;

		if (!hits[i].snippet)
			continue; /* gone since the walk (a write in between) */
		s = db_stmt(db, "SELECT d.kind, d.ref_id, d.meeting_id, d.page, d.at,"
			    " (SELECT filename FROM pub_file WHERE d.kind = 'document' AND id = d.ref_id), d.item_id,"
			    " (SELECT name FROM pub_organization WHERE id = d.organization_id),"
			    " CASE d.kind"
			    "  WHEN 'meeting' THEN EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = d.ref_id)"
			    "  WHEN 'item' THEN EXISTS (SELECT 1 FROM pub_agenda_item i WHERE i.id = d.ref_id)"
			    "  WHEN 'minutes' THEN EXISTS (SELECT 1 FROM pub_agenda_item i WHERE i.id = d.ref_id"
			    "   AND i.exempt = 0 AND (i.minutes_html IS NOT NULL OR i.decision_html IS NOT NULL))"
			    "  WHEN 'document' THEN EXISTS (SELECT 1 FROM pub_file f WHERE f.id = d.ref_id)"
			    "  WHEN 'committee' THEN EXISTS (SELECT 1 FROM pub_organization o WHERE o.id = d.ref_id)"
			    "  WHEN 'person' THEN EXISTS (SELECT 1 FROM pub_person p WHERE p.id = d.ref_id)"
			    "  WHEN 'decision' THEN EXISTS (SELECT 1 FROM pub_decision dc WHERE dc.id = d.ref_id)"
			    "  WHEN 'plan' THEN EXISTS (SELECT 1 FROM pub_plan_entry pe WHERE pe.id = d.ref_id)"
			    "  ELSE 1 = 0 END,"
			    /* the title of the item, decision or plan entry (for its later passages) */
			    " CASE d.kind WHEN 'decision' THEN (SELECT title FROM pub_decision WHERE id = d.ref_id)"
			    "  WHEN 'plan' THEN (SELECT title FROM pub_plan_entry WHERE id = d.ref_id)"
			    "  ELSE (SELECT title FROM pub_agenda_item WHERE id = d.item_id) END"
			    " FROM search_doc d WHERE d.rowid = ?1");
		if (!s)
			goto out;
		st_bind_int(s, 1, hits[i].rowid);
		step = st_step(s);
		/* (an item's result is shown only while the item is public) */
		visible = step == ST_ROW && col_int(s, 8) && (gk != G_ITEM || col_text(s, 9)) &&
			  (int)gk > 0 && (int)gk < NGROUP_NAMES;
		if (visible && gk == G_DOCUMENT && document_places(db, gr->key & ((INT64_C(1) << GROUP_SHIFT) - 1), &pl) < 0) {
			st_reset(s);
			goto out;
		}
		if (visible) {
			memset(&h, 0, sizeof(h));
			h.group = group_names[gk];
			/* a document's other pages; anything else's other matches */
			h.more = gk == G_DOCUMENT ? gr->here - 1 : gr->rows - 1;
			h.kind = col_text(s, 0);
			h.ref_id = col_int(s, 1);
			h.meeting_id = col_int(s, 2);
			h.page = (int)col_int(s, 3);
			/* (an item's later passages carry no title) */
			h.title = *hits[i].title || !col_text(s, 9) ? hits[i].title : col_text(s, 9);
			h.snippet = hits[i].snippet;
			h.at = col_text(s, 4);
			h.filename = col_text(s, 5);
			h.item_id = col_int(s, 6);
			h.committee = col_text(s, 7);
			h.item_title = gk == G_ITEM ? col_text(s, 9) : NULL;
			h.places = pl.p;
			h.nplaces = pl.n;
			h.places_more = pl.more;
			if (fn(ctx, &h) < 0) {
				st_reset(s);
				goto out;
			}
		}
		st_reset(s);
		places_release(&pl);
		if (step != ST_ROW && step != ST_DONE) {
			snprintf(db->err, sizeof(db->err), "search: %s", db_errmsg(db));
			goto out;
		}
	}
	rc = 0;
out:
	places_release(&pl);
	for (int i = 0; i < n; i++) {
		free(hits[i].title);
		free(hits[i].snippet);
	}
	free(order);
	free(score);
	free(gs.g);
	free(gs.slot);
	free(rs.rowid);
	free(rs.size);
	free(rs.freq);
	free(rs.group);
	buf_release(&m);
	return rc;
}

void search_total_round(struct search_total *t)
{
	int unit = 1;

	if (!t->approximate)
		return;
	while (t->results / unit >= 100)
		unit *= 10;
	t->results = (t->results + unit / 2) / unit * unit;
}

/* `witan reindex`: every meeting, committee, person, decision and forward
 * plan entry in batches of a
 * short transaction each, so the server keeps serving (and writing)
 * meanwhile; the index is complete throughout, old rows replaced batch by
 * batch.  Rows of meetings that no longer exist go too. */
#define REINDEX_BATCH 100

int search_reindex(struct db *db, void (*progress)(void *ctx, long done, long total), void *ctx)
{
	static const struct { const char *entity, *sql; } kinds[] = {
		{ "meeting", "SELECT id FROM meeting WHERE id > ?1"
			     " UNION SELECT meeting_id FROM search_doc WHERE meeting_id > ?1 ORDER BY 1 LIMIT 100" },
		{ "organization", "SELECT id FROM organization WHERE id > ?1"
				  " UNION SELECT ref_id FROM search_doc WHERE kind = 'committee' AND ref_id > ?1"
				  " ORDER BY 1 LIMIT 100" },
		{ "person", "SELECT id FROM person WHERE id > ?1"
			    " UNION SELECT ref_id FROM search_doc WHERE kind = 'person' AND ref_id > ?1 ORDER BY 1 LIMIT 100" },
		{ "decision", "SELECT id FROM decision WHERE id > ?1"
			      " UNION SELECT ref_id FROM search_doc WHERE kind = 'decision' AND ref_id > ?1"
			      " ORDER BY 1 LIMIT 100" },
		{ "plan_entry", "SELECT id FROM plan_entry WHERE id > ?1"
				" UNION SELECT ref_id FROM search_doc WHERE kind = 'plan' AND ref_id > ?1"
				" ORDER BY 1 LIMIT 100" },
	};
	long done = 0, total = 0;
	struct stmt *s = db_stmt(db, "SELECT (SELECT count(*) FROM meeting) + (SELECT count(*) FROM organization)"
				  " + (SELECT count(*) FROM person) + (SELECT count(*) FROM decision)"
				  " + (SELECT count(*) FROM plan_entry)");

	if (!s)
		return -1;
	if (st_step(s) == ST_ROW)
		total = (long)col_int(s, 0);
	st_reset(s);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int64_t after = 0;
		for (;;) {
			int64_t ids[REINDEX_BATCH];
			int n = 0;

			s = db_stmt(db, kinds[k].sql);
			if (!s)
				return -1;
			st_bind_int(s, 1, after);
			while (n < REINDEX_BATCH && st_step(s) == ST_ROW)
				ids[n++] = col_int(s, 0);
			st_reset(s);
			if (n == 0)
				break;
			if (db_begin(db) < 0)
				return -1;
			for (int i = 0; i < n; i++) {
				int rc = index_entity(db, kinds[k].entity, ids[i]);
				if (rc < 0) {
					db_rollback(db);
					return -1;
				}
			}
			if (db_commit(db) < 0)
				return -1;
			after = ids[n - 1];
			done += n;
			if (progress)
				progress(ctx, done < total ? done : total, total);
		}
	}
	/* Merge the index's segments into one (faster queries). */
	return db_exec(db, "INSERT INTO search_fts(search_fts) VALUES ('optimize')");
}
