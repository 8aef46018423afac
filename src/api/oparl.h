/* oparl.h: the OParl 1.1 API's handlers (see docs/API.md, "OParl").
 *
 * Every URL under /oparl/v1.1/ answers JSON with
 * Access-Control-Allow-Origin: * (the server's cors_prefix), errors
 * included: an error is an OParl error object with an error status.  The
 * objects come from db/oparl.c. */
#ifndef WITAN_API_OPARL_H
#define WITAN_API_OPARL_H

#include "http/req.h"

/* The query parameters of list URLs, in the order of r->q[]. */
extern const struct param_spec oparl_list_params[];

int page_oparl_root(struct req *r);        /* /oparl, /oparl/v1.1: to the system */
int page_oparl_system(struct req *r);      /* /oparl/v1.1/system */
int page_oparl_bodies(struct req *r);      /* /oparl/v1.1/body */
int page_oparl_body_list(struct req *r);   /* /oparl/v1.1/body/{id}/{name} */
int page_oparl_org_meetings(struct req *r);/* /oparl/v1.1/organization/{id}/meeting */
int page_oparl_invitation(struct req *r);  /* a meeting's reports pack as a File */
int page_oparl_results_protocol(struct req *r);  /* its printed minutes as a File */
int page_oparl_object(struct req *r);      /* /oparl/v1.1/{name}/{id} */
int page_oparl_download(struct req *r);    /* /oparl/v1.1/file/{id}/download */

/* Whether path is the API's; if so, writes r's error as an OParl error
 * object (the server's error page for these URLs) and returns 1. */
int oparl_error_page(struct req *r, int status);

#endif
