#!/bin/sh
# Category and tag pages come 50 posts a page, numbered from the oldest
# (page N holds ranks (N-1)*50 to N*50-1), newest first within a page, so
# a page holds the same posts after new ones are imported.  The list's own
# URL shows the 50 newest; rel="prev"/"next" walk newer and older pages
# without losing a post; a complete page is cached long, the others short;
# any ?page= that is not a page of the list is a 404.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 160 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
serve "$T/db"

count() {
	q "$T/db" "SELECT count(*) FROM post_categories
		WHERE category_id = (SELECT id FROM categories WHERE slug = 'emnews')"
}
n=$(count)
pages=$(((n + 49) / 50))
chained=$(((n - 1) / 50))
[ "$pages" -ge 3 ] && [ $((n % 50)) -ne 0 ] ||
	bail "emnews has $n posts: fewer than 3 pages, or a complete last one"
echo "# emnews: $n posts, pages 1-$pages, page $pages incomplete"

# want FIRST END: the article URLs of emnews's ranks [FIRST, END), newest
# first, from the store (ranks by time, then id, from 0).
want() {
	q "$T/db" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
		FROM post_categories pc JOIN posts p ON p.id = pc.post_id
		WHERE pc.category_id = (SELECT id FROM categories WHERE slug = 'emnews')
		ORDER BY pc.published DESC, pc.post_id DESC
		LIMIT $(($2 - $1)) OFFSET $(($(count) - $2))"
}
links() {
	grep -oE 'href="/[^"]*/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/]+\.html"' "$T/body" |
		sed -e 's/^href="//' -e 's/"$//'
}
# rel REL: the href of the first element with rel=REL, as a path.
rel() {
	grep -oE "<(a|link)[^>]*rel=\"$1\"[^>]*>" "$T/body" | head -n 1 |
		sed -n 's/.*href="\([^"]*\)".*/\1/p' | sed -e 's/&amp;/\&/g' \
		-e 's|^https\{0,1\}://[^/]*||' -e 's|^?|/emnews/?|'
}
title() { sed -n 's/.*<title>\([^<]*\)<\/title>.*/\1/p' "$T/body"; }

get /emnews/
is "$STATUS" 200 "the list's URL: 200"
is "$(links)" "$(want $((n - 50)) "$n")" "the list's URL: the 50 newest, newest first"
grep -q 'rel="prev"' "$T/body"
ok $((!$?)) "the list's URL: no rel=prev link"
is "$(rel next)" "/emnews/?page=$chained" "the list's URL: rel=next to the highest complete page with older posts"
is "$(rel canonical)" "/emnews/" "the list's URL: canonical itself"
like "$(header Cache-Control)" "max-age=60\b" "the list's URL: a short cache lifetime"
unlike "$(title)" "篇）" "the list's URL: its title is the list's name"

for k in $(seq "$chained" -1 1); do
	get "/emnews/?page=$k"
	is "$STATUS" 200 "page $k: 200"
	is "$(links)" "$(want $(((k - 1) * 50)) $((k * 50)))" "page $k: ranks $(((k - 1) * 50))-$((k * 50 - 1)), newest first"
	like "$(title)" "第 $(((k - 1) * 50 + 1))–$((k * 50)) 篇" "page $k: the title says which posts"
	like "$(header Cache-Control)" "max-age=86400\b" "page $k: complete, cached long"
	is "$(rel canonical)" "/emnews/?page=$k" "page $k: canonical itself"
	if [ "$k" -eq "$chained" ]; then
		is "$(rel prev)" "/emnews/" "page $k: rel=prev to the list's URL"
	else
		is "$(rel prev)" "/emnews/?page=$((k + 1))" "page $k: rel=prev to page $((k + 1))"
	fi
	if [ "$k" -eq 1 ]; then
		grep -q 'rel="next"' "$T/body"
		ok $((!$?)) "page 1 (the oldest): no rel=next link"
	else
		is "$(rel next)" "/emnews/?page=$((k - 1))" "page $k: rel=next to page $((k - 1))"
	fi
