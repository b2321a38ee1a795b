// `npm run backup` copies the live database while a real HTTP server keeps verifying (each
// verify writes a scan event); `npm run restore` puts the copy in place, and the restored
// database verifies the same stamps with the history it had.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { ServerType } from '@hono/node-server';
import { createApp } from '../../server/app';
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { fixedClock } from '../../server/repositories/clock';
import { startHttpServer } from '../../server/http-server';
import type { IssuedBatch } from '../../server/services/stamps/issue-batch.service';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime, TEST_NOW } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let server: ServerType;
let base: string;
let batch: IssuedBatch;
let dir: string;
beforeAll(async () => {
  // X-Forwarded-For stands for each phone's network; the load below comes from one address.
  t = await createTestRuntime({ TRUST_PROXY: '1', RATE_LIMITS: 'off' });
  dir = mkdtempSync(join(tmpdir(), 'nguon-viet-backup-'));
  const started = await startHttpServer(t.app, { port: 0, hostname: '127.0.0.1' });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  const hit = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  batch = await t.runtime.issuing.issueBatch({ productId: hit.hits[0]!.id, count: 20, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const cli = async (script: string, args: string[], databasePath: string) => {
  const env = { ...process.env, DATABASE_PATH: databasePath, ISSUER_KEY_DIR: t.runtime.deps.config.issuerKeyDir };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const verifyOver = async (url: string, stampUrl: string, deviceId: string, from = '192.0.2.1') => {
  const res = await fetch(`${url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ payload: stampUrl, deviceId }) });
  expect(res.status).toBe(200);
  return (await res.json()) as VerifyResult;
};
const countScans = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.prepare('SELECT COUNT(*) FROM scans').pluck().get());
  } finally {
    db.close();
  }
};

describe('backup and restore', () => {
  it('backs up while serving and writing, and the restored database verifies the same stamps', async () => {
    // History before the backup: stamp 0 checked by its owner, stamp 1 by four phones (a clone: caution).
    expect((await verifyOver(base, batch.stamps[0]!.url, 'owner-phone-0001')).verdict).toBe('authentic');
    // Four phones with ids the server issued, each on its own network.
    for (let i = 0; i < 4; i++) {
      const phone = ((await (await fetch(`${base}/api/device`, { method: 'POST' })).json()) as { deviceToken: string }).deviceToken;
      await verifyOver(base, batch.stamps[1]!.url, phone, `198.51.${100 + i}.7`);
    }
    const live = t.runtime.deps.config.databasePath;
    const scansBefore = countScans(live);

    // Verify load (each one a scan event written) for as long as the backup runs.
    let loading = true;
    let answered = 0;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        await verifyOver(base, batch.stamps[2 + (i % 18)]!.url, `load-phone-${i % 50}`);
        answered++;
      }
    })();
    const target = join(dir, 'backup.db');
    const backup = await cli('scripts/backup.ts', [target], live);
    loading = false;
    await load;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* copied in \d+\.\d\d s/);
    expect(backup.stdout).toMatch(/Keys are not in the backup/);
    expect(answered).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['backup.db']);
    const scansInBackup = countScans(target);
    expect(scansInBackup).toBeGreaterThanOrEqual(scansBefore);

    // A backup never overwrites.
    expect((await cli('scripts/backup.ts', [target], live)).code).toBe(1);

    // Restore into a fresh place, then serve from it with the same key folder.
    const restoredPath = join(dir, 'restored', 'app.db');
    const restore = await cli('scripts/restore.ts', [target], restoredPath);
    expect(restore.code, restore.stderr).toBe(0);
    const config = readConfig({ DATABASE_PATH: restoredPath, ISSUER_KEY_DIR: t.runtime.deps.config.issuerKeyDir, PUBLIC_URL: 'https://nguonviet.vn', PORT: '0', SEED_ON_START: 'false', TRUST_PROXY: '1' });
    const restored = await bootstrap(config, { clock: fixedClock(TEST_NOW), log: () => {} });
    try {
      const app = createApp(restored.deps);
      const ask = async (stampUrl: string, deviceId: string) =>
        (await (await app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' }, body: JSON.stringify({ payload: stampUrl, deviceId }) })).json()) as VerifyResult;
      const owner = await ask(batch.stamps[0]!.url, 'owner-phone-0001');
      expect(owner.verdict).toBe('authentic');
      expect(owner.stamp?.checks).toBe(2); // its first check came with the backup
      const clone = await ask(batch.stamps[1]!.url, 'clone-phone-0009');
      expect(clone.verdict).toBe('caution');
      expect(clone.reasons.map((r) => r.code)).toContain('checked_by_other_devices');
      const forged = await ask(batch.stamps[3]!.url.slice(0, -2) + (batch.stamps[3]!.url.endsWith('AA') ? 'BB' : 'AA'), 'someone-0001');
      expect(forged.verdict).toBe('unverified');
    } finally {
      restored.close();
    }

    // Restoring over a database that is open (a running server) is refused; nothing changes.
    const refused = await cli('scripts/restore.ts', [target], live);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use .*stop it before restoring/);
    expect(existsSync(live)).toBe(true);
    expect(countScans(live)).toBeGreaterThanOrEqual(scansInBackup);
  }, 120_000);

  it('restoring over a stopped database keeps the old one beside it', async () => {
    const other = join(dir, 'old', 'app.db');
    const first = await cli('scripts/restore.ts', [join(dir, 'backup.db')], other);
    expect(first.code, first.stderr).toBe(0);
    const again = await cli('scripts/restore.ts', [join(dir, 'backup.db')], other);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/is now .*app\.db\.before-restore-/);
    expect(readdirSync(join(dir, 'old')).filter((f) => f.startsWith('app.db.before-restore-'))).toHaveLength(1);
    const notADb = await cli('scripts/restore.ts', [join(dir, 'nothing.db')], other);
    expect(notADb.code).toBe(1);
  }, 60_000);
});
