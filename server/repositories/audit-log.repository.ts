import type { Db } from '../db/connection';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorEmail: r.actor_email,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  before: r.before_json === null ? null : JSON.parse(r.before_json),
  after: r.after_json === null ? null : JSON.parse(r.after_json),
});

/** The audit log: insert and read only (the table's triggers refuse UPDATE and DELETE). */
export interface AuditLogRepository {
  append(entry: NewAuditEntry): void;
  /** Newest first; `beforeId` pages on (ids only grow). */
  list(opts: { limit: number; beforeId?: number; action?: string; actorId?: number }): AuditEntry[];
}

export function createAuditLogRepository(db: Db): AuditLogRepository {
  const append = db.prepare(
    'INSERT INTO audit_log (at, actor_id, actor_email, action, target_type, target_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    append(e) {
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
      append.run(e.at, e.actorId, e.actorEmail, e.action, e.targetType, e.targetId, json(e.before), json(e.after));
    },
    list({ limit, beforeId, action, actorId }) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (beforeId !== undefined) {
        where.push('id < ?');
        args.push(beforeId);
      }
      if (action) {
        where.push('action = ?');
        args.push(action);
      }
      if (actorId !== undefined) {
        where.push('actor_id = ?');
        args.push(actorId);
      }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, limit) as AuditRow[]).map(toEntry);
    },
  };
}
