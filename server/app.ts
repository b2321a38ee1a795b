import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { AppDeps } from './app-deps';
import { badRequest, INTERNAL_ERROR, sendError } from './routes/errors';
import { createMethodNotAllowed } from './routes/http/method-not-allowed';
import { securityHeaders } from './routes/http/security-headers';
import { clientConfigRoutes } from './routes/client-config.route';
import { deviceRoutes } from './routes/device.route';
import { healthRoutes } from './routes/health.route';
import { openApiRoutes } from './routes/openapi.route';
import { productsRoutes } from './routes/products.route';
import { registryRoutes } from './routes/registry.route';
import { reportsRoutes } from './routes/reports.route';
import { adminAuditRoutes } from './routes/admin-audit.route';
import { adminRegistryRoutes } from './routes/admin-registry.route';
import { adminUsersRoutes } from './routes/admin-users.route';
import { authRoutes } from './routes/auth.route';
import { inspectorRoutes } from './routes/inspector.route';
import { stampPageRoutes } from './routes/stamp-page.route';
import { syncRoutes } from './routes/sync.route';
import { verifyRoutes } from './routes/verify.route';
import { createVerifyNodeRoute } from './routes/verify-node.route';
import { addNodeRoute } from './routes/http/node-routes';
import { webAppRoutes } from './routes/web-app.route';

/** Build the HTTP app over its dependencies: mounts every route and the error handlers. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  if (deps.config.logRequests) app.use('*', logger());
  // /api/verify's answers carry these headers in their own plain header object (its hot path).
  app.use('*', securityHeaders({ publicUrl: deps.config.publicUrl, presetOn: ['/api/verify'] }));
  // Compress registry reads (snapshots, search pages). Not /api/verify: its answer is a few
  // KB and latency is the budget there. Skipped entirely when the client accepts no
  // encoding, because the middleware otherwise forces Hono's slow Response path.
  const compressor = compress({ threshold: 1024 });
  app.use('/api/*', (c, next) =>
    c.req.path.startsWith('/api/verify') || c.req.path === '/api/device' || !c.req.header('accept-encoding') ? next() : compressor(c, next),
  );

  const routes = app
    .route('/api/health', healthRoutes(deps))
    .route('/api/client-config', clientConfigRoutes(deps))
    .route('/api/products', productsRoutes(deps))
    .route('/api/sync', syncRoutes(deps))
    .route('/api/verify', verifyRoutes(deps))
    .route('/api/device', deviceRoutes(deps))
    .route('/api/reports', reportsRoutes(deps))
    .route('/api/auth', authRoutes(deps))
    .route('/api/inspector', inspectorRoutes(deps))
    .route('/api/admin/users', adminUsersRoutes(deps))
    .route('/api/admin/audit', adminAuditRoutes(deps))
    .route('/api/admin', adminRegistryRoutes(deps))
    .route('/api/openapi.json', openApiRoutes(deps, () => app.routes))
    .route('/api', registryRoutes(deps));

  // Stamp URLs are printed uppercase (QR alphanumeric mode); browsers may also send lowercase.
  app.route('/S', stampPageRoutes(deps));
  app.route('/s', stampPageRoutes(deps));
  app.route('/', webAppRoutes(deps.config.webDir));

  const methodNotAllowed = createMethodNotAllowed(app.routes, ['/api', '/S', '/s']);
  // The path is not echoed back: a reflected URL is an injection vector and can be 16 KB.
  app.notFound(
    (c) => methodNotAllowed(c) ?? sendError(c, 404, { code: 'not_found', message: 'No such address', message_vi: 'Không tìm thấy địa chỉ này' }),
  );
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      // Hono raises these for malformed input it parses itself (e.g. a bad JSON body).
      return sendError(c, err.status as 400, badRequest(err.message));
    }
    console.error(err);
    return sendError(c, 500, INTERNAL_ERROR);
  });
  // The hot path, straight on node:http wherever this app is served (same rules, same answers).
  addNodeRoute(routes, createVerifyNodeRoute(deps));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
