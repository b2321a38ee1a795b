// Scans made offline, and reports, wait in IndexedDB until they can be uploaded, so a
// reload or a closed tab never loses them. Each carries an id made when it was queued; the
// server records one event per id, so an upload repeated after a lost answer is harmless.
//   2xx            → removed; a scan's history entry gets the server's result
//   4xx            → removed (it would fail again), the refusal kept in upload_failures
//   408/429, 5xx   → kept, attempts counted; after MAX_ATTEMPTS it is refused for good
//   network error  → kept (not counted); the flush stops, the phone is offline again
import type { ApiClient } from '../api/client';
import type { VerifyResult } from '../../server/domain/verify-result';
import { getDeviceId, randomId } from './device';
import { withServerResult } from './history';
import { request, transact } from './idb';
import { uploadItem, type Upload } from './outbox-upload';
import { HISTORY, OUTBOX, UPLOAD_FAILURES, type HistoryEntry, type OutboxItem, type QueuedReport, type QueuedScan, type ReportToSend, type UploadFailure } from './schema';
import type { OfflineStore } from './store';

export interface ScanToQueue {
  payload: string;
  scannedAt: string;
  /** A current ward/commune or province id (coarse place only). */
  place?: string;
}

export interface FlushOutcome {
  /** Items uploaded (scans and reports). */
  sent: number;
  /** Uploads that did not succeed in this flush: refused for good, or kept to retry. */
  failed: number;
  /** Items still queued. */
  remaining: number;
  /** The server's answer for each scan sent. */
  results: { clientEventId: string; result: VerifyResult }[];
}

export type ReportOutcome =
  | { status: 'sent'; clientReportId: string; receivedAt: string | null; receipt: string | null }
  | { status: 'queued'; clientReportId: string }
  | { status: 'failed'; clientReportId: string; error: { code: string; message_vi: string; message_en: string } };

export const MAX_ATTEMPTS = 20;

const flushing = new WeakMap<OfflineStore, Promise<FlushOutcome>>();

const freshUpload = () => ({ clientEventId: randomId(), queuedAt: new Date().toISOString(), attempts: 0, lastError: null, lastAttemptAt: null });

async function enqueue(store: OfflineStore, item: OutboxItem): Promise<void> {
  await transact(store.db, [OUTBOX], 'readwrite', (tx) => {
    tx.objectStore(OUTBOX).add(item);
  });
}

/** Queue a scan for upload; returns its clientEventId (use it as the history entry's id). */
export async function enqueueScan(store: OfflineStore, scan: ScanToQueue): Promise<string> {
  const item: QueuedScan = { ...freshUpload(), kind: 'scan', payload: scan.payload, scannedAt: scan.scannedAt, ...(scan.place ? { place: scan.place } : {}) };
  await enqueue(store, item);
  return item.clientEventId;
}

/**
 * Queue a report and, when `api` is given, try to send it at once. Queued first, so a
 * report is never lost to a dropped connection; 'queued' means it goes with the next flush.
 */
export async function submitReport(store: OfflineStore, report: ReportToSend, api?: ApiClient, historyId?: string): Promise<ReportOutcome> {
  const item: QueuedReport = { ...freshUpload(), kind: 'report', report, reportedAt: new Date().toISOString(), ...(historyId ? { historyId } : {}) };
  await enqueue(store, item);
  const clientReportId = item.clientEventId;
  if (!api) return { status: 'queued', clientReportId };
  const upload = await uploadItem(api, item, await getDeviceId(store));
  await settle(store, item, upload);
  if (upload.kind === 'sent') return { status: 'sent', clientReportId, receivedAt: upload.receivedAt, receipt: upload.receipt ?? null };
  if (upload.kind === 'refused') return { status: 'failed', clientReportId, error: { code: upload.code, message_vi: upload.message_vi, message_en: upload.message } };
  return { status: 'queued', clientReportId };
}

/** Items waiting for upload. */
export function pendingCount(store: OfflineStore): Promise<number> {
  return transact(store.db, [OUTBOX], 'readonly', (tx) => request(tx.objectStore(OUTBOX).count()));
}

