/* pdfgen.c: renders a struct pdf_doc to PDF with pango (layout) and cairo
 * (PDF surface writing into a struct buf).
 *
 * Two passes over one set of layouts.  First every block gets a PangoLayout
 * and the lines of those layouts are placed on pages (paginate), which
 * fixes the page count.  Then a cairo PDF surface draws each page: running
 * header, the placed lines, "Page N of M" footer.  Lines are drawn one by
 * one (pango_cairo_show_layout_line), so a paragraph split over a page
 * boundary puts each line's text on exactly one page.
 *
 * Units: cairo's PDF surface works in points; the pango context is set to
 * 72 dpi so a "10.5" font is 10.5 pt, and metrics hinting is off so the
 * layout measured in pass one is what the PDF shows.
 */
#include "docs/pdfgen.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "util/banned.h"

/* A4 in points, and the page furniture. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_X 62.0                  /* left and right, about 22 mm */
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define HEADER_TOP 34.0                /* top of the running header text */
#define HEADER_RULE 52.0
#define BODY_TOP 74.0
#define BODY_BOTTOM (PAGE_H - 66.0)
#define FOOTER_TOP (PAGE_H - 44.0)
#define BULLET_INDENT 18.0
#define TITLE_RULE_GAP 10.0            /* space above and below the title rule */

#define FONT_FAMILY "DejaVu Sans, Sans"

struct style {
	const char *font;     /* pango font description */
	double before, after; /* space above (not at the top of a page) and below */
	double spacing;       /* extra space between lines */
	double rgb[3];
};

static const struct style st_title = {
	FONT_FAMILY " Bold 22", 0, 6, 3, { 0.07, 0.17, 0.34 } };
static const struct style st_subtitle = {
	FONT_FAMILY " 13", 0, 0, 2, { 0.25, 0.25, 0.25 } };
static const struct style st_heading = {
	FONT_FAMILY " Bold 12.5", 12, 5, 1.5, { 0.07, 0.17, 0.34 } };
static const struct style st_para = {
	FONT_FAMILY " 10.5", 0, 8, 2.5, { 0.1, 0.1, 0.1 } };
static const struct style st_bullet = {
	FONT_FAMILY " 10.5", 0, 4, 2.5, { 0.1, 0.1, 0.1 } };
static const struct style st_small = {
	FONT_FAMILY " 8.5", 0, 0, 0, { 0.35, 0.35, 0.35 } };

/* One line of a layout, in points relative to the layout's top. */
struct line_m {
	PangoLayoutLine *line; /* owned by the layout */
	double x;              /* left of the line's logical rectangle */
	double top, bottom, baseline;
};

/* One laid-out block. */
struct item {
	PangoLayout *layout;   /* NULL for a page break */
	const struct style *st;
	double x;              /* left edge of the layout on the page */
	int bullet;            /* draw a bullet beside the first line */
	int outline;           /* first line becomes a PDF outline entry */
	struct line_m *lines;
	int nlines;
};

enum place_kind { PL_LINE, PL_BULLET, PL_RULE, PL_OUTLINE };

/* Something to draw on a page, found by paginate. */
struct place {
	enum place_kind kind;
	int page;                /* 1-based */
	double x, y;             /* line, bullet: baseline origin; rule: left end */
	double w;                /* rule width */
	PangoLayoutLine *line;   /* PL_LINE */
	PangoLayout *layout;     /* PL_OUTLINE: text of the entry */
	const struct style *st;
};

struct pager {
	struct place *pl;
	size_t n, alloc;
	int page;       /* current page, 1-based */
	double y;       /* top of free space on the current page */
	int empty;      /* nothing placed on the current page yet */
	int err;
};

/* pango runs fontconfig queries for a font map on a thread of its own, and
 * a query still queued holds a reference to the map, so the map can outlive
 * our g_object_unref by a few milliseconds and be finalized on that thread.
 * pdf_render waits for the finalization (the qdata destroy notify is the
 * last step of it) so that nothing it made is alive after it returns. */
struct fm_watch {
	GMutex mu;
	GCond cv;
	int gone, abandoned;
};

#define FM_WAIT_LIMIT (5 * G_TIME_SPAN_SECOND)

