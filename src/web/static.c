/* static.c: /static/NAME (the embedded assets of ui/static.h), /healthz,
 * /robots.txt and /errors/{status}. */
#include <string.h>

#include "app.h"
#include "db/db.h"
#include "db/public.h"
#include "ui/layout.h"
#include "ui/static.h"
#include "web/web.h"
#include "util/banned.h"

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
	const struct asset *a = static_find(r->name);

	if (!a)
		return 404;
	r->content_type = type_of(r->name);
	r->etag = a->etag;
	/* Links carry ?v=VERSION, so a versioned URL never changes. */
	r->cache_control = r->q[0].set ? "public, max-age=31536000, immutable" : "public, max-age=300";
	buf_append(&r->body, a->file->data, a->file->len);
	return 200;
}

/* /theme.css: the body's colours, which pages link as /theme.css?v=COLOURS
 * (ui/layout.c) rather than write inline, for a CSP without
 * 'unsafe-inline'.  A ?v= naming other colours (a page from before a
 * change) gets today's, briefly cached. */
int page_theme_css(struct req *r)
{
	struct body_row body;
	int have = pub_body(r->db, &body);
	const char *p, *a;
	char ver[LAYOUT_VERSION_MAX];

	if (have < 0)
		return 500;
	layout_colours(have ? &body : NULL, &p, &a);
	layout_theme_version(have ? &body : NULL, ver);
	r->content_type = "text/css; charset=utf-8";
	r->cache_control = r->q[0].set && strcmp(r->q[0].text, ver) == 0 ?
		"public, max-age=31536000, immutable" : "public, max-age=300";
	buf_printf(&r->body, ":root{--primary:%s;--accent:%s}\n", p, a);
	return 200;
}

/* /logo.svg: the body's logo (checked when uploaded: util/valid.c), shown
 * by pages as an <img>, where an SVG runs nothing and its own styles
 * apply.  Opened on its own it is a document of our origin: its CSP lets
 * it style itself and nothing more. */
int page_logo_svg(struct req *r)
{
	struct body_row body;
	int have = pub_body(r->db, &body);
	char ver[LAYOUT_VERSION_MAX];

	if (have < 0)
		return 500;
	if (have == 0 || !body.logo_svg)
		return 404;
	r->content_type = "image/svg+xml";
	r->cache_control = r->q[0].set && strcmp(r->q[0].text, layout_logo_version(body.logo_svg, ver)) == 0 ?
		"public, max-age=31536000, immutable" : "public, max-age=300";
	req_add_header(r, "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
	buf_puts(&r->body, body.logo_svg);
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
