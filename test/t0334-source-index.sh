#!/bin/sh
# The source index /category/ and the bounded home page and navigation,
# on a site of 240 categories (sources) made here: the index lists every
# source with its name, post count and newest post, 200 to a page, by
# activity (default) or by initial (?sort=name, a heading per initial and
# a bar of them); ?q= keeps the sources whose name or slug holds it; bad
# parameters are a 400, a page past the last a 404; the old 分类 page's
# addresses move to it.  The home page has boxes for 8 sources only and
# a link to the index; the navigation holds the menu (6 categories), the
# category being read when it is not among them, and 全部来源.  A
# category with a category page and no posts answers with its name.  In
# chromium, static/sources.js hides the rows that do not hold "#q=".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

# skip REASON: one test, skipped
skip() { _n=$((_n + 1)); echo "ok $_n # SKIP $1"; }

mkdir -p "$T/site/_posts" "$T/site/category"
printf 'title: 来源\ntimezone: Asia/Shanghai\n' > "$T/site/_config.yml"
# post SLUG DATE CATEGORY [TAG]
post() {
	printf -- '---\ntitle: "文章 %s"\ndate: %s +0800\ncategories: %s\n%s---\n正文 %s。\n' \
		"$1" "$2" "$3" "${4:+tags: [$4]
}" "$1" > "$T/site/_posts/${2%% *}-$1.md"
}
# 234 sources with one post each, a day apart, initials a to z; 4 whose
# slugs start with a digit, 2 with another character.
i=0
for l in a b c d e f g h i j k l m n o p q r s t u v w x y z; do
	for n in 1 2 3 4 5 6 7 8 9; do
		i=$((i + 1))
		d=$(date -u -d "2021-06-01 + $i days" +%Y-%m-%d)
		post "p$i" "$d 09:00:00" "${l}yuan$n"
	done
done
post d1 "2021-05-01 09:00:00" 36ke
post d2 "2021-05-02 09:00:00" 21shiji
post d3 "2021-05-03 09:00:00" 9fang
post d4 "2021-05-04 09:00:00" 0day
post o1 "2021-05-05 09:00:00" _xia
post o2 "2021-05-06 09:00:00" '"(hk)zhengquan"'
# The most active: emnews (12 posts in the last 3 days), wind (5).
for n in 01 02 03 04 05 06 07 08 09 10 11 12; do
	post "em$n" "2022-07-01 08:$n:00" emnews 东财滚动新闻
done
for n in 1 2 3 4 5; do
	post "wind$n" "2022-06-30 10:0$n:00" wind
done
# Four more with 2-4 posts, long ago: with emnews and wind, the menu.
for c in kuaixun:4 caixin:3 sina:2 qq:2; do
	k=${c%%:*}
	for n in $(seq 1 "${c#*:}"); do
		post "$k$n" "2020-01-0$n 09:00:00" "$k"
	done
done
# A source with a page and no posts.
printf -- '---\nlayout: category\ntitle: 空白来源\ncategory: kongbai\n---\n' > "$T/site/category/kongbai.html"

"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err"
is "$?" 0 "a site of 240 sources imports"
total=$(q "$T/db" "SELECT count(*) FROM categories")
echo "# $total categories"
ok "$([ "$total" -gt 200 ] && [ "$total" -le 400 ] && echo 0 || echo 1)" "more than one page of sources ($total)"
serve "$T/db"

# rows: the source rows of the page in $T/body
rows() { grep -c '<li data-f=' "$T/body"; }

# ---- by activity --------------------------------------------------------
get /category/
is "$STATUS" 200 "/category/ answers"
is "$(rows)" 200 "  with 200 sources on page 1"
first=$(grep -o '<li data-f="[^"]*"><a href="[^"]*"' "$T/body" | head -2 | sed 's/.*href="//; s/"$//' | tr '\n' ' ')
is "$first" "/emnews/ /wind/ " "  the most active first: emnews, then wind"
like "$(body)" "共 $total 个来源 · 第 1 / 2 页" "  its count and pages"
like "$(body)" '<span class="source-count">12 篇</span> <time datetime="2022-07-01T08:12:00\+08:00">2022-07-01 08:12 北京时间</time>' \
	"  emnews's post count and newest post, in the site's zone"
like "$(body)" 'href="/category/\?page=2"' "  a link to page 2"
like "$(body)" 'class="current" aria-current="page">全部来源<' "  全部来源 is current in the navigation"
like "$(body)" '<script src="/static/sources.js\?v=[0-9a-f]{10}" defer></script>' "  the filter script, deferred"
get "/category/?page=2"
is "$STATUS" 200 "page 2 answers"
is "$(rows)" "$((total - 200))" "  with the other $((total - 200)) sources"
like "$(body)" 'rel="prev" href="/category/"' "  and a link back to page 1"
is "$(status_of '/category/?page=3')" 404 "page 3 is past the last: 404"
get /static/sources.js
is "$STATUS" 200 "static/sources.js is served"
ok "$([ "$(wc -c < "$T/body")" -lt 1500 ] && echo 0 || echo 1)" "  and small ($(wc -c < "$T/body") bytes)"

