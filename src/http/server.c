/* server.c: the h2o-based HTTP server (see server.h). */
#include "http/server.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <h2o.h>
#include <h2o/socket/evloop.h>

#include "db/db.h"
#include "http/cache.h"
#include "http/proxy.h"
#include "http/range.h"
#include "util/banned.h"

struct thread_ctx {
	h2o_context_t ctx;          /* first: h2o hands us &ctx */
	h2o_accept_ctx_t accept_ctx;
	h2o_socket_t *listener;
	struct db db;                  /* the back office's connection */
	struct db pub;                 /* every other handler's: public reads only */
	struct cache cache;
	pthread_t tid;
	int ok;
	h2o_multithread_queue_t *queue;     /* answers of slow requests, back from the workers */
	h2o_multithread_receiver_t slow_done;
};

struct handler {
	h2o_handler_t super;
};

/* The request's env entry that carries its client to the access log. */
#define CLIENT_ENV "WITAN_CLIENT"

static const struct server_opts *g_opts;
static h2o_globalconf_t g_config;
static long g_open_files;  /* the open-file limit in force (raise_open_files) */
static int g_listen_fd = -1;
static volatile sig_atomic_t g_stop;
static atomic_int g_inflight;
/* The start gate: each loop thread reports ready (or failed), then waits
 * for "go", which the main thread gives only after it has printed the
 * "serving" line, so that line comes before any request's log line. */
static pthread_mutex_t g_gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_gate_cond = PTHREAD_COND_INITIALIZER;
static int g_gate_ready, g_gate_go;
static struct thread_ctx *volatile g_threads; /* volatile: the store must stay */

static void on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
}

/* --- responses ------------------------------------------------------- */

/* For responses sent whole in one h2o_send (HEAD, 304). */
static h2o_generator_t no_generator = { NULL, NULL };

struct file_gen {
	h2o_generator_t super;
	int fd;
	off_t off, remaining;
	h2o_req_t *hr;
	char chunk[64 * 1024];
};

static void file_gen_close(struct file_gen *g)
{
	if (g->fd >= 0) {
		close(g->fd);
		g->fd = -1;
		atomic_fetch_sub(&g_inflight, 1);
	}
}

static void file_gen_dispose(void *p)
{
	file_gen_close(p);
}

static void file_gen_proceed(h2o_generator_t *self, h2o_req_t *hr)
{
	struct file_gen *g = (struct file_gen *)self;
	size_t want = g->remaining < (off_t)sizeof(g->chunk) ? (size_t)g->remaining : sizeof(g->chunk);
	ssize_t n = want ? pread(g->fd, g->chunk, want, g->off) : 0;
	h2o_iovec_t iov;

	if (n < 0 || (n == 0 && want)) {
		file_gen_close(g);
		h2o_send(hr, NULL, 0, H2O_SEND_STATE_ERROR);
		return;
	}
	g->off += n;
	g->remaining -= n;
	iov = h2o_iovec_init(g->chunk, (size_t)n);
	if (g->remaining == 0) {
		file_gen_close(g);
		h2o_send(hr, &iov, 1, H2O_SEND_STATE_FINAL);
	} else {
		h2o_send(hr, &iov, 1, H2O_SEND_STATE_IN_PROGRESS);
	}
}

static void file_gen_stop(h2o_generator_t *self, h2o_req_t *hr)
{
	file_gen_close((struct file_gen *)self);
}

/* Decide the byte range of a file response: 200 (all), 206 (one range),
 * or 416 with the file closed. */
static int file_range(struct req *r, off_t *start, off_t *len)
{
	const char *range = req_header(r, "range");
	char tmp[96];
	int pr;

	*start = 0;
	*len = r->file.size;
	req_add_header(r, "accept-ranges", "bytes");
	if (!range || (pr = range_parse(range, r->file.size, start, len)) == 0) {
		*start = 0;
		*len = r->file.size;
		return 200;
	}
	if (pr < 0) {
		close(r->file.fd);
		r->file.fd = -1;
		snprintf(tmp, sizeof(tmp), "bytes */%lld", (long long)r->file.size);
		req_add_header(r, "content-range", tmp);
		r->errmsg = "The requested byte range is outside the document.";
		return 416;
	}
	snprintf(tmp, sizeof(tmp), "bytes %lld-%lld/%lld", (long long)*start,
		 (long long)(*start + *len - 1), (long long)r->file.size);
	req_add_header(r, "content-range", tmp);
	return 206;
}

static void send_file(struct req *r, h2o_req_t *hr, int status, off_t start, off_t len)
{
	struct file_gen *g;

	hr->res.status = status;
	hr->res.reason = status == 206 ? "Partial Content" : "OK";
	hr->res.content_length = (size_t)len;
	if (hr->method.len == 4 && memcmp(hr->method.base, "HEAD", 4) == 0) {
		close(r->file.fd);
		h2o_start_response(hr, &no_generator);
		h2o_send(hr, NULL, 0, H2O_SEND_STATE_FINAL);
		return;
	}
	g = h2o_mem_alloc_shared(&hr->pool, sizeof(*g), file_gen_dispose);
	g->super.proceed = file_gen_proceed;
	g->super.stop = file_gen_stop;
	g->fd = r->file.fd;
	g->off = start;
	g->remaining = len;
	g->hr = hr;
	atomic_fetch_add(&g_inflight, 1);
	h2o_start_response(hr, &g->super);
	file_gen_proceed(&g->super, hr);
}

