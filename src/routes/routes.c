/* routes.c: the site's route table (see routes.h): the routes of
 * routes.def, the pages for errors, the paths open to other origins, and
 * the table as `witan routes` prints it.  A route lists the query
 * parameters it accepts; the server validates them before the handler
 * runs. */
#include "routes/routes.h"

#include "admin/admin.h"
#include "api/api.h"
#include "api/export.h"
#include "api/log.h"
#include "api/moderngov.h"
#include "api/oparl.h"
#include "ui/layout.h"
#include "util/json.h"
#include "web/web.h"
#include "util/banned.h"

static const struct param_spec meetings_params[] = {
	{ "month", P_MONTH, 0 },
	{ NULL, 0, 0 },
};

/* A list paged with nothing else (ui/lists: list_page_asked): a
 * committee's meetings, the back office's lists of the directory. */
static const struct param_spec page_params[] = {
	{ "page", P_INT, 0 },
	{ NULL, 0, 0 },
};

static const struct param_spec search_params[] = {
	{ "q", P_TEXT, 500 },          /* the order is search.c's r->q[] */
	{ "page", P_INT, 0 },
	{ "kind", P_TEXT, 16 },
	{ "committee", P_INT, 0 },
	{ "from", P_DATE, 0 },
	{ "to", P_DATE, 0 },
	{ "sort", P_TEXT, 16 },
	{ NULL, 0, 0 },
};

/* E-mail alerts: what to follow (the order is web/alerts.c's r->q[]). */
static const struct param_spec alerts_params[] = {
	{ "follow", P_TEXT, 16 },
	{ "id", P_TEXT, 20 },
	{ "q", P_TEXT, 500 },
	{ "kind", P_TEXT, 16 },
	{ "committee", P_TEXT, 20 },
	{ "from", P_TEXT, 10 },
	{ "to", P_TEXT, 10 },
	{ NULL, 0, 0 },
};

/* A member's record: the attendance period (checked by web/people.c, which
 * says what is wrong with a date). */
static const struct param_spec person_params[] = {
	{ "from", P_TEXT, 32 },
	{ "to", P_TEXT, 32 },
	{ NULL, 0, 0 },
};

static const struct param_spec decisions_params[] = {
	{ "from", P_DATE, 0 },         /* the order is decisions.c's r->q[] */
	{ "to", P_DATE, 0 },
	{ "maker", P_TEXT, 320 },      /* committee-{id} or post-{the post} */
	{ "key", P_INT, 0 },
	{ "status", P_TEXT, 16 },
	{ "kind", P_TEXT, 16 },
	{ "page", P_INT, 0 },
	{ NULL, 0, 0 },
};

static const struct param_spec forward_plan_params[] = {
	{ "past", P_INT, 0 },          /* 1: every entry, not only those due from today */
	{ NULL, 0, 0 },
};

static const struct param_spec login_params[] = {
	{ "next", P_TEXT, 512 },
	{ NULL, 0, 0 },
};

static const struct param_spec move_params[] = {
	{ "d", P_TEXT, 8 },
	{ NULL, 0, 0 },
};

static const struct param_spec feed_params[] = {
	{ "kind", P_TEXT, 16 },        /* meetings, agendas or minutes (api/feeds.c) */
	{ NULL, 0, 0 },
};

static const struct param_spec admin_params[] = {
	{ "committee", P_INT, 0 },     /* the order is admin/meetings.c's r->q[] */
	{ "from", P_DATE, 0 },
	{ "to", P_DATE, 0 },
	{ "status", P_TEXT, 24 },
	{ "q", P_TEXT, 200 },
	{ "page", P_INT, 0 },
	{ NULL, 0, 0 },
};

static const struct param_spec ical_params[] = {
	{ "from", P_TEXT, 10 },        /* YYYY-MM-DD or all (api/ical.c) */
	{ NULL, 0, 0 },
};

static const struct param_spec static_params[] = {
	{ "v", P_TEXT, 64 },
	{ NULL, 0, 0 },
};

#define GET (HTTP_GET | HTTP_HEAD)

static const struct route routes[] = {
#define ROUTE(pattern, methods, handler, params, flags) { pattern, methods, handler, params, flags },
#include "routes/routes.def"
#undef ROUTE
	{ NULL, 0, NULL, NULL, 0 },
};

static const char *const handler_names[] = {
#define ROUTE(pattern, methods, handler, params, flags) #handler,
#include "routes/routes.def"
#undef ROUTE
	NULL,
};

static int site_error_page(struct req *r, int status)
{
	web_error_page(r, status);
	return 1;
}

/* The error pages, tried in order: the first that takes the path renders
 * every 4xx/5xx whose handler wrote no body. */
