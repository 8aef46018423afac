/* log.c: the publication log's storage and its commit hook (see log.h).
 * Reads the record only through the pub_* views: an entry describes what
 * the public can see, and nothing else. */
#include "db/log.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db_int.h"
#include "db/public.h"
#include "db/statutory.h"
#include "util/logtext.h"
#include "util/banned.h"

/* --- identity and storage ------------------------------------------------ */

int log_identity(struct db *db, char *origin, size_t olen, char *vkey, size_t vlen)
{
	struct stmt *s = db_query(db, "SELECT log_origin, log_key FROM pub_body WHERE log_origin IS NOT NULL"
				  " ORDER BY id LIMIT 1", NULL);
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW) {
		col_copy(s, 0, origin, olen);
		col_copy(s, 1, vkey, vlen);
	}
	st_reset(s);
	return rc == ST_ROW ? 1 : rc == ST_DONE ? 0 : db_fail(db, "log: identity");
}

int log_default_origin(struct db *db, char *out, size_t len)
{
	char *name = db_text_of(db, "SELECT COALESCE(short_name, name) FROM body ORDER BY id LIMIT 1", NULL);
	size_t k;

	if (len < 32)
		return -1;
	snprintf(out, len, "witan.invalid/");
	k = strlen(out);
	for (const char *p = name ? name : "council"; *p && k + 5 < len; p++)
		if (isalnum((unsigned char)*p))
			out[k++] = (char)tolower((unsigned char)*p);
		else if (out[k - 1] != '-' && out[k - 1] != '/')
			out[k++] = '-';
	while (out[k - 1] == '-')
		k--;
	snprintf(out + k, len - k, "/log");
	free(name);
	return 0;
}

int log_set_identity(struct db *db, const char *origin, const char *vkey)
{
	return db_run(db, "UPDATE body SET log_origin = ?1, log_key = ?2 WHERE id = (SELECT min(id) FROM body)",
		      "log: identity", DB_ARGS(v_text(origin), v_text(vkey)));
}

int log_size(struct db *db, uint64_t *n)
{
	int64_t v = 0;
	/* (entries are numbered from 0 without a gap; a column besides the
	 * id is read, as SQLite reports a read of the rowid alone, like a
	 * count(*), with no view's name, which a public connection refuses) */
	int rc = db_int_of(db, "SELECT id + 1, created FROM pub_log_entry ORDER BY id DESC LIMIT 1", NULL, &v);

	*n = (uint64_t)v;
	return rc < 0 ? -1 : 0;
}

static void to_hex(const unsigned char h[TLOG_HASH], char out[2 * TLOG_HASH + 1])
{
	sodium_bin2hex(out, 2 * TLOG_HASH + 1, h, TLOG_HASH);
}

static int from_hex(const char *hex, unsigned char out[TLOG_HASH])
{
	size_t n = 0;

	return hex && strlen(hex) == 2 * TLOG_HASH &&
	       sodium_hex2bin(out, TLOG_HASH, hex, 2 * TLOG_HASH, NULL, &n, NULL) == 0 && n == TLOG_HASH ? 0 : -1;
}

int log_node(void *ctx, int level, uint64_t index, unsigned char out[TLOG_HASH])
{
	struct db *db = ctx;
	struct stmt *s = db_query(db, "SELECT hash FROM pub_log_node WHERE level = ?1 AND idx = ?2",
				  DB_ARGS(v_int(level), v_int((int64_t)index)));
	int rc = -1;

	if (!s)
		return -1;
	if (st_step(s) == ST_ROW && from_hex(col_text(s, 0), out) == 0)
		rc = 0;
	else
		snprintf(db->err, sizeof(db->err), "log: no hash of node (%d, %llu)", level, (unsigned long long)index);
	st_reset(s);
	return rc;
}

static int put_node(struct db *db, int level, uint64_t idx, const unsigned char h[TLOG_HASH])
{
	char hex[2 * TLOG_HASH + 1];

	to_hex(h, hex);
	return db_run(db, "INSERT INTO log_node(level, idx, hash) VALUES (?1, ?2, ?3)", "log: node",
		      DB_ARGS(v_int(level), v_int((int64_t)idx), v_text(hex)));
}

