/* sanitize.c: HTML from elsewhere made safe (see sanitize.h). */
#include "util/sanitize.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/banned.h"

static const char *const allowed[] = {
	"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "del", "sup", "sub",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
	"table", "thead", "tbody", "tr", "th", "td", "a",
};
/* Tags whose content goes with them. */
static const char *const dropped[] = { "script", "style", "iframe", "object", "embed", "noscript", "template",
				       "svg", "math", "textarea", "title", "head" };

static int in_list(const char *const *list, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

/* An entity reference at p ("&amp;", "&#39;", "&#x2019;"): its length. */
static size_t entity_len(const char *p)
{
	size_t n = 1;

	if (p[n] == '#') {
		n++;
		if (p[n] == 'x' || p[n] == 'X')
			n++;
		if (!isxdigit((unsigned char)p[n]))
			return 0;
		while (isxdigit((unsigned char)p[n]) && n < 12)
			n++;
	} else {
		if (!isalpha((unsigned char)p[n]))
			return 0;
		while (isalnum((unsigned char)p[n]) && n < 32)
			n++;
	}
	return p[n] == ';' ? n + 1 : 0;
}

static void put_text_char(struct buf *out, const char **pp)
{
	const char *p = *pp;
	size_t n;

	if (*p == '&' && (n = entity_len(p)) > 0) {
		buf_append(out, p, n);
		*pp = p + n;
		return;
	}
	if (*p == '&')
		buf_puts(out, "&amp;");
	else if (*p == '<')
		buf_puts(out, "&lt;");
	else if (*p == '>')
		buf_puts(out, "&gt;");
	else
		buf_putc(out, *p);
	*pp = p + 1;
}

/* An http(s), mailto: or site-relative URL.  Browsers read "/\\host" as
 * "//host" and drop tabs and line breaks anywhere in a URL ("/<TAB>/host"),
 * so neither passes as site-relative; nor does any other control character. */
static int href_safe(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return 0;
	return (n > 7 && strncasecmp(v, "http://", 7) == 0) ||
	       (n > 8 && strncasecmp(v, "https://", 8) == 0) ||
	       (n > 7 && strncasecmp(v, "mailto:", 7) == 0) ||
	       (n > 1 && v[0] == '/' && v[1] != '/' && v[1] != '\\');
}

/* Any text (a link's title): it is written quoted and escaped. */
static int text_safe(const char *v, size_t n)
{
	(void)v;
	(void)n;
	return 1;
}

/* An ordered list's first number. */
static int start_safe(const char *v, size_t n)
{
	if (n == 0 || n > 9)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

static int align_safe(const char *v, size_t n)
{
	return (n == 4 && strncmp(v, "left", 4) == 0) || (n == 5 && strncmp(v, "right", 5) == 0) ||
	       (n == 6 && strncmp(v, "center", 6) == 0);
}

/* A code block's language, as Markdown writes it ("language-sql"): a
 * class of its own prefix, so that it cannot take one of the site's. */
static int lang_safe(const char *v, size_t n)
{
	return n > 9 && strncmp(v, "language-", 9) == 0;
}

/* The attributes kept, each on its tags and if its value passes: all
 * that cmark-gfm writes but images (which would fetch from elsewhere). */
static const struct {
	const char *tag, *attr;
	int (*safe)(const char *v, size_t n);
} kept_attrs[] = {
	{ "a", "href", href_safe },   { "a", "title", text_safe },  { "ol", "start", start_safe },
	{ "th", "align", align_safe }, { "td", "align", align_safe }, { "code", "class", lang_safe },
};

/* The entry of kept_attrs for this tag's attribute, or -1. */
static int attr_entry(const char *tag, size_t tlen, const char *name, size_t nlen)
{
	for (size_t i = 0; i < sizeof(kept_attrs) / sizeof(kept_attrs[0]); i++)
		if (strlen(kept_attrs[i].tag) == tlen && strncasecmp(kept_attrs[i].tag, tag, tlen) == 0 &&
		    strlen(kept_attrs[i].attr) == nlen && strncasecmp(kept_attrs[i].attr, name, nlen) == 0)
			return (int)i;
	return -1;
}

static void put_attr(struct buf *out, const char *name, size_t nlen, const char *val, size_t vlen)
{
	buf_putc(out, ' ');
	for (size_t i = 0; i < nlen; i++)
		buf_putc(out, (char)tolower((unsigned char)name[i]));
	buf_puts(out, "=\"");
	for (size_t i = 0; i < vlen; i++) {
		if (val[i] == '"')
			buf_puts(out, "&quot;");
		else if (val[i] == '<')
			buf_puts(out, "&lt;");
		else if (val[i] == '>')
			buf_puts(out, "&gt;");
		else
			buf_putc(out, val[i]);
	}
	buf_putc(out, '"');
}

/* The kept attributes of a tag's attributes [p, end), in their order, each
 * once, quoted, its name lower case. */
static void put_attrs(struct buf *out, const char *tag, size_t tlen, const char *p, const char *end)
{
	unsigned seen = 0;

	while (p < end) {
		const char *name = p, *val = NULL;
		size_t nlen, vlen = 0;
		char q = 0;

		while (p < end && !isspace((unsigned char)*p) && *p != '=' && *p != '/')
			p++;
		nlen = (size_t)(p - name);
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && *p == '=') {
			p++;
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p < end && (*p == '"' || *p == '\''))
				q = *p++;
			val = p;
			while (p < end && (q ? *p != q : !isspace((unsigned char)*p)))
				p++;
			vlen = (size_t)(p - val);
			if (q && p < end)
				p++;
		}
		int e = attr_entry(tag, tlen, name, nlen);

		/* Browsers take the first of a repeated attribute: so do we. */
		if (e >= 0 && val && !(seen & (1u << e))) {
			seen |= 1u << e;
			if (kept_attrs[e].safe(val, vlen))
				put_attr(out, name, nlen, val, vlen);
		}
		if (p == name)
			p++; /* a stray '/' or '=' */
		while (p < end && isspace((unsigned char)*p))
			p++;
	}
}

void html_sanitize(struct buf *out, const char *html)
{
	const char *p = html;

	if (!p)
		return;
	while (*p) {
		const char *name, *end, *attrs;
		size_t len;
		int closing = 0, self = 0;

		if (*p != '<') {
			put_text_char(out, &p);
			continue;
		}
		if (strncmp(p, "<!--", 4) == 0) {
			/* Comments go, but for plain words (cmark's own "<!-- raw
			 * HTML omitted -->"), kept so that our HTML reads the same. */
			const char *e = strstr(p + 4, "-->"), *q;
			for (q = p + 4; e && q < e && (isalnum((unsigned char)*q) || *q == ' '); q++)
				;
			if (e && q == e)
				buf_append(out, p, (size_t)(e + 3 - p));
			p = e ? e + 3 : p + strlen(p);
			continue;
		}
		name = p + 1;
		if (*name == '/') {
			closing = 1;
			name++;
		}
		if (!isalpha((unsigned char)*name)) {
			put_text_char(out, &p); /* a '<' that starts no tag */
			continue;
		}
		for (len = 0; isalnum((unsigned char)name[len]); len++)
			;
		attrs = name + len;
		end = attrs;
		{
			char q = 0;
			while (*end && (q || *end != '>')) {
				if (q && *end == q)
					q = 0;
				else if (!q && (*end == '"' || *end == '\''))
					q = *end;
				end++;
			}
		}
		if (!*end) { /* an unterminated tag: the rest is text */
			put_text_char(out, &p);
			continue;
		}
		self = end > attrs && end[-1] == '/';
		if (!closing && in_list(dropped, sizeof(dropped) / sizeof(dropped[0]), name, len)) {
			/* skip to the matching close tag, content and all */
			const char *q = end + 1;
			for (;;) {
				q = strchr(q, '<');
				if (!q || (q[1] == '/' && strncasecmp(q + 2, name, len) == 0 &&
					   !isalnum((unsigned char)q[2 + len])))
					break;
				q++;
			}
			if (!q) {
				p += strlen(p);
				continue;
			}
			end = strchr(q, '>');
			p = end ? end + 1 : q + strlen(q);
			continue;
		}
		if (in_list(allowed, sizeof(allowed) / sizeof(allowed[0]), name, len)) {
			buf_putc(out, '<');
			if (closing)
				buf_putc(out, '/');
			for (size_t i = 0; i < len; i++)
				buf_putc(out, (char)tolower((unsigned char)name[i]));
			if (!closing)
				put_attrs(out, name, len, attrs, self ? end - 1 : end);
			if (self)
				buf_puts(out, " /");
			buf_putc(out, '>');
		}
		p = end + 1;
	}
}
