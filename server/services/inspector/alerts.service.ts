// The inspectors' alerts list: patterns across shoppers' reports (one serial reported from
// several phones; a burst of "not verified" reports in one ward) and keys that signed
// serials never issued (from the stamp-history service). Scan-event rules beyond these
// (bursts of unverified scans, PIN abuse) belong with the scan-event storage and are not here yet.
import type { createReportAlertsRepository } from '../../repositories/report-alerts.repository';
import type { Clock } from '../../repositories/clock';

export type Alert =
  | { kind: 'serial_reported_often'; serial: string; reports: number; devices: number; lastAt: string }
  | { kind: 'unverified_burst'; placeId: string; placeName: string | null; reports: number; lastAt: string }
  | { kind: 'leaked_key'; kid: string; scans: number; serials: number; lastAt: string };

const BURST_DAYS = 7;
const BURST_MIN = 3;

export function createAlertsService(deps: {
  reports: ReturnType<typeof createReportAlertsRepository>;
  leakedKeyAlerts: () => { kid: string; scans: number; serials: number; lastSeenAt: string }[];
  placeName: (id: string) => string | null;
  clock: Clock;
}) {
  return {
    /** Newest first within each kind: leaked keys, cloned-stamp reports, ward bursts. */
    list(): Alert[] {
      const since = new Date(deps.clock.now().getTime() - BURST_DAYS * 86_400_000).toISOString();
      return [
        ...deps.leakedKeyAlerts().map((k) => ({ kind: 'leaked_key' as const, kid: k.kid, scans: k.scans, serials: k.serials, lastAt: k.lastSeenAt })),
        ...deps.reports.serialsReportedOften(2, 50).map((s) => ({ kind: 'serial_reported_often' as const, ...s })),
        ...deps.reports.unverifiedBursts(since, BURST_MIN, 50).map((b) => ({ kind: 'unverified_burst' as const, ...b, placeName: deps.placeName(b.placeId) })),
      ];
    },
  };
}
