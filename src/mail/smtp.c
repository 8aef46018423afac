/* smtp.c: handing a message to a mail server with libcurl (see smtp.h). */
#include "mail/smtp.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/valid.h"
#include "util/banned.h"

int smtp_config_check(const struct smtp_config *c, char *err, size_t errlen)
{
	if (!c->url)
		return 0;
	if ((strncmp(c->url, "smtp://", 7) != 0 && strncmp(c->url, "smtps://", 8) != 0) ||
	    strlen(c->url) > 400 || strpbrk(c->url, " \t\r\n\"<>\\")) {
		snprintf(err, errlen, "--smtp wants smtp://HOST[:PORT] or smtps://HOST[:PORT]");
		return -1;
	}
	if (strchr(c->url + 7, '@')) {
		snprintf(err, errlen, "--smtp must not carry credentials: put them in a file named by --smtp-auth-file");
		return -1;
	}
	if (!c->from || !email_ok(c->from)) {
		snprintf(err, errlen, "--smtp needs --mail-from ADDRESS, the address alerts are sent from");
		return -1;
	}
	return 0;
}

int smtp_read_auth(const char *path, char **user, char **password, char *err, size_t errlen)
{
	char line[1024];
	struct stat st;
	FILE *f = fopen(path, "r");
	char *colon;
	size_t n;

	*user = *password = NULL;
	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "witan: warning: %s can be read by others than its owner (chmod 600 it)\n", path);
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		snprintf(err, errlen, "%s is empty: it wants one line, user:password", path);
		return -1;
	}
	fclose(f);
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = 0;
	if (!(colon = strchr(line, ':')) || colon == line) {
		snprintf(err, errlen, "%s: the line must be user:password", path);
		return -1;
	}
	*colon = 0;
	if (!(*user = strdup(line)) || !(*password = strdup(colon + 1))) {
		free(*user);
		*user = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *out, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(out, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* A server on this machine: credentials may go without TLS. */
static int local_host(const char *url)
{
	const char *h = strstr(url, "://") + 3;

	return strncmp(h, "127.", 4) == 0 || strncmp(h, "localhost", 9) == 0 || strncmp(h, "[::1]", 5) == 0;
}

enum smtp_result smtp_send(const struct smtp_config *c, const char *rcpt, const char *msg, size_t len, int *code,
			   char *err, size_t errlen)
{
	char from[300], to[300], errbuf[CURL_ERROR_SIZE] = "";
	struct upload u = { msg, len };
	struct curl_slist *rcpts = NULL;
	enum smtp_result r = SMTP_RETRY;
	long reply = 0;
	CURLcode rc;
	CURL *h;

	*code = 0;
	snprintf(from, sizeof(from), "<%s>", c->from);
	snprintf(to, sizeof(to), "<%s>", rcpt);
	if (!(h = curl_easy_init()) || !(rcpts = curl_slist_append(NULL, to))) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_URL, c->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	if (strncmp(c->url, "smtp://", 7) == 0)
		curl_easy_setopt(h, CURLOPT_USE_SSL, c->user && !local_host(c->url) ? (long)CURLUSESSL_ALL
										      : (long)CURLUSESSL_TRY);
	if (c->user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	}
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
	*code = (int)reply;
	if (rc == CURLE_OK) {
		r = SMTP_SENT;
		goto out;
	}
	snprintf(err, errlen, "%s%s%s", curl_easy_strerror(rc), errbuf[0] ? ": " : "", errbuf);
	/* What is wrong with the server or our configuration, not with
	 * this message: no connection, AUTH refused, the sender refused. */
	if (reply == 0 || rc == CURLE_LOGIN_DENIED || strstr(errbuf, "MAIL failed") || rc == CURLE_USE_SSL_FAILED) {
		r = SMTP_UNAVAILABLE;
		goto out;
	}
	if (reply >= 500 && reply < 600)
		/* 550 mailbox unavailable, 551 not local, 553 name not allowed,
		 * in answer to RCPT: the address will not work tomorrow either. */
		r = (reply == 550 || reply == 551 || reply == 553) && strstr(errbuf, "RCPT") ? SMTP_BOUNCED
											  : SMTP_REFUSED;
out:
	curl_slist_free_all(rcpts);
	if (h)
		curl_easy_cleanup(h);
	return r;
}
