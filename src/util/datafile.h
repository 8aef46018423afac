/* datafile.h: the data files under data/, compiled into the binary
 * (util/embed.h), in their two forms:
 *
 * Records (data/demo/demo-NAME.txt; demo-council.txt describes the format):
 *
 *   @kind key         starts a record (the key, unique, may be left out)
 *   field: value      a field of the record; a field may repeat
 *   <tab>more text    continues the field above on a new line (a blank
 *                     line between continuation lines is kept)
 *   # ...             a comment
 *
 * Lists (the .txt files of data/gen, see its README.md): one entry a line, each of a
 * fixed number of non-empty fields separated by " | "; blank lines and
 * lines starting '#' are not entries.
 *
 * A malformed file is an error naming the file and line.  Values within
 * fields can be cut further with df_next() and df_cols(): "a, b, c" lists
 * and "a | b | c" table rows. */
#ifndef WITAN_DATAFILE_H
#define WITAN_DATAFILE_H

#include <stddef.h>

#include "util/pool.h"

struct df_rec {
	const char *kind, *key, *file;  /* key "" if none */
	int line;
	size_t f0, nf;                  /* its fields: datafile.fields[f0..f0+nf-1] */
};

struct df_field {
	const char *key, *val;
};

/* The records of one or more files (zero-initialised to start). */
struct datafile {
	struct df_rec *recs;
	struct df_field *fields;
	size_t nrecs, nfields, arecs, afields;
	struct pool pool;
	char err[256];                  /* "FILE:LINE: what" after an error */
};

/* Add the records of the embedded file path, or of text (called name in
 * errors).  0, or -1 with df->err (out of memory too). */
int df_read(struct datafile *df, const char *path);
int df_read_text(struct datafile *df, const char *name, const char *text);
void df_release(struct datafile *df);
/* The record of kind (NULL: any) called key, or NULL. */
const struct df_rec *df_find(const struct datafile *df, const char *kind, const char *key);
/* The nth value of field key of r (NULL: none), or NULL. */
const char *df_getn(const struct datafile *df, const struct df_rec *r, const char *key, int n);
const char *df_get(const struct datafile *df, const struct df_rec *r, const char *key);

/* A list file: entry r's field k is DF_F(l, r, k). */
struct df_list {
	char path[64];
	char *text;                     /* the file, cut into fields */
	const char **f;
	int *line;                      /* entry r is on line line[r] */
	int n, nf;
};
#define DF_F(l, r, k) ((l)->f[(r) * (l)->nf + (k)])

/* Read the embedded list file path (or text, called path in errors) of
 * nf fields an entry (at least one entry).  0; -1, the file is malformed,
 * with "FILE:LINE: what" in err; or -2, out of memory.  Release l in
 * every case. */
int df_list_read(struct df_list *l, const char *path, int nf, char *err, size_t errlen);
int df_list_read_text(struct df_list *l, const char *path, const char *text, int nf, char *err, size_t errlen);
void df_list_release(struct df_list *l);
/* The first entry whose field k is s, or -1. */
int df_list_find(const struct df_list *l, int k, const char *s);

/* The next element of the list at *s, up to one of the characters seps,
 * trimmed of spaces, into out (size n); 0 at the end of the list. */
int df_next(const char **s, const char *seps, char *out, size_t n);
/* The columns of a row "a | b | c" into col[0..n-1] (the others empty);
 * how many there were. */
int df_cols(const char *s, char (*col)[512], int n);
/* How many elements the list "a, b, c" has; whether word is one of them. */
int df_count(const char *s);
int df_in(const char *s, const char *word);

#endif
