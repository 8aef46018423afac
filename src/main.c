/* main.c: the witan command line: parses the command and its options and
 * calls the module that does the work.  See `witan help`. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <limits.h>
#include <unistd.h>

#include <sodium.h>

#include "api/export.h"
#include "app.h"
#include "import/harvest.h"
#include "import/moderngov.h"
#include "import/logcheck.h"
#include "util/date.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/auth.h"
#include "db/check.h"
#include "db/console.h"
#include "db/db.h"
#include "db/log.h"
#include "db/model.h"
#include "db/public.h"
#include "db/record.h"
#include "demo/demo.h"
#include "demo/gen.h"
#include "db/search.h"
#include "docs/extract.h"
#include "docs/pack.h"
#include "http/proxy.h"
#include "http/server.h"
#include "http/tls.h"
#include "mail/alerts.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/licence.h"
#include "util/note.h"
#include "util/notice.h"
#include "util/utf8.h"
#include "util/valid.h"
#include "routes/routes.h"
#include "version.h"
#include "util/banned.h"

#if defined(__SANITIZE_ADDRESS__)
/* Sanitizer builds: fontconfig (under pango, for the demo's PDFs) keeps the
 * configuration it parses for the life of the process; and h2o's state of
 * connections still open at exit (idle keep-alive clients) is reachable
 * only through the kernel's epoll set.  Neither is ours to free. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libh2o-evloop.so\n";
}
#endif

static const char usage[] =
	"usage: witan COMMAND [OPTIONS]\n"
	"\n"
	"  init  --db FILE [--demo]          create a database (with the demo record)\n"
	"  serve --db FILE [--listen ADDR:PORT] [--base-url URL] [--threads N] [--https] [--quiet]\n"
	"        [--no-cache]                serve the public site (default 127.0.0.1:8080); --base-url:\n"
	"                                    its public address behind a proxy, for absolute links\n"
	"                                    (the API, feeds, calendars; default http://ADDR:PORT)\n"
	"        [--db-read URL]             PostgreSQL: the public pages read a streaming replica\n"
	"                                    of --db (the back office and every write the primary)\n"
	"        [--tls-cert FILE --tls-key FILE]\n"
	"                                    speak TLS (1.2 and later) on the listen address, HTTP/2 or\n"
	"                                    HTTP/1.1 by ALPN: FILE are the PEM certificate chain and\n"
	"                                    its private key; implies --https (base URL https://ADDR:PORT)\n"
	"        [--trusted-proxy ADDR]...    a reverse proxy (nginx, Caddy) at that IP address: from it,\n"
	"                                    the client is the last address of X-Forwarded-For that is\n"
	"                                    not a trusted proxy (throttling, the access log)\n"
	"        [--smtp smtp[s]://HOST[:PORT] --mail-from ADDRESS [--smtp-auth-file FILE]]\n"
	"                                    send e-mail alerts through that mail server (FILE: one\n"
	"                                    line, user:password); without --smtp they wait in the outbox\n"
	"  body  --db FILE [--name TEXT] [--short-name TEXT] [--colour-primary #RRGGBB]\n"
	"        [--colour-accent #RRGGBB] [--logo FILE.svg] [--email E] [--phone P]\n"
	"        [--address TEXT] [--website URL] [--license URL|default]\n"
	"                                    show or change the hosting body's settings (--license:\n"
	"                                    the licence of the published record; default: the\n"
	"                                    region's, the Open Government Licence v3.0 in the UK)\n"
	"  user add --db FILE --email E --role admin|clerk --password-stdin [--name N]\n"
	"                                    create a back-office account\n"
	"  user two-factor-off --db FILE --email E\n"
	"                                    turn off an account's two-step sign-in (a lost\n"
	"                                    authenticator app)\n"
	"  log init --db FILE [--origin NAME]\n"
	"                                    begin the publication log (docs/LOG.md): a key pair\n"
	"                                    (the signer key into the documents' folder, log.key),\n"
	"                                    then the record's history as entries\n"
	"  log verify --db FILE [--checkpoint FILE]\n"
	"                                    recompute the log's tree, check that every public\n"
	"                                    object is as last logged, and that the log extends a\n"
	"                                    checkpoint kept before; exit 1 with what does not hold\n"
	"  log verify [--key KEY] [--checkpoint FILE] [--save FILE] URL\n"
	"                                    the same from outside, over HTTP: the site's signed\n"
	"                                    checkpoint, tiles and entries, its documents' bytes;\n"
	"                                    --save keeps the checkpoint for the next check\n"
	"  gen   --db FILE --meetings N [--seed S]\n"
	"                                    add a synthetic record of N meetings (benchmarks)\n"
	"  import oparl --db FILE [--full] URL\n"
	"  import moderngov --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] URL\n"
	"                                    harvest an OParl 1.0/1.1 system (its System URL) into FILE\n"
	"                                    (created if missing); a re-run fetches what changed and\n"
	"                                    an interrupted run resumes (--full: everything again)\n"
	"  check --db FILE                   list agendas published with less than the statutory\n"
	"                                    notice (or not yet, when it is too late) and key decisions\n"
	"                                    given less than 28 clear days on the forward plan; exits 1\n"
	"                                    when it finds any, 0 when none\n"
	"  reindex --db FILE [--text]        rebuild the search index while the site serves\n"
	"                                    (--text: read every document's text again first)\n"
	"  sql   --db FILE [--write] SQL|-   run SQL in SQLite's dialect on either backend (-: read\n"
	"                                    it from stdin) and print its rows as JSON; in one read\n"
	"                                    transaction, or with --write one write transaction,\n"
	"                                    committed as witan's are (the search index follows)\n"
	"  pack  --db FILE [--base-url URL] MEETING\n"
	"                                    build a meeting's reports pack now (the server builds\n"
	"                                    them on demand); prints its pages and the time taken\n"
	"  backup --db FILE OUT              copy the database (consistently, while it serves)\n"
	"                                    and its documents to OUT and OUT.files\n"
	"  export --db FILE [--documents] DIR\n"
	"                                    write the public record (SQLite, JSON Lines, README)\n"
	"                                    into DIR, new or empty (--documents: the files too)\n"
	"  routes [--json]                   print the route table: method, pattern, handler, flags\n"
	"                                    (--json: everything it holds, as JSON)\n"
	"  version                           print the version and schema version\n"
	"  help                              this text\n"
	"\n"
	"FILE may be a PostgreSQL URL (postgresql://...) instead of a SQLite file; with it, every\n"
	"command takes --body NAME, one of several bodies (councils) the database holds.\n";

struct opts {
	const char *db;
	const char *db_read;
	const char *body;
	const char *listen;
	const char *base_url;
	const char *smtp, *smtp_auth_file, *mail_from;
	int demo;
	long threads;
	int quiet;
	int no_cache;
	int password_stdin;
	int https; /* served to the public over HTTPS (a TLS proxy in front) */
	const char *tls_cert, *tls_key; /* witan serve: TLS on the listen address */
	int text;
	int write;
	int full;
	int documents;
	const char *from, *to; /* witan import moderngov */
	const char *origin, *checkpoint, *key, *save; /* witan log */
	long meetings, seed;
	/* witan serve --trusted-proxy ADDR, repeatable */
	struct opt_list { const char *v[PROXY_MAX]; int n; } trusted_proxy;
	/* witan user add */
	const char *email_user, *role;
	/* witan body */
	const char *name, *short_name, *colour_primary, *colour_accent, *logo;
	const char *email, *phone, *address, *website, *license;
};

