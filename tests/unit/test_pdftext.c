/* test_pdftext.c: unit tests for docs/pdftext: text per page from a real
 * PDF, and every limit: a corrupt file, a child that hangs, one that
 * writes without end, one that burns CPU, a missing program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <cmocka.h>

#include "docs/pdfgen.h"
#include "docs/pdftext.h"
#include "util/buf.h"

/* Sanitizer builds: fontconfig (under pdfgen) keeps its configuration for
 * the process's life; not ours to free (as in test_demo.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

struct pages {
	int n;
	char text[8][4096];
};

static int collect(void *ctx, int page, const char *text, size_t len)
{
	struct pages *p = ctx;

	assert_int_equal(page, p->n + 1);
	if (p->n < 8) {
		snprintf(p->text[p->n], sizeof(p->text[0]), "%.*s", (int)len, text);
		p->n++;
	}
	return 0;
}

/* A temporary file with these bytes, open for reading. */
static int temp_fd(const void *data, size_t len)
{
	char path[] = "/tmp/witan-pdftext-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	return fd;
}

/* A script that stands in for pdftotext. */
static const char *script(const char *name, const char *body)
{
	static char path[4][64];
	static int n;
	char *p = path[n++ % 4];
	FILE *f;

	snprintf(p, sizeof(path[0]), "/tmp/witan-fake-%s-%ld", name, (long)getpid());
	f = fopen(p, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(p, 0755);
	return p;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void text_by_page(void **state)
{
	static const struct pdf_block blocks[] = {
		{ .kind = PDF_PARA, .text = "First page speaks of the Victim Advice Line." },
		{ .kind = PDF_PAGEBREAK, .text = NULL },
		{ .kind = PDF_PARA, .text = "Second page: £26.9m could be saved over 5 years." },
		{ .kind = PDF_PAGEBREAK, .text = NULL },
		{ .kind = PDF_PARA, .text = "Third page: conviction rates stood at 90.54%." },
	};
	struct pdf_doc doc = { .title = "Test report", .blocks = blocks, .nblocks = 5, .created = "2019-02-04T10:00:00Z" };
	struct buf pdf = BUF_INIT;
	struct pages got = { 0 };
	char why[160];
	int pages = 0, npages, fd;

	if (access("/usr/bin/pdftotext", X_OK) != 0)
		skip();
	assert_int_equal(pdf_render(&doc, &pdf, &npages), 0);
	assert_int_equal(npages, 3);
	fd = temp_fd(pdf.data, pdf.len);
	assert_int_equal(pdftext_extract(fd, NULL, collect, &got, &pages, why, sizeof(why)), PDFTEXT_OK);
	assert_int_equal(pages, 3);
	assert_non_null(strstr(got.text[0], "Victim Advice Line"));
	assert_null(strstr(got.text[0], "26.9m"));
	assert_non_null(strstr(got.text[1], "£26.9m"));
	assert_non_null(strstr(got.text[2], "90.54%"));
	/* The page limit keeps the first pages and says why. */
	memset(&got, 0, sizeof(got));
	assert_int_equal(pdftext_extract(fd, &(struct pdftext_limits){ .max_pages = 2 }, collect, &got, &pages,
					 why, sizeof(why)), PDFTEXT_LIMIT);
	assert_int_equal(pages, 2);
	assert_non_null(strstr(why, "pages"));
	close(fd);
	buf_release(&pdf);
}

static void corrupt_pdf_fails_cleanly(void **state)
{
	static const char junk[] = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF at all";
	struct pages got = { 0 };
	char why[160];
	int pages = -1, fd;

	if (access("/usr/bin/pdftotext", X_OK) != 0)
		skip();
	fd = temp_fd(junk, sizeof(junk) - 1);
	assert_int_equal(pdftext_extract(fd, NULL, collect, &got, &pages, why, sizeof(why)), PDFTEXT_FAILED);
	assert_int_equal(pages, 0);
	assert_true(strlen(why) > 0);
	close(fd);
}

static void a_hanging_child_is_killed(void **state)
{
	struct pdftext_limits lim = { .program = script("hang", "sleep 30"), .wall_seconds = 1 };
	struct pages got = { 0 };
	char why[160];
	int pages, fd = temp_fd("x", 1);
	double t0 = now();

	assert_int_equal(pdftext_extract(fd, &lim, collect, &got, &pages, why, sizeof(why)), PDFTEXT_LIMIT);
	assert_true(now() - t0 < 5);
	assert_non_null(strstr(why, "1 s"));
	close(fd);
	unlink(lim.program);
}

static void endless_output_is_cut(void **state)
{
	struct pdftext_limits lim = { .program = script("yes", "printf 'page one\\f'; exec yes 'more text'"),
				      .max_output = 100000 };
	struct pages got = { 0 };
	char why[160];
	int pages, fd = temp_fd("x", 1);

	assert_int_equal(pdftext_extract(fd, &lim, collect, &got, &pages, why, sizeof(why)), PDFTEXT_LIMIT);
	assert_int_equal(pages, 1);
	assert_string_equal(got.text[0], "page one");
	assert_non_null(strstr(why, "bytes"));
	close(fd);
	unlink(lim.program);
}

static void cpu_limit_stops_a_busy_child(void **state)
{
	struct pdftext_limits lim = { .program = script("busy", "while :; do :; done"), .cpu_seconds = 1,
				      .wall_seconds = 20 };
	struct pages got = { 0 };
	char why[160];
	int pages, fd = temp_fd("x", 1);
	double t0 = now();

	assert_int_equal(pdftext_extract(fd, &lim, collect, &got, &pages, why, sizeof(why)), PDFTEXT_LIMIT);
	assert_true(now() - t0 < 10);
	assert_non_null(strstr(why, "signal"));
	close(fd);
	unlink(lim.program);
}

static void missing_program_is_an_error(void **state)
{
	struct pdftext_limits lim = { .program = "/nonexistent/pdftotext" };
	struct pages got = { 0 };
	char why[160];
	int pages, fd = temp_fd("x", 1);

	assert_int_equal(pdftext_extract(fd, &lim, collect, &got, &pages, why, sizeof(why)), PDFTEXT_ERROR);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_by_page),
		cmocka_unit_test(corrupt_pdf_fails_cleanly),
		cmocka_unit_test(a_hanging_child_is_killed),
		cmocka_unit_test(endless_output_is_cut),
		cmocka_unit_test(cpu_limit_stops_a_busy_child),
		cmocka_unit_test(missing_program_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
