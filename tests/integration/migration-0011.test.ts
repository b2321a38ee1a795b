// Migration 0011 removes the FTS5 search tables an older start-up created, and their cursor.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('drops the FTS5 search tables and the fts5 cursor, keeping the registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-0011-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'old.db'));
  // The database as the previous release left it: every other migration, then the FTS5 tables.
  migrate(db);
  db.prepare('DELETE FROM schema_migrations WHERE version = 11').run();
  db.exec(`
    CREATE VIRTUAL TABLE search_fts USING fts5(name, content = '', contentless_delete = 1);
    CREATE VIRTUAL TABLE search_fts_head USING fts5(name, content = '', contentless_delete = 1);
    CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row');
    CREATE TABLE search_fts_docs (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL);
    CREATE UNIQUE INDEX search_fts_docs_id ON search_fts_docs(id);
    INSERT INTO meta (key, value) VALUES ('search_cursor:fts5', '42'), ('search_cursor:meilisearch', '40');
  `);
  const { applied } = migrate(db);
  expect(applied).toEqual(['0011-drop-fts5-search.sql']);
  const left = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'search_fts%'").pluck().all();
  expect(left).toEqual([]);
  const keys = db.prepare('SELECT key FROM meta').pluck().all();
  expect(keys).toContain('search_cursor:meilisearch');
  expect(keys).not.toContain('search_cursor:fts5');
  db.close();
});
