// keys:rotate and keys:revoke run as the CLIs an operator types, against the database a
// running app (the test runtime) has open; the app's answers change without a restart.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime } from '../helpers/test-runtime';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const run = async (script: 'rotate' | 'revoke', ...args: string[]) => {
  const { config } = t.runtime.deps;
  const env = { ...process.env, DATABASE_PATH: config.databasePath, ISSUER_KEY_DIR: config.issuerKeyDir, PUBLIC_URL: config.publicUrl };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', `scripts/keys/${script}.ts`, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const issue = async () => {
  const hit = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  return t.runtime.issuing.issueBatch({ productId: hit.hits[0]!.id, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
};
const verify = async (url: string) => {
  const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: url }) });
  expect(res.status).toBe(200);
  return (await res.json()) as VerifyResult;
};
/** Every private key (and the server secret) in the key folder, as stored. */
const secrets = () => {
  const dir = t.runtime.deps.config.issuerKeyDir;
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8').trim());
};

describe('issuer keys from the command line', () => {
  it('rotate: the new key signs new stamps, old stamps keep verifying; revoke: old stamps turn unverified (key_revoked)', async () => {
    const before = await issue();
    expect(before.kid).toBe('D1');
    expect((await verify(before.stamps[0]!.url)).verdict).toBe('authentic');

    const rotated = await run('rotate', '--issuer', 'demo-issuer');
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout.trim()).toMatch(/^Rotated issuer demo-issuer: new key D2 signs new batches .*; D1 is retired and its stamps keep verifying\.$/);
    for (const secret of secrets()) expect(rotated.stdout + rotated.stderr).not.toContain(secret);

    const after = await issue();
    expect(after.kid).toBe('D2');
    expect((await verify(after.stamps[0]!.url)).verdict).toBe('authentic');
    expect((await verify(before.stamps[0]!.url)).verdict).toBe('authentic');

    const revoked = await run('revoke', '--kid', 'd1', '--reason', 'private key leaked from the print shop');
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout.trim()).toBe('Revoked key D1 of issuer demo-issuer: its stamps now verify as "unverified" (key_revoked; reason: private key leaked from the print shop).');
    const old = await verify(before.stamps[0]!.url);
    expect(old.verdict).toBe('unverified');
    expect(old.reasons.map((r) => r.code)).toEqual(['key_revoked']);
    expect((await verify(after.stamps[0]!.url)).verdict).toBe('authentic');

    const again = await run('revoke', '--kid', 'D1', '--reason', 'twice');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Key D1 of issuer demo-issuer was already revoked/);
  }, 60_000);

  it('unknown issuer or kid and a missing reason are clear errors (exit 2), changing nothing', async () => {
    const version = t.runtime.deps.registry.currentVersion();
    const noIssuer = await run('rotate', '--issuer', 'no-such-issuer');
    expect(noIssuer.code).toBe(2);
    expect(noIssuer.stderr).toContain('keys:rotate: no issuer no-such-issuer (issuers: demo-issuer)');
    const noKid = await run('revoke', '--kid', 'ZZ9', '--reason', 'typo check');
    expect(noKid.code).toBe(2);
    expect(noKid.stderr).toContain('keys:revoke: no key ZZ9');
    const noReason = await run('revoke', '--kid', 'D2');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('keys:revoke: --reason is required');
    const unknownFlag = await run('rotate', '--issuer', 'demo-issuer', '--force');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('unknown option --force');
    expect(t.runtime.deps.registry.currentVersion()).toBe(version);
    for (const r of [noIssuer, noKid, noReason, unknownFlag]) expect(r.stderr).not.toMatch(/\n\s+at /); // no stack traces
  }, 60_000);
});
