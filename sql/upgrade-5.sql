-- upgrade-5.sql - version 4 to 5: the list of the search index's trigrams
-- (see schema.sql), filled once from the index's vocabulary; finews-import
-- keeps it from then on.

CREATE TABLE IF NOT EXISTS search_trigrams (term TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO search_trigrams SELECT term FROM search_terms;
