// The place filter's choices from the search facets: a product counts under its current
// ward/commune, its province and, for Hanoi, the pre-2025 district and commune it was in
// (shoppers still say "Ba Vì" or "Sóc Sơn"). Grouped so an old name never reads as a new one.
import type { Place } from '../../../server/domain/registry-types';

export type PlaceGroup = 'province' | 'current' | 'oldDistrict' | 'oldLocal';

export interface PlaceChoice {
  id: string;
  label: string;
  count: number;
  /** The bare name ("Ba Vì"), for sorting: the label starts with the unit type ("Huyện"). */
  name: string;
}

const GROUP_ORDER: readonly PlaceGroup[] = ['province', 'current', 'oldDistrict', 'oldLocal'];

function groupOf(place: Place): PlaceGroup {
  if (place.level === 'province') return 'province';
  if (place.era === 'current') return 'current';
  return place.level === 'district' ? 'oldDistrict' : 'oldLocal';
}

/** Facet place ids with their names, in groups (empty groups left out), each sorted by Vietnamese name. */
export function placeChoices(counts: Record<string, number>, places: ReadonlyMap<string, Place>): { group: PlaceGroup; choices: PlaceChoice[] }[] {
  const groups = new Map<PlaceGroup, PlaceChoice[]>();
  for (const [id, count] of Object.entries(counts)) {
    const place = places.get(id);
    if (!place) continue; // not named yet (or not in the registry): no choice rather than a raw id
    const parent = place.parentId ? places.get(place.parentId) : undefined;
    // Two former communes can share a name; the district tells them apart.
    const label = groupOf(place) === 'oldLocal' && parent ? `${place.fullName} — ${parent.fullName}` : place.fullName;
    const list = groups.get(groupOf(place)) ?? [];
    list.push({ id, label, count, name: place.name });
    groups.set(groupOf(place), list);
  }
  const collator = new Intl.Collator('vi');
  return GROUP_ORDER.flatMap((group) => {
    const choices = groups.get(group);
    return choices ? [{ group, choices: choices.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.label, b.label)) }] : [];
  });
}
