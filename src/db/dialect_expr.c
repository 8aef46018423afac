/* dialect_expr.c: the SQL translator's tokens and output, and its rules
 * for any run of tokens (db/dialect.h): parameters, functions, IS, LIKE,
 * ORDER BY, CAST, COLLATE, bare integer conditions, subqueries' aliases.
 * The statements' shapes are dialect.c's. */
#include "db/dialect_int.h"

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

/* --- helpers ------------------------------------------------------------ */

int dx_fail(struct dx *d, const char *fmt, ...)
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

/* Token i is of type and says w: words in any case, punctuation exactly. */
static int tok_says(const struct dx *d, int i, int type, const char *w)
{
	const struct tok *t;

	if (i < 0 || i >= d->n)
		return 0;
	t = &d->t[i];
	if (t->type != type || (size_t)t->len != strlen(w))
		return 0;
	return (type == TK_WORD ? strncasecmp(t->s, w, (size_t)t->len) : memcmp(t->s, w, (size_t)t->len)) == 0;
}

/* Token i is the word w (any case). */
int dx_is(const struct dx *d, int i, const char *w)
{
	return tok_says(d, i, TK_WORD, w);
}

/* Token i is the punctuation o. */
int dx_op(const struct dx *d, int i, const char *o)
{
	return tok_says(d, i, TK_OP, o);
}

int dx_is_name(const struct dx *d, int i)
{
	return i >= 0 && i < d->n && (d->t[i].type == TK_WORD || d->t[i].type == TK_QID);
}

/* The name of token i (a word or a quoted identifier), lower-case and
 * unquoted, in out. */
void dx_ident_text(const struct dx *d, int i, char *out, size_t size)
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

int dx_ident_eq(const struct dx *d, int i, const char *name)
{
	char a[NAME_MAX_];

	if (!dx_is_name(d, i))
		return 0;
	dx_ident_text(d, i, a, sizeof(a));
	return strcmp(a, name) == 0;
}

/* The token closing the one at i, below b: the ')' of a '(' (word 0), the
 * END of a CASE (word 1). */
static int closing(struct dx *d, int i, int b, int word, const char *open, const char *close, const char *what)
{
	int depth = 0;

	for (int k = i; k < b; k++) {
		if (word ? dx_is(d, k, open) : dx_op(d, k, open))
			depth++;
		else if ((word ? dx_is(d, k, close) : dx_op(d, k, close)) && --depth == 0)
			return k;
	}
	dx_fail(d, "%s", what);
	return b - 1;
}

/* The index of the ')' matching the '(' at i, below b. */
int dx_match(struct dx *d, int i, int b)
{
	return closing(d, i, b, 0, "(", ")", "unbalanced parentheses");
}

/* The END of the CASE at i. */
static int case_end(struct dx *d, int i, int b)
{
	return closing(d, i, b, 1, "CASE", "END", "CASE without END");
}

/* The first token at parenthesis depth 0 in [a, b) that is the word or
 * operator w, or -1. */
int dx_find0(struct dx *d, int a, int b, const char *w)
{
	int depth = 0;

	for (int k = a; k < b; k++) {
		if (dx_op(d, k, "("))
			depth++;
		else if (dx_op(d, k, ")"))
			depth--;
		else if (depth == 0 && (dx_is(d, k, w) || dx_op(d, k, w)))
			return k;
	}
	return -1;
}

/* --- output ------------------------------------------------------------- */

void dx_putn(struct dx *d, const char *s, size_t n, int ws)
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
void dx_kw(struct dx *d, const char *s)
{
	dx_putn(d, s, strlen(s), 1);
}

/* Text of our own, glued to what precedes (unless both are words). */
void dx_put(struct dx *d, const char *s)
{
	dx_putn(d, s, strlen(s), 0);
}

/* Text of our own, after which the next token takes no space. */
void dx_glue(struct dx *d, const char *s, int ws)
{
	dx_putn(d, s, strlen(s), ws);
	d->fresh = 1;
}

