/* test_form.c: unit tests for http/form (urlencoded and multipart bodies,
 * filenames) and docs/sniff (upload types from magic bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "docs/sniff.h"
#include "http/form.h"
#include "util/buf.h"

/* A parse of an exact-size heap copy of the body, so that a sanitizer
 * build catches any read past its end (the body is not NUL-terminated). */
struct parsed {
	struct form f;
	char *body;
	char err[128];
	int rc;
};

static void parse(struct parsed *p, const char *ct, const char *body, size_t len)
{
	p->body = malloc(len ? len : 1);
	assert_non_null(p->body);
	memcpy(p->body, body, len);
	p->err[0] = '\0';
	p->rc = form_parse(&p->f, ct, p->body, len, p->err, sizeof(p->err));
	if (p->rc == 0)
		assert_string_equal(p->err, "");
	else
		assert_int_equal(p->f.n, 0);
}

static void done(struct parsed *p)
{
	form_release(&p->f);
	form_release(&p->f); /* twice is harmless */
	free(p->body);
}

#define URLENC "application/x-www-form-urlencoded"

static void url_ok(struct parsed *p, const char *body)
{
	parse(p, URLENC, body, strlen(body));
	assert_int_equal(p->rc, 0);
}

/* The parse of body fails with a message containing want. */
static void url_bad(const char *body, size_t len, const char *want)
{
	struct parsed p;

	parse(&p, URLENC, body, len);
	assert_int_equal(p.rc, -1);
	if (!strstr(p.err, want))
		fail_msg("error \"%s\" does not contain \"%s\"", p.err, want);
	done(&p);
}

static void urlencoded_basic(void **state)
{
	struct parsed p;

	url_ok(&p, "title=Budget+2019%2F20&amount=%C2%A326.9m&note=a%2Bb+c");
	assert_int_equal(p.f.n, 3);
	assert_string_equal(form_get(&p.f, "title"), "Budget 2019/20");
	assert_string_equal(form_get(&p.f, "amount"), "£26.9m");
	assert_string_equal(form_get(&p.f, "note"), "a+b c");
	assert_int_equal(p.f.fields[1].len, strlen("£26.9m"));
	assert_null(form_get(&p.f, "missing"));
	assert_null(form_get(&p.f, "Title")); /* names are case-sensitive */
	assert_null(form_file(&p.f, "title"));
	assert_int_equal(form_count(&p.f, "missing"), 0);
	done(&p);

	/* Names are decoded too; '=' in a value is kept. */
	url_ok(&p, "a+b%5B%5D=x=y&%E2%82%AC=1");
	assert_string_equal(form_get(&p.f, "a b[]"), "x=y");
	assert_string_equal(form_get(&p.f, "€"), "1");
	done(&p);

	/* Type and parameters are case- and space-insensitive. */
	parse(&p, " Application/X-WWW-Form-URLEncoded ; charset=UTF-8", "a=1", 3);
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "a"), "1");
	done(&p);
}

static void urlencoded_empty(void **state)
{
	struct parsed p;

	url_ok(&p, "");
	assert_int_equal(p.f.n, 0);
	assert_null(form_get(&p.f, "a"));
	done(&p);

	url_ok(&p, "a=&b&c=&&d=4&");
	assert_int_equal(p.f.n, 4);
	assert_string_equal(form_get(&p.f, "a"), "");
	assert_string_equal(form_get(&p.f, "b"), "");
	assert_string_equal(form_get(&p.f, "c"), "");
	assert_string_equal(form_get(&p.f, "d"), "4");
	assert_int_equal(form_count(&p.f, "b"), 1);
	done(&p);

	/* A NULL body is an empty one. */
	assert_int_equal(form_parse(&p.f, URLENC, NULL, 0, p.err, sizeof(p.err)), 0);
	assert_int_equal(p.f.n, 0);
	form_release(&p.f);
}

static void urlencoded_repeated(void **state)
{
	struct parsed p;
	const char *v, *want[] = { "3", "1", "2" };
	size_t pos = 0, k = 0;

	url_ok(&p, "order=3&x=0&order=1&order=2");
	assert_int_equal(form_count(&p.f, "order"), 3);
	assert_string_equal(form_get(&p.f, "order"), "3");
	while ((v = form_each(&p.f, "order", &pos))) {
		assert_true(k < 3);
		assert_string_equal(v, want[k++]);
	}
	assert_int_equal(k, 3);
	assert_null(form_each(&p.f, "order", &pos)); /* stays at the end */
	assert_string_equal(p.f.fields[1].name, "x");
	done(&p);
}

