// OCOP product groups (148/QĐ-TTg) and the converter's rating notes: the registry stores
// them in Vietnamese; English mode shows them in English.
import type { Lang } from './i18n';

const OCOP_GROUPS_EN: Record<string, string> = {
  'Thực phẩm': 'Food',
  'Đồ uống': 'Drinks',
  'Dược liệu và sản phẩm từ dược liệu': 'Medicinal herbs and herbal products',
  'Hàng thủ công mỹ nghệ': 'Handicrafts',
  'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch': 'Community tourism, eco-tourism and tourist sites',
  'Sinh vật cảnh': 'Ornamental plants and animals',
};

/** A product group as the reader's language names it (unknown groups as stored). */
export function ocopGroupLabel(lang: Lang, group: string): string {
  return lang === 'en' ? (OCOP_GROUPS_EN[group] ?? group) : group;
}

/** The rating notes data:convert writes (scripts/registry/convert-ocop-products.ts), in English. */
const RATING_NOTES_EN: Record<string, string> = {
  'tiềm năng 5 sao (đề xuất lên Trung ương)': 'potential 5 stars (proposed to the national council)',
  '4 sao theo chấm điểm của hội đồng cấp huyện; chưa xác nhận công nhận cấp thành phố': '4 stars by the district council’s score; city-level recognition not confirmed',
  'nguồn không nêu số sao': 'the source does not state the stars',
};

/** A certificate's rating note as the reader's language says it (unknown notes as stored). */
export function ratingNoteLabel(lang: Lang, note: string): string {
  return lang === 'en' ? (RATING_NOTES_EN[note] ?? note) : note;
}
