/* xmlread.h: an XML document read into a small tree (the answers of
 * ModernGov's web service, for `witan import moderngov`).
 *
 * Parsed by expat, which refuses what is not well-formed XML and keeps
 * entity expansion in bounds (no external entities are read).  Each
 * element keeps its name, its attributes and the text directly inside it
 * (character data joined); documents deeper than XML_MAX_DEPTH or with
 * more than XML_MAX_NODES elements are refused. */
#ifndef WITAN_XMLREAD_H
#define WITAN_XMLREAD_H

#include <stddef.h>

#define XML_MAX_DEPTH 64
#define XML_MAX_NODES 2000000

struct xnode {
	char *name;
	char **attrs;              /* name, value, ..., NULL */
	char *text;                /* the character data directly inside ("" if none) */
	struct xnode *child, *last, *next, *parent;
};

/* The document's root element, or NULL with err set (what is wrong and
 * where).  Free with xml_free. */
struct xnode *xml_read(const char *data, size_t len, char *err, size_t errlen);
void xml_free(struct xnode *root);

/* The first child element named name (NULL: none); the next sibling of
 * the same name after n. */
const struct xnode *xml_child(const struct xnode *n, const char *name);
const struct xnode *xml_next(const struct xnode *n);
/* The text of child name with surrounding white space removed, in buf
 * (len bytes; longer text is cut at a UTF-8 boundary); "" when there is
 * no such child.  Returns buf. */
char *xml_get(const struct xnode *n, const char *name, char *buf, size_t len);
/* An attribute's value, or NULL. */
const char *xml_attr(const struct xnode *n, const char *name);

#endif
