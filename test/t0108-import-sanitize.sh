#!/bin/sh
# Article HTML is sanitized at import: a post full of attacks is stored
# and served with none of them and all of its text; the corpus article
# reads the same; a store rendered under older rules is rendered again
# by the next import; the sanitizer's fuzz seeds replay cleanly.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

VERSION=$(sed -n 's/^#define SANITIZE_VERSION "\(.*\)"$/\1/p' "$TOP/cgi/sanitize.h")
CODE=NW202201112241000001
mkdir -p "$T/site/_posts"
printf 'title: 净化测试\nurl: https://finews.example.org\n' >"$T/site/_config.yml"
post="$T/site/_posts/2022-01-11-$CODE.md"
cat >"$post" <<'EOF'
---
layout: post
title: "一篇满是攻击的文章"
date: 2022-01-11 08:00:00 +0800
categories: sitenews
tags: 站长消息
---
<p>第一段：正常文字。</p>
<script>alert('s1')</script>
<ScRiPt>alert('s2')</sCrIpT>
<SCRIPT SRC=http://evil.example/x.js></SCRIPT>
<script/src="//evil.example/y.js"></script>
<scr<script>ipt>alert('s3')</script>
<p>第二段<img src=x onerror=alert('i1')>图后文字<IMG SRC="jav&#x09;ascript:alert('i2')"></p>
<p><a href="JaVaScRiPt:alert('a1')">链接一</a> <a href=" &#106;ava&#x09;script:alert('a2')">链接二</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">链接三</a>
<a href="javascript&colon;alert('a3')">链接四</a></p>
<svg onload=alert('v1')><circle r=1 /><text>矢量文字</text></svg>
<iframe src="http://evil.example/"></iframe>
<style>body{display:none}</style>
<!-- 注释 <script>alert('c1')</script> -->
<div onclick="alert('d1')" style="color:red"><b><i>错位嵌套</b></i></div>
<p><div>未闭合段落
<table><tr><td onmouseover=alert('t1')>表格文字
</table>
<form action="http://evil.example/"><input name=q autofocus onfocus=alert('f1')><button>按钮文字</button></form>
<object data="http://evil.example/x.swf">备用文字</object><embed src="http://evil.example/x.swf">
<p><a href="https://example.org/news/1.html" target="_blank">正常链接</a> <img src="https://example.org/p.png" alt="正常图片"></p>
<p class="em_media">（文章来源：测试日报）</p>

[Markdown 链接](javascript:alert('k1'))

<noscript><p title="</noscript><img src=x onerror=alert('n1')>"></noscript>无脚本文字
<math><mtext><table><mglyph><style><img src=x onerror=alert('m1')>
EOF

"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
is "$?" 0 "the attack post imports"
html=$(q "$T/db" "SELECT body_html FROM posts WHERE info_code = '$CODE'")
q "$T/db" "SELECT body_html FROM posts WHERE info_code = '$CODE'" >"$T/body_html"
is "$(q "$T/db" "SELECT value FROM site WHERE key = 'render'")" "$VERSION" \
	"the store says which rules rendered it"

# absent: each attack; present: the text and the allowed markup
BAD='<script|onerror|onload|onclick|onmouseover|onfocus|javascript|data:text|<svg|<math|<iframe|<style|<object|<embed|<form|<input|<noscript|evil\.example|注释|style='
TEXT='第一段：正常文字。 图后文字 链接一 链接二 链接三 链接四 矢量文字 错位嵌套 未闭合段落 表格文字 按钮文字 备用文字 正常链接 Markdown 无脚本文字'
check_page() {
	unlike "$(printf '%s' "$1" | tr 'A-Z' 'a-z')" "$BAD" "$2: no attack left"
	missing=
	for w in $TEXT; do
		printf '%s' "$1" | grep -qF -- "$w" || missing="$missing $w"
	done
	is "$missing" "" "$2: every piece of readable text kept"
	for m in '<a href="https://example.org/news/1.html" rel="noopener nofollow">正常链接</a>' \
		'<img src="https://example.org/p.png" alt="正常图片" loading="lazy">' \
		'<p class="em_media">（文章来源：测试日报）</p>' \
		'<b><i>错位嵌套</i></b>'; do
		printf '%s' "$1" | grep -qF -- "$m" || { ok 1 "$2: has $m"; continue; }
		ok 0 "$2: has $m"
	done
}
check_page "$html" "stored body"
"$FINEWS_BIN/test/fuzz-sanitize" "$T/body_html" >"$T/out" 2>&1
is "$?" 0 "stored body: parsed again, only allowed elements and attributes, stable"

