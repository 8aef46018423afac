/* document.c: a stored document as the response (see document.h). */
#include "ui/document.h"

#include <string.h>

#include "app.h"
#include "db/public.h"
#include "store/store.h"
#include "ui/html.h"
#include "util/banned.h"

int document_send(struct req *r, const struct file_row *f, const char *prefix)
{
	struct buf b = BUF_INIT;
	int fd;
	off_t size;

	if (prefix && (!r->name || strcmp(f->filename, r->name) != 0)) {
		/* The id decides; send the reader to the canonical name. */
		buf_printf(&b, "%s/%lld/", prefix, (long long)f->id);
		url_escape(&b, f->filename);
		req_add_header(r, "location", b.data);
		buf_release(&b);
		return 301;
	}
	fd = store_open_read(&r->app->store, f->sha256, &size);
	if (fd < 0) {
		r->errmsg = "This document's file is missing from the store.";
		return 500;
	}
	r->file.fd = fd;
	r->file.size = size;
	r->content_type = req_strdup(r, f->mime_type);
	buf_printf(&b, "\"%.32s\"", f->sha256);
	r->etag = req_strdup(r, b.data);
	buf_reset(&b);
	/* The stored filename is [a-z0-9.-] by construction; quote it anyway. */
	buf_puts(&b, prefix ? "inline; filename=\"" : "attachment; filename=\"");
	for (const char *p = f->filename; *p; p++)
		if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			buf_putc(&b, *p);
	buf_puts(&b, "\"");
	req_add_header(r, "content-disposition", b.data);
	buf_release(&b);
	return 200;
}
