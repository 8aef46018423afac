/* ical.h: the iCalendar writer (RFC 5545).  User text reaches iCalendar
 * only through ical_text(), which escapes it as a TEXT value (backslash,
 * semicolon, comma, line breaks) and drops control characters; every
 * content line, ours or not, goes out through ical_line(), which ends it
 * with CRLF and folds it at 75 octets without splitting a UTF-8 sequence.
 *
 *   ical_line(b, "BEGIN", "VEVENT");
 *   ical_text(b, "SUMMARY", meeting_name);
 *   ical_line(b, "DTSTART;TZID=Europe/London", "20190204T110000");
 */
#ifndef WITAN_ICAL_H
#define WITAN_ICAL_H

#include "util/buf.h"

/* The longest content line, in octets, not counting the CRLF. */
#define ICAL_FOLD 75

/* A content line "NAME:VALUE", folded, CRLF.  name (with any parameters)
 * and value are trusted: our own literals, numbers, dates, URLs we built. */
void ical_line(struct buf *b, const char *name, const char *value);
/* A content line whose value is user text, escaped as TEXT (RFC 5545
 * 3.3.11); NULL writes nothing. */
void ical_text(struct buf *b, const char *name, const char *text);

/* A local 'YYYY-MM-DD HH:MM' as a DATE-TIME value "YYYYMMDDTHHMM00";
 * a UTC 'YYYY-MM-DDTHH:MM:SSZ' as "YYYYMMDDTHHMMSSZ".  out holds 17
 * bytes; returns 0, or -1 if s is not such a time. */
int ical_local_time(const char *s, char out[17]);
int ical_utc_time(const char *s, char out[17]);

/* The VTIMEZONE component of Europe/London (GMT/BST, EU rules since 1996). */
void ical_vtimezone_london(struct buf *b);

#endif
