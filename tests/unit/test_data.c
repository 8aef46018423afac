/* test_data.c: unit tests for reading data/ and filling its texts:
 * util/datafile, util/template, util/pool, the day arithmetic of util/date
 * and pdf_text_blocks() of docs/pdfgen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "docs/pdfgen.h"
#include "util/buf.h"
#include "util/datafile.h"
#include "util/date.h"
#include "util/pool.h"
#include "util/template.h"

static void records_read_with_fields_and_continuations(void **state)
{
	struct datafile df = { .nrecs = 0 };
	const struct df_rec *r;

	(void)state;
	assert_int_equal(df_read_text(&df, "a.txt", "# a comment\n@person ann\nname: Ann  \nbio: One\n"
				      "\tTwo\n\n\tThree\nrole: a\nrole: b\n\n@body\nname: B\n"), 0);
	assert_int_equal(df.nrecs, 2);
	r = df_find(&df, "person", "ann");
	assert_non_null(r);
	assert_string_equal(r->file, "a.txt");
	assert_int_equal(r->line, 2);
	assert_string_equal(df_get(&df, r, "name"), "Ann");
	assert_string_equal(df_get(&df, r, "bio"), "One\nTwo\n\nThree");
	assert_string_equal(df_getn(&df, r, "role", 1), "b");
	assert_null(df_getn(&df, r, "role", 2));
	assert_null(df_find(&df, "body", "ann"));
	assert_string_equal(df_get(&df, df_find(&df, "body", ""), "name"), "B");
	assert_string_equal(df_get(&df, df_find(&df, NULL, "ann"), "name"), "Ann");
	df_release(&df);
}

static void records_errors_name_file_and_line(void **state)
{
	static const struct { const char *text, *err; } cases[] = {
		{ "name: x\n", "b.txt:1: expected \"field: value\" in a record" },
		{ "@a k\n\tindented\n", "b.txt:2: an indented line belongs to a field" },
		{ "@a k\nx: 1\n@b k\n", "b.txt:3: expected \"@kind key\" (a-z, 0-9, -), with a key not used before" },
		{ "@A\n", "b.txt:1: expected \"@kind key\" (a-z, 0-9, -), with a key not used before" },
		{ "@a k\nNo colon\n", "b.txt:2: expected \"field: value\" in a record" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct datafile df = { .nrecs = 0 };

		assert_int_equal(df_read_text(&df, "b.txt", cases[i].text), -1);
		assert_string_equal(df.err, cases[i].err);
		df_release(&df);
	}
	{
		struct datafile df = { .nrecs = 0 };

		assert_int_equal(df_read(&df, "data/nothing.txt"), -1);
		assert_string_equal(df.err, "data/nothing.txt:0: not embedded");
		df_release(&df);
	}
}

static void records_read_the_embedded_demo(void **state)
{
	struct datafile df = { .nrecs = 0 };

	(void)state;
	assert_int_equal(df_read(&df, "data/demo/demo-council.txt"), 0);
	assert_non_null(df_get(&df, df_find(&df, "body", ""), "name"));
	df_release(&df);
}

static void lists_cut_fields_and_say_where_they_are_wrong(void **state)
{
	static const struct { const char *text, *err; } bad[] = {
		{ "# c\na | b\nc\n", "l.txt:3: too few fields" },
		{ "a | b | c\n", "l.txt:1: too many fields" },
		{ "a | \n", "l.txt:1: an empty field" },
		{ "# only a comment\n\n", "l.txt:2: no entries" },
	};
	struct df_list l;
	char err[128];

	(void)state;
	assert_int_equal(df_list_read_text(&l, "l.txt", "# what it holds\nx | one\n\ny | two, three\n", 2, err,
					   sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(DF_F(&l, 1, 0), "y");
	assert_string_equal(DF_F(&l, 1, 1), "two, three");
	assert_int_equal(l.line[1], 4);
	assert_int_equal(df_list_find(&l, 1, "one"), 0);
	assert_int_equal(df_list_find(&l, 0, "one"), -1);
	df_list_release(&l);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(df_list_read_text(&l, "l.txt", bad[i].text, 2, err, sizeof(err)), -1);
		assert_string_equal(err, bad[i].err);
		df_list_release(&l);
	}
	assert_int_equal(df_list_read(&l, "data/gen/areas.txt", 3, err, sizeof(err)), 0);
	assert_true(l.n > 10);
	df_list_release(&l);
}

static void values_are_cut_into_lists_and_columns(void **state)
{
	const char *s = " a, b c ,\n d";
	char w[8], col[3][512];

	(void)state;
	assert_true(df_next(&s, ",", w, sizeof(w)));
	assert_string_equal(w, "a");
	assert_true(df_next(&s, ",", w, sizeof(w)));
	assert_string_equal(w, "b c");
	assert_true(df_next(&s, ",", w, sizeof(w)));
	assert_string_equal(w, "d");
	assert_false(df_next(&s, ",", w, sizeof(w)));
	assert_int_equal(df_cols("x | y", col, 3), 2);
	assert_string_equal(col[1], "y");
	assert_string_equal(col[2], "");
	assert_int_equal(df_count("a, b, c"), 3);
	assert_int_equal(df_count(NULL), 0);
	assert_true(df_in("a, bb, c", "bb"));
	assert_false(df_in("a, bb, c", "b"));
}

/* Placeholders for the template tests: A "apple", E "", S "St Mary’s
 * Church: a report", R (refers to itself), N a template "<{A}>". */
