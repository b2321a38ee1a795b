// What an OCOP certificate is worth today, from what the registry knows of it: how long it
// runs (a certificate known only by its year Y has expired by 31/12/(Y+3)), which of a
// product's certificates is its best, and the caution a stamp gets when all have lapsed.
// The one copy of these rules; the server and the PWA both read certificates through it.
import { OCOP_VALIDITY_MONTHS } from '../ocop';
import type { Reason } from '../verdict';
import { formatVietnamDate } from './dates';
import type { RowOf } from './typed-rows';

export type CertificateStatus = 'valid' | 'expired' | 'unknown';

export interface CertificateTerm {
  /** valid / expired on the given day; unknown when neither a date nor a past bound is known. */
  status: CertificateStatus;
  /** The day it runs to when the decision (or the certificate) gives one. */
  validUntil: string | null;
  /**
   * With only the certification year Y known: 31/12/(Y+3), the last day a certificate
   * decided in year Y can run to (36 months from a decision no later than 31/12/Y).
   */
  latestUntil: string | null;
  /** The certification year as a number (the latest year a source range names). */
  year: number | null;
}

/** The certification year a source states ('2021', '2019-2024', '≤2021', '2019 (re-evaluated 2022)'), as its latest year. */
export function certificationYear(text: string | null | undefined): number | null {
  if (!text) return null;
  const years = [...text.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  return years.length ? Math.max(...years) : null;
}

/** The term of a certificate on `today` (ISO dates): by its valid-until date, else bounded by its year. */
export function certificateTerm(cert: { validUntil: string | null; year: string | null }, today: string): CertificateTerm {
  const year = certificationYear(cert.year);
  if (cert.validUntil) return { status: cert.validUntil >= today ? 'valid' : 'expired', validUntil: cert.validUntil, latestUntil: null, year };
  if (year === null) return { status: 'unknown', validUntil: null, latestUntil: null, year };
  const latestUntil = `${year + OCOP_VALIDITY_MONTHS / 12}-12-31`;
  return { status: latestUntil < today ? 'expired' : 'unknown', validUntil: null, latestUntil, year };
}

/** The certificate fields of a product summary from its best certificate (none without stars). */
export function summaryTerm(
  stars: number | null,
  validUntil: string | null,
  year: string | null,
  today: string,
): { certificateStatus: CertificateStatus | 'none'; certYear: number | null; certLatestUntil: string | null } {
  if (stars === null) return { certificateStatus: 'none', certYear: certificationYear(year), certLatestUntil: null };
  const term = certificateTerm({ validUntil, year }, today);
  return { certificateStatus: term.status, certYear: term.year, certLatestUntil: term.latestUntil };
}

/**
 * The date search filters compare with today for a starred certificate: its valid-until, or
 * for one known only by its year the bound 31/12/(Y+3) once that has passed on `today`
 * (then it is expired whatever the exact date was); null while its end is unknown.
 */
export function searchValidUntil(cert: { validUntil: string | null; year: string | null }, today: string): string | null {
  const term = certificateTerm(cert, today);
  return term.validUntil ?? (term.status === 'expired' ? term.latestUntil : null);
}

type CertificateRow = RowOf<'ocop_certifications'>;

/** The best certificate of a product as its summary shows it. */
export interface BestCertificate {
  stars: number | null;
  validUntil: string | null;
  year: string | null;
  /** Any of its certificates marks it a potential 5-star product. */
  potentialFive: boolean;
}

/** Text order of SQLite's BINARY collation (code units), nulls first: never locale rules, so every runtime agrees. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Rated before unrated, more stars first, then the later `date` (none last), then by id. */
const byStarsThen = (date: 'valid_until' | 'decision_date') => (a: CertificateRow, b: CertificateRow) => {
  if ((a.stars === null) !== (b.stars === null)) return a.stars === null ? 1 : -1;
  if (a.stars !== null && b.stars !== null && a.stars !== b.stars) return b.stars - a.stars;
  return compareText(b[date], a[date]) || compareText(a.id, b.id);
};

/** A product's certificates as its page lists them: most stars first, then the latest decision. */
export function orderCertificates(certificates: readonly CertificateRow[]): CertificateRow[] {
  return [...certificates].sort(byStarsThen('decision_date'));
}

/** The certificate a product is rated by: most stars, then the latest valid-until; null without certificates. */
export function bestCertificate(certificates: readonly CertificateRow[]): BestCertificate | null {
  const best = [...certificates].sort(byStarsThen('valid_until'))[0];
  if (!best) return null;
  return { stars: best.stars, validUntil: best.valid_until, year: best.year, potentialFive: certificates.some((c) => c.potential_five === 1) };
}

/** What the expiry rule needs of a certificate (an OcopCertification has it). */
export interface DatedCertificate {
  validUntil: string | null;
  /** 31/12/(Y+3) when only the certification year Y is known. */
  latestUntil?: string | null;
  certYear?: number | null;
  stars: number | null;
  decisionNumber: string | null;
}

const endOf = (cert: DatedCertificate): string | null => cert.validUntil ?? cert.latestUntil ?? null;

/**
 * The caution for a genuine stamp whose product's OCOP certification has lapsed: every
 * starred certificate it holds has expired (a renewed one, even with fewer stars, keeps it
 * current). Names the latest. A certificate known only by its year counts as expired once
 * 31/12/(year+3) has passed. Null while the product holds a current (or open-ended) one.
 */
export function ocopExpiredReason(certs: readonly DatedCertificate[], today: string): Reason | null {
  let latest: DatedCertificate | null = null;
  for (const cert of certs) {
    if (cert.stars === null) continue;
    const end = endOf(cert);
    if (!end || end >= today) return null;
    if (!latest || end > (endOf(latest) as string)) latest = cert;
  }
  if (!latest) return null;
  const validUntil = endOf(latest) as string;
  const decision = latest.decisionNumber ? ` (quyết định ${latest.decisionNumber})` : '';
  const decisionEn = latest.decisionNumber ? ` (decision ${latest.decisionNumber})` : '';
  if (!latest.validUntil) {
    const year = latest.certYear ? ` năm ${latest.certYear}` : '';
    const yearEn = latest.certYear ? ` of ${latest.certYear}` : '';
    return {
      code: 'ocop_certificate_expired',
      message_vi: `Chứng nhận OCOP ${latest.stars} sao${year} của sản phẩm${decision} đã hết hạn — muộn nhất ngày ${formatVietnamDate(validUntil)} (chứng nhận có hiệu lực 36 tháng).`,
      message_en: `The product's ${latest.stars}-star OCOP certificate${yearEn}${decisionEn} has expired — on ${formatVietnamDate(validUntil)} at the latest (certificates run 36 months).`,
      validUntil,
    };
  }
  return {
    code: 'ocop_certificate_expired',
    message_vi: `Chứng nhận OCOP ${latest.stars} sao của sản phẩm${decision} đã hết hạn ngày ${formatVietnamDate(validUntil)}.`,
    message_en: `The product's ${latest.stars}-star OCOP certificate${decisionEn} expired on ${formatVietnamDate(validUntil)}.`,
    validUntil,
  };
}
