/* pdfsurface.c: a cairo PDF surface writing into a struct buf (see
 * pdfsurface.h). */
#include "docs/pdfsurface.h"

#include <cairo-pdf.h>

#include "util/banned.h"

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;

	buf_append(b, data, len);
	return b->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *pdf_surface_new(struct buf *out, double w, double h)
{
	return cairo_pdf_surface_create_for_stream(write_buf, out, w, h);
}

int pdf_surface_close(cairo_t **cr, cairo_surface_t *surf, struct buf *out)
{
	if (cairo_status(*cr) != CAIRO_STATUS_SUCCESS)
		return -1;
	cairo_destroy(*cr);
	*cr = NULL;
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS || out->err)
		return -1;
	return 0;
}
