/* test_pdfpack.c: unit tests for docs/pdfpack (a reports pack merged with
 * libqpdf).
 *
 * Inputs are made with docs/pdfgen and written to temp files: a front
 * sheet of 2 pages, documents of 1, 3 and 2 pages, a truncated PDF, two
 * encrypted PDFs (made here with qpdf's C API: one with a user password,
 * one openable without), and a file that is not a PDF.  The pack is read
 * back with qpdf's C API (outline, labels, metadata) and with poppler's
 * pdftotext (text order and the page stamps). */
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
#include <unistd.h>

#include <cmocka.h>
#include <qpdf/qpdf-c.h>

#include "docs/pdfgen.h"
#include "docs/pdfpack.h"
#include "util/buf.h"
#include "run.h"

#include "util/banned.h"

#define PDFTOTEXT "/usr/bin/pdftotext"
#define CREATED "2019-02-04T10:00:00Z"
#define BUDGET "2. Budget \u2013 2019/20 (\u00a326.9m)"

/* See test_pdfgen.c: fontconfig's once-per-process allocations, and the
 * font pattern cairo resolves once per process for the stamps' toy font
 * face "DejaVu Sans" (kept in cairo's font cache, 364 bytes however many
 * packs are made). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:FcInitLoadConfigAndFonts\nleak:cairo_toy_font_face_create\n";
}

enum { F_A, F_TRUNC, F_B, F_ENC, F_C, F_NOTPDF, F_ENC0, F_ROT, F_N };

static struct {
	struct buf front;
	char paths[F_N][64];
	char out[64];
} fx;

static void write_temp(const void *p, size_t len, char path[64])
{
	int fd;

	snprintf(path, 64, "/tmp/witan-pdfpack-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, p, len), (ssize_t)len);
	close(fd);
}

/* A document of npages pages, each saying "<word> page <k>". */
static void render(const char *title, const char *word, int npages, struct buf *out)
{
	struct pdf_block blocks[20];
	char texts[10][64];
	size_t n = 0;
	int k, pages = 0;
	struct pdf_doc doc = { .title = title, .created = CREATED };

	assert_true(npages <= 10);
	for (k = 1; k <= npages; k++) {
		snprintf(texts[k - 1], sizeof(texts[0]), "%s page %d", word, k);
		if (k > 1)
			blocks[n++] = (struct pdf_block){ .kind = PDF_PAGEBREAK };
		blocks[n++] = (struct pdf_block){ .kind = PDF_PARA, .text = texts[k - 1] };
	}
	doc.blocks = blocks;
	doc.nblocks = n;
	buf_init(out, 0);
	assert_int_equal(pdf_render(&doc, out, &pages), 0);
	assert_int_equal(pages, npages);
}

/* Encrypt pdf bytes into path with qpdf (R6, AES-256). */
static void encrypt(const struct buf *pdf, const char *user, char path[64])
{
	qpdf_data q = qpdf_init();
	int fd;

	snprintf(path, 64, "/tmp/witan-pdfpack-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	qpdf_silence_errors(q);
	assert_false(qpdf_read_memory(q, "enc", pdf->data, pdf->len, NULL) & QPDF_ERRORS);
	assert_false(qpdf_init_write(q, path) & QPDF_ERRORS);
	qpdf_set_r6_encryption_parameters2(q, user, "owner", QPDF_TRUE, QPDF_TRUE,
					   QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
					   qpdf_r3p_full, QPDF_TRUE);
	assert_false(qpdf_write(q) & QPDF_ERRORS);
	qpdf_cleanup(&q);
}

static int setup(void **state)
{
	struct buf b;

	(void)state;
	render("Agenda", "FRONT", 2, &fx.front);
	render("Report A", "ALPHA", 1, &b);
	write_temp(b.data, b.len, fx.paths[F_A]);
	buf_release(&b);
	render("Report T", "TRUNC", 2, &b);
	write_temp(b.data, b.len * 2 / 3, fx.paths[F_TRUNC]);
	buf_release(&b);
	render("Report B", "BRAVO", 3, &b);
	write_temp(b.data, b.len, fx.paths[F_B]);
	buf_release(&b);
	render("Report E", "SECRET", 1, &b);
	encrypt(&b, "user", fx.paths[F_ENC]);
	encrypt(&b, "", fx.paths[F_ENC0]);
	buf_release(&b);
	render("Report C", "CHARLIE", 2, &b);
	write_temp(b.data, b.len, fx.paths[F_C]);
	buf_release(&b);
	write_temp("<html>not a pdf</html>\n", 23, fx.paths[F_NOTPDF]);
	write_temp("", 0, fx.paths[F_ROT]);
	snprintf(fx.out, sizeof(fx.out), "/tmp/witan-pdfpack-out-XXXXXX");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < F_N; i++)
		if (fx.paths[i][0])
			unlink(fx.paths[i]);
	if (strcmp(fx.out + strlen(fx.out) - 6, "XXXXXX") && !getenv("PDFPACK_KEEP"))
		unlink(fx.out);
	buf_release(&fx.front);
	return 0;
}

