import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv';
import { computeGs1CheckDigit, describeGs1Prefix, expandUpcE, lookupGs1Prefix, parseGtin, type Gs1PrefixRange, gtinTypoCandidates } from '../../server/domain/gtin';

/** The real GS1 prefix table the registry ships. */
function loadPrefixTable(): Gs1PrefixRange[] {
  const csv = parseCsv(readFileSync('data/gs1_prefixes.csv', 'utf8'));
  if (!csv.ok) throw new Error(csv.error.message);
  const col = (name: string) => csv.header.indexOf(name);
  return csv.records.map(({ values }) => ({
    start: values[col('prefix_start')]!,
    end: values[col('prefix_end')]!,
    digits: Number(values[col('prefix_digits')]),
    organisation: values[col('organisation')]!,
  }));
}
const table = loadPrefixTable();

describe('parseGtin', () => {
  it.each([
    ['8934673000000', 'GTIN-13', '08934673000000'],
    ['4006381333931', 'GTIN-13', '04006381333931'],
    ['036000291452', 'GTIN-12', '00036000291452'],
    ['96385074', 'GTIN-8', '00000096385074'],
    ['10614141000415', 'GTIN-14', '10614141000415'],
    [' 09506000134352 ', 'GTIN-14', '09506000134352'],
  ])('accepts %s as %s', (raw, format, gtin14) => {
    expect(parseGtin(raw)).toEqual({ ok: true, value: { digits: raw.trim(), format, gtin14 } });
  });

  it.each([
    ['8934673000001', 'bad_check_digit'],
    ['036000291453', 'bad_check_digit'],
    ['96385075', 'bad_check_digit'],
    ['10614141000416', 'bad_check_digit'],
    ['893467300001', 'bad_check_digit'],
    ['1234567', 'bad_length'],
    ['123456789012345', 'bad_length'],
    ['89346730000O0', 'not_digits'],
    ['', 'not_digits'],
    ['８９３４６７３０００００００', 'not_digits'],
  ])('rejects %j with %s', (raw, code) => {
    const parsed = parseGtin(raw);
    expect(parsed.ok || parsed.error.code).toBe(code);
    if (!parsed.ok) expect(parsed.error.message_vi).toMatch(/Mã|mã/);
  });

  it('explains a wrong check digit with the expected one', () => {
    const parsed = parseGtin('8934673000001');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message_vi).toContain('đúng ra phải là 0');
  });

  it('computes check digits of every length', () => {
    expect(computeGs1CheckDigit('893467300000')).toBe(0);
    expect(computeGs1CheckDigit('9638507')).toBe(4);
    expect(computeGs1CheckDigit('1061414100041')).toBe(5);
  });
});

describe('expandUpcE', () => {
  it('expands the textbook example 04252614 → 042100005264', () => {
    expect(expandUpcE('04252614')).toEqual({ ok: true, value: '042100005264' });
    expect(expandUpcE('425261')).toEqual({ ok: true, value: '042100005264' });
    expect(expandUpcE('0425261')).toEqual({ ok: true, value: '042100005264' });
  });

  it.each([
    ['123450', '01200000345'],
    ['123453', '01230000045'],
    ['123454', '01234000005'],
    ['123457', '01234500007'],
  ])('applies the last-digit rule to %s', (upcE, payload) => {
    const expanded = expandUpcE(upcE);
    expect(expanded).toEqual({ ok: true, value: payload + String(computeGs1CheckDigit(payload)) });
    if (expanded.ok) expect(parseGtin(expanded.value).ok).toBe(true);
  });

  it('rejects a bad check digit, a bad number system and bad lengths', () => {
    const bad = expandUpcE('04252615');
    expect(bad.ok || bad.error.code).toBe('bad_check_digit');
    const ns = expandUpcE('24252614');
    expect(ns.ok || ns.error.code).toBe('not_digits');
    const short = expandUpcE('12345');
    expect(short.ok || short.error.code).toBe('bad_length');
  });
});