# ---- by name --------------------------------------------------------------
get "/category/?sort=name"
is "$STATUS" 200 "?sort=name answers"
is "$(rows)" 200 "  with 200 sources"
heads=$(grep -o '<section class="source-group" id="i-[a-z0-9]*">' "$T/body" | sed 's/.*id="i-//; s/">//' | tr -d '\n')
is "$heads" "abcdefghijklmnopqrstuv" "  a section per initial, A to V on page 1"
first=$(grep -o '<span class="source-slug">[^<]*' "$T/body" | head -3 | sed 's/.*>//' | tr '\n' ' ')
is "$first" "ayuan1 ayuan2 ayuan3 " "  by slug within an initial"
like "$(body)" '<a href="#i-a">A</a>' "  the bar links A to its section on this page"
like "$(body)" '<a href="/category/\?sort=name&amp;page=2#i-0">0–9</a>' "  and 0–9 to its section on page 2"
like "$(body)" '<a href="/category/\?sort=name&amp;page=2#i-other">其他</a>' "  and the others to theirs"
like "$(body)" 'name="sort" value="name"' "  the filter box keeps the order"
get "/category/?sort=name&page=2"
heads=$(grep -o '<section class="source-group" id="i-[a-z0-9]*">' "$T/body" | sed 's/.*id="i-//; s/">//' | tr '\n' ' ')
like "$heads" '^(v )?w x y z 0 other $' "page 2: the rest, then 0–9, then the others ($heads)"
like "$(body)" '<h2 class="section-title">0–9</h2>' "  0–9 has its heading"
digits=$(grep -A6 'id="i-0"' "$T/body" | grep -o '<span class="source-slug">[^<]*' | sed 's/.*>//' | tr '\n' ' ')
is "$digits" "0day 21shiji 36ke 9fang " "  its sources by slug"

# ---- ?q= -------------------------------------------------------------------
get "/category/?q=WIND"
is "$STATUS" 200 "?q=WIND answers"
is "$(rows)" 1 "  with the one source holding wind, ignoring case"
like "$(body)" '<a href="/wind/">' "  wind"
like "$(body)" '共 1 个来源' "  counted"
get "/category/?q=%E4%B8%9C%E8%B4%A2"
is "$(rows)" 1 "?q=东财: the source whose name holds it"
like "$(body)" '<a href="/emnews/">东财滚动新闻</a>' "  emnews, by its name"
get "/category/?q=yuan1&sort=name"
is "$(rows)" 26 "?q=yuan1&sort=name: the 26 sources holding it"
like "$(body)" 'value="yuan1"' "  the box shows the filter"
get "/category/?q=nothing-like-this"
is "$STATUS" 200 "a filter that keeps nothing answers"
like "$(body)" '没有这样的来源' "  saying so"
get "/category/?q=%20%20"
is "$(rows)" 200 "a filter of spaces is none"

# ---- bad parameters ----------------------------------------------------------
for u in '/category/?sort=bogus' '/category/?page=0' '/category/?page=abc' \
	'/category/?page=-1' '/category/?page=0100' \
	"/category/?q=$(printf 'x%.0s' $(seq 65))" '/category/?q=a%01b' \
	'/category/?q=%ZZ' '/category/?q=%C3'; do
	is "$(status_of "$u")" 400 "$u: 400"
done
is "$(status_of "/category/?q=$(printf 'x%.0s' $(seq 64))")" 200 "a filter of 64 bytes: 200"
is "$(status_of '/category/?page=99999')" 404 "?page=99999: 404"
is "$(status_of '/category/?other=1')" 200 "an unknown parameter is ignored"

# ---- moved --------------------------------------------------------------------
for u in /categories/ /categories /categories.html /categories/index.html \
	/category /category/index.html; do
	get "$u"
	is "$STATUS $(header Location)" "301 /category/" "$u: 301 to /category/"
done
get /category/Wind.html
is "$STATUS $(header Location)" "301 /wind/" "/category/Wind.html: still 301 to /wind/"

# ---- the home page ---------------------------------------------------------------
get /
is "$STATUS" 200 "the home page answers"
is "$(grep -c '<section class="cat-box">' "$T/body")" 8 "  with boxes for 8 sources of $total"
boxes=$(grep -A1 '<section class="cat-box">' "$T/body" | grep -o 'href="[^"]*"' | head -3 | tr '\n' ' ')
# emnews (12), wind (5) and zyuan9, zyuan8, zyuan7 fill the latest list:
# the boxes skip its posts, so those sources are left without a box.
is "$boxes" 'href="/zyuan6/" href="/zyuan5/" href="/zyuan4/" ' \
	"  the most active first (then the newest post), but none whose posts are all in the latest list"
like "$(body)" "<a href=\"/category/\">全部来源（$total）›</a>" "  and a link to all $total sources"
ok "$([ "$(wc -c < "$T/body")" -lt 61440 ] && echo 0 || echo 1)" "  under 60 KB ($(wc -c < "$T/body") bytes)"

