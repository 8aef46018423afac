/* form.h: request bodies of HTML forms (the back office's POSTs), parsed
 * and checked at the edge.
 *
 * form_parse() takes a body and its Content-Type and fills a struct form
 * with the fields in the order they were sent:
 *
 *   application/x-www-form-urlencoded   names and values percent-decoded
 *                                       ('+' is a space)
 *   multipart/form-data (RFC 7578)      text parts copied and NUL-terminated;
 *                                       file parts (those with a filename
 *                                       parameter) point into the body
 *
 * Every name is 1..FORM_MAX_NAME bytes; every name and text value is valid
 * UTF-8 without NUL.  Nothing else is checked here: values go through the
 * route's parameter specs or the handler's own checks.  A form holds
 * pointers into the body, so the body must outlive it.
 *
 *   struct form f;
 *   char err[128];
 *   if (form_parse(&f, req_header(r, "content-type"), body, len,
 *                  err, sizeof(err)) < 0)
 *           ... 400, and err is the reason to show ...
 *   const char *title = form_get(&f, "title");
 *   const char *v;
 *   for (size_t i = 0; (v = form_each(&f, "order", &i)); )
 *           ... each "order" value in the order sent ...
 *   const struct form_file *doc = form_file(&f, "document");
 *   if (doc && doc->len && form_filename_ok(doc->filename)) ...
 *   form_release(&f);
 */
#ifndef WITAN_FORM_H
#define WITAN_FORM_H

#include <stddef.h>

#define FORM_MAX_FIELDS 256          /* fields or parts in one form */
#define FORM_MAX_NAME 128            /* bytes in a field name (decoded) */
#define FORM_MAX_PART_HEADER 8192    /* bytes in one part's header block */
#define FORM_MAX_BOUNDARY 70         /* RFC 2046 */
#define FORM_MAX_FILENAME 255        /* bytes, for form_filename_ok() */

struct form_file {
	const char *filename;     /* as sent, NUL-terminated, possibly "" (a file
	                           * input left empty); check form_filename_ok() */
	const char *content_type; /* the part's Content-Type as sent, or NULL */
	const char *data;         /* into the body given to form_parse() */
	size_t len;
};

struct form_field {
	const char *name;      /* NUL-terminated */
	const char *value;     /* text field: NUL-terminated; file: NULL */
	size_t len;            /* text field: strlen(value) */
	int is_file;
	struct form_file file; /* when is_file */
};

struct form_chunk;

struct form {
	struct form_field *fields; /* in the order sent */
	size_t n;
	/* private */
	size_t alloc;
	struct form_chunk *mem;    /* names and text values */
};

#define FORM_INIT { NULL, 0, 0, NULL }

/* Parse body[0..len) (need not be NUL-terminated) as sent with the given
 * Content-Type header value (NULL is taken as none).  Initialises f
 * whatever it held.  Returns 0, or -1 with f empty and a short sentence for
 * the user in err (e.g. "The form data is not valid UTF-8.").  Any content
 * type other than the two above is an error. */
int form_parse(struct form *f, const char *content_type, const char *body, size_t len,
	       char *err, size_t errlen);

/* Free what form_parse() allocated and empty f (the body is not touched).
 * Safe on an empty form and on one whose parse failed. */
void form_release(struct form *f);

/* Text fields only (a file part is never a text value):
 * the first value of name, or NULL;
 * the number of values of name;
 * the next value of name at or after position *pos (start with 0), or NULL
 * when there are no more; *pos moves past it. */
const char *form_get(const struct form *f, const char *name);
size_t form_count(const struct form *f, const char *name);
const char *form_each(const struct form *f, const char *name, size_t *pos);

/* File parts only: the first file named name, or NULL; and the next one at
 * or after *pos, as form_each() (for <input type=file multiple>). */
const struct form_file *form_file(const struct form *f, const char *name);
const struct form_file *form_each_file(const struct form *f, const char *name, size_t *pos);

/* 1 if a sent filename may be kept as a document's name: 1..255 bytes of
 * valid UTF-8, without '/', '\\' or control characters (C0, DEL, C1), and
 * neither "." nor "..".  0 otherwise (including NULL). */
int form_filename_ok(const char *filename);

#endif