/* The agenda: items (level 0) and their documents (level 1). */
#define NPARTS 10
static void make_parts(struct pack_part *p)
{
	memset(p, 0, NPARTS * sizeof(*p));
	p[0] = (struct pack_part){ .title = "1. Apologies", .level = 0, .front_page = 2 };
	p[1] = (struct pack_part){ .title = BUDGET, .level = 0 };
	p[2] = (struct pack_part){ .title = "Report A", .level = 1, .path = fx.paths[F_A] };
	p[3] = (struct pack_part){ .title = "Truncated", .level = 1, .path = fx.paths[F_TRUNC] };
	p[4] = (struct pack_part){ .title = "Report B", .level = 1, .path = fx.paths[F_B] };
	p[5] = (struct pack_part){ .title = "3. Planning", .level = 0 };
	p[6] = (struct pack_part){ .title = "Encrypted", .level = 1, .path = fx.paths[F_ENC] };
	p[7] = (struct pack_part){ .title = "Report C", .level = 1, .path = fx.paths[F_C] };
	p[8] = (struct pack_part){ .title = "Not a PDF", .level = 1, .path = fx.paths[F_NOTPDF] };
	p[9] = (struct pack_part){ .title = "Encrypted, no password", .level = 1, .path = fx.paths[F_ENC0] };
}

static void make_spec(struct pack_spec *s, struct pack_part *parts)
{
	make_parts(parts);
	*s = (struct pack_spec){
		.front = fx.front.data, .front_len = fx.front.len,
		.front_title = "Front sheet and agenda",
		.parts = parts, .nparts = NPARTS,
		.title = "Cabinet, 4 February 2019: reports pack",
		.subject = "Agenda reports pack",
		.author = "Cabinet",
		.lang = "en-GB",
		.created = CREATED,
	};
}

static void pack(struct buf *out, struct pack_part *parts)
{
	struct pack_spec s;
	char err[128];
	int pages = -1;

	make_spec(&s, parts);
	buf_init(out, 0);
	assert_int_equal(pdf_pack(&s, out, &pages, err, sizeof(err)), 0);
	assert_int_equal(pages, 2 + 1 + 3 + 2);
}

static void test_parts(void **state)
{
	struct pack_part p[NPARTS];
	struct buf out;

	(void)state;
	pack(&out, p);
	assert_int_equal(p[2].first_page, 3);
	assert_int_equal(p[2].pages, 1);
	assert_int_equal(p[4].first_page, 4);
	assert_int_equal(p[4].pages, 3);
	assert_int_equal(p[7].first_page, 7);
	assert_int_equal(p[7].pages, 2);
	assert_null(p[2].error);
	assert_null(p[0].error);
	assert_int_equal(p[0].pages, 0);
	assert_string_equal(p[3].error, "the file is not a readable PDF");
	assert_string_equal(p[6].error, "the file is encrypted");
	assert_string_equal(p[8].error, "the file is not a readable PDF");
	assert_string_equal(p[9].error, "the file is encrypted");
	for (int i = 3; i <= 9; i += 3) {
		assert_int_equal(p[i].pages, 0);
		assert_int_equal(p[i].first_page, 0);
	}
	assert_int_equal(p[9].pages, 0);
	buf_release(&out);
}

static void test_probe(void **state)
{
	int pages = -1;
	const char *why = "x";

	(void)state;
	assert_int_equal(pdf_pack_probe(fx.paths[F_B], &pages, &why), 0);
	assert_int_equal(pages, 3);
	assert_null(why);
	assert_int_equal(pdf_pack_probe(fx.paths[F_ENC], &pages, &why), -1);
	assert_int_equal(pages, 0);
	assert_string_equal(why, "the file is encrypted");
	assert_int_equal(pdf_pack_probe(fx.paths[F_TRUNC], &pages, &why), -1);
	assert_string_equal(why, "the file is not a readable PDF");
	assert_int_equal(pdf_pack_probe("/nonexistent/witan.pdf", &pages, &why), -1);
	assert_string_equal(why, "the file is not a readable PDF");
}

