// Registry records to domain objects, one function per entity: the database's rows and the
// sync feed's records share their snake_case columns, so the server and the PWA map them alike.
import { certificateTerm } from './certificate-term';
import {
  type Award,
  type Mark,
  type OcopCertification,
  type Place,
  type Producer,
  type Provenance,
} from './registry-types';

type Row = Record<string, unknown>;
const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Provenance columns of any registry row. */
export function toProvenance(r: Row): Provenance {
  return { sourceUrl: String(r.source_url), sourceDocument: s(r.source_document), importedAt: String(r.imported_at) };
}

/** A places row. */
export function toPlace(r: Row): Place {
  return {
    id: String(r.id),
    era: r.era as Place['era'],
    level: String(r.level),
    code: String(r.code),
    name: String(r.name),
    fullName: String(r.full_name),
    nameEn: s(r.name_en),
    parentId: s(r.parent_id),
    validFrom: s(r.valid_from),
    validUntil: s(r.valid_until),
    provenance: toProvenance(r),
  };
}

/** A producers row. */
export function toProducer(r: Row): Producer {
  return {
    id: String(r.id),
    name: String(r.name),
    type: s(r.type) as Producer['type'],
    province: s(r.province),
    address: s(r.address),
    placeId: s(r.place_id),
    notes: s(r.notes),
    provenance: toProvenance(r),
  };
}

/** An ocop_certifications row, with its status on `today`. */
export function toCertification(r: Row, today: string): OcopCertification {
  const validUntil = s(r.valid_until);
  const term = certificateTerm({ validUntil, year: s(r.year) }, today);
  return {
    id: String(r.id),
    productId: String(r.product_id),
    stars: r.stars === null ? null : Number(r.stars),
    potentialFive: Number(r.potential_five) === 1,
    ratingNote: s(r.rating_note),
    decisionNumber: s(r.decision_number),
    decisionDate: s(r.decision_date),
    year: s(r.year),
    issuingBody: s(r.issuing_body),
    validUntil,
    latestUntil: term.latestUntil,
    certYear: term.year,
    status: term.status,
    notes: s(r.notes),
    provenance: toProvenance(r),
  };
}

/** A marks row. */
export function toMark(r: Row): Mark {
  return {
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as Mark['kind'],
    holder: s(r.holder),
    product: s(r.product),
    region: s(r.region),
    registrationNo: s(r.registration_no),
    decision: s(r.decision),
    decisionDate: s(r.decision_date),
    dateText: s(r.date_text),
    status: s(r.status),
    notes: s(r.notes),
    provenance: toProvenance(r),
  };
}

/** An awards row. */
export function toAward(r: Row): Award {
  return {
    id: String(r.id),
    year: Number(r.year),
    programme: String(r.programme),
    rank: s(r.rank),
    enterprise: String(r.enterprise),
    productOrService: s(r.product_or_service),
    productId: s(r.product_id),
    notes: s(r.notes),
    provenance: toProvenance(r),
  };
}