static int value(void *ctx, const char *name, int optional, struct buf *out)
{
	struct tmpl *t = ctx;

	if (!strcmp(name, "A"))
		buf_puts(out, "apple");
	else if (!strcmp(name, "S"))
		buf_puts(out, "St Mary\u2019s Church: a report");
	else if (!strcmp(name, "N"))
		return tmpl_fill(t, out, "<{A}>");
	else if (!strcmp(name, "R"))
		return tmpl_fill(t, out, "{R}");
	else if (strcmp(name, "E") != 0 && !(optional && !strcmp(name, "rec.missing")))
		return -1;
	return 0;
}

static const char *fill(struct tmpl *t, struct buf *b, const char *s)
{
	buf_reset(b);
	*t->err = '\0';
	t->depth = 0;
	return tmpl_fill(t, b, s) < 0 ? NULL : b->data ? b->data : "";
}

static void templates_fill_placeholders_and_forms(void **state)
{
	struct tmpl t = { .value = value };
	struct buf b = BUF_INIT;

	(void)state;
	t.ctx = &t;
	assert_string_equal(fill(&t, &b, "an {A}, {A}"), "an apple, apple");
	assert_string_equal(fill(&t, &b, "[{E|none}] [{A|none}]"), "[none] [apple]");
	assert_string_equal(fill(&t, &b, "{A?has {A}|no}/{E?has|no}/{E?only}"), "has apple/no/");
	assert_string_equal(fill(&t, &b, "{A:cap} {E:cap}."), "Apple .");
	assert_string_equal(fill(&t, &b, "{S:slug}.pdf"), "st-marys-church-a-report.pdf");
	assert_string_equal(fill(&t, &b, "{N} {rec.missing|x} {rec.missing?y}"), "<apple> x ");
	assert_string_equal(fill(&t, &b, "{ A} {} {a b} {A {A}} {%"), "{ A} {} {a b} {A apple} {%");
	assert_null(fill(&t, &b, "{B}"));
	assert_string_equal(t.err, "no such placeholder: B");
	assert_null(fill(&t, &b, "{rec.missing}"));
	assert_null(fill(&t, &b, "{A:upper}"));
	assert_string_equal(t.err, "unknown form of placeholder: A");
	assert_null(fill(&t, &b, "{R}"));
	assert_non_null(strstr(t.err, "nested too deep"));
	assert_int_equal(t.depth, 0);
	buf_release(&b);
}

static void pool_keeps_strings(void **state)
{
	struct pool p = POOL_INIT;
	struct buf b = BUF_INIT;
	const char *s[600];

	(void)state;
	for (int i = 0; i < 600; i++)
		s[i] = pool_printf(&p, "s%d", i);
	assert_string_equal(s[0], "s0");
	assert_string_equal(s[599], "s599");
	buf_puts(&b, "kept");
	assert_string_equal(pool_keep(&p, &b), "kept");
	assert_null(b.data);
	assert_string_equal(pool_keep(&p, &b), "");
	assert_string_equal(pool_strndup(&p, "abcdef", 3), "abc");
	assert_false(p.oom);
	pool_release(&p);
	assert_int_equal(p.n, 0);
}

