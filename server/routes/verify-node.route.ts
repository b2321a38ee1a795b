// POST /api/verify served straight from node:http, in front of Hono. It is the API's hot
// path, and Hono's adapter builds a web Request, a Headers object and a compose chain for
// every request (about a third of verify's CPU on the 2-core box). This handler applies the
// very functions the Hono route and its middleware apply — body limit (declaredBody,
// payloadTooLarge), JSON body and schema (parseVerifyBody), client address (clientOfIncoming),
// rate limit, device cookie and verdict (createVerifyReply), security headers
// (apiSecurityHeaders), error shapes — so both paths answer alike; tests drive both
// (app.request reaches the Hono route, the real server this one).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../app-deps';
import { clientOfIncoming } from './client-address';
import { badRequest, INTERNAL_ERROR, MALFORMED_JSON_MESSAGE, type ApiError } from './errors';
import { declaredBody, payloadTooLarge } from './http/body-limit';
import { drainIncoming } from './http/drain-incoming';
import type { NodeRoute } from './http/node-routes';
import { apiSecurityHeaders } from './http/security-headers';
import { createVerifyReply, parseVerifyBody, VERIFY_BODY_LIMIT, verifyAnswerHeaders } from './verify.route';

// What hono's JSON validator takes for JSON (any other Content-Type is validated as `{}`).
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** The node:http handler of POST /api/verify (null when requests are logged: Hono's logger sees them all). */
export function createVerifyNodeRoute(deps: AppDeps): NodeRoute | null {
  if (deps.config.logRequests) return null;
  const reply = createVerifyReply(deps);
  const okHeaders = verifyAnswerHeaders(deps.config.publicUrl);
  const errorHeaders = { 'content-type': 'application/json', ...apiSecurityHeaders(deps.config.publicUrl) };
  const proxies = deps.config.trustProxy;

  const sendError = (res: ServerResponse, status: number, error: ApiError, extra?: Record<string, string>) => {
    if (res.headersSent || res.destroyed) return;
    const json = JSON.stringify({ error });
    res.writeHead(status, { ...errorHeaders, ...extra, 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, value: unknown) => {
    const parsed = parseVerifyBody(value);
    if (!parsed.ok) return sendError(res, 400, parsed.error);
    const r = await reply(parsed.body, { cookie: req.headers.cookie, client: clientOfIncoming(req, proxies) });
    if (r.status === 429) return sendError(res, 429, r.error, { 'retry-after': r.retryAfter });
    if (r.status !== 200) return sendError(res, r.status, r.error);
    if (res.destroyed) return;
    // With its length declared, a string body goes out in one write with the head (else chunked, in four).
    const length = Buffer.byteLength(r.json);
    res.writeHead(200, r.setCookie ? { ...okHeaders, 'set-cookie': r.setCookie, 'content-length': length } : { ...okHeaders, 'content-length': length });
    res.end(r.json);
  };

  const fail = (res: ServerResponse, err: unknown) => {
    console.error(err);
    sendError(res, 500, INTERNAL_ERROR);
  };

  /** The body, once complete and within the limit; null when it was refused or the request went away. */
  const readBody = (req: IncomingMessage, res: ServerResponse, done: (body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > VERIFY_BODY_LIMIT) {
        refused = true;
        chunks.length = 0;
        tooLarge(req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      try {
        done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      } catch (e) {
        fail(res, e);
      }
    });
  };

  const tooLarge = (req: IncomingMessage, res: ServerResponse) => {
    sendError(res, 413, payloadTooLarge(VERIFY_BODY_LIMIT), { connection: 'close' });
    // Unread body bytes would make the close a reset, which can lose the answer: read (and
    // drop) at most 64 MB or 500 ms of them first, as the node adapter does.
    res.once('finish', () => drainIncoming(req));
  };

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredBody(req.headers['content-length'], req.headers['transfer-encoding'], VERIFY_BODY_LIMIT);
    if (declared === 'over') return tooLarge(req, res);
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      // Not JSON: validated as an empty object without reading the body, as on the Hono route.
      res.once('finish', () => drainIncoming(req));
      answer(req, res, {}).catch((e: unknown) => fail(res, e));
      return;
    }
    readBody(req, res, (buffer) => {
      let value: unknown;
      // As Request.json(): UTF-8, a leading byte-order mark ignored.
      try {
        const text = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.toString('utf8', 3) : buffer.toString('utf8');
        value = JSON.parse(text);
      } catch {
        return sendError(res, 400, badRequest(MALFORMED_JSON_MESSAGE));
      }
      answer(req, res, value).catch((e: unknown) => fail(res, e));
    });
  };

  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (url !== '/api/verify' && !url.startsWith('/api/verify?')) return false;
    // Node's request listener has no error handler of its own: a throw here must not end the process.
    try {
      route(req, res);
    } catch (e) {
      fail(res, e);
    }
    return true;
  };
}
