// The pre-July-2025 provinces and the current province(s) each went into, from the
// government's ward conversion table (every former ward/commune row names its former
// province and its new province) and the unit lists of the time. Pure: the CLI
// (scripts/convert-provinces.ts) reads the pinned files and writes the result.
import { parseCsv } from '../../server/domain/csv';

export interface UnitListProvince {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
}

export const FORMER_PROVINCE_COLUMNS = ['code', 'name', 'full_name', 'name_en', 'valid_until', 'new_codes', 'wards_by_new', 'source_url', 'conversion_source_url', 'source_document'] as const;
export type FormerProvinceRow = Record<(typeof FORMER_PROVINCE_COLUMNS)[number], string>;

const CODE_IN_PARENS = /\((\d{2})\)\s*$/;
// Column positions in the conversion table (two header lines, then one row per former ward).
const NEW_PROVINCE = 0;
const OLD_PROVINCE = 7;

/** Former province code → new province code → the table's lines for those wards. */
function wardsByProvince(csv: string): Map<string, Map<string, number[]>> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(`conversion table line ${parsed.error.line}: ${parsed.error.message}`);
  const byOld = new Map<string, Map<string, number[]>>();
  for (const r of parsed.records) {
    const oldCode = CODE_IN_PARENS.exec(r.values[OLD_PROVINCE] ?? '')?.[1];
    const newCode = CODE_IN_PARENS.exec(r.values[NEW_PROVINCE] ?? '')?.[1];
    if (!oldCode || !newCode) continue; // header and section rows
    const byNew = byOld.get(oldCode) ?? new Map<string, number[]>();
    byNew.set(newCode, [...(byNew.get(newCode) ?? []), r.line]);
    byOld.set(oldCode, byNew);
  }
  return byOld;
}

/** "962-1157" for contiguous lines, else "first-last (n rows)". */
function lineSpan(lines: number[]): string {
  const first = Math.min(...lines);
  const last = Math.max(...lines);
  return last - first + 1 === lines.length ? `${first}-${last}` : `${first}-${last} (${lines.length} rows)`;
}

/**
 * One row per province of 30 June 2025 (63) with the current province code(s) its wards
 * went into, plus Thừa Thiên Huế, renamed Thành phố Huế on 1 January 2025 (same code).
 */
export function formerProvinceRows(input: {
  conversionCsv: string;
  conversionUrl: string;
  provinces: UnitListProvince[];
  provincesUrl: string;
  provinces2024: UnitListProvince[];
  provinces2024Url: string;
}): FormerProvinceRow[] {
  const wards = wardsByProvince(input.conversionCsv);
  const rows: FormerProvinceRow[] = input.provinces.map((p) => {
    const byNew = wards.get(p.code);
    if (!byNew) throw new Error(`the conversion table has no ward of ${p.fullName} (${p.code})`);
    const ordered = [...byNew.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const allLines = ordered.flatMap(([, lines]) => lines);
    const first = Math.min(...allLines);
    const last = Math.max(...allLines);
    return {
      code: p.code,
      name: p.name,
      full_name: p.fullName,
      name_en: p.nameEn,
      valid_until: '2025-06-30',
      new_codes: ordered.map(([code]) => code).join('|'),
      wards_by_new: ordered.map(([code, lines]) => `${code}:${lines.length}`).join('|'),
      source_url: input.provincesUrl,
      conversion_source_url: `${input.conversionUrl}?plain=1#L${first}-L${last}`,
      source_document: `vietnamese-provinces-database ${pathOf(input.provincesUrl)} (code ${p.code}); VietnamProvinces ${pathOf(input.conversionUrl)} lines ${ordered.map(([code, lines]) => `${lineSpan(lines)} → ${code}`).join(', ')}`,
    };
  });
  const currentNames = new Set(input.provinces.map((p) => p.fullName));
  for (const p of input.provinces2024) {
    if (currentNames.has(p.fullName)) continue;
    const renamedAs = input.provinces.find((q) => q.code === p.code);
    if (!renamedAs) throw new Error(`${p.fullName} (${p.code}) of the 2024 list is neither in the 2025 list nor renamed there`);
    rows.push({
      code: p.code,
      name: p.name,
      full_name: p.fullName,
      name_en: p.nameEn,
      valid_until: '2024-12-31',
      new_codes: p.code,
      wards_by_new: '',
      source_url: input.provinces2024Url,
      conversion_source_url: input.provincesUrl,
      source_document: `vietnamese-provinces-database ${pathOf(input.provinces2024Url)} (code ${p.code}, ${p.fullName}); the same code is ${renamedAs.fullName} in ${pathOf(input.provincesUrl)}`,
    });
  }
  return rows;
}

/** "json/x.json@fc33b74" from a pinned GitHub blob URL. */
function pathOf(url: string): string {
  const m = /\/blob\/([0-9a-f]{40})\/(.*)$/.exec(url);
  return m ? `${decodeURIComponent(m[2]!)}@${m[1]!.slice(0, 7)}` : url;
}
