/* search.c: /search?q= — ranked full-text search of the public record.
 * The reader's words become an FTS5 query by search_query() (db/search.h),
 * never passed through. */
#include <stdio.h>
#include <string.h>

#include "db/search.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/json.h"
#include "web/web.h"
#include "util/banned.h"

#define PER_PAGE 20

static const struct { const char *kind, *label, *plural; } kinds[] = {
	{ "item", "Agenda item", "Agenda items" },
	{ "minutes", "Minutes", "Minutes" },
	{ "document", "Document", "Documents" },
	{ "meeting", "Meeting", "Meetings" },
	{ "committee", "Committee", "Committees" },
	{ "person", "Person", "People" },
	{ "decision", "Decision", "Decisions" },
	{ "plan", "Forward plan entry", "Forward plan" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *kind_label(const char *kind)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return kinds[i].label;
	return kind;
}

/* The snippet: text escaped, matches in <mark>. */
static void put_snippet(struct buf *b, const char *s)
{
	const char *start = s;

	for (; s && *s; s++) {
		if (*s != '\x01' && *s != '\x02')
			continue;
		html_escape(b, start, (size_t)(s - start));
		buf_puts(b, *s == '\x01' ? "<mark>" : "</mark>");
		start = s + 1;
	}
	if (start)
		html_escape(b, start, strlen(start));
}

/* The snippet as plain text (for JSON): the markers dropped. */
static void put_plain(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		if (*s != '\x01' && *s != '\x02')
			buf_putc(b, *s);
}

/* The hit's address (raw: the caller escapes it for where it goes). */
static void hit_url(struct buf *b, const struct search_hit *h)
{
	if (strcmp(h->kind, "item") == 0)
		buf_printf(b, "/meetings/%lld/items/%lld", (long long)h->meeting_id, (long long)h->ref_id);
	else if (strcmp(h->kind, "minutes") == 0)
		buf_printf(b, "/meetings/%lld/items/%lld#minutes", (long long)h->meeting_id, (long long)h->ref_id);
	else if (strcmp(h->kind, "document") == 0) {
		buf_printf(b, "/documents/%lld/", (long long)h->ref_id);
		url_escape(b, h->filename ? h->filename : "document");
		if (h->page)
			buf_printf(b, "#page=%d", h->page);
	} else if (strcmp(h->kind, "meeting") == 0)
		buf_printf(b, "/meetings/%lld", (long long)h->ref_id);
	else if (strcmp(h->kind, "committee") == 0)
		buf_printf(b, "/committees/%lld", (long long)h->ref_id);
	else if (strcmp(h->kind, "decision") == 0)
		buf_printf(b, "/decisions/%lld", (long long)h->ref_id);
	else if (strcmp(h->kind, "plan") == 0)
		buf_printf(b, "/forward-plan#entry-%lld", (long long)h->ref_id);
	else
		buf_printf(b, "/people/%lld", (long long)h->ref_id);
}

/* The request's search, read and checked.  Returns 0, or an HTTP status
 * with r->errmsg set. */
struct search_req {
	const char *q;
	struct search_params p;
	int64_t page;
	struct buf fts;
	int nterms;
};

static int search_read(struct req *r, struct search_req *sr)
{
	memset(sr, 0, sizeof(*sr));
	sr->q = r->q[0].set ? r->q[0].text : "";
	sr->page = r->q[1].set ? r->q[1].num : 1;
	if (sr->page < 1 || sr->page > SEARCH_COUNT_MAX / PER_PAGE) {
		r->errmsg = "The page number is out of range.";
		return 400;
	}
	if (r->q[2].set && *r->q[2].text) {
		size_t i;
		for (i = 0; i < NKINDS && strcmp(r->q[2].text, kinds[i].kind) != 0; i++)
			;
		if (i == NKINDS) {
			r->errmsg = "Unknown kind: use item, minutes, document, meeting, committee, person, decision or plan.";
			return 400;
		}
		sr->p.kind = kinds[i].kind;
	}
	sr->p.committee = r->q[3].set ? r->q[3].num : 0;
	sr->p.from = r->q[4].set && *r->q[4].text ? r->q[4].text : NULL;
	sr->p.to = r->q[5].set && *r->q[5].text ? r->q[5].text : NULL;
	if (sr->p.from && sr->p.to && strcmp(sr->p.from, sr->p.to) > 0) {
		r->errmsg = "The start of the date range is after its end.";
		return 400;
	}
	if (r->q[6].set && *r->q[6].text && strcmp(r->q[6].text, "relevance") != 0) {
		if (strcmp(r->q[6].text, "date") != 0) {
			r->errmsg = "Unknown sort: use relevance or date.";
			return 400;
		}
		sr->p.sort = SEARCH_DATE;
	}
	sr->p.limit = PER_PAGE;
	sr->p.offset = (int)(sr->page - 1) * PER_PAGE;
	sr->nterms = *sr->q ? search_query(sr->q, &sr->fts) : 0;
	sr->p.fts = sr->fts.data;
	return 0;
}

/* The query string of this search with another page (raw, for escaping). */
static void search_qs(struct buf *b, const struct search_req *sr, int64_t page)
{
	buf_puts(b, "q=");
	url_escape(b, sr->q);
	if (sr->p.kind)
		buf_printf(b, "&kind=%s", sr->p.kind);
	if (sr->p.committee)
		buf_printf(b, "&committee=%lld", (long long)sr->p.committee);
	if (sr->p.from)
		buf_printf(b, "&from=%s", sr->p.from);
	if (sr->p.to)
		buf_printf(b, "&to=%s", sr->p.to);
	if (sr->p.sort == SEARCH_DATE)
		buf_puts(b, "&sort=date");
	if (page > 1)
		buf_printf(b, "&page=%lld", (long long)page);
}

/* Whether the result is an agenda item shown by a match in one of its
 * documents (its heading is then the item, the document named below). */
static int item_by_document(const struct search_hit *h)
{
	return strcmp(h->group, "item") == 0 && strcmp(h->kind, "document") == 0 && h->item_id;
}

static void item_url(struct buf *b, const struct search_hit *h)
{
	buf_printf(b, "/meetings/%lld/items/%lld", (long long)h->meeting_id, (long long)h->item_id);
}

static void place_url(struct buf *b, const struct search_place *pl)
{
	if (pl->item_id)
		buf_printf(b, "/meetings/%lld/items/%lld", (long long)pl->meeting_id, (long long)pl->item_id);
	else
		buf_printf(b, "/meetings/%lld", (long long)pl->meeting_id);
}

static int put_hit_html(void *ctx, const struct search_hit *h)
{
	struct buf *b = ctx, url = BUF_INIT;
	int by_doc = item_by_document(h);

	if (by_doc)
		item_url(&url, h);
	else
		hit_url(&url, h);
	html_fmt(b, "<li><a href=\"%s\">%s</a> <span class=\"meta\">%s", url.data, by_doc ? h->item_title : h->title,
		 by_doc ? kind_label("item") : kind_label(h->kind));
	if (h->page && !by_doc)
		buf_printf(b, ", page %d", h->page);
	if (h->committee && strcmp(h->kind, "committee") != 0)
		html_fmt(b, ", %s", h->committee);
	if (h->at) {
		buf_puts(b, ", ");
		date_put_short(b, h->at);
	}
	buf_puts(b, "</span><br><span class=\"snippet\">");
	put_snippet(b, h->snippet);
	buf_puts(b, "</span>");
	if (by_doc) {
		buf_reset(&url);
		hit_url(&url, h);
		html_fmt(b, "<br><span class=\"found-in\">In <a href=\"%s\">%s</a>", url.data, h->title);
		if (h->page)
			buf_printf(b, ", page %d", h->page);
		buf_puts(b, "</span>");
	}
	if (h->nplaces) {
		buf_puts(b, "<br><span class=\"places\">Considered at ");
		for (int i = 0; i < h->nplaces; i++) {
			const struct search_place *pl = &h->places[i];
			buf_reset(&url);
			place_url(&url, pl);
			html_fmt(b, "%s<a href=\"%s\">%s, ", i == 0 ? "" : i == h->nplaces - 1 && !h->places_more ? " and " : "; ",
				 url.data, pl->meeting);
			date_put_short(b, pl->at);
			if (pl->item_id)
				html_fmt(b, pl->number ? ", item %s" : ", %s", pl->number ? pl->number : pl->title);
			buf_puts(b, "</a>");
		}
		if (h->places_more)
			html_fmt(b, " and %d more", h->places_more);
		buf_puts(b, "</span>");
	}
	if (h->more > 0)
		html_fmt(b, "<br><span class=\"more\">%d more match%s in this %s</span>", h->more, h->more == 1 ? "" : "es",
			 strcmp(h->group, "document") == 0 ? "document" : strcmp(h->group, "decision") == 0 ? "decision" :
			 strcmp(h->group, "plan") == 0 ? "entry" : "item");
	buf_puts(b, "</li>\n");
	buf_release(&url);
	return 0;
}

static void put_filters(struct req *r, struct buf *b, const struct search_req *sr)
{
	struct cursor c;
	struct org_row o;

	buf_puts(b, "<details class=\"search-filters\"");
	if (sr->p.kind || sr->p.committee || sr->p.from || sr->p.to || sr->p.sort)
		buf_puts(b, " open");
	buf_puts(b, "><summary>Filter and sort</summary>\n<div class=\"filter-grid\">\n"
		 "<p><label for=\"kind\">Show</label>\n<select id=\"kind\" name=\"kind\">\n<option value=\"\">Everything</option>\n");
	for (size_t i = 0; i < NKINDS; i++)
		html_fmt(b, "<option value=\"%s\"%s>%s</option>\n", kinds[i].kind,
			 sr->p.kind == kinds[i].kind ? " selected" : "", kinds[i].plural);
	buf_puts(b, "</select></p>\n<p><label for=\"committee\">Committee</label>\n"
		 "<select id=\"committee\" name=\"committee\">\n<option value=\"\">All committees</option>\n");
	if (pub_org_names(r->db, &c) == 0)
		while (cursor_next_org(&c, &o))
			html_fmt(b, "<option value=\"%l\"%s>%s</option>\n", o.id,
				 o.id == sr->p.committee ? " selected" : "", o.name);
	html_fmt(b, "</select></p>\n<p><label for=\"from\">From</label>\n"
		 "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\"></p>\n"
		 "<p><label for=\"to\">To</label>\n<input type=\"date\" id=\"to\" name=\"to\" value=\"%s\"></p>\n"
		 "<p><label for=\"sort\">Order</label>\n<select id=\"sort\" name=\"sort\">\n"
		 "<option value=\"relevance\"%s>Best match first</option>\n"
		 "<option value=\"date\"%s>Newest first</option>\n</select></p>\n</div>\n</details>\n",
		 sr->p.from ? sr->p.from : "", sr->p.to ? sr->p.to : "",
		 sr->p.sort == SEARCH_RELEVANCE ? " selected" : "", sr->p.sort == SEARCH_DATE ? " selected" : "");
}

/* Run the search, each hit of the page asked for through put; 0, or 500
 * with the body dropped. */
static int run_search(struct req *r, struct search_req *sr, struct search_total *total, search_hit_fn put,
		      void *ctx)
{
	if (pub_search(r->db, &sr->p, total, put, ctx) < 0) {
		r->errmsg = "The search could not be run.";
		buf_reset(&r->body);
		return 500;
	}
	search_total_round(total);
	return 0;
}

int page_search(struct req *r)
{
	static const struct crumb crumbs[] = { { "Search", NULL } };
	struct buf *b = &r->body;
	struct buf title = BUF_INIT, qs = BUF_INIT, hits = BUF_INIT;
	struct search_req sr;
	struct search_total total = { 0 };
	int status;

	if ((status = search_read(r, &sr)) != 0)
		goto out;
	if (*sr.q)
		buf_printf(&title, "Search: %s", sr.q);
	else
		buf_puts(&title, "Search");
	page_begin(r, SEC_NONE, title.data, crumbs, 1);
	html_fmt(b, "<h1>Search the record</h1>\n<form method=\"get\" action=\"/search\" class=\"search-form\" role=\"search\">\n"
		 "<label for=\"q\">Words to find</label>\n<p class=\"hint\" id=\"q-hint\">Use \"quotes\" for a phrase, "
		 "word* for words that start with it, OR for either, and -word to leave out</p>\n"
		 "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\" aria-describedby=\"q-hint\">\n", sr.q);
	put_filters(r, b, &sr);
	buf_puts(b, "<button type=\"submit\" class=\"button\">Search</button>\n</form>\n");
	if (sr.nterms == 0) {
		if (*sr.q)
			buf_puts(b, "<p>Type some words to search for.</p>\n");
		goto done;
	}
	buf_puts(b, "<div class=\"results-wrap\">\n");
	if ((status = run_search(r, &sr, &total, put_hit_html, &hits)) != 0)
		goto out;
	/* The count, then the results. */
	html_fmt(b, "<p class=\"result-count\" role=\"status\">%s%d result%s", total.approximate ? "About " : "",
		 total.results, total.results == 1 ? "" : "s");
	if (total.lower_bound)
		html_fmt(b, " in the newest %d matches", SEARCH_COUNT_MAX);
	if (total.results > PER_PAGE)
		html_fmt(b, ", page %l", sr.page);
	buf_puts(b, "</p>\n");
	if (hits.len) {
		html_fmt(b, "<ol class=\"results\" start=\"%d\">\n", sr.p.offset + 1);
		buf_append(b, hits.data, hits.len);
		buf_puts(b, "</ol>\n");
	}
	if (sr.p.offset < total.results && total.results > PER_PAGE) {
		buf_puts(b, "<nav class=\"pager\" aria-label=\"Result pages\"><ul>\n");
		if (sr.page > 1) {
			buf_reset(&qs);
			search_qs(&qs, &sr, sr.page - 1);
			html_fmt(b, "<li class=\"prev\"><a href=\"/search?%s\" rel=\"prev\">← Previous</a></li>\n", qs.data);
		}
		if (sr.page * PER_PAGE < total.results && sr.page < SEARCH_COUNT_MAX / PER_PAGE) {
			buf_reset(&qs);
			search_qs(&qs, &sr, sr.page + 1);
			html_fmt(b, "<li class=\"next\"><a href=\"/search?%s\" rel=\"next\">Next →</a></li>\n", qs.data);
		}
		buf_puts(b, "</ul></nav>\n");
	}
	buf_puts(b, "</div>\n");
	buf_reset(&qs);
	search_qs(&qs, &sr, 1);
	html_fmt(b, "<p class=\"alt-formats\"><a href=\"/alerts?follow=search&amp;%s\">Get e-mail alerts for this search</a>"
		 " · <a href=\"/search.json?%s\">These results as JSON</a></p>\n", qs.data, qs.data);
done:
	page_end(r);
	status = 200;
out:
	buf_release(&title);
	buf_release(&qs);
	buf_release(&hits);
	buf_release(&sr.fts);
	return status;
}

struct json_ctx {
	struct buf *b;
	int n;
};

static int put_hit_json(void *ctx, const struct search_hit *h)
{
	struct json_ctx *j = ctx;
	struct json_obj o, sub;
	struct buf t = BUF_INIT;

	if (j->n++)
		buf_putc(j->b, ',');
	buf_puts(j->b, "\n");
	json_begin(&o, j->b);
	json_str(&o, "kind", h->kind);
	json_str(&o, "title", h->title);
	hit_url(&t, h);
	json_str(&o, "url", t.data);
	buf_reset(&t);
	put_plain(&t, h->snippet);
	json_str(&o, "snippet", t.data ? t.data : "");
	buf_reset(&t);
	put_snippet(&t, h->snippet);
	json_str(&o, "snippet_html", t.data ? t.data : "");
	if (h->page)
		json_int(&o, "page", h->page);
	json_str_opt(&o, "committee", h->committee);
	json_str_opt(&o, "date", h->at);
	if (h->meeting_id) {
		buf_reset(&t);
		buf_printf(&t, "/meetings/%lld", (long long)h->meeting_id);
		json_str(&o, "meeting_url", t.data);
	}
	json_str(&o, "group", h->group);
	json_int(&o, "more", h->more);
	if (strcmp(h->group, "item") == 0 && h->item_title) {
		json_key(&o, "item");
		json_begin(&sub, j->b);
		json_str(&sub, "title", h->item_title);
		buf_reset(&t);
		item_url(&t, h);
		json_str(&sub, "url", t.data);
		json_end(&sub);
	}
	if (strcmp(h->group, "document") == 0) {
		json_key(&o, "places");
		buf_putc(j->b, '[');
		for (int i = 0; i < h->nplaces; i++) {
			const struct search_place *pl = &h->places[i];
			if (i)
				buf_putc(j->b, ',');
			json_begin(&sub, j->b);
			buf_reset(&t);
			place_url(&t, pl);
			json_str(&sub, "url", t.data);
			json_str(&sub, "meeting", pl->meeting);
			json_str_opt(&sub, "date", pl->at);
			buf_reset(&t);
			buf_printf(&t, "/meetings/%lld", (long long)pl->meeting_id);
			json_str(&sub, "meeting_url", t.data);
			if (pl->item_id) {
				json_str_opt(&sub, "item_number", pl->number);
				json_str_opt(&sub, "item_title", pl->title);
			}
			json_end(&sub);
		}
		buf_putc(j->b, ']');
		json_int(&o, "places_more", h->places_more);
	}
	json_end(&o);
	buf_release(&t);
	return 0;
}

/* /search.json: the same search for programs (docs/API.md). */
int page_search_json(struct req *r)
{
	struct buf *b = &r->body, qs = BUF_INIT;
	struct search_req sr;
	struct json_ctx j = { b, 0 };
	struct json_obj o;
	struct search_total total = { 0 };
	int status;

	if ((status = search_read(r, &sr)) != 0)
		goto out;
	if (sr.nterms == 0) {
		r->errmsg = "Give some words to search for: /search.json?q=words";
		status = 400;
		goto out;
	}
	r->content_type = "application/json";
	json_begin(&o, b);
	json_str(&o, "query", sr.q);
	buf_puts(b, ",\"results\":[");
	if ((status = run_search(r, &sr, &total, put_hit_json, &j)) != 0)
		goto out;
	buf_puts(b, "\n]");
	o.n++;
	json_int(&o, "total", total.results);
	json_bool(&o, "approximate", total.approximate);
	json_bool(&o, "total_is_lower_bound", total.lower_bound);
	json_int(&o, "page", sr.page);
	json_int(&o, "per_page", PER_PAGE);
	json_str(&o, "sort", sr.p.sort == SEARCH_DATE ? "date" : "relevance");
	if (sr.page * PER_PAGE < total.results && sr.page < SEARCH_COUNT_MAX / PER_PAGE) {
		buf_puts(&qs, "/search.json?");
		search_qs(&qs, &sr, sr.page + 1);
		json_str(&o, "next", qs.data);
	}
	json_end(&o);
	buf_putc(b, '\n');
	status = 200;
out:
	buf_release(&qs);
	buf_release(&sr.fts);
	return status;
}
