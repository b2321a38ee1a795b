// Dates as a Vietnamese shopper reads them, in Vietnam's time zone whatever the phone says.
import { formatVietnamDate, formatVietnamTime, formatVietnamTimeInWords, vietnamDay } from '../../server/domain/catalogue/dates';

/** Today's date in Vietnam (YYYY-MM-DD): certificate validity is judged on it. */
export const vietnamToday = (now: Date = new Date()): string => vietnamDay(now);

export const showDate = (isoDate: string | null | undefined): string => (isoDate ? formatVietnamDate(isoDate) : '');
export const showTime = (iso: string | null | undefined): string => (iso ? formatVietnamTime(iso) : '');
/** An instant for a sentence: "23:41 ngày 07/12/2026" ("23:41 on 07/12/2026" in English). */
export const showTimeInWords = (iso: string | null | undefined, lang: 'vi' | 'en'): string => (iso ? formatVietnamTimeInWords(iso, lang) : '');
