import type { Db } from '../db/connection';

export interface StoredSession {
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SessionRepository {
  insert(session: StoredSession): void;
  byIdHash(idHash: string): StoredSession | null;
  touch(idHash: string, at: string): void;
  delete(idHash: string): void;
  /** Sign out everywhere: every session of the user; returns how many there were. */
  deleteForUser(userId: number): number;
  /** Drop sessions past their absolute expiry or idle since before `idleBefore`. */
  deleteExpired(now: string, idleBefore: string): number;
}

export function createSessionRepository(db: Db): SessionRepository {
  const insert = db.prepare(
    'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (@idHash, @userId, @csrfToken, @createdAt, @lastSeenAt, @expiresAt)',
  );
  const byHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
  const del = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const delUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const delExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?');
  return {
    insert: (s) => void insert.run(s),
    byIdHash(idHash) {
      const r = byHash.get(idHash) as SessionRow | undefined;
      return r ? { idHash: r.id_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at } : null;
    },
    touch: (idHash, at) => void touch.run(at, idHash),
    delete: (idHash) => void del.run(idHash),
    deleteForUser: (userId) => delUser.run(userId).changes,
    deleteExpired: (now, idleBefore) => delExpired.run(now, idleBefore).changes,
  };
}
