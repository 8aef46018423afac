/* export.c: the bulk export of the public record (see export.h): writing
 * an export into a directory, `witan export`, the server's export thread
 * and the /export pages.
 *
 * An export is written in one snapshot of the record (db/export.h):
 * record.sqlite first, then each table read back from it as JSON Lines
 * through the JSON writer, then README.md, all from the same rows.
 *
 * On the server, exports live in FILE.export/: each generation is written
 * into a hidden temporary directory, renamed to its final name
 * (YYYYMMDDTHHMMSSZ-PID-N, its snapshot time) when complete, and then
 * FILE.export/current, a symbolic link, is replaced by rename(2) to point
 * at it: a reader opens either the old or the new export, never half of
 * one (a file already open stays readable after its directory is
 * removed).  Generation runs on the export thread, never on an event
 * loop; see docs/DECISIONS.md, "Bulk export (issue 5)". */
#include "api/export.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "db/db.h"
#include "db/export.h"
#include "db/log.h"
#include "db/public.h"
#include "util/note.h"
#include "http/req.h"
#include "store/store.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/json.h"
#include "util/licence.h"
#include "util/worker.h"
#include "version.h"
#include "util/banned.h"

#define MAX_TABLES 32

/* One export being written. */
struct writer {
	struct db *db;
	const char *dir;                /* absolute, existing and empty */
	const struct store *docs;       /* copy the documents too, or NULL */
	const char *source_url;         /* the site's address, or NULL */
	const char *generated_at;       /* UTC, the snapshot's time */
	void (*progress)(void *ctx, long done, long total);
	void *pctx;
	const volatile int *cancel;     /* stop when it becomes non-zero (may be NULL) */
	long done, total;
	long rows[MAX_TABLES];
	long docs_copied;
	char err[512];
};

static void step_done(struct writer *w)
{
	w->done++;
	if (w->progress)
		w->progress(w->pctx, w->done, w->total > w->done ? w->total : w->done);
}

static int cancelled(struct writer *w)
{
	if (w->cancel && *w->cancel) {
		snprintf(w->err, sizeof(w->err), "cancelled");
		return 1;
	}
	return 0;
}

/* A new file dir/name (never an existing one), for writing. */
static FILE *create_file(struct writer *w, const char *name)
{
	struct buf path = BUF_INIT;
	FILE *f = NULL;
	int fd;

	buf_printf(&path, "%s/%s", w->dir, name);
	fd = path.err ? -1 : open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		snprintf(w->err, sizeof(w->err), "cannot create %s: %s", path.data ? path.data : name,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	buf_release(&path);
	return f;
}

/* Flush b to f; 0 or -1. */
static int flush(struct writer *w, FILE *f, struct buf *b, const char *name)
{
	if (b->err) {
		snprintf(w->err, sizeof(w->err), "%s: a row is too large (out of memory)", name);
		return -1;
	}
	if (b->len && fwrite(b->data, 1, b->len, f) != b->len) {
		snprintf(w->err, sizeof(w->err), "writing %s: %s", name, strerror(errno));
		return -1;
	}
	buf_reset(b);
	return 0;
}

static int close_file(struct writer *w, FILE *f, const char *name)
{
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		snprintf(w->err, sizeof(w->err), "writing %s: %s", name, strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		snprintf(w->err, sizeof(w->err), "writing %s: %s", name, strerror(errno));
		return -1;
	}
	return 0;
}

/* --- JSON Lines ----------------------------------------------------------- */

struct jsonl {
	struct writer *w;
	FILE *f;
	struct buf b;
	const char *name;
	long n;
};

/* One row as one JSON object on one line; every key and text value goes
 * through the JSON writer's escaping. */
static int jsonl_row(void *ctx, const struct export_value *v, int n)
{
	struct jsonl *j = ctx;

	buf_putc(&j->b, '{');
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(&j->b, ',');
		json_string(&j->b, v[i].name);
		buf_putc(&j->b, ':');
		switch (v[i].type) {
		case EXPORT_INT:
			buf_printf(&j->b, "%" PRId64, v[i].i);
			break;
		case EXPORT_REAL:
			if (isfinite(v[i].d))
				buf_printf(&j->b, "%.17g", v[i].d);
			else
				buf_puts(&j->b, "null");
			break;
		case EXPORT_TEXT:
			json_string(&j->b, v[i].s);
			break;
		case EXPORT_NULL:
			buf_puts(&j->b, "null");
			break;
		}
	}
	buf_puts(&j->b, "}\n");
	j->n++;
	if ((j->b.len >= (64u << 10) || j->b.err) && flush(j->w, j->f, &j->b, j->name) < 0)
		return -2;
	if ((j->n & 1023) == 0 && cancelled(j->w))
		return -2;
	return 0;
}

