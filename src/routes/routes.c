/* routes.c: the routing table of the public site (see routes.h).  A route
 * lists the query parameters it accepts; the server validates them before
 * the handler runs. */
#include "web/web.h"

#include "admin/admin.h"
#include "api/api.h"
#include "api/oparl.h"
#include "api/export.h"

#include "util/banned.h"

static const struct param_spec meetings_params[] = {
	{ "month", P_MONTH, 0 },
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
	{ "/issues/{id}", GET, page_issue, NULL, ROUTE_CACHE },
	{ "/documents/{id}/{name}", GET, page_document, NULL, 0 },
	{ "/search", GET, page_search, search_params, ROUTE_CACHE },
	{ "/search.json", GET, page_search_json, search_params, ROUTE_CACHE },
	{ "/static/{name}", GET, page_static, static_params, 0 },
	{ "/healthz", GET, page_healthz, NULL, 0 },
	{ "/errors/{id}", GET, page_error, NULL, 0 },
	/* The back office: never cached; each handler checks the session and
	 * reads and writes through the back office's connection. */
	{ "/login", GET, page_login, login_params, ROUTE_BACKOFFICE },
	{ "/login", HTTP_POST, post_login, NULL, ROUTE_BACKOFFICE },
	{ "/logout", HTTP_POST, post_logout, NULL, ROUTE_BACKOFFICE },
	{ "/admin", GET, page_admin, NULL, ROUTE_BACKOFFICE },
	{ "/admin/audit", GET, page_admin_audit, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/new", GET, page_admin_meeting_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/new", HTTP_POST, post_admin_meeting_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}", GET, page_admin_meeting, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}", HTTP_POST, post_admin_meeting, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/state", HTTP_POST, post_admin_meeting_state, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/publish", HTTP_POST, post_admin_agenda_publish, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/unpublish", HTTP_POST, post_admin_agenda_unpublish, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/minutes", HTTP_POST, post_admin_minutes, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/items", HTTP_POST, post_admin_item_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/items/{id}", GET, page_admin_item, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/items/{id}", HTTP_POST, post_admin_item, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/items/{id}/move", HTTP_POST, post_admin_item_move, move_params, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/items/{id}/votes", HTTP_POST, post_admin_vote, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/items/{id}/votes/{id}/record", HTTP_POST, post_admin_vote_record, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/attendance", HTTP_POST, post_admin_attendance, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/declarations", HTTP_POST, post_admin_declaration, NULL, ROUTE_BACKOFFICE },
	{ "/admin/meetings/{id}/documents", HTTP_POST, post_admin_document, NULL, ROUTE_BACKOFFICE },
	{ "/admin/documents/{id}/{name}", GET, page_admin_document, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees", GET, page_admin_committees, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees/new", GET, page_admin_committee_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees/new", HTTP_POST, post_admin_committee_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees/{id}", GET, page_admin_committee, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees/{id}", HTTP_POST, post_admin_committee, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees/{id}/members", HTTP_POST, post_admin_committee_member, NULL, ROUTE_BACKOFFICE },
	{ "/admin/committees/{id}/members/{id}/end", HTTP_POST, post_admin_committee_member_end, NULL, ROUTE_BACKOFFICE },
	{ "/admin/people", GET, page_admin_people, NULL, ROUTE_BACKOFFICE },
	{ "/admin/people/new", GET, page_admin_person_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/people/new", HTTP_POST, post_admin_person_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/people/{id}", GET, page_admin_person, NULL, ROUTE_BACKOFFICE },
	{ "/admin/people/{id}", HTTP_POST, post_admin_person, NULL, ROUTE_BACKOFFICE },
	{ "/admin/locations", GET, page_admin_locations, NULL, ROUTE_BACKOFFICE },
	{ "/admin/locations/new", GET, page_admin_location_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/locations/new", HTTP_POST, post_admin_location_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/locations/{id}", GET, page_admin_location, NULL, ROUTE_BACKOFFICE },
	{ "/admin/locations/{id}", HTTP_POST, post_admin_location, NULL, ROUTE_BACKOFFICE },
	{ "/admin/users", GET, page_admin_users, NULL, ROUTE_BACKOFFICE },
	{ "/admin/users/new", GET, page_admin_user_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/users/new", HTTP_POST, post_admin_user_new, NULL, ROUTE_BACKOFFICE },
	{ "/admin/users/{id}", GET, page_admin_user, NULL, ROUTE_BACKOFFICE },
	{ "/admin/users/{id}", HTTP_POST, post_admin_user, NULL, ROUTE_BACKOFFICE },
	{ "/admin/settings", GET, page_admin_settings, NULL, ROUTE_BACKOFFICE },
	{ "/admin/settings", HTTP_POST, post_admin_settings, NULL, ROUTE_BACKOFFICE },
	{ "/robots.txt", GET, page_robots, NULL, 0 },
	/* The OParl 1.1 API (api/oparl.c): specific routes before the generic
	 * /{name}/{id}. */
	{ "/oparl", GET, page_oparl_root, NULL, 0 },
	{ "/oparl/v1.1", GET, page_oparl_root, NULL, 0 },
	{ "/oparl/v1.1/system", GET, page_oparl_system, NULL, ROUTE_CACHE },
	{ "/oparl/v1.1/body", GET, page_oparl_bodies, oparl_list_params, ROUTE_CACHE },
	{ "/oparl/v1.1/body/{id}/{name}", GET, page_oparl_body_list, oparl_list_params, ROUTE_CACHE },
	{ "/oparl/v1.1/organization/{id}/meeting", GET, page_oparl_org_meetings, oparl_list_params, ROUTE_CACHE },
	{ "/oparl/v1.1/file/{id}/download", GET, page_oparl_download, NULL, 0 },
	{ "/oparl/v1.1/{name}/{id}", GET, page_oparl_object, NULL, ROUTE_CACHE },
	/* The bulk export (api/export.c): not cached, it follows the export thread. */
	{ "/export", GET, page_export, NULL, 0 },
	{ "/export/{name}", GET, page_export_file, NULL, 0 },
	/* Calendars, feeds and the sitemap (api/ical.c, api/feeds.c). */
	{ "/calendar.ics", GET, page_ical_all, NULL, ROUTE_CACHE },
	{ "/committees/{id}.ics", GET, page_ical_committee, NULL, ROUTE_CACHE },
	{ "/meetings/{id}.ics", GET, page_ical_meeting, NULL, ROUTE_CACHE },
	{ "/feeds/meetings.atom", GET, page_atom_site, feed_params, ROUTE_CACHE },
	{ "/committees/{id}/feed.atom", GET, page_atom_committee, feed_params, ROUTE_CACHE },
	{ "/sitemap.xml", GET, page_sitemap, NULL, ROUTE_CACHE },
	{ "/sitemaps/{id}.xml", GET, page_sitemap_part, NULL, ROUTE_CACHE },
	{ NULL, 0, NULL, NULL, 0 },
};
