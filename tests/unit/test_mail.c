/* test_mail.c: unit tests for mail/message: quoted-printable (lines of at
 * most 76 octets, decoded back to the text), headers (encoded words for
 * non-ASCII, the bulk headers only with an unsubscribe link, no header
 * injection through any value), multipart/alternative. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mail/message.h"
#include "util/buf.h"

/* Decode quoted-printable (CRLF lines) back to text with "\n". */
static void qp_decode(const char *in, struct buf *out)
{
	for (const char *p = in; *p;) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (p[0] == '=') {
			char hex[3] = { p[1], p[2], 0 };
			buf_putc(out, (char)strtol(hex, NULL, 16));
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			buf_putc(out, '\n');
			p += 2;
		} else {
			buf_putc(out, *p++);
		}
	}
}

static void qp_round_trip(void **state)
{
	const char *texts[] = {
		"plain words\n",
		"a = b, 100% sure\n",
		"Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80 \n",
		"trailing space \ntrailing tab\t\nend",
		"a very long line with no break at all, longer than seventy-six octets by some way, and then more words to wrap twice over\n",
		"=================================================================================\n",
		"\n\n.\n.. a line that starts with dots\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct buf qp = BUF_INIT, back = BUF_INIT;
		const char *line;

		mail_qp(&qp, texts[i]);
		assert_false(qp.err);
		/* Every line at most 76 octets, printable ASCII, no space at its end. */
		for (line = qp.data; *line;) {
			const char *eol = strstr(line, "\r\n");
			assert_non_null(eol);
			assert_true(eol - line <= 76);
			for (const char *c = line; c < eol; c++)
				assert_true(*c >= 32 && *c < 127);
			if (eol > line)
				assert_true(eol[-1] != ' ' && eol[-1] != '\t');
			line = eol + 2;
		}
		qp_decode(qp.data, &back);
		/* The encoder ends the text with a line break. */
		if (texts[i][strlen(texts[i]) - 1] != '\n')
			assert_memory_equal(back.data, texts[i], strlen(texts[i]));
		else
			assert_string_equal(back.data, texts[i]);
		buf_release(&qp);
		buf_release(&back);
	}
}

static struct mail_message message(void)
{
	return (struct mail_message){
		.from_name = "Worcestershire County Council",
		.from = "alerts@example.org",
		.to = "reader@example.net",
		.subject = "Agenda published: Cabinet",
		.message_id = "alert.abc@example.org",
		.text = "Hello\n",
		.html = "<!DOCTYPE html><html lang=\"en\"><title>x</title><p>Hello</p></html>\n",
		.date = 1764777600, /* 2025-12-03 16:00 UTC */
	};
}

