-- upgrade-8.sql - version 7 to 8: a category's display name from its
-- posts' tag or its category page's title, told apart from every other
-- category's; its post count, newest post, recent activity and place in
-- the menu, kept by finews-import (see schema.sql); the site's category
-- pages.  finews-import fills the new columns on its first run after the
-- upgrade.

ALTER TABLE categories ADD COLUMN tag TEXT;
ALTER TABLE categories ADD COLUMN title TEXT;
ALTER TABLE categories ADD COLUMN posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN newest INTEGER;
ALTER TABLE categories ADD COLUMN recent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN menu INTEGER;
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
CREATE TABLE IF NOT EXISTS category_pages (
	path     TEXT PRIMARY KEY,
	size     INTEGER NOT NULL,
	mtime    INTEGER NOT NULL,
	hash     BLOB NOT NULL,
	category TEXT NOT NULL,
	slug     TEXT,
	title    TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS category_pages_slug ON category_pages(slug);
