/* test_util.c: unit tests for util/ (buf, utf8, date, valid, licence) and web/html. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/licence.h"
#include "util/utf8.h"
#include "util/valid.h"
#include "web/html.h"

static void buf_appends_and_terminates(void **state)
{
	struct buf b;

	buf_init(&b, 0);
	buf_puts(&b, "abc");
	buf_printf(&b, "-%d-", 42);
	buf_putc(&b, 'z');
	assert_string_equal(b.data, "abc-42-z");
	assert_int_equal(b.len, 8);
	buf_truncate(&b, 3);
	assert_string_equal(b.data, "abc");
	buf_release(&b);
	assert_null(b.data);
}

static void buf_cap_is_sticky_error(void **state)
{
	struct buf b;

	buf_init(&b, 10);
	buf_puts(&b, "0123456789");
	assert_int_equal(b.err, BUF_OK);
	buf_puts(&b, "x");
	assert_int_equal(b.err, BUF_ETOOBIG);
	buf_puts(&b, "");
	buf_printf(&b, "%s", "more");
	assert_int_equal(b.len, 10);
	assert_null(buf_detach(&b, NULL));
}

static void buf_grows_large(void **state)
{
	struct buf b;
	size_t len;
	char *p;

	buf_init(&b, 0);
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "0123456789");
	assert_int_equal(b.len, 1000000);
	p = buf_detach(&b, &len);
	assert_int_equal(len, 1000000);
	assert_int_equal(p[999999], '9');
	free(p);
}

static void html_escapes_text_not_raw(void **state)
{
	struct buf b = BUF_INIT;

	html_fmt(&b, "<p title=\"%s\">%s</p>%r", "a\"b'c", "Police & Crime <Plan>", "<em>ok</em>");
	assert_string_equal(b.data, "<p title=\"a&quot;b&#39;c\">Police &amp; Crime &lt;Plan&gt;</p><em>ok</em>");
	buf_reset(&b);
	html_fmt(&b, "/documents/%l/%u %d%% %z", (int64_t)12, "a b/é.pdf", 7, (size_t)3);
	assert_string_equal(b.data, "/documents/12/a%20b%2F%C3%A9.pdf 7% 3");
	buf_reset(&b);
	html_fmt(&b, "[%s]", (const char *)NULL);
	assert_string_equal(b.data, "[]");
	buf_release(&b);
}

static void utf8_validation(void **state)
{
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("£26.9m – ’", strlen("£26.9m – ’")));
	assert_false(utf8_valid("\xc0\xaf", 2));          /* overlong '/' */
	assert_false(utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
	assert_false(utf8_valid("\xe2\x82", 2));          /* truncated */
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
}

static void dates_parse_and_format(void **state)
{
	struct civil c;
	struct buf b = BUF_INIT;

	assert_int_equal(civil_parse("2019-02-04 11:00", &c), 0);
	assert_int_equal(c.wday, 1); /* Monday */
	assert_int_equal(c.hour, 11);
	assert_int_equal(civil_parse("2019-02-29", &c), -1);
	assert_int_equal(civil_parse("2020-02-29", &c), 0);
	assert_int_equal(civil_parse("2019-13-01", &c), -1);
	assert_int_equal(civil_parse("nonsense", &c), -1);
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(civil_weekday(2026, 11, 26), 4); /* Thursday */
	assert_int_equal(days_in_month(2024, 2), 29);
	for (long z = -800000; z <= 800000; z += 997) {
		int y, m, d;
		civil_from_days(z, &y, &m, &d);
		assert_int_equal(days_from_civil(y, m, d), z);
	}
	assert_int_equal(days_in_month(1900, 2), 28);

	date_put_long(&b, "2019-02-04 11:00");
	assert_string_equal(b.data, "Monday 4 February 2019");
	buf_reset(&b);
	date_put_time(&b, "2019-02-04 11:00");
	buf_puts(&b, "|");
	date_put_time(&b, "2019-02-04 14:30");
	buf_puts(&b, "|");
	date_put_time(&b, "2019-02-04 12:00");
	buf_puts(&b, "|");
	date_put_time(&b, "2019-02-04 00:05");
	assert_string_equal(b.data, "11.00 am|2.30 pm|12.00 noon|12.05 am");
	buf_reset(&b);
	date_put_short(&b, "2026-11-26");
	assert_string_equal(b.data, "26 Nov 2026");
	buf_reset(&b);
	setenv("TZ", "Europe/London", 1);
	tzset();
	date_put_iso_local(&b, "2019-07-04 11:00");
	assert_string_equal(b.data, "2019-07-04T11:00:00+01:00");
	buf_reset(&b);
	date_put_utc_local(&b, "2019-07-04T10:00:00Z");
	assert_string_equal(b.data, "4 July 2019 at 11.00 am");
	buf_release(&b);
}

static int svg_ok(const char *s)
{
	const char *why = NULL;
	int ok = svg_logo_valid(s, strlen(s), &why);
	if (!ok)
		assert_non_null(why);
	return ok;
}

