#!/bin/sh
# The fuzz harnesses (test/fuzz-post.c, test/fuzz-request.c) replay the
# sample posts and hostile inputs through post_parse() and request
# targets through request_parse(), under the sanitizers, without a fault.
. "$(dirname "$0")/lib.sh"

"$FINEWS_BIN/test/fuzz-post" "$SAMPLE"/_posts/*.md* "$SAMPLE"/_posts/*.html >"$T/out" 2>&1
is "$?" 0 "sample posts replay cleanly"
mkdir -p "$T/in"
printf -- '---\n' > "$T/in/open"
printf -- '---\n---\n' > "$T/in/empty"
printf -- '---\n&a [*a, *a]\n---\n' > "$T/in/alias"
printf -- '---\ntitle: [a, {b: c}]\ntags: {x: y}\ndate: [1]\n---\n' > "$T/in/shapes"
printf -- '\357\273\277\r\n\r\n---\r\ntitle: x\r\n---\r\n<http://a/html_News/NewsShare.html?&amp;INFOCODE=' > "$T/in/tail"
printf -- '---\ntitle: t\n---\n%0500d\n' 0 | tr 0 '<' > "$T/in/angles"
head -c 4096 /dev/urandom > "$T/in/random"
printf -- '---\ndate: 9999-12-31 23:59:59 -2359\n---\n[返回](' > "$T/in/edge"
"$FINEWS_BIN/test/fuzz-post" "$T"/in/* >"$T/out" 2>&1
is "$?" 0 "hostile inputs replay cleanly"
unlike "$(cat "$T/out")" "Sanitizer|runtime error" "no sanitizer report"

mkdir -p "$T/rq"
i=0
for t in '/' '/%' '/%e4%b8' '/%ff%fe/' '/a/../b' '/?&&&=&=%' '/?a=%zz' \
	'/tags/%E4%B8%9C/?page=99999999999' '//' '/./' "/$(printf 'a%.0s' $(seq 1 3000))" \
	'/?q=+++&q=%2B' 'http://x/' '/?%00=1' '/a%2f..%2fb'; do
	i=$((i + 1))
	printf '\000%s' "$t" > "$T/rq/$i"
done
head -c 3000 /dev/urandom > "$T/rq/random"
cp "$TOP"/test/fuzz/request/* "$T/rq/"
"$FINEWS_BIN/test/fuzz-request" "$T"/rq/* >"$T/out" 2>&1
is "$?" 0 "hostile request targets replay cleanly"
unlike "$(cat "$T/out")" "Sanitizer|runtime error" "no sanitizer report"

"$FINEWS_BIN/test/fuzz-post" "$TOP"/test/fuzz/post/* >"$T/out" 2>&1
is "$?" 0 "the post seeds replay cleanly"
mkdir -p "$T/dt"
cp "$TOP"/test/fuzz/date/* "$T/dt/"
i=0
for d in '0000-01-01 00:00:00 +2359' '9999-12-31 23:59:59 -2359' '2021-02-29' '2020-02-29 24:00:00' \
	'2021-12-08T10:00:00.999999999999999999Z' '2021-12-08 10:00 +08' ' 2021-12-08' '2021-12-08 ' \
	'1969-12-31 23:59:59' '2038-01-19 03:14:08 +0000' '２０２１-12-08'; do
	i=$((i + 1))
	printf '%s' "$d" > "$T/dt/case$i"
done
"$FINEWS_BIN/test/fuzz-date" "$T"/dt/* >"$T/out" 2>&1
is "$?" 0 "dates, seeds and edges, parse and format back the same"
unlike "$(cat "$T/out")" "Sanitizer|runtime error" "no sanitizer report"
done_testing
