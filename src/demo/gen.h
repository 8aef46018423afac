/* gen.h: `witan gen`: a synthetic but realistic record of any size, for
 * tests and benchmarks (issue 4's search benchmark wants 20,000 meetings,
 * 200,000 items and 20,000 documents' text).  Deterministic for a seed. */
#ifndef WITAN_GEN_H
#define WITAN_GEN_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct store;

struct gen_opts {
	int meetings;          /* how many meetings to add */
	uint64_t seed;         /* 0: 1 */
	int progress;          /* 1: a progress bar on stderr */
};

/* Add committees, people, memberships and opts->meetings meetings with
 * agendas (5 to 15 items), minutes for those in the past, and a document
 * (the agenda pack) with one to six pages of text per meeting; one
 * meeting in four also has a one-page appendix on its first item of
 * business, and each committee's work programme for the year is one
 * document attached to the "Work Programme" item of each of its meetings
 * that has one.  The text reads like a borough council's, with a
 * Zipf-like spread of words.  Returns 0, or -1 with err set. */
int gen_record(struct db *db, struct store *st, const struct gen_opts *opts, char *err, size_t errlen);

#endif
