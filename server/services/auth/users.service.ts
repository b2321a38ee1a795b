// Admins invite inspectors and admins, change roles and disable accounts. An invitation
// creates the account with a one-time password shown once; its holder must replace it.
// Disabling or demoting someone ends their sessions at once.
import type { Clock } from '../../repositories/clock';
import type { SessionRepository } from '../../repositories/session.repository';
import type { Role, User, UserRepository } from '../../repositories/user.repository';
import type { Actor, AuditService } from '../audit/audit.service';
import { PASSWORD_MAX, PASSWORD_MIN, generatePassword, hashPassword } from './password';

export type UsersError = { ok: false; code: 'email_taken' | 'not_found' | 'cannot_change_self' | 'weak_password' };

export interface UsersService {
  list(): User[];
  /** Create an account; without `password` a one-time password is generated and returned. */
  invite(actor: Actor, input: { email: string; role: Role; password?: string }): Promise<{ ok: true; user: User; oneTimePassword: string | null } | UsersError>;
  update(actor: Actor, id: number, change: { role?: Role; disabled?: boolean }): { ok: true; user: User } | UsersError;
  /** Replace a forgotten password with a new one-time password (and end the user's sessions). */
  resetPassword(actor: Actor, id: number): Promise<{ ok: true; user: User; oneTimePassword: string } | UsersError>;
}

export function createUsersService(deps: { users: UserRepository; sessions: SessionRepository; audit: AuditService; clock: Clock }): UsersService {
  const { users, sessions, audit, clock } = deps;
  const publicView = (u: User) => ({ email: u.email, role: u.role, disabled: u.disabled });
  return {
    list: () => users.list(),

    async invite(actor, { email, role, password }) {
      const normalised = email.trim().toLowerCase();
      if (users.credentialsByEmail(normalised)) return { ok: false, code: 'email_taken' };
      if (password !== undefined && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) return { ok: false, code: 'weak_password' };
      const oneTimePassword = password === undefined ? generatePassword() : null;
      const user = users.insert({ email: normalised, role, passwordHash: await hashPassword(password ?? oneTimePassword!), mustChangePassword: oneTimePassword !== null, at: clock.now().toISOString() });
      audit.record(actor, 'user.invite', { type: 'user', id: user.id }, null, publicView(user));
      return { ok: true, user, oneTimePassword };
    },

    update(actor, id, change) {
      const before = users.byId(id);
      if (!before) return { ok: false, code: 'not_found' };
      // An admin cannot lock themselves out (nor leave the registry without its last admin that way).
      if (actor.id === id) return { ok: false, code: 'cannot_change_self' };
      const user = users.update(id, { ...change, at: clock.now().toISOString() })!;
      if (change.disabled || (change.role && change.role !== before.role)) sessions.deleteForUser(id);
      audit.record(actor, 'user.update', { type: 'user', id }, publicView(before), publicView(user));
      return { ok: true, user };
    },

    async resetPassword(actor, id) {
      const before = users.byId(id);
      if (!before) return { ok: false, code: 'not_found' };
      const oneTimePassword = generatePassword();
      const user = users.update(id, { password: { hash: await hashPassword(oneTimePassword), temporary: true }, at: clock.now().toISOString() })!;
      sessions.deleteForUser(id);
      audit.record(actor, 'user.reset_password', { type: 'user', id }, null, null);
      return { ok: true, user, oneTimePassword };
    },
  };
}
