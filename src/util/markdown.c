/* markdown.c: cmark-gfm rendering in safe mode (see markdown.h). */
#include "util/markdown.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "util/banned.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

char *markdown_to_html(const char *md, size_t len)
{
	/* CMARK_OPT_UNSAFE is never set: raw HTML and unsafe links are omitted. */
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	static const char *exts[] = { "table", "strikethrough", "autolink" };
	cmark_parser *parser = NULL;
	cmark_node *doc = NULL;
	char *html = NULL, *copy = NULL;

	pthread_once(&once, register_extensions);
	parser = cmark_parser_new(opts);
	if (!parser)
		goto out;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	cmark_parser_feed(parser, md ? md : "", md ? len : 0);
	doc = cmark_parser_finish(parser);
	if (!doc)
		goto out;
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(parser));
	if (html) {
		/* cmark allocates with its own allocator; hand back plain malloc. */
		copy = strdup(html);
		cmark_get_default_mem_allocator()->free(html);
	}
out:
	if (doc)
		cmark_node_free(doc);
	if (parser)
		cmark_parser_free(parser);
	return copy;
}
