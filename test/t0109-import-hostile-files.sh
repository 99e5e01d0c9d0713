#!/bin/sh
# Hostile importer input: each file is rejected or imported within
# bounded time and memory, with a clear message, and the rest go in.
. "$(dirname "$0")/lib.sh"

P=$T/site/_posts
mkdir -p "$P"
good() { printf -- '---\ntitle: 好文章\ndate: 2021-12-08 10:00:00\ncategories: news\n---\n正文。\n' > "$P/2021-12-08-good.md"; }
good
# 10 MB: refused, as no post is that large
{ printf -- '---\ntitle: 太大\n---\n'; head -c 10485760 /dev/zero | tr '\0' 'x'; } > "$P/2021-12-08-huge.md"
# binary
head -c 65536 /dev/urandom > "$P/2021-12-08-binary.md"
# deep nesting
{ printf -- '---\ntitle: deep\ntags: '; printf '[%.0s' $(seq 1 5000); printf ']%.0s' $(seq 1 5000); printf '\n---\nx\n'; } > "$P/2021-12-08-deep.md"
# a billion laughs
{
	printf -- '---\ntitle: laughs\na0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		printf 'a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n' $i $i $p $p $p $p $p $p $p $p $p
	done
	printf 'tags: *a9\n---\nx\n'
} > "$P/2021-12-08-laughs.md"
# thousands of tags
{ printf -- '---\ntitle: 标签很多\ndate: 2021-12-08\ntags: '; for i in $(seq 1 5000); do printf 't%d ' "$i"; done; printf '\n---\nx\n'; } > "$P/2021-12-08-manytags.md"

start=$(date +%s)
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
rc=$?
took=$(( $(date +%s) - start ))
is "$rc" 1 "exit status 1: some files failed"
ok $([ "$took" -le 20 ] && echo 0 || echo 1) "bounded time (${took}s)"
err=$(cat "$T/err")
like "$err" "2021-12-08-huge.md:1: too large: 10.0 MB; a post may have 8 MB at most" "a 10 MB file is refused, saying why"
like "$err" "2021-12-08-binary.md:[0-9]+: (invalid UTF-8|NUL byte)" "a binary file is refused"
like "$err" "2021-12-08-deep.md:[0-9]+: YAML nested deeper than" "deep nesting is refused"
like "$err" "2021-12-08-laughs.md:[0-9]+: YAML with more than [0-9]+ aliases" "a billion laughs is refused"
like "$err" "2021-12-08-manytags.md:1: warning: more than 100 categories or tags" "thousands of tags: a warning"
is "$(q "$T/db" "SELECT count(*) FROM post_tags WHERE post_id = (SELECT id FROM posts WHERE slug = 'manytags')")" 100 "and the first 100 kept"
is "$(q "$T/db" "SELECT group_concat(slug, ' ') FROM (SELECT slug FROM posts ORDER BY slug)")" "good manytags" "the good posts are in"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "integrity_check"
unlike "$err" "Sanitizer|runtime error" "no sanitizer report"
done_testing
