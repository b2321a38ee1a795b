// Routes served from node:http in front of the Hono app (POST /api/verify), registered by
// createApp against the app it returns, so whatever serves that app (server/http-server.ts:
// main.ts, the tests' real servers, the benches) serves them too, and app.request() in tests
// still reaches the Hono routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers the request and returns true, or returns false (touching nothing) to leave it to Hono. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

const routesOf = new WeakMap<object, NodeRoute[]>();

/** Serve `route` in front of `app` wherever the app is served over HTTP. */
export function addNodeRoute(app: object, route: NodeRoute | null): void {
  if (route) routesOf.set(app, [...(routesOf.get(app) ?? []), route]);
}

/** The node routes registered for `app`, as one handler (null when there are none). */
export function nodeRoutesOf(app: object): NodeRoute | null {
  const routes = routesOf.get(app);
  if (!routes?.length) return null;
  return (req, res) => routes.some((route) => route(req, res));
}
