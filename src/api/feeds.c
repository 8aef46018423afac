/* feeds.c: Atom feeds (RFC 4287) of new meetings, published agendas and
 * published minutes, site-wide (/feeds/meetings.atom) and per committee
 * (/committees/{id}/feed.atom), each narrowed to one kind by ?kind=; the
 * forward plan's new notices of key decisions (/forward-plan.atom); the
 * sitemap (/sitemap.xml, and /sitemaps/{n}.xml past 50,000 URLs).  The
 * links to them that pages show are ui/feeds.c's.  Reads db/feeds.h and
 * db/public.h (pub_* views only); writes XML only through util/xml. */
#include "api/api.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db/feeds.h"
#include "db/public.h"
#include "db/statutory.h"
#include "ui/feeds.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/licence.h"
#include "util/xml.h"
#include "util/banned.h"

#define ATOM_TYPE "application/atom+xml; charset=utf-8"
#define XML_TYPE "application/xml; charset=utf-8"
#define FEED_LIMIT 50
#define ITEMS_IN_SUMMARY 40

/* A UTC timestamp as RFC 3339 ('YYYY-MM-DDTHH:MM:SSZ'), whatever the
 * column held ('YYYY-MM-DD HH:MM' is read as UTC too); 0 or -1. */
static int put_rfc3339(struct buf *b, const char *utc)
{
	struct civil c;

	if (!utc || civil_parse(utc, &c) < 0)
		return -1;
	buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
		   c.second);
	return 0;
}

/* The entry's plain-text summary into s; 0, or -1 if the items could not be read. */
static int put_entry_summary(struct req *r, struct buf *s, const struct feed_entry_row *e)
{
	const struct meeting_row *m = &e->m;
	struct cursor c;
	struct item_row it;
	int n = 0;

	switch (e->kind) {
	case FEED_MEETING: {
		struct buf venue = BUF_INIT;
		buf_printf(s, "%s meets on ", m->organization_name);
		date_put_long(s, m->start_at);
		buf_puts(s, " at ");
		date_put_time(s, m->start_at);
		meeting_venue(&venue, m);
		if (venue.len)
			buf_printf(s, ", %s", venue.data);
		buf_puts(s, ".");
		buf_release(&venue);
		if (strcmp(m->state, "cancelled") == 0 || strcmp(m->state, "postponed") == 0) {
			buf_printf(s, " This meeting has been %s.", m->state);
			if (m->state_reason)
				buf_printf(s, " %s", m->state_reason);
		}
		break;
	}
	case FEED_AGENDA:
		buf_puts(s, "The agenda of the meeting on ");
		date_put_long(s, m->start_at);
		buf_puts(s, " has been published.");
		if (pub_items_of_meeting(r->db, m->id, &c) < 0)
			return -1;
		while (cursor_next_item(&c, &it)) {
			if (n++ >= ITEMS_IN_SUMMARY)
				continue;
			buf_puts(s, n == 1 ? " Items: " : "; ");
			if (it.number)
				buf_printf(s, "%s. ", it.number);
			buf_puts(s, it.title);
			if (it.exempt)
				buf_puts(s, " (exempt)");
		}
		if (n > ITEMS_IN_SUMMARY)
			buf_printf(s, "; and %d more", n - ITEMS_IN_SUMMARY);
		if (c.err)
			return -1;
		if (n)
			buf_puts(s, ".");
		break;
	case FEED_MINUTES:
		if (m->minutes_approved_at) {
			buf_puts(s, "The minutes of the meeting on ");
			date_put_long(s, m->start_at);
			buf_puts(s, " have been approved.");
		} else {
			buf_puts(s, "The draft minutes of the meeting on ");
			date_put_long(s, m->start_at);
			buf_puts(s, " have been published, subject to approval at the next meeting.");
		}
		break;
	}
	return 0;
}

