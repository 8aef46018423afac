/* pdfpack.c: merges a front sheet and documents into one PDF with libqpdf's
 * C API, and stamps "Page n of N" on every page with cairo.
 *
 * One qpdf_data per source (the front sheet, each document, the stamps)
 * stays open until the output is written: qpdf copies objects between files
 * when a page is added, but their stream data only when writing.  What a
 * source costs until then is its parsed objects, not its bytes (files are
 * read from disk as needed; the front sheet's bytes are the caller's).
 *
 * Steps: the pages of the front sheet and of each readable document are
 * added to an empty PDF; a cairo PDF with one small page per output page
 * (each the visible size of its target, rotation included) carries the
 * stamps; each stamp page becomes a Form XObject that the target page
 * draws from an extra content stream after its own content, wrapped in
 * q/Q.  Then the outline, page labels, catalog and Info, and the write
 * (streams copied as they are, object streams generated, a deterministic
 * /ID).
 *
 * Every qpdf call is checked: qpdf throws inside, and its C API turns that
 * into an error we read with qpdf_has_error()/qpdf_get_error().  A document
 * whose reading gives any warning (qpdf repairing damage, e.g. a truncated
 * file whose cross-reference table it rebuilds) is left out rather than
 * included as qpdf guessed it.
 */
#include "docs/pdfpack.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <qpdf/qpdf-c.h>

#include "docs/pdfsurface.h"
#include "util/banned.h"

#define E_ENCRYPTED "the file is encrypted"
#define E_UNREADABLE "the file is not a readable PDF"
#define E_EMPTY "the file has no pages"

#define STAMP_FONT "DejaVu Sans"
#define STAMP_SIZE 8.0        /* points, on pages at least 300 pt wide */
#define STAMP_BASE 14.0       /* baseline above the foot of the page */
#define STAMP_NAME "/WitanStamp"
#define MAX_SIDE 14400.0      /* PDF's largest page side, in points */

/* A page's visible box in its user space, and its /Rotate (0, 90, 180, 270). */
struct geom {
	double x0, y0, x1, y1;
	int rot;
};

static qpdf_data q_new(void)
{
	qpdf_data q = qpdf_init();

	if (q) {
		qpdf_silence_errors(q);
		qpdf_set_suppress_warnings(q, QPDF_TRUE);
	}
	return q;
}

/* 1 if q has an error or unread warnings (both are consumed), else 0. */
static int q_bad(qpdf_data q)
{
	int bad = 0;

	if (qpdf_has_error(q)) {
		qpdf_get_error(q);
		bad = 1;
	}
	while (qpdf_more_warnings(q)) {
		qpdf_next_warning(q);
		bad = 1;
	}
	return bad;
}

/* Only errors (dst collects no warnings of ours that matter). */
static int q_err(qpdf_data q)
{
	if (!qpdf_has_error(q))
		return 0;
	qpdf_get_error(q);
	return 1;
}

static void q_free(qpdf_data *q)
{
	if (*q) {
		q_bad(*q);  /* else qpdf_cleanup prints an unread error */
		qpdf_cleanup(q);
	}
	*q = NULL;
}

/* After a failed read: why, from qpdf's error. */
static const char *read_why(qpdf_data q)
{
	qpdf_error e = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;

	if (e && qpdf_get_error_code(q, e) == qpdf_e_password)
		return E_ENCRYPTED;
	return E_UNREADABLE;
}

/* Checks an opened source: not encrypted, read without repairs, pages >= 1,
 * inherited attributes pushed to its pages (so a page copies whole). */
static int check_source(qpdf_data q, int *pages, const char **why)
{
	int n;

	if (qpdf_is_encrypted(q)) {
		*why = E_ENCRYPTED;
		return -1;
	}
	if (q_bad(q))
		goto bad;
	n = qpdf_get_num_pages(q);
	if (n < 0 || q_bad(q))
		goto bad;
	if (n == 0) {
		*why = E_EMPTY;
		return -1;
	}
	if ((qpdf_push_inherited_attributes_to_page(q) & QPDF_ERRORS) || q_bad(q))
		goto bad;
	*pages = n;
	return 0;
bad:
	*why = E_UNREADABLE;
	return -1;
}

