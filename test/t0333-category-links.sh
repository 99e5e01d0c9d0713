#!/bin/sh
# Every link the site makes stays on the site and answers, whatever
# categories and tags the store holds: a post with "categories: /evil.com"
# once made the navigation link href="//evil.com/" (another host).  Links
# are cleaned as Jekyll cleans its URLs (no empty, "." or ".." segments),
# so each article answers at the URL Jekyll gave it; a category or tag
# whose name has no page of its own ("a/b", "..") is shown without a link.
# The store is made by finews-import from posts with such categories; the
# test reads the links, not the store (the importer may clean them first).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

SITE=https://links.example.org
mkdir -p "$T/site/_posts"
printf 'title: 链接\nurl: %s\ntimezone: Asia/Shanghai\n' "$SITE" > "$T/site/_config.yml"
# post SLUG FRONT-MATTER-LINE: a post of 2022-04-07 with that line
post() {
	printf -- '---\ntitle: "文章 %s"\ndate: 2022-04-07 10:00:00\n%s\n---\n正文 %s。\n' \
		"$1" "$2" "$1" > "$T/site/_posts/2022-04-07-$1.md"
}
post slash 'categories: /evil.com'
post dslash 'categories: "//evil.com"'
post up 'categories: ../x'
post mid 'categories: a/../b'
post dot 'categories: .'
post none ''
post list 'categories: ["", "/", "x//y"]'
post dots 'categories: [".."]'
post slashes 'categories: "///"'
post tags 'tags: ["..", ".", "a/b", "/t", "ok"]'
post plain 'categories: news'
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err"
is "$?" 0 "posts with odd categories import"
echo "# the store's category paths: $(q "$T/db" "SELECT group_concat(quote(category_path), ' ') FROM posts")"
serve "$T/db"

# Where Jekyll published each post (URL#sanitize_url: '..' and './' go,
# runs of '/' are one): each answers with its article.
for u in /evil.com/2022/04/07/slash.html /evil.com/2022/04/07/dslash.html \
	/x/2022/04/07/up.html /a/b/2022/04/07/mid.html /2022/04/07/dot.html \
	/2022/04/07/none.html /x/y/2022/04/07/list.html /2022/04/07/dots.html \
	/2022/04/07/slashes.html /2022/04/07/tags.html /news/2022/04/07/plain.html; do
	get "$u"
	is "$STATUS" 200 "$u answers 200"
	grep -q '<h1 class="article-title">文章' "$T/body"
	ok $? "  with its article"
done

# links FILE: every link in a page or feed, one a line, &amp; read as &.
links() {
	grep -oE '(href|src|action)="[^"]*"|<(loc|id)>[^<]*<' "$1" |
		sed -E 's/^[a-z]+="//; s/"$//; s/^<[a-z]+>//; s/<$//; s/&amp;/\&/g'
}

# Crawl the site from its entry points: every page, feed and sitemap a
# link leads to, once.
printf '%s\n' / /feed.xml /sitemap.xml /tags/ > "$T/queue"
: > "$T/seen"
: > "$T/all"
: > "$T/status"
n=0
while [ "$n" -lt 400 ] && [ -s "$T/queue" ]; do
	p=$(head -n 1 "$T/queue")
	sed -i 1d "$T/queue"
	grep -qxF -- "$p" "$T/seen" && continue
	echo "$p" >> "$T/seen"
	n=$((n + 1))
	get "$p"
	echo "$STATUS $p" >> "$T/status"
	links "$T/body" > "$T/l"
	sed "s|^|$p -> |" "$T/l" >> "$T/all"
	while IFS= read -r l; do
		case $l in
		"$SITE"/*) l=${l#"$SITE"} ;;
		//*|http:*|https:*|*:*) continue ;;
		esac
		case $l in
		/static/*|/search*) ;;
		/*) l=${l%%#*}; grep -qxF -- "$l" "$T/seen" || echo "$l" >> "$T/queue" ;;
		esac
	done < "$T/l"
done
ok "$([ "$n" -gt 20 ]; echo $?)" "the crawl read $n pages, feeds and sitemaps"
bad=$(sed 's/^.* -> //' "$T/all" | grep -E '^//|^[a-z]+://[^/]*//|^/?[^:]*//' | sort -u)
is "$bad" "" "no link starts with // or has an empty segment"
bad=$(sed 's/^.* -> //' "$T/all" | grep -E '/\.\.?(/|$|\?|#)|^\.' | sort -u)
is "$bad" "" "no link has a . or .. segment"
bad=$(sed 's/^.* -> //' "$T/all" | grep -E '^[a-z]+:' | grep -vE "^$SITE(/|$)" | sort -u)
is "$bad" "" "no absolute link to another site"
is "$(grep -v '^200 ' "$T/status")" "" "every page, feed and sitemap a link leads to answers 200"
sed 's/^/# /' "$T/status" | grep -v '^# 200 ' | head -n 20

get /
is "$(sed -n '/class="site-nav"/,/<\/nav>/p' "$T/body" | grep -c 'href="/evil.com/"')" 1 \
	"the navigation links the categories /evil.com and //evil.com once, as /evil.com/"
grep -q 'href="/2022/04/07/none.html"' "$T/body"
ok $? "a post without a category is linked as /2022/04/07/none.html"
get /sitemap.xml
is "$(grep -o '<loc>[^<]*</loc>' "$T/body" | sort | uniq -d)" "" "the sitemap lists no URL twice"
grep -q "<loc>$SITE/tags/ok/</loc>" "$T/body"
ok $? "the sitemap lists the tag ok"
for t in a%2Fb %2Ft; do
	unlike "$(body)" "<loc>$SITE/tags/$t/</loc>" "but not the tag $t, which has no page"
done

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