/* One option of any command: a flag (sets an int), a text (a const char *
 * to the next argument), a list (a struct opt_list of the texts of a
 * repeated option) or a number (a long from 1 to max, or the error says
 * it `must`). */
struct option {
	const char *flag;
	enum { OPT_FLAG, OPT_TEXT, OPT_LIST, OPT_NUMBER } kind;
	void *value;
	long max;
	const char *must;
};

/* Set the option a (its value, if it takes one, is val); 1 if it took
 * val, 0 if not, -1 (with a message) on error. */
static int option_set(const struct option *opt, const char *a, const char *val)
{
	char *end;
	long n;

	switch (opt->kind) {
	case OPT_FLAG:
		*(int *)opt->value = 1;
		return 0;
	case OPT_TEXT:
		if (!val) {
			fprintf(stderr, "witan: %s needs a value\n", a);
			return -1;
		}
		*(const char **)opt->value = val;
		return 1;
	case OPT_LIST: {
		struct opt_list *l = opt->value;
		if (!val) {
			fprintf(stderr, "witan: %s needs a value\n", a);
			return -1;
		}
		if (l->n >= (int)(sizeof(l->v) / sizeof(l->v[0]))) {
			fprintf(stderr, "witan: %s given too many times\n", a);
			return -1;
		}
		l->v[l->n++] = val;
		return 1;
	}
	case OPT_NUMBER:
		n = val ? strtol(val, &end, 10) : -1;
		if (!val || *end || n < 1 || n > opt->max) {
			fprintf(stderr, "witan: %s %s\n", a, opt->must);
			return -1;
		}
		*(long *)opt->value = n;
		return 1;
	}
	return -1;
}

/* need_db: whether --db is required (all but `log verify URL`). */
static int parse_opts(int argc, char **argv, struct opts *o, int need_db)
{
	const struct option options[] = {
		{ "--db", OPT_TEXT, &o->db, 0, NULL },
		{ "--db-read", OPT_TEXT, &o->db_read, 0, NULL },
		{ "--body", OPT_TEXT, &o->body, 0, NULL },
		{ "--listen", OPT_TEXT, &o->listen, 0, NULL },
		{ "--base-url", OPT_TEXT, &o->base_url, 0, NULL },
		{ "--smtp", OPT_TEXT, &o->smtp, 0, NULL },
		{ "--smtp-auth-file", OPT_TEXT, &o->smtp_auth_file, 0, NULL },
		{ "--mail-from", OPT_TEXT, &o->mail_from, 0, NULL },
		{ "--tls-cert", OPT_TEXT, &o->tls_cert, 0, NULL },
		{ "--tls-key", OPT_TEXT, &o->tls_key, 0, NULL },
		{ "--trusted-proxy", OPT_LIST, &o->trusted_proxy, 0, NULL },
		{ "--name", OPT_TEXT, &o->name, 0, NULL },
		{ "--short-name", OPT_TEXT, &o->short_name, 0, NULL },
		{ "--colour-primary", OPT_TEXT, &o->colour_primary, 0, NULL },
		{ "--colour-accent", OPT_TEXT, &o->colour_accent, 0, NULL },
		{ "--logo", OPT_TEXT, &o->logo, 0, NULL },
		{ "--email", OPT_TEXT, &o->email, 0, NULL },
		{ "--role", OPT_TEXT, &o->role, 0, NULL },
		{ "--phone", OPT_TEXT, &o->phone, 0, NULL },
		{ "--address", OPT_TEXT, &o->address, 0, NULL },
		{ "--website", OPT_TEXT, &o->website, 0, NULL },
		{ "--license", OPT_TEXT, &o->license, 0, NULL },
		{ "--demo", OPT_FLAG, &o->demo, 0, NULL },
		{ "--quiet", OPT_FLAG, &o->quiet, 0, NULL },
		{ "--no-cache", OPT_FLAG, &o->no_cache, 0, NULL },
		{ "--https", OPT_FLAG, &o->https, 0, NULL },
		{ "--documents", OPT_FLAG, &o->documents, 0, NULL },
		{ "--full", OPT_FLAG, &o->full, 0, NULL },
		{ "--from", OPT_TEXT, &o->from, 0, NULL },
		{ "--origin", OPT_TEXT, &o->origin, 0, NULL },
		{ "--checkpoint", OPT_TEXT, &o->checkpoint, 0, NULL },
		{ "--key", OPT_TEXT, &o->key, 0, NULL },
		{ "--save", OPT_TEXT, &o->save, 0, NULL },
		{ "--to", OPT_TEXT, &o->to, 0, NULL },
		{ "--text", OPT_FLAG, &o->text, 0, NULL },
		{ "--write", OPT_FLAG, &o->write, 0, NULL },
		{ "--password-stdin", OPT_FLAG, &o->password_stdin, 0, NULL },
		{ "--meetings", OPT_NUMBER, &o->meetings, 10000000, "must be a number from 1 to 10000000" },
		{ "--seed", OPT_NUMBER, &o->seed, 10000000, "must be a number from 1 to 10000000" },
		{ "--threads", OPT_NUMBER, &o->threads, 256, "must be 1..256" },
	};

	for (int i = 0; i < argc; i++) {
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		size_t k = 0;
		int took;

		while (k < sizeof(options) / sizeof(options[0]) && strcmp(argv[i], options[k].flag) != 0)
			k++;
		if (k == sizeof(options) / sizeof(options[0])) {
			fprintf(stderr, "witan: unknown option '%s'\n%s", argv[i], usage);
			return -1;
		}
		if ((took = option_set(&options[k], argv[i], val)) < 0)
			return -1;
		i += took;
	}
	if (!o->db && need_db) {
		fprintf(stderr, "witan: --db FILE is required\n");
		return -1;
	}
	return 0;
}

/* A progress bar on a terminal (nothing otherwise). */
static void bar(void *ctx, long done, long total)
{
	if (!isatty(2) || total <= 0)
		return;
	fprintf(stderr, "\rwitan: %s: %ld of %ld (%ld%%)", (const char *)ctx, done, total, done * 100 / total);
	if (done >= total)
		fputc('\n', stderr);
}

/* Read the text of pending documents, in the foreground. */
static int extract_now(struct db *db, struct store *st)
{
	struct extract_counts c = { 0, 0, 0, 0 };

	if (extract_pending(db, st, NULL, &c, bar, "reading documents' text") < 0) {
		fprintf(stderr, "witan: reading documents' text failed: %s\n", db->err);
		return -1;
	}
	if (c.done + c.limited + c.failed + c.none)
		fprintf(stderr, "witan: documents' text: %ld read, %ld in part, %ld unreadable, %ld by title only\n",
			c.done, c.limited, c.failed, c.none);
	return 0;
}

/* 1 (with a message) if there is no database at path. */
static int db_missing(const char *path)
{
	/* A database named by URL is looked for by connecting to it. */
	if (db_is_url(path) || access(path, F_OK) == 0)
		return 0;
	fprintf(stderr, "witan: %s does not exist\n", path);
	return 1;
}

/* db_open() with its error said; -1 on error. */
/* A PostgreSQL database's documents' folder (db_store_dir): WITAN_STORE
 * when given, recorded in the database the first time (or said, when it
 * differs from the folder recorded); else the folder recorded, put in
 * WITAN_STORE for the store module.  0, or -1 with the error said. */
