/* common.h: what the fuzz targets share. */
#ifndef WITAN_FUZZ_COMMON_H
#define WITAN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

#endif
