// SearchFilters → Meilisearch filter expressions. Every string value is quoted and
// escaped here, so a quote or backslash in user input can never change the expression.

import type { CertificateState, SearchFilters } from '../../domain/search-types';

export const CERTIFICATE_STATES: readonly CertificateState[] = ['valid', 'expired', 'unknown', 'none'];

/**
 * Quote a string for a filter expression. Since Meilisearch 1.4 the filter parser
 * unescapes every backslash sequence inside quotes, so both `\` and `"` are escaped.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A number as filter text; rejects NaN and infinities, which filters cannot hold. */
function formatFilterNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`filter value must be a finite number, got ${value}`);
  return String(value);
}

/**
 * An ISO date (YYYY-MM-DD) as the number YYYYMMDD. Filters compare only numbers with
 * < and >=, so certificate dates are indexed and compared in this form.
 */
export function isoDateToNumber(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got "${isoDate}"`);
  return Number(`${match[1]}${match[2]}${match[3]}`);
}

/** The filter selecting documents whose certificate is in this state on `today` (see certificateState). */
export function buildCertificateFilter(state: CertificateState, today: string): string {
  const day = isoDateToNumber(today);
  switch (state) {
    case 'none':
      return 'hasStars = false';
    case 'unknown':
      return 'hasStars = true AND certValidUntilNum IS NULL';
    case 'valid':
      return `hasStars = true AND certValidUntilNum >= ${day}`;
    case 'expired':
      return `hasStars = true AND certValidUntilNum < ${day}`;
  }
}

/** Join conditions with AND, each in parentheses so an OR inside one cannot leak out. */
export function joinFilterConditions(conditions: readonly (string | undefined)[]): string | undefined {
  const present = conditions.filter((c): c is string => c !== undefined && c !== '');
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return present.map((c) => `(${c})`).join(' AND ');
}

/** Translate the engine-neutral filters into one Meilisearch filter expression (undefined when none). */
export function buildMeiliFilter(filters: SearchFilters, today: string): string | undefined {
  const conditions: string[] = [];
  if (filters.stars && filters.stars.length > 0) {
    conditions.push(`stars IN [${filters.stars.map(formatFilterNumber).join(', ')}]`);
  }
  if (filters.ocopGroup !== undefined) conditions.push(`ocopGroup = ${quoteFilterValue(filters.ocopGroup)}`);
  if (filters.placeId !== undefined) conditions.push(`placeIds = ${quoteFilterValue(filters.placeId)}`);
  if (filters.markId !== undefined) conditions.push(`markIds = ${quoteFilterValue(filters.markId)}`);
  if (filters.awardYear !== undefined) conditions.push(`awardYears = ${formatFilterNumber(filters.awardYear)}`);
  if (filters.certificate !== undefined) conditions.push(buildCertificateFilter(filters.certificate, today));
  return joinFilterConditions(conditions);
}
