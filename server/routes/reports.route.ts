import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { sendError } from './errors';
import { admit, tooManyRequests } from './rate-limit';
import { validate } from './validate';
import { limitBody } from './http/body-limit';

const reportBody = z.object({
  clientReportId: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
  payload: z.string().max(4096).optional(),
  verdict: z.enum(['authentic', 'authentic_offline', 'caution', 'revoked', 'unverified', 'not_a_stamp']).optional(),
  reasons: z.array(z.string().max(64)).max(20).optional(),
  productId: z.string().min(1).max(200).optional(),
  shop: z.string().max(300).optional(),
  note: z.string().max(2000).optional(),
  contact: z.string().max(200).optional(),
  deviceId: z.string().min(8).max(128).optional(),
  place: z.string().max(40).optional(),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
});

/** A JSON report is a few short texts (the note is ≤ 2,000 characters); photos will get their own limit. */
export const REPORT_JSON_BODY_LIMIT = 64 * 1024;

/** POST /api/reports: a shopper reports a suspected fake (idempotent by clientReportId). */
export const reportsRoutes = (deps: AppDeps) =>
  new Hono().post('/', limitBody(REPORT_JSON_BODY_LIMIT), validate('json', reportBody), (c) => {
    const { wait } = admit(c, deps, 'report');
    if (wait) return tooManyRequests(c, wait);
    const outcome = deps.reports.submit(c.req.valid('json'));
    if (!outcome.ok) return sendError(c, 400, { code: outcome.code, message: outcome.message, message_vi: outcome.message_vi });
    return c.json(outcome.report, outcome.created ? 201 : 200);
  });
