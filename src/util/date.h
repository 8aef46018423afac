/* date.h: dates and times as the record stores them and as pages show
 * them, in British style ("Monday 4 February 2019", "11.00 am").
 *
 * Meeting times are local wall-clock strings 'YYYY-MM-DD HH:MM' in the
 * body's time zone (the process runs with TZ set to it, see main.c);
 * created/modified/published times are UTC 'YYYY-MM-DDTHH:MM:SSZ'. */
#ifndef WITAN_DATE_H
#define WITAN_DATE_H

#include <stddef.h>
#include <time.h>

#include "util/buf.h"

struct civil {
	int year, month, day, hour, minute, second;
	int wday; /* 0 = Sunday */
};

/* Parse 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DDTHH:MM:SSZ';
 * 0 or -1.  wday is computed. */
int civil_parse(const char *s, struct civil *c);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
long days_from_civil(int y, int m, int d);
/* The civil date of a day number (the inverse of days_from_civil). */
void civil_from_days(long z, int *y, int *m, int *d);
/* Day of week, 0 = Sunday. */
int civil_weekday(int y, int m, int d);
int days_in_month(int y, int m);

/* Arithmetic on day numbers (days since 1970-01-01, as days_from_civil). */
int days_weekday(long z);   /* 0 = Sunday */
/* The nth (1 to 5) weekday wday of month m of year y; nth -1: the last. */
long days_nth_weekday(int y, int m, int wday, int nth);
/* n months later (n < 0: earlier), on the same day of the month, except
 * that a day after the 28th becomes the 28th (which every month has). */
long days_add_months(long z, int n);
/* n working days (Monday to Friday) later. */
long days_add_working(long z, int n);
/* The financial year (April to March) of a month: the year it starts in. */
int date_fy(int y, int m);

/* Wall-clock arithmetic: s ('YYYY-MM-DD HH:MM') plus minutes, in the same
 * form (out holds 17 bytes); 0, or -1 if s is not such a time. */
int date_add_minutes(const char *s, int minutes, char out[17]);

/* Now, local, as 'YYYY-MM-DD HH:MM' (out holds 17 bytes). */
void date_now_local(char out[17]);
/* Now, UTC, as 'YYYY-MM-DDTHH:MM:SSZ' (out holds 21 bytes). */
void date_now_utc(char out[21]);

extern const char *const date_month_names[13];   /* [1] = "January" */
extern const char *const date_day_names[7];      /* [0] = "Sunday" */

/* Append "Monday 4 February 2019" (local date of s). */
void date_put_long(struct buf *b, const char *s);
/* Append "4 Feb 2019". */
void date_put_short(struct buf *b, const char *s);
/* Append "11.00 am" / "2.30 pm" / "12.00 noon". */
void date_put_time(struct buf *b, const char *s);
/* Append day z as "2019-02-04". */
void date_put_day_iso(struct buf *b, long z);
/* Append day z as "4 February 2019", with_weekday "Monday 4 February 2019". */
void date_put_day(struct buf *b, long z, int with_weekday);
/* Append the financial year starting in April of fy: "2021/22". */
void date_put_fy(struct buf *b, int fy);
/* Append the UTC time 'YYYY-MM-DDTHH:MM:00Z' of minute min of day z in
 * the United Kingdom, whatever TZ says: British Summer Time from the last
 * Sunday of March to the last Sunday of October, taken to change at
 * midnight (exact for the daytime hours of meetings). */
void date_put_uk_utc(struct buf *b, long z, int min);
/* Append a UTC timestamp as local "4 February 2019 at 3.15 pm". */
void date_put_utc_local(struct buf *b, const char *utc);
/* Append 'YYYY-MM-DDTHH:MM:00' with the local UTC offset, for <time datetime>. */
void date_put_iso_local(struct buf *b, const char *s);

#endif
