#!/bin/sh
# Category pages (a site's category/*.html, *.md, *.markdown with layout:
# category and a category field): each is read, or named with why not;
# a category's display name is its posts' tag when that tells it apart,
# else its page's title, else its slug, with the slug added when two would
# show the same; a page makes its category exist without posts.  The
# categories' counts, newest post, recent posts and menu places match what
# the posts give, after every run and after an upgrade from version 7.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-watch.sh"

DB=$T/db
S=$T/site
mkdir -p "$S/_posts" "$S/category/sub"
printf 'title: 来源\ntimezone: Asia/Shanghai\n' >"$S/_config.yml"

# mkpost NAME DAY CATEGORY TAG: a post of DAY (YYYY-MM-DD) at noon.
mkpost() {
	printf -- '---\ntitle: %s\ndate: %s 12:00:00 +0800\ncategories: %s\ntags: %s\n---\n正文 %s\n' \
		"$1" "$2" "$3" "$4" "$1" >"$S/_posts/$2-$1.md"
}
# page FILE CATEGORY TITLE: a category page.
page() {
	printf -- '---\nlayout: category\ntitle: %s\ncategory: %s\n---\n' "$3" "$2" >"$S/category/$1"
}

mkpost a1 2022-03-01 Wind 风闻
mkpost a2 2022-03-05 Wind 风闻
mkpost b1 2022-03-02 36ke 科技
mkpost b2 2022-03-06 36ke 科技
mkpost b3 2022-03-07 36ke 科技
mkpost c1 2022-03-03 emnews 滚动          # emnews and east share a tag
mkpost c2 2022-03-04 east 滚动
mkpost d1 2022-03-07 mixed 甲
mkpost d2 2022-03-07 mixed 乙              # no shared tag: its title
mkpost e1 2022-02-01 old 旧闻
page wind.html Wind 证监会网站新闻           # tag wins: 风闻
page emnews.md emnews 东方财富               # tag shared: its title
page east.markdown east 东方财富             # and the same title: slugs
page mixed.html mixed 混合来源
page paren.html 'anxinguojizhengquan(xianggang)' 安信国际
page spaces.html '21shijijingjibaodao 21caijingAPP' 二十一世纪
printf -- '---\ntitle: 无版式\ncategory: nolayout\n---\n' >"$S/category/nolayout.html"
printf -- '---\nlayout: category\ntitle: [坏\ncategory: bad\n---\n' >"$S/category/bad.html"
printf -- '---\nlayout: category\ntitle: 无类\n---\n' >"$S/category/nocat.html"
echo 'not a page' >"$S/category/notes.txt"
page sub/deep.html deep 深处

"$IMPORT" --db "$DB" "$S" 2>"$T/err"
is "$?" 1 "a bad page fails the run (exit status 1), the rest go in"
err=$(cat "$T/err")
like "$err" "nolayout.html: skipped: not a category page: no layout: category" "a page without layout: category is named with why"
like "$err" "bad.html:4: YAML error" "bad YAML: its line and why"
like "$err" "nocat.html: skipped: a category page without a category field" "a page without a category field"
like "$err" "notes.txt: skipped: not a category page" "another file is named with why"
like "$err" "category/sub: skipped: a folder" "a subfolder is named: not read"
like "$err" "spaces.html: its category \"21shijijingjibaodao 21caijingAPP\" names no single category" "several words: no single category"
like "$err" "category pages: 6 added, 0 updated, 0 removed, 0 unchanged, 4 skipped, 1 failed" "the pages' count line"
nfiles=$(ls "$S/category" | wc -l)
is "$((6 + 4 + 1))" "$nfiles" "every file in category/ is accounted for"
is "$(q "$DB" "SELECT count(*) FROM category_pages")" 6 "six pages kept"
is "$(q "$DB" "SELECT slug FROM category_pages WHERE path LIKE '%/paren.html'")" \
	"anxinguojizhengquan(xianggang)" "a slug with brackets, as a post's category becomes"
is "$(q "$DB" "SELECT slug IS NULL FROM category_pages WHERE path LIKE '%/spaces.html'")" 1 "several words: slug NULL"

name() { q "$DB" "SELECT name FROM categories WHERE slug = '$1'"; }
is "$(name wind)" 风闻 "a tag that tells the category apart names it, before its page's title"
is "$(name 36ke)" 科技 "a category without page: its tag"
is "$(name emnews)" "滚动（emnews）" "a shared tag, a shared title: the tag with the slug added"
is "$(name east)" "滚动（east）" "both get it"
is "$(name mixed)" 混合来源 "no shared tag: its page's title"
is "$(name old)" 旧闻 "no page: its tag"
is "$(name 'anxinguojizhengquan(xianggang)')" 安信国际 "a category with only a page: its title"
is "$(q "$DB" "SELECT posts, newest IS NULL, recent, menu IS NULL FROM categories WHERE slug = 'anxinguojizhengquan(xianggang)'")" "0|1|0|1" \
	"a page's category without posts: 0 posts, no newest, not in the menu"
