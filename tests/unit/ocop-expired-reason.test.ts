import { describe, expect, it } from 'vitest';
import { ocopExpiredReason as checkOcopExpired } from '../../server/domain/catalogue/certificate-state';

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
