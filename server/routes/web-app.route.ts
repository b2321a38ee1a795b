// The PWA, served from the same origin as the API (so the service worker, IndexedDB and
// camera permission all belong to one site). Hashed assets are cached for a year; the
// shell, service worker and manifest are revalidated so an update reaches phones on the
// next visit. Any other GET without a file extension gets the shell: with 200 on the app's
// own screens (server/domain/app-paths.ts), with 404 elsewhere (the app shows "not found").
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { isAppPath } from '../domain/app-paths';

// What the shell may load: only itself. 'wasm-unsafe-eval' lets the scanner compile the
// zxing .wasm we serve; blob: is the camera preview and the decoding worker.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function setHeaders(c: Context, cacheControl: string) {
  c.header('Cache-Control', cacheControl);
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
}

/** Routes for the built PWA in `webDir`; a plain notice when it has not been built. */
export function webAppRoutes(webDir: string) {
  const app = new Hono();
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Nguồn Việt</title><p>Ứng dụng web chưa được build: chạy <code>npm run build:web</code> (hoặc <code>npm start</code>). The web app is not built yet: run <code>npm run build:web</code>. API: <a href="/api/openapi.json">/api/openapi.json</a></p>',
        503,
      ),
    );
    return app;
  }
  const shell = readFileSync(indexFile, 'utf8');
  app.get(
    '*',
    serveStatic({
      root: webDir,
      precompressed: true,
      onFound: (path, c) => setHeaders(c, path.includes('/assets/') ? IMMUTABLE : REVALIDATE),
    }),
  );
  app.get('*', (c, next) => {
    const last = c.req.path.split('/').pop() ?? '';
    if (c.req.path.startsWith('/api/') || last.includes('.')) return next();
    setHeaders(c, REVALIDATE);
    return c.html(shell, isAppPath(c.req.path) ? 200 : 404);
  });
  return app;
}
