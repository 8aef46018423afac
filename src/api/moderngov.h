/* moderngov.h: ModernGov's public web service and its old page addresses,
 * answered from the public record (docs/API.md, "ModernGov web service
 * and old URLs"), so that the clients of a council that moved from Civica
 * ModernGov (DemocracyClub's scrapers, the moderngov library, councils'
 * apps) read Witan unchanged, and links to its old pages keep working.
 *
 * /mgWebService.asmx/{method}: GetCommittees, GetMeetings, GetMeeting,
 * GetCouncillorsByWard and GetAttachment, as ModernGov writes them (its
 * element names and order, True/False, dd/mm/yyyy, "2.30 pm", counts with
 * a leading space, empty elements holding a newline); errors in plain
 * text.  Read from the pub_* views only (db/public.h, db/moderngov.h).
 *
 * The old pages (/mgAi.aspx?ID=N, /ieListDocuments.aspx?MId=N, ...)
 * answer 301 to the Witan page of the same object, found by the id that
 * an import from ModernGov kept (import_map), else by Witan's own id, and
 * only when that object is public. */
#ifndef WITAN_API_MODERNGOV_H
#define WITAN_API_MODERNGOV_H

#include "http/req.h"

/* The query parameters of the routes below, in the order of r->q[]
 * (names matched without regard to case: ROUTE_NOCASE). */
extern const struct param_spec mg_service_params[];   /* the web service's */
extern const struct param_spec mg_id_params[];        /* ID */
extern const struct param_spec mg_documents_params[]; /* MId, CId */
extern const struct param_spec mg_meetings_params[];  /* CommitteeId, CId */
extern const struct param_spec mg_user_params[];      /* UID */

int page_mg_service(struct req *r);          /* /mgWebService.asmx/{name} */
int page_mg_service_help(struct req *r);     /* /mgWebService.asmx: the methods */

int page_mg_item(struct req *r);             /* /mgAi.aspx?ID= */
int page_mg_documents(struct req *r);        /* /ieListDocuments.aspx?MId= */
int page_mg_attendance(struct req *r);       /* /mgMeetingAttendance.aspx?ID= */
int page_mg_committee(struct req *r);        /* /mgCommitteeDetails.aspx?ID= */
int page_mg_meetings(struct req *r);         /* /ieListMeetings.aspx?CommitteeId= (or CId=) */
int page_mg_user(struct req *r);             /* /mgUserInfo.aspx?UID= */
int page_mg_document(struct req *r);         /* /mgConvert2PDF.aspx?ID= */
int page_mg_list_committees(struct req *r);  /* /mgListCommittees.aspx: to /committees */
int page_mg_member_index(struct req *r);     /* /mgMemberIndex.aspx: to /people */
int page_mg_calendar(struct req *r);         /* /mgCalendarMonthView.aspx: to /meetings */
int page_mg_whats_new(struct req *r);        /* /mgWhatsNew.aspx: to / */

/* Whether path is the web service's; if so, writes r's error as plain
 * text (the route table's error page for these URLs) and returns 1. */
int mg_error_page(struct req *r, int status);

#endif
