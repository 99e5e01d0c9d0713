#!/bin/sh
# Categories and tags are ranked 0..n-1 in time order (sql/schema.sql),
# whatever order posts come in, are updated or moved: so any page of a
# list is one index range.
. "$(dirname "$0")/lib.sh"

check() { # what
	bad=$(q "$T/db" "SELECT count(*) FROM (SELECT category_id, count(*) AS n,
		max(rank) AS m, count(DISTINCT rank) AS d FROM post_categories
		GROUP BY category_id) WHERE m <> n - 1 OR d <> n")
	bad=$((bad + $(q "$T/db" "SELECT count(*) FROM (SELECT tag_id, count(*) AS n,
		max(rank) AS m, count(DISTINCT rank) AS d FROM post_tags
		GROUP BY tag_id) WHERE m <> n - 1 OR d <> n")))
	bad=$((bad + $(q "$T/db" "SELECT count(*) FROM post_categories a
		JOIN post_categories b ON a.category_id = b.category_id AND b.rank = a.rank + 1
		WHERE (b.published, b.post_id) < (a.published, a.post_id)")))
	bad=$((bad + $(q "$T/db" "SELECT count(*) FROM post_tags a
		JOIN post_tags b ON a.tag_id = b.tag_id AND b.rank = a.rank + 1
		WHERE (b.published, b.post_id) < (a.published, a.post_id)")))
	is "$bad" 0 "$1: ranks 0..n-1 in time order"
}
P=$T/site/_posts
mkdir -p "$P"
post() { # file date category tags
	printf -- '---\ntitle: "%s"\ndate: %s\ncategories: %s\ntags: %s\n---\n正文。\n' "$1" "$2" "$3" "$4" > "$P/$1.md"
}
post 2021-12-10-c '2021-12-10 10:00:00' news 'a b'
post 2021-12-12-e '2021-12-12 10:00:00' news 'a'
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
check "in order"
post 2021-12-11-d '2021-12-11 10:00:00' news 'b'
post 2021-12-09-b '2021-12-09 10:00:00' 'news other' 'a'
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
check "older posts added later"
post 2021-12-10-c '2022-01-01 09:00:00' other 'b c'
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
check "a post moved to another time and category"
is "$(q "$T/db" "SELECT group_concat(p.slug, ' ') FROM (SELECT post_id FROM post_categories WHERE category_id = (SELECT id FROM categories WHERE slug='news') ORDER BY rank) pc JOIN posts p ON p.id = pc.post_id")" "b d e" "news, oldest first"
post 2021-12-08-a '2021-12-08 10:00:00' news a
"$IMPORT" --db "$T/db" "$P/2021-12-08-a.md" 2>/dev/null
check "one old post given alone"
"$GEN" "$T/big" 600
"$IMPORT" --db "$T/db" "$T/big" 2>/dev/null
check "a generated site"
plan=$(q "$T/db" "EXPLAIN QUERY PLAN SELECT post_id FROM post_categories WHERE category_id = 1 AND rank <= (SELECT max(rank) FROM post_categories WHERE category_id = 1) - 500 ORDER BY rank DESC LIMIT 50")
like "$plan" "SEARCH post_categories USING (COVERING )?INDEX post_categories_rank \(category_id=\? AND rank<\?\)" "a deep page is one index range"
unlike "$plan" "TEMP B-TREE" "without sorting"
done_testing
