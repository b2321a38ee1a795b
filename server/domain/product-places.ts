// The places a product is found under in search, shared by the server's search documents
// and the PWA's offline ones so both find a product by the same names: its current place
// and every unit above it, its former (pre-2025) place, the units that place merged into,
// and the free-text place columns of the registry row.

/** A places record: the columns this needs (snake_case, as in the table and the sync feed). */
export interface PlaceRecord {
  full_name?: unknown;
  parent_id?: unknown;
}

/** The place columns of a products record. */
export interface ProductPlaceColumns {
  place_id?: unknown;
  old_place_id?: unknown;
  province?: unknown;
  commune?: unknown;
  district_pre2025?: unknown;
  commune_pre2025?: unknown;
}

export interface ProductPlaces {
  /** Every place id the product sits under, current and former, for the place filter. */
  placeIds: string[];
  /** Current unit names. */
  places: string[];
  /** Former (pre-2025) unit names, searched as aliases. */
  aliases: string[];
}

const idOf = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/** Place ids and names of one product, given the places and the old→new unit map. */
export function productPlaces(
  product: ProductPlaceColumns,
  placeById: (id: string) => PlaceRecord | undefined,
  newPlacesOf: (oldId: string) => readonly string[] | undefined,
): ProductPlaces {
  const placeIds = new Set<string>();
  const current = new Set<string>();
  const former = new Set<string>();
  const addCurrent = (placeId: string | null) => {
    for (let id = placeId; id; ) {
      const place = placeById(id);
      if (!place) break;
      placeIds.add(id);
      current.add(String(place.full_name));
      id = idOf(place.parent_id);
    }
  };
  addCurrent(idOf(product.place_id));
  for (let id = idOf(product.old_place_id); id; ) {
    const place = placeById(id);
    if (!place) break;
    placeIds.add(id);
    // Ids under "vn:" are current units even when a product cites them as its former place.
    if (id.startsWith('vn:')) current.add(String(place.full_name));
    else former.add(String(place.full_name));
    for (const newId of newPlacesOf(id) ?? []) addCurrent(newId);
    id = idOf(place.parent_id);
  }
  if (product.province) current.add(String(product.province));
  if (product.commune) current.add(String(product.commune));
  if (product.district_pre2025) former.add(String(product.district_pre2025));
  if (product.commune_pre2025) former.add(String(product.commune_pre2025));
  return { placeIds: [...placeIds], places: [...current], aliases: [...former] };
}
