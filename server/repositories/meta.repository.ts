import type { Db } from '../db/connection';

/** Small persistent key/value state: search cursors, seed markers. */
export interface MetaRepository {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Build the meta repository over the `meta` table. */
export function createMetaRepository(db: Db): MetaRepository {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => (get.get(key) as string | undefined) ?? null,
    set: (key, value) => void set.run(key, value),
  };
}
