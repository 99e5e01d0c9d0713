#!/bin/sh
# Bad files never stop a run: one "path:line: reason" line each, the rest
# imported, exit status 1; invalid UTF-8 is never stored.
. "$(dirname "$0")/lib.sh"

P="$T/site/_posts"
mkdir -p "$P"
printf 'title: t\n' > "$T/site/_config.yml"
good() {
	printf -- '---\ntitle: "好消息%s"\ndate: 2021-12-08 10:00:0%s\ncategories: emnews\ntags: 东财滚动新闻\n---\n\n正文%s。\n' "$1" "$1" "$1" > "$P/2021-12-08-20211208000000000$1.md"
}
good 1
good 2
# YAML error on line 3 of the file
printf -- '---\ntitle: "坏\ndate: [2021\n---\n正文\n' > "$P/2021-12-08-yaml.md"
# front matter never closed
printf -- '---\ntitle: 没有结束\ndate: 2021-12-08\n\n正文\n' > "$P/2021-12-08-open.md"
# invalid UTF-8 on line 5
printf -- '---\ntitle: 乱码\ndate: 2021-12-08 10:00:00\n---\nbad \377\376 bytes\n' > "$P/2021-12-08-utf8.md"
# no date anywhere: the name has no date, so give it as a single file
printf -- '---\ntitle: 无日期\n---\n正文\n' > "$T/nodate.md"
# unreadable
printf -- '---\ntitle: 读不了\n---\n正文\n' > "$P/2021-12-08-locked.md"
chmod 000 "$P/2021-12-08-locked.md"
# a date that is not a date: the file name's day, with a warning
printf -- '---\ntitle: 坏日期\ndate: 2021-13-45 99:00:00\n---\n正文\n' > "$P/2021-12-08-baddate.md"

# root reads a mode-000 file, so there it is a good file
if [ "$(id -u)" = 0 ]; then good=4 bad=4; else good=3 bad=5; fi

"$IMPORT" --db "$T/db" "$T/site" "$T/nodate.md" 2>"$T/err"
is "$?" 1 "exit status 1 when a file failed"
err=$(cat "$T/err")
like "$err" "_posts/2021-12-08-yaml.md:[0-9]+: YAML error" "YAML error reported with its line"
like "$err" "_posts/2021-12-08-open.md:1: .*front matter" "unterminated front matter reported at the opening ---"
like "$err" "_posts/2021-12-08-utf8.md:5: invalid UTF-8" "invalid UTF-8 reported at its line"
like "$err" "_posts/2021-12-08-baddate.md:3: warning: bad date: 2021-13-45 99:00:00; dated by its file name" \
	"a bad date is a warning at its line, and the file name's day is taken"
is "$(q "$T/db" "SELECT day || ' ' || date_only FROM posts WHERE title = '坏日期'")" "2021/12/08 1" \
	"the post is kept, on its file name's day, with no time of day"
if [ "$(id -u)" = 0 ]; then
	ok 0 "unreadable file (skipped: root reads every file)"
else
	like "$err" "2021-12-08-locked.md:1: unreadable" "unreadable file reported"
fi
like "$err" "nodate.md:1: not imported: not a post: no date in its name" "a file given alone with no date anywhere is refused"
like "$err" "$good added, 0 updated, 0 unchanged, $bad failed" "summary counts the good and the bad"
is "$(q "$T/db" "SELECT count(*) FROM posts")" "$good" "the good posts are in"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE title LIKE '乱码%'")" 0 "invalid UTF-8 is never stored"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "store passes integrity_check"
is "$(grep -v 'finews-import:' "$T/err" | grep -vc 'warning:')" "$bad" "one line per bad file"
unlike "$err" "AddressSanitizer|runtime error" "no sanitizer report"
chmod 644 "$P/2021-12-08-locked.md"
done_testing
