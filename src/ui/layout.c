/* layout.c: the shared page shell and formatting helpers (see layout.h). */
#include "ui/layout.h"

#include <stdio.h>
#include <string.h>

#include "db/public.h"
#include "ui/html.h"
#include "ui/static.h"
#include "util/date.h"
#include "util/licence.h"
#include "util/valid.h"
#include "util/banned.h"

/* A colour from configuration goes into CSS: only a valid hex colour. */
static const char *safe_colour(const char *c, const char *fallback)
{
	return colour_valid(c) ? c : fallback;
}

void layout_colours(const struct body_row *body, const char **primary, const char **accent)
{
	*primary = safe_colour(body ? body->colour_primary : NULL, "#1d4f73");
	*accent = safe_colour(body ? body->colour_accent : NULL, "#ffdd00");
}

char *layout_theme_version(const struct body_row *body, char out[LAYOUT_VERSION_MAX])
{
	const char *p, *a;

	layout_colours(body, &p, &a);
	snprintf(out, LAYOUT_VERSION_MAX, "%s-%s", p + 1, a + 1);
	return out;
}

char *layout_logo_version(const char *svg, char out[LAYOUT_VERSION_MAX])
{
	uint64_t h = 0xcbf29ce484222325ull;   /* FNV-1a: a cache key, not a defence */

	for (const unsigned char *p = (const unsigned char *)svg; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	snprintf(out, LAYOUT_VERSION_MAX, "%016llx", (unsigned long long)h);
	return out;
}

void page_begin(struct req *r, enum section sec, const char *title,
		const struct crumb *crumbs, int ncrumbs)
{
	page_begin_head(r, sec, title, crumbs, ncrumbs, NULL);
}

void page_begin_head(struct req *r, enum section sec, const char *title,
		     const struct crumb *crumbs, int ncrumbs, const char *head_extra)
{
	struct buf *b = &r->body;
	struct body_row body;
	const char *name = "Witan";
	static const struct {
		enum section sec;
		const char *href, *label;
	} nav[] = {
		{ SEC_MEETINGS, "/meetings", "Meetings" },
		{ SEC_COMMITTEES, "/committees", "Committees" },
		{ SEC_PEOPLE, "/people", "People" },
		{ SEC_DECISIONS, "/decisions", "Decisions" },
		{ SEC_FORWARD_PLAN, "/forward-plan", "Forward plan" },
	};
	int have_body = r->db && pub_body(r->db, &body) == 1;
	char ver[LAYOUT_VERSION_MAX];

	if (have_body && body.name)
		name = body.name;
	html_fmt(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>%s – %s</title>\n"
		 "<link rel=\"stylesheet\" href=\"/static/site.css?v=%s\">\n",
		 title, name, static_version("site.css"));
	/* The body's colours and logo are files of their own (web/static.c),
	 * named by what they hold: the pages' CSP allows no inline style. */
	layout_theme_version(have_body ? &body : NULL, ver);
	html_fmt(b, "<link rel=\"stylesheet\" href=\"/theme.css?v=%s\">\n", ver);
	if (head_extra)
		buf_puts(b, head_extra);
	buf_puts(b, "</head>\n<body>\n"
		 "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
		 "<header class=\"site-header\">\n<div class=\"wrap header-inner\">\n"
		 "<a class=\"brand\" href=\"/\">");
	if (have_body && body.logo_svg)
		html_fmt(b, "<img class=\"logo\" src=\"/logo.svg?v=%s\" alt=\"\">",
			 layout_logo_version(body.logo_svg, ver));
	html_fmt(b, "<span class=\"brand-name\">%s</span></a>\n"
		 "<form class=\"header-search\" role=\"search\" method=\"get\" action=\"/search\">"
		 "<label for=\"site-q\" class=\"visually-hidden\">Search the record</label>"
		 "<input type=\"search\" id=\"site-q\" name=\"q\" placeholder=\"Search the record\">"
		 "<button type=\"submit\">Search</button></form>\n"
		 "<nav class=\"site-nav\" aria-label=\"Main\"><ul>\n", name);
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		html_fmt(b, "<li><a href=\"%r\"%r>%s</a></li>\n", nav[i].href,
			 nav[i].sec == sec ? " aria-current=\"page\"" : "", nav[i].label);
	if (r->user_id)
		html_fmt(b, "<li><a href=\"/admin\"%r>Back office</a></li>\n",
			 sec == SEC_ADMIN ? " aria-current=\"page\"" : "");
	buf_puts(b, "</ul></nav>\n</div>\n</header>\n");
	/* Signed in: who, and a way out (a form: GET never changes state). */
	if (r->user_id)
		html_fmt(b, "<div class=\"user-bar\"><div class=\"wrap\">Signed in as %s (%s) "
			 "<a href=\"/admin/account\">My account</a> "
			 "<form method=\"post\" action=\"/logout\" class=\"inline-form\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			 "<button type=\"submit\" class=\"link-button\">Sign out</button></form></div></div>\n",
			 r->user_name, r->user_role, r->csrf);
	buf_puts(b, "<div class=\"wrap\">\n");
	if (ncrumbs > 0) {
		buf_puts(b, "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>\n"
			    "<li><a href=\"/\">Home</a></li>\n");
		for (int i = 0; i < ncrumbs; i++) {
			if (i == ncrumbs - 1 || !crumbs[i].href)
				html_fmt(b, "<li aria-current=\"page\">%s</li>\n", crumbs[i].label);
			else
				html_fmt(b, "<li><a href=\"%s\">%s</a></li>\n", crumbs[i].href, crumbs[i].label);
		}
		buf_puts(b, "</ol></nav>\n");
	}
	buf_puts(b, "<main id=\"main\" tabindex=\"-1\">\n");
}

void page_end(struct req *r)
{
	struct buf *b = &r->body;
	struct body_row body;
	int have_body = r->db && pub_body(r->db, &body) == 1;

	buf_puts(b, "</main>\n</div>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n");
	if (have_body) {
		html_fmt(b, "<p><strong>%s</strong>", body.name);
		if (body.address)
			html_fmt(b, "<br>%s", body.address);
		buf_puts(b, "</p>\n");
		if (body.email || body.phone) {
			buf_puts(b, "<p>Democratic Services: ");
			if (body.email)
				html_fmt(b, "<a href=\"mailto:%s\">%s</a>", body.email, body.email);
			if (body.email && body.phone)
				buf_puts(b, " · ");
			if (body.phone)
				html_fmt(b, "%s", body.phone);
			buf_puts(b, "</p>\n");
		}
	}
	if (have_body && body.license) {
		buf_puts(b, "<p class=\"licence\">Published under ");
		licence_link(b, body.license);
		buf_puts(b, ".</p>\n");
	}
	buf_puts(b, "<p><a href=\"/export\">Open data</a>: the whole public record to download."
		 " · <a href=\"/alerts\">E-mail alerts</a> · <a href=\"/privacy\">Privacy</a></p>\n");
	buf_puts(b, "<p class=\"powered\">Published with Witan, open-source software for the democratic record.</p>\n"
		    "</div>\n</footer>\n</body>\n</html>\n");
}

void licence_link(struct buf *b, const char *license)
{
	const char *name = licence_name(license);

	if (!licence_url_valid(license)) {
		html_fmt(b, "%s", license);
		return;
	}
	/* (an unknown licence is named by its address) */
	html_fmt(b, "%s<a href=\"%s\" rel=\"license\">%s</a>", name ? "the " : "the licence at ", license,
		 name ? name : license);
}

void licence_note(struct buf *b, const char *what, const char *license)
{
	html_fmt(b, "<p class=\"licence-note\">This %s is published under ", what);
	licence_link(b, license);
	buf_puts(b, ", as the system it was copied from published it: not under the licence of the rest of "
		    "the record (at the foot of the page).</p>\n");
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Sign in required";
	case 403: return "Access denied";
	case 404: return "Page not found";
	case 405: return "Method not allowed";
	case 413: return "Request too large";
	case 414: return "Address too long";
	case 416: return "Range not satisfiable";
	case 431: return "Request headers too large";
	case 501: return "Not implemented";
	case 503: return "Service unavailable";
	case 507: return "Not enough room on the server";
	default: return status >= 500 ? "Something went wrong" : "Request not accepted";
	}
}

