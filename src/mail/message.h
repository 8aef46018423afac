/* message.h: an e-mail message as sent (RFC 5322, MIME): headers, and a
 * plain-text body with, optionally, an HTML alternative, both UTF-8 in
 * quoted-printable with CRLF line ends.  Header values are checked here
 * for line breaks, so nothing a visitor typed can add a header. */
#ifndef WITAN_MESSAGE_H
#define WITAN_MESSAGE_H

#include <time.h>

#include "util/buf.h"

struct mail_message {
	const char *from_name;      /* the body's name, or NULL */
	const char *from;           /* the sender's address */
	const char *to;
	const char *subject;
	const char *message_id;     /* without the angle brackets */
	const char *unsubscribe;    /* the one-click unsubscribe URL, or NULL (then not bulk) */
	const char *manage;         /* the page to manage one's alerts (List-Help), or NULL */
	const char *text;           /* plain text, lines ending "\n" */
	const char *html;           /* an HTML document, or NULL */
	time_t date;
};

/* The whole message into out; 0, or -1 if a header value has a line
 * break or control character, the Message-ID or a URL is longer than 900
 * bytes (a header line may have at most 998), or an address is not an
 * address. */
int mail_message_build(const struct mail_message *m, struct buf *out);

/* Quoted-printable (RFC 2045) of s, lines ending CRLF (for tests too). */
void mail_qp(struct buf *out, const char *s);

#endif