/* table.jsonl from the export's table; *rows gets the number of lines. */
static int write_jsonl(struct writer *w, const char *table, long *rows)
{
	struct jsonl j = { w, NULL, BUF_INIT, NULL, 0 };
	char name[96];
	int rc = -1, r;

	snprintf(name, sizeof(name), "%s.jsonl", table);
	j.name = name;
	if (!(j.f = create_file(w, name)))
		return -1;
	r = export_rows(w->db, table, jsonl_row, &j);
	if (r == -1)
		snprintf(w->err, sizeof(w->err), "%s", w->db->err);
	if (r != 0 || flush(w, j.f, &j.b, name) < 0) {
		fclose(j.f);
		goto out;
	}
	if (close_file(w, j.f, name) < 0)
		goto out;
	if (rows)
		*rows = j.n;
	rc = 0;
out:
	buf_release(&j.b);
	return rc;
}

/* --- the public documents (witan export --documents) ------------------------ */

/* The store's bytes of one document into files/{id}/{filename}. */
static int copy_document(void *ctx, const struct export_value *v, int n)
{
	struct writer *w = ctx;
	const char *filename = NULL, *sha = NULL;
	int64_t id = 0;
	struct buf path = BUF_INIT;
	char chunk[64 * 1024];
	int in = -1, out = -1, rc = -2;
	off_t size;
	ssize_t got;

	for (int i = 0; i < n; i++) {
		if (strcmp(v[i].name, "id") == 0)
			id = v[i].i;
		else if (strcmp(v[i].name, "filename") == 0)
			filename = v[i].s;
		else if (strcmp(v[i].name, "sha256") == 0)
			sha = v[i].s;
	}
	/* File names are [a-z0-9.-] by construction; refuse anything else
	 * rather than write outside the directory. */
	if (!filename || !sha || !*filename || filename[0] == '.' || strchr(filename, '/') ||
	    strlen(filename) > 200) {
		snprintf(w->err, sizeof(w->err), "document %lld has an unusable file name", (long long)id);
		return -2;
	}
	buf_printf(&path, "%s/files/%lld", w->dir, (long long)id);
	if (path.err || mkdir(path.data, 0755) < 0) {
		snprintf(w->err, sizeof(w->err), "cannot create %s: %s", path.data ? path.data : "files/",
			 strerror(errno));
		goto out;
	}
	buf_printf(&path, "/%s", filename);
	if ((in = store_open_read(w->docs, sha, &size)) < 0) {
		snprintf(w->err, sizeof(w->err), "document %lld (%s) is missing from the store", (long long)id, sha);
		goto out;
	}
	if (path.err || (out = open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
		snprintf(w->err, sizeof(w->err), "cannot create %s: %s", path.data ? path.data : filename,
			 strerror(errno));
		goto out;
	}
	while ((got = read(in, chunk, sizeof(chunk))) > 0) {
		if (write(out, chunk, (size_t)got) != got) {
			snprintf(w->err, sizeof(w->err), "writing %s: %s", path.data, strerror(errno));
			goto out;
		}
	}
	if (got < 0 || fsync(out) != 0) {
		snprintf(w->err, sizeof(w->err), "copying %s: %s", path.data, strerror(errno));
		goto out;
	}
	w->docs_copied++;
	step_done(w);
	rc = cancelled(w) ? -2 : 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0 && rc == 0) {
		snprintf(w->err, sizeof(w->err), "writing %s: %s", path.data, strerror(errno));
		rc = -2;
	}
	buf_release(&path);
	return rc;
}

/* --- README.md -------------------------------------------------------------- */

