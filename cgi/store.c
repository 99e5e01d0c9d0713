/*
 * store.c - opening the SQLite store, creating and upgrading its schema,
 * and the table of prepared statements every other part goes through.
 * No SQL is ever assembled from strings: each statement is a constant
 * here, values are bound.
 */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "trigrams.h"
#include "util.h"

/* The files of sql/, built in by the Makefile. */
extern const char store_schema_sql[];
extern const char store_upgrade_2_sql[];
extern const char store_upgrade_3_sql[];
extern const char store_upgrade_4_sql[];
extern const char store_upgrade_5_sql[];
extern const char store_upgrade_6_sql[];
extern const char store_upgrade_7_sql[];
extern const char store_upgrade_8_sql[];
extern const char store_upgrade_9_sql[];

/*
 * Upgrades: upgrades[v] takes a store at user_version v to v + 1.
 * Version 0 is an empty file: it gets the whole schema at once.
 */
static const char *const upgrades[STORE_VERSION] = {
	[1] = store_upgrade_2_sql,
	[2] = store_upgrade_3_sql,
	[3] = store_upgrade_4_sql,
	[4] = store_upgrade_5_sql,
	[5] = store_upgrade_6_sql,
	[6] = store_upgrade_7_sql,
	[7] = store_upgrade_8_sql,
	[8] = store_upgrade_9_sql,
};

/* The columns of struct post_row, in its order (store-read.c); a store
 * imported before zone_offset was kept has NULL there: utc_offset.  Titles
 * and summaries are cut by read_post (POST_TEXT_CHARS). */
#define POST_HEAD_COLUMNS "p.id, p.published, p.category_id, p.utc_offset, " \
	"p.slug, p.day, p.category_path, p.title, p.summary, "
#define POST_TIME_COLUMNS "p.date_only, coalesce(p.zone_offset, p.utc_offset)"
#define POST_COLUMNS POST_HEAD_COLUMNS "p.info_code, p.source_url, " \
	"p.source_name, c.slug, c.name, " POST_TIME_COLUMNS
#define POST_FROM " FROM posts p LEFT JOIN categories c ON c.id = p.category_id "
/* The same columns for a list of one category, tag or the stream (its
 * items show no category): no join with categories, and NULL for what a
 * list item does not show (info code, source, category slug and name). */
#define LIST_COLUMNS POST_HEAD_COLUMNS "NULL, NULL, NULL, NULL, NULL, " \
	POST_TIME_COLUMNS
/* A post as a link to it (store-read.c: each_link): an article's
 * neighbours read these alone, a third of the columns and no join. */
#define LINK_COLUMNS "p.id, p.published, p.slug, p.day, p.category_path, p.title"
/* Search (cgi/search.c, ui-search.c): the candidates of a query, ?1 its
 * MATCH (none: every post), with their search key (the rowid: the post's
 * sk, so newest first is the index's own order) in [?4, ?3), each with
 * ok: 1 when its text holds the words ?2 (NULL: no check) and it is in
 * category ?5 (NULL: any).  A page walks them in turn and stops; a count
 * stops after ?6 of them.  A result's own text, for its snippet, up to
 * SNIPPET_TEXT_CHARS characters: 20 whole texts of 4 MB took 30 MB. */
#define SNIPPET_TEXT_CHARS "20000"
#define SEARCH_IN_CATEGORY "CASE WHEN ?5 IS NULL THEN 1 ELSE EXISTS (SELECT 1 " \
	"FROM posts p JOIN post_categories pc ON pc.post_id = p.id AND " \
	"pc.category_id = ?5 WHERE p.sk = search.rowid) END"
/* CASE, not OR: with OR the text was read even when ?2 was NULL (30
 * times slower) */
#define SEARCH_OK "CASE WHEN ?2 IS NULL THEN " SEARCH_IN_CATEGORY \
	" WHEN finews_has(text, ?2) THEN " SEARCH_IN_CATEGORY " ELSE 0 END"
#define SEARCH_FROM(match) " FROM search WHERE " match "rowid < ?3 AND rowid >= ?4"
#define SEARCH_WALK(match) "SELECT rowid, " SEARCH_OK \
	SEARCH_FROM(match) " ORDER BY rowid DESC"
#define SEARCH_COUNT(match) "SELECT count(*), coalesce(sum(ok), 0) FROM " \
	"(SELECT " SEARCH_OK " AS ok" SEARCH_FROM(match) \
	" ORDER BY rowid DESC LIMIT ?6)"
#define SEARCH_MATCH "search MATCH ?1 AND "

/* A source's initial, for the name order: "a".."z" (its first letter
 * lower-cased), "{" for a digit, "|" for anything else; so the order is
 * A to Z, 0-9, others.  The same expression as the index
 * categories_initial's (sql/schema.sql), so that the index serves. */
#define SOURCE_INITIAL(slug) "(CASE WHEN lower(substr(" slug ", 1, 1)) " \
	"BETWEEN 'a' AND 'z' THEN lower(substr(" slug ", 1, 1)) " \
	"WHEN substr(" slug ", 1, 1) BETWEEN '0' AND '9' THEN '{' ELSE '|' END)"
/* ?3: NULL, or what the source's name or slug holds (lower-cased). */
#define SOURCE_HOLDS "(?3 IS NULL OR instr(lower(c.name), ?3) > 0 " \
	"OR instr(lower(c.slug), ?3) > 0)"
