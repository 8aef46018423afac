/* boundary.c: the public boundary of the record (see boundary.h).
 *
 * The table `tables` below is the one place where it is decided what of
 * the record is public.  Every column of every table is in it, with its
 * class:
 *   P  public whenever its row is public;
 *   D  public, derived from the row (a document's text status): its
 *      changes do not move the row's modified;
 *   O  public once published: the view shows it only when `expr` holds
 *      (the agenda is published, the minutes are, the item is not exempt);
 *   I  internal: in no view, whatever its row;
 *   M  the row's public `modified`, from the publication record;
 *   Q  the row's public change counter (iCalendar SEQUENCE), likewise;
 *   L  public like P, in a column added to a table whose rows were
 *      already public: the publication hash leaves it out while it is
 *      NULL, so that adding the column moved no object's modified (an
 *      object's own licence, a paper's date).
 * A row is public when `where` holds (with the joins of `from`, which name
 * only other pub_* views).  A table without `where` is internal whole.
 * The tests check that every column of the schema is classified here
 * (tests/unit/test_boundary.c), so a new column is decided on, not
 * forgotten.
 *
 * Everything public (pages, OParl, feeds, calendars, search, the sitemap,
 * the export) reads the views generated from this table through a
 * connection whose authorizer (boundary_authorize) refuses any other read
 * of the record. */
#include <sqlite3.h>

#include "db/boundary.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db_int.h"
#include "db/model.h"
#include "util/buf.h"
#include "util/licence.h"
#include "util/banned.h"

struct table {
	const char *name, *alias;
	const char *from;    /* joins after "FROM name alias" (pub_* views only) */
	const char *where;   /* a row is public when this holds; NULL: internal table */
	const char *why;     /* internal tables: why */
	const void *unused;  /* (the columns: the model's, db/model.h) */
	/* The publication record, for tables with an M column. */
	const char *scope;   /* the OParl list scope (body or committee), over the view `v` */
	const char *extra;   /* more of the public row to hash, over the view `v` */
	const char *deps;    /* (entity, id) whose visibility follows this row (?1 = id) */
	const char *parents; /* (entity, id) that embed this row: their modified moves with it */
	const char *queue;   /* what a write to an untracked table queues, "entity.column": "vote.vote_id" */
};

/* The links between objects that the drain follows.  deps: what may
 * become public or not when this row's public form changes; parents: the
 * objects whose public form embeds this one. */
#define SEL(entity, col, table, key) "SELECT '" entity "', " col " FROM " table " WHERE " key " = ?1"
#define SEL_NN(entity, col, table, key) SEL(entity, col, table, key) " AND " col " IS NOT NULL"
#define UNION " UNION ALL "

/* A table no public view shows at all, with why. */
#define INTERNAL(name, why) { name, NULL, NULL, NULL, why, NULL, NULL, NULL, NULL, NULL, NULL }

