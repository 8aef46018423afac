/* notice.c: bank holidays of England and Wales and clear days of notice
 * for agendas (see notice.h). */
#include "util/notice.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/date.h"
#include "util/banned.h"

#define MAX_HOLIDAYS 16    /* a year has had at most 10 */
#define MAX_CLEAR_DAYS 366

struct ymd {
	int y, m, d;
};

/* Early May bank holiday moved from the first Monday in May. */
static const struct ymd early_may_moved[] = {
	{ 1995, 5, 8 },    /* VE Day 50th anniversary */
	{ 2020, 5, 8 },    /* VE Day 75th anniversary (a Friday) */
};

/* Spring bank holiday moved from the last Monday in May. */
static const struct ymd spring_moved[] = {
	{ 2002, 6, 4 },    /* Golden Jubilee */
	{ 2012, 6, 4 },    /* Diamond Jubilee */
	{ 2022, 6, 2 },    /* Platinum Jubilee (a Thursday) */
};

/* One-off bank holidays proclaimed under the Banking and Financial
 * Dealings Act 1971.  A new one needs adding here. */
static const struct ymd extra_days[] = {
	{ 1999, 12, 31 },  /* Millennium */
	{ 2002, 6, 3 },    /* Golden Jubilee */
	{ 2011, 4, 29 },   /* Royal wedding */
	{ 2012, 6, 5 },    /* Diamond Jubilee */
	{ 2022, 6, 3 },    /* Platinum Jubilee */
	{ 2022, 9, 19 },   /* State funeral of Queen Elizabeth II */
	{ 2023, 5, 8 },    /* Coronation of King Charles III */
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
static long easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return days_from_civil(y, month, day);
}

/* Weekday of a day number, 0 = Sunday. */
static int weekday_of(long z)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	return civil_weekday(y, m, d);
}

static long first_monday(int y, int m)
{
	return days_from_civil(y, m, 1) + (8 - civil_weekday(y, m, 1)) % 7;
}

static long last_monday(int y, int m)
{
	int dim = days_in_month(y, m);

	return days_from_civil(y, m, dim) - (civil_weekday(y, m, dim) + 6) % 7;
}

/* The day in list for year y, or dflt. */
static long moved_or(const struct ymd *list, size_t n, int y, long dflt)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].y == y)
			return days_from_civil(y, list[i].m, list[i].d);
	return dflt;
}

/* Add z to the year's list unless it is there already or at a weekend,
 * so the list holds distinct weekdays and counting can subtract it. */
static void add(long *days, int *n, long z)
{
	int wd = weekday_of(z);

	if (wd == 0 || wd == 6 || *n >= MAX_HOLIDAYS)
		return;
	for (int i = 0; i < *n; i++)
		if (days[i] == z)
			return;
	days[(*n)++] = z;
}

/* The bank holidays of year y as day numbers; returns how many. */
static int year_holidays(int y, long days[MAX_HOLIDAYS])
{
	long z, easter = easter_sunday(y);
	int n = 0, wd;

	/* New Year's Day, or the Monday after it falls at a weekend. */
	z = days_from_civil(y, 1, 1);
	wd = civil_weekday(y, 1, 1);
	add(days, &n, wd == 6 ? z + 2 : wd == 0 ? z + 1 : z);

	add(days, &n, easter - 2);   /* Good Friday (common law) */
	add(days, &n, easter + 1);   /* Easter Monday */
	add(days, &n, moved_or(early_may_moved, LEN(early_may_moved), y, first_monday(y, 5)));
	add(days, &n, moved_or(spring_moved, LEN(spring_moved), y, last_monday(y, 5)));
	add(days, &n, last_monday(y, 8));

	/* Christmas Day (common law) and Boxing Day, with substitutes. */
	z = days_from_civil(y, 12, 25);
	switch (civil_weekday(y, 12, 25)) {
	case 6:                      /* Sat: Mon 27 and Tue 28 */
		add(days, &n, z + 2);
		add(days, &n, z + 3);
		break;
	case 0:                      /* Sun: Boxing Day Mon 26, Christmas Tue 27 */
		add(days, &n, z + 1);
		add(days, &n, z + 2);
		break;
	case 5:                      /* Fri: Boxing Day on Sat moves to Mon 28 */
		add(days, &n, z);
		add(days, &n, z + 3);
		break;
	default:
		add(days, &n, z);
		add(days, &n, z + 1);
		break;
	}

	for (size_t i = 0; i < LEN(extra_days); i++)
		if (extra_days[i].y == y)
			add(days, &n, days_from_civil(y, extra_days[i].m, extra_days[i].d));
	return n;
}

