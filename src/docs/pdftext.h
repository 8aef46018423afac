/* pdftext.h: the text of a PDF, page by page, from poppler's pdftotext run
 * as a child process with limits (CPU time, memory, wall-clock time,
 * output size), so that a broken or hostile PDF cannot hurt the server:
 * untrusted PDFs are never parsed inside it.  Pages are split at the form
 * feeds pdftotext writes between pages, so a hit in the text can link to
 * its page (#page=N). */
#ifndef WITAN_PDFTEXT_H
#define WITAN_PDFTEXT_H

#include <stddef.h>

struct pdftext_limits {
	const char *program;   /* NULL: "pdftotext" on PATH (tests give another) */
	int cpu_seconds;       /* RLIMIT_CPU of the child; 0: 20 */
	size_t memory_bytes;   /* RLIMIT_AS of the child; 0: 512 MiB */
	int wall_seconds;      /* killed after this; 0: 30 */
	size_t max_output;     /* bytes of text kept; 0: 16 MiB */
	int max_pages;         /* pages kept; 0: 5000 */
	const volatile int *cancel; /* non-NULL: the child is killed when *cancel becomes non-zero */
};

enum pdftext_status {
	PDFTEXT_OK = 0,        /* all the text */
	PDFTEXT_FAILED,        /* pdftotext could not read the file (corrupt, encrypted, not a PDF) */
	PDFTEXT_LIMIT,         /* stopped at a limit: the pages before it are kept */
	PDFTEXT_ERROR,         /* could not run pdftotext at all */
};

/* Called for each page in order (page counts from 1); text is UTF-8 as
 * pdftotext wrote it, not NUL-terminated.  Return 0 to go on, -1 to stop. */
typedef int (*pdftext_page_fn)(void *ctx, int page, const char *text, size_t len);

/* Extract the text of the PDF open on fd (read from its start).  Returns
 * the status; *pages gets the number of pages passed to fn; why gets a
 * short reason when the status is not PDFTEXT_OK. */
enum pdftext_status pdftext_extract(int fd, const struct pdftext_limits *lim, pdftext_page_fn fn,
				    void *ctx, int *pages, char *why, size_t whylen);

#endif
