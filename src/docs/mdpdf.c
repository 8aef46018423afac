/* mdpdf.c: Markdown to pdfgen blocks with cmark-gfm (see mdpdf.h).  The
 * parse walks the block tree recursively; inline content becomes pango
 * markup in one struct buf per block. */
#include "docs/mdpdf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "util/buf.h"
#include "util/banned.h"

#define MD_MAX_DEPTH 16    /* deeper nesting is printed at this depth */

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static void *own(struct pdf_blocks *l, void *p)
{
	if (!p) {
		l->err = 1;
		return NULL;
	}
	if (l->nowned == l->owned_alloc) {
		size_t na = l->owned_alloc ? l->owned_alloc * 2 : 64;
		void **v = realloc(l->owned, na * sizeof(*v));

		if (!v) {
			free(p);
			l->err = 1;
			return NULL;
		}
		l->owned = v;
		l->owned_alloc = na;
	}
	l->owned[l->nowned++] = p;
	return p;
}

static struct pdf_block *add_block(struct pdf_blocks *l, enum pdf_block_kind kind, int level)
{
	if (l->err)
		return NULL;
	if (l->n == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 64;
		struct pdf_block *v = realloc(l->v, na * sizeof(*v));

		if (!v) {
			l->err = 1;
			return NULL;
		}
		l->v = v;
		l->alloc = na;
	}
	l->v[l->n] = (struct pdf_block){ .kind = kind, .level = level };
	return &l->v[l->n++];
}

static void add_text(struct pdf_blocks *l, enum pdf_block_kind kind, int level, const char *s, int markup,
		     int number)
{
	struct pdf_block *b;
	char *copy = own(l, strdup(s ? s : ""));

	if (!copy)
		return;
	b = add_block(l, kind, level);
	if (b) {
		b->text = copy;
		b->markup = markup;
		b->number = number;
	}
}

void pdf_blocks_add(struct pdf_blocks *l, enum pdf_block_kind kind, int level, const char *text)
{
	add_text(l, kind, level, text, 0, 0);
}

void pdf_blocks_add_markup(struct pdf_blocks *l, enum pdf_block_kind kind, int level, const char *markup)
{
	add_text(l, kind, level, markup, 1, 0);
}

void pdf_blocks_release(struct pdf_blocks *l)
{
	for (size_t i = 0; i < l->nowned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->v);
	*l = (struct pdf_blocks)PDF_BLOCKS_INIT;
}

/* --- inlines ------------------------------------------------------------- */

static int is_type(cmark_node *n, const char *name)
{
	const char *t = cmark_node_get_type_string(n);
	return t && strcmp(t, name) == 0;
}

static void escape(struct buf *b, const char *s)
{
	if (s)
		pdf_markup_escape(b, s, strlen(s));
}

/* The plain text of n's inlines, to compare a link's text with its address. */
static void plain(struct buf *b, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_literal(c);
		if (lit && (cmark_node_get_type(c) == CMARK_NODE_TEXT || cmark_node_get_type(c) == CMARK_NODE_CODE))
			buf_puts(b, lit);
		else
			plain(b, c);
	}
}

static void inlines(struct buf *b, cmark_node *parent, int depth)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		if (depth > 64) {
			struct buf t = BUF_INIT;
			plain(&t, n);
			if (t.data)
				escape(b, t.data);
			buf_release(&t);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			escape(b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			buf_puts(b, "<tt>");
			escape(b, cmark_node_get_literal(n));
			buf_puts(b, "</tt>");
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, '\n');
			break;
		case CMARK_NODE_EMPH:
			buf_puts(b, "<i>");
			inlines(b, n, depth + 1);
			buf_puts(b, "</i>");
			break;
		case CMARK_NODE_STRONG:
			buf_puts(b, "<b>");
			inlines(b, n, depth + 1);
			buf_puts(b, "</b>");
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(n);
			struct buf t = BUF_INIT;

			inlines(b, n, depth + 1);
			plain(&t, n);
			if (url && *url && (!t.data || (strcmp(t.data, url) != 0 &&
			    !(strncmp(url, "mailto:", 7) == 0 && strcmp(t.data, url + 7) == 0)))) {
				buf_puts(b, " (");
				escape(b, url);
				buf_putc(b, ')');
			}
			buf_release(&t);
			break;
		}
		case CMARK_NODE_IMAGE:
			inlines(b, n, depth + 1); /* its description */
			break;
		case CMARK_NODE_HTML_INLINE:
			break; /* dropped, as on the pages */
		default:
			if (is_type(n, "strikethrough")) {
				buf_puts(b, "<s>");
				inlines(b, n, depth + 1);
				buf_puts(b, "</s>");
			} else {
				inlines(b, n, depth + 1);
			}
		}
	}
}

/* --- blocks -------------------------------------------------------------- */

