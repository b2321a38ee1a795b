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

/** Cells of marks.csv the gatherers wrote in English, as a shopper reads them. */
const MARK_CELLS: Record<string, string> = {
  'Cục SHTT (2014 per hanoimoi.vn/nang-cao-chat-luong-gao-thom-boi-khe-639100.html)': 'Cục SHTT (năm 2014, theo báo Hànộimới)',
  'Cục SHTT; certificates handed over with Sở KH&CN Hà Nội': 'Cục SHTT (văn bằng trao cùng Sở KH&CN Hà Nội)',
  'Project SHTT/16-2022-3 accepted by city council 2024-11-13': 'Dự án SHTT/16-2022-3, hội đồng thành phố nghiệm thu ngày 13/11/2024',
  'project completed; grant not confirmed in source': 'project_completed',
  'granted (registered)': 'granted',
  '2013-11-30 (ceremony receiving the mark)': '30/11/2013 (lễ đón nhận nhãn hiệu)',
  '2015-12-16 (public announcement)': '16/12/2015 (công bố)',
  'by 2021-05': 'trước tháng 5/2021',
  'before 2023': 'trước năm 2023',
  '~2021': 'khoảng năm 2021',
  'thị xã Sơn Tây (raised in 13/15 communes/wards)': 'thị xã Sơn Tây (nuôi ở 13/15 xã, phường)',
};

/** A marks.csv cell in Vietnamese (ISO dates as d/m/yyyy); throws on English it does not know. */
export function publicMarkCell(raw: string): string {
  const mapped = MARK_CELLS[raw];
  if (mapped !== undefined) return mapped;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (iso) return `${Number(iso[3])}/${Number(iso[2])}/${iso[1]}`;
  if (/\b(by|before|per|with|of|the|project|accepted|raised|ceremony|granted|confirmed)\b/i.test(raw) && raw !== 'granted')
    throw new Error(`marks.csv cell "${raw}" reads as English: add it to MARK_CELLS`);
  return raw;
}

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

/** Cells of hvncl_program_years.csv the gatherers wrote in English, in Vietnamese. */
const PROGRAMME_CELLS: Record<string, string> = {
  '131,775 online + 119,389 direct': '131.775 phiếu trực tuyến + 119.389 phiếu trực tiếp',
  '330,813': '330.813',
  '535,929': '535.929',
  '213 (of 295 entered)': '213 (trong 295 sản phẩm tham gia)',
  '225 enterprises applied; 150 with 295 products qualified': '225 doanh nghiệp đăng ký; 150 doanh nghiệp với 295 sản phẩm đủ điều kiện',
  'TOP 1 = 50 products of 33 enterprises': 'TOP 1: 50 sản phẩm của 33 doanh nghiệp',
  'TOP1 25 / TOP2 35 / TOP3 40 / TOP4 50': 'TOP 1: 25 / TOP 2: 35 / TOP 3: 40 / TOP 4: 50',
  '276 products of 142 businesses': '276 sản phẩm của 142 doanh nghiệp',
  '124 enterprises with 241 products': '124 doanh nghiệp với 241 sản phẩm',
  'planned 2023-11-17': 'dự kiến 17/11/2023',
  '2022-11-11, phố đi bộ Trịnh Công Sơn (Tây Hồ)': '11/11/2022, phố đi bộ Trịnh Công Sơn (Tây Hồ)',
  '2024-11-28, phố đi bộ Trịnh Công Sơn': '28/11/2024, phố đi bộ Trịnh Công Sơn',
  '2025-11-29, Không gian văn hóa sáng tạo Tây Hồ': '29/11/2025, Không gian văn hóa sáng tạo Tây Hồ',
};

/** An award-programme cell in Vietnamese; throws on English it does not know. */
export function publicProgrammeCell(raw: string): string {
  const mapped = PROGRAMME_CELLS[raw];
  if (mapped !== undefined) return mapped;
  if (/\b(of|with|and|planned|products|enterprises|businesses|online|direct|entered|applied|qualified)\b/i.test(raw))
    throw new Error(`hvncl_program_years.csv cell "${raw}" reads as English: add it to PROGRAMME_CELLS`);
  return raw;
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