void web_error_page(struct req *r, int status)
{
	const char *title = status_title(status);

	buf_reset(&r->body);
	page_begin(r, SEC_NONE, title, NULL, 0);
	html_fmt(&r->body, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", title,
		 r->errmsg ? r->errmsg : status >= 500 ?
		 "The server could not complete this request. Please try again later." :
		 "The request could not be completed.");
	html_fmt(&r->body, "<p>Error %d. You could go to the <a href=\"/\">home page</a>, "
		 "browse the <a href=\"/meetings\">meetings calendar</a> or the "
		 "<a href=\"/committees\">committees</a>.</p>\n", status);
	page_end(r);
}

void meeting_label(struct buf *b, const struct meeting_row *m)
{
	buf_puts(b, m->name);
	buf_puts(b, " – ");
	date_put_long(b, m->start_at);
}

void meeting_end_local(const struct meeting_row *m, char out[17])
{
	if (m->end_at && strlen(m->end_at) >= 16 && strncmp(m->end_at, m->start_at, 16) > 0 &&
	    date_add_minutes(m->end_at, 0, out) == 0)
		return;
	if (date_add_minutes(m->start_at, MEETING_DEFAULT_MINUTES, out) < 0)
		out[0] = '\0';
}

void meeting_venue(struct buf *b, const struct meeting_row *m)
{
	const char *parts[] = { m->location_room, m->location_name, m->location_street,
				m->location_locality, m->location_postcode };
	struct { const char *p; size_t n; } seen[16];
	int nseen = 0;

	/* Locations are often entered with the room in the name or the
	 * building in the street: write each comma-separated piece once. */
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const char *p = parts[i];
		while (p && *p) {
			const char *comma = strstr(p, ", ");
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			int dup = 0;
			for (int k = 0; k < nseen; k++)
				if (seen[k].n == n && memcmp(seen[k].p, p, n) == 0)
					dup = 1;
			if (!dup && n > 0 && nseen < 16) {
				if (nseen)
					buf_puts(b, i == 4 ? " " : ", ");
				buf_append(b, p, n);
				seen[nseen].p = p;
				seen[nseen].n = n;
				nseen++;
			}
			p = comma ? comma + 2 : NULL;
		}
	}
}

