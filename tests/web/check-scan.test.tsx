// One scan from the scan screen's point of view (web/features/scan/check-scan.ts): what the
// app status, the history and the outbox hold afterwards, on a phone without a connection
// or with one that gets no answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialStatus, type AppStatus } from '../../web/app/app-status';
import { startBackground } from '../../web/app/background';
import { offline } from '../../web/app/offline-access';
import { checkScan, PinNeedsConnection } from '../../web/features/scan/check-scan';
import { setOnline } from './fixtures/screen';

// The phone says it is online, but no request gets an answer (weak signal, server down).
vi.mock('../../web/api/api', async (importActual) => {
  const { createApiClient } = await import('../../web/api/client');
  const noAnswer = (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
  return { ...(await importActual<typeof import('../../web/api/api')>()), api: createApiClient('http://localhost', { fetch: noAnswer }) };
});

const GTIN = '8934563138165';

afterEach(() => setOnline(true));

describe('checkScan offline', () => {
  it('a queued scan shows in the status bar count at once, not minutes later', async () => {
    setOnline(false);
    let status: AppStatus = initialStatus();
    const background = startBackground((patch) => (status = { ...status, ...(typeof patch === 'function' ? patch(status) : patch) }));
    await background.refresh();
    const before = status.pending;
    await checkScan(GTIN, { background });
    await expect.poll(() => status.pending).toBe(before + 1);
  });
});

describe('checkScan with a PIN', () => {
  it('says the PIN needs a connection when no answer comes, instead of checking offline without it', async () => {
    setOnline(true);
    const { mod, store } = await offline();
    const [pending, history] = [await mod.pendingCount(store), (await mod.listHistory(store)).length];
    await expect(checkScan(GTIN, { pin: '1234' })).rejects.toBeInstanceOf(PinNeedsConnection);
    expect(await mod.pendingCount(store)).toBe(pending);
    expect(await mod.listHistory(store)).toHaveLength(history);
  });
});
