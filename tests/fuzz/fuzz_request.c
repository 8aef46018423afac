/* fuzz_request.c: libFuzzer target for what parses untrusted request
 * text: URL decoding, route matching and parameter validation.
 *   make fuzz            (runs each target for FUZZ_SECONDS, default 30) */
/* FUZZ_SRCS: src/http/router.c src/util/utf8.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"

static int h(struct req *r) { (void)r; return 200; }

static const struct route table[] = {
	{ "/", HTTP_GET, h, NULL, 0 },
	{ "/meetings/{id}", HTTP_GET, h, NULL, 0 },
	{ "/meetings/{id}/items/{id}", HTTP_GET, h, NULL, 0 },
	{ "/meetings/{id}.ics", HTTP_GET, h, NULL, 0 },
	{ "/documents/{id}/{name}", HTTP_GET, h, NULL, 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct param_spec specs[] = {
		{ "a", P_INT, 0 }, { "b", P_MONTH, 0 }, { "c", P_DATE, 0 }, { "d", P_TEXT, 64 },
	};
	char *dec = malloc(size + 1), *name = malloc(size + 1);
	const struct route *rt;
	int64_t ids[REQ_MAX_IDS], n;
	int nid;
	long len;

	if (!dec || !name)
		goto out;
	len = url_decode(dec, (const char *)data, size, size & 1);
	if (len >= 0) {
		if (strlen(dec) != (size_t)len)
			abort(); /* an encoded NUL got through */
		router_match(table, dec, HTTP_GET, &rt, ids, &nid, name);
		for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
			param_check(&specs[i], dec, &n);
	}
out:
	free(dec);
	free(name);
	return 0;
}