static int store_dir_of(struct db *db, const char *path, int flags)
{
	const char *env = getenv("WITAN_STORE");
	char rec[PATH_MAX] = "", abs[PATH_MAX];
	int have;

	if (!db_is_url(path))
		return 0;
	have = db_store_dir(db, rec, sizeof(rec));
	if (have < 0)
		return -1;
	if (!env || !*env)
		return have ? setenv("WITAN_STORE", rec, 1) : 0;
	if (env[0] == '/')
		snprintf(abs, sizeof(abs), "%s", env);
	else if (!getcwd(abs, sizeof(abs)) || strlen(abs) + strlen(env) + 2 > sizeof(abs))
		return -1;
	else
		snprintf(abs + strlen(abs), sizeof(abs) - strlen(abs), "/%s", env);
	if (have && strcmp(rec, abs) != 0)
		fprintf(stderr, "witan: WITAN_STORE is %s, but this database's documents were recorded in %s"
			" (by the first command given WITAN_STORE): using %s\n", abs, rec, abs);
	if (!have && !(flags & DB_READONLY) && db_store_dir_set(db, abs) < 0)
		return -1;
	return 0;
}

static int open_db(struct db *db, const char *path, int flags)
{
	if (db_open(db, path, flags) == 0) {
		if (store_dir_of(db, path, flags) == 0)
			return 0;
		fprintf(stderr, "witan: the documents' folder: %s\n", db->err);
		db_close(db);
		return -1;
	}
	fprintf(stderr, "witan: %s\n", db->err);
	return -1;
}

/* store_open() with its error said; -1 on error (st closed). */
static int open_store(struct store *st, const char *path)
{
	if (store_open(st, path) == 0)
		return 0;
	char where[512];

	fprintf(stderr, "witan: cannot open the document store %s\n", store_where(path, where, sizeof(where)));
	store_close(st);
	return -1;
}

/* The database and its document store, both or (-1) neither, errors said. */
static int open_record(struct db *db, struct store *st, const char *path, int flags)
{
	if (open_db(db, path, flags) < 0)
		return -1;
	if (open_store(st, path) == 0)
		return 0;
	db_close(db);
	return -1;
}

/* Begin the publication log of a database (docs/LOG.md): a key pair (the
 * signer key into the store, readable by witan only; the verifier key and
 * the origin into the body), then the record's history as entries.  The
 * origin names the log: the site's address and /log by convention
 * (default: "witan.invalid/<the body's short name>/log").  0 or -1. */
static int log_start(struct db *db, struct store *st, const char *origin)
{
	char skey[NOTE_KEY_MAX], vkey[NOTE_KEY_MAX], have[256], dflt[256], b[2];
	long n;

	if (log_identity(db, have, sizeof(have), b, sizeof(b)) != 0) {
		if (have[0])
			fprintf(stderr, "witan: the log is begun already (origin %s)\n", have);
		return -1;
	}
	if (!origin) {
		if (log_default_origin(db, dflt, sizeof(dflt)) < 0) {
			fprintf(stderr, "witan: %s\n", db->err);
			return -1;
		}
		origin = dflt;
	}
	if (note_keygen(origin, skey, vkey) < 0) {
		fprintf(stderr, "witan: %s cannot name a log: printable characters without spaces or +\n", origin);
		return -1;
	}
	if (store_log_key_write(st, skey) < 0) {
		fprintf(stderr, "witan: cannot write the log's key into %s/log.key: %s\n", st->dir, strerror(errno));
		sodium_memzero(skey, sizeof(skey));
		return -1;
	}
	sodium_memzero(skey, sizeof(skey));
	if (db_begin(db) < 0 || log_set_identity(db, origin, vkey) < 0 || (n = log_backfill(db)) < 0 ||
	    db_commit(db) < 0) {
		fprintf(stderr, "witan: %s\n", db->err);
		db_rollback(db);
		return -1;
	}
	fprintf(stderr, "witan: the log %s begins with %ld entries of the record's history; its key: %s\n", origin, n,
		vkey);
	return 0;
}

/* A record imported into a database without a log begins its log at
 * once, with its history (a database set up in the back office's first
 * run begins it with `witan log init`). */
static int log_start_new(struct db *db, struct store *st)
{
	char origin[2], vkey[2];
	struct body_row b;
	int r = log_identity(db, origin, sizeof(origin), vkey, sizeof(vkey));

	if (r != 0)
		return r < 0 ? -1 : 0;
	if ((r = pub_body(db, &b)) <= 0)
		return r;
	/* (the log is this site's, not a copy of the source's: giving the
	 * body its log moves no public modified time) */
	db->source_times = 0;
	return log_start(db, st, NULL);
}

static int cmd_log_init(struct opts *o, const char *arg)
{
	struct db db;
	struct store st = { 0 };
	int rc = 1;

	(void)arg;
	if (open_db(&db, o->db, 0) < 0)
		return 1;
	if (store_open(&st, o->db) < 0) {
		fprintf(stderr, "witan: the documents' folder: %s\n", strerror(errno));
		goto out;
	}
	rc = log_start(&db, &st, o->origin) < 0;
out:
	db_close(&db);
	store_close(&st);
	return rc;
}

/* A file of at most max bytes (a kept checkpoint) into out: 0, or -1
 * with a message. */
