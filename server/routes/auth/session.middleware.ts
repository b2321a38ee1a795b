// Route guards for inspectors and admins. A session comes only from the HttpOnly cookie;
// every request that changes something must also carry the session's CSRF token in a
// header (a cross-site form or fetch cannot read it) and must not come from another site.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../../app-deps';
import type { Role } from '../../repositories/user.repository';
import type { SignedIn } from '../../services/auth/auth.service';
import { sendError } from '../errors';
import { withRole } from '../openapi/route-schema';

export type StaffEnv = { Variables: { session: SignedIn } };

export const CSRF_HEADER = 'x-csrf-token';

/** `__Host-` pins the cookie to our origin over HTTPS; plain HTTP (development) cannot use it. */
export const sessionCookieName = (publicUrl: string) => (publicUrl.startsWith('https:') ? '__Host-nv_session' : 'nv_session');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** False when the browser says the request comes from another site (Origin or Sec-Fetch-Site). */
export function sameOrigin(c: Context, publicUrl: string): boolean {
  if (c.req.header('sec-fetch-site') === 'cross-site') return false;
  const origin = c.req.header('origin');
  if (origin === undefined) return true; // not a browser's cross-origin request; the token still decides
  return origin === new URL(publicUrl).origin || origin === new URL(c.req.url).origin;
}

const ROLE_RANK: Record<Role, number> = { inspector: 1, admin: 2 };

export const unauthenticated = { code: 'unauthenticated', message: 'Sign in first', message_vi: 'Vui lòng đăng nhập' };

/**
 * Let the request through only for a signed-in user with at least `role` (admin ⊇ inspector).
 * `allowOneTimePassword` admits a user who must still replace an invitation's password.
 */
export const requireRole = (deps: AppDeps, role: Role, options: { allowOneTimePassword?: boolean } = {}) =>
  withRole(createMiddleware<StaffEnv>(async (c, next) => {
    const cookie = getCookie(c, sessionCookieName(deps.config.publicUrl));
    const session = cookie ? deps.staff.auth.resolve(cookie) : null;
    if (!session) return sendError(c, 401, unauthenticated);
    if (!SAFE_METHODS.has(c.req.method)) {
      if (!sameOrigin(c, deps.config.publicUrl) || !deps.staff.auth.csrfMatches(session, c.req.header(CSRF_HEADER))) {
        return sendError(c, 403, { code: 'csrf_failed', message: 'Missing or wrong CSRF token, or a request from another site', message_vi: 'Yêu cầu bị từ chối: thiếu mã chống giả mạo hoặc gửi từ trang khác' });
      }
    }
    if (session.user.mustChangePassword && !options.allowOneTimePassword) {
      return sendError(c, 403, { code: 'password_change_required', message: 'Choose your own password first', message_vi: 'Hãy đặt mật khẩu mới trước' });
    }
    if (ROLE_RANK[session.user.role] < ROLE_RANK[role]) {
      return sendError(c, 403, { code: 'forbidden', message: 'Your role cannot do this', message_vi: 'Tài khoản của bạn không có quyền này' });
    }
    c.set('session', session);
    await next();
  }), role);
