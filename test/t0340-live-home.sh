#!/bin/sh
# The live home page: static/live.js polls the home page, which answers
# 304 (through nginx's micro-cache) while nothing changed; a post imported
# while the page is open shows a "1 条新消息" button that inserts it at the
# top; recent times read "3分钟前" by the browser's clock.  And the home's
# category boxes never repeat a post of the latest list, on a site where
# one wire brings most of the news.  Real nginx, finews.fcgi, chromium.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
. "$(dirname "$0")/lib-browser.sh"

mkdir -p "$T/site/_posts" "$T/new/_posts"
printf 'title: 直播\ntimezone: Asia/Shanghai\n' >"$T/site/_config.yml"
# post DIR SLUG TIME CATEGORIES: a post at 2022-03-01 TIME (Beijing time)
post() {
	printf -- '---\ntitle: "消息 %s"\ndate: 2022-03-01 %s +0800\ncategories: %s\n---\n正文 %s。\n' \
		"$2" "$3" "$4" "$2" >"$T/$1/_posts/2022-03-01-$2.md"
}
# One wire brings most posts (emnews, 30 of 40), the newest among them
# one also in jingjiribao; a post two hours before the newest, the rest
# older still.
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29; do
	post site "em$n" "08:$n:00" emnews
done
post site both "09:00:00" "emnews jingjiribao"
for n in 1 2 3 4; do post site "jj$n" "07:0$n:00" jingjiribao; done
for n in 1 2 3; do post site "nc$n" "08:2${n}:30" nanchangribao; done
post site site1 "06:00:00" sitenews
post site site2 "07:00:00" sitenews
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "the import failed"
NGINX_CACHE=cache serve "$T/db"

# ---- the boxes never repeat the latest list -----------------------------
# urls_in START: the post links of the sections starting with START
urls_in() {
	sed -n "/$1/,/<\/section>/p" "$T/body" | grep -oE 'href="/[^"]*\.html"' | sort
}
check_boxes() { # what
	get /
	urls_in '<section class="latest"' >"$T/latest"
	urls_in '<section class="cat-box">' >"$T/boxes"
	is "$(wc -l <"$T/latest")" 20 "$1: 20 posts in the latest list"
	is "$(comm -12 "$T/latest" "$T/boxes" | tr '\n' ' ')" "" "$1: no box repeats one of them"
	is "$(grep -c 'class="cat-box"' "$T/body")" "$(grep -c '<section class="cat-box">' "$T/body")" \
		"$1: every box is whole"
}
check_boxes "a site mostly from one wire"
is "$(grep -A1 '<section class="cat-box">' "$T/body" | grep -oE 'href="/[a-z]+/"' | tr '\n' ' ')" \
	'href="/emnews/" href="/jingjiribao/" href="/sitenews/" ' \
	"the boxes: emnews's older posts, jingjiribao and sitenews; none for nanchangribao, all of whose posts are in the latest list"
like "$(sed -n '/<section class="cat-box">/,/<\/section>/p' "$T/body" | grep -oE 'href="/emnews/2022/03/01/[^"]*"' | head -1)" \
	'em13\.html' "emnews's box starts after its posts in the latest list"
like "$(body)" '<script src="/static/live.js\?v=[0-9a-f]{10}" defer data-interval="60"></script>' \
	"the home page loads live.js, deferred"
get /emnews/
unlike "$(body)" 'live\.js' "a category page does not"

# Generated, skewed as the real archive (60% from emnews).
"$GEN" --sources 30 --start 2022-04-01 "$T/gen" 400 || bail "gen-site failed"
"$IMPORT" --db "$T/db2" "$T/gen" 2>/dev/null
stop_server
NGINX_CACHE=cache serve "$T/db2"
check_boxes "a generated site"
stop_server
NGINX_CACHE=cache serve "$T/db"

# ---- revalidation through the micro-cache --------------------------------
get /
etag=$(header ETag)
sleep 1.1   # past the micro-cache's second, then within it
for from in first again; do
	sizes=$(curl -s -o /dev/null -w '%{http_code} %{size_header} %{size_download}' \
		-H "If-None-Match: $etag" "$BASE/")
	is "${sizes%% *}" 304 "the home page revalidated through the micro-cache ($from): 304"
	note_sizes=${sizes#* }
done
echo "# the poll's 304: ${note_sizes% *} bytes of headers, ${note_sizes#* } of body;" \
	"the home page: $(wc -c <"$T/body") bytes, live.js: $(wc -c <"$TOP/static/live.js") bytes"
get /static/live.js
is "$STATUS" 200 "nginx serves live.js"

# ---- in chromium -----------------------------------------------------------
post new live "09:30:00" emnews
browser live.cjs "$BASE" "$IMPORT" "$T/db" "$T/new/_posts/2022-03-01-live.md" \
	"/emnews/2022/03/01/live.html"
# nginx's side of it: the polls (fetches, with the page as referrer)
polls=$(grep -c "\"GET / HTTP/1.1\" 304 0 \"$BASE/\"" "$NGINX_DIR/access.log")
ok "$([ "$polls" -ge 4 ] && echo 0 || echo 1)" "nginx answered the polls with 304 and no body ($polls times)"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