/* ?1 sources from ?2 on in the order; the inner query walks one index
 * range for their ids (no row is read but the page's, with no filter),
 * the outer reads them with their newest post and sorts the page. */
#define SOURCES_PAGE(order) "SELECT c.id, c.slug, c.name, c.posts, " \
	"p.published, coalesce(p.zone_offset, p.utc_offset), p.date_only " \
	"FROM (SELECT c.id AS k FROM categories c WHERE " SOURCE_HOLDS \
	" ORDER BY " order " LIMIT ?1 OFFSET ?2) " \
	"JOIN categories c ON c.id = k LEFT JOIN posts p ON p.id = (SELECT " \
	"post_id FROM post_categories WHERE category_id = c.id " \
	"ORDER BY rank DESC LIMIT 1) ORDER BY " order

/* Days between two "YYYY/MM/DD" (1e9 when either is no date). */
#define DAYS_APART(a, b) "coalesce(abs(julianday(replace(" a ", '/', '-')) - " \
	"julianday(replace(" b ", '/', '-'))), 1e9)"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_SITE_SET] = "INSERT INTO site(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value "
		"WHERE value IS NOT excluded.value",
	[ST_SITE_MODIFIED] = "INSERT INTO site(key, value) VALUES ('modified', "
		"max(?1, coalesce((SELECT CAST(value AS INTEGER) + 1 FROM site "
		"WHERE key = 'modified'), 0))) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[ST_FILE_GET] = "SELECT size, mtime, hash, post_id FROM files WHERE path = ?1",
	[ST_FILE_PUT] = "INSERT INTO files(path, size, mtime, hash, post_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(path) DO UPDATE SET "
		"size = excluded.size, mtime = excluded.mtime, "
		"hash = excluded.hash, post_id = excluded.post_id",
	[ST_FILE_TOUCH] = "UPDATE files SET size = ?2, mtime = ?3 WHERE path = ?1",
	[ST_FILE_COUNT_POST] = "SELECT count(*) FROM files WHERE post_id = ?1",
	[ST_POST_BY_CODE] = "SELECT id, path FROM posts WHERE info_code = ?1",
	[ST_POST_INSERT] = "INSERT INTO posts(path, slug, day, category_path, "
		"category_id, title, layout, published, utc_offset, info_code, "
		"source_url, source_name, summary, front_matter, body_md, "
		"body_html, imported, sk, date_only, zone_offset) VALUES (?1, ?2, "
		"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"unixepoch(), ?18, ?19, ?20)",
	[ST_POST_UPDATE] = "UPDATE posts SET path = ?1, slug = ?2, day = ?3, "
		"category_path = ?4, category_id = ?5, title = ?6, layout = ?7, "
		"published = ?8, utc_offset = ?9, info_code = ?10, "
		"source_url = ?11, source_name = ?12, summary = ?13, "
		"front_matter = ?14, body_md = ?15, body_html = ?16, "
		"imported = unixepoch(), sk = ?18, date_only = ?19, "
		"zone_offset = ?20 WHERE id = ?17",
	[ST_POST_DELETE] = "DELETE FROM posts WHERE id = ?1",
	[ST_CATEGORY_ADD] = "INSERT OR IGNORE INTO categories(slug, name) VALUES (?1, ?1)",
	[ST_CATEGORY_ID] = "SELECT id, tag FROM categories WHERE slug = ?1",
	[ST_CATEGORY_SHARED_TAG] = "SELECT t.name FROM post_categories pc "
		"JOIN post_tags pt ON pt.post_id = pc.post_id "
		"JOIN tags t ON t.id = pt.tag_id WHERE pc.category_id = ?1 "
		"GROUP BY pt.tag_id HAVING count(*) = (SELECT count(*) "
		"FROM post_categories WHERE category_id = ?1) "
		"ORDER BY min(pc.published), t.name LIMIT 1",
	/* The categories' names and counts (store_finish in store-import.c;
	 * sql/schema.sql says what each column holds).  Each writes only
	 * the rows whose value changes. */
	[ST_CATEGORY_SET_TAG] = "UPDATE categories SET tag = ?2 "
		"WHERE id = ?1 AND tag IS NOT ?2",
	[ST_CATEGORY_ALL_IDS] = "SELECT id FROM categories ORDER BY id",
	/* from the ranks: a category's count is its top rank plus one */
	[ST_CATEGORY_COUNTS] = "UPDATE categories AS c SET posts = n.posts, "
		"newest = n.newest FROM (SELECT k.id AS id, coalesce(t.rank + 1, 0) "
		"AS posts, t.published AS newest FROM categories k LEFT JOIN "
		"post_categories t ON t.category_id = k.id AND t.rank = (SELECT "
		"max(rank) FROM post_categories WHERE category_id = k.id)) AS n "
		"WHERE c.id = n.id AND (c.posts IS NOT n.posts OR "
		"c.newest IS NOT n.newest)",
	/* the posts of the 3 days up to the site's newest post, by category */
	[ST_CATEGORY_RECENT] = "UPDATE categories AS c SET recent = n.recent "
		"FROM (SELECT k.id AS id, coalesce(w.n, 0) AS recent FROM "
		"categories k LEFT JOIN (SELECT pc.category_id AS cid, count(*) AS n "
		"FROM posts p JOIN post_categories pc ON pc.post_id = p.id "
		"WHERE p.published >= (SELECT max(published) FROM posts) - 259200 "
		"GROUP BY pc.category_id) AS w ON w.cid = k.id) AS n "
		"WHERE c.id = n.id AND c.recent IS NOT n.recent",
	/* a category without posts stays while a category page names it */
	[ST_CATEGORY_DROP_UNUSED] = "DELETE FROM categories AS c WHERE "
		"c.posts = 0 AND NOT EXISTS (SELECT 1 FROM post_categories "
		"WHERE category_id = c.id) AND NOT EXISTS (SELECT 1 FROM posts "
		"WHERE category_id = c.id) AND NOT EXISTS (SELECT 1 FROM "
		"category_pages WHERE slug = c.slug)",
	[ST_CATEGORY_MENU] = "UPDATE categories AS c SET menu = n.menu FROM "
		"(SELECT k.id AS id, m.place AS menu FROM categories k LEFT JOIN "
		"(SELECT id, row_number() OVER (ORDER BY posts DESC, slug) - 1 "
		"AS place FROM categories WHERE posts > 0 ORDER BY posts DESC, "
		"slug LIMIT 6) AS m ON m.id = k.id) AS n "
		"WHERE c.id = n.id AND c.menu IS NOT n.menu",
	[ST_CATEGORY_NAMES] = "SELECT id, slug, tag, title, name FROM categories",
	[ST_CATEGORY_SET_NAME] = "UPDATE categories SET name = ?2 WHERE id = ?1",
	[ST_PAGE_GET] = "SELECT size, mtime, hash FROM category_pages "
		"WHERE path = ?1",
	[ST_PAGE_PUT] = "INSERT INTO category_pages(path, size, mtime, hash, "
		"category, slug, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
		"mtime = excluded.mtime, hash = excluded.hash, "
		"category = excluded.category, slug = excluded.slug, "
		"title = excluded.title",
	[ST_PAGE_TOUCH] = "UPDATE category_pages SET size = ?2, mtime = ?3 "
		"WHERE path = ?1",
	[ST_PAGE_DELETE] = "DELETE FROM category_pages WHERE path = ?1",
	/* ?1 "/dir/", ?2 "/dir0": every path that starts with ?1 */
	[ST_PAGES_UNDER] = "SELECT 0, path FROM category_pages "
		"WHERE path >= ?1 AND path < ?2 ORDER BY path",
	[ST_PAGES_STALE] = "UPDATE category_pages SET size = -1, hash = x''",
	/* a category page makes its category, posts or not */
	[ST_CATEGORY_FROM_PAGES] = "INSERT OR IGNORE INTO categories(slug, name) "
		"SELECT DISTINCT slug, slug FROM category_pages "
		"WHERE slug IS NOT NULL ORDER BY slug",
	[ST_CATEGORY_TITLES] = "UPDATE categories AS c SET title = n.title "
		"FROM (SELECT k.id AS id, (SELECT title FROM category_pages "
		"WHERE slug = k.slug AND title IS NOT NULL ORDER BY path LIMIT 1) "
		"AS title FROM categories k) AS n "
		"WHERE c.id = n.id AND c.title IS NOT n.title",
	[ST_POST_CATEGORIES_CLEAR] = "DELETE FROM post_categories WHERE post_id = ?1",
	[ST_POST_CATEGORY_ADD] = "INSERT OR IGNORE INTO post_categories"
		"(post_id, category_id, published, rank) VALUES (?1, ?2, ?3, ?4)",
	[ST_POST_CATEGORY_IDS] = "SELECT category_id FROM post_categories "
		"WHERE post_id = ?1",
	[ST_POST_TAG_IDS] = "SELECT tag_id FROM post_tags WHERE post_id = ?1",
	[ST_CATEGORY_TOP] = "SELECT rank, published, post_id FROM post_categories "
		"WHERE category_id = ?1 ORDER BY rank DESC LIMIT 1",
	[ST_TAG_TOP] = "SELECT rank, published, post_id FROM post_tags "
		"WHERE tag_id = ?1 ORDER BY rank DESC LIMIT 1",
	[ST_RERANK_CATEGORY] = "UPDATE post_categories SET rank = r.n FROM "
		"(SELECT post_id AS pid, row_number() OVER (ORDER BY published, "
		"post_id) - 1 AS n FROM post_categories WHERE category_id = ?1) AS r "
		"WHERE category_id = ?1 AND post_id = r.pid AND rank <> r.n",
	[ST_RERANK_TAG] = "UPDATE post_tags SET rank = r.n FROM "
		"(SELECT post_id AS pid, row_number() OVER (ORDER BY published, "
		"post_id) - 1 AS n FROM post_tags WHERE tag_id = ?1) AS r "
		"WHERE tag_id = ?1 AND post_id = r.pid AND rank <> r.n",
	/* the stream from search key ?1 up, ranked again (store_finish) */
	[ST_STREAM_BASE] = "SELECT coalesce((SELECT rank + 1 FROM stream "
		"WHERE sk < ?1 ORDER BY sk DESC LIMIT 1), 0)",
	[ST_STREAM_CUT] = "DELETE FROM stream WHERE rank >= ?2",
	[ST_STREAM_FILL] = "INSERT INTO stream(rank, sk) SELECT ?2 + row_number() "
		"OVER (ORDER BY sk) - 1, sk FROM posts WHERE sk >= ?1",
	[ST_TAG_ADD] = "INSERT OR IGNORE INTO tags(name) VALUES (?1)",
	[ST_TAG_ID] = "SELECT id FROM tags WHERE name = ?1",
	[ST_POST_TAGS_CLEAR] = "DELETE FROM post_tags WHERE post_id = ?1",
	[ST_POST_TAG_ADD] = "INSERT OR IGNORE INTO post_tags(post_id, tag_id, "
		"published, rank) VALUES (?1, ?2, ?3, ?4)",
	[ST_POST_HAS_TAG] = "SELECT 1 FROM post_tags pt JOIN tags t "
		"ON t.id = pt.tag_id WHERE pt.post_id = ?1 AND t.name = ?2",
	[ST_POST_SK] = "SELECT sk, published FROM posts WHERE id = ?1",
	[ST_SK_NEXT] = "SELECT coalesce(max(sk) + 1, ?1 * 65536) FROM posts "
		"WHERE sk BETWEEN ?1 * 65536 AND ?1 * 65536 + 65535",
	[ST_SEARCH_INSERT] = "INSERT INTO temp.pending_search(sk, text) "
		"VALUES (?1, ?2)",
	[ST_TRIGRAM_ADD] = "INSERT OR IGNORE INTO search_trigrams(term) VALUES (?1)",
	[ST_SEARCH_FLUSH] = "INSERT INTO search(rowid, text) SELECT sk, text "
		"FROM temp.pending_search ORDER BY sk",
	[ST_SEARCH_PENDING_CLEAR] = "DELETE FROM temp.pending_search",
	[ST_SEARCH_DELETE] = "DELETE FROM search WHERE rowid = ?1",
	[ST_SEARCH_SEGMENTS] = "SELECT count(DISTINCT segid) FROM search_idx",
	[ST_SEARCH_OPTIMIZE] = "INSERT INTO search(search) VALUES ('optimize')",
	[ST_SEARCH_MISSING] = "SELECT sk, title, body_md FROM posts p WHERE "
		"NOT EXISTS (SELECT 1 FROM search WHERE rowid = p.sk)",
	[ST_SITE_GET] = "SELECT value FROM site WHERE key = ?1",
	[ST_POSTS_MD] = "SELECT id, body_md FROM posts WHERE id > ?1 "
		"ORDER BY id LIMIT ?2",
	[ST_POST_SET_HTML] = "UPDATE posts SET body_html = ?2 "
		"WHERE id = ?1 AND body_html IS NOT ?2",
	[ST_ENTRY_PUT] = "INSERT INTO entries(post_id, source, key, folder, "
		"format, front_matter, fm_line, fm_seen, body) VALUES (?1, ?2, ?3, "
		"?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(post_id) DO UPDATE SET "
		"source = excluded.source, key = excluded.key, "
		"folder = excluded.folder, format = excluded.format, "
		"front_matter = excluded.front_matter, fm_line = excluded.fm_line, "
		"fm_seen = excluded.fm_seen, body = excluded.body",
	[ST_ENTRY_PAIR] = "SELECT post_id FROM entries WHERE key = ?1 AND "
		"source = ?2 AND folder IN ('_posts', 'old_post') AND folder <> ?3 "
		"ORDER BY post_id LIMIT 1",
	[ST_ENTRY_FOLDER] = "SELECT folder, key FROM entries WHERE post_id = ?1",
	[ST_ENTRIES] = "SELECT e.post_id, p.path, e.source, e.key, e.folder, "
		"e.format, e.front_matter, e.fm_line, e.fm_seen, e.body "
		"FROM entries e JOIN posts p ON p.id = e.post_id "
		"WHERE e.post_id > ?1 ORDER BY e.post_id LIMIT ?2",

	/* takedowns (takedown.c) */
	[ST_POSTS_AT] = "SELECT id, category_path FROM posts "
		"WHERE day = ?1 AND slug = ?2 ORDER BY id",
	[ST_POSTS_BY_KEY] = "SELECT post_id, NULL FROM entries WHERE key = ?1 "
		"ORDER BY post_id",
	[ST_POST_GIST] = "SELECT category_path, day, slug, info_code, title "
		"FROM posts WHERE id = ?1",
	[ST_POST_FILES] = "SELECT post_id, path FROM files WHERE post_id = ?1 "
		"ORDER BY path",
	/* ?1 "/dir/", ?2 "/dir0": every path that starts with ?1 */
	[ST_FILES_UNDER] = "SELECT post_id, path FROM files "
		"WHERE path >= ?1 AND path < ?2 ORDER BY path",
	[ST_FILE_DELETE] = "DELETE FROM files WHERE path = ?1",
	[ST_TAG_DROP_EMPTY] = "DELETE FROM tags WHERE id = ?1 AND NOT EXISTS "
		"(SELECT 1 FROM post_tags WHERE tag_id = ?1)",
	[ST_CATEGORY_DROP_EMPTY] = "DELETE FROM categories WHERE id = ?1 AND "
		"NOT EXISTS (SELECT 1 FROM post_categories WHERE category_id = ?1) "
		"AND NOT EXISTS (SELECT 1 FROM posts WHERE category_id = ?1)",
	[ST_SEARCH_TEXT] = "SELECT text FROM search WHERE rowid = ?1",
	[ST_SEARCH_HAS] = "SELECT 1 FROM search WHERE search MATCH ?1 LIMIT 1",
	[ST_TRIGRAM_DELETE] = "DELETE FROM search_trigrams WHERE term = ?1",
	[ST_SECURE_DELETE] = "PRAGMA secure_delete = ON",
	[ST_TAKEDOWN_ADD] = "INSERT INTO takedowns(category_path, day, slug, "
		"info_code, title, removed, kind, reason) VALUES (?1, ?2, ?3, ?4, "
		"?5, unixepoch(), ?6, ?7)",
	[ST_TAKEDOWN_FILE_ADD] = "INSERT OR IGNORE INTO takedown_files"
		"(takedown_id, path, key) VALUES (?1, ?2, ?3)",
	[ST_TAKEDOWN_DELETE] = "DELETE FROM takedowns WHERE id = ?1",
	[ST_TAKEDOWN_GIST] = "SELECT category_path, day, slug, info_code, title, "
		"kind FROM takedowns WHERE id = ?1",
	[ST_TAKEDOWN_FILES] = "SELECT path, key FROM takedown_files "
		"WHERE takedown_id = ?1 ORDER BY path",
	[ST_TAKEDOWNS_AT] = "SELECT id, category_path FROM takedowns "
		"WHERE day = ?1 AND slug = ?2 ORDER BY id",
	[ST_TAKEDOWNS_BY_PATH] = "SELECT takedown_id, NULL FROM takedown_files "
		"WHERE path = ?1 ORDER BY takedown_id",
	[ST_TAKEDOWNS_BY_KEY] = "SELECT DISTINCT takedown_id, NULL FROM "
		"takedown_files WHERE key = ?1 ORDER BY takedown_id",
	[ST_TAKEDOWNS_BY_CODE] = "SELECT id, NULL FROM takedowns "
		"WHERE info_code = ?1 ORDER BY id",
	[ST_TAKEDOWN_BLOCKS] = "SELECT kind = 'removed' FROM takedowns WHERE id IN "
		"(SELECT takedown_id FROM takedown_files WHERE path = ?1 UNION "
		"SELECT takedown_id FROM takedown_files WHERE key = ?2) "
		"ORDER BY 1 DESC LIMIT 1",
	[ST_TAKEDOWN_PRUNED_BACK] = "DELETE FROM takedowns WHERE kind = 'pruned' "
		"AND id IN (SELECT takedown_id FROM takedown_files WHERE path = ?1 "
		"UNION SELECT takedown_id FROM takedown_files WHERE key = ?2)",

	[ST_SITE_ALL] = "SELECT key, value FROM site",
	[ST_READ_BEGIN] = "BEGIN",
	[ST_READ_END] = "COMMIT",
	[ST_DATA_VERSION] = "PRAGMA data_version",
	/* Lists go by rank (sql/schema.sql): the newest is the highest, a
	 * list's length the highest plus one, a page one index range. */
	[ST_CATEGORIES_CLEANED] = "SELECT id, newest, slug, name FROM categories "
		"WHERE instr(slug, '/') > 0 AND instr(slug, ?1) > 0 "
		"ORDER BY newest DESC, slug",
	[ST_CATEGORY_BY_SLUG] = "SELECT id, (SELECT published FROM "
		"post_categories WHERE category_id = c.id ORDER BY rank DESC LIMIT 1), "
		"slug, name FROM categories c WHERE slug = ?1",
	/* the 6 with most posts (menu), shown by slug: an import moves an
	 * item only when it brings another category into the 6 */
	[ST_MENU] = "SELECT id, newest, slug, name FROM categories "
		"WHERE menu IS NOT NULL ORDER BY slug",
	/* A page of sources: the page's ids, one range of an index, then
	 * their rows, sorted again (SOURCES_PAGE). */
	[ST_SOURCES_ACTIVE] = SOURCES_PAGE("c.recent DESC, c.newest DESC, c.id"),
	[ST_SOURCES_BY_NAME] = SOURCES_PAGE(SOURCE_INITIAL("c.slug") ", "
		"c.slug COLLATE NOCASE, c.id"),
	[ST_SOURCES_COUNT] = "SELECT count(*) FROM categories c WHERE " SOURCE_HOLDS,
	[ST_SOURCE_INITIALS] = "SELECT " SOURCE_INITIAL("slug") " AS i, count(*) "
		"FROM categories GROUP BY i ORDER BY i",
	[ST_TAG_BY_NAME] = "SELECT id, (SELECT published FROM post_tags "
		"WHERE tag_id = t.id ORDER BY rank DESC LIMIT 1), name, name "
		"FROM tags t WHERE name = ?1",
	[ST_TAG_COUNT] = "SELECT coalesce(max(rank) + 1, 0) FROM post_tags "
		"WHERE tag_id = ?1",
	[ST_WITH_TAG] = "SELECT " LIST_COLUMNS " FROM post_tags pt "
		"JOIN posts p ON p.id = pt.post_id "
		"WHERE pt.tag_id = ?1 AND pt.rank <= (SELECT max(rank) FROM post_tags "
		"WHERE tag_id = ?1) - ?3 ORDER BY pt.rank DESC LIMIT ?2",
	[ST_CATEGORY_COUNT] = "SELECT coalesce(max(rank) + 1, 0) FROM "
		"post_categories WHERE category_id = ?1",
	[ST_NEWEST] = "SELECT " POST_COLUMNS POST_FROM
		"ORDER BY p.published DESC, p.id DESC LIMIT ?1",
	[ST_IN_CATEGORY_BEFORE] = "SELECT " LIST_COLUMNS " FROM post_categories pc "
		"JOIN posts p ON p.id = pc.post_id "
		"WHERE pc.category_id = ?1 AND (pc.published, pc.post_id) < (?3, ?4) "
		"ORDER BY pc.rank DESC LIMIT ?2",
	[ST_IN_CATEGORY] = "SELECT " LIST_COLUMNS " FROM post_categories pc "
		"JOIN posts p ON p.id = pc.post_id "
		"WHERE pc.category_id = ?1 AND pc.rank <= (SELECT max(rank) FROM "
		"post_categories WHERE category_id = ?1) - ?3 "
		"ORDER BY pc.rank DESC LIMIT ?2",
	[ST_STREAM_COUNT] = "SELECT coalesce(max(rank) + 1, 0) FROM stream",
	[ST_STREAM] = "SELECT " LIST_COLUMNS " FROM stream s "
		"JOIN posts p ON p.sk = s.sk "
		"WHERE s.rank <= (SELECT max(rank) FROM stream) - ?3 "
		"ORDER BY s.rank DESC LIMIT ?2",
	[ST_ARTICLE_BY_URL] = "SELECT " POST_COLUMNS ", p.body_html" POST_FROM
		"WHERE p.day = ?2 AND p.slug = ?3 AND p.category_path = ?1 "
		"ORDER BY p.id LIMIT 1",
	[ST_ARTICLE_BY_CODE] = "SELECT " POST_COLUMNS ", p.body_html" POST_FROM
		"WHERE p.info_code = ?1",
	/* Only after the exact URL found nothing: the few posts with the
	 * slug (index posts_slug), the nearest day first. */
	[ST_ARTICLE_BY_SLUG] = "SELECT " POST_COLUMNS POST_FROM
		"WHERE p.slug = ?1 AND (?2 IS NULL OR p.category_path = ?2) "
		"ORDER BY coalesce(abs(julianday(replace(p.day, '/', '-')) - "
		"julianday(replace(?3, '/', '-'))), 1e9), p.id LIMIT 1",
	[ST_ARTICLE_PATHS] = "SELECT category_path, NULL FROM posts "
		"WHERE day = ?1 AND slug = ?2 ORDER BY id",
	[ST_OLDER_IN_CATEGORY] = "SELECT " LINK_COLUMNS " FROM post_categories pc "
		"JOIN posts p ON p.id = pc.post_id "
		"WHERE pc.category_id = ?1 AND pc.rank = (SELECT rank - 1 FROM "
		"post_categories WHERE category_id = ?1 AND post_id = ?3)",
	[ST_NEWER_IN_CATEGORY] = "SELECT " LINK_COLUMNS " FROM post_categories pc "
		"JOIN posts p ON p.id = pc.post_id "
		"WHERE pc.category_id = ?1 AND pc.rank = (SELECT rank + 1 FROM "
		"post_categories WHERE category_id = ?1 AND post_id = ?3)",
	[ST_POST_TAG_NAMES] = "SELECT t.name, NULL FROM post_tags pt "
		"JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = ?1 ORDER BY t.name",
	[ST_TAGS] = "SELECT name, (SELECT max(rank) + 1 FROM post_tags "
		"WHERE tag_id = t.id) AS n FROM tags t WHERE n IS NOT NULL "
		"ORDER BY n DESC, name",
	[ST_SEARCH_TERMS] = "SELECT term, NULL FROM search_trigrams "
		"WHERE term >= ?1 AND term < ?2 LIMIT ?3",
	[ST_SEARCH_NEWEST] = SEARCH_WALK(SEARCH_MATCH),
	[ST_SEARCH_COUNT] = SEARCH_COUNT(SEARCH_MATCH),
	/* no MATCH: every post, checked (see search.c) */
	[ST_SEARCH_SCAN_NEWEST] = SEARCH_WALK(""),
	[ST_SEARCH_SCAN_COUNT] = SEARCH_COUNT(""),
	[ST_SEARCH_POST] = "SELECT " POST_COLUMNS ", (SELECT substr(text, 1, "
		SNIPPET_TEXT_CHARS ") FROM search WHERE rowid = ?1)" POST_FROM
		"WHERE p.sk = ?1",
	/* midnight starting day ?1 ("YYYY-MM-DD", moved by ?2: "+1 day")
	 * in the site's zone: its offset then, as the post nearest after
	 * it has it (else the newest post) */
	[ST_SEARCH_MIDNIGHT] = "SELECT unixepoch(?1, ?2) - 60 * coalesce("
		"(SELECT coalesce(zone_offset, utc_offset) FROM posts WHERE "
		"published >= unixepoch(?1, ?2) ORDER BY published LIMIT 1), "
		"(SELECT coalesce(zone_offset, utc_offset) FROM posts "
		"ORDER BY published DESC LIMIT 1), 0)",
	[ST_FEED_NEWEST] = "SELECT " POST_COLUMNS ", p.body_html" POST_FROM
		"ORDER BY p.published DESC, p.id DESC LIMIT ?1",
	[ST_FEED_IN_CATEGORY] = "SELECT " POST_COLUMNS ", p.body_html "
		"FROM post_categories pc JOIN posts p ON p.id = pc.post_id "
		"LEFT JOIN categories c ON c.id = p.category_id "
		"WHERE pc.category_id = ?1 ORDER BY pc.rank DESC LIMIT ?2",
	[ST_FEED_WITH_TAG] = "SELECT " POST_COLUMNS ", p.body_html "
		"FROM post_tags pt JOIN posts p ON p.id = pt.post_id "
		"LEFT JOIN categories c ON c.id = p.category_id "
		"WHERE pt.tag_id = ?1 ORDER BY pt.rank DESC LIMIT ?2",
	[ST_SITEMAP_COUNTS] = "SELECT (SELECT count(*) FROM posts), "
		"(SELECT count(*) FROM categories c WHERE EXISTS (SELECT 1 "
		"FROM post_categories WHERE category_id = c.id)), "
		"(SELECT count(*) FROM tags t WHERE EXISTS (SELECT 1 "
		"FROM post_tags WHERE tag_id = t.id))",
	/* oldest first: a new post changes only the last sitemap file */
	[ST_SITEMAP_POSTS] = "SELECT " POST_COLUMNS POST_FROM
		"ORDER BY p.published, p.id LIMIT ?1 OFFSET ?2",
	[ST_SITEMAP_CATEGORIES] = "SELECT c.slug, p.published, "
		"coalesce(p.zone_offset, p.utc_offset) "
		"FROM categories c JOIN posts p ON p.id = (SELECT post_id "
		"FROM post_categories WHERE category_id = c.id "
		"ORDER BY rank DESC LIMIT 1) ORDER BY c.slug",
	[ST_SITEMAP_TAGS] = "SELECT t.name, p.published, "
		"coalesce(p.zone_offset, p.utc_offset) "
		"FROM tags t JOIN posts p ON p.id = (SELECT post_id "
		"FROM post_tags WHERE tag_id = t.id "
		"ORDER BY rank DESC LIMIT 1) ORDER BY t.name",
	/* 410 Gone (ui-gone.c): only once no post answered */
	[ST_GONE_AT] = "SELECT category_path, NULL FROM takedowns "
		"WHERE day = ?1 AND slug = ?2 ORDER BY id",
	/* a record nearer the day than any post with that slug: as
	 * ST_ARTICLE_BY_SLUG would choose, had the post not gone */
	[ST_GONE_NEAR] = "SELECT 1 FROM takedowns t WHERE t.slug = ?1 AND "
		"(?2 IS NULL OR t.category_path = ?2) AND " DAYS_APART("t.day", "?3")
		" < coalesce((SELECT min(" DAYS_APART("p.day", "?3") ") FROM posts p "
		"WHERE p.slug = ?1 AND (?2 IS NULL OR p.category_path = ?2)), 2e9) "
		"LIMIT 1",
	[ST_GONE_CODE] = "SELECT 1 FROM takedowns WHERE info_code = ?1 LIMIT 1",
};