is "$(q "$DB" "SELECT count(*) FROM (SELECT name FROM categories GROUP BY name HAVING count(*) > 1)")" 0 "no two categories share a name"

# check: the kept values against the posts, computed here.
check() {
	is "$(q "$DB" "SELECT count(*) FROM categories c WHERE posts IS NOT
		(SELECT count(*) FROM post_categories WHERE category_id = c.id)
		OR newest IS NOT (SELECT max(published) FROM post_categories WHERE category_id = c.id)
		OR recent IS NOT (SELECT count(*) FROM post_categories WHERE category_id = c.id
			AND published >= (SELECT max(published) FROM posts) - 259200)")" 0 \
		"$1: posts, newest and recent as the posts give them"
	is "$(q "$DB" "SELECT group_concat(slug, ',') FROM (SELECT slug FROM categories WHERE menu IS NOT NULL ORDER BY menu)")" \
		"$(q "$DB" "SELECT group_concat(slug, ',') FROM (SELECT c.slug FROM categories c JOIN post_categories pc ON pc.category_id = c.id GROUP BY c.id ORDER BY count(*) DESC, c.slug LIMIT 6)")" \
		"$1: the menu, the 6 with most posts"
}
check "first run"
is "$(q "$DB" "SELECT recent FROM categories WHERE slug = '36ke'")" 2 "recent: the 3 days up to the newest post (03-05 is out)"

# A second run changes nothing.
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
like "$(cat "$T/err")" "category pages: 0 added, 0 updated, 0 removed, 6 unchanged" "unchanged pages cost nothing"

# Two categories whose posts share one tag, a title renamed, a page gone.
page mixed.html mixed 新名字
rm "$S/category/paren.html"
mkpost w3 2022-03-10 wind 科技            # newest post: recent moves
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
like "$(cat "$T/err")" "category pages: 0 added, 1 updated, 1 removed" "a page changed, a page removed"
is "$(name mixed)" 新名字 "a renamed page title: the new name"
is "$(q "$DB" "SELECT count(*) FROM categories WHERE slug = 'anxinguojizhengquan(xianggang)'")" 0 \
	"its page removed, a category without posts goes"
is "$(name wind)" 证监会网站新闻 "its tag no longer shared by all its posts: its page's title"
is "$(name 36ke)" 科技 "36ke keeps its tag"
check "after posts and pages changed"
rm "$S/category/mixed.html"
"$IMPORT" --db "$DB" "$S" 2>/dev/null
is "$(name mixed)" mixed "page removed, no tag: the name falls back to the slug"

# A post taken down: the counts follow.
"$IMPORT" --db "$DB" --remove "$S/_posts/2022-03-10-w3.md" 2>/dev/null
check "after a takedown"
is "$(name wind)" 风闻 "the tag back"

# An upgrade from version 7 fills every category.
cp "$DB" "$T/v7.db"
q "$T/v7.db" "DROP TABLE stream; DROP TABLE category_pages; DROP INDEX categories_active; DROP INDEX categories_menu;
	ALTER TABLE categories DROP COLUMN tag; ALTER TABLE categories DROP COLUMN title;
	ALTER TABLE categories DROP COLUMN posts; ALTER TABLE categories DROP COLUMN newest;
	ALTER TABLE categories DROP COLUMN recent; ALTER TABLE categories DROP COLUMN menu;
	UPDATE categories SET name = slug; PRAGMA user_version = 7"
"$IMPORT" --db "$T/v7.db" "$S" 2>/dev/null
DB=$T/v7.db check "after an upgrade from version 7"
is "$(q "$T/v7.db" "SELECT group_concat(slug || '=' || name, ' ') FROM (SELECT * FROM categories ORDER BY slug)")" \
	"$(q "$DB" "SELECT group_concat(slug || '=' || name, ' ') FROM (SELECT * FROM categories ORDER BY slug)")" \
	"after an upgrade: the names a new store has"

# --watch: a page edited, the name changes.
watch_start "$DB" "$S"
page emnews.md emnews 东财滚动新闻
wait_until 10 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$DB' \"SELECT name FROM categories WHERE slug = 'emnews'\")\" = 东财滚动新闻 ]"
is "$?" 0 "--watch: a page's title edited renames its category"
rm "$S/category/east.markdown"
wait_until 10 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$DB' \"SELECT name FROM categories WHERE slug = 'east'\")\" = 滚动（east） ]"
is "$?" 0 "--watch: a page removed: its category's name falls back"
watch_stop
is "$WATCH_EXIT" 0 "the watcher ends with 0"
done_testing
