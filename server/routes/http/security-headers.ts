import type { MiddlewareHandler } from 'hono';

/** Paths of the server-rendered stamp pages (the URL printed in every QR code). */
const STAMP_PAGE = /^\/s\//i;

/**
 * Headers every response carries: nosniff everywhere; on HTML pages no framing (CSP
 * frame-ancestors, kept alongside the page's own CSP, and X-Frame-Options for old
 * browsers); a Referrer-Policy (stamp pages send no referrer at all: their URL is a
 * printable stamp); HSTS when the public origin is https.
 */
export function securityHeaders(options: { publicUrl: string }): MiddlewareHandler {
  const hsts = options.publicUrl.startsWith('https:') ? 'max-age=31536000' : null;
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (hsts) headers.set('Strict-Transport-Security', hsts);
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', STAMP_PAGE.test(c.req.path) ? 'no-referrer' : 'strict-origin-when-cross-origin');
    if (!(headers.get('Content-Type') ?? '').startsWith('text/html')) return;
    headers.set('X-Frame-Options', 'DENY');
    const csp = headers.get('Content-Security-Policy');
    if (!csp) headers.set('Content-Security-Policy', "frame-ancestors 'none'");
    else if (!/(^|;)\s*frame-ancestors\s/.test(csp)) headers.set('Content-Security-Policy', `${csp}; frame-ancestors 'none'`);
  };
}
