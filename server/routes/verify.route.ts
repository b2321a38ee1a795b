import { Hono, type TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { stringifyVerifyResult } from '../services/verify/verify-json';
import type { VerifyResult } from '../services/verify/verify-types';
import { clientOf } from './client-address';
import { invalidRequest, sendError, type ApiError } from './errors';
import { withSchema } from './openapi/route-schema';
import { limitBody } from './http/body-limit';
import { DEVICE_COOKIE, deviceCookieHeader, readCookie } from './http/device-cookie';
import { apiSecurityHeaders } from './http/security-headers';
import { rateLimited } from './rate-limit';

const verifyBody = z.object({
  payload: z.string().max(4096),
  deviceId: z.string().min(8).max(128).optional(),
  clientEventId: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').optional(),
  scannedAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string().max(40).optional(),
  pin: z.string().regex(/^\d{4,8}$/, '4–8 digits').optional(),
});
export type VerifyBody = z.infer<typeof verifyBody>;

/**
 * A parsed JSON body checked against the schema (a synchronous safeParse: zValidator awaits
 * safeParseAsync and its hook on every request). A body whose Content-Type is not JSON is
 * checked as `{}`, as hono's validator does.
 */
export function parseVerifyBody(value: unknown): { ok: true; body: VerifyBody } | { ok: false; error: ApiError } {
  const parsed = verifyBody.safeParse(value);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, error: invalidRequest('json', parsed.error) };
}

/** A verify body is a scanned text (≤ 4 KB) and a few short fields. */
export const VERIFY_BODY_LIMIT = 8 * 1024;

/** What POST /api/verify answers once its body is valid: the JSON text and cookie of a 200, or an error. */
export type VerifyReply =
  | { status: 200; json: string; setCookie?: string }
  | { status: 400 | 503; error: ApiError }
  | { status: 429; error: ApiError; retryAfter: string };

/**
 * POST /api/verify after body limit and validation: rate limit, device id, verdict. The Hono
 * route and the node fast path (verify-node.route.ts) both answer through this one function.
 */
export function createVerifyReply(deps: Pick<AppDeps, 'config' | 'devices' | 'limits' | 'verify'>) {
  return async (body: VerifyBody, request: { cookie: string | undefined; client: { ip: string; network: string } }): Promise<VerifyReply> => {
    const { client } = request;
    // Abusive volume only: below it a shopper always gets the verdict.
    const wait = deps.limits.admit('scan', client, Date.now());
    if (wait) return { status: 429, ...rateLimited(wait) };
    // A browser that opened a stamp page carries that page's device cookie: the same phone
    // checking again from the app must not count as another phone.
    const cookie = readCookie(request.cookie, DEVICE_COOKIE);
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
    if (!outcome.ok) return { status: outcome.status, error: { code: outcome.code, message: outcome.message, message_vi: outcome.message_vi } };
    const json = stringifyVerifyResult(issued ? { ...outcome.result, deviceToken: issued } : outcome.result);
    // The app's id becomes the browser's, so a stamp page opened later (the camera app, Zalo)
    // is the same phone, and a PIN entered in the app stays this phone's.
    const cookieToSet = issued ?? (!cookieValid && deps.devices.isValid(body.deviceId) ? body.deviceId : undefined);
    return cookieToSet ? { status: 200, json, setCookie: deviceCookieHeader(cookieToSet, deps.config.publicUrl) } : { status: 200, json };
  };
}

/** The headers of a 200 verify answer, as a plain object (both paths; see apiSecurityHeaders). */
export const verifyAnswerHeaders = (publicUrl: string): Record<string, string> => ({ 'content-type': 'application/json', 'cache-control': 'no-store', ...apiSecurityHeaders(publicUrl) });

/** Typed as c.json would be, for hc<AppType>; the body is that same JSON. */
type VerifyResponse = Response & TypedResponse<JSONParsed<VerifyResult>, 200, 'json'>;

/** POST /api/verify: a graded, explained verdict for any scanned text. */
export const verifyRoutes = (deps: AppDeps) => {
  const headers = verifyAnswerHeaders(deps.config.publicUrl);
  const reply = createVerifyReply(deps);
  const validVerifyBody = withSchema(
    validator('json', (value, c) => {
      const parsed = parseVerifyBody(value);
      return parsed.ok ? parsed.body : sendError(c, 400, parsed.error);
    }),
    'json',
    verifyBody,
  );
  return new Hono().post('/', limitBody(VERIFY_BODY_LIMIT), validVerifyBody, async (c) => {
    const r = await reply(c.req.valid('json'), { cookie: c.req.header('cookie'), client: clientOf(c, deps.config.trustProxy) });
    if (r.status === 429) c.header('Retry-After', r.retryAfter);
    if (r.status !== 200) return sendError(c, r.status, r.error);
    // Plain header objects take @hono/node-server's fast path (c.json builds a Headers object).
    if (r.setCookie) return new Response(r.json, { headers: { ...headers, 'set-cookie': r.setCookie } }) as VerifyResponse;
    return new Response(r.json, { headers }) as VerifyResponse;
  });
};
