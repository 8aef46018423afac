/* logcheck.c: a site's publication log checked from outside (see
 * logcheck.h): the whole tree is rebuilt in memory from the entry
 * bundles, each leaf checked against its tile, the root against the
 * signed checkpoint. */
#include "import/logcheck.h"

#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/fetch.h"
#include "util/logtext.h"
#include "util/note.h"
#include "util/tlog.h"
#include "version.h"
#include "util/banned.h"

#define AGENT "witan-log-verify/" WITAN_VERSION
#define MAX_SMALL (1L << 20)          /* a key, a checkpoint */
#define MAX_TILE (1L << 24)           /* a tile or an entry bundle (256 entries of up to 64 KB) */
#define MAX_DOCUMENT (512L << 20)

/* The tree in memory: level k holds the hashes of the complete subtrees
 * of 2^k leaves. */
struct tree {
	unsigned char (*level[64])[TLOG_HASH];
	uint64_t len[64];
};

static int tree_node(void *ctx, int level, uint64_t index, unsigned char out[TLOG_HASH])
{
	const struct tree *t = ctx;

	if (level < 0 || level >= 64 || index >= t->len[level])
		return -1;
	memcpy(out, t->level[level][index], TLOG_HASH);
	return 0;
}

static int tree_build(struct tree *t)
{
	for (int k = 1; k < 64 && t->len[k - 1] >= 2; k++) {
		t->len[k] = t->len[k - 1] / 2;
		if (!(t->level[k] = malloc(t->len[k] * TLOG_HASH)))
			return -1;
		for (uint64_t i = 0; i < t->len[k]; i++)
			tlog_node_hash(t->level[k - 1][2 * i], t->level[k - 1][2 * i + 1], t->level[k][i]);
	}
	return 0;
}

static void tree_free(struct tree *t)
{
	for (int k = 0; k < 64; k++)
		free(t->level[k]);
}

/* What the log speaks of that can be checked from outside: a document
 * (its bytes), a meeting's agenda or minutes (their serialization from the
 * site's OParl meeting), a decision record (from its OParl object); with
 * the index of its latest entry and what that entry says. */
enum okind { K_DOCUMENT, K_AGENDA, K_MINUTES, K_DECISION };

struct obj {
	enum okind kind;
	long long id;
	uint64_t entry;
	int withdrawn;
	char sha[2 * TLOG_HASH + 1];
};

