import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { decodeReasons, encodeReasons, SCAN_REASON_CODES, SCAN_VERDICTS, type ScanReasonCode, type ScanVerdict } from '../domain/scan-reason-codes';
import { parseEvidence, serializeEvidence, type StampSignals } from '../domain/stamp-signals';
import { createRecentCache } from './recent-cache';
import { createScanWriter, type ScanWriterOptions } from './scan-writer';
import { createStampReaders } from './stamp-reader';
import { startWalCheckpointer } from './wal-checkpointer';
import { createTurnLatch } from './once-per-turn';

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
  /** ms since 1970 of the latest wrong PIN, for the growing delays. */
  pinLastFailureAt: number | null;
  pinUsedAt: string | null;
  pinUsedDevice: string | null;
  status: 'active' | 'revoked';
  revokedAt: string | null;
  revokeReason: string | null;
  /** Checks and clone evidence so far (domain/stamp-signals.ts). */
  signals: StampSignals;
}

export interface ScanEvent {
  id: number;
  serial: string | null;
  kid: string | null;
  verdict: ScanVerdict;
  reasons: string[];
  /** 16 hex digits of the keyed hash of the device id (never the id). */
  deviceHash: string | null;
  /** 16 hex digits of the keyed hash of the network (never the address). */
  network: string | null;
  placeCode: string | null;
  scannedAt: string;
  receivedAt: string;
  /** It counted as clone evidence (a server-issued device id, under the soft limit). */
  evidence: boolean;
  /** The device id was one the server issued. */
  signedDevice: boolean;
}

export interface NewScanEvent extends Omit<ScanEvent, 'id' | 'evidence' | 'signedDevice'> {
  /** The phone's id for this scan (retries of an upload carry the same one). */
  clientEventId: string | null;
  evidence?: boolean;
  signedDevice?: boolean;
  overSoftLimit?: boolean;
}

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
  /** Count a wrong PIN (committed at once); returns the failures so far. */
  recordPinFailure(serial: string, atMs: number): number;
  markPinUsed(serial: string, at: string, deviceHash: string | null): void;
  /** A page of a stamp's scan events, newest first; `beforeId` continues a page. */
  scanPage(serial: string, page?: { beforeId?: number; limit?: number }): ScanEvent[];
  /** A stamp's scan events oldest first, at most `limit` (for tests and small tools). */
  scanEvents(serial: string, limit?: number): ScanEvent[];
  /**
   * True when a scan with this client event id was recorded (or is being written). Give the
   * serial it names: a genuine stamp's row keeps the ids of its latest scans.
   */
  hasClientEvent(clientEventId: string, serial?: string | null): boolean;
  /** A stamp already in memory (null: known not to exist), or undefined when it must be read. */
  cachedStamp(serial: string): StampRecord | null | undefined;
  /**
   * Read a stamp (and prime its batch) off the event loop: a worker thread with its own
   * connection does the read that may wait on the disk, and touches the index page the scan's
   * write will need. Use cachedStamp first: a warm stamp needs no round trip.
   */
  loadStamp(serial: string, clientEventId?: string | null): Promise<StampRecord | null>;
  /** Boot the reader threads now rather than at the first read that misses the cache (server start-up); settles once they are up. */
  startReaders(): Promise<void>;
  /** Latest scan events recorded with a reason code (e.g. serial_not_issued), newest first. */
  scanEventsWithReason(code: ScanReasonCode, limit: number): ScanEvent[];
  /**
   * Record a scan and, for a genuine stamp, its new signals; false when its clientEventId was
   * already recorded. Written with the other scans of this turn; await `committed()` before
   * answering. Reads here (stamp(), hasClientEvent) see it at once.
   */
  recordScan(event: NewScanEvent, signals?: StampSignals): boolean;
  /** Settles once every scan recorded so far is on disk; rejects when it could not be written. */
  committed(): Promise<void>;
  /** Write pending scans now (before shutdown, and in tests); throws when they cannot be written. */
  flush(): void;
  /** A number that changes whenever another connection (another process) commits. */
  externalVersion(): number;
  transaction<T>(fn: () => T): T;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const hex = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : null);
