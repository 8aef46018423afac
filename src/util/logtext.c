/* logtext.c: the publication log's texts (see logtext.h). */
#include "util/logtext.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/json.h"
#include "util/banned.h"

static void item_open(struct buf *b, int k, int64_t id)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", (long long)id);
	buf_puts(b, k ? ",[" : "[");
	json_stringify_string(b, num);
}

static void str(struct buf *b, const char *s)
{
	buf_putc(b, ',');
	json_stringify_string(b, s);
}

void logtext_agenda_item(struct buf *b, int k, int64_t id, const char *number, const char *title, int exempt,
			 const char *description_html)
{
	item_open(b, k, id);
	str(b, number);
	str(b, title);
	str(b, exempt ? "exempt" : "open");
	str(b, exempt ? NULL : description_html);
	buf_putc(b, ']');
}

void logtext_minutes_item(struct buf *b, int k, int64_t id, const char *number, const char *title,
			  const char *minutes_html, const char *decision_html)
{
	item_open(b, k, id);
	str(b, number);
	str(b, title);
	str(b, minutes_html);
	str(b, decision_html);
	buf_putc(b, ']');
}

void logtext_decision(struct buf *b, const char *title, const char *decided_on, const char *kind, const char *status,
		      const char *decision_html, const char *reasons_html, const char *alternatives_html)
{
	buf_putc(b, '[');
	json_stringify_string(b, title);
	str(b, decided_on);
	str(b, kind);
	str(b, status);
	str(b, decision_html);
	str(b, reasons_html);
	str(b, alternatives_html);
	buf_putc(b, ']');
}

void logtext_sha256(const struct buf *b, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)(b->data ? b->data : ""), b->len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void logtext_entry(struct buf *b, const char *event, const char *object, const char *sha, int paragraph,
		   const char *time)
{
	buf_printf(b, "witan-log/1\nevent %s\nobject %s\n", event, object);
	if (strcmp(event, "item-exempt") == 0)
		buf_printf(b, "paragraph %d\n", paragraph);
	else if (sha && *sha)
		buf_printf(b, "sha256 %s\n", sha);
	buf_printf(b, "time %s\n", time);
}
