/* test_logtext.c: unit tests for util/logtext: the entries of the
 * publication log and the serializations they hash, byte for byte as
 * docs/LOG.md describes them (a reader outside must be able to write the
 * same bytes: strings as JSON.stringify writes them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/json.h"
#include "util/logtext.h"

/* The two ways util/json writes a string: for a page, and as
 * JSON.stringify (the log's). */
static void string_writers(void **state)
{
	const char *s = "a\"\\\b\f\n\r\t\x01<\x7f\xe2\x80\xa8\xc3\xa9";
	struct buf b = BUF_INIT;

	(void)state;
	json_string(&b, s);
	assert_string_equal(b.data, "\"a\\\"\\\\\\u0008\\u000c\\n\\r\\t\\u0001\\u003c\\u007f\\u2028\xc3\xa9\"");
	buf_reset(&b);
	json_stringify_string(&b, s);
	assert_string_equal(b.data, "\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001<\x7f\xe2\x80\xa8\xc3\xa9\"");
	buf_reset(&b);
	json_string(&b, NULL);
	json_stringify_string(&b, NULL);
	assert_string_equal(b.data, "nullnull");
	buf_release(&b);
}

static void agenda_and_minutes(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_putc(&b, '[');
	logtext_agenda_item(&b, 0, 12, "1", "Apologies", 0, "<p>None \"yet\"</p>");
	logtext_agenda_item(&b, 1, 13, "2", "Exempt matter", 1, "<p>secret</p>");
	logtext_agenda_item(&b, 2, 14, NULL, "Any other business\n", 0, NULL);
	buf_putc(&b, ']');
	assert_string_equal(b.data, "[[\"12\",\"1\",\"Apologies\",\"open\",\"<p>None \\\"yet\\\"</p>\"],"
				    "[\"13\",\"2\",\"Exempt matter\",\"exempt\",null],"
				    "[\"14\",null,\"Any other business\\n\",\"open\",null]]");
	buf_reset(&b);
	buf_putc(&b, '[');
	logtext_minutes_item(&b, 0, 7, "7", "Precept", "<p>Discussed.</p>", "<p>RESOLVED</p>");
	buf_putc(&b, ']');
	assert_string_equal(b.data, "[[\"7\",\"7\",\"Precept\",\"<p>Discussed.</p>\",\"<p>RESOLVED</p>\"]]");
	buf_release(&b);
}

static void decision_and_hash(void **state)
{
	struct buf b = BUF_INIT;
	char sha[65];

	(void)state;
	/* (JSON.stringify's escapes: \b and \u0001; "<", DEL and U+2028 as they are) */
	logtext_decision(&b, "Budget\b\x01", "2026-02-01", "executive", "made", "<p>Agreed\x7f</p>", NULL,
			 "<p>None\xe2\x80\xa8</p>");
	assert_string_equal(b.data, "[\"Budget\\b\\u0001\",\"2026-02-01\",\"executive\",\"made\",\"<p>Agreed\x7f</p>\",null,"
				    "\"<p>None\xe2\x80\xa8</p>\"]");
	buf_reset(&b);
	buf_puts(&b, "abc");
	logtext_sha256(&b, sha);
	assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	buf_reset(&b);
	logtext_sha256(&b, sha);   /* (nothing: SHA-256 of the empty string) */
	assert_string_equal(sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	buf_release(&b);
}

static void entries(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	logtext_entry(&b, "minutes-approved", "/meetings/1/minutes",
		      "830ad090f92b0984054a8fd695db05b862d8e878af4e72160b42f7cc7af1989e", 0, "2019-06-10T10:00:00Z");
	assert_string_equal(b.data, "witan-log/1\nevent minutes-approved\nobject /meetings/1/minutes\n"
				    "sha256 830ad090f92b0984054a8fd695db05b862d8e878af4e72160b42f7cc7af1989e\n"
				    "time 2019-06-10T10:00:00Z\n");
	buf_reset(&b);
	/* An exempt item: its paragraph, and no hash even if one is given. */
	logtext_entry(&b, "item-exempt", "/meetings/3/items/9", "00", 3, "2019-01-27T16:30:00Z");
	assert_string_equal(b.data, "witan-log/1\nevent item-exempt\nobject /meetings/3/items/9\nparagraph 3\n"
				    "time 2019-01-27T16:30:00Z\n");
	buf_reset(&b);
	/* A withdrawal: no hash. */
	logtext_entry(&b, "document-withdrawn", "/documents/4", "", 0, "2026-12-04T10:00:00Z");
	assert_string_equal(b.data, "witan-log/1\nevent document-withdrawn\nobject /documents/4\n"
				    "time 2026-12-04T10:00:00Z\n");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(agenda_and_minutes),
		cmocka_unit_test(decision_and_hash),
		cmocka_unit_test(entries),
		cmocka_unit_test(string_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
