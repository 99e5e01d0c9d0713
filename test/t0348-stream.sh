#!/bin/sh
# The stream of every post, /all/ (全部消息): newest first, paged as a
# category is (t0201) by the ranks finews-import keeps in the table
# stream, which stay dense and in time order after new posts, a backdated
# post and a takedown; linked from the home page.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 130 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
serve "$T/db"

# the store's URLs of the posts ranked [FIRST, END) by time, newest first
want() {
	q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
		FROM posts ORDER BY sk DESC LIMIT $(($2 - $1))
		OFFSET $(($(q "$T/db" "SELECT count(*) FROM posts") - $2))"
}
links() {
	grep -oE 'href="/[^"]*/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/]+\.html"' "$T/body" |
		sed -e 's/^href="//' -e 's/"$//'
}
rel() {
	grep -oE "<(a|link)[^>]*rel=\"$1\"[^>]*>" "$T/body" | head -n 1 |
		sed -n 's/.*href="\([^"]*\)".*/\1/p' | sed -e 's|^https\{0,1\}://[^/]*||'
}
# consistent WHEN: the stream holds every post once, ranked 0.. by time
consistent() {
	is "$(q "$T/db" "SELECT count(*) FROM stream s JOIN posts p ON p.sk = s.sk")" \
		"$(q "$T/db" "SELECT count(*) FROM posts")" "$1: the stream holds every post"
	is "$(q "$T/db" "SELECT count(*) FROM (SELECT rank, row_number() OVER
		(ORDER BY sk) - 1 AS n FROM stream) WHERE rank <> n")" 0 \
		"$1: its ranks are 0, 1, ... in time order"
}
consistent "after the first import"
n=$(q "$T/db" "SELECT count(*) FROM posts")

get /
like "$(body)" '<a href="/all/">全部消息 ›</a>' "the home page links to /all/ (全部消息)"
get /all/
is "$STATUS" 200 "/all/: 200"
like "$(body)" "<title>全部消息 - " "/all/: its title"
is "$(links)" "$(want $((n - 50)) "$n")" "/all/: the 50 newest posts, every category, newest first"
is "$(rel next)" "/all/?page=$(((n - 1) / 50))" "/all/: rel=next to the highest complete page"
like "$(header Cache-Control)" "max-age=60\b" "/all/: a short cache lifetime"
get "/all/?page=1"
is "$(links)" "$(want 0 50)" "?page=1: the 50 oldest"
like "$(body)" "<title>全部消息（第 1–50 篇）" "?page=1: the title says which posts"
like "$(header Cache-Control)" "max-age=86400\b" "?page=1: cached long"
links >"$T/page1.before"
get "/all/?page=2"
links >"$T/page2.before"
is "$(status_of "/all/?page=$(((n + 49) / 50 + 1))")" 404 "past the newest page: 404"
is "$(status_of "/all/?page=0")" 404 "?page=0: 404"

for i in $(seq 130 189); do
	"$GEN" --one "$T/site" "$i" || bail "gen-site --one failed"
done
"$IMPORT" --db "$T/db" "$T/site" 2>>"$T/import.err" || bail "second import failed"
consistent "after importing 60 newer posts"
get "/all/?page=1"
is "$(links)" "$(cat "$T/page1.before")" "after importing: page 1 holds the same posts"
get "/all/?page=2"
is "$(links)" "$(cat "$T/page2.before")" "after importing: page 2 holds the same posts"

# A post dated before all others ranks the stream again, from it on; one
# taken down leaves no gap.  A category named "all" keeps its articles,
# but /all/ is the stream.
printf -- '---\ntitle: "旧消息"\ndate: 2020-01-01 08:00:00\ncategories: all\n---\n正文。\n' \
	>"$T/site/_posts/2020-01-01-old.md"
"$IMPORT" --db "$T/db" "$T/site" 2>>"$T/import.err" || bail "third import failed"
consistent "after a backdated post"
get "/all/?page=1"
is "$(links | tail -n 1)" "/all/2020/01/01/old.html" "the backdated post is the oldest of page 1"
like "$(body)" "<title>全部消息（第 1–50 篇）" "/all/ is the stream, though a category is named all"
is "$(status_of /all/2020/01/01/old.html)" 200 "the category all's article answers"
victim=$(q "$T/db" "SELECT path FROM posts ORDER BY sk LIMIT 1 OFFSET 70")
"$IMPORT" --db "$T/db" --remove "$victim" >"$T/remove.out" 2>&1 || bail "takedown failed"
consistent "after a takedown"
get "/all/"
is "$(links)" "$(want $(($(q "$T/db" "SELECT count(*) FROM posts") - 50)) \
	"$(q "$T/db" "SELECT count(*) FROM posts")")" "after it all: /all/ shows the 50 newest"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
