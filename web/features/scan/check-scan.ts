// One scan, start to finish: ask the server when there is a connection (the authoritative
// verdict, recorded as a scan event); otherwise verify the signature against the offline
// copy and queue the scan, so it is recorded when the phone is back online. Either way
// the result goes into the phone's own history, and the verdict screen reads it from there.
import type { VerifyResult } from '../../../server/domain/verify-result';
import { api, timeout } from '../../api/api';
import type { Background } from '../../app/background';
import { offline } from '../../app/offline-access';
import { readSettings } from '../../app/settings';
import type { HistoryEntry } from '../../offline';

const ONLINE_TIMEOUT_MS = 3000;

// The entry just made, so the verdict screen renders at once without reading it back.
const recent = new Map<string, HistoryEntry>();

/** The history entry of a scan made in this page, if still in memory. */
export const recentEntry = (id: string): HistoryEntry | undefined => recent.get(id);

/** Forget the scans kept in memory (history cleared: the verdict screen must not show them). */
export const clearRecent = (): void => recent.clear();

let deviceId: Promise<string> | null = null;

/** Warm what a scan needs (device id, offline verifier and keys) while the shopper aims. */
export async function prepareCheck(): Promise<void> {
  const { mod, store } = await offline();
  deviceId ??= serverDeviceId();
  await Promise.all([deviceId, mod.prepareVerifyOffline(store)]);
}

/**
 * This phone's id, asking the server for one it signed when it has none yet: only such ids
 * count as another phone's check of a stamp (a copied stamp is found by them). Offline, or
 * when the server says no, the phone's own id serves until next time.
 */
async function serverDeviceId(): Promise<string> {
  const { mod, store } = await offline();
  const own = await mod.getDeviceId(store);
  if (mod.isServerDeviceId(own) || !navigator.onLine) return own;
  try {
    const res = await api.api.device.$post(undefined, { init: { signal: timeout(ONLINE_TIMEOUT_MS) } });
    if (res.status !== 201) return own;
    const { deviceToken } = (await res.json()) as { deviceToken: string };
    await mod.setDeviceId(store, deviceToken);
    return deviceToken;
  } catch {
    return own;
  }
}

/** The server issued this phone an id with its answer: keep it for the next scans. */
async function adoptDeviceToken(token: string | undefined): Promise<void> {
  if (!token) return;
  const { mod, store } = await offline();
  await mod.setDeviceId(store, token);
  deviceId = Promise.resolve(token);
}

async function verifyOnline(body: { payload: string; deviceId: string; clientEventId: string; scannedAt: string; place?: string; pin?: string }): Promise<VerifyResult | { error: { code: string; message: string; message_vi: string } }> {
  const res = await api.api.verify.$post({ json: body }, { init: { signal: timeout(ONLINE_TIMEOUT_MS) } });
  if (res.status >= 500) throw new Error(`server answered ${res.status}`);
  return (await res.json()) as VerifyResult | { error: { code: string; message: string; message_vi: string } };
}

export class ScanRejected extends Error {
  constructor(
    readonly code: string,
    readonly message_vi: string,
    readonly message_en: string,
  ) {
    super(message_en);
  }
}

/** A PIN was given but no answer came: PINs are checked by the server only, never offline. */
export class PinNeedsConnection extends Error {}

/**
 * Check scanned or typed text; resolves with the id of its history entry. A scan queued
 * offline tells `background`, so the pending count is current and the upload is tried now.
 */
export async function checkScan(payload: string, opts: { pin?: string; background?: Pick<Background, 'flushNow' | 'refresh'> } = {}): Promise<string> {
  const { mod, store } = await offline();
  deviceId ??= serverDeviceId();
  const device = await deviceId;
  const { place } = readSettings();
  const scannedAt = new Date().toISOString();
  // randomId, not crypto.randomUUID: that is missing before Safari 15.4 and outside secure contexts.
  const clientEventId = mod.randomId().replace(/-/g, '');
  let result: VerifyResult | null = null;
  if (navigator.onLine) {
    try {
      const answer = await verifyOnline({ payload, deviceId: device, clientEventId, scannedAt, ...(place ? { place: place.id } : {}), ...(opts.pin ? { pin: opts.pin } : {}) });
      if ('error' in answer) throw new ScanRejected(answer.error.code, answer.error.message_vi, answer.error.message);
      await adoptDeviceToken(answer.deviceToken);
      result = answer;
    } catch (e) {
      if (e instanceof ScanRejected) throw e;
      // No answer in time: fall through to the offline check.
    }
  }
  // The offline check would drop the PIN silently and answer a question not asked.
  if (result === null && opts.pin) throw new PinNeedsConnection('The PIN could not be checked: no answer from the server.');
  let id = clientEventId;
  const online = result !== null;
  let final: VerifyResult;
  if (result) final = result;
  else {
    // Check and queue at once: the upload does not depend on the offline answer.
    [final, id] = await Promise.all([mod.verifyOffline(store, payload, new Date()), mod.enqueueScan(store, { payload, scannedAt, ...(place ? { place: place.id } : {}) })]);
  }
  const entry: HistoryEntry = { id, payload, scannedAt, verdict: final.verdict, productName: final.product?.name ?? null, result: final, online };
  recent.set(id, entry);
  await mod.addHistory(store, entry);
  // After addHistory: an upload answered at once must find the entry to upgrade.
  if (!online && opts.background) {
    const background = opts.background;
    // The pending count first (a running flush may take a while), then the upload.
    void background
      .refresh()
      .catch(() => {})
      .then(() => (navigator.onLine ? background.flushNow() : undefined))
      .catch(() => {});
  }
  return id;
}