/* Opens path into *qp (left open on success, for the caller to clean up). */
static int open_source(const char *path, qpdf_data *qp, int *pages, const char **why)
{
	qpdf_data q = q_new();

	*qp = NULL;
	*pages = 0;
	if (!q) {
		*why = E_UNREADABLE;
		return -1;
	}
	if (qpdf_read(q, path, NULL) & QPDF_ERRORS) {
		*why = read_why(q);
		goto fail;
	}
	if (check_source(q, pages, why) < 0)
		goto fail;
	*qp = q;
	return 0;
fail:
	*pages = 0;
	q_free(&q);
	return -1;
}

int pdf_pack_probe(const char *path, int *pages, const char **why)
{
	qpdf_data q = NULL;
	int n = 0;
	const char *w = NULL;
	int rc = path ? open_source(path, &q, &n, &w) : (w = E_UNREADABLE, -1);

	q_free(&q);
	if (pages)
		*pages = n;
	if (why)
		*why = w;
	return rc;
}

/* "1.7" -> 17; anything else -> 0. */
static int version_num(const char *v)
{
	if (!v || v[0] < '1' || v[0] > '9' || v[1] != '.' || v[2] < '0' || v[2] > '9')
		return 0;
	return (v[0] - '0') * 10 + (v[2] - '0');
}

/* Adds every page of src to dst; on failure removes those it added. */
static int add_pages(qpdf_data dst, qpdf_data src, int n, int *total)
{
	int i, start = *total;

	for (i = 0; i < n; i++) {
		qpdf_oh p = qpdf_get_page_n(src, (size_t)i);

		if (q_bad(src) || !p)
			goto undo;
		if ((qpdf_add_page(dst, src, p, QPDF_FALSE) & QPDF_ERRORS) || q_bad(src))
			goto undo;
		qpdf_oh_release(src, p);
		(*total)++;
	}
	return 0;
undo:
	q_err(dst);
	while (*total > start) {
		qpdf_oh p = qpdf_get_page_n(dst, (size_t)(*total - 1));

		if (qpdf_remove_page(dst, p) & QPDF_ERRORS)
			return -2;  /* dst is in an unknown state */
		(*total)--;
	}
	return -1;
}

/* A number from an array item, or def. */
static double num_at(qpdf_data q, qpdf_oh a, int i, double def)
{
	qpdf_oh o = qpdf_oh_get_array_item(q, a, i);
	double v = def;

	if (qpdf_oh_is_number(q, o))
		v = qpdf_oh_get_numeric_value(q, o);
	qpdf_oh_release(q, o);
	return isfinite(v) ? v : def;
}

/* Reads box key of page into g; 0, or -1 if absent or not 4 numbers. */
static int read_box(qpdf_data q, qpdf_oh page, const char *key, struct geom *g)
{
	qpdf_oh a = qpdf_oh_get_key(q, page, key);
	double v[4], t;
	int i, rc = -1;

	if (!qpdf_oh_is_array(q, a) || qpdf_oh_get_array_n_items(q, a) != 4)
		goto out;
	for (i = 0; i < 4; i++) {
		v[i] = num_at(q, a, i, NAN);
		if (isnan(v[i]))
			goto out;
	}
	if (v[0] > v[2]) {
		t = v[0]; v[0] = v[2]; v[2] = t;
	}
	if (v[1] > v[3]) {
		t = v[1]; v[1] = v[3]; v[3] = t;
	}
	g->x0 = v[0];
	g->y0 = v[1];
	g->x1 = v[2];
	g->y1 = v[3];
	rc = 0;
out:
	qpdf_oh_release(q, a);
	q_err(q);
	return rc;
}