static void test_bad_front(void **state)
{
	struct pack_part p[NPARTS];
	struct pack_spec s;
	struct buf out = BUF_INIT;
	char err[128];
	int pages = -1;

	(void)state;
	make_spec(&s, p);
	s.front = "not a pdf at all";
	s.front_len = 16;
	buf_puts(&out, "keep");
	assert_int_equal(pdf_pack(&s, &out, &pages, err, sizeof(err)), -1);
	assert_int_equal(pages, 0);
	assert_int_equal(out.len, 4);
	assert_non_null(strstr(err, "front sheet"));
	buf_release(&out);
}

static void page_text(char *path, int page, struct buf *t)
{
	char f[16];
	char *argv[] = { PDFTOTEXT, "-enc", "UTF-8", "-f", f, "-l", f, path, "-", NULL };

	snprintf(f, sizeof(f), "%d", page);
	buf_init(t, 0);
	assert_int_equal(run_capture(argv, t), 0);
	assert_non_null(t->data);
}

static void test_text(void **state)
{
	struct pack_part p[NPARTS];
	struct buf out, t;
	static const char *const want[8] = {
		"FRONT page 1", "FRONT page 2", "ALPHA page 1", "BRAVO page 1",
		"BRAVO page 2", "BRAVO page 3", "CHARLIE page 1", "CHARLIE page 2",
	};
	char stamp[32];
	int fd;

	(void)state;
	if (access(PDFTOTEXT, X_OK) != 0)
		skip();
	pack(&out, p);
	fd = mkstemp(fx.out);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, out.data, out.len), (ssize_t)out.len);
	close(fd);
	for (int i = 0; i < 8; i++) {
		page_text(fx.out, i + 1, &t);
		assert_non_null(strstr(t.data, want[i]));
		snprintf(stamp, sizeof(stamp), "Page %d of 8", i + 1);
		assert_non_null(strstr(t.data, stamp));
		assert_null(strstr(t.data, "SECRET"));
		assert_null(strstr(t.data, "TRUNC"));
		buf_release(&t);
	}
	buf_release(&out);
}

/* Outline entries read back: title and 1-based page, depth-first. */
struct entry {
	char title[96];
	int page, level;
};

static int walk(qpdf_data q, qpdf_oh first, int level, struct entry *e, int n, int max)
{
	qpdf_oh it = first;

	while (qpdf_oh_is_dictionary(q, it) && n < max) {
		qpdf_oh dest = qpdf_oh_get_key(q, it, "/Dest");
		qpdf_oh pg = qpdf_oh_get_array_item(q, dest, 0);
		const char *t = qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, it, "/Title"));

		snprintf(e[n].title, sizeof(e[n].title), "%s", t);
		e[n].page = qpdf_find_page_by_oh(q, pg) + 1;
		e[n].level = level;
		n++;
		n = walk(q, qpdf_oh_get_key(q, it, "/First"), level + 1, e, n, max);
		it = qpdf_oh_get_key(q, it, "/Next");
	}
	return n;
}

