// Stamp reads off the event loop (issue #10 item 4). Once the database outgrows memory (or
// just after a restart) a stamp row is a disk read; better-sqlite3 reads synchronously, so
// on the main thread every request in flight, /api/health included, waited for it. Reads
// that miss the stamp cache go to a few worker threads, each with its own read-only
// connection; the main thread keeps only the writes (group commit) and cached reads.
import type { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection';
import type { StampReadAnswer } from './stamp-reader.worker';
import { startWorker } from './worker-entry';

export interface StampRead {
  stamp: Record<string, unknown> | null;
  batch: Record<string, unknown> | null;
}

export interface StampReaders {
  /** Start the workers now (the server does at start-up: each takes a moment to boot); settles when they are ready or failed. */
  start(): Promise<void>;
  /**
   * Read a stamp row and its batch's in a worker; null when no worker is ready (read here
   * instead). With a client key the worker also looks it up (and drops the answer): the
   * main thread's own check of it then finds the index page in the OS page cache.
   */
  read(serial: string, clientKey?: Buffer | null): Promise<StampRead> | null;
}

interface Reader {
  worker: Worker;
  ready: boolean;
  inFlight: number;
}

/**
 * `STAMP_READERS` workers (default 2; 0 turns them off; they mostly wait on the disk, so
 * more than the cores is fine on slow disks) over `db`'s file, started on the first read. None for an in-memory database. Until a worker is ready, or after one
 * fails, `read` returns null and the caller reads on its own connection as before.
 */
export function createStampReaders(db: Db, count = Number(process.env.STAMP_READERS ?? 2)): StampReaders {
  const none: StampReaders = { start: () => Promise.resolve(), read: () => null };
  if (db.memory || !(count > 0)) return none;
  const readers: Reader[] = [];
  const calls = new Map<number, { resolve(r: StampRead): void; reject(e: Error): void; reader: Reader }>();
  let nextId = 1;
  let started = false;
  const booted: Promise<void>[] = [];
  let stopped = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const r of readers) r.worker.postMessage('stop');
    for (const [, c] of calls) c.reject(new Error('stamp readers stopped'));
    calls.clear();
  };
  const start = () => {
    started = true;
    // Workers hold their own connections: end them once the server's is closed.
    const watch = setInterval(() => {
      if (db.open) return;
      clearInterval(watch);
      stop();
    }, 1000);
    watch.unref();
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = startWorker(import.meta.url, './stamp-reader.worker.ts', { workerData: { path: db.name } });
      } catch {
        continue;
      }
      const reader: Reader = { worker, ready: false, inFlight: 0 };
      readers.push(reader);
      worker.unref();
      booted.push(
        new Promise<void>((resolve) => {
          worker.once('message', () => resolve());
          worker.once('error', () => resolve());
          worker.once('exit', () => resolve());
        }),
      );
      worker.on('message', (m: StampReadAnswer | 'ready') => {
        if (m === 'ready') {
          reader.ready = true;
          return;
        }
        const call = calls.get(m.id);
        if (!call) return;
        calls.delete(m.id);
        reader.inFlight--;
        if (m.error !== undefined) call.reject(new Error(m.error));
        else call.resolve({ stamp: m.stamp ?? null, batch: m.batch ?? null });
      });
      const fail = () => {
        reader.ready = false;
        for (const [id, c] of calls) {
          if (c.reader !== reader) continue;
          calls.delete(id);
          c.reject(new Error('stamp reader exited'));
        }
      };
      worker.on('error', fail);
      worker.on('exit', fail);
    }
  };

  return {
    start() {
      if (!started && !stopped && db.open) start();
      return Promise.all(booted).then(() => {});
    },
    read(serial, clientKey) {
      if (stopped) return null;
      if (!db.open) {
        stop();
        return null;
      }
      if (!started) start();
      // The least busy ready worker.
      let best: Reader | null = null;
      for (const r of readers) if (r.ready && (!best || r.inFlight < best.inFlight)) best = r;
      if (!best) return null;
      const id = nextId++;
      const reader = best;
      reader.inFlight++;
      return new Promise<StampRead>((resolve, reject) => {
        calls.set(id, { resolve, reject, reader });
        reader.worker.postMessage({ id, serial, clientKey: clientKey ?? null });
      });
    },
  };
}
