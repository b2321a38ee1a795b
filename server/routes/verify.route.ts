import { Hono, type TypedResponse } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie } from 'hono/cookie';
import type { JSONParsed } from 'hono/utils/types';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { stringifyVerifyResult } from '../services/verify/verify-json';
import type { VerifyResult } from '../services/verify/verify-types';
import { sendError, validationError } from './errors';
import { limitBody } from './http/body-limit';
import { apiSecurityHeaders } from './http/security-headers';
import { DEVICE_COOKIE, DEVICE_COOKIE_FORMAT, setDeviceCookie } from './stamp-page.route';

const verifyBody = z.object({
  payload: z.string().max(4096),
  deviceId: z.string().min(8).max(128).optional(),
  clientEventId: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').optional(),
  scannedAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string().max(40).optional(),
  pin: z.string().regex(/^\d{4,8}$/, '4–8 digits').optional(),
});

// The hot path of the API: the schema has no async refinements, so it is checked with a
// synchronous safeParse (zValidator awaits safeParseAsync and its hook on every request);
// errors keep the API's shape via the same validationError.
const validVerifyBody = validator('json', (value, c) => {
  const parsed = verifyBody.safeParse(value);
  return parsed.success ? parsed.data : validationError(c, 'json', parsed.error);
});

// Plain header objects take @hono/node-server's fast path (c.json builds a Headers object).
/** Typed as c.json would be, for hc<AppType>; the body is that same JSON. */
type VerifyResponse = Response & TypedResponse<JSONParsed<VerifyResult>, 200, 'json'>;
const JSON_NO_STORE = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

/** The caller's address for rate limits: the socket's, or the one the outermost of our `proxies` reverse proxies saw. */
function clientIp(c: Parameters<typeof getConnInfo>[0], proxies: number): string {
  if (proxies > 0) {
    // Each proxy appends the address it saw; entries left of our outermost proxy's are the client's to invent.
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const seen = hops.at(-proxies);
    if (seen) return seen;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** A verify body is a scanned text (≤ 4 KB) and a few short fields. */
export const VERIFY_BODY_LIMIT = 8 * 1024;

/** POST /api/verify: a graded, explained verdict for any scanned text. */
export const verifyRoutes = (deps: AppDeps) => {
  const headers = { ...JSON_NO_STORE, ...apiSecurityHeaders(deps.config.publicUrl) };
  return new Hono().post('/', limitBody(VERIFY_BODY_LIMIT), validVerifyBody, async (c) => {
    const body = c.req.valid('json');
    // A browser that opened a stamp page carries that page's device cookie: the same phone
    // checking again from the app must not count as another phone.
    const cookie = getCookie(c, DEVICE_COOKIE);
    const hasCookie = cookie !== undefined && DEVICE_COOKIE_FORMAT.test(cookie);
    const deviceId = hasCookie ? cookie : body.deviceId;
    // And the other way round: the app's id becomes the browser's, so a stamp page opened later
    // (the camera app, Zalo) is the same phone, and a PIN entered in the app stays this phone's.
    const adoptAppId = !hasCookie && body.deviceId !== undefined && DEVICE_COOKIE_FORMAT.test(body.deviceId);
    // The address only feeds the PIN-guess limits.
    const outcome = await deps.verify.verify({ ...body, ...(deviceId ? { deviceId } : {}), ip: body.pin === undefined ? '' : clientIp(c, deps.config.trustProxy) });
    if (!outcome.ok) return sendError(c, outcome.status, { code: outcome.code, message: outcome.message, message_vi: outcome.message_vi });
    const json = stringifyVerifyResult(outcome.result);
    if (adoptAppId) {
      setDeviceCookie(c, body.deviceId!, deps.config.publicUrl);
      return (c.body(json, 200, headers) as Response) as VerifyResponse; // c.body carries the cookie
    }
    return new Response(json, { headers }) as VerifyResponse;
  });
};