static void fm_finalized(gpointer data)
{
	struct fm_watch *w = data;

	g_mutex_lock(&w->mu);
	if (w->abandoned) {
		g_mutex_unlock(&w->mu);
		g_mutex_clear(&w->mu);
		g_cond_clear(&w->cv);
		free(w);
		return;
	}
	w->gone = 1;
	g_cond_signal(&w->cv);
	g_mutex_unlock(&w->mu); /* the waiter frees w once we let go */
}

/* Drop our reference to fm and wait (bounded) until it is finalized. */
static void fm_release(PangoFontMap *fm, struct fm_watch *w)
{
	gint64 deadline;

	g_object_unref(fm);
	if (!w)
		return;
	deadline = g_get_monotonic_time() + FM_WAIT_LIMIT;
	g_mutex_lock(&w->mu);
	while (!w->gone)
		if (!g_cond_wait_until(&w->cv, &w->mu, deadline))
			break;
	if (!w->gone) {
		w->abandoned = 1; /* fm_finalized frees it, whenever */
		g_mutex_unlock(&w->mu);
		return;
	}
	g_mutex_unlock(&w->mu);
	g_mutex_clear(&w->mu);
	g_cond_clear(&w->cv);
	free(w);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data,
				unsigned int len)
{
	struct buf *b = closure;

	buf_append(b, data, len);
	return b->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static struct place *pager_add(struct pager *pg, enum place_kind kind)
{
	struct place *p;

	if (pg->err)
		return NULL;
	if (pg->n == pg->alloc) {
		size_t na = pg->alloc ? pg->alloc * 2 : 256;
		p = realloc(pg->pl, na * sizeof(*p));
		if (!p) {
			pg->err = 1;
			return NULL;
		}
		pg->pl = p;
		pg->alloc = na;
	}
	p = &pg->pl[pg->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->page = pg->page;
	return p;
}

static void pager_new_page(struct pager *pg)
{
	pg->page++;
	pg->y = BODY_TOP;
	pg->empty = 1;
}

/* Make a layout of text (NULL is empty) in style st, width w points.
 * Invalid UTF-8 is repaired rather than handed to pango, which warns. */
static PangoLayout *make_layout(PangoContext *ctx, const char *text,
				const struct style *st, double w)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string(st->font);
	char *fixed = NULL;

	if (!text)
		text = "";
	if (!g_utf8_validate(text, -1, NULL))
		text = fixed = g_utf8_make_valid(text, -1);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_spacing(l, (int)(st->spacing * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	g_free(fixed);
	return l;
}

/* Fill it->lines from its layout.  Returns 0 or -1 (out of memory). */
static int measure(struct item *it)
{
	PangoLayoutIter *iter;
	int n = pango_layout_get_line_count(it->layout), i = 0;

	it->lines = calloc(n > 0 ? (size_t)n : 1, sizeof(*it->lines));
	if (!it->lines)
		return -1;
	iter = pango_layout_get_iter(it->layout);
	do {
		PangoRectangle log;
		struct line_m *m;

		if (i == n)
			break;
		m = &it->lines[i++];
		pango_layout_iter_get_line_extents(iter, NULL, &log);
		m->line = pango_layout_iter_get_line_readonly(iter);
		m->x = (double)log.x / PANGO_SCALE;
		m->top = (double)log.y / PANGO_SCALE;
		m->bottom = (double)(log.y + log.height) / PANGO_SCALE;
		m->baseline = (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	it->nlines = i;
	return 0;
}

/* Height of the first k lines of it (0 for a page break). */
static double head_height(const struct item *it, int k)
{
	if (!it->layout || it->nlines == 0)
		return 0;
	if (k > it->nlines)
		k = it->nlines;
	return it->lines[k - 1].bottom - it->lines[0].top;
}

/* Place the lines of it from pg's cursor on, splitting across pages.  keep
 * is the space that must remain below the whole item on the same page (to
 * keep a heading with what follows).  A paragraph of four or more lines
 * leaves no single line alone at the foot or head of a page. */
static void place_item(struct pager *pg, const struct item *it, double keep)
{
	int n = it->nlines, i = 0;

	if (!pg->empty)
		pg->y += it->st->before;
	while (i < n) {
		double base = it->lines[i].top;
		int k = 0, j;

		while (i + k < n && pg->y + (it->lines[i + k].bottom - base) <= BODY_BOTTOM)
			k++;
		if (i + k == n) {
			if (i == 0 && keep > 0 && !pg->empty &&
			    pg->y + (it->lines[n - 1].bottom - base) + keep > BODY_BOTTOM)
				k = 0;
		} else if (n >= 4) {
			if (n - i - k == 1)
				k--;
			if (i == 0 && k == 1)
				k = 0;
		}
		if (k <= 0) {
			if (!pg->empty) {
				pager_new_page(pg);
				continue;
			}
			k = 1; /* a line taller than a page: place it anyway */
		}
		for (j = i; j < i + k; j++) {
			struct place *p;

			if (j == 0 && it->outline) {
				p = pager_add(pg, PL_OUTLINE);
				if (p) {
					p->layout = it->layout;
					p->y = pg->y;
				}
			}
			if (j == 0 && it->bullet) {
				p = pager_add(pg, PL_BULLET);
				if (p) {
					p->x = MARGIN_X + 5;
					p->y = pg->y + (it->lines[j].baseline - base);
					p->st = it->st;
				}
			}
			p = pager_add(pg, PL_LINE);
			if (!p)
				return;
			p->line = it->lines[j].line;
			p->x = it->x + it->lines[j].x;
			p->y = pg->y + (it->lines[j].baseline - base);
			p->st = it->st;
		}
		pg->y += it->lines[i + k - 1].bottom - base;
		pg->empty = 0;
		i += k; /* lines left over find the page full and turn it */
	}
	pg->y += it->st->after;
}

/* Place the title section then every block.  items[0..1] are the title and
 * subtitle (layout NULL when absent), items[2..] the blocks. */
static void paginate(struct pager *pg, const struct item *items, size_t nitems)
{
	size_t i;

	pager_new_page(pg);
	for (i = 0; i < 2; i++)
		if (items[i].layout)
			place_item(pg, &items[i], 0);
	if (items[0].layout || items[1].layout) {
		struct place *p;

		pg->y += TITLE_RULE_GAP;
		p = pager_add(pg, PL_RULE);
		if (p) {
			p->x = MARGIN_X;
			p->y = pg->y;
			p->w = TEXT_W;
			p->st = &st_title;
		}
		pg->y += TITLE_RULE_GAP + 4;
	}
	for (i = 2; i < nitems; i++) {
		const struct item *it = &items[i];
		double keep = 0;

		if (!it->layout) {
			if (!pg->empty)
				pager_new_page(pg);
			continue;
		}
		if (it->st == &st_heading && i + 1 < nitems && items[i + 1].layout)
			keep = items[i + 1].st->before + head_height(&items[i + 1], 2);
		place_item(pg, it, keep);
	}
	if (pg->empty && pg->page > 1)
		pg->page--; /* a trailing page break left a blank page */
}

static void set_rgb(cairo_t *cr, const struct style *st)
{
	cairo_set_source_rgb(cr, st->rgb[0], st->rgb[1], st->rgb[2]);
}

/* Header, footer and the places of one page; *next is the first place not
 * yet drawn and is advanced past this page's. */
static void draw_page(cairo_t *cr, cairo_surface_t *surf, int page, int pages,
		      const struct pager *pg, size_t *next,
		      PangoLayout *header, PangoLayout *footer, PangoLayout *bullet)
{
	char num[64];
	size_t i;

	if (header) {
		set_rgb(cr, &st_small);
		cairo_move_to(cr, MARGIN_X, HEADER_TOP);
		pango_cairo_show_layout(cr, header);
		cairo_set_line_width(cr, 0.5);
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_move_to(cr, MARGIN_X, HEADER_RULE);
		cairo_line_to(cr, PAGE_W - MARGIN_X, HEADER_RULE);
		cairo_stroke(cr);
	}
	for (i = *next; i < pg->n && pg->pl[i].page == page; i++) {
		const struct place *p = &pg->pl[i];
		char link[64];

		switch (p->kind) {
		case PL_LINE:
			set_rgb(cr, p->st);
			cairo_move_to(cr, p->x, p->y);
			pango_cairo_show_layout_line(cr, p->line);
			break;
		case PL_BULLET:
			set_rgb(cr, p->st);
			cairo_move_to(cr, p->x, p->y);
			pango_cairo_show_layout_line(cr,
				pango_layout_get_line_readonly(bullet, 0));
			break;
		case PL_RULE:
			set_rgb(cr, p->st);
			cairo_set_line_width(cr, 1.5);
			cairo_move_to(cr, p->x, p->y);
			cairo_line_to(cr, p->x + p->w, p->y);
			cairo_stroke(cr);
			break;
		case PL_OUTLINE:
			snprintf(link, sizeof(link), "page=%d pos=[%d %d]", page,
				 (int)MARGIN_X, (int)p->y);
			cairo_pdf_surface_add_outline(surf, CAIRO_PDF_OUTLINE_ROOT,
						      pango_layout_get_text(p->layout),
						      link, 0);
			break;
		}
	}
	*next = i;
	snprintf(num, sizeof(num), "Page %d of %d", page, pages);
	pango_layout_set_text(footer, num, -1);
	set_rgb(cr, &st_small);
	cairo_move_to(cr, MARGIN_X, FOOTER_TOP);
	pango_cairo_show_layout(cr, footer);
	cairo_show_page(cr);
}

int pdf_render(const struct pdf_doc *doc, struct buf *out, int *pages)
{
	PangoFontMap *fm = NULL;
	struct fm_watch *watch = NULL;
	PangoContext *ctx = NULL;
	cairo_font_options_t *fo = NULL;
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	PangoLayout *header = NULL, *footer = NULL, *bullet = NULL;
	struct item *items = NULL;
	struct pager pg = { 0 };
	size_t nitems = 0, i, next = 0, start = out ? out->len : 0;
	int page, rc = -1;

	if (pages)
		*pages = 0;
	if (!doc || !out || out->err || (doc->nblocks && !doc->blocks))
		return -1;

	/* A private font map: nothing cached between calls or threads.  (The
	 * per-thread default map would save a few ms a call but would live on
	 * in every thread that ever rendered.) */
	fm = pango_cairo_font_map_new();
	watch = calloc(1, sizeof(*watch));
	if (watch) {
		g_mutex_init(&watch->mu);
		g_cond_init(&watch->cv);
		g_object_set_data_full(G_OBJECT(fm), "witan-pdfgen-watch", watch,
				       fm_finalized);
	}
	ctx = pango_font_map_create_context(fm);
	pango_cairo_context_set_resolution(ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_context_set_language(ctx, pango_language_from_string("en-gb"));

	nitems = doc->nblocks + 2;
	items = calloc(nitems, sizeof(*items));
	if (!items)
		goto out;
	if (doc->title) {
		items[0].layout = make_layout(ctx, doc->title, &st_title, TEXT_W);
		items[0].st = &st_title;
		items[0].x = MARGIN_X;
	}
	if (doc->subtitle) {
		items[1].layout = make_layout(ctx, doc->subtitle, &st_subtitle, TEXT_W);
		items[1].st = &st_subtitle;
		items[1].x = MARGIN_X;
	}
	for (i = 0; i < doc->nblocks; i++) {
		const struct pdf_block *b = &doc->blocks[i];
		struct item *it = &items[i + 2];

		it->x = MARGIN_X;
		switch (b->kind) {
		case PDF_HEADING:
			it->st = &st_heading;
			it->outline = 1;
			break;
		case PDF_PARA:
			it->st = &st_para;
			break;
		case PDF_BULLET:
			it->st = &st_bullet;
			it->x = MARGIN_X + BULLET_INDENT;
			it->bullet = 1;
			break;
		case PDF_PAGEBREAK:
			continue;
		default:
			goto out;
		}
		it->layout = make_layout(ctx, b->text, it->st, PAGE_W - MARGIN_X - it->x);
	}
	for (i = 0; i < nitems; i++)
		if (items[i].layout && measure(&items[i]) < 0)
			goto out;

	paginate(&pg, items, nitems);
	if (pg.err)
		goto out;

	if (doc->header) {
		header = make_layout(ctx, doc->header, &st_small, TEXT_W);
		pango_layout_set_ellipsize(header, PANGO_ELLIPSIZE_END);
	}
	footer = make_layout(ctx, NULL, &st_small, TEXT_W);
	pango_layout_set_alignment(footer, PANGO_ALIGN_CENTER);
	bullet = make_layout(ctx, "\u2022", &st_bullet, BULLET_INDENT);

	surf = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		goto out;
	if (doc->title) {
		char *t = g_utf8_make_valid(doc->title, -1);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, t);
		g_free(t);
	}
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Witan");
	if (doc->created)
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
					       doc->created);
	cr = cairo_create(surf);
	for (page = 1; page <= pg.page; page++)
		draw_page(cr, surf, page, pg.page, &pg, &next, header, footer, bullet);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS || out->err)
		goto out;
	if (pages)
		*pages = pg.page;
	rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	if (surf) {
		cairo_surface_finish(surf); /* flushes into out before we truncate */
		cairo_surface_destroy(surf);
	}
	if (rc < 0 && out)
		buf_truncate(out, start);
	if (header)
		g_object_unref(header);
	if (footer)
		g_object_unref(footer);
	if (bullet)
		g_object_unref(bullet);
	for (i = 0; items && i < nitems; i++) {
		if (items[i].layout)
			g_object_unref(items[i].layout);
		free(items[i].lines);
	}
	free(items);
	free(pg.pl);
	if (fo)
		cairo_font_options_destroy(fo);
	if (ctx)
		g_object_unref(ctx);
	if (fm)
		fm_release(fm, watch);
	return rc;
}

/* A block of pdf_text_blocks() until its text has its place. */
struct text_block {
	enum pdf_block_kind kind;
	size_t at;   /* its text in the texts; SIZE_MAX: none */
};

static void text_block(struct buf *list, struct buf *texts, enum pdf_block_kind kind, const char *s, size_t len)
{
	struct text_block b = { kind, kind == PDF_PAGEBREAK ? SIZE_MAX : texts->len };

	buf_append(list, &b, sizeof(b));
	if (kind != PDF_PAGEBREAK) {
		buf_append(texts, s, len);
		buf_putc(texts, '\0');
	}
}

int pdf_text_blocks(struct pdf_doc *doc, const char *s)
{
	struct buf list = BUF_INIT, texts = BUF_INIT, para = BUF_INIT, line = BUF_INIT;
	const struct text_block *tb;
	struct pdf_block *blocks = NULL;
	size_t n;

	for (; *s; s += s[0] ? 1 : 0) {
		size_t len = strcspn(s, "\n");
		int brk = len == 3 && !memcmp(s, "---", 3), head = len >= 2 && (!memcmp(s, "# ", 2) || !memcmp(s, "- ", 2));

		buf_reset(&line);
		for (size_t i = 0; i < len; i++)
			buf_putc(&line, s[i += s[i] == '\\' && i + 1 < len && strchr("\\`*_{}[]()#+-.!<>|", s[i + 1])]);
		if ((!len || brk || head) && para.len) {
			text_block(&list, &texts, PDF_PARA, para.data, para.len);
			buf_reset(&para);
		}
		if (brk || head)
			text_block(&list, &texts, brk ? PDF_PAGEBREAK : *s == '#' ? PDF_HEADING : PDF_BULLET,
				   line.data + 2, line.len - 2);
		else if (len)
			buf_printf(&para, "%s%.*s", para.len ? " " : "", (int)line.len, line.data);
		s += len;
	}
	if (para.len)
		text_block(&list, &texts, PDF_PARA, para.data, para.len);
	n = list.len / sizeof(*tb);
	if (!list.err && !texts.err && !para.err && !line.err)
		blocks = malloc(n * sizeof(*blocks) + texts.len + 1);
	if (blocks) {
		char *base = (char *)(blocks + n);

		memcpy(base, texts.data ? texts.data : "", texts.len + 1);
		tb = (const struct text_block *)list.data;
		for (size_t i = 0; i < n; i++)
			blocks[i] = (struct pdf_block){ tb[i].kind, tb[i].at == SIZE_MAX ? NULL : base + tb[i].at };
	}
	doc->blocks = blocks;
	doc->nblocks = blocks ? n : 0;
	buf_release(&list);
	buf_release(&texts);
	buf_release(&para);
	buf_release(&line);
	return blocks ? 0 : -1;
}

void pdf_text_release(struct pdf_doc *doc)
{
	free((void *)doc->blocks);
	doc->blocks = NULL;
	doc->nblocks = 0;
}
