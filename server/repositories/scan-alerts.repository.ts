// Patterns across scans for the inspectors' alerts list, each read through a partial index
// over the few rows that matter (caution and unverified scans, stamps with wrong PINs), so
// they stay cheap however many genuine scans the table holds.
import type { Db } from '../db/connection';
import { SCAN_REASON_CODES, type ScanReasonCode } from '../domain/scan-reason-codes';

const bit = (code: ScanReasonCode) => 2 ** SCAN_REASON_CODES.indexOf(code);
const iso = (ms: number) => new Date(ms).toISOString();

export function createScanAlertsRepository(db: Db) {
  const cloned = db.prepare(
    `SELECT serial, COUNT(*) AS scans, MAX(received_at) AS last FROM scans
     WHERE verdict = 1 AND received_at >= ? AND (reasons & ?) != 0 AND serial IS NOT NULL
     GROUP BY serial ORDER BY last DESC LIMIT ?`,
  );
  const bursts = db.prepare(
    `SELECT place, COUNT(*) AS scans, MAX(received_at) AS last FROM scan_log
     WHERE verdict = 3 AND received_at >= ? AND place IS NOT NULL
     GROUP BY place HAVING COUNT(*) >= ? ORDER BY last DESC LIMIT ?`,
  );
  const forged = db.prepare(
    `SELECT s.serial AS serial, COUNT(*) AS scans, MAX(s.received_at) AS last FROM scans s JOIN stamps t ON t.serial = s.serial
     WHERE s.verdict = 3 AND s.received_at >= ? AND (s.reasons & ?) != 0
     GROUP BY s.serial ORDER BY last DESC LIMIT ?`,
  );
  const pins = db.prepare(
    `SELECT serial, pin_failures AS failures, pin_last_failure_at AS last FROM stamps
     WHERE pin_last_failure_at >= ? AND pin_failures >= ? ORDER BY pin_last_failure_at DESC LIMIT ?`,
  );
  type Row = { serial: string; scans: number; last: number };
  return {
    /** Stamps answered caution for other phones or impossible travel since `sinceMs`. */
    clonedStamps: (sinceMs: number, limit: number) => (cloned.all(sinceMs, bit('checked_by_other_devices') + bit('impossible_travel'), limit) as Row[]).map((r) => ({ serial: r.serial, scans: r.scans, lastAt: iso(r.last) })),
    /** Wards/communes with at least `min` unverified scans since `sinceMs`. */
    unverifiedScanBursts: (sinceMs: number, min: number, limit: number) =>
      (bursts.all(sinceMs, min, limit) as { place: string; scans: number; last: number }[]).map((r) => ({ placeId: r.place, scans: r.scans, lastAt: iso(r.last) })),
    /** Real serials named by URLs whose signature failed: someone printing copies of a real stamp. */
    forgedRealSerials: (sinceMs: number, limit: number) => (forged.all(sinceMs, bit('bad_signature'), limit) as Row[]).map((r) => ({ serial: r.serial, scans: r.scans, lastAt: iso(r.last) })),
    /** Stamps with at least `min` wrong PINs, the latest since `sinceMs`. */
    pinAbuse: (sinceMs: number, min: number, limit: number) =>
      (pins.all(sinceMs, min, limit) as { serial: string; failures: number; last: number }[]).map((r) => ({ serial: r.serial, failures: r.failures, lastAt: iso(r.last) })),
  };
}
