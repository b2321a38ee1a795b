// Worker thread: its own connection to the database, running a PASSIVE checkpoint each
// time the main thread asks (see wal-checkpointer.ts for why).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort!;
const db = new Database((workerData as { path: string }).path, { fileMustExist: true });
port.on('message', (m: unknown) => {
  if (m === 'stop') {
    db.close();
    port.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
