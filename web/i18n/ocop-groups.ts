// OCOP product groups (148/QĐ-TTg): the registry stores them in Vietnamese; English mode
// shows them in English.
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
