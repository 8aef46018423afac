/* search_query.c: the reader's words as an FTS5 query, built here, never
 * passed through: words and "quoted phrases" are quoted for FTS5, word* is
 * a prefix, OR between two terms is OR, -word leaves out what has it.
 * Anything else is punctuation and ignored, so a malformed query is read
 * as plain words and never fails.  Used by /search and by the saved
 * searches of e-mail alerts. */
#include "db/search.h"

#include <string.h>

#include "util/banned.h"

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

		/* A '-' starts an exclusion only at the start of a word:
		 * "fly-tipping" is two words, not "fly" without "tipping". */
		while (*p && !word_byte((unsigned char)*p) && *p != '"' &&
		       !(*p == '-' && (p == in || !word_byte((unsigned char)p[-1]))))
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
			size_t n;
			while (*p && word_byte((unsigned char)*p))
				p++;
			n = (size_t)(p - start);
			if (n == 2 && strncmp(start, "OR", 2) == 0 && !negative) {
				pending_or = npos > 0;
				continue;
			}
			/* A possessive 's is left out: "children's" would otherwise
			 * be "children" then "s", a word in every passage. */
			if (*p == '\'' && (p[1] == 's' || p[1] == 'S') && !word_byte((unsigned char)p[2]))
				p += 2;
			else if (n > 4 && (start[n - 1] == 's' || start[n - 1] == 'S') &&
				 memcmp(start + n - 4, "\xE2\x80\x99", 3) == 0)
				n -= 4;
			quoted(&term, start, n);
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

/* The same query for PostgreSQL's to_tsquery(), from what search_query()
 * made (and nothing else: its grammar only): "w" is 'w', "w"* is 'w':*,
 * "a b" the phrase 'a b' (to_tsquery reads a quoted run of words as a
 * phrase), AND &, OR |, NOT & !.  Returns 0, or -1 on what search_query()
 * never makes. */
int search_tsquery(const char *fts, struct buf *out)
{
	const char *p = fts;

	while (*p) {
		if (*p == ' ' || *p == '(' || *p == ')') {
			buf_putc(out, *p++);
		} else if (*p == '"') {
			buf_putc(out, '\'');
			for (p++; *p && !(p[0] == '"' && p[1] != '"'); p++) {
				if (*p == '"')
					p++; /* "" is one " */
				if (*p == '\'' || *p == '\\')
					buf_putc(out, *p);
				buf_putc(out, *p);
			}
			if (*p != '"')
				return -1;
			buf_putc(out, '\'');
			if (*++p == '*') {
				buf_puts(out, ":*");
				p++;
			}
		} else if (strncmp(p, "AND ", 4) == 0) {
			buf_putc(out, '&');
			p += 3;
		} else if (strncmp(p, "OR ", 3) == 0) {
			buf_putc(out, '|');
			p += 2;
		} else if (strncmp(p, "NOT ", 4) == 0) {
			buf_puts(out, "& !");
			p += 4;
		} else {
			return -1;
		}
	}
	return out->err ? -1 : 0;
}
