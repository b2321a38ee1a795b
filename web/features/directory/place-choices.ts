// The place filter's choices from the search facets: a product counts under its current
// ward/commune, its province, the pre-2025 province it was in when that one was merged
// away ("Trà Vinh", "Kiên Giang") and, for Hanoi, the pre-2025 district and commune (shoppers
// still say "Ba Vì" or "Sóc Sơn"). Grouped so an old name never reads as a new one.
import type { Place } from '../../../server/domain/registry-types';
import { foldVietnamese } from '../../../server/domain/vietnamese';

export type PlaceGroup = 'province' | 'current' | 'oldProvince' | 'oldDistrict' | 'oldLocal';

export interface PlaceChoice {
  id: string;
  label: string;
  count: number;
  /** The bare name folded ("ba vi"), for sorting: the label starts with the unit type ("Huyện"). */
  name: string;
}

const GROUP_ORDER: readonly PlaceGroup[] = ['province', 'current', 'oldProvince', 'oldDistrict', 'oldLocal'];

// Sorted on folded names ("Ba Vì" → "ba vi") rather than with Intl.Collator('vi'): building
// that collator loads ICU data, a 80–90 ms task on the throttled phone profile, enough to
// cost the directory its Lighthouse score. Folding puts đ with d, which reads fine in a list.
const byName = (a: PlaceChoice, b: PlaceChoice) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

function groupOf(place: Place): PlaceGroup {
  if (place.level === 'province') return place.era === 'current' ? 'province' : 'oldProvince';
  if (place.era === 'current') return 'current';
  return place.level === 'district' ? 'oldDistrict' : 'oldLocal';
}

/** Facet place ids with their names, in groups (empty groups left out), each sorted by Vietnamese name. */
export function placeChoices(counts: Record<string, number>, places: ReadonlyMap<string, Place>): { group: PlaceGroup; choices: PlaceChoice[] }[] {
  const groups = new Map<PlaceGroup, PlaceChoice[]>();
  for (const [id, count] of Object.entries(counts)) {
    const place = places.get(id);
    if (!place) continue; // not named yet (or not in the registry): no choice rather than a raw id
    const group = groupOf(place);
    const parent = place.parentId ? places.get(place.parentId) : undefined;
    // Two former communes can share a name; the district tells them apart.
    const label = group === 'oldLocal' && parent ? `${place.fullName} — ${parent.fullName}` : place.fullName;
    const list = groups.get(group) ?? [];
    list.push({ id, label, count, name: foldVietnamese(place.name) });
    groups.set(group, list);
  }
  return GROUP_ORDER.flatMap((group) => {
    const choices = groups.get(group);
    return choices ? [{ group, choices: choices.sort(byName) }] : [];
  });
}