int64_t log_append(struct db *db, const char *entry, size_t n, const char *created)
{
	unsigned char h[TLOG_HASH], left[TLOG_HASH];
	uint64_t i;
	char *text;
	int rc;

	if (n == 0 || n > LOG_ENTRY_MAX) {
		snprintf(db->err, sizeof(db->err), "log: an entry of %zu bytes", n);
		return -1;
	}
	if (log_size(db, &i) < 0 || !(text = strndup(entry, n)))
		return -1;
	{
		/* (its object line, kept beside it for the index) */
		char object[512] = "", *at = strstr(text, "\nobject ");
		if (at)
			snprintf(object, sizeof(object), "%.*s", (int)strcspn(at + 8, "\n"), at + 8);
		rc = db_run(db, "INSERT INTO log_entry(id, body, object, created) VALUES (?1, ?2, ?3, ?4)", "log: entry",
			    DB_ARGS(v_int((int64_t)i), v_text(text), v_text(object[0] ? object : NULL), v_text(created)));
	}
	free(text);
	if (rc < 0)
		return -1;
	tlog_leaf_hash(entry, n, h);
	if (put_node(db, 0, i, h) < 0)
		return -1;
	/* Each subtree this leaf completes: its left half is stored, its
	 * right half was just made. */
	for (int level = 1; level < 64 && ((i + 1) & ((UINT64_C(1) << level) - 1)) == 0; level++) {
		uint64_t idx = ((i + 1) >> level) - 1;
		if (log_node(db, level - 1, 2 * idx, left) < 0)
			return -1;
		tlog_node_hash(left, h, h);
		if (put_node(db, level, idx, h) < 0)
			return -1;
	}
	return (int64_t)i;
}

int log_bundle(struct db *db, uint64_t first, int count, struct buf *out)
{
	struct stmt *s = db_query(db, "SELECT body FROM pub_log_entry WHERE id >= ?1 AND id < ?2 ORDER BY id",
				  DB_ARGS(v_int((int64_t)first), v_int((int64_t)(first + (uint64_t)count))));
	int n = 0, rc;

	if (!s)
		return -1;
	while ((rc = st_step(s)) == ST_ROW) {
		const char *t = col_str(s, 0);
		size_t len = strlen(t);
		buf_putc(out, (char)(len >> 8));
		buf_putc(out, (char)(len & 0xff));
		buf_append(out, t, len);
		n++;
	}
	st_reset(s);
	return rc == ST_DONE ? n : db_fail(db, "log: entries");
}

int log_hashes(struct db *db, int level, uint64_t first, int count, struct buf *out)
{
	struct stmt *s = db_query(db, "SELECT hash FROM pub_log_node WHERE level = ?1 AND idx >= ?2 AND idx < ?3"
				  " ORDER BY idx", DB_ARGS(v_int(level), v_int((int64_t)first),
							    v_int((int64_t)(first + (uint64_t)count))));
	unsigned char h[TLOG_HASH];
	int n = 0, rc;

	if (!s)
		return -1;
	while ((rc = st_step(s)) == ST_ROW) {
		if (from_hex(col_text(s, 0), h) < 0) {
			st_reset(s);
			snprintf(db->err, sizeof(db->err), "log: a stored hash is not a hash");
			return -1;
		}
		buf_append(out, h, TLOG_HASH);
		n++;
	}
	st_reset(s);
	return rc == ST_DONE ? n : db_fail(db, "log: hashes");
}

int log_latest(struct db *db, const char *object, uint64_t *i)
{
	int64_t v = 0;
	int rc = db_int_of(db, "SELECT id FROM pub_log_entry WHERE object = ?1 ORDER BY id DESC LIMIT 1",
			   DB_ARGS(v_text(object)), &v);

	*i = (uint64_t)v;
	return rc;
}

int log_entry_text(struct db *db, uint64_t i, struct buf *out)
{
	struct stmt *s = db_query(db, "SELECT body FROM pub_log_entry WHERE id = ?1", DB_ARGS(v_int((int64_t)i)));
	int rc;

	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW && col_text(s, 0))
		buf_puts(out, col_text(s, 0));
	st_reset(s);
	return rc == ST_ROW ? 1 : rc == ST_DONE ? 0 : db_fail(db, "log: entry");
}

