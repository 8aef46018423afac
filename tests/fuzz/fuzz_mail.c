/* fuzz_mail.c: libFuzzer target for the e-mail message writer
 * (mail/message), which puts a subscriber's address, a body's name, a
 * search's words and record text into mail.  The input is split at NULs
 * into the sender's name, the recipient, the subject, the Message-ID, the
 * unsubscribe URL, the text and (if there is a seventh piece) the HTML.
 * Checked, whenever mail_message_build accepts: the header block has only
 * the writer's own header names, each once, and continuation lines; no
 * bare CR or LF; no line longer than RFC 5322's 998 octets; a multipart
 * message's boundary delimits exactly its two parts.  And mail_qp of the
 * text decodes back to it (line ends as CRLF), in lines of at most 76. */
/* FUZZ_SRCS: src/mail/message.c src/util/valid.c src/util/utf8.c src/util/buf.c */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "mail/message.h"

static const char *const names[] = {
	"Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Auto-Submitted",
	"X-Auto-Response-Suppress", "Precedence", "List-Unsubscribe", "List-Unsubscribe-Post",
	"List-Help", "Content-Type", "Content-Transfer-Encoding",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static void fail(const char *why, const char *msg)
{
	fprintf(stderr, "fuzz_mail: %s\n%s\n", why, msg);
	abort();
}

static void check_message(const char *msg, size_t len, int html)
{
	const char *end = strstr(msg, "\r\n\r\n"), *p;
	int seen[NNAMES] = { 0 };
	char bnd[80];
	size_t blen = 0, nb = 0, nclose = 0;

	if (!end)
		fail("no end of headers", msg);
	for (size_t i = 0; i < len; i++) {
		if ((msg[i] == '\r' && msg[i + 1] != '\n') || (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r')))
			fail("a bare CR or LF", msg);
	}
	for (p = msg; p < end + 2;) {
		const char *eol = strstr(p, "\r\n"), *colon;
		size_t k;
		if ((size_t)(eol - p) > 998)
			fail("a header line longer than 998 octets", msg);
		if (*p == ' ' || *p == '\t') {
			if (p == msg)
				fail("a continuation first", msg);
			p = eol + 2;
			continue;
		}
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon)
			fail("a header line without a name", msg);
		for (k = 0; k < NNAMES; k++)
			if (strlen(names[k]) == (size_t)(colon - p) && strncmp(p, names[k], strlen(names[k])) == 0)
				break;
		if (k == NNAMES)
			fail("a header not the writer's own", msg);
		/* Content-Type comes twice only as a part's header, after the block. */
		if (seen[k]++)
			fail("a header twice", msg);
		if (k == NNAMES - 2 && html) {
			const char *b = strstr(p, "boundary=\""), *q;
			if (!b || b > eol)
				fail("no boundary", msg);
			b += 10;
			q = memchr(b, '"', (size_t)(eol - b));
			if (!q || (size_t)(q - b) >= sizeof(bnd) - 3)
				fail("a bad boundary", msg);
			blen = (size_t)(q - b);
			memcpy(bnd, b, blen);
			bnd[blen] = '\0';
		}
		p = eol + 2;
	}
	/* The body: every line at most 998; the boundary only as ours. */
	for (p = end + 4; *p;) {
		const char *eol = strstr(p, "\r\n");
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n > 998)
			fail("a body line longer than 998 octets", msg);
		if (blen && n >= blen + 2 && p[0] == '-' && p[1] == '-' && strncmp(p + 2, bnd, blen) == 0) {
			if (n == blen + 2)
				nb++;
			else if (n == blen + 4 && p[blen + 2] == '-' && p[blen + 3] == '-')
				nclose++;
			else
				fail("a line that starts like the boundary", msg);
		}
		p = eol ? eol + 2 : p + n;
	}
	if (html && (nb != 2 || nclose != 1))
		fail("the parts are not delimited as two", msg);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void check_qp(const char *text)
{
	struct buf q = BUF_INIT, dec = BUF_INIT, want = BUF_INIT;
	const char *p;

	mail_qp(&q, text);
	for (p = q.data ? q.data : ""; *p;) {
		const char *eol = strstr(p, "\r\n");
		size_t n;
		if (!eol)
			fail("quoted-printable without a final CRLF", q.data);
		n = (size_t)(eol - p);
		if (n > 76)
			fail("a quoted-printable line longer than 76", q.data);
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '=') {
				if (i + 1 == n)
					break; /* a soft line break */
				if (i + 2 >= n || hexval(p[i + 1]) < 0 || hexval(p[i + 2]) < 0)
					fail("a bad escape", q.data);
				buf_putc(&dec, (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2])));
				i += 2;
			} else if ((unsigned char)p[i] < 33 && p[i] != ' ' && p[i] != '\t') {
				fail("a raw control", q.data);
			} else {
				if ((p[i] == ' ' || p[i] == '\t') && i + 1 == n)
					fail("white space at a line's end", q.data);
				buf_putc(&dec, p[i]);
			}
		}
		if (!(n && p[n - 1] == '=' && (n < 3 || p[n - 3] != '=')))
			buf_append(&dec, "\r\n", 2);
		p = eol + 2;
	}
	for (p = text; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n')
			buf_append(&want, "\r\n", 2);
		else
			buf_putc(&want, *p);
	}
	if (want.len && (want.len < 2 || strcmp(want.data + want.len - 2, "\r\n") != 0))
		buf_append(&want, "\r\n", 2);
	if (strcmp(dec.data ? dec.data : "", want.data ? want.data : "") != 0)
		fail("quoted-printable does not decode back", q.data);
	buf_release(&q);
	buf_release(&dec);
	buf_release(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *f[7] = { NULL };
	char *in = fuzz_cstring(data, size), *p;
	struct mail_message m;
	struct buf out = BUF_INIT;
	int nf = 0;

	if (!in)
		return 0;
	for (p = in; nf < 7; nf++) {
		f[nf] = p;
		p = memchr(p, '\0', size - (size_t)(p - in));
		if (!p || p == in + size)
			break;
		p++;
	}
	if (nf < 5)
		goto out;
	memset(&m, 0, sizeof(m));
	m.from_name = f[0][0] ? f[0] : NULL;
	m.from = "alerts@council.example.org";
	m.to = f[1];
	m.subject = f[2];
	m.message_id = f[3];
	m.unsubscribe = f[4][0] ? f[4] : NULL;
	m.manage = "https://council.example.org/alerts/manage/x";
	m.text = f[5] ? f[5] : "";
	m.html = f[6];
	m.date = 1549278000;
	if (mail_message_build(&m, &out) == 0)
		check_message(out.data, out.len, m.html != NULL);
	check_qp(m.text);
out:
	buf_release(&out);
	free(in);
	return 0;
}
