// Migration 0005 rebuilds `batches` to allow 'pending': every row survives, stamps keep
// their batch, and foreign keys are enforced again afterwards.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';

const MIGRATIONS = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('keeps every batch and stamp, accepts pending, and enforces foreign keys again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-migrate-'));
  dirs.push(dir);
  const before = join(dir, 'before');
  const older = readdirSync(MIGRATIONS).filter((f) => /^\d{4}-/.test(f) && f < '0005');
  mkdirSync(before);
  for (const f of older) copyFileSync(join(MIGRATIONS, f), join(before, f));
  const db = openDatabase(join(dir, 'app.db'));
  migrate(db, before);
  const at = '2026-11-25T00:00:00Z';
  db.prepare("INSERT INTO products (id, name, source_url, imported_at) VALUES ('p1', 'Gà', 'https://example.vn', ?)").run(at);
  db.prepare("INSERT INTO issuers (id, name, kind, source_url, imported_at) VALUES ('i1', 'Issuer', 'registry_operator', 'https://example.vn', ?)").run(at);
  db.prepare("INSERT INTO issuer_keys (id, issuer_id, algorithm, public_key, status, created_at, source_url, imported_at) VALUES ('K1', 'i1', 'Ed25519', 'x', 'active', ?, 'https://example.vn', ?)").run(at, at);
  db.prepare("INSERT INTO batches (id, product_id, issuer_id, kid, count, status, created_at, revoked_at, revoke_reason) VALUES ('B1', 'p1', 'i1', 'K1', 2, 'revoked', ?, ?, 'leaked')").run(at, at);
  db.prepare("INSERT INTO batches (id, product_id, issuer_id, kid, count, has_pin, status, created_at) VALUES ('B2', 'p1', 'i1', 'K1', 1, 1, 'active', ?)").run(at);
  for (const [serial, batch] of [['S1', 'B1'], ['S2', 'B1'], ['S3', 'B2']]) db.prepare("INSERT INTO stamps (serial, batch_id, kid) VALUES (?, ?, 'K1')").run(serial, batch);
  const rows = db.prepare('SELECT * FROM batches ORDER BY id').all();

  const { applied } = migrate(db);
  expect(applied).toContain('0005-pending-batches.sql');
  expect(db.prepare('SELECT * FROM batches ORDER BY id').all()).toEqual(rows);
  expect(db.prepare('SELECT batch_id, COUNT(*) AS n FROM stamps GROUP BY batch_id ORDER BY batch_id').all()).toEqual([{ batch_id: 'B1', n: 2 }, { batch_id: 'B2', n: 1 }]);
  db.prepare("INSERT INTO batches (id, product_id, issuer_id, kid, count, status, created_at) VALUES ('B3', 'p1', 'i1', 'K1', 1, 'pending', ?)").run(at);
  expect(() => db.prepare("INSERT INTO batches (id, product_id, issuer_id, kid, count, status, created_at) VALUES ('B4', 'p1', 'i1', 'K1', 1, 'lost', ?)").run(at)).toThrow(/CHECK/);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(() => db.prepare("INSERT INTO stamps (serial, batch_id, kid) VALUES ('S9', 'no-such-batch', 'K1')").run()).toThrow(/FOREIGN KEY/);
  expect(() => db.prepare("DELETE FROM batches WHERE id = 'B2'").run()).toThrow(/FOREIGN KEY/);
  db.close();
});
