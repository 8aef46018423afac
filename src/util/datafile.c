/* datafile.c: reading the data files of data/ (see datafile.h). */
#include "util/datafile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/embed.h"

#include "util/banned.h"

#define KEY_CHARS "abcdefghijklmnopqrstuvwxyz0123456789-_"

static int bad(char *err, size_t errlen, const char *file, int line, const char *what)
{
	if (!*err)
		snprintf(err, errlen, "%s:%d: %s", file, line, what);
	return -1;
}

/* v (n used of *alloc) with room for one more, grown by first and then
 * doubling: v itself, the moved array, or NULL (v kept, df out of memory). */
static void *room(struct datafile *df, void *v, size_t *alloc, size_t n, size_t size, size_t first)
{
	size_t a = *alloc * 2 + first;

	if (n < *alloc)
		return v;
	if (!(v = realloc(v, a * size))) {
		df->pool.oom = 1;
		return NULL;
	}
	*alloc = a;
	return v;
}

static int add_field(struct datafile *df, const char *key, struct buf *val)
{
	struct df_field *v = room(df, df->fields, &df->afields, df->nfields, sizeof(*v), 256);

	if (!v)
		return -1;
	df->fields = v;
	df->fields[df->nfields++] = (struct df_field){ key, pool_keep(&df->pool, val) };
	df->recs[df->nrecs - 1].nf++;
	return 0;
}

static int add_rec(struct datafile *df, struct df_rec r)
{
	struct df_rec *v = room(df, df->recs, &df->arecs, df->nrecs, sizeof(*v), 64);

	if (!v)
		return -1;
	df->recs = v;
	df->recs[df->nrecs++] = r;
	return 0;
}

int df_read(struct datafile *df, const char *path)
{
	const struct embedded_file *e = embed_find(path);

	if (!e)
		return bad(df->err, sizeof(df->err), path, 0, "not embedded");
	return df_read_text(df, path, e->data);
}

int df_read_text(struct datafile *df, const char *name, const char *s)
{
	const char *key = NULL, *file = pool_printf(&df->pool, "%s", name);
	struct buf val = BUF_INIT;
	size_t first = df->nrecs, errlen = sizeof(df->err);
	int line = 0, blanks = 0;
	char *err = df->err;

	while (*s && !*err) {
		const char *p = s, *c;
		size_t len = strcspn(s, "\n"), k;

		line++;
		s += len + (s[len] == '\n');
		while (len && strchr(" \t\r", p[len - 1]))
			len--;
		if (!len || *p == '#') {
			blanks += !len;
		} else if (*p == ' ' || *p == '\t') {   /* the field above goes on */
			for (; *p == ' ' || *p == '\t'; p++, len--)
				;
			for (int i = 0; val.len && i <= blanks; i++)
				buf_putc(&val, '\n');
			buf_append(&val, p, len);
			blanks = 0;
			if (!key)
				bad(err, errlen, file, line, "an indented line belongs to a field");
		} else if (*p == '@') {                /* "@kind key" */
			if (key && add_field(df, key, &val) < 0)
				break;
			key = NULL;
			k = strspn(p + 1, KEY_CHARS);
			c = p + 1 + k + strspn(p + 1 + k, " ");
			if (!k || (p[1 + k] != ' ' && 1 + k < len) || strspn(c, KEY_CHARS) != len - (size_t)(c - p) ||
			    (c < p + len && df_find(df, NULL, pool_strndup(&df->pool, c, len - (size_t)(c - p)))))
				bad(err, errlen, file, line, "expected \"@kind key\" (a-z, 0-9, -), with a key not used before");
			else if (add_rec(df, (struct df_rec){ pool_strndup(&df->pool, p + 1, k),
				pool_strndup(&df->pool, c, len - (size_t)(c - p)), file, line, df->nfields, 0 }) < 0)
				break;
		} else {                               /* "field: value" */
			if (key && add_field(df, key, &val) < 0)
				break;
			c = memchr(p, ':', len);
			if (!c || c == p || strspn(p, KEY_CHARS) != (size_t)(c - p) || df->nrecs == first) {
				bad(err, errlen, file, line, "expected \"field: value\" in a record");
				break;
			}
			key = pool_strndup(&df->pool, p, (size_t)(c - p));
			for (c++; c < p + len && *c == ' '; c++)
				;
			buf_append(&val, c, len - (size_t)(c - p));
			blanks = 0;
		}
	}
	if (key && !*err)
		add_field(df, key, &val);
	buf_release(&val);
	if (df->pool.oom)
		bad(err, errlen, file, line, "out of memory");
	return *err ? -1 : 0;
}

