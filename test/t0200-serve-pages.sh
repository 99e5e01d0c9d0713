#!/bin/sh
# The sample site served through nginx and finews.fcgi: the home page, a
# category, an article with everything around it, share links, 404s, and
# a hostile title escaped everywhere it is shown.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"

# url SQL-WHERE: the article URLs of the matching posts, newest first.
urls() {
	q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts
		WHERE $1 ORDER BY published DESC, id DESC ${2:-}"
}
# links: the article links of the last page fetched, in order.
links() {
	grep -oE 'href="/[^"]*/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/]+\.html"' "$T/body" |
		sed -e 's/^href="//' -e 's/"$//'
}
has() { grep -qF -- "$1" "$T/body"; }

# ---- home ----------------------------------------------------------------
get /
is "$STATUS" 200 "home: 200"
is "$(header content-type)" "text/html; charset=utf-8" "home: content type"
b=$(body)
like "$b" "<title>[^<]*金融消息样例" "home: site title"
for name in 东财滚动新闻 经济日报新闻 南昌日报新闻 站长消息; do
	like "$b" "$name" "home: category $name listed"
done
missing=
for u in $(urls 1 "LIMIT 20"); do has "href=\"$u\"" || missing="$missing $u"; done
is "$missing" "" "home: the 20 newest posts are linked"
for c in emnews jingjiribao nanchangribao sitenews; do
	missing=
	for u in $(q "$T/db" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
			FROM post_categories pc JOIN posts p ON p.id = pc.post_id
			JOIN categories c ON c.id = pc.category_id WHERE c.slug = '$c'
			ORDER BY pc.published DESC, pc.post_id DESC LIMIT 5"); do
		has "href=\"$u\"" || missing="$missing $u"
	done
	is "$missing" "" "home: the 5 newest posts of $c are linked"
	has "href=\"/$c/\"" ; ok $? "home: links to /$c/"
done
# The oldest emnews posts are neither among the 20 newest nor the 5 of emnews.
has "/emnews/2021/12/06/202112062201003417.html"
ok $((!$?)) "home: an old post is not listed"
# The boxes, most active first, skip the posts of the latest list:
# nanchangribao's and jingjiribao's posts are all in it, so they get none.
order=$(grep -A1 '<section class="cat-box">' "$T/body" | grep -oE 'href="/[a-z]+/"' |
	sed 's/href="\///; s/\/"//' | tr '\n' ' ')
is "$order" "emnews sitenews " "home: boxes only for sources with posts beyond the latest list"

# ---- a category ------------------------------------------------------------
get /emnews/
is "$STATUS" 200 "category: 200"
# the navigation marks the category shown, and only it
current() { grep -o '<a href="[^"]*" class="current" aria-current="page">' "$T/body" | sed 's/<a href="//; s/".*//'; }
is "$(current)" "/emnews/" "category: the navigation marks it as the current one"
is "$(grep -cE '<li( class="nav-current")?><a href="/[a-z]*/"' "$T/body")" "$(q "$T/db" "SELECT count(*) FROM categories")" \
	"category: the navigation lists every category"
is "$(header content-type)" "text/html; charset=utf-8" "category: content type"
like "$(body)" "东财滚动新闻" "category: its name"
is "$(links | tr '\n' ' ')" "$(q "$T/db" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
	FROM post_categories pc JOIN posts p ON p.id = pc.post_id
	WHERE pc.category_id = (SELECT id FROM categories WHERE slug = 'emnews')
	ORDER BY pc.published DESC, pc.post_id DESC" | tr '\n' ' ')" \
	"category: all 24 emnews posts (one page), newest first, the two-category post too"
grep -q 'rel="next"\|rel="prev"' "$T/body"
ok $((!$?)) "category: one page, no prev/next link"
is "$(status_of /jingjiribao/)" 200 "category jingjiribao: 200"
is "$(status_of /sitenews/)" 200 "category sitenews: 200"
is "$(status_of /nosuchcategory/)" 404 "unknown category: 404"

# ---- an article --------------------------------------------------------------
art=/emnews/2021/12/13/202112132201708842.html
get "$art"
is "$STATUS" 200 "article: 200"
is "$(header content-type)" "text/html; charset=utf-8" "article: content type"
b=$(body)
like "$b" "<title>[^<]*公开市场开展1000亿元逆回购操作 当日实现净投放" "article: <title>"
like "$b" "<h1[^>]*>[^<]*公开市场开展1000亿元逆回购操作 当日实现净投放" "article: heading"
like "$b" '<time datetime="2021-12-13T09:21:33\+08:00">2021-12-13 09:21 北京时间</time>' "article: <time>, in the site's zone, labelled"
like "$b" '<a [^>]*href="/emnews/"[^>]*>东财滚动新闻</a>' "article: link to its category"
for tag in 东财滚动新闻 外汇 央行; do
	like "$b" ">$tag<" "article: tag $tag"
done
unlike "$b" "来源：东财滚动" "article: its tag is not shown as its source (it names no 文章来源)"
like "$b" 'href="http://finance.example.com/news/1351,202112132201708842.html"' "article: link to the original"
like "$b" 'href="[^"]*/html_News/NewsShare.html\?infoCode=NW202112132201708842"' "article: share link"
like "$b" "今日公开市场开展7天期逆回购操作1000亿元" "article: body"
older=/emnews/2021/12/10/202112102201547718.html
newer=/emnews/jingjiribao/2021/12/13/202112132201712270.html
has "href=\"$older\""; ok $? "article: links to the older article of its category"
has "href=\"$newer\""; ok $? "article: links to the newer article of its category"
is "$(status_of "$older")" 200 "article: the older article answers 200"
is "$(status_of "$newer")" 200 "article: the newer article answers 200"
bad=
for u in $(grep -oE '(href|src)="/[^"]*"' "$T/body" | sed -e 's/^[a-z]*="//' -e 's/"$//' -e 's/&amp;/\&/g' | sort -u); do
	s=$(status_of "$u")
	[ "$s" = 200 ] || bad="$bad $u:$s"
done
is "$bad" "" "article: every link to the site answers 200"

get /emnews/2021/12/15/202112142201899905.html
is "$STATUS" 200 "article written at +00:00, on the next day in Shanghai: 200"
like "$(body)" '<time datetime="2021-12-15T07:30:00\+08:00">2021-12-15 07:30 北京时间</time>' "its time in the site's zone, labelled"
unlike "$(body)" '2021-12-14 23:30' "shown once: not also as written"
get /nanchangribao/2022/01/10/NW202201102241150382.html
is "$STATUS" 200 "newspaper article: 200"
is "$(current)" "/nanchangribao/" "an article: the navigation marks its category"
get /jingjiribao/
is "$(current)" "/jingjiribao/" "another category: it is marked, the first one no longer"
get /
is "$(current)" "" "home: no category marked"
get /nanchangribao/2022/01/10/NW202201102241150382.html
like "$(body)" "南昌日报([^新）]|$)" "newspaper article: source 南昌日报"
like "$(body)" "<p>春节临近" "newspaper article: its raw HTML body"
is "$(status_of /sitenews/2021/12/01/hello.html)" 200 "a post without a share code: 200"
is "$(status_of /emnews/jingjiribao/2021/12/13/202112132201712270.html)" 200 "a post in two categories: 200"
is "$(status_of /emnews/2021/12/13/nope.html)" 404 "unknown slug: 404"
get /emnews/2021/12/14/202112132201708842.html
is "$STATUS $(header location)" "301 $art" "right slug, wrong day: 301 to the article (t0215)"
get /emnews/2021/12/13/202112132201708842
is "$STATUS $(header location)" "301 $art" "without .html: 301 to the article"

# ---- share links ---------------------------------------------------------------
for p in infoCode INFOCODE infocode; do
	get "/html_News/NewsShare.html?$p=NW202112132201708842"
	is "$STATUS" 200 "share link ?$p=: 200"
	like "$(body)" "<h1[^>]*>[^<]*公开市场开展1000亿元逆回购操作" "share link ?$p=: the article"
	like "$(body)" "今日公开市场开展7天期逆回购操作1000亿元" "share link ?$p=: its body"
	like "$(body)" "<link rel=\"canonical\" href=\"[^\"]*$art\"" "share link ?$p=: canonical link to $art"
done
get "/html_News/NewsShare.html?infoCode=NW999999999999999999"
is "$STATUS" 404 "unknown infoCode: 404"
like "$(body)" "金融消息样例" "unknown infoCode: the 404 page in the layout"
is "$(status_of /html_News/NewsShare.html)" 404 "share page without infoCode: 404"
is "$(status_of "/html_News/NewsShare.html?infoCode=")" 404 "share page with an empty infoCode: 404"

# ---- 404 -----------------------------------------------------------------------
get /no/such/page
is "$STATUS" 404 "unknown path: 404"
is "$(header content-type)" "text/html; charset=utf-8" "404: content type"
like "$(body)" "<title>[^<]*金融消息样例" "404: in the layout (site title)"
like "$(body)" 'href="/emnews/"' "404: in the layout (category navigation)"
is "$(status_of /favicon.ico)" 200 "/favicon.ico: 200, an icon from static/ (t0344)"
get /index.html
is "$STATUS $(header location)" "301 /" "/index.html: 301 to / (t0215)"

# ---- static files, from nginx --------------------------------------------------
get /static/style.css
is "$STATUS" 200 "/static/style.css: 200"
like "$(header content-type)" "^text/css" "/static/style.css: text/css"
like "$(header cache-control)" "max-age=2592000.*immutable" "/static/: cached for 30 days, immutable"
is "$(status_of /static/nope.css)" 404 "/static/nope.css: 404"

# ---- a hostile title -------------------------------------------------------------
xss=/emnews/2021/12/14/202112142201846612.html
for p in "$xss" /emnews/ /; do
	get "$p"
	like "$(body)" "券商&amp;基金年末排名战 &lt;script&gt;alert\(1\)&lt;/script&gt; 规模&amp;业绩" "$p: the <script> title escaped"
	unlike "$(body)" "<script>alert" "$p: no raw <script>alert"
done

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
