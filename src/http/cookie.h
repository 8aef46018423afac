/* cookie.h: reading one cookie out of a request's Cookie header (RFC 6265
 * 5.4: "name=value" pairs separated by ";" and spaces).  Kept apart from
 * auth so that the parsing of this untrusted header can be fuzzed alone
 * (tests/fuzz/fuzz_cookie.c). */
#ifndef WITAN_COOKIE_H
#define WITAN_COOKIE_H

#include <stddef.h>

/* The value of the first cookie called name in header (NULL: none),
 * copied NUL-terminated into out.  Returns 1, or 0 if there is no such
 * cookie, or its value is empty or does not fit in outlen bytes with the
 * NUL. */
int cookie_get(const char *header, const char *name, char *out, size_t outlen);

#endif
