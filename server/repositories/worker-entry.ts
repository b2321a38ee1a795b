// Where a worker thread's code is: the compiled server (npm start) has every
// `server/**/*.worker.ts` bundled as dist/server/<name>.worker.js next to main.js; under
// tsx or vitest the caller is a .ts source and the worker is the .ts file beside it.
import { basename } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Compiled bundles are .js; sources run by tsx or vitest keep their .ts URL. */
const isSource = (callerUrl: string) => /\.[cm]?tsx?$/.test(new URL(callerUrl).pathname);

/**
 * The URL of worker module `source` (a path relative to the caller's source file, ending in
 * `.worker.ts`): the .ts file itself when the caller runs from source, else the compiled
 * `<name>.worker.js` beside the caller's bundle.
 */
export function workerEntryUrl(callerUrl: string, source: string): URL {
  if (!/\.worker\.ts$/.test(source)) throw new Error(`worker module "${source}" must be named *.worker.ts (the server build bundles those)`);
  if (isSource(callerUrl)) return new URL(source, callerUrl);
  return new URL(`./${basename(source).replace(/\.ts$/, '.js')}`, callerUrl);
}

/**
 * Start worker module `source` (see workerEntryUrl). Compiled, Node loads the .js directly;
 * from source, Node 20 workers do not inherit tsx's TypeScript loader, so a one-line boot
 * registers it first (development and tests only).
 */
export function startWorker(callerUrl: string, source: string, options: WorkerOptions = {}): Worker {
  const url = workerEntryUrl(callerUrl, source);
  if (!isSource(callerUrl)) return new Worker(url, options);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  // Not the parent's Node flags: under the tsx CLI they load its preflight (signal relaying)
  // into every thread; the boot above registers the TypeScript loader where it is needed.
  return new Worker(boot, { execArgv: [], ...options, eval: true });
}
