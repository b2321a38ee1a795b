// The shared read model's pure rules (server/domain/catalogue/): typed rows from wire
// records, which certificate rates a product, the OCOP-expired caution, UTC+7 dates, and the
// checks on the sync wire format.
import { describe, expect, it } from 'vitest';
import { bestCertificate, ocopExpiredReason, orderCertificates } from '../../server/domain/catalogue/certificate-state';
import { formatVietnamDate, formatVietnamDayOf, formatVietnamTime, formatVietnamTimeInWords, vietnamDay } from '../../server/domain/catalogue/dates';
import { checkChangesPage, checkSnapshot } from '../../server/domain/catalogue/sync-wire';
import { toTypedRow, type RowOf } from '../../server/domain/catalogue/typed-rows';

const cert = (id: string, stars: number | null, fields: Partial<Record<string, string | number | null>> = {}): RowOf<'ocop_certifications'> =>
  toTypedRow('ocop_certifications', { id, product_id: 'p1', stars, source_url: 'https://example.org', ...fields });

describe('typed rows', () => {
  it('types every column of the kind by its spec, whatever the wire sent', () => {
    const row = toTypedRow('products', { id: 'p1', name: 'Gà', aggregate_count: '3', is_aggregate: '1', producer_id: '', gtins: null, extra: 'dropped', source_url: 'u' }, '2026-11-25T03:00:00Z');
    expect(row).toMatchObject({ id: 'p1', name: 'Gà', aggregate_count: 3, is_aggregate: 1, producer_id: null, gtins: '[]', notes: null, imported_at: '2026-11-25T03:00:00Z' });
    expect(row).not.toHaveProperty('extra');
    expect(toTypedRow('issuers', { id: 'i', name: 'N', kind: 'stamp_printer', is_demo: 0, source_url: 'u', imported_at: '2026-01-01' }).imported_at).toBe('2026-01-01');
  });
});

describe('best certificate', () => {
  it('most stars first, then the latest valid-until (none last); potential 5 from any certificate', () => {
    const certs = [cert('a', 3, { valid_until: '2027-01-01' }), cert('b', 4, { valid_until: null }), cert('c', 4, { valid_until: '2025-01-01', potential_five: 0 }), cert('d', null, { potential_five: 1 })];
    expect(bestCertificate(certs)).toEqual({ stars: 4, validUntil: '2025-01-01', year: null, potentialFive: true });
    expect(bestCertificate([])).toBeNull();
  });

  it('a product page lists rated certificates by stars, then the latest decision, ties by id', () => {
    const certs = [cert('z', null), cert('b', 3, { decision_date: '2020-01-01' }), cert('a', 3, { decision_date: '2020-01-01' }), cert('c', 3, { decision_date: '2023-05-01' }), cert('d', 5)];
    expect(orderCertificates(certs).map((c) => c.id)).toEqual(['d', 'c', 'a', 'b', 'z']);
  });
});

describe('the OCOP-expired caution', () => {
  const dated = (stars: number | null, validUntil: string | null, decisionNumber = 'QĐ 1') => ({ stars, validUntil, decisionNumber });
  it('is quiet while any starred certificate is current, whatever its stars', () => {
    expect(ocopExpiredReason([dated(4, '2023-01-01'), dated(3, '2027-05-01')], '2026-11-25')).toBeNull();
    expect(ocopExpiredReason([dated(4, '2023-01-01'), dated(3, null)], '2026-11-25')).toBeNull();
    expect(ocopExpiredReason([], '2026-11-25')).toBeNull();
  });
  it('names the latest certificate when all have expired', () => {
    const reason = ocopExpiredReason([dated(4, '2023-01-01', 'QĐ 4'), dated(3, '2025-06-30', 'QĐ 3')], '2026-11-25');
    expect(reason).toMatchObject({ code: 'ocop_certificate_expired', validUntil: '2025-06-30' });
    expect(reason!.message_vi).toBe('Chứng nhận OCOP 3 sao của sản phẩm (quyết định QĐ 3) đã hết hạn ngày 30/06/2025.');
  });
  it('a certificate known only by its year has expired by 31/12/(year+3) at the latest', () => {
    const reason = ocopExpiredReason([{ stars: 3, validUntil: null, latestUntil: '2022-12-31', certYear: 2019, decisionNumber: null }], '2026-11-25');
    expect(reason!.message_vi).toBe('Chứng nhận OCOP 3 sao năm 2019 của sản phẩm đã hết hạn — muộn nhất ngày 31/12/2022 (chứng nhận có hiệu lực 36 tháng).');
  });
});

describe('Vietnam dates (UTC+7)', () => {
  it('the day turns at 17:00 UTC', () => {
    expect(vietnamDay(new Date('2026-12-07T16:59:59Z'))).toBe('2026-12-07');
    expect(vietnamDay(new Date('2026-12-07T17:00:00Z'))).toBe('2026-12-08');
    expect(formatVietnamDayOf('2026-12-07T17:00:00Z')).toBe('08/12/2026');
  });
  it('reads dates and times the Vietnamese way; text that is no date is shown as given', () => {
    expect(formatVietnamDate('2026-11-25')).toBe('25/11/2026');
    expect(formatVietnamTime('2026-12-07T16:41:00Z')).toBe('23:41 07/12/2026');
    expect(formatVietnamTimeInWords('2026-12-07T16:41:00Z', 'vi')).toBe('23:41 ngày 07/12/2026');
    expect(formatVietnamTimeInWords('2026-12-07T16:41:00Z', 'en')).toBe('23:41 on 07/12/2026');
    expect(formatVietnamDayOf('soon')).toBe('soon');
    expect(formatVietnamDate('soon')).toBe('soon');
  });
});

describe('the sync wire format', () => {
  it('accepts a snapshot whose rows all have text ids, and says what is wrong otherwise', () => {
    expect(checkSnapshot({ version: 3, generatedAt: 'now', records: { products: [{ id: 'p1' }] } })).toEqual({ ok: true, value: { version: 3, generatedAt: 'now', records: { products: [{ id: 'p1' }] } } });
    expect(checkSnapshot({ version: 3, generatedAt: 'now', records: { products: [{ id: 1 }] } })).toEqual({ ok: false, reason: 'snapshot: rows of products have no id' });
    expect(checkSnapshot({ version: '3', generatedAt: 'now', records: {} })).toEqual({ ok: false, reason: 'snapshot: unexpected shape' });
  });
  it('checks a changes page at the page level', () => {
    expect(checkChangesPage({ since: 1, to: 2, current: 2, hasMore: false, changes: [] }).ok).toBe(true);
    expect(checkChangesPage({ since: 1, to: 2, current: 2, changes: [] })).toEqual({ ok: false, reason: 'changes: unexpected shape' });
  });
});
