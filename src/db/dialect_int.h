/* dialect_int.h: what the two halves of the SQL translator share
 * (db/dialect.h): dialect_expr.c (tokens, output, the rules for
 * expressions) and dialect.c (statements).  Only they include it. */
#ifndef WITAN_DIALECT_INT_H
#define WITAN_DIALECT_INT_H

#include <stddef.h>

struct buf;

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
	const char *qualify; /* ON CONFLICT DO UPDATE: the table bare columns name */
	/* the script's tables */
	struct table_info *tabs;
	int ntabs;
	/* foreign keys to tables made later in the script: ALTER TABLE ... */
	struct fk { char table[NAME_MAX_]; char *sql; } fks[32];
	int nfks;
};

/* Record the first error (a message naming the construct); returns -1. */
int dx_fail(struct dx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Token i is the word w, in any case (false out of range). */
int dx_is(const struct dx *d, int i, const char *w);
/* Token i is the punctuation o. */
int dx_op(const struct dx *d, int i, const char *o);
/* Token i is a word or a quoted identifier. */
int dx_is_name(const struct dx *d, int i);
/* Token i's name, lower-case and unquoted, in out. */
void dx_ident_text(const struct dx *d, int i, char *out, size_t size);
/* Token i's name is name. */
int dx_ident_eq(const struct dx *d, int i, const char *name);
/* The index of the ')' that closes the '(' at i, below b. */
int dx_match(struct dx *d, int i, int b);
/* The first word or operator w at parenthesis depth 0 in [a, b), or -1. */
int dx_find0(struct dx *d, int a, int b, const char *w);
/* Output n bytes after the whitespace ws (0, 1 a space, 2 a line break). */
void dx_putn(struct dx *d, const char *s, size_t n, int ws);
/* Output text of our own after a space. */
void dx_kw(struct dx *d, const char *s);
/* Output text of our own, glued to what precedes (unless both are words). */
void dx_put(struct dx *d, const char *s);
/* Output text after which the next token takes no space. */
void dx_glue(struct dx *d, const char *s, int ws);
/* Start an output statement (they are separated by ";\n"). */
void dx_begin_stmt(struct dx *d);
/* Output a name of our own making, quoted if it must be. */
void dx_put_ident(struct dx *d, const char *name, int ws);
/* Output token i as PostgreSQL spells it, without rules of context. */
void dx_emit(struct dx *d, int i);
/* Output the tokens [a, b) with the rules for expressions. */
void dx_xlate(struct dx *d, int a, int b);
/* The end of an ORDER BY term or an index column at k. */
int dx_term_end(struct dx *d, int k, int b);
/* Add NULLS FIRST / LAST to the term [k, e) as SQLite sorts NULLs. */
void dx_nulls_suffix(struct dx *d, int k, int e);
/* A column's or a CAST's type in PostgreSQL's words; *integer: it is exactly INTEGER. */
int dx_map_type(struct dx *d, int a, int b, char *out, size_t size, int *integer);
/* The starts of the arguments of the call whose '(' is at open, its ')' in *close; how many. */
int dx_args_of(struct dx *d, int open, int b, int *arg, int max, int *close);
/* Tokenize sql into d->t (with PAD empty tokens after the last). */
int dx_tokenize(struct dx *d, const char *sql);
/* The script's statements (a trigger's body holds ';'). */
int dx_split(struct dx *d, struct stmt_range **out, int *nout);

#endif