static void urlencoded_not_terminated(void **state)
{
	struct parsed p;
	const char body[] = "a=1&b=2%41XYZ";

	/* Only the first 10 bytes are the body. */
	parse(&p, URLENC, body, 10);
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "b"), "2A");
	done(&p);

	/* An escape cut by the end of the body is bad. */
	url_bad(body, 9, "percent");
	url_bad(body, 8, "percent");
}

static void urlencoded_errors(void **state)
{
	url_bad("a=%zz", 5, "percent escape");
	url_bad("a=%2", 4, "percent escape");
	url_bad("a=%", 3, "percent escape");
	url_bad("a%=1", 4, "percent escape");
	url_bad("a=%00", 5, "NUL");
	url_bad("a=1\0b", 5, "NUL");
	url_bad("a\0=1", 4, "NUL");
	url_bad("a=%C0%AF", 8, "UTF-8");
	url_bad("a=%ED%A0%80", 11, "UTF-8"); /* a surrogate */
	url_bad("a=\xff", 3, "UTF-8");
	url_bad("a=%C2", 5, "UTF-8");
	url_bad("=x", 2, "no name");
	url_bad("a=1&=", 5, "no name");
}

static void urlencoded_limits(void **state)
{
	struct parsed p;
	struct buf b = BUF_INIT;
	char name[FORM_MAX_NAME + 2];

	/* Names: 128 bytes decoded, however they are encoded. */
	memset(name, 'n', sizeof(name));
	name[FORM_MAX_NAME] = '\0';
	buf_printf(&b, "%s=1", name);
	url_ok(&p, b.data);
	assert_string_equal(p.f.fields[0].name, name);
	done(&p);
	buf_reset(&b);
	buf_printf(&b, "%sn=1", name);
	url_bad(b.data, b.len, "too long");
	buf_reset(&b);
	for (int i = 0; i < FORM_MAX_NAME; i++)
		buf_puts(&b, "%41");
	buf_puts(&b, "=1");
	url_ok(&p, b.data);
	assert_int_equal(strlen(p.f.fields[0].name), FORM_MAX_NAME);
	done(&p);
	buf_reset(&b);
	for (int i = 0; i <= FORM_MAX_NAME; i++)
		buf_puts(&b, "%41");
	url_bad(b.data, b.len, "too long");

	/* Fields: exactly at the limit, then one over. */
	buf_reset(&b);
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
	url_ok(&p, b.data);
	assert_int_equal(p.f.n, FORM_MAX_FIELDS);
	assert_string_equal(form_get(&p.f, "f255"), "255");
	done(&p);
	buf_puts(&b, "&one=more");
	url_bad(b.data, b.len, "too many fields");

	/* Empty pairs do not count. */
	buf_reset(&b);
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		buf_puts(&b, "a=&&&");
	url_ok(&p, b.data);
	assert_int_equal(form_count(&p.f, "a"), FORM_MAX_FIELDS);
	done(&p);
	assert_int_equal(b.err, 0);
	buf_release(&b);
}

static void large_values(void **state)
{
	struct buf b = BUF_INIT;
	struct parsed p;

	/* Values bigger than the memory chunks, between small ones. */
	buf_puts(&b, "a=1&big=");
	for (int i = 0; i < 40000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	buf_puts(&b, "&b=2&big2=");
	for (int i = 0; i < 20000; i++)
		buf_puts(&b, "%C3%A9");
	buf_puts(&b, "&c=3");
	url_ok(&p, b.data);
	assert_int_equal(p.f.n, 5);
	assert_string_equal(form_get(&p.f, "a"), "1");
	assert_int_equal(strlen(form_get(&p.f, "big")), 40000);
	assert_int_equal(form_get(&p.f, "big")[39999], 'a' + 39999 % 26);
	assert_string_equal(form_get(&p.f, "b"), "2");
	assert_int_equal(strlen(form_get(&p.f, "big2")), 40000);
	assert_string_equal(form_get(&p.f, "c"), "3");
	done(&p);
	assert_int_equal(b.err, 0);
	buf_release(&b);
}

static void unsupported_types(void **state)
{
	const char *bad[] = {
		"text/plain", "application/json", "", "  ", "multipart/mixed; boundary=x",
		"application/x-www-form-urlencodedX", "application/x-www-form",
		"multipart/form-data-x; boundary=x",
	};
	struct parsed p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		parse(&p, bad[i], "a=1", 3);
		assert_int_equal(p.rc, -1);
		assert_non_null(strstr(p.err, "unsupported content type"));
		done(&p);
	}
	parse(&p, NULL, "a=1", 3);
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.err, "unsupported content type"));
	done(&p);

	/* err may be NULL or tiny. */
	assert_int_equal(form_parse(&p.f, "text/plain", "", 0, NULL, 0), -1);
	assert_int_equal(form_parse(&p.f, "text/plain", "", 0, p.err, 4), -1);
	assert_string_equal(p.err, "The");
	form_release(&p.f);
}

/* Multipart bodies as browsers send them. */

#define BND "----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define MP "multipart/form-data; boundary=" BND

static void mp_bad(const char *ct, const char *body, size_t len, const char *want)
{
	struct parsed p;

	parse(&p, ct, body, len);
	assert_int_equal(p.rc, -1);
	if (!strstr(p.err, want))
		fail_msg("error \"%s\" does not contain \"%s\"", p.err, want);
	done(&p);
}

static void multipart_text_and_file(void **state)
{
	/* Binary data with CRLF, "--", NUL, 0xff and partial boundaries. */
	static const char data[] = "\x89PNG\r\n\x1a\n\0\xff\r\n--\r\n--\r\n--" "----WebKitFormBound"
				   "\r\n-" BND "\r\n--" "--WebKit" "\0--" BND "\r\n";
	const size_t dlen = sizeof(data) - 1;
	struct buf b = BUF_INIT;
	struct parsed p;
	const struct form_file *ff;

	buf_puts(&b, "--" BND "\r\n"
		     "Content-Disposition: form-data; name=\"title\"\r\n"
		     "\r\n"
		     "Minutes – 12 March\r\nsecond line\r\n"
		     "--" BND "\r\n"
		     "Content-Disposition: form-data; name=\"document\"; filename=\"minutes.png\"\r\n"
		     "Content-Type: image/png\r\n"
		     "\r\n");
	buf_append(&b, data, dlen);
	buf_puts(&b, "\r\n--" BND "--\r\n");
	assert_int_equal(b.err, 0);

	parse(&p, MP, b.data, b.len);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 2);
	assert_string_equal(form_get(&p.f, "title"), "Minutes – 12 March\r\nsecond line");
	assert_null(form_get(&p.f, "document")); /* a file is not a text value */
	assert_int_equal(form_count(&p.f, "document"), 0);
	assert_null(form_file(&p.f, "title"));
	ff = form_file(&p.f, "document");
	assert_non_null(ff);
	assert_string_equal(ff->filename, "minutes.png");
	assert_true(form_filename_ok(ff->filename));
	assert_string_equal(ff->content_type, "image/png");
	assert_int_equal(ff->len, dlen);
	assert_memory_equal(ff->data, data, dlen);
	/* No copy: the data points into the body. */
	assert_true(ff->data > p.body && ff->data + ff->len <= p.body + b.len);
	assert_string_equal(sniff_mime(ff->data, ff->len), "image/png");
	done(&p);
	buf_release(&b);
}

static void multipart_framing(void **state)
{
	struct parsed p;
	const char *body;

	/* Preamble, transport padding, header case, unquoted name, epilogue. */
	body = "This is the preamble.\r\n--b1  \t\r\n"
	       "content-disposition: FORM-DATA ; NAME=a;name2=\"x\"\r\n"
	       "X-Other: ignored\r\n"
	       "\r\n"
	       "1\r\n--b1\r\n"
	       "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	       "\r\n--b1\r\n"
	       "Content-Disposition: form-data; name=\"semi;colon\"\r\n\r\n"
	       "v\r\n--b1--  \r\nThis is the epilogue.\r\n--b1\r\ngarbage";
	parse(&p, "Multipart/Form-Data; charset=utf-8; BOUNDARY=b1", body, strlen(body));
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 3);
	assert_int_equal(form_count(&p.f, "a"), 2);
	assert_string_equal(form_get(&p.f, "a"), "1");
	assert_string_equal(p.f.fields[1].value, "");
	assert_int_equal(p.f.fields[1].len, 0);
	assert_string_equal(form_get(&p.f, "semi;colon"), "v");
	done(&p);

	/* Quoted boundary with a space and other bchars. */
	body = "--a b:c=d/e?\r\n"
	       "Content-Disposition: form-data; name=\"q\"\r\n\r\n"
	       "quoted\r\n--a b:c=d/e?--";
	parse(&p, "multipart/form-data; boundary=\"a b:c=d/e?\"", body, strlen(body));
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "q"), "quoted");
	done(&p);

	/* The same boundary unquoted ends at the space, and the rest is junk. */
	mp_bad("multipart/form-data; boundary=a b:c=d/e?", body, strlen(body), "boundary");

	/* A part of headers alone (RFC 2046: body-part := headers [CRLF *OCTET])
	 * is an empty value; without the CRLF ending its last line it is
	 * malformed (see multipart_errors). */
	body = "--z\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--z--";
	parse(&p, "multipart/form-data; boundary=z", body, strlen(body));
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "a"), "");
	done(&p);

	/* A form with no fields. */
	parse(&p, "multipart/form-data; boundary=z", "--z--\r\n", 7);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 0);
	done(&p);

	/* A file input left empty, and two files under one name. */
	body = "--z\r\n"
	       "Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
	       "Content-Type: application/octet-stream\r\n\r\n"
	       "\r\n--z\r\n"
	       "Content-Disposition: form-data; name=\"g\"; filename=\"a.pdf\"\r\n\r\n"
	       "%PDF-1.4\r\n--z\r\n"
	       "Content-Disposition: form-data; filename=\"b.pdf\"; name=\"g\"\r\n\r\n"
	       "B\r\n--z--";
	parse(&p, "multipart/form-data; boundary=z", body, strlen(body));
	assert_int_equal(p.rc, 0);
	{
		const struct form_file *ff = form_file(&p.f, "f");
		size_t pos = 0;
		assert_non_null(ff);
		assert_string_equal(ff->filename, "");
		assert_false(form_filename_ok(ff->filename));
		assert_int_equal(ff->len, 0);
		ff = form_each_file(&p.f, "g", &pos);
		assert_string_equal(ff->filename, "a.pdf");
		assert_null(ff->content_type);
		assert_string_equal(sniff_mime(ff->data, ff->len), "application/pdf");
		ff = form_each_file(&p.f, "g", &pos);
		assert_string_equal(ff->filename, "b.pdf");
		assert_int_equal(ff->len, 1);
		assert_null(form_each_file(&p.f, "g", &pos));
	}
	done(&p);
}

