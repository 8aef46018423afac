/* licence.h: the licence of the published record (docs/DECISIONS.md,
 * "Licence"): the licences Witan knows by name, the default for a body's
 * region, and the checks on a licence given in a form, on the command
 * line or by a harvested source.
 *
 * A licence is named by its URL.  The body's setting (body.license) is
 * NULL for the default of its region: the Open Government Licence v3.0
 * in the UK, none elsewhere.  The public view pub_body gives the body's
 * effective licence (db/boundary.c, with LICENCE_OGL3 below); an object's
 * own license column is NULL when it is the body's. */
#ifndef WITAN_LICENCE_H
#define WITAN_LICENCE_H

#define LICENCE_OGL3 "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
#define LICENCE_CC_BY_4 "https://creativecommons.org/licenses/by/4.0/"
#define LICENCE_CC0_1 "https://creativecommons.org/publicdomain/zero/1.0/"

/* The longest licence kept, in bytes (a URL, or a harvested text). */
#define LICENCE_MAX 500

/* The default licence of a body in region (england, wales, scotland,
 * northern_ireland: LICENCE_OGL3; other or NULL: NULL). */
const char *licence_default(const char *region);

/* The name of a licence Witan knows ("Open Government Licence v3.0"),
 * whether its URL is written with http or https, with or without "www."
 * and a final slash; NULL for any other. */
const char *licence_name(const char *url);

/* 1 if s is a licence's URL as a setting takes it: http:// or https://
 * and a host, at most LICENCE_MAX bytes of printable ASCII without
 * spaces, quotes, angle brackets, backslashes or backticks. */
int licence_url_valid(const char *s);

/* 1 if s is a licence as a harvested object may give it: a URL as above,
 * or 1 to LICENCE_MAX bytes of UTF-8 text on one line (OParl types an
 * object's license as a string). */
int licence_text_ok(const char *s);

#endif
