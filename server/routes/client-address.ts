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
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** The caller's address and network (/24 or /48), for rate limits and clone evidence. */
export function clientOf(c: Context, proxies: number): { ip: string; network: string } {
  const ip = clientIp(c, proxies);
  return { ip, network: networkOf(ip) };
}
