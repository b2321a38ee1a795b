import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { explainMatch, queryCoverage } from '../domain/match-explanation';
import { notFound, sendError } from './errors';
import { validate } from './validate';

const listQuery = z.object({
  q: z.string().max(200).optional().default(''),
  stars: z
    .string()
    .regex(/^[345](,[345])*$/, 'comma-separated star ratings 3, 4 or 5')
    .optional()
    .transform((s) => (s ? s.split(',').map(Number) : undefined)),
  group: z.string().max(200).optional(),
  place: z.string().max(100).optional(),
  mark: z.string().max(200).optional(),
  awardYear: z.coerce.number().int().min(1990).max(2100).optional(),
  cert: z.enum(['valid', 'expired', 'unknown', 'none']).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional().default(20),
  offset: z.coerce.number().int().min(0).max(100_000).optional().default(0),
  facets: z.enum(['0', '1', 'true', 'false']).optional().default('1'),
});

const idParam = z.object({ id: z.string().min(1).max(200) });

/** GET /api/products (search, filters, facets) and GET /api/products/:id. */
export const productsRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', validate('query', listQuery), async (c) => {
      const q = c.req.valid('query');
      const today = deps.clock.today();
      const result = await deps.search.search({
        q: q.q,
        filters: {
          stars: q.stars,
          ocopGroup: q.group,
          placeId: q.place,
          markId: q.mark,
          awardYear: q.awardYear,
          certificate: q.cert,
        },
        limit: q.limit,
        offset: q.offset,
        facets: q.facets === '1' || q.facets === 'true',
        today,
      });
      const items = deps.catalogue.productSummaries(result.hits.map((h) => h.id), today).map((item) => ({ ...item, match: explainMatch(result.query.interpreted, item) }));
      return c.json({
        items,
        total: result.total,
        limit: q.limit,
        offset: q.offset,
        facets: result.facets,
        query: { ...result.query, ...queryCoverage(result.query) },
        engine: result.engine,
      });
    })
    .get('/:id', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const product = deps.catalogue.productDetail(id, deps.clock.today());
      if (!product) return sendError(c, 404, notFound('product'));
      return c.json(product);
    });
