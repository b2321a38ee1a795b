// Compile the server to plain JavaScript (esbuild → dist/server/) when it is missing or
// older than its sources, so production runs `node dist/server/main.js` with no
// TypeScript loader. Plain .mjs because it runs before anything is compiled.
//
// Bundled: server/main.ts, every server/**/*.worker.ts (started through
// server/repositories/worker-entry.ts, which finds them next to main.js) and the web
// build check that `npm start` runs. Packages stay external (node_modules at run time).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

export const SERVER_DIST = 'dist/server';
const BUILD_INFO = join(SERVER_DIST, 'build-info.json');
const MIGRATIONS = 'server/db/migrations';
// What the bundles are made of beyond what the last build's metafile lists (a new file
// under server/ is not in it yet).
const SOURCES = ['server', 'scripts/lib/web-build.ts', 'scripts/lib/server-build.mjs', 'package-lock.json', 'tsconfig.json'];

/** Newest modification time under `path` (directories count: a deleted file changes its folder). */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function findWorkers(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findWorkers(path));
    else if (entry.name.endsWith('.worker.ts')) found.push(path);
  }
  return found;
}

/** Whether dist/server is older than any of its inputs (or absent). */
export function serverBuildIsStale(root = process.cwd()) {
  const infoPath = join(root, BUILD_INFO);
  if (!existsSync(infoPath)) return true;
  let info;
  try {
    info = JSON.parse(readFileSync(infoPath, 'utf8'));
  } catch {
    return true;
  }
  const inputs = [...SOURCES, ...(info.inputs ?? [])].map((p) => join(root, p));
  return inputs.some((p) => !existsSync(p) || newestMtime(p) > info.builtAt);
}

/** Write `contents` to `path` through a temporary file, so a concurrent reader never sees half a file. */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

// What the build cannot do without; a clone lacking one gets their names, not esbuild's trace.
const REQUIRED_INPUTS = ['server/main.ts', 'scripts/lib/web-build.ts', MIGRATIONS];

/** Thrown when a build input is absent; scripts print its message alone and exit 1. */
export class MissingBuildInput extends Error {}

/** Bundle the server into dist/server/; returns how long it took in ms. */
export async function buildServer(root = process.cwd()) {
  const missing = REQUIRED_INPUTS.filter((p) => !existsSync(join(root, p)));
  if (missing.length) throw new MissingBuildInput(`server: cannot build dist/server in ${root}: ${missing.map((p) => `${p} is missing`).join(', ')} (is this a complete clone? git status shows deleted files)`);
  const started = performance.now();
  const builtAt = Date.now();
  const workers = findWorkers(join(root, 'server'));
  const names = new Map();
  for (const w of workers) {
    const name = basename(w);
    if (names.has(name)) throw new Error(`two worker modules are both named ${name} (${names.get(name)} and ${w}); dist/server holds them side by side, so rename one`);
    names.set(name, w);
  }
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'server/main.ts',
      'web-build': 'scripts/lib/web-build.ts',
      ...Object.fromEntries(workers.map((w) => [basename(w, '.ts'), relative(root, w)])),
    },
    outdir: SERVER_DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    // Stack traces keep function names (the error log is read by people).
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // server/db/migrate.ts reads its .sql files from `migrations/` beside its module.
  for (const sql of readdirSync(join(root, MIGRATIONS)).filter((f) => f.endsWith('.sql'))) {
    const target = join(root, SERVER_DIST, 'migrations', sql);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, MIGRATIONS, sql), `${target}.${process.pid}.tmp`);
    renameSync(`${target}.${process.pid}.tmp`, target);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  writeAtomically(join(root, BUILD_INFO), JSON.stringify({ builtAt, entries: Object.keys(result.metafile.outputs).filter((p) => p.endsWith('.js')), inputs }, null, 1));
  return performance.now() - started;
}

/** Build dist/server if stale; returns whether it built. */
export async function buildServerIfStale(log = console.log, root = process.cwd()) {
  if (!serverBuildIsStale(root)) return false;
  log(existsSync(join(root, BUILD_INFO)) ? 'server: sources changed, rebuilding dist/server …' : 'server: building dist/server …');
  const ms = await buildServer(root);
  log(`server: built in ${(ms / 1000).toFixed(1)} s`);
  return true;
}

export const serverEntry = (root = process.cwd()) => resolve(root, SERVER_DIST, 'main.js');
