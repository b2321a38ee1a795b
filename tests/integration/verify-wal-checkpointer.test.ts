// Scan events are written on the event loop; the WAL checkpoint (with its fsync) is not.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { startWalCheckpointer } from '../../server/repositories/wal-checkpointer';

const dirs: string[] = [];
const open = (): { db: Db; path: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'nv-wal-'));
  dirs.push(dir);
  const path = join(dir, 'app.db');
  const db = openDatabase(path);
  migrate(db);
  return { db, path };
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const until = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !cond(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const writeEvents = (db: Db, n: number) => {
  const insert = db.prepare("INSERT INTO scans (serial, kid, verdict, reasons, received_at, scan_lag) VALUES (?, 'K', 0, 1, ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`SERIAL${i % 50}`, Date.now(), 0);
  })();
};

describe('WAL checkpointer', () => {
  it('checkpoints from its own thread, never bumping this connection\'s data_version', async () => {
    const { db, path } = open();
    const checkpointer = startWalCheckpointer(db, { intervalMs: 20 })!;
    expect(checkpointer).not.toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const version = db.pragma('data_version', { simple: true });
    const before = statSync(path).size;
    writeEvents(db, 5000);
    // The pages reach the database file only through a checkpoint.
    await until(() => statSync(path).size > before);
    expect(db.pragma('data_version', { simple: true })).toBe(version);
    checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('stops by itself once the connection is closed', async () => {
    const { db } = open();
    const checkpointer = startWalCheckpointer(db, { intervalMs: 10 })!;
    db.close();
    await expect(checkpointer.exited).resolves.toBeUndefined();
  });

  it('does nothing for an in-memory database', () => {
    const db = openDatabase(':memory:');
    expect(startWalCheckpointer(db)).toBeNull();
    db.close();
  });
});
