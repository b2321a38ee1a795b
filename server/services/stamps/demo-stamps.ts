import type { Runtime } from '../../bootstrap';
import { writeBatchFiles } from '../../repositories/stamp-sheet/write-batch-files';
import { DEMO_ISSUER_ID } from './issuers.service';

/** A real product whose OCOP certificate is dated and current, so the DEMO stamps read as authentic. */
export const DEMO_PRODUCT_QUERY = 'Trà tôm nõn hương quê';

/** Issue 12 DEMO stamps for a real registry product and write their sheet (first run only). */
export async function issueDemoStamps(runtime: Runtime, outDir: string): Promise<{ productName: string; files: string[] } | null> {
  const today = runtime.deps.clock.today();
  const hit = await runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today });
  const product = hit.hits[0] ? runtime.deps.catalogue.productDetail(hit.hits[0].id, today) : null;
  if (!product) return null;
  let files: string[] = [];
  await runtime.issuing.issueBatch({ productId: product.id, count: 12, withPin: true, expiresAt: null, issuerId: DEMO_ISSUER_ID }, undefined, async (batch) => {
    files = await writeBatchFiles(batch, { productName: product.name, producerName: product.producerName }, outDir, { pins: true, sheets: true });
  });
  return { productName: product.name, files };
}
