#!/bin/sh
# The store carries its schema version (PRAGMA user_version); an older
# store is upgraded by the importer, a newer one is refused clearly.
. "$(dirname "$0")/lib.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
is "$(q "$T/db" "PRAGMA user_version")" 9 "a new store is at version 9"
is "$(q "$T/db" "PRAGMA journal_mode")" wal "the store is in WAL mode"
for t in posts stream categories tags post_tags post_categories files site entries takedowns takedown_files; do
	is "$(q "$T/db" "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='$t'")" 1 "table $t exists"
done
for i in posts_newest post_categories_rank post_tags_rank posts_url posts_slug \
	takedowns_url takedowns_slug takedowns_code takedown_files_path takedown_files_key; do
	is "$(q "$T/db" "SELECT count(*) FROM sqlite_schema WHERE type='index' AND name='$i'")" 1 "index $i exists"
done
plan=$(q "$T/db" "EXPLAIN QUERY PLAN SELECT id FROM posts WHERE day='2021/12/08' AND slug='x'")
like "$plan" "posts_url" "a URL lookup uses the (day, slug) index"
plan=$(q "$T/db" "EXPLAIN QUERY PLAN SELECT post_id FROM post_categories WHERE category_id=1 ORDER BY rank DESC LIMIT 50")
like "$plan" "post_categories_rank" "a category's newest posts use its index"
unlike "$plan" "TEMP B-TREE" "without sorting"

# An empty file is a store at version 0: the importer brings it up.
: > "$T/old.db"
"$IMPORT" --db "$T/old.db" "$SAMPLE" 2>/dev/null
is "$?" 0 "an empty (version 0) store is upgraded"
is "$(q "$T/old.db" "PRAGMA user_version")" 9 "to version 9"

# as_v8 DB: make a store as version 8 had it: no stream.
as_v8() {
	q "$1" "DROP TABLE stream; PRAGMA user_version = 8"
}

# as_v7 DB: make a store as version 7 had it: no category pages, and a
# category only its slug and name.
as_v7() {
	as_v8 "$1"
	q "$1" "DROP TABLE category_pages; DROP INDEX categories_active; DROP INDEX categories_menu;
		ALTER TABLE categories DROP COLUMN tag; ALTER TABLE categories DROP COLUMN title;
		ALTER TABLE categories DROP COLUMN posts; ALTER TABLE categories DROP COLUMN newest;
		ALTER TABLE categories DROP COLUMN recent; ALTER TABLE categories DROP COLUMN menu;
		PRAGMA user_version = 7"
}

# as_v6 DB: make a store as version 6 had it: no takedowns.
as_v6() {
	as_v7 "$1"
	q "$1" "DROP TABLE takedown_files; DROP TABLE takedowns; PRAGMA user_version = 6"
}

# as_v5 DB: make a store as version 5 had it: no entries, no date_only or
# zone_offset, and each post's day the day as written in the site's zone
# (Shanghai here), as the release before the Jekyll day rule stored it.
as_v5() {
	as_v6 "$1"
	q "$1" "DROP TABLE entries; DROP INDEX posts_slug;
		ALTER TABLE posts DROP COLUMN date_only;
		ALTER TABLE posts DROP COLUMN zone_offset;
		UPDATE posts SET day = strftime('%Y/%m/%d', published, 'unixepoch', '+8 hours');
		DELETE FROM site WHERE key = 'derive'; PRAGMA user_version = 5"
}

# A version 1 store (before post_tags carried the post's time, and before
# search) is upgraded in place by sql/upgrade-2.sql and upgrade-3.sql,
# its content kept.
cp "$T/db" "$T/v1.db"
as_v5 "$T/v1.db"
q "$T/v1.db" "DROP TABLE search_trigrams; DROP TABLE search_terms; DROP TABLE search; DROP INDEX posts_sk;
	ALTER TABLE posts DROP COLUMN sk;
	DROP INDEX post_categories_rank; ALTER TABLE post_categories DROP COLUMN rank;
	CREATE INDEX post_categories_newest ON post_categories(category_id, published DESC, post_id DESC);
	DROP INDEX post_tags_rank; ALTER TABLE post_tags DROP COLUMN rank;
	ALTER TABLE post_tags DROP COLUMN published;
	CREATE INDEX post_tags_tag ON post_tags(tag_id, post_id); PRAGMA user_version = 1"