/* The visible box (CropBox within MediaBox) and rotation of a page. */
static void page_geom(qpdf_data q, qpdf_oh page, struct geom *g)
{
	struct geom m = { 0, 0, 612, 792, 0 }, c;
	qpdf_oh r;
	long long rot = 0;

	read_box(q, page, "/MediaBox", &m);
	*g = m;
	if (read_box(q, page, "/CropBox", &c) == 0) {
		g->x0 = fmax(m.x0, c.x0);
		g->y0 = fmax(m.y0, c.y0);
		g->x1 = fmin(m.x1, c.x1);
		g->y1 = fmin(m.y1, c.y1);
		if (g->x1 - g->x0 < 1 || g->y1 - g->y0 < 1)
			*g = m;
	}
	if (g->x1 - g->x0 < 1)
		g->x1 = g->x0 + 1;
	if (g->y1 - g->y0 < 1)
		g->y1 = g->y0 + 1;
	r = qpdf_oh_get_key(q, page, "/Rotate");
	if (qpdf_oh_is_integer(q, r))
		rot = qpdf_oh_get_int_value(q, r) % 360;
	qpdf_oh_release(q, r);
	if (rot < 0)
		rot += 360;
	g->rot = rot % 90 ? 0 : (int)rot;
	q_err(q);
}

/* The page's visible width and height (as displayed), within PDF's limits. */
static void visible_size(const struct geom *g, double *w, double *h)
{
	double bw = g->x1 - g->x0, bh = g->y1 - g->y0;

	*w = fmin(g->rot % 180 ? bh : bw, MAX_SIDE);
	*h = fmin(g->rot % 180 ? bw : bh, MAX_SIDE);
}

/* One PDF page per pack page, each the visible size of its target, with
 * "Page n of N" centred at the foot. */
