// Worker thread: reads stamp rows (and their batch) on its own read-only connection, so a
// read that waits on the disk stops only this thread, never the server's event loop. It
// also reads the last entry of the stamp's scans_serial range, which is where the scan's
// insert will land: that index page is then in the OS page cache when the main thread's
// group commit writes it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path } = workerData as { path: string };
const db = new Database(path, { readonly: true, fileMustExist: true });
const stamp = db.prepare('SELECT * FROM stamps WHERE serial = ?');
const batch = db.prepare('SELECT * FROM batches WHERE id = ?');
const touchIndex = db.prepare('SELECT id FROM scans WHERE serial = ? ORDER BY id DESC LIMIT 1').pluck();
const touchClient = db.prepare('SELECT 1 FROM scans WHERE client_key = ?').pluck();

export interface StampReadRequest {
  id: number;
  serial: string;
  /** The scan's client key: its page of the client-key index is read too (the main thread checks it next). */
  clientKey: Uint8Array | null;
}

export interface StampReadAnswer {
  id: number;
  stamp?: Record<string, unknown> | null;
  batch?: Record<string, unknown> | null;
  error?: string;
}

parentPort!.on('message', (m: StampReadRequest | 'stop') => {
  if (m === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  let answer: StampReadAnswer;
  try {
    const s = (stamp.get(m.serial) as Record<string, unknown> | undefined) ?? null;
    const b = s ? ((batch.get(s.batch_id) as Record<string, unknown> | undefined) ?? null) : null;
    if (s) touchIndex.get(m.serial);
    if (m.clientKey) touchClient.get(m.clientKey);
    answer = { id: m.id, stamp: s, batch: b };
  } catch (e) {
    answer = { id: m.id, error: String((e as Error)?.message ?? e) };
  }
  parentPort!.postMessage(answer);
});
parentPort!.postMessage('ready');
