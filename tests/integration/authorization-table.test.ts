// Every route of the app, called as anonymous, inspector and admin, with the status each
// must get. The list of routes comes from the Hono app itself, so a route added without a
// row here fails this test until someone decides who may call it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';
import { addUser, signIn, TEST_PASSWORD, type SignedInAs } from '../helpers/staff';

type Caller = 'anonymous' | 'inspector' | 'admin';
interface Row {
  /** The request to make (a fresh one per caller); `caller` lets a row avoid clashes (unique ids). */
  request: (caller: Caller) => { path: string; body?: unknown; form?: FormData };
  expect: Record<Caller, number>;
  /** The call ends or changes its own session: sign in afresh, as a throwaway user of the role. */
  ownSession?: boolean;
}

const all = (status: number) => ({ anonymous: status, inspector: status, admin: status });
const staff = (ok: number) => ({ anonymous: 401, inspector: ok, admin: ok });
const adminOnly = (ok: number) => ({ anonymous: 401, inspector: 403, admin: ok });

const webDir = mkdtempSync(join(tmpdir(), 'nguon-viet-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Nguồn Việt</title>');
let t: Awaited<ReturnType<typeof createTestRuntime>>;
const sessions: Partial<Record<Caller, SignedInAs>> = {};
const f = { productId: '', producerId: '', markId: '', version: 0, stampPath: '', serial: '', reportId: 0, receipt: '', victimId: 0, revokeBatch: '', revokeSerial: '', spareKid: '' };
const marks = readFileSync('data/marks.csv', 'utf8');

beforeAll(async () => {
  t = await createTestRuntime({ WEB_DIR: webDir });
  const { runtime } = t;
  await addUser(runtime, 'inspector@qltt.gov.vn', 'inspector');
  await addUser(runtime, 'admin@qltt.gov.vn', 'admin');
  await addUser(runtime, 'throwaway-inspector@qltt.gov.vn', 'inspector');
  await addUser(runtime, 'throwaway-admin@qltt.gov.vn', 'admin');
  f.victimId = (await addUser(runtime, 'victim@qltt.gov.vn', 'inspector')).id;
  sessions.inspector = await signIn(t.app, 'inspector@qltt.gov.vn');
  sessions.admin = await signIn(t.app, 'admin@qltt.gov.vn');
  const db = runtime.db;
  f.productId = db.prepare('SELECT id FROM products LIMIT 1').pluck().get() as string;
  f.producerId = db.prepare('SELECT id FROM producers LIMIT 1').pluck().get() as string;
  f.markId = db.prepare('SELECT id FROM marks LIMIT 1').pluck().get() as string;
  f.version = runtime.deps.registry.currentVersion();
  const batch = await runtime.issuing.issueBatch({ productId: f.productId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  f.stampPath = new URL(batch.stamps[0]!.url).pathname;
  f.serial = batch.stamps[0]!.serial;
  runtime.issuers.createIssuer('spare-printer', 'Spare printer (test)', 'stamp_printer', false);
  f.spareKid = await runtime.issuers.rotateKey('spare-printer');
  const spare = await runtime.issuing.issueBatch({ productId: f.productId, count: 2, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  f.revokeBatch = spare.batchId;
  f.revokeSerial = spare.stamps[1]!.serial;
  const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } }).jpeg().toBuffer();
  const filed = await runtime.deps.reports.submit({ clientReportId: 'authz-fixture-report', note: 'x' }, [photo]);
  if (!filed.ok) throw new Error(filed.code);
  f.receipt = filed.report.receipt;
  f.reportId = db.prepare("SELECT id FROM reports WHERE client_report_id = 'authz-fixture-report'").pluck().get() as number;
});
afterAll(() => {
  t.cleanup();
  rmSync(webDir, { recursive: true, force: true });
});

// Middleware mounted for every path under a prefix: not endpoints, never called by themselves.
const MIDDLEWARE = new Set(['ALL /*', 'ALL /api/*', 'ALL /api/sync/*']);

const TABLE: Record<string, Row> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expect: all(200) },
  'GET /api/client-config': { request: () => ({ path: '/api/client-config' }), expect: all(200) },
  'GET /api/products': { request: () => ({ path: '/api/products?q=ga' }), expect: all(200) },
  'GET /api/products/:id': { request: () => ({ path: `/api/products/${f.productId}` }), expect: all(200) },
  'GET /api/sync/snapshot': { request: () => ({ path: '/api/sync/snapshot' }), expect: all(200) },
  'GET /api/sync/changes': { request: () => ({ path: `/api/sync/changes?since=${f.version}` }), expect: all(200) },
  'POST /api/verify': { request: () => ({ path: '/api/verify', body: { payload: '8935049510864' } }), expect: all(200) },
  'POST /api/device': { request: () => ({ path: '/api/device', body: {} }), expect: all(201) },
  'POST /api/reports': { request: (who) => ({ path: '/api/reports', body: { clientReportId: `authz-report-${who}`, note: 'x' } }), expect: all(201) },
  'GET /api/reports/receipt/:receipt': { request: () => ({ path: `/api/reports/receipt/${f.receipt}` }), expect: all(200) },
  'GET /api/reports': { request: () => ({ path: '/api/reports' }), expect: staff(200) },
  'GET /api/reports/:id': { request: () => ({ path: `/api/reports/${f.reportId}` }), expect: staff(200) },
  'GET /api/reports/:id/export.csv': { request: () => ({ path: `/api/reports/${f.reportId}/export.csv` }), expect: staff(200) },
  'GET /api/reports/:id/photos/:seq': { request: () => ({ path: `/api/reports/${f.reportId}/photos/1` }), expect: staff(200) },
  'PATCH /api/reports/:id': { request: () => ({ path: `/api/reports/${f.reportId}`, body: { status: 'verifying' } }), expect: staff(200) },
  'POST /api/auth/login': { request: () => ({ path: '/api/auth/login', body: { email: 'inspector@qltt.gov.vn', password: TEST_PASSWORD } }), expect: all(200) },
  'GET /api/auth/session': { request: () => ({ path: '/api/auth/session' }), expect: staff(200) },
  'POST /api/auth/logout': { request: () => ({ path: '/api/auth/logout', body: {} }), expect: staff(200), ownSession: true },
  'POST /api/auth/logout-everywhere': { request: () => ({ path: '/api/auth/logout-everywhere', body: {} }), expect: staff(200), ownSession: true },
  // A wrong current password: reaching the handler (400) proves the caller was let through.
  'POST /api/auth/password': { request: () => ({ path: '/api/auth/password', body: { current: 'not the password', next: 'a brand new passphrase' } }), expect: staff(400) },
  'GET /api/inspector/stamps/:serial/history': { request: () => ({ path: `/api/inspector/stamps/${f.serial}/history` }), expect: staff(200) },
  'GET /api/inspector/alerts': { request: () => ({ path: '/api/inspector/alerts' }), expect: staff(200) },
  'GET /api/inspector/map': { request: () => ({ path: '/api/inspector/map' }), expect: staff(200) },
  'GET /api/admin/users': { request: () => ({ path: '/api/admin/users' }), expect: adminOnly(200) },
  'POST /api/admin/users': { request: (who) => ({ path: '/api/admin/users', body: { email: `invited-by-${who}@qltt.gov.vn`, role: 'inspector' } }), expect: adminOnly(201) },
  'PATCH /api/admin/users/:id': { request: () => ({ path: `/api/admin/users/${f.victimId}`, body: { role: 'inspector' } }), expect: adminOnly(200) },
  'POST /api/admin/users/:id/reset-password': { request: () => ({ path: `/api/admin/users/${f.victimId}/reset-password`, body: {} }), expect: adminOnly(200) },
  'GET /api/admin/audit': { request: () => ({ path: '/api/admin/audit' }), expect: adminOnly(200) },
  'GET /api/admin/audit/export.csv': { request: () => ({ path: '/api/admin/audit/export.csv' }), expect: adminOnly(200) },
  'POST /api/admin/import/dry-run': { request: () => ({ path: '/api/admin/import/dry-run', body: { files: [{ name: 'marks.csv', text: marks }] } }), expect: adminOnly(200) },
  // Re-importing the shipped file changes nothing; the diff is against the registry as it is now.
  'POST /api/admin/import/apply': { request: () => ({ path: '/api/admin/import/apply', body: { files: [{ name: 'marks.csv', text: marks }], expectedVersion: t.runtime.deps.registry.currentVersion() } }), expect: adminOnly(200) },
  'POST /api/admin/batches': { request: () => ({ path: '/api/admin/batches', body: { productId: f.productId, count: 1 } }), expect: adminOnly(201) },
  'POST /api/admin/batches/:id/revoke': { request: () => ({ path: `/api/admin/batches/${f.revokeBatch}/revoke`, body: { reason: 'Cuộn tem bị mất' } }), expect: adminOnly(200) },
  'POST /api/admin/stamps/:serial/revoke': { request: () => ({ path: `/api/admin/stamps/${f.revokeSerial}/revoke`, body: { reason: 'Tem bị hỏng' } }), expect: adminOnly(200) },
  'GET /api/admin/keys': { request: () => ({ path: '/api/admin/keys' }), expect: adminOnly(200) },
  // Rotating twice is fine; the demo issuer just gets another key.
  'POST /api/admin/issuers/:id/rotate': { request: () => ({ path: '/api/admin/issuers/demo-issuer/rotate', body: {} }), expect: adminOnly(200) },
  // A key nobody uses: revoking it leaves the table's stamps verifying.
  'POST /api/admin/keys/:kid/revoke': { request: () => ({ path: `/api/admin/keys/${f.spareKid}/revoke`, body: { reason: 'Khóa thử nghiệm' } }), expect: { anonymous: 401, inspector: 403, admin: 200 } },
  'GET /api/openapi.json': { request: () => ({ path: '/api/openapi.json' }), expect: all(200) },
  'GET /api/producers/:id': { request: () => ({ path: `/api/producers/${f.producerId}` }), expect: all(200) },
  'GET /api/marks': { request: () => ({ path: '/api/marks' }), expect: all(200) },
  'GET /api/marks/:id': { request: () => ({ path: `/api/marks/${f.markId}` }), expect: all(200) },
  'GET /api/awards': { request: () => ({ path: '/api/awards' }), expect: all(200) },
  'GET /api/places': { request: () => ({ path: '/api/places' }), expect: all(200) },
  'GET /S/:kid/:serial/:sig': { request: () => ({ path: f.stampPath }), expect: all(200) },
  'GET /s/:kid/:serial/:sig': { request: () => ({ path: f.stampPath.toLowerCase() }), expect: all(200) },
  'GET /*': { request: () => ({ path: '/inspector' }), expect: all(200) },
};

const appRoutes = () => [...new Set(t.app.routes.map((r) => `${r.method} ${r.path}`))];

describe('authorization table', () => {
  it('has a row for every route of the app, and no row for a route that is gone', () => {
    const routes = appRoutes().filter((r) => !MIDDLEWARE.has(r));
    expect(routes.filter((r) => !(r in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.keys(TABLE))('%s', async (route) => {
    const row = TABLE[route]!;
    const method = route.split(' ')[0]!;
    const got: Record<Caller, number> = { anonymous: 0, inspector: 0, admin: 0 };
    for (const caller of ['anonymous', 'inspector', 'admin'] as const) {
      const { path, body } = row.request(caller);
      let headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
      if (caller !== 'anonymous') {
        const s = row.ownSession ? await signIn(t.app, `throwaway-${caller}@qltt.gov.vn`) : sessions[caller]!;
        headers = method === 'GET' ? { cookie: s.cookie } : s.headers();
      }
      const res = await t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      got[caller] = res.status;
    }
    expect(got).toEqual(row.expect);
  });
});
