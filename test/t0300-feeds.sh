#!/bin/sh
# Atom feeds of the sample site: the site's (/feed.xml, where jekyll-feed
# had it), a category's, a tag's (percent-encoded Chinese name).  Each is
# read by a real feed reader, Debian's python3-feedparser, and must parse
# without complaint (bozo), with every field of every entry, the right
# entries in the right order, ids the canonical URLs, dates as written,
# titles and bodies exactly as stored (a body over 4 KB is left out, its
# entry keeps its summary and link).  Pages link their feeds, in the head
# and with a visible subscribe link.  A browser shows a feed as a page
# (static/feed.xsl), so feeds are served as application/xml.  A site of
# 250 posts gives its newest 100, each entry bounded, with an ETag.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

PY=/usr/bin/python3
"$PY" -c 'import feedparser' 2>/dev/null ||
	bail "no feedparser for $PY (make deps: python3-feedparser)"
"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"
SITE=https://finews.example.org

# feed.py FILE DIR: parse FILE with feedparser; print facts as "key value"
# lines; write DIR/entries (one line per entry: id|published|updated|link|
# terms), DIR/titles, DIR/summaries and DIR/content.N (entry N's content as
# the raw XML holds it, unescaped once by an XML parser).
cat >"$T/feed.py" <<'EOF'
import sys, os, feedparser, xml.etree.ElementTree as ET
path, out = sys.argv[1], sys.argv[2]
raw = open(path, 'rb').read()
d = feedparser.parse(raw)
f = d.feed
print('bozo', int(bool(d.bozo)))
print('bozo_exception', d.get('bozo_exception', ''))
print('version', d.version)
print('count', len(d.entries))
print('id', f.get('id', ''))
print('title', f.get('title', ''))
print('updated', f.get('updated', ''))
print('author', f.get('author', ''))
for l in f.get('links', []):
    print('link_' + l.get('rel', ''), l.get('href', ''))
missing = []
need = ['id', 'title', 'link', 'published', 'published_parsed', 'updated',
        'updated_parsed', 'summary', 'content', 'tags']
with open(os.path.join(out, 'entries'), 'w') as e, \
     open(os.path.join(out, 'titles'), 'w') as t, \
     open(os.path.join(out, 'summaries'), 'w') as s:
    for i, x in enumerate(d.entries, 1):
        missing += ['%d:%s' % (i, k) for k in need if not x.get(k) and k != 'content']
        if x.get('content') and (x.content[0].type != 'text/html' or not x.content[0].value):
            missing.append('%d:content/html' % i)
        terms = sorted(set(g.term for g in x.get('tags', [])))
        e.write('|'.join([x.get('id', ''), x.get('published', ''),
                          x.get('updated', ''), x.get('link', ''),
                          ','.join(terms)]) + '\n')
        t.write(x.get('title', '') + '\n')
        s.write(x.get('summary', '') + '\n')
ns = {'a': 'http://www.w3.org/2005/Atom'}
# feedparser fills some fields from others (updated from published): the
# raw XML must have each element itself.
for i, x in enumerate(ET.fromstring(raw).findall('a:entry', ns), 1):
    missing += ['%d:<%s>' % (i, k) for k in ['id', 'title', 'published',
                'updated', 'link', 'summary', 'category']
                if x.find('a:' + k, ns) is None]
print('missing', ' '.join(missing))
for i, x in enumerate(ET.fromstring(raw).findall('a:entry', ns), 1):
    with open(os.path.join(out, 'content.%d' % i), 'w') as c:
        x = x.find('a:content', ns)
        c.write('(none)' if x is None else x.text or '')
EOF

# fact KEY: that fact's value, from the last parse.
fact() { sed -n "s/^$1 //p" "$T/facts" | head -n 1; }

# The SQL of an entry's values as the feed must give them.
URL="'$SITE/' || p.category_path || '/' || p.day || '/' || p.slug || '.html'"
# at the site zone's offset (the written one in a store without it)
OFF="coalesce(p.zone_offset, p.utc_offset)"
ISO="strftime('%Y-%m-%dT%H:%M:%S', p.published + $OFF * 60, 'unixepoch')
	|| CASE WHEN $OFF < 0 THEN '-' ELSE '+' END
	|| printf('%02d:%02d', abs($OFF) / 60, abs($OFF) % 60)"
TERMS="(SELECT group_concat(x, ',') FROM (SELECT c.slug AS x FROM categories c
	WHERE c.id = p.category_id UNION SELECT t.name FROM post_tags pt
	JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id ORDER BY x))"

# posts KIND [NAME]: FROM ... ORDER BY of a feed's posts, newest first.
posts() {
	case $1 in
	site) echo "FROM posts p ORDER BY p.published DESC, p.id DESC" ;;
	category) echo "FROM post_categories pc JOIN posts p ON p.id = pc.post_id
		WHERE pc.category_id = (SELECT id FROM categories WHERE slug = '$2')
		ORDER BY pc.published DESC, pc.post_id DESC" ;;
	tag) echo "FROM post_tags pt JOIN posts p ON p.id = pt.post_id
		WHERE pt.tag_id = (SELECT id FROM tags WHERE name = '$2')
		ORDER BY pt.published DESC, pt.post_id DESC" ;;
	esac
}

# check_feed PATH PAGE TITLE KIND [NAME]: fetch the feed at PATH (its HTML
# page is PAGE, its title TITLE) and check it against the store.
check_feed() {
	path=$1 page=$2 title=$3
	shift 3
	from=$(posts "$@")
	n=$(q "$T/db" "SELECT count(*) FROM (SELECT 1 $from)")
	want=$((n < 100 ? n : 100))
	get "$path"
	is "$STATUS" 200 "$path: 200"
	is "$(header content-type)" "application/xml; charset=utf-8" "$path: XML content type"
	head -c 38 "$T/body" | grep -q '^<?xml version="1.0" encoding="utf-8"?>'
	ok $? "$path: starts with the XML declaration"
	is "$(sed -n 2p "$T/body")" '<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>' \
		"$path: names its stylesheet for browsers"
	xmllint --noout "$T/body" 2>"$T/xmllint"
	ok $? "$path: well-formed XML (xmllint)"
	sed 's/^/#   /' "$T/xmllint"
	rm -rf "$T/f" && mkdir "$T/f"
	"$PY" "$T/feed.py" "$T/body" "$T/f" >"$T/facts" 2>"$T/py.err"
	ok $? "$path: feedparser ran"
	sed 's/^/#   /' "$T/py.err"
	is "$(fact bozo)" 0 "$path: feedparser reports no error (bozo)"
	[ "$(fact bozo)" = 0 ] || echo "#   $(fact bozo_exception)"
	is "$(fact version)" atom10 "$path: read as Atom 1.0"
	is "$(fact count)" "$want" "$path: $want entries ($n posts)"
	is "$(fact missing)" "" "$path: every entry has id, title, link, published, updated, summary, categories"
	is "$(fact id)" "$SITE$path" "$path: feed id is its own URL"
	is "$(fact link_self)" "$SITE$path" "$path: rel=self"
	is "$(fact link_alternate)" "$SITE$page" "$path: rel=alternate is $page"
	is "$(fact title)" "$title" "$path: title"
	is "$(fact author)" "样例编辑部" "$path: author, the site's"
	is "$(fact updated)" "$(q "$T/db" "SELECT $ISO $from LIMIT 1")" "$path: updated is the newest entry's date"
	is "$(cat "$T/f/entries")" "$(q "$T/db" "SELECT $URL, $ISO, $ISO, $URL, $TERMS $from LIMIT 100")" \
		"$path: entries newest first: canonical URL ids and links, dates as written, category and tags"
	is "$(cat "$T/f/titles")" "$(q "$T/db" "SELECT p.title $from LIMIT 100")" "$path: titles as written"
	is "$(cat "$T/f/summaries")" "$(q "$T/db" "SELECT p.summary $from LIMIT 100")" "$path: summaries"
	bad=
	i=1
	while [ "$i" -le "$want" ]; do
		[ "$(cat "$T/f/content.$i")" = "$(q "$T/db" "SELECT CASE WHEN length(CAST(p.body_html AS BLOB)) <= 4096
			THEN p.body_html ELSE '(none)' END $from LIMIT 1 OFFSET $((i - 1))")" ] ||
			bad="$bad $i"
		i=$((i + 1))
	done
	is "$bad" "" "$path: each entry's content is its whole HTML body, escaped once (none over 4 KB)"
}