void meeting_time(struct buf *b, const struct meeting_row *m)
{
	buf_puts(b, "<time datetime=\"");
	date_put_iso_local(b, m->start_at);
	buf_puts(b, "\">");
	date_put_long(b, m->start_at);
	buf_puts(b, ", ");
	date_put_time(b, m->start_at);
	buf_puts(b, "</time>");
}

void meeting_state_tag(struct buf *b, const struct meeting_row *m)
{
	if (strcmp(m->state, "cancelled") == 0)
		buf_puts(b, " <strong class=\"tag tag-cancelled\">Cancelled</strong>");
	else if (strcmp(m->state, "postponed") == 0)
		buf_puts(b, " <strong class=\"tag tag-postponed\">Postponed</strong>");
}

static const char *mime_label(const char *mime)
{
	if (!mime)
		return "File";
	if (strcmp(mime, "application/pdf") == 0)
		return "PDF";
	if (strstr(mime, "wordprocessingml"))
		return "Word document";
	if (strstr(mime, "spreadsheetml"))
		return "Excel spreadsheet";
	if (strstr(mime, "opendocument.text"))
		return "OpenDocument text";
	if (strncmp(mime, "image/", 6) == 0)
		return "Image";
	return "File";
}

void file_link(struct buf *b, const struct file_row *f)
{
	html_fmt(b, "<a href=\"/documents/%l/%u\">%s</a> <span class=\"file-meta\">(%s, ",
		 f->id, f->filename, f->title, mime_label(f->mime_type));
	if (f->size >= 1024 * 1024)
		buf_printf(b, "%.1f MB", (double)f->size / (1024.0 * 1024.0));
	else
		buf_printf(b, "%lld KB", (long long)((f->size + 1023) / 1024));
	if (f->page_count > 0)
		buf_printf(b, ", %d page%s", f->page_count, f->page_count == 1 ? "" : "s");
	buf_puts(b, ")</span>");
}

int documents_section(struct buf *b, struct cursor *c, const char *heading, const char *none)
{
	struct file_row f;
	int n = 0;

	html_fmt(b, "<section aria-labelledby=\"documents\">\n<h2 id=\"documents\">%s</h2>\n", heading);
	while (cursor_next_file(c, &f)) {
		if (n++ == 0)
			buf_puts(b, "<ul class=\"documents\">\n");
		buf_puts(b, "<li>");
		file_link(b, &f);
		buf_puts(b, "</li>\n");
	}
	if (c->err)
		return -1;
	if (n)
		buf_puts(b, "</ul>\n");
	else
		html_fmt(b, "<p>%s</p>\n", none);
	buf_puts(b, "</section>\n");
	return 0;
}

const char *label_of(const struct label *map, const char *key)
{
	while (map->key && !(key && strcmp(map->key, key) == 0))
		map++;
	return map->text;
}

const char *file_role_label(const char *role)
{
	static const struct label map[] = {
		{ "front_sheet", "Agenda front sheet" }, { "agenda_pack", "Agenda reports pack" },
		{ "report", "Report" }, { "appendix", "Appendix" }, { "supplement", "Supplement" },
		{ "minutes", "Printed minutes" }, { "background", "Background paper" },
		{ "decision_notice", "Decision notice" }, { NULL, "Document" },
	};
	return label_of(map, role);
}

const char *member_role_label(const char *role)
{
	static const struct label map[] = {
		{ "chair", "Chair" }, { "vice_chair", "Vice-Chair" }, { "member", "Member" },
		{ "co_opted", "Co-opted member" }, { "substitute", "Substitute" },
		{ "independent", "Independent member" }, { "officer", "Officer" }, { NULL, "Member" },
	};
	return label_of(map, role);
}

const char *attendance_label(const char *status)
{
	static const struct label map[] = {
		{ "present", "Present" }, { "apologies", "Apologies" }, { "absent", "Absent" },
		{ "substitute", "Substitute" }, { "in_attendance", "In attendance" }, { NULL, "Recorded" },
	};
	return label_of(map, status);
}

const char *schedule12a_text(int p)
{
	static const char *const text[] = {
		NULL,
		"Information relating to any individual",
		"Information which is likely to reveal the identity of an individual",
		"Information relating to the financial or business affairs of any particular person "
		"(including the authority holding that information)",
		"Information relating to any consultations or negotiations, or contemplated consultations "
		"or negotiations, in connection with any labour relations matter arising between the "
		"authority or a Minister of the Crown and employees of, or office holders under, the authority",
		"Information in respect of which a claim to legal professional privilege could be "
		"maintained in legal proceedings",
		"Information which reveals that the authority proposes to give under any enactment a "
		"notice under or by virtue of which requirements are imposed on a person, or to make an "
		"order or direction under any enactment",
		"Information relating to any action taken or to be taken in connection with the "
		"prevention, investigation or prosecution of crime",
	};
	return p >= 1 && p <= 7 ? text[p] : NULL;
}
