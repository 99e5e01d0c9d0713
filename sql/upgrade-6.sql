-- upgrade-6.sql - version 5 to 6: posts keep the entry they were derived
-- from (see schema.sql), so that newer rules reach every stored post; a
-- post's date may be a day alone; old URLs are found by slug.
--
-- A version 5 store kept the body with its trailing links cut off: that
-- is the best raw body it has for posts whose files are gone.  Every file
-- is marked unread, so the next run reads each file still there again
-- and derives its post from the file itself.

ALTER TABLE posts ADD COLUMN date_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN zone_offset INTEGER;
CREATE TABLE IF NOT EXISTS entries (
	post_id      INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
	source       TEXT NOT NULL,
	key          TEXT NOT NULL,
	folder       TEXT NOT NULL,
	format       TEXT NOT NULL,
	front_matter TEXT,
	fm_line      INTEGER NOT NULL,
	fm_seen      INTEGER NOT NULL,
	body         TEXT NOT NULL
);
INSERT OR IGNORE INTO entries(post_id, source, key, folder, format,
	front_matter, fm_line, fm_seen, body)
SELECT id, 'jekyll', replace(path, rtrim(path, replace(path, '/', '')), ''),
	CASE WHEN path LIKE '%/old_post/%' THEN 'old_post'
	     WHEN path LIKE '%/_posts/%' THEN '_posts' ELSE '' END,
	CASE WHEN path LIKE '%.html' THEN 'html' ELSE 'markdown' END,
	front_matter, 1, 1, body_md
FROM posts;
CREATE INDEX IF NOT EXISTS entries_key ON entries(key);
CREATE INDEX IF NOT EXISTS posts_slug ON posts(slug, category_path);
UPDATE files SET size = -1, hash = zeroblob(16);
DELETE FROM site WHERE key = 'derive';