static const struct table tables[] = {
	{ "body", "b", NULL, "b.deleted = 0", NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ "legislative_term", "t", NULL, "t.deleted = 0", NULL, NULL, "v.body_id", NULL, NULL,
	  SEL("body", "body_id", "legislative_term", "id"), NULL },
	{ "organization", "o", NULL, "o.deleted = 0", NULL, NULL, "v.body_id", NULL,
	  SEL("meeting", "id", "meeting", "organization_id") UNION
	  SEL("membership", "id", "membership", "organization_id"), NULL, NULL },
	{ "person", "p", NULL, "p.deleted = 0", NULL, NULL, "v.body_id", NULL,
	  SEL("membership", "id", "membership", "person_id"), NULL, NULL },
	{ "location", "loc", NULL, "loc.deleted = 0", NULL, NULL, "v.body_id", NULL, NULL,
	  SEL("meeting", "id", "meeting", "location_id"), NULL },
	{ "membership", "ms",
	  " JOIN pub_person p ON p.id = ms.person_id JOIN pub_organization o ON o.id = ms.organization_id",
	  "ms.deleted = 0", NULL, NULL, NULL, NULL, NULL,
	  SEL("person", "person_id", "membership", "id") UNION
	  SEL("organization", "organization_id", "membership", "id"), NULL },
	{ "meeting", "m", " JOIN pub_organization o ON o.id = m.organization_id",
	  "m.published = 1 AND m.deleted = 0", NULL, NULL, "v.organization_id", NULL,
	  SEL("agenda_item", "id", "agenda_item", "meeting_id") UNION
	  SEL("file_link", "id", "file_link", "meeting_id") UNION
	  SEL("attendance", "id", "attendance", "meeting_id") UNION
	  SEL("declaration", "id", "declaration", "meeting_id") UNION
	  SEL("consultation", "id", "consultation", "meeting_id"), NULL, NULL },
	{ "paper", "pa", NULL, "pa.public = 1 AND pa.deleted = 0", NULL, NULL, "v.body_id", NULL,
	  SEL("file_link", "id", "file_link", "paper_id") UNION
	  SEL("consultation", "id", "consultation", "paper_id"), NULL, NULL },
	{ "agenda_item", "i", " JOIN pub_meeting m ON m.id = i.meeting_id",
	  "m.agenda_status = 'published' AND i.deleted = 0", NULL, NULL, NULL, NULL,
	  SEL("file_link", "id", "file_link", "agenda_item_id") UNION
	  SEL("vote", "id", "vote", "agenda_item_id") UNION
	  SEL("consultation", "id", "consultation", "agenda_item_id") UNION
	  SEL("decision", "id", "decision", "agenda_item_id"),
	  SEL("meeting", "meeting_id", "agenda_item", "id"), NULL },
	/* (Conditions on other views are EXISTS subqueries, never LEFT JOINs:
	 * SQLite cannot flatten a join view on the right of a LEFT JOIN and
	 * would materialize it whole for every query.) */
	{ "consultation", "c", NULL,
	  "c.deleted = 0 AND EXISTS (SELECT 1 FROM pub_paper pa WHERE pa.id = c.paper_id)"
	  " AND (c.meeting_id IS NULL OR EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = c.meeting_id))"
	  " AND (c.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM pub_agenda_item i"
	  " WHERE i.id = c.agenda_item_id AND i.exempt = 0))",
	  NULL, NULL, NULL, NULL, NULL,
	  SEL("paper", "paper_id", "consultation", "id") UNION
	  SEL_NN("agenda_item", "agenda_item_id", "consultation", "id"), NULL },
	{ "file_link", "l", NULL,
	  "l.deleted = 0 AND ("
	  " EXISTS (SELECT 1 FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id"
	  "  WHERE i.id = l.agenda_item_id AND i.exempt = 0"
	  "  AND (l.role <> 'minutes' OR m.minutes_status IN ('published','approved')))"
	  " OR EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = l.meeting_id"
	  "  AND CASE WHEN l.role = 'minutes' THEN m.minutes_status IN ('published','approved')"
	  "  ELSE m.agenda_status = 'published' END)"
	  " OR EXISTS (SELECT 1 FROM pub_paper pa WHERE pa.id = l.paper_id))",
	  NULL, NULL, NULL, NULL, SEL("file", "file_id", "file_link", "id"),
	  SEL("file", "file_id", "file_link", "id") UNION
	  SEL_NN("agenda_item", "agenda_item_id", "file_link", "id") UNION
	  SEL_NN("meeting", "meeting_id", "file_link", "id") UNION
	  SEL_NN("paper", "paper_id", "file_link", "id"), NULL },
	{ "file", "f", NULL, "f.deleted = 0 AND EXISTS (SELECT 1 FROM pub_file_link l WHERE l.file_id = f.id)",
	  NULL, NULL, NULL, NULL, NULL,
	  SEL_NN("agenda_item", "agenda_item_id", "file_link", "file_id") UNION
	  SEL_NN("meeting", "meeting_id", "file_link", "file_id") UNION
	  SEL_NN("paper", "paper_id", "file_link", "file_id"), NULL },
	{ "file_page", "fp", " JOIN pub_file f ON f.id = fp.file_id", "1", NULL, NULL,
	  NULL, NULL, NULL, NULL, "" },
	{ "attendance", "a", " JOIN pub_meeting m ON m.id = a.meeting_id", "m.state = 'held'", NULL,
	  NULL, NULL, NULL, NULL, SEL("meeting", "meeting_id", "attendance", "id"), NULL },
	{ "declaration", "d", " JOIN pub_meeting m ON m.id = d.meeting_id", "m.state = 'held'", NULL,
	  NULL, NULL, NULL, NULL,
	  SEL("meeting", "meeting_id", "declaration", "id") UNION
	  SEL_NN("agenda_item", "agenda_item_id", "declaration", "id"), NULL },
	{ "vote", "v0", " JOIN pub_agenda_item i ON i.id = v0.agenda_item_id",
	  "i.exempt = 0 AND i.minutes_html IS NOT NULL", NULL, NULL, NULL,
	  "(SELECT group_concat(r.person_id || ':' || r.position) FROM"
	  " (SELECT * FROM pub_vote_record WHERE vote_id = v.id ORDER BY person_id) r)",
	  NULL, SEL("agenda_item", "agenda_item_id", "vote", "id"), NULL },
	{ "vote_record", "r", " JOIN pub_vote v0 ON v0.id = r.vote_id", "1", NULL, NULL,
	  NULL, NULL, NULL, NULL, "vote.vote_id" },
	{ "decision", "dc", NULL,
	  "dc.published = 1 AND dc.deleted = 0 AND (dc.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM pub_agenda_item i"
	  " WHERE i.id = dc.agenda_item_id AND i.exempt = 0 AND i.minutes_html IS NOT NULL))",
	  NULL, NULL, NULL, NULL, NULL,
	  /* (OParl's AgendaItem, Paper and ForwardPlanEntry list its URL) */
	  SEL_NN("agenda_item", "agenda_item_id", "decision", "id") UNION
	  SEL_NN("paper", "paper_id", "decision", "id") UNION
	  SEL_NN("plan_entry", "plan_entry_id", "decision", "id"), NULL },
	{ "plan_entry", "pe", NULL, "pe.published = 1 AND pe.deleted = 0", NULL, NULL, "v.body_id", NULL, NULL,
	  SEL_NN("paper", "paper_id", "plan_entry", "id"), NULL },
	{ "interest", "iv", NULL,
	  "iv.deleted = 0 AND EXISTS (SELECT 1 FROM pub_person p WHERE p.id = iv.person_id)",
	  NULL, NULL, NULL, NULL, NULL, SEL("person", "person_id", "interest", "id"), NULL },
	/* The publication log (db/log.c): public whole, as it is written. */
	{ "log_entry", "le", NULL, "1", NULL, NULL, NULL, NULL, NULL, NULL, "" },
	{ "log_node", "ln", NULL, "1", NULL, NULL, NULL, NULL, NULL, NULL, "" },
	/* Internal tables, whole (INTERNAL: the table, why it is internal). */
	INTERNAL("minutes_amendment",
		 "the history of approved minutes, with each change's reason: the public reads the minutes as amended"),
	INTERNAL("user", "accounts of the back office"),
	INTERNAL("session", "sign-in sessions"),
	INTERNAL("login_throttle", "failed sign-ins"),
	INTERNAL("login_challenge", "sign-ins waiting for their second factor"),
	INTERNAL("audit_log",
		 "every change with the row before and after, and the reasons clerks give for unpublishing"),
	INTERNAL("log_state", "what the publication log last said of each object: the log step's memory"),
	INTERNAL("log_change", "the log step's work"),
	INTERNAL("import_map", "a harvest's map of source URLs to rows"),
	INTERNAL("import_run", "a harvest's state"),
	INTERNAL("import_pending", "a harvest's unresolved references"),
	INTERNAL("import_http", "an importer's conditional-request state (ModernGov)"),
	INTERNAL("search_queue", "what the indexer is to read"),
	INTERNAL("publication", "read through pub_* only (their modified, pub_withdrawn and pub_record)"),
	INTERNAL("publication_queue", "the drain's work"),
	INTERNAL("publication_touch", "the drain's work"),
	/* E-mail alerts (db/alerts.c): subscribers' addresses are personal data. */
	INTERNAL("alert_subscriber", "alert subscribers: their e-mail addresses and tokens"),
	INTERNAL("alert_subscription", "what each subscriber follows"),
	INTERNAL("alert_unsub", "one-click unsubscribe tokens"),
	INTERNAL("alert_change", "the alerts hook's work"),
	INTERNAL("alert_meeting", "public meetings as alerts last saw them"),
	INTERNAL("alert_event", "what alerts are to tell"),
	INTERNAL("alert_queue", "events waiting for each subscription"),
	INTERNAL("alert_seen", "search results already told"),
	INTERNAL("alert_message", "the outbox"),
	INTERNAL("alert_request", "subscription requests, for their limits"),
	INTERNAL("alert_state", "the alert sender's state"),
};
#define NTABLES ((int)(sizeof(tables) / sizeof(tables[0])))

