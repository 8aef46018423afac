/* form.c: accessible form building blocks (see form.h).  Labels are
 * always visible, hints and errors are tied to their input with
 * aria-describedby, and the error summary links to each field, as the
 * GOV.UK Design System does. */
#include "ui/form.h"

#include <string.h>

#include "ui/html.h"
#include "ui/layout.h"
#include "util/banned.h"

/* The prefix of field ids: "f-" unless a page with several forms sets one
 * per form so that ids stay unique. */
static _Thread_local const char *id_prefix;

void field_id_prefix(const char *prefix)
{
	id_prefix = prefix;
}

static const char *pfx(void)
{
	return id_prefix ? id_prefix : "f-";
}

/* A submission being shown again on a page with several forms. */
static _Thread_local struct {
	const char *prefix;
	const struct form *values;
	const struct form_errors *fe;
} resub;

void resubmit_set(const char *prefix, const struct form *values, const struct form_errors *fe)
{
	resub.prefix = prefix;
	resub.values = values;
	resub.fe = fe;
}

const char *resubmit_value(const char *prefix, const char *name, const char *fallback)
{
	const char *v;

	if (!resub.prefix || strcmp(resub.prefix, prefix) != 0 || !resub.values)
		return fallback;
	v = form_get(resub.values, name);
	return v ? v : "";
}

const struct form_errors *resubmit_errors(const char *prefix)
{
	return resub.prefix && strcmp(resub.prefix, prefix) == 0 ? resub.fe : NULL;
}

void resubmit_summary(struct buf *b)
{
	if (!resub.prefix || !resub.fe)
		return;
	field_id_prefix(resub.prefix);
	ferr_summary(b, resub.fe);
	field_id_prefix(NULL);
}

void ferr_add(struct form_errors *fe, const char *field, const char *msg)
{
	if (fe->n < FORM_MAX_ERRORS) {
		fe->e[fe->n].field = field;
		fe->e[fe->n].msg = msg;
		fe->n++;
	}
}

const char *ferr_for(const struct form_errors *fe, const char *field)
{
	for (int i = 0; fe && i < fe->n; i++)
		if (strcmp(fe->e[i].field, field) == 0)
			return fe->e[i].msg;
	return NULL;
}

void ferr_summary(struct buf *b, const struct form_errors *fe)
{
	if (!fe || fe->n == 0)
		return;
	buf_puts(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">\n"
		    "<h2>There is a problem</h2>\n<ul>\n");
	for (int i = 0; i < fe->n; i++)
		html_fmt(b, "<li><a href=\"#%s%s\">%s</a></li>\n", pfx(), fe->e[i].field, fe->e[i].msg);
	buf_puts(b, "</ul>\n</div>\n");
}

static void field_open(struct buf *b, const char *name, const char *label, const char *hint,
		       const char *err)
{
	html_fmt(b, "<div class=\"field%r\">\n<label for=\"%s%s\">%s</label>\n",
		 err ? " field-error" : "", pfx(), name, label);
	if (hint)
		html_fmt(b, "<p class=\"hint\" id=\"%s%s-hint\">%s</p>\n", pfx(), name, hint);
	if (err)
		html_fmt(b, "<p class=\"error-message\" id=\"%s%s-error\"><span class=\"visually-hidden\">Error:</span> %s</p>\n",
			 pfx(), name, err);
}

static void described_by(struct buf *b, const char *name, const char *hint, const char *err)
{
	if (!hint && !err)
		return;
	buf_puts(b, " aria-describedby=\"");
	if (hint)
		html_fmt(b, "%s%s-hint", pfx(), name);
	if (hint && err)
		buf_putc(b, ' ');
	if (err)
		html_fmt(b, "%s%s-error", pfx(), name);
	buf_putc(b, '"');
}

void field_input(struct buf *b, const char *type, const char *name, const char *label,
		 const char *value, const char *hint, const struct form_errors *fe, int required)
{
	const char *err = ferr_for(fe, name);

	field_open(b, name, label, hint, err);
	html_fmt(b, "<input type=\"%s\" id=\"%s%s\" name=\"%s\" value=\"%s\"", type, pfx(), name, name,
		 value ? value : "");
	described_by(b, name, hint, err);
	if (required)
		buf_puts(b, " required");
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
	if (strcmp(type, "password") == 0)
		buf_puts(b, " autocomplete=\"current-password\"");
	else if (strcmp(type, "email") == 0)
		buf_puts(b, " autocomplete=\"username\" spellcheck=\"false\"");
	buf_puts(b, ">\n</div>\n");
}

