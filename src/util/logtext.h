/* logtext.h: the texts of the publication log (docs/LOG.md): its entries,
 * and the canonical serializations whose SHA-256 an entry names, written
 * once for the log's writer (db/log.c) and its outside checker
 * (import/logcheck.c), so that both hash the same bytes.
 *
 * A serialization is a compact JSON array whose strings are written as
 * ECMAScript's JSON.stringify writes them (RFC 8785's rule: '"' and '\'
 * escaped, control characters as \b \f \n \r \t or \u00xx, nothing
 * else), so that JSON.stringify([...]) or Python's json.dumps(...,
 * ensure_ascii=False, separators=(',', ':')) writes the same bytes; NULL
 * is null, ids are strings. */
#ifndef WITAN_LOGTEXT_H
#define WITAN_LOGTEXT_H

#include <stdint.h>

#include "util/buf.h"

/* One agenda item of a published agenda, appended to the array being
 * built in b ("[" first; k: the items before it):
 * [id, number, title, "open" or "exempt", description HTML or null]. */
void logtext_agenda_item(struct buf *b, int k, int64_t id, const char *number, const char *title, int exempt,
			 const char *description_html);
/* One item of public minutes (not exempt):
 * [id, number, title, minutes HTML, decision HTML]. */
void logtext_minutes_item(struct buf *b, int k, int64_t id, const char *number, const char *title,
			  const char *minutes_html, const char *decision_html);
/* A decision record: [title, decided_on, kind, status, decision HTML,
 * reasons HTML, alternatives HTML]. */
void logtext_decision(struct buf *b, const char *title, const char *decided_on, const char *kind, const char *status,
		      const char *decision_html, const char *reasons_html, const char *alternatives_html);
/* SHA-256 of b's bytes, in lower-case hex. */
void logtext_sha256(const struct buf *b, char out[65]);

/* An entry: "witan-log/1", the event, the object, its content's SHA-256
 * (sha, or none when NULL or ""), or for "item-exempt" the paragraph, and
 * the time; appended to b. */
void logtext_entry(struct buf *b, const char *event, const char *object, const char *sha, int paragraph,
		   const char *time);

#endif
