// `npm start` runs this first: build the PWA (vite build → web/dist) when it is missing
// or older than its sources, so a fresh clone needs only `npm install && npm start`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['web', 'server/domain', 'vite.config.ts', 'package-lock.json'];
const BUILT = 'web/dist/index.html';

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

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newestMtime));
if (builtAt >= sourcesAt) {
  console.log('web app: web/dist is up to date');
} else {
  console.log(builtAt ? 'web app: sources changed, rebuilding web/dist …' : 'web app: building web/dist (first start) …');
  const started = Date.now();
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  console.log(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
