#!/bin/sh
# Tag pages, /tags/<tag>/: a tag's posts newest first, 50 to a page like a
# category; tag names in Chinese, percent-encoded in URLs (and accepted
# raw); the canonical link; unknown tags 404; every tag link of an article
# answers 200 and leads back to it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$T/db
"$IMPORT" --db "$DB" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$DB"

# want TAG [PAGE]: the article URLs of that page of TAG, from the store.
want() {
	q "$DB" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
		FROM post_tags pt JOIN posts p ON p.id = pt.post_id
		WHERE pt.tag_id = (SELECT id FROM tags WHERE name = '$1')
		ORDER BY pt.published DESC, pt.post_id DESC
		LIMIT 50 OFFSET $(((${2:-1} - 1) * 50))"
}
links() {
	grep -oE 'href="/[^"]*/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/]+\.html"' "$T/body" |
		sed -e 's/^href="//' -e 's/"$//'
}
# enc TEXT: TEXT percent-encoded as a path segment, upper-case hex.
enc() {
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F | sed 's/\(..\)/%\1/g'
}
# rel REL: the href of the first element with rel=REL.
rel() {
	grep -oE "<(a|link)[^>]*rel=\"$1\"[^>]*>" "$T/body" | head -n 1 |
		sed -n 's/.*href="\([^"]*\)".*/\1/p' | sed -e 's/&amp;/\&/g'
}

# ---- every tag of the sample -------------------------------------------------
FX=$(enc 外汇)
is "$FX" "%E5%A4%96%E6%B1%87" "enc: 外汇 percent-encoded"
ntags=$(q "$DB" "SELECT count(*) FROM tags")
[ "$ntags" -ge 5 ] || bail "the sample has only $ntags tags"
q "$DB" "SELECT name FROM tags ORDER BY name" >"$T/tags"
while read -r tag; do
	get "/tags/$(enc "$tag")/"
	is "$STATUS" 200 "/tags/$tag/ (percent-encoded): 200"
	is "$(links)" "$(want "$tag")" "/tags/$tag/: its posts, newest first"
	like "$(body)" "<h1>.*标签.*>$tag</a></h1>" "/tags/$tag/: heading names the tag"
done <"$T/tags"

get "/tags/东财滚动新闻/"
is "$STATUS" 200 "/tags/东财滚动新闻/ (raw UTF-8): 200"
is "$(links | wc -l | tr -d ' ')" 24 "/tags/东财滚动新闻/: all 24 posts on one page"
is "$(links)" "$(want 东财滚动新闻)" "/tags/东财滚动新闻/: newest first"
like "$(body)" "<title>标签：东财滚动新闻 - 金融消息样例</title>" "tag page: <title>"
like "$(body)" "<link rel=\"canonical\" href=\"https://finews.example.org/tags/$(enc 东财滚动新闻)/\">" \
	"tag page: canonical link, absolute and percent-encoded"
grep -q 'rel="next"\|rel="prev"' "$T/body"
ok $((!$?)) "tag page: one page, no prev/next link"
get "/tags/$(enc 东财滚动新闻 | tr A-F a-f)/"
is "$STATUS" 200 "lower-case percent-encoding: 200"
is "$(links)" "$(want 东财滚动新闻)" "lower-case percent-encoding: the same posts"

# ---- not tags ------------------------------------------------------------------
get "/tags/$(enc 没有这个)/"
is "$STATUS" 404 "unknown tag: 404"
like "$(body)" "金融消息样例" "unknown tag: the 404 page in the layout"
is "$(status_of /tags/)" 200 "/tags/: the page of every tag (t0215)"
is "$(status_of "/tags/$FX")" 404 "a tag without its trailing slash: 404"
is "$(status_of "/tags/$FX/x/")" 404 "below a tag: 404"
is "$(status_of "/tags/$FX/?page=2")" 404 "a one-page tag's ?page=2: 404"
is "$(status_of "/tags/$FX/?page=0")" 404 "?page=0: 404"
is "$(status_of "/tags/%E5%A4/")" 400 "a tag of broken UTF-8: 400"

