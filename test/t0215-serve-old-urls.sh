#!/bin/sh
# Every URL the old Jekyll and GitHub Pages site had still answers: an
# article under another day, without categories, under /old_post/ or
# without ".html"; GitHub Pages' forms of pages (/emnews, /index.html,
# /feed); old category pages in any case and with several words; share
# codes as pasted; the tags page.  And dates shown once, in the site's
# zone, labelled.  The store is made from a small invented site.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

S=$T/site
mkdir -p "$S/_posts"
printf 'title: 旧址测试\nurl: https://old.example.org\ntimezone: Asia/Shanghai\n' > "$S/_config.yml"
# post FILE TITLE DATE CATEGORIES TAGS: an invented post (no categories
# line when CATEGORIES is "-").
post() {
	{
		printf -- '---\ntitle: "%s"\ndate: %s\n' "$2" "$3"
		[ "$4" = - ] || printf 'categories: "%s"\n' "$4"
		printf 'tags: "%s"\n---\n%s的正文，虚构的测试内容。\n' "$5" "$2"
	} > "$S/_posts/$1"
}
post 2021-12-08-202112081234567890.md 夜盘消息 "2021-12-08 23:30:00 -0500" emnews 滚动新闻
post 2021-12-01-dup.md 重名一 "2021-12-01 09:00:00" emnews 滚动新闻
post 2021-12-21-dup.md 重名二 "2021-12-21 09:00:00" emnews 滚动新闻
post 2021-12-10-dup.md 重名三 "2021-12-10 09:00:00" Wind 万得
post 2021-12-05-nocat.md 没有栏目 "2021-12-05 10:15:00" - 滚动新闻
post 2021-12-06-two.md 两个栏目 "2021-12-06 11:00:00" "21shijijingjibaodao 21caijingAPP" 世纪报道
post 2021-12-07-hk.md 括号栏目 "2021-12-07 12:00:00" "anxinguojizhengquan(xianggang)" 安信
post 2021-12-10-dayonly.md 只有日期 "2021-12-10" emnews 滚动新闻
post "2021-12-11-a b.md" 空格名字 "2021-12-11 08:05:00" emnews 外汇
post "2021-12-11-要闻.md" 中文名字 "2021-12-11 08:15:00" emnews 外汇
post 2021-12-12-utc.md 零时区 "2021-12-12 01:00:00 +0000" emnews 外汇
"$IMPORT" --db "$T/db" "$S" 2>"$T/import.err"
is "$?" 0 "the invented site imports"

# What the importer derives: the permalink's day (the -05:00 post's
# differs from its file name's), date_only, the site zone's offset.
is "$(q "$T/db" "SELECT day || ' ' || zone_offset FROM posts WHERE slug = '202112081234567890'")" \
	"2021/12/09 480" "the -05:00 post: the day in Shanghai, and Shanghai's offset"
is "$(q "$T/db" "SELECT date_only FROM posts WHERE slug = 'dayonly'")" 1 "a day alone: date_only"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE slug = 'a-b'")" 1 "a file name with a space: Jekyll's slug a-b"
# The +00:00 post as an old row, without zone_offset.
q "$T/db" "UPDATE posts SET zone_offset = NULL WHERE slug = 'utc'"
id_of() { q "$T/db" "SELECT id FROM posts WHERE title = '$1'"; }
is "$(q "$T/db" "SELECT category_path FROM posts WHERE slug = 'nocat'")" "" "a post without categories has the path ''"
is "$(q "$T/db" "SELECT category_path FROM posts WHERE slug = 'two'")" "21shijijingjibaodao/21caijingapp" \
	"two categories, lower-cased"
serve "$T/db"

# moved PATH TARGET WHAT: PATH answers 301 to TARGET, which answers 200.
moved() {
	get "$1"
	is "$STATUS $(header location)" "301 $2" "$3"
	is "$(status_of "$2")" 200 "  $2 answers 200"
}
gone() { is "$(status_of "$1")" 404 "$2"; }

