import { describe, expect, it } from 'vitest';
import { certificateTerm, certificationYear, searchValidUntil, summaryTerm } from '../../server/domain/catalogue/certificate-state';
import { issuingBodyName } from '../../server/domain/issuing-body';
import { sourcePublisher } from '../../server/domain/source-label';

describe('certificate term', () => {
  it('a dated certificate is valid up to and including its last day', () => {
    expect(certificateTerm({ validUntil: '2026-12-07', year: '2023' }, '2026-12-07')).toEqual({ status: 'valid', validUntil: '2026-12-07', latestUntil: null, year: 2023 });
    expect(certificateTerm({ validUntil: '2026-12-06', year: null }, '2026-12-07').status).toBe('expired');
  });

  it('a certificate of year Y with no date has expired once 31/12/(Y+3) has passed', () => {
    expect(certificateTerm({ validUntil: null, year: '2019' }, '2026-12-07')).toEqual({ status: 'expired', validUntil: null, latestUntil: '2022-12-31', year: 2019 });
    expect(certificateTerm({ validUntil: null, year: '2023' }, '2026-12-07')).toEqual({ status: 'unknown', validUntil: null, latestUntil: '2026-12-31', year: 2023 });
    expect(certificateTerm({ validUntil: null, year: '2023' }, '2027-01-01').status).toBe('expired');
    expect(certificateTerm({ validUntil: null, year: null }, '2026-12-07').status).toBe('unknown');
  });

  it('reads the latest year a source names', () => {
    expect(certificationYear('2019-2024')).toBe(2024);
    expect(certificationYear('≤2021')).toBe(2021);
    expect(certificationYear('2019 (re-evaluated 2022)')).toBe(2022);
    expect(certificationYear('')).toBeNull();
  });

  it('a product without stars has no certificate status; search compares the bound only once it has passed', () => {
    expect(summaryTerm(null, null, '2019', '2026-12-07').certificateStatus).toBe('none');
    expect(searchValidUntil({ validUntil: null, year: '2019' }, '2026-12-07')).toBe('2022-12-31');
    expect(searchValidUntil({ validUntil: null, year: '2024' }, '2026-12-07')).toBeNull();
  });
});

describe('what a shopper reads about a source and an issuer', () => {
  it('names the publication behind a URL, not the file of the gathered dataset', () => {
    expect(sourcePublisher('https://danviet.vn/huyen-mien-nui-duy-nhat.htm')).toBe('Báo Dân Việt');
    expect(sourcePublisher('https://etime.danviet.vn/x.htm')).toBe('Báo Dân Việt');
    expect(sourcePublisher('https://github.com/Luyen05/ocop-lamdong-portal/blob/x/data.json')).toBe('Dữ liệu cổng OCOP tỉnh Lâm Đồng');
    expect(sourcePublisher('https://unknown.example.org/a')).toBe('unknown.example.org');
  });

  it('gives a renamed ministry its current name and keeps the name at the time', () => {
    expect(issuingBodyName('Bộ NN&PTNT')).toEqual({ current: 'Bộ Nông nghiệp và Môi trường', atTheTime: 'Bộ Nông nghiệp và Phát triển nông thôn' });
    expect(issuingBodyName('Bộ NN&MT')).toEqual({ current: 'Bộ Nông nghiệp và Môi trường', atTheTime: null });
    expect(issuingBodyName('UBND TP Hà Nội')).toEqual({ current: 'UBND TP Hà Nội', atTheTime: null });
  });
});
