/* common.h: what the fuzz targets share. */
#ifndef WITAN_FUZZ_COMMON_H
#define WITAN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* The fuzzer's bytes as a C string in a heap block of their size plus the
 * NUL (so ASan sees a read past the end); NULL when out of memory.  Code
 * that reads it as a string sees the text up to its first NUL. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);

	if (in) {
		memcpy(in, data, size);
		in[size] = '\0';
	}
	return in;
}

/* Append to back the text of the escaped e[0..len) with its five entities
 * (ents: {entity, character}) decoded; any other '&' aborts: an escaper
 * wrote something its language does not know. */
static inline void fuzz_unescape(struct buf *back, const char *e, size_t len, const char *const ents[5][2])
{
	for (size_t i = 0; i < len; i++) {
		size_t k;

		if (e[i] != '&') {
			buf_putc(back, e[i]);
			continue;
		}
		for (k = 0; k < 5; k++)
			if (strncmp(e + i, ents[k][0], strlen(ents[k][0])) == 0)
				break;
		if (k == 5)
			abort();
		buf_puts(back, ents[k][1]);
		i += strlen(ents[k][0]) - 1;
	}
}

#endif