A=/emnews/2021/12/09/202112081234567890.html
is "$(status_of "$A")" 200 "the permalink answers 200"

# ---- 1. another day, same categories ------------------------------------
moved /emnews/2021/12/08/202112081234567890.html "$A" "the file name's day: 301 to the permalink"
moved /emnews/2019/01/01/202112081234567890.html "$A" "any other day: 301 to the permalink"
moved /emnews/2021/12/05/dup.html /emnews/2021/12/01/dup.html "same slug twice: the nearest day (4 days before)"
moved /emnews/2021/12/18/dup.html /emnews/2021/12/21/dup.html "same slug twice: the nearest day (3 days after)"
moved /emnews/2021/12/11/dup.html /emnews/2021/12/01/dup.html "equally near: the lowest id"
moved /emnews/2021/12/08/%E8%A6%81%E9%97%BB.html /emnews/2021/12/11/%E8%A6%81%E9%97%BB.html "a Chinese slug, encoded in the Location"
is "$(status_of /emnews/2021/12/11/a-b.html)" 200 "Jekyll's slug of a name with a space answers"
gone /wind/2021/12/01/dup.html.x "a slug with more after .html: 404"
moved /wind/2021/12/01/dup.html /wind/2021/12/10/dup.html "the same slug in another category: that category's"
gone /jingji/2021/12/08/202112081234567890.html "other categories: 404, never another category's post"
gone /emnews/2021/12/08/20211208123456789.html "a slug one digit short: 404, never another slug"
gone /emnews/2021/12/08/nope.html "an unknown slug: 404"

# ---- 2. without categories -------------------------------------------------
get /2021/12/05/nocat.html
is "$STATUS" 200 "a post without categories: 200 at /yyyy/mm/dd/slug.html"
like "$(body)" "<h1[^>]*>没有栏目" "  its page"
unlike "$(body)" 'class="post-nav-back"|href="" ' "  no empty link to a category"
moved /2021/12/01/nocat.html /2021/12/05/nocat.html "no categories, another day: 301"
moved /2021/12/08/202112081234567890.html "$A" "no categories in the URL: the post with the slug, any category"
moved /2021/12/09/dup.html /wind/2021/12/10/dup.html "no categories: the nearest day among every category"
moved /2021/12/02/dup.html /emnews/2021/12/01/dup.html "  and the other way"
gone /2021/12/08/nope.html "no categories, unknown slug: 404"
get /
grep -qF 'href="/2021/12/05/nocat.html"' "$T/body"
ok $? "the home page links the uncategorised post at /yyyy/mm/dd/slug.html"

# ---- 3. /old_post/ ---------------------------------------------------------
moved /old_post/2021-12-08-202112081234567890.html "$A" "/old_post/<date>-<slug>.html: 301 to the permalink"
moved /old_post/2021-12-20-dup.html /emnews/2021/12/21/dup.html "/old_post/: the nearest day"
moved /old_post/2021-12-08-202112081234567890 "$A" "/old_post/ without .html"
gone /old_post/2021-12-08-nope.html "/old_post/ unknown slug: 404"
gone /old_post/2021-12-08-.html "/old_post/ without a slug: 404"
gone /old_post/20211208-x.html "/old_post/ without a date: 404"

# ---- 4. GitHub Pages' forms ------------------------------------------------------
moved /emnews/2021/12/09/202112081234567890 "$A" "an article without .html: 301 to it"
moved /emnews/2021/12/08/202112081234567890 "$A" "  and under another day: straight to the permalink"
moved /2021/12/05/nocat /2021/12/05/nocat.html "  without categories too"
gone /emnews/2021/12/08/nope "  unknown: 404"
moved /emnews /emnews/ "/emnews: 301 to /emnews/"
moved /emnews/index.html /emnews/ "/emnews/index.html: 301 to /emnews/"
moved /index.html / "/index.html: 301 to /"
moved /feed /feed.xml "/feed: 301 to /feed.xml"
moved /categories/ /category/ "/categories/ (the old 分类 page): 301 to the source index /category/"
moved /categories /category/ "/categories: 301 to /category/"
moved /categories.html /category/ "/categories.html: 301 to /category/"
moved /tags /tags/ "/tags: 301 to /tags/"
gone /nosuch "an unknown /name: 404"
gone /nosuch/index.html "an unknown /name/index.html: 404"
is "$(status_of /favicon.ico)" 200 "/favicon.ico: an icon from static/, not a page (t0344)"
gone /EMNEWS "a category in other case, no old theme page: 404"