static void readme(struct writer *w, struct buf *b, const struct body_row *body)
{
	buf_printf(b, "# The public record of %s\n\n", body ? body->name : "this body");
	buf_printf(b, "An export of the public democratic record (committees, meetings, agendas, "
		      "minutes, decisions, votes, attendance, declarations of interest and documents; decision "
		      "records, the forward plan of key decisions and the register of members' interests), "
		      "as published by Witan %s. Generated at %s (UTC), in one consistent snapshot of the "
		      "record.", WITAN_VERSION, w->generated_at);
	if (w->source_url)
		buf_printf(b, " Source: %s/export", w->source_url);
	buf_puts(b, "\n\nFormat version " );
	buf_printf(b, "%d (`export_info.format_version`): it rises only when a table or a column changes "
		      "meaning or is removed; new tables and new columns may appear without it.\n\n",
		   EXPORT_FORMAT_VERSION);

	buf_puts(b, "## Licence\n\n");
	if (body && body->license) {
		const char *name = licence_name(body->license);
		buf_printf(b, "%s publishes this record under ", body->name);
		if (name)
			buf_printf(b, "the %s: %s", name, body->license);
		else
			buf_printf(b, "the licence at %s", body->license);
		buf_puts(b, " (`export_info.license`, `body.license`). A row whose `license` column is set "
			    "(one copied from another system, which published it under another licence) is "
			    "under that licence instead.");
	} else {
		buf_printf(b, "This export carries no licence statement of its own: %s has not set one in Witan, "
			      "so the body's own terms for re-using its information apply.",
			   body ? body->name : "the body");
		if (body && (body->website || body->email))
			buf_printf(b, " See %s%s%s for them.", body->website ? body->website : "",
				   body->website && body->email ? " or " : "", body->email ? body->email : "");
		buf_puts(b, " A row whose `license` column is set (one copied from another system) is under "
			    "that licence.");
	}
	buf_puts(b, "\n\n");

	buf_puts(b, "## Files\n\n"
		    "| file | contents |\n|---|---|\n"
		    "| `record.sqlite` | a SQLite 3 database: one table per entity below, and `export_info` |\n");
	for (int t = 0; export_tables[t].name; t++)
		buf_printf(b, "| `%s.jsonl` | JSON Lines: one `%s` row a line (%ld row%s) |\n",
			   export_tables[t].name, export_tables[t].name, w->rows[t], w->rows[t] == 1 ? "" : "s");
	buf_puts(b, "| `export_info.jsonl` | the `export_info` rows as JSON Lines |\n"
		    "| `README.md` | this description |\n");
	if (w->docs)
		buf_puts(b, "| `files/{id}/{filename}` | the public documents themselves, by `file.id` |\n");
	buf_puts(b, "\nEach `.jsonl` file holds one JSON object a line (UTF-8, `\\n` line ends), with the "
		    "same keys, in the same order, as the columns of the table of the same name in "
		    "`record.sqlite`, and the same rows in the same order (by key). SQL NULL is JSON `null`; "
		    "integers are JSON numbers; everything else is a string.\n\n");

	buf_puts(b, "## How rows join\n\n"
		    "Every id is the record's own and the site's: `meeting.id` 12 is `/meetings/12`, "
		    "`organization.id` 3 is `/committees/3`, `person.id` 5 is `/people/5`, "
		    "`agenda_item.id` 40 of meeting 12 is `/meetings/12/items/40`, and a document is at "
		    "`file.url_path`. A column named `X_id` holds the `id` of table `X` "
		    "(`organization_id` → `organization.id`, `substitute_for` and `person_id` → `person.id`, "
		    "`decision_maker_id` → `organization.id`, `minutes_approved_by` → `meeting.id`, "
		    "`decision_maker_person_id` and `lead_member_id` → `person.id`). A decision record is at "
		    "`/decisions/{decision.id}`, a forward plan entry at `/forward-plan#entry-{plan_entry.id}`. "
		    "Ids stay the same from one export to the next. An id may name a row that is not in the "
		    "export (a deleted venue, a meeting not made public): treat it as unknown.\n\n"
		    "Times: meeting times (`start_at`, `end_at`) are local wall-clock times of the body's "
		    "time zone (`body.timezone`), `YYYY-MM-DD HH:MM`; `created`, `modified` and publication "
		    "times are UTC, `YYYY-MM-DDTHH:MM:SSZ`; dates are `YYYY-MM-DD`.\n\n");

	buf_puts(b, "## What is left out, and why\n\n"
		    "Only the public record is exported: exactly what the public website shows, read from "
		    "the same definition of what is public. Left out are:\n\n"
		    "- meetings not published in the calendar, and deleted rows of every kind;\n"
		    "- the items of agendas not yet published (draft agendas);\n"
		    "- minutes, decisions and votes until the meeting's minutes are published (draft minutes "
		    "stay with the clerks);\n"
		    "- for an **exempt item** (taken in private under Schedule 12A to the Local Government "
		    "Act 1972): its description, minutes, decision, paper, votes and documents; its title, "
		    "number, paragraph and public reason stay, so the agenda reads as it was published;\n"
		    "- documents not attached to anything public, and their text;\n"
		    "- attendance and declarations until the meeting has been held;\n"
		    "- decision records and forward plan entries not published (and a decision taken at a "
		    "meeting until its minutes are published, or ever if its item is exempt);\n"
		    "- the details of a **sensitive interest** (section 32 of the Localism Act 2011: "
		    "disclosure could lead to violence or intimidation): the register shows that it exists, its "
		    "category and dates, with `interest.description` null;\n"
		    "- people's e-mail addresses and telephone numbers;\n"
		    "- the Markdown source of texts (the `_html` columns are the published rendering);\n"
		    "- everything about the back office: user accounts, password hashes, sessions, the audit "
		    "log, sign-in throttling, the search index.\n\n");

	buf_puts(b, "## Tables and columns\n\n");
	for (int t = 0; export_tables[t].name; t++) {
		const struct export_table *et = &export_tables[t];
		buf_printf(b, "### `%s` (%ld row%s)\n\nA row is %s. Key: `%s`.\n\n| column | type | meaning |\n|---|---|---|\n",
			   et->name, w->rows[t], w->rows[t] == 1 ? "" : "s", et->what, et->key);
		for (const struct export_column *c = et->cols; c->name; c++)
			buf_printf(b, "| `%s` | %s | %s |\n", c->name, c->type, c->what);
		buf_puts(b, "\n");
	}
	buf_puts(b, "### `export_info`\n\nKey/value rows (`key`, `value`, both text) about this export: "
		    "`format_version`, `generated_at` (UTC), `witan_version`, `schema_version` (of the "
		    "database it was taken from), `body_name`, `license` (the record's licence, a URL, when "
		    "one is stated), and `source_url` when generated by a server.\n\n");

	buf_puts(b, "## Regenerating it\n\n"
		    "On the server: `witan export --db FILE DIR` writes a new export into DIR (missing or "
		    "empty; nothing is overwritten), consistently while the site is serving; add "
		    "`--documents` to copy the public documents into `DIR/files/`. The site itself "
		    "offers the latest export at `/export`, regenerated when the record has changed.\n");
}

