// The inspectors' alerts list: patterns across shoppers' reports (one serial reported from
// several phones; a burst of "not verified" reports in one ward), across scans (stamps
// answered caution as clones, bursts of unverified scans in one ward, forged URLs naming a
// real serial, PIN guessing) and keys that signed serials never issued.
import type { createReportAlertsRepository } from '../../repositories/report-alerts.repository';
import type { createScanAlertsRepository } from '../../repositories/scan-alerts.repository';
import type { Clock } from '../../repositories/clock';

export type Alert =
  | { kind: 'serial_reported_often'; serial: string; reports: number; devices: number; lastAt: string }
  | { kind: 'unverified_burst'; placeId: string; placeName: string | null; reports: number; lastAt: string }
  | { kind: 'leaked_key'; kid: string; scans: number; serials: number; lastAt: string }
  | { kind: 'cloned_stamp'; serial: string; scans: number; lastAt: string }
  | { kind: 'unverified_scan_burst'; placeId: string; placeName: string | null; scans: number; lastAt: string }
  | { kind: 'forged_real_serial'; serial: string; scans: number; lastAt: string }
  | { kind: 'pin_abuse'; serial: string; failures: number; lastAt: string };

const BURST_DAYS = 7;
const BURST_MIN = 3;
const SCAN_BURST_MIN = 10;
const PIN_ABUSE_MIN = 3; // where the growing delays begin

export function createAlertsService(deps: {
  reports: ReturnType<typeof createReportAlertsRepository>;
  scans: ReturnType<typeof createScanAlertsRepository>;
  leakedKeyAlerts: () => { kid: string; scans: number; serials: number; lastSeenAt: string }[];
  placeName: (id: string) => string | null;
  clock: Clock;
}) {
  return {
    /** Newest first within each kind: leaked keys, cloned-stamp reports, ward bursts. */
    list(): Alert[] {
      const sinceMs = deps.clock.now().getTime() - BURST_DAYS * 86_400_000;
      const since = new Date(sinceMs).toISOString();
      return [
        ...deps.leakedKeyAlerts().map((k) => ({ kind: 'leaked_key' as const, kid: k.kid, scans: k.scans, serials: k.serials, lastAt: k.lastSeenAt })),
        ...deps.reports.serialsReportedOften(2, 50).map((s) => ({ kind: 'serial_reported_often' as const, ...s })),
        ...deps.reports.unverifiedBursts(since, BURST_MIN, 50).map((b) => ({ kind: 'unverified_burst' as const, ...b, placeName: deps.placeName(b.placeId) })),
        ...deps.scans.clonedStamps(sinceMs, 50).map((c) => ({ kind: 'cloned_stamp' as const, ...c })),
        ...deps.scans.forgedRealSerials(sinceMs, 50).map((f) => ({ kind: 'forged_real_serial' as const, ...f })),
        ...deps.scans.unverifiedScanBursts(sinceMs, SCAN_BURST_MIN, 50).map((b) => ({ kind: 'unverified_scan_burst' as const, ...b, placeName: deps.placeName(b.placeId) })),
        ...deps.scans.pinAbuse(sinceMs, PIN_ABUSE_MIN, 50).map((p) => ({ kind: 'pin_abuse' as const, ...p })),
      ];
    },
  };
}
