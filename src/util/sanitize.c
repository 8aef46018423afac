/* sanitize.c: HTML from elsewhere made safe (see sanitize.h).
 *
 * The markup is parsed by gumbo, an HTML5 parser, as a browser parses the
 * inside of a <div>: what a tag means (where an unclosed one ends, what
 * an entity or a malformed attribute says) is what a browser would make
 * of it, not what a tokenizer of our own guesses.  The tree is then
 * written out again keeping only the allow-list; other elements give up
 * their tags but keep their content (a Word <span class="MsoNormal">,
 * <div>, <font>, <o:p>), but for those whose content is not text to read
 * (script, style, ...), which go whole.
 *
 * Dropping a tag can change how the result parses (a <p> inside a
 * <button> inside a <p> is nested; without the button it is not): the
 * output is parsed and written again until it no longer changes, so that
 * what we store is what a browser reads. */
#include "util/sanitize.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/banned.h"

static const char *const allowed[] = {
	"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "del", "sup", "sub",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
	"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a",
};
/* Elements whose content goes with them. */
static const char *const dropped[] = { "script", "style", "iframe", "object", "embed", "noscript", "template",
				       "svg", "math", "textarea", "title", "head", "select", "noframes", "xmp",
				       "noembed", "frameset", "applet", "audio", "video", "canvas", "xml" };

static int in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

#define IN(list, name) in_list(list, sizeof(list) / sizeof(list[0]), name)

/* An http(s), mailto: or site-relative URL.  Browsers read "/\\host" as
 * "//host" and drop tabs and line breaks anywhere in a URL ("/<TAB>/host"),
 * so neither passes as site-relative; nor does any other control character. */
static int href_safe(const char *v)
{
	size_t n = strlen(v);

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return 0;
	return (n > 7 && strncasecmp(v, "http://", 7) == 0) || (n > 8 && strncasecmp(v, "https://", 8) == 0) ||
	       (n > 7 && strncasecmp(v, "mailto:", 7) == 0) || (n > 1 && v[0] == '/' && v[1] != '/' && v[1] != '\\');
}

/* Any text (a link's title): it is written quoted and escaped. */
static int text_safe(const char *v)
{
	(void)v;
	return 1;
}

/* An ordered list's first number. */
static int start_safe(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 9)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

static int align_safe(const char *v)
{
	return strcmp(v, "left") == 0 || strcmp(v, "right") == 0 || strcmp(v, "center") == 0;
}

/* A code block's language, as Markdown writes it ("language-sql"): a
 * class of its own prefix, so that it cannot take one of the site's. */
static int lang_safe(const char *v)
{
	return strlen(v) > 9 && strncmp(v, "language-", 9) == 0;
}

/* The attributes kept, each on its tags and if its value passes: all
 * that cmark-gfm writes but images (which would fetch from elsewhere);
 * a table cell's spans, which Word's tables need to read right. */
static int span_safe(const char *v)
{
	return start_safe(v) && strlen(v) <= 3 && strcmp(v, "0") != 0;
}

static const struct {
	const char *tag, *attr;
	int (*safe)(const char *v);
} kept_attrs[] = {
	{ "a", "href", href_safe },	  { "a", "title", text_safe },	    { "ol", "start", start_safe },
	{ "th", "align", align_safe },	  { "td", "align", align_safe },    { "code", "class", lang_safe },
	{ "th", "colspan", span_safe },	  { "td", "colspan", span_safe },   { "th", "rowspan", span_safe },
	{ "td", "rowspan", span_safe },
};

/* Text as cmark-gfm escapes it: & < > and "; in a link's href, ' too. */
static void put_escaped_in(struct buf *out, const char *s, size_t n, int href)
{
	for (const char *end = s + n; s < end; s++) {
		switch (*s) {
		case '\'':
			buf_puts(out, href ? "&#x27;" : "'");
			break;
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *s);
		}
	}
}

static void put_escaped(struct buf *out, const char *s)
{
	put_escaped_in(out, s, strlen(s), 0);
}

/* The kept attributes of an element, in their order (gumbo keeps the
 * first of a repeated one, as browsers do). */
static void put_attrs(struct buf *out, const char *tag, const GumboVector *attrs)
{
	for (unsigned i = 0; i < attrs->length; i++) {
		const GumboAttribute *a = attrs->data[i];

		for (size_t k = 0; k < sizeof(kept_attrs) / sizeof(kept_attrs[0]); k++) {
			if (strcmp(kept_attrs[k].tag, tag) != 0 || strcmp(kept_attrs[k].attr, a->name) != 0)
				continue;
			if (kept_attrs[k].safe(a->value)) {
				buf_printf(out, " %s=\"", a->name);
				put_escaped_in(out, a->value, strlen(a->value), strcmp(a->name, "href") == 0);
				buf_putc(out, '"');
			}
			break;
		}
	}
}

