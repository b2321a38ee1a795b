// The verdict screen in happy-dom, against the phone's real (fake-indexeddb) store: what
// the shopper reads for scans made offline, queued, refused, or long ago.
import { afterEach, describe, expect, it } from 'vitest';
import { initialStatus, StatusContext } from '../../web/app/app-status';
import { offline } from '../../web/app/offline-access';
import { showDate } from '../../web/app/vietnam-time';
import { checkScan } from '../../web/features/scan/check-scan';
import { VerdictScreen } from '../../web/features/verdict/VerdictScreen';
import { vi as vietnamese } from '../../web/i18n/vi';
import { request, transact } from '../../web/offline/idb';
import { OUTBOX, UPLOAD_FAILURES, type HistoryEntry, type UploadFailure } from '../../web/offline/schema';
import { mount, setOnline } from './fixtures/screen';

const GTIN = '8934563138165';
const mounted: { unmount(): void }[] = [];
const show = (id: string) => {
  const screen = mount(<VerdictScreen id={id} />);
  mounted.push(screen);
  return screen.el;
};

afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
  setOnline(true);
});

async function scanOffline(): Promise<string> {
  setOnline(false);
  return checkScan(GTIN);
}

describe('VerdictScreen, scan made offline', () => {
  it('says the scan waits for upload while its own upload is queued, whatever the app-wide count says', async () => {
    const id = await scanOffline();
    // No status provider: the app-wide pending count reads 0.
    const el = show(id);
    await expect.poll(() => el.textContent).toContain(vietnamese.verdictPending);
    await new Promise((r) => setTimeout(r, 50));
    expect(el.textContent).not.toContain(vietnamese.verdictOfflineUpgraded);
  });

  it('a serial typed offline says a connection is needed, never "may be fake"', async () => {
    setOnline(false);
    const el = show(await checkScan('22DV-YHZF-H3UR-V2LV'));
    await expect.poll(() => el.textContent).toContain(vietnamese.verdictTypedNeedsConnection);
    expect(el.textContent).not.toContain(vietnamese.verdictUnverified);
  });

  it('says the server refused the scan, not that it was checked online, once its upload is refused', async () => {
    const id = await scanOffline();
    const { store } = await offline();
    await transact(store.db, [OUTBOX, UPLOAD_FAILURES], 'readwrite', async (tx) => {
      tx.objectStore(OUTBOX).delete(id);
      const failure: UploadFailure = { clientEventId: id, kind: 'scan', payload: GTIN, status: 400, code: 'invalid_payload', message: 'x', message_vi: 'x', failedAt: new Date().toISOString() };
      await request(tx.objectStore(UPLOAD_FAILURES).put(failure));
    });
    const el = show(id);
    await expect.poll(() => el.textContent).toContain(vietnamese.verdictUploadRefused);
    expect(el.textContent).not.toContain(vietnamese.verdictOfflineUpgraded);
  });
});

describe('VerdictScreen, stamp with a scratch-off PIN', () => {
  const checked = (reasons: string[]): HistoryEntry => ({
    id: `pin-${reasons.join('-') || 'none'}`,
    payload: 'https://nguonviet.vn/S/K1/AAAAAAAAAAAAAAAA/BBBB',
    scannedAt: new Date().toISOString(),
    verdict: 'authentic',
    productName: null,
    online: true,
    result: {
      verdict: 'authentic',
      reasons: reasons.map((code) => ({ code, message_vi: code, message_en: code })),
      checkedAt: new Date().toISOString(),
      stamp: { serial: 'AAAAAAAAAAAAAAAA', kid: 'K1' },
      batch: { id: 'b1', status: 'active', expiresAt: null, isDemo: false, revokedAt: null, revokeReason: null, hasPin: true },
    },
  });

  it('offers the PIN check until the PIN has been accepted', async () => {
    const { mod, store } = await offline();
    const before = checked(['signature_valid']);
    const after = checked(['signature_valid', 'pin_ok']);
    await mod.addHistory(store, before);
    await mod.addHistory(store, after);
    const unchecked = show(before.id);
    await expect.poll(() => unchecked.querySelector('#pin')).toBeTruthy();
    const accepted = show(after.id);
    await expect.poll(() => accepted.textContent).toContain(vietnamese.verdictAuthentic);
    expect(accepted.querySelector('#pin')).toBeNull();
  });
});

describe('VerdictScreen, an offline verdict read after a later sync', () => {
  it('gives the date of the copy the scan was checked against, not of the copy synced since', async () => {
    const checkedAgainst = '2026-11-13T03:00:00.000Z';
    const entry: HistoryEntry = {
      id: 'offline-last-week',
      payload: 'https://nguonviet.vn/S/K1/AAAAAAAAAAAAAAAA/BBBB',
      scannedAt: checkedAgainst,
      verdict: 'authentic_offline',
      productName: null,
      online: false,
      result: {
        verdict: 'authentic_offline',
        reasons: [{ code: 'checked_offline', message_vi: 'x', message_en: 'x', dataAsOf: checkedAgainst }],
        checkedAt: checkedAgainst,
        stamp: { serial: 'AAAAAAAAAAAAAAAA', kid: 'K1' },
      },
    };
    const { mod, store } = await offline();
    await mod.addHistory(store, entry);
    const status = { ...initialStatus(), registry: { version: 50, generatedAt: '2026-10-01T03:00:00.000Z', syncedAt: '2026-11-25T03:00:00.000Z', products: 10, persisted: true } };
    const screen = mount(
      <StatusContext.Provider value={status}>
        <VerdictScreen id={entry.id} />
      </StatusContext.Provider>,
    );
    mounted.push(screen);
    await expect.poll(() => screen.el.querySelector('[data-verdict]')?.textContent).toContain(vietnamese.verdictAuthenticOfflineLead(showDate(checkedAgainst)));
    expect(screen.el.textContent).not.toContain(showDate('2026-11-25T03:00:00.000Z'));
  });
});
