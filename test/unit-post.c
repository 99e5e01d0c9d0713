/*
 * unit-post.c - unit tests for cgi/post.c with invented posts: file
 * names, front matter edge cases, dates, categories and tags, titles,
 * infoCode, source, body clean-up and summaries.  Prints TAP.
 */
#include "../cgi/date.h"
#include "../cgi/entry.h"
#include "../cgi/post.h"
#include "../cgi/util.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define SH "Asia/Shanghai"

/* A wire post: Markdown body, source autolink, two relative 返回 lines. */
static const char WIRE[] =
	"---\n"
	"layout: post\n"
	"title: \"沪指午后震荡走高 券商板块领涨\"\n"
	"date: 2021-12-08 10:39:43\n"
	"categories: emnews\n"
	"tags: 东财滚动新闻\n"
	"---\n"
	"\n"
	"截至午间收盘，沪指涨0.8%，深成指涨1.1%，创业板指涨1.3%。"
	"券商、保险板块涨幅居前。（测试财经）\n"
	"\n"
	"<http://finance.example.com/news/1345,202112080000000001.html>\n"
	"\n"
	"[返回东财滚动新闻](../emnews/)\n"
	"[返回首页](../)";
#define WIRE_NAME "2021-12-08-202112080000000001.md"
#define WIRE_TEXT "截至午间收盘，沪指涨0.8%，深成指涨1.1%，创业板指涨1.3%。" \
	"券商、保险板块涨幅居前。（测试财经）"

/* A paper post: raw HTML body, 文章来源, share link, absolute 返回 line. */
static const char PAPER[] =
	"---\n"
	"layout: post\n"
	"title: \"加快项目建设 园区产值再创新高\"\n"
	"date: 2022-01-10 07:48:36 +0800\n"
	"categories: NanChangRiBao\n"
	"tags: 南昌日报新闻\n"
	"---\n"
	"<p>今年以来，园区坚持“项目为王”，新签约项目三十个，总投资逾百亿元。</p>\n"
	" <p>记者走进新建成的智能车间，机器人正在有序作业&amp;调试。</p>"
	"<p class=\"em_media\">（文章来源：洪城晚报）</p>\n"
	"\n"
	"<http://news.example.com/html_News/NewsShare.html?infoCode=NW202201100000000002>\n"
	"\n"
	"[返回南昌日报新闻](//news.example.com/category/nanchangribao.html)"
	"｜[返回首页](//news.example.com/)\n";
#define PAPER_NAME "2022-01-10-NW202201100000000002.md"

/* Parse text (NUL-terminated) as file name; 0 on success. */
static int parse(const char *name, const char *text, struct post *p,
		 struct post_error *err)
{
	return post_parse(name, text, strlen(text), SH, p, err);
}

/* Parsing must fail with reason starting with why, at line. */
static void fails(const char *name, const char *text, int line,
		  const char *why, const char *what)
{
	struct post p;
	struct post_error err;
	int rc = parse(name, text, &p, &err);
	ok(rc == -1, "%s: fails", what);
	is_int(err.line, line, "  %s: error line", what);
	ok(!strncmp(err.reason, why, strlen(why)), "  %s: reason '%s'", what,
	   err.reason);
	if (rc == 0)
		post_free(&p);
}

/* Parsing must succeed with a warning starting with why, at line. */
static void warns(const char *name, const char *text, int line,
		  const char *why, const char *what)
{
	struct post p;
	struct post_error err;
	int rc = parse(name, text, &p, &err);
	ok(rc == 0, "%s: parses (%s)", what, rc ? err.reason : "");
	if (rc)
		return;
	is_int(p.warning_line, line, "  %s: warning line", what);
	ok(p.warning && !strncmp(p.warning, why, strlen(why)),
	   "  %s: warning '%s'", what, p.warning ? p.warning : "(none)");
	post_free(&p);
}

/* The categories or tags joined by ",". */
static char *joined(const struct strlist *l)
{
	struct buf b = {0};
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(&b, ',');
		buf_adds(&b, l->v[i]);
	}
	return buf_steal(&b);
}

static void is_list(const struct strlist *l, const char *want,
		    const char *what)
{
	char *got = joined(l);
	is_str(got, want, "%s", what);
	free(got);
}

static int64_t instant(const char *s)
{
	int64_t t = 0;
	int off;
	date_parse(s, "UTC", &t, &off);
	return t;
}