/* --- objects ------------------------------------------------------------------ */

enum okind { O_AGENDA, O_MINUTES, O_ITEM, O_DOCUMENT, O_DECISION };

/* An object's state now: state "none" when the public cannot see it. */
struct ostate {
	char state[32];
	char hash[2 * TLOG_HASH + 1];   /* "" when none */
	int paragraph;                  /* O_ITEM: the exempt paragraph */
};

/* A meeting's agenda or minutes: the canonical serialization of the
 * public fields (docs/LOG.md, "Content"), hashed. */
static int meeting_state(struct db *db, int64_t meeting, int minutes, struct ostate *o)
{
	struct meeting_row m;
	struct item_row it;
	struct cursor c;
	struct buf b = BUF_INIT;
	char status[32];
	int rc = pub_meeting(db, meeting, &m), k = 0;

	if (rc < 0)
		return -1;
	snprintf(status, sizeof(status), "%s", rc == 0 ? "none" : minutes ? m.minutes_status : m.agenda_status);
	if (minutes ? strcmp(status, "published") != 0 && strcmp(status, "approved") != 0
		    : strcmp(status, "published") != 0) {
		snprintf(o->state, sizeof(o->state), "none");
		o->hash[0] = '\0';
		return 0;
	}
	snprintf(o->state, sizeof(o->state), "%s", status);
	if (pub_items_of_meeting(db, meeting, &c) < 0)
		return -1;
	buf_putc(&b, '[');
	while (cursor_next_item(&c, &it)) {
		if (minutes && it.exempt)
			continue;
		if (minutes)
			logtext_minutes_item(&b, k++, it.id, it.number, it.title, it.minutes_html, it.decision_html);
		else
			logtext_agenda_item(&b, k++, it.id, it.number, it.title, it.exempt, it.description_html);
	}
	buf_putc(&b, ']');
	rc = c.err || b.err ? -1 : 0;
	if (rc == 0)
		logtext_sha256(&b, o->hash);
	buf_release(&b);
	return rc;
}

static int item_state(struct db *db, int64_t item, struct ostate *o)
{
	int64_t para = 0;
	int rc = db_int_of(db, "SELECT exempt_paragraph FROM pub_agenda_item WHERE id = ?1 AND exempt = 1",
			   DB_ARGS(v_int(item)), &para);

	o->hash[0] = '\0';
	o->paragraph = (int)para;
	snprintf(o->state, sizeof(o->state), rc == 1 ? "exempt:%d" : "none", (int)para);
	return rc < 0 ? -1 : 0;
}

static int document_state(struct db *db, int64_t file, struct ostate *o)
{
	struct file_row f;
	int rc = pub_file(db, file, &f);

	if (rc < 0)
		return -1;
	snprintf(o->state, sizeof(o->state), rc ? "public" : "none");
	snprintf(o->hash, sizeof(o->hash), "%s", rc && f.sha256 ? f.sha256 : "");
	return 0;
}

static int decision_state(struct db *db, int64_t id, struct ostate *o)
{
	struct decision_row d;
	struct buf b = BUF_INIT;
	int rc = stat_decision(db, id, &d);

	if (rc < 0)
		return -1;
	snprintf(o->state, sizeof(o->state), rc ? "public" : "none");
	o->hash[0] = '\0';
	if (rc == 0)
		return 0;
	logtext_decision(&b, d.title, d.decided_on, d.kind, d.status, d.decision_html, d.reasons_html, d.alternatives_html);
	rc = b.err ? -1 : 0;
	if (rc == 0)
		logtext_sha256(&b, o->hash);
	buf_release(&b);
	return rc;
}

struct object {
	enum okind kind;
	int64_t id, meeting;    /* (O_ITEM: its meeting, for its path) */
};

static void object_key(const struct object *x, char *out, size_t len)
{
	switch (x->kind) {
	case O_AGENDA: snprintf(out, len, "/meetings/%lld/agenda", (long long)x->id); break;
	case O_MINUTES: snprintf(out, len, "/meetings/%lld/minutes", (long long)x->id); break;
	case O_ITEM: snprintf(out, len, "/meetings/%lld/items/%lld", (long long)x->meeting, (long long)x->id); break;
	case O_DOCUMENT: snprintf(out, len, "/documents/%lld", (long long)x->id); break;
	case O_DECISION: snprintf(out, len, "/decisions/%lld", (long long)x->id); break;
	}
}

