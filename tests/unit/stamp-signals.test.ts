import { describe, expect, it } from 'vitest';
import { addEvidence, countCheck, EMPTY_SIGNALS, MAX_EVIDENCE, othersSeen, parseEvidence, serializeEvidence, travelConflict, type StampSignals } from '../../server/domain/stamp-signals';
import { decodeReasons, encodeReasons, SCAN_REASON_CODES } from '../../server/domain/scan-reason-codes';

const H = 3600_000;
const add = (s: StampSignals, device: string, network: string, at: number, place: string | null = null) => addEvidence(countCheck(s, at), { device, network, at, place });

describe('stamp signals', () => {
  it('counts other phones only on networks other than the checker\'s, never the checker itself', () => {
    let s = EMPTY_SIGNALS;
    s = add(s, 'a', 'n1', 1);
    s = add(s, 'b', 'n1', 2);
    s = add(s, 'c', 'n2', 3);
    s = add(s, 'a', 'n1', 4); // the same phone again: moves its last time only
    expect(s.checks).toBe(4);
    expect(s.evidence).toHaveLength(3);
    expect(othersSeen(s, 'a', 'n1')).toMatchObject({ phones: 1, networks: 1 });
    expect(othersSeen(s, 'z', 'n9')).toMatchObject({ phones: 3, networks: 2, first: { device: 'a' }, last: { device: 'a', lastAt: 4 } });
  });

  it('one network cannot push other networks out of the bounded list', () => {
    let s = add(EMPTY_SIGNALS, 'x', 'other', 0);
    for (let i = 0; i < 200; i++) s = add(s, `flood-${i}`, 'n-flood', i + 1);
    expect(s.evidence.length).toBe(MAX_EVIDENCE);
    expect(s.evidence.some((e) => e.network === 'other')).toBe(true);
    expect(s.overflow).toBeGreaterThan(0);
    // A new network still finds room: a flood network's entry makes way.
    s = add(s, 'y', 'third', 500);
    expect(new Set(s.evidence.map((e) => e.network))).toEqual(new Set(['other', 'n-flood', 'third']));
    expect(othersSeen(s, 'me', 'mine')).toMatchObject({ networks: 3, more: true });
  });

  it('impossible travel needs another device on another network in another province within the window', () => {
    const province = (p: string) => (p === 'hanoi-ward' ? 'vn:p01' : p === 'dalat' ? 'vn:p68' : null);
    let s = add(EMPTY_SIGNALS, 'b', 'n2', 10 * H, 'dalat');
    const here = { device: 'a', network: 'n1', at: 11 * H, province: 'vn:p01' };
    expect(travelConflict(s, here, province, 3)).toMatchObject({ entry: { device: 'b' }, hoursApart: 1 });
    expect(travelConflict(s, { ...here, network: 'n2' }, province, 3)).toBeNull();
    expect(travelConflict(s, { ...here, at: 20 * H }, province, 3)).toBeNull();
    s = add(EMPTY_SIGNALS, 'b', 'n2', 10 * H, 'hanoi-ward');
    expect(travelConflict(s, here, province, 3)).toBeNull();
  });

  it('round-trips through its stored text and reads damaged text as no evidence', () => {
    const s = add(add(EMPTY_SIGNALS, 'a', 'n1', 1, 'vn:00004'), 'b', 'n2', 2);
    expect(parseEvidence(serializeEvidence(s))).toEqual(s.evidence);
    expect(parseEvidence('{not json')).toEqual([]);
    expect(parseEvidence('[["a"]]')).toEqual([]);
    expect(serializeEvidence(EMPTY_SIGNALS)).toBeNull();
  });
});

describe('scan reason codes', () => {
  it('encode to a bitmask and back, ignoring unknown codes and repeats', () => {
    const mask = encodeReasons(['pin_ok', 'signature_valid', 'pin_ok', 'no_such_code']);
    expect(decodeReasons(mask)).toEqual(['signature_valid', 'pin_ok']);
    const all = encodeReasons([...SCAN_REASON_CODES]);
    expect(decodeReasons(all)).toEqual([...SCAN_REASON_CODES]);
  });
});