get /tags/
is "$STATUS" 200 "/tags/: 200"
tags=$(grep -o '<li id="[^"]*"><a href="[^"]*">[^<]*</a> <span class="tag-count">[0-9]* 篇' "$T/body" |
	sed 's/<li id="\([^"]*\)"><a href="\([^"]*\)">\([^<]*\)<\/a> <span class="tag-count">\([0-9]*\) 篇/\1 \2 \4/' | tr '\n' ';')
want=$(q "$T/db" "SELECT t.name, count(*) FROM tags t JOIN post_tags pt ON pt.tag_id = t.id
	GROUP BY t.id ORDER BY count(*) DESC, t.name" | while IFS='|' read -r name n; do
	printf '%s /tags/%s/ %s;' "$name" "$(printf '%s' "$name" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F | sed 's/\(..\)/%\1/g')" "$n"
done)
is "$tags" "$want" "/tags/: every tag, its link and number of posts, the most used first"
like "$(body)" '<link rel="canonical" href="https://old.example.org/tags/">' "/tags/: canonical"
bad=
for u in $(grep -o 'href="/tags/[^"]*"' "$T/body" | sed 's/href="//; s/"$//'); do
	[ "$(status_of "$u")" = 200 ] || bad="$bad $u"
done
is "$bad" "" "/tags/: every tag link answers 200"

# ---- 5. old category pages ----------------------------------------------------------
moved /category/emnews.html /emnews/ "/category/emnews.html: 301 /emnews/"
moved /category/Wind.html /wind/ "/category/Wind.html: any case, 301 /wind/"
moved /category/Wind /wind/ "/category/Wind without .html"
moved "/category/21shijijingjibaodao%2021caijingAPP.html" /21shijijingjibaodao/ \
	"several words: the first that is a category"
moved "/category/nosuch%20%2021caijingAPP.html" /21caijingapp/ \
	"several words, the first unknown: the next, lower-cased"
moved "/category/anxinguojizhengquan(xianggang).html" /anxinguojizhengquan%28xianggang%29/ \
	"brackets in the name"
moved "/category/ANXINGUOJIZHENGQUAN%28XIANGGANG%29.html" /anxinguojizhengquan%28xianggang%29/ \
	"brackets, encoded, in upper case"
gone /category/nosuch.html "an unknown old category page: 404"
gone "/category/a%20b%20c.html" "several unknown words: 404"
gone "/category/%20%20.html" "only spaces: 404"

# ---- 6. share codes as pasted ---------------------------------------------------------
SHARE=/html_News/NewsShare.html?infoCode=
get "${SHARE}NW202112081234567890"
is "$STATUS" 200 "the share link as written: 200, the article in place"
moved "${SHARE}nw202112081234567890" "${SHARE}NW202112081234567890" "a lower-case nw: 301 to the share link"
moved "${SHARE}Nw202112081234567890" "${SHARE}NW202112081234567890" "  Nw too"
moved "${SHARE}202112081234567890" "${SHARE}NW202112081234567890" "the 18 digits alone: 301 to the share link"
moved "/html_News/NewsShare.html?INFOCODE=202112081234567890" "${SHARE}NW202112081234567890" "  with the parameter in other case"
gone "${SHARE}nw999999999999999999" "an unknown code in lower case: 404"
gone "${SHARE}999999999999999999" "unknown digits: 404"
gone "${SHARE}nwx" "nw and no digits: 404"
gone "${SHARE}nw" "nw alone: 404"

