#!/bin/sh
# Many sources: the real archive has about 2,000 categories (news
# sources), most posts from one wire.  gen-site --sources 2000 makes such
# a site (6,000 posts: 60% emnews, a few mid-size sources, a long tail,
# a category page per source and a few for sources without posts); it is
# checked for that shape, imported and served, and the pages stay
# bounded whatever the number of sources: the home page under 60 KB, an
# article under 30 KB, a category page under 60 KB (a menu of every
# category made each of them grow with the sources).  Sizes, not timings:
# `make bench-sources` measures the latencies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

N=2000
POSTS=6000
"$GEN" --sources $N "$T/site" $POSTS || bail "gen-site --sources failed"

# ---- the generated site ------------------------------------------------

is "$(ls "$T/site/_posts" | wc -l)" $POSTS "$POSTS posts"
grep -h '^categories:' -r "$T/site/_posts" | sort | uniq -c | sort -rn >"$T/cats"
is "$(wc -l <"$T/cats")" $N "$N categories, each with at least one post"
is "$(head -n 1 "$T/cats" | awk '{ print $3 }')" emnews "emnews has the most posts"
wire=$(head -n 1 "$T/cats" | awk '{ print $1 }')
ok "$([ "$wire" -ge $((POSTS * 55 / 100)) ] && [ "$wire" -le $((POSTS * 65 / 100)) ]; echo $?)" \
	"emnews has about 60% of the posts ($wire)"
mid=$(sed -n 2p "$T/cats" | awk '{ print $1 }')
tail1=$(awk '$1 <= 5' "$T/cats" | wc -l)
ok "$([ "$mid" -ge 50 ] && [ "$tail1" -ge $((N / 2)) ]; echo $?)" \
	"mid-size sources ($mid posts for the second) and a long tail ($tail1 with 5 posts or fewer)"
is "$(awk 'NF != 3' "$T/cats" | wc -l)" 0 "no post category with a blank (Jekyll would split it)"
like "$(awk '{ print $3 }' "$T/cats" | tr '\n' ' ')" '[A-Z]' "slugs with capitals"
like "$(awk '{ print $3 }' "$T/cats" | tr '\n' ' ')" '[a-z]+\([a-z]+\)' "slugs with brackets"
tagged=$(grep -h -A1 '^categories:' -r "$T/site/_posts" | grep -c '^tags: .*新闻$')
ok "$([ "$tagged" -ge $((POSTS / 2)) ]; echo $?)" "posts carry their source's Chinese tag ($tagged)"
pages=$(ls "$T/site/category" | wc -l)
is "$pages" $((N + N / 200 + 2 + 2)) "a category page per source, a few for sources without posts, two odd ones"
is "$(grep -L '^layout: category$' "$T/site/category"/* | wc -l)" 0 "every category page has layout: category"
like "$(cat "$T/site/category/emnews.html")" '^title: 东财滚动新闻$' "emnews's page is titled 东财滚动新闻"
# the same seed, the same bytes
"$GEN" --sources $N "$T/again" $POSTS || bail "gen-site --sources failed"
diff -r "$T/site" "$T/again" >/dev/null
ok $? "the same arguments write the same site"
rm -rf "$T/again"
# without --sources, the sites other tests use are unchanged
"$GEN" --seed 3 "$T/plain" 300 || bail "gen-site failed"
sum=$(cd "$T/plain" && find . -type f | LC_ALL=C sort | xargs md5sum | md5sum | cut -c1-32)
is "$sum" a9da7625e3089497e438a832b300c1fd "without --sources, the bytes of before"

# ---- imported and served -----------------------------------------------

"$IMPORT" --db "$T/db" "$T/site" >"$T/import.out" 2>&1
ok $? "finews-import reads the site"
sed 's/^/# /' "$T/import.out" | tail -n 3
is "$(q "$T/db" 'SELECT count(*) FROM posts')" $POSTS "every post imported"
counts=$(sed -n 's/.*category pages: \([0-9]*\) added, [0-9]* updated, [0-9]* removed, [0-9]* unchanged, \([0-9]*\) skipped, \([0-9]*\) failed.*/\1 \2 \3/p' "$T/import.out")
is "$(echo "$counts" | awk '{ print $1 + $2 + $3 }')" "$pages" "every category page accounted for ($counts: added, skipped, failed)"
is "$(echo "$counts" | awk '{ print $3 }')" 0 "none failed"
is "$(q "$T/db" 'SELECT count(*) FROM categories') $(q "$T/db" 'SELECT count(DISTINCT name) FROM categories')" \
	"$(q "$T/db" 'SELECT count(*) FROM categories') $(q "$T/db" 'SELECT count(*) FROM categories')" \
	"no two sources show the same name"
is "$(q "$T/db" 'SELECT count(*) FROM categories WHERE menu IS NOT NULL')" 6 "a menu of 6 sources"
is "$(q "$T/db" 'SELECT count(DISTINCT category_id) FROM post_categories')" $N \
	"$N categories with posts in the store"
serve "$T/db"

# size PATH MAX: PATH answers 200 with fewer than MAX bytes.
size() {
	get "$1"
	is "$STATUS" 200 "$1: 200"
	bytes=$(wc -c <"$T/body")
	ok "$([ "$bytes" -lt "$2" ]; echo $?)" "$1: $bytes bytes, under $2"
}
KB=1024
size / $((60 * KB))
article=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
	FROM posts WHERE category_path = 'emnews' ORDER BY published LIMIT 1 OFFSET 1000")
size "$article" $((30 * KB))
size /emnews/ $((60 * KB))
second=$(sed -n 2p "$T/cats" | awk '{ print tolower($3) }')
size "/$second/" $((60 * KB))
small=$(awk '$1 == 1 { print tolower($3); exit }' "$T/cats")
size "/$small/" $((60 * KB))
bracket=$(awk '$3 ~ /\(/ { print tolower($3); exit }' "$T/cats")
is "$(status_of "/$bracket/")" 200 "/$bracket/ (a slug with brackets): 200"
stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
