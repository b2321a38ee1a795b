import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { SESSION_ABSOLUTE_MS, type SignedIn } from '../services/auth/auth.service';
import { PASSWORD_MAX } from '../services/auth/password';
import { clientIp as clientAddress } from './client-address';
import { requireRole, sameOrigin, sessionCookieName } from './auth/session.middleware';
import { sendError } from './errors';
import { validate } from './validate';

const loginBody = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(PASSWORD_MAX) });
const passwordBody = z.object({ current: z.string().min(1).max(PASSWORD_MAX), next: z.string().min(1).max(PASSWORD_MAX) });

const sessionView = (s: SignedIn) => ({
  user: { id: s.user.id, email: s.user.email, role: s.user.role, mustChangePassword: s.user.mustChangePassword },
  csrfToken: s.csrfToken,
  expiresAt: s.expiresAt,
});

/** /api/auth: sign in and out, the current session, a new password. */
export const authRoutes = (deps: AppDeps) => {
  const cookieName = sessionCookieName(deps.config.publicUrl);
  const secure = deps.config.publicUrl.startsWith('https:');
  const clearCookie = (c: Parameters<typeof deleteCookie>[0]) => deleteCookie(c, cookieName, { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
  return new Hono()
    .post('/login', validate('json', loginBody), async (c) => {
      // A sign-in form posted from another site would sign the victim into the attacker's account.
      if (!sameOrigin(c, deps.config.publicUrl)) {
        return sendError(c, 403, { code: 'csrf_failed', message: 'Sign-in from another site refused', message_vi: 'Không nhận đăng nhập gửi từ trang khác' });
      }
      const { email, password } = c.req.valid('json');
      const outcome = await deps.staff.auth.login(email, password, clientAddress(c, deps.config.trustProxy));
      if (!outcome.ok && outcome.code === 'too_many_attempts') {
        const seconds = Math.ceil(outcome.retryAfterMs / 1000);
        c.header('retry-after', String(seconds));
        return sendError(c, 429, { code: 'too_many_attempts', message: `Too many failed sign-ins; try again in ${seconds} s`, message_vi: `Đăng nhập sai quá nhiều lần; thử lại sau ${seconds} giây` });
      }
      if (!outcome.ok) return sendError(c, 401, { code: 'invalid_credentials', message: 'Wrong email or password', message_vi: 'Sai email hoặc mật khẩu' });
      setCookie(c, cookieName, outcome.sessionId, { path: '/', httpOnly: true, secure, sameSite: 'Strict', maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000) });
      c.header('cache-control', 'no-store');
      return c.json(sessionView(outcome.session), 200);
    })
    .get('/session', requireRole(deps, 'inspector', { allowOneTimePassword: true }), (c) => {
      c.header('cache-control', 'no-store');
      return c.json(sessionView(c.var.session), 200);
    })
    .post('/logout', requireRole(deps, 'inspector', { allowOneTimePassword: true }), (c) => {
      deps.staff.auth.logout(c.var.session);
      clearCookie(c);
      return c.json({ ok: true }, 200);
    })
    .post('/logout-everywhere', requireRole(deps, 'inspector', { allowOneTimePassword: true }), (c) => {
      const ended = deps.staff.auth.logoutEverywhere(c.var.session);
      clearCookie(c);
      return c.json({ ok: true, sessionsEnded: ended }, 200);
    })
    .post('/password', requireRole(deps, 'inspector', { allowOneTimePassword: true }), validate('json', passwordBody), async (c) => {
      const { current, next } = c.req.valid('json');
      const outcome = await deps.staff.auth.changePassword(c.var.session, current, next);
      if (!outcome.ok && outcome.code === 'invalid_credentials') return sendError(c, 400, { code: 'invalid_credentials', message: 'The current password is wrong', message_vi: 'Mật khẩu hiện tại không đúng' });
      if (!outcome.ok) return sendError(c, 400, { code: 'weak_password', message: 'Choose a new password of at least 12 characters', message_vi: 'Mật khẩu mới cần ít nhất 12 ký tự và khác mật khẩu cũ' });
      return c.json({ ok: true }, 200);
    });
};
