/* ical.c: the iCalendar writer (see ical.h). */
#include "util/ical.h"

#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/banned.h"

/* A content line being written: the column (octets since the line's
 * start) decides where it folds. */
struct fold {
	struct buf *b;
	size_t col;
};

/* Append one unit (a character, or an escape pair) that must not be split:
 * fold first if it would pass the limit.  A continuation line starts with
 * a space, which counts. */
static void put_unit(struct fold *f, const char *p, size_t n)
{
	if (f->col + n > ICAL_FOLD) {
		buf_append(f->b, "\r\n ", 3);
		f->col = 1;
	}
	buf_append(f->b, p, n);
	f->col += n;
}

/* The length of the UTF-8 sequence at s[0..n): what its lead byte says,
 * cut short at the first byte that is not a continuation byte (1 for a
 * stray byte, so a malformed input still advances).  A unit never takes
 * in a CR or LF after a lead byte ("\xC3\n"), which would put a raw line
 * break into a line. */
static size_t seq_len(const unsigned char *s, size_t n)
{
	size_t want = s[0] >= 0xf0 && s[0] < 0xf8 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1, k = 1;

	while (k < want && k < n && (s[k] & 0xc0) == 0x80)
		k++;
	return k;
}

/* Append s[0..n) unit by unit; escape: 1 to escape it as TEXT. */
static void put_value(struct fold *f, const char *s, size_t n, int escape)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = seq_len((const unsigned char *)s + i, n - i);

		if (!escape) {
			/* Trusted values never hold line breaks; drop any. */
			if (c != '\r' && c != '\n')
				put_unit(f, s + i, k);
			i += k;
			continue;
		}
		switch (c) {
		case '\\': put_unit(f, "\\\\", 2); break;
		case ';': put_unit(f, "\\;", 2); break;
		case ',': put_unit(f, "\\,", 2); break;
		case '\r':
			/* CRLF and a lone CR are one line break. */
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			put_unit(f, "\\n", 2);
			break;
		case '\n': put_unit(f, "\\n", 2); break;
		case '\t': put_unit(f, " ", 1); break;
		default:
			/* Other controls are not allowed in TEXT (CONTROL, 3.3.11). */
			if (c >= 0x20 && c != 0x7f)
				put_unit(f, s + i, k);
		}
		i += k;
	}
}

static void line(struct buf *b, const char *name, const char *value, int escape)
{
	struct fold f = { b, 0 };

	put_value(&f, name, strlen(name), 0);
	put_unit(&f, ":", 1);
	put_value(&f, value, strlen(value), escape);
	buf_append(b, "\r\n", 2);
}

void ical_line(struct buf *b, const char *name, const char *value)
{
	line(b, name, value ? value : "", 0);
}

void ical_text(struct buf *b, const char *name, const char *text)
{
	if (text)
		line(b, name, text, 1);
}

/* 'YYYY-MM-DD?HH:MM' at s in iCalendar's basic form, 'YYYYMMDDTHHMM', then
 * the seconds sec (two digits) and zone ("" or "Z"). */
static void basic_form(const char *s, const char *sec, const char *zone, char out[17])
{
	snprintf(out, 17, "%.4s%.2s%.2sT%.2s%.2s%.2s%s", s, s + 5, s + 8, s + 11, s + 14, sec, zone);
}

int ical_local_time(const char *s, char out[17])
{
	struct civil c;

	if (!s || strlen(s) < 16 || civil_parse(s, &c) < 0)
		return -1;
	basic_form(s, "00", "", out); /* 'YYYY-MM-DD HH:MM' -> 'YYYYMMDDTHHMM00' */
	return 0;
}

int ical_utc_time(const char *s, char out[17])
{
	struct civil c;

	if (!s || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' || civil_parse(s, &c) < 0)
		return -1;
	basic_form(s, s + 17, "Z", out); /* 'YYYY-MM-DDTHH:MM:SSZ' -> 'YYYYMMDDTHHMMSSZ' */
	return 0;
}

void ical_vtimezone_london(struct buf *b)
{
	static const char *const lines[][2] = {
		{ "BEGIN", "VTIMEZONE" },
		{ "TZID", "Europe/London" },
		{ "X-LIC-LOCATION", "Europe/London" },
		{ "BEGIN", "DAYLIGHT" },
		{ "TZOFFSETFROM", "+0000" },
		{ "TZOFFSETTO", "+0100" },
		{ "TZNAME", "BST" },
		{ "DTSTART", "19700329T010000" },
		{ "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" },
		{ "END", "DAYLIGHT" },
		{ "BEGIN", "STANDARD" },
		{ "TZOFFSETFROM", "+0100" },
		{ "TZOFFSETTO", "+0000" },
		{ "TZNAME", "GMT" },
		{ "DTSTART", "19701025T020000" },
		{ "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" },
		{ "END", "STANDARD" },
		{ "END", "VTIMEZONE" },
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ical_line(b, lines[i][0], lines[i][1]);
}
