#!/bin/sh
# A share code belongs to its own post: only the post's own share link
# (the trailing one) or its file name's news id sets it, never a "related
# reading" link to another article; two files that genuinely carry one
# code are two posts, both URLs answering, with a warning naming both.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

S="$T/site"
P="$S/_posts"
mkdir -p "$P"
printf 'title: 分享码\ntimezone: Asia/Shanghai\n' > "$S/_config.yml"
share=http://wap.example.com/html_News/NewsShare.html?infoCode
post() {   # post FILE TITLE BODY
	printf -- '---\ntitle: "%s"\ndate: 2022-03-10 09:00:00 +0800\ncategories: emnews\ntags: 快讯新闻\n---\n\n%s\n' \
		"$2" "$3" > "$P/$1"
}
post 2022-03-10-202203101111111111.md 甲文章 "甲的正文。"
post 2022-03-10-202203102222222222.md 乙文章 "乙的正文。

相关阅读：[甲文章]($share=NW202203101111111111)

乙的更多正文。"
post 2022-03-10-brief.md 丙简讯 "丙的正文。

[分享到微信]($share=NW202203103333333333)"
# the scraper re-posted one story under a second name
post 2022-03-11-NW202203121234500010.md 重发一 "重发的正文。"
post 2022-03-12-202203121234500010.md 重发二 "重发的正文。"

"$IMPORT" --db "$T/db" "$S" 2>"$T/err"
is "$?" 0 "imports"
err=$(cat "$T/err")
like "$err" "5 added, 0 updated, 0 unchanged, 0 failed" "five files, five posts"
code() { q "$T/db" "SELECT coalesce(info_code, '-') FROM posts WHERE title = '$1'"; }
is "$(code 甲文章)" NW202203101111111111 "甲 keeps its own code"
is "$(code 乙文章)" NW202203102222222222 "a related-reading link does not give 乙 甲's code"
is "$(code 丙简讯)" NW202203103333333333 "丙's trailing share link is its own code"
like "$err" "2022-03-12-202203121234500010.md:1: warning: infoCode NW202203121234500010 is also the code of [^ ]*2022-03-11-NW202203121234500010.md" \
	"two files with one code: a warning naming both"
is "$(code 重发一)" NW202203121234500010 "the first keeps the code"
is "$(code 重发二)" - "the second is kept without it"

serve "$T/db"
for u in /emnews/2022/03/10/202203101111111111.html /emnews/2022/03/10/202203102222222222.html \
	 /emnews/2022/03/10/NW202203121234500010.html /emnews/2022/03/10/202203121234500010.html; do
	is "$(status_of "$u")" 200 "$u answers"
done
get "/html_News/NewsShare.html?infoCode=NW202203101111111111"
like "$(body)" "<h1[^>]*>甲文章" "甲's share link opens 甲"
get "/html_News/NewsShare.html?infoCode=NW202203121234500010"
like "$(body)" "<h1[^>]*>重发一" "the shared code opens the first"
stop_server

# A store where an earlier release made the pair one post (both files on
# one post, the first URL lost) is split again when the files are read.
first=$(q "$T/db" "SELECT id FROM posts WHERE title = '重发一'")
second=$(q "$T/db" "SELECT id FROM posts WHERE title = '重发二'")
q "$T/db" "PRAGMA foreign_keys = ON;
	DELETE FROM search WHERE rowid = (SELECT sk FROM posts WHERE id = $second);
	UPDATE files SET post_id = $first WHERE post_id = $second;
	DELETE FROM posts WHERE id = $second;
	UPDATE files SET post_id = $first WHERE path LIKE '%/2022-03-12-202203121234500010.md';
	UPDATE files SET size = -1, hash = zeroblob(16)"
is "$(q "$T/db" "SELECT count(*) FROM posts")" 4 "made a store with the pair as one post"
"$IMPORT" --db "$T/db" "$S" 2>"$T/err2"
is "$?" 0 "imports again"
is "$(q "$T/db" "SELECT count(*) FROM posts")" 5 "the pair is two posts again"
is "$(q "$T/db" "SELECT title FROM posts WHERE id = $first")" 重发一 "the first under its id"
is "$(code 重发二)" - "the second without the code"
done_testing