/* A comment of plain words (cmark's own "<!-- raw HTML omitted -->") is
 * kept, so that our HTML reads the same; any other goes (Word's
 * conditional comments with it). */
static int plain_comment(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != ' ')
			return 0;
	return 1;
}

/* The element's name if it is an HTML one (else NULL). */
static const char *html_name(const GumboNode *n)
{
	if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML ||
	    n->v.element.tag == GUMBO_TAG_UNKNOWN)
		return NULL;
	return gumbo_normalized_tagname(n->v.element.tag);
}

/* A frame of the walk: a node whose children are being written. */
struct frame {
	const GumboNode *node;
	unsigned next;         /* its next child */
	const char *close;     /* the tag to close after them, or NULL */
};

static int is_heading(const char *t)
{
	return t && t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2];
}

/* Whether an allowed element named name, written inside the open ones of
 * st[0..depth), would be read back where it is: a parser closes a <p>
 * for a block in it (and an <li> for an <li>, a heading for a heading
 * right in it) and never nests links; a tree gumbo built can hold them so
 * where a tag we drop stood between (<p><button><ul>).  Such an element
 * is written as its content. */
static int stays(const char *name, const struct frame *st, size_t depth)
{
	static const char *const closes_p[] = { "p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
						"blockquote", "pre", "hr", "table" };
	/* Written elements that end the search (scope boundaries, and the
	 * "special" ones an <li> stops at). */
	static const char *const cells[] = { "td", "th", "caption", "table" };
	static const char *const special[] = { "blockquote", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
					       "ol", "pre", "table", "tbody", "td", "tfoot", "th", "thead",
					       "tr", "ul" };
	const char *parent = NULL;

	for (size_t i = depth; i-- > 0;)
		if (st[i].close) {
			parent = st[i].close;
			break;
		}
	if (is_heading(name) && is_heading(parent))
		return 0;
	for (size_t i = depth; i-- > 0;) {
		const char *t = st[i].close;
		if (!t)
			continue;
		if (IN(cells, t))
			break;
		if (strcmp(name, "a") == 0 && strcmp(t, "a") == 0)
			return 0;
		if (strcmp(t, "p") == 0 && IN(closes_p, name))
			return 0;
	}
	if (strcmp(name, "li") == 0)
		for (size_t i = depth; i-- > 0;) {
			const char *t = st[i].close;
			if (!t || strcmp(t, "p") == 0)
				continue;
			if (strcmp(t, "li") == 0)
				return 0;
			if (IN(special, t))
				break;
		}
	return 1;
}

/* The tree under root written out with the allow-list.  The walk keeps
 * its own stack, so that no nesting, however deep, runs out of C stack.
 * -1 when out of memory. */
