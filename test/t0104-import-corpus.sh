#!/bin/sh
# The real corpus (../shared/corpus/finews, when present) imports whole,
# and its newspaper article is read the way the old site showed it.
. "$(dirname "$0")/lib.sh"

[ -d "$CORPUS/_posts" ] || skip_all "no corpus beside the checkout"
# Its posts: the dated files of _posts/ and old_post/, a name in both
# folders being one post (moved to the archive).
names() { ls "$CORPUS/$1" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}-.+[.](md|markdown|html)$'; }
nposts=$( { names _posts; names old_post; } | sort -u | wc -l)
nfiles=$( { names _posts; names old_post; } | wc -l)
nboth=$((nfiles - nposts))
"$IMPORT" --db "$T/db" "$CORPUS" 2>"$T/err"
is "$?" 0 "corpus imports with exit status 0"
like "$(cat "$T/err")" "$((nposts)) added, $nboth updated, 0 unchanged, 0 failed" \
	"summary: $nposts added; the $nboth archived versions of posts met first in _posts/ update them"
unlike "$(cat "$T/err")" "warning" "no warning: a post moved to old_post/ is no duplicate"
is "$(q "$T/db" "SELECT count(*) FROM posts")" "$nposts" "all $nposts posts are in, old_post/ too"
is "$(q "$T/db" "SELECT count(*) FROM files")" "$nfiles" "every file recorded"
is "$(q "$T/db" "SELECT count(*) FROM entries WHERE folder = 'old_post'")" "$(names old_post | wc -l)" \
	"every archived file's post derived from its old_post/ version"
w3="FROM posts WHERE slug = '202112082206972753'"
is "$(q "$T/db" "SELECT count(*) $w3")" 1 "a post in both folders is one post"
like "$(q "$T/db" "SELECT front_matter $w3")" "date: 2021-12-08 13:20:48 [+]0800" "from its newer, archived version"
is "$(q "$T/db" "SELECT value FROM site WHERE key='title'")" 金融消息 "site title from _config.yml"

w="FROM posts WHERE path LIKE '%/2022-01-10-NW202201102241149770.md'"
like "$(q "$T/db" "SELECT title $w")" "^聚焦产业发展 强化工业主战场定位" "NW article: title"
is "$(q "$T/db" "SELECT datetime(published + utc_offset*60, 'unixepoch') || ' ' || utc_offset $w")" "2022-01-10 07:48:36 480" "NW article: 2022-01-10 07:48:36 at +08:00"
is "$(q "$T/db" "SELECT category_path $w")" nanchangribao "NW article: category nanchangribao"
is "$(q "$T/db" "SELECT name FROM categories WHERE id = (SELECT category_id $w)")" 南昌日报新闻 "category shown as 南昌日报新闻"
is "$(q "$T/db" "SELECT info_code $w")" NW202201102241149770 "NW article: infoCode"
is "$(q "$T/db" "SELECT source_name $w")" 南昌日报 "NW article: source 南昌日报"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE source_name LIKE '东财滚动%'")" 0 "no post names its tag as its source"
body=$(q "$T/db" "SELECT body_md || body_html $w")
unlike "$body" "返回" "body has no 返回 links"
unlike "$body" "NewsShare" "body has no share link"
like "$body" "文章来源：南昌日报" "the 文章来源 line stays"

w2="FROM posts WHERE slug = '202112082206736335'"
is "$(q "$T/db" "SELECT source_url $w2")" "http://finance.eastmoney.com/news/1345,202112082206736335.html" "wire post: source URL"
is "$(q "$T/db" "SELECT info_code $w2")" NW202112082206736335 "wire post: infoCode from its news id"
is "$(q "$T/db" "SELECT utc_offset $w2")" 480 "wire post without offset: Asia/Shanghai"
unlike "$(q "$T/db" "SELECT body_md $w2")" "返回|eastmoney" "wire post body without navigation or source link"
is "$(q "$T/db" "SELECT name FROM categories WHERE slug='emnews'")" 东财滚动新闻 "emnews shown as 东财滚动新闻"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE summary = '' OR body_html = ''")" 0 "every post has a summary and a body"
"$IMPORT" --db "$T/db" "$CORPUS" 2>"$T/err2"
like "$(cat "$T/err2")" "0 added, 0 updated, $nfiles unchanged, 0 failed" "a second run changes nothing"

# Its category pages: every file of category/ read, each a page.
npages=$(ls "$CORPUS/category" | wc -l)
like "$(cat "$T/err")" "category pages: $npages added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed" \
	"all $npages category pages read"
is "$(q "$T/db" "SELECT count(*) FROM category_pages")" "$npages" "every one kept"
like "$(cat "$T/err2")" "category pages: 0 added, 0 updated, 0 removed, $npages unchanged" "unchanged the second time"
is "$(q "$T/db" "SELECT name FROM categories WHERE slug = 'wind'")" 证监会网站新闻 "wind: named by its page's title"
is "$(q "$T/db" "SELECT group_concat(slug || '=' || name, ' ') FROM (SELECT * FROM categories WHERE posts > 0 ORDER BY slug)")" \
	"emnews=东财滚动新闻 nanchangribao=南昌日报新闻 sitenews=站长消息" "the 3 categories with posts keep their tag names"
is "$(q "$T/db" "SELECT count(*) FROM categories")" \
	"$(q "$T/db" "SELECT count(*) FROM (SELECT slug FROM category_pages WHERE slug IS NOT NULL UNION SELECT c.slug FROM categories c WHERE posts > 0)")" \
	"a category per page, and per category with posts"
done_testing
