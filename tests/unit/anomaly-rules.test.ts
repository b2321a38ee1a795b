import { describe, expect, it } from 'vitest';
import { checkImpossibleTravel, checkOcopExpired, checkOtherDevices, DEFAULT_THRESHOLDS, type PriorScan } from '../../server/domain/anomaly-rules';

const scan = (deviceHash: string | null, scannedAt: string, provinceId: string | null, placeName: string | null = null): PriorScan => ({ deviceHash, scannedAt, placeId: provinceId, placeName, provinceId });

describe('checkImpossibleTravel', () => {
  it('flags another province an hour apart, even when neither scan has a device id', () => {
    const prior = [scan(null, '2026-11-25T01:00:00.000Z', 'vn:p68', 'Tỉnh Lâm Đồng')];
    const here = { deviceHash: null, scannedAt: '2026-11-25T02:00:00.000Z', provinceId: 'vn:01', placeName: 'Thành phố Hà Nội' };
    expect(checkImpossibleTravel(prior, here, DEFAULT_THRESHOLDS)).toMatchObject({ code: 'impossible_travel', otherPlace: 'Tỉnh Lâm Đồng', hoursApart: 1 });
  });

  it('never flags the same phone travelling, nor scans further apart than the threshold', () => {
    const here = { deviceHash: 'a', scannedAt: '2026-11-25T02:00:00.000Z', provinceId: 'vn:01', placeName: null };
    expect(checkImpossibleTravel([scan('a', '2026-11-25T01:00:00.000Z', 'vn:p68')], here, DEFAULT_THRESHOLDS)).toBeNull();
    expect(checkImpossibleTravel([scan('b', '2026-11-24T20:00:00.000Z', 'vn:p68')], here, DEFAULT_THRESHOLDS)).toBeNull();
  });
});

describe('checkOtherDevices', () => {
  it('counts distinct other phones past the threshold and names the earliest check', () => {
    const prior = ['b', 'c', 'b', 'd', 'a'].map((d, i) => scan(d, `2026-11-25T0${i + 1}:00:00.000Z`, null));
    expect(checkOtherDevices(prior, 'a', DEFAULT_THRESHOLDS)).toMatchObject({ otherDevices: 3, firstCheckedAt: '2026-11-25T01:00:00.000Z' });
    expect(checkOtherDevices(prior, 'a', { ...DEFAULT_THRESHOLDS, otherDevices: 3 })).toBeNull();
    expect(checkOtherDevices(prior.slice(0, 3), 'b', DEFAULT_THRESHOLDS)).toBeNull();
  });
});

describe('checkOcopExpired', () => {
  const cert = (stars: number | null, validUntil: string | null, decisionNumber = 'QĐ 1') => ({ stars, validUntil, decisionNumber });
  it('is quiet while any starred certificate is current, whatever its stars', () => {
    expect(checkOcopExpired([cert(4, '2023-01-01'), cert(3, '2027-05-01')], '2026-11-25')).toBeNull();
    expect(checkOcopExpired([cert(4, '2023-01-01'), cert(3, null)], '2026-11-25')).toBeNull();
    expect(checkOcopExpired([], '2026-11-25')).toBeNull();
  });
  it('names the latest certificate when all have expired', () => {
    const reason = checkOcopExpired([cert(4, '2023-01-01', 'QĐ 4'), cert(3, '2025-06-30', 'QĐ 3')], '2026-11-25');
    expect(reason).toMatchObject({ code: 'ocop_certificate_expired', validUntil: '2025-06-30' });
    expect(reason!.message_vi).toBe('Chứng nhận OCOP 3 sao của sản phẩm (quyết định QĐ 3) đã hết hạn ngày 30/06/2025.');
  });
});
