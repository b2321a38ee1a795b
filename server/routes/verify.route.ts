import { Hono, type TypedResponse } from 'hono';
import { getCookie } from 'hono/cookie';
import type { JSONParsed } from 'hono/utils/types';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { stringifyVerifyResult } from '../services/verify/verify-json';
import type { VerifyResult } from '../services/verify/verify-types';
import { sendError, validationError } from './errors';
import { withSchema } from './openapi/route-schema';
import { limitBody } from './http/body-limit';
import { admit, tooManyRequests } from './rate-limit';
import { apiSecurityHeaders } from './http/security-headers';
import { DEVICE_COOKIE, setDeviceCookie } from './stamp-page.route';

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
const validVerifyBody = withSchema(
  validator('json', (value, c) => {
    const parsed = verifyBody.safeParse(value);
    return parsed.success ? parsed.data : validationError(c, 'json', parsed.error);
  }),
  'json',
  verifyBody,
);

// Plain header objects take @hono/node-server's fast path (c.json builds a Headers object).
/** Typed as c.json would be, for hc<AppType>; the body is that same JSON. */
type VerifyResponse = Response & TypedResponse<JSONParsed<VerifyResult>, 200, 'json'>;
const JSON_NO_STORE = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

/** A verify body is a scanned text (≤ 4 KB) and a few short fields. */
export const VERIFY_BODY_LIMIT = 8 * 1024;

/** POST /api/verify: a graded, explained verdict for any scanned text. */
export const verifyRoutes = (deps: AppDeps) => {
  const headers = { ...JSON_NO_STORE, ...apiSecurityHeaders(deps.config.publicUrl) };
  return new Hono().post('/', limitBody(VERIFY_BODY_LIMIT), validVerifyBody, async (c) => {
    const body = c.req.valid('json');
    // Abusive volume only: below it a shopper always gets the verdict.
    const { client, wait } = admit(c, deps, 'scan');
    if (wait) return tooManyRequests(c, wait);
    // A browser that opened a stamp page carries that page's device cookie: the same phone
    // checking again from the app must not count as another phone.
    const cookie = getCookie(c, DEVICE_COOKIE);
    const cookieValid = deps.devices.isValid(cookie);
    const deviceId = cookieValid ? cookie : body.deviceId;
    // A phone without an id we issued gets one now (rate-limited per network); this scan is
    // answered as usual but counts as clone evidence only from its next scan on (a client that
    // throws its id away after each scan never counts).
    let issued: string | undefined;
    if (!cookieValid && !deps.devices.isValid(body.deviceId)) {
      const fresh = deps.devices.issue(client, Date.now());
      if ('token' in fresh) issued = fresh.token;
    }
    // The issued id is this scan's device from now on (a PIN used now stays this phone's).
    const device = issued ?? deviceId;
    const outcome = await deps.verify.verify({ ...body, ...(device ? { deviceId: device } : {}), client, noEvidence: issued !== undefined });
    if (!outcome.ok) return sendError(c, outcome.status, { code: outcome.code, message: outcome.message, message_vi: outcome.message_vi });
    const json = stringifyVerifyResult(issued ? { ...outcome.result, deviceToken: issued } : outcome.result);
    // The app's id becomes the browser's, so a stamp page opened later (the camera app, Zalo)
    // is the same phone, and a PIN entered in the app stays this phone's.
    const cookieToSet = issued ?? (!cookieValid && deps.devices.isValid(body.deviceId) ? body.deviceId : undefined);
    if (cookieToSet) {
      setDeviceCookie(c, cookieToSet, deps.config.publicUrl);
      return (c.body(json, 200, headers) as Response) as VerifyResponse; // c.body carries the cookie
    }
    return new Response(json, { headers }) as VerifyResponse;
  });
};
