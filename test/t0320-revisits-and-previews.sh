#!/bin/sh
# Fast revisits (ETag, Last-Modified, 304, Cache-Control) and link
# previews (<title>, description, canonical, Open Graph, lang).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

import_sample_site
serve "$T/db"
A=/nanchangribao/2022/01/10/NW202201102241150382.html
F=$T/site/_posts/2022-01-10-NW202201102241150382.md

get "$A"
is "$STATUS" 200 "article: 200"
etag=$(header ETag)
lm=$(header Last-Modified)
like "$etag" '^"[0-9a-f]{16}"$' "an ETag"
like "$lm" '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT$' "a Last-Modified date"
is "$(header Cache-Control)" 'public, max-age=604800, stale-while-revalidate=60, stale-if-error=86400' \
	"articles are cached long, and a cache may serve them stale while it revalidates or its origin fails"
get /emnews/
is "$(header Cache-Control)" 'public, max-age=60, stale-while-revalidate=60, stale-if-error=86400' \
	"lists briefly, stale allowed the same"
get /_status
is "$(header Cache-Control)" 'no-store' "the status page: no-store, nothing stale"
like "$(header ETag)" '^"' "lists have ETags too"

get "$A" -H "If-None-Match: $etag"
is "$STATUS" 304 "If-None-Match: 304"
is "$(wc -c < "$T/body")" 0 "with no body"
is "$(header ETag)" "$etag" "and the same ETag"
is "$(status_of "$A" -H "If-None-Match: W/$etag, \"other\"")" 304 "a weak ETag in a list matches"
is "$(status_of "$A" -H 'If-None-Match: "other"')" 200 "another ETag: 200"
is "$(status_of "$A" -H "If-Modified-Since: $lm")" 304 "If-Modified-Since: 304"
is "$(status_of "$A" -H 'If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT')" 200 "an older date: 200"
is "$(status_of "$A" -H 'If-Modified-Since: yesterday')" 200 "an unreadable date is ignored"
is "$(status_of "$A" -H 'If-None-Match: "other"' -H "If-Modified-Since: $lm")" 200 "If-None-Match wins over If-Modified-Since"
is "$(status_of "$A" -I -H "If-None-Match: $etag")" 304 "HEAD: 304 too"

# An import that changes nothing changes neither.
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
touch "$F"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
get "$A"
is "$(header ETag)" "$etag" "an import that changes nothing keeps the ETag"
is "$(header Last-Modified)" "$lm" "and Last-Modified"
is "$(status_of "$A" -H "If-None-Match: $etag")" 304 "a revisit is still a 304"

# An import that changes the page.
sed -i 's/春节临近/春节将至/' "$F"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/err"
like "$(cat "$T/err")" "1 updated" "the post is updated"
get "$A" -H "If-None-Match: $etag"
is "$STATUS" 200 "after an import changes it: 200"
like "$(body)" "春节将至" "with the new text"
ok $([ "$(header ETag)" != "$etag" ] && echo 0 || echo 1) "and a new ETag"
is "$(status_of "$A" -H "If-Modified-Since: $lm")" 200 "If-Modified-Since: 200 too"

# Link previews.
get "$A"
b=$(body)
like "$b" '<html lang="zh-CN">' "lang from the site's config"
like "$b" '<title>稳岗留工暖人心 多家企业提前谋划春节生产 - 金融消息样例</title>' "<title> with the site's name"
like "$b" '<meta name="description" content="春节将至，不少外地务工人员' "description from the summary"
like "$b" "<link rel=\"canonical\" href=\"https://finews.example.org$A\">" "canonical: the article's URL"
like "$b" "<meta property=\"og:url\" content=\"https://finews.example.org$A\">" "og:url"
like "$b" '<meta property="og:title" content="稳岗留工暖人心 多家企业提前谋划春节生产">' "og:title"
like "$b" '<meta property="og:description" content="春节将至' "og:description"
like "$b" '<meta property="og:type" content="article">' "og:type article"
like "$b" '<meta property="article:published_time" content="2022-01-10T07:52:18\+08:00">' "article:published_time as written"
like "$b" '<meta property="og:site_name" content="金融消息样例">' "og:site_name"
get "/html_News/NewsShare.html?infoCode=NW202201102241150382"
like "$(body)" "<link rel=\"canonical\" href=\"https://finews.example.org$A\">" "the share link's page is canonically the article"
get /
like "$(body)" '<meta property="og:type" content="website">' "home: og:type website"
like "$(body)" '<link rel="canonical" href="https://finews.example.org/">' "home: canonical"
like "$(body)" '<meta name="description" content="虚构的金融消息样例站点' "home: the site's description"
get /emnews/
like "$(body)" '<link rel="canonical" href="https://finews.example.org/emnews/">' "category: canonical"
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing
