import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { User } from '../repositories/user.repository';
import type { UsersError } from '../services/auth/users.service';
import { requireRole } from './auth/session.middleware';
import { sendError } from './errors';
import { validate } from './validate';

const role = z.enum(['inspector', 'admin']);
const inviteBody = z.object({ email: z.email().max(254), role });
const updateBody = z.object({ role: role.optional(), disabled: z.boolean().optional() }).refine((b) => b.role !== undefined || b.disabled !== undefined, 'role or disabled');
const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 31) });

const userView = (u: User) => ({ id: u.id, email: u.email, role: u.role, disabled: u.disabled, mustChangePassword: u.mustChangePassword, createdAt: u.createdAt, updatedAt: u.updatedAt });

const ERRORS: Record<UsersError['code'], { status: 400 | 404 | 409; message: string; message_vi: string }> = {
  email_taken: { status: 409, message: 'An account with this email exists', message_vi: 'Email này đã có tài khoản' },
  not_found: { status: 404, message: 'No such user', message_vi: 'Không tìm thấy người dùng' },
  cannot_change_self: { status: 409, message: 'Admins cannot change their own role or disable themselves', message_vi: 'Không thể tự đổi vai trò hoặc tự khóa tài khoản của mình' },
  weak_password: { status: 400, message: 'Password too short', message_vi: 'Mật khẩu quá ngắn' },
};

/** /api/admin/users: admins invite, change roles, disable and reset accounts. */
export const adminUsersRoutes = (deps: AppDeps) => {
  const fail = (c: Parameters<typeof sendError>[0], e: UsersError) => {
    const { status, ...error } = ERRORS[e.code];
    return sendError(c, status, { code: e.code, ...error });
  };
  return new Hono()
    .get('/', requireRole(deps, 'admin'), (c) => c.json({ items: deps.staff.users.list().map(userView) }, 200))
    .post('/', requireRole(deps, 'admin'), validate('json', inviteBody), async (c) => {
      const out = await deps.staff.users.invite(c.var.session.user, c.req.valid('json'));
      if (!out.ok) return fail(c, out);
      c.header('cache-control', 'no-store');
      return c.json({ user: userView(out.user), oneTimePassword: out.oneTimePassword }, 201);
    })
    .patch('/:id', requireRole(deps, 'admin'), validate('param', idParam), validate('json', updateBody), (c) => {
      const out = deps.staff.users.update(c.var.session.user, c.req.valid('param').id, c.req.valid('json'));
      if (!out.ok) return fail(c, out);
      return c.json({ user: userView(out.user) }, 200);
    })
    .post('/:id/reset-password', requireRole(deps, 'admin'), validate('param', idParam), async (c) => {
      const out = await deps.staff.users.resetPassword(c.var.session.user, c.req.valid('param').id);
      if (!out.ok) return fail(c, out);
      c.header('cache-control', 'no-store');
      return c.json({ user: userView(out.user), oneTimePassword: out.oneTimePassword }, 200);
    });
};
