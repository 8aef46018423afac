/* pdfgen.c: renders a struct pdf_doc to PDF with pango (layout) and cairo
 * (PDF surface writing into a struct buf: docs/pdfsurface).
 *
 * Two passes over one set of layouts.  First every block gets a PangoLayout
 * and the lines of those layouts are placed on pages (paginate), which
 * fixes the page count.  Then a cairo PDF surface draws each page: running
 * header, the placed lines, "Page N of M" footer.  Lines are drawn one by
 * one (pango_cairo_show_layout_line), so a paragraph split over a page
 * boundary puts each line's text on exactly one page.
 *
 * Tables are laid out cell by cell: each column gets its natural width when
 * the table fits the text width, otherwise a fair share plus part of what
 * the narrower columns leave; a row is placed whole (a page ends between
 * rows), and the header row is repeated at the top of a new page.
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

#include "docs/pdfsurface.h"
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
#define QUOTE_INDENT 14.0
#define CELL_PAD 4.0
#define CELL_MIN_W 36.0

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
static const struct style st_heading2 = {
	FONT_FAMILY " Bold 11", 9, 4, 1.5, { 0.07, 0.17, 0.34 } };
static const struct style st_quote = {
	FONT_FAMILY " 10.5", 0, 8, 2.5, { 0.25, 0.25, 0.25 } };
static const struct style st_cell = {
	FONT_FAMILY " 9.5", 2, 10, 1.5, { 0.1, 0.1, 0.1 } };
static const struct style st_cell_head = {
	FONT_FAMILY " Bold 9.5", 0, 0, 1.5, { 0.1, 0.1, 0.1 } };
static const struct style st_stamp = {
	FONT_FAMILY " Bold 9", 0, 0, 0, { 0.70, 0.05, 0.05 } };
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
	int outline;           /* first line becomes a PDF outline entry (1 or 2: its level) */
	int bar;               /* a quote: a bar beside every line */
	int skip;              /* nothing to place (an empty table) */
	PangoLayout *label;    /* a list item's own label ("2.", a nested bullet), or NULL */
	struct line_m *lines;
	int nlines;
	struct item *cells;    /* a table: nrows * ncols cells */
	int nrows, ncols;
	double *colw;
};

enum place_kind { PL_LINE, PL_BULLET, PL_RULE, PL_OUTLINE, PL_LABEL, PL_BOX, PL_BAR };

