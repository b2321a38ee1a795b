import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './connection';

const MIGRATIONS_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'migrations');
const NAME = /^(\d{4})-[a-z0-9-]+\.sql$/;
/**
 * A migration that rebuilds a table other tables reference (SQLite's only way to change a
 * CHECK) says so on a line of its own: it then runs with foreign keys off, as SQLite's
 * 12-step procedure requires (the pragma is a no-op inside a transaction), and every
 * foreign key is checked before it commits.
 */
const FOREIGN_KEYS_OFF = /^-- pragma: foreign_keys=off$/m;

export interface MigrationResult {
  applied: string[];
  version: number;
}

/** Apply forward-only numbered migrations not yet applied, each in its own transaction. */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((r) => (r as { version: number }).version),
  );
  const files = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(NAME.exec(file)![1]);
    if (done.has(version)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    const keysOff = FOREIGN_KEYS_OFF.test(sql) && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(sql);
        if (keysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (broken.length) throw new Error(`${file} breaks ${broken.length} foreign keys (first: ${broken[0]!.table} → ${broken[0]!.parent})`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          version,
          file,
          new Date().toISOString(),
        );
      })();
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
    applied.push(file);
  }
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return { applied, version: row.v ?? 0 };
}
