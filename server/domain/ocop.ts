// OCOP certification facts that the registry computes rather than stores by hand.

/** Months an OCOP certificate stays valid after its decision (1048/QĐ-TTg and 148/QĐ-TTg). */
export const OCOP_VALIDITY_MONTHS = 36;

/** Add whole months to an ISO date, clamping to the month's last day (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day an OCOP certificate runs to: decision date + 36 months. */
export function ocopValidUntil(decisionDate: string): string {
  return addMonths(decisionDate, OCOP_VALIDITY_MONTHS);
}

/** True when the text is a real calendar date in ISO form (YYYY-MM-DD). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Parse a Vietnamese d/m/yyyy date ("26/6/2025") to ISO, or null. */
export function parseVietnameseDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
