/* fuzz_oparl.c: libFuzzer target for the OParl import of one object
 * (import/harvest's harvest_oparl_object: any type the harvest takes, with
 * what it embeds, offline), into a database made once (the migrations, a
 * body, an organization, a person and a meeting that objects may refer
 * to) and restored from a copy before each input.  Checked: the import
 * answers -1 exactly when the input is not a JSON object, and then says
 * why; an object is accounted for (imported, bad, unchanged or deleted),
 * unless it is a deletion of what was never here;
 * the database passes quick_check and foreign_key_check afterwards; and
 * no HTML the import stored (every *_html column) has a script, style,
 * iframe or object element, an event handler attribute, or a link or
 * source to javascript:, vbscript: or a data: URL that is not an image. */
/* FUZZ_SRCS: src/import/harvest.c src/import/fetch.c src/db/harvest.c src/db/db.c src/db/stmt.c src/db/pg.c src/db/dialect.c src/db/dialect_expr.c src/db/boundary.c src/db/query.c src/db/harvest_check.c src/db/record.c src/db/model_check.c src/db/model.c src/ui/html.c src/util/buf.c src/util/date.c src/util/sanitize.c src/util/licence.c src/util/markdown.c src/util/markup.c src/util/valid.c src/util/utf8.c src/util/notice.c src/util/datafile.c src/util/embed.c src/util/pool.c src/docs/sniff.c src/store/store.c build/obj/gen/embedded.c */
/* FUZZ_PKGS: libpq jansson libcurl sqlite3 libcmark-gfm libsodium gumbo */
/* FUZZ_LIBS: -lcmark-gfm-extensions -lm -lpthread */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "db/db.h"
#include "import/harvest.h"
#include "store/store.h"

#define SRC "https://src.example/oparl/v1.1/"

static struct db db;
static struct store st;
static sqlite3 *pristine; /* the set-up database, in memory */
static char dir[] = "/tmp/fuzz-oparl-XXXXXX";
static char *html_cols[64][2]; /* table, column */
static int nhtml;

/* Objects that inputs (the seeds) refer to, imported at set-up. */
static const char *const known[] = {
	"{\"id\":\"" SRC "organization/1\",\"type\":\"https://schema.oparl.org/1.1/Organization\","
	"\"name\":\"Police and Crime Panel\",\"organizationType\":\"Gremium\",\"modified\":\"2019-01-01T00:00:00Z\"}",
	"{\"id\":\"" SRC "person/1\",\"type\":\"https://schema.oparl.org/1.1/Person\","
	"\"name\":\"Cllr A Member\",\"modified\":\"2019-01-01T00:00:00Z\"}",
	"{\"id\":\"" SRC "meeting/1\",\"type\":\"https://schema.oparl.org/1.1/Meeting\",\"name\":\"Panel\","
	"\"start\":\"2019-02-04T14:00:00+00:00\",\"organization\":[\"" SRC "organization/1\"],"
	"\"modified\":\"2019-01-01T00:00:00Z\"}",
};

static void die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_oparl: %s: %s\n", what, why);
	abort();
}

/* The database becomes the set-up one again (a page-by-page copy into the
 * same connection, whose functions, hooks and statements stay). */
static void restore(void)
{
	sqlite3_backup *b = sqlite3_backup_init(db.h, "main", pristine, "main");

	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
		die("restoring the database", sqlite3_errmsg(db.h));
}

static void cleanup(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_oparl: could not remove %s\n", dir);
}

