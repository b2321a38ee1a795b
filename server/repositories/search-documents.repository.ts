import type { Db } from '../db/connection';
import { searchValidUntil } from '../domain/certificate-term';
import { productPlaces } from '../domain/product-places';
import type { SearchDocument } from '../domain/search-types';
import { vietnamDate } from './clock';

type Row = Record<string, string | number | null>;

/**
 * Builds the flat documents both search engines index, from the registry tables:
 * current and former place names (so "Hoài Đức" and the new ward both find a product),
 * the best OCOP rating, marks and award years. `today` dates certificates known only by
 * their year (certificate-term.ts).
 */
export function loadSearchDocuments(db: Db, productIds?: string[], today: string = vietnamDate(new Date())): SearchDocument[] {
  const places = new Map((db.prepare('SELECT id, name, full_name, parent_id, level FROM places').all() as Row[]).map((r) => [String(r.id), r]));
  const newByOld = new Map<string, string[]>();
  for (const r of db.prepare('SELECT old_place_id, new_place_id FROM place_aliases').all() as Row[]) {
    const list = newByOld.get(String(r.old_place_id)) ?? [];
    list.push(String(r.new_place_id));
    newByOld.set(String(r.old_place_id), list);
  }
  const bestCert = new Map<string, Row>();
  for (const r of db
    .prepare('SELECT product_id, stars, potential_five, valid_until, year FROM ocop_certifications ORDER BY stars IS NULL, stars DESC, valid_until DESC')
    .all() as Row[]) {
    const id = String(r.product_id);
    const seen = bestCert.get(id);
    if (!seen) bestCert.set(id, r);
    else if (Number(r.potential_five) === 1) seen.potential_five = 1;
  }
  const marksOf = new Map<string, Set<string>>();
  const addTo = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
  };
  const producerMarks = new Map<string, Set<string>>();
  for (const r of db.prepare('SELECT mark_id, product_id, producer_id FROM mark_links').all() as Row[]) {
    if (r.product_id) addTo(marksOf, String(r.product_id), String(r.mark_id));
    else if (r.producer_id) addTo(producerMarks, String(r.producer_id), String(r.mark_id));
  }
  const awardYears = new Map<string, Set<string>>();
  for (const r of db.prepare('SELECT product_id, year FROM awards WHERE product_id IS NOT NULL').all() as Row[]) {
    addTo(awardYears, String(r.product_id), String(r.year));
  }

  const select = `SELECT p.*, pr.name AS producer_name FROM products p LEFT JOIN producers pr ON pr.id = p.producer_id`;
  const rows: Row[] = productIds
    ? productIds.flatMap((id) => (db.prepare(`${select} WHERE p.id = ?`).all(id) as Row[]))
    : (db.prepare(`${select} ORDER BY p.id`).all() as Row[]);

  return rows.map((p) => {
    const id = String(p.id);
    const located = productPlaces(p, (pid) => places.get(pid), (pid) => newByOld.get(pid));
    const cert = bestCert.get(id);
    const stars = cert?.stars === null || cert?.stars === undefined ? null : Number(cert.stars);
    const marks = new Set([...(marksOf.get(id) ?? []), ...(p.producer_id ? producerMarks.get(String(p.producer_id)) ?? [] : [])]);
    return {
      id,
      name: String(p.name),
      producer: (p.producer_name as string | null) ?? '',
      places: located.places,
      aliases: located.aliases,
      category: [p.ocop_group, p.category].filter(Boolean).join(' · '),
      stars,
      potentialFive: Number(cert?.potential_five ?? 0) === 1,
      ocopGroup: (p.ocop_group as string | null) ?? null,
      placeIds: located.placeIds,
      markIds: [...marks],
      awardYears: [...(awardYears.get(id) ?? [])].map(Number),
      certValidUntil:
        stars === null ? null : searchValidUntil({ validUntil: (cert?.valid_until as string | null) ?? null, year: (cert?.year as string | null) ?? null }, today),
      isAggregate: Number(p.is_aggregate) === 1,
    };
  });
}
