// A directory address the server would refuse (a pasted 300-character search, a year past
// the API's range) must still be answered online: a 400 reads as "no connection" in
// data-source.ts, so the page would silently switch to the phone's copy and say "offline".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryFromUrl } from '../../web/features/directory/directory-query';
import { startTestServer, type TestServer } from './fixtures/offline-server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.cleanup());

async function status(params: Record<string, string>): Promise<number> {
  const query = queryFromUrl(new URLSearchParams(params));
  const sent = new URLSearchParams({ q: query.q, limit: '20', offset: '0' });
  if (query.awardYear) sent.set('awardYear', String(query.awardYear));
  return (await t.app.request(`/api/products?${sent}`)).status;
}

describe('directory address → GET /api/products', () => {
  it('a search longer than the API takes is cut to its length, not refused', async () => {
    expect(await status({ q: 'gà đồi '.repeat(50) })).toBe(200);
    // Cut between the two halves of an emoji: no lone surrogate is sent.
    expect(queryFromUrl(new URLSearchParams({ q: `${'a'.repeat(199)}😀` })).q).toBe('a'.repeat(199));
  });

  it('an award year outside the API range is left out, not refused', async () => {
    expect(await status({ q: 'gà', awardYear: '3000' })).toBe(200);
  });
});
