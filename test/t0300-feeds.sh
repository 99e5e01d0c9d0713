#!/bin/sh
# Atom feeds of the sample site: the site's (/feed.xml, where jekyll-feed
# had it), a category's, a tag's (percent-encoded Chinese name).  Each is
# read by a real feed reader, Debian's python3-feedparser, and must parse
# without complaint (bozo), with every field of every entry, the right
# entries in the right order, ids the canonical URLs, dates as written,
# titles and bodies exactly as stored.  Pages link their feeds.
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
        missing += ['%d:%s' % (i, k) for k in need if not x.get(k)]
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
                'updated', 'link', 'summary', 'content', 'category']
                if x.find('a:' + k, ns) is None]
print('missing', ' '.join(missing))
for i, x in enumerate(ET.fromstring(raw).findall('a:entry', ns), 1):
    with open(os.path.join(out, 'content.%d' % i), 'w') as c:
        c.write(x.find('a:content', ns).text or '')
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
	want=$((n < 20 ? n : 20))
	get "$path"
	is "$STATUS" 200 "$path: 200"
	is "$(header content-type)" "application/atom+xml; charset=utf-8" "$path: Atom content type"
	head -c 38 "$T/body" | grep -q '^<?xml version="1.0" encoding="utf-8"?>'
	ok $? "$path: starts with the XML declaration"
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
	is "$(fact missing)" "" "$path: every entry has id, title, link, published, updated, summary, content, categories"
	is "$(fact id)" "$SITE$path" "$path: feed id is its own URL"
	is "$(fact link_self)" "$SITE$path" "$path: rel=self"
	is "$(fact link_alternate)" "$SITE$page" "$path: rel=alternate is $page"
	is "$(fact title)" "$title" "$path: title"
	is "$(fact author)" "样例编辑部" "$path: author, the site's"
	is "$(fact updated)" "$(q "$T/db" "SELECT $ISO $from LIMIT 1")" "$path: updated is the newest entry's date"
	is "$(cat "$T/f/entries")" "$(q "$T/db" "SELECT $URL, $ISO, $ISO, $URL, $TERMS $from LIMIT 20")" \
		"$path: entries newest first: canonical URL ids and links, dates as written, category and tags"
	is "$(cat "$T/f/titles")" "$(q "$T/db" "SELECT p.title $from LIMIT 20")" "$path: titles as written"
	is "$(cat "$T/f/summaries")" "$(q "$T/db" "SELECT p.summary $from LIMIT 20")" "$path: summaries"
	bad=
	i=1
	while [ "$i" -le "$want" ]; do
		[ "$(cat "$T/f/content.$i")" = "$(q "$T/db" "SELECT p.body_html $from LIMIT 1 OFFSET $((i - 1))")" ] ||
			bad="$bad $i"
		i=$((i + 1))
	done
	is "$bad" "" "$path: each entry's content is its whole HTML body, escaped once"
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
is "$(header content-type)" "application/atom+xml; charset=utf-8" "HEAD /feed.xml: Atom content type"
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
		[ "$STATUS" = 200 ] && [ "$(header content-type)" = "application/atom+xml; charset=utf-8" ] ||
			bad="$bad $p:$u:$STATUS"
		get "$p"
	done
done
is "$bad" "" "every feed a page links answers 200 with Atom"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
