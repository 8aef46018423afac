/* fuzz_url.c: libFuzzer target for URL and query decoding (http/router's
 * url_decode and param_check), as the server applies them to the path and
 * to each name=value of the query string.  Checked: a decoded string has
 * the length returned, no NUL and is valid UTF-8; decoding what
 * url_escape() (util/markup) made of it gives it back; decoding never
 * grows; param_check's P_INT number is the digits' value, P_MONTH and
 * P_DATE accept only their shapes. */
/* FUZZ_SRCS: src/http/router.c src/util/utf8.c src/util/markup.c src/util/buf.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"
#include "util/markup.h"
#include "util/utf8.h"

static void check_params(const char *v)
{
	static const struct param_spec specs[] = {
		{ "a", P_INT, 0 }, { "b", P_MONTH, 0 }, { "c", P_DATE, 0 }, { "d", P_TEXT, 64 },
	};
	size_t n = strlen(v);
	int64_t num = -1;

	if (param_check(&specs[0], v, &num) == 0) {
		if (num < 0 || strtoll(v, NULL, 10) != num || n == 0 || n > 15)
			abort();
	}
	if (param_check(&specs[1], v, &num) == 0 && (n != 7 || v[4] != '-'))
		abort();
	if (param_check(&specs[2], v, &num) == 0 && (n != 10 || v[4] != '-' || v[7] != '-'))
		abort();
	if (param_check(&specs[3], v, &num) == 0 && (n > 64 || !utf8_valid(v, n)))
		abort();
}

/* Decode s[0..n) and check what url_decode promises; returns the decoded
 * string (malloc'd) or NULL. */
static char *decode(const char *s, size_t n, int plus)
{
	char *d = malloc(n + 1);
	long len;

	if (!d)
		return NULL;
	len = url_decode(d, s, n, plus);
	if (len < 0) {
		free(d);
		return NULL;
	}
	if ((size_t)len > n || strlen(d) != (size_t)len || !utf8_valid(d, (size_t)len))
		abort();
	return d;
}

static void round_trip(const char *d, int plus)
{
	struct buf e = BUF_INIT;
	char *back;

	url_escape(&e, d);
	if (e.err)
		abort();
	back = decode(e.data ? e.data : "", e.len, plus);
	if (!back || strcmp(back, d) != 0)
		abort();
	free(back);
	buf_release(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	char *path;

	/* The whole input as a path. */
	if ((path = decode(s, size, 0))) {
		round_trip(path, 0);
		free(path);
	}
	/* The input as a query string. */
	for (const char *p = s; p < end;) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *pe = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(pe - p));
		char *name, *val;

		if (!eq)
			eq = pe;
		name = decode(p, (size_t)(eq - p), 1);
		val = eq < pe ? decode(eq + 1, (size_t)(pe - eq - 1), 1) : NULL;
		if (name)
			round_trip(name, 1);
		if (val) {
			round_trip(val, 1);
			check_params(val);
		}
		free(name);
		free(val);
		p = amp ? amp + 1 : end;
	}
	return 0;
}
