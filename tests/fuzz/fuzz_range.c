/* fuzz_range.c: libFuzzer target for the Range header (http/range), which
 * decides what part of a stored document is sent.  The first 8 bytes are
 * the file's size (taken modulo 2^40, so sizes near 0 come up), the rest
 * the header's value.  Checked: a range returned lies inside the file and
 * is not empty; an unsatisfiable one is only said of a header that names
 * bytes; a header without "bytes=" is ignored. */
/* FUZZ_SRCS: src/http/range.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "http/range.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t raw = 0;
	off_t fsize, start = -7, len = -7;
	char *h;
	int rc;

	if (size < 8)
		return 0;
	for (int i = 0; i < 8; i++)
		raw = raw << 8 | data[i];
	fsize = (off_t)(raw % ((uint64_t)1 << 40));
	if (data[0] & 0x80)
		fsize %= 64; /* small files half the time */
	if (!(h = malloc(size - 8 + 1)))
		return 0;
	memcpy(h, data + 8, size - 8);
	h[size - 8] = '\0';
	rc = range_parse(h, fsize, &start, &len);
	if (rc == 1) {
		if (start < 0 || len < 1 || start >= fsize || len > fsize - start)
			abort();
	} else if (rc == -1) {
		if (strncmp(h, "bytes=", 6) != 0)
			abort();
	} else if (rc != 0) {
		abort();
	}
	if (strncmp(h, "bytes=", 6) != 0 && rc != 0)
		abort();
	free(h);
	return 0;
}