is "$(q "$T/v1.db" "SELECT count(*) FROM pragma_table_info('post_tags') WHERE name='published'")" 0 "made a version 1 store"
"$FCGI" --db "$T/v1.db" --listen "$T/x.sock" 2>"$T/err"
is "$?" 1 "finews.fcgi refuses a store of another version"
like "$(cat "$T/err")" "store version 1, expected 9 .*finews-import" "and says how to upgrade it"
"$IMPORT" --db "$T/v1.db" "$SAMPLE" 2>"$T/err"
is "$?" 0 "the importer upgrades it"
like "$(cat "$T/err")" "0 added, 32 updated, 0 unchanged" "keeping every post (each file read again: version 6)"
is "$(q "$T/v1.db" "PRAGMA user_version")" 9 "to version 9"
is "$(q "$T/v1.db" "SELECT count(*) FROM search")" 32 "every post indexed for search"
is "$(q "$T/v1.db" "SELECT count(*) FROM search_terms WHERE term NOT IN (SELECT term FROM search_trigrams)")" 0 \
	"every trigram of the index listed in search_trigrams"
is "$(q "$T/v1.db" "SELECT count(*) FROM posts WHERE sk IS NULL OR sk / 65536 <> published")" 0 "every post has its search key"
is "$(q "$T/v1.db" "SELECT count(*) FROM posts p JOIN search s ON s.rowid = p.sk WHERE s.text LIKE p.title || '%'")" 32 "indexed under its own key"
is "$(q "$T/v1.db" "SELECT count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.published <> p.published")" 0 "post_tags.published filled from the posts"
is "$(q "$T/v1.db" "SELECT count(*) FROM sqlite_schema WHERE name IN ('post_tags_newest', 'post_tags_tag', 'post_categories_newest')")" 0 "the old indexes are gone"
is "$(q "$T/v1.db" "SELECT count(*) FROM sqlite_schema WHERE name IN ('post_tags_rank', 'post_categories_rank')")" 2 "the rank indexes are there"
is "$(q "$T/v1.db" "SELECT count(*) FROM (SELECT category_id, count(*) AS n, max(rank) AS m, count(DISTINCT rank) AS d FROM post_categories GROUP BY category_id) WHERE m <> n - 1 OR d <> n")" 0 "every category ranked 0 to n-1"
is "$(q "$T/v1.db" "SELECT count(*) FROM post_categories a JOIN post_categories b ON a.category_id = b.category_id AND b.rank = a.rank + 1 WHERE (b.published, b.post_id) < (a.published, a.post_id)")" 0 "in time order"
is "$(q "$T/v1.db" "PRAGMA integrity_check")" ok "integrity_check"

q "$T/db" "PRAGMA user_version = 99"
"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/err"
is "$?" 2 "a newer store is refused with status 2"
like "$(cat "$T/err")" "version 99 is newer" "with a clear message"
# A version 4 store (before search_trigrams) gets the list filled from the
# index's own vocabulary by sql/upgrade-5.sql.
cp "$T/db" "$T/v4.db"
as_v5 "$T/v4.db"
q "$T/v4.db" "DROP TABLE search_trigrams; PRAGMA user_version = 4"
"$IMPORT" --db "$T/v4.db" "$SAMPLE" 2>/dev/null
is "$?" 0 "a version 4 store is upgraded"
is "$(q "$T/v4.db" "PRAGMA user_version")" 9 "to version 9"
is "$(q "$T/v4.db" "SELECT count(*) FROM search_trigrams")" \
	"$(q "$T/v4.db" "SELECT count(*) FROM search_terms")" "its trigrams listed, as many as the index has"
is "$(q "$T/v4.db" "SELECT count(*) FROM search_terms WHERE term NOT IN (SELECT term FROM search_trigrams)")" 0 \
	"the same ones"

# A store made by the release before version 6 (the day as written in its
# URLs, no entries) answers at Jekyll's permalinks after one run over the
# same, unchanged folder: every file is read again and derived.
"$IMPORT" --db "$T/v5.db" "$SAMPLE" 2>/dev/null
late="slug = '202201062234983310'"
is "$(q "$T/v5.db" "SELECT day FROM posts WHERE $late")" 2022/01/07 \
	"a post written 2022-01-06 19:22:45 without an offset is at Jekyll's day"
as_v5 "$T/v5.db"
is "$(q "$T/v5.db" "SELECT day FROM posts WHERE $late")" 2022/01/06 \
	"made a version 5 store, with the day as written"
before=$(q "$T/v5.db" "SELECT group_concat(id || ' ' || title, ',') FROM (SELECT id, title FROM posts ORDER BY id)")
"$IMPORT" --db "$T/v5.db" "$SAMPLE" 2>"$T/err"
is "$?" 0 "the importer upgrades a version 5 store"
like "$(cat "$T/err")" "0 added, 32 updated, 0 unchanged, 0 failed" "every unchanged file read again"
is "$(q "$T/v5.db" "SELECT day FROM posts WHERE $late")" 2022/01/07 "the post is at Jekyll's day now"
is "$(q "$T/v5.db" "SELECT group_concat(id || ' ' || title, ',') FROM (SELECT id, title FROM posts ORDER BY id)")" \
	"$before" "the same posts, under the same ids"
