/* test_notice.c: unit tests for util/notice (bank holidays of England and
 * Wales with the one-off days of data/bank-holidays.txt, clear days, latest
 * publication date of an agenda, 28 clear days of a key decision). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "util/date.h"
#include "util/notice.h"

/* The official list (gov.uk/bank-holidays, England and Wales), as
 * month * 100 + day, 0-terminated. */
struct year_list {
	int year;
	int days[12];
};

static const struct year_list official[] = {
	{ 2019, { 101, 419, 422, 506, 527, 826, 1225, 1226 } },
	{ 2020, { 101, 410, 413, 508, 525, 831, 1225, 1228 } },
	{ 2021, { 101, 402, 405, 503, 531, 830, 1227, 1228 } },
	{ 2022, { 103, 415, 418, 502, 602, 603, 829, 919, 1226, 1227 } },
	{ 2023, { 102, 407, 410, 501, 508, 529, 828, 1225, 1226 } },
	{ 2024, { 101, 329, 401, 506, 527, 826, 1225, 1226 } },
	{ 2025, { 101, 418, 421, 505, 526, 825, 1225, 1226 } },
	{ 2026, { 101, 403, 406, 504, 525, 831, 1225, 1228 } },
	{ 2027, { 101, 326, 329, 503, 531, 830, 1227, 1228 } },
};

static int listed(const int *days, int md)
{
	for (int i = 0; days[i]; i++)
		if (days[i] == md)
			return 1;
	return 0;
}

static void ymd_string(long z, char out[11])
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* Every day of 2019-2027: a holiday exactly when the official list says. */
static void bank_holidays_match_official_list_2019_2027(void **state)
{
	for (size_t i = 0; i < sizeof(official) / sizeof(official[0]); i++) {
		int y = official[i].year, found = 0;

		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= days_in_month(y, m); d++) {
				int want = listed(official[i].days, m * 100 + d);
				int got = bank_holiday_ew(y, m, d);

				if (got != want) {
					print_error("%04d-%02d-%02d: bank_holiday_ew %d, official %d\n", y, m, d, got, want);
					fail();
				}
				found += got;
			}
		}
		for (int k = 0; official[i].days[k]; k++)
			found--;
		assert_int_equal(found, 0);
	}
}

/* Easter Sunday 1995-2100 as month * 100 + day, from python-dateutil's
 * easter() (a different formulation of the Gregorian computus). */
static const int easter_1995[] = {
	416, 407, 330, 412, 404, 423, 415, 331, 420, 411, 327, 416,
	408, 323, 412, 404, 424, 408, 331, 420, 405, 327, 416, 401,
	421, 412, 404, 417, 409, 331, 420, 405, 328, 416, 401, 421,
	413, 328, 417, 409, 325, 413, 405, 425, 410, 401, 421, 406,
	329, 417, 409, 325, 414, 405, 418, 410, 402, 421, 406, 329,
	418, 402, 422, 414, 330, 418, 410, 326, 415, 406, 329, 411,
	403, 422, 414, 330, 419, 410, 326, 415, 407, 419, 411, 403,
	423, 407, 330, 419, 404, 326, 415, 331, 420, 411, 403, 416,
	408, 330, 412, 404, 424, 415, 331, 420, 412, 328,
};

static void good_friday_and_easter_monday_1995_2100(void **state)
{
	assert_int_equal(sizeof(easter_1995) / sizeof(easter_1995[0]), 2100 - 1995 + 1);
	for (int y = 1995; y <= 2100; y++) {
		int md = easter_1995[y - 1995];
		long z = days_from_civil(y, md / 100, md % 100);
		int gy, gm, gd, my, mm, mdd;

		civil_from_days(z - 2, &gy, &gm, &gd);
		civil_from_days(z + 1, &my, &mm, &mdd);
		assert_int_equal(civil_weekday(y, md / 100, md % 100), 0);
		if (!bank_holiday_ew(gy, gm, gd) || !bank_holiday_ew(my, mm, mdd) ||
		    bank_holiday_ew(gy, gm, gd + 1) || bank_holiday_ew(y, md / 100, md % 100)) {
			print_error("Easter %d: Sunday %d-%02d\n", y, md / 100, md % 100);
			fail();
		}
	}
}

