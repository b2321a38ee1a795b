// Screens that open one scan by id (verdict, report) find it however old it is, not only
// among the newest entries the History screen lists.
import type { ComponentChild } from 'preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { offline } from '../../web/app/offline-access';
import { ReportScreen } from '../../web/features/report/ReportScreen';
import { VerdictScreen } from '../../web/features/verdict/VerdictScreen';
import { vi as vietnamese } from '../../web/i18n/vi';
import type { HistoryEntry } from '../../web/offline';
import { mount } from './fixtures/screen';

const OLD_PAYLOAD = '8934563138165';
const mounted: { unmount(): void }[] = [];
const show = (vnode: ComponentChild) => {
  const screen = mount(vnode);
  mounted.push(screen);
  return screen.el;
};
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

const entry = (id: string, minute: number, payload: string): HistoryEntry => ({
  id,
  payload,
  scannedAt: new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString(),
  verdict: 'caution',
  productName: null,
  online: true,
  result: { verdict: 'caution', reasons: [{ code: 'other_phones', message_vi: 'Đã được quét ở nơi khác', message_en: 'Scanned elsewhere' }], checkedAt: new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString() },
});

beforeAll(async () => {
  const { mod, store } = await offline();
  await mod.addHistory(store, entry('oldest', 0, OLD_PAYLOAD));
  for (let i = 1; i <= 60; i++) await mod.addHistory(store, entry(`newer-${i}`, i, `893456313816${i % 10}`));
});

describe('a scan older than the newest 50', () => {
  it('opens on the verdict screen', async () => {
    const el = show(<VerdictScreen id="oldest" />);
    await expect.poll(() => el.textContent).toContain('Đã được quét ở nơi khác');
    expect(el.textContent).not.toContain(vietnamese.verdictNotFound);
  });

  it('is the one the report form sends', async () => {
    history.replaceState(null, '', '/report?h=oldest');
    const el = show(<ReportScreen />);
    await expect.poll(() => el.querySelector('.code')?.textContent).toBe(OLD_PAYLOAD);
  });
});