static void headers_and_parts(void **state)
{
	struct mail_message m = message();
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(mail_message_build(&m, &b), 0);
	assert_non_null(strstr(b.data, "Date: Wed, 03 Dec 2025 16:00:00 +0000\r\n"));
	assert_non_null(strstr(b.data, "From: \"Worcestershire County Council\" <alerts@example.org>\r\n"));
	assert_non_null(strstr(b.data, "To: <reader@example.net>\r\n"));
	assert_non_null(strstr(b.data, "Subject: Agenda published: Cabinet\r\n"));
	assert_non_null(strstr(b.data, "Message-ID: <alert.abc@example.org>\r\n"));
	assert_non_null(strstr(b.data, "Auto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(b.data, "Content-Type: multipart/alternative; boundary="));
	assert_non_null(strstr(b.data, "Content-Type: text/plain; charset=utf-8\r\n"));
	assert_non_null(strstr(b.data, "Content-Type: text/html; charset=utf-8\r\n"));
	/* Not bulk without an unsubscribe link (a confirmation). */
	assert_null(strstr(b.data, "List-Unsubscribe"));
	assert_null(strstr(b.data, "Precedence"));
	buf_reset(&b);
	m.unsubscribe = "https://example.org/alerts/unsubscribe/tok";
	m.manage = "https://example.org/alerts/manage/tok2";
	assert_int_equal(mail_message_build(&m, &b), 0);
	assert_non_null(strstr(b.data, "List-Unsubscribe: <https://example.org/alerts/unsubscribe/tok>\r\n"));
	assert_non_null(strstr(b.data, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
	assert_non_null(strstr(b.data, "Precedence: bulk\r\n"));
	assert_non_null(strstr(b.data, "List-Help: <https://example.org/alerts/manage/tok2>\r\n"));
	/* Headers end before the first blank line, and the parts close. */
	assert_non_null(strstr(b.data, "\r\n\r\n"));
	assert_true(strlen(b.data) > 4 && strcmp(b.data + strlen(b.data) - 4, "--\r\n") == 0);
	buf_release(&b);
}

static void encoded_words(void **state)
{
	struct mail_message m = message();
	struct buf b = BUF_INIT;
	char *subject, *end;

	(void)state;
	m.subject = "Agenda published: Pwyllgor Craffu \xe2\x80\x93 Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d and a long enough subject to be folded";
	m.from_name = "Cyngor \xc3\x9e";
	assert_int_equal(mail_message_build(&m, &b), 0);
	subject = strstr(b.data, "Subject: ");
	assert_non_null(subject);
	assert_non_null(strstr(subject, "=?UTF-8?B?"));
	/* Folded lines of the subject are short and all ASCII. */
	end = strstr(subject, "\r\nMessage-ID");
	assert_non_null(end);
	for (char *c = subject; c < end; c++)
		assert_true((unsigned char)*c < 128);
	assert_non_null(strstr(b.data, "From: =?UTF-8?B?"));
	assert_non_null(strstr(b.data, " <alerts@example.org>\r\n"));
	buf_release(&b);
}

static void no_header_injection(void **state)
{
	struct buf b = BUF_INIT;
	struct mail_message m;

	(void)state;
	m = message();
	m.subject = "Hello\r\nBcc: victim@example.com";
	assert_int_equal(mail_message_build(&m, &b), -1);
	m = message();
	m.to = "reader@example.net\r\nBcc: victim@example.com";
	assert_int_equal(mail_message_build(&m, &b), -1);
	m = message();
	m.to = "reader@example.net\nX: y";
	assert_int_equal(mail_message_build(&m, &b), -1);
	m = message();
	m.from_name = "Council\nBcc: x@example.com";
	assert_int_equal(mail_message_build(&m, &b), -1);
	m = message();
	m.unsubscribe = "https://example.org/u\r\nX: y";
	assert_int_equal(mail_message_build(&m, &b), -1);
	m = message();
	m.to = "not an address";
	assert_int_equal(mail_message_build(&m, &b), -1);
	buf_release(&b);
}

/* Found by fuzz_mail: a subject of continuation bytes only made no
 * progress (a loop without end), a '"' in the Message-ID ended the quoted
 * boundary early, and a long ASCII subject made a line past 998 octets. */
static void odd_subject_and_id(void **state)
{
	struct mail_message m = message();
	struct buf b = BUF_INIT;
	char subject[100];

	(void)state;
	memset(subject, 0x80, sizeof(subject) - 1);
	subject[sizeof(subject) - 1] = '\0';
	m.subject = subject;
	m.message_id = "a\"b c@example.org";
	assert_int_equal(mail_message_build(&m, &b), 0);
	assert_non_null(strstr(b.data, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(b.data, "boundary=\"=_witan_a.b.c.example.org\"\r\n"));
	buf_reset(&b);
	/* An ASCII subject too long for one line is folded as encoded words. */
	{
		char longer[1200];
		memset(longer, 'x', sizeof(longer) - 1);
		longer[sizeof(longer) - 1] = '\0';
		m.subject = longer;
		m.message_id = "id@example.org";
		assert_int_equal(mail_message_build(&m, &b), 0);
		assert_non_null(strstr(b.data, "Subject: =?UTF-8?B?"));
		assert_null(strstr(b.data, "xxxxxxxxxx"));
	}
	buf_release(&b);
}

/* Every line of the header block at most 998 octets (RFC 5322). */
static void short_lines(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");

	assert_non_null(end);
	for (const char *p = msg; p < end;) {
		const char *eol = strstr(p, "\r\n");
		assert_true(eol - p <= 998);
		p = eol + 2;
	}
}

/* A long display name of specials (found by fuzz_mail): encoded, folded. */
static void long_display_name(void **state)
{
	struct mail_message m = message();
	struct buf b = BUF_INIT;
	char name[801];

	(void)state;
	for (int len = 300; len <= 800; len += 250) {
		memset(name, '"', (size_t)len);
		name[len] = 0;
		m.from_name = name;
		buf_reset(&b);
		assert_int_equal(mail_message_build(&m, &b), 0);
		short_lines(b.data);
		assert_non_null(strstr(b.data, " <alerts@example.org>\r\n"));
	}
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qp_round_trip),
		cmocka_unit_test(headers_and_parts),
		cmocka_unit_test(encoded_words),
		cmocka_unit_test(no_header_injection),
		cmocka_unit_test(long_display_name),
		cmocka_unit_test(odd_subject_and_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
