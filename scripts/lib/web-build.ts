// Build the PWA (vite build → web/dist) when it is missing or older than its sources.
// Used by `npm start`, the e2e tests and bench:web, so each sees the current app.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['web', 'server/domain', 'vite.config.ts', 'package-lock.json'];
export const WEB_DIST = 'web/dist';
const BUILT = join(WEB_DIST, 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (path === 'web' && entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Run vite build if web/dist is stale; returns whether it built. */
export function buildWebIfStale(log: (m: string) => void = console.log): boolean {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newestMtime));
  if (builtAt >= sourcesAt) return false;
  log(builtAt ? 'web app: sources changed, rebuilding web/dist …' : 'web app: building web/dist …');
  const started = Date.now();
  // NODE_ENV from a caller (vitest sets "test") would make Vite build a development bundle.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'production', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  log(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
