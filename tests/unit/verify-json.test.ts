import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { stringifyVerifyResult } from '../../server/services/verify/verify-json';

const product = { id: 'p1', name: 'Gà đồi Ba Vì', producerId: null, producerName: null, province: 'Hà Nội', placeName: null, formerPlaceName: null, ocopGroup: null, stars: 3, potentialFive: false, certificateStatus: 'unknown', isAggregate: false, aggregateCount: 1, gtins: ['08934673000003'] } as unknown as NonNullable<VerifyResult['product']>;
const base: VerifyResult = {
  verdict: 'authentic',
  reasons: [{ code: 'signature_valid', message_vi: 'Tem chính hãng "thật"', message_en: 'Genuine\nstamp' }],
  checkedAt: '2026-11-25T03:00:00.000Z',
  stamp: { serial: 'ABCDEFGHIJKLMNOP', kid: 'D1', status: 'active', revokedAt: null, checks: 2, firstCheckedAt: null },
};

describe('stringifyVerifyResult', () => {
  it('gives exactly JSON.stringify for answers with and without a product card', () => {
    const withCard: VerifyResult = { ...base, batch: { id: 'B1', status: 'active', expiresAt: null, isDemo: true, hasPin: false, revokedAt: null, revokeReason: null }, product, producer: null, certifications: [], marks: [], awards: [] };
    for (const r of [base, withCard, { ...withCard, verdict: 'caution' as const, reasons: [] }, { ...withCard, producer: undefined }]) {
      expect(stringifyVerifyResult(r)).toBe(JSON.stringify(r));
      expect(stringifyVerifyResult(r)).toBe(JSON.stringify(r)); // and again, from the cached card
    }
  });

  it('does not reuse a card whose parts changed under the same product object', () => {
    const a: VerifyResult = { ...base, product, producer: null, certifications: [], marks: [], awards: [] };
    expect(stringifyVerifyResult(a)).toBe(JSON.stringify(a));
    const b: VerifyResult = { ...a, marks: [{ id: 'm1' } as never] };
    expect(stringifyVerifyResult(b)).toBe(JSON.stringify(b));
  });
});