static int cmp_obj(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int obj_of(const char *object, enum okind *kind, long long *id)
{
	char tail[16];

	if (sscanf(object, "/documents/%lld%15s", id, tail) == 1)
		return *kind = K_DOCUMENT, 0;
	if (sscanf(object, "/decisions/%lld%15s", id, tail) == 1)
		return *kind = K_DECISION, 0;
	if (sscanf(object, "/meetings/%lld/%15s", id, tail) == 2 && strcmp(tail, "agenda") == 0)
		return *kind = K_AGENDA, 0;
	if (sscanf(object, "/meetings/%lld/%15s", id, tail) == 2 && strcmp(tail, "minutes") == 0)
		return *kind = K_MINUTES, 0;
	return -1;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The id at the end of an OParl URL (".../agendaitem/12"). */
static long long url_id(const char *url)
{
	const char *slash = url ? strrchr(url, '/') : NULL;
	return slash ? strtoll(slash + 1, NULL, 10) : 0;
}

/* The serialization of an agenda, minutes or decision from the site's
 * OParl object (o), hashed into sha: 0, or -1 when o is not one. */
static int content_sha(enum okind kind, json_t *o, char sha[2 * TLOG_HASH + 1])
{
	struct buf b = BUF_INIT;
	json_t *items = json_object_get(o, "agendaItem");
	int k = 0, rc = 0;

	if (kind == K_DECISION) {
		logtext_decision(&b, jstr(o, "name"), jstr(o, "date"), jstr(o, "kind"), jstr(o, "status"),
				 jstr(o, "decision"), jstr(o, "reasons"), jstr(o, "alternatives"));
	} else {
		buf_putc(&b, '[');
		for (size_t i = 0; json_is_array(items) && i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			int exempt = json_is_false(json_object_get(it, "public"));
			long long id = url_id(jstr(it, "id"));
			if (kind == K_MINUTES && exempt)
				continue;
			if (kind == K_MINUTES)
				logtext_minutes_item(&b, k++, id, jstr(it, "number"), jstr(it, "name"), jstr(it, "witan:minutes"),
						     jstr(it, "witan:decision"));
			else
				logtext_agenda_item(&b, k++, id, jstr(it, "number"), jstr(it, "name"), exempt,
						    jstr(it, "witan:description"));
		}
		buf_putc(&b, ']');
	}
	if (b.err)
		rc = -1;
	else
		logtext_sha256(&b, sha);
	buf_release(&b);
	return rc;
}

/* One line of an entry ("sha256 ..."): its value into out (at most n). */
static int field(const char *e, size_t len, const char *name, char *out, size_t n)
{
	size_t k = strlen(name);

	for (const char *p = e; p < e + len;) {
		const char *nl = memchr(p, '\n', (size_t)(e + len - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(e + len - p);
		if (ll > k && memcmp(p, name, k) == 0 && p[k] == ' ' && ll - k - 1 < n) {
			memcpy(out, p + k + 1, ll - k - 1);
			out[ll - k - 1] = '\0';
			return 0;
		}
		p += ll + 1;
	}
	return -1;
}

static long get(CURL *c, const char *url, long max, struct buf *out)
{
	buf_reset(out);
	return fetch_get(c, AGENT, url, max, NULL, NULL, out);
}

long logcheck_url(const char *url, const struct logcheck_opts *o, struct buf *report, char *err, size_t errlen)
{
	struct buf base = BUF_INIT, u = BUF_INIT, b = BUF_INIT, cp = BUF_INIT;
	struct tree t;
	struct note_verifier v;
	struct obj *objs = NULL;
	size_t nobjs = 0, capobjs = 0;
	char origin[256], vkey[NOTE_KEY_MAX], path[128];
	unsigned char root[TLOG_HASH], now[TLOG_HASH];
	uint64_t n;
	size_t tlen, k;
	long bad = -1, status, checked = 0;
	CURL *c = curl_easy_init();

	memset(&t, 0, sizeof(t));
	k = strlen(url);
	while (k > 0 && url[k - 1] == '/')
		k--;
	buf_append(&base, url, k);
	if (!c || base.err) {
		snprintf(err, errlen, "cannot start libcurl");
		goto out;
	}
	/* The key: the one given, else the site's own. */
	if (o->key) {
		snprintf(vkey, sizeof(vkey), "%s", o->key);
	} else {
		buf_reset(&u);
		buf_printf(&u, "%s/log/key", base.data);
		if ((status = get(c, u.data, MAX_SMALL, &b)) != 200 || !b.data) {
			snprintf(err, errlen, "%s: %s", u.data, status == 404 ? "the site keeps no publication log" : "no key");
			goto out;
		}
		snprintf(vkey, sizeof(vkey), "%.*s", (int)strcspn(b.data, "\r\n"), b.data);
		fprintf(stderr, "witan: trusting the site's own key %s (give --key to pin it)\n", vkey);
	}
	if (note_verifier_parse(vkey, &v) < 0) {
		snprintf(err, errlen, "%s is not a verifier key", vkey);
		goto out;
	}
	/* The checkpoint, signed by that key. */
	buf_reset(&u);
	buf_printf(&u, "%s/log/checkpoint", base.data);
	if ((status = get(c, u.data, MAX_SMALL, &cp)) != 200 || !cp.data) {
		snprintf(err, errlen, "%s: HTTP %ld", u.data, status);
		goto out;
	}
	if (note_verify(&v, cp.data, cp.len, &tlen) < 0 ||
	    checkpoint_parse(cp.data, tlen, origin, sizeof(origin), &n, root) < 0) {
		snprintf(err, errlen, "%s: not a checkpoint signed by %s", u.data, v.name);
		goto out;
	}
	if (strcmp(origin, v.name) != 0) {
		snprintf(err, errlen, "the checkpoint's origin %s is not the key's name %s", origin, v.name);
		goto out;
	}
	bad = 0;
	/* Every entry, with its leaf checked against the tiles. */
	if (n > 0 && !(t.level[0] = malloc(n * TLOG_HASH))) {
		snprintf(err, errlen, "out of memory for %llu leaves", (unsigned long long)n);
		bad = -1;
		goto out;
	}
	t.len[0] = n;
	for (uint64_t first = 0; first < n; first += TLOG_TILE_WIDTH) {
		int w = (int)(n - first < TLOG_TILE_WIDTH ? n - first : TLOG_TILE_WIDTH);
		struct buf tile = BUF_INIT;
		size_t at = 0;
		int i = 0;

		tlog_tile_path(0, first / TLOG_TILE_WIDTH, w, path, sizeof(path));
		buf_reset(&u);
		buf_printf(&u, "%s/log/%s", base.data, path);
		status = get(c, u.data, MAX_TILE, &tile);
		if (status != 200 || tile.len != (size_t)w * TLOG_HASH) {
			buf_printf(report, "%s: HTTP %ld, %zu bytes for %d hashes\n", u.data, status, tile.len, w);
			bad++;
			buf_release(&tile);
			break;
		}
		tlog_tile_path(-1, first / TLOG_TILE_WIDTH, w, path, sizeof(path));
		buf_reset(&u);
		buf_printf(&u, "%s/log/%s", base.data, path);
		if ((status = get(c, u.data, MAX_TILE, &b)) != 200) {
			buf_printf(report, "%s: HTTP %ld\n", u.data, status);
			bad++;
			buf_release(&tile);
			break;
		}
		for (; i < w && at + 2 <= b.len; i++) {
			const unsigned char *p = (const unsigned char *)b.data + at;
			size_t len = (size_t)p[0] << 8 | p[1];
			const char *e = b.data + at + 2;
			char obj[256], sha[80];
			enum okind kind;
			long long id;
			if (at + 2 + len > b.len)
				break;
			tlog_leaf_hash(e, len, t.level[0][first + (uint64_t)i]);
			if (memcmp(t.level[0][first + (uint64_t)i], tile.data + (size_t)i * TLOG_HASH, TLOG_HASH) != 0) {
				buf_printf(report, "entry %llu: its hash is not the one in its tile\n",
					   (unsigned long long)(first + (uint64_t)i));
				bad++;
			}
			if (field(e, len, "object", obj, sizeof(obj)) == 0 && obj_of(obj, &kind, &id) == 0) {
				if (nobjs == capobjs) {
					void *q = realloc(objs, (capobjs = capobjs ? capobjs * 2 : 256) * sizeof(*objs));
					if (!q)
						break;
					objs = q;
				}
				objs[nobjs].kind = kind;
				objs[nobjs].id = id;
				objs[nobjs].entry = first + (uint64_t)i;
				objs[nobjs].withdrawn = field(e, len, "sha256", sha, sizeof(sha)) < 0;
				snprintf(objs[nobjs].sha, sizeof(objs[nobjs].sha), "%s", objs[nobjs].withdrawn ? "" : sha);
				nobjs++;
			}
			at += 2 + len;
		}
		buf_release(&tile);
		if (i != w || at != b.len) {
			buf_printf(report, "%s: not %d entries\n", u.data, w);
			bad++;
			break;
		}
	}
	if (bad) {
		buf_printf(report, "the tree could not be rebuilt: nothing more was checked\n");
		goto out;
	}
	if (tree_build(&t) < 0 || tlog_root(tree_node, &t, n, now) < 0) {
		snprintf(err, errlen, "out of memory");
		bad = -1;
		goto out;
	}
	if (memcmp(now, root, TLOG_HASH) != 0) {
		buf_printf(report, "the entries do not make the root the checkpoint signed\n");
		bad++;
	}
	/* A checkpoint kept from before: the log must extend it. */
	if (o->kept) {
		char korigin[256];
		unsigned char kroot[TLOG_HASH];
		uint64_t m;
		if (note_verify(&v, o->kept, o->kept_len, &tlen) < 0 ||
		    checkpoint_parse(o->kept, tlen, korigin, sizeof(korigin), &m, kroot) < 0 ||
		    strcmp(korigin, origin) != 0) {
			buf_printf(report, "the kept checkpoint is not one of this log signed by its key\n");
			bad++;
		} else if (m > n) {
			buf_printf(report, "the kept checkpoint names %llu entries, the log now %llu: it was cut back\n",
				   (unsigned long long)m, (unsigned long long)n);
			bad++;
		} else if (m > 0 && (tlog_root(tree_node, &t, m, now) < 0 || memcmp(now, kroot, TLOG_HASH) != 0)) {
			buf_printf(report, "the log's first %llu entries are not the tree the kept checkpoint signed:"
				   " the log was rewritten\n", (unsigned long long)m);
			bad++;
		}
	}
	/* What it says is published, as served now: documents' bytes, and
	 * agendas, minutes and decisions through the site's OParl API. */
	if (o->documents && nobjs) {
		qsort(objs, nobjs, sizeof(*objs), cmp_obj);
		for (size_t i = 0; i < nobjs; i++) {
			const struct obj *x = &objs[i];
			static const char *const what[] = { "documents", "meetings", "meetings", "decisions" };
			char hex[2 * TLOG_HASH + 1] = "", where[64];
			if (i + 1 < nobjs && objs[i + 1].kind == x->kind && objs[i + 1].id == x->id)
				continue; /* (its latest entry only) */
			snprintf(where, sizeof(where), "/%s/%lld%s", what[x->kind], x->id,
				 x->kind == K_AGENDA ? "/agenda" : x->kind == K_MINUTES ? "/minutes" : "");
			buf_reset(&u);
			if (x->kind == K_DOCUMENT)
				buf_printf(&u, "%s/documents/%lld/-", base.data, x->id);
			else
				buf_printf(&u, "%s/oparl/v1.1/%s/%lld", base.data, x->kind == K_DECISION ? "decision" : "meeting",
					   x->id);
			status = get(c, u.data, x->kind == K_DOCUMENT ? MAX_DOCUMENT : MAX_TILE, &b);
			if (status == 200 && x->kind == K_DOCUMENT) {
				unsigned char h[TLOG_HASH];
				crypto_hash_sha256(h, (const unsigned char *)(b.data ? b.data : ""), b.len);
				sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
			} else if (status == 200) {
				json_error_t jerr;
				json_t *j = json_loadb(b.data ? b.data : "", b.len, 0, &jerr);
				const char *st = x->kind == K_AGENDA ? jstr(j, "witan:agendaStatus") :
						 x->kind == K_MINUTES ? jstr(j, "witan:minutesStatus") : "public";
				int out = st && (strcmp(st, "published") == 0 || strcmp(st, "approved") == 0 ||
						 strcmp(st, "public") == 0);
				if (!json_is_object(j) || !out || content_sha(x->kind, j, hex) < 0)
					hex[0] = '\0';
				json_decref(j);
			}
			checked++;
			if (x->withdrawn) {
				if (hex[0]) {
					buf_printf(report, "%s: withdrawn (entry %llu), but public\n", where,
						   (unsigned long long)x->entry);
					bad++;
				}
			} else if (!hex[0]) {
				buf_printf(report, "%s: published (entry %llu), but not public (HTTP %ld)\n", where,
					   (unsigned long long)x->entry, status);
				bad++;
			} else if (strcmp(hex, x->sha) != 0) {
				buf_printf(report, "%s: is %s, but entry %llu says %s\n", where, hex, (unsigned long long)x->entry,
					   x->sha);
				bad++;
			}
		}
	}
	/* (kept for the next check only when all held) */
	if (o->save && bad == 0) {
		FILE *f = fopen(o->save, "we");
		int ok = f && fwrite(cp.data, 1, cp.len, f) == cp.len;
		if (f && fclose(f) != 0)
			ok = 0;
		if (!ok) {
			buf_printf(report, "%s: the checkpoint could not be saved: %s\n", o->save, strerror(errno));
			bad++;
		}
	}
	fprintf(stderr, "witan: %s: %llu entries: the tree rebuilt from them and its signed root checked%s;"
		" %ld objects it names checked as served\n", origin, (unsigned long long)n,
		o->kept ? ", and against the kept checkpoint" : "", checked);
out:
	tree_free(&t);
	free(objs);
	buf_release(&base);
	buf_release(&u);
	buf_release(&b);
	buf_release(&cp);
	if (c)
		curl_easy_cleanup(c);
	return bad;
}
