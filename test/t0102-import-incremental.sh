#!/bin/sh
# Re-running is idempotent and incremental: unchanged files are skipped,
# a changed file updates its post in place; a second file carrying a
# post's infoCode becomes a post of its own, without the code, and a
# warning names both files.
. "$(dirname "$0")/lib.sh"

P="$T/site/_posts"
mkdir -p "$P"
printf 'title: 测试站\ntimezone: Asia/Shanghai\n' > "$T/site/_config.yml"
post() { # file title infoCode-link
	printf -- '---\ntitle: "%s"\ndate: 2021-12-08 10:00:00\ncategories: paper\ntags: 测试日报新闻\n---\n<p>%s的正文。</p>\n\n%s\n' "$2" "$2" "$3" > "$P/$1"
}
post 2021-12-08-NW202112080000000001.md 第一篇 ""
post 2021-12-08-NW202112080000000002.md 第二篇 ""
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err1"
is "$?" 0 "first import succeeds"
like "$(cat "$T/err1")" "2 added, 0 updated, 0 unchanged, 0 failed" "first run adds both"
id1=$(q "$T/db" "SELECT id FROM posts WHERE info_code='NW202112080000000001'")

"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err2"
like "$(cat "$T/err2")" "0 added, 0 updated, 2 unchanged, 0 failed" "second run skips unchanged files"

touch -d '2030-01-01' "$P/2021-12-08-NW202112080000000001.md"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err3"
like "$(cat "$T/err3")" "0 added, 0 updated, 2 unchanged" "a touched but identical file is unchanged (content hash)"

post 2021-12-08-NW202112080000000001.md 第一篇改 ""
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err4"
like "$(cat "$T/err4")" "0 added, 1 updated, 1 unchanged" "a changed file is an update"
is "$(q "$T/db" "SELECT title FROM posts WHERE id=$id1")" 第一篇改 "the post is updated in place (same id)"
is "$(q "$T/db" "SELECT count(*) FROM posts")" 2 "no duplicate post"

# a new file whose share link carries infoCode ...0002
post 2021-12-09-copy.md 第二篇重发 "<http://x.example.org/html_News/NewsShare.html?infoCode=NW202112080000000002>"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err5"
err=$(cat "$T/err5")
like "$err" "2021-12-09-copy.md:.*NW202112080000000002.*2021-12-08-NW202112080000000002.md" "duplicate infoCode warns naming both files"
like "$err" "1 added, 0 updated, 2 unchanged, 0 failed" "the second file is a post of its own"
is "$(q "$T/db" "SELECT title FROM posts WHERE info_code='NW202112080000000002'")" 第二篇 "the holder keeps its code and its content"
is "$(q "$T/db" "SELECT count(*) || ' ' || count(info_code) FROM posts WHERE slug IN ('copy', 'NW202112080000000002')")" "2 1" \
	"two posts, one share code"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err6"
like "$(cat "$T/err6")" "0 added, 0 updated, 3 unchanged, 0 failed" "and the next run is quiet again"

# single post file argument
printf -- '---\ntitle: 单篇\ndate: 2021-12-10 09:00:00 +0800\ncategories: paper\n---\n单篇正文\n' > "$T/2021-12-10-single.md"
"$IMPORT" --db "$T/db" "$T/2021-12-10-single.md" 2>"$T/err7"
is "$?" 0 "a single post file imports"
is "$(q "$T/db" "SELECT day FROM posts WHERE slug='single'")" 2021/12/10 "single file stored with its day"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "integrity_check"
done_testing
