/* form.c: parsing HTML form bodies, application/x-www-form-urlencoded and
 * multipart/form-data (RFC 7578, framing per RFC 2046 section 5.1). */
#include "http/form.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Messages shown to users on the 400 page. */
#define E_TYPE     "The form was sent with an unsupported content type."
#define E_NOMEM    "The server ran out of memory reading the form."
#define E_MANY     "The form has too many fields."
#define E_NONAME   "A form field has no name."
#define E_LONGNAME "A form field name is too long."
#define E_ESCAPE   "The form data contains an invalid percent escape."
#define E_NUL      "The form data contains a NUL character."
#define E_UTF8     "The form data is not valid UTF-8."
#define E_BOUNDARY "The form data has no valid boundary."
#define E_BAD      "The form data is malformed."
#define E_TRUNC    "The form data is incomplete."
#define E_HEADERS  "A part of the form has headers that are too long."

/* Names and text values live in chunks freed together by form_release(). */
struct form_chunk {
	struct form_chunk *next;
	size_t used, size;
	char data[];
};

#define CHUNK_MIN 16384

static int fail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

static char *form_alloc(struct form *f, size_t n)
{
	struct form_chunk *c = f->mem;
	size_t size;

	if (c && c->size - c->used >= n) {
		char *p = c->data + c->used;
		c->used += n;
		return p;
	}
	size = n > CHUNK_MIN ? n : CHUNK_MIN;
	if (size > SIZE_MAX - sizeof(*c))
		return NULL;
	c = malloc(sizeof(*c) + size);
	if (!c)
		return NULL;
	c->size = size;
	c->used = n;
	/* Keep the chunk with more room at the head. */
	if (f->mem && size - n < f->mem->size - f->mem->used) {
		c->next = f->mem->next;
		f->mem->next = c;
	} else {
		c->next = f->mem;
		f->mem = c;
	}
	return c->data;
}

