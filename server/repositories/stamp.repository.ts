import type { Db } from '../db/connection';
import { createRecentCache } from './recent-cache';
import { startWalCheckpointer } from './wal-checkpointer';

export interface Batch {
  id: string;
  productId: string;
  issuerId: string;
  kid: string;
  count: number;
  hasPin: boolean;
  expiresAt: string | null;
  /** 'pending' from storing its stamps until its files are complete on disk: its stamps are not issued yet. */
  status: 'pending' | 'active' | 'revoked';
  isDemo: boolean;
  createdAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface StampRecord {
  serial: string;
  batchId: string;
  kid: string;
  pinHash: string | null;
  pinFailures: number;
  pinUsedAt: string | null;
  pinUsedDevice: string | null;
  status: 'active' | 'revoked';
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface ScanEvent {
  id: number;
  clientEventId: string | null;
  serial: string | null;
  kid: string | null;
  verdict: string;
  reasons: string[];
  deviceHash: string | null;
  placeCode: string | null;
  scannedAt: string;
  receivedAt: string;
}

export type NewScanEvent = Omit<ScanEvent, 'id'>;

/** Batches, stamps and scan events (server-side only; never synced to phones). */
export interface StampRepository {
  insertBatch(batch: Batch): void;
  /** Insert many stamps in one transaction (issuing a batch). */
  insertStamps(stamps: Pick<StampRecord, 'serial' | 'batchId' | 'kid' | 'pinHash'>[]): void;
  batch(id: string): Batch | null;
  /** Batches whose issuing stopped before their files were complete, oldest first. */
  pendingBatches(): Batch[];
  /** A pending batch's serials, sorted (to sign them again when resuming). */
  serialsOfBatch(id: string): string[];
  /** Replace the PIN hashes of a pending batch's stamps (resuming draws new PINs: the old ones were never written out). */
  setPinHashes(batchId: string, hashes: { serial: string; pinHash: string }[]): void;
  /** Make a pending batch active (its files are complete); false when it was not pending. */
  activateBatch(id: string): boolean;
  /** Delete a pending batch and its stamps (never issued); the number of stamps deleted, or -1 when it was not pending. */
  discardBatch(id: string): number;
  stamp(serial: string): StampRecord | null;
  revokeBatch(id: string, at: string, reason: string): number;
  revokeStamp(serial: string, at: string, reason: string): boolean;
  recordPinFailure(serial: string): number;
  markPinUsed(serial: string, at: string, deviceHash: string | null): void;
  /** A stamp's scan events, oldest first (a copy the caller may change). */
  scanEvents(serial: string): ScanEvent[];
  /**
   * The same list without the copy, for the verify hot path: the repository's cached array,
   * which it only ever extends in place (new events inserted in scannedAt order) until it
   * drops it and starts a new one. Callers must not change it.
   */
  scanHistory(serial: string): readonly ScanEvent[];
  scanEventByClientId(clientEventId: string): ScanEvent | null;
  /** Latest scan events recorded with a reason code (e.g. serial_not_issued), newest first. */
  scanEventsWithReason(code: string, limit: number): ScanEvent[];
  /**
   * Record a scan event; returns false when its clientEventId was already recorded.
   * Events are written behind, in one transaction per few milliseconds (a commit per
   * scan would be most of a verification's cost); reads here see them at once.
   */
  insertScanEvent(event: NewScanEvent): boolean;
  /**
   * Write pending scan events now (before shutdown, and in tests). Throws when they cannot
   * be written (e.g. the database is locked); they then stay pending for a retry.
   */
  flush(): void;
  /** A number that changes whenever another connection (another process) commits. */
  externalVersion(): number;
  transaction<T>(fn: () => T): T;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const toBatch = (r: Row): Batch => ({
  id: String(r.id),
  productId: String(r.product_id),
  issuerId: String(r.issuer_id),
  kid: String(r.kid),
  count: Number(r.count),
  hasPin: Number(r.has_pin) === 1,
  expiresAt: str(r.expires_at),
  status: r.status as Batch['status'],
  isDemo: Number(r.is_demo) === 1,
  createdAt: String(r.created_at),
  revokedAt: str(r.revoked_at),
  revokeReason: str(r.revoke_reason),
});

const toStamp = (r: Row): StampRecord => ({
  serial: String(r.serial),
  batchId: String(r.batch_id),
  kid: String(r.kid),
  pinHash: str(r.pin_hash),
  pinFailures: Number(r.pin_failures),
  pinUsedAt: str(r.pin_used_at),
  pinUsedDevice: str(r.pin_used_device),
  status: r.status as StampRecord['status'],
  revokedAt: str(r.revoked_at),
  revokeReason: str(r.revoke_reason),
});

const toScanEvent = (r: Row): ScanEvent => ({
  id: Number(r.id),
  clientEventId: str(r.client_event_id),
  serial: str(r.serial),
  kid: str(r.kid),
  verdict: String(r.verdict),
  reasons: JSON.parse(String(r.reasons)) as string[],
  deviceHash: str(r.device_hash),
  placeCode: str(r.place_code),
  scannedAt: String(r.scanned_at),
  receivedAt: String(r.received_at),
});

// ISO-8601 UTC instants in one format sort as plain strings (localeCompare is ICU collation,
// ~50× slower, and was most of the cost of appending to a long scan history).
const byScannedAt = (a: ScanEvent, b: ScanEvent) => (a.scannedAt < b.scannedAt ? -1 : a.scannedAt > b.scannedAt ? 1 : 0);

/** Insert into a list sorted by scannedAt, after any equal ones (as a stable sort would). */
function insertSorted(events: ScanEvent[], e: ScanEvent) {
  let i = events.length;
  while (i > 0 && events[i - 1]!.scannedAt > e.scannedAt) i--;
  events.splice(i, 0, e);
}

export interface StampRepositoryOptions {
  flushDelayMs?: number;
  /** Checkpoint the WAL from a worker thread instead of inside a flush (default true). */
  backgroundCheckpoints?: boolean;
  /** Wait before retrying a failed flush: `first`, doubling up to `max` (default 100 ms … 10 s). */
  retryDelayMs?: { first: number; max: number };
  /** Longest wait for another process's write lock in a flush from a timer or a request (default 100 ms). */
  backgroundBusyMs?: number;
  /** Where a failed flush is reported, one line each (default console.error). */
  log?: (message: string) => void;
}

/** Build the stamp repository over SQLite. */
export function createStampRepository(db: Db, options: StampRepositoryOptions = {}): StampRepository {
  const flushDelayMs = options.flushDelayMs ?? 5;
  const retry = options.retryDelayMs ?? { first: 100, max: 10_000 };
  const log = options.log ?? ((m: string) => console.error(m));
  if (options.backgroundCheckpoints ?? true) startWalCheckpointer(db);
  const insertBatch = db.prepare(
    `INSERT INTO batches (id, product_id, issuer_id, kid, count, has_pin, expires_at, status, is_demo, created_at)
     VALUES (@id, @productId, @issuerId, @kid, @count, @hasPin, @expiresAt, @status, @isDemo, @createdAt)`,
  );
  const insertStamp = db.prepare('INSERT INTO stamps (serial, batch_id, kid, pin_hash) VALUES (?, ?, ?, ?)');
  const batchById = db.prepare('SELECT * FROM batches WHERE id = ?');
  const batchesPending = db.prepare("SELECT * FROM batches WHERE status = 'pending' ORDER BY created_at, id");
  const serialsOf = db.prepare('SELECT serial FROM stamps WHERE batch_id = ? ORDER BY serial').pluck();
  const setPinHash = db.prepare('UPDATE stamps SET pin_hash = ? WHERE serial = ? AND batch_id = ?');
  const activateBatch = db.prepare("UPDATE batches SET status = 'active' WHERE id = ? AND status = 'pending'");
  const deleteStampsOfBatch = db.prepare('DELETE FROM stamps WHERE batch_id = ?');
  const deletePendingBatch = db.prepare("DELETE FROM batches WHERE id = ? AND status = 'pending'");
  const stampBySerial = db.prepare('SELECT * FROM stamps WHERE serial = ?');
  const revokeBatch = db.prepare("UPDATE batches SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE id = ? AND status = 'active'");
  const revokeStampsOfBatch = db.prepare("UPDATE stamps SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE batch_id = ? AND status = 'active'");
  const revokeStamp = db.prepare("UPDATE stamps SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE serial = ? AND status = 'active'");
  const pinFailure = db.prepare('UPDATE stamps SET pin_failures = pin_failures + 1 WHERE serial = ? RETURNING pin_failures').pluck();
  const pinUsed = db.prepare('UPDATE stamps SET pin_used_at = ?, pin_used_device = ? WHERE serial = ? AND pin_used_at IS NULL');
  const eventsOf = db.prepare('SELECT * FROM scan_events WHERE serial = ? ORDER BY scanned_at, id');
  const eventsWithReason = db.prepare(
    'SELECT e.* FROM scan_events e, json_each(e.reasons) r WHERE r.value = ? ORDER BY e.received_at DESC, e.id DESC LIMIT ?',
  );
  const eventByClientId = db.prepare('SELECT * FROM scan_events WHERE client_event_id = ?');
  const insertEvent = db.prepare(
    `INSERT INTO scan_events (client_event_id, serial, kid, verdict, reasons, device_hash, place_code, scanned_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(client_event_id) DO NOTHING`,
  );

  // Write-behind buffer of scan events, keyed for the reads that must already see them.
  // A batch leaves it only once its transaction has committed: if the write fails (another
  // process holding the write lock past busy_timeout), the events stay readable and their
  // client ids stay known, so a retried upload is still a duplicate rather than a new scan.
  let pending: NewScanEvent[] = [];
  const pendingClientIds = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let retryDelay = 0; // > 0 while the last flush failed and a retry is scheduled
  const writeEvents = db.transaction((batch: NewScanEvent[]) => {
    for (const e of batch) insertEvent.run(e.clientEventId, e.serial, e.kid, e.verdict, JSON.stringify(e.reasons), e.deviceHash, e.placeCode, e.scannedAt, e.receivedAt);
  });
  const describeFailure = (n: number, e: unknown) => `could not write ${n} scan event${n === 1 ? '' : 's'}: ${(e as Error)?.message ?? String(e)}`;
  // better-sqlite3 waits for a lock synchronously, so a flush from a timer or a request waits
  // at most this long: waiting out busy_timeout (5 s) would stall every request meanwhile,
  // each time a retry comes round. Only an explicit flush() (shutdown) waits the full time.
  const defaultBusyMs = Number(db.pragma('busy_timeout', { simple: true }));
  const backgroundBusyMs = Math.min(options.backgroundBusyMs ?? 100, defaultBusyMs);
  /** Write pending events; on failure keep them, schedule a retry with backoff and return the error. */
  const tryFlush = (busyMs = backgroundBusyMs): Error | null => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending.length) return null;
    // better-sqlite3 is synchronous: nothing can join `pending` while this runs.
    const batch = pending;
    try {
      // db.pragma each time, not a statement prepared once: SQLite applies busy_timeout when the
      // PRAGMA is compiled, so re-running a prepared one changes nothing.
      if (busyMs !== defaultBusyMs) db.pragma(`busy_timeout = ${busyMs}`);
      try {
        writeEvents(batch);
      } finally {
        if (busyMs !== defaultBusyMs && db.open) db.pragma(`busy_timeout = ${defaultBusyMs}`);
      }
    } catch (e) {
      const error = new Error(describeFailure(batch.length, e), { cause: e });
      if (!db.open) {
        log(`stamp repository: ${error.message}; the database is closed, not retrying`);
        return error;
      }
      retryDelay = retryDelay ? Math.min(retryDelay * 2, retry.max) : retry.first;
      log(`stamp repository: ${error.message.replace(/\s+/g, ' ')}; retrying in ${retryDelay} ms`);
      timer = setTimeout(flushFromTimer, retryDelay);
      return error;
    }
    pending = [];
    pendingClientIds.clear();
    retryDelay = 0;
    return null;
  };
  // Timers have no caller to throw to: an exception here would end the process.
  const flushFromTimer = () => void tryFlush();
  const flush = () => {
    const error = tryFlush(defaultBusyMs);
    if (error) throw error;
  };
  const asEvent = (e: NewScanEvent, i: number): ScanEvent => ({ ...e, id: -1 - i });
  const dataVersion = db.prepare('PRAGMA data_version').pluck();

  // Read caches for the verify hot path. This connection's own writes update them;
  // another process's commit (a CLI revoking a batch) changes data_version and clears them.
  const stampCache = createRecentCache<string, StampRecord | null>(100_000);
  const batchCache = createRecentCache<string, Batch | null>(10_000);
  const eventsCache = createRecentCache<string, ScanEvent[]>(50_000);
  let seenVersion = -1;
  // One PRAGMA per synchronous stretch of work: the stamp, batch and history reads of one
  // verification run back to back, and no other process's commit can be told apart
  // within such a stretch anyway.
  let checkedThisTurn = false;
  const endTurn = () => {
    checkedThisTurn = false;
  };
  const checkExternalWrites = () => {
    if (checkedThisTurn) return;
    checkedThisTurn = true;
    queueMicrotask(endTurn);
    const v = Number(dataVersion.get());
    if (v === seenVersion) return;
    seenVersion = v;
    stampCache.clear();
    batchCache.clear();
    eventsCache.clear();
  };
  const forgetStamp = (serial: string) => stampCache.delete(serial);
  const scanHistory = (serial: string): readonly ScanEvent[] => {
    checkExternalWrites();
    let events = eventsCache.get(serial);
    if (!events) {
      const stored = (eventsOf.all(serial) as Row[]).map(toScanEvent);
      const waiting: ScanEvent[] = [];
      for (let i = 0; i < pending.length; i++) if (pending[i]!.serial === serial) waiting.push(asEvent(pending[i]!, i));
      events = waiting.length ? [...stored, ...waiting].sort(byScannedAt) : stored;
      eventsCache.set(serial, events);
    }
    return events;
  };

  return {
    insertBatch(b) {
      insertBatch.run({ ...b, hasPin: b.hasPin ? 1 : 0, isDemo: b.isDemo ? 1 : 0 });
    },
    insertStamps(stamps) {
      db.transaction(() => {
        for (const s of stamps) insertStamp.run(s.serial, s.batchId, s.kid, s.pinHash);
      })();
      stampCache.clear(); // serials looked up before they were issued were cached as absent
    },
    batch(id) {
      checkExternalWrites();
      let b = batchCache.get(id);
      if (b === undefined) {
        const r = batchById.get(id) as Row | undefined;
        b = r ? toBatch(r) : null;
        batchCache.set(id, b);
      }
      return b;
    },
    pendingBatches: () => (batchesPending.all() as Row[]).map(toBatch),
    serialsOfBatch: (id) => serialsOf.all(id) as string[],
    setPinHashes(batchId, hashes) {
      db.transaction(() => {
        for (const h of hashes) setPinHash.run(h.pinHash, h.serial, batchId);
      })();
      stampCache.clear();
    },
    activateBatch(id) {
      const done = activateBatch.run(id).changes === 1;
      batchCache.delete(id);
      return done;
    },
    discardBatch(id) {
      const n = db.transaction(() => {
        const row = batchById.get(id) as Row | undefined;
        if (!row || row.status !== 'pending') return -1;
        const deleted = deleteStampsOfBatch.run(id).changes; // children first: foreign keys are on
        deletePendingBatch.run(id);
        return deleted;
      })();
      stampCache.clear();
      batchCache.delete(id);
      return n;
    },
    stamp(serial) {
      checkExternalWrites();
      let s = stampCache.get(serial);
      if (s === undefined) {
        const r = stampBySerial.get(serial) as Row | undefined;
        s = r ? toStamp(r) : null;
        stampCache.set(serial, s);
      }
      return s;
    },
    revokeBatch(id, at, reason) {
      const n = db.transaction(() => {
        revokeBatch.run(at, reason, id);
        return revokeStampsOfBatch.run(at, reason, id).changes;
      })();
      stampCache.clear();
      batchCache.delete(id);
      return n;
    },
    revokeStamp(serial, at, reason) {
      forgetStamp(serial);
      return revokeStamp.run(at, reason, serial).changes === 1;
    },
    recordPinFailure(serial) {
      forgetStamp(serial);
      return Number(pinFailure.get(serial) ?? 0);
    },
    markPinUsed(serial, at, deviceHash) {
      forgetStamp(serial);
      pinUsed.run(at, deviceHash, serial);
    },
    scanEvents: (serial) => [...scanHistory(serial)],
    scanHistory,
    scanEventByClientId(id) {
      const i = pending.findIndex((e) => e.clientEventId === id);
      if (i >= 0) return asEvent(pending[i]!, i);
      const r = eventByClientId.get(id) as Row | undefined;
      return r ? toScanEvent(r) : null;
    },
    scanEventsWithReason(code, limit) {
      tryFlush(); // if it fails, answer from what is stored; the events follow on a retry
      return (eventsWithReason.all(code, limit) as Row[]).map(toScanEvent);
    },
    insertScanEvent(e) {
      if (e.clientEventId && (pendingClientIds.has(e.clientEventId) || eventByClientId.get(e.clientEventId))) return false;
      pending.push(e);
      if (e.clientEventId) pendingClientIds.add(e.clientEventId);
      const cached = e.serial ? eventsCache.get(e.serial) : undefined;
      if (cached) insertSorted(cached, asEvent(e, pending.length - 1));
      // While a failed flush waits for its retry, a full buffer must not block every request
      // for busy_timeout again: the events wait for the scheduled retry.
      if (pending.length >= 1000 && !retryDelay) tryFlush();
      else timer ??= setTimeout(flushFromTimer, flushDelayMs);
      return true;
    },
    flush,
    externalVersion() {
      return Number(dataVersion.get());
    },
    transaction(fn) {
      return db.transaction(fn)();
    },
  };
}
