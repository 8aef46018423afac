/* printed.h: printed records as PDF: a meeting's minutes
 * (/meetings/{id}/minutes.pdf) and a decision notice (/decisions/{id}.pdf),
 * typeset from the stored record by docs/pdfgen (web/printed.c). */
#ifndef WITAN_WEB_PRINTED_H
#define WITAN_WEB_PRINTED_H

#include <stddef.h>

#include "db/public.h"
#include "http/req.h"

int page_minutes_pdf(struct req *r);   /* /meetings/{id}/minutes.pdf */
int page_decision_pdf(struct req *r);  /* /decisions/{id}.pdf */

/* Whether meeting m's minutes are public, and if so the printed minutes'
 * page count and size in bytes (rendered now if not in the cache): 1, 0
 * (not public), -1 (failed). */
int printed_minutes_info(struct req *r, const struct meeting_row *m, int *pages, size_t *size);

#endif