/* Something to draw on a page, found by paginate. */
struct place {
	enum place_kind kind;
	int page;                /* 1-based */
	double x, y;             /* line, bullet: baseline origin; rule: left end */
	double w, h;             /* rule width; box width and height; bar height */
	int level;               /* PL_OUTLINE: 1 or 2; PL_BOX: 1 to shade it */
	PangoLayoutLine *line;   /* PL_LINE */
	PangoLayout *layout;     /* PL_OUTLINE: text of the entry; PL_LABEL: the label */
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

/* Make a layout of text (NULL is empty) in style st, width w points (< 0:
 * unwrapped), as markup when markup is set and pango can parse it.
 * Invalid UTF-8 is repaired rather than handed to pango, which warns. */
static PangoLayout *make_layout_m(PangoContext *ctx, const char *text,
				  const struct style *st, double w, int markup)
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
	pango_layout_set_width(l, w < 0 ? -1 : (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_spacing(l, (int)(st->spacing * PANGO_SCALE));
	if (markup && pango_parse_markup(text, -1, 0, NULL, NULL, NULL, NULL))
		pango_layout_set_markup(l, text, -1);
	else
		pango_layout_set_text(l, text, -1);
	g_free(fixed);
	return l;
}

static PangoLayout *make_layout(PangoContext *ctx, const char *text,
				const struct style *st, double w)
{
	return make_layout_m(ctx, text, st, w, 0);
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
					p->level = it->outline;
				}
			}
			if (j == 0 && it->label) {
				p = pager_add(pg, PL_LABEL);
				if (p) {
					p->layout = it->label;
					p->x = it->x - BULLET_INDENT + 1;
					p->y = pg->y + (it->lines[j].baseline - base);
					p->st = it->st;
				}
			} else if (j == 0 && it->bullet) {
				p = pager_add(pg, PL_BULLET);
				if (p) {
					p->x = MARGIN_X + 5;
					p->y = pg->y + (it->lines[j].baseline - base);
					p->st = it->st;
				}
			}
			if (it->bar) {
				p = pager_add(pg, PL_BAR);
				if (p) {
					p->x = it->x - QUOTE_INDENT + 4;
					p->y = pg->y + (it->lines[j].top - base);
					p->h = it->lines[j].bottom - it->lines[j].top;
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

/* The height of row r of a table, padding included. */
static double row_height(const struct item *t, int r)
{
	double h = 0;

	for (int c = 0; c < t->ncols; c++) {
		double ch = head_height(&t->cells[r * t->ncols + c], INT32_MAX);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD;
}

static void place_row(struct pager *pg, const struct item *t, int r)
{
	double x = t->x, h = row_height(t, r);

	for (int c = 0; c < t->ncols; c++) {
		const struct item *cell = &t->cells[r * t->ncols + c];
		struct place *p = pager_add(pg, PL_BOX);

		if (!p)
			return;
		p->x = x;
		p->y = pg->y;
		p->w = t->colw[c];
		p->h = h;
		p->level = r == 0;
		for (int j = 0; j < cell->nlines; j++) {
			p = pager_add(pg, PL_LINE);
			if (!p)
				return;
			p->line = cell->lines[j].line;
			p->x = x + CELL_PAD + cell->lines[j].x;
			p->y = pg->y + CELL_PAD + (cell->lines[j].baseline - cell->lines[0].top);
			p->st = cell->st;
		}
		x += t->colw[c];
	}
	pg->y += h;
	pg->empty = 0;
}

/* Place a table row by row; a row that does not fit starts a new page,
 * which begins with the header row again. */
static void place_table(struct pager *pg, const struct item *t)
{
	if (!pg->empty)
		pg->y += t->st->before;
	for (int r = 0; r < t->nrows; r++) {
		double h = row_height(t, r);

		/* The header row stays with the first row of the body. */
		if (r == 0 && t->nrows > 1)
			h += row_height(t, 1);
		if (pg->y + h > BODY_BOTTOM && !pg->empty) {
			pager_new_page(pg);
			if (r > 0 && row_height(t, 0) + h <= BODY_BOTTOM - BODY_TOP)
				place_row(pg, t, 0);
		}
		place_row(pg, t, r);
	}
	pg->y += t->st->after;
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

		if (it->skip)
			continue;
		if (it->cells) {
			place_table(pg, it);
			continue;
		}
		if (!it->layout) {
			if (!pg->empty)
				pager_new_page(pg);
			continue;
		}
		if (it->outline && i + 1 < nitems && items[i + 1].cells && !items[i + 1].skip)
			keep = items[i + 1].st->before + row_height(&items[i + 1], 0) +
			       (items[i + 1].nrows > 1 ? row_height(&items[i + 1], 1) : 0);
		else if (it->outline && i + 1 < nitems && items[i + 1].layout)
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
		      const struct pager *pg, size_t *next, int *parent,
		      PangoLayout *header, PangoLayout *footer, PangoLayout *bullet,
		      PangoLayout *stamp)
{
	char num[64];
	size_t i;

	if (stamp) {
		set_rgb(cr, &st_stamp);
		cairo_move_to(cr, MARGIN_X, HEADER_TOP);
		pango_cairo_show_layout(cr, stamp);
	}
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
		case PL_OUTLINE: {
			int id;

			snprintf(link, sizeof(link), "page=%d pos=[%d %d]", page,
				 (int)MARGIN_X, (int)p->y);
			id = cairo_pdf_surface_add_outline(surf,
				p->level == 2 && *parent ? *parent : CAIRO_PDF_OUTLINE_ROOT,
				pango_layout_get_text(p->layout), link, 0);
			if (p->level != 2)
				*parent = id;
			break;
		}
		case PL_LABEL:
			set_rgb(cr, p->st);
			cairo_move_to(cr, p->x, p->y);
			pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(p->layout, 0));
			break;
		case PL_BOX:
			if (p->level) {
				cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
				cairo_rectangle(cr, p->x, p->y, p->w, p->h);
				cairo_fill(cr);
			}
			cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
			cairo_set_line_width(cr, 0.5);
			cairo_rectangle(cr, p->x, p->y, p->w, p->h);
			cairo_stroke(cr);
			break;
		case PL_BAR:
			cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
			cairo_set_line_width(cr, 2);
			cairo_move_to(cr, p->x, p->y);
			cairo_line_to(cr, p->x, p->y + p->h);
			cairo_stroke(cr);
			break;
		}
	}
	*next = i;
	if (footer) {
		snprintf(num, sizeof(num), "Page %d of %d", page, pages);
		pango_layout_set_text(footer, num, -1);
		set_rgb(cr, &st_small);
		cairo_move_to(cr, MARGIN_X, FOOTER_TOP);
		pango_cairo_show_layout(cr, footer);
	}
	cairo_show_page(cr);
}

/* Lay out the cells of table block b into it (x set): natural widths,
 * then the columns' widths, then each cell wrapped to its column.
 * 0, or -1 (out of memory). */
static int setup_table(PangoContext *ctx, const struct pdf_block *b, struct item *it)
{
	int n = b->nrows * b->ncols, nc = b->ncols;
	double *nat, avail = PAGE_W - MARGIN_X - it->x, total = 0, fair, spare, excess = 0;

	if (b->nrows <= 0 || b->ncols <= 0 || !b->cells || b->nrows > INT32_MAX / b->ncols) {
		it->skip = 1;
		return 0;
	}
	it->cells = calloc((size_t)n, sizeof(*it->cells));
	it->colw = calloc((size_t)nc, sizeof(*it->colw));
	nat = calloc((size_t)nc, sizeof(*nat));
	if (!it->cells || !it->colw || !nat) {
		free(nat);
		return -1;
	}
	it->nrows = b->nrows;
	it->ncols = nc;
	for (int k = 0; k < n; k++) {
		struct item *cell = &it->cells[k];
		PangoRectangle log;

		cell->st = k < nc ? &st_cell_head : &st_cell;
		cell->layout = make_layout_m(ctx, b->cells[k], cell->st, -1, b->markup);
		pango_layout_get_extents(cell->layout, NULL, &log);
		if ((double)log.width / PANGO_SCALE + 2 * CELL_PAD + 1 > nat[k % nc])
			nat[k % nc] = (double)log.width / PANGO_SCALE + 2 * CELL_PAD + 1;
	}
	for (int c = 0; c < nc; c++) {
		if (nat[c] < CELL_MIN_W)
			nat[c] = CELL_MIN_W;
		total += nat[c];
	}
	if (total <= avail) {
		memcpy(it->colw, nat, (size_t)nc * sizeof(*nat));
	} else {
		/* Each column its natural width up to a fair share; what the
		 * narrow ones leave goes to the wide ones by how much wider. */
		fair = avail / nc;
		spare = avail;
		for (int c = 0; c < nc; c++) {
			it->colw[c] = nat[c] < fair ? nat[c] : fair;
			spare -= it->colw[c];
			excess += nat[c] - it->colw[c];
		}
		for (int c = 0; c < nc; c++)
			if (excess > 0)
				it->colw[c] += spare * (nat[c] - it->colw[c]) / excess;
	}
	free(nat);
	for (int k = 0; k < n; k++) {
		pango_layout_set_width(it->cells[k].layout,
				       (int)((it->colw[k % nc] - 2 * CELL_PAD) * PANGO_SCALE));
		if (measure(&it->cells[k]) < 0)
			return -1;
	}
	return 0;
}

static void item_release(struct item *it)
{
	if (it->layout)
		g_object_unref(it->layout);
	if (it->label)
		g_object_unref(it->label);
	free(it->lines);
	for (int k = 0; it->cells && k < it->nrows * it->ncols; k++)
		item_release(&it->cells[k]);
	free(it->cells);
	free(it->colw);
}

int pdf_render(const struct pdf_doc *doc, struct buf *out, int *pages)
{
	PangoFontMap *fm = NULL;
	struct fm_watch *watch = NULL;
	PangoContext *ctx = NULL;
	cairo_font_options_t *fo = NULL;
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	PangoLayout *header = NULL, *footer = NULL, *bullet = NULL, *stamp = NULL;
	struct item *items = NULL;
	struct pager pg = { 0 };
	size_t nitems = 0, i, next = 0, start = out ? out->len : 0;
	int page, parent = 0, rc = -1;

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
		static const char *const marks[] = { "\u2022", "\u25e6", "\u25aa" };
		const struct pdf_block *b = &doc->blocks[i];
		struct item *it = &items[i + 2];
		int level = b->level < 0 ? 0 : b->level > 8 ? 8 : b->level;

		it->x = MARGIN_X + (b->kind == PDF_HEADING ? 0 : level * BULLET_INDENT);
		switch (b->kind) {
		case PDF_HEADING:
			it->st = level == 2 ? &st_heading2 : &st_heading;
			it->outline = level == 2 ? 2 : 1;
			break;
		case PDF_PARA:
			it->st = &st_para;
			break;
		case PDF_BULLET:
			it->st = &st_bullet;
			it->x += BULLET_INDENT;
			it->bullet = 1;
			if (b->number > 0 || level > 0) {
				char num[24];

				if (b->number > 0)
					snprintf(num, sizeof(num), "%d.", b->number);
				else
					snprintf(num, sizeof(num), "%s", marks[level % 3]);
				it->label = make_layout(ctx, num, it->st, BULLET_INDENT);
				if (b->number <= 0)
					pango_layout_set_indent(it->label, 4 * PANGO_SCALE);
			}
			break;
		case PDF_QUOTE:
			it->st = &st_quote;
			it->x += QUOTE_INDENT;
			it->bar = 1;
			break;
		case PDF_TABLE:
			it->st = &st_cell;
			if (setup_table(ctx, b, it) < 0)
				goto out;
			continue;
		case PDF_PAGEBREAK:
			continue;
		default:
			goto out;
		}
		it->layout = make_layout_m(ctx, b->text, it->st, PAGE_W - MARGIN_X - it->x, b->markup);
	}
	for (i = 0; i < nitems; i++)
		if (items[i].layout && !items[i].cells && measure(&items[i]) < 0)
			goto out;

