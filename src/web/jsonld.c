/* jsonld.c: schema.org Event JSON-LD for meeting pages, so search engines
 * and other software read the meeting's time, place, state and organizer.
 * Text goes out only through the JSON writer (util/json), whose strings
 * never hold '<' (written \u003c), so "</script>" cannot appear. */
#include "web/web.h"

#include <string.h>

#include "app.h"
#include "db/public.h"
#include "ui/layout.h"
#include "util/date.h"
#include "util/json.h"
#include "util/banned.h"

static const char *event_status(const char *state)
{
	if (strcmp(state, "cancelled") == 0)
		return "https://schema.org/EventCancelled";
	if (strcmp(state, "postponed") == 0)
		return "https://schema.org/EventPostponed";
	return "https://schema.org/EventScheduled";   /* scheduled, and held */
}

void jsonld_meeting(struct buf *b, const struct req *r, const struct meeting_row *m)
{
	const char *base_url = r->app->base_url;
	struct json_obj ev, place, addr, org;
	struct buf t = BUF_INIT;
	char end[17];

	buf_puts(b, "<script type=\"application/ld+json\">");
	json_begin(&ev, b);
	json_str(&ev, "@context", "https://schema.org");
	json_str(&ev, "@type", "Event");
	json_str(&ev, "name", m->name);
	date_put_iso_local(&t, m->start_at);
	json_str(&ev, "startDate", t.data);
	meeting_end_local(m, end);
	if (end[0]) {
		buf_reset(&t);
		date_put_iso_local(&t, end);
		json_str(&ev, "endDate", t.data);
	}
	json_str(&ev, "eventStatus", event_status(m->state));
	json_str(&ev, "eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode");
	if (m->location_name) {
		json_key(&ev, "location");
		json_begin(&place, b);
		json_str(&place, "@type", "Place");
		json_str(&place, "name", m->location_name);
		json_key(&place, "address");
		json_begin(&addr, b);
		json_str(&addr, "@type", "PostalAddress");
		json_str_opt(&addr, "streetAddress", m->location_street);
		json_str_opt(&addr, "addressLocality", m->location_locality);
		json_str_opt(&addr, "postalCode", m->location_postcode);
		json_str(&addr, "addressCountry", "GB");
		json_end(&addr);
		json_end(&place);
	}
	json_key(&ev, "organizer");
	json_begin(&org, b);
	json_str(&org, "@type", "Organization");
	json_str(&org, "name", m->organization_name);
	buf_reset(&t);
	buf_printf(&t, "%s/committees/%lld", base_url, (long long)m->organization_id);
	json_str(&org, "url", t.data);
	json_end(&org);
	buf_reset(&t);
	buf_printf(&t, "%s/meetings/%lld", base_url, (long long)m->id);
	json_str(&ev, "url", t.data);
	json_end(&ev);
	buf_puts(b, "</script>\n");
	if (t.err)
		b->err = t.err;
	buf_release(&t);
}
