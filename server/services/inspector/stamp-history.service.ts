// For market inspectors (route protection arrives with the inspectors issue): every scan
// event of a stamp, with the anomaly rules re-run over the whole history.
import { checkImpossibleTravel, DEFAULT_THRESHOLDS, otherDevicesReason, type AnomalyThresholds } from '../../domain/anomaly-rules';
import type { Reason } from '../../domain/verdict';
import type { CatalogueRepository } from '../../repositories/catalogue/catalogue.repository';
import type { Batch, ScanEvent, StampRecord, StampRepository } from '../../repositories/stamp.repository';
import { createHistoryViews } from '../verify/scan-history-view';

export interface StampHistoryEvent {
  scannedAt: string;
  receivedAt: string;
  verdict: string;
  reasons: string[];
  /** A short per-stamp label of the device ("thiết bị 1"), never the hash itself. */
  device: string | null;
  place: { id: string; name: string } | null;
}

export interface StampHistory {
  stamp: Omit<StampRecord, 'pinHash' | 'pinUsedDevice'> & { hasPin: boolean };
  batch: Batch;
  product: { id: string; name: string; producerName: string | null } | null;
  summary: { checks: number; devices: number; places: number; firstCheckedAt: string | null; lastCheckedAt: string | null };
  /** Anomalies found anywhere in the history, each with the scan that raised it. */
  alerts: (Reason & { at: string })[];
  events: StampHistoryEvent[];
}

// Causes recorded at scan time that inspectors must see (shoppers got a plainer answer).
const RECORDED_ALERTS: Record<string, { message_vi: string; message_en: string }> = {
  pin_already_used: { message_vi: 'Mã PIN đã được dùng trên một thiết bị khác.', message_en: 'The PIN was used on another device.' },
  pin_locked: { message_vi: 'Mã PIN bị khóa sau nhiều lần nhập sai.', message_en: 'The PIN was locked after repeated wrong attempts.' },
  scanned_after_revocation: { message_vi: 'Tem được quét sau khi bị thu hồi.', message_en: 'The stamp was scanned after it was revoked.' },
};

/** Build the stamp-history service. */
export function createStampHistoryService(deps: { stamps: StampRepository; catalogue: CatalogueRepository; thresholds?: Partial<AnomalyThresholds> }) {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  return {
    /** The full history of a stamp by serial, or null when no such stamp was issued. */
    stampHistory(serial: string, today: string): StampHistory | null {
      const stamp = deps.stamps.stamp(serial);
      if (!stamp) return null;
      const batch = deps.stamps.batch(stamp.batchId)!;
      const product = deps.catalogue.productSummaries([batch.productId], today)[0] ?? null;
      const events = deps.stamps.scanEvents(serial);
      const labels = new Map<string, string>();
      const placeCache = new Map<string, { name: string; provinceId: string | null } | null>();
      const placeOf = (id: string | null) => {
        if (!id) return null;
        if (!placeCache.has(id)) placeCache.set(id, deps.catalogue.coarsePlace(id));
        return placeCache.get(id)!;
      };
      // Each scan is judged against the ones before it, as verify judged it; the view grows
      // with them (O(1) a scan for the device count) rather than being rescanned each time.
      const views = createHistoryViews(placeOf, 1);
      const before: ScanEvent[] = [];
      const alerts: StampHistory['alerts'] = [];
      const raised = new Set<string>();
      for (const e of events) {
        // Verify judged only genuine, unrevoked scans by these rules; a forgery naming the serial
        // or a scan after revocation raised none, so the inspector must not date an alert there.
        if (e.verdict === 'unverified' || e.verdict === 'revoked') {
          before.push(e);
          continue;
        }
        const place = placeOf(e.placeCode);
        const prior = views.of(serial, before);
        const found = [
          otherDevicesReason(prior.otherDevices(e.deviceHash), thresholds),
          checkImpossibleTravel(prior.withProvince, { deviceHash: e.deviceHash, scannedAt: e.scannedAt, provinceId: place?.provinceId ?? null, placeName: place?.name ?? null }, thresholds),
        ];
        for (const r of found) {
          if (!r || raised.has(r.code)) continue;
          raised.add(r.code);
          alerts.push({ ...r, at: e.scannedAt });
        }
        before.push(e);
      }
      for (const e of events) {
        for (const code of e.reasons) {
          const text = RECORDED_ALERTS[code];
          if (text && !raised.has(code)) {
            raised.add(code);
            alerts.push({ code, ...text, at: e.scannedAt });
          }
        }
      }
      const label = (hash: string | null) => {
        if (!hash) return null;
        if (!labels.has(hash)) labels.set(hash, `thiết bị ${labels.size + 1}`);
        return labels.get(hash)!;
      };
      const { pinHash, pinUsedDevice: _device, ...rest } = stamp;
      const stampWithoutPin = { ...rest, hasPin: pinHash !== null };
      return {
        stamp: stampWithoutPin,
        batch,
        product: product ? { id: product.id, name: product.name, producerName: product.producerName } : null,
        summary: {
          checks: events.length,
          devices: new Set(events.map((e) => e.deviceHash).filter(Boolean)).size,
          places: new Set(events.map((e) => e.placeCode).filter(Boolean)).size,
          firstCheckedAt: events[0]?.scannedAt ?? null,
          lastCheckedAt: events[events.length - 1]?.scannedAt ?? null,
        },
        alerts,
        events: events.map((e) => {
          const p = placeOf(e.placeCode);
          return { scannedAt: e.scannedAt, receivedAt: e.receivedAt, verdict: e.verdict, reasons: e.reasons, device: label(e.deviceHash), place: p && e.placeCode ? { id: e.placeCode, name: p.name } : null };
        }),
      };
    },
    /**
     * Scans whose signature was valid for a serial never issued: a leaked key or a rogue
     * printer. Grouped by key, newest first, so the issuer can rotate or revoke it.
     */
    leakedKeyAlerts(limit = 500): { kid: string; scans: number; serials: number; lastSeenAt: string }[] {
      const byKid = new Map<string, { scans: number; serials: Set<string>; lastSeenAt: string }>();
      for (const e of deps.stamps.scanEventsWithReason('serial_not_issued', limit)) {
        const k = byKid.get(e.kid ?? '?') ?? { scans: 0, serials: new Set<string>(), lastSeenAt: e.receivedAt };
        k.scans++;
        if (e.serial) k.serials.add(e.serial);
        byKid.set(e.kid ?? '?', k);
      }
      return [...byKid].map(([kid, k]) => ({ kid, scans: k.scans, serials: k.serials.size, lastSeenAt: k.lastSeenAt }));
    },
  };
}