static char *form_strndup(struct form *f, const char *s, size_t n)
{
	char *p = n < SIZE_MAX ? form_alloc(f, n + 1) : NULL;

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* A new zeroed field at the end, or NULL with err set. */
static struct form_field *add_field(struct form *f, char *err, size_t errlen)
{
	struct form_field *fl;

	if (f->n >= FORM_MAX_FIELDS) {
		fail(err, errlen, E_MANY);
		return NULL;
	}
	if (f->n == f->alloc) {
		size_t alloc = f->alloc ? f->alloc * 2 : 16;
		if (alloc > FORM_MAX_FIELDS)
			alloc = FORM_MAX_FIELDS;
		fl = realloc(f->fields, alloc * sizeof(*fl));
		if (!fl) {
			fail(err, errlen, E_NOMEM);
			return NULL;
		}
		f->fields = fl;
		f->alloc = alloc;
	}
	fl = &f->fields[f->n++];
	memset(fl, 0, sizeof(*fl));
	return fl;
}

void form_release(struct form *f)
{
	struct form_chunk *c = f->mem;

	while (c) {
		struct form_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(f->fields);
	f->fields = NULL;
	f->n = f->alloc = 0;
	f->mem = NULL;
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Why url_decode() refused s[0..n). */
static const char *decode_problem(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			return E_NUL;
		if (s[i] == '%') {
			if (n - i < 3 || !is_hex((unsigned char)s[i + 1]) ||
			    !is_hex((unsigned char)s[i + 2]))
				return E_ESCAPE;
			if (s[i + 1] == '0' && s[i + 2] == '0')
				return E_NUL;
			i += 2;
		}
	}
	return E_UTF8;
}

/* Decode s[0..n) into the form's memory; NULL with err set on failure. */
static char *decode(struct form *f, const char *s, size_t n, size_t *outlen, char *err,
		    size_t errlen)
{
	char *d = n < SIZE_MAX ? form_alloc(f, n + 1) : NULL;
	long r;

	if (!d) {
		fail(err, errlen, E_NOMEM);
		return NULL;
	}
	r = url_decode(d, s, n, 1);
	if (r < 0) {
		fail(err, errlen, decode_problem(s, n));
		return NULL;
	}
	*outlen = (size_t)r;
	return d;
}

/* name=value pairs separated by '&'; empty pairs are skipped and a pair
 * without '=' has the empty value, as browsers and the WHATWG URL
 * standard do. */
static int parse_urlencoded(struct form *f, const char *body, size_t len, char *err,
			    size_t errlen)
{
	size_t i = 0;

	while (i < len) {
		const char *seg = body + i, *amp = memchr(seg, '&', len - i), *eq;
		size_t slen = amp ? (size_t)(amp - seg) : len - i, nlen, vlen, dn;
		struct form_field *fl;
		char *name;

		i += slen + (amp != NULL);
		if (slen == 0)
			continue;
		eq = memchr(seg, '=', slen);
		nlen = eq ? (size_t)(eq - seg) : slen;
		vlen = eq ? slen - nlen - 1 : 0;
		if (nlen == 0)
			return fail(err, errlen, E_NONAME);
		/* Each decoded byte takes at most 3 encoded ones. */
		if (nlen > 3 * FORM_MAX_NAME)
			return fail(err, errlen, E_LONGNAME);
		if (!(fl = add_field(f, err, errlen)))
			return -1;
		if (!(name = decode(f, seg, nlen, &dn, err, errlen)))
			return -1;
		if (dn > FORM_MAX_NAME)
			return fail(err, errlen, E_LONGNAME);
		fl->name = name;
		if (!(fl->value = decode(f, eq ? eq + 1 : "", vlen, &fl->len, err, errlen)))
			return -1;
	}
	return 0;
}

/* Header values: case-insensitive ASCII comparison, tokens, parameters. */

static int ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n && lit[i]; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)lit[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return i == n && lit[i] == '\0';
}

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_ows(const char *p, const char *end)
{
	while (p < end && is_ows(*p))
		p++;
	return p;
}

/* RFC 9110 tchar. */
static int is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* A byte of an unquoted parameter value: anything visible but ';' and '"'
 * (laxer than a token: some clients send boundaries with '/', ':' or '='). */
static int is_vchar(unsigned char c)
{
	return c > ' ' && c != 0x7f && c != ';' && c != '"';
}

/* How many bytes from p (up to end) pass ok. */
static size_t span(const char *p, const char *end, int (*ok)(unsigned char))
{
	const char *q = p;

	while (q < end && ok((unsigned char)*q))
		q++;
	return (size_t)(q - p);
}

/* The type of a header value such as "multipart/form-data; boundary=x":
 * *p moves past it. */
static void header_type(const char **p, const char *end, const char **type, size_t *tlen)
{
	const char *s = skip_ows(*p, end), *t = s;

	while (t < end && *t != ';' && !is_ows(*t))
		t++;
	*type = s;
	*tlen = (size_t)(t - s);
	*p = t;
}

struct hparam {
	const char *name, *val;
	size_t nlen, vlen;
};

/* The next `; name=value` (value a token or a quoted string, taken as it
 * is: browsers send '"' in names as %22 and never escape with '\\', and
 * old ones send Windows paths in filenames).  Returns 1 with *hp filled,
 * 0 at the end, -1 if malformed. */
static int next_param(const char **pp, const char *end, struct hparam *hp)
{
	const char *p = skip_ows(*pp, end);

	if (p == end)
		return 0;
	if (*p != ';')
		return -1;
	p = skip_ows(p + 1, end);
	if (p == end)
		return 0;
	hp->name = p;
	if (!(hp->nlen = span(p, end, is_tchar)))
		return -1;
	p = skip_ows(p + hp->nlen, end);
	if (p == end || *p != '=')
		return -1;
	p = skip_ows(p + 1, end);
	if (p < end && *p == '"') {
		const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
		if (!q)
			return -1;
		hp->val = p + 1;
		hp->vlen = (size_t)(q - p - 1);
		p = q + 1;
	} else {
		hp->val = p;
		if (!(hp->vlen = span(p, end, is_vchar)))
			return -1;
		p += hp->vlen;
	}
	*pp = p;
	return 1;
}

/* RFC 2046 bchars: DIGIT ALPHA ' ( ) + _ , - . / : = ? and space, which may
 * not be last. */
static int boundary_ok(const char *b, size_t n)
{
	if (n == 0 || n > FORM_MAX_BOUNDARY || b[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c && strchr("'()+_,-./:=? ", c))))
			return 0;
	}
	return 1;
}

/* The boundary parameter of a Content-Type after its type (at p). */
static int get_boundary(const char *p, const char *end, const char **b, size_t *blen)
{
	struct hparam hp;
	int r;

	*b = NULL;
	while ((r = next_param(&p, end, &hp)) == 1) {
		if (!ieq(hp.name, hp.nlen, "boundary"))
			continue;
		if (*b)
			return -1;
		*b = hp.val;
		*blen = hp.vlen;
	}
	if (r < 0 || !*b || !boundary_ok(*b, *blen))
		return -1;
	return 0;
}

