// Directory pages from the local copy: the shared read model (server/domain/catalogue/)
// fed from IndexedDB, so a screen gets the very answer the API gives for the same data.
import { CATALOGUE_KINDS, type CatalogueIndex } from '../../server/domain/catalogue/catalogue-index';
import { awards, marksWithCounts, placesByIds, producerWithProducts, type MarkWithCount } from '../../server/domain/catalogue/directory';
import { productDetail } from '../../server/domain/catalogue/product-card';
import { createReadModel, type ReadModel } from '../../server/domain/catalogue/read-model';
import { toTypedRows } from '../../server/domain/catalogue/typed-rows';
import type { RegistryKind } from '../../server/domain/registry-kinds';
import type { Award, Place, ProductDetail, ProductSummary, Producer } from '../../server/domain/registry-types';
import { loadRegistry, type RegistryView } from './registry-copy';
import type { OfflineStore } from './store';

/** The read model of the local copy with these kinds loaded (one per copy version), or null before the first sync. */
export async function loadReadModel(store: OfflineStore, kinds: readonly RegistryKind[]): Promise<{ view: RegistryView; model: ReadModel } | null> {
  const view = await loadRegistry(store, kinds);
  return view ? { view, model: view.derived('read-model', () => createReadModel(view.version, (kind) => toTypedRows(kind, view.rows(kind)))) } : null;
}

/** The catalogue of the local copy (built once per version) with its view, or null before the first sync. */
export async function loadCatalogueView(store: OfflineStore): Promise<{ view: RegistryView; catalogue: CatalogueIndex } | null> {
  const loaded = await loadReadModel(store, CATALOGUE_KINDS);
  return loaded ? { view: loaded.view, catalogue: loaded.model.catalogue() } : null;
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
export async function marksOffline(store: OfflineStore): Promise<MarkWithCount[]> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? marksWithCounts(catalogue) : [];
}

/** GET /api/awards items from the local copy. */
export async function awardsOffline(store: OfflineStore): Promise<Award[]> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? awards(catalogue) : [];
}

/** GET /api/places?ids=… from the local copy (the directory's place filter names its facet ids). */
export async function placesOffline(store: OfflineStore, ids: readonly string[]): Promise<Place[]> {
  const catalogue = await loadCatalogue(store);
  return catalogue ? placesByIds(catalogue, ids) : [];
}
