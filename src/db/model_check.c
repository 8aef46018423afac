/* model_check.c: checking values against the model (see model.h), the one
 * set of rules the back office, the command line and the harvester use.
 * A value is checked as text, as it was typed or received; NULL and ""
 * are absent. */
#include "db/model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/valid.h"
#include "util/banned.h"

#define LINE_MAX_CHARS 200
#define TEXT_MAX_CHARS 10000

int model_max(const struct mfield *f)
{
	if (f->max)
		return f->max;
	switch (f->type) {
	case MT_LINE: case MT_EMAIL: return LINE_MAX_CHARS;
	case MT_URL: return 400;
	case MT_SVG: return 65536;
	case MT_HTML: return 4 * 1024 * 1024;   /* rendered text: as long as its source allows */
	default: return TEXT_MAX_CHARS;
	}
}

/* "the postcode": the field's noun in a sentence. */
static void noun(const struct mfield *f, char *out, size_t n, int capital)
{
	if (f->noun)
		snprintf(out, n, "%s", f->noun);
	else
		snprintf(out, n, "the %c%s", tolower((unsigned char)f->label[0]), f->label + 1);
	if (capital)
		out[0] = (char)toupper((unsigned char)out[0]);
}

/* 12345 as "12,345". */
static void thousands(int v, char *out, size_t n)
{
	if (v >= 1000000)
		snprintf(out, n, "%d,%03d,%03d", v / 1000000, v / 1000 % 1000, v % 1000);
	else if (v >= 1000)
		snprintf(out, n, "%d,%03d", v / 1000, v % 1000);
	else
		snprintf(out, n, "%d", v);
}

static int is_date(const char *s)
{
	struct civil c;

	return strlen(s) == 10 && civil_parse(s, &c) == 0;
}

static int is_local(const char *s)
{
	char d[11];

	if (strlen(s) != 16 || s[10] != ' ' || !isdigit((unsigned char)s[11]) || !isdigit((unsigned char)s[12]) ||
	    s[13] != ':' || !isdigit((unsigned char)s[14]) || !isdigit((unsigned char)s[15]))
		return 0;
	memcpy(d, s, 10);
	d[10] = '\0';
	return is_date(d) && strtol(s + 11, NULL, 10) < 24 && strtol(s + 14, NULL, 10) < 60;
}

/* A whole number in [lo, hi]. */
static int is_int(const char *s, int64_t lo, int64_t hi)
{
	char *end;
	long long v;

	if (!*s || isspace((unsigned char)*s))
		return 0;
	v = strtoll(s, &end, 10);
	return !*end && v >= lo && v <= hi;
}

/* Decimal degrees in [-lim, lim]: digits, one point, at most 7 decimals. */
static int is_degrees(const char *s, double lim)
{
	const char *p = s;
	int digits = 0, decimals = -1;

	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (*p == '.' && decimals < 0)
			decimals = 0;
		else if (isdigit((unsigned char)*p) && decimals >= 0)
			decimals++;
		else if (isdigit((unsigned char)*p))
			digits++;
		else
			return 0;
	}
	if (!digits || digits > 3 || decimals == 0 || decimals > 7)
		return 0;
	return strtod(s, NULL) >= -lim && strtod(s, NULL) <= lim;
}

static int in_choices(const char *v, const char *const *c)
{
	for (; c && *c; c++)
		if (strcmp(v, *c) == 0)
			return 1;
	return 0;
}

