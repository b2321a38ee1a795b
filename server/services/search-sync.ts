import type { ChangeLogEntry } from '../repositories/registry.repository';

/**
 * Which products' search documents a batch of registry changes touches. Returns null
 * when a change can move many documents at once (places), meaning "rebuild everything".
 */
export function affectedProducts(
  changes: ChangeLogEntry[],
  productIdsOfProducer: (producerId: string) => string[],
  productIdsOfMark: (markId: string) => string[],
): { upserts: Set<string>; deletes: Set<string> } | null {
  const upserts = new Set<string>();
  const deletes = new Set<string>();
  for (const c of changes) {
    const data = c.data ?? {};
    switch (c.entity) {
      case 'products':
        if (c.op === 'delete') {
          deletes.add(c.entityId);
          upserts.delete(c.entityId);
        } else {
          upserts.add(c.entityId);
          deletes.delete(c.entityId);
        }
        break;
      case 'ocop_certifications':
      case 'awards':
      case 'mark_links':
        if (typeof data.product_id === 'string') upserts.add(data.product_id);
        if (c.entity === 'mark_links' && typeof data.producer_id === 'string' && !data.product_id) {
          for (const id of productIdsOfProducer(data.producer_id)) upserts.add(id);
        }
        // A deleted link/certificate has no data left: refresh everything to be safe.
        if (c.op === 'delete') return null;
        break;
      case 'producers':
        for (const id of productIdsOfProducer(c.entityId)) upserts.add(id);
        break;
      case 'marks':
        for (const id of productIdsOfMark(c.entityId)) upserts.add(id);
        break;
      case 'places':
      case 'place_aliases':
        return null;
      default:
        break; // reference tables (GS1, stats, rules, categories) are not searched
    }
  }
  for (const id of deletes) upserts.delete(id);
  return { upserts, deletes };
}
