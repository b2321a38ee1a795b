// Kept as a pointer for search-documents.repository.ts and web/offline/search-documents.ts
// (branch search) until they import server/domain/catalogue/ directly; no rule lives here.
export { searchValidUntil } from './catalogue/certificate-state';