serve "$T/db"
get "/html_News/NewsShare.html?infoCode=$CODE"
is "$STATUS" 200 "the article is served"
check_page "$(sed -n '/<div class="body">/,/<footer class="article-foot">/p' "$T/body")" "article page"
unlike "$(body | grep -vxE '<script src="/static/share.js\?v=[0-9a-f]{10}" defer></script>' | tr 'A-Z' 'a-z')" \
	"$(echo "$BAD" | sed 's/|<form|<input//')" \
	"article page: no attack anywhere else (title, description)"

# ---- older rules: rendered again by the next import -----------------------
before=$(q "$T/db" "SELECT value FROM site WHERE key = 'modified'")
q "$T/db" "UPDATE site SET value = '0' WHERE key = 'render';
	UPDATE posts SET body_html = '<script>alert(1)</script>' || body_html"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
is "$?" 0 "re-import under new rules: exit status 0"
like "$(cat "$T/err")" "0 added, 0 updated, 1 unchanged, 0 failed" "the file itself is unchanged"
is "$(q "$T/db" "SELECT body_html FROM posts WHERE info_code = '$CODE'")" "$html" \
	"the old body is rendered again"
is "$(q "$T/db" "SELECT value FROM site WHERE key = 'render'")" "$VERSION" "render version set"
after=$(q "$T/db" "SELECT value FROM site WHERE key = 'modified'")
ok "$([ "$after" -gt "$before" ]; echo $?)" "pages say they changed (Last-Modified)"

q "$T/db" "DELETE FROM site WHERE key = 'render';
	UPDATE posts SET body_html = '<iframe></iframe>' || body_html"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
is "$(q "$T/db" "SELECT body_html FROM posts WHERE info_code = '$CODE'")" "$html" \
	"a store from before the sanitizer: rendered too"

q "$T/db" "UPDATE posts SET body_html = 'x' || body_html"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
is "$(q "$T/db" "SELECT substr(body_html, 1, 1) FROM posts WHERE info_code = '$CODE'")" x \
	"under the current rules nothing is rendered again"

# ---- the corpus article reads the same ------------------------------------
NW="$CORPUS/_posts/2022-01-10-NW202201102241149770.md"
if [ -f "$NW" ]; then
	"$IMPORT" --db "$T/corpus.db" "$NW" 2>"$T/err"
	is "$?" 0 "corpus article imports"
	got=$(q "$T/corpus.db" "SELECT body_html FROM posts")
	# its text, tags out and whitespace gone, against the file's paragraphs
	text_of() { sed -e 's/<[^>]*>//g' | tr -d ' \n\t'; }
	is "$(printf '%s' "$got" | text_of)" "$(grep '<p' "$NW" | text_of)" \
		"corpus article: the same text"
	is "$(printf '%s' "$got" | grep -o '<p[ >]' | wc -l)" "$(grep -o '<p[ >]' "$NW" | wc -l)" \
		"corpus article: the same paragraphs"
	like "$got" '<p class="em_media">（文章来源：南昌日报）</p>' "corpus article: 文章来源 keeps its class"
	like "$got" '^<p>2021年，汽车及零部件' "corpus article: starts as it did"
else
	ok 0 "# SKIP no corpus beside the checkout"
fi

# ---- the fuzz seeds ---------------------------------------------------------
"$FINEWS_BIN/test/fuzz-sanitize" "$TOP"/test/fuzz/sanitize/* >"$T/out" 2>&1
is "$?" 0 "fuzz seeds replay cleanly"
unlike "$(cat "$T/out")" "Sanitizer|runtime error" "no sanitizer report"
done_testing
