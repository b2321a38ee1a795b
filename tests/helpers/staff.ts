// Inspector and admin accounts for integration tests: created through the users service
// (the real one), signed in through the real /api/auth/login route.
import type { Runtime } from '../../server/bootstrap';
import type { Role } from '../../server/repositories/user.repository';
import { vietnamDay } from '../../server/domain/catalogue/dates';
import type { Clock } from '../../server/repositories/clock';

export interface AppLike {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export interface SignedInAs {
  cookie: string;
  csrf: string;
  userId: number;
  /** Headers for a mutating request: the session cookie, its CSRF token, our own origin. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** A mutable clock starting at `iso`, moved forward by tests. */
export function steppingClock(iso: string): Clock & { advance(ms: number): void } {
  let at = Date.parse(iso);
  return {
    now: () => new Date(at),
    today: () => vietnamDay(new Date(at)),
    advance(ms) {
      at += ms;
    },
  };
}

export async function addUser(runtime: Runtime, email: string, role: Role, password = TEST_PASSWORD) {
  const out = await runtime.deps.staff.users.invite({ id: null, email: 'test' }, { email, role, password });
  if (!out.ok) throw new Error(`cannot add ${email}: ${out.code}`);
  return out.user;
}

export async function signIn(app: AppLike, email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}): Promise<SignedInAs> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; user: { id: number } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    cookie,
    csrf: body.csrfToken,
    userId: body.user.id,
    headers: (extra = {}) => ({ cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json', ...extra }),
  };
}
