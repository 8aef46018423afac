/* notice.h: statutory notice of meetings in England and Wales: bank
 * holidays, "clear days", and whether an agenda was published in time.
 *
 * Under s.100B(3) of the Local Government Act 1972 an agenda must be open
 * to inspection at least five clear days before the meeting in England
 * (three for many Welsh bodies, so the number is always a parameter).
 * Clear days exclude the day of publication, the day of the meeting,
 * Saturdays, Sundays and bank holidays, Christmas Day and Good Friday
 * (Local Government (Access to Information) (Variation) Order 2002).
 *
 * Dates are 'YYYY-MM-DD' strings; a publication time may also be a UTC
 * timestamp 'YYYY-MM-DDTHH:MM:SSZ', which is turned into the local date
 * with localtime_r, so the process's TZ must be the body's zone
 * (main.c sets Europe/London). */
#ifndef WITAN_NOTICE_H
#define WITAN_NOTICE_H

#include <stddef.h>

/* The clear days the law asks for. */
#define NOTICE_CLEAR_DAYS_ENGLAND 5
#define NOTICE_CLEAR_DAYS_WALES 3

/* The clear days a body of region ('england', 'wales', ...) gets when it
 * is created without a number: 3 for Wales, 5 elsewhere.  The body's
 * notice_clear_days, once stored, is what every check uses (the back
 * office's settings, or the demo's notice-days, change it). */
int notice_default_clear_days(const char *region);

/* Read the one-off bank holidays of data/bank-holidays.txt (compiled into
 * the binary), which are otherwise read on first use.  0, or -1 with
 * "data/bank-holidays.txt:LINE: what" in err when the file is malformed
 * (the standing rules alone are then in use).  main() calls it first. */
int notice_init(char *err, size_t errlen);

/* Replace the one-off days with those of text, in the format of
 * data/bank-holidays.txt (called name in errors); text NULL reads the
 * embedded file again.  0, or -1 with "NAME:LINE: what" in err and the
 * days in use unchanged.  Not thread-safe: for tests and start-up. */
int notice_holidays_load(const char *name, const char *text, char *err, size_t errlen);

/* 1 if y-m-d is a bank holiday in England and Wales as the official list
 * shows it, else 0 (also 0 for an impossible date).  Computed by rule:
 * New Year's Day, Good Friday, Easter Monday, early May, spring and summer
 * bank holidays, Christmas Day and Boxing Day, with weekend substitutes
 * and the one-off moves and extra days proclaimed since 1995.  Only the
 * day off is reported: Christmas Day on a Saturday gives 0 for 25
 * December and 1 for 27 December, the substitute (weekends are not
 * working days anyway).
 *
 * The standing rules are code; the one-off days (moves and extra days)
 * are a line each in data/bank-holidays.txt.  Right for 1995-2100 as
 * proclaimed so far: a new one-off holiday is a line in that file. */
int bank_holiday_ew(int y, int m, int d);

/* 1 if y-m-d is neither a Saturday, a Sunday nor a bank holiday. */
int notice_working_day(int y, int m, int d);

/* The number of clear days strictly between publication and meeting:
 * the working days after the publication date and before the meeting
 * date.  published is 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS]' (local) or
 * 'YYYY-MM-DDTHH:MM:SSZ' (UTC, converted to the local date); meeting_date
 * takes the same forms.  0 when publication is on or after the meeting;
 * -1 on a parse error. */
int clear_days_between(const char *published, const char *meeting_date);

/* The latest date on which an agenda can be published and still give
 * clear_days clear days before the meeting on meeting_date (as above),
 * written to out as 'YYYY-MM-DD'.  This may be a weekend: a Sunday
 * publication loses nothing.  clear_days 0 gives the day before the
 * meeting.  0, or -1 on a parse error or clear_days outside 0..366. */
int notice_latest_publication(const char *meeting_date, int clear_days, char out[11]);

struct notice_result {
	int clear_days_given;       /* clear days the publication gave */
	int clear_days_required;    /* as asked for */
	char latest_date[11];       /* 'YYYY-MM-DD': the last date that was in time */
	int late;                   /* 1 if clear_days_given < clear_days_required */
};

/* Fill out for an agenda published at published_at_utc (any form
 * clear_days_between takes) for a meeting starting at
 * meeting_start_local ('YYYY-MM-DD HH:MM' or 'YYYY-MM-DD').  0, or -1 on
 * a parse error or a bad clear_days (out is then zeroed). */
int notice_check(const char *published_at_utc, const char *meeting_start_local, int clear_days,
		 struct notice_result *out);

/* Notice of a key decision on the forward plan (regulation 9 of the
 * Local Authorities (Executive Arrangements) (Meetings and Access to
 * Information) (England) Regulations 2012): at least 28 clear days before
 * the decision.  These are calendar days: the day the notice is first
 * published and the day of the decision are not counted, weekends and
 * bank holidays are (docs/DECISIONS.md, "Statutory records"). */
#define NOTICE_KEY_DECISION_DAYS 28

/* The calendar days strictly between published and decided (dates or
 * timestamps as clear_days_between takes them); 0 when published is on or
 * after decided, -1 on a parse error. */
int notice_calendar_days_between(const char *published, const char *decided);

/* The latest date a forward plan notice can be first published for a
 * decision on decided and still give NOTICE_KEY_DECISION_DAYS clear days,
 * into out as 'YYYY-MM-DD'.  0, or -1 on a parse error. */
int notice_key_decision_latest(const char *decided, char out[11]);

/* The local date ('YYYY-MM-DD') of a date or timestamp in any form
 * clear_days_between takes, into out.  0, or -1 on a parse error. */
int notice_local_date(const char *s, char out[11]);

#endif
