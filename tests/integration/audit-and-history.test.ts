// The audit log as admins see it (list, CSV export; no way to change it through the API),
// and the inspectors' paged stamp history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv';
import { createTestRuntime } from '../helpers/test-runtime';
import { addUser, signIn, type SignedInAs } from '../helpers/staff';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let admin: SignedInAs;
let inspector: SignedInAs;
beforeAll(async () => {
  // X-Forwarded-For stands for each phone's network (the clone alert needs several).
  t = await createTestRuntime({ TRUST_PROXY: '1' });
  await addUser(t.runtime, 'admin@qltt.gov.vn', 'admin');
  await addUser(t.runtime, 'thanh.tra@qltt.gov.vn', 'inspector');
  admin = await signIn(t.app, 'admin@qltt.gov.vn');
  inspector = await signIn(t.app, 'thanh.tra@qltt.gov.vn');
});
afterAll(() => t.cleanup());

describe('audit log', () => {
  it('records who did what, with before and after, viewable and exportable as CSV by admins', async () => {
    const invite = await t.app.request('/api/admin/users', { method: 'POST', headers: admin.headers(), body: JSON.stringify({ email: '=HYPERLINK("x")@evil.vn', role: 'inspector' }) });
    expect(invite.status).toBe(400); // not an email
    const ok = await t.app.request('/api/admin/users', { method: 'POST', headers: admin.headers(), body: JSON.stringify({ email: 'moi@qltt.gov.vn', role: 'inspector' }) });
    const { user } = (await ok.json()) as { user: { id: number } };
    await t.app.request(`/api/admin/users/${user.id}`, { method: 'PATCH', headers: admin.headers(), body: JSON.stringify({ role: 'admin' }) });
    const list = (await (await t.app.request('/api/admin/audit?limit=5', { headers: { cookie: admin.cookie } })).json()) as { items: { action: string; actorEmail: string; before: unknown; after: unknown; at: string }[] };
    expect(list.items[0]).toMatchObject({ action: 'user.update', actorEmail: 'admin@qltt.gov.vn', before: { role: 'inspector' }, after: { role: 'admin' } });
    expect(list.items[1]).toMatchObject({ action: 'user.invite', before: null, after: { email: 'moi@qltt.gov.vn', role: 'inspector' } });
    expect(list.items.some((e) => e.action === 'auth.login')).toBe(true);

    const csv = await t.app.request('/api/admin/audit/export.csv', { headers: { cookie: admin.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-2026-11-25\.csv"/);
    const parsed = parseCsv(await csv.text());
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.header).toEqual(['id', 'at', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'before', 'after']);
    const update = parsed.records.find((r) => r.values[4] === 'user.update')!;
    expect(JSON.parse(update.values[7]!)).toMatchObject({ role: 'inspector' });
    // The export itself is audited.
    expect(t.runtime.deps.staff.audit.list({ limit: 1 })[0]!.action).toBe('audit.export');
  });

  it('has no route that edits or deletes it', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const path of ['/api/admin/audit', '/api/admin/audit/1']) {
        const res = await t.app.request(path, { method, headers: admin.headers(), body: '{}' });
        // No such route: 405 where another method exists on the path, else 404.
        expect([404, 405], `${method} ${path}`).toContain(res.status);
      }
    }
  });

  it('inspectors cannot read it', async () => {
    expect((await t.app.request('/api/admin/audit', { headers: { cookie: inspector.cookie } })).status).toBe(403);
  });
});

describe('stamp history for inspectors', () => {
  it('pages the full scan history with a cursor, with the summary and anomaly reasons on every page', async () => {
    const productId = t.runtime.db.prepare('SELECT id FROM products LIMIT 1').pluck().get() as string;
    const batch = await t.runtime.issuing.issueBatch({ productId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    const { url, serial } = batch.stamps[0]!;
    // Seven phones with ids the server issued, each on its own network: a cloned stamp.
    for (let i = 0; i < 7; i++) {
      const from = { 'x-forwarded-for': `198.51.${100 + i}.7` };
      const { deviceToken } = (await (await t.app.request('/api/device', { method: 'POST', headers: from })).json()) as { deviceToken: string };
      await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json', ...from }, body: JSON.stringify({ payload: url, deviceId: deviceToken, clientEventId: `history-event-${i}` }) });
    }
    t.runtime.stamps.flush();
    const get = (q: string) => t.app.request(`/api/inspector/stamps/${serial.toLowerCase()}/history${q}`, { headers: { cookie: inspector.cookie } });
    const first = (await (await get('?limit=3')).json()) as { events: { device: string }[]; nextCursor: string | null; summary: { checks: number; devices: number }; alerts: { code: string }[] };
    expect(first.events).toHaveLength(3);
    expect(first.summary).toMatchObject({ checks: 7, devices: 7 });
    expect(first.alerts.map((a) => a.code)).toContain('checked_by_other_devices');
    const devices = first.events.map((e) => e.device);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await (await get(`?limit=3&cursor=${cursor}`)).json()) as { events: { device: string }[]; nextCursor: string | null };
      devices.push(...page.events.map((e) => e.device));
      cursor = page.nextCursor;
    }
    // Newest first; each phone keeps one short label on every page.
    expect(devices).toHaveLength(7);
    expect(new Set(devices).size).toBe(7);
    expect(devices.every((d) => /^thiết bị [0-9a-f]{4}$/.test(d))).toBe(true);
    expect((await get('?cursor=not-a-cursor')).status).toBe(400);
    expect((await t.app.request('/api/inspector/stamps/AAAAAAAAAAAAAAAA/history', { headers: { cookie: inspector.cookie } })).status).toBe(404);
    expect((await t.app.request('/api/inspector/stamps/a;b/history', { headers: { cookie: inspector.cookie } })).status).toBe(400);
  });
});
