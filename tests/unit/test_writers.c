/* test_writers.c: unit tests for the open-data format writers: util/ical
 * (escaping, folding at 75 octets without splitting UTF-8, times),
 * util/xml (escaping, forbidden characters), date_add_minutes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/ical.h"
#include "util/utf8.h"
#include "util/xml.h"

static void ical_escapes_text(void **state)
{
	struct buf b = BUF_INIT;

	ical_text(&b, "SUMMARY", "a,b;c\\d\ne\r\nf\rg\th\x01i");
	assert_string_equal(b.data, "SUMMARY:a\\,b\\;c\\\\d\\ne\\nf\\ng h" "i\r\n");
	buf_reset(&b);
	/* A line break after a stray lead byte is still escaped, never sent
	 * raw as the start of a line of its own (found by fuzz_ical). */
	ical_text(&b, "SUMMARY", "a\xc3\nBEGIN:VEVENT\xe2\x80\r");
	assert_string_equal(b.data, "SUMMARY:a\xc3\\nBEGIN:VEVENT\xe2\x80\\n\r\n");
	buf_reset(&b);
	ical_text(&b, "X", NULL);
	assert_int_equal(b.len, 0);
	ical_line(&b, "DTSTART;TZID=Europe/London", "20190204T110000");
	assert_string_equal(b.data, "DTSTART;TZID=Europe/London:20190204T110000\r\n");
	buf_release(&b);
}

/* Unfold b's lines; check each physical line is at most 75 octets and
 * valid UTF-8 on its own. */
static void check_folded(const struct buf *b, struct buf *unfolded)
{
	const char *p = b->data, *end = b->data + b->len;

	while (p < end) {
		const char *eol = strstr(p, "\r\n");
		size_t n;
		assert_non_null(eol);
		n = (size_t)(eol - p);
		assert_true(n <= ICAL_FOLD);
		assert_true(utf8_valid(p, n));
		if (*p == ' ')
			buf_append(unfolded, p + 1, n - 1);
		else
			buf_append(unfolded, p, n);
		p = eol + 2;
	}
}

static void ical_folds_without_splitting_utf8(void **state)
{
	struct buf text = BUF_INIT, b = BUF_INIT, u = BUF_INIT, want = BUF_INIT;

	/* Every offset of a 2-, 3- and 4-byte character against the fold. */
	for (int shift = 0; shift < 8; shift++) {
		buf_reset(&text);
		buf_reset(&b);
		buf_reset(&u);
		buf_reset(&want);
		for (int i = 0; i < shift; i++)
			buf_putc(&text, 'x');
		for (int i = 0; i < 30; i++)
			buf_puts(&text, "é€😀,");
		ical_text(&b, "SUMMARY", text.data);
		check_folded(&b, &u);
		buf_puts(&want, "SUMMARY:");
		for (int i = 0; i < shift; i++)
			buf_putc(&want, 'x');
		for (int i = 0; i < 30; i++)
			buf_puts(&want, "é€😀\\,");
		assert_string_equal(u.data, want.data);
	}
	/* Exactly 75 octets: no fold. */
	buf_reset(&b);
	buf_reset(&text);
	for (int i = 0; i < 75 - 8; i++)
		buf_putc(&text, 'a');
	ical_text(&b, "SUMMARY", text.data);
	assert_int_equal(b.len, 77);
	buf_release(&text);
	buf_release(&b);
	buf_release(&u);
	buf_release(&want);
}

static void ical_times(void **state)
{
	char t[17];

	assert_int_equal(ical_local_time("2019-02-04 11:00", t), 0);
	assert_string_equal(t, "20190204T110000");
	assert_int_equal(ical_utc_time("2026-11-26T12:17:31Z", t), 0);
	assert_string_equal(t, "20261126T121731Z");
	assert_int_equal(ical_local_time("2019-02-04", t), -1);
	assert_int_equal(ical_utc_time("2019-02-04 11:00", t), -1);
	assert_int_equal(ical_local_time(NULL, t), -1);
}

static void date_adds_minutes(void **state)
{
	char t[17];

	assert_int_equal(date_add_minutes("2019-02-04 11:00", 120, t), 0);
	assert_string_equal(t, "2019-02-04 13:00");
	assert_int_equal(date_add_minutes("2019-12-31 23:30", 120, t), 0);
	assert_string_equal(t, "2020-01-01 01:30");
	assert_int_equal(date_add_minutes("2020-03-01 00:30", -60, t), 0);
	assert_string_equal(t, "2020-02-29 23:30");
	assert_int_equal(date_add_minutes("2020-03-01", 60, t), -1);
}

static void xml_escapes(void **state)
{
	struct buf b = BUF_INIT;

	xml_fmt(&b, "<a href=\"%s\">%s</a>%r %d %l %%", "x\"y'z", "Police & Crime <Plan>", "<b/>", 7,
		(int64_t)1 << 40);
	assert_string_equal(b.data, "<a href=\"x&quot;y&apos;z\">Police &amp; Crime &lt;Plan&gt;</a><b/> 7 1099511627776 %");
	buf_reset(&b);
	/* Characters XML 1.0 does not allow are dropped; tab and newline stay. */
	xml_escape(&b, "a\x01" "b\x1f" "c\td\ne\xef\xbf\xbe" "f\xef\xbf\xbf" "g\xef\xbf\xbd");
	assert_string_equal(b.data, "abc\td\nefg\xef\xbf\xbd");
	buf_reset(&b);
	/* So are bytes that are not UTF-8, one at a time, and what they
	 * leave is never joined into a forbidden character. */
	xml_escape(&b, "a\xff" "b\xc3" "c\xef\x01\x0b\xbf\xbe" "d\xed\xa0\x80" "e\xc3\xa9");
	assert_string_equal(b.data, "abcde\xc3\xa9");
	buf_reset(&b);
	xml_escape(&b, NULL);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ical_escapes_text),
		cmocka_unit_test(ical_folds_without_splitting_utf8),
		cmocka_unit_test(ical_times),
		cmocka_unit_test(date_adds_minutes),
		cmocka_unit_test(xml_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