static int object_state(struct db *db, const struct object *x, struct ostate *o)
{
	memset(o, 0, sizeof(*o));
	switch (x->kind) {
	case O_AGENDA: return meeting_state(db, x->id, 0, o);
	case O_MINUTES: return meeting_state(db, x->id, 1, o);
	case O_ITEM: return item_state(db, x->id, o);
	case O_DOCUMENT: return document_state(db, x->id, o);
	case O_DECISION: return decision_state(db, x->id, o);
	}
	return -1;
}

/* The event of a move from old to now, or NULL (nothing to log). */
static const char *event_of(enum okind k, const struct ostate *old, const struct ostate *now)
{
	int was = strcmp(old->state, "none") != 0, is = strcmp(now->state, "none") != 0;
	int same = strcmp(old->state, now->state) == 0, changed = strcmp(old->hash, now->hash) != 0;

	switch (k) {
	case O_AGENDA:
		return !was && is ? "agenda-published" : was && !is ? "agenda-withdrawn" : is && changed ? "agenda-amended"
															 : NULL;
	case O_MINUTES:
		if (was && !is)
			return "minutes-withdrawn";
		if (is && strcmp(now->state, "approved") == 0 && !same)
			return "minutes-approved";
		if (is && !same)
			return "minutes-published";
		return is && changed ? "minutes-amended" : NULL;
	case O_ITEM:
		return is && !same ? "item-exempt" : NULL;
	case O_DOCUMENT:
		return !was && is ? "document-published" : was && !is ? "document-withdrawn"
				    : is && changed ? "document-replaced" : NULL;
	case O_DECISION:
		return !was && is ? "decision-made" : was && !is ? "decision-withdrawn" : is && changed ? "decision-changed"
													   : NULL;
	}
	return NULL;
}

static int remember(struct db *db, const char *key, const struct ostate *o, int64_t entry)
{
	return db_run(db, "INSERT INTO log_state(object, state, hash, entry) VALUES (?1, ?2, ?3, ?4)"
		      " ON CONFLICT (object) DO UPDATE SET state = ?2, hash = ?3, entry = CASE WHEN ?4 >= 0 THEN ?4"
		      " ELSE log_state.entry END", "log: state",
		      DB_ARGS(v_text(key), v_text(o->state), v_text(o->hash[0] ? o->hash : NULL), v_int(entry)));
}

static int recall(struct db *db, const char *key, struct ostate *o)
{
	struct stmt *s = db_query(db, "SELECT state, hash FROM log_state WHERE object = ?1", DB_ARGS(v_text(key)));
	int rc;

	memset(o, 0, sizeof(*o));
	snprintf(o->state, sizeof(o->state), "none");
	if (!s)
		return -1;
	rc = st_step(s);
	if (rc == ST_ROW) {
		snprintf(o->state, sizeof(o->state), "%s", col_text(s, 0) ? col_text(s, 0) : "none");
		col_copy(s, 1, o->hash, sizeof(o->hash));
	}
	st_reset(s);
	return rc == ST_ROW || rc == ST_DONE ? 0 : db_fail(db, "log: state");
}

/* Log what moved of one object at time (UTC): 0 or -1. */
static int follow(struct db *db, const struct object *x, const char *time, const char *created)
{
	struct ostate old, now;
	struct buf e = BUF_INIT;
	char key[96];
	const char *event;
	int64_t at = -1;

	object_key(x, key, sizeof(key));
	if (recall(db, key, &old) < 0 || object_state(db, x, &now) < 0)
		return -1;
	if (strcmp(old.state, now.state) == 0 && strcmp(old.hash, now.hash) == 0)
		return 0;
	if ((event = event_of(x->kind, &old, &now))) {
		logtext_entry(&e, event, key, now.hash, now.paragraph, time);
		at = e.err ? -1 : log_append(db, e.data, e.len, created);
		buf_release(&e);
		if (at < 0)
			return -1;
	}
	return remember(db, key, &now, at);
}

static void utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- the commit hook ----------------------------------------------------------- */

