/* search.c: /search?q= — ranked full-text search of the public record.
 *
 * The reader's words become an FTS5 query built here, never passed through:
 * words and "quoted phrases" are quoted for FTS5, word* is a prefix, OR
 * between two terms is OR, -word leaves out what has it.  Anything else is
 * punctuation and ignored, so a malformed query is read as plain words and
 * never fails. */
#include <stdio.h>
#include <string.h>

#include "db/search.h"
#include "util/date.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/routes.h"
#include "util/banned.h"

#define PER_PAGE 20

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* One quoted FTS5 string of s[0..n) (quotes doubled). */
static void quoted(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '"');
}

/* Build the FTS5 query; returns the number of positive terms. */
int search_query(const char *in, struct buf *out)
{
	struct buf pos = BUF_INIT, neg = BUF_INIT;
	const char *p = in;
	int npos = 0, pending_or = 0;

	while (*p) {
		int negative = 0;
		struct buf term = BUF_INIT;

		while (*p && !word_byte((unsigned char)*p) && *p != '"' && *p != '-')
			p++;
		if (!*p)
			break;
		if (*p == '-') {
			negative = 1;
			p++;
			if (!*p || (!word_byte((unsigned char)*p) && *p != '"'))
				continue;
		}
		if (*p == '"') {
			const char *start = ++p, *end = strchr(p, '"');
			size_t n = end ? (size_t)(end - start) : strlen(start);
			/* the words of the phrase, as one quoted string */
			struct buf words = BUF_INIT;
			for (size_t i = 0; i < n; i++) {
				unsigned char c = (unsigned char)start[i];
				if (word_byte(c))
					buf_putc(&words, (char)c);
				else if (words.len && words.data[words.len - 1] != ' ')
					buf_putc(&words, ' ');
			}
			if (words.len)
				quoted(&term, words.data, words.len);
			buf_release(&words);
			p = end ? end + 1 : start + n;
		} else {
			const char *start = p;
			while (*p && word_byte((unsigned char)*p))
				p++;
			if ((size_t)(p - start) == 2 && strncmp(start, "OR", 2) == 0 && !negative) {
				pending_or = npos > 0;
				continue;
			}
			quoted(&term, start, (size_t)(p - start));
			if (*p == '*') {
				buf_putc(&term, '*');
				p++;
			}
		}
		if (term.len) {
			if (negative) {
				buf_puts(&neg, " NOT ");
				buf_append(&neg, term.data, term.len);
			} else {
				if (npos)
					buf_puts(&pos, pending_or ? " OR " : " AND ");
				buf_append(&pos, term.data, term.len);
				npos++;
			}
		}
		pending_or = 0;
		buf_release(&term);
	}
	if (npos) {
		buf_puts(out, "(");
		buf_append(out, pos.data, pos.len);
		buf_puts(out, ")");
		buf_append(out, neg.data, neg.len);
	}
	buf_release(&pos);
	buf_release(&neg);
	return npos;
}

static const char *kind_label(const char *kind)
{
	if (strcmp(kind, "item") == 0)
		return "Agenda item";
	if (strcmp(kind, "minutes") == 0)
		return "Minutes";
	if (strcmp(kind, "document") == 0)
		return "Document";
	if (strcmp(kind, "meeting") == 0)
		return "Meeting";
	if (strcmp(kind, "committee") == 0)
		return "Committee";
	return "Person";
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

static void put_link(struct buf *b, const struct search_hit *h)
{
	if (strcmp(h->kind, "item") == 0)
		html_fmt(b, "/meetings/%l/items/%l", h->meeting_id, h->ref_id);
	else if (strcmp(h->kind, "minutes") == 0)
		html_fmt(b, "/meetings/%l/items/%l#minutes", h->meeting_id, h->ref_id);
	else if (strcmp(h->kind, "document") == 0)
		html_fmt(b, "/documents/%l/%u#page=%d", h->ref_id, h->filename ? h->filename : "document", h->page);
	else if (strcmp(h->kind, "meeting") == 0)
		html_fmt(b, "/meetings/%l", h->ref_id);
	else if (strcmp(h->kind, "committee") == 0)
		html_fmt(b, "/committees/%l", h->ref_id);
	else
		html_fmt(b, "/people/%l", h->ref_id);
}

int page_search(struct req *r)
{
	static const struct crumb crumbs[] = { { "Search", NULL } };
	struct buf *b = &r->body;
	struct buf fts = BUF_INIT, title = BUF_INIT;
	const char *q = r->q[0].set ? r->q[0].text : "";
	int64_t page = r->q[1].set ? r->q[1].num : 1;
	struct cursor c;
	struct search_hit h;
	int total = 0, n = 0, rc;

	if (page < 1 || page > 500)
		page = 1;
	if (*q)
		buf_printf(&title, "Search: %s", q);
	else
		buf_puts(&title, "Search");
	page_begin(r, SEC_NONE, title.data, crumbs, 1);
	buf_release(&title);
	html_fmt(b, "<h1>Search the record</h1>\n<form method=\"get\" action=\"/search\" class=\"search-form\" role=\"search\">\n"
		 "<label for=\"q\">Words to find</label>\n<p class=\"hint\" id=\"q-hint\">Use \"quotes\" for a phrase, "
		 "word* for words that start with it, OR for either, and -word to leave out</p>\n"
		 "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\" aria-describedby=\"q-hint\">\n"
		 "<button type=\"submit\" class=\"button\">Search</button>\n</form>\n", q);
	if (!*q || search_query(q, &fts) == 0) {
		if (*q)
			buf_puts(b, "<p>Type some words to search for.</p>\n");
		goto done;
	}
	rc = pub_search(r->db, fts.data, PER_PAGE, (int)(page - 1) * PER_PAGE, &c, &total);
	if (rc < 0) {
		r->errmsg = "The search could not be run.";
		buf_release(&fts);
		return 500;
	}
	html_fmt(b, "<p class=\"result-count\" role=\"status\">%d result%s</p>\n", total, total == 1 ? "" : "s");
	while (cursor_next_hit(&c, &h)) {
		if (n++ == 0)
			buf_puts(b, "<ol class=\"results\">\n");
		buf_puts(b, "<li><a href=\"");
		put_link(b, &h);
		html_fmt(b, "\">%s</a> <span class=\"meta\">%s", h.title, kind_label(h.kind));
		if (h.page)
			buf_printf(b, ", page %d", h.page);
		if (h.at) {
			buf_puts(b, ", ");
			date_put_short(b, h.at);
		}
		buf_puts(b, "</span><br><span class=\"snippet\">");
		put_snippet(b, h.snippet);
		buf_puts(b, "</span></li>\n");
	}
	if (c.err) {
		buf_release(&fts);
		return 500;
	}
	if (n)
		buf_puts(b, "</ol>\n");
	if (total > PER_PAGE) {
		buf_puts(b, "<nav class=\"pager\" aria-label=\"Result pages\"><ul>\n");
		if (page > 1)
			html_fmt(b, "<li class=\"prev\"><a href=\"/search?q=%u&amp;page=%l\" rel=\"prev\">← Previous</a></li>\n",
				 q, page - 1);
		if (page * PER_PAGE < total && page < 500)
			html_fmt(b, "<li class=\"next\"><a href=\"/search?q=%u&amp;page=%l\" rel=\"next\">Next →</a></li>\n",
				 q, page + 1);
		buf_puts(b, "</ul></nav>\n");
	}
done:
	buf_release(&fts);
	page_end(r);
	return 200;
}