static void setup(void)
{
	char path[64];
	struct harvest_report rep;
	sqlite3_stmt *s;

	if (!mkdtemp(dir))
		die("mkdtemp", "failed");
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (db_open(&db, path, DB_CREATE) < 0)
		die("db_open", db.err);
	if (store_open(&st, path) < 0)
		die("store_open", path);
	db.source_times = 1;
	/* (no fsync per input: this database is thrown away) */
	sqlite3_exec(db.h, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	if (sqlite3_exec(db.h, "INSERT INTO body (name) VALUES ('Fuzz Council')", NULL, NULL, NULL) != SQLITE_OK)
		die("the body", sqlite3_errmsg(db.h));
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (harvest_oparl_object(&db, &st, known[i], strlen(known[i]), &rep) < 0 || rep.objects < 1)
			die("a known object", known[i]);
	/* Every column that holds HTML. */
	if (sqlite3_prepare_v2(db.h,
			       "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p"
			       " WHERE m.type = 'table' AND p.name LIKE '%\\_html' ESCAPE '\\'",
			       -1, &s, NULL) != SQLITE_OK)
		die("the HTML columns", sqlite3_errmsg(db.h));
	while (sqlite3_step(s) == SQLITE_ROW && nhtml < 64) {
		html_cols[nhtml][0] = strdup((const char *)sqlite3_column_text(s, 0));
		html_cols[nhtml][1] = strdup((const char *)sqlite3_column_text(s, 1));
		nhtml++;
	}
	sqlite3_finalize(s);
	if (nhtml == 0)
		die("the HTML columns", "none found");
	if (sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		die("sqlite3_open", "memory");
	{
		sqlite3_backup *b = sqlite3_backup_init(pristine, "main", db.h, "main");
		if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
			die("copying the database", sqlite3_errmsg(pristine));
	}
}

static int starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* A URL attribute's value as a browser reads its scheme: white space and
 * control characters dropped, case ignored. */
static int bad_url(const char *v, size_t n)
{
	char s[32];
	size_t k = 0;

	for (size_t i = 0; i < n && k < sizeof(s) - 1; i++)
		if ((unsigned char)v[i] > 0x20)
			s[k++] = v[i];
	s[k] = '\0';
	if (starts_ci(s, k, "javascript:") || starts_ci(s, k, "vbscript:"))
		return 1;
	return starts_ci(s, k, "data:") && !starts_ci(s, k, "data:image/png") && !starts_ci(s, k, "data:image/gif") &&
	       !starts_ci(s, k, "data:image/jpeg") && !starts_ci(s, k, "data:image/webp");
}

/* Why the stored HTML h is unsafe, or NULL. */
static const char *unsafe(const char *h)
{
	static const char *const banned[] = { "<script", "<style", "<iframe", "<object", "<embed", "<svg", "<math" };

	for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		if (strcasestr(h, banned[i]))
			return banned[i];
	for (const char *p = strchr(h, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1;

		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			continue;
		while (*q && *q != '>' && *q != ' ' && *q != '\t' && *q != '\n' && *q != '/')
			q++;
		/* The attributes, each name[=value] */
		while (*q && *q != '>') {
			const char *name, *v = NULL;
			size_t nlen, vlen = 0;

			while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f' || *q == '/')
				q++;
			name = q;
			while (*q && *q != '>' && *q != '=' && *q != ' ' && *q != '\t' && *q != '\n' && *q != '/')
				q++;
			nlen = (size_t)(q - name);
			if (*q == '=') {
				char quote = 0;
				q++;
				if (*q == '"' || *q == '\'')
					quote = *q++;
				v = q;
				while (*q && (quote ? *q != quote : (*q != '>' && *q != ' ')))
					q++;
				vlen = (size_t)(q - v);
				if (quote && *q)
					q++;
			}
			if (nlen >= 2 && strncasecmp(name, "on", 2) == 0)
				return "an event handler";
			if (nlen == 5 && strncasecmp(name, "style", 5) == 0)
				return "a style attribute";
			if (v && ((nlen == 4 && strncasecmp(name, "href", 4) == 0) ||
				  (nlen == 3 && strncasecmp(name, "src", 3) == 0)) && bad_url(v, vlen))
				return "a script or data URL";
			if (nlen == 0 && *q && *q != '>')
				q++;
		}
	}
	return NULL;
}

static void check_html(const uint8_t *in, size_t n)
{
	for (int i = 0; i < nhtml; i++) {
		char sql[256];
		sqlite3_stmt *s;

		snprintf(sql, sizeof(sql), "SELECT \"%s\" FROM \"%s\" WHERE \"%s\" IS NOT NULL", html_cols[i][1],
			 html_cols[i][0], html_cols[i][1]);
		if (sqlite3_prepare_v2(db.h, sql, -1, &s, NULL) != SQLITE_OK)
			die(sql, sqlite3_errmsg(db.h));
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *h = (const char *)sqlite3_column_text(s, 0), *why = unsafe(h ? h : "");
			if (why) {
				fprintf(stderr, "fuzz_oparl: %s.%s has %s\n  stored: %s\n  input: %.*s\n", html_cols[i][0],
					html_cols[i][1], why, h, (int)n, (const char *)in);
				abort();
			}
		}
		sqlite3_finalize(s);
	}
}

static void check_db(void)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db.h, "PRAGMA quick_check", -1, &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0)
		die("quick_check", sqlite3_errmsg(db.h));
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(db.h, "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK)
		die("foreign_key_check", sqlite3_errmsg(db.h));
	if (sqlite3_step(s) == SQLITE_ROW)
		die("foreign_key_check", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct harvest_report rep;
	json_t *j;
	int is_object, deleted, rc;

	if (!pristine)
		setup();
	restore();
	j = json_loadb((const char *)data, size, 0, NULL);
	is_object = json_is_object(j);
	deleted = json_is_true(json_object_get(j, "deleted"));
	json_decref(j);
	db.err[0] = '\0';
	rc = harvest_oparl_object(&db, &st, (const char *)data, size, &rep);
	if (rc < 0 && (is_object || !db.err[0]))
		die("refused", db.err[0] ? db.err : "(no reason given)");
	if (rc == 0 && !is_object)
		die("accepted", "not a JSON object");
	/* (a deleted object that was never here leaves nothing to do) */
	if (rc == 0 && !deleted && rep.objects + rep.bad + rep.unchanged + rep.deleted < 1)
		die("an object", "not accounted for");
	check_db();
	check_html(data, size);
	return 0;
}