/** A stamp's recent client keys: 4 bytes each, newest first. */
const MAX_RECENT_CLIENTS = 8;
const recentOf = (v: unknown): readonly number[] => {
  if (!(v instanceof Uint8Array)) return [];
  const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i += 4) out.push(b.readUInt32BE(i));
  return out;
};
const recentBlob = (keys: readonly number[]): Buffer | null => {
  if (!keys.length) return null;
  const b = Buffer.allocUnsafe(keys.length * 4);
  keys.forEach((k, i) => b.writeUInt32BE(k, i * 4));
  return b;
};
const iso = (ms: number) => new Date(ms).toISOString();

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
  pinLastFailureAt: num(r.pin_last_failure_at),
  pinUsedAt: str(r.pin_used_at),
  pinUsedDevice: str(r.pin_used_device),
  status: r.status as StampRecord['status'],
  revokedAt: str(r.revoked_at),
  revokeReason: str(r.revoke_reason),
  signals: {
    checks: Number(r.checks ?? 0),
    firstAt: num(r.first_check_at),
    lastAt: num(r.last_check_at),
    evidence: parseEvidence(str(r.evidence)),
    overflow: Number(r.evidence_overflow ?? 0),
  },
});

const FLAG_EVIDENCE = 1;
const FLAG_SIGNED_DEVICE = 2;
const FLAG_OVER_SOFT_LIMIT = 4;

const toScanEvent = (r: Row): ScanEvent => ({
  id: Number(r.id),
  serial: str(r.serial),
  kid: str(r.kid),
  verdict: SCAN_VERDICTS[Number(r.verdict)] ?? 'unverified',
  reasons: decodeReasons(Number(r.reasons)),
  deviceHash: hex(r.device),
  network: hex(r.network),
  placeCode: str(r.place),
  scannedAt: iso(Number(r.scanned_at)),
  receivedAt: iso(Number(r.received_at)),
  evidence: (Number(r.flags) & FLAG_EVIDENCE) !== 0,
  signedDevice: (Number(r.flags) & FLAG_SIGNED_DEVICE) !== 0,
});

/** 10 bytes of SHA-256 of a client event id: unique enough for billions of scans (~1e-6 chance of one clash). */
export const clientKeyOf = (clientEventId: string): Buffer => createHash('sha256').update(clientEventId).digest().subarray(0, 10);

// A verify asks hasClientEvent and then recordScan for the same id in one synchronous stretch:
// the key of the latest id is kept so it is hashed once.
let lastClientId: string | null = null;
let lastClientKey: Buffer | null = null;
const clientKeyOfRecent = (clientEventId: string): Buffer => {
  if (clientEventId !== lastClientId) {
    lastClientKey = clientKeyOf(clientEventId);
    lastClientId = clientEventId;
  }
  return lastClientKey!;
};

/** The 4 bytes of a client key kept in a stamp's row (1 in 500 million odds that one of 8 clashes). */
const shortKeyOf = (clientKey: Buffer) => clientKey.readUInt32BE(0);

/** What a scan not yet committed changes in its stamp's row. */
interface StampChange {
  signals: StampSignals;
  recent: readonly number[];
}

interface PendingScan {
  event: NewScanEvent;
  /** Stored in the scan row only for scans that change no stamp row (their stamp keeps it otherwise). */
  clientKey: Buffer | null;
  /** The key, as hex, while it is being written. */
  pendingKey: string | null;
  change: StampChange | undefined;
}

/** A stamp row as cached: the record and the keys of its latest client event ids. */
interface CachedStamp {
  record: StampRecord;
  recent: readonly number[];
}

export interface StampRepositoryOptions {
  /** Checkpoint the WAL from a worker thread instead of inside a commit (default true). */
  backgroundCheckpoints?: boolean;
  /** Group-commit settings (busy wait per attempt, retry backoff, when callers give up). */
  writer?: ScanWriterOptions;
}

