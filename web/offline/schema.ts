// The PWA's IndexedDB layout: one database, five object stores. Registry rows of every
// kind share one store keyed [kind, id], so a kind the server adds later needs no schema
// upgrade (merge-changes.ts ignores kinds this version of the app does not know).
import type { WireRecord } from '../../server/domain/catalogue/sync-wire';
import type { VerifyResult } from '../../server/domain/verify-result';
import type { Verdict } from '../../server/domain/verdict';

export const DEFAULT_DB_NAME = 'nguon-viet';
export const DB_VERSION = 1;

export const RECORDS = 'records';
export const META = 'meta';
export const OUTBOX = 'outbox';
export const UPLOAD_FAILURES = 'upload_failures';
export const HISTORY = 'history';

/** A registry row as the sync feed sends it (sync-wire.ts): snake_case column → text, number or null. */
export type RegistryRecord = WireRecord;

/** One registry row in the local copy. */
export interface LocalRecord {
  kind: string;
  id: string;
  data: RegistryRecord;
  /** When the server's data was known to hold this row (snapshot time or page fetch time). */
  at: string;
}

/** The local copy's position in the server's change log. */
export interface RegistryMeta {
  version: number;
  /** Server time the last snapshot was generated. */
  generatedAt: string;
  /** When a sync last finished with the copy current (partial syncs do not move it). */
  syncedAt: string | null;
}

/** What the PWA needs to read scans offline the way the server does (GET /api/client-config). */
export interface ClientConfig {
  publicUrl: string;
  stampHosts: string[];
  officialDomains: string[];
}

interface QueuedUpload {
  /** Made when queued; the server records one event per id (clientReportId for reports). */
  clientEventId: string;
  queuedAt: string;
  /** Server errors (5xx, 408, 429) so far; network failures do not count. */
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
}

/** A scan waiting to be uploaded to POST /api/verify. */
export interface QueuedScan extends QueuedUpload {
  kind: 'scan';
  payload: string;
  scannedAt: string;
  place?: string;
}

/** What a shopper reports about a suspected fake (POST /api/reports), as the form fills it. */
/** A photo resized on the phone, kept as bytes (IndexedDB clones ArrayBuffers everywhere). */
export interface ReportPhoto {
  type: string;
  bytes: ArrayBuffer;
}

export interface ReportToSend {
  payload?: string;
  verdict?: Verdict;
  reasons?: string[];
  productId?: string;
  shop?: string;
  /** What the shopper paid, in đồng. */
  price?: number;
  note?: string;
  photos?: ReportPhoto[];
  contact?: string;
  place?: string;
}

/** A report waiting to be uploaded to POST /api/reports. */
export interface QueuedReport extends QueuedUpload {
  kind: 'report';
  report: ReportToSend;
  reportedAt: string;
  /** The scan (history entry) the report is about: it gets the receipt once uploaded. */
  historyId?: string;
}

export type OutboxItem = QueuedScan | QueuedReport;

/** An upload the server refused for good (4xx): kept so the refusal can be shown or reported. */
export interface UploadFailure {
  clientEventId: string;
  kind: OutboxItem['kind'];
  /** The scanned text, when there was one. */
  payload: string | null;
  status: number;
  code: string;
  message: string;
  message_vi: string;
  failedAt: string;
}

/** One scan in the phone's own history (never uploaded as history). */
export interface HistoryEntry {
  id: string;
  payload: string;
  scannedAt: string;
  verdict: Verdict;
  productName: string | null;
  result: VerifyResult;
  /** True once the result came from the server. */
  online: boolean;
  /** The receipt of a report filed about this scan, once the server has it. */
  reportReceipt?: string;
}

export const META_KEYS = {
  registry: 'registry',
  clientConfig: 'client_config',
  deviceId: 'device_id',
  persisted: 'persisted',
} as const;

/** Create the object stores (version 1). */
export function upgradeSchema(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    const records = db.createObjectStore(RECORDS, { keyPath: ['kind', 'id'] });
    records.createIndex('kind', 'kind');
    db.createObjectStore(META);
    db.createObjectStore(OUTBOX, { keyPath: 'clientEventId' }).createIndex('queuedAt', 'queuedAt');
    db.createObjectStore(UPLOAD_FAILURES, { keyPath: 'clientEventId' });
    db.createObjectStore(HISTORY, { keyPath: 'id' }).createIndex('scannedAt', 'scannedAt');
  }
}
