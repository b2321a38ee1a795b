// The one search module of the server's embedded engine and the PWA's offline search:
// documents from registry records, the in-memory index, and a search over it.
export { buildSearchDocuments, readSearchRecords, SEARCH_RECORD_KINDS, type SearchRecordKind, type SearchRecords } from './documents';
export { buildSearchIndex, type SearchIndex } from './search-index';
export { RERANK_LIMIT, searchIndex, type IndexPage, type IndexRequest } from './search';
