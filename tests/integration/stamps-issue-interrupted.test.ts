// kill -9 in the middle of a real `stamps:issue` child process: the batch is left pending,
// its stamps verify as not issued, every later run says how to resume or discard it, and
// both work. The app (the test runtime) has the same database open throughout.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import { createStampUrlEncoder } from '../../server/domain/stamp-codec';
import { createKeyStore } from '../../server/repositories/key-store.repository';
import { signSerialsHere } from '../../server/repositories/stamp-signer.repository';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime } from '../helpers/test-runtime';

const COUNT = 50_000;
let t: Awaited<ReturnType<typeof createTestRuntime>>;
let outDir: string;
let productId: string;
beforeAll(async () => {
  t = await createTestRuntime();
  outDir = mkdtempSync(join(tmpdir(), 'nguon-viet-issue-'));
  const hit = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  productId = hit.hits[0]!.id;
});
afterAll(() => {
  t.cleanup();
  rmSync(outDir, { recursive: true, force: true });
});

const cliEnv = () => {
  const { config } = t.runtime.deps;
  return { ...process.env, DATABASE_PATH: config.databasePath, ISSUER_KEY_DIR: config.issuerKeyDir, PUBLIC_URL: config.publicUrl };
};
// tsx's loader in this very process: the tsx CLI would run the script in a grandchild that a
// SIGKILL of its parent leaves running.
const cli = ['--import', 'tsx', 'scripts/stamps/issue.ts'];

const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...cli, ...args], { env: cliEnv() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** Start issuing COUNT stamps and SIGKILL the process as soon as it starts writing its files. */
async function issueAndKill(): Promise<string> {
  // --sheets: the PDF and SVG pages of 50,000 stamps take many seconds after the JSON and CSV,
  // so the kill lands before the batch could be made active even on a loaded machine.
  const child = spawn(process.execPath, [...cli, '--product', productId, '--count', String(COUNT), '--pin', '--sheets', '--out', outDir], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const batchId = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /files\s*: writing (B\S+)/.exec(output);
      if (m) {
        child.kill('SIGKILL');
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`stamps:issue exited (${code}) before writing files:\n${output}`)));
  });
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  expect(child.signalCode).toBe('SIGKILL');
  return batchId;
}

/** The genuine URL of a stored serial (what its completed files would hold). */
function urlOf(serial: string, kid: string): string {
  const seed = createKeyStore(t.runtime.deps.config.issuerKeyDir, (n) => new Uint8Array(n)).readPrivateKey(kid);
  return createStampUrlEncoder(t.runtime.deps.config.publicUrl, kid)(serial, signSerialsHere(seed, kid, [serial]));
}

const verify = async (url: string) => {
  const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: url, deviceId: `device-${Math.random().toString(36).slice(2)}` }) });
  expect(res.status).toBe(200);
  return (await res.json()) as VerifyResult;
};

describe('stamps:issue killed mid-way', () => {
  it('leaves a pending batch that verifies as not issued; resume finishes it with complete files', async () => {
    const batchId = await issueAndKill();
    const batch = t.runtime.stamps.batch(batchId)!;
    expect(batch.status).toBe('pending');
    const serials = t.runtime.stamps.serialsOfBatch(batchId);
    expect(serials).toHaveLength(COUNT);
    expect(existsSync(join(outDir, `${batchId}.csv`))).toBe(false);
    const url = urlOf(serials[123]!, batch.kid);
    const before = await verify(url);
    expect(before.verdict).toBe('unverified');
    expect(before.reasons.map((r) => r.code)).toEqual(['not_genuine']);

    const listed = await run('--pending');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`batch ${batchId}`);
    expect(listed.stdout).toContain(`--resume ${batchId} --out`);
    expect(listed.stdout).toContain(`--discard ${batchId}`);

    const resumed = await run('--resume', batchId, '--out', outDir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`Resumed and issued batch ${batchId} \\(DEMO issuer\\): ${COUNT} stamps`));
    expect(t.runtime.stamps.batch(batchId)!.status).toBe('active');
    expect(readdirSync(outDir).filter((f) => f.startsWith(batchId) && f.endsWith('.partial'))).toEqual([]);
    const json = JSON.parse(readFileSync(join(outDir, `${batchId}.json`), 'utf8')) as { count: number; stamps: { serial: string; url: string; pin: string }[] };
    expect(json.stamps).toHaveLength(COUNT);
    expect(readFileSync(join(outDir, `${batchId}.csv`), 'utf8').trim().split('\n')).toHaveLength(COUNT + 1);
    const resumedStamp = json.stamps.find((s) => s.serial === serials[123])!;
    expect(resumedStamp.url).toBe(url); // the same signed URL: only the files were missing
    const after = await verify(url);
    expect(after.verdict).toBe('authentic');
    // The new PIN is the one that counts (the first run's PINs never reached a complete file).
    const withPin = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: json.stamps[7]!.url, pin: json.stamps[7]!.pin, deviceId: 'device-pin-check-1' }) });
    expect(((await withPin.json()) as VerifyResult).reasons.map((r) => r.code)).toContain('pin_ok');
  }, 180_000);

  it('a later run warns about a pending batch; discard deletes it and its partial files', async () => {
    const batchId = await issueAndKill();
    expect(t.runtime.stamps.batch(batchId)!.status).toBe('pending');
    const serial = t.runtime.stamps.serialsOfBatch(batchId)[0]!;

    const next = await run('--product', productId, '--count', '2', '--out', outDir);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`batch ${batchId}`);
    expect(next.stderr).toMatch(/PENDING/);

    const revoke = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/stamps/revoke.ts', '--batch', batchId, '--reason', 'test'], { env: cliEnv() })
      .then(({ stderr }) => ({ code: 0, stderr }))
      .catch((e: { code: number; stderr: string }) => e);
    expect(revoke.code).toBe(2);
    expect(revoke.stderr).toContain(`--discard ${batchId}`);

    const discarded = await run('--discard', batchId, '--out', outDir);
    expect(discarded.code, discarded.stderr).toBe(0);
    expect(discarded.stdout).toContain(`Discarded pending batch ${batchId}: ${COUNT} never-issued stamps deleted`);
    expect(t.runtime.stamps.batch(batchId)).toBeNull();
    expect(t.runtime.stamps.stamp(serial)).toBeNull();
    expect(readdirSync(outDir).filter((f) => f.startsWith(batchId))).toEqual([]);
    expect((await run('--pending')).stdout).toContain('No pending batches.');
    expect((await run('--discard', batchId)).code).toBe(2);
  }, 180_000);
});
