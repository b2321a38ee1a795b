// Clearing the scan history on the History screen: afterwards no screen shows a cleared
// scan, and no refused upload keeps its scanned code on the phone.
import type { ComponentChild } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { offline } from '../../web/app/offline-access';
import { HistoryScreen } from '../../web/features/history/HistoryScreen';
import { checkScan } from '../../web/features/scan/check-scan';
import { VerdictScreen } from '../../web/features/verdict/VerdictScreen';
import { vi as vietnamese } from '../../web/i18n/vi';
import { request, transact } from '../../web/offline/idb';
import { UPLOAD_FAILURES, type UploadFailure } from '../../web/offline/schema';
import { mount, setOnline } from './fixtures/screen';

const GTIN = '8934563138165';
const mounted: { unmount(): void }[] = [];
const show = (vnode: ComponentChild) => {
  const screen = mount(vnode);
  mounted.push(screen);
  return screen.el;
};

afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
  setOnline(true);
});

describe('HistoryScreen, clear', () => {
  it('a cleared scan is gone from the verdict screen too, and refused uploads are forgotten', async () => {
    setOnline(false);
    const id = await checkScan(GTIN);
    const { mod, store } = await offline();
    const failure: UploadFailure = { clientEventId: 'refused-1', kind: 'scan', payload: GTIN, status: 400, code: 'invalid_payload', message: 'x', message_vi: 'x', failedAt: new Date().toISOString() };
    await transact(store.db, [UPLOAD_FAILURES], 'readwrite', (tx) => request(tx.objectStore(UPLOAD_FAILURES).put(failure)));

    window.confirm = () => true;
    const history = show(<HistoryScreen />);
    await expect.poll(() => history.querySelector('button.danger')).toBeTruthy();
    history.querySelector<HTMLButtonElement>('button.danger')!.click();
    await expect.poll(() => history.textContent).toContain(vietnamese.historyCleared);

    expect(await mod.uploadFailures(store)).toEqual([]);
    const verdict = show(<VerdictScreen id={id} />);
    await expect.poll(() => verdict.textContent).toContain(vietnamese.verdictNotFound);
  });
});
