#!/bin/sh
# Bytes on the wire: every page kind comes gzipped to a client that takes
# gzip (and plain to one that does not, or refuses it with q=0), with
# Vary: Accept-Encoding, an ETag of its own that still revalidates, the
# cache lifetime README documents, and a gzipped body that is the plain
# one compressed; the micro-cache keeps both copies apart; the static
# text files come pre-compressed (gzip_static); the style sheet's URL
# holds its hash and changes when the sheet does.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 160 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
NGINX_CACHE=cache serve "$T/db"

article=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
	FROM posts ORDER BY id LIMIT 1")
tag=$(q "$T/db" "SELECT name FROM tags ORDER BY id LIMIT 1")
tag=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$tag")
short='public, max-age=60,'
# PATH CACHE-CONTROL (its start) KIND
while read -r path cc kind; do
	case $cc in
	short) cc=$short ;;
	week) cc='public, max-age=604800,' ;;
	day) cc='public, max-age=86400,' ;;
	esac
	get "$path"
	is "$STATUS" 200 "$kind ($path): 200"
	cp "$T/body" "$T/plain"
	plain_tag=$(header ETag)
	is "$(header Content-Encoding)" "" "$kind: plain without Accept-Encoding"
	is "$(header Vary)" "Accept-Encoding" "$kind: Vary: Accept-Encoding, and nothing else"
	like "$(header Cache-Control)" "^$cc" "$kind: Cache-Control $cc"
	is "$(header Set-Cookie)" "" "$kind: no Set-Cookie"
	get "$path" -H 'Accept-Encoding: gzip, deflate, br'
	is "$(header Content-Encoding)" gzip "$kind: gzip when the client takes it"
	is "$(header Vary)" "Accept-Encoding" "$kind: gzipped, Vary: Accept-Encoding"
	like "$(header Cache-Control)" "^$cc" "$kind: gzipped, the same Cache-Control"
	is "$(header Content-Length)" "$(wc -c <"$T/body" | tr -d ' ')" \
		"$kind: Content-Length is the gzipped length"
	gzip -dc "$T/body" >"$T/unpacked" 2>/dev/null && cmp -s "$T/unpacked" "$T/plain"
	ok $? "$kind: the gzipped body decompresses to the plain body"
	gz_tag=$(header ETag)
	is "$gz_tag" "${plain_tag%\"}-gz\"" "$kind: the gzipped ETag is the plain one's with -gz"
	is "$(status_of "$path" -H "If-None-Match: $plain_tag")" 304 "$kind: plain revisit: 304"
	is "$(status_of "$path" -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz_tag")" 304 \
		"$kind: gzipped revisit: 304"
	is "$(status_of "$path" -H 'Accept-Encoding: gzip' -H "If-None-Match: $plain_tag")" 200 \
		"$kind: the plain ETag does not stand for the gzipped copy"
	get "$path" -H 'Accept-Encoding: gzip;q=0, identity'
	is "$(header Content-Encoding)" "" "$kind: gzip;q=0: plain"
	cmp -s "$T/body" "$T/plain"
	ok $? "$kind: gzip;q=0: the plain body"
done <<EOF
/ short home
/emnews/ short category
/emnews/?page=1 day numbered-page
/all/?page=1 day stream-page
$article week article
/tags/$tag/ short tag
/search?q=%E6%96%B0%E9%97%BB short search
/feed.xml short feed
/sitemap.xml short sitemap
/category/ short sources
EOF

# HEAD: the gzipped copy's head (its length), no body.
curl -s -I -H 'Accept-Encoding: gzip' "$BASE/" | tr -d '\r' >"$T/head"
grep -qi '^Content-Encoding: gzip' "$T/head"
ok $? "HEAD with gzip: Content-Encoding: gzip"
get / -H 'Accept-Encoding: gzip'
is "$(sed -n 's/^[Cc]ontent-[Ll]ength: //p' "$T/head")" "$(header Content-Length)" \
	"HEAD with gzip: the gzipped copy's Content-Length"
is "$(curl -s -o /dev/null -w '%{size_download}' -I -H 'Accept-Encoding: gzip' "$BASE/")" 0 \
	"HEAD: no body"

# The micro-cache keeps a plain and a gzipped copy apart.
# (a second pair when the first straddled the cache's one second)
for i in 1 2 3 4; do
	get /emnews/ -H 'Accept-Encoding: gzip'
	[ "$i" -ge 2 ] && [ "$(header X-Cache)" = HIT ] && break
done
is "$(header X-Cache)" HIT "micro-cache: the gzipped copy from the cache"
is "$(header Content-Encoding)" gzip "micro-cache: and gzipped"
get /emnews/
is "$(header Content-Encoding)" "" "micro-cache: a plain client still gets the plain copy"
get /emnews/ -H 'Accept-Encoding: deflate'
is "$(header Content-Encoding)" "" "micro-cache: a client without gzip gets the plain copy"

# The static text files: pre-compressed, the same bytes once unpacked.
style=$(get / && grep -o 'href="/static/style.css?v=[0-9a-f]*"' "$T/body" | sed 's/^href="//; s/"$//')
want_v=$(sha256sum "$TOP/static/style.css" | cut -c1-10)
is "$style" "/static/style.css?v=$want_v" "the page links the style sheet with its hash"
live_v=$(sha256sum "$TOP/static/live.js" | cut -c1-10)
grep -q "<script src=\"/static/live.js?v=$live_v\" defer" "$T/body"
ok $? "the home page loads live.js with its hash"
for f in "$style" /static/live.js /static/feed.xsl /static/icon.svg; do
	get "$f" -H 'Accept-Encoding: gzip'
	is "$(header Content-Encoding)" gzip "$f: gzip_static"
	name=${f#/static/}
	gzip -dc "$T/body" 2>/dev/null | cmp -s - "$TOP/static/${name%%\?*}"
	ok $? "$f: decompresses to the file"
	get "$f"
	is "$(header Content-Encoding)" "" "$f: plain without Accept-Encoding"
done

# A changed style sheet: a new build links it at a new URL.  The build is
# made in a copy of the tree (make's own, page.o only).
src=$T/tree
mkdir -p "$src"
(cd "$TOP" && cp -r Makefile cgi static "$src/")
printf '\n/* changed */\n' >>"$src/static/style.css"
make -s -C "$src" B=out out/cgi/page.o >"$T/make.log" 2>&1 || sed 's/^/# /' "$T/make.log"
new_v=$(sha256sum "$src/static/style.css" | cut -c1-10)
grep -qa "style.css?v=$new_v" "$src/out/cgi/page.o"
ok $? "a changed style.css is linked with its new hash ($new_v)"
[ "$new_v" != "$want_v" ]
ok $? "and the hash differs"
done_testing
