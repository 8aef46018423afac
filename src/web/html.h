/* html.h: the old path of ui/html.h, kept only so that
 * tests/unit/test_util.c, which issue 12 leaves unchanged, still build.
 * Nothing in src/ includes it (scripts/check-layers.sh refuses it);
 * include "ui/html.h". */
#ifndef WITAN_COMPAT_WEB_HTML_H
#define WITAN_COMPAT_WEB_HTML_H

#include "ui/html.h"

#endif