# ---- the navigation ----------------------------------------------------------------
# nav: the navigation's links, one a line
nav() { sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$T/body" | grep -o 'href="[^"]*"' | sed 's/href="//; s/"$//'; }
menu=$(q "$T/db" "SELECT '/' || slug || '/' FROM categories WHERE menu IS NOT NULL ORDER BY menu" | tr '\n' ' ')
is "$menu" "/emnews/ /wind/ /kuaixun/ /caixin/ /qq/ /sina/ " "the store's menu: the 6 with the most posts"
# shown in the order of their slugs (t0346-nav-menu)
menu=$(q "$T/db" "SELECT '/' || slug || '/' FROM categories WHERE menu IS NOT NULL ORDER BY slug" | tr '\n' ' ')
is "$(nav | tr '\n' ' ')" "/ ${menu}/category/ " "the home's navigation: 首页, the menu, 全部来源"
get /caixin/
is "$(nav | tr '\n' ' ')" "/ ${menu}/category/ " "a menu category's page: the same links"
like "$(sed -n '/site-nav/,/<\/nav>/p' "$T/body")" 'href="/caixin/" class="current"' "  it is current"
get /myuan4/
is "$STATUS" 200 "a category outside the menu answers"
is "$(nav | tr '\n' ' ')" "/ ${menu}/myuan4/ /category/ " "  the navigation adds it, before 全部来源"
like "$(sed -n '/site-nav/,/<\/nav>/p' "$T/body")" 'href="/myuan4/" class="current"' "  as current"
art=$(q "$T/db" "SELECT '/myuan4/' || day || '/' || slug || '.html' FROM posts WHERE category_path = 'myuan4'")
get "$art"
is "$STATUS" 200 "its article answers"
is "$(nav | tr '\n' ' ')" "/ ${menu}/myuan4/ /category/ " "  with it in the navigation too"
get /zyuan9/
is "$(nav | tr '\n' ' ')" "/ ${menu}/zyuan9/ /category/ " "another: the navigation has it instead"

# ---- a category page without posts ------------------------------------------------------
if [ "$(q "$T/db" "SELECT count(*) FROM categories WHERE slug = 'kongbai' AND posts = 0")" = 1 ]; then
	get /kongbai/
	is "$STATUS" 200 "a category with a page and no posts answers"
	like "$(body)" '空白来源' "  with its name"
	like "$(body)" '还没有文章。<a href="/category/">' "  saying it has no posts yet, with a link to the sources"
	is "$(status_of /kongbai/feed.xml)" 200 "  its feed answers"
	get /category/?q=kongbai
	like "$(body)" '<span class="source-count">0 篇</span></li>' "  the index lists it, 0 posts, no time"
else
	skip "this finews-import does not read category pages yet"
fi

# ---- the sitemap: every source with posts ---------------------------------------------------
get /sitemap.xml
n=$(q "$T/db" "SELECT count(*) FROM categories WHERE posts > 0")
cp "$T/body" "$T/sitemap"
if grep -q '<sitemapindex' "$T/sitemap"; then   # the parts' URLs, read
	parts=$(grep -o '<loc>[^<]*</loc>' "$T/sitemap" | sed 's/<loc>[^/]*\/\/[^/]*//; s/<\/loc>//')
	: > "$T/sitemap"
	for p in $parts; do get "$p"; cat "$T/body" >> "$T/sitemap"; done
fi
is "$(grep -cE '<loc>[a-z]+://[^/<]+/[^/<]+/</loc>' "$T/sitemap")" "$n" "the sitemap lists the $n sources with posts"

# ---- the in-page filter, in chromium --------------------------------------------------------------
chromium=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null && { chromium=$(command -v "$c"); break; }
done
if [ -z "$chromium" ]; then
	skip "chromium is not installed"
else
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
		--disable-dev-shm-usage --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$T/profile" \
		--virtual-time-budget=5000 --dump-dom "$BASE/category/?sort=name#q=byuan" \
		>"$T/dom" 2>"$T/chromium.log"
	is "$?" 0 "chromium dumps the index with #q=byuan"
	is "$(grep -o '<li data-f="[^"]*"' "$T/dom" | wc -l)" 200 "  all 200 rows are in the page"
	is "$(grep -o '<li data-f="[^"]*" hidden=""' "$T/dom" | wc -l)" 191 "  191 of them hidden by sources.js"
	shown=$(grep -o '<li data-f="[^"]*">' "$T/dom" | sed 's/.*data-f="//; s/">//; s/.* //' | tr '\n' ' ')
	is "$shown" "byuan1 byuan2 byuan3 byuan4 byuan5 byuan6 byuan7 byuan8 byuan9 " "  the 9 holding byuan shown"
	is "$(grep -o '<section class="source-group" id="i-[ab]"[^>]*>' "$T/dom" | tr '\n' ' ')" \
		'<section class="source-group" id="i-a" hidden=""> <section class="source-group" id="i-b"> ' \
		"  a section with none shown is hidden, B's is not"
	like "$(grep -o '<input type="search" id="source-q"[^>]*' "$T/dom")" 'name="q"' "  the filter box is there"
fi

unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
