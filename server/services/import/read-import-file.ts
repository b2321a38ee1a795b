import { parseCsv } from '../../domain/csv';
import { kindFromFileName, KIND_COLUMNS, type RegistryKind } from '../../domain/registry-kinds';

export interface RawRecord {
  /** Line in a CSV file, or 1-based index of the record in a JSON file's rows. */
  line: number;
  fields: Record<string, unknown>;
}

export interface ImportIssue {
  file: string;
  line: number;
  column?: string;
  message: string;
}

export interface ImportFile {
  file: string;
  kind: RegistryKind;
  records: RawRecord[];
  /** 'line' for CSV, 'row' for JSON: how ImportIssue.line should be read. */
  position: 'line' | 'row';
}

export type ReadResult = { ok: true; value: ImportFile } | { ok: false; issues: ImportIssue[] };

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Read one import file's text: CSV with a header row, or JSON as
 * `{"kind": "...", "rows": [...]}` or a bare array. The kind comes from the JSON's
 * "kind" or from the file name (products.csv → products).
 */
export function readImportFile(file: string, text: string): ReadResult {
  const fail = (line: number, message: string): ReadResult => ({ ok: false, issues: [{ file, line, message }] });
  if (text.length > MAX_FILE_BYTES) return fail(0, `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const isJson = /\.json$/i.test(file);
  const nameKind = kindFromFileName(file);

  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return fail(1, `not valid JSON: ${(e as Error).message}`);
    }
    const obj = Array.isArray(parsed) ? { rows: parsed } : (parsed as { kind?: unknown; rows?: unknown });
    if (obj === null || typeof obj !== 'object' || !Array.isArray(obj.rows)) {
      return fail(1, 'JSON must be an array of rows or {"kind": "...", "rows": [...]}');
    }
    const kind = typeof (obj as { kind?: unknown }).kind === 'string' ? kindFromFileName(String((obj as { kind: string }).kind)) : nameKind;
    if (!kind) return fail(1, unknownKindMessage(file));
    const records: RawRecord[] = [];
    const issues: ImportIssue[] = [];
    obj.rows.forEach((row: unknown, i: number) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) issues.push({ file, line: i + 1, message: 'row is not an object' });
      else records.push({ line: i + 1, fields: row as Record<string, unknown> });
    });
    return issues.length ? { ok: false, issues } : { ok: true, value: { file, kind, records, position: 'row' } };
  }

  if (!/\.csv$/i.test(file)) return fail(0, 'only .csv and .json files can be imported');
  if (!nameKind) return fail(0, unknownKindMessage(file));
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.error.line, parsed.error.message);
  const known = new Set(KIND_COLUMNS[nameKind].map((c) => c.name));
  const unknown = parsed.header.filter((h) => !known.has(h));
  if (unknown.length) return fail(1, `unknown column(s) for ${nameKind}: ${unknown.join(', ')}`);
  const missing = KIND_COLUMNS[nameKind].filter((c) => c.required && !parsed.header.includes(c.name)).map((c) => c.name);
  if (missing.length) return fail(1, `missing required column(s): ${missing.join(', ')}`);
  const issues: ImportIssue[] = [];
  const records: RawRecord[] = [];
  for (const r of parsed.records) {
    if (r.values.length !== parsed.header.length) {
      issues.push({ file, line: r.line, message: `has ${r.values.length} fields, the header has ${parsed.header.length}` });
      continue;
    }
    records.push({ line: r.line, fields: Object.fromEntries(parsed.header.map((h, i) => [h, r.values[i]])) });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: { file, kind: nameKind, records, position: 'line' } };
}

function unknownKindMessage(file: string): string {
  return `cannot tell what ${file} holds: name the file after its kind (${Object.keys(KIND_COLUMNS).join(', ')})`;
}