static int read_small(const char *path, long max, struct buf *out)
{
	FILE *f = fopen(path, "re");
	char chunk[4096];
	size_t k;

	if (!f) {
		fprintf(stderr, "witan: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0 && (long)out->len <= max)
		buf_append(out, chunk, k);
	fclose(f);
	if ((long)out->len > max || !out->data) {
		fprintf(stderr, "witan: %s: not a checkpoint (%s)\n", path, out->data ? "too long" : "empty");
		return -1;
	}
	return 0;
}

/* The end of a log verify: its report on stdout, then on stderr the
 * number of problems, or "the log <held>" when there are none (held
 * NULL: nothing); the exit status. */
static int verify_said(const struct buf *report, long bad, const char *held)
{
	if (report->len)
		fwrite(report->data, 1, report->len, stdout);
	if (bad)
		fprintf(stderr, "witan: %ld problem%s found\n", bad, bad == 1 ? "" : "s");
	else if (held)
		fprintf(stderr, "witan: the log %s\n", held);
	return bad ? 1 : 0;
}

/* witan log verify URL: the log checked from outside. */
static int log_verify_url(struct opts *o, const char *url)
{
	struct logcheck_opts lo = { .key = o->key, .save = o->save, .documents = 1 };
	struct buf kept = BUF_INIT, report = BUF_INIT;
	char err[512];
	long bad;
	int rc = 1;

	if (o->db) {
		fprintf(stderr, "witan: log verify takes --db FILE or a site's URL, not both\n");
		return 2;
	}
	if (o->checkpoint) {
		if (read_small(o->checkpoint, 65536, &kept) < 0)
			goto out;
		lo.kept = kept.data;
		lo.kept_len = kept.len;
	}
	if ((bad = logcheck_url(url, &lo, &report, err, sizeof(err))) < 0) {
		fprintf(stderr, "witan: %s\n", err);
		goto out;
	}
	rc = verify_said(&report, bad, NULL);
out:
	buf_release(&kept);
	buf_release(&report);
	return rc;
}

static int cmd_log_verify(struct opts *o, const char *arg)
{
	struct db db;
	struct buf report = BUF_INIT;
	char origin[256], vkey[NOTE_KEY_MAX], held[384];
	uint64_t n = 0;
	long bad;
	int rc = 1, r;

	if (arg)
		return log_verify_url(o, arg);
	if (!o->db) {
		fprintf(stderr, "witan: usage: witan log verify --db FILE [--checkpoint FILE] | witan log verify [--key KEY]"
			" [--checkpoint FILE] [--save FILE] URL\n");
		return 2;
	}
	/* Read only: a change made behind witan's back is still queued for
	 * the publication record, and must not be drained (and logged) here. */
	if (open_db(&db, o->db, DB_READONLY) < 0)
		return 1;
	if ((r = log_identity(&db, origin, sizeof(origin), vkey, sizeof(vkey))) <= 0) {
		fprintf(stderr, "witan: %s\n", r < 0 ? db.err : "the database has no log (witan log init)");
		goto out;
	}
	if (db_read_begin(&db) < 0 || (bad = log_check(&db, &report)) < 0 || log_size(&db, &n) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		goto out;
	}
	/* A checkpoint kept from before: signed by this log, and the log now
	 * an extension of the tree it names. */
	if (o->checkpoint) {
		struct note_verifier v;
		struct buf text = BUF_INIT;
		unsigned char root[TLOG_HASH], now[TLOG_HASH];
		char corigin[256];
		uint64_t m;
		size_t tlen;
		if (read_small(o->checkpoint, 65536, &text) < 0) {
			buf_release(&text);
			goto out;
		}
		if (note_verifier_parse(vkey, &v) < 0 || !text.data || note_verify(&v, text.data, text.len, &tlen) < 0 ||
		    checkpoint_parse(text.data, tlen, corigin, sizeof(corigin), &m, root) < 0 ||
		    strcmp(corigin, origin) != 0) {
			buf_printf(&report, "%s: not a checkpoint of this log signed by its key\n", o->checkpoint);
			bad++;
		} else if (m > n) {
			buf_printf(&report, "%s: names %llu entries, but the log has %llu: it was cut back\n", o->checkpoint,
				   (unsigned long long)m, (unsigned long long)n);
			bad++;
		} else if (m > 0 && (tlog_root(log_node, &db, m, now) < 0 || memcmp(now, root, TLOG_HASH) != 0)) {
			buf_printf(&report, "%s: the log's first %llu entries are not the tree that checkpoint signed:"
				   " the log was rewritten\n", o->checkpoint, (unsigned long long)m);
			bad++;
		}
		buf_release(&text);
	}
	db_rollback(&db);
	snprintf(held, sizeof(held), "%s holds: %llu entries, every public object as logged", origin,
		 (unsigned long long)n);
	rc = verify_said(&report, bad, held);
out:
	buf_release(&report);
	db_close(&db);
	return rc;
}

static int cmd_init(struct opts *o, const char *arg)
{
	struct db db;
	struct store st = { 0 };
	struct stat sb;
	char err[512];
	int rc = 1;

	if (!db_is_url(o->db) && stat(o->db, &sb) == 0) {
		fprintf(stderr, "witan: %s already exists; init creates a new database\n", o->db);
		return 1;
	}
	if (open_db(&db, o->db, DB_CREATE | DB_NEW) < 0)
		return 1;
	if (store_open(&st, o->db) < 0) {
		char where[512];
		fprintf(stderr, "witan: cannot create the document store %s: %s\n",
			store_where(o->db, where, sizeof(where)), strerror(errno));
		goto out;
	}
	if (o->demo && demo_create(&db, &st, err, sizeof(err)) < 0) {
		fprintf(stderr, "witan: creating the demo failed: %s\n", err);
		goto out;
	}
	if (o->demo && extract_now(&db, &st) < 0)
		goto out;
	/* (the demo's log: its history, in time order) */
	if (o->demo && log_start(&db, &st, "democracy.worcestershire.example/log") < 0)
		goto out;
	fprintf(stderr, "witan: created %s (schema version %d)%s\n", o->db,
		db_schema_version(&db), o->demo ? " with the demo record" : "");
	rc = 0;
out:
	db_close(&db);
	store_close(&st);
	if (rc) {
		unlink(o->db);
	}
	return rc;
}

/* Read a whole small file (the logo); NULL with a message on error. */
static char *read_small_file(const char *path, size_t max, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "witan: cannot read %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (b.err) {
		fprintf(stderr, "witan: %s is larger than %zu bytes\n", path, max);
		buf_release(&b);
		return NULL;
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_detach(&b, len);
}

static int option_ok(const char *flag, const char *v, size_t max)
{
	size_t n = strlen(v);

	if (n == 0 || n > max || !utf8_valid(v, n)) {
		fprintf(stderr, "witan: %s must be 1 to %zu bytes of UTF-8 text\n", flag, max);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)v[i] < 0x20) {
			fprintf(stderr, "witan: %s must not contain control characters\n", flag);
			return 0;
		}
	}
	return 1;
}

/* Check an option's value (NULL: not given) with the model's rule for the
 * field it sets, the rule of the back office's forms; 1 if it passes. */
static int option_valid(const char *flag, enum model_entity e, const char *col, const char *v)
{
	char msg[MODEL_MSG];

	if (!v || !model_check_field(model_field(&model[e], col), v, msg, sizeof(msg)))
		return 1;
	fprintf(stderr, "witan: %s: %s\n", flag, msg);
	return 0;
}

static int cmd_body(struct opts *o, const char *arg)
{
	struct body_settings bs = { 0 };
	struct body_row row;
	struct db db;
	char *logo = NULL;
	size_t logo_len = 0;
	const char *why = NULL;
	int rc = 1, changes;

	if ((o->name && !option_ok("--name", o->name, 200)) ||
	    (o->short_name && !option_ok("--short-name", o->short_name, 60)) ||
	    (o->email && !option_ok("--email", o->email, 200)) ||
	    (o->phone && !option_ok("--phone", o->phone, 60)) ||
	    (o->address && !option_ok("--address", o->address, 400)) ||
	    (o->website && !option_ok("--website", o->website, 400)))
		return 1;
	/* The same rules as the back office's settings form: the model's. */
	if (!option_valid("--colour-primary", M_body, "colour_primary", o->colour_primary) ||
	    !option_valid("--colour-accent", M_body, "colour_accent", o->colour_accent) ||
	    !option_valid("--name", M_body, "name", o->name) ||
	    !option_valid("--short-name", M_body, "short_name", o->short_name) ||
	    !option_valid("--email", M_body, "email", o->email) ||
	    !option_valid("--phone", M_body, "phone", o->phone) ||
	    !option_valid("--address", M_body, "address", o->address) ||
	    !option_valid("--website", M_body, "website", o->website))
		return 1;
	/* "default": the region's (stored as none). */
	if (o->license && strcmp(o->license, "default") != 0 && !licence_url_valid(o->license)) {
		fprintf(stderr, "witan: --license must be the licence's address, starting with https:// or http://, "
			"without spaces or quotes, at most %d characters (or default)\n", LICENCE_MAX);
		return 1;
	}
	if (o->logo) {
		if (!(logo = read_small_file(o->logo, 64 * 1024, &logo_len)))
			return 1;
		if (!svg_logo_valid(logo, logo_len, &why)) {
			fprintf(stderr, "witan: %s: %s\n", o->logo, why);
			free(logo);
			return 1;
		}
	}
	if (db_missing(o->db) || open_db(&db, o->db, 0) < 0) {
		free(logo);
		return 1;
	}
	bs = (struct body_settings){ o->name, o->short_name, o->colour_primary, o->colour_accent,
				     logo, o->email, o->phone, o->address, o->website,
				     o->license && strcmp(o->license, "default") != 0 ? o->license : NULL,
				     o->license && strcmp(o->license, "default") == 0 };
	changes = o->name || o->short_name || o->colour_primary || o->colour_accent || logo ||
		  o->email || o->phone || o->address || o->website || o->license;
	if (changes && db_body_update(&db, &bs) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		goto out;
	}
	if (pub_body(&db, &row) != 1) {
		fprintf(stderr, "witan: there is no body in %s\n", o->db);
		goto out;
	}
	printf("name:           %s\nshort name:     %s\ncolour primary: %s\ncolour accent:  %s\n"
	       "logo:           %s\nemail:          %s\nphone:          %s\naddress:        %s\n"
	       "website:        %s\n",
	       row.name, row.short_name ? row.short_name : "", row.colour_primary, row.colour_accent,
	       row.logo_svg ? "(SVG set)" : "(none)", row.email ? row.email : "",
	       row.phone ? row.phone : "", row.address ? row.address : "", row.website ? row.website : "");
	{
		const char *set = NULL, *name = row.license ? licence_name(row.license) : NULL;
		char *license = row.license ? strdup(row.license) : NULL;

		if (adm_settings_license(&db, &set) < 0) {
			free(license);
			fprintf(stderr, "witan: %s\n", db.err);
			goto out;
		}
		/* "Open Government Licence v3.0, https://...; the default for the region" */
		printf("licence:        %s%s%s%s\n", name ? name : "", name ? ", " : "",
		       license ? license : "(none stated)", set ? "" : "; the default for the region");
		free(license);
	}
	rc = 0;
out:
	db_release_all(&db);
	db_close(&db);
	free(logo);
	return rc;
}

