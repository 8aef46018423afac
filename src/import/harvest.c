/* harvest.c: `witan import oparl` (see harvest.h and docs/API.md,
 * "Harvesting").  The fetching and the mapping of OParl objects onto our
 * tables; every write goes through db/harvest.c. */
#include "import/harvest.h"

#include <curl/curl.h>
#include <jansson.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "db/harvest.h"
#include "docs/sniff.h"
#include "import/fetch.h"
#include "ui/html.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/licence.h"
#include "util/markdown.h"
#include "util/sanitize.h"
#include "version.h"
#include "util/banned.h"

#define MAX_JSON_BYTES (64L << 20)
#define MAX_DEPTH 4
#define MAX_REPORTED 20

/* A file of the page being read, downloaded before its transaction. */
struct fetched {
	char *url;
	char sha[65];
	const char *mime;
	long size;
	int ok;                  /* 0: it could not be downloaded */
	const char *why;
};

struct hctx {
	struct fetched *pre;     /* the page's files, fetched ahead */
	size_t npre, apre;
	struct db *db;
	struct store *st;
	CURL *curl;
	const struct harvest_opts *o;
	struct harvest_report *rep;
	int64_t body_id;
	const char *src_license;  /* the source's licence: its Body's, else its System's (or NULL) */
	char body_license[LICENCE_MAX + 1];  /* our body's effective licence ("" none) */
	int statutory;            /* the source offers Witan's statutory records (its Body's witan: lists) */
	int depth;
	long reported;
	int given;                /* objects are given one by one (harvest_put): none is fetched again */
};

/* --- fetching ------------------------------------------------------- */

/* GET url into out (at most max bytes): the HTTP status, or -1 (message
 * on stderr; none when offline). */
static long http_get(struct hctx *h, const char *url, long max, struct buf *out)
{
	if (!h->curl) /* offline (harvest_oparl_object): nothing can be fetched */
		return -1;
	return fetch_get(h->curl, "witan-import-oparl/" WITAN_VERSION, url, max, NULL, NULL, out);
}

/* GET url as a JSON object; NULL with a message on stderr. */
static json_t *get_json(struct hctx *h, const char *url)
{
	struct buf b = BUF_INIT;
	json_error_t jerr;
	json_t *j = NULL;
	long status = http_get(h, url, MAX_JSON_BYTES, &b);

	if (status != 200) {
		if (status > 0)
			fprintf(stderr, "witan: %s: HTTP %ld\n", url, status);
		goto out;
	}
	j = json_loadb(b.data ? b.data : "", b.len, 0, &jerr);
	if (!j)
		fprintf(stderr, "witan: %s: not JSON (%s, line %d)\n", url, jerr.text, jerr.line);
	else if (!json_is_object(j)) {
		fprintf(stderr, "witan: %s: not a JSON object\n", url);
		json_decref(j);
		j = NULL;
	}
out:
	buf_release(&b);
	return j;
}

/* --- reading objects ------------------------------------------------ */

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* 1, 0, or -1 when absent or not a boolean. */
static int jbool(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_boolean(v) ? json_is_true(v) : -1;
}

static int jint(json_t *o, const char *key, int64_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return 0;
	*out = json_integer_value(v);
	return 1;
}

