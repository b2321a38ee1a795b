// Registry records as the API and the PWA see them (camelCase), with provenance.
import type { CertificateStatus } from './catalogue/certificate-state';
import type { MatchReason } from './match-explanation';

export type { CertificateStatus } from './catalogue/certificate-state';

export interface Provenance {
  sourceUrl: string;
  sourceDocument: string | null;
  importedAt: string;
}

export interface Place {
  id: string;
  era: 'current' | 'pre2025';
  level: string;
  code: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  parentId: string | null;
  validFrom: string | null;
  validUntil: string | null;
  provenance: Provenance;
}

export interface Producer {
  id: string;
  name: string;
  type: 'company' | 'cooperative' | 'household' | null;
  province: string | null;
  address: string | null;
  placeId: string | null;
  notes: string | null;
  provenance: Provenance;
}

export interface OcopCertification {
  id: string;
  productId: string;
  stars: number | null;
  potentialFive: boolean;
  ratingNote: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  year: string | null;
  issuingBody: string | null;
  /** Decision date + 36 months, or the date the certificate states. */
  validUntil: string | null;
  /** With no date but a year Y: 31/12/(Y+3), the latest day it can run to (catalogue/certificate-state.ts). */
  latestUntil: string | null;
  /** The certification year as a number, when the source gives one. */
  certYear: number | null;
  /** valid / expired on today's date (expired too when even latestUntil is past); unknown otherwise. */
  status: CertificateStatus;
  notes: string | null;
  provenance: Provenance;
}

export interface Mark {
  id: string;
  name: string;
  kind: 'geographical_indication' | 'collective' | 'certification' | 'trademark';
  holder: string | null;
  product: string | null;
  region: string | null;
  registrationNo: string | null;
  decision: string | null;
  decisionDate: string | null;
  dateText: string | null;
  status: string | null;
  notes: string | null;
  provenance: Provenance;
}

export interface Award {
  id: string;
  year: number;
  programme: string;
  rank: string | null;
  enterprise: string;
  productOrService: string | null;
  productId: string | null;
  notes: string | null;
  provenance: Provenance;
}

export interface ProductSummary {
  id: string;
  name: string;
  producerId: string | null;
  producerName: string | null;
  province: string | null;
  placeName: string | null;
  formerPlaceName: string | null;
  /** The pre-2025 district the source names ("Ba Vì"), as written. */
  formerDistrict?: string | null;
  ocopGroup: string | null;
  stars: number | null;
  potentialFive: boolean;
  certificateStatus: CertificateStatus | 'none';
  /** The best certificate's year, and its latest end when only the year is known. */
  certYear?: number | null;
  certLatestUntil?: string | null;
  isAggregate: boolean;
  aggregateCount: number;
  /** In search results: the fields besides the name that the query matched (match-explanation.ts). */
  match?: MatchReason[];
}

export interface ProductDetail extends ProductSummary {
  ocopGroupBasis: 'source' | 'derived' | null;
  commune: string | null;
  districtPre2025: string | null;
  communePre2025: string | null;
  gtins: string[];
  whereToBuy: string | null;
  notes: string | null;
  producer: Producer | null;
  /** Current place (ward/commune or province) and the former unit the sources cite. */
  place: Place | null;
  formerPlace: Place | null;
  /** Current wards/communes the former commune was merged into. */
  currentPlaces: Place[];
  certifications: OcopCertification[];
  marks: Mark[];
  awards: Award[];
  provenance: Provenance;
}