/* One <entry> into b; 0 or -1. */
static int put_entry(struct req *r, struct buf *b, const struct feed_entry_row *e)
{
	const struct meeting_row *m = &e->m;
	struct buf t = BUF_INIT, s = BUF_INIT;
	const char *frag, *term, *label;

	switch (e->kind) {
	case FEED_AGENDA:
		frag = "agenda", term = "agenda", label = "Agenda published";
		buf_puts(&t, "Agenda published: ");
		break;
	case FEED_MINUTES:
		frag = "minutes", term = "minutes";
		label = m->minutes_approved_at ? "Minutes approved" : "Draft minutes published";
		buf_printf(&t, "%s: ", label);
		break;
	default:
		frag = "meeting", term = "meeting", label = "Meeting";
		buf_puts(&t, strcmp(m->state, "cancelled") == 0 ? "Cancelled: " :
			 strcmp(m->state, "postponed") == 0 ? "Postponed: " : "Meeting: ");
		break;
	}
	meeting_label(&t, m);
	if (put_entry_summary(r, &s, e) < 0) {
		buf_release(&t);
		buf_release(&s);
		return -1;
	}

	/* The id is the meeting's URL with the kind as its fragment: stable,
	 * unique per event, and a link to the right place. */
	xml_fmt(b, "<entry>\n<id>%s/meetings/%l#%r</id>\n<title>%s</title>\n<updated>",
		r->app->base_url, m->id, frag, t.data);
	put_rfc3339(b, e->updated);
	buf_puts(b, "</updated>\n");
	if (e->published) {
		buf_puts(b, "<published>");
		put_rfc3339(b, e->published);
		buf_puts(b, "</published>\n");
	}
	xml_fmt(b, "<link rel=\"alternate\" type=\"text/html\" href=\"%s/meetings/%l%r\"/>\n"
		"<category term=\"%r\" label=\"%r\"/>\n<summary>%s</summary>\n</entry>\n",
		r->app->base_url, m->id, e->kind == FEED_AGENDA ? "#agenda" : "", term, label, s.data);
	if (t.err || s.err)
		b->err = t.err ? t.err : s.err;
	buf_release(&t);
	buf_release(&s);
	return 0;
}

/* The feed document around its entries: id and self link, title,
 * updated (the newest entry's; NULL or "": now, for an empty feed), the
 * page it mirrors, the author (the body), the record's licence (Atom's
 * rights, and RFC 4946's license link) and the entries.  Answers 200. */
static int feed_document(struct req *r, const char *self, const char *title, const char *updated,
			 const char *html_path, const struct body_row *body, const struct buf *entries)
{
	struct buf *b = &r->body;
	const char *author = body && body->name ? body->name : "Witan";
	char now[21];

	if (!updated || !*updated) {
		date_now_utc(now);
		updated = now;
	}

	xml_fmt(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n"
		"<id>%s</id>\n<title>%s</title>\n<updated>%s</updated>\n"
		"<link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n"
		"<link rel=\"alternate\" type=\"text/html\" href=\"%s%s\"/>\n"
		"<author><name>%s</name><uri>%s/</uri></author>\n"
		"<generator>Witan</generator>\n",
		self, title, updated, self, r->app->base_url, html_path, author, r->app->base_url);
	if (body && body->license) {
		const char *name = licence_name(body->license);
		xml_fmt(b, "<rights>Published under %s%s: %s</rights>\n<link rel=\"license\" href=\"%s\"/>\n",
			name ? "the " : "a licence", name ? name : "", body->license, body->license);
	}
	buf_append(b, entries->data ? entries->data : "", entries->len);
	if (entries->err)
		b->err = entries->err;
	buf_puts(b, "</feed>\n");
	r->content_type = ATOM_TYPE;
	return 200;
}