static int write_readme(struct writer *w)
{
	struct body_row body;
	struct buf b = BUF_INIT;
	FILE *f;
	int rc = -1, have = pub_body(w->db, &body) == 1;

	readme(w, &b, have ? &body : NULL);
	if (!(f = create_file(w, "README.md")))
		goto out;
	if (flush(w, f, &b, "README.md") < 0) {
		fclose(f);
		goto out;
	}
	rc = close_file(w, f, "README.md");
out:
	buf_release(&b);
	return rc;
}

/* --- one export --------------------------------------------------------------- */

static int info(struct writer *w)
{
	struct body_row body;
	char num[32];
	int have = pub_body(w->db, &body) == 1;

	snprintf(num, sizeof(num), "%d", EXPORT_FORMAT_VERSION);
	if (export_info_put(w->db, "format_version", num) < 0 ||
	    export_info_put(w->db, "generated_at", w->generated_at) < 0 ||
	    export_info_put(w->db, "witan_version", WITAN_VERSION) < 0)
		return -1;
	snprintf(num, sizeof(num), "%d", db_schema_version(w->db));
	if (export_info_put(w->db, "schema_version", num) < 0 ||
	    export_info_put(w->db, "body_name", have ? body.name : NULL) < 0 ||
	    (have && body.license && export_info_put(w->db, "license", body.license) < 0) ||
	    (w->source_url && export_info_put(w->db, "source_url", w->source_url) < 0))
		return -1;
	return 0;
}

/* Write a whole export into w->dir; 0, or -1 with w->err. */
static int export_write(struct writer *w)
{
	struct buf path = BUF_INIT;
	int ntables = 0, begun = 0, rc = -1, t;

	while (export_tables[ntables].name)
		ntables++;
	if (ntables > MAX_TABLES) {
		snprintf(w->err, sizeof(w->err), "too many export tables");
		return -1;
	}
	w->total = 2L * ntables + 3;
	buf_printf(&path, "%s/record.sqlite", w->dir);
	if (path.err)
		goto out;
	/* The file is created here first, so it is never an existing one. */
	{
		int fd = open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0) {
			snprintf(w->err, sizeof(w->err), "cannot create %s: %s", path.data, strerror(errno));
			goto out;
		}
		close(fd);
	}
	if (export_begin(w->db, path.data, w->cancel) < 0)
		goto db_err;
	begun = 1;
	if (info(w) < 0)
		goto db_err;
	for (t = 0; t < ntables; t++) {
		if (cancelled(w))
			goto out;
		if (export_fill(w->db, &export_tables[t], &w->rows[t]) < 0)
			goto db_err;
		if (w->docs && strcmp(export_tables[t].name, "file") == 0)
			w->total += w->rows[t];
		step_done(w);
	}
	for (t = 0; t < ntables; t++) {
		long lines = 0;
		if (write_jsonl(w, export_tables[t].name, &lines) < 0)
			goto out;
		if (lines != w->rows[t]) {
			snprintf(w->err, sizeof(w->err), "%s.jsonl: %ld lines for %ld rows", export_tables[t].name,
				 lines, w->rows[t]);
			goto out;
		}
		step_done(w);
	}
	if (write_jsonl(w, "export_info", NULL) < 0)
		goto out;
	step_done(w);
	if (write_readme(w) < 0)
		goto out;
	step_done(w);
	if (w->docs) {
		buf_reset(&path);
		buf_printf(&path, "%s/files", w->dir);
		if (path.err || mkdir(path.data, 0755) < 0) {
			snprintf(w->err, sizeof(w->err), "cannot create %s/files: %s", w->dir, strerror(errno));
			goto out;
		}
		if (export_rows(w->db, "file", copy_document, w) == -1)
			goto db_err;
		if (w->err[0])
			goto out;
	}
	begun = 0;
	if (export_end(w->db, 1) < 0)
		goto db_err;
	step_done(w);
	rc = 0;
	goto out;
db_err:
	snprintf(w->err, sizeof(w->err), "%s", w->db->err);
out:
	if (begun)
		export_end(w->db, 0);
	if (path.err && !w->err[0])
		snprintf(w->err, sizeof(w->err), "out of memory");
	buf_release(&path);
	return rc;
}

/* Remove what a directory that an export wrote holds (depth: the levels
 * of directories below it, as in files/{id}/{name}), and the directory
 * itself unless keep. */
