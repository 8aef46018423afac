/* pg.c: the PostgreSQL backend (libpq), behind the calls of db_int.h.
 *
 * A statement's SQL is written once, in SQLite's dialect; dialect_pg()
 * (db/dialect.h) translates it when the db layer first asks for it, and
 * it is prepared on the server at its first step, when what its
 * parameters were bound as is known (server_prepare), then kept for the
 * connection's life.  Parameters go as text: one bound as an integer is a
 * bigint, the others take the type their place gives them (`title = ?2`
 * is text), or text where none does, as SQLite's affinity would have it.
 * A result is fetched whole at the statement's first step and then read
 * row by row.  An INSERT into a table with an identity column `id` gets
 * RETURNING id appended, which is where db_last_id() finds it.  A text
 * that translates to nothing (an FTS5 command) is a statement that does
 * nothing.
 *
 * Writers are serialized, as SQLite's BEGIN IMMEDIATE does: a write
 * transaction takes one advisory lock first (PG_WRITE_LOCK), so that the
 * record's read-then-write logic (the publication drain, the audit chain)
 * sees what the previous writer committed.  Readers never wait. */
#include "db/pg.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db_int.h"
#include "db/dialect.h"
#include "db/stmt_int.h"
#include "util/buf.h"
#include "util/banned.h"

/* The advisory lock every write transaction takes (any constant). */
#define PG_WRITE_LOCK 7733021

#define BOOLOID 16
#define INT8OID 20
#define TEXTOID 25
#define JSONOID 114
#define JSONBOID 3802

struct pg_conn {
	PGconn *c;
	unsigned gen;               /* counts the connections made (reconnect) */
	char session[256];          /* the session's settings, made again on a reconnect */
	const char *role;           /* the role set (pg_set_role), or NULL */
	int lost_in_txn;            /* lost inside a transaction not yet ended by the caller */
	int nstmt;                  /* names the server-side statements */
	int64_t changes, last_id;
	char sqlstate[6];           /* of the last error */
	char *msg;                  /* the last error message (malloc'd) */
	char **idtables;            /* tables with an identity column id */
	int nidtables;
};

/* At most this many parameters to a statement. */
#define PG_MAX_PARAMS 100

/* What a parameter was bound as, which types it when it is prepared. */
enum { PK_UNKNOWN, PK_INT, PK_TEXT, PK_UNUSED };

struct pg_stmt {
	char *sql;                  /* translated */
	char name[16];              /* on the server, once prepared */
	int prepared;
	unsigned gen;               /* ... on this connection (pg_conn.gen) */
	int nparams;
	char **val;                 /* parameters as text (NULL: SQL NULL) */
	unsigned char *kind;        /* PK_*, by number - 1 */
	PGresult *res;
	int row, nrows, started;
	int returning_id;           /* an INSERT with RETURNING id added */
	int noop;                   /* translated to nothing */
	char **json;                /* the row's JSON columns as SQLite writes them (or NULL) */
	int njson;
	char **pnames;              /* named parameters, by number - 1 (or NULL) */
};

static void set_error(struct pg_conn *p, const PGresult *r)
{
	const char *m = r ? PQresultErrorMessage(r) : NULL;
	const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	size_t n;

	if (!m || !*m)
		m = PQerrorMessage(p->c);
	free(p->msg);
	p->msg = strdup(m ? m : "error");
	/* libpq's messages end with a newline; db->err holds one line. */
	if (p->msg && (n = strlen(p->msg)) > 0 && p->msg[n - 1] == '\n')
		p->msg[n - 1] = '\0';
	if (p->msg && strncmp(p->msg, "ERROR:  ", 8) == 0)
		memmove(p->msg, p->msg + 8, strlen(p->msg + 8) + 1);
	snprintf(p->sqlstate, sizeof(p->sqlstate), "%s", st ? st : "");
}

int pg_is_url(const char *path)
{
	return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0;
}

/* Run SQL text (one or several statements, already in PostgreSQL's
 * dialect): 0, or -1 with the message kept. */