# ---- an article's tag links --------------------------------------------------------
art=/emnews/2021/12/13/202112132201708842.html
get "$art"
grep -oE 'href="/tags/[^"]*"' "$T/body" | sed -e 's/^href="//' -e 's/"$//' >"$T/taglinks"
# its third tag, 东财滚动新闻, is its category's name: the breadcrumb shows it
is "$(sort "$T/taglinks" | tr '\n' ' ')" "$(for t in 外汇 央行; do enc "$t"; echo; done |
	sed 's|.*|/tags/&/|' | sort | tr '\n' ' ')" "article: links its other two tags, percent-encoded"
bad=
while read -r u; do
	get "$u"
	[ "$STATUS" = 200 ] && links | grep -qxF "$art" || bad="$bad $u:$STATUS"
done <"$T/taglinks"
is "$bad" "" "article: each tag link answers 200 and lists the article"
bad=
for a in $(q "$DB" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts"); do
	get "$a"
	for u in $(grep -oE 'href="/tags/[^"]*"' "$T/body" | sed -e 's/^href="//' -e 's/"$//'); do
		[ "$(status_of "$u")" = 200 ] || bad="$bad $a:$u"
	done
done
is "$bad" "" "every article's tag links answer 200"
stop_server

# ---- pagination, on a generated site -------------------------------------------------
"$GEN" "$T/site" 130 || bail "gen-site failed"
DB=$T/gen.db
"$IMPORT" --db "$DB" "$T/site" 2>"$T/import2.err" || bail "import of the generated site failed"
serve "$DB"
TAG=东财滚动新闻
E=/tags/$(enc "$TAG")/
n=$(q "$DB" "SELECT count(*) FROM post_tags WHERE tag_id = (SELECT id FROM tags WHERE name = '$TAG')")
pages=$(((n + 49) / 50))
[ "$pages" -ge 3 ] || bail "$TAG has $n posts: fewer than 3 pages"
echo "# $TAG: $n posts, $pages pages"

# ranked TAG FIRST END: the article URLs of TAG's ranks [FIRST, END),
# newest first (pages are numbered from the oldest post: t0201).
ranked() {
	q "$DB" "SELECT '/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'
		FROM post_tags pt JOIN posts p ON p.id = pt.post_id
		WHERE pt.tag_id = (SELECT id FROM tags WHERE name = '$1')
		AND pt.rank >= $2 AND pt.rank < $3 ORDER BY pt.rank DESC"
}
chained=$(((n - 1) / 50))
get "$E"
is "$STATUS" 200 "generated: the tag's URL: 200"
is "$(links | wc -l | tr -d ' ')" 50 "the tag's URL: 50 posts"
is "$(links)" "$(want "$TAG" 1)" "the tag's URL: the 50 newest, newest first"
grep -q 'rel="prev"' "$T/body"
ok $((!$?)) "the tag's URL: no rel=prev link"
next=$(rel next)
is "$next" "$E?page=$chained" "the tag's URL: rel=next link to ?page=$chained"
get "$E?page=1"
is "$STATUS" 200 "?page=1 answers 200"
is "$(links)" "$(ranked "$TAG" 0 50)" "page 1: the 50 oldest, newest first"
is "$(rel prev)" "$E?page=2" "page 1: rel=prev link to page 2"
grep -q 'rel="next"' "$T/body"
ok $((!$?)) "page 1: no rel=next link"
get "$E?page=2"
like "$(body)" "<link rel=\"canonical\" href=\"https://[^\"]*$E\?page=2\">" "page 2: its canonical link has ?page=2"
get "$E?page=$pages"
is "$STATUS" 200 "last page ($pages): 200"
is "$(links)" "$(ranked "$TAG" $(((pages - 1) * 50)) "$n")" "last page: the newest $((n - (pages - 1) * 50)) posts"
is "$(rel next)" "$E?page=$((pages - 1))" "last page: rel=next link to page $((pages - 1))"
is "$(status_of "$E?page=$((pages + 1))")" 404 "?page=$((pages + 1)): 404"
is "$(status_of "$E?page=abc")" 404 "?page=abc: 404"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