EMNEWS=%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB   # 东财滚动新闻
FX=%E5%A4%96%E6%B1%87                                            # 外汇
check_feed /feed.xml / "金融消息样例" site
check_feed /emnews/feed.xml /emnews/ "东财滚动新闻 - 金融消息样例" category emnews
check_feed /sitenews/feed.xml /sitenews/ "站长消息 - 金融消息样例" category sitenews
check_feed /jingjiribao/feed.xml /jingjiribao/ "经济日报新闻 - 金融消息样例" category jingjiribao
check_feed "/tags/$EMNEWS/feed.xml" "/tags/$EMNEWS/" "标签：东财滚动新闻 - 金融消息样例" tag 东财滚动新闻
check_feed "/tags/$FX/feed.xml" "/tags/$FX/" "标签：外汇 - 金融消息样例" tag 外汇

# ---- dates, the hostile title, in the raw XML ------------------------------
get /feed.xml
grep -q '<published>2022-01-10T07:52:18+08:00</published>' "$T/body"
ok $? "/feed.xml: published keeps its +08:00 offset as written"
get /emnews/feed.xml
grep -q '<published>2021-12-15T07:30:00+08:00</published>' "$T/body"
ok $? "/emnews/feed.xml: a post written at +00:00 is dated in the site's zone, as on its page"
xss=$SITE/emnews/2021/12/14/202112142201846612.html
grep -qF '<title>券商&amp;基金年末排名战 &lt;script&gt;alert(1)&lt;/script&gt; 规模&amp;业绩双双承压</title>' "$T/body"
ok $? "/emnews/feed.xml: the <script> title is escaped in the XML"
unlike "$(body)" "<script" "/emnews/feed.xml: no raw <script anywhere"
"$PY" "$T/feed.py" "$T/body" "$T/f" >"$T/facts" 2>/dev/null
line=$(grep -n "^$xss|" "$T/f/entries" | cut -d: -f1)
is "$(sed -n "${line:-0}p" "$T/f/titles")" '券商&基金年末排名战 <script>alert(1)</script> 规模&业绩双双承压' \
	"feedparser reads the <script> title back exactly as written"

# ---- unknown feeds, HEAD ----------------------------------------------------
get /nosuchcategory/feed.xml
is "$STATUS" 404 "unknown category's feed: 404"
like "$(body)" "金融消息样例" "unknown category's feed: the 404 page in the layout"
is "$(status_of /tags/%E6%B2%A1%E6%9C%89/feed.xml)" 404 "unknown tag's feed: 404"
is "$(status_of /emnews/2021/feed.xml)" 404 "a feed under two segments: 404"
is "$(status_of /feed.xml/)" 404 "/feed.xml/: 404"
get /feed.xml
len=$(header content-length)
get /feed.xml -I
is "$STATUS" 200 "HEAD /feed.xml: 200"
is "$(header content-type)" "application/xml; charset=utf-8" "HEAD /feed.xml: XML content type"
is "$(header content-length)" "$len" "HEAD /feed.xml: the Content-Length of GET ($len)"

