import { describe, expect, it } from 'vitest';
import { lookupAi } from '../../server/domain/gs1-ai-table';
import { parseElementString, looksLikeElementString } from '../../server/domain/gs1-element-string';
import { computeGs1CheckDigit } from '../../server/domain/gtin';

const GTIN = '08934588012228';
const GS = '\u001d';

describe('parseElementString: every form a scanner hands over', () => {
  const expected = { primaryKey: { ai: '01', value: GTIN }, gtin: { gtin14: GTIN }, serial: 'ABC', lot: 'L-7', expiry: { yymmdd: '271231', iso: '2027-12-31' } };
  const forms: [string, string, string | null][] = [
    [`(01)${GTIN}(21)ABC(10)L-7(17)271231`, 'hri', null],
    [`(01) ${GTIN} (21) ABC (10) L-7 (17) 271231`, 'hri', null],
    [`01${GTIN}21ABC${GS}10L-7${GS}17271231`, 'raw', null],
    [`${GS}01${GTIN}21ABC${GS}10L-7${GS}17271231`, 'raw', null],
    [`]Q301${GTIN}21ABC${GS}10L-7${GS}17271231`, 'raw', ']Q3'],
    [`]d201${GTIN}1727123121ABC${GS}10L-7`, 'raw', ']d2'],
    [`]C101${GTIN}21ABC<GS>10L-7<GS>17271231`, 'raw', ']C1'],
    [`01${GTIN}21ABC\u241d10L-7\u241d17271231`, 'raw', null],
  ];
  it.each(forms)('%j', (raw, form, symbology) => {
    const parsed = parseElementString(raw, 2026);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({ ...expected, form, symbology });
    expect(parsed.value.elements.map((e) => e.ai).sort()).toEqual(['01', '10', '17', '21']);
    expect(parsed.value.elements[0]!.ai).toBe('01');
  });

  it('reads non-GTIN keys and measures: SSCC, GLN with a check digit, a net weight', () => {
    const sscc = `10614141${'1234567'}89`.slice(0, 17);
    const ssccFull = sscc + computeGs1CheckDigit(sscc);
    const parsed = parseElementString(`(00)${ssccFull}(3103)000500(410)952012345678${computeGs1CheckDigit('952012345678')}`);
    expect(parsed.ok && parsed.value.primaryKey).toMatchObject({ ai: '00', value: ssccFull });
    expect(parsed.ok && parsed.value.elements.map((e) => e.ai)).toEqual(['00', '3103', '410']);
  });

  const rejected: [string, string][] = [
    [`(01)${GTIN}(999)faux`, 'unknown_ai'],
    [`(01)${GTIN}(21)ABC(23)X`, 'unknown_ai'],
    [`(01)${GTIN.slice(0, -1)}9`, 'bad_check_digit'],
    [`(01)${GTIN}(410)9520123456787`, 'bad_check_digit'],
    [`(02)${GTIN.slice(0, -1)}0(37)5`, 'bad_check_digit'],
    [`(01)${GTIN}(17)271332`, 'bad_date'],
    [`(01)${GTIN}(11)230229`, 'bad_date'],
    [`(01)${GTIN}(17)2712`, 'bad_date'],
    [`(01)${GTIN}(3103)5`, 'bad_ai_value'],
    [`(01)${GTIN}(10)ABCDEFGHIJKLMNOPQRSTU`, 'bad_ai_value'],
    [`(01)${GTIN}(10)lô 7`, 'bad_ai_value'],
    [`(01)${GTIN}(21)A(21)B`, 'duplicate_ai'],
    [`]C101${GTIN}10ABCDEFGHIJKLMNOPQRSTUVWXYZ`, 'missing_separator'],
    [']Q3', 'empty'],
  ];
  it.each(rejected)('rejects %j with %s', (raw, code) => {
    const parsed = parseElementString(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message_vi.length).toBeGreaterThan(10);
    expect(parsed.error.message_en.length).toBeGreaterThan(10);
  });
});

describe('looksLikeElementString', () => {
  it('claims GS1 symbology ids, HRI, GS separators and raw keys with more AIs; nothing else', () => {
    for (const yes of [`(01)${GTIN}`, `]Q301${GTIN}`, `01${GTIN}${GS}`, `01${GTIN}10L1`, `01${GTIN}<GS>10L1`]) expect(looksLikeElementString(yes), yes).toBe(true);
    for (const no of [GTIN, '8934588012228', ']Q1https://example.com', 'hello (01) world', 'https://e.com/01/08934588012228', '0123456789']) expect(looksLikeElementString(no), no).toBe(false);
  });
});

describe('the AI table', () => {
  it('knows formats, predefined lengths and Digital Link keys', () => {
    expect(lookupAi('01')).toMatchObject({ predefinedLength: true, qualifierPaths: [['22', '10', '21'], ['235']] });
    expect(lookupAi('10')).toMatchObject({ predefinedLength: false, qualifierPaths: null, components: [{ charset: 'X', length: 20, variable: true }] });
    expect(lookupAi('3103')?.title_vi).toBe('Khối lượng tịnh (kg)');
    expect(lookupAi('414')?.qualifierPaths).toEqual([['254'], ['7040']]);
    for (const key of ['00', '253', '401', '414', '8004', '8018']) expect(lookupAi(key)?.qualifierPaths, key).not.toBeNull();
    for (const unknown of ['999', '23', '3106', '3110x', '']) expect(lookupAi(unknown), unknown).toBeNull();
  });
});
