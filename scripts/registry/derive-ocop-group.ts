import { foldVietnamese } from '../../server/domain/vietnamese';

// OCOP group for products whose source does not state one, derived from words in the
// product name. Stored with ocop_group_basis = 'derived' so the UI and data/README can
// say it is our classification, not the decision's. Groups follow 148/QĐ-TTg (2023–).

const RULES: [RegExp, string][] = [
  [/\bdu lich\b/, 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch'],
  // Teas (also herbal teas) are the "Chè" set of the food group under 148/QĐ-TTg.
  [/^(tra|che)\b/, 'Thực phẩm'],
  [/\b(gom|gom su|bat dia|am chen|may tre|dan may|go|dieu khac|dua go|tui (vai|soi|xach)|chan bong|tu det|doi den|lo song|tranh|dong ho|khay|lich|kham|thu cong|my nghe)\b/, 'Hàng thủ công mỹ nghệ'],
  [/^(hoa|cay canh|bonsai)\b/, 'Sinh vật cảnh'],
  [/\b(ruou|nuoc uong|nuoc khoang|bia)\b/, 'Đồ uống'],
  [/\b(thuc pham bao ve suc khoe|^cao|cao mem|tinh dau|duoc lieu|thao duoc|dong trung|nano|curcumin|moc (de vuong|quy phi|thanh loc|bao an))\b/, 'Dược liệu và sản phẩm từ dược liệu'],
];


/** The OCOP group a product name most likely belongs to; food when nothing else fits. */
export function deriveOcopGroup(productName: string): string {
  const folded = foldVietnamese(productName);
  for (const [pattern, group] of RULES) if (pattern.test(folded)) return group;
  return 'Thực phẩm';
}
