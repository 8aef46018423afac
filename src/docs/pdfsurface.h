/* pdfsurface.h: a cairo PDF surface whose bytes go into a struct buf, and
 * its closing with every error checked: what docs/pdfgen (documents) and
 * docs/pdfpack (the page stamps) draw on.
 *
 *   cairo_surface_t *surf = pdf_surface_new(out, w, h);
 *   if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) goto out;
 *   cr = cairo_create(surf);  ... draw ...
 *   if (pdf_surface_close(&cr, surf, out) < 0) goto out;
 *
 * and on the way out, as for any surface: cr (if still set) destroyed,
 * surf finished and destroyed. */
#ifndef WITAN_PDFSURFACE_H
#define WITAN_PDFSURFACE_H

#include <cairo.h>

#include "util/buf.h"

/* A PDF surface of a first page w x h points writing into out (appended
 * to it; a write fails once out has failed).  Check its status. */
cairo_surface_t *pdf_surface_new(struct buf *out, double w, double h);

/* The end of drawing: *cr destroyed and set to NULL, surf finished, which
 * writes the rest of the PDF into out.  0, or -1 if drawing or writing
 * failed or out has (*cr is kept when drawing failed). */
int pdf_surface_close(cairo_t **cr, cairo_surface_t *surf, struct buf *out);

#endif