static int write_tree(struct buf *out, const GumboNode *root)
{
	struct frame *st = NULL;
	size_t depth = 0, cap = 0;
	int rc = -1;

	if (root->type != GUMBO_NODE_ELEMENT && root->type != GUMBO_NODE_DOCUMENT)
		return 0;
	cap = 64;
	if (!(st = malloc(cap * sizeof(*st))))
		return -1;
	st[depth++] = (struct frame){ root, 0, NULL };
	while (depth > 0) {
		struct frame *f = &st[depth - 1];
		const GumboVector *kids = f->node->type == GUMBO_NODE_DOCUMENT ? &f->node->v.document.children
									       : &f->node->v.element.children;
		const GumboNode *c;
		const char *name;

		if (f->next >= kids->length) {
			if (f->close)
				buf_printf(out, "</%s>", f->close);
			depth--;
			continue;
		}
		c = kids->data[f->next++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			put_escaped(out, c->v.text.text);
			continue;
		case GUMBO_NODE_COMMENT:
			if (plain_comment(c->v.text.text))
				buf_printf(out, "<!--%s-->", c->v.text.text);
			continue;
		case GUMBO_NODE_ELEMENT:
			break;
		default: /* a template's content, a document */
			continue;
		}
		name = html_name(c);
		if (c->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
			continue; /* svg, math and what they hold */
		if (name && IN(dropped, name))
			continue;
		if (c->v.element.tag == GUMBO_TAG_UNKNOWN) {
			/* Word's <o:p>, <v:shape>, <xml>: gumbo keeps their names as written. */
			const GumboStringPiece *t = &c->v.element.original_tag;
			if (t->length >= 4 && strncasecmp(t->data, "<xml", 4) == 0 &&
			    (t->length == 4 || !isalnum((unsigned char)t->data[4])))
				continue;
		}
		if (name && IN(allowed, name) && stays(name, st, depth)) {
			buf_printf(out, "<%s", name);
			put_attrs(out, name, &c->v.element.attributes);
			if (c->v.element.tag == GUMBO_TAG_BR || c->v.element.tag == GUMBO_TAG_HR) {
				buf_puts(out, " />");
				continue;
			}
			buf_putc(out, '>');
			/* A parser drops a newline right after <pre>: one that is
			 * content is written twice, so that it stays. */
			if (c->v.element.tag == GUMBO_TAG_PRE && c->v.element.children.length > 0) {
				const GumboNode *t = c->v.element.children.data[0];
				if ((t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_WHITESPACE) &&
				    t->v.text.text[0] == '\n')
					buf_putc(out, '\n');
			}
		} else {
			name = NULL; /* its content, without its tags */
		}
		if (depth == cap) {
			struct frame *bigger = realloc(st, 2 * cap * sizeof(*st));
			if (!bigger)
				goto out;
			st = bigger;
			cap *= 2;
		}
		st[depth++] = (struct frame){ c, 0, name };
	}
	rc = 0;
out:
	free(st);
	return rc;
}

/* One pass: html parsed as a <div>'s content and written out again. */
static int sanitize_once(struct buf *out, const char *html)
{
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *g;
	int rc;

	opt.fragment_context = GUMBO_TAG_DIV;
	opt.max_errors = 0;
	if (!(g = gumbo_parse_with_options(&opt, html, strlen(html))))
		return -1;
	rc = write_tree(out, g->root);
	gumbo_destroy_output(&opt, g);
	return rc;
}

#define MAX_PASSES 8
/* gumbo's time grows with the square of the nesting (100,000 nested lists
 * take minutes): markup nested deeper than any document is, or larger
 * than any, is not parsed but reduced to its text. */
#define MAX_NESTING 256
#define MAX_HTML_BYTES (8 << 20)

static const char *const void_tags[] = { "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
					 "meta", "param", "source", "track", "wbr", "p", "li", "td", "th", "tr",
					 "dt", "dd", "option" };

/* How deep the start and end tags of html nest at most, by a count
 * (that of elements that need no end tag, or usually have none, left
 * out): an estimate, enough to tell a document from a bomb. */
static long nesting(const char *html)
{
	long depth = 0, max = 0;

	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		int closing = p[1] == '/';
		const char *name = p + 1 + closing;
		char tag[12];
		size_t n = 0;

		while (isalnum((unsigned char)name[n]) && n < sizeof(tag) - 1) {
			tag[n] = (char)tolower((unsigned char)name[n]);
			n++;
		}
		tag[n] = '\0';
		if (n == 0 || IN(void_tags, tag))
			continue;
		if (closing) {
			if (depth > 0)
				depth--;
		} else {
			const char *gt = strchr(name, '>');
			if (gt && gt[-1] == '/')
				continue;
			if (++depth > max)
				max = depth;
		}
	}
	return max;
}

/* The text of html without its tags, escaped: for markup too deep or too
 * large to parse. */
static void text_only(struct buf *out, const char *html)
{
	for (const char *p = html; *p;) {
		if (*p == '<') {
			const char *gt = strchr(p, '>');
			if (!gt)
				break;
			p = gt + 1;
			continue;
		}
		size_t n = strcspn(p, "<");
		put_escaped_in(out, p, n, 0);
		p += n;
	}
}

void html_sanitize(struct buf *out, const char *html)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	if (!html || !*html)
		return;
	if (strlen(html) > MAX_HTML_BYTES || nesting(html) > MAX_NESTING) {
		text_only(out, html);
		return;
	}
	if (sanitize_once(&a, html) < 0 || a.err)
		goto out;
	for (int pass = 1; pass < MAX_PASSES; pass++) {
		buf_reset(&b);
		if (sanitize_once(&b, a.data ? a.data : "") < 0 || b.err)
			goto out;
		if (b.len == a.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0))
			break;
		struct buf t = a;
		a = b;
		b = t;
	}
	if (a.len)
		buf_append(out, a.data, a.len);
out:
	buf_release(&a);
	buf_release(&b);
}