static int render_stamps(const struct geom *g, int n, struct buf *out)
{
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	double w, h;
	int i, rc = -1;

	visible_size(&g[0], &w, &h);
	surf = pdf_surface_new(out, w, h);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Witan");
	/* Not copied into the pack, but fixed so the stamps' bytes are too. */
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
	cr = cairo_create(surf);
	cairo_select_font_face(cr, STAMP_FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	for (i = 0; i < n; i++) {
		cairo_text_extents_t ext;
		char text[64];
		double size;

		visible_size(&g[i], &w, &h);
		cairo_pdf_surface_set_size(surf, w, h);
		size = w < 300 ? STAMP_SIZE * w / 300 : STAMP_SIZE;
		cairo_set_font_size(cr, size);
		snprintf(text, sizeof(text), "Page %d of %d", i + 1, n);
		cairo_text_extents(cr, text, &ext);
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		cairo_move_to(cr, (w - ext.x_advance) / 2,
			      h - fmin(STAMP_BASE, h / 4) * size / STAMP_SIZE);
		cairo_show_text(cr, text);
		cairo_show_page(cr);
	}
	if (pdf_surface_close(&cr, surf, out) < 0)
		goto out;
	rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	if (surf) {
		cairo_surface_finish(surf);
		cairo_surface_destroy(surf);
	}
	return rc;
}

/* A new direct dictionary with the entries of d (none if d is not one). */
static qpdf_oh dict_copy(qpdf_data q, qpdf_oh d)
{
	qpdf_oh n = qpdf_oh_new_dictionary(q);

	if (!qpdf_oh_is_dictionary(q, d))
		return n;
	qpdf_oh_begin_dict_key_iter(q, d);
	while (qpdf_oh_dict_more_keys(q)) {
		const char *k = qpdf_oh_dict_next_key(q);
		qpdf_oh v = qpdf_oh_get_key(q, d, k);

		qpdf_oh_replace_key(q, n, k, v);
		qpdf_oh_release(q, v);
	}
	return n;
}

static qpdf_oh new_stream(qpdf_data q, const char *data, size_t len)
{
	qpdf_oh s = qpdf_oh_new_stream(q), nul = qpdf_oh_new_null(q);

	qpdf_oh_replace_stream_data(q, s, (const unsigned char *)data, len, nul, nul);
	qpdf_oh_release(q, nul);
	return s;
}

static qpdf_oh new_box(qpdf_data q, double w, double h)
{
	qpdf_oh a = qpdf_oh_new_array(q), o;
	double v[4] = { 0, 0, w, h };

	for (int i = 0; i < 4; i++) {
		o = qpdf_oh_new_real_from_double(q, v[i], 3);
		qpdf_oh_append_item(q, a, o);
		qpdf_oh_release(q, o);
	}
	return a;
}

/* Stamps page i of dst with page i of stamps: a Form XObject drawn by an
 * extra content stream after the page's own, which "pre" (a "q") and the
 * extra stream's leading "Q" wrap.  0 or -1. */
static int stamp_page(qpdf_data dst, qpdf_data stq, int i, const struct geom *g,
		      qpdf_oh pre)
{
	qpdf_oh sp = 0, sres = 0, xo = 0, xd = 0, dp = 0, res = 0, xobj = 0,
		c = 0, arr = 0, post = 0, o;
	unsigned char *cbuf = NULL;
	size_t clen = 0;
	char name[48], cm[256];
	double w, h, m[6];
	int k, n, rc = -1;

	sp = qpdf_get_page_n(stq, (size_t)i);
	if (!sp || (qpdf_oh_get_page_content_data(stq, sp, &cbuf, &clen) & QPDF_ERRORS))
		goto out;
	sres = qpdf_oh_get_key(stq, sp, "/Resources");
	if (q_err(stq))
		goto out;
	o = qpdf_oh_copy_foreign_object(dst, stq, sres);
	xo = new_stream(dst, (const char *)cbuf, clen);
	xd = qpdf_oh_get_dict(dst, xo);
	qpdf_oh_replace_key(dst, xd, "/Resources", o);
	qpdf_oh_release(dst, o);
	o = qpdf_oh_new_name(dst, "/XObject");
	qpdf_oh_replace_key(dst, xd, "/Type", o);
	qpdf_oh_release(dst, o);
	o = qpdf_oh_new_name(dst, "/Form");
	qpdf_oh_replace_key(dst, xd, "/Subtype", o);
	qpdf_oh_release(dst, o);
	visible_size(g, &w, &h);
	o = new_box(dst, w, h);
	qpdf_oh_replace_key(dst, xd, "/BBox", o);
	qpdf_oh_release(dst, o);

	/* The page's own resources, copied (they may be shared), plus ours
	 * under a name the page does not use. */
	dp = qpdf_get_page_n(dst, (size_t)i);
	o = qpdf_oh_get_key(dst, dp, "/Resources");
	res = dict_copy(dst, o);
	qpdf_oh_release(dst, o);
	o = qpdf_oh_get_key(dst, res, "/XObject");
	xobj = dict_copy(dst, o);
	qpdf_oh_release(dst, o);
	snprintf(name, sizeof(name), STAMP_NAME);
	for (k = 1; qpdf_oh_has_key(dst, xobj, name) && k < 1000; k++)
		snprintf(name, sizeof(name), STAMP_NAME "%d", k);
	qpdf_oh_replace_key(dst, xobj, name, xo);
	qpdf_oh_replace_key(dst, res, "/XObject", xobj);
	qpdf_oh_replace_key(dst, dp, "/Resources", res);

	/* Visible (u, v) to the page's user space: x = a u + c v + e,
	 * y = b u + d v + f; /Rotate turns the page clockwise on screen. */
	switch (g->rot) {
	case 90:
		m[0] = 0; m[1] = 1; m[2] = -1; m[3] = 0; m[4] = g->x1; m[5] = g->y0;
		break;
	case 180:
		m[0] = -1; m[1] = 0; m[2] = 0; m[3] = -1; m[4] = g->x1; m[5] = g->y1;
		break;
	case 270:
		m[0] = 0; m[1] = -1; m[2] = 1; m[3] = 0; m[4] = g->x0; m[5] = g->y1;
		break;
	default:
		m[0] = 1; m[1] = 0; m[2] = 0; m[3] = 1; m[4] = g->x0; m[5] = g->y0;
		break;
	}
	n = snprintf(cm, sizeof(cm), "\nQ q %g %g %g %g %.3f %.3f cm %s Do Q\n",
		     m[0], m[1], m[2], m[3], m[4], m[5], name);
	if (n < 0 || (size_t)n >= sizeof(cm))
		goto out;
	post = new_stream(dst, cm, (size_t)n);

	c = qpdf_oh_get_key(dst, dp, "/Contents");
	arr = qpdf_oh_new_array(dst);
	qpdf_oh_append_item(dst, arr, pre);
	if (qpdf_oh_is_array(dst, c)) {
		int nc = qpdf_oh_get_array_n_items(dst, c);

		for (k = 0; k < nc; k++) {
			o = qpdf_oh_get_array_item(dst, c, k);
			if (qpdf_oh_is_stream(dst, o))
				qpdf_oh_append_item(dst, arr, o);
			qpdf_oh_release(dst, o);
		}
	} else if (qpdf_oh_is_stream(dst, c)) {
		qpdf_oh_append_item(dst, arr, c);
	}
	qpdf_oh_append_item(dst, arr, post);
	qpdf_oh_replace_key(dst, dp, "/Contents", arr);
	if (q_err(dst))
		goto out;
	rc = 0;
out:
	free(cbuf);
	q_err(stq);
	qpdf_oh_release(stq, sp);
	qpdf_oh_release(stq, sres);
	qpdf_oh_release(dst, xo);
	qpdf_oh_release(dst, xd);
	qpdf_oh_release(dst, dp);
	qpdf_oh_release(dst, res);
	qpdf_oh_release(dst, xobj);
	qpdf_oh_release(dst, c);
	qpdf_oh_release(dst, arr);
	qpdf_oh_release(dst, post);
	return rc;
}

/* Stamps every page of dst (n of them).  0 or -1.  The stamps' PDF
 * (*sb) and its qpdf_data (*stqp) are the caller's to free, after the
 * write: their font streams are copied only then. */
static int stamp_all(qpdf_data dst, int n, struct buf *sb, qpdf_data *stqp,
		     char *err, size_t errlen)
{
	struct geom *g = calloc((size_t)n, sizeof(*g));
	qpdf_data stq = NULL;
	qpdf_oh pre = 0;
	int i, rc = -1;

	if (!g) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		qpdf_oh p = qpdf_get_page_n(dst, (size_t)i);

		page_geom(dst, p, &g[i]);
		qpdf_oh_release(dst, p);
	}
	if (render_stamps(g, n, sb) < 0) {
		snprintf(err, errlen, "cannot draw the page numbers");
		goto out;
	}
	stq = *stqp = q_new();
	if (!stq || (qpdf_read_memory(stq, "stamps", sb->data, sb->len, NULL) & QPDF_ERRORS)
	    || qpdf_get_num_pages(stq) != n) {
		snprintf(err, errlen, "cannot read the page numbers");
		goto out;
	}
	pre = new_stream(dst, "q\n", 2);
	for (i = 0; i < n; i++)
		if (stamp_page(dst, stq, i, &g[i], pre) < 0) {
			snprintf(err, errlen, "cannot stamp page %d", i + 1);
			goto out;
		}
	rc = 0;
out:
	if (pre)
		qpdf_oh_release(dst, pre);
	free(g);
	return rc;
}

