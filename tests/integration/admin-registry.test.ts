// Admins' registry work from the console: an uploaded file is diffed first and applied
// only against the registry the diff was made from; a batch is issued as a printable PDF
// and revoked with a reason; every step is in the audit log.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';
import { addUser, signIn, type SignedInAs } from '../helpers/staff';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let admin: SignedInAs;
beforeAll(async () => {
  t = await createTestRuntime();
  await addUser(t.runtime, 'admin@qltt.gov.vn', 'admin');
  admin = await signIn(t.app, 'admin@qltt.gov.vn');
});
afterAll(() => t.cleanup());

const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', headers: admin.headers(), body: JSON.stringify(body) });
const marks = readFileSync('data/marks.csv', 'utf8');
const edited = marks.replace(',trước năm 2023,', ',trước năm 2023 (đã kiểm tra năm 2026),');

describe('registry import from the console', () => {
  it('shows the diff first, then applies it only against the same registry version', async () => {
    expect(edited).not.toBe(marks);
    const dry = await post('/api/admin/import/dry-run', { files: [{ name: 'marks.csv', text: edited }] });
    expect(dry.status).toBe(200);
    const diff = (await dry.json()) as { ok: boolean; version: number; diffs: { kind: string; changed: number; added: number; changedRecords: { id: string; fields: { column: string }[] }[] }[] };
    expect(diff.ok).toBe(true);
    expect(diff.diffs[0]).toMatchObject({ kind: 'marks', changed: 1, added: 0 });
    expect(diff.diffs[0]!.changedRecords[0]).toMatchObject({ id: 'mk-ga-mia-son-tay', fields: [{ column: 'date_text' }] });
    // The dry run changed nothing.
    expect(t.runtime.deps.registry.currentVersion()).toBe(diff.version);

    const applied = await post('/api/admin/import/apply', { files: [{ name: 'marks.csv', text: edited }], expectedVersion: diff.version });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ changed: 1, added: 0, fromVersion: diff.version, toVersion: diff.version + 1 });

    // The same diff applied again is stale: the registry moved on, so the new diff is shown instead.
    const stale = await post('/api/admin/import/apply', { files: [{ name: 'marks.csv', text: marks }], expectedVersion: diff.version });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { code: string; details: { diffs: { changed: number }[] } } };
    expect(body.error.code).toBe('registry_changed');
    expect(body.error.details.diffs[0]!.changed).toBe(1);
  });

  it('names the file and line of every problem and changes nothing', async () => {
    const before = t.runtime.deps.registry.currentVersion();
    const broken = `${marks.trimEnd()}\nmk-new-one,,collective,,,,,,,,granted,,,\n`;
    const dry = (await (await post('/api/admin/import/dry-run', { files: [{ name: 'marks.csv', text: broken }] })).json()) as { ok: boolean; issues: { file: string; line: number }[] };
    expect(dry.ok).toBe(false);
    expect(dry.issues[0]).toMatchObject({ file: 'marks.csv', line: broken.trimEnd().split('\n').length });
    const apply = await post('/api/admin/import/apply', { files: [{ name: 'marks.csv', text: broken }], expectedVersion: before });
    expect(apply.status).toBe(400);
    expect(t.runtime.deps.registry.currentVersion()).toBe(before);
    expect((await post('/api/admin/import/dry-run', { files: [{ name: '../etc/passwd', text: 'x' }] })).status).toBe(400);
  });
});

describe('issuer keys from the console', () => {
  it('rotates and revokes keys, audited; stamps of a revoked key answer unverified', async () => {
    const productId = t.runtime.db.prepare('SELECT id FROM products LIMIT 1').pluck().get() as string;
    const old = await t.runtime.issuing.issueBatch({ productId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    const rotated = await post('/api/admin/issuers/demo-issuer/rotate', {});
    const { kid } = (await rotated.json()) as { kid: string };
    expect(kid).not.toBe(old.kid);
    const keys = (await (await t.app.request('/api/admin/keys', { headers: { cookie: admin.cookie } })).json()) as { items: { kid: string; status: string }[] };
    expect(keys.items.find((k) => k.kid === old.kid)!.status).toBe('retired');
    expect(keys.items.find((k) => k.kid === kid)!.status).toBe('active');
    expect(JSON.stringify(keys)).not.toMatch(/private|seed/i);
    const revoked = await post(`/api/admin/keys/${old.kid.toLowerCase()}/revoke`, { reason: 'Khóa bị lộ' });
    expect(await revoked.json()).toEqual({ ok: true, issuerHasActiveKey: true });
    expect((await post(`/api/admin/keys/${old.kid}/revoke`, { reason: 'Khóa bị lộ' })).status).toBe(409);
    expect((await post('/api/admin/keys/NOPE9/revoke', { reason: 'Khóa bị lộ' })).status).toBe(404);
    expect((await post('/api/admin/issuers/nobody/rotate', {})).status).toBe(404);
    const verdict = (await (await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: old.stamps[0]!.url }) })).json()) as { verdict: string };
    expect(verdict.verdict).toBe('unverified');
    const actions = t.runtime.deps.staff.audit.list({ limit: 5 }).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['key.revoke', 'key.rotate']);
  });
});

describe('batches from the console', () => {
  it('issues a batch as a printable PDF and revokes it with a reason: its stamps are revoked', async () => {
    const productId = t.runtime.db.prepare('SELECT id FROM products LIMIT 1').pluck().get() as string;
    const res = await post('/api/admin/batches', { productId, count: 3, withPin: true });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const batchId = res.headers.get('x-batch-id')!;
    expect(res.headers.get('x-stamp-count')).toBe('3');
    const serial = t.runtime.db.prepare('SELECT serial FROM stamps WHERE batch_id = ? LIMIT 1').pluck().get(batchId) as string;

    expect((await post(`/api/admin/batches/${batchId}/revoke`, { reason: 'x' })).status).toBe(400);
    const revoked = await post(`/api/admin/batches/${batchId}/revoke`, { reason: 'Cuộn tem bị mất cắp' });
    expect(await revoked.json()).toEqual({ revoked: 3 });
    expect(t.runtime.stamps.stamp(serial)!.status).toBe('revoked');
    expect((await post('/api/admin/batches/no-such-batch/revoke', { reason: 'Cuộn tem bị mất' })).status).toBe(404);
    expect((await post('/api/admin/stamps/AAAAAAAAAAAAAAAA/revoke', { reason: 'Tem bị mất' })).status).toBe(404);
    expect((await post('/api/admin/batches', { productId: 'no-such-product', count: 1 })).status).toBe(400);
    expect((await post('/api/admin/batches', { productId, count: 1_000_000 })).status).toBe(400);

    const actions = t.runtime.deps.staff.audit.list({ limit: 20 }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['registry.import', 'batch.issue', 'batch.revoke']));
    expect(JSON.stringify(t.runtime.deps.staff.audit.list({ limit: 20 }))).not.toMatch(/"pin"/);
  });
});
