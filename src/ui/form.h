/* form.h: accessible form building blocks: fields with label, hint and
 * inline error, the error summary, the CSRF field, one-button forms, and
 * a page that is one form.  The back office's forms are made of them. */
#ifndef WITAN_UI_FORM_H
#define WITAN_UI_FORM_H

#include "http/form.h"
#include "http/req.h"

#define FORM_MAX_ERRORS 16

/* Validation errors of one submission, in field order. */
struct form_errors {
	int n;
	struct { const char *field, *msg; } e[FORM_MAX_ERRORS];
};
void ferr_add(struct form_errors *fe, const char *field, const char *msg);
const char *ferr_for(const struct form_errors *fe, const char *field);

/* Field ids are "f-NAME"; a page with several forms gives each form its
 * own prefix (e.g. "up-") while writing it, then resets with NULL. */
void field_id_prefix(const char *prefix);

/* A page with several forms shows one of them again after a validation
 * error: the handler calls resubmit_set(prefix, values, errors), renders
 * the page (whose sections read resubmit_value/resubmit_errors with their
 * own id prefix, and whose top calls resubmit_summary), then
 * resubmit_set(NULL, NULL, NULL). */
void resubmit_set(const char *prefix, const struct form *values, const struct form_errors *fe);
const char *resubmit_value(const char *prefix, const char *name, const char *fallback);
const struct form_errors *resubmit_errors(const char *prefix);
void resubmit_summary(struct buf *b);

/* The error summary (role=alert, links to the fields) if there are errors. */
void ferr_summary(struct buf *b, const struct form_errors *fe);
/* <input> with label, hint and inline error.  type: "text", "date", "time",
 * "email", "password", "url", "number". */
void field_input(struct buf *b, const char *type, const char *name, const char *label,
		 const char *value, const char *hint, const struct form_errors *fe, int required);
/* A required password <input>, never with a value (a typed password is
 * never written back into a page); autocomplete: "current-password",
 * "new-password" or "one-time-code". */
void field_password(struct buf *b, const char *name, const char *label, const char *hint,
		    const struct form_errors *fe, const char *autocomplete);
/* A one-time code's <input> (digits, autocomplete="one-time-code"), never
 * with a value. */
void field_code(struct buf *b, const char *name, const char *label, const char *hint,
		const struct form_errors *fe);
void field_textarea(struct buf *b, const char *name, const char *label, const char *value,
		    const char *hint, const struct form_errors *fe, int rows);
/* <select> from parallel arrays of values and labels. */
void field_select(struct buf *b, const char *name, const char *label, const char *const *values,
		  const char *const *labels, int n, const char *selected, const char *hint,
		  const struct form_errors *fe);
/* A single checkbox (value "1") with its label after it. */
void field_checkbox(struct buf *b, const char *name, const char *label, int checked, const char *hint,
		    const struct form_errors *fe);
struct crumb;
/* A back-office page that is one form: title ("Error: " first when fe has
 * errors), breadcrumbs, error summary, <h1>heading</h1>, the form's start
 * with its CSRF field; form_page_end adds the button and closes the page. */
void form_page_begin(struct req *r, const struct crumb *crumbs, int ncrumbs, const char *heading,
		     const char *action, const struct form_errors *fe);
void form_page_end(struct req *r, const char *button);
/* The hidden CSRF field of the signed-in session. */
void field_csrf(struct req *r);
/* A form with one button that POSTs to action (with the CSRF field). */
void button_form(struct req *r, const char *action, const char *label, const char *cls);

#endif
