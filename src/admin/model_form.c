/* model_form.c: the back office's create and edit forms of any entity,
 * from the model (db/model.h): the fields flagged MF_EDIT, each as the
 * input its type wants, with its label, hint and inline error; reading
 * what was typed, checking it with the model's rules and showing it again
 * with the errors.  See admin.h, "forms from the model". */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "util/date.h"
#include "util/banned.h"

/* A field's position in the form: the model's order, but for .pos. */
static int pos(const struct mentity *e, int i)
{
	return e->fields[i].pos ? e->fields[i].pos : i * 10;
}

void mform_init(struct mform *m, const struct mentity *e)
{
	memset(m, 0, sizeof(*m));
	m->e = e;
	for (int i = 0; i < e->nfields && i < MFORM_MAX; i++)
		m->v[i] = e->fields[i].dflt;
}

void mform_from_row(struct req *r, struct mform *m, const struct mentity *e, const void *row)
{
	mform_init(m, e);
	for (int i = 0; i < e->nfields && i < MFORM_MAX; i++) {
		const struct mfield *f = &e->fields[i];
		if (f->ct == 'I') {
			char t[24];
			int64_t v = mrow_int(row, f);
			/* 0: no reference, or no value of an integer that cannot be 0. */
			if ((f->type == MT_REF || (f->type == MT_INT && f->lo > 0)) && v == 0)
				continue;
			snprintf(t, sizeof(t), "%lld", (long long)v);
			m->v[i] = req_strdup(r, t);
		} else {
			m->v[i] = mrow_text(row, f);
		}
	}
}

void mform_read(struct req *r, struct mform *m, const struct mentity *e, const struct form *f)
{
	mform_init(m, e);
	for (int i = 0; i < e->nfields && i < MFORM_MAX; i++) {
		const struct mfield *fd = &e->fields[i];
		if (!(fd->flags & MF_EDIT))
			continue;
		if (fd->type == MT_BOOL)
			m->v[i] = form_get(f, model_form_name(fd)) ? "1" : "0";
		else if (fd->type == MT_TEXT || fd->type == MT_MD)
			m->v[i] = form_get(f, model_form_name(fd));
		else
			m->v[i] = field_trim(r, f, model_form_name(fd));
	}
}

int mform_check(struct req *r, const struct mform *m, struct form_errors *fe)
{
	struct model_errs me = { 0 };

	model_check(m->e, m->v, MF_EDIT, &me);
	for (int i = 0; i < me.n; i++)
		ferr_add(fe, me.e[i].field, req_strdup(r, me.e[i].msg));
	return fe->n;
}

void mform_row(const struct mform *m, void *row)
{
	const char *t[MFORM_MAX];

	for (int i = 0; i < m->e->nfields && i < MFORM_MAX; i++)
		t[i] = m->v[i] && *m->v[i] ? m->v[i] : NULL;
	model_from_text(m->e, t, row);
}

const char *mform_value(const struct mform *m, const char *col)
{
	const struct mfield *f = model_field(m->e, col);
	return f ? m->v[f - m->e->fields] : NULL;
}

void mform_set(struct mform *m, const char *col, const char *v)
{
	const struct mfield *f = model_field(m->e, col);
	if (f)
		m->v[f - m->e->fields] = v;
}

static void one_field(struct req *r, const struct mfield *f, const char *v, const struct form_errors *fe,
		      mform_ref_fn ref, void *ctx)
{
	struct buf *b = &r->body, label = BUF_INIT;
	const char *name = model_form_name(f);
	int req = (f->flags & MF_REQ) != 0;

	buf_printf(&label, "%s%s", f->label, req || f->type == MT_ENUM || f->type == MT_BOOL ? "" : " (optional)");
	switch (f->type) {
	case MT_TEXT:
	case MT_MD:
		field_textarea(b, name, label.data, shown(r, v, 1), f->hint, fe, f->type == MT_MD ? 8 : 6);
		break;
	case MT_ENUM: {
		int n = 0;
		while (f->choices[n])
			n++;
		field_select(b, name, label.data, f->choices, f->choice_labels ? f->choice_labels : f->choices, n,
			     v ? v : f->choices[0], f->hint, fe);
		break;
	}
	case MT_REF:
		if (ref)
			ref(r, f, label.data, v, fe, ctx);
		break;
	case MT_BOOL:
		field_checkbox(b, name, f->label, v && strcmp(v, "1") == 0, f->hint, fe);
		break;
	case MT_DATE: {
		struct civil c;
		int date = !v || !*v || (strlen(v) == 10 && civil_parse(v, &c) == 0);
		field_input(b, date ? "date" : "text", name, label.data, shown(r, v, 0), f->hint, fe, req);
		break;
	}
	default:
		field_input(b, "text", name, label.data, shown(r, v, 0), f->hint, fe, req);
		break;
	}
	buf_release(&label);
}

void mform_fields(struct req *r, const struct mform *m, const struct form_errors *fe, mform_ref_fn ref, void *ctx)
{
	const struct mentity *e = m->e;
	int done[MFORM_MAX] = { 0 };

	/* In order of position (a handful of fields: a selection each time). */
	for (;;) {
		int best = -1;
		for (int i = 0; i < e->nfields && i < MFORM_MAX; i++)
			if (!done[i] && (e->fields[i].flags & MF_EDIT) && (best < 0 || pos(e, i) < pos(e, best)))
				best = i;
		if (best < 0)
			break;
		done[best] = 1;
		one_field(r, &e->fields[best], m->v[best], fe, ref, ctx);
	}
}