static void remove_tree(const char *path, int depth, int keep)
{
	DIR *d = opendir(path);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		struct buf p = BUF_INIT;
		struct stat sb;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_printf(&p, "%s/%s", path, e->d_name);
		if (!p.err && lstat(p.data, &sb) == 0) {
			if (S_ISDIR(sb.st_mode) && depth > 0)
				remove_tree(p.data, depth - 1, 0);
			else
				unlink(p.data);
		}
		buf_release(&p);
	}
	if (d)
		closedir(d);
	if (!keep)
		rmdir(path);
}

/* 1 if path is a directory with nothing in it, 0 if it has entries, -1 if
 * it cannot be read. */
static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

static void human_size(struct buf *b, long long n)
{
	if (n >= 10LL << 20)
		buf_printf(b, "%.0f MB", (double)n / (1 << 20));
	else if (n >= 1 << 20)
		buf_printf(b, "%.1f MB", (double)n / (1 << 20));
	else
		buf_printf(b, "%lld KB", (n + 1023) / 1024);
}

/* Total bytes of the files under path (two levels). */
static long long tree_size(const char *path, int depth)
{
	DIR *d = opendir(path);
	struct dirent *e;
	long long n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		struct buf p = BUF_INIT;
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		buf_printf(&p, "%s/%s", path, e->d_name);
		if (!p.err && lstat(p.data, &sb) == 0)
			n += S_ISDIR(sb.st_mode) ? (depth > 0 ? tree_size(p.data, depth - 1) : 0) : (long long)sb.st_size;
		buf_release(&p);
	}
	closedir(d);
	return n;
}

int export_command(const char *db_path, const char *dir, int documents,
		   void (*progress)(void *ctx, long done, long total), void *ctx)
{
	struct writer w;
	struct store st = { 0 };
	struct stat sb;
	struct db db;
	char abs[PATH_MAX], now[21];
	int created = 0, have_db = 0, have_store = 0, rc = 1;

	memset(&w, 0, sizeof(w));
	if (!db_is_url(db_path) && access(db_path, F_OK) != 0) {
		fprintf(stderr, "witan: %s does not exist\n", db_path);
		return 1;
	}
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "witan: %s exists and is not a directory; export writes into a new or empty directory\n", dir);
			return 1;
		}
		if (dir_is_empty(dir) != 1) {
			fprintf(stderr, "witan: %s is not empty; export writes into a new or empty directory "
				"and never overwrites\n", dir);
			return 1;
		}
	} else if (mkdir(dir, 0755) < 0) {
		fprintf(stderr, "witan: cannot create the directory %s: %s\n", dir, strerror(errno));
		return 1;
	} else {
		created = 1;
	}
	if (!realpath(dir, abs)) {
		fprintf(stderr, "witan: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	if (db_open(&db, db_path, DB_PUBLIC) < 0) {
		fprintf(stderr, "witan: %s\n", db.err);
		goto out;
	}
	have_db = 1;
	if (documents) {
		if (store_open(&st, db_path) < 0) {
			char where[512];
			fprintf(stderr, "witan: cannot open the document store %s\n",
				store_where(db_path, where, sizeof(where)));
			goto out;
		}
		have_store = 1;
	}
	date_now_utc(now);
	w.db = &db;
	w.dir = abs;
	w.docs = documents ? &st : NULL;
	w.generated_at = now;
	w.progress = progress;
	w.pctx = ctx;
	if (export_write(&w) < 0) {
		fprintf(stderr, "%switan: export failed: %s\n", progress && isatty(2) ? "\n" : "", w.err);
		goto out;
	}
	{
		struct buf size = BUF_INIT;
		int meetings = -1;
		for (int t = 0; export_tables[t].name; t++)
			if (strcmp(export_tables[t].name, "meeting") == 0)
				meetings = t;
		human_size(&size, tree_size(abs, 2));
		fprintf(stderr, "witan: exported the public record of %s to %s: %ld meetings, %s",
			db_path, dir, meetings >= 0 ? w.rows[meetings] : 0L, size.data ? size.data : "");
		if (documents)
			fprintf(stderr, ", %ld documents", w.docs_copied);
		fputc('\n', stderr);
		buf_release(&size);
	}
	rc = 0;
out:
	if (rc != 0) {
		/* Lose nothing, leave nothing: only what this run wrote goes. */
		remove_tree(dir, 3, !created);
	}
	if (have_store)
		store_close(&st);
	if (have_db)
		db_close(&db);
	return rc;
}

/* --- the server's export thread ------------------------------------------------ */

static struct {
	struct worker w;
	int pending; /* under w.lock */
	char *base_url;
} xs = { .w = WORKER_INIT };

/* Ask the thread to bring the export up to date (cheap: a flag). */
static void export_wake(void)
{
	worker_wake(&xs.w);
}

static int is_generation(const char *name)
{
	/* YYYYMMDDTHHMMSSZ-PID-N */
	if (strlen(name) < 20 || strlen(name) > 64 || name[8] != 'T' || name[15] != 'Z' || name[16] != '-')
		return 0;
	for (int i = 0; name[i]; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || name[i] == '-' || (i == 8 || i == 15)))
			return 0;
	return 1;
}

