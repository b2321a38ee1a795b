import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';

/** A fresh, migrated SQLite database in a temp directory; call cleanup() when done. */
export function createTempDb(): { db: Db; path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-test-'));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  migrate(db);
  return {
    db,
    path,
    dir,
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
