/* dir_kind.h: the back office's pages of an entity authored from the
 * model (directory.c): a list, a create form and an edit page, with the
 * model's fields, labels, hints and checks.  What differs between
 * entities is a struct dir_kind; committees, people and venues
 * (directory.c), decisions (decisions.c) and the forward plan (plan.c)
 * are kinds. */
#ifndef WITAN_ADMIN_DIR_KIND_H
#define WITAN_ADMIN_DIR_KIND_H

#include "admin/admin.h"
#include "ui/layout.h"

/* What differs between the entities: the model gives the rest. */
/* The back office's lists show DIR_PER_PAGE rows a page; a kind's open
 * reads the page described by a struct dir_list. */
#define DIR_PER_PAGE 100
struct dir_kind;
struct dir_list {
	const struct dir_kind *kind;
	int64_t offset, limit;
};

struct dir_kind {
	enum model_entity ent;
	const char *path;            /* "/admin/locations": the list; /new and /{id} below it */
	struct crumb list;           /* the list's crumb */
	const char *caption;         /* over the name on the edit page: "Venue" */
	const char *add, *add_button;
	const char *public_path;     /* "/people/": link to the public page, or NULL */
	const char *not_saved;
	/* The inputs of reference fields (ctx: the row's id, 0 for a new one), or NULL. */
	mform_ref_fn ref;
	/* Rules beyond the model's: before its checks (a name made of others)
	 * and after them (self: the row's id, 0 for a new one). */
	void (*prepare)(struct req *r, struct mform *m, struct form_errors *fe);
	void (*check)(struct req *r, int64_t self, const struct mform *m, struct form_errors *fe);
	/* More of the edit page, after the form. */
	void (*extra)(struct req *r, int64_t id);
	/* The edit page, when it is the entity's own (row: as stored). */
	void (*edit_page)(struct req *r, const void *row, const struct mform *m, const struct form_errors *fe);
	/* The list: its table, the paragraph when empty, its cursor and rows. */
	struct list_table table;
	const char *none;
	int (*open)(struct req *r, struct cursor *c, const void *list);  /* list: a struct dir_list */
	int (*row)(struct req *r, struct cursor *c);
	/* The field that names a row on its page ("name" when NULL). */
	const char *title_col;
	/* The new form's values from the request (a decision from its item),
	 * or NULL: 0, or a status (404 for a missing item). */
	int (*prefill)(struct req *r, struct mform *m);
	/* On the edit page, under its heading (row as stored): its state,
	 * warnings. */
	void (*intro)(struct req *r, const void *row);
};

/* The rows of the kind's entity, in the model's order (a kind's open). */
int dir_model_open(struct req *r, struct cursor *c, const void *list);
/* The handlers' bodies: the list, the create page and POST, the edit page
 * and POST (edit 1). */
int dir_list_page(struct req *r, const struct dir_kind *k);
int dir_new_page(struct req *r, const struct dir_kind *k);
int dir_edit_page(struct req *r, const struct dir_kind *k);
int dir_save(struct req *r, const struct dir_kind *k, int edit);

/* A choice of rows for a reference field, by its table: committees and
 * people as a <select>, forward plan entries as a <select> by date due;
 * any other (agenda items, papers: too many to list) as its id typed,
 * with the referenced row's title in the hint.  An mform_ref_fn. */
void dir_ref_choice(struct req *r, const struct mfield *f, const char *label, const char *value,
		    const struct form_errors *fe, void *ctx);
/* The referenced rows exist (fields flagged MF_EDIT of type MT_REF, each
 * checked unless it already has an error): an error on each that does not. */
void dir_check_refs(struct req *r, const struct mform *m, struct form_errors *fe);

/* A kind's handlers: its list, its create page and POST, its edit page and POST. */
#define DIR_HANDLERS(kind, page_list, page_new, post_new, page_edit, post_edit)     \
	int page_list(struct req *r) { return dir_list_page(r, &kind); }           \
	int page_new(struct req *r) { return dir_new_page(r, &kind); }             \
	int post_new(struct req *r) { return dir_save(r, &kind, 0); }              \
	int page_edit(struct req *r) { return dir_edit_page(r, &kind); }           \
	int post_edit(struct req *r) { return dir_save(r, &kind, 1); }

#endif
