// Directory pages from the local copy, in the shapes the API answers with, so a screen
// renders the same whether the data came from the network or from IndexedDB.
import type { Award, Mark, Place, ProductDetail, ProductSummary, Producer } from '../../server/domain/registry-types';
import { allAwards, buildCatalogueIndex, CATALOGUE_KINDS, marksWithCounts, placesByIds, productDetail, producerWithProducts, type CatalogueIndex } from './catalogue-index';
import { loadRegistry, type RegistryView } from './registry-copy';
import type { OfflineStore } from './store';

/** The catalogue of the local copy (built once per version) with its view, or null before the first sync. */
export async function loadCatalogueView(store: OfflineStore): Promise<{ view: RegistryView; catalogue: CatalogueIndex } | null> {
  const view = await loadRegistry(store, CATALOGUE_KINDS);
  return view ? { view, catalogue: view.derived('catalogue', () => buildCatalogueIndex(view)) } : null;
}

async function loadCatalogue(store: OfflineStore): Promise<CatalogueIndex | null> {
  return (await loadCatalogueView(store))?.catalogue ?? null;
}

/** GET /api/products/:id from the local copy; null when unknown (or never synced). */
export async function productOffline(store: OfflineStore, id: string, today: string): Promise<ProductDetail | null> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? productDetail(catalogue, id, today) : null;
}

/** GET /api/producers/:id from the local copy (the producer with its products, same shape); null when unknown. */
export async function producerOffline(store: OfflineStore, id: string, today: string): Promise<(Producer & { products: ProductSummary[] }) | null> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? producerWithProducts(catalogue, id, today) : null;
}

/** GET /api/marks items from the local copy (each with its product count). */
export async function marksOffline(store: OfflineStore): Promise<(Mark & { productCount: number })[]> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? marksWithCounts(catalogue) : [];
}

/** GET /api/awards items from the local copy. */
export async function awardsOffline(store: OfflineStore): Promise<Award[]> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? allAwards(catalogue) : [];
}

/** GET /api/places?ids=… from the local copy (the directory's place filter names its facet ids). */
export async function placesOffline(store: OfflineStore, ids: readonly string[]): Promise<Place[]> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? placesByIds(catalogue, ids) : [];
}
