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
	{ "/", GET, page_home, NULL },
	{ "/committees", GET, page_committees, NULL },
	{ "/committees/{id}", GET, page_committee, NULL },
	{ "/meetings", GET, page_meetings, meetings_params },
	{ "/meetings/{id}", GET, page_meeting, NULL },
	{ "/meetings/{id}/items/{id}", GET, page_item, NULL },
	{ "/people", GET, page_people, NULL },
	{ "/people/{id}", GET, page_person, NULL },
	{ "/documents/{id}/{name}", GET, page_document, NULL },
	{ "/static/{name}", GET, page_static, static_params },
	{ "/healthz", GET, page_healthz, NULL },
	{ "/robots.txt", GET, page_robots, NULL },
	{ NULL, 0, NULL, NULL },
};