static const char *reason_of(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 416: return "Range Not Satisfiable";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 507: return "Insufficient Storage";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Whether the response already has a header named name (lower case). */
static int out_header(h2o_req_t *hr, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < hr->res.headers.size; i++) {
		const h2o_iovec_t *nm = hr->res.headers.entries[i].name;
		if (nm->len == n && h2o_lcstris(nm->base, n, name, n))
			return 1;
	}
	return 0;
}

/* Adds name: value unless the response has a header of that name. */
static void add_missing_header(h2o_req_t *hr, const char *name, const char *value)
{
	if (!out_header(hr, name))
		h2o_add_header_by_str(&hr->pool, &hr->res.headers, name, strlen(name), 1, NULL, value, strlen(value));
}

/* Every answer: nothing sniffed, framed by nobody, HTTPS remembered when
 * the public reaches us over it (serve --https).  Pages run no scripts
 * and have no inline style (the body's colours and logo are /theme.css
 * and /logo.svg); the JSON-LD <script> is a data block, which browsers
 * neither run nor submit to script-src.  A header the handler set itself
 * (the alert pages' no-referrer, the logo's own CSP) is kept, never
 * doubled. */
static void security_headers(h2o_req_t *hr, const char *content_type)
{
	add_missing_header(hr, "x-content-type-options", "nosniff");
	add_missing_header(hr, "x-frame-options", "DENY");
	if (g_opts->https)
		add_missing_header(hr, "strict-transport-security", "max-age=31536000");
	if (content_type && strncmp(content_type, "text/html", 9) == 0)
		add_missing_header(hr, "content-security-policy",
				   "default-src 'self'; script-src 'none'; style-src 'self'; "
				   "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
				   "frame-ancestors 'none'");
	add_missing_header(hr, "referrer-policy", "same-origin");
}

/* An output filter, so that every answer gets them as it goes out: ours
 * (respond()), and h2o's own errors (a body over the limit) that errordoc
 * renders as /errors/{status}, which keep only that page's Content-Type
 * of the headers written before. */
static void on_setup_ostream(h2o_filter_t *self, h2o_req_t *req, h2o_ostream_t **slot)
{
	char type[64] = "";
	ssize_t i = h2o_find_header(&req->res.headers, H2O_TOKEN_CONTENT_TYPE, -1);

	if (i >= 0)
		snprintf(type, sizeof(type), "%.*s", (int)req->res.headers.entries[i].value.len,
			 req->res.headers.entries[i].value.base);
	security_headers(req, type);
	h2o_setup_next_ostream(req, slot);
}

/* The request's pool gives back its hold on a cached body when the
 * answer is done. */
static void release_body_ref(void *p)
{
	cache_release(*(const char **)p);
}

/* A body from the page cache, sent as it is: held (cache.h) until the
 * request is done, not copied (64 clients of a 1.4 MB page held 64
 * copies at once: the peak RSS of the benchmark). */
static void send_body_ref(h2o_req_t *hr, const char *body, size_t len)
{
	const char **hold = h2o_mem_alloc_shared(&hr->pool, sizeof(*hold), release_body_ref);
	h2o_iovec_t v = h2o_iovec_init(body, len);

	cache_hold(body);
	*hold = body;
	h2o_start_response(hr, &no_generator);
	h2o_send(hr, &v, 1, H2O_SEND_STATE_FINAL);
}

static void respond(struct req *r, h2o_req_t *hr, int status)
{
	int head = hr->method.len == 4 && memcmp(hr->method.base, "HEAD", 4) == 0;
	off_t start = 0, len = 0;

	if (r->etag) {
		const char *inm = req_header(r, "if-none-match");
		req_add_header(r, "etag", r->etag);
		if (inm && status == 200 && (strstr(inm, r->etag) || strcmp(inm, "*") == 0)) {
			if (r->file.fd >= 0)
				close(r->file.fd);
			r->file.fd = -1;
			buf_reset(&r->body);
			r->body_ref = NULL;
			status = 304;
		}
	}
	if (r->cache_control)
		req_add_header(r, "cache-control", r->cache_control);
	if (r->file.fd >= 0 && status == 200)
		status = file_range(r, &start, &len);
	if (status >= 400 && r->body.len == 0 && r->file.fd < 0 && g_opts->routes->error_page) {
		r->content_type = "text/html; charset=utf-8";
		g_opts->routes->error_page(r, status);
	}
	if (r->body.err) {
		buf_reset(&r->body);
		status = 500;
		r->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->body, "500 Internal Server Error: the page was too large to render.\n");
	}
	if (status != 304)
		h2o_add_header(&hr->pool, &hr->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL,
			       r->content_type, strlen(r->content_type));
	if (r->file.fd >= 0 && status < 300) {
		send_file(r, hr, status, start, len);
		return;
	}
	hr->res.status = status;
	hr->res.reason = reason_of(status);
	if (status == 304 || head) {
		hr->res.content_length = status == 304 ? SIZE_MAX : r->body_ref ? r->body_ref_len : r->body.len;
		h2o_start_response(hr, &no_generator);
		h2o_send(hr, NULL, 0, H2O_SEND_STATE_FINAL);
		return;
	}
	if (r->body_ref)
		send_body_ref(hr, r->body_ref, r->body_ref_len);
	else
		h2o_send_inline(hr, r->body.data ? r->body.data : "", r->body.len);
}

/* --- request handling ------------------------------------------------- */

static int simple_error(struct req *r, const char *msg, int status)
{
	r->errmsg = msg;
	return status;
}

/* Every public answer can be asked for again with If-None-Match
 * (harvesters, aggregators and calendar clients poll): the ETag of what
 * was rendered, as the page cache makes it, if the handler gave none. */
static int with_etag(struct req *r, const struct route *rt, int status)
{
	if (status == 200 && !r->etag && !(rt->flags & (ROUTE_BACKOFFICE | ROUTE_PRIVATE)) &&
	    r->method != HTTP_POST && r->file.fd < 0 && !r->body_ref && !r->body.err) {
		char *etag = req_alloc(r, 24);
		cache_etag(r->body.data ? r->body.data : "", r->body.len, etag);
		r->etag = etag;
	}
	return status;
}

static int parse_query(struct req *r, const struct route *rt, const char *q, size_t qlen)
{
	const char *p = q, *end = q + qlen;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *eq, *pe = amp ? amp : end;
		char *name, *val;
		long nl, vl;

		eq = memchr(p, '=', (size_t)(pe - p));
		if (!eq)
			eq = pe;
		name = req_alloc(r, (size_t)(eq - p) + 1);
		val = req_alloc(r, (size_t)(pe - eq) + 1);
		nl = url_decode(name, p, (size_t)(eq - p), 1);
		vl = eq < pe ? url_decode(val, eq + 1, (size_t)(pe - eq - 1), 1) : (val[0] = '\0', 0);
		if (nl < 0 || vl < 0)
			return simple_error(r, "The address has a badly encoded query parameter.", 400);
		for (int i = 0; rt->params && rt->params[i].name && i < REQ_MAX_PARAMS; i++) {
			const struct param_spec *ps = &rt->params[i];
			if (((rt->flags & ROUTE_NOCASE) ? strcasecmp(ps->name, name) : strcmp(ps->name, name)) != 0)
				continue;
			if (vl == 0) /* empty means absent, as forms submit it */
				break;
			if (param_check(ps, val, &r->q[i].num) < 0) {
				char *m = req_alloc(r, strlen(name) + 64);
				snprintf(m, strlen(name) + 64, "The parameter \"%s\" has an invalid value.", name);
				return simple_error(r, m, 400);
			}
			r->q[i].set = 1;
			r->q[i].text = val;
			break;
		}
		p = amp ? amp + 1 : end;
	}
	return 0;
}

/* handle() leaves a ROUTE_SLOW handler to the caller (for the workers)
 * in *slow, with the route's flags, and returns 0. */
typedef int (*handler_fn)(struct req *r);

/* A public page's handler, its reads in one read transaction (db.h,
 * db_read_begin); others as they are (the back office and the alert
 * pages write, and read what they wrote). */
static int run_handler(struct req *r, const struct route *rt)
{
	int status, tx = !(rt->flags & (ROUTE_BACKOFFICE | ROUTE_PRIVATE)) && r->method != HTTP_POST &&
		db_read_begin(r->db) == 0;

	status = rt->handler(r);
	if (tx)
		db_read_end(r->db);
	return status;
}

