// What the anomaly rules read from a stamp's scan history, kept per serial and extended as
// scans arrive instead of rebuilt from every scan on every check. A copied stamp checked by
// hundreds of phones made each verification allocate one object per past scan (a third of
// the server's CPU in the benchmark's "one stamp repeated" load, ~1.3 ms a request).
import type { OtherDevices, PriorScan } from '../../domain/anomaly-rules';
import { createRecentCache } from '../../repositories/recent-cache';
import type { ScanEvent } from '../../repositories/stamp.repository';

/** Shared between checks of the same stamp: read it, never change it. */
export interface HistoryView {
  /** Every earlier scan, oldest first (the repository's order). */
  prior: PriorScan[];
  /** The first scan of each device, same order: all checkOtherDevices uses of `prior`. */
  firstPerDevice: PriorScan[];
  /** The scans with a known province, same order: all checkImpossibleTravel uses of `prior`. */
  withProvince: PriorScan[];
  /**
   * otherDevicesIn(prior, device) in O(1): a stamp copied onto many packs is checked by a
   * new phone each time, and counting its thousands of devices on every check was most of
   * the cost of verifying it.
   */
  otherDevices(device: string | null): OtherDevices;
}

type PlaceOf = (placeId: string | null) => { name: string; provinceId: string | null } | null;

interface State extends HistoryView {
  devices: Set<string>;
  /** The list the view was built from, how much of it it has seen and its last seen event. */
  events: readonly ScanEvent[];
  seen: number;
  last: ScanEvent | undefined;
}

function append(view: State, e: ScanEvent, placeOf: PlaceOf) {
  // A forged or unknown-key scan that names this serial is no check of the stamp: counted,
  // anyone could type the printed serial into fake payloads from a few phones and turn the
  // genuine stamp's next check into "caution". Inspectors still see those events listed.
  if (e.verdict === 'unverified') return;
  const p = placeOf(e.placeCode);
  const scan: PriorScan = { deviceHash: e.deviceHash, scannedAt: e.scannedAt, placeId: e.placeCode, placeName: p?.name ?? null, provinceId: p?.provinceId ?? null };
  view.prior.push(scan);
  if (scan.deviceHash && !view.devices.has(scan.deviceHash)) {
    view.devices.add(scan.deviceHash);
    view.firstPerDevice.push(scan);
  }
  if (scan.provinceId) view.withProvince.push(scan);
}

/** The view of a list of scan events, built from scratch. */
export function buildHistoryView(events: readonly ScanEvent[], placeOf: PlaceOf): HistoryView {
  return build(events, placeOf);
}

function build(events: readonly ScanEvent[], placeOf: PlaceOf): State {
  const view: State = {
    prior: [],
    firstPerDevice: [],
    withProvince: [],
    devices: new Set(),
    events,
    seen: events.length,
    last: events.at(-1),
    otherDevices(device) {
      // Scans are in time order, so each device's first scan is its earliest and the
      // earliest other scan is the first first-scan not made by this device.
      const [earliest, next] = view.firstPerDevice;
      const first = (earliest && earliest.deviceHash === device ? next : earliest) ?? null;
      return { count: view.devices.size - (device !== null && view.devices.has(device) ? 1 : 0), first };
    },
  };
  for (const e of events) append(view, e, placeOf);
  return view;
}

/** Per-serial views over the repository's scan lists (StampRepository.scanHistory). */
export function createHistoryViews(placeOf: PlaceOf, capacity: number) {
  const views = createRecentCache<string, State>(capacity);
  return {
    /**
     * The view of `events`, reusing the previous one for this serial when `events` is the
     * same array grown only at its end (the usual case: a new scan is the latest); any other
     * change (a back-dated scan inserted earlier, a new array) rebuilds it.
     */
    of(serial: string, events: readonly ScanEvent[]): HistoryView {
      let view = views.get(serial);
      if (!view || view.events !== events || events.length < view.seen || (view.seen > 0 && events[view.seen - 1] !== view.last)) {
        view = build(events, placeOf);
        views.set(serial, view);
      } else if (events.length > view.seen) {
        for (let i = view.seen; i < events.length; i++) append(view, events[i]!, placeOf);
        view.seen = events.length;
        view.last = events.at(-1);
      }
      return view;
    },
    clear: () => views.clear(),
  };
}