static int run(struct pg_conn *p, const char *sql)
{
	PGresult *r = PQexec(p->c, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;

	if (!ok)
		set_error(p, r);
	PQclear(r);
	return ok ? 0 : -1;
}

/* A connection lost (the server restarted, a failover moved the
 * database): made again, with its session's settings and role; the
 * statements prepared on the old one are prepared again when next run
 * (their gen is not the connection's).  0, or -1 (still lost). */
static int reconnect(struct pg_conn *p)
{
	PQreset(p->c);
	if (PQstatus(p->c) != CONNECTION_OK)
		return -1;
	p->gen++;
	return run(p, p->session) < 0 || (p->role && run(p, p->role) < 0) ? -1 : 0;
}

static int ends_txn(const char *sql)
{
	return strncasecmp(sql, "COMMIT", 6) == 0 || strncasecmp(sql, "ROLLBACK", 8) == 0 ||
	       strncasecmp(sql, "END", 3) == 0;
}

/* Before a command (sql): whether it starts outside a transaction, so
 * that it may be run again on a new connection should this one turn out
 * lost.  A connection known lost is made again first, unless it was lost
 * inside a transaction: the caller's next commands fail until it ends
 * that one (its COMMIT fails; a ROLLBACK is on the new connection). */
static int before_command(struct pg_conn *p, const char *sql)
{
	if (PQstatus(p->c) == CONNECTION_OK)
		return PQtransactionStatus(p->c) == PQTRANS_IDLE;
	if (p->lost_in_txn) {
		if (!ends_txn(sql))
			return 0;
		p->lost_in_txn = 0;
		if (strncasecmp(sql, "ROLLBACK", 8) != 0)
			return 0;
	}
	return reconnect(p) == 0;
}

/* After a command that failed: whether to run it again (the connection
 * was lost, outside a transaction, and is made again). */
static int retry_after(struct pg_conn *p, int idle)
{
	if (PQstatus(p->c) != CONNECTION_BAD)
		return 0;
	if (!idle) {
		p->lost_in_txn = 1;
		return 0;
	}
	return reconnect(p) == 0;
}

static int load_idtables(struct pg_conn *p)
{
	PGresult *r = PQexec(p->c, "SELECT table_name FROM information_schema.columns WHERE table_schema ="
			     " current_schema() AND column_name = 'id' AND is_identity = 'YES'");
	int n;

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		set_error(p, r);
		PQclear(r);
		return -1;
	}
	for (int i = 0; i < p->nidtables; i++)
		free(p->idtables[i]);
	free(p->idtables);
	p->nidtables = 0;
	n = PQntuples(r);
	p->idtables = calloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; p->idtables && i < n; i++)
		if ((p->idtables[p->nidtables] = strdup(PQgetvalue(r, i, 0))))
			p->nidtables++;
	PQclear(r);
	return p->idtables ? 0 : -1;
}

int pg_body_schema(char *out, size_t n)
{
	const char *body = getenv("WITAN_BODY");
	size_t len;

	if (!body || !*body) {
		snprintf(out, n, "public");
		return 0;
	}
	len = strlen(body);
	if (len > 40 || strspn(body, "abcdefghijklmnopqrstuvwxyz0123456789_") != len)
		return -1;
	snprintf(out, n, "body_%s", body);
	return 0;
}

int pg_open(struct db *db, const char *url, int read_only)
{
	struct pg_conn *p = calloc(1, sizeof(*p));
	char schema[64];
	const char *tz;

	if (!p) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	db->pg = p;
	p->c = PQconnectdb(url);
	if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
		const char *m = p->c ? PQerrorMessage(p->c) : "out of memory";
		snprintf(db->err, sizeof(db->err), "cannot connect to %s: %.*s", url,
			 (int)strcspn(m, "\n"), m);
		return -1;
	}
	/* SQLite's functions (strftime, date, unixepoch...) and collation
	 * nocase live in witan_compat (sql/pg/compat.sql), ahead of
	 * pg_catalog.  Their 'localtime' and 'utc' are the process's time
	 * zone (TZ, which main sets), as SQLite's are. */
	tz = getenv("TZ");
	if (!tz || !*tz || strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_/+-") != strlen(tz))
		tz = "UTC";
	/* The body's schema (WITAN_BODY: several bodies in one database),
	 * made when first opened for writing; else public. */
	if (pg_body_schema(schema, sizeof(schema)) < 0) {
		snprintf(db->err, sizeof(db->err), "WITAN_BODY (--body) is 1 to 40 lower-case letters, digits and _");
		return -1;
	}
	if (!read_only && strcmp(schema, "public") != 0) {
		char create[96];
		snprintf(create, sizeof(create), "CREATE SCHEMA IF NOT EXISTS %s", schema);
		if (run(p, "SET client_min_messages = warning") < 0 || run(p, create) < 0)
			return db_fail(db, "connecting");
	}
	snprintf(p->session, sizeof(p->session), "SET search_path = %s, witan_compat, pg_catalog;"
		 " SET TimeZone = '%s'; SET client_min_messages = warning%s", schema, tz,
		 read_only ? "; SET default_transaction_read_only = on" : "");
	if (run(p, p->session) < 0)
		return db_fail(db, "connecting");
	return 0;
}

