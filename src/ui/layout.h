/* layout.h: the page shell every HTML page shares (head, header with the
 * body's name, logo and colours, main navigation, breadcrumbs, skip link,
 * landmarks, footer) and small formatting helpers used across pages. */
#ifndef WITAN_LAYOUT_H
#define WITAN_LAYOUT_H

#include <stdint.h>

#include "http/req.h"

struct meeting_row;
struct file_row;

/* A breadcrumb; the last one is the current page (href may be NULL). */
struct crumb {
	const char *label;
	const char *href;
};

/* Sections of the main navigation, for aria-current. */
enum section { SEC_NONE, SEC_HOME, SEC_MEETINGS, SEC_COMMITTEES, SEC_PEOPLE, SEC_ADMIN, SEC_DECISIONS,
	SEC_FORWARD_PLAN };

/* Open the page: <head> with title "TITLE – BODY NAME", header, nav,
 * breadcrumbs (none if ncrumbs is 0), and <main>. */
void page_begin(struct req *r, enum section sec, const char *title,
		const struct crumb *crumbs, int ncrumbs);
/* The same with head_extra, raw trusted markup for <head> (our own feed
 * links, JSON-LD written by the JSON writer) or NULL. */
void page_begin_head(struct req *r, enum section sec, const char *title,
		     const struct crumb *crumbs, int ncrumbs, const char *head_extra);
/* The body's colours as the site shows them: each a valid hex colour of
 * its configuration, else the default (body may be NULL). */
struct body_row;
void layout_colours(const struct body_row *body, const char **primary, const char **accent);
/* The ?v= of /theme.css and /logo.svg: the colours themselves
 * ("1d4f73-ffdd00"), a hash of the logo; into out, which is returned. */
#define LAYOUT_VERSION_MAX 24
char *layout_theme_version(const struct body_row *body, char out[LAYOUT_VERSION_MAX]);
char *layout_logo_version(const char *svg, char out[LAYOUT_VERSION_MAX]);
/* Close <main> and write the footer. */
void page_end(struct req *r);

/* The site's error page for status (the route table's for every 4xx/5xx
 * but the API's, see routes/routes.c). */
void web_error_page(struct req *r, int status);

/* "West Mercia Police and Crime Panel – Monday 4 February 2019" as plain
 * text into b (not escaped: pass to %s). */
void meeting_label(struct buf *b, const struct meeting_row *m);
/* A meeting without an end time is shown as lasting this long. */
#define MEETING_DEFAULT_MINUTES 120
/* The meeting's end as local 'YYYY-MM-DD HH:MM' (out holds 17 bytes): its
 * end_at if later than its start, else the start plus the default (the
 * calendars of api/ical.c and the JSON-LD of web/jsonld.c). */
void meeting_end_local(const struct meeting_row *m, char out[17]);
/* Venue on one line: "Council Chamber, County Hall, Spetchley Road, Worcester WR5 2NP". */
void meeting_venue(struct buf *b, const struct meeting_row *m);
/* <time datetime="2019-02-04T11:00">Monday 4 February 2019, 11.00 am</time> */
void meeting_time(struct buf *b, const struct meeting_row *m);
/* A <strong class="tag ..."> for a meeting's state, or nothing if scheduled/held. */
void meeting_state_tag(struct buf *b, const struct meeting_row *m);
/* A document link: title, type and size, "(PDF, 120 KB)". */
void file_link(struct buf *b, const struct file_row *f);
/* A licence as HTML: a link (rel="license") named as licence_name() knows
 * it, else by its URL; a harvested licence that is not a URL as text. */
void licence_link(struct buf *b, const char *license);
/* The note an object with its own licence shows (pub_own_license): "This
 * WHAT is published under ..., not the licence of the rest of the record". */
void licence_note(struct buf *b, const char *what, const char *license);
struct cursor;
/* A documents section: <h2 id="documents"> heading, then the files of the
 * cursor as a list of file_link()s, or the paragraph none.  0, or -1 when
 * the cursor failed. */
int documents_section(struct buf *b, struct cursor *c, const char *heading, const char *none);
/* A value's human label: a map ends with { NULL, the label of any other
 * value (NULL included) }. */
struct label {
	const char *key, *text;
};
const char *label_of(const struct label *map, const char *key);
/* Human label of a file role ('front_sheet' -> "Agenda front sheet"). */
const char *file_role_label(const char *role);
/* Human label of a membership role ('vice_chair' -> "Vice-Chair"). */
const char *member_role_label(const char *role);
/* Human label of an attendance status. */
const char *attendance_label(const char *status);
/* Schedule 12A paragraph text (1..7), or NULL. */
const char *schedule12a_text(int paragraph);

#endif