done
get /emnews/?page=1
links >"$T/page1.before"
get "/emnews/?page=2"
links >"$T/page2.before"

get "/emnews/?page=$pages"
is "$STATUS" 200 "the newest numbered page ($pages, incomplete): 200"
is "$(links)" "$(want $(((pages - 1) * 50)) "$n")" "page $pages: the newest posts, newest first"
like "$(header Cache-Control)" "max-age=60\b" "page $pages: incomplete, a short cache lifetime"
is "$(rel canonical)" "/emnews/" "page $pages: canonical is the list's URL"
is "$(rel next)" "/emnews/?page=$((pages - 1))" "page $pages: rel=next to page $((pages - 1))"

# Following rel=next from the list's URL reaches every post, in order.
url=/emnews/ walked=0
: >"$T/walk"
while [ -n "$url" ] && [ "$walked" -lt 20 ]; do
	get "$url"
	links >>"$T/walk"
	url=$(rel next) walked=$((walked + 1))
done
is "$(sort -u "$T/walk" | wc -l | tr -d ' ')" "$n" "walking rel=next shows all $n posts"
is "$(awk '!seen[$0]++' "$T/walk")" "$(want 0 "$n")" "walking rel=next: newest to oldest"
url="/emnews/?page=1" walked=0
while [ -n "$url" ] && [ "$url" != /emnews/ ] && [ "$walked" -lt 20 ]; do
	get "$url"
	url=$(rel prev) walked=$((walked + 1))
done
is "$url" "/emnews/" "walking rel=prev from page 1 reaches the list's URL"

for p in 0 -1 abc 1.5 $((pages + 1)) 99999 99999999999999999999 '' 2abc 0x2 '%20'; do
	is "$(status_of "/emnews/?page=$p")" 404 "?page=$p: 404"
done
is "$(status_of "/sitenews/?page=1")" 200 "a one-page category's ?page=1: 200"
is "$(status_of "/sitenews/?page=2")" 404 "a one-page category's ?page=2: 404"

# Tags are paged the same way.
tag=$(printf '%s' '东财滚动新闻' | od -An -tx1 | tr ' ' '%' | tr -d '\n' | tr a-f A-F)
get "/tags/$tag/?page=1"
is "$STATUS" 200 "a tag's page 1: 200"
is "$(links | tail -n 1)" "$(q "$T/db" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
	FROM post_tags pt JOIN posts p ON p.id = pt.post_id JOIN tags t ON t.id = pt.tag_id
	WHERE t.name = '东财滚动新闻' AND pt.rank = 0")" "a tag's page 1 ends with its oldest post"
like "$(header Cache-Control)" "max-age=86400\b" "a tag's complete page: cached long"

# New posts change the list's URL and the newest page, never the others.
for i in $(seq 160 229); do
	"$GEN" --one "$T/site" "$i" || bail "gen-site --one failed"
done
"$IMPORT" --db "$T/db" "$T/site" 2>>"$T/import.err" || bail "second import failed"
n2=$(count)
[ "$n2" -gt $((pages * 50)) ] || bail "emnews has $n2 posts after the import: page $pages not yet complete"
get /emnews/?page=1
is "$(links)" "$(cat "$T/page1.before")" "after importing $((n2 - n)) posts: page 1 holds the same posts"
get /emnews/?page=2
is "$(links)" "$(cat "$T/page2.before")" "after importing: page 2 holds the same posts"
get "/emnews/?page=$pages"
is "$(links | wc -l | tr -d ' ')" 50 "after importing: page $pages is complete"
like "$(header Cache-Control)" "max-age=86400\b" "after importing: page $pages is cached long"
get /emnews/
is "$(links)" "$(want $((n2 - 50)) "$n2")" "after importing: the list's URL shows the 50 newest"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
