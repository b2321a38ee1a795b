import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../server/domain/csv';

export interface SourceRow {
  /** 'registry/<file>.csv line N' — where in the gathered dataset (or data/sources/) the row came from. */
  where: string;
  get(column: string): string;
}

/** Read one CSV of the registry dataset (or, with `label`, another folder) as rows that know their file and line. */
export function readSourceCsv(dir: string, file: string, label = 'registry'): SourceRow[] {
  const parsed = parseCsv(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}:${parsed.error.line}: ${parsed.error.message}`);
  const index = new Map(parsed.header.map((h, i) => [h, i]));
  return parsed.records.map((r) => ({
    where: `${label}/${file} line ${r.line}`,
    get(column: string) {
      const i = index.get(column);
      if (i === undefined) throw new Error(`${file}: no column ${column}`);
      return (r.values[i] ?? '').trim();
    },
  }));
}
