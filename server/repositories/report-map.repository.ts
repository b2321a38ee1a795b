import type { Db } from '../db/connection';

export interface PlaceReportCount {
  id: string;
  name: string;
  /** The former district most of the ward's old communes belonged to (the schematic's grouping). */
  group: string | null;
  reports: number;
  /** Reports still new or being verified. */
  open: number;
}

/** Report counts for every current ward/commune of a province, with their former district. */
export function createReportMapRepository(db: Db) {
  const rows = db.prepare(`
    SELECT p.id, p.name,
      (SELECT d.name FROM place_aliases a JOIN places o ON o.id = a.old_place_id JOIN places d ON d.id = o.parent_id
         WHERE a.new_place_id = p.id AND d.level = 'district' GROUP BY d.id ORDER BY COUNT(*) DESC, d.name LIMIT 1) AS "group",
      COUNT(r.id) AS reports,
      COUNT(CASE WHEN r.status IN ('new', 'verifying') THEN 1 END) AS open
    FROM places p LEFT JOIN reports r ON r.place_code = p.id
    WHERE p.era = 'current' AND p.parent_id = ? AND p.level IN ('ward', 'commune')
    GROUP BY p.id ORDER BY p.name`);
  return {
    countsInProvince: (provinceId: string) => rows.all(provinceId) as PlaceReportCount[],
  };
}
