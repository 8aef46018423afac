/* proxy.h: the client behind a trusted reverse proxy (serve
 * --trusted-proxy).  When the TCP peer is one of the proxies the operator
 * named, the client is the right-most address of X-Forwarded-For that is
 * not itself a trusted proxy; from any other peer the header is ignored,
 * since anyone can send it. */
#ifndef WITAN_PROXY_H
#define WITAN_PROXY_H

#include <stddef.h>

#define PROXY_MAX 16          /* trusted proxies */
#define PROXY_ADDR_MAX 46     /* INET6_ADDRSTRLEN */

struct proxy_set {
	int n;
	unsigned char addr[PROXY_MAX][16]; /* IPv6, IPv4 as ::ffff:a.b.c.d */
};

/* Add an IPv4 or IPv6 literal; 0, or -1 if it is not one or the set is
 * full. */
int proxy_set_add(struct proxy_set *ps, const char *literal);
/* 1 if the literal is in the set (0 if not, or not an address). */
int proxy_set_has(const struct proxy_set *ps, const char *literal);

/* The client's address written to out (canonical text): peer unless peer
 * is trusted and xff (the X-Forwarded-For values joined by commas, may be
 * NULL; xfflen bytes) names a client.  A header that is malformed (an
 * element that is not an address, where the client would be) gives the
 * peer; one made only of trusted proxies gives its left-most address. */
void proxy_client(const struct proxy_set *ps, const char *peer, const char *xff, size_t xfflen,
		  char out[PROXY_ADDR_MAX]);

#endif
