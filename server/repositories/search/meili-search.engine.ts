// The Meilisearch implementation of SearchEngine, through the official client. Every
// network or server error propagates: the search service then answers from the embedded
// engine, so requests carry a timeout to make an unreachable server fail fast.

import { Meilisearch, MeilisearchApiError, type EnqueuedTask, type Index, type MatchingStrategies } from 'meilisearch';
import { analyseQuery, type AnalysedQuery } from '../../domain/query-analysis';
import type { SearchDocument, SearchEngine, SearchRequest, SearchResult } from '../../domain/search-types';
import type { Vocabulary } from '../../domain/vocabulary';
import { toMeiliDocument, type MeiliDocument } from './meili-documents';
import { buildMeiliQueryText, planMeiliSearch } from './meili-query';
import { toSearchResult } from './meili-results';
import { buildMeiliSettings, MEILI_LOCALES } from './meili-settings';
import { MeiliTaskError, waitForEnqueuedSuccess, waitForSuccess } from './meili-tasks';
import { isAtLeast, LOCALIZED_ATTRIBUTES_VERSION, requireSupportedVersion } from './meili-version';
import { createLearnedVocabulary, TEXT_FIELDS, type TextFields } from './meili-vocabulary';

export { MeiliVersionError } from './meili-version';
export { MeiliTaskError } from './meili-tasks';

export interface MeiliSearchEngineOptions {
  url: string;
  apiKey?: string;
  /** Index uid; created with primary key "id" when missing. */
  index: string;
  /** Per-request timeout (ms) for searches and start-up checks. Default 3,000. */
  timeoutMs?: number;
  /** Per-request timeout (ms) for uploads and other writes. Default 60,000. */
  writeTimeoutMs?: number;
  /**
   * Longest wait (ms) for one write task. Meilisearch indexes consecutive uploads in one
   * run, so the first batch of a rebuild finishes only with the last. Default 600,000.
   */
  taskTimeoutMs?: number;
  /** Documents per upload. Default 5,000. */
  batchSize?: number;
  /**
   * Words the index holds, for the query analyser. The embedded engine indexes the same
   * documents, so its vocabulary fits; without one, the engine reads the words from the
   * index at start-up and counts the documents it indexes afterwards.
   */
  vocabulary?: () => Vocabulary;
}

const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_WRITE_TIMEOUT_MS = 60_000;
const DEFAULT_TASK_TIMEOUT_MS = 600_000;
const DEFAULT_BATCH_SIZE = 5_000;
const VOCABULARY_PAGE_SIZE = 2_000;

/**
 * Connect to Meilisearch, require version ≥ 1.7 (MeiliVersionError otherwise), create the
 * index if missing and apply the settings of the README ("Search engines"); resolves to a ready engine.
 */
export async function createMeiliSearchEngine(options: MeiliSearchEngineOptions): Promise<SearchEngine> {
  const writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  const taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // Two clients: searches must fail fast, while uploading a batch may take a while.
  const reader = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const writer = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: writeTimeoutMs });

  const version = requireSupportedVersion((await reader.getVersion()).pkgVersion);
  await ensureIndex(writer, options.index, taskTimeoutMs);
  const index = writer.index<MeiliDocument>(options.index);
  await waitForSuccess(index.updateSettings(buildMeiliSettings(version)), taskTimeoutMs);

  // Without a vocabulary from the caller, learn the words from the index and keep counting.
  const learning = options.vocabulary === undefined;
  const learned = createLearnedVocabulary();
  if (learning) await readIndexedWords(writer.index<TextFields>(options.index), learned.add);
  const vocabulary = options.vocabulary ?? learned.current;
  const locales = isAtLeast(version, LOCALIZED_ATTRIBUTES_VERSION) ? [...MEILI_LOCALES] : undefined;

  async function runSearch(request: SearchRequest, analysed: AnalysedQuery, queryText: string, matchingStrategy: MatchingStrategies): Promise<SearchResult> {
    const plan = planMeiliSearch(request, { indexUid: options.index, queryText, matchingStrategy, locales });
    const response = await reader.multiSearch({ queries: plan.queries });
    return toSearchResult(response.results, plan.certificateStates, analysed);
  }

  /** Upload in batches, then wait for each task in order so progress counts indexed documents. */
  async function upload(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const batches = chunk(documents.map(toMeiliDocument), batchSize);
    // Send every batch (one request at a time) before waiting: Meilisearch merges
    // consecutive additions into one indexing run.
    const enqueued: { task: EnqueuedTask; size: number }[] = [];
    for (const batch of batches) enqueued.push({ task: await index.addDocuments(batch, { primaryKey: 'id' }), size: batch.length });
    let done = 0;
    for (const { task, size } of enqueued) {
      await waitForEnqueuedSuccess(writer.tasks, task, taskTimeoutMs);
      done += size;
      onProgress?.(done, documents.length);
    }
  }

  return {
    name: 'meilisearch',

    async search(request) {
      const analysed = analyseQuery(request.q, vocabulary());
      const queryText = buildMeiliQueryText(analysed);
      const first = await runSearch(request, analysed, queryText, 'all');
      // Nothing holds every word: let Meilisearch drop words from the end (README, "Search engines").
      if (first.total > 0 || queryText.trim().split(/\s+/).length < 2) return first;
      return runSearch(request, analysed, queryText, 'last');
    },

    async apply(upserts, deletes) {
      await upload(upserts);
      if (deletes.length > 0) await waitForSuccess(index.deleteDocuments(deletes), taskTimeoutMs);
      if (learning) learned.add(upserts);
    },

    async rebuild(documents, onProgress) {
      await waitForSuccess(index.deleteAllDocuments(), taskTimeoutMs);
      await upload(documents, onProgress);
      if (documents.length === 0) onProgress?.(0, 0);
      if (learning) learned.replace(documents);
    },
  };
}

/** Create the index with primary key "id" when it does not exist; refuse one keyed otherwise. */
async function ensureIndex(client: Meilisearch, uid: string, timeoutMs: number): Promise<void> {
  let primaryKey: string | undefined;
  try {
    primaryKey = (await client.getRawIndex(uid)).primaryKey ?? undefined;
  } catch (e) {
    if (!(e instanceof MeilisearchApiError && e.cause?.code === 'index_not_found')) throw e;
    try {
      await waitForSuccess(client.createIndex(uid, { primaryKey: 'id' }), timeoutMs);
    } catch (creation) {
      // Another process created it between our look-up and our request.
      if (!(creation instanceof MeiliTaskError && creation.task.error?.code === 'index_already_exists')) throw creation;
    }
    return;
  }
  if (primaryKey === undefined) await waitForSuccess(client.updateIndex(uid, { primaryKey: 'id' }), timeoutMs);
  else if (primaryKey !== 'id') throw new Error(`Meilisearch index "${uid}" has primary key "${primaryKey}"; this engine needs "id"`);
}

/** Page through the index's searchable text, handing each page to `onPage`. */
async function readIndexedWords(index: Index<TextFields>, onPage: (documents: TextFields[]) => void): Promise<void> {
  for (let offset = 0; ; offset += VOCABULARY_PAGE_SIZE) {
    const page = await index.getDocuments<TextFields>({ fields: [...TEXT_FIELDS], limit: VOCABULARY_PAGE_SIZE, offset });
    onPage(page.results);
    if (page.results.length < VOCABULARY_PAGE_SIZE || offset + page.results.length >= page.total) return;
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