int store_fail(struct store *s, const char *what)
{
	log_msg("finews: %s: %s: %s", s->path ? s->path : "store", what,
		s->db ? sqlite3_errmsg(s->db) : "cannot open");
	s->failed = 1;
	return -1;
}

static int exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_msg("finews: %s: %s", s->path, msg ? msg : "error");
		sqlite3_free(msg);
		s->failed = 1;
		return -1;
	}
	return 0;
}

static int user_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bring the store to STORE_VERSION, one step per transaction. */
static int upgrade(struct store *s)
{
	int v = user_version(s);
	if (v < 0)
		return store_fail(s, "reading the schema version");
	s->upgraded_from = v;
	if (v > STORE_VERSION) {
		log_msg("finews: %s: store version %d is newer than this "
			"program (%d)", s->path, v, STORE_VERSION);
		return -1;
	}
	/* A new store stays in rollback-journal mode for its first import,
	 * which then writes every page once, not to the WAL and again to the
	 * file; store_wal() turns WAL on after it (see import.c). */
	while (v < STORE_VERSION) {
		const char *step = v == 0 ? store_schema_sql : upgrades[v];
		int to = v == 0 ? STORE_VERSION : v + 1;
		if (exec(s, "BEGIN IMMEDIATE") < 0)
			return -1;
		if (exec(s, step) < 0) {
			exec(s, "ROLLBACK");
			return -1;
		}
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", to);
		if (exec(s, sql) < 0 || exec(s, "COMMIT") < 0) {
			exec(s, "ROLLBACK");
			return -1;
		}
		v = to;
	}
	return 0;
}

