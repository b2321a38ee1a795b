// What the public record says in words: Vietnamese names for aggregate rows, and the team's
// research notes set apart from it (data/research/notes.csv, never imported or shown).
import type { Row } from './convert-places';

/** Aggregate rows the sources describe in English: their Vietnamese names. */
const AGGREGATE_NAMES: Record<string, string> = {
  '(11 sữa products – names not listed)': '11 sản phẩm sữa (nguồn không nêu tên từng sản phẩm)',
  '(9 products: thịt và chế biến từ thịt – names not listed)': '9 sản phẩm thịt và chế biến từ thịt (nguồn không nêu tên từng sản phẩm)',
  '(products – names not listed)': 'Các sản phẩm của cơ sở (nguồn không nêu tên từng sản phẩm)',
  '(nhóm sản phẩm) Chè an toàn Bắc Sơn': 'Nhóm sản phẩm chè an toàn Bắc Sơn',
};

const ENGLISH_WORDS = /\b(products?|names?|not|listed|unknown|various)\b/i;

/**
 * The name a shopper reads for a product as the source writes it: aggregates in Vietnamese
 * ("(các loại rau)" → "Các loại rau"). Throws on a new English name so none slips through.
 */
export function publicProductName(raw: string): string {
  const mapped = AGGREGATE_NAMES[raw];
  if (mapped) return mapped;
  const inner = /^\((.*)\)$/.exec(raw)?.[1] ?? raw;
  if (ENGLISH_WORDS.test(inner)) throw new Error(`product name "${raw}" reads as English: add its Vietnamese name to AGGREGATE_NAMES`);
  return inner.charAt(0).toLocaleUpperCase('vi') + inner.slice(1);
}

/** The team's notes on records, kept beside the data but out of the public record. */
export class ResearchNotes {
  readonly rows: Row[] = [];

  /** Keep a source row's note (if any) for the record `kind`/`id`; returns '' for the public column. */
  keep(kind: string, id: string, note: string, sourceDocument: string): '' {
    if (note) this.rows.push({ id: `${kind}:${id}`, kind, record_id: id, note, source_document: sourceDocument });
    return '';
  }
}