/* An outline entry while the outline is built. */
struct mark {
	const char *title;
	int page;      /* 0-based */
	int parent;    /* index of its level-0 entry, or -1: top level */
	qpdf_oh oh;
};

static void set_key(qpdf_data q, qpdf_oh d, const char *key, qpdf_oh v)
{
	qpdf_oh_replace_key(q, d, key, v);
}

static void set_int(qpdf_data q, qpdf_oh d, const char *key, long long v)
{
	qpdf_oh o = qpdf_oh_new_integer(q, v);

	qpdf_oh_replace_key(q, d, key, o);
	qpdf_oh_release(q, o);
}

static void set_name(qpdf_data q, qpdf_oh d, const char *key, const char *name)
{
	qpdf_oh o = qpdf_oh_new_name(q, name);

	qpdf_oh_replace_key(q, d, key, o);
	qpdf_oh_release(q, o);
}

static void set_text(qpdf_data q, qpdf_oh d, const char *key, const char *utf8)
{
	qpdf_oh o = qpdf_oh_new_unicode_string(q, utf8 ? utf8 : "");

	qpdf_oh_replace_key(q, d, key, o);
	qpdf_oh_release(q, o);
}

/* /Outlines from the front sheet and the parts.  0 or -1 (dst error). */
static int build_outline(qpdf_data dst, const struct pack_spec *spec, int front_pages, int total)
{
	struct mark *mk = calloc(spec->nparts + 1, sizeof(*mk));
	qpdf_oh root = 0, ol = 0;
	size_t i, j, n = 0;
	int top, rc = -1;

	if (!mk)
		return -1;
	mk[n++] = (struct mark){ spec->front_title ? spec->front_title : "Front sheet", 0, -1, 0 };
	top = 0;
	for (i = 0; i < spec->nparts; i++) {
		const struct pack_part *p = &spec->parts[i];
		struct mark *m = &mk[n];

		if (p->path && p->pages <= 0)
			continue;  /* left out: no bookmark */
		if (p->path) {
			m->page = p->first_page - 1;
		} else if (p->front_page > 0) {
			m->page = (p->front_page < front_pages ? p->front_page : front_pages) - 1;
		} else {
			m->page = total - 1;
			for (j = i + 1; j < spec->nparts; j++)
				if (spec->parts[j].path && spec->parts[j].pages > 0) {
					m->page = spec->parts[j].first_page - 1;
					break;
				}
		}
		m->title = p->title ? p->title : "";
		if (p->level >= 1 && top > 0) {
			m->parent = top;
		} else {
			m->parent = -1;
			top = (int)n;
		}
		n++;
	}
	/* The first entry (the front sheet) has no children: parts at level 1
	 * before any level 0 are top-level. */

	ol = qpdf_make_indirect_object(dst, qpdf_oh_new_dictionary(dst));
	set_name(dst, ol, "/Type", "/Outlines");
	for (i = 0; i < n; i++) {
		qpdf_oh d = qpdf_oh_new_dictionary(dst), dest = qpdf_oh_new_array(dst),
			pg = qpdf_get_page_n(dst, (size_t)mk[i].page), fit = qpdf_oh_new_name(dst, "/Fit");

		set_text(dst, d, "/Title", mk[i].title);
		qpdf_oh_append_item(dst, dest, pg);
		qpdf_oh_append_item(dst, dest, fit);
		set_key(dst, d, "/Dest", dest);
		mk[i].oh = qpdf_make_indirect_object(dst, d);
		qpdf_oh_release(dst, d);
		qpdf_oh_release(dst, dest);
		qpdf_oh_release(dst, pg);
		qpdf_oh_release(dst, fit);
	}
	/* Link: siblings by /Prev and /Next, parents by /First, /Last, /Count
	 * (positive: every entry open). */
	{
		int last_top = -1, last_child = -1;

		for (i = 0; i < n; i++) {
			int par = mk[i].parent;

			if (par < 0) {
				set_key(dst, mk[i].oh, "/Parent", ol);
				if (last_top >= 0) {
					set_key(dst, mk[last_top].oh, "/Next", mk[i].oh);
					set_key(dst, mk[i].oh, "/Prev", mk[last_top].oh);
				} else {
					set_key(dst, ol, "/First", mk[i].oh);
				}
				set_key(dst, ol, "/Last", mk[i].oh);
				last_top = (int)i;
				last_child = -1;
				continue;
			}
			set_key(dst, mk[i].oh, "/Parent", mk[par].oh);
			if (last_child >= 0) {
				set_key(dst, mk[last_child].oh, "/Next", mk[i].oh);
				set_key(dst, mk[i].oh, "/Prev", mk[last_child].oh);
			} else {
				set_key(dst, mk[par].oh, "/First", mk[i].oh);
			}
			set_key(dst, mk[par].oh, "/Last", mk[i].oh);
			last_child = (int)i;
			/* the parent's count: its children so far */
			{
				qpdf_oh cnt = qpdf_oh_get_key(dst, mk[par].oh, "/Count");
				long long c = qpdf_oh_is_integer(dst, cnt) ? qpdf_oh_get_int_value(dst, cnt) : 0;

				qpdf_oh_release(dst, cnt);
				set_int(dst, mk[par].oh, "/Count", c + 1);
			}
		}
	}
	set_int(dst, ol, "/Count", (long long)n);
	root = qpdf_get_root(dst);
	set_key(dst, root, "/Outlines", ol);
	rc = q_err(dst) ? -1 : 0;
	for (i = 0; i < n; i++)
		qpdf_oh_release(dst, mk[i].oh);
	qpdf_oh_release(dst, ol);
	qpdf_oh_release(dst, root);
	free(mk);
	return rc;
}

