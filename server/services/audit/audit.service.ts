// Every admin and inspector action leaves an entry: who, what, when, the record before and
// after. Entries are only ever added; the table's triggers refuse edits and deletions.
import { writeCsv } from '../../domain/csv';
import type { AuditEntry, AuditLogRepository } from '../../repositories/audit-log.repository';
import type { Clock } from '../../repositories/clock';

export interface Actor {
  id: number | null;
  email: string;
}

export interface AuditService {
  record(actor: Actor, action: string, target: { type: string; id: string | number | null }, before: unknown, after: unknown): void;
  list(opts: { limit: number; beforeId?: number; action?: string; actorId?: number }): AuditEntry[];
  /** The whole log (newest first) as CSV, in pages so a long log is not read in one query. */
  exportCsv(): string;
}

// A cell starting with = + - @ is a formula to a spreadsheet: the export is opened in one.
export const spreadsheetSafe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function createAuditService(deps: { log: AuditLogRepository; clock: Clock }): AuditService {
  return {
    record(actor, action, target, before, after) {
      deps.log.append({
        at: deps.clock.now().toISOString(),
        actorId: actor.id,
        actorEmail: actor.email,
        action,
        targetType: target.type,
        targetId: target.id === null ? null : String(target.id),
        before: before ?? null,
        after: after ?? null,
      });
    },
    list: (opts) => deps.log.list(opts),
    exportCsv() {
      const header = ['id', 'at', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'before', 'after'];
      const rows: Record<string, string>[] = [];
      let beforeId: number | undefined;
      for (;;) {
        const page = deps.log.list({ limit: 1000, beforeId });
        for (const e of page) {
          rows.push({
            id: String(e.id),
            at: e.at,
            actor_id: e.actorId === null ? '' : String(e.actorId),
            actor_email: spreadsheetSafe(e.actorEmail),
            action: e.action,
            target_type: e.targetType,
            target_id: spreadsheetSafe(e.targetId ?? ''),
            before: e.before === null ? '' : JSON.stringify(e.before),
            after: e.after === null ? '' : JSON.stringify(e.after),
          });
        }
        if (page.length < 1000) break;
        beforeId = page[page.length - 1]!.id;
      }
      return writeCsv(header, rows);
    },
  };
}
