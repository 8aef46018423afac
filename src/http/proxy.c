/* proxy.c: the client behind a trusted reverse proxy (see proxy.h). */
#include "http/proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

/* An address literal (IPv4, IPv6, or IPv6 in brackets) as 16 bytes; 0 or
 * -1. */
static int parse(const char *s, size_t len, unsigned char out[16])
{
	char tmp[PROXY_ADDR_MAX];
	struct in_addr a4;

	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	}
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (inet_pton(AF_INET, tmp, &a4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &a4, 4);
		return 0;
	}
	return inet_pton(AF_INET6, tmp, out) == 1 ? 0 : -1;
}

/* 16 bytes back to text: IPv4-mapped addresses as IPv4. */
static void format(const unsigned char a[16], char out[PROXY_ADDR_MAX])
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (memcmp(a, mapped, 12) == 0) {
		if (!inet_ntop(AF_INET, a + 12, out, PROXY_ADDR_MAX))
			out[0] = '\0';
	} else if (!inet_ntop(AF_INET6, a, out, PROXY_ADDR_MAX)) {
		out[0] = '\0';
	}
}

static int has(const struct proxy_set *ps, const unsigned char a[16])
{
	for (int i = 0; i < ps->n; i++)
		if (memcmp(ps->addr[i], a, 16) == 0)
			return 1;
	return 0;
}

int proxy_set_add(struct proxy_set *ps, const char *literal)
{
	if (ps->n >= PROXY_MAX || parse(literal, strlen(literal), ps->addr[ps->n]) < 0)
		return -1;
	ps->n++;
	return 0;
}

int proxy_set_has(const struct proxy_set *ps, const char *literal)
{
	unsigned char a[16];

	return literal && parse(literal, strlen(literal), a) == 0 && has(ps, a);
}

void proxy_client(const struct proxy_set *ps, const char *peer, const char *xff, size_t xfflen,
		  char out[PROXY_ADDR_MAX])
{
	unsigned char a[16], last[16];
	size_t end = xfflen;
	int any = 0;

	snprintf(out, PROXY_ADDR_MAX, "%s", peer);
	if (!xff || !ps->n || !proxy_set_has(ps, peer))
		return;
	/* Right to left: each element is the address the proxy before it saw. */
	while (end > 0) {
		size_t start = end, s, e;

		while (start > 0 && xff[start - 1] != ',')
			start--;
		for (s = start; s < end && (xff[s] == ' ' || xff[s] == '\t'); s++)
			;
		for (e = end; e > s && (xff[e - 1] == ' ' || xff[e - 1] == '\t'); e--)
			;
		if (parse(xff + s, e - s, a) < 0)
			return; /* malformed: the peer */
		if (!has(ps, a)) {
			format(a, out);
			if (!out[0])
				snprintf(out, PROXY_ADDR_MAX, "%s", peer);
			return;
		}
		memcpy(last, a, 16);
		any = 1;
		end = start > 0 ? start - 1 : 0;
	}
	if (any) {
		format(last, out);
		if (!out[0])
			snprintf(out, PROXY_ADDR_MAX, "%s", peer);
	}
}
