/* static.c: embedded static assets, /healthz and /robots.txt. */
#include "web/static.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db/db.h"
#include "store/store.h"
#include "util/embed.h"
#include "web/web.h"
#include "util/banned.h"

#define MAX_ASSETS 32

static struct asset {
	const struct embedded_file *file;
	char version[13];
	char etag[16];
} assets[MAX_ASSETS];
static int nassets;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_assets(void)
{
	for (const struct embedded_file *f = embedded_files; f->name && nassets < MAX_ASSETS; f++) {
		char sha[65];
		if (strncmp(f->name, "static/", 7) != 0)
			continue;
		store_sha256_hex(f->data, f->len, sha);
		assets[nassets].file = f;
		snprintf(assets[nassets].version, sizeof(assets[nassets].version), "%.12s", sha);
		snprintf(assets[nassets].etag, sizeof(assets[nassets].etag), "\"%.12s\"", sha);
		nassets++;
	}
}

static const struct asset *find_asset(const char *name)
{
	pthread_once(&once, load_assets);
	for (int i = 0; i < nassets; i++)
		if (strcmp(assets[i].file->name + 7, name) == 0)
			return &assets[i];
	return NULL;
}

const char *static_version(const char *name)
{
	const struct asset *a = find_asset(name);
	return a ? a->version : "";
}

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

int page_static(struct req *r)
{
	const struct asset *a = find_asset(r->name);

	if (!a)
		return 404;
	r->content_type = type_of(r->name);
	r->etag = a->etag;
	/* Links carry ?v=VERSION, so a versioned URL never changes. */
	r->cache_control = r->q[0].set ? "public, max-age=31536000, immutable" : "public, max-age=300";
	buf_append(&r->body, a->file->data, a->file->len);
	return 200;
}

int page_healthz(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	r->cache_control = "no-store";
	if (!db_ping(r->db)) {
		buf_puts(&r->body, "database unavailable\n");
		return 503;
	}
	buf_puts(&r->body, "ok\n");
	return 200;
}

int page_robots(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->body, "User-agent: *\nDisallow: /admin/\nDisallow: /login\n");
	/* The sitemap's absolute address (api/feeds.c). */
	if (r->app && r->app->base_url)
		buf_printf(&r->body, "\nSitemap: %s/sitemap.xml\n", r->app->base_url);
	return 200;
}

/* /errors/{status}: the error page for a status that h2o answered itself
 * (see the errordoc set-up in http/server.c). */
int page_error(struct req *r)
{
	int64_t status = r->id[0];

	if (status < 400 || status > 599)
		return 404;
	switch (status) {
	case 413:
		r->errmsg = "The request body is too large. This site accepts at most 64 MB.";
		break;
	case 400:
		r->errmsg = "The request was not understood.";
		break;
	default:
		break;
	}
	return (int)status;
}
