#!/bin/sh
# /sitemap.xml lists every article, the home page, every category and tag
# page, each with its <lastmod>; /robots.txt points at it.  Past 50,000
# URLs (the sitemap protocol's limit) it becomes a sitemap index of
# /sitemap-1.xml, /sitemap-2.xml ...
#
# The large store: one sample post copied with sqlite3 until the store
# has exactly 50,000 URLs, then one more.  gen-site and finews-import
# under ASan take some 25 s for 50,000 posts; the copies take under a
# second, and finews.fcgi serves them with the same code as imported posts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

PY=/usr/bin/python3
"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"
SITE=https://finews.example.org
LIMIT=50000

# sm.py FILE: the root element's name, then "loc|lastmod" per <url> or
# <sitemap> ("-" for a missing lastmod), as an XML parser reads them.
cat >"$T/sm.py" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
root = ET.parse(sys.argv[1]).getroot()
print(root.tag.replace(ns, ''))
for u in root:
    loc, mod = u.find(ns + 'loc'), u.find(ns + 'lastmod')
    print('%s|%s' % (loc.text if loc is not None else '-',
                     mod.text if mod is not None else '-'))
EOF

# enc TEXT: TEXT percent-encoded as a path segment, upper-case hex.
enc() {
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F | sed 's/\(..\)/%\1/g'
}
# at the site zone's offset (the written one in a store without it)
OFF="coalesce(p.zone_offset, p.utc_offset)"
ISO="strftime('%Y-%m-%dT%H:%M:%S', p.published + $OFF * 60, 'unixepoch')
	|| CASE WHEN $OFF < 0 THEN '-' ELSE '+' END
	|| printf('%02d:%02d', abs($OFF) / 60, abs($OFF) % 60)"
NEWEST="ORDER BY published DESC, post_id DESC LIMIT 1"

# expected: every URL the store should have in its sitemap, "loc|lastmod",
# sorted: articles, home, categories and tags with posts.
expected() {
	{
		q "$T/db" "SELECT '$SITE/' || p.category_path || '/' || p.day || '/' || p.slug
			|| '.html|' || $ISO FROM posts p"
		q "$T/db" "SELECT '$SITE/|' || $ISO FROM posts p ORDER BY published DESC, id DESC LIMIT 1"
		q "$T/db" "SELECT '$SITE/' || c.slug || '/|' || (SELECT $ISO FROM posts p WHERE p.id =
			(SELECT post_id FROM post_categories WHERE category_id = c.id $NEWEST))
			FROM categories c WHERE EXISTS (SELECT 1 FROM post_categories WHERE category_id = c.id)"
		q "$T/db" "SELECT t.name || '|' || (SELECT $ISO FROM posts p WHERE p.id =
			(SELECT post_id FROM post_tags WHERE tag_id = t.id $NEWEST))
			FROM tags t WHERE EXISTS (SELECT 1 FROM post_tags WHERE tag_id = t.id)" |
		while IFS='|' read -r name mod; do
			echo "$SITE/tags/$(enc "$name")/|$mod"
		done
	} | LC_ALL=C sort
}

# fetch PATH: get it and check the parts every sitemap file shares; the
# parsed lines in $T/sm (root first).
fetch() {
	get "$1"
	is "$STATUS" 200 "$1: 200"
	is "$(header content-type)" "application/xml; charset=utf-8" "$1: XML content type"
	xmllint --noout "$T/body" 2>"$T/xmllint"
	ok $? "$1: well-formed XML (xmllint)"
	sed 's/^/#   /' "$T/xmllint" | head -n 5
	"$PY" "$T/sm.py" "$T/body" >"$T/sm" 2>"$T/py.err"
	ok $? "$1: parsed"
	sed 's/^/#   /' "$T/py.err" | head -n 5
	size=$(wc -c <"$T/body" | tr -d ' ')
	[ "$size" -le 52428800 ]
	ok $? "$1: $size bytes, within the protocol's 50 MiB"
}
# urls: the "loc|lastmod" lines of the last fetch.
urls() { sed 1d "$T/sm"; }

# ---- the sample ------------------------------------------------------------------
fetch /sitemap.xml
is "$(head -n 1 "$T/sm")" urlset "sample: a <urlset>"
n=$(urls | wc -l | tr -d ' ')
is "$n" 45 "sample: 45 URLs (32 articles, home, 4 categories, 8 tags)"
is "$(urls | cut -d'|' -f1 | sort | uniq -d)" "" "sample: no URL twice"
is "$(urls | grep -c '|-$')" 0 "sample: every URL has a <lastmod>"
is "$(urls | cut -d'|' -f2 | grep -cvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$')" 0 \
	"sample: every <lastmod> a W3C datetime with its offset"
is "$(urls | LC_ALL=C sort)" "$(expected)" \
	"sample: every article, category and tag page and home, each with its newest date as written"
like "$(urls)" "^$SITE/emnews/2021/12/15/202112142201899905.html\|2021-12-15T07:30:00\+08:00$" \
	"sample: an article written at +00:00 is dated in the site's zone"
like "$(urls)" "^$SITE/tags/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/\|" \
	"sample: the tag 东财滚动新闻, percent-encoded"
bad=
for u in $(urls | cut -d'|' -f1); do
	s=$(status_of "${u#"$SITE"}")
	[ "$s" = 200 ] || bad="$bad $u:$s"
