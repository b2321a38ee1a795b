// A decoded code's symbology decides how its digits are read: a UPC-E's 8 digits are not an EAN-8.
import { describe, expect, it } from 'vitest';
import { parseGtin } from '../../server/domain/gtin';
import { payloadOfCode } from '../../web/features/scan/code-payload';

describe('payloadOfCode', () => {
  it('expands a UPC-E to the UPC-A it stands for', () => {
    expect(payloadOfCode('01234565', 'upc_e')).toBe('012345000065');
    expect(parseGtin(payloadOfCode('01234565', 'upc_e'))).toMatchObject({ ok: true, value: { format: 'GTIN-12' } });
  });

  it('keeps the same 8 digits as an EAN-8, and every other code, as read', () => {
    expect(payloadOfCode('96385074', 'ean_8')).toBe('96385074');
    expect(payloadOfCode('8934563138165', 'ean_13')).toBe('8934563138165');
    expect(payloadOfCode('https://nguonviet.vn/S/K1/AAAA', 'qr_code')).toBe('https://nguonviet.vn/S/K1/AAAA');
  });

  it('checks a UPC-E with a wrong check digit as read rather than inventing a code', () => {
    expect(payloadOfCode('01234560', 'upc_e')).toBe('01234560');
  });
});
