/* message.c: an e-mail message as sent (see message.h). */
#include "mail/message.h"

#include <stdio.h>
#include <string.h>

#include "util/valid.h"
#include "util/banned.h"

/* Quoted-printable: soft line breaks before 76 characters, "=XX" for
 * '=', bytes outside printable ASCII and a space or tab at a line's end;
 * "\n" and "\r\n" become CRLF. */
void mail_qp(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int col = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char enc[4];
		size_t n;

		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n') {
			buf_append(out, "\r\n", 2);
			col = 0;
			continue;
		}
		if ((*p >= 33 && *p <= 126 && *p != '=') ||
		    ((*p == ' ' || *p == '\t') && p[1] && p[1] != '\n' && p[1] != '\r')) {
			enc[0] = (char)*p;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			n = 3;
		}
		if (col + (int)n > 75) {
			buf_append(out, "=\r\n", 3);
			col = 0;
		}
		buf_append(out, enc, n);
		col += (int)n;
	}
	if (col)
		buf_append(out, "\r\n", 2);
}

static int header_ok(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 32 || *p == 127)
			return 0;
	return 1;
}

static int ascii(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p >= 127)
			return 0;
	return 1;
}

/* An unstructured header value: as it is if ASCII and the line within
 * RFC 5322's 998 octets, else RFC 2047 encoded words of whole UTF-8
 * characters, folded. */
static void header_text(struct buf *out, const char *name, const char *v, int encoded)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(v), i = 0;

	buf_printf(out, "%s: ", name);
	if (!encoded && ascii(v) && strlen(name) + 2 + n <= 998) {
		buf_printf(out, "%s\r\n", v);
		return;
	}
	while (i < n) {
		/* At most 45 bytes a word (60 characters of base64), ending
		 * on a character boundary. */
		size_t end = i + 45 < n ? i + 45 : n;
		while (end < n && end > i && ((unsigned char)v[end] & 0xC0) == 0x80)
			end--;
		/* 45 continuation bytes in a row are no character: cut them
		 * anywhere rather than make no progress (a loop without end). */
		if (end == i)
			end = i + 45 < n ? i + 45 : n;
		if (i)
			buf_append(out, "\r\n ", 3);
		buf_append(out, "=?UTF-8?B?", 10);
		for (size_t k = i; k < end; k += 3) {
			unsigned a = (unsigned char)v[k], b = k + 1 < end ? (unsigned char)v[k + 1] : 0,
				 c = k + 2 < end ? (unsigned char)v[k + 2] : 0;
			char q[4] = { b64[a >> 2], b64[((a & 3) << 4) | (b >> 4)],
				      k + 1 < end ? b64[((b & 15) << 2) | (c >> 6)] : '=', k + 2 < end ? b64[c & 63] : '=' };
			buf_append(out, q, 4);
		}
		buf_append(out, "?=", 2);
		i = end;
	}
	buf_append(out, "\r\n", 2);
}

/* "Name" <address>, the name quoted or encoded as it needs. */
static void header_address(struct buf *out, const char *name, const char *display, const char *addr)
{
	if (!display || !*display) {
		buf_printf(out, "%s: <%s>\r\n", name, addr);
		return;
	}
	/* Quoted (at most twice as long) only where the line stays within
	 * 998 octets: an address has at most 254. */
	if (ascii(display) && strlen(display) <= 350) {
		buf_printf(out, "%s: \"", name);
		for (const char *p = display; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_append(out, "\\", 1);
			buf_append(out, p, 1);
		}
		buf_printf(out, "\" <%s>\r\n", addr);
		return;
	}
	/* Encoded words, folded: never the display name as it is, whose
	 * specials would need quoting and whose length the line cannot take. */
	header_text(out, name, display, 1);
	buf_truncate(out, out->len - 2); /* the CRLF */
	buf_printf(out, " <%s>\r\n", addr);
}

int mail_message_build(const struct mail_message *m, struct buf *out)
{
	char date[64], boundary[64];
	struct tm tm;

	if (!email_ok(m->from) || !email_ok(m->to) || !header_ok(m->subject) || !header_ok(m->message_id) ||
	    (m->from_name && !header_ok(m->from_name)) || (m->unsubscribe && !header_ok(m->unsubscribe)) ||
	    (m->manage && !header_ok(m->manage)))
		return -1;
	/* Values written as they are, each on a line of at most 998 octets. */
	if (strlen(m->message_id) > 900 || (m->unsubscribe && strlen(m->unsubscribe) > 900) ||
	    (m->manage && strlen(m->manage) > 900))
		return -1;
	gmtime_r(&m->date, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	snprintf(boundary, sizeof(boundary), "=_witan_%s", m->message_id);
	/* Only characters a boundary may hold unquoted, so none (a '"' in
	 * the Message-ID) can end the quoted parameter early. */
	for (char *p = boundary; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '=' || *p == '_' || *p == '-'))
			*p = '.';
	buf_printf(out, "Date: %s\r\n", date);
	header_address(out, "From", m->from_name, m->from);
	buf_printf(out, "To: <%s>\r\n", m->to);
	header_text(out, "Subject", m->subject, 0);
	buf_printf(out, "Message-ID: <%s>\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
		   "X-Auto-Response-Suppress: All\r\n", m->message_id);
	if (m->unsubscribe)
		buf_printf(out, "Precedence: bulk\r\nList-Unsubscribe: <%s>\r\n"
			   "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", m->unsubscribe);
	if (m->manage)
		buf_printf(out, "List-Help: <%s>\r\n", m->manage);
	if (!m->html) {
		buf_printf(out, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
		mail_qp(out, m->text);
		return out->err ? -1 : 0;
	}
	buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
	buf_printf(out, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
		   "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary);
	mail_qp(out, m->text);
	buf_printf(out, "--%s\r\nContent-Type: text/html; charset=utf-8\r\n"
		   "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary);
	mail_qp(out, m->html);
	buf_printf(out, "--%s--\r\n", boundary);
	return out->err ? -1 : 0;
}