/* A feed of org_id (0: the site) at path, for the ?kind= in r->q[0]. */
static int atom(struct req *r, int64_t org_id, const char *path, const char *org_name,
		const char *html_path)
{
	struct buf self = BUF_INIT, title = BUF_INIT, entries = BUF_INIT, updated = BUF_INIT;
	struct body_row body;
	struct cursor c;
	struct feed_entry_row e;
	size_t k = 0;
	int rc = 500, n = 0, have_body;

	if (r->q[0].set) {
		for (k = 1; k < sizeof(feed_kinds) / sizeof(feed_kinds[0]); k++)
			if (strcmp(r->q[0].text, feed_kinds[k].param) == 0)
				break;
		if (k == sizeof(feed_kinds) / sizeof(feed_kinds[0])) {
			r->errmsg = "The kind of feed must be meetings, agendas or minutes.";
			rc = 400;
			goto out;
		}
	}
	buf_printf(&self, "%s%s", r->app->base_url, path);
	if (feed_kinds[k].param)
		buf_printf(&self, "?kind=%s", feed_kinds[k].param);
	have_body = pub_body(r->db, &body) == 1;
	buf_printf(&title, "%s: %s", org_name ? org_name : have_body && body.name ? body.name : "Witan",
		   feed_kinds[k].title);

	/* Entries first, into their own buffer: the feed's <updated> is the
	 * newest entry's. */
	if (feed_entries(r->db, org_id, feed_kinds[k].kinds, FEED_LIMIT, &c) < 0)
		goto out;
	while (cursor_next_feed_entry(&c, &e)) {
		if (n++ == 0)
			put_rfc3339(&updated, e.updated);
		if (put_entry(r, &entries, &e) < 0)
			goto out;
	}
	if (c.err)
		goto out;
	rc = self.err || title.err || updated.err ? 500 :
		feed_document(r, self.data, title.data, updated.data, html_path, have_body ? &body : NULL, &entries);
out:
	buf_release(&self);
	buf_release(&title);
	buf_release(&entries);
	buf_release(&updated);
	return rc;
}

int page_atom_site(struct req *r)
{
	return atom(r, 0, "/feeds/meetings.atom", NULL, "/meetings");
}

int page_atom_committee(struct req *r)
{
	struct org_row o;
	char path[64], html[48];
	struct buf name = BUF_INIT;
	int rc = pub_org(r->db, r->id[0], &o);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	buf_puts(&name, o.name);
	snprintf(path, sizeof(path), "/committees/%lld/feed.atom", (long long)o.id);
	snprintf(html, sizeof(html), "/committees/%lld", (long long)o.id);
	rc = atom(r, o.id, path, name.data, html);
	buf_release(&name);
	return rc;
}

/* --- the forward plan --------------------------------------------------------- */

/* One notice as an <entry>: its id is its place on the plan's page;
 * published is the day the notice was first published, updated its last
 * public change. */
static void put_plan_entry(struct req *r, struct buf *b, const struct plan_row *p)
{
	struct buf s = BUF_INIT;

	buf_puts(&s, "Key decision due on ");
	date_put_long(&s, p->decision_due);
	if (p->maker_name || p->post)
		buf_printf(&s, ", by %s", p->maker_name ? p->maker_name : p->post);
	buf_puts(&s, ".");
	if (p->restriction && strcmp(p->restriction, "open") != 0)
		buf_printf(&s, " %s under paragraph %d of Schedule 12A to the Local Government Act 1972.",
			   strcmp(p->restriction, "exempt") == 0 ? "To be decided in private" :
			   "Partly to be decided in private", p->exempt_paragraph);
	if (p->urgency && strcmp(p->urgency, "general_exception") == 0)
		buf_puts(&s, " Taken under the general exception (less than 28 clear days' notice).");
	else if (p->urgency && strcmp(p->urgency, "special_urgency") == 0)
		buf_puts(&s, " Taken under special urgency.");
	if (p->urgency_reason)
		buf_printf(&s, " %s", p->urgency_reason);
	xml_fmt(b, "<entry>\n<id>%s/forward-plan#entry-%l</id>\n<title>%s%s%s</title>\n<updated>",
		r->app->base_url, p->id, p->reference ? p->reference : "", p->reference ? ": " : "", p->title);
	if (put_rfc3339(b, p->modified ? p->modified : p->created) < 0)
		put_rfc3339(b, p->first_published);
	buf_puts(b, "</updated>\n<published>");
	put_rfc3339(b, p->first_published);
	xml_fmt(b, "</published>\n<link rel=\"alternate\" type=\"text/html\" href=\"%s/forward-plan?past=1#entry-%l\"/>\n"
		"<summary>%s</summary>\n</entry>\n", r->app->base_url, p->id, s.data);
	if (s.err)
		b->err = s.err;
	buf_release(&s);
}

