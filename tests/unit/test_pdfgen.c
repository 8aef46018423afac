/* test_pdfgen.c: unit tests for docs/pdfgen (PDF generation).
 *
 * The text checks read the PDF back with poppler's pdftotext (and pdfinfo
 * for metadata) when they are installed, and are skipped otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "docs/pdfgen.h"
#include "util/buf.h"
#include "run.h"

#include "util/banned.h"

#define PDFTOTEXT "/usr/bin/pdftotext"
#define PDFINFO "/usr/bin/pdfinfo"

#define TITLE "Police & Crime Plan \u2013 Budget 2019/20"
#define HEADER "West Mercia Police and Crime Panel \u2013 4 February 2019"
#define PHRASE "The Commissioner\u2019s precept of \u00a326.9m \u2013 collection 90.54% & rising"
#define LAST_WORD "quinquennial"
#define CREATED "2019-01-25T09:30:00Z"
#define NTOKENS 1500   /* k0001..k1500 in one paragraph over several pages */
#define NSECTIONS 120  /* heading + paragraph pairs for keep-with-next */

/* Sanitizer builds: fontconfig leaks a few bytes of the configuration it
 * parses once per process (2.14), which is not ours to free.  Suppress
 * exactly that; it needs full stacks, since fontconfig has no frame
 * pointers for the fast unwinder (this makes the ASan run ~3x slower). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:FcInitLoadConfigAndFonts\n";
}

struct fixture {
	struct pdf_doc doc;
	struct buf pdf;
	int pages;
	char path[64];          /* the PDF written to a temp file */
	struct pdf_block *blocks;
	size_t nblocks;
	char **texts;           /* block texts we allocated */
	size_t ntexts;
};

static struct fixture fx;

static const char *keep_text(char *s)
{
	char **t = realloc(fx.texts, (fx.ntexts + 1) * sizeof(*t));

	assert_non_null(t);
	assert_non_null(s);
	fx.texts = t;
	fx.texts[fx.ntexts++] = s;
	return s;
}

static void add(enum pdf_block_kind kind, const char *text)
{
	struct pdf_block *b = realloc(fx.blocks, (fx.nblocks + 1) * sizeof(*b));

	assert_non_null(b);
	fx.blocks = b;
	fx.blocks[fx.nblocks] = (struct pdf_block){ .kind = kind, .text = text };
	fx.nblocks++;
}


/* Squeeze every run of whitespace (including pdftotext's form feeds and
 * -layout's padding) to one space. */
static void squeeze(struct buf *b)
{
	size_t i, j = 0;
	int sp = 0;

	for (i = 0; i < b->len; i++) {
		char c = b->data[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
			sp = 1;
			continue;
		}
		if (sp && j > 0)
			b->data[j++] = ' ';
		sp = 0;
		b->data[j++] = c;
	}
	buf_truncate(b, j);
}

/* Text of pages first..last (0 = to the end), whitespace squeezed. */
static void pdf_text(int first, int last, struct buf *out)
{
	char f[16], l[16];
	char *argv[] = { PDFTOTEXT, "-layout", "-enc", "UTF-8", "-f", f, "-l", l,
			 fx.path, "-", NULL };

	snprintf(f, sizeof(f), "%d", first);
	snprintf(l, sizeof(l), "%d", last ? last : fx.pages);
	buf_init(out, 0);
	assert_int_equal(run_capture(argv, out), 0);
	assert_int_equal(out->err, 0);
	assert_non_null(out->data);
	squeeze(out);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += len;
	}
	return n;
}

static int have(const char *path)
{
	return access(path, X_OK) == 0;
}

