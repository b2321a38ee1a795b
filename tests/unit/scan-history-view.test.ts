// The incrementally kept view of a stamp's scans must always equal one built from scratch,
// and the anomaly rules must decide the same on its reduced lists as on the full history.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkImpossibleTravel, checkOtherDevices, DEFAULT_THRESHOLDS, otherDevicesIn, otherDevicesReason } from '../../server/domain/anomaly-rules';
import type { ScanEvent } from '../../server/repositories/stamp.repository';
import { buildHistoryView, createHistoryViews } from '../../server/services/verify/scan-history-view';

const places: Record<string, { name: string; provinceId: string | null }> = {
  'vn:1': { name: 'Phường Một', provinceId: 'p1' },
  'vn:2': { name: 'Phường Hai', provinceId: 'p1' },
  'vn:3': { name: 'Xã Ba', provinceId: 'p2' },
  'vn:4': { name: 'Tỉnh Bốn', provinceId: null },
};
const placeOf = (id: string | null) => (id ? (places[id] ?? null) : null);
const T0 = Date.parse('2026-11-25T00:00:00Z');

const scanArb = fc.record({
  device: fc.option(fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6'), { nil: null }),
  place: fc.option(fc.constantFrom('vn:1', 'vn:2', 'vn:3', 'vn:4'), { nil: null }),
  // Mostly "now" (later than everything so far), sometimes back-dated (an offline upload).
  minutes: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 600 })),
  look: fc.boolean(),
  restart: fc.integer({ min: 0, max: 30 }),
});

/** Insert as the repository does: in scannedAt order, after equal ones. */
function insertSorted(events: ScanEvent[], e: ScanEvent) {
  let i = events.length;
  while (i > 0 && events[i - 1]!.scannedAt > e.scannedAt) i--;
  events.splice(i, 0, e);
}

describe('scan history view', () => {
  it('kept up incrementally, equals a fresh build, and the rules agree with the full history', () => {
    fc.assert(
      fc.property(fc.array(scanArb, { maxLength: 60, size: 'max' }), fc.option(fc.constantFrom('d1', 'd2', 'd7'), { nil: null }), fc.constantFrom('vn:1', 'vn:3', null), (scans, device, place) => {
        const views = createHistoryViews(placeOf, 4);
        let events: ScanEvent[] = [];
        let clock = 0;
        scans.forEach((s, i) => {
          clock += 7;
          const at = new Date(T0 + (s.minutes < 0 ? clock : s.minutes) * 60_000).toISOString();
          // Now and then the repository drops its list and starts a new array.
          if (s.restart === 0) events = [...events];
          insertSorted(events, { id: i, clientEventId: null, serial: 'S', kid: 'K', verdict: 'authentic', reasons: [], deviceHash: s.device, placeCode: s.place, scannedAt: at, receivedAt: at });
          if (!s.look) return;
          const view = views.of('S', events);
          const fresh = buildHistoryView(events, placeOf);
          const lists = (v: typeof view) => ({ prior: v.prior, firstPerDevice: v.firstPerDevice, withProvince: v.withProvince });
          expect(lists(view)).toEqual(lists(fresh));
          const p = placeOf(place);
          const current = { deviceHash: device, scannedAt: new Date(T0 + (clock + 1) * 60_000).toISOString(), provinceId: p?.provinceId ?? null, placeName: p?.name ?? null };
          const thresholds = { ...DEFAULT_THRESHOLDS, otherDevices: 1 };
          expect(checkOtherDevices(view.firstPerDevice, device, thresholds)).toEqual(checkOtherDevices(view.prior, device, thresholds));
          expect(checkImpossibleTravel(view.withProvince, current, DEFAULT_THRESHOLDS)).toEqual(checkImpossibleTravel(view.prior, current, DEFAULT_THRESHOLDS));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('answers otherDevices as otherDevicesIn over the whole history, back-dated scans included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 40 })), { minLength: 60, maxLength: 200 }), (steps) => {
        const views = createHistoryViews(placeOf, 4);
        const events: ScanEvent[] = [];
        let clock = 0;
        for (const [device, backdate, asker] of steps) {
          clock += 3;
          // One scan in ten is back-dated (an offline upload), the rest are the latest.
          const minute = backdate === 0 ? Math.floor(clock / 2) : clock;
          const at = new Date(T0 + minute * 60_000).toISOString();
          insertSorted(events, { id: events.length, clientEventId: null, serial: 'S', kid: 'K', verdict: 'authentic', reasons: [], deviceHash: `d${device}`, placeCode: null, scannedAt: at, receivedAt: at });
          const view = views.of('S', events);
          const thresholds = { ...DEFAULT_THRESHOLDS, otherDevices: 3 };
          const ask = `d${asker}`;
          const prior = buildHistoryView(events, placeOf).prior;
          expect(view.otherDevices(ask)).toEqual(otherDevicesIn(prior, ask));
          expect(view.otherDevices(null)).toEqual(otherDevicesIn(prior, null));
          expect(otherDevicesReason(view.otherDevices(ask), thresholds)).toEqual(checkOtherDevices(prior, ask, thresholds));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reuses the view while scans are appended, rebuilds after an insertion before its end', () => {
    const views = createHistoryViews(placeOf, 4);
    const ev = (id: number, minute: number, device: string): ScanEvent => {
      const at = new Date(T0 + minute * 60_000).toISOString();
      return { id, clientEventId: null, serial: 'S', kid: 'K', verdict: 'authentic', reasons: [], deviceHash: device, placeCode: null, scannedAt: at, receivedAt: at };
    };
    const events = [ev(1, 10, 'a'), ev(2, 20, 'b')];
    const first = views.of('S', events);
    events.push(ev(3, 30, 'c'));
    const second = views.of('S', events);
    expect(second).toBe(first);
    expect(second.firstPerDevice.map((s) => s.deviceHash)).toEqual(['a', 'b', 'c']);
    insertSorted(events, ev(4, 5, 'c'));
    const third = views.of('S', events);
    expect(third).not.toBe(first);
    expect(third.firstPerDevice.map((s) => [s.deviceHash, s.scannedAt.slice(11, 16)])).toEqual([
      ['c', '00:05'],
      ['a', '00:10'],
      ['b', '00:20'],
    ]);
  });
});
