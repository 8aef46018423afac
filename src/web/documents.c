/* documents.c: /documents/{id}/{filename}: a public document's bytes,
 * with its type, length, inline disposition, ETag and byte ranges.  Only
 * files in the public record (pub_file) are served; the store itself is
 * never exposed. */
#include "db/public.h"
#include "ui/document.h"
#include "web/web.h"
#include "util/banned.h"

int page_document(struct req *r)
{
	struct file_row f;
	int status = req_not_found(r, pub_file(r->db, r->id[0], &f), "There is no public document at this address.");

	if (status)
		return status;
	r->cache_control = "public, max-age=3600";
	return document_send(r, &f, "/documents");
}
