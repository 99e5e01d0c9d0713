-- upgrade-7.sql - version 6 to 7: takedowns (see schema.sql), the posts
-- taken down by finews-import --remove or removed by --prune, whose
-- addresses answer 410 Gone.  Nothing else changes.

CREATE TABLE IF NOT EXISTS takedowns (
	id            INTEGER PRIMARY KEY,
	category_path TEXT NOT NULL,
	day           TEXT NOT NULL,
	slug          TEXT NOT NULL,
	info_code     TEXT,
	title         TEXT NOT NULL,
	removed       INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	reason        TEXT
);
CREATE INDEX IF NOT EXISTS takedowns_url ON takedowns(day, slug);
CREATE INDEX IF NOT EXISTS takedowns_slug ON takedowns(slug, category_path);
CREATE INDEX IF NOT EXISTS takedowns_code ON takedowns(info_code);
CREATE TABLE IF NOT EXISTS takedown_files (
	takedown_id INTEGER NOT NULL REFERENCES takedowns(id) ON DELETE CASCADE,
	path        TEXT NOT NULL,
	key         TEXT NOT NULL,
	PRIMARY KEY (takedown_id, path)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS takedown_files_path ON takedown_files(path);
CREATE INDEX IF NOT EXISTS takedown_files_key ON takedown_files(key);
