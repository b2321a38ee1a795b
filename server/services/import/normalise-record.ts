import type { WireRecord } from '../../domain/catalogue/typed-rows';
import { isIsoDate } from '../../domain/ocop';
import { KIND_COLUMNS, type RegistryKind } from '../../domain/registry-kinds';
import type { ImportIssue, RawRecord } from './read-import-file';

/** A registry row as stored (and as the sync feed sends it): column → text, integer or null. */
export type StoredRecord = WireRecord;

/** Turn one raw record into its stored form, or report every problem it has. */
export function normaliseRecord(
  kind: RegistryKind,
  file: string,
  raw: RawRecord,
): { record: StoredRecord | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const record: StoredRecord = {};
  const report = (column: string, message: string) => issues.push({ file, line: raw.line, column, message });
  const known = new Set(KIND_COLUMNS[kind].map((c) => c.name));
  for (const key of Object.keys(raw.fields)) if (!known.has(key)) report(key, `unknown column for ${kind}`);

  for (const col of KIND_COLUMNS[kind]) {
    const value = raw.fields[col.name];
    const text = value === undefined || value === null ? '' : typeof value === 'string' ? value.trim() : JSON.stringify(value);
    if (text === '') {
      if (col.required) report(col.name, 'is required');
      record[col.name] = col.type === 'bool' ? 0 : col.type === 'json_string_array' ? '[]' : col.name === 'aggregate_count' ? 1 : null;
      continue;
    }
    if (text.length > 10_000) {
      report(col.name, 'is longer than 10,000 characters');
      continue;
    }
    if (col.oneOf && !col.oneOf.includes(text)) {
      report(col.name, `must be one of ${col.oneOf.join(', ')} (got "${text.slice(0, 60)}")`);
      continue;
    }
    switch (col.type) {
      case 'text':
        record[col.name] = text;
        break;
      case 'int':
        if (!/^-?\d{1,15}$/.test(text)) report(col.name, `must be a whole number (got "${text.slice(0, 60)}")`);
        else record[col.name] = Number(text);
        break;
      case 'bool':
        if (!['0', '1', 'true', 'false'].includes(text)) report(col.name, `must be 0/1 or true/false (got "${text.slice(0, 60)}")`);
        else record[col.name] = text === '1' || text === 'true' ? 1 : 0;
        break;
      case 'date':
        if (!isIsoDate(text)) report(col.name, `must be a date YYYY-MM-DD (got "${text.slice(0, 60)}")`);
        else record[col.name] = text;
        break;
      case 'json_string_array': {
        let arr: unknown;
        try {
          arr = typeof value === 'string' ? JSON.parse(text) : value;
        } catch {
          arr = null;
        }
        if (!Array.isArray(arr) || !arr.every((x) => typeof x === 'string')) report(col.name, 'must be a JSON array of strings');
        else record[col.name] = JSON.stringify(arr);
        break;
      }
    }
  }
  const id = record.id;
  if (typeof id === 'string' && !/^[\p{L}\p{N}:_.>-]{1,200}$/u.test(id)) report('id', `has characters an id cannot have: "${id.slice(0, 60)}"`);
  return { record: issues.length ? null : record, issues };
}
