/* lists.c: tables of rows and meeting links (see lists.h). */
#include "ui/lists.h"

#include <stdio.h>
#include <string.h>

#include "db/public.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/markup.h"
#include "util/banned.h"

void list_head(struct buf *b, struct list_table *t)
{
	if (t->open)
		return;
	t->open = 1;
	if (t->region)
		html_fmt(b, "<div class=\"table-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">\n", t->region);
	if (t->cls)
		html_fmt(b, "<table class=\"%s\">\n", t->cls);
	else
		buf_puts(b, "<table>\n");
	html_fmt(b, "<caption%r>%s</caption>\n<thead><tr>", t->caption_shown ? "" : " class=\"visually-hidden\"",
		 t->caption);
	for (const char *const *c = t->cols; *c; c++)
		html_fmt(b, "<th scope=\"col\">%s</th>", *c);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
}

void list_row(struct buf *b, struct list_table *t)
{
	list_head(b, t);
	t->n++;
}

void list_end(struct buf *b, const struct list_table *t, const char *none)
{
	if (t->open)
		buf_puts(b, t->region ? "</tbody>\n</table>\n</div>\n" : "</tbody>\n</table>\n");
	else if (none)
		html_fmt(b, "<p>%s</p>\n", none);
}

int list_rows(struct req *r, struct list_table *t, struct cursor *c,
	      int (*row)(struct req *r, struct cursor *c), const char *none)
{
	struct buf *b = &r->body;
	size_t mark = b->len;
	int was_open = t->open;

	list_head(b, t);
	while (row(r, c))
		t->n++;
	if (c->err)
		return -1;
	if (!t->n && none && !was_open) {
		buf_truncate(b, mark);
		t->open = 0;
	}
	list_end(b, t, none);
	return 0;
}

int list_page(struct req *r, const struct list_page *p)
{
	struct list_table t = p->table;
	struct cursor c;

	page_begin(r, p->sec, p->title, p->crumbs, p->ncrumbs);
	html_fmt(&r->body, "<h1>%s</h1>\n%r", p->title, p->intro ? p->intro : "");
	if (p->open(r, &c, p->ctx) < 0 || list_rows(r, &t, &c, p->row, p->none) < 0)
		return 500;
	if (p->pager)
		list_pager(&r->body, p->pager);
	page_end(r);
	return 200;
}

void list_meeting_link(struct buf *b, const char *base, const struct meeting_row *m)
{
	html_fmt(b, "<a href=\"%s%l\">%s</a>", base, m->id, m->name);
	meeting_state_tag(b, m);
}

/* One link of the pager: to page n, rel and text as given. */
static void pager_link(struct buf *b, const struct list_pages *p, int64_t n, const char *rel, const char *text)
{
	struct buf qs = BUF_INIT;

	p->qs(&qs, p->ctx, n);
	html_fmt(b, "<li class=\"%s\"><a href=\"%s%r%s\" rel=\"%s\">%r</a></li>\n", rel, p->path,
		 qs.len ? "?" : "", qs.data ? qs.data : "", rel, text);
	if (qs.err)
		b->err = qs.err;
	buf_release(&qs);
}

void list_qs_page(struct buf *b, const void *ctx, int64_t page)
{
	char n[24];

	(void)ctx;
	snprintf(n, sizeof(n), "%lld", (long long)page);
	url_query_param(b, b->len, "page", page > 1 ? n : NULL);
}

int64_t list_page_asked(struct req *r, const struct param_value *p)
{
	int64_t page = p->set ? p->num : 1;

	if (page >= 1 && page <= LIST_MAX_PAGE)
		return page;
	r->errmsg = "The page number is out of range.";
	return 0;
}

int list_page_past_end(struct req *r, int64_t page, int64_t per_page, int64_t total, const char *what)
{
	size_t n = strlen(what) + 32;
	char *msg;

	if (page <= 1 || (page - 1) * per_page < total)
		return 0;
	if ((msg = req_alloc(r, n)) != NULL)
		snprintf(msg, n, "There is no such page of %s.", what);
	r->errmsg = msg ? msg : "There is no such page.";
	return 1;
}

void list_pager(struct buf *b, const struct list_pages *p)
{
	if (p->total <= p->per_page)
		return;
	html_fmt(b, "<nav class=\"pager\" aria-label=\"%s\"><ul>\n", p->label);
	if (p->page > 1)
		pager_link(b, p, p->page - 1, "prev", "← Previous");
	if (p->page * p->per_page < p->total)
		pager_link(b, p, p->page + 1, "next", "Next →");
	buf_puts(b, "</ul></nav>\n");
}
