#!/bin/sh
# Slugs and categories with spaces, '%', '?', '#' or Chinese characters
# (Jekyll takes any) get percent-encoded links that lead to their pages.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

mkdir -p "$T/site/_posts"
printf 'title: 怪名字\nurl: https://odd.example.org\n' > "$T/site/_config.yml"
post() { printf -- '---\ntitle: "%s"\ndate: 2021-12-08 10:00:00\ncategories: "%s"\n---\n正文。\n' "$2" "$3" > "$T/site/_posts/$1"; }
post '2021-12-08-a b.md' 空格 emnews
post '2021-12-08-100%.md' 百分号 emnews
post '2021-12-08-why?.md' 问号 emnews
post '2021-12-08-no#1.md' 井号 emnews
post '2021-12-08-中文名.md' 中文 财经新闻
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
is "$?" 0 "odd names import"
serve "$T/db"
get /emnews/
links=$(grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//')
like "$links" '^/emnews/2021/12/08/a%20b\.html$' "a space is encoded"
like "$links" '100%25\.html' "a % is encoded"
like "$links" 'why%3F\.html' "a ? is encoded"
like "$links" 'no%231\.html' "a # is encoded"
for l in $links; do
	is "$(status_of "$l")" 200 "$l answers 200"
done
get /
cat_link=$(grep -o 'href="/%E8%B4%A2[^"]*"' "$T/body" | head -1 | sed 's/href="//; s/"$//')
is "$cat_link" "/%E8%B4%A2%E7%BB%8F%E6%96%B0%E9%97%BB/" "a Chinese category's link is encoded"
is "$(status_of "$cat_link")" 200 "and answers 200"
get "$cat_link"
l=$(grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//')
is "$(status_of "$l")" 200 "so does its article ($l)"
done_testing
