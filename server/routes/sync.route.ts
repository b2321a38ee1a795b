import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { validate } from './validate';

const changesQuery = z.object({
  since: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);

/** The registry sync feed: a snapshot, then the changes since a version (PRODUCT.md §5). */
export const syncRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/snapshot', (c) => {
      const { version, body } = deps.sync.snapshot();
      const etag = `"registry-v${version}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'no-cache');
      if (matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
      c.header('Content-Type', 'application/json; charset=utf-8');
      return c.body(body);
    })
    .get('/changes', validate('query', changesQuery), (c) => {
      const { since, limit } = c.req.valid('query');
      const result = deps.sync.changesSince(since, limit ?? deps.config.syncPageSize);
      if (!result.ok) {
        return c.json(
          {
            error: {
              code: result.code,
              message: `Take a fresh snapshot: ${result.reason}`,
              message_vi: 'Cần tải lại toàn bộ dữ liệu (snapshot) vì phiên bản đã quá cũ hoặc không khớp',
            },
            current: result.current,
            snapshot: '/api/sync/snapshot',
          },
          410,
        );
      }
      const etag = `"changes-${since}-${result.page.to}-${result.page.hasMore ? 'more' : 'end'}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'no-cache');
      if (matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
      return c.json(result.page);
    });