static int cmd_user_add(struct opts *o, const char *arg)
{
	char password[AUTH_PASSWORD_MAX + 2], hash[128];
	struct db db;
	size_t n;
	int64_t id;
	int rc = 1;

	if (!o->email || !option_valid("--email", M_user, "email", o->email)) {
		fprintf(stderr, "witan: --email must be an e-mail address\n");
		return 2;
	}
	if (!o->role || (strcmp(o->role, "admin") != 0 && strcmp(o->role, "clerk") != 0)) {
		fprintf(stderr, "witan: --role must be admin or clerk\n");
		return 2;
	}
	if (o->name && !option_ok("--name", o->name, 200))
		return 2;
	if (!o->password_stdin) {
		fprintf(stderr, "witan: give the password on standard input with --password-stdin\n");
		return 2;
	}
	if (!fgets(password, sizeof(password), stdin)) {
		fprintf(stderr, "witan: no password on standard input\n");
		return 1;
	}
	n = strcspn(password, "\r\n");
	if (password[n] == '\0' && n >= AUTH_PASSWORD_MAX) {
		fprintf(stderr, "witan: the password is longer than %d bytes\n", AUTH_PASSWORD_MAX);
		return 1;
	}
	password[n] = '\0';
	if (n < AUTH_PASSWORD_MIN || !utf8_valid(password, n)) {
		fprintf(stderr, "witan: the password must be at least %d characters of UTF-8 text\n",
			AUTH_PASSWORD_MIN);
		sodium_memzero(password, sizeof(password));
		return 1;
	}
	if (auth_hash_password(password, hash) < 0) {
		fprintf(stderr, "witan: hashing the password failed (out of memory?)\n");
		sodium_memzero(password, sizeof(password));
		return 1;
	}
	sodium_memzero(password, sizeof(password));
	if (db_missing(o->db) || open_db(&db, o->db, 0) < 0)
		return 1;
	id = db_user_create(&db, o->email, o->name, o->role, hash);
	if (id < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
	} else {
		db_audit(&db, 0, "create", "user", id, NULL, NULL);
		printf("created %s %s (user %lld)\n", o->role, o->email, (long long)id);
		rc = 0;
	}
	db_close(&db);
	return rc;
}

/* witan user two-factor-off: let an admin who lost their authenticator
 * app in again (they set it up anew from My account). */
static int cmd_user_two_factor_off(struct opts *o, const char *arg)
{
	struct db db;
	struct user_row u;
	int64_t id;
	int rc = 1, found, on;

	if (!o->email) {
		fprintf(stderr, "witan: --email E is required: the account's e-mail address\n");
		return 2;
	}
	if (db_missing(o->db) || open_db(&db, o->db, 0) < 0)
		return 1;
	if ((found = db_user_by_email(&db, o->email, &u)) <= 0) {
		fprintf(stderr, found < 0 ? "witan: %s\n" : "witan: no account has the e-mail address %s\n",
			found < 0 ? db.err : o->email);
		goto out;
	}
	id = u.id;
	on = u.totp_secret != NULL;
	if (adm_totp_reset(&db, id) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		goto out;
	}
	printf(on ? "two-step sign-in turned off for %s (user %lld): they can set it up again from My account\n"
		  : "two-step sign-in was not on for %s (user %lld)\n", o->email, (long long)id);
	rc = 0;
out:
	db_release_all(&db);
	db_close(&db);
	return rc;
}

static int cmd_gen(struct opts *o, const char *arg)
{
	struct gen_opts g = { (int)o->meetings, (uint64_t)o->seed, 1 };
	struct store st = { 0 };
	struct db db;
	char err[512];
	int rc = 1;

	if (o->meetings < 1) {
		fprintf(stderr, "witan: gen needs --meetings N\n");
		return 2;
	}
	if (open_record(&db, &st, o->db, DB_CREATE) < 0)
		return 1;
	if (gen_record(&db, &st, &g, err, sizeof(err)) < 0) {
		fprintf(stderr, "witan: gen failed: %s\n", err);
		goto out;
	}
	fprintf(stderr, "witan: added %ld meetings to %s\n", o->meetings, o->db);
	rc = 0;
out:
	store_close(&st);
	db_close(&db);
	return rc;
}

static void backup_progress(void *ctx, int done, int total)
{
	(void)ctx;
	if (isatty(2) && total > 0)
		fprintf(stderr, "\rwitan: backing up the database: %3d%%", done * 100 / total);
}

static int cmd_backup(struct opts *o, const char *out)
{
	struct store st = { 0 };
	struct db db;
	long docs;
	int rc = 1;

	if (db_missing(o->db))
		return 1;
	if (access(out, F_OK) == 0) {
		fprintf(stderr, "witan: %s already exists; backup writes a new file\n", out);
		return 1;
	}
	if (open_db(&db, o->db, 0) < 0)
		return 1;
	if (db_backup(&db, out, backup_progress, NULL) < 0) {
		fprintf(stderr, "%switan: %s\n", isatty(2) ? "\n" : "", db.err);
		unlink(out);
		goto out;
	}
	if (isatty(2))
		fputc('\n', stderr);
	if (store_open(&st, o->db) < 0 || (docs = store_copy_all(&st, out)) < 0) {
		fprintf(stderr, "witan: copying the documents to %s.files failed\n", out);
		goto out;
	}
	fprintf(stderr, "witan: backed up %s to %s (%ld documents copied to %s.files)\n", o->db, out, docs, out);
	rc = 0;
out:
	store_close(&st);
	db_close(&db);
	return rc;
}