static int handle(struct thread_ctx *tc, h2o_req_t *hr, struct req *r, handler_fn *slow, unsigned *slow_flags)
{
	const struct route *rt = NULL;
	size_t hdr_bytes = 0, plen, tlen = hr->path.len, qat = hr->query_at;
	const char *target = hr->path.base;
	char *path, *namebuf;
	int status;

	for (size_t i = 0; i < hr->headers.size; i++)
		hdr_bytes += hr->headers.entries[i].name->len + hr->headers.entries[i].value.len + 4;
	if (hdr_bytes > SERVER_MAX_HEADERS)
		return simple_error(r, "The request headers are too large.", 431);
	if (hr->path.len > SERVER_MAX_URL)
		return simple_error(r, "The address is too long.", 414);
	if (h2o_memis(hr->method.base, hr->method.len, H2O_STRLIT("GET")))
		r->method = HTTP_GET;
	else if (h2o_memis(hr->method.base, hr->method.len, H2O_STRLIT("HEAD")))
		r->method = HTTP_HEAD;
	else if (h2o_memis(hr->method.base, hr->method.len, H2O_STRLIT("POST")))
		r->method = HTTP_POST;
	else
		return simple_error(r, "This method is not supported.", 501);
	if (hr->entity.len > SERVER_MAX_BODY)
		return simple_error(r, "The request body is too large. This site accepts at most 64 MB.", 413);

	/* An absolute-form target (RFC 7230 5.3.2) is answered by its path. */
	if (tlen > 8 && (h2o_lcstris(target, 7, H2O_STRLIT("http://")) ||
			 h2o_lcstris(target, 8, H2O_STRLIT("https://")))) {
		const char *p = memchr(target + 8, '/', tlen - 8);
		size_t skip = p ? (size_t)(p - target) : tlen;
		if (qat != SIZE_MAX && qat < skip)
			skip = qat; /* "http://host?q": no path */
		target += skip;
		tlen -= skip;
		if (qat != SIZE_MAX)
			qat -= skip;
	}
	plen = qat != SIZE_MAX ? qat : tlen;
	if (plen == 0 || target[0] != '/')
		return simple_error(r, "The address is not valid.", 400);
	path = req_alloc(r, plen + 1);
	namebuf = req_alloc(r, plen + 1);
	namebuf[0] = '\0'; /* (the router writes it only for a route with {name}) */
	if (url_decode(path, target, plen, 0) < 0)
		return simple_error(r, "The address is not valid: it has a bad percent-encoding.", 400);
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return simple_error(r, "The address is not valid: it contains control characters.", 400);
	r->path = path;
	for (const char *const *c = g_opts->routes->cors_prefixes; c && *c; c++) {
		if (strncmp(path, *c, strlen(*c)) == 0) {
			req_add_header(r, "access-control-allow-origin", "*");
			break;
		}
	}
	/* A trailing slash is a different address: redirect to the canonical one. */
	if (plen > 1 && path[strlen(path) - 1] == '/') {
		struct buf loc = BUF_INIT;
		buf_append(&loc, target, plen - 1);
		if (qat != SIZE_MAX)
			buf_append(&loc, target + qat, tlen - qat);
		req_add_header(r, "location", loc.data ? loc.data : "/");
		buf_release(&loc);
		return 301;
	}
	switch (router_match(g_opts->routes->routes, path, r->method == HTTP_HEAD ? HTTP_GET : r->method,
			     &rt, r->id, &r->nid, namebuf)) {
	case ROUTE_NOT_FOUND:
		return simple_error(r, "There is no page at this address.", 404);
	case ROUTE_BAD_METHOD:
		req_add_header(r, "allow", (rt->methods & HTTP_POST) && !(rt->methods & HTTP_GET) ?
			       "POST" : (rt->methods & HTTP_POST) ? "GET, HEAD, POST" : "GET, HEAD");
		return simple_error(r, "This address does not accept that method.", 405);
	case ROUTE_OK:
		break;
	}
	if (namebuf[0])
		r->name = namebuf;
	if (qat != SIZE_MAX) {
		status = parse_query(r, rt, target + qat + 1, tlen - qat - 1);
		if (status)
			return status;
	}
	r->db = (rt->flags & ROUTE_BACKOFFICE) ? &tc->db : &tc->pub;
	r->db_private = (rt->flags & ROUTE_PRIVATE) ? &tc->db : NULL;
	r->body_in = hr->entity.base;
	r->body_in_len = hr->entity.base ? hr->entity.len : 0;
	if ((rt->flags & ROUTE_CACHE) && r->method != HTTP_POST && !g_opts->no_cache) {
		time_t now = time(NULL);
		const struct cache_entry *e;

		cache_check_version(&tc->cache, db_data_version(&tc->pub));
		e = cache_get(&tc->cache, target, tlen, now);
		if (!e) {
			status = run_handler(r, rt);
			if (status != 200 || r->nocache || r->file.fd >= 0 || r->body.err)
				return with_etag(r, rt, status);
			e = cache_put(&tc->cache, target, tlen, r->body.data,
				      r->body.len, r->content_type, now);
			if (!e) /* (too large to keep) */
				return with_etag(r, rt, status);
		}
		/* Sent straight from the cache entry: h2o_send_inline copies it
		 * into the request's pool before anything else can evict it;
		 * compressed when the entry has an encoding the client takes
		 * (each encoding its own ETag: "<body's>-gz", "-br"). */
		buf_reset(&r->body);
		r->content_type = req_strdup(r, e->content_type);
		if (e->enc[ENC_GZIP] || e->enc[ENC_BR]) {
			static const char *const names[ENC_N] = { NULL, "gzip", "br" };
			static const char *const tags[ENC_N] = { "", "-gz", "-br" };
			enum cache_encoding enc = cache_pick_encoding(e, req_header(r, "accept-encoding"));
			char *etag = req_alloc(r, sizeof(e->etag) + 4);

			req_add_header(r, "vary", "accept-encoding");
			snprintf(etag, sizeof(e->etag) + 4, "%.*s%s\"", (int)strlen(e->etag) - 1, e->etag, tags[enc]);
			r->etag = etag;
			if (enc != ENC_IDENTITY) {
				req_add_header(r, "content-encoding", names[enc]);
				r->body_ref = e->enc[enc];
				r->body_ref_len = e->enc_len[enc];
				return 200;
			}
		} else {
			r->etag = req_strdup(r, e->etag);
		}
		r->body_ref = e->body;
		r->body_ref_len = e->len;
		return 200;
	}
	if (rt->flags & ROUTE_SLOW) {
		*slow = rt->handler;
		*slow_flags = rt->flags;
		return 0;
	}
	return with_etag(r, rt, run_handler(r, rt));
}

/* --- slow requests: handlers run on worker threads -------------------- *
 *
 * A ROUTE_SLOW request is copied off its event loop (path, parameters,
 * headers, body, client: struct req_detached), its handler runs on a
 * worker thread with the worker's own database connections, and the
 * answer comes back to the loop through h2o's inter-thread queue, where
 * it is sent like any other.  If the client goes away meanwhile, h2o
 * disposes of the request and the answer is dropped.  Workers run at a
 * lower priority than the event loops, so that pages keep their pace. */

