import type { Context } from 'hono';
import { sendError } from '../errors';

interface MountedRoute {
  method: string;
  path: string;
}

/** `/api/products/:id` → a regular expression matching the concrete paths it serves. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}

/**
 * For a request no route answered: the methods the API does serve at that path, if any,
 * so a wrong method gets 405 with `Allow` instead of 404. Only the API and stamp pages
 * count: the web app's catch-all GET would otherwise make every path "exist".
 */
export function createMethodNotAllowed(routes: readonly MountedRoute[], prefixes: readonly string[]) {
  const table = routes
    .filter((r) => r.method !== 'ALL' && prefixes.some((p) => r.path.startsWith(p)))
    .map((r) => ({ method: r.method, pattern: patternOf(r.path) }));
  const allowedAt = (path: string): string[] => {
    const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
  /** A 405 response when the path exists under another method, else null. */
  return (c: Context): Response | null => {
    const allow = allowedAt(c.req.path);
    if (allow.length === 0 || allow.includes(c.req.method)) return null;
    c.header('Allow', allow.join(', '));
    return sendError(c, 405, {
      code: 'method_not_allowed',
      message: `Method ${c.req.method.slice(0, 16)} is not allowed here; allowed: ${allow.join(', ')}`,
      message_vi: `Phương thức này không được hỗ trợ tại địa chỉ này; được phép: ${allow.join(', ')}`,
    });
  };
}
