/* export.h: the bulk export of the public record (issue 5, "Open data"):
 * the files (record.sqlite, one JSON Lines file per entity, README.md,
 * optionally the public documents), `witan export`, the server's
 * background generation into FILE.export/, and the /export pages.
 * The tables and the queries are db/export.h's; the format is described
 * in docs/API.md and in the README.md of every export. */
#ifndef WITAN_API_EXPORT_H
#define WITAN_API_EXPORT_H

struct req;

/* `witan export --db FILE [--documents] DIR`: DIR must be missing (it is
 * created) or empty; nothing is ever overwritten, and on failure what was
 * written is removed again.  progress(ctx, done, total) on each step (may
 * be NULL).  Returns the exit status (0, or 1 with a message on stderr). */
int export_command(const char *db_path, const char *dir, int documents,
		   void (*progress)(void *ctx, long done, long total), void *ctx);

/* The server's export thread: keeps FILE.export/current (a symbolic link
 * to the last complete export) up to date, regenerating when /export is
 * asked for and the record has changed since the last generation.
 * base_url (may be NULL) is recorded in export_info.  0 or -1. */
int export_thread_start(const char *db_path, const char *base_url);
void export_thread_stop(void);

/* GET /export: the downloads, their sizes and when they were generated. */
int page_export(struct req *r);
/* GET /export/{name}: one file of the current export. */
int page_export_file(struct req *r);

#endif
