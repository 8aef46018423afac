/* range.c: the Range header of a file response (see range.h). */
#include "http/range.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

int range_parse(const char *h, off_t size, off_t *start, off_t *len)
{
	long long a = -1, b = -1;
	const char *p;
	char *end;

	if (strncmp(h, "bytes=", 6) != 0 || strchr(h, ','))
		return 0;
	p = h + 6;
	if (*p == '-') {
		b = strtoll(p + 1, &end, 10);
		if (end == p + 1 || *end || b <= 0)
			return b == 0 && end != p + 1 && !*end ? -1 : 0;
		if (b > size)
			b = size;
		*start = size - b;
		*len = b;
		return size > 0 ? 1 : -1;
	}
	a = strtoll(p, &end, 10);
	if (end == p || *end != '-' || a < 0)
		return 0;
	p = end + 1;
	if (*p) {
		b = strtoll(p, &end, 10);
		if (end == p || *end || b < a)
			return 0;
	}
	if (a >= size)
		return -1;
	if (b < 0 || b >= size)
		b = size - 1;
	*start = a;
	*len = b - a + 1;
	return 1;
}
