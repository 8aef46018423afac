/* cookie.c: one cookie out of the Cookie header (see cookie.h). */
#include "http/cookie.h"

#include <string.h>

#include "util/banned.h"

int cookie_get(const char *header, const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name);

	for (const char *p = header; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			const char *v = p + n + 1, *end = strchr(v, ';');
			size_t len = end ? (size_t)(end - v) : strlen(v);
			if (len == 0 || len >= outlen)
				return 0;
			memcpy(out, v, len);
			out[len] = '\0';
			return 1;
		}
		p = strchr(p, ';');
	}
	return 0;
}
