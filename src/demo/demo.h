/* demo.h: the demonstration record created by `witan init --demo`:
 * Worcestershire County Council hosting the West Mercia Police and Crime
 * Panel and its other committees, with the real seed agenda item
 * (../shared/examples/seed-agenda-item.txt) on its real meeting.
 *
 * Confidential and unpublished demo content carries marker words that
 * appear nowhere else, so that tests can sweep public surfaces for them:
 *   DEMO_EXEMPT_MARKER      in the exempt item's description, minutes,
 *                           decision and its report PDF
 *   DEMO_DRAFT_AGENDA_MARKER in the items of a meeting whose agenda is
 *                           still a draft
 *   DEMO_DRAFT_MINUTES_MARKER in the minutes of a held meeting whose
 *                           minutes are still a draft
 *   DEMO_INTERNAL_MARKER    in internal fields: see its definition
 * In the tables that is: DEMO_EXEMPT_MARKER in one agenda_item row (its
 * description, minutes and decision) and one decision row (the exempt
 * item's published decision record, which pub_decision must hide), and in
 * the text of the item's PDF once extracted; DEMO_DRAFT_AGENDA_MARKER in
 * agenda_item.description_* of one scheduled meeting with a draft agenda;
 * DEMO_DRAFT_MINUTES_MARKER in agenda_item.minutes_* of one held meeting
 * with draft minutes.  Nowhere else (tests/unit/test_demo.c sweeps every
 * table and public view).
 *
 * The environment variable WITAN_DEMO_TODAY=YYYY-MM-DD (2023 or later)
 * fixes "today" for reproducible screenshots and tests; with it, two runs
 * produce the same record and byte-identical PDFs.  Generated PDFs are
 * left with text_status 'pending' for the text extractor. */
#ifndef WITAN_DEMO_H
#define WITAN_DEMO_H

#include <stddef.h>

struct db;
struct store;

#define DEMO_EXEMPT_MARKER "Kestrel"
#define DEMO_DRAFT_AGENDA_MARKER "Heronsgate"
#define DEMO_DRAFT_MINUTES_MARKER "Larkspur"
/* In what is internal by decision (db/boundary.c): a member's e-mail
 * address and telephone, an unlisted meeting (its name, its item and the
 * item's text) and a reason for withdrawing an agenda, kept in the audit
 * log.  Nowhere public. */
#define DEMO_INTERNAL_MARKER "Wrenfield"

/* Create the demo record in an empty database, documents into st.
 * Dates of the ordinary meetings are relative to today (past and
 * upcoming); the seed meeting keeps its real date.  Returns 0, or -1 with
 * a message in err. */
int demo_create(struct db *db, struct store *st, char *err, size_t errlen);

#endif
