/*
 * unit-sanitize.c - unit tests for cgi/sanitize.c: attacks in many
 * spellings, broken nesting, what is kept and how, and the limits.
 * Each output is also checked to be valid UTF-8 and stable (sanitizing
 * it again changes nothing).  Prints TAP.
 */
#include "../cgi/post.h"
#include "../cgi/sanitize.h"
#include "../cgi/util.h"
#include "tap.h"

/* what sanitize.c writes around every table */
#define WRAP "<div class=\"table-wrap\" role=\"region\" aria-label=\"表格\" tabindex=\"0\">"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The sanitized HTML of s (malloc'ed), checked to be UTF-8 and stable. */
static char *sane(const char *s, size_t n)
{
	char *out = sanitize_html(s, n);
	char *again = sanitize_html(out, strlen(out));
	if (!utf8_valid(out, strlen(out)) || strcmp(out, again)) {
		diag("unstable or invalid: %s", out);
		diag("           again: %s", again);
		ok(0, "stable, valid output");
	}
	free(again);
	return out;
}

/* in gives exactly want. */
static void is_html(const char *in, const char *want, const char *what)
{
	char *out = sane(in, strlen(in));
	is_str(out, want, "%s", what);
	free(out);
}

static int has_ci(const char *s, const char *needle)
{
	size_t k = strlen(needle);
	for (; *s; s++)
		if (!strncasecmp(s, needle, k))
			return 1;
	return 0;
}

/* in gives none of the bad strings (any case) and all of the good ones. */
static void clean(const char *in, const char *const *bad, const char *const *good,
		  const char *what)
{
	char *out = sane(in, strlen(in));
	int fine = 1;
	for (; bad && *bad; bad++)
		if (has_ci(out, *bad))
			diag("has %s", *bad), fine = 0;
	for (; good && *good; good++)
		if (!strstr(out, *good))
			diag("lacks %s", *good), fine = 0;
	if (!fine)
		diag("output: %s", out);
	ok(fine, "%s", what);
	free(out);
}

static const char *const DANGER[] = {
	"<script", "javascript", "onerror", "onload", "onclick", "<iframe",
	"<svg", "<style", "<object", "<embed", "<!--", "data:", "vbscript",
	"<form", "<input", "<math", "<noscript", "<base", "<meta", "<link",
	"style=", "alert(1)</", NULL
};

static void scripts(void)
{
	is_html("<script>alert(1)</script>x", "x", "script dropped with its content");
	is_html("<ScRiPt>alert(1)</sCrIpT>x", "x", "script in mixed case");
	is_html("<SCRIPT SRC=http://x.example/x.js></SCRIPT>x", "x", "script with src");
	is_html("<script/src=//x.example/a.js></script>x", "x", "script/src=");
	is_html("<script\n>alert(1)</script\n>x", "x", "script with newlines in its tags");
	is_html("x<script>alert(1)", "x", "unclosed script");
	is_html("<script>document.write('<p>')</script>x", "x", "markup inside a script");
	clean("<scr<script>ipt>alert(1)</script>", DANGER,
	      (const char *const[]){"ipt&gt;", NULL}, "script split by script");
	clean("<<script>script>alert(1)</script>", DANGER, NULL, "<<script>");
	clean("<scr\0ipt>alert(1)</scr\0ipt>", DANGER, NULL, "a NUL in script");
	is_html("&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;script&gt;alert(1)&lt;/script&gt;", "escaped script stays text");
	is_html("<p>a<style>p{color:red}</style>b</p>", "<p>ab</p>", "style dropped");
	is_html("<template><script>alert(1)</script>t</template>x", "x", "template dropped");
	is_html("a<!-- <script>alert(1)</script> -->b", "ab", "comment dropped");
	is_html("a<!--[if IE]><script>alert(1)</script><![endif]-->b", "ab",
		"conditional comment dropped");
	clean("a<![CDATA[<script>alert(1)</script>]]>b", DANGER, NULL,
	      "CDATA outside foreign content");
	clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
	      DANGER, NULL, "noscript: the mXSS classic");
	is_html("<noscript><p>请<b>开启</b>脚本</p></noscript>", "请开启脚本",
		"noscript: its text only");
}

