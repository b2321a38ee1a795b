// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
// commit crosses 1,000 WAL pages and fsyncs the database file there: measured on the verify
// server, 1 in 25 write-behind flushes of scan events then took 5–50 ms instead of 0.7 ms,
// stalling every request in flight. So this connection stops checkpointing itself and a
// worker thread with its own connection runs PASSIVE checkpoints (which never block
// writers or readers and, unlike TRUNCATE/RESTART, do not bump other connections'
// PRAGMA data_version, on which the stamp caches rely).
import type { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { startWorker } from './worker-entry';

export interface WalCheckpointer {
  /** Stop the worker and give checkpointing back to the connection. */
  stop(): void;
  /** Settles once the worker thread has exited. */
  exited: Promise<void>;
}

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Checkpoint `db`'s WAL every `intervalMs` from a worker thread; a no-op (null) for
 * in-memory or non-WAL databases. Stops by itself once `db` is closed.
 */
export function startWalCheckpointer(db: Db, options: { intervalMs?: number } = {}): WalCheckpointer | null {
  if (db.memory || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  let worker: Worker;
  try {
    worker = startWorker(import.meta.url, './wal-checkpointer.worker.ts', { workerData: { path: db.name } });
  } catch {
    return null;
  }
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    worker.postMessage('stop');
    // Back to SQLite's own checkpoints if the connection lives on (e.g. the worker failed).
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  const timer = setInterval(() => (db.open ? worker.postMessage('checkpoint') : stop()), options.intervalMs ?? 1000);
  timer.unref();
  worker.unref();
  worker.on('message', stop); // a failed checkpoint: let SQLite checkpoint by itself again
  worker.on('error', stop);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(stop);
  return { stop, exited };
}
