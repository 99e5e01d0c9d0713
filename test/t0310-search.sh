#!/bin/sh
# /search: full-text search over titles and bodies (FTS5, trigrams), with
# one- and two-character words, newest first, snippets with the words
# marked; whatever a reader types is plain text, never an error page.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
serve "$T/db"
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'; }
titles() { grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//'; }
# The posts whose title or body holds every word, newest first, from the
# store itself.
expect() {
	q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
		FROM posts p JOIN search s ON s.rowid = p.sk WHERE $1 ORDER BY p.sk DESC"
}

get "/search?q=$(enc 银行)"
is "$STATUS" 200 "two-character word: 200"
want=$(expect "instr(s.text, '银行')")
ok $([ "$(echo "$want" | wc -l)" -ge 3 ] && echo 0 || echo 1) "the sample has several posts with 银行"
is "$(titles)" "$want" "two-character word: every post holding it, newest first"
like "$(body)" "<mark>银行</mark>" "snippets mark the word"
like "$(body)" "共找到 $(echo "$want" | wc -l) 篇" "the count is shown"
like "$(body)" '<time datetime="20[0-9-]+T' "results have their date"
like "$(body)" 'class="post-cat" href="/[a-z]+/"' "and their category"

get "/search?q=$(enc 车)"
is "$(titles)" "$(expect "instr(s.text, '车')")" "one-character word"

get "/search?q=$(enc 绿色信贷持续扩容)"
is "$(titles)" "$(expect "instr(s.text, '绿色信贷持续扩容')")" "a long phrase"
ok $([ -n "$(titles)" ] && echo 0 || echo 1) "which is found"

get "/search?q=$(enc '银行 贷款')"
is "$(titles)" "$(expect "instr(s.text, '银行') AND instr(s.text, '贷款')")" "two words: posts holding both"

get "/search?q=$(enc 'ETF')"
is "$(titles)" "$(expect "instr(lower(s.text), 'etf')")" "ASCII words in any case"

get "/search?q=$(enc 这是一个不存在的短语)"
is "$STATUS" 200 "no result: 200"
like "$(body)" "没有找到" "and says so"

get "/search"
is "$STATUS" 200 "no query: the search box"
like "$(body)" '<form class="search-form" action="/search"' "with the form"
unlike "$(body)" 'class="post-title"' "and no results"
get "/search?q=$(enc '   ')"
is "$STATUS" 200 "a blank query: the box too"

for hq in '"' '*' 'NEAR(a b)' '(' ')' 'a OR b' 'NOT 银行' '"银行" AND' \
	"' OR 1=1 --" "1); DROP TABLE posts; --" '%' '_' '^银' '银行*' '{col}:x' '\'; do
	is "$(status_of "/search?q=$(enc "$hq")")" 200 "taken as plain text: $hq"
done
long=$(printf '银行 a%.0s' $(seq 1 75))
get "/search?q=$(enc "$long")"
is "$STATUS" 200 "a 300-character query: 200"
like "$(body)" "value=\"(银行 a){50}\"" "cut to 200 characters"
get "/search?q=$(enc '<script>alert(1)</script>')"
is "$STATUS" 200 "a hostile query: 200"
unlike "$(body)" '<script>alert' "shown escaped"
like "$(body)" 'value="&lt;script&gt;alert\(1\)&lt;/script&gt;"' "in the search box too"
is "$(status_of '/search?q=%zz')" 400 "broken percent-encoding: 400"
is "$(status_of "/search?q=$(enc 银行)&page=2")" 404 "a page past the end: 404"
is "$(status_of "/search?q=$(enc 银行)&page=0")" 400 "page 0: 400"
is "$(q "$T/db" "SELECT count(*) FROM posts")" 32 "the store is intact"

get /
like "$(body)" '<form class="search-box" action="/search"' "a search box in the layout"
get "/search?q=$(enc 银行)"
is "$(grep -c 'role="search"' "$T/body")" 1 "one search form on the search page"
get "/search?q=$(enc 银行)"
body > "$T/page.html"
tidy -q -e "$T/page.html" 2>"$T/tidy"
ok $([ $? -le 1 ] && echo 0 || echo 1) "the search page passes tidy -q -e"
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing
