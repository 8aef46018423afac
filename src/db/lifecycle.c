/* lifecycle.c: the transition table of a meeting's record (see
 * lifecycle.h).  The first rule whose machine, from, to and condition
 * match decides: allowed (no refusal) or refused with its message.  A
 * step that no rule matches is refused. */
#include "db/lifecycle.h"

#include <string.h>

#include "util/banned.h"

struct rule {
	enum life m;
	const char *from, *to;   /* '|'-separated values; "*" any */
	const char *when;        /* "agenda=a|b" or "minutes=a|b", or NULL */
	const char *refusal;     /* NULL: allowed */
};

static const struct rule rules[] = {
	{ LIFE_MEETING, "held", "cancelled|postponed", NULL,
	  "A meeting that has been held cannot be cancelled or postponed." },
	{ LIFE_MEETING, "*", "scheduled|held|cancelled|postponed", NULL, NULL },

	{ LIFE_AGENDA, "draft", "published", NULL, NULL },
	{ LIFE_AGENDA, "published", "published", NULL, "The agenda is already published." },
	{ LIFE_AGENDA, "published", "draft", "minutes=none|draft", NULL },
	{ LIFE_AGENDA, "published", "draft", NULL, "The minutes are published: unpublish them first." },
	{ LIFE_AGENDA, "draft", "draft", NULL, "The agenda is not published." },

	{ LIFE_MINUTES, "none|draft", "published", "agenda=published", NULL },
	{ LIFE_MINUTES, "none|draft", "published", NULL, "Publish the agenda before the minutes." },
	{ LIFE_MINUTES, "published|approved", "published", NULL, "The minutes are already published." },
	{ LIFE_MINUTES, "published", "approved", NULL, NULL },
	{ LIFE_MINUTES, "*", "approved", NULL, "Only published draft minutes can be approved." },
	{ LIFE_MINUTES, "published", "draft", NULL, NULL },
	{ LIFE_MINUTES, "*", "draft", NULL,
	  "Only published draft minutes can be unpublished; approved minutes are locked." },
};

/* 1 if v is one of the '|'-separated values of set ("*": any). */
static int in_set(const char *set, const char *v)
{
	size_t n = v ? strlen(v) : 0;

	if (strcmp(set, "*") == 0)
		return v != NULL;
	for (const char *p = set; v && *p;) {
		size_t k = strcspn(p, "|");
		if (k == n && strncmp(p, v, n) == 0)
			return 1;
		p += k + (p[k] == '|');
	}
	return 0;
}

static int holds(const char *when, const char *agenda, const char *minutes)
{
	if (!when)
		return 1;
	if (strncmp(when, "agenda=", 7) == 0)
		return in_set(when + 7, agenda);
	if (strncmp(when, "minutes=", 8) == 0)
		return in_set(when + 8, minutes);
	return 0;
}

const char *life_refusal(enum life m, const char *from, const char *to, const char *agenda,
			 const char *minutes)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct rule *r = &rules[i];
		if (r->m == m && in_set(r->from, from) && in_set(r->to, to) && holds(r->when, agenda, minutes))
			return r->refusal;
	}
	return "That is not a step the record allows.";
}
