/* main.c: the witan command line: parses the command and its options and
 * calls the module that does the work.  See `witan help`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "app.h"
#include "db/db.h"
#include "demo/demo.h"
#include "http/server.h"
#include "store/store.h"
#include "web/routes.h"
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
	"  serve --db FILE [--listen ADDR:PORT] [--threads N] [--quiet]\n"
	"                                    serve the public site (default 127.0.0.1:8080)\n"
	"  version                           print the version and schema version\n"
	"  help                              this text\n";

struct opts {
	const char *db;
	const char *listen;
	int demo;
	int threads;
	int quiet;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--demo") == 0) {
			o->demo = 1;
		} else if (strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--listen") == 0 ||
			   strcmp(a, "--threads") == 0) {
			if (!val) {
				fprintf(stderr, "witan: %s needs a value\n", a);
				return -1;
			}
			if (strcmp(a, "--db") == 0) {
				o->db = val;
			} else if (strcmp(a, "--listen") == 0) {
				o->listen = val;
			} else {
				char *end;
				long n = strtol(val, &end, 10);
				if (*end || n < 1 || n > 256) {
					fprintf(stderr, "witan: --threads must be 1..256\n");
					return -1;
				}
				o->threads = (int)n;
			}
			i++;
		} else {
			fprintf(stderr, "witan: unknown option '%s'\n%s", a, usage);
			return -1;
		}
	}
	if (!o->db) {
		fprintf(stderr, "witan: --db FILE is required\n");
		return -1;
	}
	return 0;
}

static int cmd_init(struct opts *o)
{
	struct db db;
	struct store st = { 0 };
	struct stat sb;
	char err[512];
	int rc = 1;

	if (stat(o->db, &sb) == 0) {
		fprintf(stderr, "witan: %s already exists; init creates a new database\n", o->db);
		return 1;
	}
	if (db_open(&db, o->db, DB_CREATE) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		return 1;
	}
	if (store_open(&st, o->db) < 0) {
		fprintf(stderr, "witan: cannot create the document store %s.files: %s\n", o->db,
			strerror(errno));
		goto out;
	}
	if (o->demo && demo_create(&db, &st, err, sizeof(err)) < 0) {
		fprintf(stderr, "witan: creating the demo failed: %s\n", err);
		goto out;
	}
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

static int cmd_serve(struct opts *o)
{
	struct server_opts so = { 0 };
	struct app app = { 0 };
	struct db db;
	char host[64] = "127.0.0.1";
	char base[128];
	int port = 8080, rc;

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
	/* Open once up front: a missing, foreign or too-new file is refused
	 * here with a clear message, before any thread starts. */
	if (access(o->db, F_OK) != 0) {
		fprintf(stderr, "witan: %s does not exist (create it with: witan init --db %s --demo)\n",
			o->db, o->db);
		return 1;
	}
	if (db_open(&db, o->db, 0) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		return 1;
	}
	db_close(&db);
	if (store_open(&app.store, o->db) < 0) {
		fprintf(stderr, "witan: cannot open the document store %s.files\n", o->db);
		return 1;
	}
	snprintf(base, sizeof(base), "http://%s:%d", host, port);
	app.db_path = o->db;
	app.base_url = base;
	so.host = host;
	so.port = port;
	so.threads = o->threads;
	so.db_path = o->db;
	so.app = &app;
	so.routes = web_routes;
	so.error_page = web_error_page;
	so.quiet = o->quiet;
	rc = server_run(&so);
	store_close(&app.store);
	return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	const char *cmd = argc > 1 ? argv[1] : "help";

	/* Meeting times are wall-clock times of the body's time zone. */
	setenv("TZ", "Europe/London", 1);
	tzset();
	if (sodium_init() < 0) {
		fprintf(stderr, "witan: libsodium failed to initialise\n");
		return 1;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("witan 0.1.0 (schema %d)\n", db_schema_version_known());
		return 0;
	}
	if (strcmp(cmd, "init") == 0 || strcmp(cmd, "serve") == 0) {
		if (parse_opts(argc - 2, argv + 2, &o) < 0)
			return 2;
		return strcmp(cmd, "init") == 0 ? cmd_init(&o) : cmd_serve(&o);
	}
	fprintf(stderr, "witan: unknown command '%s'\n%s", cmd, usage);
	return 2;
}