# ---- 7. the shown time ------------------------------------------------------------------
get "$A"
b=$(body)
like "$b" '<time datetime="2021-12-09T12:30:00\+08:00">2021-12-09 12:30 北京时间</time>' \
	"article: written at -05:00, shown in the site's zone, labelled 北京时间"
is "$(grep -o '2021-12-09 12:30' "$T/body" | wc -l | tr -d ' ')" 1 "  shown once"
like "$b" '<meta property="article:published_time" content="2021-12-09T12:30:00\+08:00">' "  article:published_time at the zone's offset"
unlike "$b" '2021-12-08 23:30|-05:00' "  the written time is not shown"
get /emnews/2021/12/10/dayonly.html
like "$(body)" '<time datetime="2021-12-10">2021-12-10</time>' "a date without a time: the day alone"
unlike "$(body)" '00:00' "  no invented 00:00"
get /emnews/2021/12/12/utc.html
like "$(body)" '<time datetime="2021-12-12T01:00:00\+00:00">2021-12-12 01:00 UTC\+00:00</time>' \
	"no zone_offset stored: the offset as written, labelled UTC+00:00, not 北京时间"
get /emnews/
like "$(body)" '<time datetime="2021-12-09T12:30:00\+08:00">2021-12-09 12:30 北京时间</time>' "category list: the same"
like "$(body)" '<time datetime="2021-12-10">2021-12-10</time>' "category list: the day alone"
get /
like "$(body)" '<time datetime="2021-12-09T12:30:00\+08:00">2021-12-09 12:30 北京时间</time>' "home: the same"
get "/search?q=%E5%A4%9C%E7%9B%98"
like "$(body)" '<time datetime="2021-12-09T12:30:00\+08:00">2021-12-09 12:30 北京时间</time>' "search results: the same"
get /feed.xml
like "$(body)" '<published>2021-12-09T12:30:00\+08:00</published>' "feed: RFC 3339 at the zone's offset"
like "$(body)" '<published>2021-12-10T00:00:00\+08:00</published>' "feed: a day alone is its midnight (Atom needs a time)"

# Another zone: its offset as the label.
q "$T/db" "UPDATE site SET value = 'America/New_York' WHERE key = 'timezone';
	UPDATE posts SET zone_offset = -300 WHERE slug = '202112081234567890';"
get "$A"
like "$(body)" '<time datetime="2021-12-08T23:30:00-05:00">2021-12-08 23:30 UTC-05:00</time>' \
	"a site in another zone: labelled UTC-05:00"
q "$T/db" "DELETE FROM site WHERE key = 'timezone';
	UPDATE posts SET zone_offset = 480 WHERE slug = '202112081234567890';"
get "$A"
like "$(body)" '2021-12-09 12:30 北京时间' "no timezone in the store: finews-import's default, Asia/Shanghai"

# ---- hostile old URLs: never a 5xx ----------------------------------------------------------
long=$(printf 'a%%20%.0s' $(seq 1 300))
for p in "/category/$long.html" "/old_post/9999-99-99-$(printf 'x%.0s' $(seq 1 1500)).html" \
	"/0000/00/00/x.html" "/9999/99/99/dup.html" "/emnews/0000/00/00/dup" "//2021/12/01/dup.html" \
	"/old_post/2021-12-01-%27%20OR%201%3D1--.html" "/category/%27%20OR%201%3D1--.html" \
	"${SHARE}nw%27%20OR%201" "/a/b/c/2021/12/01/dup.html" "/index.html/" "/feed/"; do
	s=$(status_of "$p")
	case $s in 301|404) r=0 ;; *) r=1 ;; esac
	ok "$r" "$(echo "$p" | cut -c1-50): $s"
done
moved /9999/99/99/dup.html /emnews/2021/12/01/dup.html "an impossible day: the slug's lowest id"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