/* The one-off moves and extra days, and the weekend substitutes. */
static void bank_holiday_exceptions(void **state)
{
	/* 1995: early May moved to 8 May (VE Day 50). */
	assert_true(bank_holiday_ew(1995, 5, 8));
	assert_false(bank_holiday_ew(1995, 5, 1));
	/* Millennium, and New Year 2000 (a Saturday) on Monday 3 January. */
	assert_true(bank_holiday_ew(1999, 12, 31));
	assert_true(bank_holiday_ew(2000, 1, 3));
	assert_false(bank_holiday_ew(2000, 1, 1));
	/* 2002: spring bank holiday on Tuesday 4 June, Golden Jubilee on 3 June. */
	assert_false(bank_holiday_ew(2002, 5, 27));
	assert_true(bank_holiday_ew(2002, 6, 3));
	assert_true(bank_holiday_ew(2002, 6, 4));
	/* 2011: royal wedding. */
	assert_true(bank_holiday_ew(2011, 4, 29));
	/* 2012: spring on 4 June, Diamond Jubilee on 5 June. */
	assert_false(bank_holiday_ew(2012, 5, 28));
	assert_true(bank_holiday_ew(2012, 6, 4));
	assert_true(bank_holiday_ew(2012, 6, 5));
	/* 2020: early May on Friday 8 May (VE Day 75), not Monday 4 May. */
	assert_false(bank_holiday_ew(2020, 5, 4));
	assert_true(bank_holiday_ew(2020, 5, 8));
	/* 2022: spring on Thursday 2 June, not Monday 30 May; state funeral. */
	assert_false(bank_holiday_ew(2022, 5, 30));
	assert_true(bank_holiday_ew(2022, 9, 19));
	/* 2023: coronation as well as early May. */
	assert_true(bank_holiday_ew(2023, 5, 1));
	assert_true(bank_holiday_ew(2023, 5, 8));
	/* Christmas on Saturday (2004): Monday 27 and Tuesday 28. */
	assert_false(bank_holiday_ew(2004, 12, 25));
	assert_true(bank_holiday_ew(2004, 12, 27));
	assert_true(bank_holiday_ew(2004, 12, 28));
	/* Christmas on Sunday (2016): Boxing Day Monday 26, Christmas Tuesday 27. */
	assert_false(bank_holiday_ew(2016, 12, 25));
	assert_true(bank_holiday_ew(2016, 12, 26));
	assert_true(bank_holiday_ew(2016, 12, 27));
	/* Boxing Day on Saturday (2015): Monday 28. */
	assert_true(bank_holiday_ew(2015, 12, 25));
	assert_false(bank_holiday_ew(2015, 12, 26));
	assert_true(bank_holiday_ew(2015, 12, 28));
	/* New Year's Day on Sunday (2017): Monday 2 January. */
	assert_false(bank_holiday_ew(2017, 1, 1));
	assert_true(bank_holiday_ew(2017, 1, 2));
	/* 2100 (not a leap year): Easter 28 March, standing rules. */
	assert_true(bank_holiday_ew(2100, 3, 26));
	assert_true(bank_holiday_ew(2100, 3, 29));
	assert_true(bank_holiday_ew(2100, 5, 3));
	assert_true(bank_holiday_ew(2100, 5, 31));
	assert_true(bank_holiday_ew(2100, 8, 30));
	/* Impossible dates are not holidays. */
	assert_false(bank_holiday_ew(2023, 2, 29));
	assert_false(bank_holiday_ew(2023, 13, 1));
	assert_false(bank_holiday_ew(2023, 12, 0));
	assert_false(bank_holiday_ew(2023, 0, 1));
}

/* Eight a year, all weekdays, plus the known extras. */
static void bank_holiday_counts_1995_2100(void **state)
{
	for (int y = 1995; y <= 2100; y++) {
		int n = 0, want = 8;

		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= days_in_month(y, m); d++) {
				if (!bank_holiday_ew(y, m, d))
					continue;
				n++;
				assert_int_not_equal(civil_weekday(y, m, d), 0);
				assert_int_not_equal(civil_weekday(y, m, d), 6);
				assert_false(notice_working_day(y, m, d));
			}
		}
		if (y == 1999 || y == 2002 || y == 2011 || y == 2012 || y == 2023)
			want = 9;
		else if (y == 2022)
			want = 10;
		if (n != want) {
			print_error("%d: %d bank holidays, want %d\n", y, n, want);
			fail();
		}
	}
}

