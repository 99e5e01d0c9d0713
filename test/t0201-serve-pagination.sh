#!/bin/sh
# Category pages come 50 posts a page, newest first, with rel="prev" and
# rel="next" links; any ?page= that is not a page of the category is a 404.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 130 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
serve "$T/db"

n=$(q "$T/db" "SELECT count(*) FROM post_categories
	WHERE category_id = (SELECT id FROM categories WHERE slug = 'emnews')")
pages=$(((n + 49) / 50))
[ "$pages" -ge 3 ] || bail "emnews has $n posts: fewer than 3 pages"
echo "# emnews: $n posts, $pages pages"

# want PAGE: the article URLs of that page, from the store.
want() {
	q "$T/db" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
		FROM post_categories pc JOIN posts p ON p.id = pc.post_id
		WHERE pc.category_id = (SELECT id FROM categories WHERE slug = 'emnews')
		ORDER BY pc.published DESC, pc.post_id DESC LIMIT 50 OFFSET $((($1 - 1) * 50))"
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

get /emnews/
is "$STATUS" 200 "page 1: 200"
is "$(links | wc -l | tr -d ' ')" 50 "page 1: 50 posts"
is "$(links)" "$(want 1)" "page 1: the 50 newest, newest first"
grep -q 'rel="prev"' "$T/body"
ok $((!$?)) "page 1: no rel=prev link"
next=$(rel next)
like "$next" "^/emnews/\?page=2$" "page 1: rel=next link to ?page=2"

get "${next:-/no-next-link}"
is "$STATUS" 200 "the next link answers 200"
is "$(links)" "$(want 2)" "page 2: posts 51-100"
like "$(rel prev)" "^/emnews/(\?page=1)?$" "page 2: rel=prev link to page 1"
like "$(rel next)" "^/emnews/\?page=3$" "page 2: rel=next link to page 3"
prev=$(rel prev)
get "${prev:-/no-prev-link}"
is "$(links)" "$(want 1)" "page 2's prev link leads to page 1"

get "/emnews/?page=$pages"
is "$STATUS" 200 "last page ($pages): 200"
is "$(links | wc -l | tr -d ' ')" $((n - (pages - 1) * 50)) "last page: the remaining $((n - (pages - 1) * 50)) posts"
is "$(links)" "$(want "$pages")" "last page: the oldest posts"
like "$(rel prev)" "^/emnews/\?page=$((pages - 1))$" "last page: rel=prev link"
grep -q 'rel="next"' "$T/body"
ok $((!$?)) "last page: no rel=next link"

for p in 0 -1 abc 1.5 $((pages + 1)) 99999 99999999999999999999 '' 2abc 0x2 '%20'; do
	is "$(status_of "/emnews/?page=$p")" 404 "?page=$p: 404"
done
is "$(status_of "/emnews/?page=2")" 200 "?page=2: 200"
is "$(status_of "/sitenews/?page=2")" 404 "a one-page category's ?page=2: 404"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
