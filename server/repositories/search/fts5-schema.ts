import type Database from 'better-sqlite3';

// The embedded search index lives in the app's SQLite file but outside the registry
// migrations: it is derived data, rebuilt from the registry whenever it is missing.
//
// search_fts holds folded ASCII text only (SEARCH.md: FTS5 cannot fold Vietnamese), is
// contentless because search_fts_docs keeps what the re-ranker and filters need, and uses
// contentless_delete so apply() can delete and replace rows.
//
// search_fts_head indexes the name and producer again, alone. Picking candidates asks
// "all words in the name?" and "all words in name or producer?"; in the full table FTS5
// answers that by walking every posting of place and category words too (3–5 ms for
// common words at 200k products), in this small table in a fifth of the time.

export const FTS_TABLE = 'search_fts';
export const HEAD_TABLE = 'search_fts_head';
export const DOCS_TABLE = 'search_fts_docs';
export const VOCAB_TABLE = 'search_fts_vocab';
/** Dropped and re-created around a rebuild: one sort beats 200k random B-tree inserts. */
export const DOCS_ID_INDEX = 'search_fts_docs_id';

/** Indexed text columns, in the order the re-ranker ranks attributes. */
export const FTS_COLUMNS = ['name', 'producer', 'places', 'aliases', 'category'] as const;
/** The columns search_fts_head repeats. */
export const HEAD_COLUMNS = ['name', 'producer'] as const;

/**
 * A last column of filter tokens ("_s4", "_p…"), so FTS5 intersects filters with the
 * words in C instead of JavaScript checking every match. "_" is a token character only
 * for these: folded text never contains it, so no typed word can ever reach them.
 */
export const FILTER_COLUMN = 'filters';

/** Prefix lengths FTS5 keeps an index for; longer prefixes are merged from every word that has them. */
export const PREFIX_INDEX_LENGTHS = [1, 2, 3] as const;

// Flushing FTS5's in-memory term buffer every 1 MB (the default) makes a 200k rebuild
// spend most of its time merging segments; 64 MB cuts the FTS5 part by a third.
const HASH_SIZE_BYTES = 64 * 1024 * 1024;

const ftsTable = (name: string, columns: readonly string[]) => `
  CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING fts5(
    ${[...columns, FILTER_COLUMN].join(', ')},
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    prefix = '${PREFIX_INDEX_LENGTHS.join(' ')}',
    detail = full,
    content = '',
    contentless_delete = 1
  );`;

/** Create the embedded search tables when missing (idempotent, safe at every start-up). */
export function ensureFts5Schema(db: Database.Database): void {
  const exists = (name: string) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
  const created = [FTS_TABLE, HEAD_TABLE].filter((name) => !exists(name));
  db.exec(`
    ${ftsTable(FTS_TABLE, FTS_COLUMNS)}
    ${ftsTable(HEAD_TABLE, HEAD_COLUMNS)}
    CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB_TABLE} USING fts5vocab(${FTS_TABLE}, 'row');
    CREATE TABLE IF NOT EXISTS ${DOCS_TABLE} (
      rowid            INTEGER PRIMARY KEY,  -- the rowid in both FTS tables; encodes the candidate order
      id               TEXT NOT NULL,
      name             TEXT NOT NULL,        -- as written: accents typed exactly, "did you mean"
      folded           TEXT NOT NULL,        -- folded name, producer, places, aliases, category: one a line
      stars            INTEGER,
      potential_five   INTEGER NOT NULL,
      ocop_group       TEXT,
      cert_valid_until TEXT,
      is_aggregate     INTEGER NOT NULL,
      place_ids        TEXT NOT NULL,        -- JSON arrays
      mark_ids         TEXT NOT NULL,
      award_years      TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS ${DOCS_ID_INDEX} ON ${DOCS_TABLE}(id);
  `);
  // FTS5 rejects a bound parameter for configuration values; this one is a constant.
  for (const name of created) db.exec(`INSERT INTO ${name}(${name}, rank) VALUES ('hashsize', ${HASH_SIZE_BYTES})`);
}