/* One range of a /PageLabels number tree: from page index first on, the
 * labels of style (/r: i, ii…; /D: 1, 2…). */
static void add_label_range(qpdf_data dst, qpdf_oh nums, int first, const char *style)
{
	qpdf_oh o = qpdf_oh_new_integer(dst, first), d;

	qpdf_oh_append_item(dst, nums, o);
	qpdf_oh_release(dst, o);
	d = qpdf_oh_new_dictionary(dst);
	set_name(dst, d, "/S", style);
	qpdf_oh_append_item(dst, nums, d);
	qpdf_oh_release(dst, d);
}

/* /PageLabels: "i", "ii"… for the front sheet, then 1, 2… */
static int build_labels(qpdf_data dst, int front_pages, int total)
{
	qpdf_oh root = qpdf_get_root(dst), pl = qpdf_oh_new_dictionary(dst),
		nums = qpdf_oh_new_array(dst);

	add_label_range(dst, nums, 0, "/r");
	if (total > front_pages)
		add_label_range(dst, nums, front_pages, "/D");
	set_key(dst, pl, "/Nums", nums);
	set_key(dst, root, "/PageLabels", pl);
	qpdf_oh_release(dst, nums);
	qpdf_oh_release(dst, pl);
	qpdf_oh_release(dst, root);
	return q_err(dst) ? -1 : 0;
}

