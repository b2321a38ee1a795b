import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { networkOf } from '../services/verify/client-network';

type Client = { ip: string; network: string };
/** What the address is read from: Node's request (absent under app.request() in tests). */
type Incoming = Pick<IncomingMessage, 'headers' | 'socket'> | undefined;

const incomingOf = (c: Context): Incoming => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/**
 * The address our outermost of `proxies` reverse proxies saw, from X-Forwarded-For: each proxy
 * appends the address it saw; entries left of our outermost proxy's are the client's to invent.
 */
function forwardedFor(header: string | string[] | undefined, proxies: number): string | null {
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  const seen = hops.at(-proxies);
  return seen ? seen.slice(0, 64) : null;
}

/** The caller's address: the socket's, or the one the outermost of our `proxies` reverse proxies saw. */
export function clientIpOf(incoming: Incoming, proxies: number): string {
  const forwarded = proxies > 0 ? forwardedFor(incoming?.headers['x-forwarded-for'], proxies) : null;
  if (forwarded) return forwarded;
  // app.request() in tests has no socket (checked, not caught: an exception per request costs ~50 µs).
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The caller's address (see clientIpOf) for a Hono route. */
export function clientIp(c: Context, proxies: number): string {
  // app.request() in tests has no Node request: the forwarded header is on the web request only.
  const forwarded = proxies > 0 && !incomingOf(c) ? forwardedFor(c.req.header('x-forwarded-for'), proxies) : null;
  return forwarded ?? clientIpOf(incomingOf(c), proxies);
}

// Without proxies the address is the socket's, the same for every request of a keep-alive
// connection: worked out once per socket.
const perSocket = new WeakMap<object, Client>();

/** The caller's address and network (/24 or /48), for rate limits and clone evidence, from Node's request. */
export function clientOfIncoming(incoming: Incoming, proxies: number): Client {
  const socket = proxies > 0 ? undefined : incoming?.socket;
  const known = socket && perSocket.get(socket);
  if (known) return known;
  const ip = clientIpOf(incoming, proxies);
  const client = { ip, network: networkOf(ip) };
  if (socket) perSocket.set(socket, client);
  return client;
}

/** The caller's address and network (/24 or /48) for a Hono route. */
export function clientOf(c: Context, proxies: number): Client {
  const incoming = incomingOf(c);
  if (incoming) return clientOfIncoming(incoming, proxies);
  const ip = clientIp(c, proxies);
  return { ip, network: networkOf(ip) };
}