struct part {
	const char *name, *filename, *ctype;
	size_t nlen, flen, clen;
	int has_name, has_filename;
};

/* Content-Disposition: form-data; name="..."[; filename="..."] */
static int parse_disposition(const char *p, const char *end, struct part *pt)
{
	struct hparam hp;
	const char *type;
	size_t tlen;
	int r;

	header_type(&p, end, &type, &tlen);
	if (!ieq(type, tlen, "form-data"))
		return -1;
	while ((r = next_param(&p, end, &hp)) == 1) {
		if (ieq(hp.name, hp.nlen, "name")) {
			if (pt->has_name)
				return -1;
			pt->has_name = 1;
			pt->name = hp.val;
			pt->nlen = hp.vlen;
		} else if (ieq(hp.name, hp.nlen, "filename")) {
			if (pt->has_filename)
				return -1;
			pt->has_filename = 1;
			pt->filename = hp.val;
			pt->flen = hp.vlen;
		}
		/* filename* (RFC 5987) is not to be used in forms (RFC 7578
		 * 4.2); it and other parameters are ignored. */
	}
	return r;
}

/* The header block h[0..hlen), each line ending in CRLF. */
static int parse_part_headers(const char *h, size_t hlen, struct part *pt)
{
	const char *p = h, *end = h + hlen;
	int seen_cd = 0, seen_ct = 0;

	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2), *colon, *v, *ve;

		if (!eol || eol == p || is_ows(*p))
			return -1; /* empty or folded (obsolete) line */
		for (const char *q = p; q < eol; q++) {
			unsigned char c = (unsigned char)*q;
			if ((c < ' ' && c != '\t') || c == 0x7f)
				return -1;
		}
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon || colon == p)
			return -1;
		for (const char *q = p; q < colon; q++)
			if (!is_tchar((unsigned char)*q))
				return -1;
		v = skip_ows(colon + 1, eol);
		ve = eol;
		while (ve > v && is_ows(ve[-1]))
			ve--;
		if (ieq(p, (size_t)(colon - p), "content-disposition")) {
			if (seen_cd++ || parse_disposition(v, ve, pt) < 0)
				return -1;
		} else if (ieq(p, (size_t)(colon - p), "content-type")) {
			if (seen_ct++)
				return -1;
			pt->ctype = v;
			pt->clen = (size_t)(ve - v);
		}
		p = eol + 2;
	}
	return 0;
}

/* One body part, s[0..n): headers, a blank line, the data. */
static int add_part(struct form *f, const char *s, size_t n, char *err, size_t errlen)
{
	struct part pt;
	struct form_field *fl;
	const char *data;
	size_t hlen, dlen;

	memset(&pt, 0, sizeof(pt));
	if (n >= 2 && s[0] == '\r' && s[1] == '\n') {
		hlen = 0; /* no headers at all */
		data = s + 2;
	} else {
		size_t lim = n < FORM_MAX_PART_HEADER + 2 ? n : FORM_MAX_PART_HEADER + 2;
		const char *blank = memmem(s, lim, "\r\n\r\n", 4);
		if (blank) {
			hlen = (size_t)(blank - s) + 2;
			data = blank + 4;
		} else if (n > FORM_MAX_PART_HEADER) {
			return fail(err, errlen, E_HEADERS);
		} else if (n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n') {
			hlen = n; /* headers and no data: the CRLF before the
			           * delimiter is the delimiter's */
			data = s + n;
		} else {
			return fail(err, errlen, E_BAD);
		}
	}
	dlen = (size_t)(s + n - data);
	if (parse_part_headers(s, hlen, &pt) < 0)
		return fail(err, errlen, E_BAD);
	if (!pt.has_name || pt.nlen == 0)
		return fail(err, errlen, E_NONAME);
	if (pt.nlen > FORM_MAX_NAME)
		return fail(err, errlen, E_LONGNAME);
	if (!utf8_valid(pt.name, pt.nlen))
		return fail(err, errlen, E_UTF8);
	if (!pt.has_filename) {
		if (memchr(data, '\0', dlen))
			return fail(err, errlen, E_NUL);
		if (!utf8_valid(data, dlen))
			return fail(err, errlen, E_UTF8);
	}
	if (!(fl = add_field(f, err, errlen)))
		return -1;
	if (!(fl->name = form_strndup(f, pt.name, pt.nlen)))
		return fail(err, errlen, E_NOMEM);
	if (!pt.has_filename) {
		if (!(fl->value = form_strndup(f, data, dlen)))
			return fail(err, errlen, E_NOMEM);
		fl->len = dlen;
		return 0;
	}
	fl->is_file = 1;
	fl->file.data = data;
	fl->file.len = dlen;
	if (!(fl->file.filename = form_strndup(f, pt.filename, pt.flen)))
		return fail(err, errlen, E_NOMEM);
	if (pt.ctype && !(fl->file.content_type = form_strndup(f, pt.ctype, pt.clen)))
		return fail(err, errlen, E_NOMEM);
	return 0;
}

