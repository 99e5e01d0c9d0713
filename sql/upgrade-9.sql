-- upgrade-9.sql - version 8 to 9: the stream of every post, ranked from
-- the oldest (see schema.sql), filled from the posts' search keys.

CREATE TABLE IF NOT EXISTS stream (
	rank INTEGER PRIMARY KEY,
	sk   INTEGER NOT NULL UNIQUE
);
DELETE FROM stream;
INSERT INTO stream(rank, sk)
	SELECT row_number() OVER (ORDER BY sk) - 1, sk FROM posts
	WHERE sk IS NOT NULL;
