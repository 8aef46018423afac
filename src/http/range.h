/* range.h: the Range header of a file response (RFC 7233), parsed apart
 * from the server so that it can be fuzzed alone (tests/fuzz/fuzz_range.c).
 * One range only; anything else is ignored and the whole file sent. */
#ifndef WITAN_RANGE_H
#define WITAN_RANGE_H

#include <sys/types.h>

/* Parse a single "bytes=a-b" (or "bytes=a-", "bytes=-n") range of h
 * against a file of size bytes.  Returns 1 with the range in *start and
 * *len, 0 to ignore the header (send everything), -1 if unsatisfiable
 * (416). */
int range_parse(const char *h, off_t size, off_t *start, off_t *len);

#endif