/* Remove generations other than keep, and temporary directories of
 * processes that are gone. */
static void prune(const char *xdir, const char *keep)
{
	DIR *d = opendir(xdir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct buf p = BUF_INIT;
		int remove = 0;

		if (is_generation(e->d_name) && strcmp(e->d_name, keep) != 0) {
			remove = 1;
		} else if (strncmp(e->d_name, ".tmp-", 5) == 0) {
			long pid = strtol(e->d_name + 5, NULL, 10);
			remove = pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) < 0 && errno == ESRCH;
		}
		if (remove) {
			buf_printf(&p, "%s/%s", xdir, e->d_name);
			if (!p.err)
				remove_tree(p.data, 1, 0);
		}
		buf_release(&p);
	}
	closedir(d);
}

/* One generation into xdir (absolute); 0 or -1 (logged). */
static int generate(struct db *db, const char *xdir, long n)
{
	struct writer w;
	struct buf tmp = BUF_INIT, fin = BUF_INIT, name = BUF_INIT, link = BUF_INIT;
	char now[21];
	int rc = -1;

	memset(&w, 0, sizeof(w));
	date_now_utc(now);
	/* 2024-05-01T12:00:00Z -> 20240501T120000Z */
	buf_printf(&name, "%.4s%.2s%.2sT%.2s%.2s%.2sZ-%ld-%ld", now, now + 5, now + 8, now + 11, now + 14,
		   now + 17, (long)getpid(), n);
	buf_printf(&tmp, "%s/.tmp-%ld-%ld", xdir, (long)getpid(), n);
	buf_printf(&fin, "%s/%s", xdir, name.data);
	buf_printf(&link, "%s/.current-%ld", xdir, (long)getpid());
	if (tmp.err || fin.err || name.err || link.err)
		goto out;
	if (mkdir(tmp.data, 0755) < 0) {
		fprintf(stderr, "witan: export: cannot create %s: %s\n", tmp.data, strerror(errno));
		goto out;
	}
	w.db = db;
	w.dir = tmp.data;
	w.source_url = xs.base_url;
	w.generated_at = now;
	w.cancel = &xs.w.stop;
	if (export_write(&w) < 0) {
		if (!xs.w.stop)
			fprintf(stderr, "witan: export: %s\n", w.err);
		remove_tree(tmp.data, 1, 0);
		goto out;
	}
	unlink(link.data);
	if (rename(tmp.data, fin.data) < 0 || symlink(name.data, link.data) < 0) {
		fprintf(stderr, "witan: export: cannot put the new export in place: %s\n", strerror(errno));
		remove_tree(tmp.data, 1, 0);
		goto out;
	}
	buf_reset(&tmp);
	buf_printf(&tmp, "%s/current", xdir);
	if (tmp.err || rename(link.data, tmp.data) < 0) {
		fprintf(stderr, "witan: export: cannot put the new export in place: %s\n", strerror(errno));
		unlink(link.data);
		goto out;
	}
	prune(xdir, name.data);
	rc = 0;
out:
	buf_release(&tmp);
	buf_release(&fin);
	buf_release(&name);
	buf_release(&link);
	return rc;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *export_main(void *arg)
{
	struct db db;
	struct buf xdir = BUF_INIT;
	char abs[PATH_MAX];
	int64_t made_at = -1;  /* the data version of the current export; -1: none made by this process */
	double next_at = 0;
	long n = 0;

	(void)arg;
	if (db_open(&db, xs.w.db_path, DB_PUBLIC) < 0) {
		fprintf(stderr, "witan: export: %s\n", db.err);
		return NULL;
	}
	if (store_beside(xs.w.db_path, ".export", &xdir) < 0 || (mkdir(xdir.data, 0755) < 0 && errno != EEXIST) || !realpath(xdir.data, abs)) {
		fprintf(stderr, "witan: export: cannot create %s: %s\n", xdir.data ? xdir.data : "", strerror(errno));
		goto out;
	}
	while (!xs.w.stop) {
		int64_t v;
		double started;

		worker_wait(&xs.w, 0);
		if (xs.w.stop)
			break;
		v = export_source_version(&db);
		db_release_all(&db);
		if (v >= 0 && v == made_at)
			continue;
		pthread_mutex_lock(&xs.w.lock);
		xs.pending = 1;
		/* At most half of one core: wait as long as the last one took. */
		while (!xs.w.stop && now_seconds() < next_at) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += 1;
			pthread_cond_timedwait(&xs.w.cond, &xs.w.lock, &until);
		}
		xs.w.wake = 0;
		pthread_mutex_unlock(&xs.w.lock);
		if (xs.w.stop)
			break;
		v = export_source_version(&db);
		started = now_seconds();
		if (generate(&db, abs, ++n) == 0)
			made_at = v;
		db_release_all(&db);
		next_at = now_seconds() + (now_seconds() - started);
		if (made_at != v)
			next_at += 10; /* failed: not again at once */
		pthread_mutex_lock(&xs.w.lock);
		xs.pending = 0;
		pthread_mutex_unlock(&xs.w.lock);
	}
out:
	buf_release(&xdir);
	db_close(&db);
	return NULL;
}