/* ISO 8601 "2019-02-04T10:00:00Z" (or "+01:00") to "D:20190204100000Z"
 * (or "+01'00'").  0, or -1 if iso is not that. */
static int pdf_date(const char *iso, char *out, size_t outlen)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";
	char d[15];
	size_t i, k = 0;

	if (strlen(iso) < sizeof(pat) - 1)
		return -1;
	for (i = 0; i < sizeof(pat) - 1; i++) {
		if (pat[i] == 'd') {
			if (iso[i] < '0' || iso[i] > '9')
				return -1;
			d[k++] = iso[i];
		} else if (iso[i] != pat[i]) {
			return -1;
		}
	}
	d[k] = '\0';
	iso += sizeof(pat) - 1;
	if (!strcmp(iso, "Z"))
		return snprintf(out, outlen, "D:%sZ", d) < (int)outlen ? 0 : -1;
	if ((iso[0] == '+' || iso[0] == '-') && strlen(iso) == 6 && iso[3] == ':'
	    && iso[1] >= '0' && iso[1] <= '9' && iso[2] >= '0' && iso[2] <= '9'
	    && iso[4] >= '0' && iso[4] <= '9' && iso[5] >= '0' && iso[5] <= '9')
		return snprintf(out, outlen, "D:%s%c%c%c'%c%c'", d, iso[0], iso[1],
				iso[2], iso[4], iso[5]) < (int)outlen ? 0 : -1;
	return -1;
}

/* Catalog /Lang and /PageMode, and the Info dictionary. */
static int build_meta(qpdf_data dst, const struct pack_spec *spec)
{
	qpdf_oh root = qpdf_get_root(dst), trailer = qpdf_get_trailer(dst),
		info = qpdf_oh_new_dictionary(dst), ii;
	char date[40];

	set_name(dst, root, "/PageMode", "/UseOutlines");
	if (spec->lang && *spec->lang)
		set_text(dst, root, "/Lang", spec->lang);
	if (spec->title)
		set_text(dst, info, "/Title", spec->title);
	if (spec->subject)
		set_text(dst, info, "/Subject", spec->subject);
	if (spec->author)
		set_text(dst, info, "/Author", spec->author);
	set_text(dst, info, "/Producer", "Witan");
	set_text(dst, info, "/Creator", "Witan");
	if (spec->created && pdf_date(spec->created, date, sizeof(date)) == 0)
		set_text(dst, info, "/CreationDate", date);
	ii = qpdf_make_indirect_object(dst, info);
	set_key(dst, trailer, "/Info", ii);
	qpdf_oh_release(dst, ii);
	qpdf_oh_release(dst, info);
	qpdf_oh_release(dst, trailer);
	qpdf_oh_release(dst, root);
	return q_err(dst) ? -1 : 0;
}