static void add_inlines(struct pdf_blocks *l, enum pdf_block_kind kind, int level, cmark_node *n, int number)
{
	struct buf b = BUF_INIT;

	inlines(&b, n, 0);
	if (b.err)
		l->err = 1;
	else
		add_text(l, kind, level, b.data ? b.data : "", 1, number);
	buf_release(&b);
}

static void table(struct pdf_blocks *l, cmark_node *t, int level)
{
	int nrows = 0, ncols = cmark_gfm_extensions_get_table_columns(t), r = 0;
	const char **cells;
	struct pdf_block *b;

	for (cmark_node *row = cmark_node_first_child(t); row; row = cmark_node_next(row)) {
		int k = 0;
		nrows++;
		for (cmark_node *c = cmark_node_first_child(row); c; c = cmark_node_next(c))
			k++;
		if (k > ncols)
			ncols = k;
	}
	if (!nrows || !ncols)
		return;
	cells = own(l, calloc((size_t)nrows * (size_t)ncols, sizeof(*cells)));
	if (!cells)
		return;
	for (cmark_node *row = cmark_node_first_child(t); row; row = cmark_node_next(row), r++) {
		int c = 0;

		for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell), c++) {
			struct buf m = BUF_INIT;

			inlines(&m, cell, 0);
			if (m.err)
				l->err = 1;
			cells[r * ncols + c] = own(l, strdup(m.data ? m.data : ""));
			buf_release(&m);
		}
	}
	b = add_block(l, PDF_TABLE, level);
	if (b) {
		b->cells = cells;
		b->nrows = nrows;
		b->ncols = ncols;
		b->markup = 1;
	}
}

static void block(struct pdf_blocks *l, cmark_node *n, int level, int quote);

/* The blocks under parent.  level: the nesting of lists (paragraphs at
 * this level sit at the text of the list item they belong to); quote: in
 * a block quote. */
static void blocks(struct pdf_blocks *l, cmark_node *parent, int level, int quote)
{
	for (cmark_node *n = cmark_node_first_child(parent); n && !l->err; n = cmark_node_next(n))
		block(l, n, level, quote);
}

static void list(struct pdf_blocks *l, cmark_node *n, int level, int quote)
{
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int num = cmark_node_get_list_start(n), sub = level < MD_MAX_DEPTH ? level + 1 : level;

	for (cmark_node *it = cmark_node_first_child(n); it && !l->err; it = cmark_node_next(it), num++) {
		cmark_node *c = cmark_node_first_child(it);
		int label = ordered ? (num > 0 ? num : 1) : 0;

		if (c && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
			add_inlines(l, PDF_BULLET, level, c, label);
			c = cmark_node_next(c);
		} else {
			add_text(l, PDF_BULLET, level, "", 0, label);
		}
		/* The rest of the item: its paragraphs under its text, its lists nested. */
		for (; c && !l->err; c = cmark_node_next(c))
			block(l, c, sub, quote);
	}
}

static void block(struct pdf_blocks *l, cmark_node *n, int level, int quote)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		add_inlines(l, quote ? PDF_QUOTE : PDF_PARA, level, n, 0);
		break;
	case CMARK_NODE_HEADING:
		add_inlines(l, PDF_HEADING, 2, n, 0);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		blocks(l, n, level, 1);
		break;
	case CMARK_NODE_CODE_BLOCK: {
		struct buf m = BUF_INIT;
		const char *lit = cmark_node_get_literal(n);
		size_t len = lit ? strlen(lit) : 0;

		while (len && lit[len - 1] == '\n')
			len--;
		buf_puts(&m, "<tt>");
		if (lit)
			pdf_markup_escape(&m, lit, len);
		buf_puts(&m, "</tt>");
		if (m.err)
			l->err = 1;
		else
			add_text(l, quote ? PDF_QUOTE : PDF_PARA, level, m.data, 1, 0);
		buf_release(&m);
		break;
	}
	case CMARK_NODE_LIST:
		list(l, n, level, quote);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_HTML_BLOCK:
		break; /* a rule says nothing in print; raw HTML is dropped */
	default:
		if (is_type(n, "table"))
			table(l, n, level);
		else
			blocks(l, n, level, quote);
	}
}

int mdpdf_append(struct pdf_blocks *l, const char *md, int level)
{
	static const char *exts[] = { "table", "strikethrough", "autolink" };
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	cmark_parser *parser;
	cmark_node *doc = NULL;

	if (!md || !*md)
		return l->err ? -1 : 0;
	pthread_once(&once, register_extensions);
	parser = cmark_parser_new(opts);
	if (!parser) {
		l->err = 1;
		return -1;
	}
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	cmark_parser_feed(parser, md, strlen(md));
	doc = cmark_parser_finish(parser);
	if (doc)
		blocks(l, doc, level, 0);
	else
		l->err = 1;
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(parser);
	return l->err ? -1 : 0;
}
