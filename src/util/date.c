/* date.c: parsing and British formatting of dates (see date.h). */
#include "util/date.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

const char *const date_month_names[13] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
const char *const date_day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static int num(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

long days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm. */
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int civil_weekday(int y, int m, int d)
{
	return days_weekday(days_from_civil(y, m, d));
}

int days_weekday(long z)
{
	return (int)((z % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
}

long days_nth_weekday(int y, int m, int wday, int nth)
{
	long first = days_from_civil(y, m, 1), last;

	if (nth > 0)
		return first + (wday - days_weekday(first) + 7) % 7 + 7 * (nth - 1);
	last = first + days_in_month(y, m) - 1;
	return last - (days_weekday(last) - wday + 7) % 7;
}

long days_add_months(long z, int n)
{
	int y, m, d, months;

	civil_from_days(z, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	return days_from_civil(months / 12, months % 12 + 1, d > 28 ? 28 : d);
}

long days_add_working(long z, int n)
{
	while (n > 0)
		if (days_weekday(++z) % 6 != 0)
			n--;
	return z;
}

int date_fy(int y, int m)
{
	return m >= 4 ? y : y - 1;
}

int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

int civil_parse(const char *s, struct civil *c)
{
	size_t n = s ? strlen(s) : 0;

	memset(c, 0, sizeof(*c));
	if (n < 10 || num(s, 4, &c->year) || s[4] != '-' || num(s + 5, 2, &c->month) ||
	    s[7] != '-' || num(s + 8, 2, &c->day))
		return -1;
	if (c->month < 1 || c->month > 12 || c->day < 1 || c->day > days_in_month(c->year, c->month))
		return -1;
	if (n >= 16) {
		if ((s[10] != ' ' && s[10] != 'T') || num(s + 11, 2, &c->hour) || s[13] != ':' ||
		    num(s + 14, 2, &c->minute))
			return -1;
		if (n >= 19 && s[16] == ':' && num(s + 17, 2, &c->second))
			return -1;
	}
	c->wday = civil_weekday(c->year, c->month, c->day);
	return 0;
}

int date_add_minutes(const char *s, int minutes, char out[17])
{
	struct civil c;
	long t;
	int y, mo, d;

	if (!s || strlen(s) < 16 || civil_parse(s, &c) < 0)
		return -1;
	t = days_from_civil(c.year, c.month, c.day) * 1440L + c.hour * 60 + c.minute + minutes;
	civil_from_days(t >= 0 ? t / 1440 : (t - 1439) / 1440, &y, &mo, &d);
	t = ((t % 1440) + 1440) % 1440;
	snprintf(out, 17, "%04d-%02d-%02d %02d:%02d", y, mo, d, (int)(t / 60), (int)(t % 60));
	return 0;
}

void date_now_local(char out[17])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
}

void date_now_utc(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void date_put_long(struct buf *b, const char *s)
{
	struct civil c;

	if (civil_parse(s, &c) < 0)
		return;
	buf_printf(b, "%s %d %s %d", date_day_names[c.wday], c.day, date_month_names[c.month], c.year);
}

void date_put_short(struct buf *b, const char *s)
{
	struct civil c;

	if (civil_parse(s, &c) < 0)
		return;
	buf_printf(b, "%d %.3s %d", c.day, date_month_names[c.month], c.year);
}

static void put_hm(struct buf *b, int h, int m)
{
	if (h == 12 && m == 0)
		buf_puts(b, "12.00 noon");
	else
		buf_printf(b, "%d.%02d %s", h % 12 == 0 ? 12 : h % 12, m, h < 12 ? "am" : "pm");
}

void date_put_time(struct buf *b, const char *s)
{
	struct civil c;

	if (!s || strlen(s) < 16 || civil_parse(s, &c) < 0)
		return;
	put_hm(b, c.hour, c.minute);
}

void date_put_day_iso(struct buf *b, long z)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	buf_printf(b, "%04d-%02d-%02d", y, m, d);
}

void date_put_day(struct buf *b, long z, int with_weekday)
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	if (with_weekday)
		buf_printf(b, "%s ", date_day_names[days_weekday(z)]);
	buf_printf(b, "%d %s %d", d, date_month_names[m], y);
}

void date_put_fy(struct buf *b, int fy)
{
	buf_printf(b, "%d/%02d", fy, (fy + 1) % 100);
}

void date_put_uk_utc(struct buf *b, long z, int min)
{
	int y, m, d;
	long t;

	civil_from_days(z, &y, &m, &d);
	t = z * 1440 + min - (z >= days_nth_weekday(y, 3, 0, -1) && z < days_nth_weekday(y, 10, 0, -1) ? 60 : 0);
	date_put_day_iso(b, t / 1440);
	buf_printf(b, "T%02d:%02d:00Z", (int)(t % 1440 / 60), (int)(t % 60));
}

/* UTC civil time to local struct tm. */
static int utc_to_local(const char *utc, struct tm *out)
{
	struct civil c;
	time_t t;

	if (civil_parse(utc, &c) < 0)
		return -1;
	t = (time_t)days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
	return localtime_r(&t, out) ? 0 : -1;
}

void date_put_utc_local(struct buf *b, const char *utc)
{
	struct tm tm;

	if (utc_to_local(utc, &tm) < 0)
		return;
	buf_printf(b, "%d %s %d at ", tm.tm_mday, date_month_names[tm.tm_mon + 1], tm.tm_year + 1900);
	put_hm(b, tm.tm_hour, tm.tm_min);
}

void date_put_iso_local(struct buf *b, const char *s)
{
	struct civil c;
	struct tm tm;
	time_t t;
	long off;

	if (civil_parse(s, &c) < 0)
		return;
	if (strlen(s) < 16) {
		buf_printf(b, "%04d-%02d-%02d", c.year, c.month, c.day);
		return;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = c.year - 1900;
	tm.tm_mon = c.month - 1;
	tm.tm_mday = c.day;
	tm.tm_hour = c.hour;
	tm.tm_min = c.minute;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	off = t == (time_t)-1 ? 0 : tm.tm_gmtoff;
	buf_printf(b, "%04d-%02d-%02dT%02d:%02d:00%c%02ld:%02ld", c.year, c.month, c.day, c.hour,
		   c.minute, off < 0 ? '-' : '+', (off < 0 ? -off : off) / 3600,
		   ((off < 0 ? -off : off) % 3600) / 60);
}
