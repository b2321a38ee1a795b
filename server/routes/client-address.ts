import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { networkOf } from '../services/verify/client-network';

/** The caller's address: the socket's, or the one the outermost of our `proxies` reverse proxies saw. */
export function clientIp(c: Context, proxies: number): string {
  if (proxies > 0) {
    // Each proxy appends the address it saw; entries left of our outermost proxy's are the client's to invent.
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const seen = hops.at(-proxies);
    if (seen) return seen.slice(0, 64);
  }
  // app.request() in tests has no socket (checked, not caught: an exception per request costs ~50 µs).
  if (!(c.env as { incoming?: unknown } | undefined)?.incoming) return 'unknown';
  return getConnInfo(c).remote.address ?? 'unknown';
}

type Client = { ip: string; network: string };

// Without proxies the address is the socket's, the same for every request of a keep-alive
// connection: worked out once per socket (reading it through getConnInfo cost ~50 µs a request).
const perSocket = new WeakMap<object, Client>();

/** The caller's address and network (/24 or /48), for rate limits and clone evidence. */
export function clientOf(c: Context, proxies: number): Client {
  const socket = proxies > 0 ? undefined : (c.env as { incoming?: { socket?: object } } | undefined)?.incoming?.socket;
  const known = socket && perSocket.get(socket);
  if (known) return known;
  const ip = clientIp(c, proxies);
  const client = { ip, network: networkOf(ip) };
  if (socket) perSocket.set(socket, client);
  return client;
}