# ---- pages point at their feeds ---------------------------------------------
# feeds: the Atom feed links of the last page, "href title" per line.
feeds() {
	grep -oE '<link rel="alternate" type="application/atom\+xml"[^>]*>' "$T/body" |
		sed 's/.* title="\([^"]*\)" href="\([^"]*\)".*/\2 \1/'
}
site_feed="/feed.xml 金融消息样例"
for p in / /emnews/2021/12/13/202112132201708842.html /no/such/page; do
	get "$p"
	is "$(feeds)" "$site_feed" "$p: links the site's feed"
done
get /emnews/
is "$(feeds)" "$site_feed
/emnews/feed.xml 东财滚动新闻 - 金融消息样例" "/emnews/: links the site's feed and its own"
get "/emnews/?page=1"
like "$(feeds)" "^/emnews/feed.xml " "/emnews/?page=1: links its feed"
get "/tags/$FX/"
is "$(feeds)" "$site_feed
/tags/$FX/feed.xml 标签：外汇 - 金融消息样例" "tag page: links the site's feed and its own"
bad=
for p in / /emnews/ /sitenews/ "/tags/$FX/" "/tags/$EMNEWS/"; do
	get "$p"
	for u in $(feeds | cut -d' ' -f1); do
		get "$u"
		[ "$STATUS" = 200 ] && [ "$(header content-type)" = "application/xml; charset=utf-8" ] ||
			bad="$bad $p:$u:$STATUS"
		get "$p"
	done
done
is "$bad" "" "every feed a page links answers 200 with XML"

# ---- the visible subscribe link ---------------------------------------------
# subscribe: the last page's visible subscribe link, "href label".
subscribe() {
	grep -oE '<p class="subscribe"><a href="[^"]*" aria-label="[^"]*"' "$T/body" |
		sed 's/.* href="\([^"]*\)" aria-label="\([^"]*\)"/\1 \2/'
}
for pf in "/ /feed.xml" "/emnews/ /emnews/feed.xml" "/emnews/?page=1 /emnews/feed.xml" \
	"/sitenews/ /sitenews/feed.xml" "/tags/$FX/ /tags/$FX/feed.xml" "/tags/$EMNEWS/ /tags/$EMNEWS/feed.xml"; do
	set -- $pf
	get "$1"
	link=$(subscribe)
	is "${link%% *}" "$2" "$1: a visible subscribe link to $2"
	like "$(body)" '<p class="subscribe"><a [^>]*><svg [^>]*aria-hidden="true"[^>]*>.*</svg>订阅</a></p>' \
		"$1: it shows a feed icon and 订阅"
	get "$2"
	"$PY" "$T/feed.py" "$T/body" "$T/f" >"$T/facts" 2>/dev/null
	ok "$([ "$STATUS" = 200 ] && [ "$(fact bozo)" = 0 ] && [ "$(fact version)" = atom10 ]; echo $?)" \
		"$1: that feed answers 200 and feedparser reads it as Atom 1.0"
	is "${link#* }" "订阅：$(fact title)" "$1: the link's label names the feed"
done
for p in /emnews/2021/12/13/202112132201708842.html /no/such/page /tags/ /category/; do
	get "$p"
	is "$(subscribe)" "" "$p: no subscribe link (not a list of posts)"
done

# ---- the stylesheet a browser applies (t0303 renders it in chromium) ---------
get /static/feed.xsl
is "$STATUS" 200 "/static/feed.xsl: 200"
is "$(header content-type)" "text/xsl" "/static/feed.xsl: as text/xsl (a browser applies only an XML type)"
xmllint --noout "$T/body" 2>"$T/xmllint"
ok $? "/static/feed.xsl: well-formed XML (xmllint)"
sed 's/^/#   /' "$T/xmllint"
is "$(xmllint --xpath 'concat(namespace-uri(/*), " ", local-name(/*), " ", /*/@version)' "$T/body")" \
	"http://www.w3.org/1999/XSL/Transform stylesheet 1.0" "/static/feed.xsl: an XSLT 1.0 stylesheet"