struct slow_job {
	h2o_multithread_message_t msg;   /* first: the loop's queue links it */
	struct slow_job *next;
	struct thread_ctx *tc;
	h2o_req_t *hr;                   /* NULL once h2o disposed of the request */
	struct slow_job **slot;          /* in hr's pool: how the request forgets the job */
	handler_fn handler;
	unsigned flags;
	int status;
	struct req r;
	struct req_detached d;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct slow_job *head, *tail;
	pthread_t *tids;
	int n, stop;
} g_slow = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

static void slow_forget(void *p)
{
	struct slow_job **slot = p;

	if (*slot)
		(*slot)->hr = NULL;
}

static char *detached_copy(struct req_detached *d, const char *s, size_t n)
{
	struct req tmp = { .detached = d };
	char *c = req_alloc(&tmp, n + 1);

	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* Copy what the handler will read of the request, and queue it. */
static void slow_start(struct thread_ctx *tc, h2o_req_t *hr, struct req *r, handler_fn fn, unsigned flags)
{
	struct slow_job *j = calloc(1, sizeof(*j));

	if (!j)
		abort();
	j->tc = tc;
	j->hr = hr;
	j->handler = fn;
	j->flags = flags;
	j->r = *r;
	j->r.impl = NULL;
	j->r.detached = &j->d;
	j->d.in = calloc(hr->headers.size ? hr->headers.size : 1, sizeof(*j->d.in));
	if (!j->d.in)
		abort();
	for (size_t i = 0; i < hr->headers.size; i++) {
		h2o_header_t *h = hr->headers.entries + i;
		j->d.in[i].name = detached_copy(&j->d, h->name->base, h->name->len);
		j->d.in[i].value = detached_copy(&j->d, h->value.base, h->value.len);
	}
	j->d.nin = hr->headers.size;
	j->r.path = detached_copy(&j->d, r->path, strlen(r->path));
	j->r.name = r->name ? detached_copy(&j->d, r->name, strlen(r->name)) : NULL;
	j->r.client = detached_copy(&j->d, r->client ? r->client : "", r->client ? strlen(r->client) : 0);
	for (int i = 0; i < REQ_MAX_PARAMS; i++)
		if (r->q[i].set && r->q[i].text)
			j->r.q[i].text = detached_copy(&j->d, r->q[i].text, strlen(r->q[i].text));
	j->r.body_in = r->body_in ? detached_copy(&j->d, r->body_in, r->body_in_len) : NULL;
	j->slot = h2o_mem_alloc_shared(&hr->pool, sizeof(*j->slot), slow_forget);
	*j->slot = j;
	pthread_mutex_lock(&g_slow.lock);
	if (g_slow.tail)
		g_slow.tail->next = j;
	else
		g_slow.head = j;
	g_slow.tail = j;
	pthread_cond_signal(&g_slow.cond);
	pthread_mutex_unlock(&g_slow.lock);
}

/* The public connections: on the replica (--db-read) when there is one. */
#define PUB_PATH (g_opts->db_read_path ? g_opts->db_read_path : g_opts->db_path)
#define PUB_FLAGS (DB_PUBLIC | (g_opts->db_read_path ? DB_READONLY : 0))

static void *slow_main(void *arg)
{
	struct db db, pub;
	int have = 0;

	(void)arg;
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	if (db_open(&db, g_opts->db_path, 0) == 0) {
		if (db_open(&pub, PUB_PATH, PUB_FLAGS) == 0)
			have = 1;
		else
			db_close(&db);
	}
	for (;;) {
		struct slow_job *j;

		pthread_mutex_lock(&g_slow.lock);
		while (!g_slow.head && !g_slow.stop)
			pthread_cond_wait(&g_slow.cond, &g_slow.lock);
		j = g_slow.head;
		if (j && !(g_slow.head = j->next))
			g_slow.tail = NULL;
		pthread_mutex_unlock(&g_slow.lock);
		if (!j)
			break;
		if (!have) {
			j->status = 503;
			j->r.errmsg = "The server cannot open its database.";
		} else {
			db.err[0] = pub.err[0] = '\0';
			j->r.db = (j->flags & ROUTE_BACKOFFICE) ? &db : &pub;
			j->r.db_private = (j->flags & ROUTE_PRIVATE) ? &db : NULL;
			j->status = j->handler(&j->r);
			if (j->status < 100 || j->status > 599)
				j->status = 500;
			if (j->status >= 500 && j->r.db->err[0])
				fprintf(stderr, "witan: %d on %s: %s\n", j->status, j->r.path, j->r.db->err);
			db_release_all(&db);
			db_release_all(&pub);
		}
		h2o_multithread_send_message(&j->tc->slow_done, &j->msg);
	}
	if (have) {
		db_close(&pub);
		db_close(&db);
	}
	return NULL;
}

/* On the loop: the answers of slow requests, sent like any other. */
static void slow_answered(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	struct thread_ctx *tc = H2O_STRUCT_FROM_MEMBER(struct thread_ctx, slow_done, receiver);

	while (!h2o_linklist_is_empty(messages)) {
		struct slow_job *j = H2O_STRUCT_FROM_MEMBER(struct slow_job, msg.link, messages->next);
		h2o_req_t *hr = j->hr;

		h2o_linklist_unlink(&j->msg.link);
		if (hr) {
			*j->slot = NULL;
			j->r.impl = hr;
			j->r.db = &tc->pub;          /* (an error page reads the body's name) */
			j->r.db_private = NULL;
			for (size_t i = 0; i < j->d.nout; i++)
				req_add_header(&j->r, j->d.out[i].name, j->d.out[i].value);
			respond(&j->r, hr, j->status);
			db_release_all(&tc->pub);
		}
		buf_release(&j->r.body);
		req_detached_release(&j->d);
		free(j);
		atomic_fetch_sub(&g_inflight, 1);
	}
}

static int slow_pool_start(int n)
{
	g_slow.stop = 0;
	if (!(g_slow.tids = calloc((size_t)n, sizeof(*g_slow.tids))))
		return -1;
	for (g_slow.n = 0; g_slow.n < n; g_slow.n++)
		if (pthread_create(&g_slow.tids[g_slow.n], NULL, slow_main, NULL) != 0)
			break;
	return g_slow.n > 0 ? 0 : -1;
}

static void slow_pool_stop(void)
{
	pthread_mutex_lock(&g_slow.lock);
	g_slow.stop = 1;
	pthread_cond_broadcast(&g_slow.cond);
	pthread_mutex_unlock(&g_slow.lock);
	for (int i = 0; i < g_slow.n; i++)
		pthread_join(g_slow.tids[i], NULL);
	free(g_slow.tids);
	g_slow.tids = NULL;
	g_slow.n = 0;
}

/* The request's client when the peer may be a trusted proxy: every
 * X-Forwarded-For line, joined in order, read by http/proxy. */
static void client_behind_proxy(h2o_req_t *hr, const char *peer, char out[PROXY_ADDR_MAX])
{
	struct buf xff = BUF_INIT;
	ssize_t i = -1;

	while ((i = h2o_find_header(&hr->headers, H2O_TOKEN_X_FORWARDED_FOR, i)) != -1) {
		const h2o_iovec_t *v = &hr->headers.entries[i].value;
		if (xff.len)
			buf_putc(&xff, ',');
		buf_append(&xff, v->base, v->len);
	}
	proxy_client(g_opts->proxies, peer, xff.len && !xff.err ? xff.data : NULL, xff.len, out);
	buf_release(&xff);
}

static int on_req(h2o_handler_t *self, h2o_req_t *hr)
{
	struct thread_ctx *tc = (struct thread_ctx *)hr->conn->ctx;
	struct req r;
	char addr[INET6_ADDRSTRLEN] = "", client[PROXY_ADDR_MAX];
	struct sockaddr_storage ss;
	socklen_t sl;
	int status;
	handler_fn slow = NULL;
	unsigned slow_flags = 0;

	atomic_fetch_add(&g_inflight, 1);
	memset(&r, 0, sizeof(r));
	r.impl = hr;
	r.app = g_opts->app;
	r.file.fd = -1;
	r.content_type = "text/html; charset=utf-8";
	buf_init(&r.body, SERVER_MAX_RESPONSE);
	sl = hr->conn->callbacks->get_peername(hr->conn, (struct sockaddr *)&ss);
	if (sl && ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof(addr));
	else if (sl && ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof(addr));
	if (g_opts->proxies && g_opts->proxies->n)
		client_behind_proxy(hr, addr, client);
	else
		snprintf(client, sizeof(client), "%s", addr);
	r.client = client;
	/* For the access log, which runs after this frame is gone. */
	*h2o_req_getenv(hr, H2O_STRLIT(CLIENT_ENV), 1) = h2o_strdup(&hr->pool, client, SIZE_MAX);

	tc->db.err[0] = '\0';
	tc->pub.err[0] = '\0';
	r.db = &tc->pub; /* (error pages before routing read the body's name) */
	status = handle(tc, hr, &r, &slow, &slow_flags);
	if (status == 0 && slow) {
		/* Answered later by slow_answered(); still in flight. */
		slow_start(tc, hr, &r, slow, slow_flags);
		db_release_all(&tc->db);
		db_release_all(&tc->pub);
		return 0;
	}
	if (status < 100 || status > 599)
		status = 500;
	if (status >= 500 && (r.db ? r.db : &tc->db)->err[0]) /* for the operator: what failed */
		fprintf(stderr, "witan: %d on %.*s: %s\n", status, (int)hr->path.len, hr->path.base,
			(r.db ? r.db : &tc->db)->err);
	respond(&r, hr, status);
	db_release_all(&tc->db);
	db_release_all(&tc->pub);
	buf_release(&r.body);
	atomic_fetch_sub(&g_inflight, 1);
	return 0;
}

/* --- access log -------------------------------------------------------- */

struct access_logger {
	h2o_logger_t super;
	h2o_logconf_t *conf;
};

static h2o_logconf_t *g_logconf;

/* One line per request, written with one write(2) to stderr, whatever
 * stderr is (a file, a pipe, journald's socket). */
static void log_access(h2o_logger_t *self, h2o_req_t *hr)
{
	struct access_logger *l = (struct access_logger *)self;
	char buf[4096], *line, peer[INET6_ADDRSTRLEN] = "-";
	size_t len = sizeof(buf) - 1;
	const h2o_iovec_t *client = h2o_req_getenv(hr, H2O_STRLIT(CLIENT_ENV), 0);
	struct sockaddr_storage ss;
	struct buf out = BUF_INIT;

	line = h2o_log_request(l->conf, hr, &len, buf);
	if (!line)
		return;
	/* The client first: the one on_req decided (behind a trusted proxy,
	 * the one it forwarded for), or the peer for requests h2o answered
	 * itself. */
	if (client && client->len) {
		buf_append(&out, client->base, client->len);
	} else if (hr->conn->callbacks->get_peername(hr->conn, (struct sockaddr *)&ss)) {
		if (ss.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, peer, sizeof(peer));
		else if (ss.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, peer, sizeof(peer));
		buf_puts(&out, peer);
	} else {
		buf_puts(&out, peer);
	}
	buf_putc(&out, ' ');
	buf_append(&out, line, len);
	if (!out.err && write(2, out.data, out.len) < 0) {
		/* nowhere to report it */
	}
	buf_release(&out);
	if (line != buf)
		free(line);
}

static int access_log_attach(h2o_pathconf_t *pathconf)
{
	char err[256];
	struct access_logger *l;

	if (!g_logconf)
		g_logconf = h2o_logconf_compile("%l %u %t \"%r\" %s %b %{duration}x",
						H2O_LOGCONF_ESCAPE_APACHE, err);
	if (!g_logconf) {
		fprintf(stderr, "witan: access log format: %s\n", err);
		return -1;
	}
	l = (struct access_logger *)h2o_create_logger(pathconf, sizeof(*l));
	l->super.log_access = log_access;
	l->conf = g_logconf;
	return 0;
}

static h2o_errordoc_t error_docs[] = {
	{ 400, { H2O_STRLIT("/errors/400") } },
	{ 413, { H2O_STRLIT("/errors/413") } },
	{ 414, { H2O_STRLIT("/errors/414") } },
	{ 431, { H2O_STRLIT("/errors/431") } },
};

/* --- event loops ------------------------------------------------------ */

static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct thread_ctx *tc = listener->data;
	h2o_socket_t *sock;

	if (err)
		return;
	if ((sock = h2o_evloop_socket_accept(listener)) == NULL)
		return;
	h2o_accept(&tc->accept_ctx, sock);
}

