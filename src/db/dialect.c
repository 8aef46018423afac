/* dialect.c: SQLite's SQL translated to PostgreSQL's (see dialect.h).
 *
 * Three layers: a tokenizer (strings, quoted identifiers, comments,
 * numbers, parameters, punctuation); the statements' shapes that differ
 * (CREATE TABLE, FTS5 tables, triggers, INSERT OR ..., DROP TRIGGER); and
 * xlate(), the rules for any run of tokens (parameters, functions, IS,
 * LIKE, ORDER BY, CAST, COLLATE).  A script is read twice: once for its
 * tables (the keys INSERT OR REPLACE needs, foreign keys to tables made
 * later), once to translate. */
#include "db/dialect.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/banned.h"

enum tk { TK_WORD, TK_QID, TK_STR, TK_BLOB, TK_NUM, TK_PARAM, TK_OP, TK_SEMI };

struct tok {
	int type;
	const char *s;
	int len;
	int ws; /* whitespace before it: 0 none, 1 a space, 2 a line break */
};

#define NAME_MAX_ 64
#define PAD 16 /* tokens after the last, for lookahead */
#define MAX_COLS 128

/* A table the script creates. */
struct table_info {
	char name[NAME_MAX_];
	int stmt; /* the statement that creates it */
	int ncols;
	char cols[MAX_COLS][NAME_MAX_];
	int nkey;
	char key[8][NAME_MAX_];
	int nunique; /* PRIMARY KEY, UNIQUE, unique indexes */
};

struct stmt_range {
	int a, b;
};

struct dx {
	struct tok *t;
	int n;
	struct buf *out;
	char *err;
	size_t errlen;
	int failed;
	int script;  /* more than one statement */
	int stmt;    /* the statement being translated */
	int nout;    /* statements output */
	int fresh;   /* at the start of an output statement */
	int in_body; /* inside a trigger's body */
	/* the parameters of the statement */
	int maxp;
	struct { const char *s; int len, no; } names[64];
	int nnames;
	int nsub; /* subqueries given an alias */
	/* the script's tables */
	struct table_info *tabs;
	int ntabs;
	/* foreign keys to tables made later in the script: ALTER TABLE ... */
	struct fk { char table[NAME_MAX_]; char *sql; } fks[32];
	int nfks;
};

/* --- helpers ------------------------------------------------------------ */

static int fail(struct dx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct dx *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->failed) {
		va_start(ap, fmt);
		vsnprintf(d->err, d->errlen, fmt, ap);
		va_end(ap);
	}
	d->failed = 1;
	return -1;
}

static int isident(int c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

static int isidstart(int c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

/* Token i is the word w (any case). */
static int is(const struct dx *d, int i, const char *w)
{
	const struct tok *t;

	if (i < 0 || i >= d->n)
		return 0;
	t = &d->t[i];
	return t->type == TK_WORD && (size_t)t->len == strlen(w) && strncasecmp(t->s, w, (size_t)t->len) == 0;
}

/* Token i is the punctuation o. */
static int op(const struct dx *d, int i, const char *o)
{
	const struct tok *t;

	if (i < 0 || i >= d->n)
		return 0;
	t = &d->t[i];
	return t->type == TK_OP && (size_t)t->len == strlen(o) && memcmp(t->s, o, (size_t)t->len) == 0;
}

static int is_name(const struct dx *d, int i)
{
	return i >= 0 && i < d->n && (d->t[i].type == TK_WORD || d->t[i].type == TK_QID);
}

/* The name of token i (a word or a quoted identifier), lower-case and
 * unquoted, in out. */
static void ident_text(const struct dx *d, int i, char *out, size_t size)
{
	const struct tok *t = &d->t[i];
	size_t n = 0;
	int q = t->type == TK_QID;
	int from = q ? 1 : 0, to = q ? t->len - 1 : t->len;

	for (int k = from; k < to && n + 1 < size; k++) {
		char c = t->s[k];
		if (q && c == t->s[0] && t->s[0] != '[' && k + 1 < to && t->s[k + 1] == c)
			k++;
		out[n++] = (char)tolower((unsigned char)c);
	}
	out[n] = 0;
}

static int ident_eq(const struct dx *d, int i, const char *name)
{
	char a[NAME_MAX_];

	if (!is_name(d, i))
		return 0;
	ident_text(d, i, a, sizeof(a));
	return strcmp(a, name) == 0;
}

/* The index of the ')' matching the '(' at i, below b. */
static int match(struct dx *d, int i, int b)
{
	int depth = 0;

	for (int k = i; k < b; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")") && --depth == 0)
			return k;
	}
	fail(d, "unbalanced parentheses");
	return b - 1;
}

/* The END of the CASE at i. */
static int case_end(struct dx *d, int i, int b)
{
	int depth = 0;

	for (int k = i; k < b; k++) {
		if (is(d, k, "CASE"))
			depth++;
		else if (is(d, k, "END") && --depth == 0)
			return k;
	}
	fail(d, "CASE without END");
	return b - 1;
}

/* The first token at parenthesis depth 0 in [a, b) that is the word w, or -1. */
static int find0(struct dx *d, int a, int b, const char *w)
{
	int depth = 0;

	for (int k = a; k < b; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")"))
			depth--;
		else if (depth == 0 && is(d, k, w))
			return k;
	}
	return -1;
}

/* --- output ------------------------------------------------------------- */

static void putn(struct dx *d, const char *s, size_t n, int ws)
{
	struct buf *b = d->out;

	if (!n)
		return;
	if (d->fresh)
		ws = 0;
	d->fresh = 0;
	if (ws == 2)
		buf_putc(b, '\n');
	else if (ws == 1)
		buf_putc(b, ' ');
	else if (b->len && isident((unsigned char)b->data[b->len - 1]) && isident((unsigned char)s[0]))
		buf_putc(b, ' ');
	buf_append(b, s, n);
}

/* Text of our own, after a space. */
static void kw(struct dx *d, const char *s)
{
	putn(d, s, strlen(s), 1);
}

/* Text of our own, glued to what precedes (unless both are words). */
static void put(struct dx *d, const char *s)
{
	putn(d, s, strlen(s), 0);
}

/* Text of our own, after which the next token takes no space. */
static void glue(struct dx *d, const char *s, int ws)
{
	putn(d, s, strlen(s), ws);
	d->fresh = 1;
}

/* Start an output statement (statements are separated by ";\n"). */
static void begin_stmt(struct dx *d)
{
	if (d->in_body)
		return;
	if (d->nout++)
		buf_puts(d->out, ";\n");
	d->fresh = 1;
}

/* Words PostgreSQL reserves that SQLite lets a table or column be named. */
static const char *const pg_reserved[] = {
	"user", "analyse", "array", "asymmetric", "both", "current_catalog", "current_role",
	"current_user", "current_schema", "session_user", "fetch", "lateral", "leading", "trailing",
	"localtime", "localtimestamp", "only", "placing", "some", "any", "symmetric", "variadic",
	"authorization", "collation", "concurrently", "freeze", "ilike", "overlaps", "similar",
	"tablesample", "verbose", NULL
};

static int pg_reserved_word(const char *name)
{
	for (int k = 0; pg_reserved[k]; k++)
		if (strcmp(pg_reserved[k], name) == 0)
			return 1;
	return 0;
}

/* An identifier of our own making (a function's, an index's name). */
static void put_ident(struct dx *d, const char *name, int ws)
{
	int plain = isidstart((unsigned char)name[0]) && !pg_reserved_word(name);
	struct buf q = BUF_INIT;

	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			plain = 0;
	if (plain) {
		putn(d, name, strlen(name), ws);
		return;
	}
	buf_putc(&q, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_putc(&q, '"');
		buf_putc(&q, *p);
	}
	buf_putc(&q, '"');
	if (q.err)
		fail(d, "out of memory");
	else
		putn(d, q.data, q.len, ws);
	buf_release(&q);
}

static void emit_param(struct dx *d, int i)
{
	const struct tok *t = &d->t[i];
	char text[16];
	int no = 0;

	if (t->s[0] == '?') {
		if (t->len == 1) {
			no = ++d->maxp;
		} else {
			char *end;
			long v = strtol(t->s + 1, &end, 10);
			if (v < 1 || v > 32766) {
				fail(d, "parameter %.*s out of range", t->len, t->s);
				return;
			}
			no = (int)v;
			if (no > d->maxp)
				d->maxp = no;
		}
	} else {
		for (int k = 0; k < d->nnames; k++)
			if (d->names[k].len == t->len && memcmp(d->names[k].s, t->s, (size_t)t->len) == 0)
				no = d->names[k].no;
		if (!no) {
			if (d->nnames == (int)(sizeof(d->names) / sizeof(d->names[0]))) {
				fail(d, "too many named parameters");
				return;
			}
			no = ++d->maxp;
			d->names[d->nnames].s = t->s;
			d->names[d->nnames].len = t->len;
			d->names[d->nnames++].no = no;
		}
	}
	snprintf(text, sizeof(text), "$%d", no);
	putn(d, text, strlen(text), t->ws);
}