#define MP_BAD(ct, lit, want) mp_bad(ct, lit, sizeof(lit) - 1, want)

static void multipart_errors(void **state)
{
	const char *ct = "multipart/form-data; boundary=z";
	const char *cd = "Content-Disposition: form-data; name=\"a\"\r\n";
	char body[512];

	/* Missing final boundary, in several ways. */
	snprintf(body, sizeof(body), "--z\r\n%s\r\nvalue", cd);
	mp_bad(ct, body, strlen(body), "incomplete");
	snprintf(body, sizeof(body), "--z\r\n%s\r\nvalue\r\n--z\r\n", cd);
	mp_bad(ct, body, strlen(body), "incomplete");
	snprintf(body, sizeof(body), "--z\r\n%s\r\nvalue\r\n--z", cd);
	mp_bad(ct, body, strlen(body), "incomplete");
	snprintf(body, sizeof(body), "--z\r\n%s\r\nvalue\r\n--z-", cd);
	mp_bad(ct, body, strlen(body), "incomplete");
	MP_BAD(ct, "--z", "incomplete");
	MP_BAD(ct, "", "malformed");
	MP_BAD(ct, "no boundary here", "malformed");
	MP_BAD(ct, "x--z--", "malformed"); /* not at a line start */

	/* Truncated headers: cut short, or no blank line before the data. */
	MP_BAD(ct, "--z\r\nContent-Disposition: form-da", "incomplete");
	snprintf(body, sizeof(body), "--z\r\n%s--z--", cd);
	mp_bad(ct, body, strlen(body), "malformed");
	snprintf(body, sizeof(body), "--z\r\n%sv\r\n--z--", cd);
	mp_bad(ct, body, strlen(body), "malformed");
	snprintf(body, sizeof(body), "--z\r\n%sContent-Type: text/pl\r\n--z--", cd);
	mp_bad(ct, body, strlen(body), "malformed");

	/* Parts without a name. */
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data\r\n\r\nv\r\n--z--", "no name");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--z--", "no name");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n--z--", "no name");
	MP_BAD(ct, "--z\r\nContent-Type: text/plain\r\n\r\nv\r\n--z--", "no name");
	MP_BAD(ct, "--z\r\n\r\nv\r\n--z--", "no name");

	/* Malformed headers and delimiters. */
	MP_BAD(ct, "--z\r\n\r\n--z--", "malformed"); /* an empty part */
	MP_BAD(ct, "--z\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--z--", "malformed");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--z--", "malformed");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--z--", "malformed");
	/* Obsolete line folding. */
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--z--", "malformed");
	MP_BAD(ct, "--z\r\nContent-Disposition : form-data; name=a\r\n\r\nv\r\n--z--", "malformed");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; name=a\rb\r\n\r\nv\r\n--z--", "malformed");
	snprintf(body, sizeof(body), "--z\r\n%s%s\r\nv\r\n--z--", cd, cd);
	mp_bad(ct, body, strlen(body), "malformed");
	snprintf(body, sizeof(body), "--z\r\n%s\r\nv\r\n--zz\r\n%s\r\nw\r\n--z--", cd, cd);
	mp_bad(ct, body, strlen(body), "malformed");
	snprintf(body, sizeof(body), "--z\r\n%s\r\nv\r\n--z x\r\n%s\r\nw\r\n--z--", cd, cd);
	mp_bad(ct, body, strlen(body), "malformed");

	/* Text fields are UTF-8 without NUL; names too. */
	snprintf(body, sizeof(body), "--z\r\n%s\r\nv\xc0\xaf\r\n--z--", cd);
	mp_bad(ct, body, strlen(body), "UTF-8");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; name=a\r\n\r\nv\0w\r\n--z--", "NUL");
	MP_BAD(ct, "--z\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\nv\r\n--z--", "UTF-8");

	/* Boundaries. */
	mp_bad("multipart/form-data", "--z--", 5, "boundary");
	mp_bad("multipart/form-data; boundary=", "--z--", 5, "boundary");
	mp_bad("multipart/form-data; boundary=\"\"", "--z--", 5, "boundary");
	mp_bad("multipart/form-data; boundary=\"z", "--z--", 5, "boundary");
	mp_bad("multipart/form-data; boundary=z; boundary=z", "--z--", 5, "boundary");
	mp_bad("multipart/form-data; boundary=\"z \"", "--z --", 6, "boundary");
	mp_bad("multipart/form-data; boundary=a\\b", "--a\\b--", 7, "boundary");
	mp_bad("multipart/form-data; boundary=z junk", "--z--", 5, "boundary");
	mp_bad("multipart/form-data; boundary=\xc3\xa9", "--\xc3\xa9--", 6, "boundary");
}

