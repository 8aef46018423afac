/* documents.c: uploading documents to a meeting or an agenda item, and
 * letting clerks open any document (exempt ones included).
 *
 * An upload is refused with a clear message, and nothing stored, when it is
 * empty, over the cap, of a type we do not take (told from its bytes: PDF,
 * Word, Excel, OpenDocument text, images), when its content does not match
 * the type its name or Content-Type claims, or when its filename has path
 * separators or control characters.  The bytes go to the store
 * (content-addressed: the same bytes are kept once) before the database
 * records them; if the database write fails, new bytes are removed again. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin/admin.h"
#include "admin/sections_int.h"
#include "app.h"
#include "auth/auth.h"
#include "db/admin.h"
#include "db/db.h"
#include "docs/extract.h"
#include "docs/sniff.h"
#include "store/store.h"
#include "util/utf8.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/document.h"
#include "util/banned.h"

#define UPLOAD_MAX (50u << 20)
#define NROLES (sizeof(roles) / sizeof(roles[0]))

/* The types we take, by what their bytes say. */
static int allowed(const char *mime)
{
	static const char *const ok[] = {
		"application/pdf",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.oasis.opendocument.text",
		"image/png", "image/jpeg", "image/gif", "image/webp",
	};
	for (size_t i = 0; mime && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(ok[i], mime) == 0)
			return 1;
	return 0;
}

/* Does the client claim a type we take (by extension or Content-Type)? */
static int claims_allowed(const char *filename, const char *claimed_type)
{
	static const char *const exts[] = { ".pdf", ".docx", ".xlsx", ".odt", ".png", ".jpg", ".jpeg", ".gif", ".webp" };
	const char *dot = strrchr(filename, '.');

	if (claimed_type && allowed(claimed_type))
		return 1;
	for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return 1;
	return 0;
}

/* Does what the client claimed (extension, Content-Type) fit the bytes? */
static int claim_matches(const char *filename, const char *claimed_type, const char *mime)
{
	const char *dot = strrchr(filename, '.');
	const char *ext = mime_extension(mime);

	if (claimed_type && *claimed_type && strcasecmp(claimed_type, "application/octet-stream") != 0 &&
	    strncasecmp(claimed_type, mime, strlen(mime)) != 0)
		return 0;
	if (!dot)
		return 1;
	if (ext && strcasecmp(dot, ext) == 0)
		return 1;
	/* .jpeg for .jpg */
	return strcmp(mime, "image/jpeg") == 0 && strcasecmp(dot, ".jpeg") == 0;
}

/* The upload of a document to meeting r->id[0]: stored and attached, or
 * the meeting page again with the upload form's errors. */
static int upload(struct req *r, struct apost *p, const void *ctx)
{
	struct form_errors *fe = &p->fe;
	struct meeting_row m;
	const struct form_file *file = form_file(&p->f, "file");
	const char *title = form_get(&p->f, "title"), *role = form_get(&p->f, "role"), *item = form_get(&p->f, "item_id");
	const char *mime;
	struct buf name = BUF_INIT;
	struct file_attach a = { 0 };
	char sha[65];
	int rc = 400, ok_role = 0;

	(void)ctx;
	for (size_t i = 0; role && i < NROLES; i++)
		ok_role |= strcmp(role, roles[i]) == 0;
	if (!file || !file->filename || !*file->filename) {
		ferr_add(fe, "file", "Choose a file to upload.");
		goto again;
	}
	if (!form_filename_ok(file->filename)) {
		ferr_add(fe, "file", "The file's name has characters we cannot keep (slashes or control characters): rename it and try again.");
		goto again;
	}
	if (file->len == 0) {
		ferr_add(fe, "file", "The file is empty.");
		goto again;
	}
	if (file->len > UPLOAD_MAX) {
		ferr_add(fe, "file", "The file is larger than 50 MB.");
		rc = 413;
		goto again;
	}
	mime = sniff_mime(file->data, file->len);
	if ((!mime || !allowed(mime)) && claims_allowed(file->filename, file->content_type)) {
		ferr_add(fe, "file", "The file's content does not match its name or type (for example a file named .pdf that is not a PDF).");
		rc = 415;
		goto again;
	}
	if (!mime || !allowed(mime)) {
		ferr_add(fe, "file", "This kind of file cannot be uploaded: use PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt) or an image.");
		rc = 415;
		goto again;
	}
	if (!claim_matches(file->filename, file->content_type, mime)) {
		ferr_add(fe, "file", "The file's content does not match its name or type (for example a file named .pdf that is not a PDF).");
		rc = 415;
		goto again;
	}
	if (!title || !*title || strlen(title) > 300 || !utf8_valid(title, strlen(title))) {
		ferr_add(fe, "title", "Give the document a title (at most 300 characters).");
		goto again;
	}
	for (const char *t = title; *t; t++) {
		if ((unsigned char)*t < 0x20) {
			ferr_add(fe, "title", "The title must not contain control characters.");
			goto again;
		}
	}
	if (!ok_role) {
		ferr_add(fe, "role", "Choose the kind of document from the list.");
		goto again;
	}
	a.meeting_id = r->id[0];
	if (item && *item) {
		char *end;
		long long v = strtoll(item, &end, 10);
		if (*end || v <= 0) {
			ferr_add(fe, "item_id", "Choose the item from the list.");
			goto again;
		}
		a.item_id = v;
	}
	safe_filename(&name, file->filename, mime);
	if (store_put(&r->app->store, file->data, file->len, sha) < 0) {
		/* (store_put leaves nothing behind: no partial file, no row) */
		if (errno == ENOSPC || errno == EDQUOT) {
			r->errmsg = "The server's disk is full: the file was not stored and nothing was changed. "
				    "Tell the site's administrator.";
			rc = 507;
		} else {
			r->errmsg = "The file could not be stored.";
			rc = 500;
		}
		fprintf(stderr, "witan: storing an upload of %zu bytes: %s\n", file->len, strerror(errno));
		goto out;
	}
	a.title = title;
	a.filename = name.data;
	a.mime_type = mime;
	a.sha256 = sha;
	a.role = role;
	a.size = file->len;
	/* On failure the bytes stay for the store's sweep: another upload of
	 * the same bytes may have named them meanwhile. */
	if (adm_file_attach(r->db, p->s.user_id, &a) < 0) {
		if (strstr(r->db->err, "no such")) {
			r->errmsg = "There is no such meeting or item.";
			rc = 404;
		} else {
			rc = 500;
		}
		goto out;
	}
	extract_wake(); /* its text, for search, off the event loop */
	rc = admin_saved(r, 0, NULL, "/admin/meetings/%lld#documents", a.meeting_id, 0);
	goto out;
again:
	/* Show the meeting page again, with the upload form's errors and
	 * what was typed (a file input cannot keep its file). */
	if (adm_meeting(r->db, r->id[0], &m) == 1) {
		resubmit_set("up-", &p->f, fe);
		if (admin_meeting_page_stored(r, &m) != 200)
			rc = 500;
		resubmit_set(NULL, NULL, NULL);
	} else {
		rc = 404;
	}
out:
	buf_release(&name);
	return rc;
}

int post_admin_document(struct req *r)
{
	return admin_post_run(r, ROLE_CLERK, upload, NULL);
}

int page_admin_document(struct req *r)
{
	struct session_row s;
	struct file_row f;
	int rc = auth_page(r, &s, ROLE_CLERK);

	if (rc)
		return rc;
	if ((rc = adm_file(r->db, r->id[0], &f)) <= 0)
		return rc < 0 ? 500 : 404;
	return document_send(r, &f, "/admin/documents");
}
