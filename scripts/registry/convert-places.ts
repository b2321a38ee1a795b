import { foldVietnamese } from '../../server/domain/vietnamese';
import { readSourceCsv } from './read-source';

export type Row = Record<string, string | number | null>;

export const currentPlaceId = (level: string, code: string) => (level === 'province' ? `vn:p${code}` : `vn:${code}`);
export const formerDistrictId = (code: string) => `hn2024:d${code}`;
export const formerWardId = (code: string) => `hn2024:${code}`;

export interface PlaceIndex {
  provinceIdByName: Map<string, string>;
  /** folded province name → the official spelling ("thanh hoa" → "Thanh Hoá") */
  provinceNameByFolded: Map<string, string>;
  formerDistrictIdByName: Map<string, string>;
  /** key: folded district name + '|' + folded commune name */
  formerWardIdByName: Map<string, string>;
  newPlaceIdsByOld: Map<string, string[]>;
}

/** Places (current units, former Hanoi units) and the former→current aliases. */
export function convertPlaces(dir: string): { places: Row[]; aliases: Row[]; index: PlaceIndex } {
  const places: Row[] = [];
  const index: PlaceIndex = {
    provinceIdByName: new Map(),
    provinceNameByFolded: new Map(),
    formerDistrictIdByName: new Map(),
    formerWardIdByName: new Map(),
    newPlaceIdsByOld: new Map(),
  };
  const current = readSourceCsv(dir, 'admin_units.csv');
  // provinces first so every parent exists before its children
  current.sort((a, b) => Number(b.get('level') === 'province') - Number(a.get('level') === 'province'));
  for (const r of current) {
    const level = r.get('level');
    const id = currentPlaceId(level, r.get('code'));
    places.push({
      id,
      era: 'current',
      level,
      code: r.get('code'),
      name: r.get('name'),
      full_name: r.get('full_name'),
      name_en: r.get('name_en'),
      unit_type: r.get('unit_type'),
      parent_id: r.get('parent_code') ? currentPlaceId('province', r.get('parent_code')) : '',
      valid_from: r.get('valid_from'),
      valid_until: '',
      source_url: r.get('source_url'),
      source_document: r.where,
    });
    if (level === 'province') {
      index.provinceIdByName.set(foldVietnamese(r.get('name')), id);
      index.provinceNameByFolded.set(foldVietnamese(r.get('name')), r.get('name'));
    }
  }

  const former = readSourceCsv(dir, 'admin_units_hanoi_pre2025.csv');
  const districtNameByCode = new Map<string, string>();
  for (const r of former) {
    const level = r.get('level');
    const isDistrict = level === 'district';
    const id = isDistrict ? formerDistrictId(r.get('code')) : formerWardId(r.get('code'));
    places.push({
      id,
      era: 'pre2025',
      level,
      code: r.get('code'),
      name: r.get('name'),
      full_name: r.get('full_name'),
      name_en: r.get('name_en'),
      unit_type: r.get('full_name').slice(0, r.get('full_name').length - r.get('name').length).trim(),
      parent_id: isDistrict ? currentPlaceId('province', r.get('province_code')) : formerDistrictId(r.get('district_code')),
      valid_from: '',
      valid_until: r.get('valid_until'),
      source_url: r.get('source_url'),
      source_document: r.where,
    });
    if (isDistrict) {
      districtNameByCode.set(r.get('code'), r.get('name'));
      index.formerDistrictIdByName.set(foldVietnamese(r.get('name')), id);
    } else {
      const district = foldVietnamese(r.get('district_name').replace(/^(Quận|Huyện|Thị xã)\s+/u, ''));
      index.formerWardIdByName.set(`${district}|${foldVietnamese(r.get('name'))}`, id);
    }
  }

  const aliases: Row[] = [];
  for (const r of readSourceCsv(dir, 'admin_conversion_hanoi_2025.csv')) {
    const oldId = formerWardId(r.get('old_ward_code'));
    const newId = currentPlaceId('ward', r.get('new_ward_code'));
    aliases.push({
      id: `${oldId}>${newId}`,
      old_place_id: oldId,
      new_place_id: newId,
      merge_note: r.get('merge_note').replace(/\s+/g, ' '),
      source_url: r.get('source_url'),
      source_document: r.where,
    });
    index.newPlaceIdsByOld.set(oldId, [...(index.newPlaceIdsByOld.get(oldId) ?? []), newId]);
  }
  return { places, aliases, index };
}