is "$(xmllint --xpath 'count(//*[local-name()="template" and @match="/a:feed"])' "$T/body")" 1 \
	"/static/feed.xsl: it renders an Atom feed"

# ---- revisits: an unchanged feed is a 304 ------------------------------------
get /feed.xml
etag=$(header etag)
like "$etag" '^"[0-9a-f]{16}"$' "/feed.xml: an ETag"
is "$(status_of /feed.xml -H "If-None-Match: $etag")" 304 "/feed.xml: 304 when the reader has it"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"

# ---- 250 posts: the newest 100, each entry bounded ----------------------------
# gen-site's sources mix short wire posts with newspaper articles of up to
# 6 KB of HTML: those over 4 KB go without their content.
"$GEN" --sources 5 "$T/big" 250 >/dev/null || bail "gen-site failed"
"$IMPORT" --db "$T/db2" "$T/big" 2>"$T/import.err" || bail "import of 250 posts failed"
serve "$T/db2"
busiest=$(q "$T/db2" "SELECT c.slug FROM posts p JOIN categories c ON c.id = p.category_id
	GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")
long=$(q "$T/db2" "SELECT c.slug FROM posts p JOIN categories c ON c.id = p.category_id
	GROUP BY c.id ORDER BY max(length(CAST(p.body_html AS BLOB))) DESC LIMIT 1")
for kp in "site /feed.xml" "category /$busiest/feed.xml $busiest" "category /$long/feed.xml $long"; do
	set -- $kp
	from=$(posts "$1" "${3:-}")
	path=$2
	n=$(q "$T/db2" "SELECT count(*) FROM (SELECT 1 $from)")
	want=$((n < 100 ? n : 100))
	get "$path"
	is "$STATUS" 200 "$path: 200"
	rm -rf "$T/f" && mkdir "$T/f"
	"$PY" "$T/feed.py" "$T/body" "$T/f" >"$T/facts" 2>/dev/null
	is "$(fact bozo) $(fact version)" "0 atom10" "$path: valid Atom 1.0 (feedparser)"
	is "$(fact count)" "$want" "$path: the newest $want of $n posts"
	is "$(cut -d'|' -f1 "$T/f/entries")" "$(q "$T/db2" "SELECT $URL $from LIMIT 100")" "$path: those posts, newest first"
	"$PY" - "$T/body" >"$T/sizes" <<'PYEOF'
import sys, re, xml.etree.ElementTree as ET
raw = open(sys.argv[1], 'rb').read()
ns = {'a': 'http://www.w3.org/2005/Atom'}
entries = re.findall(rb'<entry>.*?</entry>', raw, re.S)
content = [len((x.findtext('a:content', '', ns)).encode()) for x in ET.fromstring(raw).findall('a:entry', ns)]
print(len(raw), max(map(len, entries)), max(content), sum(1 for c in content if c == 0))
PYEOF
	set -- $(cat "$T/sizes")
	echo "# $path: $1 bytes, the largest entry $2 bytes, content up to $3 bytes, $4 entries without"
	ok "$([ "$3" -le 4096 ]; echo $?)" "$path: no entry's content over 4 KB ($3)"
	ok "$([ "$2" -le 32768 ]; echo $?)" "$path: no entry over 32 KB of XML ($2)"
	ok "$([ "$1" -le 1048576 ]; echo $?)" "$path: under 1 MB ($1)"
done
is "$4" "$(q "$T/db2" "SELECT count(*) FROM (SELECT p.body_html $(posts category "$long") LIMIT 100)
	WHERE length(CAST(body_html AS BLOB)) > 4096")" "/$long/feed.xml: the articles over 4 KB have no content"
ok "$([ "$4" -gt 0 ]; echo $?)" "/$long/feed.xml: there are some ($4)"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
