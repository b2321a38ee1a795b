// Over plain HTTP (development, PUBLIC_URL http://…) the session cookie cannot be Secure
// or use the __Host- prefix, but stays HttpOnly and SameSite=Strict; the audit export
// neutralises cells a spreadsheet would run as formulas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spreadsheetSafe } from '../../server/services/audit/audit.service';
import { createTestRuntime } from '../helpers/test-runtime';
import { addUser, TEST_PASSWORD } from '../helpers/staff';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime({ PUBLIC_URL: 'http://localhost:8787' });
  await addUser(t.runtime, 'dev@example.vn', 'admin');
});
afterAll(() => t.cleanup());

describe('session cookie over plain HTTP', () => {
  it('is nv_session, HttpOnly and SameSite=Strict, without Secure', async () => {
    const res = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dev@example.vn', password: TEST_PASSWORD }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^nv_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await t.app.request('/api/auth/session', { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    // The https cookie name is not read over http, and vice versa.
    expect((await t.app.request('/api/auth/session', { headers: { cookie: `__Host-${cookie.split(';')[0]!}` } })).status).toBe(401);
  });
});

describe('spreadsheet-safe export cells', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1+1', `'+1+1`],
    ['-2', `'-2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['thanh.tra@qltt.gov.vn', 'thanh.tra@qltt.gov.vn'],
  ])('%s → %s', (input, output) => {
    expect(spreadsheetSafe(input)).toBe(output);
  });
});