static int cmp_object(const void *a, const void *b)
{
	const struct object *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int add_object(struct object **v, size_t *n, size_t *cap, struct object x)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].kind == x.kind && (*v)[i].id == x.id)
			return 0;
	if (*n == *cap) {
		struct object *p = realloc(*v, (*cap = *cap ? *cap * 2 : 32) * sizeof(**v));
		if (!p)
			return -1;
		*v = p;
	}
	(*v)[(*n)++] = x;
	return 0;
}

static int log_commit(struct db *db)
{
	struct object *v = NULL;
	size_t n = 0, cap = 0;
	struct stmt *s;
	char origin[2], vkey[2], now[32];
	int64_t any = 0;
	int rc = -1, r;

	if (db->mode != DB_MODE_FULL)
		return 0;
	if ((r = db_int_of(db, "SELECT 1 FROM log_change LIMIT 1", NULL, &any)) <= 0)
		return r;
	if ((r = log_identity(db, origin, sizeof(origin), vkey, sizeof(vkey))) < 0)
		return -1;
	if (r == 0) /* no log: nothing to follow */
		return db_run(db, "DELETE FROM log_change", "log: changes", NULL);
	/* The objects the changed rows belong to (an item: its meeting's). */
	if (!(s = db_query(db, "SELECT c.entity, c.id, i.meeting_id FROM log_change c"
			   " LEFT JOIN agenda_item i ON c.entity = 'agenda_item' AND i.id = c.id", NULL)))
		return -1;
	while ((r = st_step(s)) == ST_ROW) {
		const char *e = col_text(s, 0);
		int64_t id = col_int(s, 1), meeting = col_int(s, 2);
		int bad = 0;
		if (strcmp(e, "meeting") == 0)
			meeting = id;
		if (meeting)
			bad |= add_object(&v, &n, &cap, (struct object){ O_AGENDA, meeting, 0 }) |
			       add_object(&v, &n, &cap, (struct object){ O_MINUTES, meeting, 0 });
		if (strcmp(e, "agenda_item") == 0 && meeting)
			bad |= add_object(&v, &n, &cap, (struct object){ O_ITEM, id, meeting });
		else if (strcmp(e, "file") == 0)
			bad |= add_object(&v, &n, &cap, (struct object){ O_DOCUMENT, id, 0 });
		else if (strcmp(e, "decision") == 0)
			bad |= add_object(&v, &n, &cap, (struct object){ O_DECISION, id, 0 });
		if (bad) {
			st_reset(s);
			snprintf(db->err, sizeof(db->err), "log: out of memory");
			goto out;
		}
	}
	st_reset(s);
	if (r != ST_DONE) {
		db_fail(db, "log: changes");
		goto out;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_object);
	utc_now(now);
	for (size_t i = 0; i < n; i++)
		if (follow(db, &v[i], now, now) < 0)
			goto out;
	rc = db_run(db, "DELETE FROM log_change", "log: changes", NULL);
out:
	free(v);
	return rc;
}

static const struct db_hooks log_hooks = { "log", NULL, log_commit };

__attribute__((constructor)) static void log_add_hooks(void)
{
	if (db_hooks_add(&log_hooks) < 0)
		__builtin_trap();
}

/* --- the history of an existing record -------------------------------------------- */

/* One event of the history: when, and the object. */
struct past {
	char time[32];
	struct object x;
};

static int cmp_past(const void *a, const void *b)
{
	const struct past *p = a, *q = b;
	int c = strcmp(p->time, q->time);

	return c ? c : cmp_object(&p->x, &q->x);
}

/* Every public object with the time it was first published, from the
 * record's own times (docs/LOG.md, "A log begun on an existing record"). */
