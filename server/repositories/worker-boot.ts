// How every worker thread of the server starts. Workers do not inherit tsx's TypeScript
// loader on Node 20, so a worker whose entry is a .ts module registers it first; an entry
// compiled to plain JavaScript is imported as it is. The one place to change when the
// server runs from compiled files.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Start a worker on the module at `entry` (a URL next to the caller, e.g. new URL('./x.worker.ts', import.meta.url)). */
export function startWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const url = JSON.stringify(entry.href);
  const source = entry.pathname.endsWith('.ts') ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); })` : `import(${url})`;
  // Not the parent's Node flags: under `tsx` they load its CLI preflight (signal relaying)
  // into every thread; the TypeScript loader is registered above where it is needed.
  return new Worker(source, { execArgv: [], ...options, eval: true });
}
