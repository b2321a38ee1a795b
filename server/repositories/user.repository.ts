import type { Db } from '../db/connection';

export type Role = 'inspector' | 'admin';

export interface User {
  id: number;
  email: string;
  role: Role;
  disabled: boolean;
  /** Signed in with a one-time password: must choose their own before anything else. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

interface UserRow {
  id: number;
  email: string;
  role: Role;
  password_hash: string;
  disabled: 0 | 1;
  must_change_password: 0 | 1;
  created_at: string;
  updated_at: string;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, disabled: r.disabled === 1, mustChangePassword: r.must_change_password === 1, createdAt: r.created_at, updatedAt: r.updated_at });

export interface UserRepository {
  insert(user: { email: string; role: Role; passwordHash: string; mustChangePassword: boolean; at: string }): User;
  byId(id: number): User | null;
  /** The user and the stored password hash, for signing in (email is case-insensitive). */
  credentialsByEmail(email: string): { user: User; passwordHash: string } | null;
  list(): User[];
  /** Change the given fields; a new password hash also sets whether it is a one-time one. */
  update(id: number, change: { role?: Role; disabled?: boolean; password?: { hash: string; temporary: boolean }; at: string }): User | null;
  count(): number;
}

export function createUserRepository(db: Db): UserRepository {
  const insert = db.prepare('INSERT INTO users (email, role, password_hash, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const all = db.prepare('SELECT * FROM users ORDER BY email');
  const count = db.prepare('SELECT COUNT(*) FROM users').pluck();
  const find = (id: number) => {
    const row = byId.get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  };
  return {
    insert({ email, role, passwordHash, mustChangePassword, at }) {
      const { lastInsertRowid } = insert.run(email, role, passwordHash, mustChangePassword ? 1 : 0, at, at);
      return find(Number(lastInsertRowid))!;
    },
    byId: find,
    credentialsByEmail(email) {
      const row = byEmail.get(email) as UserRow | undefined;
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },
    list: () => (all.all() as UserRow[]).map(toUser),
    update(id, { role, disabled, password, at }) {
      const sets = ['updated_at = @at'];
      if (role) sets.push('role = @role');
      if (disabled !== undefined) sets.push('disabled = @disabled');
      if (password) sets.push('password_hash = @hash, must_change_password = @temporary');
      db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run({
        id,
        at,
        role: role ?? null,
        disabled: disabled ? 1 : 0,
        hash: password?.hash ?? null,
        temporary: password?.temporary ? 1 : 0,
      });
      return find(id);
    },
    count: () => count.get() as number,
  };
}