int page_atom_forward_plan(struct req *r)
{
	struct buf entries = BUF_INIT, self = BUF_INIT, title = BUF_INIT, updated = BUF_INIT;
	struct body_row body;
	struct cursor c;
	struct plan_row p;
	int rc = 500, have_body = pub_body(r->db, &body) == 1;

	if (stat_plan_entries_newest(r->db, FEED_LIMIT, &c) < 0)
		goto out;
	/* The feed's <updated>: its latest change. */
	while (cursor_next_plan(&c, &p)) {
		struct buf u = BUF_INIT;
		if (put_rfc3339(&u, p.modified ? p.modified : p.created) == 0 &&
		    (!updated.len || strcmp(u.data, updated.data) > 0)) {
			buf_reset(&updated);
			buf_puts(&updated, u.data);
		}
		buf_release(&u);
		put_plan_entry(r, &entries, &p);
	}
	if (c.err)
		goto out;
	buf_printf(&self, "%s/forward-plan.atom", r->app->base_url);
	buf_printf(&title, "%s: forward plan of key decisions", have_body && body.name ? body.name : "Witan");
	rc = self.err || title.err || updated.err ? 500 :
		feed_document(r, self.data, title.data, updated.data, "/forward-plan", have_body ? &body : NULL, &entries);
out:
	buf_release(&entries);
	buf_release(&self);
	buf_release(&title);
	buf_release(&updated);
	return rc;
}

/* --- sitemap ----------------------------------------------------------------- */

static void put_url(struct req *r, const struct sitemap_row *s)
{
	static const char *const index_pages[] = { "/", "/committees", "/meetings", "/people", "/decisions",
						   "/forward-plan" };
#define NINDEX_PAGES (int64_t)(sizeof(index_pages) / sizeof(index_pages[0]))
	/* The page of every other kind: id (and id2) in its path. */
	static const char *const paths[] = {
		[SITEMAP_COMMITTEE] = "/committees/%l", [SITEMAP_MEETING] = "/meetings/%l",
		[SITEMAP_ITEM] = "/meetings/%l/items/%l", [SITEMAP_PERSON] = "/people/%l",
		[SITEMAP_ISSUE] = "/issues/%l", [SITEMAP_DECISION] = "/decisions/%l",
	};
	struct buf *b = &r->body;

	xml_fmt(b, "<url><loc>%s", r->app->base_url);
	if (s->kind == SITEMAP_INDEX_PAGE)
		buf_puts(b, s->id >= 0 && s->id < NINDEX_PAGES ? index_pages[s->id] : "/");
	else if (s->kind > 0 && s->kind < (int)(sizeof(paths) / sizeof(paths[0])))
		xml_fmt(b, paths[s->kind], s->id, s->id2);
	buf_puts(b, "</loc>");
	if (s->lastmod) {
		/* W3C Datetime: the complete form with seconds and 'Z'. */
		buf_puts(b, "<lastmod>");
		put_rfc3339(b, s->lastmod);
		buf_puts(b, "</lastmod>");
	}
	buf_puts(b, "</url>\n");
}

/* Sitemap file `part` (1-based): 404 past the last (the first always is). */
static int urlset(struct req *r, int64_t part)
{
	struct cursor c;
	struct sitemap_row s;
	long n = 0;

	if (feed_sitemap(r->db, (part - 1) * SITEMAP_MAX_URLS, SITEMAP_MAX_URLS, &c) < 0)
		return 500;
	buf_puts(&r->body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	while (cursor_next_sitemap(&c, &s)) {
		put_url(r, &s);
		n++;
	}
	if (c.err)
		return 500;
	if (n == 0 && part > 1) {
		buf_reset(&r->body);
		return 404;
	}
	buf_puts(&r->body, "</urlset>\n");
	r->content_type = XML_TYPE;
	return 200;
}

static int64_t sitemap_parts(struct req *r)
{
	int64_t n;

	if (feed_sitemap_count(r->db, &n) < 0)
		return -1;
	return n <= SITEMAP_MAX_URLS ? 1 : (n + SITEMAP_MAX_URLS - 1) / SITEMAP_MAX_URLS;
}

int page_sitemap(struct req *r)
{
	int64_t parts = sitemap_parts(r);

	if (parts < 0)
		return 500;
	if (parts == 1)
		return urlset(r, 1);
	buf_puts(&r->body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (int64_t i = 1; i <= parts; i++)
		xml_fmt(&r->body, "<sitemap><loc>%s/sitemaps/%l.xml</loc></sitemap>\n",
			r->app->base_url, i);
	buf_puts(&r->body, "</sitemapindex>\n");
	r->content_type = XML_TYPE;
	return 200;
}

int page_sitemap_part(struct req *r)
{
	return urlset(r, r->id[0]);
}