/*   [preamble CRLF] --b padding CRLF part *(CRLF --b padding CRLF part)
 *   CRLF --b-- [epilogue]
 * where padding is spaces and tabs.  The delimiter may not occur inside a
 * part (RFC 2046 5.1.1), so "CRLF --b" followed by anything but padding
 * CRLF or "--" is an error rather than data. */
static int parse_multipart(struct form *f, const char *b, size_t blen, const char *body,
			   size_t len, char *err, size_t errlen)
{
	char delim[4 + FORM_MAX_BOUNDARY];
	size_t dlen = 4 + blen;
	const char *end = body + len, *p;

	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, blen);
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		p = body;
	} else {
		p = memmem(body, len, delim, dlen);
		if (!p)
			return fail(err, errlen, E_BAD);
		p += 2;
	}
	for (;;) {
		const char *next;

		p += dlen - 2; /* past "--b" */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;
		p = skip_ows(p, end);
		if (end - p < 2)
			return fail(err, errlen, E_TRUNC);
		if (p[0] != '\r' || p[1] != '\n')
			return fail(err, errlen, E_BAD);
		p += 2;
		next = memmem(p, (size_t)(end - p), delim, dlen);
		if (!next)
			return fail(err, errlen, E_TRUNC);
		if (add_part(f, p, (size_t)(next - p), err, errlen) < 0)
			return -1;
		p = next + 2;
	}
}

int form_parse(struct form *f, const char *content_type, const char *body, size_t len,
	       char *err, size_t errlen)
{
	const char *p = content_type, *end, *type, *b;
	size_t tlen, blen = 0;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if (err && errlen)
		err[0] = '\0';
	if (!body) {
		body = "";
		len = 0;
	}
	if (!content_type) {
		fail(err, errlen, E_TYPE);
		goto out;
	}
	end = p + strlen(p);
	header_type(&p, end, &type, &tlen);
	if (ieq(type, tlen, "application/x-www-form-urlencoded")) {
		rc = parse_urlencoded(f, body, len, err, errlen);
	} else if (ieq(type, tlen, "multipart/form-data")) {
		if (get_boundary(p, end, &b, &blen) < 0)
			fail(err, errlen, E_BOUNDARY);
		else
			rc = parse_multipart(f, b, blen, body, len, err, errlen);
	} else {
		fail(err, errlen, E_TYPE);
	}
out:
	if (rc < 0)
		form_release(f);
	return rc;
}

const char *form_each(const struct form *f, const char *name, size_t *pos)
{
	for (size_t i = *pos; i < f->n; i++) {
		const struct form_field *fl = &f->fields[i];
		if (!fl->is_file && strcmp(fl->name, name) == 0) {
			*pos = i + 1;
			return fl->value;
		}
	}
	*pos = f->n;
	return NULL;
}

const char *form_get(const struct form *f, const char *name)
{
	size_t pos = 0;

	return form_each(f, name, &pos);
}

size_t form_count(const struct form *f, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		if (!f->fields[i].is_file && strcmp(f->fields[i].name, name) == 0)
			n++;
	return n;
}

const struct form_file *form_each_file(const struct form *f, const char *name, size_t *pos)
{
	for (size_t i = *pos; i < f->n; i++) {
		const struct form_field *fl = &f->fields[i];
		if (fl->is_file && strcmp(fl->name, name) == 0) {
			*pos = i + 1;
			return &fl->file;
		}
	}
	*pos = f->n;
	return NULL;
}

const struct form_file *form_file(const struct form *f, const char *name)
{
	size_t pos = 0;

	return form_each_file(f, name, &pos);
}

int form_filename_ok(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n;

	if (!name)
		return 0;
	n = strlen(name);
	if (n == 0 || n > FORM_MAX_FILENAME || !utf8_valid(name, n))
		return 0;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f || s[i] == '/' || s[i] == '\\')
			return 0;
		/* C1 controls U+0080..U+009F are C2 80..C2 9F. */
		if (s[i] == 0xc2 && i + 1 < n && s[i + 1] <= 0x9f)
			return 0;
	}
	return 1;
}
