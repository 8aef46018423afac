/* routes.h: the site's route table: every URL of the public site, the back
 * office and the open-data API with its handler (routes.def), and the page
 * for errors (an OParl error object under /oparl/, the site's error page
 * elsewhere).  The route table sits above the surfaces (web, admin, api),
 * which never include each other; main serves it. */
#ifndef WITAN_ROUTES_H
#define WITAN_ROUTES_H

#include "http/router.h"
#include "util/buf.h"

extern const struct route_table witan_routes;

/* The table as JSON (`witan routes --json`, docs/OPERATIONS.md): an object
 * {"routes": [{pattern, methods, handler, params, cache, backoffice}, ...],
 * "error_pages": [{paths, renderer}], "cors_prefixes"}, in the order the router tries them. */
void routes_json(struct buf *b);
/* The table as text, one route a line (`witan routes`). */
void routes_text(struct buf *b);

#endif