	paginate(&pg, items, nitems);
	if (pg.err)
		goto out;

	if (doc->stamp) {
		stamp = make_layout(ctx, doc->stamp, &st_stamp, TEXT_W);
		pango_layout_set_alignment(stamp, PANGO_ALIGN_RIGHT);
	}
	if (doc->header) {
		double w = TEXT_W;

		if (stamp) {
			PangoRectangle log;

			pango_layout_get_extents(stamp, NULL, &log);
			pango_layout_set_width(stamp, -1);
			pango_layout_get_extents(stamp, NULL, &log);
			w = TEXT_W - (double)log.width / PANGO_SCALE - 12;
			pango_layout_set_width(stamp, (int)(TEXT_W * PANGO_SCALE));
			if (w < TEXT_W / 3)
				w = TEXT_W / 3;
		}
		header = make_layout(ctx, doc->header, &st_small, w);
		pango_layout_set_ellipsize(header, PANGO_ELLIPSIZE_END);
	}
	footer = make_layout(ctx, NULL, &st_small, TEXT_W);
	pango_layout_set_alignment(footer, PANGO_ALIGN_CENTER);
	bullet = make_layout(ctx, "\u2022", &st_bullet, BULLET_INDENT);

	surf = pdf_surface_new(out, PAGE_W, PAGE_H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		goto out;
	if (doc->title) {
		char *t = g_utf8_make_valid(doc->title, -1);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, t);
		g_free(t);
	}
	if (doc->subject) {
		char *t = g_utf8_make_valid(doc->subject, -1);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, t);
		g_free(t);
	}
	if (doc->author) {
		char *t = g_utf8_make_valid(doc->author, -1);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, t);
		g_free(t);
	}
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Witan");
	if (doc->created)
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
					       doc->created);
	cr = cairo_create(surf);
	for (page = 1; page <= pg.page; page++)
		draw_page(cr, surf, page, pg.page, &pg, &next, &parent, header, doc->no_footer ? NULL : footer, bullet,
			  stamp);
	if (pdf_surface_close(&cr, surf, out) < 0)
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
	if (stamp)
		g_object_unref(stamp);
	for (i = 0; items && i < nitems; i++)
		item_release(&items[i]);
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
			blocks[i] = (struct pdf_block){ .kind = tb[i].kind, .text = tb[i].at == SIZE_MAX ? NULL : base + tb[i].at };
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

void pdf_markup_escape(struct buf *out, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *bad = NULL;
		size_t n;

		/* The longest valid run; then one bad byte as U+FFFD. */
		g_utf8_validate(s, (gssize)(end - s), &bad);
		n = (size_t)((bad ? bad : end) - s);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];

			switch (c) {
			case '&': buf_puts(out, "&amp;"); break;
			case '<': buf_puts(out, "&lt;"); break;
			case '>': buf_puts(out, "&gt;"); break;
			case '"': buf_puts(out, "&quot;"); break;
			case '\'': buf_puts(out, "&#39;"); break;
			default:
				if (c >= 0x20 || c == '\t' || c == '\n')
					if (c != 0x7f)
						buf_putc(out, (char)c);
			}
		}
		s += n;
		if (s < end) {
			buf_puts(out, "\xef\xbf\xbd");
			s++;
		}
	}
}