/* The store's version, read once (which opens its -wal and -shm) with
 * them made its own first, under the lock of store-file.c. */
static int claim_and_read(struct store *s)
{
	const char *file = sqlite3_db_filename(s->db, "main");
	int lock = store_owner_lock(file);
	if (lock >= 0 && store_owner_claim(lock, file, &s->id) < 0) {
		store_owner_unlock(lock);
		return -1;
	}
	int v = user_version(s);
	store_owner_unlock(lock);
	if (v < 0)
		store_fail(s, "reading the schema version");
	return v;
}

/* Open the file at s->path, and know which file SQLite opened: the one
 * the path named both before and after.  The store's version, or -1. */
static int attach(struct store *s, int flags)
{
	for (int tries = 0; tries < 3; tries++) {
		struct store_id before;
		int had = store_file_id(s->path, &before) == 0;
		if (sqlite3_open_v2(s->path, &s->db, flags, NULL) != SQLITE_OK)
			return store_fail(s, "cannot open");
		sqlite3_busy_timeout(s->db, 5000);
		if (store_file_id(s->path, &s->id) < 0) {
			log_msg("finews: %s: %s", s->path, strerror(errno));
			return -1;
		}
		if (!had || store_id_same(&before, &s->id))
			return claim_and_read(s);
		sqlite3_close(s->db);   /* replaced while being opened */
		s->db = NULL;
	}
	log_msg("finews: %s: replaced each time it was opened", s->path);
	return -1;
}