int pdf_pack(struct pack_spec *spec, struct buf *out, int *pages, char *err, size_t errlen)
{
	qpdf_data dst = NULL, front = NULL, stamps = NULL, *src = NULL;
	struct buf sb = BUF_INIT;
	size_t i, start = out ? out->len : 0;
	int total = 0, front_pages = 0, vmax = 13, rc = -1;
	const char *why = NULL;
	char ver[8];

	if (pages)
		*pages = 0;
	if (errlen)
		err[0] = '\0';
	if (!spec || !out || out->err || (spec->nparts && !spec->parts) || !spec->front) {
		snprintf(err, errlen, "bad arguments");
		return -1;
	}
	for (i = 0; i < spec->nparts; i++) {
		spec->parts[i].first_page = 0;
		spec->parts[i].pages = 0;
		spec->parts[i].error = NULL;
	}
	src = calloc(spec->nparts + 1, sizeof(*src));
	dst = q_new();
	front = q_new();
	if (!src || !dst || !front) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if ((qpdf_empty_pdf(dst) & QPDF_ERRORS)) {
		snprintf(err, errlen, "cannot start the pack");
		goto out;
	}
	if ((qpdf_read_memory(front, "front sheet", spec->front, spec->front_len, NULL) & QPDF_ERRORS)
	    || check_source(front, &front_pages, &why) < 0
	    || add_pages(dst, front, front_pages, &total) < 0) {
		snprintf(err, errlen, "the front sheet is not a readable PDF");
		goto out;
	}
	{
		int v = version_num(qpdf_get_pdf_version(front));
		vmax = v > vmax ? v : vmax;
	}

	for (i = 0; i < spec->nparts; i++) {
		struct pack_part *p = &spec->parts[i];
		int n = 0, v, r;

		if (!p->path)
			continue;
		if (open_source(p->path, &src[i], &n, &p->error) < 0)
			continue;
		v = version_num(qpdf_get_pdf_version(src[i]));
		r = add_pages(dst, src[i], n, &total);
		if (r == -2) {
			snprintf(err, errlen, "cannot undo a part copied in part");
			goto out;
		}
		if (r < 0) {
			p->error = E_UNREADABLE;
			continue;  /* src[i] stays open: dst may hold objects copied from it */
		}
		p->first_page = total - n + 1;
		p->pages = n;
		vmax = v > vmax ? v : vmax;
	}

	if (stamp_all(dst, total, &sb, &stamps, err, errlen) < 0)
		goto out;
	if (build_outline(dst, spec, front_pages, total) < 0
	    || build_labels(dst, front_pages, total) < 0
	    || build_meta(dst, spec) < 0) {
		snprintf(err, errlen, "cannot write the outline or metadata");
		goto out;
	}

	if (qpdf_init_write_memory(dst) & QPDF_ERRORS) {
		snprintf(err, errlen, "cannot start writing");
		goto out;
	}
	qpdf_set_deterministic_ID(dst, QPDF_TRUE);
	qpdf_set_object_stream_mode(dst, qpdf_o_generate);
	qpdf_set_decode_level(dst, qpdf_dl_none);
	qpdf_set_compress_streams(dst, QPDF_TRUE);
	if (vmax > 17)
		vmax = 17;
	snprintf(ver, sizeof(ver), "%d.%d", vmax / 10, vmax % 10);
	qpdf_set_minimum_pdf_version(dst, ver);
	if ((qpdf_write(dst) & QPDF_ERRORS) || q_err(dst)) {
		snprintf(err, errlen, "cannot write the pack");
		goto out;
	}
	buf_append(out, qpdf_get_buffer(dst), qpdf_get_buffer_length(dst));
	if (out->err) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (pages)
		*pages = total;
	rc = 0;
out:
	if (rc < 0 && out)
		buf_truncate(out, start);
	q_free(&dst);  /* first: it refers to the sources' objects */
	for (i = 0; src && i < spec->nparts; i++)
		q_free(&src[i]);
	free(src);
	q_free(&front);
	q_free(&stamps);
	buf_release(&sb);
	return rc;
}