int export_thread_start(const char *db_path, const char *base_url)
{
	if (xs.w.running)
		return 0;
	xs.base_url = base_url ? strdup(base_url) : NULL;
	if ((base_url && !xs.base_url) || worker_start(&xs.w, export_main, db_path) < 0) {
		free(xs.base_url);
		xs.base_url = NULL;
		return -1;
	}
	return 0;
}

void export_thread_stop(void)
{
	worker_stop(&xs.w);
	free(xs.base_url);
	xs.base_url = NULL;
}

/* --- /export ------------------------------------------------------------------------ */

/* The files of an export as the site offers them. */
static const char *file_type(const char *name)
{
	size_t n = strlen(name);

	if (strcmp(name, "record.sqlite") == 0)
		return "application/vnd.sqlite3";
	if (strcmp(name, "README.md") == 0)
		return "text/markdown; charset=utf-8";
	if (n > 6 && strcmp(name + n - 6, ".jsonl") == 0) {
		char stem[64];
		if (n - 6 >= sizeof(stem))
			return NULL;
		snprintf(stem, sizeof(stem), "%.*s", (int)(n - 6), name);
		if (strcmp(stem, "export_info") == 0)
			return "application/x-ndjson";
		for (int t = 0; export_tables[t].name; t++)
			if (strcmp(export_tables[t].name, stem) == 0)
				return "application/x-ndjson";
	}
	return NULL;
}

/* The current export's directory (path) and name (gen); 1, or 0 if there
 * is none yet. */
static int current_export(const struct req *r, struct buf *path, char gen[80])
{
	struct buf link = BUF_INIT;
	ssize_t n;

	n = store_beside(r->app->db_path, ".export/current", &link) < 0 ? -1 : readlink(link.data, gen, 79);
	buf_release(&link);
	if (n <= 0)
		return 0;
	gen[n] = '\0';
	if (!is_generation(gen))
		return 0;
	buf_reset(path);
	if (store_beside(r->app->db_path, ".export/", path) < 0)
		return 0;
	buf_puts(path, gen);
	return !path->err;
}

int page_export_file(struct req *r)
{
	const char *type = file_type(r->name);
	struct buf path = BUF_INIT, h = BUF_INIT;
	char gen[80];
	struct stat sb;
	int fd = -1, status = 500;

	if (!type) {
		r->errmsg = "There is no such file in the export. The files are listed at /export.";
		return 404;
	}
	export_wake();
	/* A generation may be pruned between reading the link and opening
	 * the file: read the link again once. */
	for (int attempt = 0; attempt < 2 && fd < 0; attempt++) {
		if (!current_export(r, &path, gen))
			break;
		buf_printf(&path, "/%s", r->name);
		fd = path.err ? -1 : open(path.data, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		req_add_header(r, "retry-after", "30");
		r->errmsg = "The export is being prepared. Please try again in a minute.";
		status = 503;
		goto out;
	}
	if (fstat(fd, &sb) < 0) {
		close(fd);
		goto out;
	}
	r->file.fd = fd;
	r->file.size = sb.st_size;
	r->content_type = type;
	buf_printf(&h, "\"%s\"", gen);
	r->etag = req_strdup(r, h.data);
	r->cache_control = "public, no-cache";
	buf_reset(&h);
	buf_printf(&h, "%s; filename=\"%s\"", strcmp(r->name, "README.md") == 0 ? "inline" : "attachment", r->name);
	req_add_header(r, "content-disposition", h.data);
	status = 200;
out:
	buf_release(&path);
	buf_release(&h);
	return status;
}

/* One row of the downloads table. */
static void download_row(struct req *r, const char *dir, const char *name, const char *what)
{
	struct buf p = BUF_INIT;
	struct stat sb;

	buf_printf(&p, "%s/%s", dir, name);
	if (!p.err && stat(p.data, &sb) == 0) {
		char first[2] = { (char)toupper((unsigned char)what[0]), '\0' };
		html_fmt(&r->body, "<tr><td><a href=\"/export/%u\">%s</a></td><td>%s%s</td><td class=\"num\">",
			 name, name, first, what[0] ? what + 1 : "");
		human_size(&r->body, (long long)sb.st_size);
		buf_puts(&r->body, "</td></tr>\n");
	}
	buf_release(&p);
}

int page_export(struct req *r)
{
	static const struct crumb crumbs[] = { { "Open data", NULL } };
	struct buf *b = &r->body;
	struct buf dir = BUF_INIT, when = BUF_INIT;
	struct body_row body;
	char gen[80];
	int have, pending;

	export_wake();
	pthread_mutex_lock(&xs.w.lock);
	pending = xs.pending;
	pthread_mutex_unlock(&xs.w.lock);
	have = current_export(r, &dir, gen);
	r->cache_control = "no-cache";
	page_begin(r, SEC_NONE, "Open data", crumbs, 1);
	buf_puts(b, "<h1>Open data</h1>\n"
		    "<p class=\"lead\">The whole public record of this site to download: committees, people, "
		    "meetings, agendas, minutes, decisions, votes, attendance, declarations of interest and "
		    "the list and text of the public documents.</p>\n");
	if (have) {
		/* 20240501T120000Z -> 2024-05-01T12:00:00Z */
		buf_printf(&when, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", gen, gen + 4, gen + 6, gen + 9, gen + 11, gen + 13);
		html_fmt(b, "<p>Generated on <time datetime=\"%s\">", when.data);
		date_put_utc_local(b, when.data);
		buf_puts(b, "</time>.");
		if (pending)
			buf_puts(b, " The record has changed since: a new export is being prepared. "
				    "Reload this page in a minute to get it.");
		buf_puts(b, "</p>\n<table class=\"downloads\">\n<caption>Downloads</caption>\n"
			    "<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Contents</th>"
			    "<th scope=\"col\">Size</th></tr></thead>\n<tbody>\n");
		download_row(r, dir.data, "README.md", "What each file, table and column holds (Markdown)");
		download_row(r, dir.data, "record.sqlite", "Everything in one SQLite database, a table per kind of record");
		for (int t = 0; export_tables[t].name; t++) {
			char name[96];
			snprintf(name, sizeof(name), "%s.jsonl", export_tables[t].name);
			download_row(r, dir.data, name, export_tables[t].what);
		}
		download_row(r, dir.data, "export_info.jsonl", "When and from what this export was made");
		buf_puts(b, "</tbody>\n</table>\n");
	} else {
		buf_puts(b, "<p>The export is being prepared. Reload this page in a minute.</p>\n");
	}
	buf_puts(b, "<h2>Formats</h2>\n<p>The SQLite database opens with the <code>sqlite3</code> tool and "
		    "most data software. Each <code>.jsonl</code> file is JSON Lines: one JSON object per "
		    "line, one file per table, with the same columns. Ids are the site's own: meeting 12 is "
		    "<code>/meetings/12</code>. The documents themselves are at the address in each "
		    "<code>file</code> row's <code>url_path</code>. The README describes every column.</p>\n"
		    "<h2>What is not included</h2>\n<p>Only what this site shows the public: nothing from "
		    "draft agendas or draft minutes, no unpublished meetings, and for items taken in private "
		    "(exempt information) only their title and the reason they are exempt.</p>\n"
		    "<h2>For software</h2>\n<p>The same record, kept up to date, for programs: the "
		    "<a href=\"/oparl/v1.1/system\">OParl 1.1 API</a> (the open standard for council "
		    "information systems, which any OParl client reads and which another system can copy "
		    "from), the <a href=\"/calendar.ics\">meetings calendar</a> (iCalendar) and the "
		    "<a href=\"/feeds/meetings.atom\">feed of new meetings, agendas and minutes</a> (Atom). "
		    "Search answers as JSON at <code>/search.json</code>.</p>\n"
		    "<h2>Licence</h2>\n<p>");
	if (pub_body(r->db, &body) == 1 && body.license) {
		html_fmt(b, "%s publishes this record under ", body.name);
		licence_link(b, body.license);
		buf_puts(b, ". A record copied from another system that published it under another licence "
			    "keeps that licence: its rows name it in their <code>license</code> column.");
	} else if (pub_body(r->db, &body) == 1) {
		html_fmt(b, "No licence has been set for this export, so the re-use terms of %s apply.", body.name);
	} else {
		buf_puts(b, "No licence has been set for this export, so the body's own re-use terms apply.");
	}
	buf_puts(b, "</p>\n");
	/* The publication log (docs/LOG.md): its key, to check and witness it. */
	{
		char origin[256], vkey[NOTE_KEY_MAX];
		if (log_identity(r->db, origin, sizeof(origin), vkey, sizeof(vkey)) == 1) {
			buf_puts(b, "<h2 id=\"log\">The publication log</h2>\n<p>Every publication on this site (an agenda, "
				    "minutes, their approval, a document, a decision) is an entry of an append-only, "
				    "signed log, as Certificate Transparency keeps one: a change after publication, or a "
				    "rewritten log, can be told from outside. Keep its <a href=\"/log/checkpoint\">checkpoint</a> "
				    "from time to time and check the site against it with <code>witan log verify</code>; its "
				    "tiles are at <code>/log/tile/</code> (C2SP tlog-tiles), and each document and set of "
				    "minutes has its proof of inclusion (<code>.tlog-proof</code>).</p>\n");
			/* (a key is one long word: it may break anywhere on a phone) */
			html_fmt(b, "<p>Log: <code class=\"wrap-anywhere\">%s</code><br>Verifier key: "
				 "<code class=\"wrap-anywhere\">%s</code></p>\n", origin, vkey);
		}
	}
	page_end(r);
	buf_release(&dir);
	buf_release(&when);
	return 200;
}