void field_password(struct buf *b, const char *name, const char *label, const char *hint,
		    const struct form_errors *fe, const char *autocomplete)
{
	const char *err = ferr_for(fe, name);

	field_open(b, name, label, hint, err);
	html_fmt(b, "<input type=\"password\" id=\"%s%s\" name=\"%s\"", pfx(), name, name);
	described_by(b, name, hint, err);
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
	html_fmt(b, " required autocomplete=\"%s\">\n</div>\n", autocomplete);
}

void field_code(struct buf *b, const char *name, const char *label, const char *hint,
		const struct form_errors *fe)
{
	const char *err = ferr_for(fe, name);

	field_open(b, name, label, hint, err);
	html_fmt(b, "<input type=\"text\" id=\"%s%s\" name=\"%s\"", pfx(), name, name);
	described_by(b, name, hint, err);
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
	buf_puts(b, " required inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"7\""
		    " spellcheck=\"false\">\n</div>\n");
}

void field_textarea(struct buf *b, const char *name, const char *label, const char *value,
		    const char *hint, const struct form_errors *fe, int rows)
{
	const char *err = ferr_for(fe, name);

	field_open(b, name, label, hint, err);
	html_fmt(b, "<textarea id=\"%s%s\" name=\"%s\" rows=\"%d\"", pfx(), name, name, rows);
	described_by(b, name, hint, err);
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
	/* A leading newline after <textarea> is dropped by parsers: keep one. */
	html_fmt(b, ">\n%s</textarea>\n</div>\n", value ? value : "");
}

void field_select(struct buf *b, const char *name, const char *label, const char *const *values,
		  const char *const *labels, int n, const char *selected, const char *hint,
		  const struct form_errors *fe)
{
	const char *err = ferr_for(fe, name);

	field_open(b, name, label, hint, err);
	html_fmt(b, "<select id=\"%s%s\" name=\"%s\"", pfx(), name, name);
	described_by(b, name, hint, err);
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
	buf_puts(b, ">\n");
	for (int i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%r>%s</option>\n", values[i],
			 selected && strcmp(selected, values[i]) == 0 ? " selected" : "", labels[i]);
	buf_puts(b, "</select>\n</div>\n");
}

void field_checkbox(struct buf *b, const char *name, const char *label, int checked, const char *hint,
		    const struct form_errors *fe)
{
	const char *err = ferr_for(fe, name);

	html_fmt(b, "<div class=\"field%r\">\n", err ? " field-error" : "");
	if (hint)
		html_fmt(b, "<p class=\"hint\" id=\"%s%s-hint\">%s</p>\n", pfx(), name, hint);
	if (err)
		html_fmt(b, "<p class=\"error-message\" id=\"%s%s-error\"><span class=\"visually-hidden\">Error:</span> %s</p>\n",
			 pfx(), name, err);
	html_fmt(b, "<input type=\"checkbox\" id=\"%s%s\" name=\"%s\" value=\"1\"%r", pfx(), name, name,
		 checked ? " checked" : "");
	described_by(b, name, hint, err);
	if (err)
		buf_puts(b, " aria-invalid=\"true\"");
	html_fmt(b, "> <label for=\"%s%s\" class=\"inline-label\">%s</label>\n</div>\n", pfx(), name, label);
}

void field_csrf(struct req *r)
{
	html_fmt(&r->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", r->csrf ? r->csrf : "");
}

void button_form(struct req *r, const char *action, const char *label, const char *cls)
{
	html_fmt(&r->body, "<form method=\"post\" action=\"%s\" class=\"inline-form\">\n", action);
	field_csrf(r);
	html_fmt(&r->body, "<button type=\"submit\" class=\"%s\">%s</button>\n</form>\n",
		 cls ? cls : "button", label);
}

void form_page_begin(struct req *r, const struct crumb *crumbs, int ncrumbs, const char *heading,
		     const char *action, const struct form_errors *fe)
{
	struct buf title = BUF_INIT;

	buf_printf(&title, "%s%s", fe && fe->n ? "Error: " : "", heading);
	page_begin(r, SEC_ADMIN, title.data, crumbs, ncrumbs);
	buf_release(&title);
	ferr_summary(&r->body, fe);
	html_fmt(&r->body, "<h1>%s</h1>\n<form method=\"post\" action=\"%s\" novalidate>\n", heading, action);
	field_csrf(r);
}

void form_page_end(struct req *r, const char *button)
{
	html_fmt(&r->body, "<button type=\"submit\" class=\"button\">%s</button>\n</form>\n", button);
	page_end(r);
}