describe('lookupGs1Prefix with the registry table', () => {
  it('names GS1 Vietnam for 893 and says the prefix is not the place of manufacture', () => {
    const info = lookupGs1Prefix('8934673000000', table);
    expect(info).toMatchObject({ prefix: '893', kind: 'member_organisation', organisation: 'GS1 Vietnam', isGs1Vietnam: true, fromGtin8: false });
    expect(describeGs1Prefix(info!).message_vi).toBe(
      'Mã tiền tố 893 do GS1 Việt Nam cấp cho doanh nghiệp; tiền tố cho biết tổ chức GS1 nào cấp mã, KHÔNG cho biết hàng được sản xuất ở đâu.',
    );
    expect(describeGs1Prefix(info!).message_en).toContain('NOT where the product was made');
  });

  it('accepts a parsed Gtin too', () => {
    const gtin = parseGtin('8934673000000');
    expect(gtin.ok && lookupGs1Prefix(gtin.value, table)?.isGs1Vietnam).toBe(true);
  });

  it.each([
    ['4006381333931', 'member_organisation', '400', 'GS1 Germany'],
    ['036000291452', 'member_organisation', '03', 'GS1 US'],
    ['10614141000415', 'member_organisation', '061', 'GS1 US'],
    ['5000000000000', 'member_organisation', '500', 'GS1 UK'],
    ['4890000000000', 'member_organisation', '489', 'GS1 Hong Kong, China'],
    ['2012345678900', 'restricted_circulation', '20', null],
    ['212345678903', 'restricted_circulation', '2', null],
    ['0412345678903', 'restricted_circulation', '04', null],
    ['9780306406157', 'isbn', '978', null],
    ['9791234567896', 'isbn', '979', null],
    ['9771234567003', 'issn', '977', null],
    ['9800000000000', 'refund_receipt', '980', null],
    ['9810000000000', 'coupon', '981', null],
    ['9900000000000', 'coupon', '99', null],
    ['9520000000000', 'demo', '952', null],
    ['09506000134352', 'global_office', '950', null],
    ['9610000000000', 'gtin8_only', '961', null],
    ['6100000000000', 'reserved', '610', null],
    ['0500000000000', 'reserved', '05', null],
    ['1400000000000', 'unassigned', '140', null],
  ])('%s → %s (%s)', (gtin, kind, prefix, organisation) => {
    const info = lookupGs1Prefix(gtin, table);
    expect(info).toMatchObject({ kind, prefix });
    if (organisation) expect(info!.organisation).toBe(organisation);
    const messages = describeGs1Prefix(info!);
    expect(messages.message_vi).toContain(prefix);
    expect(messages.message_en).toContain(prefix);
  });

  it('applies GS1-8 prefix rules to GTIN-8s, also when padded to 14 digits', () => {
    expect(lookupGs1Prefix('96385074', table)).toMatchObject({ kind: 'member_organisation', prefix: '963', organisation: 'Global Office - GTIN-8', fromGtin8: true });
    expect(lookupGs1Prefix('00000096385074', table)).toMatchObject({ prefix: '963', fromGtin8: true, indicator: '0' });
    expect(lookupGs1Prefix('96250000', table)).toMatchObject({ prefix: '9625', organisation: 'GS1 Poland - GTIN-8' });
    expect(lookupGs1Prefix('89312345', table)).toMatchObject({ kind: 'member_organisation', isGs1Vietnam: true, fromGtin8: true });
    expect(lookupGs1Prefix('02345673', table)).toMatchObject({ kind: 'restricted_circulation', restrictedScope: 'company', prefix: '0' });
    expect(lookupGs1Prefix('21234567', table)).toMatchObject({ kind: 'restricted_circulation', prefix: '2' });
    expect(lookupGs1Prefix('97812345', table)).toMatchObject({ kind: 'reserved' });
  });

  it('explains restricted circulation numbers by scope', () => {
    expect(describeGs1Prefix(lookupGs1Prefix('0412345678903', table)!).message_vi).toContain('dùng nội bộ');
    expect(describeGs1Prefix(lookupGs1Prefix('2012345678900', table)!).message_vi).toContain('quốc gia hoặc khu vực');
  });

  it('reports the GTIN-14 indicator and returns null for non-GTIN input', () => {
    expect(lookupGs1Prefix('98934673000003', table)).toMatchObject({ indicator: '9', isGs1Vietnam: true });
    expect(lookupGs1Prefix('12345', table)).toBeNull();
    expect(lookupGs1Prefix('abc45678', table)).toBeNull();
  });

  it('works with a tiny hand-made table', () => {
    const tiny: Gs1PrefixRange[] = [
      { start: '893', end: '893', digits: 3, organisation: 'GS1 Vietnam' },
      { start: '8930', end: '8930', digits: 4, organisation: 'More specific' },
    ];
    expect(lookupGs1Prefix('8930000000000', tiny)).toMatchObject({ prefix: '8930', organisation: 'More specific' });
    expect(lookupGs1Prefix('8931000000000', tiny)).toMatchObject({ prefix: '893', isGs1Vietnam: true });
  });
});

describe('gtinTypoCandidates', () => {
  it('lists the valid codes one digit or one swap away, the intended one among them', () => {
    const real = '8934563138165';
    const typo = '8934563138155';
    const candidates = gtinTypoCandidates(typo);
    expect(candidates).toContain(real);
    const swapped = real.slice(0, 9) + real[10] + real[9] + real.slice(11);
    expect(gtinTypoCandidates(swapped)).toContain(real);
    for (const c of candidates) {
      expect(parseGtin(c).ok, c).toBe(true);
      const changed = [...c].filter((d, i) => d !== typo[i]).length;
      expect(changed === 1 || changed === 2, c).toBe(true);
    }
    expect(gtinTypoCandidates('12345')).toEqual([]);
    expect(gtinTypoCandidates('89345631381x5')).toEqual([]);
  });
});
