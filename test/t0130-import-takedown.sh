#!/bin/sh
# finews-import --remove takes a post down, named by its file's path, a
# URL (full or a path, with or without .html, percent-encoded or not) or
# its infoCode: it vanishes from every page, feed, the sitemap and the
# search (index and trigram list), its permalink, share link and the old
# URLs that led to it answer 410 Gone, and a later import of its file
# (changed, or moved to old_post/) does not bring it back; --restore
# does.  An argument that names nothing is an error (exit 1), the others
# are still removed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$T/db
S=$T/site
P=$S/_posts
mkdir -p "$P"
printf 'title: 撤稿测试站\ntimezone: Asia/Shanghai\n' >"$S/_config.yml"
# post FILE TITLE DATE CATEGORY TAGS BODY
post() {
	printf -- '---\ntitle: "%s"\ndate: %s\ncategories: %s\ntags: [%s]\n---\n%s\n' \
		"$2" "$3" "$4" "$5" "$6" >"$P/$1"
}
A=2021-12-08-NW202112080000000001.md
post $A 要删除的文章 "2021-12-08 10:00:00" paper "日报, 独家标签" "鲲鹏计划的正文，只有这一篇有。"
post 2021-12-08-NW202112080000000002.md 第二篇 "2021-12-08 11:00:00" paper 日报 "普通的正文。"
post 2021-12-09-NW202112090000000003.md 按网址删除 "2021-12-09 09:00:00" paper 日报 "第三篇正文。"
post 2021-12-10-NW202112100000000004.md 按分享码删除 "2021-12-10 09:00:00" wire 快讯 "第四篇正文。"
post 2021-12-11-keep.md 保留的文章 "2021-12-11 09:00:00" wire 快讯 "第五篇正文。"
"$IMPORT" --db "$DB" "$S" 2>"$T/err" || bail "import failed: $(cat "$T/err")"
serve "$DB"

URL_A=/paper/2021/12/08/NW202112080000000001.html
SHARE=/html_News/NewsShare.html?infoCode=
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F | sed 's/\(..\)/%\1/g'; }

# ---- before ------------------------------------------------------------------
is "$(status_of $URL_A)" 200 "before: the article answers 200"
is "$(status_of "${SHARE}NW202112080000000001")" 200 "before: its share link too"
get "/search?q=$(enc 鲲鹏)"
like "$(body)" 要删除的文章 "before: the search finds it"
is "$(status_of "/tags/$(enc 独家标签)/")" 200 "before: its own tag has a page"
get /paper/
lm=$(header Last-Modified)

# ---- removed by path -----------------------------------------------------------
"$IMPORT" --db "$DB" --remove --reason "法律要求" "$P/$A" 2>"$T/err"
is "$?" 0 "--remove PATH: exit 0"
like "$(cat "$T/err")" "removed $URL_A \"要删除的文章\"" "one line: its URL and title"
like "$(cat "$T/err")" "finews-import: 1 removed, 0 not found" "and a summary"

get $URL_A
is "$STATUS" 410 "the permalink answers 410 Gone"
like "$(body)" "这篇文章已被删除" "a page saying the article was removed"
like "$(body)" '<nav' "in the site's layout"
unlike "$(body)" "要删除的文章|鲲鹏" "without its title or text"
like "$(header Content-Type)" "text/html" "as HTML"
is "$(header Cache-Control)" "public, max-age=3600, stale-while-revalidate=60, stale-if-error=86400" "cacheable for an hour"
if command -v tidy >/dev/null; then
	tidy -q -e "$T/body" >"$T/tidy" 2>&1
	[ "$?" -le 1 ]
	ok $? "tidy finds no errors in the 410 page"
fi
is "$(status_of $URL_A -I)" 410 "HEAD: 410"
is "$(status_of "${SHARE}NW202112080000000001")" 410 "the share link: 410"
is "$(status_of "/html_News/NewsShare.html?infocode=nw202112080000000001")" 410 \
	"the share link with the code in lower case: 410"
is "$(status_of "${SHARE}202112080000000001")" 410 "the share link with the code's digits alone: 410"
is "$(status_of /paper/2021/12/08/NW202112080000000001)" 410 "the permalink without .html: 410"
is "$(status_of /paper/2021/12/07/NW202112080000000001.html)" 410 "the old URL under another day: 410"
is "$(status_of /2021/12/08/NW202112080000000001.html)" 410 "the old URL without categories: 410"
is "$(status_of /old_post/2021-12-08-NW202112080000000001.html)" 410 "the old_post URL: 410"
is "$(status_of /paper/2021/12/08/NW202112080000000009.html)" 404 "another slug is still a 404"
is "$(status_of /paper/2021/12/08/NW202112080000000002.html)" 200 "the other posts answer"

# gone from every list, feed, the sitemap and the search
for page in / /paper/ "/tags/$(enc 日报)/" /feed.xml /paper/feed.xml \
	"/tags/$(enc 日报)/feed.xml" /sitemap.xml /tags/ \
	/paper/2021/12/08/NW202112080000000002.html; do
	get "$page"
	is "$STATUS" 200 "$page: 200"
	unlike "$(body)" "要删除的文章|NW202112080000000001|独家标签" "$page: no trace of it"
done
get /tags/
like "$(body)" "日报</a> <span class=\"tag-count\">2 篇" "/tags/: the tag's count is one less"
get "/tags/$(enc 日报)/"
like "$(body)" "第二篇" "the tag page still lists the others"
is "$(status_of "/tags/$(enc 独家标签)/")" 404 "the tag only it had: 404"
is "$(status_of "/tags/$(enc 独家标签)/feed.xml")" 404 "and no feed"
for q in 鲲鹏 鲲鹏计划 要删除; do
	get "/search?q=$(enc $q)"
	unlike "$(body)" "要删除的文章" "search $q: not found"
done
get /paper/ -H "If-Modified-Since: $lm"
is "$STATUS" 200 "a list page is no longer Not Modified for a copy from before"
[ "$(header Last-Modified)" != "$lm" ]
ok $? "its Last-Modified moved"

# and from the store: only the takedown record keeps its addresses
is "$(q "$DB" "SELECT (SELECT count(*) FROM posts WHERE slug = 'NW202112080000000001') +
	(SELECT count(*) FROM entries WHERE key = '$A') +
	(SELECT count(*) FROM files WHERE path LIKE '%$A') +
	(SELECT count(*) FROM search WHERE text LIKE '%鲲鹏%') +
	(SELECT count(*) FROM tags WHERE name = '独家标签')")" 0 \
	"no post, entry, file, search row or tag of it is left"
is "$(q "$DB" "SELECT count(*) FROM search_trigrams WHERE term IN ('鲲鹏计', '计划的', '有。 ')")" 0 \
	"its trigrams no other text has are gone from search_trigrams"
is "$(q "$DB" "SELECT count(*) FROM search_trigrams WHERE term = '的正文'")" 1 \
	"the trigrams other texts have are kept"
is "$(q "$DB" "SELECT count(*) FROM search_terms WHERE term NOT IN (SELECT term FROM search_trigrams)")" 0 \
	"every trigram of the index is still listed"
is "$(q "$DB" "SELECT category_path || ' ' || day || ' ' || slug || ' ' || info_code || ' ' || title || ' ' || kind || ' ' || reason FROM takedowns")" \
	"paper 2021/12/08 NW202112080000000001 NW202112080000000001 要删除的文章 removed 法律要求" \
	"the record: permalink, code, title, kind, reason"
is "$(q "$DB" "SELECT path FROM takedown_files")" "$(cd "$P" && pwd -P)/$A" "and its file"
is "$(q "$DB" "SELECT group_concat(rank, ',') FROM (SELECT rank FROM post_categories WHERE category_id = (SELECT id FROM categories WHERE slug = 'paper') ORDER BY rank)")" \
	"0,1" "the category's ranks are mended"

# ---- a later import does not bring it back ---------------------------------
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
is "$?" 0 "a later import of the site: exit 0"
like "$(cat "$T/err")" "$A: skipped: taken down \(finews-import --restore .*$A brings it back\)" \
	"names the file it skips, and how to bring it back"
like "$(cat "$T/err")" "0 added, 0 updated, 4 unchanged, 0 failed" "and adds nothing"
printf '\n改过的正文。\n' >>"$P/$A"
mkdir -p "$S/old_post"
cp "$P/$A" "$S/old_post/$A"
"$IMPORT" --db "$DB" "$S" "$P/$A" 2>"$T/err"
like "$(cat "$T/err")" "old_post/$A: skipped: taken down" "nor once changed and moved to old_post/"
like "$(cat "$T/err")" "0 added, 0 updated, 4 unchanged" "nothing added"
is "$(status_of $URL_A)" 410 "the permalink is still 410"

# ---- by URL and by infoCode, and an argument that names nothing ----------
"$IMPORT" --db "$DB" --remove "$BASE/paper/2021/12/09/%4EW202112090000000003" \
	/paper/2021/12/31/nothing.html NW202112100000000004 2>"$T/err"
