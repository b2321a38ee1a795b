// The compiled server (npm start runs dist/server/main.js, no TypeScript loader): every
// worker module is bundled beside main.js and runs as plain JavaScript, and the worker
// helper finds the compiled file from a bundle and the .ts file from source.
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledServerArgs } from '../../scripts/lib/app-server';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { generateSerial, stampSigningMessage } from '../../server/domain/stamp-codec';
import { privateKeyObject } from '../../server/repositories/stamp-signer.repository';
import { workerEntryUrl } from '../../server/repositories/worker-entry';

const DIST = 'dist/server';
const workerSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? workerSources(join(dir, e.name)) : e.name.endsWith('.worker.ts') ? [join(dir, e.name)] : []));

/** Run a compiled worker until it exits, collecting its messages. */
function runWorker(file: string, workerData: unknown, send: unknown[] = []): Promise<{ messages: unknown[]; code: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(pathToFileURL(file), { workerData });
    const messages: unknown[] = [];
    worker.on('message', (m) => messages.push(m));
    worker.on('error', reject);
    worker.on('exit', (code) => resolve({ messages, code }));
    for (const m of send) worker.postMessage(m);
  });
}

let dir: string;
beforeAll(() => {
  compiledServerArgs();
  dir = mkdtempSync(join(tmpdir(), 'nv-server-build-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compiled server', () => {
  it('bundles main.js, its migrations and every *.worker.ts beside it', () => {
    expect(existsSync(join(DIST, 'main.js'))).toBe(true);
    const migrations = readdirSync('server/db/migrations').filter((f) => f.endsWith('.sql'));
    expect(readdirSync(join(DIST, 'migrations')).sort()).toEqual(migrations.sort());
    const workers = workerSources('server');
    expect(workers.length).toBeGreaterThanOrEqual(2);
    for (const w of workers) expect(existsSync(join(DIST, basename(w).replace(/\.ts$/, '.js'))), w).toBe(true);
  });

  it('signs in the compiled signing worker, with no TypeScript loader', async () => {
    const seed = new Uint8Array(randomBytes(32));
    const serials = Array.from({ length: 3 }, () => generateSerial((n) => new Uint8Array(randomBytes(n))));
    const { messages, code } = await runWorker(join(DIST, 'stamp-signer.worker.js'), { seed, kid: 'K1', serials });
    expect(code).toBe(0);
    const last = messages.at(-1) as { signatures: Uint8Array };
    expect(last.signatures.byteLength).toBe(64 * serials.length);
    const publicKey = createPublicKey(privateKeyObject(seed));
    serials.forEach((serial, i) => expect(verify(null, stampSigningMessage('K1', serial), publicKey, last.signatures.subarray(i * 64, (i + 1) * 64))).toBe(true));
  });

  it('checkpoints a WAL database in the compiled checkpointer worker and stops when told', async () => {
    const path = join(dir, 'wal.db');
    const db = openDatabase(path);
    migrate(db);
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare("INSERT INTO scans (serial, kid, verdict, reasons, received_at, scan_lag) VALUES (?, 'K', 0, 1, ?, 0)");
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`SERIAL${i % 50}`, Date.now());
    })();
    const before = statSync(path).size;
    const { messages, code } = await runWorker(join(DIST, 'wal-checkpointer.worker.js'), { path }, ['checkpoint', 'stop']);
    expect(messages).toEqual([]); // no checkpoint error
    expect(code).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(before);
    db.close();
  });
});

describe('workerEntryUrl', () => {
  it('is the .ts module beside a source caller and the compiled .js beside a bundle', () => {
    expect(workerEntryUrl('file:///app/server/repositories/stamp-signer.repository.ts', './stamp-signer.worker.ts').href).toBe('file:///app/server/repositories/stamp-signer.worker.ts');
    expect(workerEntryUrl('file:///app/dist/server/main.js', './stamp-signer.worker.ts').href).toBe('file:///app/dist/server/stamp-signer.worker.js');
    expect(workerEntryUrl('file:///app/dist/server/main.js', '../services/read/stamp-reader.worker.ts').href).toBe('file:///app/dist/server/stamp-reader.worker.js');
  });

  it('names the missing input when a clone lacks one, rather than a stack trace from deep in the build', () => {
    const root = mkdtempSync(join(dir, 'clone-'));
    mkdirSync(join(root, 'server'));
    writeFileSync(join(root, 'server', 'main.ts'), 'export {};\n');
    const run = spawnSync(process.execPath, [resolve('scripts/build-server.mjs')], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/server\/db\/migrations is missing/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a module the build would not bundle', () => {
    expect(() => workerEntryUrl('file:///app/dist/server/main.js', './helper.ts')).toThrow(/must be named \*\.worker\.ts/);
  });
});