static void handlers(void)
{
	is_html("<img src=x onerror=alert(1)>", "", "img without an http(s) src dropped");
	is_html("<img src=\"https://a.example/b.png\" onerror=alert(1)>",
		"<img src=\"https://a.example/b.png\" loading=\"lazy\">",
		"onerror taken off an image");
	is_html("<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">", "", "IMG jav&#x09;ascript");
	is_html("<img src=\"https://a.example/x.png\" srcset=\"javascript:alert(1)\" "
		"ONLOAD=\"alert(1)\" style=\"x\">",
		"<img src=\"https://a.example/x.png\" loading=\"lazy\">",
		"srcset, ONLOAD, style dropped");
	is_html("<p onclick=\"alert(1)\" onmouseover=alert(1) id=x>t</p>", "<p>t</p>",
		"event handlers dropped");
	is_html("<div style=\"background:url(javascript:alert(1))\">x</div>",
		"<div>x</div>", "style attribute dropped");
	is_html("<body onload=alert(1)><p>x</p></body>", "<p>x</p>", "body onload");
	is_html("<svg onload=alert(1)>", "", "svg onload");
	is_html("<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\">"
		"<text>t</text></a></svg>x", "tx", "svg: its text, script dropped");
	is_html("<p>a<svg><foreignObject><p>b</p><img src=\"https://a.example/i.png\">"
		"</foreignObject></svg>c</p>", "<p>abc</p>",
		"svg: HTML in a foreignObject as text too");
	is_html("<math><mi>x</mi><mo>=</mo><mn>1</mn></math>", "x=1", "math: its text");
	clean("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	      DANGER, NULL, "math/style confusion");
	clean("<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
	      DANGER, NULL, "svg/style confusion");
	is_html("<iframe src=\"http://x.example/\">t</iframe>x", "x", "iframe dropped");
	is_html("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>", "",
		"iframe srcdoc dropped");
	is_html("<object data=\"x.swf\"><param name=a value=b>fallback</object>",
		"fallback", "object: its text kept");
	is_html("<embed src=\"x.swf\">x", "x", "embed dropped");
	is_html("<form action=\"/x\"><input name=q onfocus=alert(1) autofocus>"
		"<button onclick=alert(1)>Go</button></form>", "<div>Go</div>",
		"form: a div with the button's text");
	is_html("<select><option>a</option></select><textarea><b>t</b></textarea>",
		"&lt;b&gt;t&lt;/b&gt;", "select dropped, textarea's text kept");
	is_html("<base href=\"javascript:/\"><meta http-equiv=refresh content=\"0;url="
		"javascript:alert(1)\"><link rel=stylesheet href=x>x", "x",
		"base, meta, link dropped");
	clean("<isindex type=image src=1 onerror=alert(1)>", DANGER, NULL, "isindex");
	is_html("<frameset onload=alert(1)><frame src=x></frameset>x", "x", "frameset");
	is_html("<marquee onstart=alert(1)><b>m</b></marquee>", "m", "marquee: text only");
	is_html("<details open ontoggle=alert(1)><summary>s</summary>d</details>",
		"<div><div>s</div>d</div>", "details ontoggle");
}

static void urls(void)
{
	is_html("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "x", "JaVaScRiPt: link unwrapped");
	is_html("<a href=\" \t\n javascript:alert(1)\">x</a>", "x",
		"javascript: after spaces, tab, newline");
	is_html("<a href=\"java\tscr\nipt:alert(1)\">x</a>", "x", "tab and newline inside");
	is_html("<a href=\"&#106;avascript:alert(1)\">x</a>", "x", "&#106;avascript:");
	is_html("<a href=\"&#x6A;&#x61;vascript&#58;alert(1)\">x</a>", "x", "hex references");
	is_html("<a href=\"javascript&colon;alert(1)\">x</a>", "x", "&colon;");
	is_html("<a href=\"&#1;javascript:alert(1)\">x</a>", "x", "control character first");
	is_html("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
		"x", "data: link");
	is_html("<a href=\"vbscript:msgbox(1)\">x</a>", "x", "vbscript: link");
	is_html("<a href=\"mailto:a@b.example\">x</a>", "x", "mailto: link unwrapped");
	is_html("<a href=\"\">x</a><a>y</a>", "xy", "links without a target unwrapped");
	is_html("<img src=\"data:image/png;base64,AAAA\" alt=\"图\">", "图",
		"data: image: its alt text");
	is_html("<img src=\"/local.png\">", "", "relative image dropped");
	is_html("<a href=\"http://a.example/x?b=1&amp;c=2\" title=\"t\" target=_blank>x</a>",
		"<a href=\"http://a.example/x?b=1&amp;c=2\" title=\"t\" "
		"rel=\"noopener nofollow\">x</a>", "http link kept, rel added, target dropped");
	is_html("<a href=\"HTTPS://a.example/\" rel=\"opener\">x</a>",
		"<a href=\"HTTPS://a.example/\" rel=\"noopener nofollow\">x</a>",
		"HTTPS link, rel replaced");
	is_html("<a href=\"  /emnews/ \">x</a><a href=\"#top\">y</a><a href=\"../a.html\">z</a>",
		"<a href=\"/emnews/\" rel=\"noopener nofollow\">x</a>"
		"<a href=\"#top\" rel=\"noopener nofollow\">y</a>"
		"<a href=\"../a.html\" rel=\"noopener nofollow\">z</a>", "relative links kept");
	is_html("<a href=\"//a.example/x\">x</a><img src=\"//a.example/i.png\">",
		"<a href=\"//a.example/x\" rel=\"noopener nofollow\">x</a>"
		"<img src=\"//a.example/i.png\" loading=\"lazy\">", "protocol-relative kept");
	is_html("<a href=\"https://a.example/&quot;onmouseover=&quot;alert(1)\">x</a>",
		"<a href=\"https://a.example/&quot;onmouseover=&quot;alert(1)\" "
		"rel=\"noopener nofollow\">x</a>", "quotes in a URL stay inside it");
	is_html("<a href='https://a.example/' title='a\"b<c>'>x</a>",
		"<a href=\"https://a.example/\" title=\"a&quot;b&lt;c&gt;\" "
		"rel=\"noopener nofollow\">x</a>", "quotes in single-quoted attributes");
	is_html("<a href=https://a.example/ title=x\"y>x</a>",
		"<a href=\"https://a.example/\" title=\"x&quot;y\" rel=\"noopener nofollow\">x</a>",
		"unquoted attributes");
	is_html("<a href=\"https://a.example/\"><table><tr><td><a href=\"https://b.example/\">"
		"x</a></td></tr></table></a>",
		"<a href=\"https://a.example/\" rel=\"noopener nofollow\">" WRAP "<table><tbody><tr><td>"
		"x</td></tr></tbody></table></div></a>", "links do not nest");
}

static void structure(void)
{
	is_html("<p class=\"em_media\">（文章来源：南昌日报）</p>",
		"<p class=\"em_media\">（文章来源：南昌日报）</p>", "the 文章来源 line as it is");
	is_html("<p>一</p>\n <p>二&amp;三</p>\n", "<p>一</p>\n <p>二&amp;三</p>\n",
		"corpus paragraphs as they are");
	is_html("<b><i>x</b></i>", "<b><i>x</i></b>", "broken nesting mended");
	is_html("<b>1<p>2</b>3</p>", "<b>1</b><p><b>2</b>3</p>", "misnested b and p");
	is_html("<p><div>x", "<p></p><div>x</div>", "unclosed p and div");
	is_html("<p>a<p>b", "<p>a</p><p>b</p>", "paragraphs without end tags");
	is_html("<ul><li>a<li>b", "<ul><li>a</li><li>b</li></ul>", "unclosed list items");
	is_html("<table><tr><td>x", WRAP "<table><tbody><tr><td>x</td></tr></tbody></table></div>",
		"unclosed table");
	is_html("<table>t<tr><td>x</td></tr></table>",
		"t" WRAP "<table><tbody><tr><td>x</td></tr></tbody></table></div>",
		"stray text out of a table");
	is_html("<table><caption>c</caption><thead><tr><th colspan=2 rowspan=\"1\" "
		"width=9>h</th></tr></thead><tbody><tr><td colspan=\"2x\">d</td></tr></tbody>"
		"<tfoot><tr><td>f</td></tr></tfoot></table>",
		"<div class=\"table-wrap\" role=\"region\" aria-label=\"c\" tabindex=\"0\">"
		"<table><caption>c</caption><thead><tr><th colspan=\"2\" rowspan=\"1\">h</th>"
		"</tr></thead><tbody><tr><td>d</td></tr></tbody><tfoot><tr><td>f</td></tr>"
		"</tfoot></table></div>", "a whole table, named by its caption");
	is_html("<table><tr><td>营业收入</td><td> 1,234.5 </td><td>-3.2%</td><td>+12</td>"
		"<td>12亿元</td><td><b>7</b></td><th>9</th></tr></table>",
		WRAP "<table><tbody><tr><td>营业收入</td><td class=\"num\"> 1,234.5 </td>"
		"<td class=\"num\">-3.2%</td><td class=\"num\">+12</td><td>12亿元</td>"
		"<td class=\"num\"><b>7</b></td><th>9</th></tr></tbody></table></div>",
		"cells holding a number alone are marked num");
	is_html("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"><table><tr><td>x"
		"</td></tr></table></div><div class=\"table-wrap\">y</div>",
		WRAP "<table><tbody><tr><td>x</td></tr></tbody></table></div>y",
		"a table-wrap div is written again around its table, never twice");
	is_html("</p>x</div>", "<p></p>x", "stray end tags");
	is_html("<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>",
		"<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>", "headings");
	is_html("<strong>a</strong><em>b</em><u>c</u><s>d</s><sub>e</sub><sup>f</sup>"
		"<small>g</small><code>h</code>",
		"<strong>a</strong><em>b</em><u>c</u><s>d</s><sub>e</sub><sup>f</sup>"
		"<small>g</small><code>h</code>", "emphasis kept");
	is_html("<ol start=3 type=a><li>x</li></ol><blockquote cite=x><p>q</p></blockquote>",
		"<ol start=\"3\"><li>x</li></ol><blockquote><p>q</p></blockquote>",
		"ol start, blockquote");
	is_html("a<br>b<br/>c</br>d<hr noshade>", "a<br>b<br>c<br>d<hr>", "br and hr");
	is_html("<pre>\n\n  code\n</pre>", "<pre>\n\n  code\n</pre>",
		"pre keeps its leading newline");
	is_html("<center><font color=red face=x>居中</font></center>", "<div>居中</div>",
		"center becomes a div, font unwrapped");
	is_html("<section><article><h2>t</h2></article></section>",
		"<div><div><h2>t</h2></div></div>", "sections become divs");
	is_html("<xmp><b>raw</b></xmp>", "<pre>&lt;b&gt;raw&lt;/b&gt;</pre>", "xmp becomes pre");
	is_html("<strike>a</strike><del>b</del><ins>c</ins><tt>d</tt>",
		"<s>a</s><s>b</s><u>c</u><code>d</code>", "old names renamed");
	is_html("<span class=\"a b;c  d-1\" style=\"x\">s</span><div class=\"\">d</div>",
		"<span class=\"a d-1\">s</span><div>d</div>", "class names filtered");
	is_html("<h2 class=x id=y>h</h2>", "<h2>h</h2>", "no class on other elements");
	is_html("<o:p>w</o:p><custom-el x=1>c</custom-el><abbr title=t>a</abbr>", "wca",
		"unknown elements unwrapped");
	is_html("<img src=\"http://a.example/i.jpg\" alt=\"图&quot;\" title=t width=10 "
		"height=20px>",
		"<img src=\"http://a.example/i.jpg\" alt=\"图&quot;\" title=\"t\" width=\"10\" "
		"loading=\"lazy\">", "img attributes");
	is_html("a &amp; b &lt; c &gt; d \"e\" 'f' &nbsp;&copy;", "a &amp; b &lt; c &gt; d "
		"\"e\" 'f' \xc2\xa0\xc2\xa9", "text escaped");
	is_html("a\x01\x7f" "b\r\nc\td", "a\xef\xbf\xbd\xef\xbf\xbd" "b\nc\td",
		"control characters replaced, CR LF as LF");
	is_html("a&#x8D;b&#xFFFE;c&#xFDD0;d&#x80;e&#1;f", "abcd\xe2\x82\xac" "ef",
		"references to C1 controls, noncharacters left out; &#x80; is \xe2\x82\xac");
	is_html("<table><svg><desc><![CDATA[d]]>x", "x" WRAP "<table></table></div>",
		"CDATA in svg in a table (a gumbo assertion)");
	is_html("<p>a</p></body></html><p>b</p><body><html>",
		"<p>a</p><p>b</p>", "</body>, </html> and more after them");
	is_html("<title>t</title><meta charset=x><style>s</style><p>p</p>", "<p>p</p>",
		"head elements before the text");
	is_html("", "", "empty");
	char *s = sanitize_html(NULL, 0);
	is_str(s, "", "NULL is empty");
	free(s);
}

static void bytes(void)
{
	static const char bad[] = "<p t=\"\xff\">\xc3(\xed\xa0\x80\0x</p>";
	char *out = sane(bad, sizeof bad - 1);
	ok(utf8_valid(out, strlen(out)), "invalid UTF-8 and a NUL give valid UTF-8");
	ok(strstr(out, "\xef\xbf\xbd") != NULL, "as U+FFFD");
	free(out);
}

/* n copies of s. */
static char *repeat(const char *s, size_t n)
{
	size_t k = strlen(s);
	char *r = xmalloc(n * k + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(r + i * k, s, k);
	r[n * k] = '\0';
	return r;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (; (s = strstr(s, needle)); s++)
		n++;
	return n;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void limits(void)
{
	double t0 = now();
	char *in = repeat("<div>", 5000);
	struct buf b = {0};
	buf_adds(&b, in);
	buf_adds(&b, "深");
	char *out = sane(b.s, b.len);
	ok(count(out, "<div>") == 100 && count(out, "</div>") == 100,
	   "5000 nested divs: 100 written");
	ok(strstr(out, "深") != NULL, "the text at the bottom kept");
	free(out);
	free(in);
	buf_free(&b);

	in = repeat("<table><tr><td>", 6000);
	out = sane(in, strlen(in));
	ok(count(out, "<table>") <= 100, "6000 nested tables: parsed, freed, capped");
	free(out);
	free(in);

	in = repeat("<p><b>", 15000);  /* over the limit of start tags */
	out = sane(in, strlen(in));
	is_str(out, "", "too many tags: the text alone");
	free(out);
	free(in);
	in = repeat("<i>斜</i><script>alert(1)</script>&amp;&x", 12000);
	out = sane(in, strlen(in));
	ok(count(out, "斜") == 12000 && !strstr(out, "<") && !strstr(out, "alert") &&
	   count(out, "&amp;") == 24000, "too many tags: text, no tags, no script");
	free(out);
	free(in);

	/* Formatting elements reopened in each of many divs: a tree that
	 * grows as their product, cut short by the memory budget. */
	b = (struct buf){0};
	buf_adds(&b, "<div>");
	for (int i = 0; i < 2000; i++)
		buf_printf(&b, "<b id=%d>", i);
	buf_adds(&b, "</div>");
	for (int i = 0; i < 3000; i++)
		buf_adds(&b, "<div>x</div>");
	out = sane(b.s, b.len);
	ok(count(out, "x") == 3000 && !strstr(out, "<b"), "a formatting bomb: its text");
	free(out);
	buf_free(&b);
	double t = now() - t0;
	ok(t < 20, "the limits take little time (%.1f s)", t);
}

static void markdown(void)
{
	char *h = post_render_html("[x](javascript:alert(1)) ![a](javascript:alert(2)) "
				   "[y](https://a.example/)\n\n<script>alert(3)</script>\n");
	is_str(h, "<p>x a <a href=\"https://a.example/\" rel=\"noopener nofollow\">y</a></p>\n\n",
	       "Markdown links and raw HTML sanitized the same");
	free(h);
}

int main(void)
{
	scripts();
	handlers();
	urls();
	structure();
	bytes();
	limits();
	markdown();
	return done_testing();
}