/* The search index is built only from the pub_* views (db/search.c, in
 * DB_MODE_INDEX), so a public connection may read it directly. */
static int is_index_table(const char *t)
{
	return strcmp(t, "search_fts") == 0 || strcmp(t, "search_doc") == 0 ||
	       strncmp(t, "search_fts_", 11) == 0;
}

/* The columns of a table: its model's fields (db/model.h), but for the
 * virtual ones (computed for the export, no column). */
static const struct mfield *first_col(const struct table *t)
{
	const struct mentity *e = model_of_table(t->name);
	return e ? e->fields : NULL;
}

static const struct mfield *next_col(const struct table *t, const struct mfield *c)
{
	const struct mentity *e = model_of_table(t->name);
	for (c++; c < e->fields + e->nfields; c++)
		if (c->cls != 'V')
			return c;
	return NULL;
}
#define FOR_COLS(c, t) for (const struct mfield *c = first_col(t); c; c = next_col(t, c))

static int tracked(const struct table *t)
{
	if (!t->where)
		return 0;
	FOR_COLS(c, t)
		if (c->cls == 'M')
			return 1;
	return 0;
}

const char *boundary_class(const char *table, const char *column)
{
	for (int i = 0; i < NTABLES; i++) {
		if (strcmp(tables[i].name, table) != 0)
			continue;
		if (!tables[i].where)
			return "internal";
		FOR_COLS(c, &tables[i]) {
			if (strcmp(c->col, column) != 0)
				continue;
			switch (c->cls) {
			case 'P': return "public";
			case 'D': return "public";
			case 'L': return "public";
			case 'O': return "once published";
			case 'I': return "internal";
			default: return "system";
			}
		}
		return NULL;
	}
	if (is_index_table(table))
		return "public";
	return NULL;
}

int boundary_knows_table(const char *table)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].name, table) == 0)
			return 1;
	return is_index_table(table);
}

/* --- the generated SQL ------------------------------------------------- */

/* Built once per process (the statement cache keys on addresses, so the
 * strings must live as long as the process). */
struct gen {
	char *view[sizeof(tables) / sizeof(tables[0])];    /* CREATE VIEW, or NULL */
	char *upsert[sizeof(tables) / sizeof(tables[0])];  /* tracked: the publication of queued rows */
	char *withdraw[sizeof(tables) / sizeof(tables[0])];
	char *deps[sizeof(tables) / sizeof(tables[0])];
	char *parents[sizeof(tables) / sizeof(tables[0])];
	char *queued[sizeof(tables) / sizeof(tables[0])];  /* is anything of this entity queued? */
	char *triggers;                                     /* every trigger, ';'-separated */
	int ok;
};
static struct gen g;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void col_expr(struct buf *b, const struct table *t, const struct mfield *c)
{
	switch (c->cls) {
	case 'P':
	case 'D':
	case 'L':
		if (c->expr)
			buf_printf(b, "%s AS %s", c->expr, c->col);
		else
			buf_printf(b, "%s.%s", t->alias, c->col);
		break;
	case 'O':
		buf_printf(b, "CASE WHEN %s THEN %s.%s END AS %s", c->expr, t->alias, c->col, c->col);
		break;
	case 'M':
	case 'Q':
		buf_printf(b, "(SELECT pb.%s FROM publication pb WHERE pb.entity = '%s' AND pb.id = %s.id) AS %s",
			   c->cls == 'M' ? "modified" : "seq", t->name, t->alias, c->col);
		break;
	}
}