static void multipart_limits(void **state)
{
	struct buf b = BUF_INIT, ct = BUF_INIT;
	struct parsed p;
	char bnd[FORM_MAX_BOUNDARY + 2], name[FORM_MAX_NAME + 2];
	size_t pad;

	/* A boundary of 70 characters, then 71. */
	memset(bnd, '-', sizeof(bnd));
	bnd[FORM_MAX_BOUNDARY] = '\0';
	buf_printf(&ct, "multipart/form-data; boundary=%s", bnd);
	buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--%s--", bnd,
		   bnd);
	parse(&p, ct.data, b.data, b.len);
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "a"), "1");
	done(&p);
	buf_puts(&ct, "-");
	mp_bad(ct.data, b.data, b.len, "boundary");

	/* Names of 128 bytes, then 129. */
	memset(name, 'n', sizeof(name));
	name[FORM_MAX_NAME] = '\0';
	buf_reset(&b);
	buf_printf(&b, "--z\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n1\r\n--z--", name);
	parse(&p, "multipart/form-data; boundary=z", b.data, b.len);
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, name), "1");
	done(&p);
	name[FORM_MAX_NAME] = 'n';
	name[FORM_MAX_NAME + 1] = '\0';
	buf_reset(&b);
	buf_printf(&b, "--z\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n1\r\n--z--", name);
	mp_bad("multipart/form-data; boundary=z", b.data, b.len, "too long");

	/* A header block (up to the CRLF ending its last line) of 8 KiB,
	 * then one byte more; followed by data, or by nothing at all. */
	for (int i = 0; i < 4; i++) {
		const char *cd = "Content-Disposition: form-data; name=a\r\n";
		int extra = i & 1, nodata = i >> 1;
		buf_reset(&b);
		buf_printf(&b, "--z\r\n%sX-Pad: ", cd);
		pad = FORM_MAX_PART_HEADER - strlen(cd) - strlen("X-Pad: \r\n") + (size_t)extra;
		for (size_t k = 0; k < pad; k++)
			buf_putc(&b, 'p');
		buf_puts(&b, nodata ? "\r\n\r\n--z--" : "\r\n\r\nv\r\n--z--");
		parse(&p, "multipart/form-data; boundary=z", b.data, b.len);
		if (extra) {
			assert_int_equal(p.rc, -1);
			assert_non_null(strstr(p.err, "too long"));
		} else {
			assert_int_equal(p.rc, 0);
			assert_string_equal(form_get(&p.f, "a"), nodata ? "" : "v");
		}
		done(&p);
	}

	/* 256 parts, then 257. */
	buf_reset(&b);
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		buf_printf(&b, "--z\r\nContent-Disposition: form-data; name=\"f%d\"%s\r\n\r\n%d\r\n", i,
			   i % 2 ? "; filename=\"x\"" : "", i);
	buf_puts(&b, "--z--");
	parse(&p, "multipart/form-data; boundary=z", b.data, b.len);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, FORM_MAX_FIELDS);
	assert_string_equal(form_get(&p.f, "f254"), "254");
	assert_int_equal(form_file(&p.f, "f255")->len, 3);
	done(&p);
	buf_truncate(&b, b.len - 5);
	buf_puts(&b, "--z\r\nContent-Disposition: form-data; name=\"more\"\r\n\r\nx\r\n--z--");
	mp_bad("multipart/form-data; boundary=z", b.data, b.len, "too many fields");
	assert_int_equal(b.err, 0);
	buf_release(&b);
	buf_release(&ct);
}