int store_open(struct store *s, const char *path, int readonly)
{
	memset(s, 0, sizeof *s);
	s->path = path;
	s->readonly = readonly;
	int flags = readonly ? SQLITE_OPEN_READONLY
			     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int v = attach(s, flags | SQLITE_OPEN_NOMUTEX);
	if (v < 0 || exec(s, "PRAGMA foreign_keys = ON") < 0)
		goto fail;
	if (readonly) {
		/* Pages are read with read(), not memory-mapped (mmap_size):
		 * a store file cut short under a mapping kills the worker
		 * with SIGBUS, where read() comes back short and SQLite finds
		 * the page corrupt: a 503.  It costs nothing measurable. */
		if (v != STORE_VERSION) {
			log_msg("finews: %s: store version %d, expected %d "
				"(run finews-import to create or upgrade it)",
				path, v, STORE_VERSION);
			goto fail;
		}
		return 0;
	}
	/* journal_size_limit: a WAL grown by a large import is cut back to
	 * 64 MB when it is next reset, not kept at its largest. */
	if (exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
		    "PRAGMA journal_size_limit = 67108864; "
		    "PRAGMA temp_store = MEMORY") < 0 || upgrade(s) < 0 ||
	    exec(s, "CREATE TEMP TABLE pending_search"
		    "(sk INTEGER PRIMARY KEY, text TEXT NOT NULL)") < 0)
		goto fail;
	return 0;