const char *model_check_field(const struct mfield *f, const char *v, char *msg, size_t n)
{
	char what[96], num[16];
	int max = model_max(f), multiline = f->type == MT_TEXT || f->type == MT_MD || f->type == MT_HTML ||
							   f->type == MT_SVG;

	if (!v || !*v) {
		if (!(f->flags & MF_REQ))
			return NULL;
		noun(f, what, sizeof(what), 0);
		snprintf(msg, n, f->type == MT_ENUM || f->type == MT_REF ? "Choose %s" : "Enter %s", what);
		return msg;
	}
	noun(f, what, sizeof(what), 1);
	if (!text_ok(v, (size_t)max, multiline)) {
		thousands(max, num, sizeof(num));
		snprintf(msg, n, "%s must be at most %s characters of text%s", what, num,
			 multiline ? "" : " on one line");
		return msg;
	}
	switch (f->type) {
	case MT_ID: case MT_REF:
		if (is_int(v, 1, INT64_MAX))
			return NULL;
		noun(f, what, sizeof(what), 0);
		snprintf(msg, n, "Choose %s from the list", what);
		return msg;
	case MT_INT:
		if (is_int(v, f->lo, f->hi))
			return NULL;
		snprintf(msg, n, "%s must be a whole number from %lld to %lld", what, (long long)f->lo, (long long)f->hi);
		return msg;
	case MT_BOOL:
		return strcmp(v, "0") == 0 || strcmp(v, "1") == 0 ? NULL : (snprintf(msg, n, "%s must be 0 or 1", what), msg);
	case MT_ENUM:
		if (in_choices(v, f->choices))
			return NULL;
		noun(f, what, sizeof(what), 0);
		snprintf(msg, n, "Choose %s from the list", what);
		return msg;
	case MT_DATE:
		return is_date(v) ? NULL : (snprintf(msg, n, "Enter the date as YYYY-MM-DD, for example 2021-05-20"), msg);
	case MT_LOCAL:
		return is_local(v) ? NULL : (snprintf(msg, n, "Enter the date and time as YYYY-MM-DD HH:MM"), msg);
	case MT_EMAIL:
		if (email_ok(v))
			return NULL;
		snprintf(msg, n, "Enter an e-mail address like name@example.org%s",
			 f->flags & MF_REQ ? "" : ", or leave it empty");
		return msg;
	case MT_URL:
		if (url_ok(v, (size_t)max))
			return NULL;
		snprintf(msg, n, "%s must be a web address starting with https:// or http://, without spaces or quotes",
			 what);
		return msg;
	case MT_COLOUR:
		return colour_valid(v) ? NULL : (snprintf(msg, n, "%s must be a hex colour like #1d4f73", what), msg);
	case MT_SVG: {
		const char *why = NULL;
		if (svg_logo_valid(v, strlen(v), &why))
			return NULL;
		snprintf(msg, n, "%s is not an SVG image fit for the site: %s", what, why ? why : "not SVG");
		return msg;
	}
	case MT_SHA256: {
		size_t k = strspn(v, "0123456789abcdef");
		return k == 64 && !v[64] ? NULL : (snprintf(msg, n, "%s must be 64 hexadecimal digits", what), msg);
	}
	case MT_LAT:
		if (is_degrees(v, 90))
			return NULL;
		snprintf(msg, n, "%s must be decimal degrees from -90 to 90, for example 52.1917", what);
		return msg;
	case MT_LON:
		if (is_degrees(v, 180))
			return NULL;
		snprintf(msg, n, "%s must be decimal degrees from -180 to 180, for example -2.1992", what);
		return msg;
	default:
		return NULL;
	}
}

void model_errs_add(struct model_errs *me, const char *field, const char *msg)
{
	if (me->n >= MODEL_MAX_ERRS)
		return;
	me->e[me->n].field = field;
	snprintf(me->e[me->n].msg, sizeof(me->e[me->n].msg), "%s", msg);
	me->n++;
}

int model_check(const struct mentity *e, const char *const *typed, unsigned flags, struct model_errs *me)
{
	char msg[MODEL_MSG];
	int before = me->n;

	for (int i = 0; i < e->nfields; i++) {
		const struct mfield *f = &e->fields[i];
		const char *m;

		if (!(f->flags & flags))
			continue;
		if ((m = model_check_field(f, typed[i], msg, sizeof(msg))))
			model_errs_add(me, model_form_name(f), m);
	}
	/* An end before its start ("Dissolved on" before "Established on"). */
	{
		const struct mfield *s = model_field(e, "start_date"), *en = model_field(e, "end_date");
		int si = s ? (int)(s - e->fields) : -1, ei = en ? (int)(en - e->fields) : -1;
		if (s && en && (s->flags & flags) && (en->flags & flags) && typed[si] && typed[ei] &&
		    is_date(typed[si]) && is_date(typed[ei]) && strcmp(typed[ei], typed[si]) < 0) {
			char a[96], b[96];
			noun(en, a, sizeof(a), 1);
			noun(s, b, sizeof(b), 0);
			snprintf(msg, sizeof(msg), "%s cannot be before %s", a, b);
			model_errs_add(me, model_form_name(en), msg);
		}
	}
	return me->n - before;
}

const char *model_form_name(const struct mfield *f)
{
	return f->input ? f->input : f->col;
}

void model_from_text(const struct mentity *e, const char *const *typed, void *row)
{
	memset(row, 0, e->size);
	for (int i = 0; i < e->nfields; i++) {
		const struct mfield *f = &e->fields[i];
		char *at = (char *)row + f->off;
		const char *v = typed[i] && *typed[i] ? typed[i] : NULL;

		if (f->ct == 'I') {
			int64_t x = v ? strtoll(v, NULL, 10) : 0;
			memcpy(at, &x, sizeof(x));
		} else {
			memcpy(at, &v, sizeof(v));
		}
	}
}
