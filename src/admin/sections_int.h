/* sections_int.h: the vocabularies the forms of sections.c offer and their
 * handlers (documents.c, proceedings.c) check against: values and their
 * labels, in parallel.  Only those three files include it. */
#ifndef WITAN_ADMIN_SECTIONS_INT_H
#define WITAN_ADMIN_SECTIONS_INT_H

/* A meeting's attendance, and a recorded vote, list at most this many people. */
#define MAX_ATTENDEES 200

/* The roles of an uploaded document. */
extern const char *const roles[7];
extern const char *const role_labels[7];
/* Attendance statuses ("" first: not recorded). */
extern const char *const att_vals[6];
extern const char *const att_labs[6];
/* Kinds of declared interest. */
extern const char *const decl_vals[4];
extern const char *const decl_labs[4];
/* The results of a vote. */
extern const char *const vote_vals[4];
extern const char *const vote_labs[4];
/* How a member voted in a recorded vote ("" first: not recorded). */
extern const char *const pos_vals[5];
extern const char *const pos_labs[5];

#endif
