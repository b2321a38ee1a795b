// Dates as a Vietnamese shopper reads them, in Vietnam's time zone whatever the phone says.
import { formatVietnamDate, formatVietnamTime, formatVietnamTimeInWords } from '../../server/domain/verdict';

/** Today's date in Vietnam (YYYY-MM-DD): certificate validity is judged on it. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const showDate = (isoDate: string | null | undefined): string => (isoDate ? formatVietnamDate(isoDate) : '');
export const showTime = (iso: string | null | undefined): string => (iso ? formatVietnamTime(iso) : '');
/** An instant for a sentence: "23:41 ngày 07/12/2026" ("23:41 on 07/12/2026" in English). */
export const showTimeInWords = (iso: string | null | undefined, lang: 'vi' | 'en'): string => (iso ? formatVietnamTimeInWords(iso, lang) : '');
