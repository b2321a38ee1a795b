// Both languages complete: every key of vi.ts exists in en.ts with the same kind of value
// (the type system checks parameters; this checks nothing is left empty or untranslated).
import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en';
import { vi } from '../../web/i18n/vi';

const SAMPLE_ARGS = ['25/11/2026', 'mẫu'];
const render = (value: unknown): string => (typeof value === 'function' ? String((value as (...a: unknown[]) => string)(...SAMPLE_ARGS.map((a, i) => (i === 0 ? 3 : a)))) : String(value));
// Identical in both languages on purpose: names and codes.
const SAME_IN_BOTH = new Set(['appName', 'statusOffline', 'statusOnline']);

describe('i18n', () => {
  it('English has exactly the Vietnamese keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it.each(Object.keys(vi) as (keyof typeof vi)[])('%s is filled in both languages and of the same kind', (key) => {
    const v = vi[key];
    const e = en[key];
    expect(typeof e).toBe(typeof v);
    if (typeof v === 'function') expect((e as (...a: never[]) => string).length).toBe(v.length);
    expect(render(v).trim()).not.toBe('');
    expect(render(e).trim()).not.toBe('');
    if (!['appName'].includes(key) && !SAME_IN_BOTH.has(key)) expect(render(e)).not.toBe(render(v));
  });

  it('Vietnamese text is in precomposed Unicode (NFC), so search and fonts see one character per letter', () => {
    for (const [key, value] of Object.entries(vi)) expect(render(value), key).toBe(render(value).normalize('NFC'));
  });

  it('verdict titles never say a bare "fake" (PRODUCT.md §3)', () => {
    for (const key of ['verdictUnverified', 'verdictCaution', 'verdictRevoked'] as const) {
      expect(vi[key]).not.toMatch(/^hàng giả$/i);
      expect(en[key]).not.toMatch(/^fake$/i);
    }
  });
});