fail:
	store_close(s);
	return -1;
}

/* A writer's connection, closing: when the path names another file now,
 * SQLite must remove nothing by that name (it would remove the new
 * file's -wal and -shm); else, when it leaves no -wal and -shm, their
 * owner file goes too.  The name to release, or NULL. */
static char *writer_leaving(struct store *s)
{
	if (!s->db || s->readonly)
		return NULL;
	if (store_moved(s)) {
		int keep = 1;
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
		return NULL;
	}
	return xstrdup(sqlite3_db_filename(s->db, "main"));
}

int store_moved(const struct store *s)
{
	struct store_id now;
	return store_file_id(s->path, &now) < 0 || !store_id_same(&now, &s->id);
}

void store_close(struct store *s)
{
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	char *release = writer_leaving(s);
	sqlite3_close(s->db);
	if (release)
		store_owner_release(release);
	free(release);
	free(s->unnamed.v);
	free(s->unranked_categories.v);
	free(s->unranked_tags.v);
	trigrams_free(s->trigrams);
	store_forget(s);
	memset(s, 0, sizeof *s);
}

sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id)
{
	sqlite3_stmt *st = s->st[id];
	if (!st) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1,
				       SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			store_fail(s, "preparing a statement");
			return NULL;
		}
		s->st[id] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int store_begin(struct store *s)
{
	return exec(s, "BEGIN IMMEDIATE");
}