int pg_set_role(struct db *db, const char *sql)
{
	db->pg->role = sql;
	return pg_exec_native(db, sql);
}

int pg_reload(struct db *db)
{
	return load_idtables(db->pg) < 0 ? db_fail(db, "reading the schema") : 0;
}

void pg_close(struct db *db)
{
	struct pg_conn *p = db->pg;

	if (!p)
		return;
	if (p->c)
		PQfinish(p->c);
	for (int i = 0; i < p->nidtables; i++)
		free(p->idtables[i]);
	free(p->idtables);
	free(p->msg);
	free(p);
	db->pg = NULL;
}

const char *pg_errmsg(struct db *db)
{
	return db->pg->msg ? db->pg->msg : PQerrorMessage(db->pg->c);
}

int pg_exec(struct db *db, const char *sql)
{
	struct buf t = BUF_INIT;
	char err[200];
	int rc = -1;

	if (dialect_pg(sql, &t, err, sizeof(err)) < 0) {
		snprintf(db->err, sizeof(db->err), "%s", err);
		goto out;
	}
	if (t.err) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		goto out;
	}
	if (t.len == 0) {
		rc = 0;
	} else {
		int idle = before_command(db->pg, t.data);
		if (run(db->pg, t.data) == 0 || (retry_after(db->pg, idle) && run(db->pg, t.data) == 0))
			rc = 0;
	}
	if (rc < 0)
		snprintf(db->err, sizeof(db->err), "%s", db->pg->msg);
out:
	buf_release(&t);
	return rc;
}

int pg_exec_native(struct db *db, const char *sql)
{
	int idle = before_command(db->pg, sql);

	if (run(db->pg, sql) == 0 || (retry_after(db->pg, idle) && run(db->pg, sql) == 0))
		return 0;
	snprintf(db->err, sizeof(db->err), "%s", db->pg->msg);
	return -1;
}

/* SQLite's named parameters (:name, @name, $name) as numbered ones, in
 * SQLite's order (a name takes the next number when first seen), into
 * out; the names by number into names[] (NULL for a numbered one).
 * Strings, quoted names and comments are copied as they are.  0 or -1. */
static int number_names(const char *sql, struct buf *out, char **names, int cap)
{
	int max = 0;

	for (const char *q = sql; *q;) {
		if (*q == '\'' || *q == '"') {
			const char *e = q + 1;
			while (*e && !(*e == *q && e[1] != *q))
				e += *e == *q ? 2 : 1;
			if (*e)
				e++;
			buf_append(out, q, (size_t)(e - q));
			q = e;
		} else if (q[0] == '-' && q[1] == '-') {
			size_t n = strcspn(q, "\n");
			buf_append(out, q, n);
			q += n;
		} else if (*q == '?') {
			int n = 0;
			const char *d = q + 1;
			while (*d >= '0' && *d <= '9')
				n = n * 10 + (*d++ - '0');
			if (d == q + 1)
				n = max + 1;
			if (n > max)
				max = n;
			buf_append(out, q, (size_t)(d - q));
			if (d == q + 1)
				buf_printf(out, "%d", n);
			q = d;
		} else if ((*q == ':' || *q == '@' || *q == '$') && (q[1] == '_' || (q[1] >= 'a' && q[1] <= 'z') ||
			   (q[1] >= 'A' && q[1] <= 'Z'))) {
			const char *e = q + 1;
			int n = 0;
			while (*e == '_' || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9'))
				e++;
			for (int i = 0; i < max && i < cap && !n; i++)
				if (names[i] && strlen(names[i]) == (size_t)(e - q) && strncmp(names[i], q, (size_t)(e - q)) == 0)
					n = i + 1;
			if (!n) {
				n = ++max;
				if (n > cap || !(names[n - 1] = strndup(q, (size_t)(e - q))))
					return -1;
			}
			buf_printf(out, "?%d", n);
			q = e;
		} else {
			buf_append(out, q++, 1);
		}
	}
	return out->err ? -1 : 0;
}

/* The table an INSERT writes, from the translated text ("INSERT INTO t"). */
static int inserts_into_idtable(const struct pg_conn *p, const char *sql)
{
	const char *q = sql;
	size_t n;

	while (*q == ' ' || *q == '\n' || *q == '\t')
		q++;
	if (strncasecmp(q, "INSERT INTO ", 12) != 0)
		return 0;
	q += 12;
	while (*q == ' ' || *q == '"')
		q++;
	n = strcspn(q, " (\"\n");
	if (strstr(sql, " RETURNING ") || strstr(sql, "\nRETURNING "))
		return 0;
	for (int i = 0; i < p->nidtables; i++)
		if (strlen(p->idtables[i]) == n && strncmp(p->idtables[i], q, n) == 0)
			return 1;
	return 0;
}

/* The highest $N of translated SQL, and which of 1..max occur. */
static int params_of(const char *sql, unsigned char *used, int cap)
{
	int max = 0;

	for (const char *q = sql; *q; q++) {
		if (*q == '\'') {
			for (q++; *q && !(*q == '\'' && q[1] != '\''); q++)
				if (*q == '\'')
					q++;
			if (!*q)
				break;
		} else if (*q == '$' && q[1] >= '1' && q[1] <= '9' && (q == sql || !(q[-1] == '_' ||
			   (q[-1] >= 'a' && q[-1] <= 'z') || (q[-1] >= 'A' && q[-1] <= 'Z')))) {
			int n = 0;
			for (q++; *q >= '0' && *q <= '9'; q++)
				n = n * 10 + (*q - '0');
			q--;
			if (n <= cap)
				used[n - 1] = 1;
			if (n > max)
				max = n;
		}
	}
	return max;
}

struct stmt *pg_prepare(struct db *db, const char *sql, int len)
{
	struct buf t = BUF_INIT, src = BUF_INIT, raw = BUF_INIT;
	struct stmt *s = NULL;
	struct pg_stmt *ps = NULL;
	char err[200], *names[PG_MAX_PARAMS] = { NULL };
	unsigned char used[PG_MAX_PARAMS] = { 0 };
	int n;

	buf_append(&raw, sql, len < 0 ? strlen(sql) : (size_t)len);
	if (raw.err || number_names(raw.data, &src, names, PG_MAX_PARAMS) < 0 ||
	    dialect_pg(src.data, &t, err, sizeof(err)) < 0 || t.err) {
		snprintf(db->err, sizeof(db->err), "prepare: %s: %.80s", raw.err || src.err || t.err ? "out of memory" : err,
			 sql);
		goto fail;
	}
	if (!(s = calloc(1, sizeof(*s))) || !(ps = calloc(1, sizeof(*ps)))) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		goto fail;
	}
	s->ops = &pg_stmt_ops;
	s->db = db;
	s->pg = ps;
	if (inserts_into_idtable(db->pg, t.data)) {
		buf_puts(&t, " RETURNING id");
		ps->returning_id = 1;
	}
	if ((n = params_of(t.data, used, PG_MAX_PARAMS)) > PG_MAX_PARAMS) {
		snprintf(db->err, sizeof(db->err), "prepare: too many parameters: %.80s", sql);
		goto fail;
	}
	ps->nparams = n;
	ps->noop = t.len == 0;
	if (t.err || !(ps->sql = t.len ? buf_detach(&t, NULL) : strdup("")) ||
	    (n && (!(ps->val = calloc((size_t)n, sizeof(char *))) || !(ps->kind = calloc((size_t)n, 1))))) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		goto fail;
	}
	/* A number the statement skips has no type to infer: text. */
	for (int i = 0; i < n; i++)
		ps->kind[i] = used[i] ? PK_UNKNOWN : PK_UNUSED;
	for (int i = 0; i < n && !ps->pnames; i++)
		if (names[i] && !(ps->pnames = calloc((size_t)n, sizeof(char *)))) {
			snprintf(db->err, sizeof(db->err), "out of memory");
			goto fail;
		}
	for (int i = 0; i < n && ps->pnames; i++) {
		ps->pnames[i] = names[i];
		names[i] = NULL;
	}
	buf_release(&src);
	buf_release(&raw);
	for (int i = 0; i < PG_MAX_PARAMS; i++)
		free(names[i]);
	return s;
