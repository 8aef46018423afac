/* sections.h: the parts of the back office's meeting and item pages that
 * forms of other files post to (sections.c): meetings.c shows them, and the
 * handlers of those forms (documents.c, proceedings.c) show meetings.c's
 * pages again, so these sit below both. */
#ifndef WITAN_ADMIN_SECTIONS_H
#define WITAN_ADMIN_SECTIONS_H

#include <stdint.h>

#include "http/req.h"

/* Attendance and declarations of a meeting, with their forms. */
void admin_proceedings_section(struct req *r, int64_t meeting_id);
/* Votes on an item, with the form. */
void admin_votes_section(struct req *r, int64_t meeting_id, int64_t item_id);
/* The documents of a meeting and the upload form. */
void admin_documents_section(struct req *r, int64_t meeting_id);

#endif