static char *take(struct buf *b)
{
	char *s = b->err ? NULL : b->data;
	if (!s)
		buf_release(b);
	*b = (struct buf)BUF_INIT;
	return s;
}

/* A row deleted outright (attendance is replaced whole) can no longer be
 * followed to what embeds it once it is gone: before it goes, if it was
 * public, the objects that embed it are touched. */
static void delete_trigger(struct buf *tr, const struct table *t)
{
	buf_printf(tr, "CREATE TRIGGER pubq_%s_d BEFORE DELETE ON \"%s\" BEGIN INSERT OR IGNORE INTO"
		   " publication_queue(entity, id) VALUES ('%s', OLD.id); INSERT OR IGNORE INTO"
		   " publication_touch(entity, id) SELECT * FROM (", t->name, t->name, t->name);
	for (const char *p = t->parents; *p; p++) {
		if (p[0] == '?' && p[1] == '1') {
			buf_puts(tr, "OLD.id");
			p++;
		} else {
			buf_putc(tr, *p);
		}
	}
	buf_printf(tr, ") WHERE EXISTS (SELECT 1 FROM publication WHERE entity = '%s' AND id = OLD.id"
		   " AND hash IS NOT NULL); END;\n", t->name);
}

/* A write to table queues (entity, ROW.column), ROW being NEW or OLD. */
static void trigger(struct buf *tr, const char *table, const char *when, const char *entity, int elen,
		    const char *column)
{
	buf_printf(tr, "CREATE TRIGGER pubq_%s_%c AFTER %s ON \"%s\" BEGIN INSERT OR IGNORE INTO"
		   " publication_queue(entity, id) VALUES ('%.*s', %s.%s); END;\n", table, when[0] + 32, when,
		   table, elen, entity, when[0] == 'D' ? "OLD" : "NEW", column);
}

/* The three triggers of a table: its writes queue (entity, column). */
static void triggers(struct buf *tr, const struct table *t, const char *entity, int elen, const char *column)
{
	trigger(tr, t->name, "INSERT", entity, elen, column);
	trigger(tr, t->name, "UPDATE", entity, elen, column);
	if (t->parents && strcmp(column, "id") == 0)
		delete_trigger(tr, t);
	else
		trigger(tr, t->name, "DELETE", entity, elen, column);
}

static void generate(void)
{
	struct buf tr = BUF_INIT;

	for (int i = 0; i < NTABLES; i++) {
		const struct table *t = &tables[i];
		struct buf b = BUF_INIT;
		int n = 0;

		if (!t->where)
			continue;
		buf_printf(&b, "CREATE VIEW pub_%s AS SELECT ", t->name);
		FOR_COLS(c, t) {
			if (c->cls == 'I')
				continue;
			if (n++)
				buf_puts(&b, ", ");
			col_expr(&b, t, c);
		}
		buf_printf(&b, " FROM \"%s\" %s%s WHERE %s", t->name, t->alias, t->from ? t->from : "", t->where);
		g.view[i] = take(&b);
		if (!g.view[i])
			goto fail;

		if (t->queue && strchr(t->queue, '.')) {
			const char *dot = strchr(t->queue, '.');
			triggers(&tr, t, t->queue, (int)(dot - t->queue), dot + 1);
		}
		if (!tracked(t))
			continue;
		triggers(&tr, t, t->name, (int)strlen(t->name), "id");
		/* The hash covers every public column but the publication's own. */
		buf_printf(&b, "INSERT INTO publication(entity, id, hash, scope, created, first_public, modified, seq)"
			   " SELECT '%s', v.id, witan_sha256(CAST(json_array(", t->name);
		n = 0;
		FOR_COLS(c, t) {
			if (c->cls == 'I' || c->cls == 'D' || c->cls == 'M' || c->cls == 'Q' || c->cls == 'L')
				continue;
			buf_printf(&b, "%sv.%s", n++ ? ", " : "", c->col);
		}
		if (t->extra)
			buf_printf(&b, ", %s", t->extra);
		/* (JSON as text, which it is on SQLite: PostgreSQL's json type
		 * neither concatenates nor takes '') */
		buf_puts(&b, ") AS TEXT)");
		/* A late column counts once it is set: a row without it hashes
		 * as it did before the column was added. */
		FOR_COLS(c, t)
			if (c->cls == 'L')
				buf_printf(&b, " || CASE WHEN v.%s IS NULL THEN '' ELSE CAST(json_array('%s', v.%s) AS TEXT) END",
					   c->col, c->col, c->col);
		/* (in a harvest, :src, the source's time stands even when a
		 * reference resolved on a later pass changed the hash) */
		buf_printf(&b, "), %s, v.created, :now, CASE WHEN :src <> 0 THEN b.modified ELSE :now END, 0"
			   " FROM publication_queue q JOIN pub_%s v ON v.id = q.id JOIN \"%s\" b ON b.id = v.id"
			   " WHERE q.entity = '%s'"
			   " ON CONFLICT(entity, id) DO UPDATE SET hash = excluded.hash, scope = excluded.scope,"
			   " modified = CASE WHEN :src <> 0 AND excluded.modified >= publication.modified"
			   " THEN excluded.modified ELSE :now END, seq = publication.seq + 1"
			   " WHERE publication.hash IS NOT excluded.hash"
			   " OR (:src <> 0 AND excluded.modified > publication.modified) RETURNING id",
			   t->scope ? t->scope : "NULL", t->name, t->name, t->name);
		g.upsert[i] = take(&b);
		buf_printf(&b, "UPDATE publication SET hash = NULL, modified = :now, seq = seq + 1"
			   " WHERE entity = '%s' AND hash IS NOT NULL"
			   " AND id IN (SELECT id FROM publication_queue WHERE entity = '%s')"
			   " AND NOT EXISTS (SELECT 1 FROM pub_%s v WHERE v.id = publication.id) RETURNING id",
			   t->name, t->name, t->name);
		g.withdraw[i] = take(&b);
		buf_printf(&b, "SELECT 1 FROM publication_queue WHERE entity = '%s' LIMIT 1", t->name);
		g.queued[i] = take(&b);
		if (!g.upsert[i] || !g.withdraw[i] || !g.queued[i])
			goto fail;
		if (t->deps) {
			buf_printf(&b, "INSERT OR IGNORE INTO publication_queue(entity, id) %s", t->deps);
			if (!(g.deps[i] = take(&b)))
				goto fail;
		}
		if (t->parents) {
			buf_printf(&b, "INSERT OR IGNORE INTO publication_touch(entity, id) %s", t->parents);
			if (!(g.parents[i] = take(&b)))
				goto fail;
		}
	}
	/* Once public, now withdrawn or deleted: what OParl's stubs show. */
	g.triggers = take(&tr);
	g.ok = g.triggers != NULL;
	return;
fail:
	buf_release(&tr);
}

