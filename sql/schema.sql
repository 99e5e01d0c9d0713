-- schema.sql - the finews store.
--
-- finews-import is the only writer; finews.fcgi opens the file read-only.
-- This file is the whole schema of the current version (PRAGMA
-- user_version, STORE_VERSION in cgi/store.h): a new store is made from
-- it.  An older store is brought up by sql/upgrade-N.sql, each taking
-- version N-1 to N.  cgi/store.c also sets the journal to WAL, so readers
-- never wait for an import.
-- Times are seconds since the epoch (UTC), with the offset, in minutes,
-- that the post's date was written in.

CREATE TABLE IF NOT EXISTS site (
	key   TEXT PRIMARY KEY,        -- title, description, url, lang, timezone, author
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS categories (
	id    INTEGER PRIMARY KEY,
	slug  TEXT NOT NULL UNIQUE,    -- as in the URL: /<slug>/
	name  TEXT NOT NULL,
	tag   TEXT,
	title TEXT,
	posts INTEGER NOT NULL DEFAULT 0,
	newest INTEGER,
	recent INTEGER NOT NULL DEFAULT 0,
	menu  INTEGER
);
-- name: its display name, unique (below).  tag: the tag all its posts
-- carry, if one.  title: its category page's title, if any.  posts: how
-- many posts are in it.  newest: its newest post's published, if any.
-- recent: its posts in the 3 days up to the site's newest post.  menu:
-- its place among the 6 with most posts (0 first), NULL when not among
-- them; the navigation shows those 6 by slug, a stable order.
-- A category's display name: its tag when no other category's posts
-- carry that tag, else its category page's title when no other category
-- has that title, else the tag, title or slug with the slug added, as
-- "东财滚动新闻（emnews）".  finews-import keeps name, tag, posts, newest,
-- recent and menu (store-import.c), so a page reads them, never counts.
CREATE INDEX IF NOT EXISTS categories_active
	ON categories(recent DESC, newest DESC);
CREATE INDEX IF NOT EXISTS categories_menu ON categories(menu)
	WHERE menu IS NOT NULL;
-- The source index by name (/category/?sort=name): initial ("a".."z",
-- "{" for a digit, "|" for any other), then slug ignoring ASCII case; the
-- expression is cgi/store.c's SOURCE_INITIAL, word for word.
CREATE INDEX IF NOT EXISTS categories_initial ON categories((CASE WHEN
	lower(substr(slug, 1, 1)) BETWEEN 'a' AND 'z' THEN
	lower(substr(slug, 1, 1)) WHEN substr(slug, 1, 1) BETWEEN '0' AND '9'
	THEN '{' ELSE '|' END), slug COLLATE NOCASE);

-- The site's category pages (category/<name>.html or .md with layout
-- category and a category field): each names one category.
CREATE TABLE IF NOT EXISTS category_pages (
	path     TEXT PRIMARY KEY,     -- absolute
	size     INTEGER NOT NULL,     -- with mtime, a fast "unchanged" check
	mtime    INTEGER NOT NULL,
	hash     BLOB NOT NULL,        -- XXH3-128 of its bytes
	category TEXT NOT NULL,        -- its category field, as written
	slug     TEXT,                 -- the category it names (its field
	                               -- downcased as Jekyll's URLs); NULL when
	                               -- the field has several words
	title    TEXT                  -- its title, if any
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS category_pages_slug ON category_pages(slug);

CREATE TABLE IF NOT EXISTS posts (
	id           INTEGER PRIMARY KEY,
	path         TEXT NOT NULL,         -- the file it last came from
	slug         TEXT NOT NULL,
	day          TEXT NOT NULL,         -- YYYY/MM/DD in the site's zone
	category_path TEXT NOT NULL,        -- "emnews" or "a/b": the URL's head
	category_id  INTEGER REFERENCES categories(id),  -- the first category
	title        TEXT NOT NULL,
	layout       TEXT,
	published    INTEGER NOT NULL,
	utc_offset   INTEGER NOT NULL,
	info_code    TEXT UNIQUE,
	source_url   TEXT,
	source_name  TEXT,
	summary      TEXT NOT NULL,
	front_matter TEXT NOT NULL,
	body_md      TEXT NOT NULL,
	body_html    TEXT NOT NULL,
	imported     INTEGER NOT NULL,      -- when this version was stored
	sk           INTEGER,
	date_only    INTEGER NOT NULL DEFAULT 0,
	zone_offset  INTEGER
);
-- sk: the search key, published * 65536 + n, unique, in time order (see
-- search).  date_only: 1 when the date was a day, with no time of day.
-- zone_offset: the offset of the site's zone at published, in minutes
-- east of UTC (the shown time is published in it).

-- What each post was derived from: the entry its source read (for a
-- Jekyll post file, its name, folder, raw front matter and raw body, as
-- read).  finews-import derives every post again from these when the
-- rules of derivation change (DERIVE_VERSION, the site table's "derive").
CREATE TABLE IF NOT EXISTS entries (
	post_id      INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
	source       TEXT NOT NULL,         -- the reader that made it: "jekyll"
	key          TEXT NOT NULL,         -- its name there: the file name
	folder       TEXT NOT NULL,         -- "_posts", "old_post" or ""
	format       TEXT NOT NULL,         -- "markdown" or "html"
	front_matter TEXT,                  -- raw; NULL when there was none
	fm_line      INTEGER NOT NULL,      -- the line of its opening "---"
	fm_seen      INTEGER NOT NULL,      -- 1 when Jekyll saw it ("---" first)
	body         TEXT NOT NULL          -- raw, as read
);
CREATE INDEX IF NOT EXISTS entries_key ON entries(key);

-- Every post file imported: what it held when last read, and its post.
-- Two files with one infoCode both point at that one post.
CREATE TABLE IF NOT EXISTS files (
	path    TEXT PRIMARY KEY,           -- absolute
	size    INTEGER NOT NULL,           -- with mtime, a fast "unchanged"
	mtime   INTEGER NOT NULL,           -- check (nanoseconds)
	hash    BLOB NOT NULL,              -- XXH3-128 of the file's bytes
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS tags (
	id    INTEGER PRIMARY KEY,
	name  TEXT NOT NULL UNIQUE
);

-- Which posts carry which tags, with the post's time and its rank in the
-- tag, as post_categories below.
CREATE TABLE IF NOT EXISTS post_tags (
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	tag_id  INTEGER NOT NULL REFERENCES tags(id),
	published INTEGER NOT NULL DEFAULT 0,
	rank    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;

-- Every category a post is in (Jekyll allows several), with the post's
-- time and its rank: 0 for the category's oldest post, then one more for
-- each newer one (by time, then id), with no gaps.  So the category's
-- length is its highest rank plus one, and any page of it, however deep,
-- is one index range: page N holds ranks top - 50N + 1 to top - 50(N-1).
-- finews-import keeps the ranks (store-import.c).
CREATE TABLE IF NOT EXISTS post_categories (
	post_id     INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	category_id INTEGER NOT NULL REFERENCES categories(id),
	published   INTEGER NOT NULL,
	rank        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (post_id, category_id)
) WITHOUT ROWID;

-- Every post in one list, the site-wide stream (/all/): rank 0 for the
-- oldest post, then one more for each newer one, by sk (time, then the
-- order of import within a second), with no gaps, as post_categories
-- ranks a category's.  A page of it, however deep, is one range of the
-- primary key.  finews-import keeps it (store-import.c: from the oldest
-- post a run added, moved or removed).
CREATE TABLE IF NOT EXISTS stream (
	rank INTEGER PRIMARY KEY,
	sk   INTEGER NOT NULL UNIQUE        -- the post's (posts.sk)
);

-- Newest first, site-wide and per category.
CREATE INDEX IF NOT EXISTS posts_newest ON posts(published DESC, id DESC);
-- A URL /<categories>/<yyyy>/<mm>/<dd>/<slug>.html
CREATE INDEX IF NOT EXISTS posts_url ON posts(day, slug);
-- An old URL whose date differs from the permalink's: by slug.
CREATE INDEX IF NOT EXISTS posts_slug ON posts(slug, category_path);
CREATE INDEX IF NOT EXISTS files_post ON files(post_id);
CREATE UNIQUE INDEX IF NOT EXISTS posts_sk ON posts(sk);

-- Full-text search over titles and bodies (plain text), with the trigram
-- tokenizer, since Chinese has no spaces between words.  The rowid is the
-- post's sk, so "newest first" is the index's own order and a page of
-- results never sorts.  detail=none keeps the index small; words are
-- checked against the stored text (cgi/search.c).  One- and two-character
-- words are found through the trigrams that start with them, as every
-- indexed text ends with two spaces: search_trigrams lists each trigram
-- of the index, kept by finews-import (cgi/trigrams.c).  The index's own
-- vocabulary (search_terms) has them too, but reads every posting list of
-- a range to count it, which grows with the archive.
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
	text, tokenize = 'trigram', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE IF NOT EXISTS search_terms USING fts5vocab(search, row);
CREATE TABLE IF NOT EXISTS search_trigrams (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS post_tags_rank ON post_tags(tag_id, rank);
CREATE INDEX IF NOT EXISTS post_categories_rank
	ON post_categories(category_id, rank);

-- Posts taken down (finews-import --remove: a correction, a legal
-- request) or removed because their files were deleted (--prune).  The
-- post's own rows are gone; what is kept is its addresses, so that they
-- answer 410 Gone: the permalink (/<category_path>/<day>/<slug>.html),
-- the old URLs that led to it, and the share link of its info_code.
-- kind: 'removed' keeps its files out of later imports (by path, or by
-- file name in any folder) until --restore; 'pruned' does not.
CREATE TABLE IF NOT EXISTS takedowns (
	id            INTEGER PRIMARY KEY,
	category_path TEXT NOT NULL,        -- as posts.category_path
	day           TEXT NOT NULL,        -- YYYY/MM/DD, as posts.day
	slug          TEXT NOT NULL,
	info_code     TEXT,                 -- its share code, or NULL
	title         TEXT NOT NULL,        -- what was removed, for the record
	removed       INTEGER NOT NULL,     -- when (seconds since the epoch)
	kind          TEXT NOT NULL,        -- 'removed' or 'pruned'
	reason        TEXT                  -- --reason, or NULL
);
CREATE INDEX IF NOT EXISTS takedowns_url ON takedowns(day, slug);
CREATE INDEX IF NOT EXISTS takedowns_slug ON takedowns(slug, category_path);
CREATE INDEX IF NOT EXISTS takedowns_code ON takedowns(info_code);
-- The files a taken-down post came from: their paths (as in files) and
-- names (as entries.key), which an import then skips.
CREATE TABLE IF NOT EXISTS takedown_files (
	takedown_id INTEGER NOT NULL REFERENCES takedowns(id) ON DELETE CASCADE,
	path        TEXT NOT NULL,
	key         TEXT NOT NULL,
	PRIMARY KEY (takedown_id, path)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS takedown_files_path ON takedown_files(path);
CREATE INDEX IF NOT EXISTS takedown_files_key ON takedown_files(key);
