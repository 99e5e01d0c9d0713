#!/bin/sh
# Feeds and sitemaps hold only characters XML 1.0 allows, whatever the
# store holds: one U+FFFE or U+FFFF (or a C0 control other than tab, LF,
# CR) in a title or summary made /feed.xml invalid for every subscriber.
# The posts and the site's values here carry them (YAML's "\uFFFF" and
# "\x01" escapes, raw bytes in the body); every feed and the sitemap must
# be well-formed (xmllint) and still hold the rest of the text.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

SITE=https://xml.example.org
mkdir -p "$T/site/_posts"
printf 'title: "站\\uFFFF点"\ndescription: "描述\\x01\\uFFFE完"\nauthor: "作者\\uFFFF"\nurl: %s\n' \
	"$SITE" > "$T/site/_config.yml"
printf -- '---\ntitle: "标题\\uFFFE一\\uFFFF二\\x01三\\x0b四\\x1f五"\ndate: 2022-04-07 10:00:00\ncategories: ["bad\\uFFFEcat"]\ntags: ["坏\\uFFFF标签", "ok"]\n---\n正文\357\277\277甲\357\277\276乙\001丙\010丁\014戊。\n\n第二段 <b>粗\357\277\277体</b>\n' \
	> "$T/site/_posts/2022-04-07-x.md"
printf -- '---\ntitle: "平常的标题"\ndate: 2022-04-06 10:00:00\ncategories: news\ntags: ok\n---\n平常的正文。\n' \
	> "$T/site/_posts/2022-04-06-y.md"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err"
is "$?" 0 "posts with characters XML forbids import"
# what the test is about: the store holds them (its title and summary)
is "$(q "$T/db" "SELECT instr(title, char(65534)) > 0 AND instr(title, char(65535)) > 0
	AND instr(title, char(1)) > 0 AND instr(summary, char(65535)) > 0 FROM posts
	WHERE slug = 'x'")" 1 "the store's title and summary hold U+FFFE, U+FFFF, U+0001"
serve "$T/db"

CAT=bad%EF%BF%BEcat
TAG=%E5%9D%8F%EF%BF%BF%E6%A0%87%E7%AD%BE
for p in /feed.xml /$CAT/feed.xml /tags/$TAG/feed.xml /tags/ok/feed.xml /sitemap.xml; do
	get "$p"
	is "$STATUS" 200 "$p: 200"
	xmllint --noout "$T/body" 2>"$T/xmllint"
	ok $? "$p: well-formed XML (xmllint)"
	sed 's/^/#   /' "$T/xmllint" | head -n 4
	# no U+FFFE, U+FFFF, nor C0 controls but tab, LF, CR
	LC_ALL=C grep -qP '\xef\xbf[\xbe\xbf]|[\x00-\x08\x0b\x0c\x0e-\x1f]' "$T/body"
	ok "$((! $?))" "$p: no character XML forbids"
done
get /feed.xml
like "$(body)" "<title>标题.{0,3}一.{0,3}二.{0,3}三.{0,3}四.{0,3}五</title>" "/feed.xml: the title's other characters kept"
like "$(body)" "<subtitle>描述.{0,6}完</subtitle>" "/feed.xml: the site's description, its other characters kept"
like "$(body)" "<summary>正文.{0,3}甲.{0,3}乙.{0,3}丙.{0,3}丁 戊" "/feed.xml: the summary's other characters kept"
like "$(body)" '<category term="ok"' "/feed.xml: the tag ok"
get /sitemap.xml
like "$(body)" "<loc>$SITE/tags/$TAG/</loc>" "/sitemap.xml: the tag's URL, percent-encoded"

# every variable of an XML template goes through the XML modifier
bad=$(grep -noE '\{\{[A-Z_]+(:[^}]*)?\}\}' "$TOP"/templates/feed.tpl \
	"$TOP"/templates/sitemap.tpl "$TOP"/templates/sitemap-index.tpl | grep -v ':x-xml}}$')
is "$bad" "" "every value in feed.tpl and the sitemaps' templates is {{NAME:x-xml}}"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