/* Token i as PostgreSQL spells it, with no rule of context. */
static void emit(struct dx *d, int i)
{
	const struct tok *t = &d->t[i];
	char name[NAME_MAX_ * 2];

	switch (t->type) {
	case TK_WORD:
		ident_text(d, i, name, sizeof(name));
		if (pg_reserved_word(name)) {
			put_ident(d, name, t->ws);
			return;
		}
		break;
	case TK_QID:
		/* SQLite's names are case-insensitive even quoted; PostgreSQL
		 * folds unquoted ones to lower case. */
		ident_text(d, i, name, sizeof(name));
		if ((size_t)t->len > sizeof(name) - 2) {
			fail(d, "identifier too long: %.*s", t->len, t->s);
			return;
		}
		{
			struct buf q = BUF_INIT;
			buf_putc(&q, '"');
			for (const char *p = name; *p; p++) {
				if (*p == '"')
					buf_putc(&q, '"');
				buf_putc(&q, *p);
			}
			buf_putc(&q, '"');
			if (!q.err)
				putn(d, q.data, q.len, t->ws);
			buf_release(&q);
		}
		return;
	case TK_BLOB: {
		struct buf q = BUF_INIT;
		buf_puts(&q, "'\\x");
		buf_append(&q, t->s + 2, (size_t)t->len - 3);
		buf_puts(&q, "'::bytea");
		if (!q.err)
			putn(d, q.data, q.len, t->ws);
		buf_release(&q);
		return;
	}
	case TK_NUM:
		if (t->len > 2 && t->s[0] == '0' && (t->s[1] == 'x' || t->s[1] == 'X')) {
			char text[32];
			if (t->len > 18) {
				fail(d, "hexadecimal literal too large: %.*s", t->len, t->s);
				return;
			}
			snprintf(text, sizeof(text), "%" PRId64, (int64_t)strtoull(t->s, NULL, 16));
			putn(d, text, strlen(text), t->ws);
			return;
		}
		break;
	case TK_PARAM:
		emit_param(d, i);
		return;
	case TK_OP:
		if (t->len == 2 && memcmp(t->s, "==", 2) == 0) {
			putn(d, "=", 1, t->ws);
			return;
		}
		break;
	}
	putn(d, t->s, (size_t)t->len, t->ws);
}

/* --- tokens --------------------------------------------------------------- */

static int add_tok(struct dx *d, int *cap, struct tok t)
{
	if (d->n == *cap) {
		int ncap = *cap ? *cap * 2 : 256;
		struct tok *p = realloc(d->t, (size_t)ncap * sizeof(*p));
		if (!p)
			return fail(d, "out of memory");
		d->t = p;
		*cap = ncap;
	}
	d->t[d->n++] = t;
	return 0;
}

static int tokenize(struct dx *d, const char *sql)
{
	static const char *const ops[] = { "->>", "||", "<<", ">>", "<=", ">=", "<>", "!=", "==", "->", NULL };
	const char *p = sql;
	int cap = 0, ws = 0;

	while (*p) {
		const char *s = p;
		struct tok t = { 0, NULL, 0, 0 };
		unsigned char c = (unsigned char)*p;

		if (isspace(c)) {
			if (c == '\n')
				ws = 2;
			else if (!ws)
				ws = 1;
			p++;
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
			if (!ws)
				ws = 1;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			if (!e)
				return fail(d, "unterminated comment");
			p = e + 2;
			if (!ws)
				ws = 1;
			continue;
		}
		if (c == '\'' || ((c == 'x' || c == 'X') && p[1] == '\'')) {
			t.type = c == '\'' ? TK_STR : TK_BLOB;
			p += c == '\'' ? 1 : 2;
			for (;;) {
				if (!*p)
					return fail(d, "unterminated string literal");
				if (*p == '\'') {
					if (p[1] == '\'') {
						p += 2;
						continue;
					}
					p++;
					break;
				}
				p++;
			}
			if (t.type == TK_BLOB)
				for (const char *h = s + 2; h < p - 1; h++)
					if (!isxdigit((unsigned char)*h))
						return fail(d, "bad blob literal");
		} else if (c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : (char)c;
			p++;
			for (;;) {
				if (!*p)
					return fail(d, "unterminated quoted identifier");
				if (*p == close) {
					if (close != ']' && p[1] == close) {
						p += 2;
						continue;
					}
					p++;
					break;
				}
				p++;
			}
			t.type = TK_QID;
		} else if (isdigit(c) || (c == '.' && isdigit((unsigned char)p[1]))) {
			if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
				p += 2;
				while (isxdigit((unsigned char)*p))
					p++;
			} else {
				while (isdigit((unsigned char)*p))
					p++;
				if (*p == '.') {
					p++;
					while (isdigit((unsigned char)*p))
						p++;
				}
				if ((*p == 'e' || *p == 'E') && (isdigit((unsigned char)p[1]) ||
				    ((p[1] == '+' || p[1] == '-') && isdigit((unsigned char)p[2])))) {
					p += 2;
					while (isdigit((unsigned char)*p))
						p++;
				}
			}
			if (isidstart((unsigned char)*p))
				return fail(d, "bad number %.*s", (int)(p - s) + 1, s);
			t.type = TK_NUM;
		} else if (c == '?') {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
			t.type = TK_PARAM;
		} else if ((c == ':' || c == '@' || c == '$') && isident((unsigned char)p[1])) {
			p++;
			while (isident((unsigned char)*p))
				p++;
			t.type = TK_PARAM;
		} else if (isidstart(c)) {
			while (isident((unsigned char)*p))
				p++;
			t.type = TK_WORD;
		} else if (c == ';') {
			p++;
			t.type = TK_SEMI;
		} else {
			int k;
			for (k = 0; ops[k]; k++)
				if (strncmp(p, ops[k], strlen(ops[k])) == 0)
					break;
			if (ops[k])
				p += strlen(ops[k]);
			else if (strchr("(),.+-*/%<>=&|~", c))
				p++;
			else
				return fail(d, "unexpected character '%c'", c);
			t.type = TK_OP;
		}
		t.s = s;
		t.len = (int)(p - s);
		t.ws = ws;
		ws = 0;
		if (add_tok(d, &cap, t) < 0)
			return -1;
	}
	/* Lookahead past the end reads empty ';' tokens, never memory. */
	for (int k = 0; k < PAD; k++) {
		if (add_tok(d, &cap, (struct tok){ TK_SEMI, "", 0, 0 }) < 0)
			return -1;
	}
	d->n -= PAD;
	return 0;
}

/* The statements of the script: a trigger's body holds ';'. */
static int split(struct dx *d, struct stmt_range **out, int *nout)
{
	int cap = 0, a = 0;

	*out = NULL;
	*nout = 0;
	while (a < d->n) {
		int b = a, k = a + 1;

		if (d->t[a].type == TK_SEMI) {
			a++;
			continue;
		}
		if (is(d, k, "TEMP") || is(d, k, "TEMPORARY"))
			k++;
		if (is(d, a, "CREATE") && is(d, k, "TRIGGER")) {
			int depth = -1;
			for (b = k; b < d->n; b++) {
				if (depth < 0) {
					if (is(d, b, "BEGIN"))
						depth = 0;
				} else if (is(d, b, "CASE")) {
					depth++;
				} else if (is(d, b, "END")) {
					if (depth-- == 0) {
						b++;
						break;
					}
				}
			}
			if (depth >= 0 && b > d->n)
				b = d->n;
			if (b < d->n && d->t[b].type != TK_SEMI)
				return fail(d, "trigger not ended by END;");
		} else {
			while (b < d->n && d->t[b].type != TK_SEMI)
				b++;
		}
		if (*nout == cap) {
			int ncap = cap ? cap * 2 : 32;
			struct stmt_range *p = realloc(*out, (size_t)ncap * sizeof(*p));
			if (!p)
				return fail(d, "out of memory");
			*out = p;
			cap = ncap;
		}
		(*out)[(*nout)++] = (struct stmt_range){ a, b };
		a = b + 1;
	}
	return 0;
}

/* --- expressions -------------------------------------------------------- */

static void xlate(struct dx *d, int a, int b);

/* The end of the primary expression at k (a literal, a name a.b.c, a call,
 * a parenthesised expression, a CASE), with any unary operators. */
static int primary_end(struct dx *d, int k, int b)
{
	while (k < b && (op(d, k, "-") || op(d, k, "+") || op(d, k, "~")))
		k++;
	if (k >= b)
		return k;
	if (op(d, k, "("))
		return match(d, k, b) + 1;
	if (is(d, k, "CASE"))
		return case_end(d, k, b) + 1;
	if (is_name(d, k)) {
		if (k + 1 < b && op(d, k + 1, "("))
			return match(d, k + 1, b) + 1;
		k++;
		while (k + 1 < b && op(d, k, ".") && is_name(d, k + 1))
			k += 2;
		return k;
	}
	return k + 1;
}

/* The end of the operand at k: primaries joined by the operators that
 * bind tighter than comparison in both dialects. */
static int operand_end(struct dx *d, int k, int b)
{
	static const char *const tight[] = { "||", "+", "-", "*", "/", "%", "&", "|", "<<", ">>", "->", "->>", NULL };

	k = primary_end(d, k, b);
	for (;;) {
		int more = 0;
		if (k + 1 < b && is(d, k, "COLLATE")) {
			k += 2;
			continue;
		}
		for (int j = 0; tight[j]; j++)
			if (op(d, k, tight[j]))
				more = 1;
		if (!more || k + 1 >= b)
			return k;
		k = primary_end(d, k + 1, b);
	}
}

/* Token k is of SQLite's equality level (=, IS, IN, LIKE, BETWEEN, ...),
 * whose precedence PostgreSQL orders differently around IS and LIKE. */
static int equality_level(struct dx *d, int k)
{
	static const char *const w[] = { "IS", "IN", "LIKE", "GLOB", "BETWEEN", "ISNULL", "NOTNULL", "MATCH",
					  "REGEXP", NULL };

	if (op(d, k, "=") || op(d, k, "==") || op(d, k, "!=") || op(d, k, "<>"))
		return 1;
	if (is(d, k, "NOT"))
		k++;
	for (int j = 0; w[j]; j++)
		if (is(d, k, w[j]))
			return 1;
	return 0;
}

/* x IS [NOT] y: NULL, TRUE and FALSE as they are, anything else is
 * IS [NOT] DISTINCT FROM.  Returns the last token consumed. */
static int rule_is(struct dx *d, int i, int b)
{
	int k = i + 1, neg = 0, e;

	if (is(d, k, "NOT")) {
		neg = 1;
		k++;
	}
	if (is(d, k, "NULL") || is(d, k, "TRUE") || is(d, k, "FALSE") || is(d, k, "DISTINCT")) {
		emit(d, i);
		if (neg)
			emit(d, i + 1);
		return k - 1;
	}
	e = operand_end(d, k, b);
	if (e < b && equality_level(d, e))
		return fail(d, "x IS y followed by %.*s: the precedence differs in PostgreSQL (parenthesise)",
			    d->t[e].len, d->t[e].s), b;
	kw(d, neg ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM");
	return k - 1;
}

/* x LIKE p [ESCAPE e]: SQLite's LIKE ignores ASCII case and has no escape
 * character; PostgreSQL's ILIKE under the "C" collation folds ASCII only
 * (and works on a nondeterministic collation such as nocase). */
static int rule_like(struct dx *d, int i, int b)
{
	int k = i + 1, e = operand_end(d, k, b);

	if (e <= k)
		return fail(d, "LIKE without a pattern"), b;
	glue(d, "ILIKE (", 1);
	xlate(d, k, e);
	put(d, ") COLLATE \"C\"");
	if (e < b && is(d, e, "ESCAPE")) {
		int ee = operand_end(d, e + 1, b);
		emit(d, e);
		xlate(d, e + 1, ee);
		return ee - 1;
	}
	put(d, " ESCAPE ''");
	return e - 1;
}

/* The end of an ORDER BY term (or of an index's column) at k. */
static int term_end(struct dx *d, int k, int b)
{
	static const char *const stop[] = { "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "RETURNING",
					    "ON", "ROWS", "RANGE", "GROUPS", "FROM", "WHERE", NULL };
	int depth = 0, cases = 0;

	for (; k < b; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")") && depth-- == 0)
			return k;
		else if (depth)
			continue;
		else if (is(d, k, "CASE"))
			cases++;
		else if (is(d, k, "END") && cases)
			cases--;
		else if (cases)
			continue;
		else if (op(d, k, ","))
			return k;
		else
			for (int j = 0; stop[j]; j++)
				if (is(d, k, stop[j]))
					return k;
	}
	return b;
}

/* SQLite sorts NULLs first, PostgreSQL last: say so, unless the term says
 * it already or sorts by an id (a key, never NULL). */
static void nulls_suffix(struct dx *d, int k, int e)
{
	int last = e - 1, desc = is(d, last, "DESC");

	if (is(d, last, "DESC") || is(d, last, "ASC"))
		last--;
	if (find0(d, k, e, "NULLS") >= 0)
		return;
	if ((last == k || (last == k + 2 && op(d, k + 1, "."))) && (ident_eq(d, last, "id") || ident_eq(d, last, "rowid")))
		return;
	kw(d, desc ? "NULLS LAST" : "NULLS FIRST");
}

static int rule_order(struct dx *d, int i, int b)
{
	int k = i + 2;

	emit(d, i);
	emit(d, i + 1);
	for (;;) {
		int e = term_end(d, k, b);
		if (e == k)
			return fail(d, "ORDER BY without a term"), b;
		xlate(d, k, e);
		nulls_suffix(d, k, e);
		if (e < b && op(d, e, ",")) {
			emit(d, e);
			k = e + 1;
			continue;
		}
		return e - 1;
	}
}

/* A column's or a CAST's type; *integer: exactly INTEGER. */
static int map_type(struct dx *d, int a, int b, char *out, size_t size, int *integer)
{
	char words[128] = "";
	size_t n = 0;
	int nwords = 0;

	for (int k = a; k < b; k++) {
		if (d->t[k].type != TK_WORD)
			continue;
		if (n + 2 >= sizeof(words))
			return fail(d, "a type too long");
		for (int j = 0; j < d->t[k].len && n + 2 < sizeof(words); j++)
			words[n++] = (char)toupper((unsigned char)d->t[k].s[j]);
		words[n++] = ' ';
		words[n] = 0;
		nwords++;
	}
	if (integer)
		*integer = nwords == 1 && strcmp(words, "INTEGER ") == 0;
	if (!nwords)
		return fail(d, "a column without a type (give it one)");
	if (strstr(words, "INT"))
		snprintf(out, size, "BIGINT");
	else if (strstr(words, "CHAR") || strstr(words, "CLOB") || strstr(words, "TEXT"))
		snprintf(out, size, "TEXT");
	else if (strstr(words, "BLOB"))
		snprintf(out, size, "BYTEA");
	else if (strstr(words, "REAL") || strstr(words, "FLOA") || strstr(words, "DOUB"))
		snprintf(out, size, "DOUBLE PRECISION");
	else if (strstr(words, "BOOL"))
		snprintf(out, size, "BOOLEAN");
	else if (strstr(words, "NUMERIC") || strstr(words, "DECIMAL"))
		snprintf(out, size, "NUMERIC");
	else
		return fail(d, "cannot translate the type %s", words);
	return 0;
}

static int rule_cast(struct dx *d, int i, int b)
{
	int open = i + 1, close = match(d, open, b), as = -1, depth = 0;
	char type[32];

	for (int k = open; k < close; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")"))
			depth--;
		else if (depth == 1 && is(d, k, "AS"))
			as = k;
	}
	if (as < 0)
		return fail(d, "CAST without AS"), b;
	if (map_type(d, as + 1, close, type, sizeof(type), NULL) < 0)
		return b;
	emit(d, i);
	emit(d, open);
	xlate(d, open + 1, as);
	emit(d, as);
	kw(d, type);
	put(d, ")");
	return close;
}

/* The arguments of the call whose '(' is at open: their starts in arg[],
 * the ')' in *close; returns how many (0 for "()"). */
static int args_of(struct dx *d, int open, int b, int *arg, int max, int *close)
{
	int depth = 0, n = 0;

	*close = match(d, open, b);
	if (*close == open + 1)
		return 0;
	arg[n++] = open + 1;
	for (int k = open + 1; k < *close; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")"))
			depth--;
		else if (depth == 0 && op(d, k, ",")) {
			if (n < max)
				arg[n] = k + 1;
			n++;
		}
	}
	return n;
}

/* Functions SQLite has and PostgreSQL (with compat.sql) has not. */
static const char *const no_function[] = {
	"changes", "total_changes", "last_insert_rowid", "glob", "like", "regexp", "match", "typeof", "zeroblob",
	"randomblob", "hex", "unhex", "quote", "unicode", "likelihood", "likely", "unlikely", "sqlite_version",
	"sqlite_source_id", "sqlite_compileoption_used", "load_extension", "json_insert",
	"json_replace", "json_remove", "json_extract", "json_each", "json_tree", "json_type", "json_valid",
	"json_quote", "json_group_object", "json_array_length", "jsonb", "total", "bm25", "highlight", "snippet",
	"printf", "format", "soundex", "raise", "rank", NULL
};

/* A call name(...) at i: returns the last token consumed. */
static int rule_func(struct dx *d, int i, int b)
{
	static const struct { const char *from, *to; } rename[] = {
		{ "ifnull", "coalesce" }, { "json_object", "json_build_object" },
		{ "json_array", "json_build_array" }, { "time", "\"time\"" }, { NULL, NULL }
	};
	char name[NAME_MAX_];
	int arg[8], close, nargs;

	/* A table's name before its columns, not a call. */
	if (is(d, i - 1, "INTO") || is(d, i - 1, "TABLE") || is(d, i - 1, "REFERENCES") || d->t[i].type != TK_WORD) {
		emit(d, i);
		return i;
	}
	ident_text(d, i, name, sizeof(name));
	for (int k = 0; no_function[k]; k++)
		if (strcmp(name, no_function[k]) == 0)
			return fail(d, "cannot translate the function %s() (no PostgreSQL equivalent)", name), b;
	nargs = args_of(d, i + 1, b, arg, 8, &close);
	if (d->failed)
		return b;
	if ((strcmp(name, "date") == 0 || strcmp(name, "time") == 0) && nargs == 1) {
		/* date('now') alone would be a cast to PostgreSQL's type date:
		 * a text argument makes it compat.sql's function */
		glue(d, name[0] == 'd' ? "date((" : "\"time\"((", d->t[i].ws);
		xlate(d, i + 2, close);
		put(d, ")::text)");
		return close;
	}
	for (int k = 0; rename[k].from; k++) {
		if (strcmp(name, rename[k].from) == 0) {
			putn(d, rename[k].to, strlen(rename[k].to), d->t[i].ws);
			emit(d, i + 1);
			xlate(d, i + 2, close);
			emit(d, close);
			return close;
		}
	}
	if (strcmp(name, "char") == 0) {
		if (nargs != 1)
			return fail(d, "cannot translate char() of %d arguments", nargs), b;
		glue(d, "chr(", d->t[i].ws);
		xlate(d, i + 2, close);
		put(d, ")");
		return close;
	}
	if (strcmp(name, "iif") == 0) {
		if (nargs != 3)
			return fail(d, "iif() takes 3 arguments"), b;
		putn(d, "CASE WHEN", 9, d->t[i].ws);
		xlate(d, arg[0], arg[1] - 1);
		kw(d, "THEN");
		xlate(d, arg[1], arg[2] - 1);
		kw(d, "ELSE");
		xlate(d, arg[2], close);
		kw(d, "END");
		return close;
	}
	if ((strcmp(name, "max") == 0 || strcmp(name, "min") == 0) && nargs >= 2) {
		/* SQLite's scalar max/min are NULL when an argument is;
		 * greatest/least skip NULLs. */
		putn(d, name[1] == 'a' ? "sqlite_max" : "sqlite_min", 10, d->t[i].ws);
		emit(d, i + 1);
		xlate(d, i + 2, close);
		emit(d, close);
		return close;
	}
	if (strcmp(name, "json_group_array") == 0) {
		/* json_agg of no rows is NULL, json_group_array's is []. */
		if (is(d, close + 1, "OVER") || is(d, close + 1, "FILTER"))
			return fail(d, "cannot translate json_group_array() with OVER or FILTER"), b;
		glue(d, "coalesce(json_agg(", d->t[i].ws);
		xlate(d, i + 2, close);
		put(d, "), '[]'::json)");
		return close;
	}
	if (strcmp(name, "group_concat") == 0) {
		int end = close, k = i + 2, ord = find0(d, i + 2, close, "ORDER");

		if (ord >= 0)
			end = ord;
		if (nargs > 2 || nargs < 1)
			return fail(d, "group_concat() of %d arguments", nargs), b;
		glue(d, "string_agg(", d->t[i].ws);
		if (is(d, k, "DISTINCT")) {
			emit(d, k++);
			glue(d, " (", 0);
		} else {
			glue(d, "(", 0);
		}
		xlate(d, k, nargs == 2 ? arg[1] - 1 : end);
		put(d, ")::text,");
		if (nargs == 2)
			xlate(d, arg[1], end);
		else
			kw(d, "','");
		xlate(d, end, close);
		put(d, ")");
		return close;
	}
	emit(d, i);
	return i;
}

/* FROM (SELECT ...) without an alias: PostgreSQL 15 wants one. */
static int rule_subquery(struct dx *d, int i, int b)
{
	static const char *const kws[] = { "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "FULL", "NATURAL", "ON",
					   "USING", "GROUP", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
					   "HAVING", "RETURNING", "OFFSET", "AND", "OR", "THEN", "END", "ELSE", "WHEN",
					   NULL };
	int close = match(d, i + 1, b), alias = 0;
	char name[16];

	emit(d, i);
	xlate(d, i + 1, close + 1);
	if (close + 1 < b && (is(d, close + 1, "AS") || d->t[close + 1].type == TK_QID ||
			      d->t[close + 1].type == TK_WORD)) {
		alias = 1;
		for (int k = 0; kws[k]; k++)
			if (is(d, close + 1, kws[k]))
				alias = 0;
	}
	if (!alias) {
		snprintf(name, sizeof(name), " AS _sq%d", ++d->nsub);
		put(d, name);
	}
	return close;
}

/* Token i, an integer literal, is a whole condition: WHERE 1, AND 0 ... */
static int truth_position(struct dx *d, int i, int b)
{
	static const char *const before[] = { "WHERE", "AND", "OR", "NOT", "WHEN", "HAVING", "ON", NULL };
	static const char *const after[] = { "AND", "OR", "THEN", "ORDER", "GROUP", "LIMIT", "HAVING", "WINDOW",
					     "UNION", "EXCEPT", "INTERSECT", "RETURNING", "WHERE", "JOIN", "LEFT",
					     "RIGHT", "INNER", "CROSS", "FULL", "NATURAL", NULL };
	const struct tok *t = &d->t[i];
	int ok = 0;

	if ((int)strspn(t->s, "0123456789") != t->len)
		return 0;
	for (int k = 0; before[k]; k++)
		ok |= is(d, i - 1, before[k]);
	if (!ok || is(d, i - 2, "IS"))
		return 0;
	if (is(d, i - 1, "AND")) {
		/* not the AND of x BETWEEN y AND z */
		int depth = 0;
		for (int k = i - 2; k >= 0; k--) {
			if (op(d, k, ")"))
				depth++;
			else if (op(d, k, "(") && depth-- == 0)
				break;
			else if (depth)
				continue;
			else if (is(d, k, "BETWEEN"))
				return 0;
			else if (is(d, k, "AND") || is(d, k, "OR") || is(d, k, "WHERE") || is(d, k, "WHEN") ||
				 is(d, k, "ON") || is(d, k, "HAVING") || op(d, k, ",") || d->t[k].type == TK_SEMI)
				break;
		}
	}
	if (i + 1 >= b || op(d, i + 1, ")"))
		return 1;
	for (int k = 0; after[k]; k++)
		if (is(d, i + 1, after[k]))
			return 1;
	return 0;
}

/* The rules for the tokens [a, b). */
static void xlate(struct dx *d, int a, int b)
{
	for (int i = a; i < b && !d->failed; i++) {
		const struct tok *t = &d->t[i];

		if (t->type == TK_NUM && i + 1 < b && op(d, i + 1, "<<")) {
			/* 1 << 48: SQLite's integers are 64-bit, 1 is int4 here */
			emit(d, i);
			put(d, "::bigint");
			continue;
		}
		if (t->type == TK_NUM && truth_position(d, i, b)) {
			/* WHERE 1: a condition of a bare integer is TRUE or FALSE */
			putn(d, strspn(t->s, "0") == (size_t)t->len ? "FALSE" : "TRUE", strspn(t->s, "0") == (size_t)t->len ? 5 : 4,
			     t->ws);
			continue;
		}
		if (t->type == TK_SEMI)
			fail(d, "unexpected ';'");
		if (t->type != TK_WORD) {
			emit(d, i);
			continue;
		}
		if ((is(d, i, "FROM") || is(d, i, "JOIN")) && op(d, i + 1, "(") &&
		    (is(d, i + 2, "SELECT") || is(d, i + 2, "WITH") || is(d, i + 2, "VALUES"))) {
			i = rule_subquery(d, i, b);
		} else if (is(d, i, "LIKE")) {
			i = rule_like(d, i, b);
		} else if (is(d, i, "GLOB") || is(d, i, "REGEXP") || is(d, i, "MATCH")) {
			fail(d, "cannot translate %.*s (no PostgreSQL equivalent with SQLite's meaning)", t->len, t->s);
		} else if (is(d, i, "IS")) {
			i = rule_is(d, i, b);
		} else if (is(d, i, "ORDER") && is(d, i + 1, "BY")) {
			i = rule_order(d, i, b);
		} else if (is(d, i, "CAST") && op(d, i + 1, "(")) {
			i = rule_cast(d, i, b);
		} else if (is(d, i, "COLLATE") && i + 1 < b) {
			emit(d, i);
			if (is(d, i + 1, "NOCASE"))
				kw(d, "nocase");
			else if (is(d, i + 1, "BINARY"))
				kw(d, "\"C\"");
			else
				return (void)fail(d, "cannot translate COLLATE %.*s", d->t[i + 1].len, d->t[i + 1].s);
			i++;
		} else if (is(d, i, "CURRENT_TIMESTAMP")) {
			putn(d, "datetime('now')", 15, t->ws);
		} else if (is(d, i, "CURRENT_DATE")) {
			putn(d, "date('now')", 11, t->ws);
		} else if (is(d, i, "CURRENT_TIME")) {
			putn(d, "\"time\"('now')", 13, t->ws);
		} else if (is(d, i, "sqlite_master") || is(d, i, "sqlite_schema") || is(d, i, "sqlite_temp_master") ||
			   is(d, i, "sqlite_sequence")) {
			fail(d, "cannot translate a read of %.*s (SQLite's own table)", t->len, t->s);
		} else if (is(d, i, "INDEXED")) {
			fail(d, "cannot translate INDEXED BY / NOT INDEXED");
		} else if (is(d, i, "LIMIT")) {
			int e = term_end(d, i + 1, b);
			if (e < b && op(d, e, ","))
				fail(d, "cannot translate LIMIT offset, count (write LIMIT count OFFSET offset)");
			emit(d, i);
			if (op(d, i + 1, "-") && d->t[i + 2].type == TK_NUM && i + 2 < b) {
				/* LIMIT -1: no limit */
				kw(d, "ALL");
				i += 2;
			}
		} else if (i + 1 < b && op(d, i + 1, "(")) {
			i = rule_func(d, i, b);
		} else {
			emit(d, i);
		}
	}
}

/* --- the script's tables -------------------------------------------------- */

static struct table_info *table_find(struct dx *d, const char *name, int before)
{
	struct table_info *found = NULL;

	for (int k = 0; k < d->ntabs; k++)
		if (strcmp(d->tabs[k].name, name) == 0 && (before < 0 || d->tabs[k].stmt < before || !found))
			found = &d->tabs[k];
	return found;
}

/* The table named at token i is made later in the script (and not before). */
static int made_later(struct dx *d, int i)
{
	char name[NAME_MAX_];
	int later = 0;

	ident_text(d, i, name, sizeof(name));
	for (int k = 0; k < d->ntabs; k++) {
		if (strcmp(d->tabs[k].name, name) != 0)
			continue;
		if (d->tabs[k].stmt < d->stmt)
			return 0;
		if (d->tabs[k].stmt > d->stmt)
			later = 1;
	}
	return later;
}

/* The elements of a table's "( ... )" at open: their ranges. */
static int elements(struct dx *d, int open, int close, struct stmt_range *el, int max)
{
	int depth = 0, n = 0, s = open + 1;

	for (int k = open + 1; k <= close; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")") && k < close)
			depth--;
		else if (depth == 0 && (k == close || op(d, k, ","))) {
			if (n == max)
				return fail(d, "too many columns");
			el[n++] = (struct stmt_range){ s, k };
			s = k + 1;
		}
	}
	return n;
}

static int table_constraint(struct dx *d, int k)
{
	return is(d, k, "CONSTRAINT") || is(d, k, "PRIMARY") || is(d, k, "UNIQUE") || is(d, k, "CHECK") ||
	       is(d, k, "FOREIGN");
}

static void add_column(struct dx *d, struct table_info *ti, int s, int e)
{
	if (ti->ncols == MAX_COLS) {
		fail(d, "too many columns");
		return;
	}
	ident_text(d, s, ti->cols[ti->ncols++], NAME_MAX_);
	if (find0(d, s, e, "PRIMARY") >= 0) {
		ti->nunique++;
		ti->nkey = 1;
		ident_text(d, s, ti->key[0], NAME_MAX_);
	}
	if (find0(d, s, e, "UNIQUE") >= 0)
		ti->nunique++;
}

static void prepass_table(struct dx *d, int si, int a, int b)
{
	struct stmt_range el[MAX_COLS];
	struct table_info *ti, *p;
	int k = a + 2, n;

	if (is(d, a + 1, "TEMP") || is(d, a + 1, "TEMPORARY"))
		k++;
	if (is(d, k, "IF"))
		k += 3;
	if (!is_name(d, k) || !op(d, k + 1, "("))
		return;
	p = realloc(d->tabs, (size_t)(d->ntabs + 1) * sizeof(*p));
	if (!p) {
		fail(d, "out of memory");
		return;
	}
	d->tabs = p;
	ti = &d->tabs[d->ntabs++];
	memset(ti, 0, sizeof(*ti));
	ti->stmt = si;
	ident_text(d, k, ti->name, sizeof(ti->name));
	n = elements(d, k + 1, match(d, k + 1, b), el, MAX_COLS);
	for (int j = 0; j < n; j++) {
		int s = el[j].a;
		if (!table_constraint(d, s)) {
			add_column(d, ti, s, el[j].b);
			continue;
		}
		if (is(d, s, "CONSTRAINT"))
			s += 2;
		if (is(d, s, "PRIMARY") || is(d, s, "UNIQUE")) {
			int open = is(d, s, "PRIMARY") ? s + 2 : s + 1, close = match(d, open, el[j].b + 1);
			ti->nunique++;
			if (is(d, s, "PRIMARY")) {
				ti->nkey = 0;
				for (int c = open + 1; c < close && ti->nkey < 8; c++)
					if (is_name(d, c) && !is(d, c, "ASC") && !is(d, c, "DESC") && !is(d, c, "COLLATE") &&
					    !is(d, c - 1, "COLLATE"))
						ident_text(d, c, ti->key[ti->nkey++], NAME_MAX_);
			}
		}
	}
}

static void prepass(struct dx *d, const struct stmt_range *st, int n)
{
	for (int si = 0; si < n && !d->failed; si++) {
		int a = st[si].a, b = st[si].b, k = a + 1;
		char name[NAME_MAX_];
		struct table_info *ti;

		if (!is(d, a, "CREATE") && !is(d, a, "ALTER"))
			continue;
		if (is(d, k, "TEMP") || is(d, k, "TEMPORARY"))
			k++;
		if (is(d, a, "CREATE") && is(d, k, "TABLE")) {
			prepass_table(d, si, a, b);
		} else if (is(d, a, "CREATE") && is(d, k, "UNIQUE")) {
			int on = find0(d, k, b, "ON");
			if (on < 0)
				continue;
			ident_text(d, on + 1, name, sizeof(name));
			if ((ti = table_find(d, name, -1)))
				ti->nunique++;
		} else if (is(d, a, "ALTER") && is(d, k, "TABLE") && is(d, k + 2, "ADD")) {
			int c = is(d, k + 3, "COLUMN") ? k + 4 : k + 3;
			ident_text(d, k + 1, name, sizeof(name));
			if ((ti = table_find(d, name, si)) && is_name(d, c))
				add_column(d, ti, c, b);
		}
	}
}

/* --- statements ----------------------------------------------------------- */

/* The end of a column's REFERENCES clause at k. */
static int fk_end(struct dx *d, int k, int e)
{
	for (k++; k < e; k++) {
		if (op(d, k, "(")) {
			k = match(d, k, e);
			continue;
		}
		if (is(d, k, "CONSTRAINT") || is(d, k, "PRIMARY") || is(d, k, "UNIQUE") || is(d, k, "CHECK") ||
		    is(d, k, "DEFAULT") || is(d, k, "COLLATE") || is(d, k, "GENERATED") || is(d, k, "AS") ||
		    is(d, k, "REFERENCES") || (is(d, k, "NOT") && is(d, k + 1, "NULL")) ||
		    (is(d, k, "NULL") && !is(d, k - 1, "SET")))
			return k;
	}
	return e;
}

/* Translate [a, b) into a string of its own (malloc'd). */
static char *xlate_alone(struct dx *d, int a, int b, const char *prefix)
{
	struct buf s = BUF_INIT, *keep = d->out;
	int fresh = d->fresh;

	d->out = &s;
	d->fresh = 1;
	put(d, prefix);
	xlate(d, a, b);
	d->out = keep;
	d->fresh = fresh;
	if (s.err || !s.data) {
		buf_release(&s);
		fail(d, "out of memory");
		return NULL;
	}
	return s.data;
}

static void defer_fk(struct dx *d, int target, const char *table, int col, int a, int b)
{
	char prefix[3 * NAME_MAX_ + 64], cname[NAME_MAX_];
	struct fk *f;

	if (d->nfks == (int)(sizeof(d->fks) / sizeof(d->fks[0]))) {
		fail(d, "too many forward foreign keys");
		return;
	}
	f = &d->fks[d->nfks];
	ident_text(d, target, f->table, sizeof(f->table));
	if (col >= 0) {
		ident_text(d, col, cname, sizeof(cname));
		snprintf(prefix, sizeof(prefix), "ALTER TABLE \"%s\" ADD FOREIGN KEY (\"%s\")", table, cname);
	} else {
		snprintf(prefix, sizeof(prefix), "ALTER TABLE \"%s\" ADD", table);
	}
	if ((f->sql = xlate_alone(d, a, b, prefix)))
		d->nfks++;
}