fail:
	if (ps) {
		free(ps->val);
		free(ps->kind);
		free(ps->sql);
	}
	free(ps);
	free(s);
	buf_release(&t);
	buf_release(&src);
	buf_release(&raw);
	for (int i = 0; i < PG_MAX_PARAMS; i++)
		free(names[i]);
	return NULL;
}

/* Prepare the statement on the server, at its first step: a parameter
 * bound as an integer is a bigint, one bound otherwise takes the type its
 * place gives it (PostgreSQL infers it), and one whose place gives none
 * (?1 IS NULL, SELECT ?1) is text, as SQLite would take a string.  Run
 * under a savepoint inside a transaction, which a failed prepare would
 * otherwise abort.  0, or -1 with the message kept. */
static int server_prepare(struct stmt *s)
{
	struct pg_stmt *ps = s->pg;
	struct pg_conn *p = s->db->pg;
	Oid types[PG_MAX_PARAMS];
	PGresult *r;
	int in_txn, ok;

	for (int i = 0; i < ps->nparams; i++)
		types[i] = ps->kind[i] == PK_INT ? INT8OID : ps->kind[i] == PK_UNUSED ? TEXTOID : 0;
	snprintf(ps->name, sizeof(ps->name), "w%d", ++p->nstmt);
	if ((in_txn = PQtransactionStatus(p->c) == PQTRANS_INTRANS) && run(p, "SAVEPOINT witan_prepare") < 0)
		return -1;
	r = PQprepare(p->c, ps->name, ps->sql, ps->nparams, types);
	for (int k = 0; k < ps->nparams && PQresultStatus(r) != PGRES_COMMAND_OK; k++) {
		const char *m = PQresultErrorMessage(r), *at = strstr(m, "could not determine data type of parameter $");
		int num = at ? (int)strtol(at + 44, NULL, 10) : 0;
		if (num < 1 || num > ps->nparams || types[num - 1] == TEXTOID)
			break;
		types[num - 1] = TEXTOID;
		PQclear(r);
		if (in_txn)
			run(p, "ROLLBACK TO SAVEPOINT witan_prepare");
		r = PQprepare(p->c, ps->name, ps->sql, ps->nparams, types);
	}
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		set_error(p, r);
	PQclear(r);
	if (in_txn) {
		char keep[sizeof(s->db->err)];
		snprintf(keep, sizeof(keep), "%s", p->msg ? p->msg : "");
		if (!ok)
			run(p, "ROLLBACK TO SAVEPOINT witan_prepare");
		run(p, "RELEASE SAVEPOINT witan_prepare");
		if (!ok) {
			free(p->msg);
			p->msg = strdup(keep);
		}
	}
	if (!ok) {
		/* The message names the statement, which PostgreSQL's alone
		 * does not show. */
		struct buf m = BUF_INIT;
		buf_printf(&m, "%s (in: %.300s)", p->msg ? p->msg : "", ps->sql);
		if (!m.err) {
			free(p->msg);
			p->msg = buf_detach(&m, NULL);
		}
		buf_release(&m);
		ps->name[0] = '\0';
		return -1;
	}
	ps->prepared = 1;
	ps->gen = p->gen;
	return 0;
}

static void pg_reset(struct stmt *s);

