/* harvest_check.c: what a harvest writes passes the model's checks (the
 * same as the back office's and the command line's, db/model.h).  A
 * one-line field has its line breaks and tabs folded to spaces first (a
 * source's titles often carry them); then an optional value that fails
 * its check is left out, with a warning, and a required one that fails,
 * or is given as none (NULL), makes the object bad (counted and skipped
 * by the caller). */
#include "db/harvest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "db/model.h"
#include "util/banned.h"

/* s with runs of line breaks and tabs as one space (malloc'd), or NULL
 * when s has none. */
static char *folded(const char *s)
{
	char *out, *o;

	if (!s || !strpbrk(s, "\r\n\t"))
		return NULL;
	if (!(out = malloc(strlen(s) + 1)))
		return NULL;
	for (o = out; *s; s++) {
		if (strchr("\r\n\t", *s)) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

int harvest_check(struct db *db, const char *table, const struct hval *in, int n, struct hval *out, char **owned)
{
	const struct mentity *e = model_of_table(table);
	char msg[MODEL_MSG];

	if (n > HARVEST_MAX_VALUES) {
		snprintf(db->err, sizeof(db->err), "%s: too many values", table);
		return -1;
	}
	for (int k = 0; k < n; k++) {
		const struct mfield *f = e ? model_field(e, in[k].col) : NULL;
		const char *why;

		out[k] = in[k];
		owned[k] = NULL;
		/* (a required value given as none is refused below) */
		if (!f || (in[k].type != HV_TEXT && in[k].type != HV_KEEP) || (!in[k].text && !(f->flags & MF_REQ)))
			continue;
		if (f->type == MT_LINE || f->type == MT_EMAIL || f->type == MT_URL)
			if ((owned[k] = folded(in[k].text)))
				out[k].text = owned[k];
		if (!(why = model_check_field(f, out[k].text, msg, sizeof(msg))))
			continue;
		if (f->flags & MF_REQ) {
			snprintf(db->err, sizeof(db->err), "%s.%s: %s", table, f->col, why);
			harvest_check_free(owned, k + 1);
			return -1;
		}
		fprintf(stderr, "witan: %s.%s: %s: left out\n", table, f->col, why);
		out[k].text = NULL;
	}
	return 0;
}

void harvest_check_free(char **owned, int n)
{
	for (int k = 0; k < n; k++)
		free(owned[k]);
}
