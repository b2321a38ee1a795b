// Scans are group-committed before they are answered. Another process (a CLI, a backup)
// holding the write lock must not lose or duplicate scans, must not freeze the server for
// the connection's whole busy_timeout, and callers learn when their scan could not be written.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { clientKeyOf, createStampRepository, type NewScanEvent } from '../../server/repositories/stamp.repository';
import { createTempDb } from '../helpers/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const event = (clientEventId: string): NewScanEvent => ({
  clientEventId,
  serial: 'ABCDEFGHJKLMNPQR',
  kid: 'D1',
  verdict: 'authentic',
  reasons: ['signature_valid'],
  deviceHash: null,
  network: 'a1b2c3d4e5f60718',
  placeCode: null,
  scannedAt: new Date().toISOString(),
  receivedAt: new Date().toISOString(),
});

function setUp(busyTimeoutMs = 20, giveUpMs = 3000) {
  const t = createTempDb();
  // Short waits for the lock, so a commit fails fast while the other connection holds it.
  t.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const other = new Database(t.path);
  cleanups.push(() => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    t.cleanup();
  });
  const logged: string[] = [];
  const stamps = createStampRepository(t.db, { backgroundCheckpoints: false, writer: { retryDelayMs: { first: 10, max: 40 }, giveUpMs, log: (m) => logged.push(m) } });
  const stored = () => (other.prepare('SELECT client_key FROM scans ORDER BY id').pluck().all() as Buffer[]).map((b) => b.toString('hex'));
  const keys = (...ids: string[]) => ids.map((id) => clientKeyOf(id).toString('hex'));
  return { stamps, other, logged, stored, keys };
}

describe('scan group commit', () => {
  it('commits every scan of a turn in one go before callers are answered, each once', async () => {
    const { stamps, stored, keys } = setUp();
    for (const id of ['event-0001', 'event-0002', 'event-0003']) expect(stamps.recordScan(event(id))).toBe(true);
    expect(stored()).toEqual([]); // not yet: the commit comes right after this turn
    await stamps.committed();
    expect(stored()).toEqual(keys('event-0001', 'event-0002', 'event-0003'));
    expect(stamps.recordScan(event('event-0002'))).toBe(false);
    expect(stamps.hasClientEvent('event-0003')).toBe(true);
  });

  it('keeps scans while the write lock is held, retries, and lands every scan exactly once', async () => {
    const { stamps, other, logged, stored, keys } = setUp();
    other.exec('BEGIN IMMEDIATE');
    for (const id of ['event-0101', 'event-0102']) stamps.recordScan(event(id));
    const done = stamps.committed();
    await sleep(50); // the first commit and a retry or two fail meanwhile
    // While they wait, they are known: a retried upload is a duplicate, not new.
    expect(stamps.recordScan(event('event-0102'))).toBe(false);
    expect(logged[0]).toMatch(/could not write 2 scans: database is locked; retrying in \d+ ms/);
    expect(logged.every((line) => !line.includes('\n'))).toBe(true);
    stamps.recordScan(event('event-0103'));
    other.exec('COMMIT');
    await done;
    await stamps.committed();
    await sleep(60); // longer than the longest backoff: nothing is written twice
    expect(stored()).toEqual(keys('event-0101', 'event-0102', 'event-0103'));
  });

  it('tells waiting callers when the lock outlasts their patience, and still writes the scans later', async () => {
    const { stamps, other, stored, keys } = setUp(20, 150);
    other.exec('BEGIN IMMEDIATE');
    stamps.recordScan(event('event-0201'));
    await expect(stamps.committed()).rejects.toThrow(/could not write 1 scan: database is locked/);
    other.exec('COMMIT');
    await sleep(100);
    await stamps.committed();
    expect(stored()).toEqual(keys('event-0201'));
  });

  it('an explicit flush while locked throws a clear error and keeps the scans for the next one', () => {
    const { stamps, other, stored, keys } = setUp();
    other.exec('BEGIN IMMEDIATE');
    stamps.recordScan(event('event-0301'));
    expect(() => stamps.flush()).toThrow(/could not write 1 scan: database is locked/);
    other.exec('COMMIT');
    stamps.flush();
    expect(stored()).toEqual(keys('event-0301'));
  });

  it('a commit attempt waits for a held lock briefly, not the connection\'s whole busy_timeout; explicit flushes keep it', async () => {
    const { stamps, other, stored, keys } = setUp(3000);
    other.exec('BEGIN IMMEDIATE');
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, performance.now() - last);
      last = performance.now();
    }, 5);
    stamps.recordScan(event('event-0401'));
    await sleep(400); // the first attempt and a retry or two meet the lock
    clearInterval(ticker);
    // 100 ms a try, not 3 s: the margin is wide on a loaded machine.
    expect(longestStall).toBeLessThan(1500);
    const started = performance.now();
    expect(() => stamps.flush()).toThrow(/database is locked/);
    expect(performance.now() - started).toBeGreaterThan(2500);
    other.exec('COMMIT');
    stamps.flush();
    expect(stored()).toEqual(keys('event-0401'));
  });
});
