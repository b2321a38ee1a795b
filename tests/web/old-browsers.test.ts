// What older phones lack (crypto.randomUUID before Safari 15.4 or outside a secure
// context, AbortSignal.timeout before Safari 16) must not stop a scan.
import { afterEach, describe, expect, it } from 'vitest';
import { timeout } from '../../web/api/api';
import { offline } from '../../web/app/offline-access';
import { checkScan } from '../../web/features/scan/check-scan';
import { setOnline } from './fixtures/screen';

const restore: (() => void)[] = [];
function remove(target: object, name: string) {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value: undefined, configurable: true, writable: true });
  restore.push(() => (own ? Object.defineProperty(target, name, own) : delete (target as Record<string, unknown>)[name]));
}

afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  setOnline(true);
});

describe('older browsers', () => {
  it('a scan works without crypto.randomUUID, and is queued under its own id', async () => {
    remove(crypto, 'randomUUID');
    setOnline(false);
    const first = await checkScan('8934563138165');
    const second = await checkScan('8934563138165');
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second).not.toBe(first);
    const { mod, store } = await offline();
    expect(await mod.uploadState(store, first)).toBe('queued');
  });

  it('the request timeout works without AbortSignal.timeout', async () => {
    remove(AbortSignal, 'timeout');
    const signal = timeout(20);
    expect(signal.aborted).toBe(false);
    await expect.poll(() => signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });
});
