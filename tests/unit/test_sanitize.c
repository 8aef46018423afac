/* test_sanitize.c: unit tests for docs/sanitize (harvested HTML made safe):
 * scripts, handlers, styles and unsafe links go; structure stays; what
 * cmark-gfm makes of our own Markdown passes through unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "docs/markdown.h"
#include "docs/sanitize.h"
#include "util/buf.h"

static char *clean(const char *html)
{
	struct buf b = BUF_INIT;

	html_sanitize(&b, html);
	return b.data ? buf_detach(&b, NULL) : strdup("");
}

static void check(const char *in, const char *want)
{
	char *got = clean(in);
	assert_string_equal(got, want);
	free(got);
}

static void hostile_html(void **state)
{
	check("<p onclick=\"x()\">Hi<script>alert(1)</script></p>", "<p>Hi</p>");
	check("<SCRIPT src=//evil>alert(1)</SCRIPT>after", "after");
	check("<img src=x onerror=alert(1)>text", "text");
	check("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>");
	check("<a href=\"//evil.example/\">x</a>", "<a>x</a>");
	/* Browsers read these as "//evil.example/", another site. */
	check("<a href=\"/\\evil.example/\">x</a>", "<a>x</a>");
	check("<a href=\"/\t/evil.example/\">x</a>", "<a>x</a>");
	check("<a href=\"/\n/evil.example/\">x</a>", "<a>x</a>");
	check("<a href=\"/meetings/1\">x</a>", "<a href=\"/meetings/1\">x</a>");
	check("<a href='https://example.org/?a=1&amp;b=\"2\"'>x</a>", "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">x</a>");
	check("<style>body{display:none}</style><p>ok</p>", "<p>ok</p>");
	check("<iframe src=x></iframe><p>ok</p>", "<p>ok</p>");
	check("<!-- <script>x</script> --><p>ok</p>", "<p>ok</p>");
	check("<!-- raw HTML omitted -->x<!-- a--b -->", "<!-- raw HTML omitted -->x");
	check("a < b & c > d", "a &lt; b &amp; c &gt; d");
	check("Tom &amp; Jerry &#39;x&#x2019;", "Tom &amp; Jerry &#39;x&#x2019;");
	check("<p>unterminated <b", "<p>unterminated &lt;b");
	check("<svg><script>alert(1)</script></svg>ok", "ok");
	check("<P CLASS=x>Upper</P>", "<p>Upper</p>");
	/* Attributes are kept only on their tags and with values that pass. */
	check("<ol start=\"3\" type=\"a\"><li>x</li></ol>", "<ol start=\"3\"><li>x</li></ol>");
	check("<ol start=\"3;x\"><li>x</li></ol>", "<ol><li>x</li></ol>");
	check("<ul start=\"3\"></ul>", "<ul></ul>");
	check("<td align=\"center\" style=\"x\">1</td><td align=\"justify\">2</td>",
	      "<td align=\"center\">1</td><td>2</td>");
	check("<code class=\"visually-hidden\">x</code>", "<code>x</code>");
	check("<a title=\"&quot;x\" onclick=\"y()\" href=\"mailto:a@b.example\">x</a>",
	      "<a title=\"&quot;x\" href=\"mailto:a@b.example\">x</a>");
	check("<a href=\"javascript:x()\" href=\"/ok\">x</a>", "<a>x</a>");
	check("<a title='\"><script>'>x</a>", "<a title=\"&quot;&gt;&lt;script&gt;\">x</a>");
	check(NULL, "");
}

static void our_markdown_unchanged(void **state)
{
	static const char *const md[] = {
		"A paragraph with **bold**, *em*, ~~struck~~ and a [link](https://example.org/x?a=1&b=2).\n\n"
		"- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n## Heading\n\nline  \nbreak & <escaped>\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"The Victim Advice Line (VAL) was due to go live on 1 April 2019.\n\n---\n\n`code` and\n\n    block\n",
		/* The attributes cmark writes: a list's start, alignment, a code
		 * block's language, a link's title, a mailto: link. */
		"3. third\n4. fourth\n\n| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n```sql\nselect 1;\n```\n\n"
		"[minutes](/meetings/7 \"The \\\"draft\\\" minutes\") and [the clerk](mailto:clerk@example.org)\n",
	};
	for (size_t i = 0; i < sizeof(md) / sizeof(md[0]); i++) {
		char *html = markdown_to_html(md[i], strlen(md[i]));
		char *again;
		assert_non_null(html);
		again = clean(html);
		assert_string_equal(again, html);
		free(again);
		free(html);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_html),
		cmocka_unit_test(our_markdown_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
