import type { Db } from '../db/connection';
import { buildSearchDocuments, readSearchRecords } from '../domain/search';
import type { SearchDocument, SearchEngine, SearchRequest, SearchResult } from '../domain/search-types';
import type { MetaRepository } from '../repositories/meta.repository';
import type { RegistryRepository } from '../repositories/registry.repository';
import { affectedProducts } from './search-sync';

export interface SearchService {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Bring every index up to the change log's current version from its stored cursor. */
  catchUp(onProgress?: (engine: string, done: number, total: number) => void): Promise<{ engine: string; from: number; to: number; mode: 'none' | 'delta' | 'rebuild' }[]>;
  /** Rebuild every index from scratch. */
  reindex(onProgress?: (engine: string, done: number, total: number) => void): Promise<void>;
  engines(): { primary: string; fallback: string | null };
}

export interface SearchServiceDeps {
  db: Db;
  registry: RegistryRepository;
  meta: MetaRepository;
  /** The embedded in-memory engine: always kept current, serves when no other engine is configured or reachable. */
  embedded: SearchEngine;
  /** Meilisearch, when MEILI_URL is set. */
  external?: SearchEngine | null;
  /** Today's date (YYYY-MM-DD) from the clock seam: dates certificates known only by their year. */
  today: () => string;
  log?: (message: string) => void;
}

const cursorKey = (engine: string) => `search_cursor:${engine}`;

/** One search interface over the configured engines, with change-log catch-up and fallback. */
export function createSearchService(deps: SearchServiceDeps): SearchService {
  const { db, registry, meta, embedded, external, today } = deps;
  const log = deps.log ?? (() => {});
  // The embedded index lives in memory: its cursor starts at 0 (a rebuild) in every process.
  // Meilisearch keeps its index, so its cursor is stored.
  let embeddedCursor = 0;
  const cursorOf = (engine: SearchEngine) => (engine === embedded ? embeddedCursor : Number(meta.get(cursorKey(engine.name)) ?? 0));
  const setCursor = (engine: SearchEngine, version: number) => {
    if (engine === embedded) embeddedCursor = version;
    else meta.set(cursorKey(engine.name), String(version));
  };
  const loadDocuments = (productIds?: ReadonlySet<string>): SearchDocument[] => {
    const records = readSearchRecords((kind) => [...registry.allRecords(kind).values()]);
    return buildSearchDocuments(records, today(), productIds);
  };
  const engines = external ? [external, embedded] : [embedded];
  const productIdsOfProducer = db.prepare('SELECT id FROM products WHERE producer_id = ?').pluck();
  const productIdsOfMark = db.prepare('SELECT product_id FROM mark_links WHERE mark_id = ? AND product_id IS NOT NULL').pluck();
  let externalHealthy = true;
  // Imports from another process (npm run import) land in the change log; each search
  // checks the log's head (one indexed MAX) and catches the indexes up before answering.
  let indexedVersion = -1;
  let catching: Promise<unknown> | null = null;
  const ensureCurrent = async () => {
    const head = registry.currentVersion();
    if (head === indexedVersion) return;
    catching ??= service.catchUp().finally(() => (catching = null));
    await catching;
  };

  async function catchUpEngine(engine: SearchEngine, onProgress?: (engine: string, done: number, total: number) => void) {
    const from = cursorOf(engine);
    const to = registry.currentVersion();
    if (from === to) return { engine: engine.name, from, to, mode: 'none' as const };
    const changes = from > to ? null : registry.changesSince(from, Number.MAX_SAFE_INTEGER);
    const affected =
      from === 0 || !changes
        ? null
        : affectedProducts(
            changes,
            (id) => productIdsOfProducer.all(id) as string[],
            (id) => productIdsOfMark.all(id) as string[],
          );
    if (!affected) {
      await engine.rebuild(loadDocuments(), (done, total) => onProgress?.(engine.name, done, total));
      setCursor(engine, to);
      return { engine: engine.name, from, to, mode: 'rebuild' as const };
    }
    await engine.apply(affected.upserts.size > 0 ? loadDocuments(affected.upserts) : [], [...affected.deletes]);
    setCursor(engine, to);
    return { engine: engine.name, from, to, mode: 'delta' as const };
  }

  const service: SearchService = {
    async search(request) {
      await ensureCurrent();
      if (external && externalHealthy) {
        try {
          return await external.search(request);
        } catch (e) {
          // Meilisearch down: serve from the embedded index (kept current) and try again later.
          externalHealthy = false;
          log(`search: ${external.name} unreachable (${(e as Error).message}); falling back to ${embedded.name}`);
          setTimeout(() => (externalHealthy = true), 30_000).unref();
        }
      }
      return embedded.search(request);
    },
    async catchUp(onProgress) {
      const head = registry.currentVersion();
      const results = [];
      for (const engine of engines) {
        try {
          results.push(await catchUpEngine(engine, onProgress));
        } catch (e) {
          if (engine === embedded) throw e;
          externalHealthy = false;
          log(`search: could not update ${engine.name}: ${(e as Error).message}`);
        }
      }
      indexedVersion = head;
      return results;
    },
    async reindex(onProgress) {
      const docs = loadDocuments();
      const to = registry.currentVersion();
      for (const engine of engines) {
        await engine.rebuild(docs, (done, total) => onProgress?.(engine.name, done, total));
        setCursor(engine, to);
      }
      indexedVersion = to;
    },
    engines() {
      return { primary: engines[0]!.name, fallback: external ? embedded.name : null };
    },
  };
  return service;
}