int store_wal(struct store *s)
{
	if (store_moved(s)) {   /* the -wal would be the new file's */
		log_msg("finews: %s: replaced by another file during the import: "
			"what it imported went to the store it replaced", s->path);
		return 0;
	}
	/* a statement left on a row holds a read transaction open */
	for (int i = 0; i < ST_COUNT; i++)
		if (s->st[i])
			sqlite3_reset(s->st[i]);
	return exec(s, "PRAGMA journal_mode = WAL");
}

/* Step a statement that returns no rows. */
static int run(struct store *s, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, what);
}

/* A page's read transaction: prepared statements, as these run on every
 * request (sqlite3_exec would parse them each time). */
int store_read_begin(struct store *s)
{
	return run(s, ST_READ_BEGIN, "beginning a read");
}

void store_read_end(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		run(s, ST_READ_END, "ending a read");
}

int store_commit(struct store *s)
{
	return exec(s, "COMMIT");
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK");
	store_forget(s);
	/* The WAL keeps the frames of the run rolled back (after "disk is
	 * full", say): give the space back when no reader needs it. */
	store_checkpoint(s);
}

void store_checkpoint(struct store *s)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (s->st[i])
			sqlite3_reset(s->st[i]);
	sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
				  NULL, NULL);
}

void store_forget(struct store *s)
{
	for (size_t i = 0; i < s->nknown; i++) {
		free(s->known[i].key);
		free(s->known[i].name);
	}
	s->nknown = 0;
}