/* A column's definition [s, e): name, type, constraints. */
static void coldef(struct dx *d, int s, int e, const char *table, int in_create)
{
	int k = s + 1, integer = 0, j;
	char type[32];

	if (!is_name(d, s)) {
		fail(d, "a column without a name");
		return;
	}
	emit(d, s);
	while (k < e && d->t[k].type == TK_WORD && !is(d, k, "CONSTRAINT") && !is(d, k, "PRIMARY") &&
	       !is(d, k, "NOT") && !is(d, k, "NULL") && !is(d, k, "UNIQUE") && !is(d, k, "CHECK") &&
	       !is(d, k, "DEFAULT") && !is(d, k, "COLLATE") && !is(d, k, "REFERENCES") && !is(d, k, "GENERATED") &&
	       !is(d, k, "AS")) {
		k++;
		if (op(d, k, "("))
			k = match(d, k, e) + 1;
	}
	if (map_type(d, s + 1, k, type, sizeof(type), &integer) < 0)
		return;
	if (integer && in_create && find0(d, k, e, "PRIMARY") >= 0)
		kw(d, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
	else
		kw(d, type);
	j = k;
	while (j < e && !d->failed) {
		int sp = j, depth = 0;
		/* the run up to the next constraint needing a rule */
		for (; sp < e; sp++) {
			if (op(d, sp, "("))
				depth++;
			else if (op(d, sp, ")"))
				depth--;
			else if (depth == 0 && (is(d, sp, "AUTOINCREMENT") || is(d, sp, "PRIMARY") ||
						is(d, sp, "REFERENCES") || (is(d, sp, "ON") && is(d, sp + 1, "CONFLICT")) ||
						is(d, sp, "GENERATED") || is(d, sp, "AS")))
				break;
		}
		xlate(d, j, sp);
		if (sp >= e)
			break;
		if (is(d, sp, "AUTOINCREMENT")) {
			j = sp + 1;
		} else if (is(d, sp, "PRIMARY")) {
			emit(d, sp);
			emit(d, sp + 1);
			j = sp + 2;
			if (is(d, j, "ASC") || is(d, j, "DESC"))
				j++;
		} else if (is(d, sp, "ON")) {
			fail(d, "cannot translate a constraint's ON CONFLICT clause");
		} else if (is(d, sp, "REFERENCES")) {
			int end = fk_end(d, sp, e);
			if (in_create && made_later(d, sp + 1))
				defer_fk(d, sp + 1, table, s, sp, end);
			else
				xlate(d, sp, end);
			j = end;
		} else {
			/* GENERATED ALWAYS AS (expr) STORED, or AS (expr) */
			int as = is(d, sp, "AS") ? sp : sp + 2, close;
			if (!is(d, as, "AS") || !op(d, as + 1, "(")) {
				fail(d, "cannot translate a generated column");
				return;
			}
			close = match(d, as + 1, e);
			if (!is(d, close + 1, "STORED")) {
				fail(d, "cannot translate a VIRTUAL generated column (PostgreSQL 15 stores them)");
				return;
			}
			kw(d, "GENERATED ALWAYS AS");
			xlate(d, as + 1, close + 2);
			j = close + 2;
		}
	}
}

static void flush_fks(struct dx *d, const char *table)
{
	for (int k = 0; k < d->nfks; k++) {
		if (!d->fks[k].sql || strcmp(d->fks[k].table, table) != 0)
			continue;
		begin_stmt(d);
		put(d, d->fks[k].sql);
		free(d->fks[k].sql);
		d->fks[k].sql = NULL;
	}
}

static void create_table(struct dx *d, int a, int b, int k)
{
	struct stmt_range el[MAX_COLS];
	char name[NAME_MAX_];
	int open, close, n, out = 0;

	if (is(d, k, "IF"))
		k += 3;
	if (!is_name(d, k)) {
		fail(d, "CREATE TABLE without a name");
		return;
	}
	ident_text(d, k, name, sizeof(name));
	if (is(d, k + 1, "AS")) {
		begin_stmt(d);
		xlate(d, a, b);
		return;
	}
	open = k + 1;
	if (!op(d, open, "(")) {
		fail(d, "cannot translate this CREATE TABLE");
		return;
	}
	close = match(d, open, b);
	n = elements(d, open, close, el, MAX_COLS);
	begin_stmt(d);
	xlate(d, a, open);
	emit(d, open);
	for (int j = 0; j < n && !d->failed; j++) {
		int s = el[j].a, e = el[j].b, c = s;
		if (is(d, c, "CONSTRAINT"))
			c += 2;
		if (is(d, c, "FOREIGN")) {
			int ref = find0(d, c, e, "REFERENCES");
			if (ref >= 0 && made_later(d, ref + 1)) {
				defer_fk(d, ref + 1, name, -1, s, e);
				continue;
			}
		}
		if (out++)
			put(d, ",");
		if (table_constraint(d, s)) {
			if (find0(d, s, e, "ON") >= 0 && is(d, find0(d, s, e, "ON") + 1, "CONFLICT")) {
				fail(d, "cannot translate a constraint's ON CONFLICT clause");
				return;
			}
			xlate(d, s, e);
		} else {
			coldef(d, s, e, name, 1);
		}
	}
	emit(d, close);
	for (int j = close + 1; j < b; j++) {
		if (op(d, j, ",") || is(d, j, "STRICT"))
			continue;
		if (is(d, j, "WITHOUT") && is(d, j + 1, "ROWID")) {
			j++;
			continue;
		}
		fail(d, "cannot translate the table option %.*s", d->t[j].len, d->t[j].s);
		return;
	}
}

/* CREATE VIRTUAL TABLE name USING fts5(cols, options): a table with the
 * columns, the document vector tsv and its GIN index; the search module
 * fills tsv. */
static void create_virtual(struct dx *d, int a, int b, int k)
{
	char name[NAME_MAX_], idx[NAME_MAX_ + 8];
	int ifne = 0, open, close, n, arg[MAX_COLS];

	k += 2; /* VIRTUAL TABLE */
	if (is(d, k, "IF")) {
		ifne = 1;
		k += 3;
	}
	if (!is_name(d, k) || !is(d, k + 1, "USING")) {
		fail(d, "cannot translate this CREATE VIRTUAL TABLE");
		return;
	}
	ident_text(d, k, name, sizeof(name));
	if (!is(d, k + 2, "fts5") || !op(d, k + 3, "(")) {
		fail(d, "cannot translate a virtual table of module %.*s (only fts5)", d->t[k + 2].len, d->t[k + 2].s);
		return;
	}
	open = k + 3;
	n = args_of(d, open, b, arg, MAX_COLS, &close);
	if (n > MAX_COLS) {
		fail(d, "too many columns");
		return;
	}
	begin_stmt(d);
	put(d, ifne ? "CREATE TABLE IF NOT EXISTS" : "CREATE TABLE");
	put_ident(d, name, 1);
	put(d, " (rowid BIGINT PRIMARY KEY");
	for (int j = 0; j < n && !d->failed; j++) {
		int s = arg[j];
		if (op(d, s + 1, "=")) {
			static const char *const opts[] = { "tokenize", "prefix", "content", "content_rowid", "columnsize",
							    "detail", "contentless_delete", "tokendata", NULL };
			int ok = 0;
			for (int o = 0; opts[o]; o++)
				ok |= ident_eq(d, s, opts[o]);
			if (!ok)
				fail(d, "cannot translate the fts5 option %.*s", d->t[s].len, d->t[s].s);
			continue;
		}
		if (!is_name(d, s) && d->t[s].type != TK_STR) {
			fail(d, "cannot translate this fts5 column");
			return;
		}
		glue(d, ", ", 0);
		if (d->t[s].type == TK_STR) {
			char col[NAME_MAX_];
			snprintf(col, sizeof(col), "%.*s", d->t[s].len - 2, d->t[s].s + 1);
			put_ident(d, col, 1);
		} else {
			emit(d, s);
		}
		kw(d, "TEXT");
	}
	put(d, ", tsv tsvector)");
	begin_stmt(d);
	snprintf(idx, sizeof(idx), "%s_tsv", name);
	put(d, ifne ? "CREATE INDEX IF NOT EXISTS" : "CREATE INDEX");
	put_ident(d, idx, 1);
	kw(d, "ON");
	put_ident(d, name, 1);
	kw(d, "USING gin (tsv)");
	(void)a;
}

static void create_index(struct dx *d, int a, int b, int k)
{
	int on = find0(d, k, b, "ON"), open, close, s;

	if (on < 0 || !op(d, on + 2, "(")) {
		fail(d, "cannot translate this CREATE INDEX");
		return;
	}
	open = on + 2;
	close = match(d, open, b);
	begin_stmt(d);
	xlate(d, a, open);
	emit(d, open);
	for (s = open + 1; s < close && !d->failed;) {
		int e = term_end(d, s, close);
		xlate(d, s, e);
		nulls_suffix(d, s, e);
		if (e < close)
			emit(d, e);
		s = e + 1;
	}
	emit(d, close);
	xlate(d, close + 1, b);
}

/* --- INSERT ------------------------------------------------------------- */

static const char *const fts_commands[] = { "optimize", "rebuild", "merge", "automerge", "crisismerge",
					    "usermerge", "pgsz", "rank", "integrity-check", "secure-delete",
					    "deletemerge", NULL };

/* ON CONFLICT for INSERT OR REPLACE: only where the script says the
 * table's one key, and the insert gives every column (REPLACE resets the
 * columns it does not give). */
static void replace_clause(struct dx *d, int tname, int cols, int colsend)
{
	char name[NAME_MAX_], col[NAME_MAX_];
	struct table_info *ti;
	int n = 0;

	ident_text(d, tname, name, sizeof(name));
	ti = table_find(d, name, d->stmt);
	if (!ti || ti->nunique != 1 || ti->nkey == 0) {
		fail(d, "cannot translate INSERT OR REPLACE into %s (its one key is not known here: write "
		     "INSERT ... ON CONFLICT (...) DO UPDATE)", name);
		return;
	}
	if (cols >= 0) {
		for (int c = cols + 1; c < colsend; c++)
			if (is_name(d, c))
				n++;
		if (n != ti->ncols) {
			fail(d, "cannot translate INSERT OR REPLACE into %s naming only some columns (write "
			     "INSERT ... ON CONFLICT (...) DO UPDATE)", name);
			return;
		}
	}
	kw(d, "ON CONFLICT (");
	for (int k = 0; k < ti->nkey; k++) {
		if (k)
			put(d, ",");
		put_ident(d, ti->key[k], k ? 1 : 0);
	}
	put(d, ")");
	n = 0;
	for (int c = 0; c < ti->ncols; c++) {
		int key = 0;
		for (int k = 0; k < ti->nkey; k++)
			key |= strcmp(ti->key[k], ti->cols[c]) == 0;
		if (key)
			continue;
		if (n++)
			put(d, ",");
		else
			kw(d, "DO UPDATE SET");
		snprintf(col, sizeof(col), "%s", ti->cols[c]);
		put_ident(d, col, 1);
		kw(d, "= excluded.");
		put_ident(d, col, 0);
	}
	if (!n)
		kw(d, "DO NOTHING");
}

static void insert(struct dx *d, int a, int b)
{
	int ins, depth = 0, mode = 0, p, tname, q, cols = -1, colsend = -1, ret, conf = -1;

	for (ins = a; ins < b; ins++) {
		if (op(d, ins, "("))
			depth++;
		else if (op(d, ins, ")"))
			depth--;
		else if (depth == 0 && (is(d, ins, "INSERT") || is(d, ins, "REPLACE")))
			break;
	}
	if (is(d, ins, "REPLACE")) {
		mode = 2;
		p = ins + 1;
	} else if (is(d, ins + 1, "OR")) {
		if (is(d, ins + 2, "IGNORE"))
			mode = 1;
		else if (is(d, ins + 2, "REPLACE"))
			mode = 2;
		else if (!is(d, ins + 2, "ABORT")) {
			fail(d, "cannot translate INSERT OR %.*s", d->t[ins + 2].len, d->t[ins + 2].s);
			return;
		}
		p = ins + 3;
	} else {
		p = ins + 1;
	}
	if (!is(d, p, "INTO") || !is_name(d, p + 1)) {
		fail(d, "cannot translate this INSERT");
		return;
	}
	tname = p + 1;
	if (op(d, tname + 1, ".")) {
		fail(d, "cannot translate a schema-qualified INSERT target");
		return;
	}
	q = tname + 1;
	if (is(d, q, "AS"))
		q += 2;
	if (op(d, q, "(")) {
		cols = q;
		colsend = match(d, q, b);
		q = colsend + 1;
	}
	/* FTS5 commands: INSERT INTO t(t) VALUES ('optimize') */
	if (cols >= 0 && is_name(d, cols + 1)) {
		char tn[NAME_MAX_], cn[NAME_MAX_];
		ident_text(d, tname, tn, sizeof(tn));
		ident_text(d, cols + 1, cn, sizeof(cn));
		if (strcmp(tn, cn) == 0) {
			const struct tok *c = &d->t[q + 2];
			if (!is(d, q, "VALUES") || !op(d, q + 1, "(") || c->type != TK_STR) {
				fail(d, "cannot translate this FTS5 command");
				return;
			}
			for (int k = 0; fts_commands[k]; k++)
				if ((size_t)c->len == strlen(fts_commands[k]) + 2 &&
				    strncasecmp(c->s + 1, fts_commands[k], strlen(fts_commands[k])) == 0)
					return;
			if (c->len == 12 && strncasecmp(c->s, "'delete-all'", 12) == 0) {
				begin_stmt(d);
				put(d, "DELETE FROM");
				put_ident(d, tn, 1);
				return;
			}
			fail(d, "cannot translate the FTS5 command %.*s", c->len, c->s);
			return;
		}
	}
	ret = find0(d, q, b, "RETURNING");
	depth = 0;
	for (int k = q; k < b; k++) {
		if (op(d, k, "("))
			depth++;
		else if (op(d, k, ")"))
			depth--;
		else if (depth == 0 && is(d, k, "ON") && is(d, k + 1, "CONFLICT"))
			conf = k;
	}
	if (mode && conf >= 0) {
		fail(d, "cannot translate INSERT OR IGNORE/REPLACE with an ON CONFLICT clause");
		return;
	}
	begin_stmt(d);
	xlate(d, a, ins);
	putn(d, "INSERT", 6, d->t[ins].ws);
	xlate(d, p, ret >= 0 ? ret : b);
	if (mode == 1)
		kw(d, "ON CONFLICT DO NOTHING");
	else if (mode == 2)
		replace_clause(d, tname, cols, colsend);
	if (ret >= 0)
		xlate(d, ret, b);
}

/* --- triggers ------------------------------------------------------------- */

/* SELECT RAISE(kind, msg) [FROM ...] [WHERE ...] in a trigger's body. */
static void body_raise(struct dx *d, int s, int e, int before)
{
	int open = s + 2, close = match(d, open, e), cond = close + 1, msg = -1;

	if (op(d, open + 2, ","))
		msg = open + 3;
	if (cond < e) {
		if (is(d, cond, "WHERE")) {
			kw(d, "IF");
			xlate(d, cond + 1, e);
			kw(d, "THEN");
		} else if (is(d, cond, "FROM")) {
			kw(d, "IF EXISTS (SELECT 1");
			xlate(d, cond, e);
			kw(d, ") THEN");
		} else {
			fail(d, "cannot translate this SELECT RAISE()");
			return;
		}
	}
	if (is(d, open + 1, "IGNORE")) {
		if (!before) {
			fail(d, "cannot translate RAISE(IGNORE) in an AFTER trigger");
			return;
		}
		kw(d, "RETURN NULL;");
	} else if ((is(d, open + 1, "ABORT") || is(d, open + 1, "FAIL") || is(d, open + 1, "ROLLBACK")) && msg > 0) {
		kw(d, "RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE =");
		xlate(d, msg, close);
		put(d, ";");
	} else {
		fail(d, "cannot translate this RAISE()");
		return;
	}
	if (cond < e)
		kw(d, "END IF;");
}

static void body_stmt(struct dx *d, int s, int e, int before)
{
	d->maxp = 0;
	d->nnames = 0;
	if (is(d, s, "SELECT") && is(d, s + 1, "RAISE") && op(d, s + 2, "(")) {
		body_raise(d, s, e, before);
		return;
	}
	glue(d, "\n", 0);
	if (is(d, s, "SELECT")) {
		putn(d, "PERFORM", 7, 0);
		xlate(d, s + 1, e);
	} else if (is(d, s, "INSERT") || is(d, s, "REPLACE")) {
		insert(d, s, e);
	} else if ((is(d, s, "UPDATE") || is(d, s, "DELETE")) && !is(d, s + 1, "OR")) {
		xlate(d, s, e);
	} else {
		fail(d, "cannot translate the trigger statement %.*s", d->t[s].len, d->t[s].s);
		return;
	}
	put(d, ";");
}

/* A "touch" trigger: AFTER UPDATE ON t ... BEGIN UPDATE t SET a = x, ...
 * WHERE id = NEW.id; END.  In PostgreSQL it would fire itself again; it
 * becomes a BEFORE trigger setting NEW.a.  Returns 1 if [s, e) is one. */
static int touch_body(struct dx *d, int s, int e, int table)
{
	char tn[NAME_MAX_];
	int w;

	ident_text(d, table, tn, sizeof(tn));
	if (!is(d, s, "UPDATE") || !ident_eq(d, s + 1, tn) || !is(d, s + 2, "SET"))
		return 0;
	w = find0(d, s + 3, e, "WHERE");
	return w > 0 && w + 6 == e && ident_eq(d, w + 1, "id") && op(d, w + 2, "=") && is(d, w + 3, "NEW") &&
	       op(d, w + 4, ".") && ident_eq(d, w + 5, "id");
}

static void touch_assign(struct dx *d, int s, int e)
{
	static const char *const words[] = { "CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "NULL", "IS",
					     "IN", "BETWEEN", "CAST", "AS", "TRUE", "FALSE", "NEW", "OLD", "DISTINCT",
					     "COLLATE", "NOCASE", NULL };
	int w = find0(d, s, e, "WHERE"), k = s + 3;

	while (k < w && !d->failed) {
		int end = k, depth = 0;
		for (; end < w; end++) {
			if (op(d, end, "("))
				depth++;
			else if (op(d, end, ")"))
				depth--;
			else if (depth == 0 && op(d, end, ","))
				break;
		}
		if (!is_name(d, k) || !op(d, k + 1, "=")) {
			fail(d, "cannot translate this trigger's UPDATE ... SET");
			return;
		}
		for (int j = k + 2; j < end; j++) {
			int known = 0;
			if (d->t[j].type != TK_WORD || op(d, j + 1, "(") || op(d, j - 1, "."))
				continue;
			for (int x = 0; words[x]; x++)
				known |= is(d, j, words[x]);
			if (!known) {
				fail(d, "cannot translate a touch trigger whose SET reads the column %.*s (write NEW.%.*s)",
				     d->t[j].len, d->t[j].s, d->t[j].len, d->t[j].s);
				return;
			}
		}
		glue(d, "\nNEW.", 0);
		emit(d, k);
		kw(d, ":=");
		xlate(d, k + 2, end);
		put(d, ";");
		k = end + 1;
	}
}

static void create_trigger(struct dx *d, int a, int b, int k)
{
	char name[NAME_MAX_], fn[NAME_MAX_ + 4];
	int namek, timing, ev, on, table, when = -1, beg, before, event_delete, touch = 0;

	if (k != a + 1) {
		fail(d, "cannot translate a TEMP trigger");
		return;
	}
	k++;
	if (is(d, k, "IF")) {
		fail(d, "cannot translate CREATE TRIGGER IF NOT EXISTS");
		return;
	}
	namek = k++;
	if (!is_name(d, namek)) {
		fail(d, "a trigger without a name");
		return;
	}
	ident_text(d, namek, name, sizeof(name));
	timing = k;
	if (is(d, k, "INSTEAD")) {
		fail(d, "cannot translate an INSTEAD OF trigger");
		return;
	}
	if (is(d, k, "BEFORE") || is(d, k, "AFTER"))
		k++;
	before = !is(d, timing, "AFTER");
	ev = k;
	event_delete = is(d, ev, "DELETE");
	on = find0(d, ev, b, "ON");
	if (on < 0 || !is_name(d, on + 1)) {
		fail(d, "cannot translate this CREATE TRIGGER");
		return;
	}
	table = on + 1;
	k = on + 2;
	if (is(d, k, "FOR"))
		k += 3;
	beg = find0(d, k, b, "BEGIN");
	if (beg < 0 || !is(d, b - 1, "END")) {
		fail(d, "a trigger without BEGIN ... END");
		return;
	}
	if (is(d, k, "WHEN"))
		when = k + 1;
	else if (k != beg) {
		fail(d, "cannot translate this CREATE TRIGGER");
		return;
	}
	/* the body's statements */
	{
		int s = beg + 1, n = 0, only_s = -1, only_e = -1;
		for (int j = beg + 1; j < b - 1; j++)
			if (d->t[j].type == TK_SEMI) {
				if (j > s) {
					n++;
					only_s = s;
					only_e = j;
				}
				s = j + 1;
			}
		if (s < b - 1) {
			fail(d, "a trigger statement without ';'");
			return;
		}
		touch = !before && is(d, ev, "UPDATE") && n == 1 && touch_body(d, only_s, only_e, table);
		snprintf(fn, sizeof(fn), "%s_fn", name);
		begin_stmt(d);
		put(d, "CREATE OR REPLACE FUNCTION");
		put_ident(d, fn, 1);
		put(d, "() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN");
		if (when >= 0) {
			kw(d, "IF");
			xlate(d, when, beg);
			kw(d, "THEN");
		}
		d->in_body = 1;
		if (touch) {
			touch_assign(d, only_s, only_e);
		} else {
			s = beg + 1;
			for (int j = beg + 1; j < b - 1 && !d->failed; j++)
				if (d->t[j].type == TK_SEMI) {
					if (j > s)
						body_stmt(d, s, j, before);
					s = j + 1;
				}
		}
		d->in_body = 0;
		if (when >= 0)
			put(d, "\nEND IF;");
		put(d, touch ? "\nRETURN NEW;\nEND\n$fn$" :
		    !before ? "\nRETURN NULL;\nEND\n$fn$" :
		    event_delete ? "\nRETURN OLD;\nEND\n$fn$" : "\nRETURN NEW;\nEND\n$fn$");
	}
	for (int j = beg; j < b; j++)
		if (d->t[j].len >= 4 && memmem(d->t[j].s, (size_t)d->t[j].len, "$fn$", 4)) {
			fail(d, "a trigger body that says $fn$");
			return;
		}
	begin_stmt(d);
	put(d, "CREATE TRIGGER");
	put_ident(d, name, 1);
	kw(d, touch || before ? "BEFORE" : "AFTER");
	xlate(d, ev, on);
	kw(d, "ON");
	emit(d, table);
	kw(d, "FOR EACH ROW EXECUTE FUNCTION");
	put_ident(d, fn, 1);
	put(d, "()");
}

/* DROP TRIGGER [IF EXISTS] name: PostgreSQL wants the table, which the
 * statement does not say: a block finds it in pg_trigger. */
static void drop_trigger(struct dx *d, int a, int b)
{
	char name[NAME_MAX_], fn[NAME_MAX_ + 4];
	int k = a + 2, ifx = 0;

	if (is(d, k, "IF")) {
		ifx = 1;
		k += 2;
	}
	if (!is_name(d, k) || k + 1 != b || op(d, k + 1, ".")) {
		fail(d, "cannot translate this DROP TRIGGER");
		return;
	}
	ident_text(d, k, name, sizeof(name));
	for (const char *p = name; *p; p++)
		if (*p == '\'' || *p == '%' || *p == '\\') {
			fail(d, "cannot translate DROP TRIGGER of this name");
			return;
		}
	begin_stmt(d);
	buf_printf(d->out, "DO $do$ DECLARE r record; BEGIN\n"
		   "FOR r IN SELECT g.tgrelid::regclass AS t FROM pg_trigger g WHERE g.tgname = '%s'"
		   " AND NOT g.tgisinternal AND pg_table_is_visible(g.tgrelid) LOOP\n"
		   "EXECUTE format('DROP TRIGGER %%I ON %%s', '%s', r.t);\nEND LOOP;\n", name, name);
	if (!ifx)
		buf_printf(d->out, "IF NOT FOUND THEN RAISE EXCEPTION 'no such trigger: %s'; END IF;\n", name);
	buf_puts(d->out, "END $do$");
	d->fresh = 0;
	begin_stmt(d);
	snprintf(fn, sizeof(fn), "%s_fn", name);
	put(d, "DROP FUNCTION IF EXISTS");
	put_ident(d, fn, 1);
	put(d, "()");
}

/* --- views ---------------------------------------------------------------
 *
 * SQLite keeps a view as its text: SELECT * reads the columns the table
 * has when the view is used, and a view outlives what it reads.
 * PostgreSQL expands * when the view is made and refuses to drop what a
 * view reads.  So each view's translated text is kept too, in
 * witan_compat.view_source (sql/pg/compat.sql), and
 * witan_compat.refresh_views() makes again the views that are missing
 * (and, after ALTER TABLE t ADD COLUMN, those that say * and read t). */

static void view_name_ok(struct dx *d, const char *name)
{
	for (const char *p = name; *p; p++)
		if (*p == '\'' || *p == '\\')
			fail(d, "cannot translate a view of this name");
}

static void create_view(struct dx *d, int a, int b, int k, int temp)
{
	char name[NAME_MAX_];
	size_t start;
	char *text;
	int star = 0;

	if (is(d, k + 1, "IF")) {
		fail(d, "cannot translate CREATE VIEW IF NOT EXISTS");
		return;
	}
	if (!is_name(d, k + 1)) {
		fail(d, "CREATE VIEW without a name");
		return;
	}
	ident_text(d, k + 1, name, sizeof(name));
	view_name_ok(d, name);
	for (int j = k + 2; j < b; j++)
		if (op(d, j, "*") && (is(d, j - 1, "SELECT") || is(d, j - 1, "DISTINCT") || is(d, j - 1, "ALL") ||
				      op(d, j - 1, ",") || op(d, j - 1, ".")))
			star = 1;
	begin_stmt(d);
	start = d->out->len;
	xlate(d, a, b);
	if (temp || d->failed || d->in_body || d->out->err)
		return;
	text = strndup(d->out->data + start, d->out->len - start);
	if (!text) {
		fail(d, "out of memory");
		return;
	}
	if (strstr(text, "$v$")) {
		fail(d, "a view whose text says $v$");
	} else {
		begin_stmt(d);
		buf_printf(d->out, "INSERT INTO witan_compat.view_source(name, star, sql) VALUES ('%s', %s, $v$%s$v$)"
			   " ON CONFLICT (name) DO UPDATE SET star = excluded.star, sql = excluded.sql,"
			   " made = nextval('witan_compat.view_made');\nCALL witan_compat.refresh_views(NULL)",
			   name, star ? "true" : "false", text);
		d->fresh = 0;
	}
	free(text);
}

/* DROP VIEW v: its dependents go with it (CASCADE) and come back from
 * their text as soon as they can. */
static void drop_view(struct dx *d, int a, int b)
{
	char name[NAME_MAX_];
	int k = is(d, a + 2, "IF") ? a + 4 : a + 2;

	if (!is_name(d, k) || k + 1 != b) {
		fail(d, "cannot translate this DROP VIEW");
		return;
	}
	ident_text(d, k, name, sizeof(name));
	view_name_ok(d, name);
	begin_stmt(d);
	xlate(d, a, b);
	kw(d, "CASCADE");
	begin_stmt(d);
	buf_printf(d->out, "DELETE FROM witan_compat.view_source WHERE name = '%s';\n"
		   "CALL witan_compat.refresh_views(NULL)", name);
	d->fresh = 0;
}

static void alter_table(struct dx *d, int a, int b)
{
	char name[NAME_MAX_];
	int add = a + 3, c;

	if (!is(d, add, "ADD")) {
		begin_stmt(d);
		xlate(d, a, b);
		return;
	}
	ident_text(d, a + 2, name, sizeof(name));
	c = is(d, add + 1, "COLUMN") ? add + 2 : add + 1;
	begin_stmt(d);
	xlate(d, a, add);
	kw(d, "ADD COLUMN");
	coldef(d, c, b, name, 0);
	if (d->in_body)
		return;
	view_name_ok(d, name);
	begin_stmt(d);
	buf_printf(d->out, "CALL witan_compat.refresh_views('%s')", name);
	d->fresh = 0;
}

static void statement(struct dx *d, int a, int b)
{
	int k = a + 1;

	d->maxp = 0;
	d->nnames = 0;
	if (is(d, a, "PRAGMA")) {
		if (!d->script)
			fail(d, "cannot translate PRAGMA (the db layer handles pragmas)");
		return;
	}
	if (is(d, a, "EXPLAIN") || is(d, a, "ATTACH") || is(d, a, "DETACH")) {
		fail(d, "cannot translate %.*s", d->t[a].len, d->t[a].s);
		return;
	}
	if (is(d, a, "CREATE")) {
		if (is(d, k, "TEMP") || is(d, k, "TEMPORARY"))
			k++;
		if (is(d, k, "TABLE")) {
			char name[NAME_MAX_];
			int n = is(d, k + 1, "IF") ? k + 4 : k + 1;
			create_table(d, a, b, k + 1);
			if (is_name(d, n)) {
				ident_text(d, n, name, sizeof(name));
				flush_fks(d, name);
			}
			return;
		}
		if (is(d, k, "VIRTUAL")) {
			create_virtual(d, a, b, k);
			return;
		}
		if (is(d, k, "TRIGGER")) {
			create_trigger(d, a, b, k);
			return;
		}
		if (is(d, k, "UNIQUE"))
			k++;
		if (is(d, k, "INDEX")) {
			create_index(d, a, b, k);
			return;
		}
		if (is(d, k, "VIEW")) {
			create_view(d, a, b, k, k != a + 1);
			return;
		}
	}
	if (is(d, a, "DROP") && is(d, a + 1, "VIEW")) {
		drop_view(d, a, b);
		return;
	}
	if (is(d, a, "DROP") && is(d, a + 1, "TRIGGER")) {
		drop_trigger(d, a, b);
		return;
	}
	if (is(d, a, "INSERT") || is(d, a, "REPLACE") || (is(d, a, "WITH") && find0(d, a, b, "INSERT") >= 0)) {
		insert(d, a, b);
		return;
	}
	if (is(d, a, "UPDATE") && is(d, a + 1, "OR")) {
		if (!is(d, a + 2, "ABORT")) {
			fail(d, "cannot translate UPDATE OR %.*s", d->t[a + 2].len, d->t[a + 2].s);
			return;
		}
		begin_stmt(d);
		emit(d, a);
		xlate(d, a + 3, b);
		return;
	}
	if (is(d, a, "ALTER") && is(d, a + 1, "TABLE")) {
		alter_table(d, a, b);
		return;
	}
	if (is(d, a, "BEGIN")) {
		begin_stmt(d);
		put(d, "BEGIN");
		return;
	}
	begin_stmt(d);
	xlate(d, a, b);
}

int dialect_pg(const char *sql, struct buf *out, char *err, size_t errlen)
{
	struct dx d;
	struct stmt_range *st = NULL;
	int n = 0, rc = -1;

	memset(&d, 0, sizeof(d));
	d.out = out;
	d.err = err;
	d.errlen = errlen;
	if (errlen)
		err[0] = 0;
	if (tokenize(&d, sql) < 0 || split(&d, &st, &n) < 0)
		goto out;
	d.script = n > 1;
	prepass(&d, st, n);
	for (int k = 0; k < n && !d.failed; k++) {
		d.stmt = k;
		statement(&d, st[k].a, st[k].b);
	}
	if (!d.failed && out->err)
		fail(&d, "out of memory");
	rc = d.failed ? -1 : 0;
out:
	for (int k = 0; k < d.nfks; k++)
		free(d.fks[k].sql);
	free(d.tabs);
	free(d.t);
	free(st);
	return rc;
}
