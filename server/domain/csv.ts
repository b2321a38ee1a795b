// RFC 4180 CSV reading and writing. Written here (not a library) because import
// errors must name the physical line a record starts on, quoted newlines included.

export interface CsvRecord {
  /** 1-based line in the file where this record starts. */
  line: number;
  values: string[];
}

export interface CsvParseError {
  line: number;
  message: string;
}

export type CsvParseResult =
  | { ok: true; header: string[]; records: CsvRecord[] }
  | { ok: false; error: CsvParseError };

/** Parse CSV text (header row first) into records that remember their starting line. */
export function parseCsv(text: string): CsvParseResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let values: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteStartLine = 1;
  let fieldStarted = false;

  const endField = () => {
    values.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(values.length === 1 && values[0] === '')) records.push({ line: recordLine, values });
    values = [];
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted && field.length > 0) {
        return { ok: false, error: { line, message: 'stray quote inside an unquoted field' } };
      }
      inQuotes = true;
      fieldStarted = true;
      quoteStartLine = line;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) return { ok: false, error: { line: quoteStartLine, message: 'quoted field is never closed' } };
  if (field !== '' || values.length > 0) endRecord();
  const [head, ...rest] = records;
  if (!head) return { ok: false, error: { line: 1, message: 'file is empty (no header row)' } };
  return { ok: true, header: head.values.map((h) => h.trim()), records: rest };
}

/** Quote one CSV field when it needs quoting. */
function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serialise rows (objects keyed by header) to CSV text with a trailing newline. */
export function writeCsv(header: readonly string[], rows: readonly Record<string, string | number | null | undefined>[]): string {
  const lines = [header.map(quoteField).join(',')];
  for (const row of rows) lines.push(header.map((h) => quoteField(row[h] == null ? '' : String(row[h]))).join(','));
  return lines.join('\n') + '\n';
}