static const char *day_text(struct buf *b, long z, int how)
{
	buf_reset(b);
	if (how == 0)
		date_put_day_iso(b, z);
	else
		date_put_day(b, z, how == 2);
	return b->data;
}

static void days_count_weekdays_months_and_working_days(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(days_weekday(0), 4);                       /* 1970-01-01, a Thursday */
	assert_int_equal(days_weekday(-1), 3);
	assert_int_equal(days_nth_weekday(2019, 2, 1, 1), days_from_civil(2019, 2, 4));
	assert_int_equal(days_nth_weekday(2024, 3, 0, -1), days_from_civil(2024, 3, 31));
	assert_int_equal(days_nth_weekday(2024, 10, 0, -1), days_from_civil(2024, 10, 27));
	assert_int_equal(days_nth_weekday(2024, 2, 4, 5), days_from_civil(2024, 2, 29));
	assert_int_equal(days_add_months(days_from_civil(2024, 1, 31), 1), days_from_civil(2024, 2, 28));
	assert_int_equal(days_add_months(days_from_civil(2024, 3, 15), -18), days_from_civil(2022, 9, 15));
	assert_int_equal(days_add_working(days_from_civil(2024, 7, 5), 1), days_from_civil(2024, 7, 8));
	assert_int_equal(days_add_working(days_from_civil(2024, 7, 3), 5), days_from_civil(2024, 7, 10));
	assert_int_equal(date_fy(2024, 3), 2023);
	assert_int_equal(date_fy(2024, 4), 2024);
	assert_string_equal(day_text(&b, days_from_civil(2019, 2, 4), 0), "2019-02-04");
	assert_string_equal(day_text(&b, days_from_civil(2019, 2, 4), 1), "4 February 2019");
	assert_string_equal(day_text(&b, days_from_civil(2019, 2, 4), 2), "Monday 4 February 2019");
	buf_reset(&b);
	date_put_fy(&b, 1999);
	assert_string_equal(b.data, "1999/00");
	buf_reset(&b);
	date_put_uk_utc(&b, days_from_civil(2024, 7, 1), 10 * 60 + 30);
	assert_string_equal(b.data, "2024-07-01T09:30:00Z");
	buf_reset(&b);
	date_put_uk_utc(&b, days_from_civil(2024, 3, 30), 16 * 60 + 30);
	assert_string_equal(b.data, "2024-03-30T16:30:00Z");
	buf_reset(&b);
	date_put_uk_utc(&b, days_from_civil(2024, 3, 31), 0);
	assert_string_equal(b.data, "2024-03-30T23:00:00Z");
	buf_release(&b);
}

static void text_becomes_pdf_blocks(void **state)
{
	struct pdf_doc doc = { .title = "T" };
	static const struct { enum pdf_block_kind kind; const char *text; } want[] = {
		{ PDF_HEADING, "1. Purpose" }, { PDF_PARA, "One line and another * [x]" },
		{ PDF_BULLET, "a point" }, { PDF_PAGEBREAK, NULL }, { PDF_PARA, "After." },
		{ PDF_PARA, "Last \\ one" },
	};

	(void)state;
	assert_int_equal(pdf_text_blocks(&doc, "# 1. Purpose\nOne line\nand another \\* \\[x\\]\n- a point\n"
					 "---\nAfter.\n\n\nLast \\\\ one"), 0);
	assert_int_equal(doc.nblocks, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < doc.nblocks; i++) {
		assert_int_equal(doc.blocks[i].kind, want[i].kind);
		if (want[i].text)
			assert_string_equal(doc.blocks[i].text, want[i].text);
		else
			assert_null(doc.blocks[i].text);
	}
	pdf_text_release(&doc);
	assert_null(doc.blocks);
	assert_int_equal(pdf_text_blocks(&doc, ""), 0);
	assert_int_equal(doc.nblocks, 0);
	pdf_text_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_read_with_fields_and_continuations),
		cmocka_unit_test(records_errors_name_file_and_line),
		cmocka_unit_test(records_read_the_embedded_demo),
		cmocka_unit_test(lists_cut_fields_and_say_where_they_are_wrong),
		cmocka_unit_test(values_are_cut_into_lists_and_columns),
		cmocka_unit_test(templates_fill_placeholders_and_forms),
		cmocka_unit_test(pool_keeps_strings),
		cmocka_unit_test(days_count_weekdays_months_and_working_days),
		cmocka_unit_test(text_becomes_pdf_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
