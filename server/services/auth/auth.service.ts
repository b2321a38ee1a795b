// Signing in and server-side sessions. The cookie carries a random 256-bit id; the database
// keeps only its SHA-256, so neither a leaked database nor a backup can be replayed. A
// session ends after IDLE_MS without use or ABSOLUTE_MS after sign-in, whichever is first.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../repositories/clock';
import type { SessionRepository } from '../../repositories/session.repository';
import type { User, UserRepository } from '../../repositories/user.repository';
import type { AuditService } from '../audit/audit.service';
import type { LoginThrottle } from './login-throttle';
import { PASSWORD_MAX, PASSWORD_MIN, hashPassword, verifyPassword } from './password';

export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
// last_seen_at is written at most this often, so reading pages does not write on every request.
const TOUCH_EVERY_MS = 60_000;

export interface SignedIn {
  user: User;
  /** The session's own CSRF token: mutating requests must echo it in a header. */
  csrfToken: string;
  idHash: string;
  expiresAt: string;
}

export type LoginOutcome =
  | { ok: true; sessionId: string; session: SignedIn }
  | { ok: false; code: 'invalid_credentials' }
  | { ok: false; code: 'too_many_attempts'; retryAfterMs: number };

export type PasswordChangeOutcome = { ok: true } | { ok: false; code: 'invalid_credentials' | 'weak_password' };

export interface AuthService {
  login(email: string, password: string, ip: string): Promise<LoginOutcome>;
  /** The signed-in user of a cookie's session id, or null (unknown, expired, user disabled). */
  resolve(sessionId: string): SignedIn | null;
  logout(session: SignedIn): void;
  /** End every session of the user (this one too); returns how many ended. */
  logoutEverywhere(session: SignedIn): number;
  changePassword(session: SignedIn, current: string, next: string): Promise<PasswordChangeOutcome>;
  /** Does this header value match the session's CSRF token (constant time)? */
  csrfMatches(session: SignedIn, token: string | undefined): boolean;
}

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

export function createAuthService(deps: { users: UserRepository; sessions: SessionRepository; throttle: LoginThrottle; audit: AuditService; clock: Clock }): AuthService {
  const { users, sessions, throttle, audit, clock } = deps;
  // Checked against when the email is unknown, so a miss takes as long as a wrong password.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));
  let lastSweep = 0;

  return {
    async login(email, password, ip) {
      const nowMs = clock.now().getTime();
      const wait = throttle.waitMs(email, ip, nowMs);
      if (wait > 0) return { ok: false, code: 'too_many_attempts', retryAfterMs: wait };
      const found = users.credentialsByEmail(email.trim());
      const matches = await verifyPassword(password, found?.passwordHash ?? (await dummyHash));
      if (!found || !matches || found.user.disabled) {
        throttle.recordFailure(email, ip, nowMs);
        return { ok: false, code: 'invalid_credentials' };
      }
      throttle.recordSuccess(email, ip);
      if (nowMs - lastSweep > 3600_000) {
        lastSweep = nowMs;
        sessions.deleteExpired(new Date(nowMs).toISOString(), new Date(nowMs - SESSION_IDLE_MS).toISOString());
      }
      const sessionId = randomBytes(32).toString('base64url');
      const now = new Date(nowMs).toISOString();
      const stored = {
        idHash: hashSessionId(sessionId),
        userId: found.user.id,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(nowMs + SESSION_ABSOLUTE_MS).toISOString(),
      };
      sessions.insert(stored);
      audit.record(found.user, 'auth.login', { type: 'user', id: found.user.id }, null, null);
      return { ok: true, sessionId, session: { user: found.user, csrfToken: stored.csrfToken, idHash: stored.idHash, expiresAt: stored.expiresAt } };
    },

    resolve(sessionId) {
      if (sessionId.length < 20 || sessionId.length > 100) return null;
      const idHash = hashSessionId(sessionId);
      const s = sessions.byIdHash(idHash);
      if (!s) return null;
      const nowMs = clock.now().getTime();
      const lastSeen = Date.parse(s.lastSeenAt);
      if (Date.parse(s.expiresAt) <= nowMs || lastSeen + SESSION_IDLE_MS <= nowMs) {
        sessions.delete(idHash);
        return null;
      }
      const user = users.byId(s.userId);
      if (!user || user.disabled) return null;
      if (nowMs - lastSeen >= TOUCH_EVERY_MS) sessions.touch(idHash, new Date(nowMs).toISOString());
      return { user, csrfToken: s.csrfToken, idHash, expiresAt: s.expiresAt };
    },

    logout(session) {
      sessions.delete(session.idHash);
      audit.record(session.user, 'auth.logout', { type: 'user', id: session.user.id }, null, null);
    },

    logoutEverywhere(session) {
      const ended = sessions.deleteForUser(session.user.id);
      audit.record(session.user, 'auth.logout_everywhere', { type: 'user', id: session.user.id }, null, { sessionsEnded: ended });
      return ended;
    },

    async changePassword(session, current, next) {
      const found = users.credentialsByEmail(session.user.email);
      if (!found || !(await verifyPassword(current, found.passwordHash))) return { ok: false, code: 'invalid_credentials' };
      if (next.length < PASSWORD_MIN || next.length > PASSWORD_MAX || next === current) return { ok: false, code: 'weak_password' };
      users.update(found.user.id, { password: { hash: await hashPassword(next), temporary: false }, at: clock.now().toISOString() });
      // Other devices signed in with the old password are signed out; this one stays.
      const others = sessions.deleteForUser(found.user.id);
      const s = sessions.byIdHash(session.idHash);
      if (!s) sessions.insert({ idHash: session.idHash, userId: found.user.id, csrfToken: session.csrfToken, createdAt: clock.now().toISOString(), lastSeenAt: clock.now().toISOString(), expiresAt: session.expiresAt });
      audit.record(session.user, 'auth.change_password', { type: 'user', id: found.user.id }, null, { otherSessionsEnded: Math.max(0, others - 1) });
      return { ok: true };
    },

    csrfMatches(session, token) {
      if (!token) return false;
      const a = Buffer.from(token);
      const b = Buffer.from(session.csrfToken);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
