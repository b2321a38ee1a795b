// Retention: old scans leave the live table for gzip'd CSV files, chunk by chunk, and a run
// killed between writing a file and deleting its rows neither loses nor duplicates a scan.
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { createScanArchive } from '../../server/repositories/scan-archive.repository';
import { compactScans } from '../../server/services/scans/compact-scans.service';
import { createTempDb } from '../helpers/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');

function setUp() {
  const t = createTempDb();
  migrate(t.db);
  const folder = mkdtempSync(join(tmpdir(), 'nguon-viet-archive-'));
  cleanups.push(() => {
    t.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });
  const place = Number(t.db.prepare("INSERT INTO scan_places (code) VALUES ('vn:00004')").run().lastInsertRowid);
  // Received 350 ms after the phone scanned (scan_lag).
  const insert = t.db.prepare('INSERT INTO scans (serial, kid, verdict, reasons, device, network, place_id, received_at, scan_lag, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 350, ?)');
  t.db.transaction(() => {
    for (let i = 0; i < 250; i++) {
      const at = NOW - (500 - i) * DAY; // one a day from 500 days ago: the first 105 are past 395 days
      insert.run(`SERIAL${i % 7}`, 'D1', i % 4, 1 + (i % 3) * 2, Buffer.from('0011223344556677', 'hex'), null, i % 2 ? place : null, at, i % 2);
    }
    for (let i = 0; i < 40; i++) insert.run('SERIALNEW', 'D1', 0, 1, null, null, null, NOW - i * DAY, 0);
  })();
  const rows = () => Number(t.db.prepare('SELECT COUNT(*) FROM scans').pluck().get());
  const archived = () =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.csv.gz'))
      .sort()
      .flatMap((f) => gunzipSync(readFileSync(join(folder, f))).toString('utf8').trim().split('\n').slice(1));
  return { db: t.db, folder, rows, archived };
}

describe('events:compact', () => {
  it('moves scans older than the window into gzip\'d CSV files and keeps the rest', () => {
    const { db, folder, rows, archived } = setUp();
    const beforeMs = NOW - 395 * DAY;
    const summary = compactScans(db, { beforeMs, folder, chunk: 100 });
    expect(summary).toMatchObject({ archived: 105, files: 2, resumedFiles: 0, remaining: 0 });
    expect(rows()).toBe(290 - 105);
    const lines = archived();
    expect(lines).toHaveLength(105);
    expect(lines[0]).toBe('1,SERIAL0,D1,authentic,signature_valid,0011223344556677,,,2025-07-18T23:59:59.650Z,2025-07-19T00:00:00.000Z,0');
    expect(lines[1]).toMatch(/^2,SERIAL1,D1,caution,signature_valid\|checked_by_other_devices,0011223344556677,,vn:00004,.*,1$/);
    // Again: nothing left to do.
    expect(compactScans(db, { beforeMs, folder, chunk: 100 })).toMatchObject({ archived: 0, files: 0 });
  });

  it('a run killed after writing a file but before deleting its rows resumes without duplicates', () => {
    const { db, folder, rows, archived } = setUp();
    const beforeMs = NOW - 395 * DAY;
    // The first chunk's file is written and renamed, then the process "dies": its rows are back.
    const archive = createScanArchive(db, folder);
    db.exec('SAVEPOINT killed');
    archive.archiveChunk(beforeMs, 0, 100);
    db.exec('ROLLBACK TO killed; RELEASE killed');
    expect(rows()).toBe(290);
    expect(archived()).toHaveLength(100);
    const summary = compactScans(db, { beforeMs, folder, chunk: 100 });
    expect(summary).toMatchObject({ archived: 105, resumedFiles: 1, remaining: 0 });
    const lines = archived();
    expect(lines).toHaveLength(105);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(105);
    expect(rows()).toBe(290 - 105);
  });
});
