// Accounts, sessions, CSRF and sign-in throttling, through the real routes over a real
// database. The clock is moved by the test to reach the idle and absolute expiries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../server/services/auth/auth.service';
import { createTestRuntime, TEST_NOW } from '../helpers/test-runtime';
import { addUser, signIn, steppingClock, TEST_PASSWORD } from '../helpers/staff';

const clock = steppingClock(TEST_NOW);
let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime({ TRUST_PROXY: '1' }, { clock });
  await addUser(t.runtime, 'admin@qltt.gov.vn', 'admin');
  await addUser(t.runtime, 'thanh.tra@qltt.gov.vn', 'inspector');
});
afterAll(() => t.cleanup());

const login = (email: string, password: string, from = '203.0.113.7', headers: Record<string, string> = {}) =>
  t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers }, body: JSON.stringify({ email, password }) });
const session = (cookie: string) => t.app.request('/api/auth/session', { headers: { cookie } });

describe('signing in', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict __Host- cookie (PUBLIC_URL is https) and returns the CSRF token', async () => {
    const res = await login('Admin@QLTT.gov.vn', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-nv_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const body = (await res.json()) as { user: { email: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ email: 'admin@qltt.gov.vn', role: 'admin' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const me = await session(cookie.split(';')[0]!);
    expect(me.status).toBe(200);
  });

  it('stores the session id and the password only as hashes', async () => {
    const res = await login('thanh.tra@qltt.gov.vn', TEST_PASSWORD);
    const id = res.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const dump = JSON.stringify([t.runtime.db.prepare('SELECT * FROM sessions').all(), t.runtime.db.prepare('SELECT * FROM users').all()]);
    expect(dump).not.toContain(id);
    expect(dump).not.toContain(TEST_PASSWORD);
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const a = await login('thanh.tra@qltt.gov.vn', 'wrong password 1', '198.51.100.1');
    const b = await login('nobody@qltt.gov.vn', 'wrong password 1', '198.51.100.1');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(((await a.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    expect(((await b.json()) as { error: { code: string; message_vi: string } }).error).toMatchObject({ code: 'invalid_credentials', message_vi: 'Sai email hoặc mật khẩu' });
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await login('admin@qltt.gov.vn', TEST_PASSWORD, '203.0.113.7', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
  });
});

describe('guessing passwords', () => {
  it('slows then locks out the guessing network with growing delays, while the owner signs in from their own network', async () => {
    const attacker = '192.0.2.66';
    for (let i = 0; i < 5; i++) expect((await login('thanh.tra@qltt.gov.vn', `guess number ${i}`, attacker)).status).toBe(401);
    const locked = await login('thanh.tra@qltt.gov.vn', `guess number 6`, attacker);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(1);
    // Even the right password is not tried while locked (else the lock would leak it).
    expect((await login('thanh.tra@qltt.gov.vn', TEST_PASSWORD, attacker)).status).toBe(429);
    // The real user on another network is not affected.
    expect((await login('thanh.tra@qltt.gov.vn', TEST_PASSWORD, '203.0.113.50')).status).toBe(200);
    // Each further failure doubles the wait: 1 s, 2 s, 4 s …
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(waits.at(-1) ?? 1000);
      expect((await login('thanh.tra@qltt.gov.vn', `more guesses ${i}`, attacker)).status).toBe(401);
      const r = await login('thanh.tra@qltt.gov.vn', 'x', attacker);
      expect(r.status).toBe(429);
      waits.push(Number(r.headers.get('retry-after')) * 1000);
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000]);
  });
});

describe('sessions', () => {
  it('end after the idle window without use', async () => {
    const s = await signIn(t.app, 'admin@qltt.gov.vn');
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await session(s.cookie)).status).toBe(200); // use refreshes the idle window
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await session(s.cookie)).status).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1);
    expect((await session(s.cookie)).status).toBe(401);
  });

  it('end at the absolute expiry however busy they are', async () => {
    const s = await signIn(t.app, 'admin@qltt.gov.vn');
    let elapsed = 0;
    while (elapsed + 3600_000 < SESSION_ABSOLUTE_MS) {
      clock.advance(3600_000);
      elapsed += 3600_000;
      expect((await session(s.cookie)).status).toBe(200);
    }
    clock.advance(SESSION_ABSOLUTE_MS - elapsed);
    expect((await session(s.cookie)).status).toBe(401);
  });

  it('sign out everywhere ends every session of the user, and only theirs', async () => {
    const phone = await signIn(t.app, 'thanh.tra@qltt.gov.vn');
    const laptop = await signIn(t.app, 'thanh.tra@qltt.gov.vn');
    const other = await signIn(t.app, 'admin@qltt.gov.vn');
    const res = await t.app.request('/api/auth/logout-everywhere', { method: 'POST', headers: phone.headers() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await session(phone.cookie)).status).toBe(401);
    expect((await session(laptop.cookie)).status).toBe(401);
    expect((await session(other.cookie)).status).toBe(200);
  });

  it('sign out ends this session', async () => {
    const s = await signIn(t.app, 'admin@qltt.gov.vn');
    expect((await t.app.request('/api/auth/logout', { method: 'POST', headers: s.headers() })).status).toBe(200);
    expect((await session(s.cookie)).status).toBe(401);
  });

  it('an unknown or malformed cookie is anonymous', async () => {
    expect((await session('__Host-nv_session=' + 'A'.repeat(43))).status).toBe(401);
    expect((await session('__Host-nv_session=x')).status).toBe(401);
    expect((await t.app.request('/api/auth/session')).status).toBe(401);
  });
});

