// Write-behind scan events survive a flush that cannot get the write lock: another process
// (a CLI, a backup) holding it longer than busy_timeout must not lose or duplicate events.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStampRepository, type NewScanEvent } from '../../server/repositories/stamp.repository';
import { createTempDb } from '../helpers/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const until = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !cond(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const event = (clientEventId: string): NewScanEvent => ({
  clientEventId,
  serial: 'ABCDEFGHJKLMNPQR',
  kid: 'D1',
  verdict: 'authentic',
  reasons: ['signature_valid'],
  deviceHash: null,
  placeCode: null,
  scannedAt: new Date().toISOString(),
  receivedAt: new Date().toISOString(),
});

function setUp(busyTimeoutMs = 20) {
  const t = createTempDb();
  // Short waits for the lock, so a flush fails fast while the other connection holds it.
  t.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const other = new Database(t.path);
  cleanups.push(() => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    t.cleanup();
  });
  const logged: string[] = [];
  const stamps = createStampRepository(t.db, { flushDelayMs: 1, backgroundCheckpoints: false, retryDelayMs: { first: 10, max: 40 }, log: (m) => logged.push(m) });
  const stored = () => other.prepare('SELECT client_event_id FROM scan_events ORDER BY id').pluck().all() as string[];
  return { stamps, other, logged, stored };
}

describe('scan event write-behind', () => {
  it('keeps the batch when the write lock is held, retries, and lands every event exactly once', async () => {
    const { stamps, other, logged, stored } = setUp();
    other.exec('BEGIN IMMEDIATE');
    for (const id of ['event-0001', 'event-0002', 'event-0003']) expect(stamps.insertScanEvent(event(id))).toBe(true);
    await sleep(50); // the first flush and a retry or two fail meanwhile

    // While they wait, the events are still known: a retried upload is a duplicate, not new.
    expect(stamps.insertScanEvent(event('event-0002'))).toBe(false);
    expect(stamps.scanEventByClientId('event-0003')).not.toBeNull();
    expect(stamps.scanEvents('ABCDEFGHJKLMNPQR')).toHaveLength(3);
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]).toMatch(/could not write 3 scan events: database is locked; retrying in \d+ ms/);
    expect(logged.every((line) => !line.includes('\n'))).toBe(true);
    // New events join the same queue behind the held ones.
    expect(stamps.insertScanEvent(event('event-0004'))).toBe(true);

    other.exec('COMMIT');
    await until(() => stored().length === 4);
    await sleep(60); // longer than the longest backoff: nothing is written twice
    expect(stored()).toEqual(['event-0001', 'event-0002', 'event-0003', 'event-0004']);
    expect(stamps.insertScanEvent(event('event-0001'))).toBe(false);
  });

  it('an explicit flush while locked throws a clear error and keeps the events for the next one', async () => {
    const { stamps, other, stored } = setUp();
    other.exec('BEGIN IMMEDIATE');
    stamps.insertScanEvent(event('event-0101'));
    expect(() => stamps.flush()).toThrow(/could not write 1 scan event: database is locked/);
    other.exec('COMMIT');
    stamps.flush();
    expect(stored()).toEqual(['event-0101']);
  });

  it('a read that flushes first (reasons list) answers from what is stored instead of failing', async () => {
    const { stamps, other } = setUp();
    stamps.insertScanEvent({ ...event('event-0201'), reasons: ['serial_not_issued'] });
    stamps.flush();
    other.exec('BEGIN IMMEDIATE');
    stamps.insertScanEvent({ ...event('event-0202'), reasons: ['serial_not_issued'] });
    expect(stamps.scanEventsWithReason('serial_not_issued', 10).map((e) => e.clientEventId)).toEqual(['event-0201']);
    other.exec('COMMIT');
  });

  it('a flush from the timer waits for a held lock briefly, not the connection\'s whole busy_timeout, and explicit flushes keep it', async () => {
    const { stamps, other, stored } = setUp(3000);
    other.exec('BEGIN IMMEDIATE');
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, performance.now() - last);
      last = performance.now();
    }, 5);
    stamps.insertScanEvent(event('event-0301'));
    await sleep(400); // the first flush and a retry or two meet the lock
    clearInterval(ticker);
    // 100 ms a try, not 3 s: the margin is wide on a loaded machine.
    expect(longestStall).toBeLessThan(1500);
    const started = performance.now();
    expect(() => stamps.flush()).toThrow(/database is locked/);
    expect(performance.now() - started).toBeGreaterThan(2500);
    other.exec('COMMIT');
    stamps.flush();
    expect(stored()).toEqual(['event-0301']);
  });
});
