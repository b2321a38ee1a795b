// Pages a stamp's scan history for the inspector console. It only calls the history
// service's public stampHistory(); the events come oldest first, so a cursor is the index
// of the next event (opaque to clients, checked on the way in).
import type { StampHistory } from './stamp-history.service';

export const HISTORY_PAGE_SIZE = 50;

export interface StampHistoryPage extends Omit<StampHistory, 'events'> {
  events: StampHistory['events'];
  /** Pass back as ?cursor= for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface StampHistoryPager {
  /** null: no such stamp; 'bad_cursor': a cursor this server did not hand out. */
  page(serial: string, cursor: string | undefined, limit?: number): StampHistoryPage | null | 'bad_cursor';
}

const encode = (index: number) => Buffer.from(`h${index}`).toString('base64url');
const decode = (cursor: string): number | null => {
  const m = /^h(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : null;
};

export function createStampHistoryPager(deps: { history: { stampHistory(serial: string, today: string): StampHistory | null }; today: () => string }): StampHistoryPager {
  return {
    page(serial, cursor, limit = HISTORY_PAGE_SIZE) {
      const start = cursor === undefined ? 0 : decode(cursor);
      if (start === null) return 'bad_cursor';
      const full = deps.history.stampHistory(serial, deps.today());
      if (!full) return null;
      const events = full.events.slice(start, start + limit);
      const next = start + limit < full.events.length ? encode(start + limit) : null;
      return { ...full, events, nextCursor: next };
    },
  };
}