static void multipart_filenames(void **state)
{
	struct parsed p;
	const char *body;
	const struct form_file *ff;

	/* Kept as sent: no backslash unescaping, '%22' left alone. */
	body = "--z\r\n"
	       "Content-Disposition: form-data; name=\"f\"; filename=\"C:\\fakepath\\a%22b.pdf\"\r\n"
	       "\r\nx\r\n--z\r\n"
	       "Content-Disposition: form-data; name=\"g\"; filename=\"../../etc/passwd\"\r\n"
	       "\r\ny\r\n--z--";
	parse(&p, "multipart/form-data; boundary=z", body, strlen(body));
	assert_int_equal(p.rc, 0);
	ff = form_file(&p.f, "f");
	assert_string_equal(ff->filename, "C:\\fakepath\\a%22b.pdf");
	assert_false(form_filename_ok(ff->filename));
	ff = form_file(&p.f, "g");
	assert_string_equal(ff->filename, "../../etc/passwd");
	assert_false(form_filename_ok(ff->filename));
	done(&p);
}

static void filename_check(void **state)
{
	char longname[FORM_MAX_FILENAME + 2];

	assert_true(form_filename_ok("report.pdf"));
	assert_true(form_filename_ok("Minutes – 12 March 2019.docx"));
	assert_true(form_filename_ok("a"));
	assert_true(form_filename_ok(".hidden"));
	assert_true(form_filename_ok("..."));
	assert_false(form_filename_ok(NULL));
	assert_false(form_filename_ok(""));
	assert_false(form_filename_ok("."));
	assert_false(form_filename_ok(".."));
	assert_false(form_filename_ok("a/b"));
	assert_false(form_filename_ok("/etc/passwd"));
	assert_false(form_filename_ok("a\\b"));
	assert_false(form_filename_ok("a\tb"));
	assert_false(form_filename_ok("a\nb"));
	assert_false(form_filename_ok("a\x7f" "b"));
	assert_false(form_filename_ok("a\xc2\x85" "b")); /* U+0085, a C1 control */
	assert_true(form_filename_ok("a\xc2\xa0" "b"));  /* U+00A0 is not */
	assert_false(form_filename_ok("a\xff"));
	assert_false(form_filename_ok("\xc0\xae\xc0\xae")); /* overlong ".." */
	memset(longname, 'x', sizeof(longname));
	longname[FORM_MAX_FILENAME] = '\0';
	assert_true(form_filename_ok(longname));
	longname[FORM_MAX_FILENAME] = 'x';
	longname[FORM_MAX_FILENAME + 1] = '\0';
	assert_false(form_filename_ok(longname));
}

/* Sniffing. */

#define M_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define M_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define M_PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#define M_ODT "application/vnd.oasis.opendocument.text"
#define M_ODS "application/vnd.oasis.opendocument.spreadsheet"

static const char *sniff(const void *data, size_t len)
{
	/* An exact-size copy, as for form bodies. */
	char *copy = malloc(len ? len : 1);
	const char *t;

	assert_non_null(copy);
	memcpy(copy, data, len);
	t = sniff_mime(copy, len);
	free(copy);
	return t;
}

#define SNIFF(lit) sniff(lit, sizeof(lit) - 1)

static void put16(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v & 0xff));
	buf_putc(b, (char)(v >> 8));
}

static void put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* A ZIP local file header and its data ("compressed" data is whatever
 * bytes are given: nothing here inflates). */
static void zip_local(struct buf *b, const char *name, const char *data, unsigned method,
		      unsigned flags)
{
	size_t n = data ? strlen(data) : 0;

	buf_append(b, "PK\3\4", 4);
	put16(b, 20);
	put16(b, flags);
	put16(b, method);
	put32(b, 0);                          /* time, date */
	put32(b, 0);                          /* crc (unchecked) */
	put32(b, flags & 8 ? 0 : (uint32_t)n); /* compressed size */
	put32(b, flags & 8 ? 0 : (uint32_t)n); /* size */
	put16(b, (unsigned)strlen(name));
	put16(b, 0);
	buf_puts(b, name);
	buf_append(b, data ? data : "", n);
}

