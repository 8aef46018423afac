/* office.h: office documents (DOCX, ODT, XLSX) turned into PDF by
 * LibreOffice in headless mode, for the reports pack: run as a child
 * process (no shell) in its own process group, with limits on CPU time
 * and address space and a wall-clock timeout that kills the group, with a
 * private HOME and profile, so that a hostile document cannot hurt the
 * server.  Nothing here when LibreOffice is not installed: the pack then
 * lists the document as "not included, download separately". */
#ifndef WITAN_OFFICE_H
#define WITAN_OFFICE_H

#include <stddef.h>

/* Whether `soffice` is on PATH (looked up once). */
int office_available(void);

/* Whether a MIME type is one office_convert() takes. */
int office_convertible(const char *mime_type);

/* Convert the document at src (of type mime_type) to the PDF out_path,
 * working in a fresh directory under tmp_dir (removed afterwards).  The
 * PDF is written to a temporary name and renamed.  0, or -1 with why. */
int office_convert(const char *src, const char *mime_type, const char *tmp_dir, const char *out_path,
		   char *why, size_t whylen);

#endif