static void pg_finalize(struct stmt *s)
{
	struct pg_stmt *ps = s->pg;
	char dealloc[48];

	pg_reset(s);
	free(ps->json);
	for (int i = 0; i < ps->nparams; i++)
		free(ps->val[i]);
	free(ps->val);
	if (ps->pnames) {
		for (int i = 0; i < ps->nparams; i++)
			free(ps->pnames[i]);
		free(ps->pnames);
	}
	free(ps->sql);
	free(ps->kind);
	if (ps->prepared && s->db->pg && s->db->pg->c && ps->gen == s->db->pg->gen &&
	    PQstatus(s->db->pg->c) == CONNECTION_OK) {
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", ps->name);
		if (PQtransactionStatus(s->db->pg->c) != PQTRANS_INERROR)
			run(s->db->pg, dealloc);
	}
	free(ps);
}

static void forget_json(struct pg_stmt *ps)
{
	for (int i = 0; i < ps->njson; i++) {
		free(ps->json[i]);
		ps->json[i] = NULL;
	}
}

static void pg_reset(struct stmt *s)
{
	struct pg_stmt *ps = s->pg;

	forget_json(ps);
	PQclear(ps->res);
	ps->res = NULL;
	ps->started = 0;
	ps->row = ps->nrows = 0;
}

static void pg_clear(struct stmt *s)
{
	struct pg_stmt *ps = s->pg;

	for (int i = 0; i < ps->nparams; i++) {
		free(ps->val[i]);
		ps->val[i] = NULL;
	}
}

static int pg_step(struct stmt *s)
{
	struct pg_stmt *ps = s->pg;
	struct pg_conn *p = s->db->pg;

	if (!ps->started) {
		ExecStatusType st;
		const char *tuples;

		int idle, again = 1;

		if (ps->noop)
			return ST_DONE;
		idle = before_command(p, ps->sql);
	retry:
		if ((!ps->prepared || ps->gen != p->gen) && server_prepare(s) < 0) {
			if (again-- && retry_after(p, idle))
				goto retry;
			return ST_ERROR;
		}
		ps->started = 1;
		ps->res = PQexecPrepared(p->c, ps->name, ps->nparams, (const char *const *)ps->val, NULL, NULL, 0);
		st = PQresultStatus(ps->res);
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && again-- && retry_after(p, idle)) {
			PQclear(ps->res);
			ps->res = NULL;
			ps->started = 0;
			goto retry;
		}
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			set_error(p, ps->res);
			PQclear(ps->res);
			ps->res = NULL;
			return ST_ERROR;
		}
		tuples = PQcmdTuples(ps->res);
		if (tuples && *tuples)
			p->changes = strtoll(tuples, NULL, 10);
		/* A write outside a transaction commits by itself, and moves the
		 * change counter as db_commit does (SQLite's data_version moves
		 * for any commit): the page caches of every server see it. */
		if (idle && tuples && *tuples && p->changes > 0 && strncmp(PQcmdStatus(ps->res), "SELECT", 6) != 0)
			run(p, "UPDATE witan_change SET n = n + 1");
		ps->nrows = st == PGRES_TUPLES_OK ? PQntuples(ps->res) : 0;
		ps->row = -1;
		if (ps->returning_id) {
			if (ps->nrows > 0)
				p->last_id = strtoll(PQgetvalue(ps->res, 0, 0), NULL, 10);
			ps->nrows = 0;
		}
	}
	forget_json(ps);
	if (ps->row + 1 < ps->nrows) {
		ps->row++;
		return ST_ROW;
	}
	ps->row = ps->nrows;
	return ST_DONE;
}

static const char *value(struct stmt *s, int i)
{
	struct pg_stmt *ps = s->pg;

	if (!ps->res || ps->row < 0 || ps->row >= ps->nrows || i < 0 || i >= PQnfields(ps->res) ||
	    PQgetisnull(ps->res, ps->row, i))
		return NULL;
	return PQgetvalue(ps->res, ps->row, i);
}