/* The first string of an array (or the string itself). */
static const char *jfirst(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Witan's own object types (docs/API.md, "Vendor object types"). */
#define WITAN_NS "https://witan.example/oparl/1.1/"

/* "https://schema.oparl.org/1.1/Meeting" -> "Meeting" (1.0 and 1.1);
 * Witan's "…/Decision" and "…/ForwardPlanEntry" (only those: its
 * namespace names no OParl type). */
static const char *type_of(json_t *o)
{
	const char *t = jstr(o, "type"), *slash;

	if (t && strncmp(t, WITAN_NS, strlen(WITAN_NS)) == 0) {
		t += strlen(WITAN_NS);
		return strcmp(t, "Decision") == 0 || strcmp(t, "ForwardPlanEntry") == 0 ? t : NULL;
	}
	if (!t || !(strncmp(t, "https://schema.oparl.org/", 25) == 0 || strncmp(t, "http://schema.oparl.org/", 24) == 0 ||
		    strncmp(t, "https://oparl.org/schema/", 25) == 0 || strncmp(t, "http://oparl.org/schema/", 24) == 0))
		return NULL;
	slash = strrchr(t, '/');
	return slash ? slash + 1 : NULL;
}

static int is_date(const char *s)
{
	if (!s || strlen(s) < 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* A date (YYYY-MM-DD) kept only when it is one (1.0 sent date-times). */
static const char *date_of(json_t *o, const char *key, char out[11])
{
	const char *s = jstr(o, key);

	if (!is_date(s))
		return NULL;
	memcpy(out, s, 10);
	out[10] = '\0';
	return out;
}

static int one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static void bad(struct hctx *h, const char *url, const char *why)
{
	h->rep->bad++;
	if (h->reported++ < MAX_REPORTED)
		fprintf(stderr, "witan: skipped %s: %s\n", url ? url : "an object without an id", why);
	else if (h->reported == MAX_REPORTED + 1)
		fprintf(stderr, "witan: (further skipped objects are only counted)\n");
}

/* Rich text from elsewhere: sanitized HTML, and a plain-text Markdown
 * version for the back office's editor (a clerk who edits it starts from
 * its text).  Both NULL when there is none. */
struct rich {
	struct buf html, md;
};

static void html_as_md(struct buf *md, const char *html)
{
	int in_tag = 0;

	for (const char *p = html; *p; p++) {
		if (in_tag) {
			if (*p == '>')
				in_tag = 0;
			continue;
		}
		if (*p == '<') {
			if (strncmp(p, "</p>", 4) == 0 || strncmp(p, "</h", 3) == 0 || strncmp(p, "</ul>", 5) == 0 ||
			    strncmp(p, "</ol>", 5) == 0 || strncmp(p, "</blockquote>", 13) == 0)
				buf_puts(md, "\n\n");
			else if (strncmp(p, "<li", 3) == 0)
				buf_puts(md, "- ");
			else if (strncmp(p, "</li>", 5) == 0 || strncmp(p, "<br", 3) == 0)
				buf_putc(md, '\n');
			in_tag = 1;
			continue;
		}
		if (*p == '&') {
			static const struct { const char *e, *c; } ents[] = {
				{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
			};
			size_t k;
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++)
				if (strncmp(p, ents[k].e, strlen(ents[k].e)) == 0)
					break;
			if (k < sizeof(ents) / sizeof(ents[0])) {
				buf_puts(md, ents[k].c);
				p += strlen(ents[k].e) - 1;
				continue;
			}
		}
		buf_putc(md, *p);
	}
	while (md->len && (md->data[md->len - 1] == '\n' || md->data[md->len - 1] == ' '))
		buf_truncate(md, md->len - 1);
}

static void rich_of(struct rich *r, const char *html, const char *plain)
{
	buf_init(&r->html, 0);
	buf_init(&r->md, 0);
	if (html && *html) {
		html_sanitize(&r->html, html);
		html_as_md(&r->md, r->html.data ? r->html.data : "");
	} else if (plain && *plain) {
		char *h = markdown_to_html(plain, strlen(plain));
		/* plain text: escaped by the Markdown renderer's safe mode */
		if (h) {
			buf_puts(&r->html, h);
			free(h);
		}
		buf_puts(&r->md, plain);
	}
}

static const char *rich_html(struct rich *r)
{
	return r->html.len ? r->html.data : NULL;
}

static const char *rich_md(struct rich *r)
{
	return r->md.len ? r->md.data : NULL;
}

static void rich_release(struct rich *r)
{
	buf_release(&r->html);
	buf_release(&r->md);
}

/* Whether text from elsewhere is HTML (a tag) rather than plain text. */
static int looks_html(const char *s)
{
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
		if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '/')
			return 1;
	return 0;
}

/* Plain text as HTML paragraphs (escaped; a blank line ends a paragraph,
 * a single line break stays one). */
static void plain_as_html(struct buf *h, const char *t)
{
	buf_puts(h, "<p>");
	for (const char *p = t; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			const char *q = p + 1;
			while (*q == '\r' || *q == ' ' || *q == '\t')
				q++;
			if (*q == '\n') {
				while (*q == '\n' || *q == '\r')
					q++;
				buf_puts(h, *q ? "</p>\n<p>" : "");
				p = q - 1;
			} else {
				buf_puts(h, "<br>\n");
			}
			continue;
		}
		html_fmt(h, "%s", (char[]){ *p, 0 });
	}
	buf_puts(h, "</p>\n");
}

/* An agenda item's decision: Witan's own (witan:decision), or what OParl
 * systems give: the result ("ungeändert beschlossen") and the resolution
 * text, HTML or plain. */
static void decision_of(struct rich *r, json_t *o, int exempt)
{
	const char *own = jstr(o, "witan:decision"), *rt = jstr(o, "resolutionText"), *res = jstr(o, "result");
	struct buf h = BUF_INIT;

	if (exempt) {
		rich_of(r, NULL, NULL);
		return;
	}
	if (own && *own) {
		rich_of(r, own, NULL);
		return;
	}
	if (res && *res)
		html_fmt(&h, "<p><strong>Result:</strong> %s</p>\n", res);
	if (rt && *rt) {
		if (looks_html(rt))
			buf_puts(&h, rt);
		else
			plain_as_html(&h, rt);
	}
	rich_of(r, h.len ? h.data : NULL, NULL);
	buf_release(&h);
}

/* Whether an agenda item carries results: a result, a resolution text,
 * minutes or a decision (the source publishing them is the publication). */
static int item_has_results(json_t *it)
{
	static const char *const keys[] = { "result", "resolutionText", "witan:minutes", "witan:decision" };
	if (!json_is_object(it) || jbool(it, "public") == 0)
		return 0;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (jstr(it, keys[k]) && *jstr(it, keys[k]))
			return 1;
	return 0;
}

/* A meeting's state, from OParl's recommended vocabulary (German, and its
 * English forms), Witan's own, or else its date: a meeting in the past
 * that was not cancelled was held; a scheduled one in the past with
 * published results was held too. */
static const char *meeting_state(json_t *o, const char *start, int results)
{
	static const struct { const char *word, *state; } words[] = {
		{ "scheduled", "scheduled" }, { "held", "held" }, { "cancelled", "cancelled" },
		{ "postponed", "postponed" }, { "terminiert", "scheduled" }, { "eingeladen", "scheduled" },
		{ "geplant", "scheduled" }, { "invited", "scheduled" }, { "planned", "scheduled" },
		{ "durchgeführt", "held" }, { "durchgefuehrt", "held" }, { "stattgefunden", "held" },
		{ "conducted", "held" }, { "abgesagt", "cancelled" }, { "ausgefallen", "cancelled" },
		{ "entfällt", "cancelled" }, { "entfallen", "cancelled" }, { "canceled", "cancelled" },
		{ "verschoben", "postponed" }, { "vertagt", "postponed" },
	};
	const char *word = jstr(o, "meetingState"), *state = NULL;
	char today[17];
	int past;

	if (jbool(o, "cancelled") == 1)
		return "cancelled";
	date_now_local(today);
	past = start && strncmp(start, today, 10) < 0;
	for (size_t k = 0; word && k < sizeof(words) / sizeof(words[0]); k++)
		if (strcasecmp(word, words[k].word) == 0)
			state = words[k].state;
	if (!state)
		return past ? "held" : "scheduled";
	if (strcmp(state, "scheduled") == 0 && past && results)
		return "held";
	return state;
}

/* --- importing ------------------------------------------------------ */

#define TXT(c, v) { c, HV_TEXT, v, 0 }
#define INT(c, v) { c, HV_INT, NULL, v }
/* A reference (a row id, 0 for none: NULL) and a boolean that may be
 * unknown (jbool's -1: NULL). */
#define REFV(c, id) ((id) ? (struct hval)INT(c, id) : (struct hval)TXT(c, NULL))
#define OPTBOOL(c, b) ((b) >= 0 ? (struct hval)INT(c, b) : (struct hval)TXT(c, NULL))

static int64_t import_any(struct hctx *h, json_t *o, const char *want);

/* A reference that could not be resolved now: remembered (with the
 * object from that makes it) to be tried again at the end of this run and
 * of later ones, and named in the summary if it never is. */
static void unresolved(struct hctx *h, const char *from, const char *to)
{
	if (harvest_pending_add(h->db, from, to) < 0)
		fprintf(stderr, "witan: %s\n", h->db->err);
}

/* The row a referenced URL became (made by the object from), fetching and
 * importing it when it was neither listed nor embedded yet.  0 when it
 * cannot be had (then remembered as unresolved). */
static int64_t ref(struct hctx *h, const char *from, const char *url, const char *table, const char *type)
{
	int64_t id = 0;
	json_t *o;
	int rc;

	if (!url)
		return 0;
	rc = harvest_lookup(h->db, url, table, &id, NULL, 0);
	if (rc != 0)
		return rc > 0 ? id : 0;
	if (!h->given && h->depth < MAX_DEPTH && (o = get_json(h, url))) {
		h->depth++;
		id = import_any(h, o, type);
		h->depth--;
		json_decref(o);
	}
	if (id <= 0)
		unresolved(h, from, url);
	return id > 0 ? id : 0;
}

/* The row an object belongs to: given (when it was read inside that row's
 * object), else the row of type its key (the table's name) refers to;
 * else 0, and the object is counted bad for why. */
static int64_t parent(struct hctx *h, json_t *o, int64_t given, const char *table, const char *type,
		      const char *why)
{
	const char *url = jstr(o, "id");

	if (!given)
		given = ref(h, url, jstr(o, table), table, type);
	if (!given)
		bad(h, url, why);
	return given;
}

/* The row a referenced URL already became, without fetching it (a
 * reference that may point forward in a chain, such as the meeting that
 * approved another's minutes).  0 when it is not here yet: remembered as
 * unresolved, so that the end of an OParl harvest imports from again
 * (objects given one by one are given in an order that avoids it). */
static int64_t ref_known(struct hctx *h, const char *from, const char *url, const char *table)
{
	int64_t id = 0;
	int rc;

	if (!url)
		return 0;
	rc = harvest_lookup(h->db, url, table, &id, NULL, 0);
	if (rc > 0)
		return id;
	if (rc == 0 && from && !h->given)
		unresolved(h, from, url);
	return 0;
}

/* Common to every object: its id, created and modified, whether it is
 * deleted (then marked so here: returns 0), and whether it is unchanged
 * since the last run (returns 1 with *id).  Otherwise 2. */
static int begin(struct hctx *h, json_t *o, const char *table, int64_t *id)
{
	const char *url = jstr(o, "id"), *mod = jstr(o, "modified");
	char had[64];
	int rc;

	if (jbool(o, "deleted") == 1) {
		int d = harvest_delete(h->db, table, url, mod);
		if (d < 0)
			return -1;
		h->rep->deleted += d;
		return 0;
	}
	rc = harvest_lookup(h->db, url, table, id, had, sizeof(had));
	if (rc < 0)
		return -1;
	if (rc == 1 && mod && strcmp(had, mod) == 0) {
		h->rep->unchanged++;
		return 1;
	}
	/* Imported again: its references are tried again. */
	return harvest_pending_drop(h->db, url) < 0 ? -1 : 2;
}

/* The licence to keep in an object's row: its own (or else its source
 * body's), when it is not our body's; NULL when it is (the row then has
 * the body's). */
static const char *own_license(struct hctx *h, json_t *o)
{
	const char *l = jstr(o, "license");

	if (!licence_text_ok(l))
		l = h->src_license;
	return l && strcmp(l, h->body_license) != 0 ? l : NULL;
}

/* The id an object asks to keep here (witan:keepId: another system's id,
 * as `witan import moderngov` gives it), as an HV_ID value. */
static struct hval keep_id(json_t *o)
{
	int64_t id = 0;

	if (!jint(o, "witan:keepId", &id) || id < 1)
		id = 0;
	return (struct hval){ "id", HV_ID, NULL, id };
}

static int64_t done(struct hctx *h, int rc, int64_t id)
{
	if (rc < 0)
		return -1;
	h->rep->objects++;
	return id;
}

/* Whether name is already what safe_filename() would make of a name:
 * [a-z0-9] runs joined by single hyphens, then the type's extension. */
static int safe_name(const char *name, const char *mime)
{
	const char *ext = mime_extension(mime), *dot = strrchr(name, '.');

	if (!ext || !dot || strcmp(dot, ext) != 0 || dot == name || dot - name > 200 || name[0] == '-' || dot[-1] == '-')
		return 0;
	for (const char *p = name; p < dot; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p == '-' && p[1] != '-')))
			return 0;
	return 1;
}

/* Download a File object's bytes into the store: 1 (with f filled), 0
 * when it cannot be had (f->why says why), -1 when the store fails. */
static int fetch_file(struct hctx *h, json_t *o, struct fetched *f)
{
	const char *access = jstr(o, "accessUrl");
	struct buf bytes = BUF_INIT;
	long status;

	if (!access)
		access = jstr(o, "downloadUrl");
	if (!access) {
		f->why = "a File without accessUrl";
		return 0;
	}
	status = http_get(h, access, h->o->max_file_bytes, &bytes);
	if (status != 200) {
		f->why = status < 0 ? "its file could not be downloaded" : "its file's URL did not answer 200";
		buf_release(&bytes);
		return 0;
	}
	if (store_put(h->st, bytes.data ? bytes.data : "", bytes.len, f->sha) < 0) {
		snprintf(h->db->err, sizeof(h->db->err), "cannot store a downloaded file in %s: %s", h->st->dir,
			 strerror(errno));
		buf_release(&bytes);
		return -1;
	}
	f->mime = sniff_mime(bytes.data, bytes.len);
	if (!f->mime)
		f->mime = "application/octet-stream";
	f->size = (long)bytes.len;
	f->ok = 1;
	h->rep->files++;
	h->rep->bytes += (long)bytes.len;
	buf_release(&bytes);
	return 1;
}

/* Whether a File is one a Witan source makes from the record itself: a
 * meeting's reports pack (id ".../invitation", address ".../pack.pdf") or
 * its printed minutes (".../resultsProtocol", ".../minutes.pdf").  Such a
 * file is neither downloaded nor copied: the copy makes its own. */
