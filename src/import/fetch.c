/* fetch.c: HTTP GET for the importers (see fetch.h). */
#include "import/fetch.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/banned.h"

struct sink {
	struct buf *b;
	long max;
};

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;

	if ((long)(s->b->len + size * n) > s->max)
		return 0; /* too large: curl stops with an error */
	buf_append(s->b, p, size * n);
	return s->b->err ? 0 : size * n;
}

/* A header's value into out (len bytes), if this line is that header. */
static void header_value(const char *line, size_t n, const char *name, char *out, size_t len)
{
	size_t k = strlen(name);

	if (n <= k + 1 || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return;
	line += k + 1;
	n -= k + 1;
	while (n && (*line == ' ' || *line == '\t'))
		line++, n--;
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == ' '))
		n--;
	if (n < len) {
		memcpy(out, line, n);
		out[n] = '\0';
	}
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct fetch_validators *v = ctx;

	if (n * size >= 7 && strncmp(p, "HTTP/", 5) == 0) /* a new answer (after a redirect) */
		v->etag[0] = v->last_modified[0] = '\0';
	header_value(p, size * n, "ETag", v->etag, sizeof(v->etag));
	header_value(p, size * n, "Last-Modified", v->last_modified, sizeof(v->last_modified));
	return size * n;
}

long fetch_get(CURL *curl, const char *agent, const char *url, long max, const struct fetch_validators *have,
	       struct fetch_validators *got, struct buf *out)
{
	struct sink sink = { out, max };
	struct fetch_validators seen;
	char errbuf[CURL_ERROR_SIZE];
	long status = -1;

	if (!curl)
		return -1;
	for (int attempt = 0; attempt < 4; attempt++) {
		struct curl_slist *hdrs = NULL;
		struct buf h = BUF_INIT;
		CURLcode rc;

		if (attempt)
			sleep(1u << (attempt - 1));
		buf_reset(out);
		memset(&seen, 0, sizeof(seen));
		curl_easy_reset(curl);
		curl_easy_setopt(curl, CURLOPT_URL, url);
		curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
		curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
		curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
		curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
		curl_easy_setopt(curl, CURLOPT_USERAGENT, agent);
		curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
		curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
		curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(curl, CURLOPT_HEADERDATA, &seen);
		curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
		if (have && have->etag[0]) {
			buf_printf(&h, "If-None-Match: %s", have->etag);
			hdrs = curl_slist_append(hdrs, h.data);
		}
		if (have && have->last_modified[0]) {
			buf_reset(&h);
			buf_printf(&h, "If-Modified-Since: %s", have->last_modified);
			hdrs = curl_slist_append(hdrs, h.data);
		}
		buf_release(&h);
		if (hdrs)
			curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
		errbuf[0] = '\0';
		rc = curl_easy_perform(curl);
		curl_slist_free_all(hdrs);
		if (rc == CURLE_WRITE_ERROR) {
			fprintf(stderr, "witan: %s: larger than %ld bytes\n", url, max);
			return -1;
		}
		if (rc != CURLE_OK) {
			fprintf(stderr, "witan: %s: %s\n", url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
			continue;
		}
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
		if (status == 429 || status >= 500) {
			fprintf(stderr, "witan: %s: HTTP %ld%s\n", url, status, attempt < 3 ? ", trying again" : "");
			continue;
		}
		if (got)
			*got = seen;
		return status;
	}
	return status >= 0 ? status : -1;
}