static void clear_days_counts(void **state)
{
	/* Wed 4 March 2026 to Thu 12 March: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11. */
	assert_int_equal(clear_days_between("2026-03-04", "2026-03-12"), 5);
	assert_int_equal(clear_days_between("2026-03-05", "2026-03-12 19:00"), 4);
	/* Three clear days for Wales: Fri 6 to Thu 12 gives Mon, Tue, Wed. */
	assert_int_equal(clear_days_between("2026-03-06", "2026-03-12"), 3);
	/* A Saturday or Sunday publication gives the same as Friday's. */
	assert_int_equal(clear_days_between("2026-03-07", "2026-03-12"), 3);
	assert_int_equal(clear_days_between("2026-03-08", "2026-03-12"), 3);
	/* Over two weekends: Fri 27 Feb to Mon 16 March. */
	assert_int_equal(clear_days_between("2026-02-27", "2026-03-16"), 10);
	/* Day before the meeting, the day itself, and after it. */
	assert_int_equal(clear_days_between("2026-03-11", "2026-03-12"), 0);
	assert_int_equal(clear_days_between("2026-03-12", "2026-03-12"), 0);
	assert_int_equal(clear_days_between("2026-03-20", "2026-03-12"), 0);
	/* Friday before a Monday meeting: the weekend is not clear. */
	assert_int_equal(clear_days_between("2026-03-13", "2026-03-16"), 0);
	/* Easter 2026 (Good Friday 3 April, Easter Monday 6 April): Tue 31
	 * March to Thu 9 April gives Wed 1, Thu 2, Tue 7, Wed 8. */
	assert_int_equal(clear_days_between("2026-03-31", "2026-04-09"), 4);
	/* Christmas 2026 (Fri 25, substitute Mon 28) and New Year 2027 (Fri):
	 * Tue 22 Dec to Mon 4 Jan gives Wed 23, Thu 24, Tue 29, Wed 30, Thu 31. */
	assert_int_equal(clear_days_between("2026-12-22", "2027-01-04"), 5);
	/* Christmas 2021 on Saturday: Thu 23 Dec to Wed 29 Dec gives Fri 24 only. */
	assert_int_equal(clear_days_between("2021-12-23", "2021-12-29"), 1);
	/* Jubilee week 2022 (Thu 2 and Fri 3 June): Tue 31 May to Wed 8 June
	 * gives Wed 1, Mon 6, Tue 7. */
	assert_int_equal(clear_days_between("2022-05-31", "2022-06-08"), 3);
	/* A whole year: 2025 has 261 weekdays and 8 bank holidays. */
	assert_int_equal(clear_days_between("2024-12-31", "2026-01-01"), 253);
}

