import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { notFound, sendError } from './errors';
import { validate } from './validate';

const idParam = z.object({ id: z.string().min(1).max(200) });
const placesQuery = z.object({
  era: z.enum(['current', 'pre2025']).optional(),
  level: z.enum(['province', 'ward', 'commune', 'district', 'special_zone']).optional(),
  parent: z.string().max(100).optional(),
  ids: z
    .string()
    .max(20_000)
    .transform((v) => [...new Set(v.split(',').map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(100)).max(1000, 'at most 1000 ids'))
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().default(200),
  offset: z.coerce.number().int().min(0).optional().default(0),
});
const awardsQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

/** Producers, marks, awards and places: the registry's reference pages. */
export const registryRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/producers/:id', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const producer = deps.catalogue.producer(id);
      if (!producer) return sendError(c, 404, notFound('producer'));
      const products = deps.catalogue.productSummaries(deps.catalogue.productIdsOfProducer(id), deps.clock.today());
      return c.json({ ...producer, products });
    })
    .get('/marks', (c) => c.json({ items: deps.catalogue.marks() }))
    .get('/marks/:id', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const mark = deps.catalogue.mark(id);
      if (!mark) return sendError(c, 404, notFound('mark'));
      return c.json(mark);
    })
    .get('/awards', validate('query', awardsQuery), (c) => {
      const { year } = c.req.valid('query');
      return c.json({ items: deps.catalogue.awards(year), programmes: deps.catalogue.awardProgrammes() });
    })
    .get('/places', validate('query', placesQuery), (c) => {
      const q = c.req.valid('query');
      const { items, total } = deps.catalogue.places({ era: q.era, level: q.level, parentId: q.parent, ids: q.ids, limit: q.limit, offset: q.offset });
      return c.json({ items, total, limit: q.limit, offset: q.offset });
    });
