import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import { clientOf } from './client-address';
import { tooManyRequests } from './rate-limit';

/**
 * POST /api/device: a new server-issued device id for a phone (the PWA asks once, before its
 * first scan). Only such ids count as other phones' checks of a stamp.
 */
export const deviceRoutes = (deps: AppDeps) =>
  new Hono().post('/', (c) => {
    const fresh = deps.devices.issue(clientOf(c, deps.config.trustProxy), Date.now());
    if ('retryAfterMs' in fresh) return tooManyRequests(c, fresh.retryAfterMs);
    c.header('Cache-Control', 'no-store');
    return c.json({ deviceToken: fresh.token }, 201);
  });