static int cmd_reindex(struct opts *o, const char *arg)
{
	struct store st = { 0 };
	struct db db;
	int rc = 1;

	if (db_missing(o->db) || open_record(&db, &st, o->db, 0) < 0)
		return 1;
	if (db_file_text_reset(&db, o->text) < 0 || extract_now(&db, &st) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		goto out;
	}
	if (search_reindex(&db, bar, "re-indexing") < 0) {
		fprintf(stderr, "%switan: re-indexing failed: %s\n", isatty(2) ? "\n" : "", db.err);
		goto out;
	}
	fprintf(stderr, "witan: re-indexed %s\n", o->db);
	rc = 0;
out:
	store_close(&st);
	db_close(&db);
	return rc;
}

/* witan sql --db FILE [--write] SQL|- (-: the SQL on stdin) */
static int cmd_sql(struct opts *o, const char *sql)
{
	struct buf out = BUF_INIT, in = BUF_INIT;
	struct db db;
	int rc = 1;

	if (strcmp(sql, "-") == 0) {
		char chunk[8192];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			buf_append(&in, chunk, n);
		if (ferror(stdin) || in.err) {
			fprintf(stderr, "witan: reading the SQL from stdin failed\n");
			buf_release(&in);
			return 1;
		}
		sql = in.data ? in.data : "";
	}
	if (db_missing(o->db) || open_db(&db, o->db, o->write ? 0 : DB_READONLY) < 0) {
		buf_release(&in);
		return 1;
	}
	if (db_console(&db, sql, o->write, &out) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		goto out;
	}
	if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len) {
		fprintf(stderr, "witan: writing the rows: %s\n", strerror(errno));
		goto out;
	}
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	buf_release(&out);
	buf_release(&in);
	db_close(&db);
	return rc;
}

/* The database an import writes (made if need be) and its documents'
 * store: 0, or -1 with a message (nothing left open). */
static int open_import(const char *path, struct db *db, struct store *st)
{
	if (open_db(db, path, DB_CREATE) < 0)
		return -1;
	if (store_open(st, path) < 0) {
		char where[512];
		fprintf(stderr, "witan: cannot open the document store %s: %s\n", store_where(path, where, sizeof(where)),
			strerror(errno));
		db_close(db);
		return -1;
	}
	return 0;
}

/* witan import oparl --db FILE [--full] URL */
static int cmd_import(struct opts *o, const char *url)
{
	struct harvest_opts ho = { .full = o->full, .max_file_bytes = 512L << 20, .progress = bar };
	struct harvest_report rep;
	struct db db;
	struct store st = { 0 };
	int rc = 1;

	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		fprintf(stderr, "witan: the URL to import from must be http(s)://...: %s\n", url);
		return 2;
	}
	if (open_import(o->db, &db, &st) < 0)
		return 1;
	db.source_times = 1; /* public modified times are the source's */
	if (harvest_oparl(&db, &st, url, &ho, &rep) < 0) {
		fprintf(stderr, "witan: the import stopped (%ld objects so far); run the same command again to"
			" resume it\n", rep.objects);
		goto out;
	}
	fprintf(stderr, "witan: imported %s%s: %ld objects written, %ld unchanged, %ld deleted, %ld skipped as bad;"
		" %ld files (%ld bytes) downloaded; %ld references could not be resolved\n", url,
		rep.resumed ? " (resumed)" : rep.incremental ? " (what changed since the last run)" : "", rep.objects,
		rep.unchanged, rep.deleted, rep.bad, rep.files, rep.bytes, rep.unresolved);
	if (extract_now(&db, &st) < 0 || log_start_new(&db, &st) < 0)
		goto out;
	rc = rep.bad || rep.unresolved ? 3 : 0;
out:
	db_close(&db);
	store_close(&st);
	return rc;
}

/* witan import moderngov --db FILE [--from DATE] [--to DATE] URL */
static int cmd_import_moderngov(struct opts *o, const char *url)
{
	struct moderngov_opts mo = { .from = o->from, .to = o->to, .max_file_bytes = 512L << 20, .progress = bar,
				     .progress_ctx = "meetings" };
	struct moderngov_report rep;
	struct db db;
	struct store st = { 0 };
	int rc = 1;

	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		fprintf(stderr, "witan: the ModernGov site to import from must be http(s)://...: %s\n", url);
		return 2;
	}
	for (int i = 0; i < 2; i++) {
		const char *d = i ? o->to : o->from;
		struct civil c;
		if (d && (strlen(d) != 10 || civil_parse(d, &c) < 0 || c.day > days_in_month(c.year, c.month))) {
			fprintf(stderr, "witan: --from and --to must be dates YYYY-MM-DD: %s\n", d);
			return 2;
		}
	}
	if (o->from && o->to && strcmp(o->from, o->to) > 0) {
		fprintf(stderr, "witan: --from %s is after --to %s\n", o->from, o->to);
		return 2;
	}
	if (open_import(o->db, &db, &st) < 0)
		return 1;
	if (import_moderngov(&db, &st, url, &mo, &rep) < 0) {
		fprintf(stderr, "witan: the import stopped: %s; run the same command again to go on\n", db.err);
		goto out;
	}
	fprintf(stderr, "witan: imported %s: %ld committees, %ld councillors, %ld meetings written (%ld unchanged);"
		" %ld objects in all, %ld files (%ld bytes) downloaded; %ld requests (%ld conditional, %ld unchanged);"
		" %ld skipped as bad\n", url, rep.committees, rep.people, rep.meetings, rep.unchanged, rep.h.objects,
		rep.h.files, rep.h.bytes, rep.requests, rep.conditional, rep.not_modified, rep.bad + rep.h.bad);
	if (extract_now(&db, &st) < 0 || log_start_new(&db, &st) < 0)
		goto out;
	rc = rep.bad || rep.h.bad ? 3 : 0;
out:
	db_close(&db);
	store_close(&st);
	return rc;
}