static int64_t pg_col_int(struct stmt *s, int i)
{
	const char *v = value(s, i);

	if (!v)
		return 0;
	if (PQftype(s->pg->res, i) == BOOLOID)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

/* JSON as SQLite's json functions write it: compact, members in their
 * order, reals to 15 digits (PostgreSQL's json_build_object writes
 * {"a" : 1, "b" : 2}).  Kept until the statement's next step. */
static const char *compact_json(struct pg_stmt *ps, int i, const char *v)
{
	json_error_t e;
	json_t *j;
	int n = PQnfields(ps->res);

	if (!ps->json) {
		if (!(ps->json = calloc((size_t)n, sizeof(char *))))
			return v;
		ps->njson = n;
	}
	if (ps->json[i])
		return ps->json[i];
	if (!(j = json_loads(v, JSON_DECODE_ANY, &e)))
		return v;
	ps->json[i] = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
	json_decref(j);
	return ps->json[i] ? ps->json[i] : v;
}

static const char *pg_col_text(struct stmt *s, int i)
{
	const char *v = value(s, i);
	Oid t;

	if (!v)
		return NULL;
	t = PQftype(s->pg->res, i);
	/* A boolean reads as SQLite's would: 1 or 0. */
	if (t == BOOLOID)
		return *v == 't' ? "1" : "0";
	if (t == JSONOID || t == JSONBOID)
		return compact_json(s->pg, i, v);
	return v;
}

static int pg_col_bytes(struct stmt *s, int i)
{
	const char *v = pg_col_text(s, i);

	return v ? (int)strlen(v) : 0;
}

static double pg_col_double(struct stmt *s, int i)
{
	const char *v = value(s, i);

	return v ? strtod(v, NULL) : 0.0;
}

static int pg_col_count(struct stmt *s)
{
	return s->pg->res ? PQnfields(s->pg->res) : 0;
}

static const char *pg_col_name(struct stmt *s, int i)
{
	return s->pg->res ? PQfname(s->pg->res, i) : NULL;
}

static enum st_type pg_col_type(struct stmt *s, int i)
{
	if (!value(s, i))
		return ST_NULL;
	switch (PQftype(s->pg->res, i)) {
	case 20: case 21: case 23: case BOOLOID: /* int8, int2, int4, bool */
		return ST_INT;
	case 700: case 701: case 1700:            /* float4, float8, numeric */
		return ST_FLOAT;
	default:
		return ST_TEXT;
	}
}

static int pg_bind(struct stmt *s, int i, const char *v, size_t len, int integer)
{
	struct pg_stmt *ps = s->pg;

	if (i < 1 || i > ps->nparams)
		return -1;
	if (!ps->prepared && ps->kind[i - 1] != PK_UNUSED && (v || integer))
		ps->kind[i - 1] = integer ? PK_INT : PK_TEXT;
	free(ps->val[i - 1]);
	ps->val[i - 1] = NULL;
	if (v && !(ps->val[i - 1] = strndup(v, len)))
		return -1;
	return 0;
}

static int pg_param_count(struct stmt *s)
{
	return s->pg->nparams;
}

static int pg_param_index(struct stmt *s, const char *name)
{
	struct pg_stmt *ps = s->pg;

	for (int i = 0; ps->pnames && i < ps->nparams; i++)
		if (ps->pnames[i] && strcmp(ps->pnames[i], name) == 0)
			return i + 1;
	return 0;
}

static int pg_bind_int(struct stmt *s, int i, int64_t v)
{
	char n[24];

	snprintf(n, sizeof(n), "%lld", (long long)v);
	return pg_bind(s, i, n, strlen(n), 1);
}

static int pg_bind_text(struct stmt *s, int i, const char *v, size_t len, int copy)
{
	return pg_bind(s, i, v, len, 0);   /* always copied */
}

static int pg_bind_null(struct stmt *s, int i, int integer)
{
	return pg_bind(s, i, NULL, 0, integer);
}

const struct stmt_ops pg_stmt_ops = {
	pg_step, pg_reset, pg_clear, pg_finalize, pg_col_int, pg_col_text, pg_col_bytes, pg_col_double, pg_col_type,
	pg_col_count, pg_col_name, pg_bind_int, pg_bind_text, pg_bind_null, pg_param_count, pg_param_index,
};

int64_t pg_changes(struct db *db)
{
	return db->pg->changes;
}

int64_t pg_last_id(struct db *db)
{
	return db->pg->last_id;
}

int pg_unique_violation(struct db *db)
{
	return strcmp(db->pg->sqlstate, "23505") == 0;
}

int pg_in_txn(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->pg->c);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int pg_begin_write(struct db *db)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "BEGIN; SELECT pg_advisory_xact_lock(%d)", PG_WRITE_LOCK);
	return pg_exec_native(db, sql);
}