static int ends_with(const char *s, const char *tail)
{
	size_t n = s ? strlen(s) : 0, t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

static int derived_file(json_t *f)
{
	const char *id = json_is_object(f) ? jstr(f, "id") : NULL, *acc = json_is_object(f) ? jstr(f, "accessUrl") : NULL;

	return (ends_with(id, "/invitation") && ends_with(acc, "/pack.pdf")) ||
	       (ends_with(id, "/resultsProtocol") && ends_with(acc, "/minutes.pdf"));
}

/* Before a page's transaction: download every new or changed File in it
 * (embedded at any depth), so that no write lock is held while the
 * network is slow.  0 or -1. */
static int prefetch(struct hctx *h, json_t *j)
{
	if (json_is_array(j)) {
		for (size_t i = 0; i < json_array_size(j); i++)
			if (prefetch(h, json_array_get(j, i)) < 0)
				return -1;
		return 0;
	}
	if (!json_is_object(j))
		return 0;
	if (type_of(j) && strcmp(type_of(j), "File") == 0 && derived_file(j))
		return 0;
	if (type_of(j) && strcmp(type_of(j), "File") == 0 && jstr(j, "id") && jbool(j, "deleted") != 1) {
		const char *url = jstr(j, "id"), *mod = jstr(j, "modified");
		char had[64];
		int64_t id;
		int rc = harvest_lookup(h->db, url, "file", &id, had, sizeof(had));
		struct fetched *f;

		if (rc < 0)
			return -1;
		for (size_t i = 0; i < h->npre; i++)
			if (strcmp(h->pre[i].url, url) == 0)
				return 0;
		if (rc == 1 && mod && strcmp(had, mod) == 0)
			return 0; /* unchanged: import_file() will skip it */
		if (h->npre == h->apre) {
			size_t n = h->apre ? h->apre * 2 : 16;
			struct fetched *p = realloc(h->pre, n * sizeof(*p));
			if (!p)
				return -1;
			h->pre = p;
			h->apre = n;
		}
		f = &h->pre[h->npre];
		memset(f, 0, sizeof(*f));
		if (!(f->url = strdup(url)))
			return -1;
		h->npre++;
		return fetch_file(h, j, f) < 0 ? -1 : 0;
	}
	for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it))
		if (prefetch(h, json_object_iter_value(it)) < 0)
			return -1;
	return 0;
}

static void prefetch_release(struct hctx *h)
{
	for (size_t i = 0; i < h->npre; i++)
		free(h->pre[i].url);
	h->npre = 0;
}

