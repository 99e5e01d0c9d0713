#!/bin/sh
# finews-import --prune SITE removes the posts whose files, imported from
# under the folders given, were deleted, and names each; without it the
# store keeps them, as always.  A pruned post's URLs answer 410 Gone, yet
# its file coming back brings it back.  A post whose file moved to
# old_post/ is kept, and so is every post of a folder of which no file is
# left (moved, emptied, not mounted), and of folders not given.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$T/db
S=$T/site
P=$S/_posts
mkdir -p "$P" "$S/old_post" "$T/other"
printf 'title: 清理测试站\ntimezone: Asia/Shanghai\n' >"$S/_config.yml"
# post FOLDER FILE TITLE DATE
post() {
	printf -- '---\ntitle: "%s"\ndate: %s\ncategories: paper\ntags: 日报\n---\n%s的正文。\n' \
		"$3" "$4" "$3" >"$1/$2"
}
post "$P" 2021-12-08-gone.md 删掉的文件 "2021-12-08 10:00:00"
post "$P" 2021-12-08-moved.md 挪走的文件 "2021-12-08 11:00:00"
post "$P" 2021-12-09-stay.md 留下的文件 "2021-12-09 10:00:00"
post "$P" 2021-12-10-last.md 最后一篇 "2021-12-10 10:00:00"
post "$T/other" 2021-12-11-elsewhere.md 别处的文件 "2021-12-11 10:00:00"
"$IMPORT" --db "$DB" "$S" "$T/other/2021-12-11-elsewhere.md" 2>"$T/err" ||
	bail "import failed: $(cat "$T/err")"
serve "$DB"
GONE=/paper/2021/12/08/gone.html

# ---- by default the store keeps a post whose file is deleted ---------------
rm "$P/2021-12-08-gone.md" "$T/other/2021-12-11-elsewhere.md"
mv "$P/2021-12-08-moved.md" "$S/old_post/"
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
is "$?" 0 "an import without --prune: exit 0"
unlike "$(cat "$T/err")" "prune" "says nothing of pruning"
is "$(status_of $GONE)" 200 "the post whose file was deleted is kept"
is "$(q "$DB" "SELECT count(*) FROM posts")" 5 "every post kept"

# ---- --prune ---------------------------------------------------------------
"$IMPORT" --db "$DB" --prune "$S" 2>"$T/err"
is "$?" 0 "--prune SITE: exit 0"
like "$(cat "$T/err")" "_posts/2021-12-08-gone.md: file deleted: pruned $GONE \"删掉的文件\"" \
	"names the post it removed, with its URL and title"
like "$(cat "$T/err")" "finews-import: 1 posts pruned" "and counts them"
is "$(grep -c pruned "$T/err")" 2 "nothing else is pruned"
is "$(status_of $GONE)" 410 "its permalink answers 410 Gone"
is "$(status_of /paper/2021/12/08/moved.html)" 200 "a post whose file moved to old_post/ is kept"
is "$(status_of /paper/2021/12/11/elsewhere.html)" 200 "a post imported from another folder is kept"
for page in / /paper/ "/tags/%E6%97%A5%E6%8A%A5/" /feed.xml /sitemap.xml \
	"/search?q=%E5%88%A0%E6%8E%89"; do
	get "$page"
	is "$STATUS" 200 "$page: 200"
	unlike "$(body)" "删掉的文件|/gone.html" "$page: no trace of it"
done
is "$(q "$DB" "SELECT kind FROM takedowns")" pruned "recorded as pruned"
is "$(q "$DB" "SELECT count(*) FROM files WHERE path LIKE '%/_posts/2021-12-08-moved.md'")" 0 \
	"the moved file's old path is forgotten"
"$IMPORT" --db "$DB" --prune "$S" 2>"$T/err"
like "$(cat "$T/err")" "0 posts pruned" "a second run prunes nothing"
like "$(cat "$T/err")" "0 added, 0 updated, 3 unchanged, 0 failed" "and changes nothing"

# ---- a pruned file that comes back is imported again ------------------------
post "$P" 2021-12-08-gone.md 删掉的文件 "2021-12-08 10:00:00"
"$IMPORT" --db "$DB" "$S" 2>"$T/err"
like "$(cat "$T/err")" "1 added, 0 updated" "a pruned file put back is imported"
is "$(status_of $GONE)" 200 "and its post answers again"
is "$(q "$DB" "SELECT count(*) FROM takedowns")" 0 "its record is gone"

# ---- a folder of which no file is left is not pruned -------------------------
mv "$P" "$T/posts-moved"
mkdir "$P"
"$IMPORT" --db "$DB" --prune "$S" 2>"$T/err"
is "$?" 0 "--prune with _posts/ emptied: exit 0"
like "$(cat "$T/err")" "_posts: --prune: none of the 3 files imported from this folder is left; nothing is pruned there" \
	"says why it prunes nothing there"
like "$(cat "$T/err")" "0 posts pruned" "prunes nothing"
is "$(status_of $GONE)" 200 "the posts are kept"
is "$(q "$DB" "SELECT count(*) FROM posts")" 5 "all of them"
rmdir "$P"
mv "$T/posts-moved" "$P"

# ---- usage --------------------------------------------------------------------
"$IMPORT" --db "$DB" --prune 2>/dev/null
is "$?" 2 "--prune without a folder: usage, exit 2"
is "$(q "$DB" "PRAGMA integrity_check")" ok "integrity_check"
done_testing