/* A loop thread: report that set-up is over, and wait for "go". */
static void gate_arrive(int wait_for_go)
{
	pthread_mutex_lock(&g_gate_lock);
	g_gate_ready++;
	pthread_cond_broadcast(&g_gate_cond);
	while (wait_for_go && !g_gate_go)
		pthread_cond_wait(&g_gate_cond, &g_gate_lock);
	pthread_mutex_unlock(&g_gate_lock);
}

/* The main thread: wait until n loop threads have arrived. */
static void gate_wait_ready(int n)
{
	pthread_mutex_lock(&g_gate_lock);
	while (g_gate_ready < n)
		pthread_cond_wait(&g_gate_cond, &g_gate_lock);
	pthread_mutex_unlock(&g_gate_lock);
}

static void gate_open(void)
{
	pthread_mutex_lock(&g_gate_lock);
	g_gate_go = 1;
	pthread_cond_broadcast(&g_gate_cond);
	pthread_mutex_unlock(&g_gate_lock);
}

static void *thread_main(void *arg)
{
	struct thread_ctx *tc = arg;
	h2o_evloop_t *loop;
	struct timespec deadline;

	if (db_open(&tc->db, g_opts->db_path, 0) < 0 || db_open(&tc->pub, PUB_PATH, PUB_FLAGS) < 0) {
		fprintf(stderr, "witan: %s\n", tc->db.h ? tc->pub.err : tc->db.err);
		db_close(&tc->db);
		gate_arrive(0);
		return NULL;
	}
	loop = h2o_evloop_create();
	h2o_context_init(&tc->ctx, loop, &g_config);
	tc->queue = h2o_multithread_create_queue(loop);
	h2o_multithread_register_receiver(tc->queue, &tc->slow_done, slow_answered);
	tc->accept_ctx.ctx = &tc->ctx;
	tc->accept_ctx.hosts = g_config.hosts;
	tc->accept_ctx.ssl_ctx = g_opts->tls; /* NULL: plain HTTP */
	/* Each loop watches its own descriptor of the one listening socket,
	 * so that each can close its own at shutdown. */
	tc->listener = h2o_evloop_socket_create(loop, fcntl(g_listen_fd, F_DUPFD_CLOEXEC, 0),
						H2O_SOCKET_FLAG_DONT_READ);
	tc->listener->data = tc;
	h2o_socket_read_start(tc->listener, on_accept);
	tc->ok = 1;
	gate_arrive(1);

	while (!g_stop)
		h2o_evloop_run(loop, 200);

	/* Graceful stop: no new connections; finish what is in flight. */
	h2o_socket_read_stop(tc->listener);
	h2o_socket_close(tc->listener);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += 10;
	for (;;) {
		struct timespec now;
		h2o_evloop_run(loop, 50);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (atomic_load(&g_inflight) == 0 || now.tv_sec > deadline.tv_sec)
			break;
	}
	/* The h2o context is not disposed: idle keep-alive connections may
	 * still hold timers, and h2o 2.2.5 has no way to close them; the
	 * process is about to exit, which closes them.  (The contexts stay
	 * reachable through g_threads, so leak checkers stay quiet.) */
	cache_free(&tc->cache);
	db_close(&tc->db);
	db_close(&tc->pub);
	return NULL;
}