static int64_t import_file(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id"), *name;
	struct fetched own = { 0 }, *f = NULL;
	struct buf fname = BUF_INIT;
	int64_t id = 0;
	int rc = begin(h, o, "file", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	for (size_t i = 0; i < h->npre && !f; i++)
		if (strcmp(h->pre[i].url, url) == 0)
			f = &h->pre[i];
	if (!f) { /* (a file reached only through a reference) */
		f = &own;
		if (fetch_file(h, o, f) < 0)
			return -1;
	}
	if (!f->ok) {
		bad(h, url, f->why);
		return 0;
	}
	name = jstr(o, "fileName");
	if (!name)
		name = jstr(o, "name");
	if (name && safe_name(name, f->mime))
		buf_puts(&fname, name); /* already a safe name: kept as it is */
	else
		safe_filename(&fname, name ? name : "document", f->mime);
	{
		const char *title = jstr(o, "name") ? jstr(o, "name") : name ? name : "Document";
		struct hval v[] = {
			keep_id(o), TXT("title", title), TXT("filename", fname.data), TXT("mime_type", f->mime),
			INT("size", (int64_t)f->size), TXT("sha256", f->sha), TXT("text_status", "pending"),
			TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "file", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	buf_release(&fname);
	/* The source's own text of the document (OParl File.text), when it
	 * gives one, is its text here: no extraction (pages at form feeds). */
	if (rc == 0 && jstr(o, "text") && *jstr(o, "text"))
		rc = harvest_file_text(h->db, id, jstr(o, "text"));
	return done(h, rc, id);
}

/* Add a row id to keep, a JSON array being built ("[" so far, then ids). */
static void keep_add(struct buf *keep, int64_t id)
{
	buf_printf(keep, "%s%lld", keep->len > 1 ? "," : "", (long long)id);
}


/* Link the files of a JSON array (or one object) to a parent; collects
 * the links' ids into keep (a JSON array being built).  parent_col is
 * meeting_id, agenda_item_id or paper_id. */
static int link_files(struct hctx *h, json_t *files, const char *parent_url, const char *parent_col,
		      int64_t parent, const char *role, const char *role_rest, int *pos, struct buf *keep)
{
	size_t n = json_is_array(files) ? json_array_size(files) : json_is_object(files) || json_is_string(files) ? 1 : 0;

	for (size_t i = 0; i < n; i++) {
		json_t *f = json_is_array(files) ? json_array_get(files, i) : files;
		const char *furl = json_is_string(f) ? json_string_value(f) : jstr(f, "id");
		struct buf key = BUF_INIT;
		int64_t fid = json_is_object(f) ? import_file(h, f) : ref(h, parent_url, furl, "file", "File"), lid;
		int rc;

		if (fid < 0)
			return -1;
		if (fid == 0 && json_is_object(f) && furl && jbool(f, "deleted") != 1)
			unresolved(h, parent_url, furl); /* (its bytes could not be had) */
		if (fid == 0 || !furl)
			continue;
		buf_printf(&key, "%s#file:%s", parent_url, furl);
		{
			struct hval v[] = {
				INT("file_id", fid), INT(parent_col, parent), TXT("role", (*pos == 0 || !role_rest) ? role : role_rest),
				INT("position", *pos), INT("deleted", 0),
			};
			/* (the link is as old as the file, as the source says) */
			rc = harvest_upsert(h->db, "file_link", key.data, json_is_object(f) ? jstr(f, "created") : NULL,
					    json_is_object(f) ? jstr(f, "modified") : NULL, v, (int)(sizeof(v) / sizeof(v[0])),
					    &lid);
		}
		buf_release(&key);
		if (rc < 0)
			return -1;
		keep_add(keep, lid);
		(*pos)++;
	}
	return 0;
}

/* A Location's geojson as latitude and longitude (text, as the model
 * takes them): a Point, or a Feature whose geometry is one; else none. */
static void point_of(json_t *geo, char lat[32], char lon[32])
{
	json_t *g = json_object_get(geo, "geometry"), *c;

	lat[0] = lon[0] = '\0';
	if (!json_is_object(g))
		g = geo;
	if (!json_is_object(g) || !json_is_string(json_object_get(g, "type")) ||
	    strcmp(json_string_value(json_object_get(g, "type")), "Point") != 0)
		return;
	c = json_object_get(g, "coordinates");
	if (json_array_size(c) < 2 || !json_is_number(json_array_get(c, 0)) || !json_is_number(json_array_get(c, 1)))
		return;
	snprintf(lon, 32, "%.7f", json_number_value(json_array_get(c, 0)));
	snprintf(lat, 32, "%.7f", json_number_value(json_array_get(c, 1)));
	/* As typed: no trailing zeros (52.1917000 is 52.1917). */
	for (char *p = lat; p; p = p == lat ? lon : NULL) {
		size_t n = strlen(p);
		while (n > 2 && p[n - 1] == '0' && p[n - 2] != '.')
			p[--n] = '\0';
	}
}

static int64_t import_location(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id");
	int64_t id = 0;
	int rc = begin(h, o, "location", &id);
	const char *name = jstr(o, "description");
	char lat[32], lon[32];

	if (rc < 2)
		return rc < 0 ? -1 : id;
	if (!name)
		name = jstr(o, "streetAddress");
	if (!name)
		name = jstr(o, "room");
	point_of(json_object_get(o, "geojson"), lat, lon);
	{
		struct hval v[] = {
			INT("body_id", h->body_id), TXT("name", name ? name : "Location"), TXT("room", jstr(o, "room")),
			TXT("street_address", jstr(o, "streetAddress")), TXT("postcode", jstr(o, "postalCode")),
			TXT("locality", jstr(o, "locality")), TXT("description", jstr(o, "witan:note")),
			TXT("license", own_license(h, o)), INT("deleted", 0),
			TXT("latitude", lat[0] ? lat : NULL), TXT("longitude", lon[0] ? lon : NULL),
		};
		rc = harvest_upsert(h->db, "location", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	return done(h, rc, id);
}

static int64_t import_term(struct hctx *h, json_t *o)
{
	char d1[11], d2[11];
	int64_t id = 0;
	int rc = begin(h, o, "legislative_term", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	{
		struct hval v[] = {
			INT("body_id", h->body_id), TXT("name", jstr(o, "name") ? jstr(o, "name") : ""),
			TXT("start_date", date_of(o, "startDate", d1)), TXT("end_date", date_of(o, "endDate", d2)),
			TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "legislative_term", jstr(o, "id"), jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	return done(h, rc, id);
}

static const char *org_kind(json_t *o)
{
	static const char *const kinds[] = { "council", "cabinet", "committee", "sub_committee", "panel", "board",
					     "working_group", "outside_body", NULL };
	/* The kind of the first of these words the classification holds
	 * (first: only at its start; "Rat" is German for council). */
	static const struct { const char *word, *kind; int first; } words[] = {
		{ "sub", "sub_committee", 0 }, { "council", "council", 0 }, { "rat", "council", 1 },
		{ "cabinet", "cabinet", 0 }, { "panel", "panel", 0 }, { "board", "board", 0 },
		{ "working", "working_group", 0 },
	};
	const char *k = jstr(o, "witan:kind"), *c = jstr(o, "classification"), *t = jstr(o, "organizationType");

	if (one_of(k, kinds))
		return k;
	if (t && strstr(t, "extern"))
		return "outside_body";
	if (!c)
		return "committee";
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *at = strcasestr(c, words[i].word);
		if (at && (!words[i].first || at == c))
			return words[i].kind;
	}
	return "committee";
}

static int64_t import_org(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id"), *name = jstr(o, "name");
	struct rich purpose;
	char d1[11], d2[11];
	int64_t id = 0, parent = 0;
	int rc = begin(h, o, "organization", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	if (!name) {
		bad(h, url, "an Organization without a name");
		return 0;
	}
	rich_of(&purpose, jstr(o, "witan:purpose"), NULL);
	{
		struct hval v[] = {
			keep_id(o), INT("body_id", h->body_id), TXT("name", name), TXT("short_name", jstr(o, "shortName")),
			TXT("kind", org_kind(o)), TXT("purpose_html", rich_html(&purpose)), TXT("purpose_md", rich_md(&purpose)),
			TXT("start_date", date_of(o, "startDate", d1)), TXT("end_date", date_of(o, "endDate", d2)),
			TXT("website", jstr(o, "website")), TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "organization", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	rich_release(&purpose);
	if (rc == 0 && jstr(o, "subOrganizationOf") && (parent = ref(h, url, jstr(o, "subOrganizationOf"), "organization",
									"Organization")) > 0 && parent != id) {
		struct hval v[] = { INT("parent_id", parent) };
		rc = harvest_upsert(h->db, "organization", url, jstr(o, "created"), jstr(o, "modified"), v, 1, &id);
	}
	return done(h, rc, id);
}

static const char *membership_role(json_t *o)
{
	static const char *const roles[] = { "chair", "vice_chair", "member", "co_opted", "substitute", "independent",
					     "officer", NULL };
	const char *w = jstr(o, "witan:role"), *r = jstr(o, "role");

	if (one_of(w, roles))
		return w;
	if (!r)
		return "member";
	if (strcasestr(r, "vice") || strcasestr(r, "deputy"))
		return "vice_chair";
	if (strcasestr(r, "chair") || strcasestr(r, "vorsitz"))
		return "chair";
	if (strcasestr(r, "co-opt") || strcasestr(r, "coopt"))
		return "co_opted";
	if (strcasestr(r, "substitute") || strcasestr(r, "vertret"))
		return "substitute";
	if (strcasestr(r, "independent"))
		return "independent";
	if (strcasestr(r, "officer"))
		return "officer";
	return "member";
}

static int64_t import_membership(struct hctx *h, json_t *o, int64_t person)
{
	const char *url = jstr(o, "id");
	char d1[11], d2[11];
	int64_t id = 0, org;
	int rc = begin(h, o, "membership", &id), voting = jbool(o, "votingRight");

	if (rc < 2)
		return rc < 0 ? -1 : id;
	if (!person)
		person = ref(h, url, jstr(o, "person"), "person", "Person");
	org = ref(h, url, jstr(o, "organization"), "organization", "Organization");
	if (!person || !org) {
		bad(h, url, "a Membership whose person or organization could not be found");
		return 0;
	}
	{
		struct hval v[] = {
			INT("person_id", person), INT("organization_id", org), TXT("role", membership_role(o)),
			INT("voting", voting != 0), TXT("start_date", date_of(o, "startDate", d1)),
			TXT("end_date", date_of(o, "endDate", d2)), TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "membership", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	return done(h, rc, id);
}

/* What a sensitive interest (section 32 of the Localism Act 2011) says
 * here: its source never publishes its details, and none are invented
 * (the column is NOT NULL; the public never sees it). */
#define INTEREST_WITHHELD "Withheld (sensitive interest)"

/* A person's register of interests (witan:interests, a list or absent):
 * the person's harvested entries become the source's, each tied to
 * "{person URL}#interest:{n}" (an entry has no URL of its own), those
 * beyond the list marked deleted.  An entry that fails the model's checks
 * is counted bad and left out (its own savepoint, inside the person's);
 * the person is kept.  A sensitive entry is
 * stored with INTEREST_WITHHELD, whatever the source sent.  0 or -1. */
static int import_interests(struct hctx *h, const char *purl, json_t *list, int64_t person)
{
	struct buf keep = BUF_INIT, key = BUF_INIT;
	char why[300];
	int rc = -1;

	buf_putc(&keep, '[');
	for (size_t i = 0; json_is_array(list) && i < json_array_size(list); i++) {
		json_t *e = json_array_get(list, i);
		const char *holder = jstr(e, "holder");
		int sensitive = jbool(e, "sensitive") == 1;
		char d1[11], d2[11];
		int64_t iid;
		struct hval v[] = {
			INT("person_id", person), TXT("category", jstr(e, "category")),
			TXT("holder", holder ? holder : "member"),
			TXT("description", sensitive ? INTEREST_WITHHELD : jstr(e, "description")), INT("sensitive", sensitive),
			TXT("registered_on", date_of(e, "registered", d1)), TXT("ended_on", date_of(e, "ended", d2)),
			INT("deleted", 0),
		};

		buf_reset(&key);
		buf_printf(&key, "%s#interest:%zu", purl, i);
		if (key.err)
			goto out;
		if (!json_is_object(e)) {
			bad(h, key.data, "an interest that is not an object");
			continue;
		}
		if (harvest_object_begin(h->db) < 0)
			goto out;
		if (harvest_upsert(h->db, "interest", key.data, jstr(e, "created"), jstr(e, "modified"), v,
				   (int)(sizeof(v) / sizeof(v[0])), &iid) == 0) {
			if (harvest_object_end(h->db, 1) < 0)
				goto out;
			keep_add(&keep, iid);
			continue;
		}
		snprintf(why, sizeof(why), "it could not be written (%s)", h->db->err);
		if (harvest_object_end(h->db, 0) < 0)
			goto out;
		bad(h, key.data, why);
	}
	buf_putc(&keep, ']');
	rc = harvest_prune_mapped(h->db, "interest", "person_id", person, keep.data);
out:
	buf_release(&keep);
	buf_release(&key);
	return rc;
}

static int64_t import_person(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id"), *name = jstr(o, "name");
	json_t *ms = json_object_get(o, "membership"), *ints = json_object_get(o, "witan:interests");
	struct rich bio;
	struct buf keep = BUF_INIT, full = BUF_INIT;
	int64_t id = 0;
	int rc = begin(h, o, "person", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	if (!name) {
		buf_printf(&full, "%s%s%s", jstr(o, "givenName") ? jstr(o, "givenName") : "",
			   jstr(o, "givenName") && jstr(o, "familyName") ? " " : "",
			   jstr(o, "familyName") ? jstr(o, "familyName") : "");
		if (!full.len) {
			buf_release(&full);
			bad(h, url, "a Person without a name");
			return 0;
		}
		name = full.data;
	}
	rich_of(&bio, jstr(o, "witan:biography"), NULL);
	{
		struct hval v[] = {
			keep_id(o), INT("body_id", h->body_id), TXT("name", name), TXT("given_name", jstr(o, "givenName")),
			TXT("family_name", jstr(o, "familyName")), TXT("honorific", jstr(o, "formOfAddress")),
			TXT("party", jstr(o, "witan:party")), TXT("area", jstr(o, "witan:area")),
			TXT("nominated_by", jstr(o, "witan:nominatedBy")), TXT("bio_html", rich_html(&bio)),
			TXT("bio_md", rich_md(&bio)), TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "person", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	rich_release(&bio);
	buf_release(&full);
	if (rc < 0)
		return -1;
	buf_putc(&keep, '[');
	for (size_t i = 0; json_is_array(ms) && i < json_array_size(ms); i++) {
		json_t *m = json_array_get(ms, i);
		int64_t mid = json_is_object(m) ? import_membership(h, m, id) : 0;
		if (mid < 0) {
			buf_release(&keep);
			return -1;
		}
		if (mid > 0)
			keep_add(&keep, mid);
	}
	buf_putc(&keep, ']');
	/* Embedded memberships are all the person's: prune the rest. */
	if (json_is_array(ms) && harvest_prune(h->db, "membership", "person_id", id, keep.data) < 0)
		rc = -1;
	/* The register: a source with Witan's statutory records leaves the
	 * list out when it is empty. */
	if (rc == 0 && (json_is_array(ints) || h->statutory) && import_interests(h, url, ints, id) < 0)
		rc = -1;
	buf_release(&keep);
	return done(h, rc, id);
}

static int import_votes(struct hctx *h, const char *from, json_t *votes, int64_t item)
{
	if (harvest_clear(h->db, "vote", item) < 0)
		return -1;
	for (size_t i = 0; json_is_array(votes) && i < json_array_size(votes); i++) {
		static const char *const results[] = { "carried", "lost", "tied", "withdrawn", NULL };
		json_t *v = json_array_get(votes, i), *rec = json_object_get(v, "record");
		int64_t vid, nf = 0, na = 0, nab = 0;
		int has_f = jint(v, "for", &nf), has_a = jint(v, "against", &na), has_ab = jint(v, "abstentions", &nab);
		const char *motion = jstr(v, "motion"), *result = jstr(v, "result");

		if (!motion || !one_of(result, results))
			continue;
		{
			struct hval hv[] = {
				INT("agenda_item_id", item), TXT("motion", motion), TXT("result", result),
				has_f ? (struct hval)INT("votes_for", nf) : (struct hval)TXT("votes_for", NULL),
				has_a ? (struct hval)INT("votes_against", na) : (struct hval)TXT("votes_against", NULL),
				has_ab ? (struct hval)INT("abstentions", nab) : (struct hval)TXT("abstentions", NULL),
				INT("recorded", jbool(v, "recorded") == 1), { "created", HV_UTC, jstr(v, "created"), 0 },
				{ "modified", HV_UTC, jstr(v, "modified"), 0 },
			};
			int n = (int)(sizeof(hv) / sizeof(hv[0])) - (jstr(v, "created") ? 0 : 2);
			if (harvest_insert(h->db, "vote", hv, n, &vid) < 0)
				return -1;
		}
		for (size_t k = 0; json_is_array(rec) && k < json_array_size(rec); k++) {
			static const char *const positions[] = { "for", "against", "abstain", "did_not_vote", NULL };
			json_t *r = json_array_get(rec, k);
			int64_t p = ref(h, from, jstr(r, "person"), "person", "Person");
			if (!p || !one_of(jstr(r, "position"), positions))
				continue;
			{
				struct hval hv[] = { INT("vote_id", vid), INT("person_id", p), TXT("position", jstr(r, "position")) };
				if (harvest_insert(h->db, "vote_record", hv, 3, NULL) < 0)
					return -1;
			}
		}
	}
	return 0;
}

static int import_declarations(struct hctx *h, const char *from, json_t *decls, int64_t meeting, int64_t item)
{
	if (harvest_clear(h->db, "declaration", item) < 0)
		return -1;
	for (size_t i = 0; json_is_array(decls) && i < json_array_size(decls); i++) {
		static const char *const kinds[] = { "disclosable_pecuniary", "other_registrable", "non_registrable", "other",
						     NULL };
		json_t *d = json_array_get(decls, i);
		int64_t p = ref(h, from, jstr(d, "person"), "person", "Person");
		if (!p || !one_of(jstr(d, "kind"), kinds) || !jstr(d, "description"))
			continue;
		{
			struct hval hv[] = {
				INT("meeting_id", meeting), INT("agenda_item_id", item), INT("person_id", p),
				TXT("kind", jstr(d, "kind")), TXT("description", jstr(d, "description")),
				INT("left_room", jbool(d, "leftRoom") == 1), { "created", HV_UTC, jstr(d, "created"), 0 },
				{ "modified", HV_UTC, jstr(d, "modified"), 0 },
			};
			if (harvest_insert(h->db, "declaration", hv, jstr(d, "created") ? 8 : 6, NULL) < 0)
				return -1;
		}
	}
	return 0;
}

static int64_t import_item(struct hctx *h, json_t *o, int64_t meeting, int64_t order)
{
	static const char *const kinds[] = { "item", "apologies", "declarations", "minutes", "procedural", "exclusion", NULL };
	const char *url = jstr(o, "id"), *name = jstr(o, "name"), *kind = jstr(o, "witan:kind");
	struct rich desc, minutes, decision;
	struct buf keep = BUF_INIT;
	int64_t id = 0, pos = order, para = 0;
	int rc = begin(h, o, "agenda_item", &id), exempt = jbool(o, "public") == 0, fpos = 0;

	if (rc < 2)
		return rc < 0 ? -1 : id;
	meeting = parent(h, o, meeting, "meeting", "Meeting", "an AgendaItem whose meeting could not be found");
	if (!meeting)
		return 0;
	jint(o, "order", &pos);
	if (!jint(o, "witan:exemptParagraph", &para) || para < 1 || para > 7)
		para = 1;
	rich_of(&desc, exempt ? NULL : jstr(o, "witan:description"), NULL);
	rich_of(&minutes, exempt ? NULL : jstr(o, "witan:minutes"), NULL);
	decision_of(&decision, o, exempt);
	{
		struct hval v[] = {
			keep_id(o), INT("meeting_id", meeting), INT("position", pos), TXT("number", jstr(o, "number")),
			TXT("title", name ? name : "(untitled)"), TXT("kind", one_of(kind, kinds) ? kind : "item"),
			INT("exempt", exempt), exempt ? (struct hval)INT("exempt_paragraph", para) :
			(struct hval)TXT("exempt_paragraph", NULL),
			TXT("exempt_reason", exempt ? (jstr(o, "witan:exemptReason") ? jstr(o, "witan:exemptReason") :
						   "Not public in the system it was imported from.") : NULL),
			TXT("description_html", rich_html(&desc)), TXT("description_md", rich_md(&desc)),
			TXT("minutes_html", rich_html(&minutes)), TXT("minutes_md", rich_md(&minutes)),
			TXT("decision_html", rich_html(&decision)), TXT("decision_md", rich_md(&decision)),
			TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "agenda_item", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	rich_release(&desc);
	rich_release(&minutes);
	rich_release(&decision);
	if (rc < 0)
		return -1;
	buf_putc(&keep, '[');
	if (link_files(h, json_object_get(o, "auxiliaryFile"), url, "agenda_item_id", id, "report", "appendix", &fpos,
		       &keep) < 0 ||
	    (buf_putc(&keep, ']'), harvest_prune(h->db, "file_link", "agenda_item_id", id, keep.data)) < 0 ||
	    import_votes(h, url, json_object_get(o, "witan:votes"), id) < 0 ||
	    import_declarations(h, url, json_object_get(o, "witan:declarations"), meeting, id) < 0)
		rc = -1;
	buf_release(&keep);
	return done(h, rc, id);
}

static int import_attendance(struct hctx *h, json_t *o, int64_t meeting)
{
	static const char *const statuses[] = { "present", "apologies", "absent", "substitute", "in_attendance", NULL };
	json_t *att = json_object_get(o, "witan:attendance"), *part = json_object_get(o, "participant");
	int own = json_is_array(att);
	size_t n = own ? json_array_size(att) : json_is_array(part) ? json_array_size(part) : 0;

	if (!own && !json_is_array(part))
		return 0;
	if (harvest_clear(h->db, "attendance", meeting) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *a = own ? json_array_get(att, i) : NULL;
		const char *purl = own ? jstr(a, "person") : json_string_value(json_array_get(part, i));
		const char *status = own ? jstr(a, "status") : "present";
		int64_t p = ref(h, jstr(o, "id"), purl, "person", "Person"),
			sub = own ? ref(h, jstr(o, "id"), jstr(a, "substituteFor"), "person", "Person") : 0;

		if (!p || !one_of(status, statuses))
			continue;
		{
			struct hval v[] = {
				INT("meeting_id", meeting), INT("person_id", p), TXT("status", status),
				sub ? (struct hval)INT("substitute_for", sub) : (struct hval)TXT("substitute_for", NULL),
				TXT("note", own ? jstr(a, "note") : NULL),
				{ "created", HV_UTC, own ? jstr(a, "created") : NULL, 0 },
				{ "modified", HV_UTC, own ? jstr(a, "modified") : NULL, 0 },
			};
			if (harvest_insert(h->db, "attendance", v, own && jstr(a, "created") ? 7 : 5, NULL) < 0)
				return -1;
		}
	}
	return 0;
}

static int64_t import_meeting(struct hctx *h, json_t *o)
{
	static const char *const states[] = { "scheduled", "held", "cancelled", "postponed", NULL };
	const char *url = jstr(o, "id"), *state = jstr(o, "meetingState"), *start = jstr(o, "start");
	const char *agenda = jstr(o, "witan:agendaStatus"), *minutes = jstr(o, "witan:minutesStatus");
	const char *approver = jstr(o, "witan:minutesApprovedBy");
	json_t *loc = json_object_get(o, "location"), *items = json_object_get(o, "agendaItem");
	struct buf keep = BUF_INIT;
	int64_t id = 0, org, location = 0, approved_by = 0;
	int rc = begin(h, o, "meeting", &id), fpos = 0;

	if (rc < 2)
		return rc < 0 ? -1 : id;
	if (!start) {
		bad(h, url, "a Meeting without a start");
		return 0;
	}
	org = ref(h, url, jfirst(o, "organization"), "organization", "Organization");
	if (!org) {
		bad(h, url, "a Meeting whose organization could not be found");
		return 0;
	}
	if (json_is_object(loc))
		location = import_location(h, loc);
	else if (json_is_string(loc))
		location = ref(h, url, json_string_value(loc), "location", "Location");
	if (location < 0)
		return -1;
	if (!one_of(agenda, (const char *const[]){ "draft", "published", NULL }))
		agenda = "published";
	if (!one_of(minutes, (const char *const[]){ "none", "published", "approved", NULL })) {
		/* The source publishing results is their publication. */
		int results = json_object_get(o, "resultsProtocol") != NULL;
		for (size_t i = 0; !results && json_is_array(items) && i < json_array_size(items); i++)
			results = item_has_results(json_array_get(items, i));
		minutes = results ? "published" : "none";
	}
	if (!one_of(state, states) || jbool(o, "cancelled") == 1)
		state = meeting_state(o, start, strcmp(minutes, "none") != 0);
	/* The meeting that approved the minutes is usually a later one, not
	 * read yet: until it is, the link is left as it was. */
	if (approver && strcmp(minutes, "approved") == 0)
		approved_by = ref_known(h, url, approver, "meeting");
	{
		const char *published = strcmp(agenda, "published") == 0 ? jstr(o, "witan:agendaPublished") : NULL;
		const char *minuted = strcmp(minutes, "none") != 0 ? jstr(o, "witan:minutesPublished") : NULL;
		const char *approved = strcmp(minutes, "approved") == 0 ? jstr(o, "witan:minutesApproved") : NULL;
		struct hval v[] = {
			keep_id(o), INT("organization_id", org), location ? (struct hval)INT("location_id", location) :
			(struct hval)TXT("location_id", NULL),
			TXT("name", jstr(o, "name")), { "start_at", HV_LOCAL, start, 0 }, { "end_at", HV_LOCAL, jstr(o, "end"), 0 },
			TXT("state", state), TXT("state_reason", jstr(o, "witan:stateReason")),
			TXT("webcast_url", jstr(o, "witan:webcast")), INT("published", 1), TXT("agenda_status", agenda),
			{ "agenda_published_at", HV_UTC, published, 0 }, TXT("minutes_status", minutes),
			{ "minutes_published_at", HV_UTC, minuted, 0 }, { "minutes_approved_at", HV_UTC, approved, 0 },
			TXT("license", own_license(h, o)), INT("deleted", 0),
			approved_by ? (struct hval)INT("minutes_approved_by", approved_by) :
			(struct hval)TXT("minutes_approved_by", NULL),
		};
		int n = (int)(sizeof(v) / sizeof(v[0]));
		/* (an approver named but not here yet: the column is not written) */
		if (approver && strcmp(minutes, "approved") == 0 && !approved_by)
			n--;
		rc = harvest_upsert(h->db, "meeting", url, jstr(o, "created"), jstr(o, "modified"), v, n, &id);
	}
	if (rc < 0)
		return -1;
	/* Its files: the invitation (agenda), the results protocol (printed
	 * minutes) and the rest. */
	buf_putc(&keep, '[');
	if (link_files(h, derived_file(json_object_get(o, "invitation")) ? NULL : json_object_get(o, "invitation"), url,
		       "meeting_id", id, "front_sheet", NULL, &fpos, &keep) < 0 ||
	    link_files(h, derived_file(json_object_get(o, "resultsProtocol")) ? NULL : json_object_get(o, "resultsProtocol"),
		       url, "meeting_id", id, "minutes", NULL, &fpos, &keep) < 0 ||
	    link_files(h, json_object_get(o, "verbatimProtocol"), url, "meeting_id", id, "minutes", NULL, &fpos, &keep) < 0 ||
	    link_files(h, json_object_get(o, "auxiliaryFile"), url, "meeting_id", id, "supplement", NULL, &fpos, &keep) < 0) {
		buf_release(&keep);
		return -1;
	}
	buf_putc(&keep, ']');
	rc = harvest_prune(h->db, "file_link", "meeting_id", id, keep.data);
	/* Its agenda items, in order; those it no longer lists go. */
	if (rc == 0 && json_is_array(items)) {
		buf_reset(&keep);
		buf_putc(&keep, '[');
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			int64_t iid = json_is_object(it) ? import_item(h, it, id, (int64_t)i + 1) : 0;
			if (iid < 0) {
				rc = -1;
				break;
			}
			if (iid > 0)
				keep_add(&keep, iid);
		}
		buf_putc(&keep, ']');
		if (rc == 0)
			rc = harvest_prune(h->db, "agenda_item", "meeting_id", id, keep.data);
	}
	if (rc == 0)
		rc = import_attendance(h, o, id);
	buf_release(&keep);
	return done(h, rc, id);
}

static int64_t import_consultation(struct hctx *h, json_t *o, int64_t paper)
{
	const char *url = jstr(o, "id");
	int64_t id = 0, item, meeting, org;
	int rc = begin(h, o, "consultation", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	paper = parent(h, o, paper, "paper", "Paper", "a Consultation whose paper could not be found");
	if (!paper)
		return 0;
	item = ref(h, url, jstr(o, "agendaItem"), "agenda_item", "AgendaItem");
	meeting = ref(h, url, jstr(o, "meeting"), "meeting", "Meeting");
	org = ref(h, url, jfirst(o, "organization"), "organization", "Organization");
	{
		struct hval v[] = {
			INT("paper_id", paper), item ? (struct hval)INT("agenda_item_id", item) : (struct hval)TXT("agenda_item_id", NULL),
			meeting ? (struct hval)INT("meeting_id", meeting) : (struct hval)TXT("meeting_id", NULL),
			org ? (struct hval)INT("organization_id", org) : (struct hval)TXT("organization_id", NULL),
			INT("authoritative", jbool(o, "authoritative") == 1), TXT("role", jstr(o, "role")),
			TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "consultation", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	return done(h, rc, id);
}

/* A paper's type: Witan's own words, or the usual German ones of OParl
 * systems ("Beschlussvorlage", "Antrag", "Anfrage", "Mitteilung"). */
static const char *paper_kind(const char *t)
{
	static const char *const own[] = { "report", "motion", "petition", "question", "notice", "other", NULL };
	static const struct { const char *part, *kind; } words[] = {
		{ "bürgerantrag", "petition" }, { "einwohnerantrag", "petition" }, { "petition", "petition" },
		{ "anregung", "petition" }, { "antrag", "motion" }, { "anfrage", "question" },
		{ "mitteilung", "notice" }, { "information", "notice" }, { "bericht", "report" },
		{ "vorlage", "report" },
	};
	char low[64];
	size_t n = 0;

	if (!t)
		return "other";
	if (one_of(t, own))
		return t;
	for (; t[n] && n < sizeof(low) - 1; n++)
		low[n] = (t[n] >= 'A' && t[n] <= 'Z') ? (char)(t[n] + 32) : t[n];
	low[n] = '\0';
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strstr(low, words[k].part))
			return words[k].kind;
	return "other";
}

static int64_t import_paper(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id"), *name = jstr(o, "name"), *kind = jstr(o, "paperType");
	json_t *cons = json_object_get(o, "consultation");
	struct rich desc;
	struct buf keep = BUF_INIT;
	char d1[11], d2[11];
	int64_t id = 0, maker;
	int rc = begin(h, o, "paper", &id), fpos = 0;

	if (rc < 2)
		return rc < 0 ? -1 : id;
	maker = ref(h, url, jfirst(o, "underDirectionOf"), "organization", "Organization");
	rich_of(&desc, jstr(o, "witan:description"), NULL);
	{
		struct hval v[] = {
			INT("body_id", h->body_id), TXT("title", name ? name : jstr(o, "reference") ? jstr(o, "reference") : "(untitled)"),
			TXT("reference", jstr(o, "reference")), TXT("kind", paper_kind(kind)),
			INT("key_decision", jbool(o, "witan:keyDecision") == 1),
			maker ? (struct hval)INT("decision_maker_id", maker) : (struct hval)TXT("decision_maker_id", NULL),
			TXT("forward_plan_date", date_of(o, "witan:forwardPlanDate", d1)), INT("public", 1),
			TXT("date", date_of(o, "date", d2)),
			TXT("description_html", rich_html(&desc)), TXT("description_md", rich_md(&desc)),
			TXT("license", own_license(h, o)), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "paper", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	rich_release(&desc);
	if (rc < 0)
		return -1;
	buf_putc(&keep, '[');
	if (link_files(h, json_object_get(o, "mainFile"), url, "paper_id", id, "report", NULL, &fpos, &keep) < 0 ||
	    link_files(h, json_object_get(o, "auxiliaryFile"), url, "paper_id", id, fpos ? "background" : "report",
		       "background", &fpos, &keep) < 0) {
		buf_release(&keep);
		return -1;
	}
	buf_putc(&keep, ']');
	rc = harvest_prune(h->db, "file_link", "paper_id", id, keep.data);
	for (size_t i = 0; rc == 0 && json_is_array(cons) && i < json_array_size(cons); i++) {
		json_t *c = json_array_get(cons, i);
		if (json_is_object(c) && import_consultation(h, c, id) < 0)
			rc = -1;
	}
	buf_release(&keep);
	return done(h, rc, id);
}

/* An entry of the forward plan (Witan's ForwardPlanEntry): the notice of
 * a key decision.  Required: its name and dates; not open without the
 * paragraph of Schedule 12A, and short notice with its reason, as the
 * schema asks. */
static int64_t import_plan_entry(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id"), *restriction = jstr(o, "restriction"), *urgency = jstr(o, "urgency");
	struct rich summary;
	char d1[11], d2[11];
	int64_t id = 0, paper, maker, lead, para = 0;
	int rc = begin(h, o, "plan_entry", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	if (!restriction)
		restriction = "open";
	if (!urgency)
		urgency = "none";
	if (jint(o, "exemptParagraph", &para) && (para < 1 || para > 7)) {
		fprintf(stderr, "witan: %s: exemptParagraph %lld is not a paragraph of Schedule 12A: left out\n", url,
			(long long)para);
		para = 0;
	}
	if (strcmp(restriction, "open") != 0 && !para) {
		bad(h, url, "a ForwardPlanEntry taken in private without its paragraph of Schedule 12A");
		return 0;
	}
	if (strcmp(urgency, "none") != 0 && !(jstr(o, "urgencyReason") && *jstr(o, "urgencyReason"))) {
		bad(h, url, "a ForwardPlanEntry at short notice without its reason");
		return 0;
	}
	paper = ref(h, url, jstr(o, "paper"), "paper", "Paper");
	maker = ref(h, url, jstr(o, "decisionMaker"), "organization", "Organization");
	lead = ref(h, url, jstr(o, "leadMember"), "person", "Person");
	rich_of(&summary, jstr(o, "summary"), NULL);
	{
		struct hval v[] = {
			INT("body_id", h->body_id), TXT("title", jstr(o, "name")), TXT("reference", jstr(o, "reference")),
			REFV("paper_id", paper), TXT("summary_md", rich_md(&summary)), TXT("summary_html", rich_html(&summary)),
			REFV("decision_maker_id", maker), TXT("decision_maker_post", jstr(o, "decisionMakerPost")),
			REFV("lead_member_id", lead), TXT("lead_officer", jstr(o, "leadOfficer")),
			TXT("first_published", date_of(o, "firstPublished", d1)), TXT("decision_due", date_of(o, "decisionDue", d2)),
			TXT("wards", jstr(o, "wards")), TXT("consultees", jstr(o, "consultees")),
			TXT("documents", jstr(o, "documents")), TXT("restriction", restriction),
			strcmp(restriction, "open") != 0 ? (struct hval)INT("exempt_paragraph", para) :
			(struct hval)TXT("exempt_paragraph", NULL), TXT("urgency", urgency),
			TXT("urgency_reason", strcmp(urgency, "none") != 0 ? jstr(o, "urgencyReason") : NULL),
			TXT("status", jstr(o, "status") ? jstr(o, "status") : "planned"), INT("published", 1), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "plan_entry", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	rich_release(&summary);
	return done(h, rc, id);
}

/* A decision record (Witan's Decision): where it was taken (its agenda
 * item: the meeting follows), what it decides, who decided, the notice
 * that preceded it.  Required: its name, its decision and a known
 * status (made when none is said). */
static int64_t import_decision(struct hctx *h, json_t *o)
{
	const char *url = jstr(o, "id");
	struct rich dec, reasons, alts;
	char d1[11], d2[11], d3[11];
	int64_t id = 0, item, paper, maker, person, plan;
	int rc = begin(h, o, "decision", &id);

	if (rc < 2)
		return rc < 0 ? -1 : id;
	item = ref(h, url, jstr(o, "agendaItem"), "agenda_item", "AgendaItem");
	paper = ref(h, url, jstr(o, "paper"), "paper", "Paper");
	maker = ref(h, url, jstr(o, "decisionMaker"), "organization", "Organization");
	person = ref(h, url, jstr(o, "decisionMakerPerson"), "person", "Person");
	plan = ref(h, url, jstr(o, "forwardPlanEntry"), "plan_entry", "ForwardPlanEntry");
	rich_of(&dec, jstr(o, "decision"), jstr(o, "decisionText"));
	rich_of(&reasons, jstr(o, "reasons"), NULL);
	rich_of(&alts, jstr(o, "alternatives"), NULL);
	{
		struct hval v[] = {
			TXT("title", jstr(o, "name")), TXT("kind", jstr(o, "kind")),
			TXT("status", jstr(o, "status") ? jstr(o, "status") : "made"), TXT("decided_on", date_of(o, "date", d1)),
			OPTBOOL("key_decision", jbool(o, "keyDecision")),
			TXT("decision_md", rich_md(&dec)), TXT("decision_html", rich_html(&dec)),
			TXT("reasons_md", rich_md(&reasons)), TXT("reasons_html", rich_html(&reasons)),
			TXT("alternatives_md", rich_md(&alts)), TXT("alternatives_html", rich_html(&alts)),
			TXT("conflicts", jstr(o, "conflicts")), TXT("dispensations", jstr(o, "dispensations")),
			REFV("decision_maker_id", maker), REFV("decision_maker_person_id", person),
			TXT("decision_maker_post", jstr(o, "decisionMakerPost")), TXT("wards", jstr(o, "wards")),
			OPTBOOL("call_in", jbool(o, "callIn")), TXT("call_in_deadline", date_of(o, "callInDeadline", d2)),
			TXT("effective_from", date_of(o, "effectiveFrom", d3)),
			REFV("agenda_item_id", item), REFV("paper_id", paper), REFV("plan_entry_id", plan),
			INT("published", 1), INT("deleted", 0),
		};
		rc = harvest_upsert(h->db, "decision", url, jstr(o, "created"), jstr(o, "modified"), v,
				    (int)(sizeof(v) / sizeof(v[0])), &id);
	}
	rich_release(&dec);
	rich_release(&reasons);
	rich_release(&alts);
	return done(h, rc, id);
}

/* An object not inside another (which would give its parent). */
static int64_t import_membership_alone(struct hctx *h, json_t *o)
{
	return import_membership(h, o, 0);
}

static int64_t import_item_alone(struct hctx *h, json_t *o)
{
	return import_item(h, o, 0, 0);
}

static int64_t import_consultation_alone(struct hctx *h, json_t *o)
{
	return import_consultation(h, o, 0);
}

/* The types this import takes: the body's list each is read from (in
 * this order; a resumed run goes on at its step), what the progress calls
 * them, and the function that imports one. */
static const struct {
	const char *key, *type, *label;
	int64_t (*import)(struct hctx *h, json_t *o);
} steps[] = {
	{ "organization", "Organization", "organizations", import_org },
	{ "person", "Person", "people", import_person },
	{ "locationList", "Location", "locations", import_location },
	{ "meeting", "Meeting", "meetings", import_meeting },
	{ "paper", "Paper", "papers", import_paper },
	{ "membership", "Membership", "memberships", import_membership_alone },
	{ "agendaItem", "AgendaItem", "agenda items", import_item_alone },
	{ "consultation", "Consultation", "consultations", import_consultation_alone },
	{ "file", "File", "files", import_file },
	{ "legislativeTermList", "LegislativeTerm", "legislative terms", import_term },
	/* Witan's statutory records (after what they refer to; last, so that
	 * the steps of a run interrupted by an older witan stay as they were) */
	{ "witan:forwardPlanList", "ForwardPlanEntry", "forward plan entries", import_plan_entry },
	{ "witan:decisionList", "Decision", "decisions", import_decision },
};
#define NSTEPS ((int)(sizeof(steps) / sizeof(steps[0])))

/* Any object, by its type (want: the type expected, or NULL).  Returns
 * its row id, 0 when skipped or deleted, -1 when the run cannot go on. */
static int64_t import_any(struct hctx *h, json_t *o, const char *want)
{
	const char *t = type_of(o), *url = jstr(o, "id");

	if (!url || !t) {
		bad(h, url, !url ? "no id" : "no OParl type");
		return 0;
	}
	if (want && strcmp(t, want) != 0) {
		bad(h, url, "not of the type it was referred to as");
		return 0;
	}
	if (!jstr(o, "modified") && jbool(o, "deleted") != 1) {
		/* (1.0 made it optional; without it, every run updates it) */
	}
	for (int i = 0; i < NSTEPS; i++)
		if (strcmp(t, steps[i].type) == 0)
			return steps[i].import(h, o);
	bad(h, url, "a type this import does not take here");
	return 0;
}

/* One object of a list page inside a savepoint: a failure of the object
 * (a constraint, say) undoes only it and counts it bad. */
static int import_listed(struct hctx *h, json_t *o, const char *want)
{
	int64_t id;
	char why[300];

	if (harvest_object_begin(h->db) < 0)
		return -1;
	if (!json_is_object(o)) {
		bad(h, NULL, "a list entry that is not an object");
		return harvest_object_end(h->db, 1);
	}
	id = import_any(h, o, want);
	if (id >= 0)
		return harvest_object_end(h->db, 1);
	snprintf(why, sizeof(why), "it could not be written (%s)", h->db->err);
	if (harvest_object_end(h->db, 0) < 0)
		return -1;
	bad(h, jstr(o, "id"), why);
	return 0;
}

static int import_body(struct hctx *h, json_t *b)
{
	static const char *const regions[] = { "england", "wales", "scotland", "northern_ireland", "other", NULL };
	const char *url = jstr(b, "id"), *name = jstr(b, "name"), *region = jstr(b, "witan:region");
	json_t *terms = json_object_get(b, "legislativeTerm");
	int64_t id = harvest_body(h->db), have;
	int rc;

	if (id < 0 || !url || !name) {
		if (id >= 0)
			fprintf(stderr, "witan: the source's body has no %s\n", url ? "name" : "id");
		return -1;
	}
	rc = harvest_lookup(h->db, url, "body", &have, NULL, 0);
	if (rc < 0 || (rc == 0 && id > 0 && harvest_adopt(h->db, url, "body", id) < 0))
		return -1;
	{
		struct hval v[] = {
			TXT("name", name), TXT("short_name", jstr(b, "shortName")), TXT("website", jstr(b, "website")),
			TXT("email", jstr(b, "contactEmail")), TXT("region", one_of(region, regions) ? region : "england"),
			/* The source's licence becomes ours when we have none. */
			{ "license", HV_KEEP, licence_url_valid(h->src_license) ? h->src_license : NULL, 0 },
		};
		if (harvest_upsert(h->db, "body", url, jstr(b, "created"), jstr(b, "modified"), v,
				   (int)(sizeof(v) / sizeof(v[0])), &h->body_id) < 0)
			return -1;
	}
	/* What differs from our licence is kept on each object (own_license). */
	if (harvest_body_license(h->db, h->body_id, h->body_license, sizeof(h->body_license)) < 0)
		return -1;
	for (size_t i = 0; json_is_array(terms) && i < json_array_size(terms); i++) {
		json_t *t = json_array_get(terms, i);
		if (json_is_object(t) && import_term(h, t) < 0)
			return -1;
	}
	return 0;
}


/* url with modified_since=since added (since "" : url as it is). */
static void with_since(struct buf *b, const char *url, const char *since)
{
	buf_puts(b, url);
	if (!*since)
		return;
	buf_putc(b, strchr(url, '?') ? '&' : '?');
	buf_puts(b, "modified_since=");
	url_escape(b, since);
}

static int read_list(struct hctx *h, const char *system_url, struct harvest_run *run, const char *first, int step)
{
	char *url = run->next_url ? strdup(run->next_url) : strdup(first);
	long seen = 0;
	int rc = -1;

	while (url) {
		json_t *page = get_json(h, url), *data, *next;
		int64_t total = 0;

		if (!page)
			goto out;
		data = json_object_get(page, "data");
		if (!json_is_array(data)) {
			fprintf(stderr, "witan: %s: not an OParl list (no data)\n", url);
			json_decref(page);
			goto out;
		}
		jint(json_object_get(page, "pagination"), "totalElements", &total);
		if (prefetch(h, data) < 0 || db_begin(h->db) < 0) {
			prefetch_release(h);
			json_decref(page);
			goto out;
		}
		for (size_t i = 0; i < json_array_size(data); i++) {
			if (import_listed(h, json_array_get(data, i), steps[step].type) < 0) {
				db_rollback(h->db);
				prefetch_release(h);
				json_decref(page);
				goto out;
			}
		}
		next = json_object_get(json_object_get(page, "links"), "next");
		if (!next)
			next = json_object_get(page, "nextPage"); /* (OParl 1.0 drafts) */
		free(url);
		url = json_is_string(next) ? strdup(json_string_value(next)) : NULL;
		free(run->next_url);
		run->next_url = url ? strdup(url) : NULL;
		run->step = step;
		run->objects = h->rep->objects;
		run->bad = h->rep->bad;
		prefetch_release(h);
		if (harvest_run_save(h->db, system_url, run) < 0 || db_commit(h->db) < 0) {
			json_decref(page);
			goto out;
		}
		seen += (long)json_array_size(data);
		if (h->o->progress)
			h->o->progress((void *)steps[step].label, url ? seen : (total > seen ? (long)total : seen),
				       total > seen ? (long)total : seen);
		json_decref(page);
	}
	rc = 0;
out:
	free(url);
	return rc;
}

static void name_unresolved(void *ctx, const char *from, const char *to)
{
	struct hctx *h = ctx;

	h->rep->unresolved++;
	if (h->rep->unresolved <= MAX_REPORTED)
		fprintf(stderr, "witan: could not resolve %s (referenced by %s)\n", to, *from ? from : "the body");
	else if (h->rep->unresolved == MAX_REPORTED + 1)
		fprintf(stderr, "witan: (further unresolved references are only counted)\n");
}

/* References that could not be resolved when they were met (a target
 * listed later, or not reachable then) are tried again: each object that
 * made one is fetched and imported again, now that the rest of the record
 * is here.  What still cannot be resolved is named, and stays remembered
 * for the next run.  0 or -1. */
static int retry_pending(struct hctx *h)
{
	char **from = NULL;
	size_t n = 0;
	int rc = -1;

	if (harvest_pending_froms(h->db, &from, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *o = get_json(h, from[i]);
		if (!o)
			continue; /* (its references stay unresolved) */
		if (prefetch(h, o) < 0 || db_begin(h->db) < 0) {
			prefetch_release(h);
			json_decref(o);
			goto out;
		}
		if (harvest_forget(h->db, from[i]) < 0 || import_listed(h, o, NULL) < 0) {
			db_rollback(h->db);
			prefetch_release(h);
			json_decref(o);
			goto out;
		}
		prefetch_release(h);
		json_decref(o);
		if (db_commit(h->db) < 0)
			goto out;
	}
	h->rep->unresolved = 0;
	rc = harvest_pending_each(h->db, name_unresolved, h);
out:
	harvest_strings_free(from, n);
	return rc;
}

/* --- a session of objects given one by one ---------------------------- */

struct harvest {
	struct hctx h;
	struct harvest_opts o;
};

struct harvest *harvest_open(struct db *db, struct store *st, const struct harvest_opts *o,
			     struct harvest_report *rep)
{
	struct harvest *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->o = *o;
	s->h = (struct hctx){ .db = db, .st = st, .o = &s->o, .rep = rep, .given = 1 };
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || !(s->h.curl = curl_easy_init())) {
		snprintf(db->err, sizeof(db->err), "cannot start libcurl");
		goto fail;
	}
	if ((s->h.body_id = harvest_body(db)) <= 0) {
		if (s->h.body_id == 0)
			snprintf(db->err, sizeof(db->err), "the database has no body to import into");
		goto fail;
	}
	if (harvest_body_license(db, s->h.body_id, s->h.body_license, sizeof(s->h.body_license)) < 0)
		goto fail;
	return s;
fail:
	harvest_close(s);
	return NULL;
}

int harvest_body_new(struct db *db, const char *url, const char *name)
{
	struct harvest_opts o = { .quiet = 1 };
	struct harvest_report rep = { 0 };
	struct hctx h = { .db = db, .o = &o, .rep = &rep };
	json_t *b = json_pack("{s:s, s:s}", "id", url, "name", name);
	int64_t have = harvest_body(db);
	int rc = -1;

	if (!b || have < 0)
		goto out;
	if (have > 0) {
		rc = 0;
		goto out;
	}
	if (db_begin(db) < 0)
		goto out;
	if (import_body(&h, b) < 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db);
out:
	json_decref(b);
	return rc;
}

int harvest_put(struct harvest *s, json_t *o, int (*also)(struct db *db, void *ctx), void *ctx)
{
	struct hctx *h = &s->h;
	int rc = -1;

	if (prefetch(h, o) < 0 || db_begin(h->db) < 0)
		goto out;
	if (import_listed(h, o, NULL) < 0 || (also && also(h->db, ctx) < 0)) {
		db_rollback(h->db);
		goto out;
	}
	rc = db_commit(h->db);
out:
	prefetch_release(h);
	return rc;
}

int64_t harvest_local_id(struct harvest *s, const char *url, const char *table)
{
	int64_t id = 0;
	int rc = harvest_lookup(s->h.db, url, table, &id, NULL, 0);

	return rc < 0 ? -1 : rc ? id : 0;
}

void harvest_close(struct harvest *s)
{
	if (!s)
		return;
	if (s->h.curl)
		curl_easy_cleanup(s->h.curl);
	free(s->h.pre);
	free(s);
}

int harvest_oparl(struct db *db, struct store *st, const char *system_url, const struct harvest_opts *o,
		  struct harvest_report *rep)
{
	struct hctx h = { .db = db, .st = st, .o = o, .rep = rep };
	struct harvest_run run;
	json_t *sys = NULL, *bodies = NULL, *body = NULL;
	const char *body_list;
	int rc = -1, begun = 0;

	memset(rep, 0, sizeof(*rep));
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || !(h.curl = curl_easy_init())) {
		fprintf(stderr, "witan: cannot start libcurl\n");
		return -1;
	}
	if (!(sys = get_json(&h, system_url)))
		goto out;
	if (!type_of(sys) || strcmp(type_of(sys), "System") != 0 || !(body_list = jstr(sys, "body"))) {
		fprintf(stderr, "witan: %s is not an OParl System (type and body)\n", system_url);
		goto out;
	}
	if (harvest_run_begin(db, system_url, o->full, &run) < 0)
		goto out_db;
	begun = 1;
	rep->incremental = run.since[0] != '\0';
	rep->resumed = run.resumed;
	rep->objects = run.objects;
	rep->bad = run.bad;
	/* The body list: its first body (Witan serves one body). */
	if (!(bodies = get_json(&h, body_list)))
		goto out;
	body = json_array_get(json_object_get(bodies, "data"), 0);
	if (!json_is_object(body)) {
		fprintf(stderr, "witan: %s lists no body\n", body_list);
		goto out;
	}
	if (json_array_size(json_object_get(bodies, "data")) > 1 ||
	    json_is_string(json_object_get(json_object_get(bodies, "links"), "next")))
		fprintf(stderr, "witan: the source has more than one body; importing the first, %s\n", jstr(body, "name"));
	h.statutory = jstr(body, "witan:decisionList") || jstr(body, "witan:forwardPlanList");
	h.src_license = licence_text_ok(jstr(body, "license")) ? jstr(body, "license") :
			licence_text_ok(jstr(sys, "license")) ? jstr(sys, "license") : NULL;
	if (db_begin(db) < 0)
		goto out_db;
	if (import_body(&h, body) < 0) {
		db_rollback(db);
		goto out_db;
	}
	if (db_commit(db) < 0)
		goto out_db;
	for (int step = run.step; step < NSTEPS; step++) {
		const char *list = jstr(body, steps[step].key);
		struct buf first = BUF_INIT;

		if (!list) /* (OParl 1.0 has no such list: embedded only) */
			continue;
		with_since(&first, list, run.since);
		if (read_list(&h, system_url, &run, first.data, step) < 0) {
			buf_release(&first);
			goto out_db;
		}
		buf_release(&first);
		free(run.next_url);
		run.next_url = NULL;
		run.step = step + 1;
		if (db_begin(db) < 0 || harvest_run_save(db, system_url, &run) < 0 || db_commit(db) < 0)
			goto out_db;
	}
	if (retry_pending(&h) < 0)
		goto out_db;
	if (harvest_max_modified(db, run.next_since, sizeof(run.next_since)) < 0)
		goto out_db;
	run.objects = rep->objects;
	run.bad = rep->bad;
	if (db_begin(db) < 0 || harvest_run_finish(db, system_url, &run) < 0 || db_commit(db) < 0)
		goto out_db;
	rc = 0;
	goto out;
out_db:
	if (db->err[0])
		fprintf(stderr, "witan: %s\n", db->err);
out:
	if (begun)
		harvest_run_release(&run);
	prefetch_release(&h);
	free(h.pre);
	json_decref(bodies);
	json_decref(sys);
	curl_easy_cleanup(h.curl);
	curl_global_cleanup();
	return rc;
}

int harvest_oparl_object(struct db *db, struct store *st, const char *text, size_t len, struct harvest_report *rep)
{
	struct harvest_opts o = { .quiet = 1 };
	/* Skipped objects are counted only: the caller reads the report. */
	struct hctx h = { .db = db, .st = st, .o = &o, .rep = rep, .reported = MAX_REPORTED + 1 };
	json_error_t jerr;
	json_t *j;
	int rc = -1;

	memset(rep, 0, sizeof(*rep));
	j = json_loadb(text, len, 0, &jerr);
	if (!j || !json_is_object(j)) {
		snprintf(db->err, sizeof(db->err), "not a JSON object (%s, line %d)", j ? "another value" : jerr.text,
			 jerr.line);
		goto out;
	}
	if ((h.body_id = harvest_body(db)) <= 0) {
		if (h.body_id == 0)
			snprintf(db->err, sizeof(db->err), "the database has no body to import into");
		goto out;
	}
	if (harvest_body_license(db, h.body_id, h.body_license, sizeof(h.body_license)) < 0 || db_begin(db) < 0)
		goto out;
	if (import_listed(&h, j, NULL) < 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db);
out:
	json_decref(j);
	return rc;
}