static int contains(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

/* Count code points. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A post made of front matter fm and body, under a fixed name. */
static char *make_post(const char *fm, const char *body)
{
	struct buf b = {0};
	buf_printf(&b, "---\n%s---\n%s", fm, body);
	return buf_steal(&b);
}

/* ---- file names ---------------------------------------------------------- */

static void name_ok(const char *name, const char *day, const char *slug)
{
	char d[11] = "";
	char *s = NULL;
	ok(post_filename(name, d, &s) == 1, "post file name %s", name);
	is_str(d, day, "  its date");
	is_str(s, slug, "  its slug");
	free(s);
}

static void name_bad(const char *name)
{
	char d[11] = "";
	char *s = NULL;
	ok(post_filename(name, d, &s) == 0 && s == NULL, "not a post: '%s'",
	   name ? name : "(null)");
	free(s);
}

static void test_filenames(void)
{
	name_ok("2021-12-08-202112080000000001.md", "2021-12-08",
		"202112080000000001");
	name_ok("2022-01-10-NW202201100000000002.markdown", "2022-01-10",
		"NW202201100000000002");
	name_ok("2021-12-01-kaizhan.html", "2021-12-01", "kaizhan");
	name_ok("2021-12-01-a.b.md", "2021-12-01", "a.b");
	name_ok("2024-02-29-leap-day.md", "2024-02-29", "leap-day");
	name_ok("2021-12-01-开站.md", "2021-12-01", "开站");
	ok(post_filename("2021-12-01-x.md", NULL, NULL) == 1,
	   "date and slug may be NULL");
	name_bad(NULL);
	name_bad("");
	name_bad(".2021-12-08-hidden.md");
	name_bad("._2021-12-08-x.md");
	name_bad("_2021-12-08-draft.md");
	name_bad("2021-12-08-notes.txt");
	name_bad("2021-12-08-notes.md~");
	name_bad("2021-12-08-notes.MD");
	name_bad("2021-12-08-notes");
	name_bad("2021-12-08-.md");
	name_bad("2021-12-08.md");
	name_bad("2021-12-8-x.md");
	name_bad("2021-12-08x.md");
	name_bad("21-12-08-x.md");
	name_bad("2021-02-29-x.md");
	name_bad("2021-13-01-x.md");
	name_bad("2021-12-32-x.md");
	name_bad("x.md");
	name_bad("README.md");
	name_bad("_posts/2021-12-08-x.md");
	name_bad("2021-12-08-bad\xff.md");
	name_bad("2021-12-08-tab\there.md");
}

/* ---- the two sample posts ------------------------------------------------ */

static void test_wire(void)
{
	struct post p;
	struct post_error err;
	ok(parse(WIRE_NAME, WIRE, &p, &err) == 0, "wire post parses");
	is_str(p.slug, "202112080000000001", "wire: slug");
	is_str(p.title, "沪指午后震荡走高 券商板块领涨", "wire: title");
	is_str(p.layout, "post", "wire: layout");
	is_int(p.published, instant("2021-12-08 10:39:43 +0800"),
	       "wire: date in Asia/Shanghai");
	is_int(p.utc_offset, 480, "wire: zone's offset");
	is_str(p.day, "2021/12/08", "wire: day");
	is_list(&p.categories, "emnews", "wire: categories");
	is_list(&p.tags, "东财滚动新闻", "wire: tags");
	is_str(p.info_code, "NW202112080000000001", "wire: infoCode from slug");
	is_str(p.source_url,
	       "http://finance.example.com/news/1345,202112080000000001.html",
	       "wire: source url");
	is_str(p.source_name, NULL, "wire: no source line: no source named, "
	       "not the tag");
	is_str(p.body_md, WIRE_TEXT "\n", "wire: body is the paragraph only");
	is_str(p.body_html, "<p>" WIRE_TEXT "</p>\n", "wire: body html");
	is_str(p.summary, WIRE_TEXT, "wire: short summary, no ellipsis");
	ok(contains(p.front_matter, "categories: emnews\n") &&
	   !contains(p.front_matter, "---"), "wire: raw front matter");
	ok(p.warning == NULL, "wire: no warning");
	post_free(&p);
	ok(p.title == NULL && p.body_md == NULL, "post_free clears the post");
	post_free(&p);
}

static void test_paper(void)
{
	struct post p;
	struct post_error err;
	ok(parse(PAPER_NAME, PAPER, &p, &err) == 0, "paper post parses");
	is_str(p.title, "加快项目建设 园区产值再创新高", "paper: title");
	is_int(p.published, 1641772116, "paper: instant");
	is_int(p.utc_offset, 480, "paper: written offset");
	is_str(p.day, "2022/01/10", "paper: day");
	is_list(&p.categories, "nanchangribao", "paper: category lowercased");
	is_list(&p.tags, "南昌日报新闻", "paper: tags as written");
	is_str(p.info_code, "NW202201100000000002", "paper: infoCode");
	ok(p.source_url == NULL, "paper: share link is not a source");
	is_str(p.source_name, "洪城晚报", "paper: source from 文章来源");
	ok(contains(p.body_md, "（文章来源：洪城晚报）"), "paper: 文章来源 kept");
	ok(!contains(p.body_md, "返回"), "paper: 返回 links gone");
	ok(!contains(p.body_md, "NewsShare"), "paper: share link gone");
	ok(p.body_md && p.body_md[strlen(p.body_md) - 1] == '\n' &&
	   p.body_md[strlen(p.body_md) - 2] == '>', "paper: no trailing blanks");
	ok(contains(p.body_html, "<p class=\"em_media\">"),
	   "paper: raw HTML kept in body_html");
	ok(!contains(p.body_html, "raw HTML omitted"), "paper: nothing omitted");
	ok(!contains(p.summary, "<") && !contains(p.summary, ">"),
	   "paper: summary without tags");
	ok(contains(p.summary, "有序作业&调试"), "paper: entity decoded");
	ok(contains(p.summary, "百亿元。 记者"), "paper: paragraphs spaced");
	ok(!contains(p.summary, "&amp;"), "paper: no raw entity");
	post_free(&p);
}

/* The wire post with CRLF, a BOM and blank lines first. */
static void test_bom_crlf(void)
{
	struct buf b = {0};
	buf_adds(&b, "\xef\xbb\xbf\r\n  \r\n");
	for (const char *s = WIRE; *s; s++) {
		if (*s == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, *s);
	}
	struct post p;
	struct post_error err;
	ok(post_parse(WIRE_NAME, b.s, b.len, SH, &p, &err) == 0,
	   "BOM, CRLF and blank lines first: parses");
	is_str(p.title, "沪指午后震荡走高 券商板块领涨", "  title");
	is_str(p.body_md, WIRE_TEXT "\n", "  body without CRs");
	ok(!contains(p.front_matter, "\r"), "  front matter without CRs");
	is_str(p.source_url,
	       "http://finance.example.com/news/1345,202112080000000001.html",
	       "  source url");
	post_free(&p);
	/* A YAML error is reported on the file's line, blank lines counted. */
	buf_free(&b);
	buf_adds(&b, "\xef\xbb\xbf\r\n\r\n---\r\ntitle: ok\r\n  bad: [\r\n---\r\n");
	fails("2021-12-08-x.md", b.s, 5, "YAML error: ", "YAML error after CRLF");
	buf_free(&b);
}

/* ---- front matter -------------------------------------------------------- */

static void test_front_matter(void)
{
	fails("2021-12-08-x.md", "\n\n---\ntitle: 未完\n正文\n", 3,
	      "unterminated front matter", "unterminated front matter");
	fails("2021-12-08-x.md", "---\ntitle: 未完\n", 1,
	      "unterminated front matter", "front matter to the end");
	fails("2021-12-08-x.md", "正文而已\n", 1, "no front matter",
	      "no front matter");
	fails("2021-12-08-x.md", "", 1, "no front matter", "empty file");
	fails("2021-12-08-x.md", "--- x\ntitle: t\n---\n", 1,
	      "no front matter", "opening line with text");
	fails("2021-12-08-x.md",
	      "---\nlayout: post\ntitle: ok\n  date: 2021-12-08\n---\n", 4,
	      "YAML error: mapping values are not allowed", "YAML error line");
	fails("2021-12-08-x.md",
	      "\n---\nlayout: post\ntags: [a, b\ntitle: x\n---\n", 5,
	      "YAML error: ", "unclosed flow sequence");
	fails("2021-12-08-x.md", "---\n- 一\n- 二\n---\n", 2,
	      "front matter is not a mapping", "a list is not front matter");
	fails("2021-12-08-x.md", "---\njust text\n---\n", 2,
	      "front matter is not a mapping", "a scalar is not front matter");

	struct post p;
	struct post_error err;
	ok(parse("2021-12-08-empty.md", "---\n---\n正文。\n", &p, &err) == 0,
	   "empty front matter parses");
	is_str(p.front_matter, "", "  front matter text empty");
	ok(p.layout == NULL && p.categories.n == 0 && p.tags.n == 0,
	   "  no layout, categories or tags");
	is_str(p.day, "2021/12/08", "  date from the file name");
	post_free(&p);

	ok(parse("2021-12-08-dots.md", "---\ntitle: 点结尾\n...\n正文\n", &p,
		 &err) == 0, "front matter closed by '...'");
	is_str(p.title, "点结尾", "  title");
	is_str(p.body_md, "正文\n", "  body");
	post_free(&p);

	ok(parse("2021-12-08-sp.md", "--- \ntitle: 空格\n---  \n正文\n", &p,
		 &err) == 0, "markers with trailing blanks");
	is_str(p.title, "空格", "  title");
	post_free(&p);

	ok(parse("2021-12-08-nobody.md", "---\ntitle: 无正文\n---", &p,
		 &err) == 0, "no body at all");
	is_str(p.body_md, "", "  body empty");
	is_str(p.summary, "", "  summary empty");
	post_free(&p);

	char *text = make_post("title: 其他键\nauthor: 张记者\nsource_id: 42\n"
			       "extra:\n  - 一\n  - 二\n", "正文\n");
	ok(parse("2021-12-08-keys.md", text, &p, &err) == 0, "extra keys");
	ok(contains(p.front_matter, "author: 张记者\n") &&
	   contains(p.front_matter, "source_id: 42\n") &&
	   contains(p.front_matter, "extra:\n  - 一\n  - 二\n"),
	   "  every key kept in front_matter");
	ok(p.layout == NULL, "  no layout");
	post_free(&p);
	free(text);
}

static void test_utf8(void)
{
	fails("2021-12-08-x.md", "---\ntitle: 好\n---\n正文\n第二行\xff\n", 5,
	      "invalid UTF-8", "bad byte in the body");
	fails("2021-12-08-x.md", "---\ntitle: \xc0\xaf\n---\n正文\n", 2,
	      "invalid UTF-8", "overlong sequence in the front matter");
	fails("2021-12-08-x.md", "---\ntitle: t\n---\n\xe4\xb8\n", 4,
	      "invalid UTF-8", "truncated sequence at the end");
	fails("2021-12-08-x.md", "---\ntitle: t\n---\n\xed\xa0\x80\n", 4,
	      "invalid UTF-8", "a surrogate");
	static const char nul[] = "---\ntitle: t\n---\na\0b\n";
	struct post p;
	struct post_error err;
	ok(post_parse("2021-12-08-x.md", nul, sizeof nul - 1, SH, &p, &err)
	   == -1 && err.line == 4, "a NUL byte is refused (line %d)", err.line);
	ok(post_parse("x.md", "", 0, SH, &p, &err) == -1, "nothing at all");
	ok(post_parse("2021-12-08-x.md", NULL, 0, SH, &p, &err) == -1,
	   "NULL data");
}

/* ---- dates --------------------------------------------------------------- */

/* Parse a post with fm under name; check instant, offset and day. */
static void date_case(const char *name, const char *fm, int64_t t, int off,
		      const char *day, const char *what)
{
	char *text = make_post(fm, "正文。\n");
	struct post p;
	struct post_error err;
	int rc = parse(name, text, &p, &err);
	ok(rc == 0, "%s: parses (%s)", what, rc ? err.reason : "");
	if (rc == 0) {
		is_int(p.published, t, "  %s: instant", what);
		is_int(p.utc_offset, off, "  %s: offset", what);
		is_str(p.day, day, "  %s: day", what);
		post_free(&p);
	}
	free(text);
}

static void test_dates(void)
{
	date_case("2021-12-08-a.md", "date: 2021-12-08 23:30:00 +0000\n",
		  instant("2021-12-08 23:30:00 +0000"), 0, "2021/12/09",
		  "UTC evening is the next day in Shanghai");
	date_case("2021-12-09-a.md", "date: 2021-12-09 07:30:00 +0800\n",
		  instant("2021-12-08 23:30:00 +0000"), 480, "2021/12/09",
		  "same instant written at +0800");
	date_case("2021-12-09-a.md", "date: 2021-12-09T01:00:00+09:00\n",
		  instant("2021-12-08 16:00:00 +0000"), 540, "2021/12/09",
		  "ISO date at +09:00");
	date_case("2021-12-09-a.md", "date: '2021-12-09 00:10:00 +0900'\n",
		  instant("2021-12-08 15:10:00 +0000"), 540, "2021/12/08",
		  "Tokyo just after midnight is still the day before");
	/* Jekyll's permalink day: a plain date without an offset is UTC
	 * to SafeYAML; the shown instant stays the time as written. */
	date_case("2021-12-08-a.md", "date: 2021-12-08 23:59:59\n",
		  instant("2021-12-08 15:59:59 +0000"), 480, "2021/12/09",
		  "no offset: Shanghai time shown, Jekyll's next day in the URL");
	date_case("2021-12-08-a.md", "date: 2021-12-08 15:59:59\n",
		  instant("2021-12-08 07:59:59 +0000"), 480, "2021/12/08",
		  "no offset, 15:59:59: the same day");
	date_case("2021-12-08-a.md", "date: 2021-12-08 16:00:00\n",
		  instant("2021-12-08 08:00:00 +0000"), 480, "2021/12/09",
		  "no offset, 16:00:00: the next day");
	date_case("2021-12-08-a.md", "date: 2021-12-08 20:30:00\n",
		  instant("2021-12-08 12:30:00 +0000"), 480, "2021/12/09",
		  "no offset, 20:30: the next day");
	date_case("2021-12-31-a.md", "date: 2021-12-31 18:00:00\n",
		  instant("2021-12-31 10:00:00 +0000"), 480, "2022/01/01",
		  "no offset, New Year's Eve: the next year");
	date_case("2021-12-08-a.md", "date: 2021-12-08T20:30:00\n",
		  instant("2021-12-08 12:30:00 +0000"), 480, "2021/12/09",
		  "ISO without an offset: UTC to SafeYAML too");
	date_case("2021-12-08-a.md", "date: 2021-12-08 20:30:00 +0800\n",
		  instant("2021-12-08 12:30:00 +0000"), 480, "2021/12/08",
		  "+0800: the day as written");
	date_case("2021-12-09-a.md", "date: 2021-12-09T20:15:00Z\n",
		  instant("2021-12-09 20:15:00 +0000"), 0, "2021/12/10",
		  "Z: the instant, in Shanghai");
	date_case("2021-12-08-a.md", "date: \"2021-12-08 20:30:00\"\n",
		  instant("2021-12-08 12:30:00 +0000"), 480, "2021/12/08",
		  "quoted: a string, which Ruby reads in the site's zone");
	date_case("2021-12-08-a.md", "date: 2021-12-08 20:30\n",
		  instant("2021-12-08 12:30:00 +0000"), 480, "2021/12/08",
		  "no seconds: not a YAML time, read in the site's zone");
	date_case("2021-12-10-a.md", "date: 2021-12-10\n",
		  instant("2021-12-09 16:00:00 +0000"), 480, "2021/12/10",
		  "a day alone: that day");
	date_case("2021-12-08-a.md", "date: \"2021-12-08\"\n",
		  instant("2021-12-07 16:00:00 +0000"), 480, "2021/12/08",
		  "a day alone, quoted");
	date_case("2021-12-08-a.md", "title: 无日期\n",
		  instant("2021-12-07 16:00:00 +0000"), 480, "2021/12/08",
		  "no date: the file name's, midnight");
	date_case("2021-12-08-a.md", "date:\n",
		  instant("2021-12-07 16:00:00 +0000"), 480, "2021/12/08",
		  "blank date: the file name's");
	date_case("2021-12-08-a.md", "date: \"  \"\n",
		  instant("2021-12-07 16:00:00 +0000"), 480, "2021/12/08",
		  "spaces only: the file name's");
	date_case("202205262391921712.md", "title: 无\n",
		  instant("2022-05-25 16:00:00 +0000"), 480, "2022/05/26",
		  "no name date: the news id's");
	date_case("brief-NW202205262391921712.md", "title: 无\n",
		  instant("2022-05-25 16:00:00 +0000"), 480, "2022/05/26",
		  "news id after a prefix");
	date_case("2021-12-08-a.md", "date: 2022-01-10 07:48 +08:00\n",
		  1641772080, 480, "2022/01/10", "minutes only, front matter wins");

	struct post p;
	struct post_error err;
	char *text = make_post("date: 2021-07-01 12:00:00\n", "正文\n");
	ok(post_parse("2021-07-01-ny.md", text, strlen(text),
		      "America/New_York", &p, &err) == 0, "New York site");
	is_int(p.utc_offset, -240, "  summer offset of the site zone");
	is_str(p.day, "2021/07/01", "  day in the site zone");
	post_free(&p);
	free(text);

	fails("notes.md", "---\ntitle: 无日期\n---\n正文\n", 1, "no date",
	      "no date anywhere");
	fails("id-12345678901234567.md", "---\ntitle: t\n---\n", 1, "no date",
	      "17 digits are not a news id");
	fails("2022139912345678901.md", "\n---\ntitle: t\n---\n", 2, "no date",
	      "a news id with a bad month");
	/* A bad date is a warning when the name gives a day. */
	warns("2021-12-08-x.md", "---\ntitle: t\ndate: 2021-13-01\n---\n", 3,
	      "bad date: 2021-13-01; dated by its file name", "month 13");
	warns("2021-12-08-x.md", "---\ntitle: t\ndate: 2021-02-29 10:00\n---\n",
	      3, "bad date: 2021-02-29 10:00; dated by its file name",
	      "no leap day in 2021");
	warns("-202205262391921712.md", "---\ntitle: t\ndate: \" +0800\"\n---\n",
	      3, "bad date: +0800; dated by the news id in its file name",
	      "an offset alone, no date in the name: the news id's");
	warns("202205262391921712.md", "---\ntitle: t\n---\n", 1,
	      "no date; dated by the news id in its file name",
	      "no date anywhere but the news id");
	fails("x.md", "---\ntitle: t\ndate: 2021-13-01\n---\n", 3,
	      "bad date: 2021-13-01", "month 13, nothing in the name");
	fails("notes.md", "---\ndate: 昨天下午\n---\n", 2,
	      "bad date: 昨天下午", "words are no date");
	fails("notes.md",
	      "---\ntitle: t\ndate: 2021-12-08 10:00:00 +0800 北京时间\n---\n",
	      3, "bad date: ", "trailing garbage");
	fails("notes.md", "---\ndate: [2021-12-08]\n---\n", 2,
	      "bad date: ", "a list is no date");
}

/* ---- entries: the folder and the front matter as Jekyll saw them -------- */

/* Derive text read from folder under name; check day and date_only. */
static void entry_case(const char *folder, const char *name, const char *text,
		       const char *day, int date_only, const char *warning,
		       const char *what)
{
	struct entry e;
	struct post p;
	struct post_error err;
	ok(source_jekyll_read(name, folder, text, strlen(text), &e, &err) == 0,
	   "%s: read", what);
	int rc = post_derive(&e, SH, &p, &err);
	ok(rc == 0, "  %s: derived (%s)", what, rc ? err.reason : "");
	if (rc == 0) {
		is_str(p.day, day, "  %s: permalink day", what);
		is_int(p.date_only, date_only, "  %s: date only", what);
		ok(warning ? p.warning && strstr(p.warning, warning) : !p.warning,
		   "  %s: warning '%s'", what, p.warning ? p.warning : "(none)");
		post_free(&p);
	}
	entry_free(&e);
}

static void test_entries(void)
{
	const char *late = "---\ntitle: t\ndate: 2021-12-08 20:30:00\n---\n正文\n";
	const char *late8 = "---\ntitle: t\ndate: 2021-12-08 20:30:00 +0800\n---\n正文\n";
	entry_case("_posts", "2021-12-08-a.md", late, "2021/12/09", 0, NULL,
		   "_posts/, no offset, 20:30");
	entry_case("old_post", "2021-12-08-a.md", late8, "2021/12/09", 0, NULL,
		   "old_post/, +0800 added on archiving: the day it had in _posts/");
	entry_case("_posts", "2021-12-08-a.md", late8, "2021/12/08", 0, NULL,
		   "_posts/, +0800: the day as written");
	entry_case("old_post", "2021-12-08-a.md",
		   "---\ntitle: t\ndate: 2021-12-08 20:30:00 +0900\n---\n正文\n",
		   "2021/12/08", 0, NULL, "old_post/, another offset: as written");
	entry_case("_posts", "2021-12-10-a.md",
		   "---\ntitle: t\ndate: 2021-12-10\n---\n正文\n", "2021/12/10", 1,
		   NULL, "a day alone has no time");
	entry_case("_posts", "2021-12-10-a.md", "---\ntitle: t\n---\n正文\n",
		   "2021/12/10", 1, NULL, "the file name's day has no time");
	entry_case("_posts", "2021-12-08-a.md", "\n---\ntitle: t\ncategories: x\n"
		   "date: 2021-12-08 20:30:00\n---\n正文\n", "2021/12/09", 0,
		   "Jekyll did not see it and published the file at /2021/12/08/a.html",
		   "a blank line before the front matter");

	struct entry e;
	struct post_error err;
	ok(source_jekyll_read("2021-12-08-a.md", "_posts", late, strlen(late), &e,
			      &err) == 0 && e.fm_seen && e.fm_line == 1 &&
	   !strcmp(e.format, "markdown") && !strcmp(e.body, "正文\n") &&
	   !strcmp(e.front_matter, "title: t\ndate: 2021-12-08 20:30:00\n"),
	   "an entry holds the raw front matter and body");
	entry_free(&e);
	ok(source_jekyll_refuses("2021-12-08-a.md") == NULL &&
	   source_jekyll_refuses("-202205262391921712.md") == NULL &&
	   source_jekyll_refuses("hello-world.md") != NULL &&
	   source_jekyll_refuses(".2021-12-08-a.md.swp") != NULL &&
	   source_jekyll_refuses("2021-12-08-a.md~") != NULL &&
	   source_jekyll_refuses("2021-12-08-a.txt") != NULL,
	   "which names are posts");
}

/* ---- categories and tags ------------------------------------------------- */

static void lists_case(const char *fm, const char *cats, const char *tags,
		       const char *what)
{
	char *text = make_post(fm, "正文\n");
	struct post p;
	struct post_error err;
	int rc = parse("2021-12-08-lists.md", text, &p, &err);
	ok(rc == 0, "%s: parses", what);
	if (rc == 0) {
		is_list(&p.categories, cats, "  categories");
		is_list(&p.tags, tags, "  tags");
		post_free(&p);
	}
	free(text);
}

static void test_lists(void)
{
	lists_case("categories: emnews\ntags: 东财滚动新闻\n", "emnews",
		   "东财滚动新闻", "scalars");
	lists_case("categories: Emnews HK  Stock\ntags: 港股 美股\n",
		   "emnews,hk,stock", "港股,美股", "space-separated");
	lists_case("categories: [Emnews, Stock]\ntags: [港股, 美股 概念]\n",
		   "emnews,stock", "港股,美股 概念", "flow lists");
	lists_case("categories:\n  - A股\n  - Fund\ntags:\n  - 基金\n",
		   "a股,fund", "基金", "block lists");
	lists_case("category: Hong Kong\n", "hong kong", "",
		   "singular category is one value");
	lists_case("category: Solo\ncategories: a b\n", "solo", "",
		   "singular category wins");
	lists_case("category:\ncategories: a b\n", "a,b", "",
		   "null singular falls to the plural");
	lists_case("tag: 单个 标签\n", "", "单个 标签", "singular tag");
	lists_case("categories: [emnews, EMNEWS, [nested, ~]]\ntags: a a b\n",
		   "emnews,nested", "a,b", "duplicates and nesting");
	lists_case("categories: ~\ntags: \"\"\n", "", "", "null and empty");
	lists_case("categories: 2021\ntags: [true, 3.5]\n", "2021",
		   "true,3.5", "non-string scalars as text");
	lists_case("categories: {a: b}\ntags: [{x: y}, z]\n", "", "z",
		   "mappings are skipped");
	lists_case("base: &c [one, two]\ncategories: *c\n", "one,two", "",
		   "aliases");
	lists_case("categories: Ä财经 ΑΒ ДЕЛО ＡＢ\n", "ä财经,αβ,дело,ａｂ", "",
		   "downcased beyond ASCII, as Ruby's downcase");
	lists_case("categories: [/evil.com, //x//y/, ../up, ., etc., \"a/../b\"]\n",
		   "evil.com,x/y,up,etc,a/b", "",
		   "cleaned as Jekyll's URLs: no '//', no dots before '/', no empty");
}

/* ---- slugs: Jekyll's :title ----------------------------------------------- */

static void slug_case(const char *name, const char *fm, const char *slug,
		      const char *what)
{
	struct buf b = {0};
	buf_printf(&b, "---\ntitle: t\n%s---\n正文\n", fm);
	struct post p;
	struct post_error err;
	int rc = parse(name, b.s, &p, &err);
	ok(rc == 0, "%s: parses (%s)", what, rc ? err.reason : "");
	if (rc == 0) {
		is_str(p.slug, slug, "  %s: slug", what);
		post_free(&p);
	}
	buf_free(&b);
}

static void test_slugs(void)
{
	slug_case("2021-12-08-202112082206972753.md", "", "202112082206972753",
		  "a news id");
	slug_case("2021-12-08-hello world!.md", "", "hello-world!",
		  "a space becomes '-', '!' stays");
	slug_case("2021-12-08-a_b (c)+d.md", "", "a_b-(c)+d",
		  "'_', brackets and '+' stay");
	slug_case("2021-12-08-x.md", "slug: custom\n", "custom",
		  "the front matter's slug wins");
	slug_case("2021-12-08-x.md", "slug: Two Words\n", "Two-Words",
		  "and is slugified, its case kept");
	slug_case("2021-12-08-消息，今天 要闻.md", "", "消息-今天-要闻",
		  "CJK punctuation and spaces become one '-'");
	slug_case("2021-12-08--a--b-.md", "", "a-b",
		  "a run of - is one -, none at either end");
	slug_case("2021-12-08-???.md", "", "???", "nothing left: the name kept");
}

/* ---- titles -------------------------------------------------------------- */

static void test_titles(void)
{
	struct post p;
	struct post_error err;
	char *text = make_post("layout: post\ntitle: \"\"\n",
		"\n**央行**开展1000亿元逆回购操作，"
		"中标利率维持2.20%不变，市场资金面总体平稳宽松。\n");
	ok(parse("2021-12-08-notitle.md", text, &p, &err) == 0,
	   "empty title parses");
	is_str(p.title, "央行开展1000亿元逆回购操作，中标利率维持2.20%不变…",
	       "  title from the body's first 30 characters, cut at a phrase, with …");
	is_int(chars(p.title), 30, "  30 code points");
	is_str(p.warning, "empty title, using the start of the body",
	       "  warning");
	is_int(p.warning_line, 1, "  warning line is the front matter's");
	post_free(&p);
	free(text);

	text = make_post("layout: post\n",
		"\n沪深两市成交额连续第三十个交易日突破一万亿元大关，"
		"北向资金净买入。\n");
	ok(parse("2021-12-08-phrase.md", text, &p, &err) == 0, "no title: parses");
	is_str(p.title, "沪深两市成交额连续第三十个交易日突破一万亿元大关…",
	       "  cut at the comma that ends the phrase, not mid-phrase");
	post_free(&p);
	free(text);

	text = make_post("layout: post\n",
		"\n上证指数报收三千六百点，"
		"深证成指与创业板指数双双收涨超过百分之一并创下本月的新高点位。\n");
	ok(parse("2021-12-08-far.md", text, &p, &err) == 0, "no title: parses");
	is_str(p.title, "上证指数报收三千六百点，深证成指与创业板指数双双收涨超过百分…",
	       "  no boundary past 12 characters: cut at 30, with …");
	is_int(chars(p.title), 31, "  30 code points and …");
	post_free(&p);
	free(text);

	text = make_post("layout: post\n", "\n央行开展逆回购操作。\n");
	ok(parse("2021-12-08-whole.md", text, &p, &err) == 0, "no title: parses");
	is_str(p.title, "央行开展逆回购操作。", "  a short body whole, no …");
	post_free(&p);
	free(text);

	ok(parse("2021-12-08-short.md", "\n\n---\ndate: 2021-12-08\n---\n"
		 "<p>短讯</p>\n", &p, &err) == 0, "missing title parses");
	is_str(p.title, "短讯", "  whole short body, tags stripped");
	is_int(p.warning_line, 3, "  warning on the opening line");
	post_free(&p);

	ok(parse("2021-12-08-kong.md", "---\ntitle: ~\n---\n\n", &p, &err) == 0,
	   "null title and no body");
	is_str(p.title, "kong", "  title is the slug");
	ok(p.warning != NULL, "  warned");
	post_free(&p);

	ok(parse("2021-12-08-t.md", "---\ntitle: \"  留白  \"\n---\n正文\n", &p,
		 &err) == 0, "title with blanks");
	is_str(p.title, "留白", "  trimmed");
	ok(p.warning == NULL, "  no warning");
	post_free(&p);

	ok(parse("2021-12-08-t.md", "---\ntitle: 2021\n---\n正文\n", &p,
		 &err) == 0, "a number as title");
	is_str(p.title, "2021", "  kept as text");
	post_free(&p);
}

/* ---- infoCode ------------------------------------------------------------ */

static void info_case(const char *name, const char *body, const char *want,
		      const char *what)
{
	char *text = make_post("title: 代码\ndate: 2022-01-10\n", body);
	struct post p;
	struct post_error err;
	int rc = parse(name, text, &p, &err);
	ok(rc == 0, "%s: parses", what);
	if (rc == 0) {
		is_str(p.info_code, want, "  %s: infoCode", what);
		post_free(&p);
	}
	free(text);
}

static void test_info_code(void)
{
	info_case("2022-01-10-abc.md",
		  "正文\n\n<http://s.example.com/html_News/NewsShare.html?"
		  "infoCode=NW202201100000000003>\n", "NW202201100000000003",
		  "share autolink");
	info_case("2022-01-10-abc.md",
		  "正文。\n\n[分享](https://s.example.com/html_News/NewsShare.html?"
		  "from=app&INFOCODE=NW111&x=1)\n", "NW111",
		  "upper-case parameter in a trailing link, among others");
	info_case("2022-01-10-abc.md",
		  "正文，[分享](https://s.example.com/html_News/NewsShare.html?"
		  "from=app&INFOCODE=NW111&x=1)继续。\n", NULL,
		  "a share link inside a paragraph is another article's");
	info_case("2022-01-10-202201100000000005.md",
		  "正文。\n\n相关阅读：[另一篇](http://s.example.com/html_News/"
		  "NewsShare.html?infoCode=NW202201100000000001)\n\n更多正文。\n",
		  "NW202201100000000005",
		  "a related-reading link never steals: the file name's id");
	info_case("2022-01-10-202201100000000005.md",
		  "相关：<http://s.example.com/NewsShare.html?infoCode=NW202201100000000001>\n\n"
		  "正文。\n\n<http://s.example.com/NewsShare.html?infoCode=NW202201100000000005>\n",
		  "NW202201100000000005", "the trailing share link is the post's own");
	info_case("2022-01-10-abc.md",
		  "<a href=\"//s.example.com/newsshare.html?a=1&amp;InfoCode=NW222\">"
		  "分享</a>\n", "NW222", "raw HTML with &amp;");
	info_case("2022-01-10-abc.md",
		  "见 http://s.example.com/NewsShare.html?infocode=NW333 全文\n",
		  NULL, "a bare URL in the text sets no code");
	info_case("2022-01-10-202201100000000004.md",
		  "正文\n<http://s.example.com/NewsShare.html?other=1>\n",
		  "NW202201100000000004", "share link without it: the slug");
	info_case("2022-01-10-202201100000000004.md", "正文\n",
		  "NW202201100000000004", "18-digit slug");
	info_case("2022-01-10-NW20220110.md", "正文\n", "NW20220110",
		  "NW slug");
	info_case("2022-01-10-init.md", "正文\n", NULL, "no code");
	info_case("2022-01-10-2022011000000000041.md", "正文\n", NULL,
		  "19 digits are no news id");
	info_case("2022-01-10-abc.md",
		  "正文 http://s.example.com/NewsShare.html?infoCode=&x=1\n",
		  NULL, "empty parameter");
}

/* ---- source -------------------------------------------------------------- */

static void source_case(const char *tags, const char *body, const char *url,
			const char *name, const char *what)
{
	struct buf fm = {0};
	buf_printf(&fm, "title: 来源\n%s", tags);
	char *text = make_post(fm.s, body);
	struct post p;
	struct post_error err;
	int rc = parse("2022-01-10-src.md", text, &p, &err);
	ok(rc == 0, "%s: parses", what);
	if (rc == 0) {
		is_str(p.source_url, url, "  %s: source url", what);
		is_str(p.source_name, name, "  %s: source name", what);
		post_free(&p);
	}
	free(text);
	buf_free(&fm);
}

static void test_source(void)
{
	source_case("tags: 南昌日报新闻\n", "正文。\n\n<https://a.example.com/1.html>\n",
		    "https://a.example.com/1.html", NULL,
		    "https autolink; the tag is no source's name");
	source_case("tags: [快讯, 其他新闻]\n",
		    "正文。\n<http://a.example.com/2>\n  \n\n", "http://a.example.com/2",
		    NULL, "trailing blank lines");
	source_case("tags: 东财滚动新闻\n",
		    "正文。（文章来源：上海<span><a href=\"#\">证券</a></span>报）\n",
		    NULL, "上海证券报", "文章来源 read by its text, markup inside");
	source_case("", "<p>正文。</p>\n<p>（文章来源：<b>中国</b>证券报）</p>\n",
		    NULL, "中国证券报", "文章来源 in raw HTML with markup");
	source_case("", "正文（文章来源：一段很长很长很长很长很长很长很长很长很长很长很长"
		    "很长很长很长很长很长很长很长很长很长很长很长的话）\n", NULL, NULL,
		    "a 文章来源 of over 40 characters is no name");
	source_case("tags: 新闻\n", "正文。\n", NULL, NULL,
		    "tag that is only 新闻");
	source_case("", "正文。\n", NULL, NULL, "no tags, no source");
	source_case("tags: 东财滚动新闻\n",
		    "正文（文章来源：证券时报网）\n", NULL, "证券时报网",
		    "文章来源 beats the tag");
	source_case("", "<p>正文</p><p>（文章来源: 经济日报 ）</p>\n", NULL,
		    "经济日报", "ASCII colon, blanks trimmed");
	source_case("", "（文章来源：）\n", NULL, NULL, "empty 文章来源");
	source_case("", "看 <https://mid.example.com/x> 这里\n\n"
		    "<https://mid.example.com/y>\n\n最后一段。\n", NULL, NULL,
		    "autolinks before the last paragraph stay");
	source_case("", "正文\n\n<http://>\n", NULL, NULL, "empty autolink");
	source_case("", "<p>正文</p>\n<p><a href=\"https://b.example.com/9\">"
		    "https://b.example.com/9</a></p>\n", "https://b.example.com/9",
		    NULL, "rendered HTML source link");
	source_case("", "正文\n\n[原文](https://b.example.com/9)\n", NULL, NULL,
		    "a link with other text is no source");
	source_case("", "正文\n\n<ftp://a.example.com/f>\n", NULL, NULL,
		    "not http");
	source_case("", "正文\n\n<http://a.example.com/one>\n"
		    "<http://a.example.com/two>\n", "http://a.example.com/two",
		    NULL, "only the last autolink");
}

/* ---- body clean-up ------------------------------------------------------- */

static void body_case(const char *body, const char *want, const char *what)
{
	char *text = make_post("title: 正文\n", body);
	struct post p;
	struct post_error err;
	int rc = parse("2022-01-10-body.md", text, &p, &err);
	ok(rc == 0, "%s: parses", what);
	if (rc == 0) {
		is_str(p.body_md, want, "  %s: body", what);
		post_free(&p);
	}
	free(text);
}

static void test_body(void)
{
	body_case("第一段。\n\n<http://a.example.com/s>\n\n"
		  "[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n",
		  "第一段。\n", "relative 返回 links on two lines");
	body_case("第一段。\n\n<http://a.example.com/html_News/NewsShare.html?"
		  "infoCode=NW1>\n\n[返回南昌日报新闻](//a.example.com/c/x.html)"
		  "｜[返回首页](//a.example.com/)",
		  "第一段。\n", "absolute 返回 links joined by ｜");
	body_case("第一段。\n[返回列表](/list/) | [返回首页](/)\n",
		  "第一段。\n", "joined by |");
	body_case("第一段。\n[返回首页](https://a.example.com/)\n\n\n",
		  "第一段。\n", "one absolute link, trailing blank lines");
	body_case("[返回首页](../) 之后还有正文。\n第二段。\n",
		  "[返回首页](../) 之后还有正文。\n第二段。\n",
		  "返回 link in the text stays");
	body_case("第一段。\n\n[返回首页](../)\n\n第二段。\n",
		  "第一段。\n\n[返回首页](../)\n\n第二段。\n",
		  "返回 line in the middle stays");
	body_case("第一段。\n\n<http://a.example.com/html_News/NewsShare.html?"
		  "infoCode=NW1>\n\n第二段。\n",
		  "第一段。\n\n<http://a.example.com/html_News/NewsShare.html?"
		  "infoCode=NW1>\n\n第二段。\n", "share link in the middle stays");
	body_case("第一段。\n[首页](../)\n", "第一段。\n[首页](../)\n",
		  "links not starting with 返回 stay");
	body_case("第一段。\n[返回首页](../) 更多\n",
		  "第一段。\n[返回首页](../) 更多\n", "返回 line with more text stays");
	body_case("<p>第一段。</p>\n\n<p><a href=\"http://a.example.com/html_News/"
		  "NewsShare.html?infoCode=NW5\">http://a.example.com/html_News/"
		  "NewsShare.html?infoCode=NW5</a></p>\n\n<p><a href=\"//a.example.com"
		  "/c/x.html\">返回南昌日报新闻</a>｜<a href='//a.example.com/'>"
		  "返回首页</a></p>\n", "<p>第一段。</p>\n",
		  "rendered HTML share and 返回 links");
	body_case("<p>第一段。</p>\n<p><a href=\"/x\">更多</a></p>\n",
		  "<p>第一段。</p>\n<p><a href=\"/x\">更多</a></p>\n",
		  "other HTML links stay");
	body_case("第一段。\n[返回首页](../)\n[返回](../) 第二段。\n",
		  "第一段。\n[返回首页](../)\n[返回](../) 第二段。\n",
		  "a 返回 link followed by text stays");
	body_case("\n\n  \n第一段。\n", "第一段。\n", "leading blank lines");
	body_case("第一段。\n（文章来源：新华社）\n\n[返回首页](../)\n",
		  "第一段。\n（文章来源：新华社）\n", "文章来源 line stays");
}

/* ---- summary ------------------------------------------------------------- */

static void test_summary(void)
{
	struct buf b = {0};
	for (int i = 0; i < 20; i++)
		buf_adds(&b, "今日两市成交额再破万亿。");  /* 12 characters */
	buf_adds(&b, "\n\n<http://a.example.com/long>\n");
	char *text = make_post("title: 长文\n", b.s);
	struct post p;
	struct post_error err;
	ok(parse("2022-01-10-long.md", text, &p, &err) == 0, "long body parses");
	is_int(chars(p.summary), 121, "  summary is 120 characters and …");
	ok(!strcmp(p.summary + strlen(p.summary) - strlen("…"), "…"),
	   "  ends with …");
	ok(!strncmp(p.summary, b.s, strlen(p.summary) - strlen("…")),
	   "  the body's start");
	ok(utf8_valid(p.summary, strlen(p.summary)), "  valid UTF-8");
	post_free(&p);
	free(text);
	buf_free(&b);

	text = make_post("title: 标记\n",
		"## 小标题\n\n*强调*和`代码`，[链接](http://a.example.com/)。\n"
		"<div class=\"x\">\n<b>粗</b> &amp; 细\n</div>\n\n"
		"- 一\n- 二\n\n![图片说明](a.png)\n");
	ok(parse("2022-01-10-mark.md", text, &p, &err) == 0, "markup parses");
	is_str(p.summary, "小标题 强调和代码，链接。 粗 & 细 一 二 图片说明",
	       "  plain text, whitespace collapsed");
	ok(!contains(p.summary, "<") && !contains(p.summary, "*"),
	   "  no tags or markup");
	post_free(&p);
	free(text);

	text = make_post("title: 刚好\n", "abcdefghij");
	ok(parse("2022-01-10-ten.md", text, &p, &err) == 0, "short parses");
	is_str(p.summary, "abcdefghij", "  short summary uncut");
	post_free(&p);
	free(text);
}

int main(void)
{
	test_filenames();
	test_wire();
	test_paper();
	test_bom_crlf();
	test_front_matter();
	test_utf8();
	test_dates();
	test_entries();
	test_lists();
	test_slugs();
	test_titles();
	test_info_code();
	test_source();
	test_body();
	test_summary();
	return done_testing();
}