static int open_listener(const char *host, int port)
{
	struct sockaddr_in sa;
	int fd, one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		fprintf(stderr, "witan: cannot listen on %s: not an IPv4 address\n", host);
		return -1;
	}
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, SOMAXCONN) < 0) {
		fprintf(stderr, "witan: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

/* As many open files as the hard limit allows (each connection is one):
 * the soft limit raised to the hard one, said at start.  Returns the
 * limit in force. */
static long raise_open_files(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return -1;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > (1 << 20) ? (1 << 20) : rl.rlim_max;
		struct rlimit up = { want, rl.rlim_max };
		if (want > rl.rlim_cur && setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl.rlim_cur = want;
	}
	return (long)rl.rlim_cur;
}

int server_run(const struct server_opts *opts)
{
	struct thread_ctx *threads = NULL;
	h2o_hostconf_t *hostconf;
	h2o_pathconf_t *pathconf;
	struct handler *h;
	struct sigaction sa;
	int n = opts->threads, rc = -1, started = 0;

	g_opts = opts;
	g_stop = 0;
	/* Keep freed memory for the next request: with glibc's dynamic
	 * threshold each page's temporary b-trees (SQLite's sorters and
	 * subqueries) were given back to the system with madvise as they were
	 * freed, an eighth of an uncached page's time (perf, bench/README.md).
	 * The peak is unchanged: what one request freed, the next one takes. */
	mallopt(M_TRIM_THRESHOLD, SERVER_TRIM_THRESHOLD);
	if (n <= 0)
		n = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 0)
		n = 1;
	if ((g_listen_fd = open_listener(opts->host, opts->port)) < 0)
		return -1;
	g_open_files = raise_open_files();
	/* The access log reopens stderr; if stderr is a file, make every
	 * writer append so that lines never overwrite each other. */
	fcntl(2, F_SETFL, fcntl(2, F_GETFL) | O_APPEND);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	h2o_config_init(&g_config);
	g_config.max_request_entity_size = SERVER_MAX_BODY;
	/* A request (its headers and body) must arrive within this time, and
	 * an idle keep-alive connection is closed after it: a slow client
	 * (slowloris, a body sent a byte at a time) holds a descriptor for at
	 * most this long, whatever it trickles. */
	g_config.http1.req_timeout = SERVER_REQUEST_TIMEOUT_MS;
	g_config.server_name = h2o_iovec_init(H2O_STRLIT("witan"));
	hostconf = h2o_config_register_host(&g_config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	pathconf = h2o_config_register_path(hostconf, "/", 0);
	h = (struct handler *)h2o_create_handler(pathconf, sizeof(*h));
	h->super.on_req = on_req;
	/* Errors h2o answers itself (a body over the limit, a malformed
	 * request) are bound to the host's fallback path: log them too, and
	 * render them as the site's error page through /errors/{status}. */
	if (!opts->quiet && (access_log_attach(pathconf) < 0 ||
			     access_log_attach(&hostconf->fallback_path) < 0))
		goto out;
	h2o_errordoc_register(&hostconf->fallback_path, error_docs,
			      sizeof(error_docs) / sizeof(error_docs[0]));
	h2o_create_filter(pathconf, sizeof(h2o_filter_t))->on_setup_ostream = on_setup_ostream;
	h2o_create_filter(&hostconf->fallback_path, sizeof(h2o_filter_t))->on_setup_ostream = on_setup_ostream;

	threads = calloc((size_t)n, sizeof(*threads));
	if (!threads)
		goto out;
	/* Slow handlers (password hashing) get half as many threads as the
	 * event loops, at least one. */
	if (slow_pool_start(n / 2 > 0 ? n / 2 : 1) < 0) {
		fprintf(stderr, "witan: cannot start the worker threads\n");
		goto out;
	}
	g_gate_ready = 0;
	g_gate_go = 0;
	for (int i = 0; i < n; i++) {
		if (pthread_create(&threads[i].tid, NULL, thread_main, &threads[i]) != 0) {
			g_stop = 1;
			break;
		}
		started++;
	}
	gate_wait_ready(started);
	for (int i = 0; i < started; i++)
		if (!threads[i].ok)
			g_stop = 1;
	if (!g_stop)
		fprintf(stderr, "witan: serving %s on %s://%s:%d/%s with %d threads, up to %ld open files\n",
			opts->db_path, opts->tls ? "https" : "http", opts->host, opts->port,
			opts->tls ? " (TLS; HTTP/2 and HTTP/1.1)" : "", n, g_open_files);
	rc = g_stop ? -1 : 0;
	gate_open();
	for (int i = 0; i < started; i++)
		pthread_join(threads[i].tid, NULL);
	slow_pool_stop();
	if (rc == 0)
		fprintf(stderr, "witan: stopped\n");
out:
	/* threads and g_config stay allocated: see the end of thread_main. */
	g_threads = threads;
	close(g_listen_fd);
	g_listen_fd = -1;
	return rc;
}
