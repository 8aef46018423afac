/* markdown.h: the old path of util/markdown.h, kept only so that
 * tests/unit/test_db.c and test_sanitize.c, which issue 12 leaves unchanged, still build.
 * Nothing in src/ includes it (scripts/check-layers.sh refuses it);
 * include "util/markdown.h". */
#ifndef WITAN_COMPAT_DOCS_MARKDOWN_H
#define WITAN_COMPAT_DOCS_MARKDOWN_H

#include "util/markdown.h"

#endif
