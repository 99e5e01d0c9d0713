#!/bin/sh
# /search reaches the whole archive: past 1,000 matches every result is
# reachable by the pager (?page=N, then ?before= cursors), the last page
# holding the oldest; the count is exact; the filters ?cat= ?from= ?to=
# narrow the results, stay in the pager's links and show in the one
# search form; a bad filter is a 400 with a Chinese message.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 5000 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
serve "$T/db"
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'; }
found() { grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//'; }
next() { grep -o 'class="pager-next" rel="next" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'; }
count() { sed -n 's/.*共找到 \([0-9]*\) 篇.*/\1/p' "$T/body" | head -n 1; }
# the posts holding 车 and meeting condition $1, newest first
expect() {
	q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
		FROM posts p JOIN search s ON s.rowid = p.sk
		WHERE instr(s.text, '车') AND $1 ORDER BY p.sk DESC"
}
w=$(enc 车)

all=$(expect 1)
n=$(echo "$all" | wc -l)
ok $([ "$n" -gt 1000 ] && echo 0 || echo 1) "over 1,000 posts hold 车 ($n)"
get "/search?q=$w"
is "$(count)" "$n" "the count is exact"
got=$(found)
pages=1
while [ "$pages" -lt 400 ]; do
	u=$(next)
	[ -n "$u" ] || break
	get "$u"
	[ "$STATUS" = 200 ] || break
	got=$(printf '%s\n%s\n' "$got" "$(found)" | sed '/^$/d')
	pages=$((pages + 1))
done
is "$got" "$all" "following the pager reaches every result, newest first, in $pages pages"
is "$(found | tail -n 1)" "$(echo "$all" | tail -n 1)" "the last page holds the oldest"
like "$(body)" '« 最新结果' "a deep page links back to the newest"
is "$(status_of "/search?q=$w&page=51")" 404 "page 51: 404 (the cursor goes on)"
get "/search?q=$w&page=50"
like "$(next)" "before=[0-9]+\.[0-9]+" "page 50 goes on with a cursor"

cat=$(q "$T/db" "SELECT c.slug FROM categories c WHERE c.slug <> 'emnews' ORDER BY posts DESC LIMIT 1")
cid=$(q "$T/db" "SELECT id FROM categories WHERE slug = '$cat'")
incat="EXISTS (SELECT 1 FROM post_categories pc WHERE pc.post_id = p.id AND pc.category_id = $cid)"
get "/search?q=$w&cat=$cat"
is "$STATUS" 200 "cat=$cat: 200"
is "$(found)" "$(expect "$incat" | head -n 20)" "cat: only its posts"
is "$(count)" "$(expect "$incat" | wc -l)" "cat: counted"
like "$(body)" "<option value=\"$cat\" selected>" "cat: chosen in the form"

days=$(q "$T/db" "SELECT day FROM posts GROUP BY day ORDER BY day")
from=$(echo "$days" | sed -n '3p' | tr / -)
to=$(echo "$days" | sed -n '5p' | tr / -)
# the day a post shows, in the site's zone
shown="date(p.published + 60 * coalesce(p.zone_offset, p.utc_offset), 'unixepoch')"
span="$shown BETWEEN '$from' AND '$to'"
get "/search?q=$w&from=$from&to=$to"
is "$(found)" "$(expect "$span" | head -n 20)" "from and to: the posts of those days"
is "$(count)" "$(expect "$span" | wc -l)" "from and to: counted"
like "$(body)" "name=\"from\" value=\"$from\"" "from: in the form"
get "/search?q=$w&from=$from"
is "$(count)" "$(expect "$shown >= '$from'" | wc -l)" "from alone"
get "/search?q=$w&to=$to"
is "$(count)" "$(expect "$shown <= '$to'" | wc -l)" "to alone"
get "/search?q=$w&cat=$cat&from=$from&to=$to"
is "$(found)" "$(expect "$span AND $incat" | head -n 20)" "cat, from and to together"
get "/search?q=$w&from=$from&cat=&to="
is "$STATUS" 200 "empty fields (as a form sends them) are no filter"
get "/search?q=$w&to=$(echo "$days" | tail -n 1 | tr / -)&from=2000-01-01"
is "$(count)" "$n" "a range holding every day: every result"
get "/search?q=$w&from=2099-01-01"
like "$(body)" "没有找到" "a range with no post: nothing found"

get "/search?q=$w&cat=emnews&from=$(echo "$days" | head -n 1 | tr / -)"
u=$(next)
like "$u" "cat=emnews&from=[0-9-]+&page=2" "the pager keeps the filters"
get "$u"
like "$(next)" "cat=emnews&from=[0-9-]+&page=3" "and page 2's too"

for bad in 'from=2024-13-01' 'from=2023-02-29' 'to=yesterday' 'from=2024-1-5' \
	'from=2024-02-02&to=2024-02-01' 'cat=a%2Fb' 'cat=%01x' 'before=abc' \
	'before=1.99999' 'page=2&before=1.0' 'page=-1'; do
	get "/search?q=$w&$bad"
	is "$STATUS" 400 "$bad: 400"
done
get "/search?q=$w&from=2024-13-01"
like "$(body)" "起始日期 from 应为 YYYY-MM-DD" "with a clear message in Chinese"
is "$(status_of "/search?q=$w&cat=no-such-category")" 404 "an unknown category: 404"

get "/search?cat=$cat"
is "$STATUS" 200 "filters without words: 200"
like "$(body)" "请输入关键词" "asks for words"
get "/search?q=$w&cat=$cat"
is "$(grep -c 'role="search"' "$T/body")" 1 "one search form on the search page"
like "$(body)" 'class="search-form"' "the page's own, with the filters"
unlike "$(body)" 'class="search-box"' "not the layout's box"
get "/"
like "$(body)" 'class="search-box"' "other pages keep the layout's box"
get "/search?q=$w&cat=$cat&from=$from&to=$to"
body > "$T/page.html"
tidy -q -e "$T/page.html" 2>"$T/tidy"
ok $([ $? -le 1 ] && echo 0 || echo 1) "the search page passes tidy -q -e"
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing
