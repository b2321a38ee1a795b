// Dates as Vietnam reads them (UTC+7, no daylight saving), whatever the machine's zone:
// certificates expire by Vietnam's calendar day, and every date a shopper reads is dd/mm/yyyy.
// The one place the +7 hours is written.

const VIETNAM_OFFSET_MS = 7 * 3600_000;

const shifted = (iso: string | Date): Date => new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, '0');

/** Vietnam's calendar day of an instant, as YYYY-MM-DD (what "today" means for certificates). */
export function vietnamDay(at: Date): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** An ISO date (YYYY-MM-DD) the Vietnamese way: 25/11/2026. */
export function formatVietnamDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return y && m && d ? `${d}/${m}/${y}` : isoDate;
}

/** The Vietnam calendar day of an ISO instant, the Vietnamese way (25/11/2026); the text itself when it is no instant. */
export function formatVietnamDayOf(iso: string): string {
  const d = shifted(iso);
  return Number.isNaN(d.getTime()) ? iso : formatVietnamDate(d.toISOString());
}

/** An ISO instant as a Vietnamese date-time in Vietnam's time zone ("14:05 25/11/2026"). */
export function formatVietnamTime(iso: string): string {
  const d = shifted(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** A Vietnam-time instant for a sentence: "23:41 ngày 07/12/2026" (English: "23:41 on 07/12/2026"). */
export function formatVietnamTimeInWords(iso: string, lang: 'vi' | 'en'): string {
  const [time, date] = formatVietnamTime(iso).split(' ');
  if (!date) return iso;
  return `${time} ${lang === 'vi' ? 'ngày' : 'on'} ${date}`;
}