static void zip_central_entry(struct buf *b, const char *name, uint32_t offset)
{
	buf_append(b, "PK\1\2", 4);
	put16(b, 20);
	put16(b, 20);
	for (int i = 0; i < 5; i++)
		put32(b, 0); /* flags/method, time/date, crc, sizes */
	put16(b, (unsigned)strlen(name));
	put32(b, 0);     /* extra, comment lengths */
	put32(b, 0);     /* disk, internal attributes */
	put32(b, 0);     /* external attributes */
	put32(b, offset);
	buf_puts(b, name);
}

static void zip_end(struct buf *b, unsigned count, uint32_t cd_off, uint32_t cd_size)
{
	buf_append(b, "PK\5\6", 4);
	put32(b, 0);
	put16(b, count);
	put16(b, count);
	put32(b, cd_size);
	put32(b, cd_off);
	put16(b, 0);
}

static void sniff_images_pdf(void **state)
{
	assert_string_equal(SNIFF("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "application/pdf");
	assert_string_equal(SNIFF("%PDF-"), "application/pdf");
	assert_null(SNIFF("%PDF"));
	assert_null(SNIFF(" %PDF-1.4"));
	assert_null(SNIFF("\xef\xbb\xbf%PDF-1.4"));
	assert_string_equal(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
	assert_null(SNIFF("\x89PNG\r\n\x1a"));
	assert_string_equal(SNIFF("\xff\xd8\xff\xe0\0\x10JFIF\0"), "image/jpeg");
	assert_string_equal(SNIFF("\xff\xd8\xff\xe1\0\x10" "Exif"), "image/jpeg");
	assert_null(SNIFF("\xff\xd8"));
	assert_string_equal(SNIFF("GIF87a\x01\0\x01\0"), "image/gif");
	assert_string_equal(SNIFF("GIF89a\x01\0\x01\0"), "image/gif");
	assert_null(SNIFF("GIF88a"));
	assert_string_equal(SNIFF("RIFF\x24\0\0\0WEBPVP8 "), "image/webp");
	assert_null(SNIFF("RIFF\x24\0\0\0WAVEfmt "));
	assert_null(SNIFF("RIFF\x24\0\0\0WEB"));
}

static void sniff_refused(void **state)
{
	assert_null(sniff_mime(NULL, 0));
	assert_null(sniff("", 0));
	assert_null(SNIFF("<!DOCTYPE html>\n<html><body>%PDF-1.4</body></html>"));
	assert_null(SNIFF("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x</script></svg>"));
	assert_null(SNIFF("<?xml version=\"1.0\"?><svg/>"));
	assert_null(SNIFF("Just some text.\n"));
	assert_null(SNIFF("\x1f\x8b\x08\0")); /* gzip */
	assert_null(SNIFF("PK\3\4"));         /* a truncated ZIP */
	assert_null(SNIFF("PK\5\6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0")); /* an empty ZIP */
}

static void sniff_office(void **state)
{
	struct buf b = BUF_INIT;

	/* A minimal DOCX-like ZIP: one entry, word/document.xml. */
	zip_local(&b, "word/document.xml", "<w:document/>", 8, 0);
	assert_string_equal(sniff(b.data, b.len), M_DOCX);
	assert_string_equal(mime_extension(sniff(b.data, b.len)), ".docx");

	/* The usual order: [Content_Types].xml and _rels first. */
	buf_reset(&b);
	zip_local(&b, "[Content_Types].xml", "<Types/>", 8, 0);
	zip_local(&b, "_rels/.rels", "<Relationships/>", 8, 0);
	zip_local(&b, "xl/workbook.xml", "<workbook/>", 8, 0);
	assert_string_equal(sniff(b.data, b.len), M_XLSX);
	buf_reset(&b);
	zip_local(&b, "[Content_Types].xml", "<Types/>", 0, 0);
	zip_local(&b, "ppt/presentation.xml", "<p/>", 8, 0);
	zip_local(&b, "word/x.xml", "<p/>", 8, 0);
	assert_string_equal(sniff(b.data, b.len), M_PPTX);

	/* Sizes in data descriptors: the central directory tells. */
	buf_reset(&b);
	zip_local(&b, "[Content_Types].xml", "<Types/>", 8, 8);
	{
		uint32_t second = (uint32_t)b.len, cd;
		zip_local(&b, "word/document.xml", "<w:document/>", 8, 8);
		cd = (uint32_t)b.len;
		zip_central_entry(&b, "[Content_Types].xml", 0);
		zip_central_entry(&b, "word/document.xml", second);
		zip_end(&b, 2, cd, (uint32_t)b.len - cd);
	}
	assert_string_equal(sniff(b.data, b.len), M_DOCX);
	/* ... and a broken central directory is no type. */
	b.data[b.len - 6] = 0x7f;
	assert_null(sniff(b.data, b.len));

	/* A plain ZIP, and names that only look alike. */
	buf_reset(&b);
	zip_local(&b, "readme.txt", "hello", 0, 0);
	zip_local(&b, "docs/word/a.xml", "x", 0, 0);
	zip_local(&b, "words.txt", "x", 0, 0);
	zip_local(&b, "xl", "x", 0, 0);
	assert_null(sniff(b.data, b.len));

	/* A size pointing past the end stops the walk. */
	buf_reset(&b);
	zip_local(&b, "readme.txt", "hello", 0, 0);
	b.data[18] = 0x7f;
	zip_local(&b, "word/document.xml", "x", 0, 0);
	assert_null(sniff(b.data, b.len));
	buf_release(&b);
}

static void sniff_opendocument(void **state)
{
	struct buf b = BUF_INIT;

	zip_local(&b, "mimetype", M_ODT, 0, 0);
	zip_local(&b, "content.xml", "<office:document-content/>", 8, 0);
	assert_string_equal(sniff(b.data, b.len), M_ODT);
	assert_string_equal(mime_extension(sniff(b.data, b.len)), ".odt");

	buf_reset(&b);
	zip_local(&b, "mimetype", M_ODS, 0, 0);
	assert_string_equal(sniff(b.data, b.len), M_ODS);
	assert_string_equal(mime_extension(M_ODS), ".ods");

	/* Compressed, not first, unknown or truncated: no type. */
	buf_reset(&b);
	zip_local(&b, "mimetype", M_ODT, 8, 0);
	assert_null(sniff(b.data, b.len));
	buf_reset(&b);
	zip_local(&b, "content.xml", "x", 0, 0);
	zip_local(&b, "mimetype", M_ODT, 0, 0);
	assert_null(sniff(b.data, b.len));
	buf_reset(&b);
	zip_local(&b, "mimetype", "application/vnd.oasis.opendocument.graphics", 0, 0);
	assert_null(sniff(b.data, b.len));
	buf_reset(&b);
	zip_local(&b, "mimetype", M_ODT "x", 0, 0);
	assert_null(sniff(b.data, b.len));
	buf_reset(&b);
	zip_local(&b, "mimetype", M_ODT, 0, 0);
	assert_null(sniff(b.data, b.len - 1));
	buf_release(&b);
}

static void extensions(void **state)
{
	assert_string_equal(mime_extension("application/pdf"), ".pdf");
	assert_string_equal(mime_extension("image/png"), ".png");
	assert_string_equal(mime_extension("image/jpeg"), ".jpg");
	assert_string_equal(mime_extension("image/gif"), ".gif");
	assert_string_equal(mime_extension("image/webp"), ".webp");
	assert_string_equal(mime_extension(M_DOCX), ".docx");
	assert_string_equal(mime_extension(M_XLSX), ".xlsx");
	assert_string_equal(mime_extension(M_PPTX), ".pptx");
	assert_string_equal(mime_extension(M_ODT), ".odt");
	assert_string_equal(mime_extension("application/vnd.oasis.opendocument.presentation"),
			    ".odp");
	assert_null(mime_extension("image/svg+xml"));
	assert_null(mime_extension("text/html"));
	assert_null(mime_extension("application/zip"));
	assert_null(mime_extension(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urlencoded_basic),
		cmocka_unit_test(urlencoded_empty),
		cmocka_unit_test(urlencoded_repeated),
		cmocka_unit_test(urlencoded_not_terminated),
		cmocka_unit_test(urlencoded_errors),
		cmocka_unit_test(urlencoded_limits),
		cmocka_unit_test(large_values),
		cmocka_unit_test(unsupported_types),
		cmocka_unit_test(multipart_text_and_file),
		cmocka_unit_test(multipart_framing),
		cmocka_unit_test(multipart_errors),
		cmocka_unit_test(multipart_limits),
		cmocka_unit_test(multipart_filenames),
		cmocka_unit_test(filename_check),
		cmocka_unit_test(sniff_images_pdf),
		cmocka_unit_test(sniff_refused),
		cmocka_unit_test(sniff_office),
		cmocka_unit_test(sniff_opendocument),
		cmocka_unit_test(extensions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
