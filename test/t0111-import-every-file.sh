#!/bin/sh
# No file is dropped without a word: every file of _posts/ and old_post/
# that is not imported gets one line saying why; a post whose name has no
# date but a news id is imported on that day, with a warning; old_post/
# is imported with _posts/, a post in both being one post.
. "$(dirname "$0")/lib.sh"

S="$T/site"
P="$S/_posts"
A="$S/old_post"
mkdir -p "$P/sub" "$P/_drafts" "$A"
printf 'title: 每个文件\ntimezone: Asia/Shanghai\n' > "$S/_config.yml"
post() {   # post FILE DATE TITLE
	printf -- '---\nlayout: post\ntitle: "%s"\ndate: %s\ncategories: emnews\ntags: 快讯新闻\n---\n\n%s的正文。\n' \
		"$3" "$2" "$3" > "$1"
}
post "$P/2022-05-26-202205261111111111.md" "2022-05-26 09:00:00" 好消息
post "$P/sub/2022-05-26-202205262222222222.md" "2022-05-26 10:00:00" 子目录里的消息
# no date in the name, a date that is an offset alone, an empty title:
# the news id's day, with a warning
printf -- '---\nlayout: post\ntitle: ""\ndate: " +0800"\ncategories: emnews\n---\n\n只有编号的消息正文。\n' \
	> "$P/-202205263333333333.md"
post "$P/hello-world.md" "2022-05-26 11:00:00" 没有日期的名字
post "$P/.2022-05-26-202205264444444444.md.swp" "2022-05-26 11:00:00" 编辑器临时文件
post "$P/2022-05-26-202205265555555555.md~" "2022-05-26 11:00:00" 备份文件
post "$P/_drafts/2022-05-26-202205266666666666.md" "2022-05-26 11:00:00" 草稿
printf 'notes\n' > "$P/notes.txt"
ln -s "$T/nowhere.md" "$P/2022-05-26-202205267777777777.md"
mkfifo "$P/2022-05-26-202205268888888888.md"
# moved to the archive: its _posts/ version has no offset, old_post/'s +0800
post "$P/2022-05-25-202205259999999999.md" "2022-05-25 20:30:00" 归档前的标题
post "$A/2022-05-25-202205259999999999.md" "2022-05-25 20:30:00 +0800" 归档后的标题
post "$A/2022-05-24-202205240000000001.md" "2022-05-24 08:00:00 +0800" 只在归档里

"$IMPORT" --db "$T/db" "$S" 2>"$T/err" </dev/null
is "$?" 0 "exit status 0: nothing failed"
err=$(cat "$T/err")
for f in "hello-world.md: skipped: not a post: no date in its name" \
	 ".2022-05-26-202205264444444444.md.swp: skipped: a hidden file" \
	 "2022-05-26-202205265555555555.md~: skipped: an editor's backup file" \
	 "_drafts: skipped: a folder Jekyll skips" \
	 "notes.txt: skipped: not a post: not .md, .markdown or .html" \
	 "2022-05-26-202205267777777777.md: skipped: a broken symbolic link" \
	 "2022-05-26-202205268888888888.md: skipped: not a regular file"; do
	like "$err" "_posts/$(printf %s "$f" | sed 's/[.~]/[&]/g')" "one line: $f"
done
is "$(grep -c ': skipped: ' "$T/err")" 7 "one line per file not imported, and no more"
like "$err" "finews-import: 7 files skipped, each named above with why" "counted before the summary"
like "$err" "-202205263333333333.md:4: warning: bad date: [+]0800; dated by the news id in its file name" \
	"a name without a date but with a news id: dated by the id, with a warning"
like "$err" "5 added, 1 updated, 0 unchanged, 0 failed" "summary"
unlike "$err" "infoCode .* held" "the archived post is no duplicate"

is "$(q "$T/db" "SELECT day || ' ' || slug || ' ' || date_only FROM posts WHERE slug LIKE '%3333333333'")" \
	"2022/05/26 202205263333333333 1" "imported on its news id's day, as a day without a time"
is "$(q "$T/db" "SELECT info_code FROM posts WHERE slug LIKE '%3333333333'")" NW202205263333333333 "with its share code"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE slug LIKE '%2222222222'")" 1 "posts in subfolders of _posts/ are imported"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE slug IN ('202205264444444444', '202205265555555555', '202205266666666666')")" 0 \
	"skipped files are not imported"
w="FROM posts WHERE slug = '202205259999999999'"
is "$(q "$T/db" "SELECT count(*) $w")" 1 "a post in _posts/ and old_post/ is one post"
is "$(q "$T/db" "SELECT title || ' ' || day $w")" "归档后的标题 2022/05/26" \
	"from its newer, archived version, at the permalink it had in _posts/"
is "$(q "$T/db" "SELECT count(*) FROM files WHERE post_id = (SELECT id $w)")" 2 "both files recorded"
is "$(q "$T/db" "SELECT day FROM posts WHERE slug = '202205240000000001'")" 2022/05/24 "a post only in old_post/ is imported"

# The _posts/ version changes later: the archived version stays.
post "$P/2022-05-25-202205259999999999.md" "2022-05-25 20:30:00" 归档前又改的标题
"$IMPORT" --db "$T/db" "$S" 2>"$T/err2" </dev/null
is "$(q "$T/db" "SELECT title $w")" 归档后的标题 "a changed _posts/ version never replaces the archived one"
like "$(cat "$T/err2")" "0 added, 0 updated, [0-9]+ unchanged, 0 failed" "and counts as unchanged"

# Folders given on their own: old_post/ alone is the archive too.
"$IMPORT" --db "$T/db2" "$A" 2>"$T/err3" </dev/null
is "$(q "$T/db2" "SELECT folder FROM entries e JOIN posts p ON p.id = e.post_id WHERE p.slug = '202205259999999999'")" \
	old_post "old_post/ given alone: its posts are archived ones"
is "$(q "$T/db2" "SELECT day FROM posts WHERE slug = '202205259999999999'")" 2022/05/26 "with the permalink of their _posts/ days"
unlike "$(cat "$T/err" "$T/err2" "$T/err3")" "AddressSanitizer|runtime error" "no sanitizer report"
done_testing
