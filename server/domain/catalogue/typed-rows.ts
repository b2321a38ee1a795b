// Registry rows typed per kind, derived from the column specs (registry-kinds.ts): the
// SQLite tables and the sync feed carry the same snake_case columns, so one function turns
// either into a row whose columns have the types the specs promise. Nothing else casts.
import { KIND_COLUMNS, type ColumnSpec, type KindColumns, type RegistryKind } from '../registry-kinds';

/** A registry record as SQLite returns it and the sync feed sends it: column → text, number or null. */
export type WireRecord = Record<string, string | number | null>;

type Optional<C> = C extends { required: true } ? never : null;

/** The value a column holds once typed: text and dates as strings, enumerations as their values, flags as 0/1. */
type ColumnValue<C> = C extends { type: 'int' }
  ? number | Optional<C>
  : C extends { type: 'bool' }
    ? 0 | 1
    : C extends { type: 'json_string_array' }
      ? string
      : C extends { oneOf: readonly (infer V)[] }
        ? V | Optional<C>
        : string | Optional<C>;

/** A row of one kind: every column of its spec, plus when it was imported (provenance). */
export type RowOf<K extends RegistryKind> = {
  readonly [C in KindColumns[K][number] as C['name']]: ColumnValue<C>;
} & { readonly imported_at: string };

function typedValue(column: ColumnSpec, value: string | number | null | undefined): string | number | null {
  switch (column.type) {
    case 'int':
      return value === null || value === undefined || value === '' ? null : Number(value);
    case 'bool':
      return Number(value) === 1 ? 1 : 0;
    case 'json_string_array':
      return typeof value === 'string' && value !== '' ? value : '[]';
    default:
      if (value === null || value === undefined || value === '') return column.required ? '' : null;
      return String(value);
  }
}

/** A wire record as a typed row of its kind; `importedAt` stands in when the record carries no imported_at. */
export function toTypedRow<K extends RegistryKind>(kind: K, record: WireRecord, importedAt = ''): RowOf<K> {
  const row: Record<string, string | number | null> = {};
  for (const column of KIND_COLUMNS[kind]) row[column.name] = typedValue(column, record[column.name]);
  row.imported_at = typeof record.imported_at === 'string' ? record.imported_at : importedAt;
  return row as RowOf<K>;
}

/** Every record of a kind as typed rows. */
export function toTypedRows<K extends RegistryKind>(kind: K, records: readonly WireRecord[], importedAt = ''): RowOf<K>[] {
  return records.map((record) => toTypedRow(kind, record, importedAt));
}

/** Where the read model gets its rows: SQLite on the server, IndexedDB on the phone. */
export interface RegistryRows {
  rows<K extends RegistryKind>(kind: K): readonly RowOf<K>[];
}
