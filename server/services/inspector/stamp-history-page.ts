// Pages a stamp's scan history for the inspector console over the history service's own
// pages (newest first, read with LIMIT from the serial index): a cursor is the id of the
// last event shown, opaque to clients and checked on the way in.
import type { StampHistory } from './stamp-history.service';

export const HISTORY_PAGE_SIZE = 50;

export interface StampHistoryPage extends Omit<StampHistory, 'nextBefore'> {
  /** Pass back as ?cursor= for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface StampHistoryPager {
  /** null: no such stamp; 'bad_cursor': a cursor this server did not hand out. */
  page(serial: string, cursor: string | undefined, limit?: number): StampHistoryPage | null | 'bad_cursor';
}

type History = { stampHistory(serial: string, today: string, page?: { before?: number; limit?: number }): StampHistory | null };

const encode = (id: number) => Buffer.from(`h${id}`).toString('base64url');
const decode = (cursor: string): number | null => {
  const m = /^h(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : null;
};

export function createStampHistoryPager(deps: { history: History; today: () => string }): StampHistoryPager {
  return {
    page(serial, cursor, limit = HISTORY_PAGE_SIZE) {
      const before = cursor === undefined ? undefined : decode(cursor);
      if (before === null) return 'bad_cursor';
      const page = deps.history.stampHistory(serial, deps.today(), { ...(before ? { before } : {}), limit });
      if (!page) return null;
      const { nextBefore, ...rest } = page;
      return { ...rest, nextCursor: nextBefore === null ? null : encode(nextBefore) };
    },
  };
}