static void validators(void **state)
{
	assert_true(colour_valid("#1d4f73"));
	assert_true(colour_valid("#FFF"));
	assert_false(colour_valid("red"));
	assert_false(colour_valid("#12345"));
	assert_false(colour_valid("#12345g"));
	assert_false(colour_valid("#123;}"));
	assert_false(colour_valid(NULL));

	assert_true(svg_ok("<svg viewBox=\"0 0 1 1\"><title>x</title></svg>"));
	assert_true(svg_ok("<?xml version=\"1.0\"?>\n<svg/>"));
	assert_true(svg_ok("<svg><text>Monday only</text></svg>"));
	assert_false(svg_ok("<svg><script>alert(1)</script></svg>"));
	assert_false(svg_ok("<svg><SCRIPT>alert(1)</SCRIPT></svg>"));
	assert_false(svg_ok("<svg onload=\"alert(1)\"></svg>"));
	assert_false(svg_ok("<svg\nonclick = \"x\"></svg>"));
	assert_false(svg_ok("<svg><a href=\"javascript:x\">a</a></svg>"));
	assert_false(svg_ok("<svg><foreignObject></foreignObject></svg>"));
	assert_false(svg_ok("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>"));
	assert_false(svg_ok("<html></html>"));
	assert_false(svg_ok("<?xml version=\"1.0\"<svg/>"));
	assert_false(svg_ok("<svg>\xff</svg>"));
	/* What the page's HTML parser reads as a handler or a script URL. */
	assert_false(svg_ok("<svg/onload=alert(1)>"));
	assert_false(svg_ok("<svg x=\"\"onload=alert(1)>"));
	assert_false(svg_ok("<svg onload\n=alert(1)>"));
	assert_false(svg_ok("<svg\fonload=alert(1)>"));
	assert_false(svg_ok("<svg><a href=\"java\tscript:alert(1)\">a</a></svg>"));
	assert_false(svg_ok("<svg><a href=\"&#106;avascript:alert(1)\">a</a></svg>"));
	assert_false(svg_ok("<svg><a href=\"javascript&colon;alert(1)\">a</a></svg>"));
	assert_true(svg_ok("<svg><text>Parks &amp; gardens &lt;3</text></svg>"));
	{
		/* Only svg[0..n) is read: the declaration closes past n. */
		const char *why = NULL;
		assert_false(svg_logo_valid("<?xml ?><svg/>", 7, &why));
	}
}

/* The licences: the region's default, names whatever the URL's spelling,
 * and what a setting or a harvested object may give. */
static void licences(void **state)
{
	char long_url[LICENCE_MAX + 2];

	assert_string_equal(licence_default("england"), LICENCE_OGL3);
	assert_string_equal(licence_default("northern_ireland"), LICENCE_OGL3);
	assert_null(licence_default("other"));
	assert_null(licence_default(NULL));

	assert_string_equal(licence_name(LICENCE_OGL3), "Open Government Licence v3.0");
	assert_string_equal(licence_name("http://nationalarchives.gov.uk/doc/open-government-licence/version/3"),
			    "Open Government Licence v3.0");
	assert_non_null(strstr(licence_name("https://creativecommons.org/licenses/by/4.0"), "CC BY 4.0"));
	assert_non_null(strstr(licence_name(LICENCE_CC0_1), "CC0"));
	assert_non_null(strstr(licence_name("https://www.govdata.de/dl-de/by-2-0"), "Datenlizenz"));
	assert_null(licence_name("https://creativecommons.org/licenses/by/4.0/legalcode/x"));
	assert_null(licence_name("https://example.org/licence"));
	assert_null(licence_name("CC-BY-4.0"));
	assert_null(licence_name(NULL));

	assert_true(licence_url_valid(LICENCE_OGL3));
	assert_true(licence_url_valid("http://example.org/licence?v=2#terms"));
	assert_false(licence_url_valid("ftp://example.org/licence"));
	assert_false(licence_url_valid("https://"));
	assert_false(licence_url_valid("https:///licence"));
	assert_false(licence_url_valid("javascript:alert(1)"));
	assert_false(licence_url_valid("https://example.org/a licence"));
	assert_false(licence_url_valid("https://example.org/\"onmouseover=\"x"));
	assert_false(licence_url_valid("https://example.org/'x'"));
	assert_false(licence_url_valid("https://example.org/<x>"));
	assert_false(licence_url_valid("https://example.org/\xc3\xa9"));
	assert_false(licence_url_valid(""));
	assert_false(licence_url_valid(NULL));
	memset(long_url, 'a', sizeof(long_url) - 1);
	memcpy(long_url, "https://", 8);
	long_url[LICENCE_MAX] = '\0';
	assert_true(licence_url_valid(long_url));
	long_url[LICENCE_MAX] = 'a';
	long_url[LICENCE_MAX + 1] = '\0';
	assert_false(licence_url_valid(long_url));

	assert_true(licence_text_ok("Datenlizenz Deutschland – Namensnennung – Version 2.0"));
	assert_true(licence_text_ok(LICENCE_CC_BY_4));
	assert_false(licence_text_ok("two\nlines"));
	assert_false(licence_text_ok("\xff"));
	assert_false(licence_text_ok(""));
	assert_false(licence_text_ok(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_appends_and_terminates),
		cmocka_unit_test(buf_cap_is_sticky_error),
		cmocka_unit_test(buf_grows_large),
		cmocka_unit_test(html_escapes_text_not_raw),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(dates_parse_and_format),
		cmocka_unit_test(validators),
		cmocka_unit_test(licences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
