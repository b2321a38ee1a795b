// How long an OCOP certificate runs, from what the registry knows of it. The one rule the
// server (catalogue, verify) and the PWA (offline catalogue) all use.
import { OCOP_VALIDITY_MONTHS } from './ocop';

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