done
is "$bad" "" "sample: every URL of the sitemap answers 200"
is "$(status_of /sitemap-1.xml)" 404 "sample: no /sitemap-1.xml without an index"
get /sitemap.xml -I
is "$STATUS" 200 "HEAD /sitemap.xml: 200"

get /robots.txt
is "$STATUS" 200 "/robots.txt: 200"
is "$(header content-type)" "text/plain; charset=utf-8" "/robots.txt: plain text"
is "$(body)" "User-agent: *
Allow: /
Sitemap: $SITE/sitemap.xml" "/robots.txt: allows everything, points at the sitemap"

# ---- exactly 50,000 URLs: still one file -----------------------------------------------
# copies N: N more posts, copies of one emnews post, a minute apart after
# the newest, in emnews, ranked after its posts as the importer would.
copies() {
	q "$T/db" "BEGIN;
	WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $1),
	base AS (SELECT max(id) AS id, (SELECT max(published) FROM posts) AS t FROM posts)
	INSERT INTO posts(id, path, slug, day, category_path, category_id, title, layout,
		published, utc_offset, summary, front_matter, body_md, body_html, imported)
	SELECT base.id + k.i, p.path, 'copy' || (base.id + k.i),
		strftime('%Y/%m/%d', base.t + 60 * k.i + 8 * 3600, 'unixepoch'),
		p.category_path, p.category_id, p.title || ' ' || k.i, p.layout,
		base.t + 60 * k.i, 480, p.summary, p.front_matter, p.body_md, p.body_html,
		p.imported FROM k, base,
		(SELECT * FROM posts WHERE slug = '202112132201708842') p;
	INSERT INTO post_categories(post_id, category_id, published, rank)
		SELECT id, category_id, published, (SELECT coalesce(max(rank), -1)
			FROM post_categories WHERE category_id = posts.category_id)
			+ row_number() OVER (ORDER BY published, id)
		FROM posts WHERE slug LIKE 'copy%'
		AND id NOT IN (SELECT post_id FROM post_categories);
	COMMIT;" || bail "copying posts failed"
}
copies $((LIMIT - 45))
fetch /sitemap.xml
is "$(head -n 1 "$T/sm")" urlset "$LIMIT URLs: still a <urlset>"
is "$(urls | wc -l | tr -d ' ')" "$LIMIT" "$LIMIT URLs: all in it"
is "$(urls | LC_ALL=C sort)" "$(expected)" "$LIMIT URLs: every one, with its lastmod"
is "$(status_of /sitemap-1.xml)" 404 "$LIMIT URLs: no /sitemap-1.xml"

# ---- 50,001: an index of two ----------------------------------------------------------------
copies 1
# In URL order (articles oldest first, home, categories, tags by name),
# the first file ends with the tag before last: it holds the newest post
# and home; the second holds the last tag alone.
newest=$(q "$T/db" "SELECT $ISO FROM posts p ORDER BY published DESC, id DESC LIMIT 1")
last_tag=$(q "$T/db" "SELECT $ISO FROM posts p WHERE p.id = (SELECT post_id FROM post_tags
	WHERE tag_id = (SELECT id FROM tags t WHERE EXISTS (SELECT 1 FROM post_tags
	WHERE tag_id = t.id) ORDER BY name DESC LIMIT 1) $NEWEST)")
fetch /sitemap.xml
is "$(head -n 1 "$T/sm")" sitemapindex "$((LIMIT + 1)) URLs: a <sitemapindex>"
is "$(urls)" "$SITE/sitemap-1.xml|$newest
$SITE/sitemap-2.xml|$last_tag" "index: two sitemaps, each with the newest date of its URLs"
fetch /sitemap-1.xml
is "$(head -n 1 "$T/sm")" urlset "/sitemap-1.xml: a <urlset>"
is "$(urls | wc -l | tr -d ' ')" "$LIMIT" "/sitemap-1.xml: $LIMIT URLs"
urls >"$T/all"
first=$(urls | head -n 1 | cut -d'|' -f1)
fetch /sitemap-2.xml
is "$(head -n 1 "$T/sm")" urlset "/sitemap-2.xml: a <urlset>"
is "$(urls | wc -l | tr -d ' ')" 1 "/sitemap-2.xml: the one URL left"
is "$(urls | cut -d'|' -f2)" "$last_tag" "/sitemap-2.xml: its URL's lastmod is the index's for it"
urls >>"$T/all"
is "$(cut -d'|' -f1 "$T/all" | sort | uniq -d | head -n 3)" "" "index: no URL in two sitemaps"
is "$(LC_ALL=C sort "$T/all")" "$(expected)" "index: the two hold every URL, with its lastmod"
bad=
for u in "$first" $(urls | cut -d'|' -f1) "$SITE/emnews/$(q "$T/db" "SELECT day || '/' || slug FROM posts ORDER BY id DESC LIMIT 1").html"; do
	s=$(status_of "${u#"$SITE"}")
	[ "$s" = 200 ] || bad="$bad $u:$s"
done
is "$bad" "" "index: the first URL, the last, and the newest copy answer 200"
for p in /sitemap-3.xml /sitemap-0.xml /sitemap-01.xml /sitemap-.xml /sitemap-1.xml/ \
	/sitemap-99999999999.xml; do
	is "$(status_of "$p")" 404 "$p: 404"
done
get /robots.txt
like "$(body)" "Sitemap: $SITE/sitemap.xml" "robots.txt points at the index too"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing
