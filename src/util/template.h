/* template.h: text with {placeholders} whose values the caller gives,
 * for the texts of data/ (data/demo/demo-documents.txt, data/gen).
 *
 *   {NAME}               the value of NAME
 *   {NAME|other}         the value, or other if the value is empty
 *   {NAME?text}          text if the value is not empty (else nothing)
 *   {NAME?text|other}    text if the value is not empty, else other
 *   {NAME:cap}           the value with a capital first letter
 *   {NAME:slug}          the value as words of a file name: a-z and 0-9
 *                        joined by '-' (apostrophes join words)
 *
 * NAME is letters, digits and "-_.%"; text and other are templates in
 * their turn.  Anything else, a '{' that starts no placeholder included,
 * is copied as it is.
 *
 *   static int value(void *ctx, const char *name, int optional, struct buf *out)
 *   {
 *       if (strcmp(name, "DATE") != 0)
 *           return -1;
 *       buf_puts(out, "4 February 2019");
 *       return 0;
 *   }
 *   struct tmpl t = { .value = value };
 *   if (tmpl_fill(&t, &b, "Minutes of {DATE}") < 0) ... t.err ...;
 */
#ifndef WITAN_TEMPLATE_H
#define WITAN_TEMPLATE_H

#include "util/buf.h"

struct tmpl {
	/* Append the value of placeholder name to out and return 0, or return
	 * -1: there is no such placeholder.  optional: the value is tested
	 * ({NAME?...} or {NAME|...}), so a missing value may be given as
	 * empty.  value() may fill a template of its own with this tmpl. */
	int (*value)(void *ctx, const char *name, int optional, struct buf *out);
	void *ctx;
	int depth;                 /* nesting, through value() too (at most 16) */
	char err[96];              /* the first error */
};

/* Append template s filled in to out.  0, or -1 (an unknown placeholder
 * or form, nesting too deep) with t->err set; out then has what was
 * filled in before the error. */
int tmpl_fill(struct tmpl *t, struct buf *out, const char *s);

#endif
