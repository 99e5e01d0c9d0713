#!/bin/sh
# Slugs and categories with spaces, '%', '?', '#' or Chinese characters:
# slugs as Jekyll makes them (its "pretty" slugify), categories as written
# (Jekyll takes any), both percent-encoded in links that lead to their
# pages.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

mkdir -p "$T/site/_posts"
printf 'title: 怪名字\nurl: https://odd.example.org\n' > "$T/site/_config.yml"
# post FILE TITLE CATEGORY: CATEGORY one list item, spaces and all
post() { printf -- '---\ntitle: "%s"\ndate: 2021-12-08 10:00:00\ncategories: ["%s"]\n---\n正文。\n' "$2" "$3" > "$T/site/_posts/$1"; }
post '2021-12-08-a b.md' 空格 emnews
post '2021-12-08-100%.md' 百分号 emnews
post '2021-12-08-why?.md' 问号 emnews
post '2021-12-08-no#1.md' 井号 emnews
post '2021-12-08-中文名.md' 中文 财经新闻
post '2021-12-08-c1.md' 空格栏目 'x y'
post '2021-12-08-c2.md' 百分号栏目 '50%'
post '2021-12-08-c3.md' 问号栏目 'q?'
post '2021-12-08-c4.md' 井号栏目 'h#1'
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
is "$?" 0 "odd names import"
serve "$T/db"
get /emnews/
links=$(grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//')
like "$links" '^/emnews/2021/12/08/a-b\.html$' "a space in a slug: '-', as Jekyll's slugify"
like "$links" '^/emnews/2021/12/08/100\.html$' "a '%' in a slug goes"
like "$links" '^/emnews/2021/12/08/why\.html$' "a '?' in a slug goes"
like "$links" '^/emnews/2021/12/08/no-1\.html$' "a '#' in a slug: '-'"
for l in $links; do
	is "$(status_of "$l")" 200 "$l answers 200"
done
get /
for c in x%20y 50%25 q%3F h%231; do
	grep -q "href=\"/$c/\"" "$T/body"
	ok $? "the category link /$c/ is encoded"
	is "$(status_of "/$c/")" 200 "  and answers 200"
	get "/$c/"
	l=$(grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//')
	like "$l" "^/$c/2021/12/08/c[0-9]\.html$" "  its article's link is encoded too"
	is "$(status_of "$l")" 200 "  and answers 200"
	get /
done
cat_link=$(grep -o 'href="/%E8%B4%A2[^"]*"' "$T/body" | head -1 | sed 's/href="//; s/"$//')
is "$cat_link" "/%E8%B4%A2%E7%BB%8F%E6%96%B0%E9%97%BB/" "a Chinese category's link is encoded"
is "$(status_of "$cat_link")" 200 "and answers 200"
get "$cat_link"
l=$(grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//')
is "$l" "/%E8%B4%A2%E7%BB%8F%E6%96%B0%E9%97%BB/2021/12/08/%E4%B8%AD%E6%96%87%E5%90%8D.html" "a Chinese slug is kept, encoded"
is "$(status_of "$l")" 200 "so does its article ($l)"
done_testing