/* Start an output statement (statements are separated by ";\n"). */
void dx_begin_stmt(struct dx *d)
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
/* name as a quoted identifier ("" for a ") after the whitespace ws. */
static void put_quoted(struct dx *d, const char *name, int ws)
{
	struct buf q = BUF_INIT;

	buf_putc(&q, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_putc(&q, '"');
		buf_putc(&q, *p);
	}
	buf_putc(&q, '"');
	if (q.err)
		dx_fail(d, "out of memory");
	else
		dx_putn(d, q.data, q.len, ws);
	buf_release(&q);
}

void dx_put_ident(struct dx *d, const char *name, int ws)
{
	int plain = isidstart((unsigned char)name[0]) && !pg_reserved_word(name);

	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			plain = 0;
	if (plain)
		dx_putn(d, name, strlen(name), ws);
	else
		put_quoted(d, name, ws);
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
				dx_fail(d, "parameter %.*s out of range", t->len, t->s);
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
				dx_fail(d, "too many named parameters");
				return;
			}
			no = ++d->maxp;
			d->names[d->nnames].s = t->s;
			d->names[d->nnames].len = t->len;
			d->names[d->nnames++].no = no;
		}
	}
	snprintf(text, sizeof(text), "$%d", no);
	dx_putn(d, text, strlen(text), t->ws);
}

/* Token i as PostgreSQL spells it, with no rule of context. */
void dx_emit(struct dx *d, int i)
{
	const struct tok *t = &d->t[i];
	char name[NAME_MAX_ * 2];

	switch (t->type) {
	case TK_WORD:
		dx_ident_text(d, i, name, sizeof(name));
		if (pg_reserved_word(name)) {
			dx_put_ident(d, name, t->ws);
			return;
		}
		break;
	case TK_QID:
		/* SQLite's names are case-insensitive even quoted; PostgreSQL
		 * folds unquoted ones to lower case. */
		dx_ident_text(d, i, name, sizeof(name));
		if ((size_t)t->len > sizeof(name) - 2) {
			dx_fail(d, "identifier too long: %.*s", t->len, t->s);
			return;
		}
		put_quoted(d, name, t->ws);
		return;
	case TK_BLOB: {
		struct buf q = BUF_INIT;
		buf_puts(&q, "'\\x");
		buf_append(&q, t->s + 2, (size_t)t->len - 3);
		buf_puts(&q, "'::bytea");
		if (!q.err)
			dx_putn(d, q.data, q.len, t->ws);
		buf_release(&q);
		return;
	}
	case TK_NUM:
		if (t->len > 2 && t->s[0] == '0' && (t->s[1] == 'x' || t->s[1] == 'X')) {
			char text[32];
			if (t->len > 18) {
				dx_fail(d, "hexadecimal literal too large: %.*s", t->len, t->s);
				return;
			}
			snprintf(text, sizeof(text), "%" PRId64, (int64_t)strtoull(t->s, NULL, 16));
			dx_putn(d, text, strlen(text), t->ws);
			return;
		}
		break;
	case TK_PARAM:
		emit_param(d, i);
		return;
	case TK_OP:
		if (t->len == 2 && memcmp(t->s, "==", 2) == 0) {
			dx_putn(d, "=", 1, t->ws);
			return;
		}
		break;
	}
	dx_putn(d, t->s, (size_t)t->len, t->ws);
}

/* --- tokens --------------------------------------------------------------- */

static int add_tok(struct dx *d, int *cap, struct tok t)
{
	if (d->n == *cap) {
		int ncap = *cap ? *cap * 2 : 256;
		struct tok *p = realloc(d->t, (size_t)ncap * sizeof(*p));
		if (!p)
			return dx_fail(d, "out of memory");
		d->t = p;
		*cap = ncap;
	}
	d->t[d->n++] = t;
	return 0;
}

