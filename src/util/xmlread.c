/* xmlread.c: an XML document read into a small tree (see xmlread.h). */
#include "util/xmlread.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/banned.h"

struct reader {
	XML_Parser p;
	struct xnode *root, *cur;
	struct buf text;           /* character data of cur so far */
	long depth, nodes;
	const char *fail;          /* why the reader stopped it */
};

static void node_free(struct xnode *n)
{
	/* Iterative over siblings, recursive over depth (bounded by XML_MAX_DEPTH). */
	while (n) {
		struct xnode *next = n->next;
		node_free(n->child);
		free(n->name);
		if (n->attrs)
			for (char **a = n->attrs; *a; a++)
				free(*a);
		free(n->attrs);
		free(n->text);
		free(n);
		n = next;
	}
}

void xml_free(struct xnode *root)
{
	node_free(root);
}

static void stop(struct reader *r, const char *why)
{
	if (!r->fail)
		r->fail = why;
	XML_StopParser(r->p, XML_FALSE);
}

/* The text gathered for the current element, kept on it. */
static int flush_text(struct reader *r)
{
	char *t;
	size_t had;

	if (!r->cur || r->text.len == 0)
		return 0;
	had = r->cur->text ? strlen(r->cur->text) : 0;
	if (!(t = realloc(r->cur->text, had + r->text.len + 1)))
		return -1;
	memcpy(t + had, r->text.data, r->text.len);
	t[had + r->text.len] = '\0';
	r->cur->text = t;
	buf_reset(&r->text);
	return 0;
}

static void XMLCALL on_start(void *ctx, const XML_Char *name, const XML_Char **attrs)
{
	struct reader *r = ctx;
	struct xnode *n;
	size_t na = 0;

	if (flush_text(r) < 0)
		return stop(r, "out of memory");
	if (++r->depth > XML_MAX_DEPTH)
		return stop(r, "nested too deep");
	if (++r->nodes > XML_MAX_NODES)
		return stop(r, "too many elements");
	if (!(n = calloc(1, sizeof(*n))))
		return stop(r, "out of memory");
	while (attrs[na])
		na++;
	n->name = strdup(name);
	n->attrs = calloc(na + 1, sizeof(char *));
	if (n->attrs)
		for (size_t i = 0; i < na; i++)
			n->attrs[i] = strdup(attrs[i]);
	if (!n->name || !n->attrs || (na && !n->attrs[na - 1])) {
		node_free(n);
		return stop(r, "out of memory");
	}
	n->parent = r->cur;
	if (r->cur) {
		if (r->cur->last)
			r->cur->last->next = n;
		else
			r->cur->child = n;
		r->cur->last = n;
	} else {
		r->root = n;
	}
	r->cur = n;
}

static void XMLCALL on_end(void *ctx, const XML_Char *name)
{
	struct reader *r = ctx;

	(void)name;
	if (flush_text(r) < 0)
		return stop(r, "out of memory");
	r->depth--;
	if (r->cur)
		r->cur = r->cur->parent;
}

static void XMLCALL on_text(void *ctx, const XML_Char *s, int len)
{
	struct reader *r = ctx;

	buf_append(&r->text, s, (size_t)len);
	if (r->text.err)
		stop(r, "out of memory");
}

/* No DTD may declare entities: the answers we read have none, and none
 * can then expand. */
static void XMLCALL on_entity_decl(void *ctx, const XML_Char *name, int pe, const XML_Char *value, int vlen,
				   const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
	(void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sys, (void)pub, (void)notation;
	stop(ctx, "an entity declaration");
}

struct xnode *xml_read(const char *data, size_t len, char *err, size_t errlen)
{
	struct reader r = { 0 };

	if (!(r.p = XML_ParserCreate("UTF-8"))) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	XML_SetUserData(r.p, &r);
	XML_SetElementHandler(r.p, on_start, on_end);
	XML_SetCharacterDataHandler(r.p, on_text);
	XML_SetEntityDeclHandler(r.p, on_entity_decl);
	if (len > (size_t)0x7fffffff) {
		snprintf(err, errlen, "too large");
	} else if (XML_Parse(r.p, data, (int)len, XML_TRUE) != XML_STATUS_OK || r.fail) {
		snprintf(err, errlen, "%s at line %lu, column %lu", r.fail ? r.fail : XML_ErrorString(XML_GetErrorCode(r.p)),
			 (unsigned long)XML_GetCurrentLineNumber(r.p), (unsigned long)XML_GetCurrentColumnNumber(r.p));
	} else if (!r.root) {
		snprintf(err, errlen, "no element");
	} else {
		XML_ParserFree(r.p);
		buf_release(&r.text);
		return r.root;
	}
	XML_ParserFree(r.p);
	buf_release(&r.text);
	node_free(r.root);
	return NULL;
}

const struct xnode *xml_child(const struct xnode *n, const char *name)
{
	for (const struct xnode *c = n ? n->child : NULL; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const struct xnode *xml_next(const struct xnode *n)
{
	for (const struct xnode *c = n ? n->next : NULL; c; c = c->next)
		if (strcmp(c->name, n->name) == 0)
			return c;
	return NULL;
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *xml_get(const struct xnode *n, const char *name, char *buf, size_t len)
{
	const struct xnode *c = xml_child(n, name);
	const char *s = c && c->text ? c->text : "";
	size_t k;

	buf[0] = '\0';
	if (len == 0)
		return buf;
	while (space(*s))
		s++;
	k = strlen(s);
	while (k > 0 && space(s[k - 1]))
		k--;
	if (k >= len) {
		k = len - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
	}
	memcpy(buf, s, k);
	buf[k] = '\0';
	return buf;
}

const char *xml_attr(const struct xnode *n, const char *name)
{
	for (char **a = n ? n->attrs : NULL; a && a[0] && a[1]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}