void df_release(struct datafile *df)
{
	free(df->recs);
	free(df->fields);
	pool_release(&df->pool);
	*df = (struct datafile){ .nrecs = 0 };
}

const struct df_rec *df_find(const struct datafile *df, const char *kind, const char *key)
{
	for (size_t i = 0; i < df->nrecs; i++)
		if ((!kind || !strcmp(df->recs[i].kind, kind)) && !strcmp(df->recs[i].key, key))
			return &df->recs[i];
	return NULL;
}

const char *df_getn(const struct datafile *df, const struct df_rec *r, const char *key, int n)
{
	for (size_t i = 0; r && i < r->nf; i++)
		if (!strcmp(df->fields[r->f0 + i].key, key) && n-- == 0)
			return df->fields[r->f0 + i].val;
	return NULL;
}

const char *df_get(const struct datafile *df, const struct df_rec *r, const char *key)
{
	return df_getn(df, r, key, 0);
}

int df_list_read(struct df_list *l, const char *path, int nf, char *err, size_t errlen)
{
	const struct embedded_file *e = embed_find(path);

	*l = (struct df_list){ .nf = nf };
	*err = '\0';
	if (!e)
		return bad(err, errlen, path, 0, "not embedded");
	return df_list_read_text(l, path, e->data, nf, err, errlen);
}

int df_list_read_text(struct df_list *l, const char *path, const char *text, int nf, char *err, size_t errlen)
{
	size_t len = strlen(text);
	int lines = 1, line = 0;

	*l = (struct df_list){ .nf = nf };
	*err = '\0';
	snprintf(l->path, sizeof(l->path), "%s", path);
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	l->text = malloc(len + 1);
	l->f = malloc(sizeof(*l->f) * (size_t)(lines * nf));
	l->line = malloc(sizeof(*l->line) * (size_t)lines);
	if (!l->text || !l->f || !l->line) {
		bad(err, errlen, path, 0, "out of memory");
		return -2;
	}
	memcpy(l->text, text, len + 1);
	for (char *p = l->text, *end; *p; p = end) {
		line++;
		end = p + strcspn(p, "\n");
		if (*end)
			*end++ = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		l->line[l->n] = line;
		for (int k = 0; k < nf; k++) {
			char *bar = strstr(p, " | ");

			DF_F(l, l->n, k) = p;
			if (bar)
				*bar = '\0';
			if ((k < nf - 1) != (bar != NULL) || *p == '\0')
				return bad(err, errlen, path, line, *p == '\0' ? "an empty field" :
					   bar ? "too many fields" : "too few fields");
			if (bar)
				p = bar + 3;
		}
		l->n++;
	}
	return l->n ? 0 : bad(err, errlen, path, line, "no entries");
}

void df_list_release(struct df_list *l)
{
	free(l->text);
	free(l->f);
	free(l->line);
	*l = (struct df_list){ .n = 0 };
}

int df_list_find(const struct df_list *l, int k, const char *s)
{
	for (int r = 0; r < l->n; r++)
		if (strcmp(DF_F(l, r, k), s) == 0)
			return r;
	return -1;
}

int df_next(const char **s, const char *seps, char *out, size_t n)
{
	const char *p = *s;
	size_t len;

	if (!p || !*(p += strspn(p, " \n")))
		return 0;
	len = strcspn(p, seps);
	*s = p[len] ? p + len + 1 : p + len;
	while (len && p[len - 1] == ' ')
		len--;
	snprintf(out, n, "%.*s", (int)len, p);
	return 1;
}

int df_cols(const char *s, char (*col)[512], int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		col[i][0] = '\0';
	while (k < n && df_next(&s, "|", col[k], sizeof(col[k])))
		k++;
	return k;
}

int df_count(const char *s)
{
	char w[256];
	int n = 0;

	while (df_next(&s, ",", w, sizeof(w)))
		n++;
	return n;
}

int df_in(const char *s, const char *word)
{
	char w[256];

	while (word && df_next(&s, ",", w, sizeof(w)))
		if (!strcmp(w, word))
			return 1;
	return 0;
}