is "$(q "$T/v5.db" "SELECT count(*) FROM entries")" 32 "each with its entry"
is "$(q "$T/v5.db" "SELECT value FROM site WHERE key = 'derive'")" "$(sed -n 's/^#define DERIVE_VERSION "\(.*\)"$/\1/p' "$TOP/cgi/post.h")" \
	"the rules' version recorded"
"$IMPORT" --db "$T/v5.db" "$SAMPLE" 2>"$T/err"
like "$(cat "$T/err")" "0 added, 0 updated, 32 unchanged, 0 failed" "and the next run is quiet"
is "$(q "$T/v5.db" "PRAGMA integrity_check")" ok "integrity_check"

# A version 6 store (before takedowns) gets their tables from
# sql/upgrade-7.sql and loses nothing: no file is read again.
cp "$T/v5.db" "$T/v6.db"
as_v6 "$T/v6.db"
is "$(q "$T/v6.db" "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'takedown%'")" 0 "made a version 6 store"
timeout 10 "$FCGI" --db "$T/v6.db" --listen "$T/x6.sock" 2>"$T/err"
is "$?" 1 "finews.fcgi refuses a version 6 store"
like "$(cat "$T/err")" "store version 6, expected 9" "and asks for the upgrade"
before=$(q "$T/v6.db" "SELECT group_concat(id || ' ' || sk || ' ' || title || ' ' || body_html, ',') FROM (SELECT * FROM posts ORDER BY id)")
"$IMPORT" --db "$T/v6.db" "$SAMPLE" 2>"$T/err"
is "$?" 0 "the importer upgrades a version 6 store"
like "$(cat "$T/err")" "0 added, 0 updated, 32 unchanged, 0 failed" "reading no file again"
is "$(q "$T/v6.db" "PRAGMA user_version")" 9 "to version 9"
is "$(q "$T/v6.db" "SELECT group_concat(id || ' ' || sk || ' ' || title || ' ' || body_html, ',') FROM (SELECT * FROM posts ORDER BY id)")" \
	"$before" "every post as it was"
is "$(q "$T/v6.db" "SELECT (SELECT count(*) FROM entries) || ' ' || (SELECT count(*) FROM files) || ' ' || (SELECT count(*) FROM search) || ' ' || (SELECT count(*) FROM post_tags)")" \
	"$(q "$T/v5.db" "SELECT (SELECT count(*) FROM entries) || ' ' || (SELECT count(*) FROM files) || ' ' || (SELECT count(*) FROM search) || ' ' || (SELECT count(*) FROM post_tags)")" \
	"with its entries, files, search rows and tags"
is "$(q "$T/v6.db" "SELECT count(*) FROM takedowns")" 0 "and no takedown yet"
"$IMPORT" --db "$T/v6.db" --remove NW202201062234983310 2>"$T/err"
is "$?" 0 "a post of the upgraded store can be taken down"
is "$(q "$T/v6.db" "SELECT slug FROM takedowns")" 202201062234983310 "and is recorded"
is "$(q "$T/v6.db" "PRAGMA integrity_check")" ok "integrity_check"

# A version 8 store (before the stream) gets its stream from its posts,
# which finews.fcgi then serves at /all/.
cp "$T/db" "$T/v8.db"
as_v8 "$T/v8.db"
timeout 10 "$FCGI" --db "$T/v8.db" --listen "$T/x8.sock" 2>"$T/err"
is "$?" 1 "finews.fcgi refuses a version 8 store"
"$IMPORT" --db "$T/v8.db" "$SAMPLE" 2>"$T/err"
is "$?" 0 "the importer upgrades a version 8 store"
is "$(q "$T/v8.db" "PRAGMA user_version")" 9 "to version 9"
is "$(q "$T/v8.db" "SELECT group_concat(rank || ' ' || sk) FROM stream")" \
	"$(q "$T/v8.db" "SELECT group_concat(n || ' ' || sk) FROM (SELECT row_number() OVER (ORDER BY sk) - 1 AS n, sk FROM posts ORDER BY sk)")" \
	"its stream: every post, ranked by time from 0"

# Posts whose files are gone are derived again from their stored entries
# when the rules change.
cp "$T/v5.db" "$T/gone.db"
q "$T/gone.db" "UPDATE posts SET day = '1999/01/01'; UPDATE site SET value = 'old' WHERE key = 'derive'"
"$IMPORT" --db "$T/gone.db" "$T/no-such-post.md" 2>"$T/err"
like "$(cat "$T/err")" "32 posts derived again" "an import under newer rules derives every stored post again"
is "$(q "$T/gone.db" "SELECT day FROM posts WHERE $late")" 2022/01/07 "from its entry, without its file"
is "$(q "$T/gone.db" "SELECT count(*) FROM posts WHERE day = '1999/01/01'")" 0 "every one of them"

done_testing
