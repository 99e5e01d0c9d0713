#!/bin/sh
# finews-import --watch: a post is imported as soon as its file is closed
# or moved into place, and readable through nginx within 1 s; files still
# being written, temporary files and other names never are; a file gone
# before it is read is no error; a bad file is reported once, and again
# only when it changes; a new folder, a folder moved in, and a folder
# deleted and made again are watched and read; SIGTERM ends it with 0.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
. "$(dirname "$0")/lib-watch.sh"

DB=$T/db
S=$T/site
P=$S/_posts
mkdir -p "$P" "$S/old_post" "$T/elsewhere"
printf 'title: 监视\ntimezone: Asia/Shanghai\n' >"$S/_config.yml"
post "$P/2022-03-01-first.md" 第一篇
post "$P/2022-03-01-second.md" 第二篇
post "$S/old_post/2022-03-01-archived.md" 旧文

# in_store SLUG [N]: the store has N posts (default 1) with that slug.
in_store() { [ "$(q "$DB" "SELECT count(*) FROM posts WHERE slug = '$1'")" = "${2:-1}" ]; }
lines() { grep -c -- "$1" "$WATCH_LOG"; }

# Refused at once: what cannot be watched.
"$IMPORT" --db "$DB" --watch "$P/2022-03-01-first.md" 2>"$T/err"
is "$?" 2 "--watch FILE: exit status 2"
like "$(cat "$T/err")" "not a folder" "--watch FILE: says it is not a folder"
"$IMPORT" --db "$DB" --watch "$T/missing" 2>"$T/err"
is "$?" 2 "--watch of a missing folder: exit status 2"
like "$("$IMPORT" --help)" "--watch" "--help names --watch"

watch_start "$DB" "$S"
is "$(q "$DB" "SELECT count(*) FROM posts")" 3 "at start: the site imported as a plain run does"
like "$(cat "$WATCH_LOG")" "3 added, 0 updated, 0 unchanged, 0 failed" "at start: the plain run's summary"
like "$(cat "$WATCH_LOG")" "watching 2 folders of posts" "it watches _posts and old_post"
serve "$DB"

# One post, closed: readable through nginx within 1 s (1.5 s with the
# sanitizers, which slow every program down).
post "$P/2022-03-01-single.md" 单篇
t0=$(now_ms)
answers() { [ "$(status_of "$1")" = 200 ]; }
wait_until 5 answers /news/2022/03/01/single.html
ok "$?" "a new post answers 200 through nginx"
ms=$(($(now_ms) - t0))
echo "# a new post readable through nginx $ms ms after its file was closed"
limit=1000
[ "$SAN" = 1 ] && limit=1500
ok "$([ "$ms" -lt "$limit" ]; echo $?)" "readable within $limit ms of the close ($ms ms)"
get /news/2022/03/01/single.html
like "$(body)" "单篇的正文" "its body"

# Moved into place: written under a temporary name, then renamed.
post "$P/.2022-03-01-renamed.md.tmp" 改名
sleep 0.6
in_store renamed 0
ok "$?" "a temporary name is not imported"
mv "$P/.2022-03-01-renamed.md.tmp" "$P/2022-03-01-renamed.md"
wait_until 3 in_store renamed
ok "$?" "moved into place: imported"

# Editors' and other temporary files, and names that are not posts.
for f in .2022-03-01-temp.md.swp 2022-03-01-temp.md~ '.#2022-03-01-temp.md' \
	.2022-03-01-temp.md 2022-03-01-temp.md.tmp notes.txt 4913 _2022-03-01-temp.md; do
	post "$P/$f" 临时
done
post "$P/2022-03-01-after-temp.md" 临时之后
wait_until 3 in_store after-temp
ok "$?" "a post written with temporary files: imported"
in_store temp 0
ok "$?" "no temporary file imported"
is "$(q "$DB" "SELECT count(*) FROM files WHERE path NOT LIKE '%after-temp.md' AND (path LIKE '%temp.md%' OR path LIKE '%notes%' OR path LIKE '%4913')")" 0 \
	"no temporary file recorded"
is "$(lines 'temp')" 0 "temporary files: nothing said (a full run names them)"

# A file still being written is not read until it is closed.
exec 3>"$P/2022-03-01-half.md"
printf -- '---\ntitle: "写了一半' >&3
sleep 0.8
in_store half 0
ok "$?" "a file open for writing: not imported"
is "$(lines 'half')" 0 "a file open for writing: not read (no error)"
printf -- '的文章"\ndate: 2022-03-01 11:00:00 +0800\ncategories: news\n---\n写完了。\n' >&3
exec 3>&-
wait_until 3 in_store half
ok "$?" "once closed: imported"
is "$(q "$DB" "SELECT title FROM posts WHERE slug = 'half'")" "写了一半的文章" "the whole file, as completed"

