import { foldVietnamese } from '../../server/domain/vietnamese';
import { readSourceCsv, type SourceRow } from './read-source';

export type Row = Record<string, string | number | null>;

export const currentPlaceId = (level: string, code: string) => (level === 'province' ? `vn:p${code}` : `vn:${code}`);
export const formerDistrictId = (code: string) => `hn2024:d${code}`;
export const formerWardId = (code: string) => `hn2024:${code}`;
export const formerProvinceId = (code: string) => `vn2024:p${code}`;

export interface PlaceIndex {
  provinceIdByName: Map<string, string>;
  /** folded province name → the official spelling ("thanh hoa" → "Thanh Hoá") */
  provinceNameByFolded: Map<string, string>;
  /** folded name of a province that no longer exists as it was (merged or renamed) → its pre2025 id */
  formerProvinceIdByName: Map<string, string>;
  formerDistrictIdByName: Map<string, string>;
  /** key: folded district name + '|' + folded commune name */
  formerWardIdByName: Map<string, string>;
  newPlaceIdsByOld: Map<string, string[]>;
}

/**
 * Places (current units, former provinces, former Hanoi units) and the former→current
 * aliases. `formerProvinces` is the repo's own data/sources/former_provinces.csv rows.
 */
export function convertPlaces(dir: string, formerProvinces: SourceRow[]): { places: Row[]; aliases: Row[]; index: PlaceIndex } {
  const places: Row[] = [];
  const index: PlaceIndex = {
    provinceIdByName: new Map(),
    provinceNameByFolded: new Map(),
    formerProvinceIdByName: new Map(),
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

  const aliases: Row[] = [];
  addFormerProvinces(formerProvinces, places, aliases, index);

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

/**
 * The provinces of before 1 July 2025 that no longer exist as they were (merged into another,
 * joined by another, or renamed) become pre2025 places with an alias to each current province
 * their wards went into; the 11 that did not change are the current unit itself.
 */
function addFormerProvinces(rows: SourceRow[], places: Row[], aliases: Row[], index: PlaceIndex): void {
  const newCodesOf = (r: SourceRow) => r.get('new_codes').split('|');
  const isRenamed = (r: SourceRow) => r.get('valid_until') < '2025-06-30';
  // How many provinces of 30 June 2025 went into each current one.
  const intoCode = new Map<string, number>();
  for (const r of rows.filter((r) => !isRenamed(r))) for (const code of newCodesOf(r)) intoCode.set(code, (intoCode.get(code) ?? 0) + 1);
  const currentName = new Map(places.filter((p) => p.level === 'province').map((p) => [String(p.code), String(p.full_name)]));
  for (const r of rows) {
    const code = r.get('code');
    const newCodes = newCodesOf(r);
    const renamed = isRenamed(r);
    const unchanged = !renamed && newCodes.length === 1 && newCodes[0] === code && intoCode.get(code) === 1;
    if (unchanged) continue;
    const id = formerProvinceId(code);
    if (places.some((p) => p.id === id)) throw new Error(`${r.where}: two former provinces with code ${code}`);
    places.push({
      id,
      era: 'pre2025',
      level: 'province',
      code,
      name: r.get('name'),
      full_name: r.get('full_name'),
      name_en: r.get('name_en'),
      unit_type: r.get('full_name').slice(0, r.get('full_name').length - r.get('name').length).trim(),
      parent_id: '',
      valid_from: '',
      valid_until: r.get('valid_until'),
      source_url: r.get('source_url'),
      source_document: r.where,
    });
    index.formerProvinceIdByName.set(foldVietnamese(r.get('name')), id);
    const wards = new Map(r.get('wards_by_new').split('|').filter(Boolean).map((w) => w.split(':') as [string, string]));
    const total = [...wards.values()].reduce((sum, n) => sum + Number(n), 0);
    for (const newCode of newCodes) {
      const target = currentName.get(newCode);
      if (!target) throw new Error(`${r.where}: no current province with code ${newCode}`);
      const newId = currentPlaceId('province', newCode);
      const n = Number(wards.get(newCode) ?? 0);
      aliases.push({
        id: `${id}>${newId}`,
        old_place_id: id,
        new_place_id: newId,
        merge_note: renamed
          ? `Đổi tên thành ${target} (từ ${dayAfter(r.get('valid_until'))})`
          : n === total
            ? `Nhập toàn bộ vào ${target} (từ 1/7/2025; ${total} xã, phường cũ)`
            : `Nhập một phần vào ${target} (từ 1/7/2025; ${n}/${total} xã, phường cũ)`,
        source_url: r.get('conversion_source_url'),
        source_document: r.where,
      });
      index.newPlaceIdsByOld.set(id, [...(index.newPlaceIdsByOld.get(id) ?? []), newId]);
    }
  }
}

/** "2024-12-31" → "1/1/2025". */
function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}
