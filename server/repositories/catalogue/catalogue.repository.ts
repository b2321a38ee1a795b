import type { Db } from '../../db/connection';
import { summaryTerm } from '../../domain/certificate-term';
import {
  type Award,
  type Mark,
  type Place,
  type ProductDetail,
  type ProductSummary,
  type Producer,
} from '../../domain/registry-types';
import { toAward, toCertification, toMark, toPlace, toProducer, toProvenance } from '../../domain/registry-records';

export interface PlaceQuery {
  era?: 'current' | 'pre2025';
  level?: string;
  parentId?: string;
  /** Only these places (the directory names the place ids its facets count). */
  ids?: string[];
  limit: number;
  offset: number;
}

export interface MarkWithCount extends Mark {
  productCount: number;
}

export interface AwardProgramme {
  id: string;
  year: number;
  recognisedProducts: string | null;
  enterprises: string | null;
  ceremony: string | null;
  notes: string | null;
  sourceUrl: string;
}

/** Read side of the registry: products, producers, marks, awards and places. */
export interface CatalogueRepository {
  productSummaries(ids: string[], today: string): ProductSummary[];
  productDetail(id: string, today: string): ProductDetail | null;
  producer(id: string): Producer | null;
  productIdsOfProducer(id: string): string[];
  /** Products that list this GTIN-14. */
  productIdsByGtin(gtin14: string): string[];
  marks(): MarkWithCount[];
  mark(id: string): Mark | null;
  awards(year?: number): Award[];
  awardProgrammes(): AwardProgramme[];
  places(query: PlaceQuery): { items: Place[]; total: number };
  place(id: string): Place | null;
  /** A coarse place as scan rules use it: its full name and its province's id. */
  coarsePlace(id: string): { name: string; provinceId: string | null } | null;
}

// Best certification per product: highest stars first, then the latest valid-until.
const SUMMARY_SQL = `
  SELECT p.id, p.name, p.producer_id, pr.name AS producer_name, p.province, p.ocop_group, p.district_pre2025,
         p.is_aggregate, p.aggregate_count,
         np.name AS place_name, op.full_name AS former_place_name,
         (SELECT c.stars FROM ocop_certifications c WHERE c.product_id = p.id
            ORDER BY c.stars IS NULL, c.stars DESC, c.valid_until DESC LIMIT 1) AS stars,
         (SELECT c.valid_until FROM ocop_certifications c WHERE c.product_id = p.id
            ORDER BY c.stars IS NULL, c.stars DESC, c.valid_until DESC LIMIT 1) AS valid_until,
         (SELECT c.year FROM ocop_certifications c WHERE c.product_id = p.id
            ORDER BY c.stars IS NULL, c.stars DESC, c.valid_until DESC LIMIT 1) AS cert_year,
         (SELECT MAX(c.potential_five) FROM ocop_certifications c WHERE c.product_id = p.id) AS potential_five
  FROM products p
  LEFT JOIN producers pr ON pr.id = p.producer_id
  LEFT JOIN places np ON np.id = p.place_id
  LEFT JOIN places op ON op.id = p.old_place_id`;

type Row = Record<string, unknown>;

function toSummary(r: Row, today: string): ProductSummary {
  const stars = r.stars === null || r.stars === undefined ? null : Number(r.stars);
  return {
    id: String(r.id),
    name: String(r.name),
    producerId: (r.producer_id as string | null) ?? null,
    producerName: (r.producer_name as string | null) ?? null,
    province: (r.province as string | null) ?? null,
    placeName: (r.place_name as string | null) ?? null,
    formerPlaceName: (r.former_place_name as string | null) ?? null,
    formerDistrict: (r.district_pre2025 as string | null) || null,
    ocopGroup: (r.ocop_group as string | null) ?? null,
    stars,
    potentialFive: Number(r.potential_five) === 1,
    ...summaryTerm(stars, (r.valid_until as string | null) ?? null, (r.cert_year as string | null) ?? null, today),
    isAggregate: Number(r.is_aggregate) === 1,
    aggregateCount: Number(r.aggregate_count),
  };
}