static int gen_ready(struct db *db)
{
	pthread_once(&g_once, generate);
	if (!g.ok) {
		snprintf(db->err, sizeof(db->err), "boundary: out of memory");
		return -1;
	}
	return 0;
}

static const char withdrawn_view[] =
	"CREATE VIEW pub_withdrawn AS SELECT entity, id, scope, created, modified FROM publication"
	" WHERE hash IS NULL";
/* Every object once public, with whether it still is: what OParl's
 * totalElements counts without going through each entity's view. */
static const char record_view[] =
	"CREATE VIEW pub_record AS SELECT entity, id, scope, created, modified, hash IS NOT NULL AS public"
	" FROM publication";

/* --- install ------------------------------------------------------------ */

static int schema_sql_is(struct db *db, const char *name, const char *sql)
{
	struct stmt *s = db_stmt(db, "SELECT sql FROM sqlite_schema WHERE name = ?1");
	int same;

	if (!s)
		return -1;
	st_bind_text(s, 1, name);
	same = st_step(s) == ST_ROW && col_text(s, 0) && strcmp(col_text(s, 0), sql) == 0;
	st_reset(s);
	return same;
}

/* Whether the database's generated objects are exactly this binary's:
 * the same views and triggers, and no others. */
static int installed(struct db *db)
{
	struct stmt *s;
	int nviews = 2, ntrig = 0, have = -1;
	char name[64];

	if (schema_sql_is(db, "pub_withdrawn", withdrawn_view) != 1 ||
	    schema_sql_is(db, "pub_record", record_view) != 1)
		return 0;
	for (int i = 0; i < NTABLES; i++) {
		if (!g.view[i])
			continue;
		nviews++;
		snprintf(name, sizeof(name), "pub_%s", tables[i].name);
		if (schema_sql_is(db, name, g.view[i]) != 1)
			return 0;
	}
	/* The triggers: compare the whole generated text with what is there. */
	{
		struct buf all = BUF_INIT;
		int same;
		s = db_stmt(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'pubq_*'"
			    " ORDER BY rowid");
		if (!s)
			return -1;
		while (st_step(s) == ST_ROW) {
			buf_printf(&all, "%s;\n", col_text(s, 0));
			ntrig++;
		}
		st_reset(s);
		same = all.data && !all.err && strcmp(all.data, g.triggers) == 0;
		buf_release(&all);
		if (!same)
			return 0;
	}
	s = db_stmt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name GLOB 'pub_*'");
	if (s && st_step(s) == ST_ROW)
		have = (int)col_int(s, 0);
	if (s)
		st_reset(s);
	return have == nviews && ntrig > 0;
}

/* PostgreSQL's boundary is two roles: witan_public may read the pub_*
 * views and the search index and nothing else, witan_indexer that and
 * write the index.  A public connection reads as witan_public
 * (db_set_mode sets the role), so that a query past the views fails in
 * the server as the authorizer makes it fail on SQLite.  Roles belong to
 * the cluster; the grants, to this database's objects. */