static void clear_days_bad_input(void **state)
{
	assert_int_equal(clear_days_between(NULL, "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04", NULL), -1);
	assert_int_equal(clear_days_between("", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04", "next Thursday"), -1);
	assert_int_equal(clear_days_between("2026-02-30", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-13-01", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-3-4", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04x", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04 25:00", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04 10:60", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04T10:00:00+", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04 10:00:00Z", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04T10:00-00Z", "2026-03-12"), -1);
	assert_int_equal(clear_days_between("2026-03-04T10:00:00Z ", "2026-03-12"), -1);
	/* Accepted forms. */
	assert_int_equal(clear_days_between("2026-03-04 10:00", "2026-03-12"), 5);
	assert_int_equal(clear_days_between("2026-03-04T10:00", "2026-03-12"), 5);
	assert_int_equal(clear_days_between("2026-03-04 10:00:59", "2026-03-12"), 5);
	assert_int_equal(clear_days_between("2026-03-04T10:00:00Z", "2026-03-12 10:00"), 5);
}

/* A UTC timestamp is turned into the local date (TZ=Europe/London). */
static void clear_days_utc_to_local_date(void **state)
{
	/* Meeting Wed 8 July 2026.  23:30 UTC on 30 June is 00:30 BST on 1 July,
	 * which loses Wed 1 July as a clear day. */
	assert_int_equal(clear_days_between("2026-06-30", "2026-07-08"), 5);
	assert_int_equal(clear_days_between("2026-06-30T22:59:59Z", "2026-07-08"), 5);
	assert_int_equal(clear_days_between("2026-06-30T23:30:00Z", "2026-07-08"), 4);
	assert_int_equal(clear_days_between("2026-07-01", "2026-07-08"), 4);
	/* In GMT, 23:30 UTC is still the same day. */
	assert_int_equal(clear_days_between("2026-01-05T23:30:00Z", "2026-01-13"), 5);
	/* Either side of the change to BST at 01:00 UTC on 29 March 2026. */
	assert_int_equal(clear_days_between("2026-03-27T23:30:00Z", "2026-04-02"), 3);
	assert_int_equal(clear_days_between("2026-03-29T23:30:00Z", "2026-04-02"), 2);
	/* And back to GMT at 01:00 UTC on 25 October 2026: Thu 22 at 23:30 UTC
	 * is Fri 23 in BST; Sun 25 at 23:30 UTC is still Sun 25 in GMT. */
	assert_int_equal(clear_days_between("2026-10-22T23:30:00Z", "2026-10-30"), 4);
	assert_int_equal(clear_days_between("2026-10-25T23:30:00Z", "2026-10-30"), 4);
	assert_int_equal(clear_days_between("2026-10-26T23:30:00Z", "2026-10-30"), 3);
}

static void latest_publication_dates(void **state)
{
	char out[11];

	/* The worked example: Thu 12 March 2026, five clear days: Wed 4 March. */
	assert_int_equal(notice_latest_publication("2026-03-12", 5, out), 0);
	assert_string_equal(out, "2026-03-04");
	assert_int_equal(notice_latest_publication("2026-03-12 19:00", NOTICE_CLEAR_DAYS_ENGLAND, out), 0);
	assert_string_equal(out, "2026-03-04");
	/* Three clear days (Wales): Mon 9, Tue 10, Wed 11, so Sunday 8 March
	 * (a weekend publication loses nothing). */
	assert_int_equal(notice_latest_publication("2026-03-12", NOTICE_CLEAR_DAYS_WALES, out), 0);
	assert_string_equal(out, "2026-03-08");
	/* Monday 16 March: Mon 9 to Fri 13 are clear, so Sunday 8 March. */
	assert_int_equal(notice_latest_publication("2026-03-16", 5, out), 0);
	assert_string_equal(out, "2026-03-08");
	/* Over Easter: Thu 9 April 2026 needs Wed 8, Tue 7, Thu 2, Wed 1,
	 * Tue 31 March, so Monday 30 March. */
	assert_int_equal(notice_latest_publication("2026-04-09", 5, out), 0);
	assert_string_equal(out, "2026-03-30");
	/* Over Christmas: Mon 4 January 2027 needs Thu 31, Wed 30, Tue 29,
	 * Thu 24, Wed 23 December, so Tuesday 22 December 2026. */
	assert_int_equal(notice_latest_publication("2027-01-04", 5, out), 0);
	assert_string_equal(out, "2026-12-22");
	/* No clear days: the day before. */
	assert_int_equal(notice_latest_publication("2026-03-12", 0, out), 0);
	assert_string_equal(out, "2026-03-11");
	/* Back over New Year: Wed 7 January 2026 needs Tue 6, Mon 5, Fri 2
	 * and (Thu 1 being a holiday) Wed 31 December, so Tuesday 30th. */
	assert_int_equal(notice_latest_publication("2026-01-07", 4, out), 0);
	assert_string_equal(out, "2025-12-30");
	/* Bad input. */
	assert_int_equal(notice_latest_publication("2026-02-30", 5, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(notice_latest_publication(NULL, 5, out), -1);
	assert_int_equal(notice_latest_publication("2026-03-12", -1, out), -1);
	assert_int_equal(notice_latest_publication("2026-03-12", 367, out), -1);
	assert_int_equal(notice_latest_publication("2026-03-12", 366, out), 0);
}

/* For every meeting date in 2019-2027 and 0..10 clear days, the latest
 * date gives enough clear days and the day after it does not; and the
 * counting agrees with a day-by-day walk. */
static void latest_publication_is_tight(void **state)
{
	long z0 = days_from_civil(2019, 1, 1), z1 = days_from_civil(2028, 1, 1);
	char meeting[11], latest[11], next[11];

	for (long z = z0; z < z1; z++) {
		ymd_string(z, meeting);
		for (int n = 0; n <= 10; n++) {
			long zl;
			int y, m, d;

			assert_int_equal(notice_latest_publication(meeting, n, latest), 0);
			assert_int_equal(civil_parse(latest, &(struct civil){ 0 }), 0);
			sscanf(latest, "%d-%d-%d", &y, &m, &d);
			zl = days_from_civil(y, m, d);
			ymd_string(zl + 1, next);
			assert_true(zl < z);
			assert_true(clear_days_between(latest, meeting) >= n);
			if (zl + 1 < z)
				assert_true(clear_days_between(next, meeting) < n);
		}
	}
	for (long a = z0; a < z1; a += 37) {
		for (long b = a - 3; b < a + 400; b += 11) {
			char pa[11], mb[11];
			int walk = 0;

			for (long k = a + 1; k < b; k++) {
				int y, m, d;

				civil_from_days(k, &y, &m, &d);
				walk += notice_working_day(y, m, d);
			}
			ymd_string(a, pa);
			ymd_string(b, mb);
			assert_int_equal(clear_days_between(pa, mb), walk);
		}
	}
}

static void notice_check_explains(void **state)
{
	struct notice_result r;

	/* In time: published 10.15 am GMT on Wed 4 March for Thu 12 March. */
	assert_int_equal(notice_check("2026-03-04T10:15:00Z", "2026-03-12 19:00", 5, &r), 0);
	assert_int_equal(r.clear_days_given, 5);
	assert_int_equal(r.clear_days_required, 5);
	assert_string_equal(r.latest_date, "2026-03-04");
	assert_int_equal(r.late, 0);

	/* A day late. */
	assert_int_equal(notice_check("2026-03-05T09:00:00Z", "2026-03-12 19:00", 5, &r), 0);
	assert_int_equal(r.clear_days_given, 4);
	assert_string_equal(r.latest_date, "2026-03-04");
	assert_int_equal(r.late, 1);

	/* Late by the local date only: 23:30 UTC on 30 June is 1 July in BST. */
	assert_int_equal(notice_check("2026-06-30T23:30:00Z", "2026-07-08 18:00", 5, &r), 0);
	assert_int_equal(r.clear_days_given, 4);
	assert_string_equal(r.latest_date, "2026-06-30");
	assert_int_equal(r.late, 1);
	/* The same publication is enough for Wales. */
	assert_int_equal(notice_check("2026-06-30T23:30:00Z", "2026-07-08 18:00", 3, &r), 0);
	assert_int_equal(r.clear_days_given, 4);
	assert_int_equal(r.clear_days_required, 3);
	assert_string_equal(r.latest_date, "2026-07-02");
	assert_int_equal(r.late, 0);

	/* Published on the day before. */
	assert_int_equal(notice_check("2026-03-11T16:00:00Z", "2026-03-12 10:00", 5, &r), 0);
	assert_int_equal(r.clear_days_given, 0);
	assert_int_equal(r.late, 1);

	/* Errors leave the result zeroed. */
	assert_int_equal(notice_check("yesterday", "2026-03-12 10:00", 5, &r), -1);
	assert_int_equal(r.clear_days_required, 0);
	assert_string_equal(r.latest_date, "");
	assert_int_equal(notice_check("2026-03-04T10:15:00Z", "2026-03-12 10:00", -2, &r), -1);
	assert_int_equal(r.late, 0);
	assert_int_equal(notice_check("2026-03-04T10:15:00Z", NULL, 5, &r), -1);
}

/* --- issue 13: the cases the acceptance names ------------------------- */

/* Across a weekend: Friday's publication for a Monday ten days on gives
 * Mon 9 to Fri 13 (five); Monday's gives four.  Saturday and Sunday count
 * neither as clear days nor against a publication made on them. */
static void clear_days_across_a_weekend(void **state)
{
	struct notice_result r;

	assert_int_equal(clear_days_between("2026-03-06", "2026-03-16"), 5);
	assert_int_equal(clear_days_between("2026-03-09", "2026-03-16"), 4);
	assert_int_equal(clear_days_between("2026-03-14", "2026-03-16"), 0);
	assert_int_equal(notice_check("2026-03-08T12:00:00Z", "2026-03-16 18:00", 5, &r), 0);
	assert_int_equal(r.late, 0);
	assert_string_equal(r.latest_date, "2026-03-08");
	assert_int_equal(notice_check("2026-03-09T09:00:00Z", "2026-03-16 18:00", 5, &r), 0);
	assert_int_equal(r.late, 1);
}

/* Christmas and Boxing Day, including Boxing Day on a Saturday (2020:
 * substitute Monday 28) and both on the weekend (2021: Mon 27, Tue 28). */
static void clear_days_over_christmas(void **state)
{
	char out[11];

	/* 2024: Wed 25, Thu 26.  Fri 20 Dec to Tue 31 Dec: Mon 23, Tue 24,
	 * Fri 27, Mon 30. */
	assert_int_equal(clear_days_between("2024-12-20", "2024-12-31"), 4);
	/* 2020: Fri 25, Boxing Day Sat 26 moved to Mon 28.  Wed 23 to Wed 30:
	 * Thu 24 and Tue 29. */
	assert_true(bank_holiday_ew(2020, 12, 28));
	assert_int_equal(clear_days_between("2020-12-23", "2020-12-30"), 2);
	/* Five clear days before Mon 4 January 2021: Thu 31, Wed 30, Tue 29,
	 * Thu 24 and Wed 23 (Fri 1 January is New Year's Day), so Tue 22. */
	assert_int_equal(notice_latest_publication("2021-01-04", 5, out), 0);
	assert_string_equal(out, "2020-12-22");
	/* 2021: Sat 25 and Sun 26, substitutes Mon 27 and Tue 28.  Fri 24 to
	 * Fri 31: Wed 29, Thu 30. */
	assert_int_equal(clear_days_between("2021-12-24", "2021-12-31"), 2);
	/* 2022: Sun 25 (Boxing Day Mon 26, Christmas Tue 27). */
	assert_int_equal(clear_days_between("2022-12-23", "2022-12-30"), 2);
}

/* Easter: Good Friday and Easter Monday are not clear days. */
static void clear_days_over_easter(void **state)
{
	char out[11];

	/* 2025: Good Friday 18 April, Easter Monday 21 April.  Tue 15 to Thu 24:
	 * Wed 16, Thu 17, Tue 22, Wed 23. */
	assert_int_equal(clear_days_between("2025-04-15", "2025-04-24"), 4);
	assert_int_equal(notice_latest_publication("2025-04-24", 5, out), 0);
	assert_string_equal(out, "2025-04-14");
	/* 2024 (Easter in March): Good Friday 29 March, Easter Monday 1 April. */
	assert_int_equal(clear_days_between("2024-03-26", "2024-04-04"), 4);
}

/* The early May (first Monday) and summer (last Monday in August) bank
 * holidays. */
static void clear_days_over_may_and_summer(void **state)
{
	char out[11];

	/* Early May 2025: Mon 5.  Tue 29 April to Wed 7 May: Wed 30, Thu 1,
	 * Fri 2, Tue 6. */
	assert_int_equal(clear_days_between("2025-04-29", "2025-05-07"), 4);
	assert_int_equal(notice_latest_publication("2025-05-07", 5, out), 0);
	assert_string_equal(out, "2025-04-28");
	/* Spring 2025: Mon 26 May. */
	assert_int_equal(clear_days_between("2025-05-20", "2025-05-28"), 4);
	/* Summer 2025: Mon 25 August.  Tue 19 to Wed 27: Wed 20, Thu 21,
	 * Fri 22, Tue 26. */
	assert_int_equal(clear_days_between("2025-08-19", "2025-08-27"), 4);
	assert_int_equal(notice_latest_publication("2025-08-27", 5, out), 0);
	assert_string_equal(out, "2025-08-18");
	/* Summer 2026: Mon 31 August. */
	assert_int_equal(clear_days_between("2026-08-25", "2026-09-02"), 4);
}

/* One-off days come from data/bank-holidays.txt: the coronation (Mon 8
 * May 2023) as well as early May (Mon 1 May).  Tue 2 to Wed 10 May:
 * Wed 3, Thu 4, Fri 5, Tue 9. */
static void clear_days_over_a_one_off_day(void **state)
{
	char err[256];

	assert_int_equal(notice_init(err, sizeof(err)), 0);
	assert_int_equal(clear_days_between("2023-05-02", "2023-05-10"), 4);
	/* A file of one's own: the coronation gone, an invented extra day and
	 * a moved summer bank holiday in 2031. */
	assert_int_equal(notice_holidays_load("test.txt",
					      "# test\n"
					      "2031-06-06 | extra | An invented holiday\n"
					      "2031-09-01 | summer | The summer bank holiday, a week late\n",
					      err, sizeof(err)), 0);
	assert_int_equal(clear_days_between("2023-05-02", "2023-05-10"), 5);
	assert_false(bank_holiday_ew(2023, 5, 8));
	assert_true(bank_holiday_ew(2031, 6, 6));
	assert_int_equal(clear_days_between("2031-06-02", "2031-06-10"), 4);
	assert_false(bank_holiday_ew(2031, 8, 25));
	assert_true(bank_holiday_ew(2031, 9, 1));
	/* Back to the file compiled in. */
	assert_int_equal(notice_holidays_load(NULL, NULL, err, sizeof(err)), 0);
	assert_true(bank_holiday_ew(2023, 5, 8));
	assert_false(bank_holiday_ew(2031, 6, 6));
	assert_true(bank_holiday_ew(2031, 8, 25));
}

/* A malformed file is an error naming the file and line, and the days in
 * use stay as they were. */
static void holidays_file_malformed(void **state)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "2031-06-06 | extra\n", "bad.txt:1: too few fields" },
		{ "# c\n2031-06-06 | extra | A | B\n", "bad.txt:2: too many fields" },
		{ "2031-6-6 | extra | Short date\n", "bad.txt:1: not a date YYYY-MM-DD: '2031-6-6'" },
		{ "2031-02-30 | extra | No such day\n", "bad.txt:1: not a date YYYY-MM-DD: '2031-02-30'" },
		{ "2031-06-07 | extra | A Saturday\n", "bad.txt:1: a bank holiday must be a weekday: '2031-06-07'" },
		{ "2031-06-06 | moved | Unknown move\n",
		  "bad.txt:1: the move must be extra, early-may, spring or summer, not 'moved'" },
		{ "2031-06-06 | extra | Once\n\n2031-06-06 | extra | Twice\n", "bad.txt:3: a day listed twice: '2031-06-06'" },
		{ "2031-05-09 | early-may | One\n2031-05-12 | early-may | Two\n",
		  "bad.txt:2: a second move in one year of 'early-may'" },
		{ "# nothing but comments\n", "bad.txt:1: no entries" },
		{ "2031-06-06 |  | No move\n", "bad.txt:1: an empty field" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		if (notice_holidays_load("bad.txt", cases[i].text, err, sizeof(err)) != -1 ||
		    strcmp(err, cases[i].err) != 0) {
			print_error("case %zu: got '%s', want '%s'\n", i, err, cases[i].err);
			fail();
		}
	}
	/* Nothing changed: the coronation is still a holiday. */
	assert_true(bank_holiday_ew(2023, 5, 8));
	assert_int_equal(notice_init(err, sizeof(err)), 0);
}

/* Wales: three clear days by default.  Thu 5 March for Thu 12 March gives
 * four: late in England, in time in Wales. */
static void clear_days_wales(void **state)
{
	struct notice_result r;

	assert_int_equal(notice_default_clear_days("wales"), 3);
	assert_int_equal(notice_default_clear_days("england"), 5);
	assert_int_equal(notice_default_clear_days("scotland"), 5);
	assert_int_equal(notice_default_clear_days(NULL), 5);
	assert_int_equal(notice_check("2026-03-05T10:00:00Z", "2026-03-12 18:00",
				      notice_default_clear_days("england"), &r), 0);
	assert_int_equal(r.clear_days_given, 4);
	assert_int_equal(r.late, 1);
	assert_int_equal(notice_check("2026-03-05T10:00:00Z", "2026-03-12 18:00",
				      notice_default_clear_days("wales"), &r), 0);
	assert_int_equal(r.late, 0);
	assert_string_equal(r.latest_date, "2026-03-08");
	/* Mon 9 March gives two: late in Wales too. */
	assert_int_equal(notice_check("2026-03-09T10:00:00Z", "2026-03-12 18:00", 3, &r), 0);
	assert_int_equal(r.clear_days_given, 2);
	assert_int_equal(r.late, 1);
}

/* Key decisions: 28 clear calendar days (both end days excluded; weekends
 * and bank holidays count). */
static void key_decision_28_calendar_days(void **state)
{
	char out[11];

	/* 1 April for 30 April: 2 to 29 April, exactly 28: in time. */
	assert_int_equal(notice_calendar_days_between("2026-04-01", "2026-04-30"), 28);
	assert_false(notice_calendar_days_between("2026-04-01", "2026-04-30") < NOTICE_KEY_DECISION_DAYS);
	/* 2 April: 27, short. */
	assert_int_equal(notice_calendar_days_between("2026-04-02", "2026-04-30"), 27);
	assert_true(notice_calendar_days_between("2026-04-02", "2026-04-30") < NOTICE_KEY_DECISION_DAYS);
	assert_int_equal(notice_key_decision_latest("2026-04-30", out), 0);
	assert_string_equal(out, "2026-04-01");
	/* Over Christmas and New Year the count is the same. */
	assert_int_equal(notice_calendar_days_between("2026-12-10", "2027-01-08"), 28);
	assert_int_equal(notice_key_decision_latest("2027-01-08", out), 0);
	assert_string_equal(out, "2026-12-10");
	/* Same day, after, bad input. */
	assert_int_equal(notice_calendar_days_between("2026-04-30", "2026-04-30"), 0);
	assert_int_equal(notice_calendar_days_between("2026-05-01", "2026-04-30"), 0);
	assert_int_equal(notice_calendar_days_between("soon", "2026-04-30"), -1);
	assert_int_equal(notice_key_decision_latest("2026-02-30", out), -1);
	/* The local date of a timestamp. */
	assert_int_equal(notice_local_date("2026-06-30T23:30:00Z", out), 0);
	assert_string_equal(out, "2026-07-01");
	assert_int_equal(notice_local_date("2026-03-12 19:00", out), 0);
	assert_string_equal(out, "2026-03-12");
	assert_int_equal(notice_local_date("tomorrow", out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bank_holidays_match_official_list_2019_2027),
		cmocka_unit_test(good_friday_and_easter_monday_1995_2100),
		cmocka_unit_test(bank_holiday_exceptions),
		cmocka_unit_test(bank_holiday_counts_1995_2100),
		cmocka_unit_test(clear_days_counts),
		cmocka_unit_test(clear_days_bad_input),
		cmocka_unit_test(clear_days_utc_to_local_date),
		cmocka_unit_test(latest_publication_dates),
		cmocka_unit_test(latest_publication_is_tight),
		cmocka_unit_test(notice_check_explains),
		cmocka_unit_test(clear_days_across_a_weekend),
		cmocka_unit_test(clear_days_over_christmas),
		cmocka_unit_test(clear_days_over_easter),
		cmocka_unit_test(clear_days_over_may_and_summer),
		cmocka_unit_test(clear_days_over_a_one_off_day),
		cmocka_unit_test(holidays_file_malformed),
		cmocka_unit_test(clear_days_wales),
		cmocka_unit_test(key_decision_28_calendar_days),
	};

	/* As main.c does: local dates are Europe/London. */
	setenv("TZ", "Europe/London", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
