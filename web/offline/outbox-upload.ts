// One upload of a queued item through the typed client, classified for the outbox:
// sent, refused for good (a 4xx would fail again), or worth retrying (network, 5xx).
import type { ApiClient } from '../api/client';
import { timeout } from '../api/timeout';
import type { VerifyResult } from '../../server/domain/verify-result';
import type { OutboxItem, QueuedReport, QueuedScan } from './schema';

export type Upload =
  | { kind: 'sent'; result: VerifyResult | null; receivedAt: string | null; receipt?: string }
  | { kind: 'refused'; status: number; code: string; message: string; message_vi: string }
  | { kind: 'retry'; error: string; offline: boolean };

interface ApiErrorBody {
  error?: { code?: string; message?: string; message_vi?: string };
}

/**
 * A hung upload (the phone says "online", the server never answers) would hold the whole
 * flush and every scan queued behind it; after this long it is a retry like any network error.
 */
const UPLOAD_TIMEOUT_MS = 20_000;

// The server no longer accepting a place (ward ids change) must not cost the upload itself.
const PLACE_ERRORS = new Set(['invalid_place', 'unknown_place']);

/** Upload one item with this device id; never throws. */
export async function uploadItem(api: ApiClient, item: OutboxItem, deviceId: string): Promise<Upload> {
  const first = await send(api, item, deviceId, true);
  if (first.kind === 'refused' && first.status === 400 && PLACE_ERRORS.has(first.code) && placeOf(item)) return send(api, item, deviceId, false);
  return first;
}

const placeOf = (item: OutboxItem) => (item.kind === 'scan' ? item.place : item.report.place);

async function send(api: ApiClient, item: OutboxItem, deviceId: string, withPlace: boolean): Promise<Upload> {
  let res: Response;
  try {
    res = item.kind === 'scan' ? await postScan(api, item, deviceId, withPlace) : await postReport(api, item, deviceId, withPlace);
  } catch (error) {
    return { kind: 'retry', error: error instanceof Error ? error.message : String(error), offline: true };
  }
  const body = (await res.json().catch(() => null)) as (Record<string, unknown> & ApiErrorBody) | null;
  if (res.ok && body) {
    if (item.kind === 'report') {
      return { kind: 'sent', result: null, receivedAt: typeof body.receivedAt === 'string' ? body.receivedAt : null, ...(typeof body.receipt === 'string' ? { receipt: body.receipt } : {}) };
    }
    if (typeof body.verdict === 'string') return { kind: 'sent', result: body as unknown as VerifyResult, receivedAt: null };
  }
  const error = body?.error;
  // 408 and 429 are "not now", not "never".
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    return { kind: 'refused', status: res.status, code: error?.code ?? `http_${res.status}`, message: error?.message ?? `HTTP ${res.status}`, message_vi: error?.message_vi ?? `Lỗi HTTP ${res.status}` };
  }
  return { kind: 'retry', error: error?.message ?? `HTTP ${res.status}`, offline: false };
}

function postScan(api: ApiClient, item: QueuedScan, deviceId: string, withPlace: boolean): Promise<Response> {
  return api.api.verify.$post(
    {
      json: {
        payload: item.payload,
        deviceId,
        clientEventId: item.clientEventId,
        scannedAt: item.scannedAt,
        ...(withPlace && item.place ? { place: item.place } : {}),
      },
    },
    { init: { signal: timeout(UPLOAD_TIMEOUT_MS) } },
  );
}

function postReport(api: ApiClient, item: QueuedReport, deviceId: string, withPlace: boolean): Promise<Response> {
  const { place, photos, ...report } = item.report;
  const json = { ...report, clientReportId: item.clientEventId, deviceId, reportedAt: item.reportedAt, ...(withPlace && place ? { place } : {}) };
  if (!photos?.length) return api.api.reports.$post({ json }, { init: { signal: timeout(UPLOAD_TIMEOUT_MS) } });
  // With photos the same route takes multipart: the typed client's request, its body swapped
  // for the form (and no JSON content type, so the browser sets the multipart boundary).
  const form = new FormData();
  for (const [name, value] of Object.entries(json)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) form.append(name, String(one));
  }
  photos.forEach((p, i) => form.append('photos', new Blob([p.bytes], { type: p.type }), `photo-${i + 1}.jpg`));
  return api.api.reports.$post({ json }, { init: { signal: timeout(UPLOAD_TIMEOUT_MS), body: form, headers: {} } });
}
