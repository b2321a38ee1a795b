// "Data as of" is when the offline copy was last known current: a sync moves syncedAt,
// never generatedAt (the snapshot's date), so the screens must prefer syncedAt.
import { afterEach, describe, expect, it } from 'vitest';
import { initialStatus, StatusContext, type AppStatus } from '../../web/app/app-status';
import { StatusBar } from '../../web/app/StatusBar';
import { showDate } from '../../web/app/vietnam-time';
import { AboutScreen } from '../../web/features/about/AboutScreen';
import { mount } from './fixtures/screen';

const status: AppStatus = {
  ...initialStatus(),
  registry: { version: 42, generatedAt: '2026-10-01T03:00:00.000Z', syncedAt: '2026-11-20T03:00:00.000Z', products: 10, persisted: true },
};
const synced = showDate('2026-11-20T03:00:00.000Z');
const snapshot = showDate('2026-10-01T03:00:00.000Z');

let unmount = () => {};
afterEach(() => unmount());

describe('data date', () => {
  it.each([
    ['status bar', StatusBar],
    ['about screen', AboutScreen],
  ])('the %s gives the last sync, not the snapshot date', (_name, Screen) => {
    const screen = mount(
      <StatusContext.Provider value={status}>
        <Screen />
      </StatusContext.Provider>,
    );
    unmount = screen.unmount;
    expect(screen.el.textContent).toContain(synced);
    expect(screen.el.textContent).not.toContain(snapshot);
  });
});
