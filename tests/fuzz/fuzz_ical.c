/* fuzz_ical.c: libFuzzer target for the iCalendar writer (util/ical),
 * which carries user text into calendar feeds.  The input, up to its first
 * NUL, is written as a TEXT value (ical_text) and as a trusted one
 * (ical_line).  Checked: every line ends with CRLF and there is no other
 * CR or LF; no line passes 75 octets; continuation lines start with a
 * space; unfolding and unescaping the TEXT value gives the input with line
 * breaks as "\n", tabs as spaces and other controls dropped; for valid
 * UTF-8, folding never splits a character. */
/* FUZZ_SRCS: src/util/ical.c src/util/buf.c src/util/date.c src/util/utf8.c */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "util/ical.h"
#include "util/utf8.h"

static void fail(const char *why, const char *out)
{
	fprintf(stderr, "fuzz_ical: %s\n%s\n", why, out);
	abort();
}

/* Check the lines of out[0..n) and unfold them into u. */
static void lines(const char *out, size_t n, int valid, struct buf *u)
{
	size_t start = 0;

	if (n < 2 || out[n - 2] != '\r' || out[n - 1] != '\n')
		fail("no CRLF at the end", out);
	for (size_t i = 0; i < n; i++) {
		if (out[i] == '\r' && (i + 1 >= n || out[i + 1] != '\n'))
			fail("a bare CR", out);
		if (out[i] == '\n' && (i == 0 || out[i - 1] != '\r'))
			fail("a bare LF", out);
		if (out[i] != '\n')
			continue;
		if (i - 1 - start > ICAL_FOLD)
			fail("a line longer than 75 octets", out);
		if (valid && !utf8_valid(out + start, i - 1 - start))
			fail("a fold inside a character", out);
		if (start > 0 && out[start] != ' ' && u->len)
			; /* a new content line */
		buf_append(u, out + start + (start > 0 && out[start] == ' '), i - 1 - start - (start > 0 && out[start] == ' '));
		start = i + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT, u = BUF_INIT, back = BUF_INIT, want = BUF_INIT, t = BUF_INIT;
	char *in = fuzz_cstring(data, size);
	const char *v;
	int valid;

	if (!in)
		return 0;
	valid = utf8_valid(in, strlen(in));

	ical_text(&b, "SUMMARY", in);
	if (b.err)
		abort();
	lines(b.data, b.len, valid, &u);
	if (u.len < 8 || strncmp(u.data, "SUMMARY:", 8) != 0)
		fail("not the SUMMARY line", b.data);
	for (v = u.data + 8; *v; v++) {
		if (*v == '\\') {
			v++;
			if (*v == 'n')
				buf_putc(&back, '\n');
			else if (*v == '\\' || *v == ';' || *v == ',')
				buf_putc(&back, *v);
			else
				fail("a bad escape", b.data);
		} else if (*v == ';' || *v == ',') {
			fail("an unescaped ; or ,", b.data);
		} else {
			buf_putc(&back, *v);
		}
	}
	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\r' && p[1] == '\n')
			continue;
		if (c == '\r' || c == '\n')
			buf_putc(&want, '\n');
		else if (c == '\t')
			buf_putc(&want, ' ');
		else if (c >= 0x20 && c != 0x7f)
			buf_putc(&want, (char)c);
	}
	if (valid && strcmp(back.data ? back.data : "", want.data ? want.data : "") != 0)
		fail("the text does not come back", b.data);

	ical_line(&t, "X-WITAN", in);
	lines(t.data, t.len, valid, &u);
	buf_release(&b);
	buf_release(&u);
	buf_release(&back);
	buf_release(&want);
	buf_release(&t);
	free(in);
	return 0;
}