/** Build the stamp repository over SQLite. */
export function createStampRepository(db: Db, options: StampRepositoryOptions = {}): StampRepository {
  if (options.backgroundCheckpoints ?? true) startWalCheckpointer(db);
  // Each scan's commit walks the stamps b-tree and the history and client-key indexes: with
  // 64 MB (SQLite's default is 2 MB) their inner pages stay in this connection at 10M stamps
  // (~35 MB of them), and only the leaves come from the OS page cache, where the reader
  // worker put them (measured in bench:growth: the commit was 170 µs a scan with 2 MB).
  if (!db.memory) db.pragma('cache_size = -65536');
  syncReasonCodes(db);
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
  const pinFailure = db.prepare('UPDATE stamps SET pin_failures = pin_failures + 1, pin_last_failure_at = ? WHERE serial = ? RETURNING pin_failures').pluck();
  const pinUsed = db.prepare('UPDATE stamps SET pin_used_at = ?, pin_used_device = ? WHERE serial = ? AND pin_used_at IS NULL');
  const pageOf = db.prepare('SELECT * FROM scan_log WHERE serial = ? AND id < ? ORDER BY id DESC LIMIT ?');
  const firstOf = db.prepare('SELECT * FROM scan_log WHERE serial = ? ORDER BY id LIMIT ?');
  const withReason = db.prepare('SELECT * FROM scan_log WHERE verdict = 3 AND (reasons & ?) != 0 ORDER BY received_at DESC, id DESC LIMIT ?');
  const clientKnown = db.prepare('SELECT 1 FROM scans WHERE client_key = ?').pluck();
  const insertScan = db.prepare(
    `INSERT INTO scans (serial, kid, client_key, verdict, reasons, device, network, place_id, received_at, scan_lag, flags)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const updateSignals = db.prepare('UPDATE stamps SET checks = ?, first_check_at = ?, last_check_at = ?, evidence = ?, evidence_overflow = ?, recent_clients = ? WHERE serial = ?');
  const placeIds = createPlaceIds(db);

  // What scans not yet committed change in their stamp rows, per serial: a stamp row re-read
  // meanwhile (after another process's commit cleared the caches) must not lose it.
  const unwritten = new Map<string, StampChange>();
  const pendingClientKeys = new Set<string>();
  const writer = createScanWriter<PendingScan>(
    db,
    (rows) =>
      placeIds.inTransaction(() => {
        const latest = new Map<string, StampChange>();
        for (const { event: e, clientKey, change } of rows) {
          const flags = (e.evidence ? FLAG_EVIDENCE : 0) | (e.signedDevice ? FLAG_SIGNED_DEVICE : 0) | (e.overSoftLimit ? FLAG_OVER_SOFT_LIMIT : 0);
          const receivedAt = Date.parse(e.receivedAt);
          insertScan.run(
            e.serial,
            e.kid,
            clientKey,
            Math.max(0, SCAN_VERDICTS.indexOf(e.verdict)),
            encodeReasons(e.reasons),
            e.deviceHash ? Buffer.from(e.deviceHash, 'hex') : null,
            e.network ? Buffer.from(e.network, 'hex') : null,
            e.placeCode ? placeIds.idOf(e.placeCode) : null,
            receivedAt,
            receivedAt - Date.parse(e.scannedAt),
            flags,
          );
          if (change && e.serial) latest.set(e.serial, change);
        }
        // One row update per stamp per commit, however many of its scans the group holds.
        for (const [serial, { signals: s, recent }] of latest) updateSignals.run(s.checks, s.firstAt, s.lastAt, serializeEvidence(s), s.overflow, recentBlob(recent), serial);
      }),
    options.writer,
    // Committed rows are readable from the database now: forget what was kept for them, and a
    // stamp's unwritten change only if no later scan has changed it since.
    (rows) => {
      for (const { event, pendingKey, change } of rows) {
        if (pendingKey) pendingClientKeys.delete(pendingKey);
        if (change && event.serial && unwritten.get(event.serial) === change) unwritten.delete(event.serial);
        // A worker reading this stamp may have read the row before this commit, and its
        // change is no longer kept apart to lay over that row: read it again here instead.
        const l = change && event.serial ? loading.get(event.serial) : undefined;
        if (l) l.stale = true;
      }
    },
  );
  const dataVersion = db.prepare('PRAGMA data_version').pluck();

  // Read caches for the verify hot path. This connection's own writes update them;
  // another process's commit (a CLI revoking a batch) changes data_version and clears them.
  const stampCache = createRecentCache<string, CachedStamp | null>(100_000);
  const batchCache = createRecentCache<string, Batch | null>(10_000);
  // Stamps being read by a worker; a change to one meanwhile makes its read stale.
  const loading = new Map<string, { promise: Promise<StampRecord | null>; stale: boolean }>();
  const readers = createStampReaders(db);
  let seenVersion = -1;
  // One PRAGMA per turn of the event loop (every request of the turn shares it: a query
  // costs ~2 µs plus a read lock): another process's commit shows from the next turn.
  const externalWritesTurn = createTurnLatch();
  const markAllLoadsStale = () => {
    for (const l of loading.values()) l.stale = true;
  };
  const clearStamps = () => {
    stampCache.clear();
    markAllLoadsStale();
  };
  const checkExternalWrites = () => {
    if (!externalWritesTurn.first()) return;
    const v = Number(dataVersion.get());
    if (v === seenVersion) return;
    seenVersion = v;
    clearStamps();
    batchCache.clear();
  };
  const forgetStamp = (serial: string) => {
    stampCache.delete(serial);
    const l = loading.get(serial);
    if (l) l.stale = true;
  };
  /** A stamp row as read (here or by a worker), with what its uncommitted scans changed. */
  const cachedFromRow = (serial: string, r: Row | undefined | null): CachedStamp | null => {
    if (!r) return null;
    const s = toStamp(r);
    const waiting = unwritten.get(serial);
    return waiting ? { record: { ...s, signals: waiting.signals }, recent: waiting.recent } : { record: s, recent: recentOf(r.recent_clients) };
  };
  const batchFromRow = (id: string, r: Row | undefined | null) => {
    const b = r ? toBatch(r) : null;
    batchCache.set(id, b);
    return b;
  };
  /** The cached stamp, read here (synchronously) when it is not cached. */
  const stampNow = (serial: string): CachedStamp | null => {
    checkExternalWrites();
    let c = stampCache.get(serial);
    if (c === undefined) {
      c = cachedFromRow(serial, stampBySerial.get(serial) as Row | undefined);
      stampCache.set(serial, c);
    }
    return c;
  };
  const cachedStamp = (serial: string): StampRecord | null | undefined => {
    checkExternalWrites();
    const c = stampCache.get(serial);
    return c === undefined ? undefined : (c?.record ?? null);
  };
  const clientKnownFor = (clientKey: Buffer, serial: string | null | undefined): boolean => {
    if (pendingClientKeys.has(clientKey.toString('hex'))) return true;
    if (serial) {
      const s = stampNow(serial);
      if (s && s.recent.includes(shortKeyOf(clientKey))) return true;
    }
    return clientKnown.get(clientKey) !== undefined;
  };

  return {
    insertBatch(b) {
      insertBatch.run({ ...b, hasPin: b.hasPin ? 1 : 0, isDemo: b.isDemo ? 1 : 0 });
    },
    insertStamps(stamps) {
      db.transaction(() => {
        for (const s of stamps) insertStamp.run(s.serial, s.batchId, s.kid, s.pinHash);
      })();
      clearStamps(); // serials looked up before they were issued were cached as absent
    },
    batch(id) {
      checkExternalWrites();
      const b = batchCache.get(id);
      return b === undefined ? batchFromRow(id, batchById.get(id) as Row | undefined) : b;
    },
    pendingBatches: () => (batchesPending.all() as Row[]).map(toBatch),
    serialsOfBatch: (id) => serialsOf.all(id) as string[],
    setPinHashes(batchId, hashes) {
      db.transaction(() => {
        for (const h of hashes) setPinHash.run(h.pinHash, h.serial, batchId);
      })();
      clearStamps();
    },
    activateBatch(id) {
      const done = activateBatch.run(id).changes === 1;
      batchCache.delete(id);
      // A worker may have read the batch as pending: its answer must not prime the cache.
      markAllLoadsStale();
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
      clearStamps();
      batchCache.delete(id);
      return n;
    },
    stamp(serial) {
      return stampNow(serial)?.record ?? null;
    },
    cachedStamp,
    startReaders: () => readers.start(),
    loadStamp(serial, clientEventId) {
      const cached = cachedStamp(serial);
      if (cached !== undefined) return Promise.resolve(cached);
      const inFlight = loading.get(serial);
      if (inFlight) return inFlight.promise;
      const read = readers.read(serial, clientEventId ? clientKeyOfRecent(clientEventId) : null);
      if (!read) return Promise.resolve(stampNow(serial)?.record ?? null); // no worker (in-memory database, or it failed)
      const entry = {
        stale: false,
        promise: read.then(
          (got) => {
            loading.delete(serial);
            checkExternalWrites();
            // Changed or read here meanwhile: the worker's row may predate that, this one is current.
            if (entry.stale) return stampNow(serial)?.record ?? null;
            const now = stampCache.get(serial);
            if (now !== undefined) return now?.record ?? null;
            const c = cachedFromRow(serial, got.stamp);
            stampCache.set(serial, c);
            if (c && got.batch && batchCache.get(c.record.batchId) === undefined) batchFromRow(c.record.batchId, got.batch);
            return c?.record ?? null;
          },
          () => {
            loading.delete(serial);
            return stampNow(serial)?.record ?? null;
          },
        ),
      };
      loading.set(serial, entry);
      return entry.promise;
    },
    revokeBatch(id, at, reason) {
      const n = db.transaction(() => {
        revokeBatch.run(at, reason, id);
        return revokeStampsOfBatch.run(at, reason, id).changes;
      })();
      clearStamps();
      batchCache.delete(id);
      return n;
    },
    revokeStamp(serial, at, reason) {
      forgetStamp(serial);
      return revokeStamp.run(at, reason, serial).changes === 1;
    },
    recordPinFailure(serial, atMs) {
      forgetStamp(serial);
      return Number(pinFailure.get(atMs, serial) ?? 0);
    },
    markPinUsed(serial, at, deviceHash) {
      forgetStamp(serial);
      pinUsed.run(at, deviceHash, serial);
    },
    scanPage(serial, page = {}) {
      const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
      return (pageOf.all(serial, page.beforeId ?? Number.MAX_SAFE_INTEGER, limit) as Row[]).map(toScanEvent);
    },
    scanEvents(serial, limit = 10_000) {
      return (firstOf.all(serial, limit) as Row[]).map(toScanEvent);
    },
    hasClientEvent(clientEventId, serial) {
      return clientKnownFor(clientKeyOfRecent(clientEventId), serial);
    },
    scanEventsWithReason(code, limit) {
      return (withReason.all(2 ** SCAN_REASON_CODES.indexOf(code), limit) as Row[]).map(toScanEvent);
    },
    recordScan(event, signals) {
      const clientKey = event.clientEventId ? clientKeyOfRecent(event.clientEventId) : null;
      const pendingKey = clientKey ? clientKey.toString('hex') : null;
      if (clientKey && clientKnownFor(clientKey, event.serial)) return false;
      if (pendingKey) pendingClientKeys.add(pendingKey);
      let change: StampChange | undefined;
      const current = signals && event.serial ? stampNow(event.serial) : null;
      if (signals && event.serial && current) {
        change = { signals, recent: clientKey ? [shortKeyOf(clientKey), ...current.recent].slice(0, MAX_RECENT_CLIENTS) : current.recent };
        unwritten.set(event.serial, change);
        stampCache.set(event.serial, { record: { ...current.record, signals }, recent: change.recent });
        const l = loading.get(event.serial);
        if (l) l.stale = true;
      }
      // A scan that changes no stamp row keeps its client key itself.
      writer.add({ event, clientKey: change ? null : clientKey, pendingKey, change });
      return true;
    },
    committed: () => writer.commit(),
    flush: () => writer.flush(),
    externalVersion() {
      return Number(dataVersion.get());
    },
    transaction(fn) {
      return db.transaction(fn)();
    },
  };
}

/**
 * Small integer ids for the coarse places scans name (scan_places), kept in memory: a few
 * thousand wards and provinces at most, as verify accepts only current ones. Ids made inside
 * a write that then fails are forgotten with it.
 */
function createPlaceIds(db: Db) {
  const select = db.prepare('SELECT id FROM scan_places WHERE code = ?').pluck();
  const insert = db.prepare('INSERT INTO scan_places (code) VALUES (?)');
  const known = new Map<string, number>();
  let made: string[] = [];
  return {
    idOf(code: string): number {
      let id = known.get(code);
      if (id === undefined) {
        id = select.get(code) as number | undefined;
        if (id === undefined) {
          id = Number(insert.run(code).lastInsertRowid);
          made.push(code);
        }
        known.set(code, id);
      }
      return id;
    },
    /** Run `fn` in one transaction. */
    inTransaction(fn: () => void) {
      made = [];
      try {
        db.transaction(fn)();
      } catch (e) {
        for (const code of made) known.delete(code);
        throw e;
      } finally {
        made = [];
      }
    },
  };
}

/** Append reason codes added to the code table since the database was created. */
function syncReasonCodes(db: Db) {
  const known = new Set(db.prepare('SELECT code FROM scan_reason_codes').pluck().all() as string[]);
  const add = db.prepare('INSERT INTO scan_reason_codes (bit, code) VALUES (?, ?)');
  SCAN_REASON_CODES.forEach((code, bit) => {
    if (!known.has(code)) add.run(bit, code);
  });
}
