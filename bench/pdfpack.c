/* pdfpack.c (bench): time pdf_pack() on 40 documents of 1 to 10 pages
 * (220 pages) and a 2-page front sheet, made with pdfgen and written to
 * temp files first.  Prints the best and median of 5 runs.  Run by
 * `make bench-pack`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "docs/pdfgen.h"
#include "docs/pdfpack.h"
#include "util/buf.h"

#include "util/banned.h"

#define NDOCS 40
#define RUNS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int render(int npages, int id, struct buf *out)
{
	struct pdf_block blocks[2 * 10];
	char text[10][200];
	size_t n = 0;
	char title[64];
	struct pdf_doc doc = { .title = title, .created = "2019-02-04T10:00:00Z" };

	snprintf(title, sizeof(title), "Report %d", id);
	for (int k = 0; k < npages; k++) {
		snprintf(text[k], sizeof(text[k]), "Report %d, page %d: the officers recommend "
			 "that the committee notes the report and agrees its recommendations.", id, k + 1);
		if (k)
			blocks[n++] = (struct pdf_block){ .kind = PDF_PAGEBREAK };
		blocks[n++] = (struct pdf_block){ .kind = PDF_PARA, .text = text[k] };
	}
	doc.blocks = blocks;
	doc.nblocks = n;
	return pdf_render(&doc, out, NULL);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	static char paths[NDOCS][64];
	struct pack_part parts[NDOCS];
	struct buf front = BUF_INIT, b = BUF_INIT, out = BUF_INIT;
	struct pack_spec spec = { .front_title = "Front sheet", .parts = parts, .nparts = NDOCS,
				  .title = "Bench pack", .lang = "en-GB",
				  .created = "2019-02-04T10:00:00Z" };
	double t[RUNS];
	char err[128], titles[NDOCS][32];
	int pages = 0, rc = 1;

	if (render(2, 0, &front) < 0)
		return 1;
	for (int i = 0; i < NDOCS; i++) {
		int fd;

		buf_reset(&b);
		if (render(i % 10 + 1, i + 1, &b) < 0)
			goto out;
		snprintf(paths[i], sizeof(paths[i]), "/tmp/witan-bench-pack-XXXXXX");
		fd = mkstemp(paths[i]);
		if (fd < 0 || write(fd, b.data, b.len) != (ssize_t)b.len)
			goto out;
		close(fd);
		snprintf(titles[i], sizeof(titles[i]), "Report %d", i + 1);
		parts[i] = (struct pack_part){ .title = titles[i], .level = 1, .path = paths[i] };
	}
	spec.front = front.data;
	spec.front_len = front.len;
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();

		buf_reset(&out);
		if (pdf_pack(&spec, &out, &pages, err, sizeof(err)) < 0) {
			fprintf(stderr, "pdf_pack: %s\n", err);
			goto out;
		}
		t[r] = now() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp);
	printf("pdf_pack: %d documents, %d pages, %zu bytes: best %.0f ms, median %.0f ms\n",
	       NDOCS, pages, out.len, t[0] * 1e3, t[RUNS / 2] * 1e3);
	rc = 0;
out:
	for (int i = 0; i < NDOCS; i++)
		if (paths[i][0])
			unlink(paths[i]);
	buf_release(&front);
	buf_release(&b);
	buf_release(&out);
	return rc;
}
