/* document.h: a stored document as the response, inline or as a
 * download: what the public site (/documents/), the back office
 * (/admin/documents/) and the OParl API (file downloads) share. */
#ifndef WITAN_DOCUMENT_H
#define WITAN_DOCUMENT_H

#include "http/req.h"

struct file_row;
/* Send a stored document as r's response, inline (301 to the canonical
 * name when r->name differs; prefix is the URL path before /{id}/{name}),
 * or with prefix NULL as an attachment (a download). */
int document_send(struct req *r, const struct file_row *f, const char *prefix);

#endif