/** Build the catalogue repository over a SQLite database. */
export function createCatalogueRepository(db: Db): CatalogueRepository {
  const summaryById = db.prepare(`${SUMMARY_SQL} WHERE p.id = ?`);
  const productRow = db.prepare('SELECT * FROM products WHERE id = ?');
  const producerRow = db.prepare('SELECT * FROM producers WHERE id = ?');
  const placeRow = db.prepare('SELECT * FROM places WHERE id = ?');
  const certRows = db.prepare('SELECT * FROM ocop_certifications WHERE product_id = ? ORDER BY stars IS NULL, stars DESC, decision_date DESC');
  const markRowsOfProduct = db.prepare(
    `SELECT DISTINCT m.* FROM marks m JOIN mark_links l ON l.mark_id = m.id
     WHERE l.product_id = ? OR (l.product_id IS NULL AND l.producer_id = ?) ORDER BY m.name`,
  );
  const awardRowsOfProduct = db.prepare('SELECT * FROM awards WHERE product_id = ? ORDER BY year DESC');
  const currentPlacesOfFormer = db.prepare(
    'SELECT pl.* FROM place_aliases a JOIN places pl ON pl.id = a.new_place_id WHERE a.old_place_id = ? ORDER BY pl.name',
  );
  const productIdsOfProducer = db.prepare('SELECT id FROM products WHERE producer_id = ? ORDER BY name').pluck();
  const productIdsByGtin = db.prepare("SELECT DISTINCT p.id FROM products p, json_each(p.gtins) g WHERE p.gtins <> '[]' AND g.value = ?").pluck();

  return {
    productSummaries(ids, today) {
      const out: ProductSummary[] = [];
      for (const id of ids) {
        const r = summaryById.get(id) as Row | undefined;
        if (r) out.push(toSummary(r, today));
      }
      return out;
    },
    productDetail(id, today) {
      const p = productRow.get(id) as Row | undefined;
      if (!p) return null;
      const summary = toSummary(summaryById.get(id) as Row, today);
      const producer = p.producer_id ? ((producerRow.get(p.producer_id) as Row | undefined) ?? null) : null;
      const place = p.place_id ? ((placeRow.get(p.place_id) as Row | undefined) ?? null) : null;
      const formerPlace = p.old_place_id ? ((placeRow.get(p.old_place_id) as Row | undefined) ?? null) : null;
      return {
        ...summary,
        ocopGroupBasis: (p.ocop_group_basis as ProductDetail['ocopGroupBasis']) ?? null,
        commune: (p.commune as string | null) ?? null,
        districtPre2025: (p.district_pre2025 as string | null) ?? null,
        communePre2025: (p.commune_pre2025 as string | null) ?? null,
        gtins: JSON.parse(String(p.gtins ?? '[]')) as string[],
        whereToBuy: (p.where_to_buy as string | null) ?? null,
        notes: (p.notes as string | null) ?? null,
        producer: producer ? toProducer(producer) : null,
        place: place ? toPlace(place) : null,
        formerPlace: formerPlace ? toPlace(formerPlace) : null,
        currentPlaces: p.old_place_id ? (currentPlacesOfFormer.all(p.old_place_id) as Row[]).map(toPlace) : [],
        certifications: (certRows.all(id) as Row[]).map((r) => toCertification(r, today)),
        marks: (markRowsOfProduct.all(id, p.producer_id ?? null) as Row[]).map(toMark),
        awards: (awardRowsOfProduct.all(id) as Row[]).map(toAward),
        provenance: toProvenance(p),
      };
    },
    producer(id) {
      const r = producerRow.get(id) as Row | undefined;
      return r ? toProducer(r) : null;
    },
    productIdsOfProducer(id) {
      return productIdsOfProducer.all(id) as string[];
    },
    productIdsByGtin(gtin14) {
      return productIdsByGtin.all(gtin14) as string[];
    },
    marks() {
      const rows = db
        .prepare(
          `SELECT m.*, (SELECT COUNT(DISTINCT l.product_id) FROM mark_links l WHERE l.mark_id = m.id) AS product_count
           FROM marks m ORDER BY m.kind, m.name`,
        )
        .all() as Row[];
      return rows.map((r) => ({ ...toMark(r), productCount: Number(r.product_count) }));
    },
    mark(id) {
      const r = db.prepare('SELECT * FROM marks WHERE id = ?').get(id) as Row | undefined;
      return r ? toMark(r) : null;
    },
    awards(year) {
      const rows = (
        year === undefined
          ? db.prepare('SELECT * FROM awards ORDER BY year DESC, rank IS NULL, rank, enterprise').all()
          : db.prepare('SELECT * FROM awards WHERE year = ? ORDER BY rank IS NULL, rank, enterprise').all(year)
      ) as Row[];
      return rows.map(toAward);
    },
    awardProgrammes() {
      const rows = db.prepare('SELECT * FROM award_programmes ORDER BY year DESC').all() as Row[];
      return rows.map((r) => ({
        id: String(r.id),
        year: Number(r.year),
        recognisedProducts: (r.recognised_products as string | null) ?? null,
        enterprises: (r.enterprises as string | null) ?? null,
        ceremony: (r.ceremony as string | null) ?? null,
        notes: (r.notes as string | null) ?? null,
        sourceUrl: String(r.source_url),
      }));
    },
    places({ era, level, parentId, ids, limit, offset }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (ids) {
        where.push('id IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(ids));
      }
      const filters: [string, string | undefined][] = [
        ['era = ?', era],
        ['level = ?', level],
        ['parent_id = ?', parentId],
      ];
      for (const [sql, value] of filters) {
        if (value === undefined) continue;
        where.push(sql);
        params.push(value);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db.prepare(`SELECT COUNT(*) FROM places ${clause}`).pluck().get(...params) as number;
      const rows = db.prepare(`SELECT * FROM places ${clause} ORDER BY era, level, name LIMIT ? OFFSET ?`).all(...params, limit, offset) as Row[];
      return { items: rows.map(toPlace), total };
    },
    place(id) {
      const r = placeRow.get(id) as Row | undefined;
      return r ? toPlace(r) : null;
    },
    coarsePlace(id) {
      const r = placeRow.get(id) as Row | undefined;
      if (!r) return null;
      return { name: String(r.full_name), provinceId: r.level === 'province' ? String(r.id) : ((r.parent_id as string | null) ?? null) };
    },
  };
}