int bank_holiday_ew(int y, int m, int d)
{
	long days[MAX_HOLIDAYS], z;
	int n;

	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	z = days_from_civil(y, m, d);
	n = year_holidays(y, days);
	for (int i = 0; i < n; i++)
		if (days[i] == z)
			return 1;
	return 0;
}

int notice_working_day(int y, int m, int d)
{
	int wd;

	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	wd = civil_weekday(y, m, d);
	return wd != 0 && wd != 6 && !bank_holiday_ew(y, m, d);
}

static int working_day_num(long z)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	return notice_working_day(y, m, d);
}

/* The local day number of a date or timestamp: 'YYYY-MM-DD',
 * 'YYYY-MM-DD[ T]HH:MM', 'YYYY-MM-DD[ T]HH:MM:SS' (local) or
 * 'YYYY-MM-DDTHH:MM:SSZ' (UTC, converted with localtime_r).  0 or -1. */
static int local_day(const char *s, long *out)
{
	struct civil c;
	struct tm tm;
	time_t t;
	size_t n;

	if (!s)
		return -1;
	n = strlen(s);
	if (n != 10 && n != 16 && n != 19 && n != 20)
		return -1;
	if (civil_parse(s, &c) < 0)
		return -1;
	if (n >= 16 && ((s[10] != ' ' && s[10] != 'T') || c.hour > 23 || c.minute > 59))
		return -1;
	if (n >= 19 && (s[16] != ':' || c.second > 59))
		return -1;
	if (n == 20 && (s[10] != 'T' || s[19] != 'Z'))
		return -1;
	*out = days_from_civil(c.year, c.month, c.day);
	if (n < 20)
		return 0;
	t = (time_t)*out * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
	if (!localtime_r(&t, &tm))
		return -1;
	*out = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

static long floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Monday-to-Friday days before day z, counted from a fixed Monday: the
 * difference of two of these counts the weekdays in [z0, z1). */
static long weekdays_before(long z)
{
	long w = z + 3;                 /* day 0 (1970-01-01) was a Thursday */
	long weeks = floor_div(w, 7);
	long rest = w - weeks * 7;      /* 0 = Monday */

	return weeks * 5 + (rest < 5 ? rest : 5);
}

/* Working days in [z0, z1). */
static long working_days(long z0, long z1)
{
	long days[MAX_HOLIDAYS];
	long count;
	int y0, y1, m, d;

	if (z1 <= z0)
		return 0;
	count = weekdays_before(z1) - weekdays_before(z0);
	civil_from_days(z0, &y0, &m, &d);
	civil_from_days(z1 - 1, &y1, &m, &d);
	for (int y = y0; y <= y1; y++) {
		int n = year_holidays(y, days);

		for (int i = 0; i < n; i++)
			count -= days[i] >= z0 && days[i] < z1;
	}
	return count;
}

int clear_days_between(const char *published, const char *meeting_date)
{
	long zp, zm;

	if (local_day(published, &zp) < 0 || local_day(meeting_date, &zm) < 0)
		return -1;
	return (int)working_days(zp + 1, zm);
}

int notice_latest_publication(const char *meeting_date, int clear_days, char out[11])
{
	long z;
	int y, m, d;

	out[0] = '\0';
	if (clear_days < 0 || clear_days > MAX_CLEAR_DAYS || local_day(meeting_date, &z) < 0)
		return -1;
	/* Walk back over clear_days working days; publication is the day before. */
	for (int n = 0; n < clear_days;)
		n += working_day_num(--z);
	civil_from_days(z - 1, &y, &m, &d);
	if (y < 0 || y > 9999)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int notice_check(const char *published_at_utc, const char *meeting_start_local, int clear_days,
		 struct notice_result *out)
{
	int given;

	memset(out, 0, sizeof(*out));
	given = clear_days_between(published_at_utc, meeting_start_local);
	if (given < 0 || notice_latest_publication(meeting_start_local, clear_days, out->latest_date) < 0) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->clear_days_given = given;
	out->clear_days_required = clear_days;
	out->late = given < clear_days;
	return 0;
}

int notice_calendar_days_between(const char *published, const char *decided)
{
	long zp, zd;

	if (local_day(published, &zp) < 0 || local_day(decided, &zd) < 0)
		return -1;
	return zd - zp > 1 ? (int)(zd - zp - 1) : 0;
}

int notice_key_decision_latest(const char *decided, char out[11])
{
	long z;
	int y, m, d;

	out[0] = '\0';
	if (local_day(decided, &z) < 0)
		return -1;
	civil_from_days(z - NOTICE_KEY_DECISION_DAYS - 1, &y, &m, &d);
	if (y < 0 || y > 9999)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}