# A file gone before it is read: no error.
before=$(runs)
post "$P/2022-03-01-vanished.md" 消失
sleep 0.1
rm "$P/2022-03-01-vanished.md"
post "$P/2022-03-01-after-vanished.md" 消失之后
wait_until 3 in_store after-vanished
ok "$?" "the post after it: imported"
is "$(lines vanished.md)" 0 "a file deleted before it was read: nothing said"
like "$(tail -n 1 "$WATCH_LOG")" "0 failed" "and it is no failure"
ok "$([ "$(runs)" -gt "$before" ]; echo $?)" "each batch ends with the plain run's summary"

# A bad file: said once, read again only when it changes.
printf -- '---\ntitle: [不完整\n---\n坏文件。\n' >"$P/2022-03-01-bad.md"
wait_until 3 grep -q '2022-03-01-bad.md:' "$WATCH_LOG"
ok "$?" "a bad file: its error line"
is "$(lines '2022-03-01-bad.md:')" 1 "said once"
before=$(runs)
printf 'title: 监视\ntimezone: Asia/Shanghai\n' >"$S/_config.yml"   # a full run
wait_until 5 said_more ' added, .* failed, ' "$before"
ok "$?" "_config.yml written: a full run"
like "$(cat "$WATCH_LOG")" "_config.yml: written; reading every folder again" "which says why"
like "$(tail -n 1 "$WATCH_LOG")" "1 failed" "the full run counts the bad file"
is "$(lines '2022-03-01-bad.md:')" 1 "but does not say it again, unchanged"
printf -- '---\ntitle: [还是坏的\n---\n坏文件。\n' >"$P/2022-03-01-bad.md"
wait_until 3 said_is '2022-03-01-bad.md:' 2
ok "$?" "changed and still bad: said again"
post "$P/2022-03-01-bad.md" 修好了
wait_until 3 in_store bad
ok "$?" "changed and good: imported"
is "$(lines '2022-03-01-bad.md:')" 2 "and nothing more said"

# A new folder, written at once; a folder moved in.
mkdir "$P/2022"
post "$P/2022/2022-03-01-in-new-folder.md" 新文件夹
mkdir -p "$P/2022/03/01"
post "$P/2022/03/01/2022-03-01-deeper.md" 更深
wait_until 3 in_store deeper
ok "$?" "a post in a new folder's new folder: imported"
ok "$(in_store in-new-folder; echo $?)" "a post written at once in a new folder: imported"
post "$P/2022/2022-03-01-later-in-folder.md" 后来
wait_until 3 in_store later-in-folder
ok "$?" "a post written later in the new folder: imported (watched)"
is "$(q "$DB" "SELECT e.folder FROM entries e JOIN posts p ON p.id = e.post_id WHERE p.slug = 'deeper'")" \
	_posts "its folder is _posts, as a plain run says"
mkdir -p "$T/elsewhere/batch"
post "$T/elsewhere/batch/2022-03-01-moved-in-1.md" 移入一
post "$T/elsewhere/batch/2022-03-01-moved-in-2.md" 移入二
mv "$T/elsewhere/batch" "$P/batch"
wait_until 3 in_store moved-in-2
ok "$?" "a folder moved in: its posts imported"
post "$P/batch/2022-03-01-moved-in-3.md" 移入三
wait_until 3 in_store moved-in-3
ok "$?" "and watched"

# _posts deleted and made again; old_post replaced by another folder.
n=$(q "$DB" "SELECT count(*) FROM posts")
rm -rf "$P"
mkdir "$P"
post "$P/2022-03-01-recreated.md" 重建
wait_until 5 in_store recreated
ok "$?" "_posts deleted and made again: a post written there imported"
like "$(cat "$WATCH_LOG")" "_posts(/[^:]*)?: moved or deleted; reading every folder again" "which it says"
is "$(q "$DB" "SELECT count(*) FROM posts")" $((n + 1)) "the deleted files' posts stay"
post "$P/2022-03-01-after-recreated.md" 重建之后
wait_until 3 in_store after-recreated
ok "$?" "the new _posts is watched"
mkdir "$T/old_post.new"
mv "$S/old_post" "$T/old_post.old"
mv "$T/old_post.new" "$S/old_post"
post "$S/old_post/2022-03-01-replaced.md" 替换
wait_until 5 in_store replaced
ok "$?" "old_post replaced: a post written there imported"
is "$(q "$DB" "SELECT e.folder FROM entries e JOIN posts p ON p.id = e.post_id WHERE p.slug = 'replaced'")" \
	old_post "as an old_post post"
post "$T/old_post.old/2022-03-01-not-watched.md" 移走的
sleep 0.6
in_store not-watched 0
ok "$?" "the folder moved away is no longer imported"

watch_stop
is "$WATCH_EXIT" 0 "SIGTERM: exit status 0"
like "$(tail -n 1 "$WATCH_LOG")" "SIGTERM: stopping" "it says so"
is "$(q "$DB" "PRAGMA integrity_check")" ok "the store is sound"
"$IMPORT" --db "$DB" "$S" 2>"$T/rerun"
like "$(cat "$T/rerun")" " 0 added, 0 updated, .* 0 failed" "a plain run after it finds nothing left to do"
unlike "$(cat "$T"/watch*.log)" "Sanitizer|runtime error" "no sanitizer report"
done_testing
