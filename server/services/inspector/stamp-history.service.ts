// For market inspectors: a stamp's state, its clone evidence and its scan history, read in
// pages (a stamp copied onto thousands of packs has thousands of scans; issue #9 item 1).
import { DEFAULT_THRESHOLDS, type AnomalyThresholds } from '../../domain/anomaly-rules';
import { othersSeen } from '../../domain/stamp-signals';
import type { CatalogueRepository } from '../../repositories/catalogue/catalogue.repository';
import type { Batch, StampRecord, StampRepository } from '../../repositories/stamp.repository';

export interface StampHistoryEvent {
  id: number;
  scannedAt: string;
  receivedAt: string;
  verdict: string;
  reasons: string[];
  /** A short label of the device, the same on every page ("thiết bị 3f2a"), never the hash itself. */
  device: string | null;
  /** A short label of the network, likewise. */
  network: string | null;
  place: { id: string; name: string } | null;
  /** It counted as clone evidence (a server-issued device id, under its network's soft limit). */
  evidence: boolean;
}

export interface StampHistory {
  stamp: Omit<StampRecord, 'pinHash' | 'pinUsedDevice' | 'signals'> & { hasPin: boolean };
  batch: Batch;
  product: { id: string; name: string; producerName: string | null } | null;
  summary: {
    checks: number;
    firstCheckedAt: string | null;
    lastCheckedAt: string | null;
    /** Devices and networks in the clone evidence (at most 16 listed; `more` past that). */
    devices: number;
    networks: number;
    more: boolean;
    places: { id: string; name: string; lastAt: string }[];
  };
  /** What inspectors should look at: clone evidence past the threshold, PIN abuse, scans after revocation. */
  alerts: { code: string; message_vi: string; message_en: string; at: string | null }[];
  /** One page of scans, newest first; `nextBefore` asks for the next page. */
  events: StampHistoryEvent[];
  nextBefore: number | null;
}

// Causes recorded at scan time that inspectors must see (shoppers got a plainer answer).
const RECORDED_ALERTS: Record<string, { message_vi: string; message_en: string }> = {
  pin_already_used: { message_vi: 'Mã PIN đã được dùng trên một thiết bị khác.', message_en: 'The PIN was used on another device.' },
  impossible_travel: { message_vi: 'Tem được kiểm tra ở hai tỉnh quá gần nhau về thời gian.', message_en: 'The stamp was checked in two provinces too close in time.' },
  scanned_after_revocation: { message_vi: 'Tem được quét sau khi bị thu hồi.', message_en: 'The stamp was scanned after it was revoked.' },
};

/** Build the stamp-history service. */
export function createStampHistoryService(deps: { stamps: StampRepository; catalogue: CatalogueRepository; secret?: Uint8Array; thresholds?: Partial<AnomalyThresholds> }) {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  const placeName = (id: string | null) => (id ? (deps.catalogue.coarsePlace(id)?.name ?? null) : null);
  // Labels are a prefix of the stored keyed hash: stable across pages, meaningless elsewhere.
  const label = (prefix: string, hash: string | null) => (hash ? `${prefix} ${hash.slice(0, 4)}` : null);
  return {
    thresholds,
    /** A page of a stamp's history by serial, or null when no such stamp was issued. */
    stampHistory(serial: string, today: string, page: { before?: number; limit?: number } = {}): StampHistory | null {
      const stamp = deps.stamps.stamp(serial);
      if (!stamp) return null;
      const batch = deps.stamps.batch(stamp.batchId)!;
      const product = deps.catalogue.productSummaries([batch.productId], today)[0] ?? null;
      const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
      const events = deps.stamps.scanPage(serial, { ...(page.before ? { beforeId: page.before } : {}), limit });
      const seen = othersSeen(stamp.signals, null, null);
      const { pinHash, pinUsedDevice: _device, signals, ...rest } = stamp;
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      const alerts: StampHistory['alerts'] = [];
      if (seen.networks > thresholds.otherDevices) {
        alerts.push({
          code: 'checked_by_other_devices',
          message_vi: `${seen.phones}${seen.more ? '+' : ''} điện thoại trên ${seen.networks} mạng khác nhau đã kiểm tra tem này: có thể bị sao chép.`,
          message_en: `${seen.phones}${seen.more ? '+' : ''} phones on ${seen.networks} networks checked this stamp: it may have been copied.`,
          at: iso(seen.last?.lastAt ?? null),
        });
      }
      if (stamp.pinFailures > 0) {
        alerts.push({ code: 'pin_failures', message_vi: `${stamp.pinFailures} lần nhập sai mã PIN.`, message_en: `${stamp.pinFailures} wrong PIN attempts.`, at: iso(stamp.pinLastFailureAt) });
      }
      for (const e of events) {
        for (const code of e.reasons) {
          const text = RECORDED_ALERTS[code];
          if (text && !alerts.some((a) => a.code === code)) alerts.push({ code, ...text, at: e.scannedAt });
        }
      }
      return {
        stamp: { ...rest, hasPin: pinHash !== null },
        batch,
        product: product ? { id: product.id, name: product.name, producerName: product.producerName } : null,
        alerts,
        summary: {
          checks: signals.checks,
          firstCheckedAt: iso(signals.firstAt),
          lastCheckedAt: iso(signals.lastAt),
          devices: seen.phones,
          networks: seen.networks,
          more: seen.more,
          places: signals.evidence.flatMap((e) => (e.place ? [{ id: e.place, name: placeName(e.place) ?? e.place, lastAt: new Date(e.lastAt).toISOString() }] : [])),
        },
        events: events.map((e) => ({
          id: e.id,
          scannedAt: e.scannedAt,
          receivedAt: e.receivedAt,
          verdict: e.verdict,
          reasons: e.reasons,
          device: label('thiết bị', e.deviceHash),
          network: label('mạng', e.network),
          place: e.placeCode ? { id: e.placeCode, name: placeName(e.placeCode) ?? e.placeCode } : null,
          evidence: e.evidence,
        })),
        nextBefore: events.length === limit ? events[events.length - 1]!.id : null,
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
