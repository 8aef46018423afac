/* sniff.h: the type of an uploaded document, told from its bytes alone.
 *
 * The filename and the Content-Type a browser sends are the client's word;
 * a stored document's type is what sniff_mime() finds, and an upload it
 * does not recognise is refused.  Recognised:
 *
 *   application/pdf     "%PDF-" at offset 0 (not anywhere in the first KiB)
 *   image/png, image/jpeg, image/gif, image/webp
 *   DOCX, XLSX, PPTX    a ZIP whose first entry under word/, xl/ or ppt/
 *                       decides (local file headers in order; the central
 *                       directory when a data descriptor hides the sizes)
 *   ODT, ODS, ODP       a ZIP whose first entry is "mimetype", stored, with
 *                       the OpenDocument type as its content
 *
 * Anything else is NULL: plain ZIPs, HTML, SVG (scripts: never an upload),
 * text.  Nothing is decompressed and no read goes outside data[0..len).
 */
#ifndef WITAN_SNIFF_H
#define WITAN_SNIFF_H

#include <stddef.h>

/* The MIME type of data[0..len) (a static string), or NULL. */
const char *sniff_mime(const void *data, size_t len);

/* The file extension for a type sniff_mime() returns (".pdf", ".docx",
 * ".jpg", ...), or NULL for any other type. */
const char *mime_extension(const char *mime);

/* A safe name for a document's URL from the name it came with:
 * lower-case letters, digits and hyphens, with the extension of its
 * detected type (mime, from sniff_mime()), appended to out. */
struct buf;
void safe_filename(struct buf *out, const char *name, const char *mime);

#endif
