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
	/* Entities are read as a browser reads them, and written as
	 * characters (but for & < > and "). */
	check("Tom &amp; Jerry &#39;x&#x2019;&nbsp;&copy", "Tom &amp; Jerry 'x\xe2\x80\x99\xc2\xa0\xc2\xa9");
	/* A tag cut short is no tag, as in a browser. */
	check("<p>unterminated <b", "<p>unterminated </p>");
	check("<svg><script>alert(1)</script></svg>ok", "ok");
	check("<P CLASS=x>Upper</P>", "<p>Upper</p>");
	/* Attributes are kept only on their tags and with values that pass. */
	check("<ol start=\"3\" type=\"a\"><li>x</li></ol>", "<ol start=\"3\"><li>x</li></ol>");
	check("<ol start=\"3;x\"><li>x</li></ol>", "<ol><li>x</li></ol>");
	check("<ul start=\"3\"></ul>", "<ul></ul>");
	check("<table><tr><td align=\"center\" style=\"x\">1</td><td align=\"justify\" colspan=2>2</td></table>",
	      "<table><tbody><tr><td align=\"center\">1</td><td colspan=\"2\">2</td></tr></tbody></table>");
	/* A cell outside a table is no cell (a browser ignores the tags). */
	check("<td align=\"center\">1</td>", "1");
	check("<code class=\"visually-hidden\">x</code>", "<code>x</code>");
	check("<a title=\"&quot;x\" onclick=\"y()\" href=\"mailto:a@b.example\">x</a>",
	      "<a title=\"&quot;x\" href=\"mailto:a@b.example\">x</a>");
	check("<a href=\"javascript:x()\" href=\"/ok\">x</a>", "<a>x</a>");
	check("<a title='\"><script>'>x</a>", "<a title=\"&quot;&gt;&lt;script&gt;\">x</a>");
	check(NULL, "");
}

/* What Word makes (ModernGov's agenda text and minutes): its classes,
 * styles, spans, Office elements and conditional comments go; paragraphs,
 * headings, emphasis, lists and tables stay. */
static void word_html(void **state)
{
	check("<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->"
	      "<div class=\"WordSection1\">\n<p class=MsoNormal style='margin-bottom:0cm'><span style='font-family:\"Arial\",sans-serif'>"
	      "To note the report.<o:p></o:p></span></p>\n<h2><span lang=EN-GB>Options</span></h2>"
	      "<p class=MsoNormal><b>Bold</b> and <i>italic</i>&nbsp;<o:p>&nbsp;</o:p></p></div>",
	      "\n<p>To note the report.</p>\n<h2>Options</h2><p><b>Bold</b> and <i>italic</i>\xc2\xa0\xc2\xa0</p>");
	/* Word's tables have no <tbody>: the parser adds it, as a browser does. */
	check("<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'>\n<tr style='height:12pt'>"
	      "<td width=200 valign=top><p class=MsoNormal>Ward</p></td><td><p class=MsoNormal>Votes</p></td></tr>\n"
	      "<tr><td>North<td>1,204</tr></table>",
	      "<table>\n<tbody><tr><td><p>Ward</p></td><td><p>Votes</p></td></tr>\n<tr><td>North</td><td>1,204</td></tr></tbody></table>");
	check("<ul style='margin-top:0cm' type=disc><li class=MsoNormal>one<li>two</ul><ol start=2><li>three</ol>",
	      "<ul><li>one</li><li>two</li></ul><ol start=\"2\"><li>three</li></ol>");
	check("<p class=MsoListParagraph><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp; </span></span>"
	      "<![endif]>First</p>",
	      "<p>1.\xc2\xa0 First</p>");
	check("<p><font face=Arial color=red>coloured</font> <v:shape id=x><v:imagedata src=y></v:imagedata></v:shape>end</p>",
	      "<p>coloured end</p>");
}

/* Malformed markup is read as a browser reads it, and what is stored
 * reads the same when parsed again. */
static void malformed(void **state)
{
	check("<b><i>both</b> italic?</i>", "<b><i>both</i></b><i> italic?</i>");
	check("<p>one<p>two", "<p>one</p><p>two</p>");
	check("<ul><li>a<li>b", "<ul><li>a</li><li>b</li></ul>");
	check("<table><tr><td>x</td></tr>text outside</table>", "text outside<table><tbody><tr><td>x</td></tr></tbody></table>");
	check("</p>stray", "<p></p>stray");
	check("<a href=/x>one<a href=/y>two</a>", "<a href=\"/x\">one</a><a href=\"/y\">two</a>");
	/* A <ul> may sit in a <button> in a <p>; without the button it may not
	 * (a parser would end the <p> there): it gives up its tags. */
	check("<p>a<button><ul><li>b</li></ul></button>c</p>", "<p>abc</p>");
	check("<a href=/x><marquee><a href=/y>in</a></marquee></a>", "<a href=\"/x\">in</a>");
	check("<h1><span><h2>sub</h2></span></h1>", "<h1>sub</h1>");
	/* A newline after <pre> is dropped by a parser; one that is content stays. */
	check("<pre>\n\ncode</pre>", "<pre>\n\ncode</pre>");
	check("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)");
	check("<p title=\"a\" title=\"b\" class=\"x\">t</p><math><mi>x</mi></math>", "<p>t</p>");
}

/* Markup nested deeper than a document ever is (an HTML parser's time
 * grows with the square of it) is reduced to its escaped text. */
static void nesting_bomb(void **state)
{
	struct buf in = BUF_INIT;

	for (int i = 0; i < 1000; i++)
		buf_puts(&in, "<ul><li>");
	buf_puts(&in, "deep & <b>bold</b>");
	check(in.data, "deep &amp; bold");
	buf_reset(&in);
	/* Elements that need no end tag do not count as nesting. */
	for (int i = 0; i < 1000; i++)
		buf_puts(&in, "<p>a<br>");
	{
		char *got = clean(in.data);
		assert_non_null(strstr(got, "<p>a<br /></p><p>a<br /></p>"));
		free(got);
	}
	buf_release(&in);
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
		cmocka_unit_test(word_html),
		cmocka_unit_test(malformed),
		cmocka_unit_test(nesting_bomb),
		cmocka_unit_test(our_markdown_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
