/* sanitize.h: the old path of util/sanitize.h, kept only so that
 * tests/unit/test_sanitize.c, which issue 12 leaves unchanged, still build.
 * Nothing in src/ includes it (scripts/check-layers.sh refuses it);
 * include "util/sanitize.h". */
#ifndef WITAN_COMPAT_DOCS_SANITIZE_H
#define WITAN_COMPAT_DOCS_SANITIZE_H

#include "util/sanitize.h"

#endif