/* Write b to a new temp file whose name goes in path.  Returns 0 or -1. */
static int write_temp(const struct buf *b, char path[64])
{
	int fd;

	snprintf(path, 64, "/tmp/witan-pdfgen-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	if (write(fd, b->data, b->len) != (ssize_t)b->len) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

static int setup(void **state)
{
	struct buf para = BUF_INIT;
	struct pdf_doc *doc = &fx.doc;
	int i;

	memset(&fx, 0, sizeof(fx));
	/* Page 1 */
	add(PDF_HEADING, "1. Purpose of the report");
	add(PDF_PARA, "To ask the Panel to review the Commissioner\u2019s proposed "
	    "precept for 2019/20 & to make recommendations. Costs rose by "
	    "\u00a31.2m \u2013 mainly pay awards.");
	add(PDF_BULLET, "Council tax base growth of 1.6% across the force area.");
	add(PDF_BULLET, "Use of reserves: \u00a34.0m over two years, with a "
	    "longer explanation that wraps onto a second line so the bullet "
	    "indent is exercised by the layout code.");
	add(PDF_PAGEBREAK, NULL);
	/* Page 2 */
	add(PDF_HEADING, "2. Background");
	add(PDF_PARA, "The office of the Chief Finance Officer reviewed fiscal "
	    "affairs and the efficiency programme. Markup such as <b>x</b> "
	    "&amp; stays literal.");
	add(PDF_PAGEBREAK, NULL);
	/* Page 3 onwards */
	add(PDF_HEADING, "3. Financial position");
	add(PDF_PARA, PHRASE);
	buf_init(&para, 0);
	for (i = 1; i <= NTOKENS; i++)
		buf_printf(&para, "%sk%04d", i > 1 ? " " : "", i);
	assert_int_equal(para.err, 0);
	add(PDF_PARA, keep_text(buf_detach(&para, NULL)));
	for (i = 1; i <= NSECTIONS; i++) {
		int j, words = 1 + (i * 37) % 97;

		buf_init(&para, 0);
		buf_printf(&para, "Section s%02d heading", i);
		add(PDF_HEADING, keep_text(buf_detach(&para, NULL)));
		buf_printf(&para, "s%02dstart", i);
		for (j = 0; j < words; j++)
			buf_puts(&para, " budget");
		add(PDF_PARA, keep_text(buf_detach(&para, NULL)));
	}
	add(PDF_PARA, "The Panel is asked to note the " LAST_WORD " review.");

	doc->title = TITLE;
	doc->subtitle = "Report of the Police and Crime Commissioner";
	doc->header = HEADER;
	doc->blocks = fx.blocks;
	doc->nblocks = fx.nblocks;
	doc->created = CREATED;
	buf_init(&fx.pdf, 0);
	if (pdf_render(doc, &fx.pdf, &fx.pages) != 0)
		return -1;

	(void)state;
	return write_temp(&fx.pdf, fx.path);
}

static int teardown(void **state)
{
	size_t i;

	if (fx.path[0])
		unlink(fx.path);
	buf_release(&fx.pdf);
	for (i = 0; i < fx.ntexts; i++)
		free(fx.texts[i]);
	free(fx.texts);
	free(fx.blocks);
	(void)state;
	return 0;
}

static void test_shape(void **state)
{
	(void)state;
	assert_true(fx.pdf.len > 1000);
	assert_memory_equal(fx.pdf.data, "%PDF-", 5);
	assert_non_null(strstr(fx.pdf.data + fx.pdf.len - 32, "%%EOF"));
	assert_true(fx.pages >= 3);
}

static void test_text(void **state)
{
	struct buf all;

	(void)state;
	if (!have(PDFTOTEXT))
		skip();
	pdf_text(1, 0, &all);
	assert_int_equal(count(all.data, PHRASE), 1);
	assert_non_null(strstr(all.data, TITLE));
	assert_non_null(strstr(all.data, "Commissioner\u2019s proposed precept"));
	assert_non_null(strstr(all.data, "\u00a31.2m \u2013 mainly pay awards"));
	assert_non_null(strstr(all.data, "Chief Finance Officer reviewed fiscal affairs"));
	assert_non_null(strstr(all.data, "efficiency programme"));
	assert_non_null(strstr(all.data, "such as <b>x</b> &amp; stays literal."));
	assert_non_null(strstr(all.data, "note the " LAST_WORD " review."));
	buf_release(&all);
}

static void test_pages(void **state)
{
	struct buf t;
	char want[64];
	int p;

	(void)state;
	if (!have(PDFTOTEXT))
		skip();
	for (p = 1; p <= fx.pages; p++) {
		pdf_text(p, p, &t);
		snprintf(want, sizeof(want), "Page %d of %d", p, fx.pages);
		assert_int_equal(count(t.data, want), 1);
		assert_int_equal(count(t.data, HEADER), 1);
		/* The forced page breaks put each section on its own page. */
		assert_int_equal(count(t.data, "1. Purpose of the report"), p == 1);
		assert_int_equal(count(t.data, "2. Background"), p == 2);
		assert_int_equal(count(t.data, PHRASE), p == 3);
		assert_int_equal(count(t.data, LAST_WORD), p == fx.pages);
		buf_release(&t);
	}
}

/* The one long paragraph splits over page boundaries with every line on
 * exactly one page, in order. */
static void test_split(void **state)
{
	static int page_of[NTOKENS + 1];
	struct buf t, all;
	char tok[16];
	const char *prev;
	int p, k;

	(void)state;
	if (!have(PDFTOTEXT))
		skip();
	memset(page_of, 0, sizeof(page_of));
	for (p = 1; p <= fx.pages; p++) {
		pdf_text(p, p, &t);
		for (k = 1; k <= NTOKENS; k++) {
			snprintf(tok, sizeof(tok), "k%04d", k);
			int c = count(t.data, tok);
			assert_true(c <= 1);
			if (c) {
				assert_int_equal(page_of[k], 0); /* not on two pages */
				page_of[k] = p;
			}
		}
		buf_release(&t);
	}
	for (k = 1; k <= NTOKENS; k++) {
		assert_int_not_equal(page_of[k], 0); /* no line lost */
		if (k > 1)
			assert_true(page_of[k] >= page_of[k - 1]);
	}
	assert_int_equal(page_of[1], 3);
	assert_true(page_of[NTOKENS] >= page_of[1] + 2); /* two boundaries */

	pdf_text(1, 0, &all);
	prev = all.data;
	for (k = 1; k <= NTOKENS; k++) {
		const char *at;

		snprintf(tok, sizeof(tok), "k%04d", k);
		at = strstr(prev, tok);
		assert_non_null(at);
		prev = at;
	}
	buf_release(&all);
}

/* A heading is never left at the foot of a page without its paragraph. */
static void test_keep_with_next(void **state)
{
	struct buf t;
	char head[32], start[16];
	int head_page[NSECTIONS + 1] = { 0 }, start_page[NSECTIONS + 1] = { 0 };
	int p, i;

	(void)state;
	if (!have(PDFTOTEXT))
		skip();
	for (p = 1; p <= fx.pages; p++) {
		pdf_text(p, p, &t);
		for (i = 1; i <= NSECTIONS; i++) {
			snprintf(head, sizeof(head), "Section s%02d heading", i);
			snprintf(start, sizeof(start), "s%02dstart", i);
			if (strstr(t.data, head))
				head_page[i] = p;
			if (strstr(t.data, start))
				start_page[i] = p;
		}
		buf_release(&t);
	}
	for (i = 1; i <= NSECTIONS; i++) {
		assert_int_not_equal(head_page[i], 0);
		assert_int_equal(head_page[i], start_page[i]);
	}
}

/* Page geometry as pdftotext -bbox reports it: A4, the text between the
 * side margins (62 pt), the running header above its rule, the body between
 * 74 pt and 66 pt from the bottom, and only "Page N of M" below that. */
static void test_geometry(void **state)
{
	struct buf box;
	char f[16], want[64], foot[64];
	char *argv[] = { PDFTOTEXT, "-bbox", "-enc", "UTF-8", "-f", f, "-l", f,
			 fx.path, "-", NULL };
	const char *at;
	int p, body;

	(void)state;
	if (!have(PDFTOTEXT))
		skip();
	for (p = 1; p <= fx.pages; p++) {
		snprintf(f, sizeof(f), "%d", p);
		buf_init(&box, 0);
		assert_int_equal(run_capture(argv, &box), 0);
		assert_non_null(box.data);
		assert_non_null(strstr(box.data,
			"<page width=\"595.276000\" height=\"841.890000\">"));
		foot[0] = '\0';
		body = 0;
		for (at = box.data; (at = strstr(at, "<word xMin=\"")) != NULL; ) {
			char *end;
			double x0, y0, x1, y1;
			const char *w;
			size_t wl;

			x0 = strtod(at + 12, &end);
			y0 = strtod(strstr(end, "yMin=\"") + 6, &end);
			x1 = strtod(strstr(end, "xMax=\"") + 6, &end);
			y1 = strtod(strstr(end, "yMax=\"") + 6, &end);
			w = strchr(end, '>') + 1;
			wl = (size_t)(strchr(w, '<') - w);
			at = w;
			assert_true(x0 >= 61.0);
			assert_true(x1 <= 595.276 - 61.0);
			if (y1 <= 52.0)
				continue; /* header */
			if (y0 >= 841.890 - 66.0) { /* footer */
				size_t fl = strlen(foot);

				assert_true(fl + wl + 2 < sizeof(foot));
				if (fl)
					foot[fl++] = ' ';
				memcpy(foot + fl, w, wl);
				foot[fl + wl] = '\0';
				continue;
			}
			body++;
			assert_true(y0 >= 74.0 - 1.0);
			assert_true(y1 <= 841.890 - 66.0 + 2.0);
		}
		assert_true(body > 0);
		snprintf(want, sizeof(want), "Page %d of %d", p, fx.pages);
		assert_string_equal(foot, want);
		buf_release(&box);
	}
}

/* A paragraph of four or more lines never leaves one line alone at the foot
 * or the head of a page.  Filler moves the paragraph down a page in steps
 * that are not a multiple of its line height, so some runs must split it. */
static void test_orphans_widows(void **state)
{
	struct pdf_block blocks[80];
	struct pdf_doc doc = { .blocks = blocks };
	struct buf para = BUF_INIT, pdf, box;
	char path[64], f[16];
	char *argv[] = { PDFTOTEXT, "-bbox", "-f", f, "-l", f, path, "-", NULL };
	int fill, i, p, pages, splits = 0;

	(void)state;
	if (!have(PDFTOTEXT))
		skip();
	for (i = 1; i <= 90; i++) /* six lines */
		buf_printf(&para, "%sw%03d", i > 1 ? " " : "", i);
	assert_int_equal(para.err, 0);
	for (fill = 30; fill < 52; fill++) {
		int lines_on[8] = { 0 };

		doc.nblocks = 0;
		for (i = 0; i < fill; i++)
			blocks[doc.nblocks++] = (struct pdf_block){ .kind = PDF_PARA, .text = "filler" };
		blocks[doc.nblocks++] = (struct pdf_block){ .kind = PDF_PARA, .text = para.data };
		buf_init(&pdf, 0);
		assert_int_equal(pdf_render(&doc, &pdf, &pages), 0);
		assert_true(pages <= 7);
		assert_int_equal(write_temp(&pdf, path), 0);
		for (p = 1; p <= pages; p++) {
			const char *at;
			double last_y = -1;

			snprintf(f, sizeof(f), "%d", p);
			buf_init(&box, 0);
			assert_int_equal(run_capture(argv, &box), 0);
			assert_non_null(box.data);
			for (at = box.data; (at = strstr(at, "<word xMin=\"")) != NULL; at++) {
				char *end;
				double y0 = strtod(strstr(at, "yMin=\"") + 6, &end);
				const char *w = strchr(end, '>') + 1;

				if (w[0] == 'w' && w[1] >= '0' && w[1] <= '9' && y0 != last_y) {
					lines_on[p]++;
					last_y = y0;
				}
			}
			buf_release(&box);
		}
		unlink(path);
		buf_release(&pdf);
		for (p = 1, i = 0; p <= pages; p++) {
			if (lines_on[p])
				i++;
			assert_true(lines_on[p] == 0 || lines_on[p] >= 2);
		}
		splits += i > 1;
	}
	assert_true(splits > 0);
	buf_release(&para);
}

static void test_metadata(void **state)
{
	struct buf info;
	char want[64];
	char *argv[] = { PDFINFO, "-isodates", "-enc", "UTF-8", fx.path, NULL };

	(void)state;
	if (!have(PDFINFO))
		skip();
	buf_init(&info, 0);
	assert_int_equal(run_capture(argv, &info), 0);
	assert_non_null(info.data);
	squeeze(&info);
	assert_non_null(strstr(info.data, "Title: " TITLE " "));
	assert_non_null(strstr(info.data, "Creator: Witan "));
	assert_non_null(strstr(info.data, "CreationDate: " CREATED " "));
	snprintf(want, sizeof(want), "Pages: %d ", fx.pages);
	assert_non_null(strstr(info.data, want));
	buf_release(&info);
}

/* With a fixed creation date the same document gives the same bytes. */
static void test_deterministic(void **state)
{
	struct buf again;
	int pages;

	(void)state;
	buf_init(&again, 0);
	assert_int_equal(pdf_render(&fx.doc, &again, &pages), 0);
	assert_int_equal(pages, fx.pages);
	assert_int_equal(again.len, fx.pdf.len);
	assert_memory_equal(again.data, fx.pdf.data, fx.pdf.len);
	buf_release(&again);
}

static void test_errors(void **state)
{
	static const struct pdf_block one[] = { { .kind = PDF_PARA, .text = "Hello" } };
	struct pdf_doc doc = { .title = "T", .blocks = one, .nblocks = 1 };
	static const struct pdf_block unknown[] = { { .kind = (enum pdf_block_kind)99, .text = "?" } };
	struct pdf_doc bad = { .title = "T", .nblocks = 3 };
	struct pdf_doc odd = { .title = "T", .blocks = unknown, .nblocks = 1 };
	struct buf b;
	int pages = 99;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(pdf_render(NULL, &b, &pages), -1);
	assert_int_equal(pages, 0);
	assert_int_equal(pdf_render(&doc, NULL, NULL), -1);
	assert_int_equal(pdf_render(&bad, &b, NULL), -1);
	assert_int_equal(pdf_render(&odd, &b, NULL), -1);
	assert_int_equal(b.len, 0);
	buf_release(&b);

	/* Too small a cap: error, and out is back to what it held. */
	buf_init(&b, 600);
	buf_puts(&b, "keep");
	pages = 99;
	assert_int_equal(pdf_render(&doc, &b, &pages), -1);
	assert_int_equal(pages, 0);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "keep", 4);
	buf_release(&b);

	/* Output is appended. */
	buf_init(&b, 0);
	buf_puts(&b, "xyz");
	assert_int_equal(pdf_render(&doc, &b, &pages), 0);
	assert_int_equal(pages, 1);
	assert_memory_equal(b.data, "xyz%PDF-", 8);
	buf_release(&b);
}

static void test_edges(void **state)
{
	static const struct pdf_block breaks[] = {
		{ .kind = PDF_PAGEBREAK, .text = NULL }, { .kind = PDF_PARA, .text = "one" }, { .kind = PDF_PAGEBREAK, .text = NULL },
		{ .kind = PDF_PAGEBREAK, .text = NULL }, { .kind = PDF_HEADING, .text = NULL }, { .kind = PDF_PARA, .text = "two" },
		{ .kind = PDF_PAGEBREAK, .text = NULL },
	};
	static const struct pdf_block invalid[] = {
		{ .kind = PDF_PARA, .text = "bad \xff\xfe utf-8 \xe2\x82" }, { .kind = PDF_BULLET, .text = "" },
	};
	struct pdf_doc doc = { 0 };
	struct buf b;
	int pages;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(pdf_render(&doc, &b, &pages), 0); /* empty doc */
	assert_int_equal(pages, 1);
	assert_memory_equal(b.data, "%PDF-", 5);
	buf_reset(&b);

	doc.blocks = breaks; /* no blank pages from leading/double/trailing breaks */
	doc.nblocks = sizeof(breaks) / sizeof(breaks[0]);
	assert_int_equal(pdf_render(&doc, &b, &pages), 0);
	assert_int_equal(pages, 2);
	buf_reset(&b);

	doc.title = "Bad \xc3";
	doc.header = "\xff";
	doc.blocks = invalid;
	doc.nblocks = 2;
	assert_int_equal(pdf_render(&doc, &b, &pages), 0);
	assert_int_equal(pages, 1);
	buf_release(&b);
}

/* Prints how long a ten-page document takes (the time is not checked). */
static void test_timing(void **state)
{
	struct pdf_block blocks[60];
	struct pdf_doc doc = { .title = "Timing", .subtitle = "Ten pages",
			       .header = HEADER, .blocks = blocks };
	struct buf para = BUF_INIT, b;
	struct timespec t0, t1;
	int i, pages = 0, runs = 5;
	double ms;

	(void)state;
	for (i = 0; i < 36; i++)
		buf_puts(&para, "The Panel considered the precept of \u00a326.9m and "
			 "the collection rate of 90.54% \u2013 members\u2019 questions followed. ");
	assert_int_equal(para.err, 0);
	for (i = 0; i < 9; i++) {
		blocks[doc.nblocks++] = (struct pdf_block){ .kind = PDF_HEADING, .text = "Item" };
		blocks[doc.nblocks++] = (struct pdf_block){ .kind = PDF_PARA, .text = para.data };
	}
	buf_init(&b, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < runs; i++) {
		buf_reset(&b);
		assert_int_equal(pdf_render(&doc, &b, &pages), 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	      (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / runs;
	print_message("pdf_render: %d pages, %zu bytes, %.1f ms\n", pages, b.len, ms);
	assert_true(pages >= 9 && pages <= 11);
	buf_release(&b);
	buf_release(&para);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_keep_with_next),
		cmocka_unit_test(test_geometry),
		cmocka_unit_test(test_orphans_widows),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_timing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
