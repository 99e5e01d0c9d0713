#!/bin/sh
# The real corpus (../shared/corpus/finews, when present), served: its
# newspaper article at its old URL and by its share link, and the wire
# posts' category in pages of 50.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

[ -d "$CORPUS/_posts" ] || skip_all "no corpus beside the checkout"
"$IMPORT" --db "$T/db" "$CORPUS" 2>"$T/import.err" || bail "corpus import failed"
serve "$T/db"

art=/nanchangribao/2022/01/10/NW202201102241149770.html
check_article() { # what
	is "$STATUS" 200 "$1: 200"
	b=$(body)
	like "$b" "<title>聚焦产业发展" "$1: <title> starts with its title"
	like "$b" "<h1[^>]*>聚焦产业发展 强化工业主战场定位" "$1: heading"
	like "$b" '<time datetime="2022-01-10T07:48:36\+08:00">2022-01-10 07:48 北京时间</time>' "$1: <time>"
	like "$b" '<a [^>]*href="/nanchangribao/"[^>]*>南昌日报新闻</a>' "$1: link to 南昌日报新闻"
	like "$b" "南昌日报([^新）]|$)" "$1: source 南昌日报 (besides the 文章来源 line)"
	like "$b" "文章来源：南昌日报" "$1: the 文章来源 line"
	like "$b" "小蓝经开区全面聚焦" "$1: body"
	like "$b" "金融消息" "$1: the site's title"
}
get "$art"
check_article "NW article"
get /html_News/NewsShare.html?infoCode=NW202201102241149770
check_article "its share link"
like "$(body)" "<link rel=\"canonical\" href=\"https://finews.withounder.com$art\"" "share link: canonical link to the article"
is "$(status_of /html_News/NewsShare.html?infoCode=NW000000000000000000)" 404 "unknown infoCode: 404"

links() {
	grep -oE 'href="/[^"]*/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/]+\.html"' "$T/body" | sed -e 's/^href="//' -e 's/"$//'
}
# emnews posts: the wire's files in _posts/ and old_post/, one per name
n=$(cd "$CORPUS" && grep -l '^categories: emnews' _posts/*.md old_post/*.md | sed 's,.*/,,' | sort -u | wc -l)
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE category_path = 'emnews'")" "$n" "$n emnews posts in the store"
get /emnews/
is "$STATUS" 200 "/emnews/: 200"
like "$(body)" "东财滚动新闻" "/emnews/: 东财滚动新闻"
is "$(links | wc -l | tr -d ' ')" 50 "/emnews/: 50 posts"
is "$(links | head -n 1)" "$(q "$T/db" "SELECT '/emnews/' || day || '/' || slug || '.html' FROM posts WHERE category_path = 'emnews' ORDER BY published DESC, id DESC LIMIT 1")" "/emnews/: the newest first"
pages=$(( (n + 49) / 50 ))
last=$(( n - 50 * (pages - 1) ))
get "/emnews/?page=$pages"
is "$STATUS" 200 "/emnews/?page=$pages: 200"
is "$(links | wc -l | tr -d ' ')" "$last" "/emnews/?page=$pages: the last $last"
is "$(status_of "/emnews/?page=$((pages + 1))")" 404 "/emnews/?page=$((pages + 1)): 404"

wire=$(q "$T/db" "SELECT '/emnews/' || day || '/' || slug || '.html' FROM posts WHERE slug = '202112082206736335'")
get "$wire"
is "$STATUS" 200 "wire post $wire: 200"
like "$(body)" 'href="http://finance.eastmoney.com/news/1345,202112082206736335.html"' "wire post: link to the original"
like "$(body)" 'NewsShare.html\?infoCode=NW202112082206736335' "wire post: share link"

# Every post answers 200.
bad=
for u in $(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts"); do
	s=$(status_of "$u")
	[ "$s" = 200 ] || bad="$bad $u:$s"
done
is "$bad" "" "every post answers 200 at its URL"
is "$(status_of /)" 200 "home: 200"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
