-- upgrade-3.sql - version 2 to 3: full-text search.  Each post gets its
-- search key (sk: published * 65536 + n, unique and in time order); the
-- search index itself is filled by finews-import, which makes each post's
-- plain text, right after this step.

ALTER TABLE posts ADD COLUMN sk INTEGER;
UPDATE posts SET sk = published * 65536 + (SELECT count(*) FROM posts q
	WHERE q.published = posts.published AND q.id < posts.id);
CREATE UNIQUE INDEX IF NOT EXISTS posts_sk ON posts(sk);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
	text, tokenize = 'trigram', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE IF NOT EXISTS search_terms USING fts5vocab(search, row);