static void test_structure(void **state)
{
	struct pack_part p[NPARTS];
	struct buf out;
	qpdf_data q;
	qpdf_oh root, info, nums, ol;
	struct entry e[16];
	int n;
	static const struct entry want[] = {
		{ "Front sheet and agenda", 1, 0 },
		{ "1. Apologies", 2, 0 },
		{ BUDGET, 3, 0 },
		{ "Report A", 3, 1 },
		{ "Report B", 4, 1 },
		{ "3. Planning", 7, 0 },
		{ "Report C", 7, 1 },
	};

	(void)state;
	pack(&out, p);
	q = qpdf_init();
	qpdf_silence_errors(q);
	assert_false(qpdf_read_memory(q, "pack", out.data, out.len, NULL) & QPDF_ERRORS);
	assert_int_equal(qpdf_get_num_pages(q), 8);
	root = qpdf_get_root(q);
	ol = qpdf_oh_get_key(q, root, "/Outlines");
	n = walk(q, qpdf_oh_get_key(q, ol, "/First"), 0, e, 0, 16);
	assert_int_equal(n, (int)(sizeof(want) / sizeof(want[0])));
	for (int i = 0; i < n; i++) {
		assert_string_equal(e[i].title, want[i].title);
		assert_int_equal(e[i].page, want[i].page);
		assert_int_equal(e[i].level, want[i].level);
	}
	assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, ol, "/Count")), 7);

	nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/PageLabels"), "/Nums");
	assert_int_equal(qpdf_oh_get_array_n_items(q, nums), 4);
	assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, 0)), 0);
	assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, nums, 1), "/S")), "/r");
	assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, 2)), 2);
	assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, nums, 3), "/S")), "/D");

	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")), "en-GB");
	assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, root, "/PageMode")), "/UseOutlines");
	info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info, "/Title")),
			    "Cabinet, 4 February 2019: reports pack");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info, "/Subject")),
			    "Agenda reports pack");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info, "/Producer")), "Witan");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info, "/CreationDate")),
			    "D:20190204100000Z");
	/* Every page draws its stamp from its own resources. */
	for (int i = 0; i < 8; i++) {
		qpdf_oh pg = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh xo = qpdf_oh_get_key(q, qpdf_oh_get_key(q, pg, "/Resources"), "/XObject");
		qpdf_oh st = qpdf_oh_get_key(q, xo, "/WitanStamp");

		assert_true(qpdf_oh_is_stream(q, st));
		assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, st), "/Subtype")), "/Form");
	}
	assert_false(qpdf_has_error(q));
	qpdf_cleanup(&q);
	buf_release(&out);
}

static void test_deterministic(void **state)
{
	struct pack_part p[NPARTS];
	struct buf a, b;

	(void)state;
	pack(&a, p);
	pack(&b, p);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_release(&a);
	buf_release(&b);
}

/* Rotated and cropped pages: the stamp is upright at the foot of the page
 * as shown, whatever /Rotate says. */
static void test_rotated(void **state)
{
	struct buf doc, out, t;
	struct pack_part p[1] = { { .title = "Rotated", .path = fx.paths[F_ROT] } };
	struct pack_spec s = { .front = fx.front.data, .front_len = fx.front.len,
			       .parts = p, .nparts = 1 };
	char path[64];
	static const struct { int page; const char *box; long long rot; } mod[] = {
		{ 0, NULL, 90 }, { 1, NULL, 180 }, { 2, NULL, 270 }, { 3, "[50 60 400 500]", -90 },
	};
	char err[128];
	int pages = 0;
	qpdf_data q;

	(void)state;
	if (access(PDFTOTEXT, X_OK) != 0)
		skip();
	render("Rotated", "ROT", 4, &doc);
	q = qpdf_init();
	qpdf_silence_errors(q);
	assert_false(qpdf_read_memory(q, "rot", doc.data, doc.len, NULL) & QPDF_ERRORS);
	for (size_t i = 0; i < sizeof(mod) / sizeof(mod[0]); i++) {
		qpdf_oh pg = qpdf_get_page_n(q, (size_t)mod[i].page);

		qpdf_oh_replace_key(q, pg, "/Rotate", qpdf_oh_new_integer(q, mod[i].rot));
		if (mod[i].box)
			qpdf_oh_replace_key(q, pg, "/CropBox", qpdf_oh_parse(q, mod[i].box));
	}
	assert_false(qpdf_init_write(q, fx.paths[F_ROT]) & QPDF_ERRORS);
	assert_false(qpdf_write(q) & QPDF_ERRORS);
	qpdf_cleanup(&q);
	buf_release(&doc);
	buf_init(&out, 0);
	assert_int_equal(pdf_pack(&s, &out, &pages, err, sizeof(err)), 0);
	assert_int_equal(pages, 6);
	write_temp(out.data, out.len, path);
	if (getenv("PDFPACK_KEEP"))
		fprintf(stderr, "pack: %s\n", path);
	for (int i = 3; i <= 6; i++) {
		char stamp[32];

		page_text(path, i, &t);
		snprintf(stamp, sizeof(stamp), "Page %d of 6", i);
		assert_non_null(strstr(t.data, stamp));
		buf_release(&t);
	}
	if (!getenv("PDFPACK_KEEP"))
		unlink(path);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_bad_front),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_rotated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
