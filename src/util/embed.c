/* embed.c: look-up in the table of embedded files (see embed.h). */
#include "util/embed.h"

#include <string.h>

#include "util/banned.h"

const struct embedded_file *embed_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
