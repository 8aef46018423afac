/* smtp.h: handing a message to a mail server (libcurl's SMTP): smtp://
 * with STARTTLS whenever the server offers it (required when credentials
 * are given, except to a server on this machine), smtps:// with TLS from
 * the start, AUTH with the credentials of --smtp-auth-file. */
#ifndef WITAN_SMTP_H
#define WITAN_SMTP_H

#include <stddef.h>

struct smtp_config {
	const char *url;        /* smtp://host[:port] or smtps://host[:port]; NULL: not configured */
	const char *user, *password;  /* NULL: no AUTH */
	const char *from;       /* the envelope and From: address */
	const char *from_name;  /* the From: display name, or NULL */
};

enum smtp_result {
	SMTP_SENT = 0,
	SMTP_RETRY,             /* a 4xx answer to this message: try it again later */
	SMTP_UNAVAILABLE,       /* the server: no answer, credentials or sender refused: try everything later */
	SMTP_REFUSED,           /* a 5xx answer: give up on this message */
	SMTP_BOUNCED,           /* a 5xx answer that says the address does not exist: suppress it */
};

/* Check a configuration given on the command line: 0, or -1 with a
 * message in err. */
int smtp_config_check(const struct smtp_config *c, char *err, size_t errlen);
/* Read "user:password" (one line) from path into the strings user and
 * password (malloc'd): 0, or -1 with a message in err. */
int smtp_read_auth(const char *path, char **user, char **password, char *err, size_t errlen);

/* Send msg (a whole message, CRLF line ends) to rcpt; *code is the
 * server's last reply code (0: none), err says what went wrong. */
enum smtp_result smtp_send(const struct smtp_config *c, const char *rcpt, const char *msg, size_t len, int *code,
			   char *err, size_t errlen);

#endif
