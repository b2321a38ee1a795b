import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from './auth/session.middleware';
import { sendError } from './errors';
import { validate } from './validate';

const serialParam = z.object({ serial: z.string().min(4).max(64).regex(/^[A-Za-z0-9]+$/, 'letters and digits only') });
const historyQuery = z.object({ cursor: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

/** /api/inspector: a stamp's full scan history with anomaly reasons, paged (thin: the history service does the work). */
export const inspectorRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/alerts', requireRole(deps, 'inspector'), (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ items: deps.staff.alerts() }, 200);
    })
    .get('/map', requireRole(deps, 'inspector'), (c) => {
      c.header('cache-control', 'no-store');
      return c.json(deps.staff.reportMap(), 200);
    })
    .get('/stamps/:serial/history', requireRole(deps, 'inspector'), validate('param', serialParam), validate('query', historyQuery), (c) => {
    const { serial } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    const page = deps.staff.stampHistory.page(serial.toUpperCase(), cursor, limit);
    if (page === 'bad_cursor') return sendError(c, 400, { code: 'bad_cursor', message: 'Unknown cursor', message_vi: 'Con trỏ trang không hợp lệ' });
    if (!page) return sendError(c, 404, { code: 'not_found', message: `No stamp with serial "${serial}"`, message_vi: `Không có tem số "${serial}"` });
    c.header('cache-control', 'no-store');
    return c.json(page, 200);
  });
