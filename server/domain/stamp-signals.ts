// A stamp's clone evidence, kept with the stamp and updated with each scan (issue #9): a
// check costs O(1) however many scans a stamp has, and one actor cannot fake the signal
// cheaply. Only scans by server-issued device ids, from a network under its soft limit,
// of a genuine unrevoked stamp become evidence; a stamp is a clone suspect only when other
// devices on other networks checked it. Pure: the verify service gathers the facts.

/** One device that checked the stamp: hashes of its id and of its network (/24 or /48). */
export interface EvidenceEntry {
  device: string;
  network: string;
  firstAt: number;
  lastAt: number;
  /** Coarse place of its latest check (a ward/commune or province id), if given. */
  place: string | null;
}

export interface StampSignals {
  /** Genuine checks counted (evidence or not). */
  checks: number;
  firstAt: number | null;
  lastAt: number | null;
  /** At most MAX_EVIDENCE devices, kept diverse in networks. */
  evidence: EvidenceEntry[];
  /** Devices seen once the list was full and no same-network entry could make room. */
  overflow: number;
}

/** Enough to grade up to "more than 15 other phones" and to keep 16 networks apart. */
export const MAX_EVIDENCE = 16;

export const EMPTY_SIGNALS: StampSignals = { checks: 0, firstAt: null, lastAt: null, evidence: [], overflow: 0 };

/** A genuine check counted in `checks`, whether or not it is evidence. */
export function countCheck(s: StampSignals, at: number): StampSignals {
  return { ...s, checks: s.checks + 1, firstAt: s.firstAt === null || at < s.firstAt ? at : s.firstAt, lastAt: s.lastAt === null || at > s.lastAt ? at : s.lastAt };
}

/**
 * Add a device's check as evidence. A device already listed only moves its last time and
 * place. When the list is full, a network listed twice gives up its least recent entry, so
 * devices from one network can never push other networks out.
 */
export function addEvidence(s: StampSignals, e: { device: string; network: string; at: number; place: string | null }): StampSignals {
  const i = s.evidence.findIndex((x) => x.device === e.device);
  if (i >= 0) {
    const old = s.evidence[i]!;
    if (e.at < old.lastAt) return s; // a queued, older scan: the newer place stands
    const evidence = s.evidence.slice();
    evidence[i] = { ...old, lastAt: e.at, place: e.place ?? old.place };
    return { ...s, evidence };
  }
  const entry: EvidenceEntry = { device: e.device, network: e.network, firstAt: e.at, lastAt: e.at, place: e.place };
  if (s.evidence.length < MAX_EVIDENCE) return { ...s, evidence: [...s.evidence, entry] };
  const perNetwork = new Map<string, number>();
  for (const x of s.evidence) perNetwork.set(x.network, (perNetwork.get(x.network) ?? 0) + 1);
  let victim = -1;
  for (let k = 0; k < s.evidence.length; k++) {
    const x = s.evidence[k]!;
    if ((perNetwork.get(x.network) ?? 0) < 2) continue;
    if (victim < 0 || x.lastAt < s.evidence[victim]!.lastAt) victim = k;
  }
  // No duplicate network to drop, or the newcomer's network is already listed: counted only.
  if (victim < 0 || perNetwork.has(e.network)) return { ...s, overflow: s.overflow + 1 };
  const evidence = s.evidence.slice();
  evidence.splice(victim, 1);
  evidence.push(entry);
  return { ...s, evidence, overflow: s.overflow + 1 };
}

/** What other phones showed: those on a network other than this check's. */
export interface OthersSeen {
  /** Other devices on other networks (listed; `more` says when the list overflowed). */
  phones: number;
  networks: number;
  more: boolean;
  first: EvidenceEntry | null;
  last: EvidenceEntry | null;
}

/** Other devices, on networks other than `network`, that checked the stamp. */
export function othersSeen(s: StampSignals, device: string | null, network: string | null): OthersSeen {
  const nets = new Set<string>();
  let phones = 0;
  let first: EvidenceEntry | null = null;
  let last: EvidenceEntry | null = null;
  for (const x of s.evidence) {
    if (x.device === device || x.network === network) continue;
    phones++;
    nets.add(x.network);
    if (!first || x.firstAt < first.firstAt) first = x;
    if (!last || x.lastAt > last.lastAt) last = x;
  }
  return { phones, networks: nets.size, more: s.overflow > 0 && phones > 0, first, last };
}

/**
 * Another device on another network checked it in another province too recently to have
 * travelled: the latest such entry, or null. One network alone can never raise it.
 */
export function travelConflict(
  s: StampSignals,
  current: { device: string | null; network: string | null; at: number; province: string | null },
  provinceOf: (place: string) => string | null,
  travelHours: number,
): { entry: EvidenceEntry; hoursApart: number } | null {
  if (!current.province) return null;
  let found: { entry: EvidenceEntry; hoursApart: number } | null = null;
  for (const x of s.evidence) {
    if (!x.place || x.device === current.device || x.network === current.network) continue;
    const province = provinceOf(x.place);
    if (!province || province === current.province) continue;
    const hoursApart = Math.abs(current.at - x.lastAt) / 3600_000;
    if (hoursApart >= travelHours) continue;
    if (!found || x.lastAt > found.entry.lastAt) found = { entry: x, hoursApart };
  }
  return found;
}

/** Text form stored with the stamp: compact JSON arrays, one per entry. */
export function serializeEvidence(s: StampSignals): string | null {
  if (!s.evidence.length) return null;
  return JSON.stringify(s.evidence.map((x) => [x.device, x.network, x.firstAt, x.lastAt, x.place]));
}

/** The stored text back; anything malformed reads as no evidence rather than failing a check. */
export function parseEvidence(text: string | null): EvidenceEntry[] {
  if (!text) return [];
  try {
    const rows = JSON.parse(text) as unknown;
    if (!Array.isArray(rows)) return [];
    return rows.slice(0, MAX_EVIDENCE).flatMap((r) =>
      Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string' && typeof r[2] === 'number' && typeof r[3] === 'number'
        ? [{ device: r[0], network: r[1], firstAt: r[2], lastAt: r[3], place: typeof r[4] === 'string' ? r[4] : null }]
        : [],
    );
  } catch {
    return [];
  }
}