static const char history_sql[] =
	"SELECT 0, m.id, 0, COALESCE(m.agenda_published_at, m.created) FROM pub_meeting m"
	" WHERE m.agenda_status = 'published'"
	" UNION ALL SELECT 1, m.id, 0, COALESCE(m.minutes_published_at, m.agenda_published_at, m.created)"
	" FROM pub_meeting m WHERE m.minutes_status IN ('published', 'approved')"
	" UNION ALL SELECT 5, m.id, 0, m.minutes_approved_at FROM pub_meeting m"
	" WHERE m.minutes_status = 'approved' AND m.minutes_approved_at IS NOT NULL"
	" UNION ALL SELECT 2, i.id, i.meeting_id, COALESCE(m.agenda_published_at, m.created) FROM pub_agenda_item i"
	" JOIN pub_meeting m ON m.id = i.meeting_id WHERE i.exempt = 1"
	" UNION ALL SELECT 3, f.id, 0, COALESCE((SELECT min(CASE WHEN l.role = 'minutes'"
	"  THEN COALESCE(m.minutes_published_at, m.agenda_published_at) ELSE m.agenda_published_at END)"
	"  FROM pub_file_link l LEFT JOIN pub_agenda_item i ON i.id = l.agenda_item_id"
	"  JOIN pub_meeting m ON m.id = COALESCE(l.meeting_id, i.meeting_id) WHERE l.file_id = f.id), f.created)"
	" FROM pub_file f"
	" UNION ALL SELECT 4, d.id, 0, COALESCE((SELECT m.minutes_published_at FROM pub_agenda_item i"
	"  JOIN pub_meeting m ON m.id = i.meeting_id WHERE i.id = d.agenda_item_id),"
	"  d.decided_on || 'T12:00:00Z', d.created) FROM pub_decision d";

long log_backfill(struct db *db)
{
	struct past *v = NULL;
	size_t n = 0, cap = 0;
	struct stmt *s = db_query(db, history_sql, NULL);
	char now[32];
	uint64_t before, after;
	long rc = -1;
	int r;

	if (!s || log_size(db, &before) < 0)
		return -1;
	while ((r = st_step(s)) == ST_ROW) {
		int k = (int)col_int(s, 0);
		if (n == cap) {
			struct past *p = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*v));
			if (!p) {
				st_reset(s);
				snprintf(db->err, sizeof(db->err), "log: out of memory");
				goto out;
			}
			v = p;
		}
		/* (5: the minutes' approval, after their publication) */
		v[n].x = (struct object){ k == 5 ? O_MINUTES : (enum okind)k, col_int(s, 1), col_int(s, 2) };
		col_copy(s, 3, v[n].time, sizeof(v[n].time));
		if (k == 1) {
			/* published first: the approval (if any) comes as its own event */
			v[n].x.meeting = -1;
		}
		n++;
	}
	st_reset(s);
	if (r != ST_DONE) {
		db_fail(db, "log: history");
		goto out;
	}
	qsort(v, n, sizeof(*v), cmp_past);
	utc_now(now);
	for (size_t i = 0; i < n; i++) {
		struct object x = v[i].x;
		if (x.kind == O_MINUTES && x.meeting == -1) {
			/* The minutes as published, before any approval. */
			struct ostate o;
			struct buf e = BUF_INIT;
			char key[96];
			int64_t at;
			x.meeting = 0;
			object_key(&x, key, sizeof(key));
			if (object_state(db, &x, &o) < 0)
				goto out;
			snprintf(o.state, sizeof(o.state), "published");
			logtext_entry(&e, "minutes-published", key, o.hash, 0, v[i].time);
			at = e.err ? -1 : log_append(db, e.data, e.len, now);
			buf_release(&e);
			if (at < 0 || remember(db, key, &o, at) < 0)
				goto out;
			continue;
		}
		if (follow(db, &x, v[i].time, now) < 0)
			goto out;
	}
	if (log_size(db, &after) < 0)
		goto out;
	rc = (long)(after - before);
out:
	free(v);
	return rc;
}

/* --- verification ---------------------------------------------------------------- */