static void pg_grants(struct buf *b)
{
	static const char *const index_tables[] = { "search_fts", "search_doc" };

	buf_puts(b, "DO $r$ BEGIN\n"
		 " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'witan_public') THEN"
		 " CREATE ROLE witan_public NOLOGIN; END IF;\n"
		 " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'witan_indexer') THEN"
		 " CREATE ROLE witan_indexer NOLOGIN; END IF;\n"
		 "END $r$;\n"
		 "GRANT witan_public, witan_indexer TO CURRENT_USER;\n"
		 /* (the body's schema: public, or body_NAME) */
		 "DO $g$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I, witan_compat TO witan_public, witan_indexer',"
		 " current_schema()); END $g$;\n"
		 "GRANT SELECT ON pub_withdrawn, pub_record TO witan_public, witan_indexer;\n"
		 /* the schema's version, which the export states */
		 "GRANT SELECT ON witan_schema TO witan_public, witan_indexer;\n"
		 /* the count of commits, which every connection reads and writes */
		 "GRANT SELECT, UPDATE ON witan_change TO witan_public, witan_indexer;\n");
	for (int i = 0; i < NTABLES; i++)
		if (g.view[i])
			buf_printf(b, "GRANT SELECT ON pub_%s TO witan_public, witan_indexer;\n", tables[i].name);
	for (size_t i = 0; i < sizeof(index_tables) / sizeof(index_tables[0]); i++)
		buf_printf(b, "GRANT SELECT ON %s TO witan_public;\n"
			   "GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO witan_indexer;\n",
			   index_tables[i], index_tables[i]);
	buf_puts(b, "GRANT SELECT, INSERT, UPDATE, DELETE ON search_queue TO witan_indexer;\n");
}

/* Run, as one script, the statements a query's rows are (its first
 * column): PostgreSQL's own text if native, else SQLite's.  0 or -1. */
static int run_rows(struct db *db, const char *query, int native)
{
	struct buf script = BUF_INIT;
	struct stmt *s = db_stmt(db, query);
	int rc;

	if (!s)
		return -1;
	while ((rc = st_step(s)) == ST_ROW)
		buf_printf(&script, "%s\n", col_text(s, 0));
	st_reset(s);
	if (rc == ST_ERROR)
		rc = db_fail(db, "boundary");
	else if (script.err)
		rc = -1;
	else
		rc = !script.len ? 0 : native ? db_exec_native(db, script.data) : db_exec(db, script.data);
	buf_release(&script);
	return rc;
}

/* PostgreSQL: the generated text's hash is kept in witan_boundary; when
 * it differs, every generated view and trigger is dropped and this
 * binary's made, in one transaction. */
static int install_pg(struct db *db, struct buf *sql)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof(h) + 1];
	struct stmt *s;
	int same;

	crypto_hash_sha256(h, (const unsigned char *)sql->data, sql->len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if (db_begin(db) < 0 ||
	    db_exec(db, "CREATE TABLE IF NOT EXISTS witan_boundary (hash TEXT NOT NULL)") < 0)
		goto fail;
	if (!(s = db_stmt(db, "SELECT count(*) FROM witan_boundary WHERE hash = ?1")))
		goto fail;
	st_bind_text(s, 1, hex);
	same = st_step(s) == ST_ROW && col_int(s, 0) == 1;
	st_reset(s);
	if (same)
		return db_exec(db, "COMMIT");
	db_release_all(db);
	/* The triggers in PostgreSQL's words; the views in SQLite's, which
	 * db/dialect.c turns into a drop that its record of views follows. */
	if (run_rows(db, "SELECT 'DROP TRIGGER IF EXISTS ' || t.tgname || ' ON ' || c.relname || ';'"
		     " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
		     " WHERE substr(t.tgname, 1, 5) = 'pubq_'", 1) < 0 ||
	    run_rows(db, "SELECT 'DROP VIEW IF EXISTS ' || viewname || ';' FROM pg_views"
		     " WHERE schemaname = current_schema() AND substr(viewname, 1, 4) = 'pub_'", 0) < 0)
		goto fail;
	if (db_exec(db, sql->data) < 0)
		goto fail;
	{
		struct buf grants = BUF_INIT;
		int rc;
		pg_grants(&grants);
		rc = grants.err ? -1 : db_exec_native(db, grants.data);
		buf_release(&grants);
		if (rc < 0)
			goto fail;
	}
	if (db_exec(db, "DELETE FROM witan_boundary") < 0 ||
	    !(s = db_stmt(db, "INSERT INTO witan_boundary(hash) VALUES (?1)")))
		goto fail;
	st_bind_text(s, 1, hex);
	if (db_step_done(db, s, "boundary") < 0 || db_exec(db, "COMMIT") < 0)
		goto fail;
	return 0;
fail:
	{
		char msg[sizeof(db->err)];
		snprintf(msg, sizeof(msg), "%s", db->err);
		snprintf(db->err, sizeof(db->err), "creating the public views: %s", msg);
	}
	db_rollback_keep(db);
	return -1;
}

