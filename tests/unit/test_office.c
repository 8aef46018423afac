/* test_office.c: unit tests for docs/office, the conversion of office
 * documents to PDF for the reports pack, with a stand-in `soffice` on
 * PATH: a shell script that checks how it was called (headless, its own
 * profile and HOME, the output directory, the input's extension) and
 * writes a PDF made here, or fails.  LibreOffice itself is not needed. */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "docs/office.h"
#include "docs/pdfgen.h"
#include "util/buf.h"

#include "util/banned.h"

static char dir[64];

#define M_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define M_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static int write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;

	if (f && fclose(f) != 0)
		ok = 0;
	return ok && chmod(path, mode) == 0 ? 0 : -1;
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* The stand-in: a .docx becomes the PDF made in setup; anything else fails. */
static int setup(void **state)
{
	static const struct pdf_block blocks[] = { { .kind = PDF_PARA, .text = "Converted by the stand-in." } };
	struct pdf_doc doc = { .title = "Converted", .blocks = blocks, .nblocks = 1, .created = "2019-02-04T10:00:00Z" };
	struct buf pdf = BUF_INIT, script = BUF_INIT, p = BUF_INIT;
	int pages, rc = -1;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/witan-office-%ld", (long)getpid());
	if (mkdir(dir, 0700) < 0 || pdf_render(&doc, &pdf, &pages) < 0)
		goto out;
	buf_printf(&p, "%s/made.pdf", dir);
	if (p.err || write_file(p.data, pdf.data, pdf.len, 0600) < 0)
		goto out;
	buf_printf(&script,
		   "#!/bin/sh\n"
		   "out=; prev=; last=; headless=; profile=\n"
		   "for a in \"$@\"; do\n"
		   "  [ \"$prev\" = --outdir ] && out=$a\n"
		   "  [ \"$a\" = --headless ] && headless=1\n"
		   "  case $a in -env:UserInstallation=file://*) profile=1;; esac\n"
		   "  prev=$a; last=$a\n"
		   "done\n"
		   "[ -n \"$headless\" ] && [ -n \"$profile\" ] && [ -d \"$out\" ] || exit 3\n"
		   "case $HOME in %s/*) ;; *) exit 4;; esac\n"
		   "case $last in *.docx) cp %s \"$out/document.pdf\";; *) exit 1;; esac\n",
		   dir, p.data);
	buf_reset(&p);
	buf_printf(&p, "%s/soffice", dir);
	if (script.err || p.err || write_file(p.data, script.data, script.len, 0700) < 0)
		goto out;
	rc = 0;
out:
	buf_release(&pdf);
	buf_release(&script);
	buf_release(&p);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void converts_with_soffice(void **state)
{
	char src[128], out[128], tmp[128], why[256], made[128];
	FILE *a, *b;
	int same = 1, ca, cb;

	(void)state;
	assert_true(office_available());
	snprintf(src, sizeof(src), "%s/report.docx", dir);
	snprintf(out, sizeof(out), "%s/report.pdf", dir);
	snprintf(tmp, sizeof(tmp), "%s/tmp", dir);
	snprintf(made, sizeof(made), "%s/made.pdf", dir);
	assert_int_equal(write_file(src, "PK\3\4 not really a document", 27, 0600), 0);
	assert_int_equal(office_convert(src, M_DOCX, tmp, out, why, sizeof(why)), 0);
	/* The PDF the converter wrote is the one put at out_path. */
	a = fopen(out, "rb");
	b = fopen(made, "rb");
	assert_non_null(a);
	assert_non_null(b);
	do {
		ca = fgetc(a);
		cb = fgetc(b);
		same &= ca == cb;
	} while (ca != EOF && cb != EOF);
	fclose(a);
	fclose(b);
	assert_true(same);
}

static void a_failed_conversion_says_so(void **state)
{
	char src[128], out[128], tmp[128], why[256];

	(void)state;
	snprintf(src, sizeof(src), "%s/budget.xlsx", dir);
	snprintf(out, sizeof(out), "%s/budget.pdf", dir);
	snprintf(tmp, sizeof(tmp), "%s/tmp", dir);
	assert_int_equal(write_file(src, "PK\3\4 a spreadsheet", 19, 0600), 0);
	assert_int_equal(office_convert(src, M_XLSX, tmp, out, why, sizeof(why)), -1);
	assert_true(why[0] != '\0');
	assert_int_equal(access(out, F_OK), -1);   /* nothing left at out_path */
	/* and not a type it converts at all */
	assert_int_equal(office_convert(src, "application/pdf", tmp, out, why, sizeof(why)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(converts_with_soffice),
		cmocka_unit_test(a_failed_conversion_says_so),
	};
	char path[512];

	/* The stand-in first on PATH, before office_available() looks once. */
	snprintf(dir, sizeof(dir), "/tmp/witan-office-%ld", (long)getpid());
	snprintf(path, sizeof(path), "%s:%s", dir, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
