// The background upload of queued scans (web/app/background.ts): a scan queued while an
// upload is still waiting for the server is uploaded too, once that one ends, instead of
// waiting minutes for the next timer or "online" event.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialStatus, type AppStatus } from '../../web/app/app-status';
import { startBackground } from '../../web/app/background';
import { offline } from '../../web/app/offline-access';
import { setOnline } from './fixtures/screen';

/** Verify uploads wait here until the test answers them; every other request fails at once. */
const held: { payload: string; answer(): void }[] = [];
vi.mock('../../web/api/api', async (importActual) => {
  const { createApiClient } = await import('../../web/api/client');
  const gated = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('/api/verify')) throw new TypeError('Failed to fetch');
    const { payload } = JSON.parse(String(init?.body)) as { payload: string };
    return new Promise<Response>((resolve) => {
      const body = { verdict: 'not_a_stamp', reasons: [], checkedAt: new Date().toISOString() };
      held.push({ payload, answer: () => resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })) });
    });
  }) as typeof fetch;
  return { ...(await importActual<typeof import('../../web/api/api')>()), api: createApiClient('http://localhost', { fetch: gated }) };
});

afterEach(() => setOnline(true));

describe('background flushNow', () => {
  it('a scan queued during a slow upload is uploaded right after it, not left for the next timer', async () => {
    setOnline(false); // no flush at start-up: the test starts them
    let status: AppStatus = initialStatus();
    const background = startBackground((patch) => (status = { ...status, ...(typeof patch === 'function' ? patch(status) : patch) }));
    await background.refresh();
    setOnline(true);
    const { mod, store } = await offline();

    await mod.enqueueScan(store, { payload: '8934563138165', scannedAt: new Date().toISOString() });
    const first = background.flushNow();
    await expect.poll(() => held.map((h) => h.payload)).toEqual(['8934563138165']);

    // Queued after the running flush read the outbox.
    await mod.enqueueScan(store, { payload: '8936017360046', scannedAt: new Date().toISOString() });
    void background.flushNow();
    held[0]!.answer();
    await first;

    await expect.poll(() => held.map((h) => h.payload)).toEqual(['8934563138165', '8936017360046']);
    held[1]!.answer();
    await expect.poll(() => mod.pendingCount(store)).toBe(0);
    await expect.poll(() => status.pending).toBe(0);
  });
});
