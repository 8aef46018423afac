/* chart.c: horizontal stacked bar charts as inline SVG (see chart.h). */
#include "ui/chart.h"

#include "ui/html.h"
#include "util/banned.h"

#define WIDTH 400       /* the viewBox: narrow, so that text stays legible on a phone */
#define LEGEND_H 30
#define ROW_H 70        /* label, bar, note */
#define BAR_H 20

/* The fills of the series: solid, hatched, outlined (the outline is every
 * segment's, so an empty fill still shows its extent). */
static void put_defs(struct buf *b, const char *id)
{
	html_fmt(b, "<defs><pattern id=\"%s-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
		 " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
		 "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a4b00\" stroke-width=\"3\"/></pattern></defs>\n",
		 id);
}

static void put_fill(struct buf *b, const char *id, int series)
{
	switch (series) {
	case 0:
		buf_puts(b, "fill=\"#1d4f73\"");
		break;
	case 1:
		html_fmt(b, "fill=\"url(#%s-hatch)\"", id);
		break;
	default:
		buf_puts(b, "fill=\"#ffffff\"");
		break;
	}
}

void chart_hbar(struct buf *b, const struct chart *c)
{
	int max = c->max, nseries = c->nseries, height;

	if (nseries < 1)
		nseries = 1;
	if (nseries > CHART_MAX_SERIES)
		nseries = CHART_MAX_SERIES;
	if (max <= 0)
		for (int i = 0; i < c->nbars; i++) {
			int t = 0;
			for (int s = 0; s < nseries; s++)
				t += c->bars[i].values[s] > 0 ? c->bars[i].values[s] : 0;
			if (t > max)
				max = t;
		}
	height = LEGEND_H + ROW_H * c->nbars + 4;
	html_fmt(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\""
		 " viewBox=\"0 0 %d %d\" aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\">\n"
		 "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n",
		 WIDTH, height, WIDTH, height, c->id, c->id, c->id, c->title, c->id, c->desc);
	put_defs(b, c->id);
	/* The legend: a swatch and a name per series. */
	for (int s = 0, x = 1; s < nseries; s++) {
		html_fmt(b, "<rect x=\"%d\" y=\"6\" width=\"16\" height=\"16\" stroke=\"#0b0c0c\" ", x);
		put_fill(b, c->id, s);
		html_fmt(b, "/><text x=\"%d\" y=\"19\" font-size=\"14\" fill=\"#0b0c0c\">%s</text>\n", x + 22,
			 c->series[s]);
		x += 130;
	}
	for (int i = 0; i < c->nbars; i++) {
		const struct chart_bar *bar = &c->bars[i];
		int y = LEGEND_H + ROW_H * i, x = 1, total = 0;

		html_fmt(b, "<g><text x=\"0\" y=\"%d\" font-size=\"15\" font-weight=\"700\" fill=\"#0b0c0c\">%s</text>\n",
			 y + 18, bar->label);
		for (int s = 0; s < nseries; s++) {
			int v = bar->values[s] > 0 ? bar->values[s] : 0, w;

			total += v;
			if (!v || max <= 0)
				continue;
			/* Widths from the running total, so that rounding never
			 * makes a bar longer than its share. */
			w = (int)((long)total * (WIDTH - 2) / max) + 1 - x;
			html_fmt(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" stroke=\"#0b0c0c\" ", x, y + 26,
				 w > 0 ? w : 1, BAR_H);
			put_fill(b, c->id, s);
			buf_puts(b, "/>\n");
			x += w;
		}
		if (bar->note)
			html_fmt(b, "<text x=\"0\" y=\"%d\" font-size=\"14\" fill=\"#0b0c0c\">%s</text>\n", y + 62, bar->note);
		buf_puts(b, "</g>\n");
	}
	buf_puts(b, "</svg>\n");
}