is "$?" 1 "--remove with an argument that names nothing: exit 1"
like "$(cat "$T/err")" "/paper/2021/12/31/nothing.html: matches no post" "a clear line for it"
like "$(cat "$T/err")" "removed /paper/2021/12/09/NW202112090000000003.html \"按网址删除\"" \
	"a full URL, percent-encoded, without .html: removed"
like "$(cat "$T/err")" "NW202112100000000004: removed /wire/2021/12/10/NW202112100000000004.html \"按分享码删除\"" \
	"an infoCode: removed"
like "$(cat "$T/err")" "2 removed, 1 not found" "the summary counts both"
is "$(status_of /paper/2021/12/09/NW202112090000000003.html)" 410 "its permalink: 410"
is "$(status_of "${SHARE}NW202112100000000004")" 410 "the share link of the code: 410"
is "$(status_of /wire/2021/12/10/NW202112100000000004.html)" 410 "and its permalink"
"$IMPORT" --db "$DB" --remove /paper/2021/12/09/NW202112090000000003.html 2>"$T/err"
is "$?" 0 "removing it again: exit 0"
like "$(cat "$T/err")" "already taken down" "says it was already"

# a new file carrying a taken-down code is a post, without the code
printf -- '---\ntitle: 转载\ndate: 2021-12-12 09:00:00\ncategories: wire\n---\n转载正文\n\n<http://x.example.org/html_News/NewsShare.html?infoCode=NW202112100000000004>\n' \
	>"$P/2021-12-12-copy.md"
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
like "$(cat "$T/err")" "copy.md:1: warning: infoCode NW202112100000000004 is the code of a post taken down" \
	"a new post with a taken-down code: warned"
is "$(status_of /wire/2021/12/12/copy.html)" 200 "it is served at its own URL"
is "$(status_of "${SHARE}NW202112100000000004")" 410 "the share link stays 410"

# ---- --restore ---------------------------------------------------------------
"$IMPORT" --db "$DB" --restore "$P/$A" NW202112100000000004 2>"$T/err"
is "$?" 0 "--restore PATH infoCode: exit 0"
like "$(cat "$T/err")" "restored $URL_A \"要删除的文章\"; its file is imported again" "a line for each"
like "$(cat "$T/err")" "2 added" "their files imported again"
is "$(status_of $URL_A)" 200 "the article is back"
is "$(status_of "${SHARE}NW202112080000000001")" 200 "its share link too"
get "/search?q=$(enc 鲲鹏)"
like "$(body)" 要删除的文章 "the search finds it again"
is "$(status_of "/tags/$(enc 独家标签)/")" 200 "its tag has its page again"
get /paper/
like "$(body)" 要删除的文章 "it is in its category's list again"
is "$(status_of /wire/2021/12/10/NW202112100000000004.html)" 200 "restored by infoCode: back"
is "$(q "$DB" "SELECT count(*) FROM takedowns")" 1 "one record left"
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
like "$(cat "$T/err")" "0 added, 1 updated, [0-9]+ unchanged, 0 failed" \
	"the next import of the site takes its old_post/ version in"
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
like "$(cat "$T/err")" "0 added, 0 updated, [0-9]+ unchanged, 0 failed" "and the next is quiet"
"$IMPORT" --db "$DB" --restore "$P/2021-12-11-keep.md" 2>"$T/err"
is "$?" 1 "--restore of a post not taken down: exit 1"
like "$(cat "$T/err")" "matches nothing taken down" "with a clear line"

# ---- usage -----------------------------------------------------------------
"$IMPORT" --db "$DB" --remove 2>/dev/null
is "$?" 2 "--remove without arguments: usage, exit 2"
"$IMPORT" --db "$DB" --reason x "$S" 2>/dev/null
is "$?" 2 "--reason without --remove: exit 2"
"$IMPORT" --db "$DB" --remove --restore x 2>/dev/null
is "$?" 2 "--remove with --restore: exit 2"
"$IMPORT" --db "$T/no-such.db" --remove NW202112080000000002 2>"$T/err"
is "$?" 2 "--remove with no store: exit 2"
like "$(cat "$T/err")" "no-such.db: no store" "says so"
[ ! -e "$T/no-such.db" ]
ok $? "and makes none"
is "$(q "$DB" "PRAGMA integrity_check")" ok "integrity_check"
is "$(q "$DB" "PRAGMA foreign_key_check")" "" "foreign_key_check"
done_testing
