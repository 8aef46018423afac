/* pack.c: a meeting's reports pack (/meetings/{id}/pack.pdf) and its link
 * on the meeting page.  The pack is built by docs/pack's thread; here it
 * is found by the hash of its inputs, sent when ready, the previous one
 * sent meanwhile when every document it includes is still public, and
 * otherwise a 503 asking the reader to try again. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "docs/pack.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "web/web.h"
#include "util/banned.h"

static void send_pack(struct req *r, const struct pack_input *in, struct pack_found *f)
{
	struct buf b = BUF_INIT;

	r->file.fd = f->fd;
	r->file.size = f->size;
	f->fd = -1;
	r->content_type = "application/pdf";
	buf_printf(&b, "\"%.32s\"", f->hash);
	r->etag = req_strdup(r, b.data);
	buf_reset(&b);
	buf_printf(&b, "inline; filename=\"%s\"", in->filename);
	req_add_header(r, "content-disposition", b.data);
	buf_release(&b);
	r->cache_control = "no-cache";
	r->nocache = 1;
}

int page_meeting_pack(struct req *r)
{
	struct pack_input in;
	struct pack_found f = { .fd = -1 };
	int rc = pack_read(r->db, r->id[0], r->app->base_url, &in), status, found;

	if (rc <= 0) {
		status = req_not_found(r, rc, "This meeting has no published agenda, so it has no reports pack.");
		goto out;
	}
	found = pack_find(&r->app->store, &in, 1, &f);
	if (found && !f.stale) {
		send_pack(r, &in, &f);
		status = 200;
		goto out;
	}
	pack_request(in.meeting_id);
	if (found) {
		/* The previous version, saying so, while the new one is made. */
		req_add_header(r, "witan-pack-status", "updating");
		send_pack(r, &in, &f);
		status = 200;
		goto out;
	}
	r->nocache = 1;
	r->cache_control = "no-store";
	req_add_header(r, "retry-after", "5");
	page_begin(r, SEC_MEETINGS, "Reports pack being prepared", NULL, 0);
	buf_printf(&r->body, "<h1>Reports pack being prepared</h1>\n"
		   "<p>The reports pack is being prepared; try again in a few seconds.</p>\n"
		   "<p><a href=\"/meetings/%lld\">Back to the meeting</a></p>\n", (long long)in.meeting_id);
	page_end(r);
	status = 503;
out:
	if (f.fd >= 0)
		close(f.fd);
	pack_input_release(&in);
	return status;
}

/* "1.2 MB", "340 KB" */
static void put_size(struct buf *b, long long n)
{
	if (n >= 1000 * 1000)
		buf_printf(b, "%.1f MB", (double)n / 1e6);
	else
		buf_printf(b, "%lld KB", (n + 999) / 1000);
}

const char *meeting_pack_html(struct req *r, int64_t meeting_id)
{
	struct pack_input in;
	struct pack_found f;
	struct buf b = BUF_INIT;
	const char *html = NULL;
	int rc = pack_read(r->db, meeting_id, r->app->base_url, &in);

	if (rc <= 0) {
		html = rc < 0 ? NULL : "";
		goto out;
	}
	buf_printf(&b, "<p class=\"pack\"><a href=\"/meetings/%lld/pack.pdf\">Reports pack</a> ",
		   (long long)meeting_id);
	if (pack_find(&r->app->store, &in, 0, &f) == 1 && !f.stale) {
		buf_printf(&b, "(PDF, %d page%s, ", f.pages, f.pages == 1 ? "" : "s");
		put_size(&b, (long long)f.size);
		buf_puts(&b, ")</p>\n");
	} else {
		/* Not cached: the page changes when the pack is ready. */
		buf_puts(&b, "(PDF, being prepared)</p>\n");
		r->nocache = 1;
		pack_request(meeting_id);
	}
	if (!b.err)
		html = req_strdup(r, b.data);
out:
	buf_release(&b);
	pack_input_release(&in);
	return html;
}
