/* version.h: the version of witan, printed by `witan version` and recorded
 * in what it publishes (exports). */
#ifndef WITAN_VERSION_H
#define WITAN_VERSION_H

#define WITAN_VERSION "0.1.0"

#endif