int dx_tokenize(struct dx *d, const char *sql)
{
	static const char *const ops[] = { "->>", "@@", "||", "<<", ">>", "<=", ">=", "<>", "!=", "==", "->", NULL };
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
				return dx_fail(d, "unterminated comment");
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
					return dx_fail(d, "unterminated string literal");
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
						return dx_fail(d, "bad blob literal");
		} else if (c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : (char)c;
			p++;
			for (;;) {
				if (!*p)
					return dx_fail(d, "unterminated quoted identifier");
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
				return dx_fail(d, "bad number %.*s", (int)(p - s) + 1, s);
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
				return dx_fail(d, "unexpected character '%c'", c);
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
int dx_split(struct dx *d, struct stmt_range **out, int *nout)
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
		if (dx_is(d, k, "TEMP") || dx_is(d, k, "TEMPORARY"))
			k++;
		if (dx_is(d, a, "CREATE") && dx_is(d, k, "TRIGGER")) {
			int depth = -1;
			for (b = k; b < d->n; b++) {
				if (depth < 0) {
					if (dx_is(d, b, "BEGIN"))
						depth = 0;
				} else if (dx_is(d, b, "CASE")) {
					depth++;
				} else if (dx_is(d, b, "END")) {
					if (depth-- == 0) {
						b++;
						break;
					}
				}
			}
			if (depth >= 0 && b > d->n)
				b = d->n;
			if (b < d->n && d->t[b].type != TK_SEMI)
				return dx_fail(d, "trigger not ended by END;");
		} else {
			while (b < d->n && d->t[b].type != TK_SEMI)
				b++;
		}
		if (*nout == cap) {
			int ncap = cap ? cap * 2 : 32;
			struct stmt_range *p = realloc(*out, (size_t)ncap * sizeof(*p));
			if (!p)
				return dx_fail(d, "out of memory");
			*out = p;
			cap = ncap;
		}
		(*out)[(*nout)++] = (struct stmt_range){ a, b };
		a = b + 1;
	}
	return 0;
}

/* --- expressions -------------------------------------------------------- */

void dx_xlate(struct dx *d, int a, int b);

/* The end of the primary expression at k (a literal, a name a.b.c, a call,
 * a parenthesised expression, a CASE), with any unary operators. */
static int primary_end(struct dx *d, int k, int b)
{
	while (k < b && (dx_op(d, k, "-") || dx_op(d, k, "+") || dx_op(d, k, "~")))
		k++;
	if (k >= b)
		return k;
	if (dx_op(d, k, "("))
		return dx_match(d, k, b) + 1;
	if (dx_is(d, k, "CASE"))
		return case_end(d, k, b) + 1;
	if (dx_is_name(d, k)) {
		if (k + 1 < b && dx_op(d, k + 1, "("))
			return dx_match(d, k + 1, b) + 1;
		k++;
		while (k + 1 < b && dx_op(d, k, ".") && dx_is_name(d, k + 1))
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
		if (k + 1 < b && dx_is(d, k, "COLLATE")) {
			k += 2;
			continue;
		}
		for (int j = 0; tight[j]; j++)
			if (dx_op(d, k, tight[j]))
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

	if (dx_op(d, k, "=") || dx_op(d, k, "==") || dx_op(d, k, "!=") || dx_op(d, k, "<>"))
		return 1;
	if (dx_is(d, k, "NOT"))
		k++;
	for (int j = 0; w[j]; j++)
		if (dx_is(d, k, w[j]))
			return 1;
	return 0;
}

/* x IS [NOT] y: NULL, TRUE and FALSE as they are, anything else is
 * IS [NOT] DISTINCT FROM.  Returns the last token consumed. */
static int rule_is(struct dx *d, int i, int b)
{
	int k = i + 1, neg = 0, e;

	if (dx_is(d, k, "NOT")) {
		neg = 1;
		k++;
	}
	if (dx_is(d, k, "NULL") || dx_is(d, k, "TRUE") || dx_is(d, k, "FALSE") || dx_is(d, k, "DISTINCT")) {
		dx_emit(d, i);
		if (neg)
			dx_emit(d, i + 1);
		return k - 1;
	}
	e = operand_end(d, k, b);
	if (e < b && equality_level(d, e))
		return dx_fail(d, "x IS y followed by %.*s: the precedence differs in PostgreSQL (parenthesise)",
			    d->t[e].len, d->t[e].s), b;
	dx_kw(d, neg ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM");
	return k - 1;
}

/* x LIKE p [ESCAPE e]: SQLite's LIKE ignores ASCII case and has no escape
 * character; PostgreSQL's ILIKE under the "C" collation folds ASCII only
 * (and works on a nondeterministic collation such as nocase). */
static int rule_like(struct dx *d, int i, int b)
{
	int k = i + 1, e = operand_end(d, k, b);

	if (e <= k)
		return dx_fail(d, "LIKE without a pattern"), b;
	dx_glue(d, "ILIKE (", 1);
	dx_xlate(d, k, e);
	dx_put(d, ") COLLATE \"C\"");
	if (e < b && dx_is(d, e, "ESCAPE")) {
		int ee = operand_end(d, e + 1, b);
		dx_emit(d, e);
		dx_xlate(d, e + 1, ee);
		return ee - 1;
	}
	dx_put(d, " ESCAPE ''");
	return e - 1;
}

/* The end of an ORDER BY term (or of an index's column) at k. */
int dx_term_end(struct dx *d, int k, int b)
{
	static const char *const stop[] = { "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "RETURNING",
					    "ON", "ROWS", "RANGE", "GROUPS", "FROM", "WHERE", NULL };
	int depth = 0, cases = 0;

	for (; k < b; k++) {
		if (dx_op(d, k, "("))
			depth++;
		else if (dx_op(d, k, ")") && depth-- == 0)
			return k;
		else if (depth)
			continue;
		else if (dx_is(d, k, "CASE"))
			cases++;
		else if (dx_is(d, k, "END") && cases)
			cases--;
		else if (cases)
			continue;
		else if (dx_op(d, k, ","))
			return k;
		else
			for (int j = 0; stop[j]; j++)
				if (dx_is(d, k, stop[j]))
					return k;
	}
	return b;
}

/* SQLite sorts NULLs first, PostgreSQL last: say so, unless the term says
 * it already or sorts by an id (a key, never NULL). */
void dx_nulls_suffix(struct dx *d, int k, int e)
{
	int last = e - 1, desc = dx_is(d, last, "DESC");

	if (dx_is(d, last, "DESC") || dx_is(d, last, "ASC"))
		last--;
	if (dx_find0(d, k, e, "NULLS") >= 0)
		return;
	if ((last == k || (last == k + 2 && dx_op(d, k + 1, "."))) && (dx_ident_eq(d, last, "id") || dx_ident_eq(d, last, "rowid")))
		return;
	dx_kw(d, desc ? "NULLS LAST" : "NULLS FIRST");
}

static int rule_order(struct dx *d, int i, int b)
{
	int k = i + 2;

	dx_emit(d, i);
	dx_emit(d, i + 1);
	for (;;) {
		int e = dx_term_end(d, k, b);
		if (e == k)
			return dx_fail(d, "ORDER BY without a term"), b;
		dx_xlate(d, k, e);
		dx_nulls_suffix(d, k, e);
		if (e < b && dx_op(d, e, ",")) {
			dx_emit(d, e);
			k = e + 1;
			continue;
		}
		return e - 1;
	}
}

/* A column's or a CAST's type; *integer: exactly INTEGER. */
int dx_map_type(struct dx *d, int a, int b, char *out, size_t size, int *integer)
{
	char words[128] = "";
	size_t n = 0;
	int nwords = 0;

	for (int k = a; k < b; k++) {
		if (d->t[k].type != TK_WORD)
			continue;
		if (n + 2 >= sizeof(words))
			return dx_fail(d, "a type too long");
		for (int j = 0; j < d->t[k].len && n + 2 < sizeof(words); j++)
			words[n++] = (char)toupper((unsigned char)d->t[k].s[j]);
		words[n++] = ' ';
		words[n] = 0;
		nwords++;
	}
	if (integer)
		*integer = nwords == 1 && strcmp(words, "INTEGER ") == 0;
	if (!nwords)
		return dx_fail(d, "a column without a type (give it one)");
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
		return dx_fail(d, "cannot translate the type %s", words);
	return 0;
}

static int rule_cast(struct dx *d, int i, int b)
{
	int open = i + 1, close = dx_match(d, open, b), as = -1, depth = 0;
	char type[32];

	for (int k = open; k < close; k++) {
		if (dx_op(d, k, "("))
			depth++;
		else if (dx_op(d, k, ")"))
			depth--;
		else if (depth == 1 && dx_is(d, k, "AS"))
			as = k;
	}
	if (as < 0)
		return dx_fail(d, "CAST without AS"), b;
	if (dx_map_type(d, as + 1, close, type, sizeof(type), NULL) < 0)
		return b;
	dx_emit(d, i);
	dx_emit(d, open);
	dx_xlate(d, open + 1, as);
	dx_emit(d, as);
	dx_kw(d, type);
	dx_put(d, ")");
	return close;
}

/* The arguments of the call whose '(' is at open: their starts in arg[],
 * the ')' in *close; returns how many (0 for "()"). */
int dx_args_of(struct dx *d, int open, int b, int *arg, int max, int *close)
{
	int depth = 0, n = 0;

	*close = dx_match(d, open, b);
	if (*close == open + 1)
		return 0;
	arg[n++] = open + 1;
	for (int k = open + 1; k < *close; k++) {
		if (dx_op(d, k, "("))
			depth++;
		else if (dx_op(d, k, ")"))
			depth--;
		else if (depth == 0 && dx_op(d, k, ",")) {
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
	"json_replace", "json_remove", "json_extract", "json_tree", "json_type", "json_valid",
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
	/* Calls of one argument said another way: strict ones refuse other
	 * numbers of arguments, the others are then left as they are.  A
	 * date('now') alone would be a cast to PostgreSQL's type date: a text
	 * argument makes it compat.sql's function.  json_each only as SELECT
	 * value FROM json_each(array): its elements as text (a caller that
	 * compares them with numbers casts them). */
	static const struct { const char *name, *pre, *post; int strict; } wraps[] = {
		{ "date", "date((", ")::text)", 0 }, { "time", "\"time\"((", ")::text)", 0 },
		{ "char", "chr((", ")::int)", 1 },
		{ "json_each", "json_array_elements_text(CAST(", " AS json))", 1 }, { NULL, NULL, NULL, 0 }
	};
	char name[NAME_MAX_];
	int arg[8], close, nargs;

	/* A table's name before its columns, not a call. */
	if (dx_is(d, i - 1, "INTO") || dx_is(d, i - 1, "TABLE") || dx_is(d, i - 1, "REFERENCES") || d->t[i].type != TK_WORD) {
		dx_emit(d, i);
		return i;
	}
	dx_ident_text(d, i, name, sizeof(name));
	for (int k = 0; no_function[k]; k++)
		if (strcmp(name, no_function[k]) == 0)
			return dx_fail(d, "cannot translate the function %s() (no PostgreSQL equivalent)", name), b;
	nargs = dx_args_of(d, i + 1, b, arg, 8, &close);
	if (d->failed)
		return b;
	for (int k = 0; wraps[k].name; k++) {
		if (strcmp(name, wraps[k].name) != 0)
			continue;
		if (nargs != 1 && wraps[k].strict)
			return dx_fail(d, "cannot translate %s() of %d arguments", name, nargs), b;
		if (nargs != 1)
			break;
		dx_glue(d, wraps[k].pre, d->t[i].ws);
		dx_xlate(d, i + 2, close);
		dx_put(d, wraps[k].post);
		return close;
	}
	for (int k = 0; rename[k].from; k++) {
		if (strcmp(name, rename[k].from) == 0) {
			dx_putn(d, rename[k].to, strlen(rename[k].to), d->t[i].ws);
			dx_emit(d, i + 1);
			dx_xlate(d, i + 2, close);
			dx_emit(d, close);
			return close;
		}
	}
	if (strcmp(name, "iif") == 0) {
		if (nargs != 3)
			return dx_fail(d, "iif() takes 3 arguments"), b;
		dx_putn(d, "CASE WHEN", 9, d->t[i].ws);
		dx_xlate(d, arg[0], arg[1] - 1);
		dx_kw(d, "THEN");
		dx_xlate(d, arg[1], arg[2] - 1);
		dx_kw(d, "ELSE");
		dx_xlate(d, arg[2], close);
		dx_kw(d, "END");
		return close;
	}
	if ((strcmp(name, "max") == 0 || strcmp(name, "min") == 0) && nargs >= 2) {
		/* SQLite's scalar max/min are NULL when an argument is;
		 * greatest/least skip NULLs. */
		dx_putn(d, name[1] == 'a' ? "sqlite_max" : "sqlite_min", 10, d->t[i].ws);
		dx_emit(d, i + 1);
		dx_xlate(d, i + 2, close);
		dx_emit(d, close);
		return close;
	}
	if (strcmp(name, "json_patch") == 0 && nargs == 2 && arg[1] == arg[0] + 2 && d->t[arg[0]].type == TK_STR &&
	    d->t[arg[0]].len == 4 && memcmp(d->t[arg[0]].s, "'{}'", 4) == 0) {
		/* json_patch('{}', x), x an object: x without its null members,
		 * which PostgreSQL's json_strip_nulls does in C (compat.sql's
		 * json_patch is plpgsql, and OParl calls it for every object).
		 * The two differ only inside arrays, which json_patch leaves
		 * whole: the OParl objects hold none with null members. */
		dx_glue(d, "json_strip_nulls(", d->t[i].ws);
		dx_xlate(d, arg[1], close);
		dx_put(d, ")");
		return close;
	}
	if (strcmp(name, "json_group_array") == 0) {
		/* json_agg of no rows is NULL, json_group_array's is []. */
		if (dx_is(d, close + 1, "OVER") || dx_is(d, close + 1, "FILTER"))
			return dx_fail(d, "cannot translate json_group_array() with OVER or FILTER"), b;
		dx_glue(d, "coalesce(json_agg(", d->t[i].ws);
		dx_xlate(d, i + 2, close);
		dx_put(d, "), '[]'::json)");
		return close;
	}
	if (strcmp(name, "group_concat") == 0) {
		int end = close, k = i + 2, ord = dx_find0(d, i + 2, close, "ORDER");

		if (ord >= 0)
			end = ord;
		if (nargs > 2 || nargs < 1)
			return dx_fail(d, "group_concat() of %d arguments", nargs), b;
		dx_glue(d, "string_agg(", d->t[i].ws);
		if (dx_is(d, k, "DISTINCT")) {
			dx_emit(d, k++);
			dx_glue(d, " (", 0);
		} else {
			dx_glue(d, "(", 0);
		}
		dx_xlate(d, k, nargs == 2 ? arg[1] - 1 : end);
		dx_put(d, ")::text,");
		if (nargs == 2)
			dx_xlate(d, arg[1], end);
		else
			dx_kw(d, "','");
		dx_xlate(d, end, close);
		dx_put(d, ")");
		return close;
	}
	dx_emit(d, i);
	return i;
}

/* Token k ends a FROM item: it is no alias. */
static int ends_item(struct dx *d, int k)
{
	static const char *const kws[] = { "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "FULL", "NATURAL", "ON",
					   "USING", "GROUP", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
					   "HAVING", "RETURNING", "OFFSET", "AND", "OR", "THEN", "END", "ELSE", "WHEN",
					   "SET", "VALUES", "DEFAULT", "SELECT", "NOT", "INDEXED", "IS", "IN", NULL };

	if (!dx_is_name(d, k))
		return 1;
	for (int j = 0; kws[j]; j++)
		if (dx_is(d, k, kws[j]))
			return 1;
	return 0;
}

/* FROM or JOIN at i and the item after it: a subquery without an alias
 * gets one (PostgreSQL 15 wants one), a JOIN without ON or USING joins
 * ON TRUE (SQLite's join without a condition).  Returns the last token
 * consumed. */
static int rule_from(struct dx *d, int i, int b)
{
	int k = i + 1, sub = 0;
	int join = dx_is(d, i, "JOIN");
	int cross = dx_is(d, i - 1, "CROSS") || dx_is(d, i - 1, "NATURAL") || dx_is(d, i - 2, "NATURAL");
	char name[16];

	dx_emit(d, i);
	if (k < b && dx_op(d, k, "(")) {
		int close = dx_match(d, k, b);
		sub = dx_is(d, k + 1, "SELECT") || dx_is(d, k + 1, "WITH") || dx_is(d, k + 1, "VALUES");
		dx_xlate(d, k, close + 1);
		k = close + 1;
	} else if (k < b && dx_is_name(d, k) && !ends_item(d, k)) {
		if (k + 1 < b && dx_op(d, k + 1, "(")) {
			int close = dx_match(d, k + 1, b);
			dx_xlate(d, k, close + 1);
			k = close + 1;
		} else {
			int e = k + 1;
			while (e + 1 < b && dx_op(d, e, ".") && dx_is_name(d, e + 1))
				e += 2;
			dx_xlate(d, k, e);
			k = e;
		}
	} else {
		return i;
	}
	if (k < b && dx_is(d, k, "AS") && dx_is_name(d, k + 1)) {
		dx_emit(d, k);
		dx_emit(d, k + 1);
		k += 2;
	} else if (k < b && !ends_item(d, k)) {
		dx_emit(d, k++);
	} else if (sub) {
		snprintf(name, sizeof(name), " AS _sq%d", ++d->nsub);
		dx_put(d, name);
	}
	if (join && !cross && !(k < b && (dx_is(d, k, "ON") || dx_is(d, k, "USING"))))
		dx_kw(d, "ON TRUE");
	return k - 1;
}

/* The operator at i is unary: what precedes it is no operand. */
static int unary_position(struct dx *d, int i)
{
	static const char *const kws[] = { "AND", "OR", "NOT", "WHERE", "ON", "SELECT", "WHEN", "THEN", "ELSE", "BY",
					   "HAVING", "SET", "VALUES", "IN", "IS", "LIKE", "BETWEEN", "CASE", "RETURNING",
					   "DISTINCT", NULL };

	if (i == 0 || d->t[i - 1].type == TK_SEMI)
		return 1;
	if (d->t[i - 1].type == TK_OP)
		return !dx_op(d, i - 1, ")");
	for (int k = 0; kws[k]; k++)
		if (dx_is(d, i - 1, kws[k]))
			return 1;
	return 0;
}

/* Token i is a bare column name (no table before it, no call after it):
 * in ON CONFLICT DO UPDATE, the row there (dx->qualify). */
static int bare_column(struct dx *d, int i, int b)
{
	static const char *const kws[] = { "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "GLOB", "BETWEEN", "CASE",
					   "WHEN", "THEN", "ELSE", "END", "CAST", "AS", "TRUE", "FALSE", "DISTINCT",
					   "COLLATE", "NOCASE", "BINARY", "EXISTS", "ESCAPE", "ISNULL", "NOTNULL",
					   "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "WHERE", "FROM",
					   "INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC", "ASC", "DESC", "SET", NULL };

	if (!dx_is_name(d, i) || dx_op(d, i - 1, ".") || (i + 1 < b && (dx_op(d, i + 1, ".") || dx_op(d, i + 1, "("))))
		return 0;
	if (d->t[i].type == TK_WORD)
		for (int k = 0; kws[k]; k++)
			if (dx_is(d, i, kws[k]))
				return 0;
	return 1;
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
		ok |= dx_is(d, i - 1, before[k]);
	if (!ok || dx_is(d, i - 2, "IS"))
		return 0;
	if (dx_is(d, i - 1, "AND")) {
		/* not the AND of x BETWEEN y AND z */
		int depth = 0;
		for (int k = i - 2; k >= 0; k--) {
			if (dx_op(d, k, ")"))
				depth++;
			else if (dx_op(d, k, "(") && depth-- == 0)
				break;
			else if (depth)
				continue;
			else if (dx_is(d, k, "BETWEEN"))
				return 0;
			else if (dx_is(d, k, "AND") || dx_is(d, k, "OR") || dx_is(d, k, "WHERE") || dx_is(d, k, "WHEN") ||
				 dx_is(d, k, "ON") || dx_is(d, k, "HAVING") || dx_op(d, k, ",") || d->t[k].type == TK_SEMI)
				break;
		}
	}
	if (i + 1 >= b || dx_op(d, i + 1, ")"))
		return 1;
	for (int k = 0; after[k]; k++)
		if (dx_is(d, i + 1, after[k]))
			return 1;
	return 0;
}

/* The rules for the tokens [a, b). */
void dx_xlate(struct dx *d, int a, int b)
{
	for (int i = a; i < b && !d->failed; i++) {
		const struct tok *t = &d->t[i];

		if (t->type == TK_NUM && i + 1 < b && dx_op(d, i + 1, "<<")) {
			/* 1 << 48: SQLite's integers are 64-bit, 1 is int4 here */
			dx_emit(d, i);
			dx_put(d, "::bigint");
			continue;
		}
		if (t->type == TK_NUM && truth_position(d, i, b)) {
			/* WHERE 1: a condition of a bare integer is TRUE or FALSE */
			dx_putn(d, strspn(t->s, "0") == (size_t)t->len ? "FALSE" : "TRUE", strspn(t->s, "0") == (size_t)t->len ? 5 : 4,
			     t->ws);
			continue;
		}
		if (t->type == TK_SEMI)
			dx_fail(d, "unexpected ';'");
		if (dx_op(d, i, "+") && i + 1 < b && dx_is_name(d, i + 1) && unary_position(d, i)) {
			/* +col: SQLite's way to keep an index out; no unary + on text here */
			continue;
		}
		if (d->qualify && bare_column(d, i, b)) {
			dx_put_ident(d, d->qualify, t->ws);
			dx_put(d, ".");
			d->fresh = 1;
			dx_emit(d, i);
			continue;
		}
		if (t->type != TK_WORD) {
			dx_emit(d, i);
			continue;
		}
		if ((dx_is(d, i, "FROM") && !dx_is(d, i - 1, "DISTINCT")) || dx_is(d, i, "JOIN")) {
			i = rule_from(d, i, b);
		} else if (dx_is(d, i, "LIKE")) {
			i = rule_like(d, i, b);
		} else if (dx_is(d, i, "GLOB") || dx_is(d, i, "REGEXP") || dx_is(d, i, "MATCH")) {
			dx_fail(d, "cannot translate %.*s (no PostgreSQL equivalent with SQLite's meaning)", t->len, t->s);
		} else if (dx_is(d, i, "IS")) {
			i = rule_is(d, i, b);
		} else if (dx_is(d, i, "ORDER") && dx_is(d, i + 1, "BY")) {
			i = rule_order(d, i, b);
		} else if (dx_is(d, i, "CAST") && dx_op(d, i + 1, "(")) {
			i = rule_cast(d, i, b);
		} else if (dx_is(d, i, "COLLATE") && i + 1 < b) {
			dx_emit(d, i);
			if (dx_is(d, i + 1, "NOCASE"))
				dx_kw(d, "nocase");
			else if (dx_is(d, i + 1, "BINARY"))
				dx_kw(d, "\"C\"");
			else
				return (void)dx_fail(d, "cannot translate COLLATE %.*s", d->t[i + 1].len, d->t[i + 1].s);
			i++;
		} else if (dx_is(d, i, "CURRENT_TIMESTAMP")) {
			dx_putn(d, "datetime('now')", 15, t->ws);
		} else if (dx_is(d, i, "CURRENT_DATE")) {
			dx_putn(d, "date('now')", 11, t->ws);
		} else if (dx_is(d, i, "CURRENT_TIME")) {
			dx_putn(d, "\"time\"('now')", 13, t->ws);
		} else if (dx_is(d, i, "sqlite_master") || dx_is(d, i, "sqlite_schema") || dx_is(d, i, "sqlite_temp_master") ||
			   dx_is(d, i, "sqlite_sequence")) {
			dx_fail(d, "cannot translate a read of %.*s (SQLite's own table)", t->len, t->s);
		} else if (dx_is(d, i, "INDEXED")) {
			dx_fail(d, "cannot translate INDEXED BY / NOT INDEXED");
		} else if (dx_is(d, i, "LIMIT")) {
			int e = dx_term_end(d, i + 1, b);
			if (e < b && dx_op(d, e, ","))
				dx_fail(d, "cannot translate LIMIT offset, count (write LIMIT count OFFSET offset)");
			dx_emit(d, i);
			if (dx_op(d, i + 1, "-") && d->t[i + 2].type == TK_NUM && i + 2 < b) {
				/* LIMIT -1: no limit */
				dx_kw(d, "ALL");
				i += 2;
			} else if (d->t[i + 1].type == TK_PARAM && i + 1 < b && e == i + 2) {
				/* LIMIT ?n: a negative count is no limit in SQLite,
				 * an error in PostgreSQL (where NULL is no limit) */
				dx_kw(d, "CASE WHEN");
				dx_emit(d, i + 1);
				dx_put(d, "< 0 THEN NULL ELSE");
				dx_emit(d, i + 1);
				dx_put(d, "END");
				i++;
			}
		} else if (i + 1 < b && dx_op(d, i + 1, "(")) {
			i = rule_func(d, i, b);
		} else {
			dx_emit(d, i);
		}
	}
}
