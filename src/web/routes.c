/* routes.c: the routing table of the public site (see routes.h).  A route
 * lists the query parameters it accepts; the server validates them before
 * the handler runs. */
#include "web/routes.h"

#include "util/banned.h"

static const struct param_spec meetings_params[] = {
	{ "month", P_MONTH, 0 },
	{ NULL, 0, 0 },
};

static const struct param_spec static_params[] = {
	{ "v", P_TEXT, 64 },
	{ NULL, 0, 0 },
};

#define GET (HTTP_GET | HTTP_HEAD)

const struct route web_routes[] = {
	{ "/", GET, page_home, NULL, ROUTE_CACHE },
	{ "/committees", GET, page_committees, NULL, ROUTE_CACHE },
	{ "/committees/{id}", GET, page_committee, NULL, ROUTE_CACHE },
	{ "/meetings", GET, page_meetings, meetings_params, ROUTE_CACHE },
	{ "/meetings/{id}", GET, page_meeting, NULL, ROUTE_CACHE },
	{ "/meetings/{id}/items/{id}", GET, page_item, NULL, ROUTE_CACHE },
	{ "/people", GET, page_people, NULL, ROUTE_CACHE },
	{ "/people/{id}", GET, page_person, NULL, ROUTE_CACHE },
	{ "/documents/{id}/{name}", GET, page_document, NULL, 0 },
	{ "/static/{name}", GET, page_static, static_params, 0 },
	{ "/healthz", GET, page_healthz, NULL, 0 },
	{ "/errors/{id}", GET, page_error, NULL, 0 },
	{ "/robots.txt", GET, page_robots, NULL, 0 },
	{ NULL, 0, NULL, NULL, 0 },
};
