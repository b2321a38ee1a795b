// One version of the public registry, read: typed rows by kind in, and built from them on
// first use the catalogue (products, producers, marks, awards, places) and the verify
// context. The server makes one per change-log version from SQLite, the PWA one per
// local-copy version from IndexedDB; both then answer through the same functions.
import type { RegistryKind } from '../registry-kinds';
import { buildCatalogueIndex, type CatalogueIndex } from './catalogue-index';
import type { RegistryRows, RowOf } from './typed-rows';
import { buildVerifyContext, type VerifyContext } from './verify-context';

export interface ReadModel extends RegistryRows {
  readonly version: number;
  catalogue(): CatalogueIndex;
  verify(): VerifyContext;
}

/** A read model over `load`, which gives the typed rows of a kind (called once per kind). */
export function createReadModel(version: number, load: <K extends RegistryKind>(kind: K) => readonly RowOf<K>[]): ReadModel {
  const rowsByKind = new Map<RegistryKind, readonly unknown[]>();
  let catalogue: CatalogueIndex | null = null;
  let verify: VerifyContext | null = null;
  const model: ReadModel = {
    version,
    rows<K extends RegistryKind>(kind: K): readonly RowOf<K>[] {
      let rows = rowsByKind.get(kind);
      if (!rows) {
        rows = load(kind);
        rowsByKind.set(kind, rows);
      }
      return rows as readonly RowOf<K>[];
    },
    catalogue: () => (catalogue ??= buildCatalogueIndex(model)),
    verify: () => (verify ??= buildVerifyContext(model)),
  };
  return model;
}
