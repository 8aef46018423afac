/* web.h: the public site's page handlers, one file per area (home.c,
 * committees.c, meetings.c, people.c, issues.c, documents.c, search.c,
 * static.c); their URLs are in the route table (routes/routes.def). */
#ifndef WITAN_WEB_H
#define WITAN_WEB_H

#include "http/router.h"

int page_home(struct req *r);
int page_committees(struct req *r);
int page_committee(struct req *r);
int page_meetings(struct req *r);
int page_meeting(struct req *r);
int page_item(struct req *r);
int page_people(struct req *r);
int page_person(struct req *r);
int page_issue(struct req *r);          /* issues.c: a paper */
int page_decisions(struct req *r);      /* decisions.c: /decisions */
int page_decision(struct req *r);       /* decisions.c: /decisions/{id} */
int page_minutes_pdf(struct req *r);    /* printed.c: /meetings/{id}/minutes.pdf */
int page_decision_pdf(struct req *r);   /* printed.c: /decisions/{id}.pdf */
int page_forward_plan(struct req *r);   /* forward_plan.c: /forward-plan */
int page_document(struct req *r);
int page_meeting_pack(struct req *r);   /* pack.c: /meetings/{id}/pack.pdf */
/* pack.c: the reports pack's link as HTML (request memory), with its
 * size and pages when built ("being prepared" otherwise, and asked for);
 * "" when the meeting has no published agenda, NULL on error.  Call it
 * before reading the meeting: it reads the meeting itself. */
const char *meeting_pack_html(struct req *r, int64_t meeting_id);
int page_static(struct req *r);
int page_theme_css(struct req *r);
int page_logo_svg(struct req *r);
int page_healthz(struct req *r);
int page_search(struct req *r);
/* E-mail alerts (alerts.c): ROUTE_PRIVATE, r->db_private for their tables. */
int page_alerts(struct req *r);
int page_alerts_confirm(struct req *r);
int page_alerts_manage(struct req *r);
int page_alerts_unsubscribe(struct req *r);
int page_privacy(struct req *r);
int page_search_json(struct req *r);   /* the same search as JSON (docs/API.md) */
struct meeting_row;
/* A <script type="application/ld+json"> describing the meeting: a
 * schema.org Event (jsonld.c). */
void jsonld_meeting(struct buf *b, const struct req *r, const struct meeting_row *m);
int page_error(struct req *r);
int page_robots(struct req *r);

#endif
