import { ocopValidUntil, parseVietnameseDate, isIsoDate } from '../../server/domain/ocop';
import { shortHash } from '../../server/domain/registry-kinds';
import { foldVietnamese, slugify } from '../../server/domain/vietnamese';
import type { PlaceIndex, Row } from './convert-places';
import { deriveOcopGroup } from './derive-ocop-group';
import { publicProductName, type ResearchNotes } from './public-text';
import { readSourceCsv, type SourceRow } from './read-source';

const PRODUCER_TYPES = new Set(['company', 'cooperative', 'household']);

/** Natural key of a producer: its name as written plus province. */
export const producerId = (name: string, province: string) =>
  `pr-${slugify(name).slice(0, 40)}-${shortHash(`${foldVietnamese(name)}|${foldVietnamese(province)}`)}`;

/** Natural key of a product: name, producer and province as written in the source. */
export const productId = (name: string, producer: string, province: string) =>
  `p-${slugify(name).slice(0, 40)}-${shortHash(`${name}|${producer}|${province}`)}`;

const noteField = (notes: string, key: string): string => {
  const m = new RegExp(`${key}=([^;]*)`).exec(notes);
  return m ? m[1]!.trim() : '';
};

/** "2361/QĐ-BNNMT (26/6/2025)" → number and ISO date. */
function splitDecision(raw: string): { number: string; date: string } {
  const m = /^(.*?)\s*\((\d{1,2}\/\d{1,2}\/\d{4})\)\s*$/.exec(raw);
  if (!m) return { number: raw, date: '' };
  return { number: m[1]!, date: parseVietnameseDate(m[2]!) ?? '' };
}

function starsOf(raw: string): { stars: string; potentialFive: boolean; ratingNote: string } {
  if (/^[345]$/.test(raw)) return { stars: raw, potentialFive: false, ratingNote: '' };
  if (raw === 'potential 5') return { stars: '', potentialFive: true, ratingNote: 'tiềm năng 5 sao (đề xuất lên Trung ương)' };
  const district = /^([345]) \(district council score\)$/.exec(raw);
  if (district) return { stars: '', potentialFive: false, ratingNote: `${district[1]} sao theo chấm điểm của hội đồng cấp huyện; chưa xác nhận công nhận cấp thành phố` };
  if (raw === '') return { stars: '', potentialFive: false, ratingNote: 'nguồn không nêu số sao' };
  throw new Error(`unknown star_rating "${raw}"`);
}

/**
 * Where the product sits: former Hanoi commune/district, and the current ward or province;
 * a province that no longer exists ("Trà Vinh") is its former place, and the current
 * province it went into, whole, is its place.
 */
function placeOf(r: SourceRow, index: PlaceIndex): { oldPlaceId: string; placeId: string } {
  const province = r.get('province').replace(/\s*\(post-2025\)$/, '');
  const provinceId = index.provinceIdByName.get(foldVietnamese(province)) ?? '';
  const formerProvinceId = provinceId ? undefined : index.formerProvinceIdByName.get(foldVietnamese(province));
  if (formerProvinceId) {
    const into = index.newPlaceIdsByOld.get(formerProvinceId) ?? [];
    return { oldPlaceId: formerProvinceId, placeId: into.length === 1 ? into[0]! : '' };
  }
  if (province !== 'Hà Nội') return { oldPlaceId: '', placeId: provinceId };
  const district = foldVietnamese(r.get('district_pre2025'));
  const commune = foldVietnamese(r.get('commune_pre2025').replace(/^(TT|thị trấn|xã|phường)\s+/iu, ''));
  const wardId = commune ? index.formerWardIdByName.get(`${district}|${commune}`) : undefined;
  const districtId = index.formerDistrictIdByName.get(district);
  const newIds = wardId ? index.newPlaceIdsByOld.get(wardId) ?? [] : [];
  return { oldPlaceId: wardId ?? districtId ?? '', placeId: newIds.length === 1 ? newIds[0]! : provinceId };
}

/** The province as the official unit list spells it ("Thanh Hóa" → "Thanh Hoá"), else as written. */
function provinceSpelling(name: string, index: PlaceIndex): string {
  return index.provinceNameByFolded.get(foldVietnamese(name)) ?? name;
}

