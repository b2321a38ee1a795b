// The public registry's read side on the server: the shared read model (server/domain/
// catalogue/) fed from SQLite, rebuilt when the change log's version moves. Every read is
// answered by the same functions the PWA answers from its IndexedDB copy.
import type { Db } from '../../db/connection';
import { CATALOGUE_KINDS } from '../../domain/catalogue/catalogue-index';
import * as directory from '../../domain/catalogue/directory';
import { productDetail, productSummaries } from '../../domain/catalogue/product-card';
import { createReadModel, type ReadModel } from '../../domain/catalogue/read-model';
import type { AwardProgramme } from '../../domain/catalogue/records';
import { toTypedRows, type WireRecord } from '../../domain/catalogue/typed-rows';
import { VERIFY_KINDS } from '../../domain/catalogue/verify-context';
import type { RegistryKind } from '../../domain/registry-kinds';
import type { Award, Mark, Place, ProductDetail, ProductSummary, Producer } from '../../domain/registry-types';
import type { RegistryRepository } from '../registry.repository';

export type { MarkWithCount, PlaceQuery } from '../../domain/catalogue/directory';
export type { AwardProgramme } from '../../domain/catalogue/records';

/** Read side of the registry: products, producers, marks, awards and places. */
export interface CatalogueRepository {
  /** The read model of the registry's current version (rebuilt, lazily, when the change log moves). */
  readModel(): ReadModel;
  productSummaries(ids: readonly string[], today: string): ProductSummary[];
  productDetail(id: string, today: string): ProductDetail | null;
  producer(id: string): Producer | null;
  productIdsOfProducer(id: string): string[];
  /** Products that list this GTIN-14. */
  productIdsByGtin(gtin14: string): string[];
  marks(): directory.MarkWithCount[];
  mark(id: string): Mark | null;
  awards(year?: number): Award[];
  awardProgrammes(): AwardProgramme[];
  places(query: directory.PlaceQuery): { items: Place[]; total: number };
  place(id: string): Place | null;
  /** A coarse place as scan rules use it: its full name and its province's id. */
  coarsePlace(id: string): { name: string; provinceId: string | null } | null;
}

const READ_KINDS: readonly RegistryKind[] = [...new Set<RegistryKind>([...CATALOGUE_KINDS, ...VERIFY_KINDS])];

/** Build the catalogue repository over a SQLite database and its change log. */
export function createCatalogueRepository(db: Db, registry: Pick<RegistryRepository, 'currentVersion'>): CatalogueRepository {
  // Table names come from the fixed list of kinds, never from a caller.
  const selectAll = new Map(READ_KINDS.map((kind) => [kind, db.prepare(`SELECT * FROM ${kind}`)]));
  let model: ReadModel | null = null;
  const readModel = (): ReadModel => {
    const version = registry.currentVersion();
    if (model?.version !== version) {
      model = createReadModel(version, (kind) => {
        const statement = selectAll.get(kind);
        if (!statement) throw new Error(`the catalogue does not read ${kind}`);
        return toTypedRows(kind, statement.all() as WireRecord[]);
      });
    }
    return model;
  };
  const index = () => readModel().catalogue();

  return {
    readModel,
    productSummaries: (ids, today) => productSummaries(index(), ids, today),
    productDetail: (id, today) => productDetail(index(), id, today),
    producer: (id) => directory.producer(index(), id),
    productIdsOfProducer: (id) => directory.productIdsOfProducer(index(), id),
    productIdsByGtin: (gtin14) => [...(index().productIdsByGtin.get(gtin14) ?? [])],
    marks: () => directory.marksWithCounts(index()),
    mark: (id) => directory.mark(index(), id),
    awards: (year) => directory.awards(index(), year),
    awardProgrammes: () => directory.awardProgrammes(index()),
    places: (query) => directory.places(index(), query),
    place: (id) => directory.place(index(), id),
    coarsePlace: (id) => directory.coarsePlace(index(), id),
  };
}
