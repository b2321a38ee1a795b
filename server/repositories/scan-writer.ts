// Group commit of scans: every scan recorded in one turn of the event loop is written in one
// transaction right after it (setImmediate), and each caller awaits that commit before it
// answers (issue #9 item 6: an answered scan is on disk and survives kill -9; WAL with
// synchronous=NORMAL makes a commit durable against a process crash). Fifty concurrent
// scans still cost one commit, so throughput holds.
import type { Db } from '../db/connection';

export interface ScanWriterOptions {
  /** Longest wait for another process's write lock in one attempt (default 5 ms). */
  busyMs?: number;
  /** How long callers wait for their commit before being told it failed (default 3 s). */
  giveUpMs?: number;
  /** Wait before retrying a failed write: `first`, doubling up to `max` (default 10 ms … 1 s). */
  retryDelayMs?: { first: number; max: number };
  log?: (message: string) => void;
}

export interface ScanWriter<T> {
  /** Queue a row; `commit()` settles once it (and everything queued before) is written. */
  add(row: T): void;
  /** Resolves when every row added so far is committed; rejects after giveUpMs of failures. */
  commit(): Promise<void>;
  /** Write now, synchronously, waiting the full busy_timeout (shutdown, tests); throws on failure. */
  flush(): void;
  /** Rows waiting to be written (they stay readable through the caller's own caches). */
  pending(): readonly T[];
}

interface Waiter {
  resolve(): void;
  reject(e: Error): void;
  since: number;
}

/** A writer over `write`, which must write all given rows in one transaction. */
export function createScanWriter<T>(db: Db, write: (rows: T[]) => void, options: ScanWriterOptions = {}): ScanWriter<T> {
  const defaultBusyMs = Number(db.pragma('busy_timeout', { simple: true }));
  // better-sqlite3 waits for a lock synchronously, stopping every request meanwhile: each
  // attempt waits only a few ms and the retries, off the loop, do the waiting.
  const busyMs = Math.min(options.busyMs ?? 5, defaultBusyMs);
  const giveUpMs = options.giveUpMs ?? 3000;
  const retry = options.retryDelayMs ?? { first: 10, max: 1000 };
  const log = options.log ?? ((m: string) => console.error(m));
  let rows: T[] = [];
  let waiters: Waiter[] = [];
  let scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let retryDelay = 0;

  const attempt = (wait: number): Error | null => {
    if (!rows.length) return null;
    const batch = rows;
    try {
      // db.pragma each time, not a prepared statement: SQLite applies busy_timeout when the
      // PRAGMA is compiled, so re-running a prepared one changes nothing.
      if (wait !== defaultBusyMs) db.pragma(`busy_timeout = ${wait}`);
      try {
        write(batch);
      } finally {
        if (wait !== defaultBusyMs && db.open) db.pragma(`busy_timeout = ${defaultBusyMs}`);
      }
    } catch (e) {
      return new Error(`could not write ${batch.length} scan${batch.length === 1 ? '' : 's'}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
    rows = []; // write() is synchronous: nothing was added meanwhile
    return null;
  };

  const settle = (error: Error | null) => {
    const now = Date.now();
    if (!error) {
      const done = waiters;
      waiters = [];
      for (const w of done) w.resolve();
      return;
    }
    // Callers that waited too long are told; their rows stay queued and are written on a retry.
    waiters = waiters.filter((w) => {
      if (now - w.since < giveUpMs) return true;
      w.reject(error);
      return false;
    });
  };

  const run = () => {
    scheduled = null;
    const error = attempt(busyMs);
    settle(error);
    if (!error) {
      retryDelay = 0;
      return;
    }
    if (!db.open) {
      log(`scan writer: ${error.message}; the database is closed, not retrying`);
      for (const w of waiters) w.reject(error);
      waiters = [];
      return;
    }
    retryDelay = retryDelay ? Math.min(retryDelay * 2, retry.max) : retry.first;
    log(`scan writer: ${error.message.replace(/\s+/g, ' ')}; retrying in ${retryDelay} ms`);
    scheduled = setTimeout(run, retryDelay);
  };

  return {
    add(row) {
      rows.push(row);
      scheduled ??= setImmediate(run);
    },
    commit() {
      if (!rows.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject, since: Date.now() }));
    },
    flush() {
      if (scheduled) {
        clearTimeout(scheduled as NodeJS.Timeout);
        clearImmediate(scheduled as NodeJS.Immediate);
        scheduled = null;
      }
      const error = attempt(defaultBusyMs);
      settle(error);
      if (error) {
        if (rows.length && db.open) scheduled = setTimeout(run, retry.first);
        throw error;
      }
    },
    pending: () => rows,
  };
}
