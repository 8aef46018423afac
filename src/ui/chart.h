/* chart.h: small charts drawn on the server as inline SVG, for pages that
 * must work without JavaScript.  A chart is an image (role="img") named by
 * its <title> and described by its <desc>; every bar carries its figures
 * as text, and the series differ in pattern as well as colour, so nothing
 * is told by colour alone.  Pages put the same figures in a table after
 * the chart. */
#ifndef WITAN_CHART_H
#define WITAN_CHART_H

#include "util/buf.h"

/* The most series a chart draws (each has its own fill). */
#define CHART_MAX_SERIES 3

/* A bar: its label (drawn above it), one value per series (stacked left to
 * right), and its figures in words (drawn below it). */
struct chart_bar {
	const char *label;
	int values[CHART_MAX_SERIES];
	const char *note;
};

struct chart {
	const char *id;                 /* unique on the page: prefixes the ids in the SVG */
	const char *title, *desc;       /* plain text: the image's name and description */
	const char *const *series;      /* the series' names, for the legend */
	int nseries;                    /* 1 to CHART_MAX_SERIES */
	const struct chart_bar *bars;
	int nbars;
	int max;                        /* what a full bar stands for; 0: the largest bar's total */
};

/* Append the horizontal stacked bar chart as <svg> (text escaped). */
void chart_hbar(struct buf *b, const struct chart *c);

#endif
