import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from './auth/session.middleware';
import { validate } from './validate';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
  action: z.string().max(64).optional(),
  actor: z.coerce.number().int().positive().optional(),
});

/** /api/admin/audit: read and export the audit log. There is deliberately no route that edits or deletes it. */
export const adminAuditRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', requireRole(deps, 'admin'), validate('query', listQuery), (c) => {
      const q = c.req.valid('query');
      const items = deps.staff.audit.list({ limit: q.limit, beforeId: q.before, action: q.action, actorId: q.actor });
      return c.json({ items, nextBefore: items.length === q.limit ? items[items.length - 1]!.id : null }, 200);
    })
    .get('/export.csv', requireRole(deps, 'admin'), (c) => {
      const s = c.var.session;
      deps.staff.audit.record(s.user, 'audit.export', { type: 'audit_log', id: null }, null, null);
      const csv = deps.staff.audit.exportCsv();
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-log-${deps.clock.today()}.csv"`,
        'cache-control': 'no-store',
      });
    });
