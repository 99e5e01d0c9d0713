#!/bin/sh
# Pages and feeds stay small and quick however large the posts: 20 posts
# of 8 MB made /feed.xml 1.3 GB.  Here three posts of 3.4 MB of HTML and
# one with a 300 KB title, next to the sample: a feed stays under 1 MB
# (an entry carries its body only up to 4 KiB, else its summary and
# link), a list, the search, the tags page and the sitemap under 256 KB;
# each answers within 2 s.  An article still serves its whole body.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

mkdir -p "$T/site/_posts"
cp "$SAMPLE/_config.yml" "$T/site/"
cp "$SAMPLE"/_posts/*.md "$T/site/_posts/"
# big N: a post of 30,000 paragraphs, 3.5 MB of Markdown
big() {
	{
		printf -- '---\ntitle: "大文章 %s"\ndate: 2022-04-0%s 10:00:00\ncategories: emnews\ntags: [东财滚动新闻, 大]\n---\n' "$1" "$1"
		awk 'BEGIN { for (i = 0; i < 30000; i++) printf "第%d段：这是很长的正文，含有 **粗体** & 符号与“引号”、<i>斜体</i>，汽车与蔚来。\n\n", i }'
	} > "$T/site/_posts/2022-04-0$1-big$1.md"
}
big 1
big 2
big 3
{
	printf -- '---\ntitle: "'
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "长标题长标题长标题长标题" }'
	printf '"\ndate: 2022-04-04 10:00:00\ncategories: sitenews\ntags: [大]\n---\n短的正文，汽车。\n'
} > "$T/site/_posts/2022-04-04-longtitle.md"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
body_max=$(q "$T/db" "SELECT max(length(CAST(body_html AS BLOB))) FROM posts")
title_max=$(q "$T/db" "SELECT max(length(CAST(title AS BLOB))) FROM posts")
echo "# the store: bodies up to $body_max bytes of HTML, titles up to $title_max bytes"
serve "$T/db"

BIG=%E5%A4%A7                      # 大
EMNEWS=%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB   # 东财滚动新闻
CAR=%E6%B1%BD%E8%BD%A6             # 汽车

# bounded PATH MAX: PATH answers 200 with at most MAX bytes, within 2 s.
bounded() {
	r=$(curl -s -g --max-time 60 -o "$T/body" -w '%{http_code} %{size_download} %{time_total}' "$BASE$1")
	set -- "$1" "$2" $r
	is "$3" 200 "$1: 200"
	ok "$([ "$4" -le "$2" ]; echo $?)" "$1: $4 bytes, at most $2"
	ok "$(awk -v t="$5" 'BEGIN { exit !(t < 2) }'; echo $?)" "$1: in $5 s, under 2 s"
}

MB=1048576
KB256=262144
for p in /feed.xml /emnews/feed.xml "/tags/$BIG/feed.xml" "/tags/$EMNEWS/feed.xml"; do
	bounded "$p" "$MB"
	xmllint --noout "$T/body" 2>/dev/null
	ok $? "$p: well-formed XML"
done
get /feed.xml
n=$(grep -c '<entry>' "$T/body")
is "$n" "$(q "$T/db" "SELECT min(count(*), 100) FROM posts")" "/feed.xml: every post, up to 100, still"
like "$(body)" '<link rel="alternate" type="text/html" href="https://finews.example.org/emnews/2022/04/03/big3.html"/>' \
	"/feed.xml: the big post's entry links its article"
like "$(body)" '<summary>第0段' "  and has its summary"
for p in / /emnews/ "/tags/$BIG/" /sitenews/ /tags/ "/search?q=$CAR" \
	"/search?q=%E7%AC%AC29999%E6%AE%B5" /sitemap.xml; do
	bounded "$p" "$KB256"
done
# an article serves its body whole, and the page is not much more
for p in /emnews/2022/04/01/big1.html /sitenews/2022/04/04/longtitle.html; do
	r=$(curl -s -g --max-time 60 -o "$T/body" -w '%{http_code} %{size_download} %{time_total}' "$BASE$p")
	set -- $r
	is "$1" 200 "$p: 200"
	ok "$(awk -v t="$3" 'BEGIN { exit !(t < 2) }'; echo $?)" "$p: in $3 s, under 2 s"
done
get /emnews/2022/04/01/big1.html
grep -q '第29999段' "$T/body"
ok $? "the big article: its whole body, to the last paragraph"
size=$(wc -c < "$T/body")
ok "$([ "$size" -ge "$body_max" ] && [ "$size" -le $((body_max + 65536)) ]; echo $?)" \
	"the big article: $size bytes, its body and the page around it"

# the workers' peak memory (not meaningful under ASan, which keeps freed
# memory in quarantine)
for w in $(pgrep -P "$_fcgi_pid"); do
	echo "# worker $w: $(grep -E 'VmHWM|VmRSS' /proc/"$w"/status | tr -s ' \t\n' ' ')"
done

# lists show a title's first 300 characters (store-read.c: text_cut),
# as SQLite's substr() counts them
get /sitenews/
want=$(q "$T/db" "SELECT substr(title, 1, 300) FROM posts WHERE slug = 'longtitle'")
got=$(grep -o '<a class="post-title" href="[^"]*longtitle.html">[^<]*</a>' "$T/body" | sed 's/.*">//; s/<\/a>//')
is "$(q "$T/db" "SELECT length('$got')")" 300 "a list: the long title cut to 300 characters"
is "$got" "$want" "  the same as SQLite's substr(title, 1, 300)"
stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
