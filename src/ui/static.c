/* static.c: the embedded static assets (static/ in the source tree), with
 * the content hash that versions their links (see static.h). */
#include "ui/static.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "util/banned.h"

#define MAX_ASSETS 32

static struct asset assets[MAX_ASSETS];
static int nassets;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_assets(void)
{
	for (const struct embedded_file *f = embedded_files; f->name && nassets < MAX_ASSETS; f++) {
		char sha[65];
		if (strncmp(f->name, "static/", 7) != 0)
			continue;
		store_sha256_hex(f->data, f->len, sha);
		assets[nassets].file = f;
		snprintf(assets[nassets].version, sizeof(assets[nassets].version), "%.12s", sha);
		snprintf(assets[nassets].etag, sizeof(assets[nassets].etag), "\"%.12s\"", sha);
		nassets++;
	}
}

const struct asset *static_find(const char *name)
{
	pthread_once(&once, load_assets);
	for (int i = 0; i < nassets; i++)
		if (strcmp(assets[i].file->name + 7, name) == 0)
			return &assets[i];
	return NULL;
}

const char *static_version(const char *name)
{
	const struct asset *a = static_find(name);
	return a ? a->version : "";
}
