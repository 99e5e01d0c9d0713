-- upgrade-4.sql - version 3 to 4: categories and tags are paged by rank
-- (see schema.sql), so a deep page is one index range, not an OFFSET scan.

ALTER TABLE post_categories ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
UPDATE post_categories SET rank = r.n FROM (SELECT post_id AS pid,
	category_id AS cid, row_number() OVER (PARTITION BY category_id
	ORDER BY published, post_id) - 1 AS n FROM post_categories) AS r
	WHERE post_categories.post_id = r.pid AND post_categories.category_id = r.cid;
DROP INDEX IF EXISTS post_categories_newest;
CREATE INDEX IF NOT EXISTS post_categories_rank
	ON post_categories(category_id, rank);

ALTER TABLE post_tags ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
UPDATE post_tags SET rank = r.n FROM (SELECT post_id AS pid, tag_id AS tid,
	row_number() OVER (PARTITION BY tag_id ORDER BY published, post_id) - 1
	AS n FROM post_tags) AS r
	WHERE post_tags.post_id = r.pid AND post_tags.tag_id = r.tid;
DROP INDEX IF EXISTS post_tags_newest;
CREATE INDEX IF NOT EXISTS post_tags_rank ON post_tags(tag_id, rank);