/** Where one queued scan or report stands: still waiting, refused for good, or gone (uploaded, or never queued). */
export function uploadState(store: OfflineStore, clientEventId: string): Promise<'queued' | 'refused' | 'done'> {
  return transact(store.db, [OUTBOX, UPLOAD_FAILURES], 'readonly', async (tx) => {
    if ((await request(tx.objectStore(OUTBOX).count(clientEventId))) > 0) return 'queued';
    return (await request(tx.objectStore(UPLOAD_FAILURES).count(clientEventId))) > 0 ? 'refused' : 'done';
  });
}

/** Uploads the server refused, oldest first. */
export function uploadFailures(store: OfflineStore): Promise<UploadFailure[]> {
  return transact(store.db, [UPLOAD_FAILURES], 'readonly', async (tx) => {
    const failures = (await request(tx.objectStore(UPLOAD_FAILURES).getAll())) as UploadFailure[];
    return failures.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
  });
}

/** Upload every queued item, oldest first. Concurrent calls share one run. */
export function flushOutbox(store: OfflineStore, api: ApiClient): Promise<FlushOutcome> {
  let run = flushing.get(store);
  if (!run) {
    run = flush(store, api).finally(() => flushing.delete(store));
    flushing.set(store, run);
  }
  return run;
}

async function flush(store: OfflineStore, api: ApiClient): Promise<FlushOutcome> {
  const items = await transact(store.db, [OUTBOX], 'readonly', (tx) => request(tx.objectStore(OUTBOX).index('queuedAt').getAll()) as Promise<OutboxItem[]>);
  const outcome: FlushOutcome = { sent: 0, failed: 0, remaining: 0, results: [] };
  if (items.length > 0) {
    const deviceId = await getDeviceId(store);
    for (const item of items) {
      const upload = await uploadItem(api, item, deviceId);
      await settle(store, item, upload);
      if (upload.kind === 'sent') {
        outcome.sent += 1;
        if (upload.result) outcome.results.push({ clientEventId: item.clientEventId, result: upload.result });
      } else {
        outcome.failed += 1;
        if (upload.kind === 'retry' && upload.offline) break;
      }
    }
  }
  outcome.remaining = await pendingCount(store);
  return outcome;
}

/** Record what happened to one item, in one transaction with its history entry. */
async function settle(store: OfflineStore, item: OutboxItem, upload: Upload): Promise<void> {
  const now = new Date().toISOString();
  const refusal = (status: number, code: string, message: string, message_vi: string): UploadFailure => ({
    clientEventId: item.clientEventId,
    kind: item.kind,
    payload: (item.kind === 'scan' ? item.payload : item.report.payload) ?? null,
    status,
    code,
    message,
    message_vi,
    failedAt: now,
  });
  await transact(store.db, [OUTBOX, UPLOAD_FAILURES, HISTORY], 'readwrite', async (tx) => {
    const outbox = tx.objectStore(OUTBOX);
    if (upload.kind === 'sent') {
      outbox.delete(item.clientEventId);
      if (item.kind === 'report' && item.historyId && upload.receipt) {
        // A report queued offline: its receipt is kept with the scan it was about.
        const history = tx.objectStore(HISTORY);
        const entry = (await request(history.get(item.historyId))) as HistoryEntry | undefined;
        if (entry) history.put({ ...entry, reportReceipt: upload.receipt } satisfies HistoryEntry);
        return;
      }
      if (!upload.result) return;
      const history = tx.objectStore(HISTORY);
      const entry = (await request(history.get(item.clientEventId))) as HistoryEntry | undefined;
      if (entry) history.put(withServerResult(entry, upload.result));
    } else if (upload.kind === 'refused') {
      outbox.delete(item.clientEventId);
      tx.objectStore(UPLOAD_FAILURES).put(refusal(upload.status, upload.code, upload.message, upload.message_vi));
    } else if (upload.offline) {
      // Being offline is no fault of the item: it never counts toward giving up.
      outbox.put({ ...item, lastError: upload.error, lastAttemptAt: now } satisfies OutboxItem);
    } else if (item.attempts + 1 >= MAX_ATTEMPTS) {
      outbox.delete(item.clientEventId);
      tx.objectStore(UPLOAD_FAILURES).put(refusal(0, 'too_many_attempts', `Gave up after ${MAX_ATTEMPTS} attempts: ${upload.error}`, `Đã thử gửi ${MAX_ATTEMPTS} lần không được`));
    } else {
      outbox.put({ ...item, attempts: item.attempts + 1, lastError: upload.error, lastAttemptAt: now } satisfies OutboxItem);
    }
  });
}
