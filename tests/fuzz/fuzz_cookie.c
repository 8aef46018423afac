/* fuzz_cookie.c: libFuzzer target for the Cookie header (http/cookie), which
 * finds the session token.  The input is the header's value; the looked-up
 * name is witan_session.  Checked: a value found is non-empty, fits, has no
 * ';', and sits in the header right after "witan_session=" at the start of
 * a cookie (the header's start, or after '; ' separators); a header built
 * as "<input>; witan_session=tok" finds some value whenever the input has
 * no witan_session cookie of its own. */
/* FUZZ_SRCS: src/http/cookie.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/cookie.h"

#define NAME "witan_session"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = malloc(size + 1), *h2 = malloc(size + 32), out[64];
	size_t n = strlen(NAME);

	if (!h || !h2)
		goto out;
	memcpy(h, data, size);
	h[size] = '\0';
	if (cookie_get(h, NAME, out, sizeof(out))) {
		size_t len = strlen(out);
		const char *at;
		int ok = 0;

		if (len == 0 || len >= sizeof(out) || strchr(out, ';'))
			abort();
		/* Some occurrence of NAME=value at a cookie's start. */
		for (at = strstr(h, NAME "="); at; at = strstr(at + 1, NAME "=")) {
			const char *b = at;
			while (b > h && (b[-1] == ' ' || b[-1] == ';'))
				b--;
			if ((b == h || b < at) && (b == h || memchr(b, ';', (size_t)(at - b))) &&
			    strncmp(at + n + 1, out, len) == 0 &&
			    (at[n + 1 + len] == '\0' || at[n + 1 + len] == ';'))
				ok = 1;
		}
		if (!ok)
			abort();
	} else if (!strstr(h, NAME "=")) {
		memcpy(h2, h, strlen(h));
		memcpy(h2 + strlen(h), "; " NAME "=tok", sizeof("; " NAME "=tok"));
		if (!cookie_get(h2, NAME, out, sizeof(out)))
			abort();
	}
out:
	free(h);
	free(h2);
	return 0;
}
