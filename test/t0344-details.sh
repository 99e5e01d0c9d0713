#!/bin/sh
# The details a reader notices, as served (curl): the icons and link
# previews' picture, a table in a scrollable labelled box with its
# numbers marked, the category shown once on an article, the URLs for
# print, the share action's markup and script, a 404 in Chinese with a
# search form, an unknown share code, a title made from the body; and a
# store made under the old rules gets all of it from the next import.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

import_details_site
serve "$T/db"
SITE=https://finews.example.org
TABLE=/jingjiribao/2021/12/20/NW202112202200000001.html

# icons
for f in /favicon.ico:image/x-icon /apple-touch-icon.png:image/png \
	/static/icon.svg:image/svg.xml /static/og-image.png:image/png \
	/static/share.js:javascript; do
	get "${f%%:*}"
	is "$STATUS" 200 "${f%%:*} answers 200"
	like "$(grep -i '^content-type:' "$T/headers")" "${f#*:}" "  as ${f#*:}"
done
get /favicon.ico
is "$(head -c 4 "$T/body" | od -An -tx1 | tr -d ' ')" 00000100 "  /favicon.ico is an icon file"

# the head of every page: icons, the site's picture
get /
like "$(cat "$T/body")" '<link rel="icon" href="/static/icon.svg" type="image/svg\+xml">' "home: an SVG icon"
like "$(cat "$T/body")" '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">' "home: a touch icon"
like "$(cat "$T/body")" "<meta property=\"og:image\" content=\"$SITE/static/og-image.png\">" \
	"home: og:image is the site's picture, an absolute URL"

# an article with a table and a picture
get "$TABLE"
page=$(cat "$T/body")
like "$page" "<meta property=\"og:image\" content=\"$SITE/static/apple-touch-icon.png\">" \
	"article: og:image is its first picture"
like "$page" '<div class="table-wrap" role="region" aria-label="前三季度主要经济指标" tabindex="0"><table>' \
	"article: its table in a focusable region named by the caption"
is "$(grep -o '<td class="num">' "$T/body" | wc -l)" 12 "  the 12 number cells marked num"
like "$page" '<td>规模以上工业增加值</td>' "  a text cell is not"
main=$(sed -n '/<main/,/<\/main>/p' "$T/body")
is "$(printf '%s' "$main" | grep -o '经济日报新闻' | wc -l)" 1 "article: the category shows once (breadcrumb)"
like "$main" 'class="crumbs".*>经济日报新闻</a>' "  in the breadcrumb"
like "$main" '<a href="/tags/%E6%95%B0%E6%8D%AE/">数据</a>' "  other tags stay"
unlike "$main" 'post-nav-back' "  no back link"
like "$page" "<p>本文网址：$SITE$TABLE</p>" "print: the article's URL"
like "$page" '<p>原文网址：https://www.example.com/stats/2021/q3.html</p>' "print: the source's URL"
like "$page" '<a class="share-link" href="/html_News/NewsShare.html\?infoCode=NW202112202200000001"' \
	"share: a plain link without script"
like "$page" '<span class="share-status" role="status"></span>' "share: a live status for the copy"
like "$page" '<script src="/static/share.js\?v=[0-9a-f]{10}" defer></script>' "share: the script, deferred"

# 404s
get /no/such/page
is "$STATUS" 404 "unknown page: 404"
like "$(cat "$T/body")" '<title>页面不存在 - 金融消息样例</title>' "  its title in Chinese"
like "$(cat "$T/body")" '<form class="search-form error-search" action="/search" method="get" role="search" aria-label="搜索站内文章">' \
	"  a search form"
like "$(cat "$T/body")" '<a href="/">返回首页</a>' "  a link home"
get "/html_News/NewsShare.html?infoCode=NW202199999999999999"
is "$STATUS" 404 "unknown share code: 404"
like "$(cat "$T/body")" '<h1 class="error-message">没有找到这篇文章</h1>' "  says the article was not found"
like "$(cat "$T/body")" 'role="search" aria-label="搜索站内文章"' "  offers search"

# a title made from the body
title=$(q "$T/db" "SELECT title FROM posts WHERE slug = '202112102201533301'")
is "$title" "北辰智造公告称，公司控股股东计划在未来6个月内通过集中竞价方…" \
	"a title from the body ends with …"

# a store derived and rendered under the old rules
q "$T/db" "UPDATE site SET value = '6' WHERE key = 'derive';
	UPDATE site SET value = '1' WHERE key = 'render';
	UPDATE posts SET title = '旧标题',
		body_html = replace(replace(body_html, '<div class=\"table-wrap\" role=\"region\" aria-label=\"前三季度主要经济指标\" tabindex=\"0\">', ''), '</table></div>', '</table>')"
get "$TABLE"
unlike "$(cat "$T/body")" 'table-wrap' "old store: no table box (the test's premise)"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import2.err" || bail "second import failed: $(cat "$T/import2.err")"
get "$TABLE"
like "$(cat "$T/body")" '<div class="table-wrap" role="region"' "old store: the next import puts the table in its box"
is "$(q "$T/db" "SELECT title FROM posts WHERE slug = '202112102201533301'")" "$title" \
	"old store: and makes the title again"
done_testing
