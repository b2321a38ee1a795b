import { buildSearchIndex, searchIndex, type SearchIndex } from '../../domain/search';
import type { SearchDocument, SearchEngine } from '../../domain/search-types';

// The embedded search engine (the default): the shared in-memory index (server/domain/
// search/), the one the PWA searches offline. It lives in this process only: the search
// service rebuilds it from the registry at start-up and applies the change log to it.

const byId = (a: SearchDocument, b: SearchDocument) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const EMPTY = buildSearchIndex([]);

/** Create the embedded engine, empty until its first rebuild. */
export function createEmbeddedSearchEngine(): SearchEngine {
  let index: SearchIndex = EMPTY;
  return {
    name: 'embedded',
    async search(request) {
      return { ...searchIndex(index, request), engine: 'embedded' };
    },
    async apply(upserts, deletes) {
      if (upserts.length === 0 && deletes.length === 0) return;
      // A new index from the unchanged documents and the new ones: ~0.1 s at 20,000 products.
      const documents = new Map(index.documents.map((doc) => [doc.id, doc]));
      for (const id of deletes) documents.delete(id);
      for (const doc of upserts) documents.set(doc.id, doc);
      // The build is synchronous (no search runs meanwhile): let the old index go first.
      index = EMPTY;
      index = buildSearchIndex([...documents.values()].sort(byId));
    },
    async rebuild(documents, onProgress) {
      index = EMPTY;
      index = buildSearchIndex([...documents].sort(byId));
      onProgress?.(index.size, index.size);
    },
  };
}
