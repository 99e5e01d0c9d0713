-- upgrade-2.sql - version 1 to 2: tag pages list a tag's newest posts
-- from one index range, so post_tags carries each post's time.

ALTER TABLE post_tags ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
UPDATE post_tags SET published =
	(SELECT published FROM posts WHERE posts.id = post_tags.post_id);
DROP INDEX IF EXISTS post_tags_tag;
CREATE INDEX IF NOT EXISTS post_tags_newest
	ON post_tags(tag_id, published DESC, post_id DESC);
