// Typed registry rows to the camelCase objects the API and the PWA show, one function per
// entity (CONVENTIONS 4). Rows come typed (typed-rows.ts), so nothing here casts.
import type { Award, Mark, OcopCertification, Place, Producer, Provenance } from '../registry-types';
import { certificateTerm } from './certificate-state';
import type { RowOf } from './typed-rows';

export interface AwardProgramme {
  id: string;
  year: number;
  recognisedProducts: string | null;
  enterprises: string | null;
  ceremony: string | null;
  notes: string | null;
  sourceUrl: string;
}

/** Provenance columns of any registry row. */
export function toProvenance(r: { source_url: string; source_document: string | null; imported_at: string }): Provenance {
  return { sourceUrl: r.source_url, sourceDocument: r.source_document, importedAt: r.imported_at };
}

/** A places row. */
export function toPlace(r: RowOf<'places'>): Place {
  return {
    id: r.id,
    era: r.era,
    level: r.level,
    code: r.code,
    name: r.name,
    fullName: r.full_name,
    nameEn: r.name_en,
    parentId: r.parent_id,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    provenance: toProvenance(r),
  };
}

/** A producers row. */
export function toProducer(r: RowOf<'producers'>): Producer {
  return { id: r.id, name: r.name, type: r.type, province: r.province, address: r.address, placeId: r.place_id, notes: r.notes, provenance: toProvenance(r) };
}

/** An ocop_certifications row, with its status on `today`. */
export function toCertification(r: RowOf<'ocop_certifications'>, today: string): OcopCertification {
  const term = certificateTerm({ validUntil: r.valid_until, year: r.year }, today);
  return {
    id: r.id,
    productId: r.product_id,
    stars: r.stars,
    potentialFive: r.potential_five === 1,
    ratingNote: r.rating_note,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    year: r.year,
    issuingBody: r.issuing_body,
    validUntil: r.valid_until,
    latestUntil: term.latestUntil,
    certYear: term.year,
    status: term.status,
    notes: r.notes,
    provenance: toProvenance(r),
  };
}

/** A marks row. */
export function toMark(r: RowOf<'marks'>): Mark {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    holder: r.holder,
    product: r.product,
    region: r.region,
    registrationNo: r.registration_no,
    decision: r.decision,
    decisionDate: r.decision_date,
    dateText: r.date_text,
    status: r.status,
    notes: r.notes,
    provenance: toProvenance(r),
  };
}

/** An awards row. */
export function toAward(r: RowOf<'awards'>): Award {
  return {
    id: r.id,
    year: r.year,
    programme: r.programme,
    rank: r.rank,
    enterprise: r.enterprise,
    productOrService: r.product_or_service,
    productId: r.product_id,
    notes: r.notes,
    provenance: toProvenance(r),
  };
}

/** An award_programmes row. */
export function toAwardProgramme(r: RowOf<'award_programmes'>): AwardProgramme {
  return { id: r.id, year: r.year, recognisedProducts: r.recognised_products, enterprises: r.enterprises, ceremony: r.ceremony, notes: r.notes, sourceUrl: r.source_url };
}