long log_check(struct db *db, struct buf *report)
{
	struct stmt *s;
	unsigned char h[TLOG_HASH], stored[TLOG_HASH], left[TLOG_HASH];
	uint64_t n = 0;
	long bad = 0;
	int r;

	/* Every leaf, and every subtree it completes, recomputed. */
	if (!(s = db_query(db, "SELECT id, body FROM pub_log_entry ORDER BY id", NULL)))
		return -1;
	while ((r = st_step(s)) == ST_ROW) {
		uint64_t i = (uint64_t)col_int(s, 0);
		const char *t = col_str(s, 1);
		if (i != n) {
			buf_printf(report, "entry %llu is missing\n", (unsigned long long)n);
			bad++;
			n = i;
		}
		tlog_leaf_hash(t, strlen(t), h);
		n++;
		if (log_node(db, 0, i, stored) < 0 || memcmp(h, stored, TLOG_HASH) != 0) {
			buf_printf(report, "entry %llu: its stored leaf hash is not the hash of its text\n",
				   (unsigned long long)i);
			bad++;
			continue;
		}
		for (int level = 1; level < 64 && ((i + 1) & ((UINT64_C(1) << level) - 1)) == 0; level++) {
			uint64_t idx = ((i + 1) >> level) - 1;
			if (log_node(db, level - 1, 2 * idx, left) < 0)
				break;
			tlog_node_hash(left, h, h);
			if (log_node(db, level, idx, stored) < 0 || memcmp(h, stored, TLOG_HASH) != 0) {
				buf_printf(report, "the stored hash of node (%d, %llu) is wrong\n", level,
					   (unsigned long long)idx);
				bad++;
				break;
			}
		}
	}
	st_reset(s);
	if (r != ST_DONE)
		return db_fail(db, "log: entries");
	/* Every object the log follows, as it is now, against what its last
	 * entry says (the hook's memory is checked, then the entry itself). */
	if (!(s = db_query(db, "SELECT object, state, hash, entry FROM log_state ORDER BY object", NULL)))
		return -1;
	{
		struct { char key[96], state[32], hash[2 * TLOG_HASH + 1]; int64_t entry; } *rows = NULL;
		size_t nr = 0, cap = 0;
		while ((r = st_step(s)) == ST_ROW) {
			if (nr == cap) {
				void *p = realloc(rows, (cap = cap ? cap * 2 : 256) * sizeof(*rows));
				if (!p)
					break;
				rows = p;
			}
			snprintf(rows[nr].key, sizeof(rows[nr].key), "%s", col_text(s, 0));
			snprintf(rows[nr].state, sizeof(rows[nr].state), "%s", col_text(s, 1));
			col_copy(s, 2, rows[nr].hash, sizeof(rows[nr].hash));
			rows[nr++].entry = col_int(s, 3);
		}
		st_reset(s);
		for (size_t k = 0; k < nr; k++) {
			struct object x = { O_AGENDA, 0, 0 };
			struct ostate now;
			long long a = 0, b = 0;
			if (sscanf(rows[k].key, "/meetings/%lld/items/%lld", &a, &b) == 2)
				x = (struct object){ O_ITEM, b, a };
			else if (sscanf(rows[k].key, "/meetings/%lld/", &a) == 1)
				x = (struct object){ strstr(rows[k].key, "/minutes") ? O_MINUTES : O_AGENDA, a, 0 };
			else if (sscanf(rows[k].key, "/documents/%lld", &a) == 1)
				x = (struct object){ O_DOCUMENT, a, 0 };
			else if (sscanf(rows[k].key, "/decisions/%lld", &a) == 1)
				x = (struct object){ O_DECISION, a, 0 };
			if (object_state(db, &x, &now) < 0) {
				free(rows);
				return -1;
			}
			if (strcmp(now.state, rows[k].state) != 0 || strcmp(now.hash, rows[k].hash) != 0) {
				buf_printf(report, "%s: is %s%s%s, but the log last said %s%s%s\n", rows[k].key, now.state,
					   now.hash[0] ? " " : "", now.hash, rows[k].state, rows[k].hash[0] ? " " : "",
					   rows[k].hash);
				bad++;
			} else if (now.hash[0] && rows[k].entry >= 0) {
				struct buf e = BUF_INIT;
				char want[2 * TLOG_HASH + 16];
				snprintf(want, sizeof(want), "sha256 %s\n", now.hash);
				if (log_entry_text(db, (uint64_t)rows[k].entry, &e) < 0) {
					buf_release(&e);
					free(rows);
					return -1;
				}
				if (!e.data || !strstr(e.data, want)) {
					buf_printf(report, "%s: entry %lld does not say its content hash\n", rows[k].key,
						   (long long)rows[k].entry);
					bad++;
				}
				buf_release(&e);
			}
		}
		free(rows);
		if (r != ST_DONE && r != ST_ROW)
			return db_fail(db, "log: state");
	}
	return bad;
}
