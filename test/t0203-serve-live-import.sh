#!/bin/sh
# A post imported while the server runs shows at once, on its category
# page, the home page, at its URL and by its share code; an update to it
# too.  No restart.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"

url=/nanchangribao/2022/01/20/NW202201202299999901.html
code=NW202201202299999901
mkdir -p "$T/new/_posts"
f="$T/new/_posts/2022-01-20-$code.md"
post() { # title
	printf -- '---\nlayout: post\ntitle: "%s"\ndate: 2022-01-20 09:30:00 +0800\ncategories: nanchangribao\ntags: 南昌日报新闻\n---\n<p>%s：现场导入的测试正文。</p><p class="em_media">（文章来源：南昌日报）</p>\n\n<http://finews.example.org/html_News/NewsShare.html?infoCode=%s>\n' \
		"$1" "$1" "$code" >"$f"
}

# Warm the pages up first, so nothing can come from a fresh start.
is "$(status_of "$url")" 404 "before the import: the new URL is 404"
is "$(status_of "/html_News/NewsShare.html?infoCode=$code")" 404 "before the import: its share code is 404"
get /nanchangribao/
unlike "$(body)" "现场导入测试新闻" "before the import: not on its category page"

post 现场导入测试新闻
"$IMPORT" --db "$T/db" "$f" 2>"$T/import2.err"
is "$?" 0 "the new post imports while the server runs"
like "$(cat "$T/import2.err")" "1 added" "import: 1 added"

get "$url"
is "$STATUS" 200 "the new post's URL: 200"
like "$(body)" "<h1[^>]*>[^<]*现场导入测试新闻" "the new post's URL: its title"
like "$(body)" "现场导入测试新闻：现场导入的测试正文" "the new post's URL: its body"
get /nanchangribao/
first=$(grep -oE 'href="/[^"]*/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/]+\.html"' "$T/body" | head -n 1)
is "$first" "href=\"$url\"" "its category page lists it first"
get /
like "$(body)" "href=\"$url\"" "the home page lists it"
get "/html_News/NewsShare.html?infoCode=$code"
is "$STATUS" 200 "its share code: 200"
like "$(body)" "现场导入测试新闻" "its share code: the article"
get /nanchangribao/2022/01/12/NW202201122241377205.html
like "$(body)" "href=\"$url\"" "the previously newest article links to it as its neighbour"

# Change it: the same file, a new title.
post 现场导入测试新闻（更新）
touch -d '2030-01-01' "$f"
"$IMPORT" --db "$T/db" "$f" 2>"$T/import3.err"
like "$(cat "$T/import3.err")" "1 updated" "import of the changed file: 1 updated"
get "$url"
like "$(body)" "现场导入测试新闻（更新）" "the article shows the new title"
get /nanchangribao/
like "$(body)" "现场导入测试新闻（更新）" "its category page shows the new title"

# A whole generated batch while the server runs.
"$GEN" --start 2022-02-01 "$T/gen" 60 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/gen" 2>"$T/import4.err"
like "$(cat "$T/import4.err")" "60 added" "60 more posts import while the server runs"
newest=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY published DESC, id DESC LIMIT 1")
is "$(status_of "$newest")" 200 "the newest of them answers 200"
get /
like "$(body)" "href=\"$newest\"" "and is on the home page"
get "/emnews/?page=2"
is "$STATUS" 200 "emnews now has a second page"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