int boundary_install(struct db *db)
{
	struct buf sql = BUF_INIT;
	struct stmt *s;
	int rc = -1, own = !db_in_txn(db);

	if (gen_ready(db) < 0)
		return -1;
	if (db_pg(db)) {
		buf_printf(&sql, "%s;\n%s;\n", withdrawn_view, record_view);
		for (int i = 0; i < NTABLES; i++)
			if (g.view[i])
				buf_printf(&sql, "%s;\n", g.view[i]);
		buf_puts(&sql, g.triggers);
		rc = sql.err ? -1 : install_pg(db, &sql);
		buf_release(&sql);
		return rc;
	}
	switch (installed(db)) {
	case 1: return 0;
	case -1: return -1;
	}
	/* Drop every generated object, then create this binary's. */
	s = db_stmt(db, "SELECT type, name FROM sqlite_schema WHERE (type = 'view' AND name GLOB 'pub_*')"
		    " OR (type = 'trigger' AND name GLOB 'pubq_*')");
	if (!s)
		return -1;
	while (st_step(s) == ST_ROW)
		buf_printf(&sql, "DROP %s IF EXISTS \"%s\";\n",
			   strcmp(col_text(s, 0), "view") == 0 ? "VIEW" : "TRIGGER", col_text(s, 1));
	st_reset(s);
	buf_printf(&sql, "%s;\n%s;\n", withdrawn_view, record_view);
	for (int i = 0; i < NTABLES; i++)
		if (g.view[i])
			buf_printf(&sql, "%s;\n", g.view[i]);
	buf_puts(&sql, g.triggers);
	if (sql.err) {
		snprintf(db->err, sizeof(db->err), "boundary: out of memory");
		goto out;
	}
	db_release_all(db);
	if (own && db_exec(db, "BEGIN IMMEDIATE") < 0)
		goto out;
	if (db_exec(db, sql.data) < 0) {
		char msg[sizeof(db->err)];
		snprintf(msg, sizeof(msg), "%s", db->err);
		snprintf(db->err, sizeof(db->err), "creating the public views: %s", msg);
		if (own)
			db_rollback_keep(db);
		goto out;
	}
	if (own && db_exec(db, "COMMIT") < 0)
		goto out;
	rc = 0;
out:
	buf_release(&sql);
	return rc;
}

/* --- the drain ---------------------------------------------------------- */

static int table_index(const char *name)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].name, name) == 0)
			return i;
	return -1;
}

/* Run a cascade statement (deps or parents) for one id. */
static int cascade(struct db *db, const char *sql, int64_t id)
{
	struct stmt *s;

	if (!sql)
		return 0;
	if (!(s = db_stmt(db, sql)))
		return -1;
	st_bind_int(s, 1, id);
	return db_step_done(db, s, "publication: cascade");
}

/* Step a statement with RETURNING id, collecting the ids (malloc'd). */
static int collect(struct db *db, struct stmt *s, int64_t **ids, size_t *n)
{
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	while ((rc = st_step(s)) == ST_ROW) {
		if (*n == cap) {
			int64_t *p = realloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof(**ids));
			if (!p) {
				st_reset(s);
				snprintf(db->err, sizeof(db->err), "publication: out of memory");
				return -1;
			}
			*ids = p;
		}
		(*ids)[(*n)++] = col_int(s, 0);
	}
	st_reset(s);
	return rc == ST_DONE ? 0 : db_fail(db, "publication");
}

static void bind_now(struct stmt *s, const char *now, int src)
{
	int i;
	if ((i = st_param_index(s, ":now")))
		st_bind_text(s, i, now);
	if ((i = st_param_index(s, ":src")))
		st_bind_int(s, i, src);
}

/* One pass over the tracked tables, parents first: publish what changed,
 * withdraw what is no longer public, queue what depends on them. */
static long drain_pass(struct db *db, const char *now, int *any)
{
	long examined = 0;

	*any = 0;
	for (int i = 0; i < NTABLES; i++) {
		struct stmt *s;
		int64_t *ids = NULL;
		size_t n = 0;
		int q;

		if (!g.upsert[i])
			continue;
		if (!(s = db_stmt(db, g.queued[i])))
			return -1;
		q = db_get_one(db, s);
		st_reset(s);
		if (q < 0)
			return -1;
		if (q == 0)
			continue;
		*any = 1;
		for (int step = 0; step < 2; step++) {
			if (!(s = db_stmt(db, step == 0 ? g.upsert[i] : g.withdraw[i])))
				return -1;
			bind_now(s, now, db->source_times);
			if (collect(db, s, &ids, &n) < 0)
				return -1;
			for (size_t k = 0; k < n; k++) {
				if (cascade(db, g.deps[i], ids[k]) < 0 || cascade(db, g.parents[i], ids[k]) < 0) {
					free(ids);
					return -1;
				}
			}
			examined += (long)n;
			free(ids);
		}
		s = db_stmt(db, "DELETE FROM publication_queue WHERE entity = ?1");
		if (!s)
			return -1;
		st_bind_text(s, 1, tables[i].name);
		if (db_step_done(db, s, "publication: queue") < 0)
			return -1;
	}
	return examined;
}

/* Objects whose embedded content changed: their modified moves, and
 * their own parents' with it. */
static int touch(struct db *db, const char *now)
{
	for (;;) {
		struct stmt *s = db_stmt(db, "UPDATE publication SET modified = :now, seq = seq + 1"
					  " WHERE hash IS NOT NULL AND modified < :now"
					  " AND (entity, id) IN (SELECT entity, id FROM publication_touch)"
					  " RETURNING entity, id");
		struct { int t; int64_t id; } *hit = NULL;
		size_t n = 0, cap = 0;
		int rc;

		if (!s)
			return -1;
		bind_now(s, now, 0);
		while ((rc = st_step(s)) == ST_ROW) {
			if (n == cap) {
				void *p = realloc(hit, (cap = cap ? cap * 2 : 32) * sizeof(*hit));
				if (!p)
					break;
				hit = p;
			}
			hit[n].t = table_index(col_text(s, 0));
			hit[n++].id = col_int(s, 1);
		}
		st_reset(s);
		if (rc != ST_DONE) {
			free(hit);
			return rc == ST_ROW ? (snprintf(db->err, sizeof(db->err), "publication: out of memory"), -1)
						: db_fail(db, "publication: touch");
		}
		if (db_exec_stmt(db, db_stmt(db, "DELETE FROM publication_touch")) < 0) {
			free(hit);
			return -1;
		}
		for (size_t k = 0; k < n; k++) {
			if (hit[k].t >= 0 && cascade(db, g.parents[hit[k].t], hit[k].id) < 0) {
				free(hit);
				return -1;
			}
		}
		free(hit);
		if (n == 0)
			return 0;
	}
}

long boundary_drain(struct db *db)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	long total = 0;
	struct stmt *s;
	int any = 1, touched;

	if (db->mode != DB_MODE_FULL)
		return 0;
	if (gen_ready(db) < 0)
		return -1;
	/* Most commits that touch nothing public (sessions, the outbox)
	 * queue nothing: one look instead of a pass over every table. */
	if (!(s = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM publication_queue) OR EXISTS (SELECT 1 FROM publication_touch)")))
		return -1;
	any = db_get_one(db, s) == 1 && (int)col_int(s, 0);
	st_reset(s);
	if (!any)
		return 0;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	while (any) {
		long n = drain_pass(db, now, &any);
		if (n < 0)
			return -1;
		total += n;
	}
	if (!(s = db_stmt(db, "SELECT 1 FROM publication_touch LIMIT 1")))
		return -1;
	touched = db_get_one(db, s);
	st_reset(s);
	/* A harvest copies the source's modified times, which count what is
	 * embedded already. */
	if (touched && db->source_times)
		return db_exec_stmt(db, db_stmt(db, "DELETE FROM publication_touch")) < 0 ? -1 : total;
	if (touched < 0 || (touched && touch(db, now) < 0))
		return -1;
	return total;
}

/* --- the authorizer ------------------------------------------------------ */

static int is_pub_view(const char *name)
{
	if (!name || strncmp(name, "pub_", 4) != 0)
		return 0;
	if (strcmp(name, "pub_withdrawn") == 0 || strcmp(name, "pub_record") == 0)
		return 1;
	for (int i = 0; i < NTABLES; i++)
		if (tables[i].where && strcmp(tables[i].name, name + 4) == 0)
			return 1;
	return 0;
}

static int is_main(const char *dbname)
{
	return !dbname || strcmp(dbname, "main") == 0;
}

int boundary_authorize(void *ctx, int action, const char *a, const char *b, const char *dbname,
		       const char *view)
{
	struct db *db = ctx;
	int index = db->mode == DB_MODE_INDEX;

	if (db->mode == DB_MODE_FULL)
		return SQLITE_OK;
	/* Connecting to a virtual table (the search index) on a connection's
	 * first use of it checks the schema table, as read and update; the
	 * schema is not the record, and SQL cannot write it here. */
	if ((action == SQLITE_READ || action == SQLITE_UPDATE) && a &&
	    (strcmp(a, "sqlite_master") == 0 || strcmp(a, "sqlite_schema") == 0))
		return SQLITE_OK;
	switch (action) {
	case SQLITE_READ:
		/* An empty column name is a table read for its rows alone
		 * (count(*)): its database name is not given. */
		if (dbname && !is_main(dbname))
			return SQLITE_OK;
		if (is_pub_view(view) || is_pub_view(a) || is_index_table(a))
			return SQLITE_OK;
		/* Table-valued functions over values, not tables. */
		if (strcmp(a, "json_each") == 0 || strcmp(a, "json_tree") == 0)
			return SQLITE_OK;
		if (index && strcmp(a, "search_queue") == 0)
			return SQLITE_OK;
		break;
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		if (!is_main(dbname))
			return SQLITE_OK;
		if (index && (is_index_table(a) || strcmp(a, "search_queue") == 0))
			return SQLITE_OK;
		break;
	case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW: case SQLITE_DROP_INDEX: case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TRIGGER: case SQLITE_DROP_VIEW: case SQLITE_ALTER_TABLE:
	case SQLITE_CREATE_VTABLE: case SQLITE_DROP_VTABLE:
		/* (For ALTER TABLE the database name is the first argument.) */
		if (!is_main(action == SQLITE_ALTER_TABLE ? a : dbname))
			return SQLITE_OK;
		break;
	case SQLITE_CREATE_TEMP_INDEX: case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_TRIGGER:
	case SQLITE_CREATE_TEMP_VIEW: case SQLITE_DROP_TEMP_INDEX: case SQLITE_DROP_TEMP_TABLE:
	case SQLITE_DROP_TEMP_TRIGGER: case SQLITE_DROP_TEMP_VIEW:
		return SQLITE_OK;
	default:
		return SQLITE_OK;
	}
	snprintf(db->denied, sizeof(db->denied), "%s %s%s%s", action == SQLITE_READ ? "reading" : "writing",
		 a ? a : "?", b && *b ? "." : "", b ? b : "");
	return SQLITE_DENY;
}

/* --- SQL functions ------------------------------------------------------- */

static void sha256_fn(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof(h) + 1];
	const unsigned char *p = sqlite3_value_text(val[0]);
	int n = sqlite3_value_bytes(val[0]);

	(void)nval;
	if (!p) {
		sqlite3_result_null(ctx);
		return;
	}
	crypto_hash_sha256(h, p, (unsigned long long)n);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

int boundary_register(struct db *db)
{
	if (sqlite3_create_function(db->h, "witan_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sha256_fn, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "registering witan_sha256");
	return 0;
}
