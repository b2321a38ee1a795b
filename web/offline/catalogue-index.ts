// Kept as a pointer for search-documents.ts (branch search) until it imports
// server/domain/catalogue/ directly; the catalogue itself is built there.
export { markIdsFor, type CatalogueIndex } from '../../server/domain/catalogue/catalogue-index';