/** OCOP product rows → producers, products and OCOP certifications. */
export function convertOcopProducts(dir: string, index: PlaceIndex, research: ResearchNotes): { producers: Row[]; products: Row[]; certifications: Row[] } {
  const producers = new Map<string, Row>();
  const products: Row[] = [];
  const certifications: Row[] = [];
  for (const r of readSourceCsv(dir, 'ocop_products.csv')) {
    const province = provinceSpelling(r.get('province').replace(/\s*\(post-2025\)$/, ''), index);
    const isPostMerger = r.get('province').endsWith('(post-2025)');
    const notes = r.get('notes');
    const producerName = r.get('producer');
    // Lâm Đồng rows carry a full address in commune_pre2025; it belongs to the producer.
    const address = isPostMerger ? r.get('commune_pre2025') : '';
    let producer = '';
    if (producerName) {
      producer = producerId(producerName, province);
      const type = r.get('producer_type');
      if (type && !PRODUCER_TYPES.has(type)) throw new Error(`${r.where}: producer_type ${type}`);
      if (!producers.has(producer)) {
        producers.set(producer, {
          id: producer,
          name: producerName,
          type,
          province,
          address,
          place_id: '',
          notes: '',
          source_url: r.get('source_url'),
          source_document: r.where,
        });
      }
    }
    const name = r.get('product_name');
    // The id stays keyed on the source's own spelling so re-imports keep matching.
    const id = productId(name, producerName, r.get('province').replace(/\s*\(post-2025\)$/, ''));
    const count = Number(r.get('count') || '1');
    const { oldPlaceId, placeId } = placeOf(r, index);
    // "Hợp Thành (current xã)": the source names the current commune, not a former one.
    const currentCommune = /^(.*?)\s*\(current (xã|phường)\)$/.exec(r.get('commune_pre2025'));
    const sourceGroup = noteField(notes, 'category\\(repo\\)');
    products.push({
      id,
      name: publicProductName(name),
      producer_id: producer,
      ocop_group: sourceGroup ? normaliseGroup(sourceGroup) : deriveOcopGroup(name),
      ocop_group_basis: sourceGroup ? 'source' : 'derived',
      category: '',
      province,
      commune: currentCommune ? `${currentCommune[2]} ${currentCommune[1]}` : noteField(notes, 'current_commune'),
      district_pre2025: r.get('district_pre2025'),
      commune_pre2025: isPostMerger || currentCommune ? '' : r.get('commune_pre2025'),
      old_place_id: oldPlaceId,
      place_id: placeId,
      aggregate_count: count,
      is_aggregate: count > 1 || name.startsWith('(') ? 1 : 0,
      gtins: '[]',
      where_to_buy: '',
      notes: research.keep('products', id, notes, r.where),
      source_url: r.get('source_url'),
      source_document: r.where,
    });
    const { stars, potentialFive, ratingNote } = starsOf(r.get('star_rating'));
    const decision = splitDecision(r.get('decision_number'));
    const issued = noteField(notes, 'cert_issued');
    const expires = noteField(notes, 'cert_expires');
    const decisionDate = decision.date || (isIsoDate(issued) ? issued : '');
    certifications.push({
      id: `oc-${id.slice(2)}`,
      product_id: id,
      stars,
      potential_five: potentialFive ? 1 : 0,
      rating_note: ratingNote,
      decision_number: decision.number,
      decision_date: decisionDate,
      year: r.get('year'),
      issuing_body: r.get('issuing_authority'),
      valid_until: isIsoDate(expires) ? expires : decisionDate ? ocopValidUntil(decisionDate) : '',
      notes: '',
      source_url: r.get('source_url'),
      source_document: r.where,
    });
  }
  return { producers: [...producers.values()], products, certifications };
}

/** The repository's short group names → 148/QĐ-TTg group names. */
function normaliseGroup(group: string): string {
  const names: Record<string, string> = {
    'Thực phẩm': 'Thực phẩm',
    'Đồ uống': 'Đồ uống',
    'Thảo dược': 'Dược liệu và sản phẩm từ dược liệu',
  };
  const name = names[group];
  if (!name) throw new Error(`unknown OCOP group "${group}"`);
  return name;
}
