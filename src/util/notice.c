/* notice.c: bank holidays of England and Wales and clear days of notice
 * for agendas (see notice.h). */
#include "util/notice.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/datafile.h"
#include "util/date.h"
#include "util/banned.h"

#define MAX_HOLIDAYS 16    /* a year has had at most 10 */
#define MAX_CLEAR_DAYS 366
#define MAX_ONEOFF 256

/* The one-off days of data/bank-holidays.txt (see that file). */
enum move { MOVE_EXTRA, MOVE_EARLY_MAY, MOVE_SPRING, MOVE_SUMMER };

static const char *const move_names[] = { "extra", "early-may", "spring", "summer" };

struct oneoff {
	int y, m, d;
	enum move move;
};

/* The table in use: read from the embedded file once (pthread_once), or
 * replaced by notice_holidays_load() before any thread runs. */
static struct oneoff oneoffs[MAX_ONEOFF];
static int noneoffs;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_err[256];

#define HOLIDAYS_FILE "data/bank-holidays.txt"

static int bad_line(char *err, size_t errlen, const char *file, int line, const char *what, const char *val)
{
	snprintf(err, errlen, "%s:%d: %s%s%s%s", file, line, what, val ? " '" : "", val ? val : "",
		 val ? "'" : "");
	return -1;
}

/* Parse the list l into table (*n entries); 0, or -1 with err. */
static int parse_oneoffs(const struct df_list *l, struct oneoff *table, int *n, char *err, size_t errlen)
{
	*n = 0;
	for (int r = 0; r < l->n; r++) {
		const char *date = DF_F(l, r, 0), *move = DF_F(l, r, 1);
		struct civil c;
		struct oneoff o;
		int k = 0, wd;

		if (strlen(date) != 10 || civil_parse(date, &c) < 0 || c.year < 1900 || c.year > 9999)
			return bad_line(err, errlen, l->path, l->line[r], "not a date YYYY-MM-DD:", date);
		wd = civil_weekday(c.year, c.month, c.day);
		if (wd == 0 || wd == 6)
			return bad_line(err, errlen, l->path, l->line[r], "a bank holiday must be a weekday:", date);
		while (k < (int)(sizeof(move_names) / sizeof(move_names[0])) && strcmp(move, move_names[k]) != 0)
			k++;
		if (k == (int)(sizeof(move_names) / sizeof(move_names[0])))
			return bad_line(err, errlen, l->path, l->line[r],
					"the move must be extra, early-may, spring or summer, not", move);
		o = (struct oneoff){ c.year, c.month, c.day, (enum move)k };
		for (int i = 0; i < *n; i++) {
			if (table[i].y == o.y && table[i].m == o.m && table[i].d == o.d)
				return bad_line(err, errlen, l->path, l->line[r], "a day listed twice:", date);
			if (o.move != MOVE_EXTRA && table[i].y == o.y && table[i].move == o.move)
				return bad_line(err, errlen, l->path, l->line[r], "a second move in one year of", move);
		}
		if (*n >= MAX_ONEOFF)
			return bad_line(err, errlen, l->path, l->line[r], "too many days (at most 256)", NULL);
		table[(*n)++] = o;
	}
	return 0;
}

/* Read name/text (NULL: the embedded file) into the table in use; on an
 * error the table is left as it was. */
static int load(const char *name, const char *text, char *err, size_t errlen)
{
	static struct oneoff table[MAX_ONEOFF];
	struct df_list l;
	int n, rc;

	rc = text ? df_list_read_text(&l, name ? name : "(text)", text, 3, err, errlen)
		  : df_list_read(&l, HOLIDAYS_FILE, 3, err, errlen);
	if (rc == 0)
		rc = parse_oneoffs(&l, table, &n, err, errlen);
	df_list_release(&l);
	if (rc < 0)
		return -1;
	memcpy(oneoffs, table, sizeof(table[0]) * (size_t)n);
	noneoffs = n;
	return 0;
}

static void load_embedded(void)
{
	if (load(NULL, NULL, load_err, sizeof(load_err)) < 0)
		noneoffs = 0;       /* the standing rules only; notice_init says why */
}

static void ensure_loaded(void)
{
	pthread_once(&once, load_embedded);
}

int notice_init(char *err, size_t errlen)
{
	ensure_loaded();
	if (load_err[0]) {
		snprintf(err, errlen, "%s", load_err);
		return -1;
	}
	return 0;
}

int notice_holidays_load(const char *name, const char *text, char *err, size_t errlen)
{
	ensure_loaded();
	*err = '\0';
	if (load(name, text, err, errlen) < 0)
		return -1;
	load_err[0] = '\0';
	return 0;
}

int notice_default_clear_days(const char *region)
{
	return region && strcmp(region, "wales") == 0 ? NOTICE_CLEAR_DAYS_WALES : NOTICE_CLEAR_DAYS_ENGLAND;
}

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

/* The day the one-off table moves holiday move to in year y, or dflt. */
static long moved_or(enum move move, int y, long dflt)
{
	for (int i = 0; i < noneoffs; i++)
		if (oneoffs[i].y == y && oneoffs[i].move == move)
			return days_from_civil(y, oneoffs[i].m, oneoffs[i].d);
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
	add(days, &n, moved_or(MOVE_EARLY_MAY, y, first_monday(y, 5)));
	add(days, &n, moved_or(MOVE_SPRING, y, last_monday(y, 5)));
	add(days, &n, moved_or(MOVE_SUMMER, y, last_monday(y, 8)));

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

	for (int i = 0; i < noneoffs; i++)
		if (oneoffs[i].y == y && oneoffs[i].move == MOVE_EXTRA)
			add(days, &n, days_from_civil(y, oneoffs[i].m, oneoffs[i].d));
	return n;
}

int bank_holiday_ew(int y, int m, int d)
{
	long days[MAX_HOLIDAYS], z;
	int n;

	ensure_loaded();
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
	ensure_loaded();
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

/* Day z as 'YYYY-MM-DD' into out: 0, or -1 (out untouched) for a year
 * that has no such form. */
static int day_iso(long z, char out[11])
{
	int y, m, d;

	civil_from_days(z, &y, &m, &d);
	if (y < 0 || y > 9999)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* The local day of s, shift days later, as 'YYYY-MM-DD' into out ("" on
 * failure): 0 or -1. */
static int local_day_iso(const char *s, long shift, char out[11])
{
	long z;

	out[0] = '\0';
	if (local_day(s, &z) < 0)
		return -1;
	return day_iso(z + shift, out);
}

int notice_latest_publication(const char *meeting_date, int clear_days, char out[11])
{
	long z;

	out[0] = '\0';
	if (clear_days < 0 || clear_days > MAX_CLEAR_DAYS || local_day(meeting_date, &z) < 0)
		return -1;
	/* Walk back over clear_days working days; publication is the day before. */
	for (int n = 0; n < clear_days;)
		n += working_day_num(--z);
	return day_iso(z - 1, out);
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
	return local_day_iso(decided, -(NOTICE_KEY_DECISION_DAYS + 1), out);
}

int notice_local_date(const char *s, char out[11])
{
	return local_day_iso(s, 0, out);
}
