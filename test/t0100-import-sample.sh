#!/bin/sh
# The project's sample site imports whole, in every shape it holds.
. "$(dirname "$0")/lib.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/err"
is "$?" 0 "sample site imports with exit status 0"
err=$(cat "$T/err")
like "$err" "^finews-import: 32 added, 0 updated, 0 unchanged, 0 failed, [0-9.]+ s$" "summary line"
like "$err" "202112102201533301.md:[0-9]+: warning: empty title" "empty title warned about"
is "$(q "$T/db" "SELECT count(*) FROM posts")" 32 "32 posts stored"
is "$(q "$T/db" "SELECT count(*) FROM files WHERE path LIKE '%hidden%' OR path LIKE '%README%'")" 0 "dotfiles and non-post files skipped"
is "$(q "$T/db" "SELECT value FROM site WHERE key='lang'")" zh-CN "site lang from _config.yml"
is "$(q "$T/db" "SELECT value FROM site WHERE key='url'")" https://finews.example.org "site url from _config.yml"
is "$(q "$T/db" "SELECT group_concat(slug || '=' || name, ' ') FROM (SELECT * FROM categories ORDER BY slug)")" \
	"emnews=东财滚动新闻 jingjiribao=经济日报新闻 nanchangribao=南昌日报新闻 sitenews=站长消息" "category display names"

w() { echo "FROM posts WHERE path LIKE '%/$1'"; }
like "$(q "$T/db" "SELECT title $(w 2021-12-07-202112072201146621.md)")" "^[^\xef]" "BOM post: title read"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE title LIKE '%'||char(13)||'%' OR body_md LIKE '%'||char(13)||'%'")" 0 "CRLF post: no carriage returns stored"
is "$(q "$T/db" "SELECT datetime(published, 'unixepoch') || ' ' || utc_offset $(w 2021-12-09-202112092201407735.md)")" "2021-12-09 00:15:00 480" "ISO 8601 date with offset"
is "$(q "$T/db" "SELECT day || ' ' || utc_offset $(w 2021-12-14-202112142201899905.md)")" "2021/12/15 0" "UTC 23:30 is the next day in Shanghai, written at +00:00"
is "$(q "$T/db" "SELECT title $(w 2021-12-14-202112142201846612.md)")" "券商&基金年末排名战 <script>alert(1)</script> 规模&业绩双双承压" "a hostile title is stored as written"
is "$(q "$T/db" "SELECT category_path $(w 2021-12-13-202112132201712270.md)")" emnews/jingjiribao "a post in two categories"
is "$(q "$T/db" "SELECT count(*) FROM post_categories WHERE post_id = (SELECT id $(w 2021-12-13-202112132201712270.md))")" 2 "linked to both categories"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE body_md LIKE '%返回%' OR body_html LIKE '%返回%'")" 0 "no 返回 navigation in any body"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE body_html LIKE '%NewsShare%'")" 0 "no share link in any body"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE body_html LIKE '%文章来源%'")" "$(grep -l 文章来源 "$SAMPLE"/_posts/* | wc -l)" "the 文章来源 lines stay"
is "$(q "$T/db" "SELECT max(length(summary)) <= 121 AND min(length(summary)) > 0 FROM posts")" 1 "summaries are short and present"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE summary LIKE '%<%>%'")" 0 "summaries are plain text"
is "$(q "$T/db" "SELECT count(*) FROM posts WHERE info_code IS NOT NULL")" 30 "share codes for every news post"
is "$(q "$T/db" "SELECT count(DISTINCT tag_id) FROM post_tags")" "$(q "$T/db" "SELECT count(*) FROM tags")" "every tag is used"
like "$(q "$T/db" "SELECT front_matter FROM posts WHERE front_matter LIKE '%author:%' LIMIT 1")" "author:" "extra front matter keys are kept"
done_testing
