-- The embedded search engine is now an in-memory index built from the registry at start-up
-- (server/domain/search/). The SQLite FTS5 tables of the engine it replaced held derived
-- data only (they were created outside the migrations), so they go, with their cursor.
DROP TABLE IF EXISTS search_fts_vocab;
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_fts_head;
DROP TABLE IF EXISTS search_fts_docs;
DELETE FROM meta WHERE key = 'search_cursor:fts5';