describe('CSRF on cookie-authorised changes', () => {
  it('refuses a change without the token, with a wrong one, or from another site, and accepts our own', async () => {
    const s = await signIn(t.app, 'admin@qltt.gov.vn');
    const other = await addUser(t.runtime, 'csrf.target@qltt.gov.vn', 'inspector');
    const patch = (headers: Record<string, string>) => t.app.request(`/api/admin/users/${other.id}`, { method: 'PATCH', headers, body: JSON.stringify({ disabled: true }) });
    const codes = async (r: Response) => [r.status, ((await r.json()) as { error?: { code: string } }).error?.code];
    expect(await codes(await patch({ cookie: s.cookie, 'content-type': 'application/json' }))).toEqual([403, 'csrf_failed']);
    expect(await codes(await patch(s.headers({ 'x-csrf-token': 'forged-token-forged-token-forged' })))).toEqual([403, 'csrf_failed']);
    expect(await codes(await patch(s.headers({ origin: 'https://evil.example' })))).toEqual([403, 'csrf_failed']);
    expect(await codes(await patch(s.headers({ 'sec-fetch-site': 'cross-site' })))).toEqual([403, 'csrf_failed']);
    expect(t.runtime.deps.staff.users.list().find((u) => u.id === other.id)!.disabled).toBe(false);
    expect((await patch(s.headers({ origin: 'https://nguonviet.vn', 'sec-fetch-site': 'same-origin' }))).status).toBe(200);
    expect(t.runtime.deps.staff.users.list().find((u) => u.id === other.id)!.disabled).toBe(true);
  });
});

describe('accounts', () => {
  it('an invited user signs in with the one-time password, can do nothing until they choose their own, then can', async () => {
    const admin = await signIn(t.app, 'admin@qltt.gov.vn');
    const invite = await t.app.request('/api/admin/users', { method: 'POST', headers: admin.headers(), body: JSON.stringify({ email: 'moi@qltt.gov.vn', role: 'inspector' }) });
    expect(invite.status).toBe(201);
    const { oneTimePassword } = (await invite.json()) as { oneTimePassword: string };
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(20);
    const s = await signIn(t.app, 'moi@qltt.gov.vn', oneTimePassword);
    const blocked = await t.app.request('/api/reports', { headers: { cookie: s.cookie } });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('password_change_required');
    const weak = await t.app.request('/api/auth/password', { method: 'POST', headers: s.headers(), body: JSON.stringify({ current: oneTimePassword, next: 'short' }) });
    expect(weak.status).toBe(400);
    const changed = await t.app.request('/api/auth/password', { method: 'POST', headers: s.headers(), body: JSON.stringify({ current: oneTimePassword, next: 'một mật khẩu đủ dài' }) });
    expect(changed.status).toBe(200);
    expect((await t.app.request('/api/reports', { headers: { cookie: s.cookie } })).status).toBe(200);
    expect((await login('moi@qltt.gov.vn', oneTimePassword, '203.0.113.80')).status).toBe(401);
    expect((await login('moi@qltt.gov.vn', 'một mật khẩu đủ dài', '203.0.113.80')).status).toBe(200);
  });

  it('disabling or demoting a user ends their sessions; an admin cannot disable themselves', async () => {
    const admin = await signIn(t.app, 'admin@qltt.gov.vn');
    const u = await addUser(t.runtime, 'sap.nghi@qltt.gov.vn', 'admin');
    const s = await signIn(t.app, 'sap.nghi@qltt.gov.vn');
    const demote = await t.app.request(`/api/admin/users/${u.id}`, { method: 'PATCH', headers: admin.headers(), body: JSON.stringify({ role: 'inspector' }) });
    expect(demote.status).toBe(200);
    expect((await session(s.cookie)).status).toBe(401);
    const s2 = await signIn(t.app, 'sap.nghi@qltt.gov.vn');
    expect((await t.app.request('/api/admin/users', { headers: { cookie: s2.cookie } })).status).toBe(403);
    await t.app.request(`/api/admin/users/${u.id}`, { method: 'PATCH', headers: admin.headers(), body: JSON.stringify({ disabled: true }) });
    expect((await session(s2.cookie)).status).toBe(401);
    expect((await login('sap.nghi@qltt.gov.vn', TEST_PASSWORD, '203.0.113.81')).status).toBe(401);
    const self = await t.app.request(`/api/admin/users/${admin.userId}`, { method: 'PATCH', headers: admin.headers(), body: JSON.stringify({ disabled: true }) });
    expect(self.status).toBe(409);
    const dup = await t.app.request('/api/admin/users', { method: 'POST', headers: admin.headers(), body: JSON.stringify({ email: 'ADMIN@qltt.gov.vn', role: 'inspector' }) });
    expect(dup.status).toBe(409);
  });
});
