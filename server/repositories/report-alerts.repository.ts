import type { Db } from '../db/connection';

/** Patterns in shoppers' reports that inspectors should look at first. */
export function createReportAlertsRepository(db: Db) {
  const bySerial = db.prepare(`SELECT serial, COUNT(*) AS reports, COUNT(DISTINCT device_hash) AS devices, MAX(received_at) AS last_at
    FROM reports WHERE serial IS NOT NULL GROUP BY serial HAVING COUNT(*) >= ? ORDER BY last_at DESC LIMIT ?`);
  const byPlace = db.prepare(`SELECT place_code, COUNT(*) AS reports, MAX(received_at) AS last_at
    FROM reports WHERE place_code IS NOT NULL AND verdict = 'unverified' AND received_at >= ?
    GROUP BY place_code HAVING COUNT(*) >= ? ORDER BY reports DESC LIMIT ?`);
  return {
    /** Stamps reported more than once (the same printed serial in several hands: a cloned stamp). */
    serialsReportedOften: (min: number, limit: number) =>
      (bySerial.all(min, limit) as { serial: string; reports: number; devices: number; last_at: string }[]).map((r) => ({ serial: r.serial, reports: r.reports, devices: r.devices, lastAt: r.last_at })),
    /** Wards/communes with a burst of reports of `unverified` scans since `since`. */
    unverifiedBursts: (since: string, min: number, limit: number) =>
      (byPlace.all(since, min, limit) as { place_code: string; reports: number; last_at: string }[]).map((r) => ({ placeId: r.place_code, reports: r.reports, lastAt: r.last_at })),
  };
}