/* witan pack MEETING: build one reports pack in the foreground (benchmarks). */
static int cmd_pack(struct opts *o, const char *arg)
{
	struct db db;
	struct store st;
	struct pack_input in;
	struct timespec t0, t1;
	char *end, err[512];
	long long id = strtoll(arg, &end, 10);
	int pages = 0, rc = 1, r;

	if (*end || id <= 0) {
		fprintf(stderr, "witan: pack wants a meeting's id: %s\n", arg);
		return 2;
	}
	if (open_record(&db, &st, o->db, DB_PUBLIC) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = pack_read(&db, id, o->base_url ? o->base_url : "http://127.0.0.1:8080", &in);
	if (r <= 0) {
		fprintf(stderr, "witan: meeting %lld %s\n", id, r < 0 ? "could not be read" :
			"is not public or has no published agenda");
	} else if (pack_build(&st, &in, &pages, err, sizeof(err)) < 0) {
		fprintf(stderr, "witan: pack: %s\n", err);
	} else {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%s.pdf: %d pages, %zu documents, %.1f ms\n", in.hash, pages, in.ndocs,
		       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		rc = 0;
	}
	pack_input_release(&in);
	store_close(&st);
	db_close(&db);
	return rc;
}

/* witan serve, once its TLS context (or NULL) is made. */
static int serve(struct opts *o, SSL_CTX *tls)
{
	struct server_opts so = { 0 };
	struct proxy_set proxies = { 0 };
	struct app app = { 0 };
	struct smtp_config smtp = { 0 };
	char *smtp_user = NULL, *smtp_password = NULL, err[300];
	struct db db;
	char host[64] = "127.0.0.1";
	char base[128];
	int port = 8080, rc;
	int https = o->https || tls; /* TLS here is HTTPS to the public */

	if (o->listen) {
		const char *colon = strrchr(o->listen, ':');
		char *end;
		long p;

		if (!colon || (size_t)(colon - o->listen) >= sizeof(host)) {
			fprintf(stderr, "witan: --listen wants ADDR:PORT, e.g. 127.0.0.1:8080\n");
			return 1;
		}
		p = strtol(colon + 1, &end, 10);
		if (*end || p < 1 || p > 65535) {
			fprintf(stderr, "witan: bad port in --listen %s\n", o->listen);
			return 1;
		}
		snprintf(host, sizeof(host), "%.*s", (int)(colon - o->listen), o->listen);
		port = (int)p;
	}
	smtp.url = o->smtp;
	smtp.from = o->mail_from;
	if ((o->smtp_auth_file || o->mail_from) && !o->smtp) {
		fprintf(stderr, "witan: --smtp-auth-file and --mail-from go with --smtp smtp[s]://HOST[:PORT]\n");
		return 1;
	}
	if (smtp_config_check(&smtp, err, sizeof(err)) < 0) {
		fprintf(stderr, "witan: %s\n", err);
		return 1;
	}
	if (o->smtp_auth_file) {
		if (smtp_read_auth(o->smtp_auth_file, &smtp_user, &smtp_password, err, sizeof(err)) < 0) {
			fprintf(stderr, "witan: --smtp-auth-file: %s\n", err);
			return 1;
		}
		smtp.user = smtp_user;
		smtp.password = smtp_password;
	}
	/* Open once up front: a missing, foreign or too-new file is refused
	 * here with a clear message, before any thread starts. */
	if (!db_is_url(o->db) && access(o->db, F_OK) != 0) {
		fprintf(stderr, "witan: %s does not exist (create it with: witan init --db %s --demo)\n",
			o->db, o->db);
		return 1;
	}
	if (open_db(&db, o->db, 0) < 0)
		return 1;
	db_close(&db);
	/* A replica for the public pages: of a PostgreSQL database, at its
	 * schema version (db_open of a read-only connection checks it). */
	if (o->db_read) {
		if (!db_is_url(o->db) || !db_is_url(o->db_read)) {
			fprintf(stderr, "witan: --db-read names a replica of a PostgreSQL database: both --db and"
				" --db-read are postgresql:// URLs\n");
			return 2;
		}
		if (db_open(&db, o->db_read, DB_PUBLIC | DB_READONLY) < 0) {
			fprintf(stderr, "witan: --db-read: %s\n", db.err);
			return 1;
		}
		db_close(&db);
	}
	if (open_store(&app.store, o->db) < 0)
		return 1;
	if (o->base_url) {
		/* http(s)://host[:port][/path], kept without a trailing slash */
		size_t n = strlen(o->base_url);
		while (n > 0 && o->base_url[n - 1] == '/')
			n--;
		if ((strncmp(o->base_url, "http://", 7) != 0 && strncmp(o->base_url, "https://", 8) != 0) ||
		    n >= sizeof(base) || n <= (size_t)(o->base_url[4] == 's' ? 8 : 7) ||
		    strpbrk(o->base_url, " \t\r\n\"<>?#\\") || !utf8_valid(o->base_url, strlen(o->base_url))) {
			fprintf(stderr, "witan: --base-url wants http(s)://HOST[:PORT][/PATH], e.g. "
				"https://democracy.example.gov.uk\n");
			return 1;
		}
		snprintf(base, sizeof(base), "%.*s", (int)n, o->base_url);
	} else {
		snprintf(base, sizeof(base), "%s://%s:%d", tls ? "https" : "http", host, port);
	}
	app.db_path = o->db;
	app.base_url = base;
	/* The publication log's signer key, when the log has one (a missing
	 * key leaves its checkpoint unsigned: 503, said now). */
	{
		static struct note_signer signer;
		char skey[NOTE_KEY_MAX];
		if (store_log_key_read(&app.store, skey, sizeof(skey)) == 0) {
			if (note_signer_parse(skey, &signer) == 0)
				app.log_signer = &signer;
			else
				fprintf(stderr, "witan: %s/log.key is not a signer key: the log's checkpoints are not served\n",
					app.store.dir);
			sodium_memzero(skey, sizeof(skey));
		}
	}
	so.host = host;
	so.port = port;
	so.threads = (int)o->threads;
	so.db_path = o->db;
	so.db_read_path = o->db_read;
	so.app = &app;
	so.routes = &witan_routes;
	so.quiet = o->quiet;
	so.no_cache = o->no_cache;
	so.https = https;
	so.tls = tls;
	for (int i = 0; i < o->trusted_proxy.n; i++) {
		if (proxy_set_add(&proxies, o->trusted_proxy.v[i]) < 0) {
			fprintf(stderr, "witan: --trusted-proxy wants an IPv4 or IPv6 address (such as 127.0.0.1 or ::1), "
				"not '%s'\n", o->trusted_proxy.v[i]);
			store_close(&app.store);
			return 1;
		}
	}
	so.proxies = &proxies;
	auth_set_secure_cookies(https);
	if (extract_thread_start(o->db) < 0) {
		fprintf(stderr, "witan: cannot start the document text thread\n");
		store_close(&app.store);
		return 1;
	}
	if (export_thread_start(o->db, base) < 0) {
		fprintf(stderr, "witan: cannot start the export thread\n");
		extract_thread_stop();
		store_close(&app.store);
		return 1;
	}
	if (pack_thread_start(o->db, app.store.dir, base) < 0) {
		fprintf(stderr, "witan: cannot start the reports pack thread\n");
		export_thread_stop();
		extract_thread_stop();
		store_close(&app.store);
		return 1;
	}
	if (alerts_thread_start(o->db, base, &smtp) < 0) {
		fprintf(stderr, "witan: cannot start the e-mail alerts thread\n");
		pack_thread_stop();
		export_thread_stop();
		extract_thread_stop();
		store_close(&app.store);
		return 1;
	}
	if (!o->quiet)
		fprintf(stderr, smtp.url ? "witan: e-mail alerts go out through %s as %s\n"
					 : "witan: e-mail alerts wait in the outbox (no --smtp)\n", smtp.url, smtp.from);
	rc = server_run(&so);
	alerts_thread_stop();
	pack_thread_stop();
	export_thread_stop();
	extract_thread_stop();
	store_close(&app.store);
	free(smtp_user);
	free(smtp_password);
	return rc == 0 ? 0 : 1;
}

/* witan serve: the TLS context first (--tls-cert and --tls-key, both or
 * neither), so that a bad certificate stops it before anything starts;
 * freed once the server has stopped. */
static int cmd_serve(struct opts *o, const char *arg)
{
	SSL_CTX *tls = NULL;
	char err[512];
	int rc;

	if (!o->tls_cert != !o->tls_key) {
		fprintf(stderr, "witan: --tls-cert FILE and --tls-key FILE go together (the certificate "
			"chain and its private key, PEM)\n");
		return 1;
	}
	if (o->tls_cert && !(tls = tls_ctx_new(o->tls_cert, o->tls_key, err, sizeof(err)))) {
		fprintf(stderr, "witan: %s\n", err);
		return 1;
	}
	rc = serve(o, tls);
	tls_ctx_free(tls);
	return rc;
}

/* witan routes [--json]: the route table, which needs no database. */
static int cmd_routes(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	int json = argc == 1 && strcmp(argv[0], "--json") == 0;
	int rc = 1;

	if (argc > 1 || (argc == 1 && !json)) {
		fprintf(stderr, "witan: usage: witan routes [--json]\n");
		return 2;
	}
	if (json)
		routes_json(&b);
	else
		routes_text(&b);
	if (!b.err && fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0)
		rc = 0;
	buf_release(&b);
	return rc;
}

/* One finding of witan check (docs/OPERATIONS.md, "Statutory notice"). */
static void check_print(const struct check_finding *f)
{
	if (f->kind == CHECK_AGENDA) {
		printf("late agenda: meeting %lld, %s, %s%s%s: ", (long long)f->id, f->when, f->name,
		       f->meeting_name ? " - " : "", f->meeting_name ? f->meeting_name : "");
		if (f->published[0])
			printf("published %s, %d clear day%s given, %d required", f->published, f->given,
			       f->given == 1 ? "" : "s", f->required);
		else
			printf("not published, %d clear day%s required", f->required, f->required == 1 ? "" : "s");
		printf("; the last day in time was %s\n", f->latest);
	} else {
		printf("short notice: key decision %lld, \"%s\": notice %s, due %s, %d clear day%s given, %d required;"
		       " the last day in time was %s\n", (long long)f->id, f->name, f->published, f->when, f->given,
		       f->given == 1 ? "" : "s", f->required, f->latest);
	}
}

/* witan check --db FILE: 1 if the record missed a statutory deadline,
 * 0 if not, 2 if it could not tell. */
static int cmd_check(struct opts *o, const char *arg)
{
	struct check_list l = { 0 };
	struct db db;
	int rc = 2;

	if (db_missing(o->db) || open_db(&db, o->db, 0) < 0)
		return 2;
	if (check_findings(&db, NULL, NULL, &l) < 0) {
		fprintf(stderr, "witan: checking %s failed: %s\n", o->db, db.err);
		goto out;
	}
	for (size_t i = 0; i < l.n; i++)
		check_print(&l.v[i]);
	printf("witan check: %zu late agenda%s, %zu key decision%s with short notice\n", l.agendas,
	       l.agendas == 1 ? "" : "s", l.key_decisions, l.key_decisions == 1 ? "" : "s");
	rc = fflush(stdout) != 0 ? 2 : l.n ? 1 : 0;
out:
	check_list_release(&l);
	db_release_all(&db);
	db_close(&db);
	return rc;
}

static int cmd_export(struct opts *o, const char *dir)
{
	/* (a PostgreSQL database's documents' folder, for export_command's
	 * own connection: opened once here, as every command's is) */
	if (db_is_url(o->db)) {
		struct db db;
		if (open_db(&db, o->db, DB_READONLY) < 0)
			return 1;
		db_close(&db);
	}
	return export_command(o->db, dir, o->documents, bar, "exporting");
}

/* The commands that take options: after the command's name, its word
 * (`sub`, if any), the options, and its last argument (`arg`, if any,
 * which does not start with '-'); anything else prints `usage`. */
static const struct command {
	const char *name, *sub;
	int arg;
	const char *usage;
	int (*run)(struct opts *o, const char *arg);
} commands[] = {
	{ "backup", NULL, 1, "witan backup --db FILE OUT", cmd_backup },
	{ "export", NULL, 1, "witan export --db FILE [--documents] DIR", cmd_export },
	{ "import", "oparl", 1, "witan import oparl --db FILE [--full] URL", cmd_import },
	{ "import", "moderngov", 1, "witan import moderngov --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] URL",
	  cmd_import_moderngov },
	{ "log", "init", 0, "witan log init --db FILE [--origin NAME]", cmd_log_init },
	{ "log", "verify", 2, "witan log verify --db FILE [--checkpoint FILE] | witan log verify [--key KEY]"
	  " [--checkpoint FILE] [--save FILE] URL", cmd_log_verify },
	{ "user", "add", 0, "witan user add --db FILE --email E --role admin|clerk --password-stdin", cmd_user_add },
	{ "user", "two-factor-off", 0, "witan user two-factor-off --db FILE --email E", cmd_user_two_factor_off },
	{ "reindex", NULL, 0, NULL, cmd_reindex },
	{ "gen", NULL, 0, NULL, cmd_gen },
	{ "init", NULL, 0, NULL, cmd_init },
	{ "serve", NULL, 0, NULL, cmd_serve },
	{ "body", NULL, 0, NULL, cmd_body },
	{ "check", NULL, 0, NULL, cmd_check },
	{ "pack", NULL, 1, "witan pack --db FILE [--base-url URL] MEETING", cmd_pack },
	{ "sql", NULL, 1, "witan sql --db FILE [--write] SQL|-", cmd_sql },
};

static int run_command(const struct command *c, int argc, char **argv)
{
	struct opts o = { 0 };
	int first = c->sub ? 3 : 2;
	/* (arg 2: a last argument that may be left out, an http(s) URL) */
	int arg = c->arg == 2 ? argc > first && (strncmp(argv[argc - 1], "http://", 7) == 0 ||
						  strncmp(argv[argc - 1], "https://", 8) == 0) : c->arg;
	int n = argc - first - arg;

	if ((c->sub && (argc <= 2 || strcmp(argv[2], c->sub) != 0)) ||
	    (arg && (n < 0 || (c->arg == 1 && n < 2) || (argv[argc - 1][0] == '-' && strcmp(argv[argc - 1], "-") != 0)))) {
		fprintf(stderr, "witan: usage: %s\n", c->usage);
		return 2;
	}
	if (parse_opts(n, argv + first, &o, !(c->arg == 2 && arg)) < 0)
		return 2;
	/* --body NAME: one of several bodies of a PostgreSQL database (its
	 * schema, db/pg.c); every connection of the process is to it. */
	if (o.body) {
		if (!o.db || !db_is_url(o.db)) {
			fprintf(stderr, "witan: --body names one of the bodies of a PostgreSQL database"
				" (--db postgresql://...); a SQLite file holds one body\n");
			return 2;
		}
		setenv("WITAN_BODY", o.body, 1);
	}
	return c->run(&o, arg ? argv[argc - 1] : NULL);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "help";

	/* Meeting times are wall-clock times of the body's time zone. */
	setenv("TZ", "Europe/London", 1);
	tzset();
	{
		char err[256];

		/* The one-off bank holidays (data/bank-holidays.txt). */
		if (notice_init(err, sizeof(err)) < 0) {
			fprintf(stderr, "witan: %s\n", err);
			return 1;
		}
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "witan: libsodium failed to initialise\n");
		return 1;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("witan %s (schema %d)\n", WITAN_VERSION, db_schema_version_known());
		return 0;
	}
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes(argc - 2, argv + 2);
	{
		const struct command *named = NULL;

		/* A command with words (user add, user two-factor-off): the one
		 * whose word was given, else the first of the name (its usage). */
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
			const struct command *c = &commands[i];
			if (strcmp(cmd, c->name) != 0)
				continue;
			if (!c->sub || (argc > 2 && strcmp(argv[2], c->sub) == 0))
				return run_command(c, argc, argv);
			if (!named)
				named = c;
		}
		if (named)
			return run_command(named, argc, argv);
	}
	fprintf(stderr, "witan: unknown command '%s'\n%s", cmd, usage);
	return 2;
}
