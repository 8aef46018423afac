/* server.h: the HTTP server: h2o event loops (one per core) sharing one
 * listening socket, request limits, the access log, graceful shutdown.
 * It turns each h2o request into a struct req, runs the route's handler,
 * and sends the response (inline body, or a stored file with ETag and
 * byte ranges). */
#ifndef WITAN_SERVER_H
#define WITAN_SERVER_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "http/proxy.h"
#include "http/router.h"

struct app;

/* Limits on every request (see docs/ARCHITECTURE.md). */
#define SERVER_MAX_URL      4096          /* bytes of path and query: 414 */
#define SERVER_MAX_HEADERS  (16 * 1024)   /* bytes of all header lines: 431 */
#define SERVER_MAX_BODY     (64u << 20)   /* request body: 413 */
#define SERVER_TRIM_THRESHOLD (16 << 20)  /* free memory kept by malloc (mallopt) */
#define SERVER_REQUEST_TIMEOUT_MS 10000 /* a request must arrive within; idle keep-alive too */
#define SERVER_MAX_RESPONSE (32u << 20)   /* rendered page cap */

struct server_opts {
	const char *host;        /* "127.0.0.1" */
	int port;
	int threads;             /* 0: one per core */
	const char *db_path;
	/* --db-read: the public pages' connections on a replica of db_path
	 * (read-only; the back office and every write on db_path), or NULL */
	const char *db_read_path;
	const struct app *app;
	/* The routes, the error page and the paths open to other origins
	 * (routes/routes.h's witan_routes). */
	const struct route_table *routes;
	int quiet;               /* no access log (benchmarks) */
	int no_cache;            /* render every page (benchmarks, debugging) */
	int https;               /* the public reaches us over HTTPS: send HSTS */
	/* --tls-cert/--tls-key (http/tls.h): the listening socket speaks TLS
	 * only, HTTP/2 or HTTP/1.1 as ALPN decides; NULL: plain HTTP/1.1.
	 * Shared by every loop; the caller frees it after server_run(). */
	SSL_CTX *tls;
	/* --trusted-proxy: peers whose X-Forwarded-For names the client
	 * (http/proxy.h); NULL or empty: the peer is the client. */
	const struct proxy_set *proxies;
};

/* Serve until SIGTERM or SIGINT, then stop accepting, let requests in
 * flight finish (up to 10 s) and return 0; -1 if it could not start. */
int server_run(const struct server_opts *opts);

#endif