static const struct {
	const char *paths;
	int (*render)(struct req *r, int status);  /* 1 if it took the path */
	const char *name;
} error_pages[] = {
	/* an OParl error object (api/oparl.c) */
	{ "/oparl, /oparl/...", oparl_error_page, "oparl_error_page" },
	/* plain text, as ModernGov's web service answers (api/moderngov.c) */
	{ "/mgWebService.asmx, /mgWebService.asmx/...", mg_error_page, "mg_error_page" },
	/* the site's error page (ui/layout.c) */
	{ "every other path", site_error_page, "web_error_page" },
};

static void error_page(struct req *r, int status)
{
	for (size_t i = 0; i < sizeof(error_pages) / sizeof(error_pages[0]); i++)
		if (error_pages[i].render(r, status))
			return;
}

/* The open data API and the documents it links to, for browser clients. */
static const char *const cors_prefixes[] = { "/oparl/", "/documents/", NULL };

const struct route_table witan_routes = { routes, error_page, cors_prefixes };

static const char *const type_names[] = {
	[P_INT] = "int", [P_MONTH] = "month", [P_DATE] = "date", [P_TEXT] = "text",
};

static void methods_json(struct buf *b, unsigned methods)
{
	static const struct { unsigned bit; const char *name; } m[] = {
		{ HTTP_GET, "GET" }, { HTTP_HEAD, "HEAD" }, { HTTP_POST, "POST" },
	};
	int n = 0;

	buf_putc(b, '[');
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		if (!(methods & m[i].bit))
			continue;
		if (n++)
			buf_putc(b, ',');
		json_string(b, m[i].name);
	}
	buf_putc(b, ']');
}

static void params_json(struct buf *b, const struct param_spec *ps)
{
	buf_putc(b, '[');
	for (int i = 0; ps && ps[i].name; i++) {
		struct json_obj o;
		if (i)
			buf_putc(b, ',');
		json_begin(&o, b);
		json_str(&o, "name", ps[i].name);
		json_str(&o, "type", type_names[ps[i].type]);
		if (ps[i].type == P_TEXT)
			json_int(&o, "maxlen", (int64_t)(ps[i].maxlen ? ps[i].maxlen : 256));
		json_end(&o);
	}
	buf_putc(b, ']');
}

void routes_json(struct buf *b)
{
	struct json_obj top;

	json_begin(&top, b);
	json_key(&top, "routes");
	buf_puts(b, "[\n");
	for (size_t i = 0; routes[i].pattern; i++) {
		struct json_obj o;
		if (i)
			buf_puts(b, ",\n");
		json_begin(&o, b);
		json_str(&o, "pattern", routes[i].pattern);
		json_key(&o, "methods");
		methods_json(b, routes[i].methods);
		json_str(&o, "handler", handler_names[i]);
		json_key(&o, "params");
		params_json(b, routes[i].params);
		json_bool(&o, "cache", (routes[i].flags & ROUTE_CACHE) != 0);
		json_bool(&o, "backoffice", (routes[i].flags & ROUTE_BACKOFFICE) != 0);
		json_bool(&o, "private", (routes[i].flags & ROUTE_PRIVATE) != 0);
		json_bool(&o, "slow", (routes[i].flags & ROUTE_SLOW) != 0);
		json_end(&o);
	}
	buf_puts(b, "\n]");
	json_key(&top, "error_pages");
	buf_putc(b, '[');
	for (size_t i = 0; i < sizeof(error_pages) / sizeof(error_pages[0]); i++) {
		struct json_obj o;
		if (i)
			buf_putc(b, ',');
		json_begin(&o, b);
		json_str(&o, "paths", error_pages[i].paths);
		json_str(&o, "renderer", error_pages[i].name);
		json_end(&o);
	}
	buf_putc(b, ']');
	json_key(&top, "cors_prefixes");
	buf_putc(b, '[');
	for (size_t i = 0; cors_prefixes[i]; i++) {
		if (i)
			buf_putc(b, ',');
		json_string(b, cors_prefixes[i]);
	}
	buf_putc(b, ']');
	json_end(&top);
	buf_putc(b, '\n');
}

void routes_text(struct buf *b)
{
	for (size_t i = 0; routes[i].pattern; i++) {
		unsigned m = routes[i].methods;
		buf_printf(b, "%-13s %-52s %-32s%s%s%s%s\n",
			   (m & HTTP_POST) ? ((m & HTTP_GET) ? "GET,HEAD,POST" : "POST") : "GET,HEAD",
			   routes[i].pattern, handler_names[i], (routes[i].flags & ROUTE_CACHE) ? " cache" : "",
			   (routes[i].flags & ROUTE_BACKOFFICE) ? " backoffice" : "",
			   (routes[i].flags & ROUTE_PRIVATE) ? " private" : "",
			   (routes[i].flags & ROUTE_SLOW) ? " slow" : "");
	}
}
