// Dates as a Vietnamese shopper reads them, in Vietnam's time zone whatever the phone says.
import { formatVietnamDate, formatVietnamTime } from '../../server/domain/verdict';

/** Today's date in Vietnam (YYYY-MM-DD): certificate validity is judged on it. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const showDate = (isoDate: string | null | undefined): string => (isoDate ? formatVietnamDate(isoDate) : '');
export const showTime = (iso: string | null | undefined): string => (iso ? formatVietnamTime(iso) : '');
