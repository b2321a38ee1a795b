import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { sendError } from './errors';
import { validate } from './validate';

const verifyBody = z.object({
  payload: z.string().max(4096),
  deviceId: z.string().min(8).max(128).optional(),
  clientEventId: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').optional(),
  scannedAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string().max(40).optional(),
  pin: z.string().regex(/^\d{4,8}$/, '4–8 digits').optional(),
});

/** The caller's address for rate limits: the socket's, or the first proxy hop when behind one. */
function clientIp(c: Parameters<typeof getConnInfo>[0], trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    if (fwd) return fwd.split(',')[0]!.trim();
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** POST /api/verify: a graded, explained verdict for any scanned text. */
export const verifyRoutes = (deps: AppDeps) =>
  new Hono().post('/', validate('json', verifyBody), async (c) => {
    const body = c.req.valid('json');
    const outcome = await deps.verify.verify({ ...body, ip: clientIp(c, deps.config.trustProxy) });
    if (!outcome.ok) return sendError(c, outcome.status, { code: outcome.code, message: outcome.message, message_vi: outcome.message_vi });
    c.header('Cache-Control', 'no-store');
    return c.json(outcome.result);
  });
