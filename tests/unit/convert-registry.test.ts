// The converter from the gathered registry dataset to data/: what it writes for shoppers,
// and a clear message (not a raw ENOENT) when its input folder is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markPartyNote } from '../../scripts/registry/convert-mark-producers';
import { publicMarkCell, publicProductName, ResearchNotes } from '../../scripts/registry/public-text';

const convert = (...args: string[]) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/convert-registry.ts', ...args], { encoding: 'utf8' });

describe('data:convert', () => {
  it('names a missing input folder and writes nothing', () => {
    const r = convert(join(tmpdir(), 'no-such-registry-folder'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no such folder: .*no-such-registry-folder/);
    expect(r.stderr).not.toMatch(/ENOENT/);
  });

  it('names the files a folder lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-registry-'));
    try {
      const r = convert(dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/lacks .*ocop_products\.csv/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a folder, prints its usage', () => {
    const r = convert();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run data:convert -- <registry dir>/);
  });
});

describe('public text', () => {
  it('names aggregate rows in Vietnamese and refuses English it does not know', () => {
    expect(publicProductName('(11 sữa products – names not listed)')).toBe('11 sản phẩm sữa (nguồn không nêu tên từng sản phẩm)');
    expect(publicProductName('(các loại rau)')).toBe('Các loại rau');
    expect(publicProductName('Gà đồi Ba Vì')).toBe('Gà đồi Ba Vì');
    expect(() => publicProductName('(5 products – names not listed)')).toThrow(/reads as English/);
  });

  it("writes marks' dates and statuses in Vietnamese", () => {
    expect(publicMarkCell('2024-08-28')).toBe('28/8/2024');
    expect(publicMarkCell('by 2021-05')).toBe('trước tháng 5/2021');
    expect(() => publicMarkCell('accepted by the council')).toThrow(/reads as English/);
  });

  it('says an applicant applied, never that it may use the mark', () => {
    const note = markPartyNote('applicant', 'Hội Nông dân xã Cẩm Lĩnh', '2222/QĐ-UBND');
    expect(note).toContain('Quyết định 2222/QĐ-UBND của UBND TP Hà Nội cho phép Hội Nông dân xã Cẩm Lĩnh dùng địa danh để đăng ký nhãn hiệu này');
    expect(note).toContain('không phải danh sách cơ sở được dùng nhãn');
    expect(markPartyNote('gi_manager', 'UBND thị xã Sơn Tây', '')).toBe('Tổ chức quản lý chỉ dẫn địa lý: UBND thị xã Sơn Tây.');
  });

  it('keeps research notes apart and leaves the public column empty', () => {
    const notes = new ResearchNotes();
    expect(notes.keep('products', 'p-1', 'Producer not named in source.', 'registry/ocop_products.csv line 2')).toBe('');
    expect(notes.keep('products', 'p-2', '', 'registry/ocop_products.csv line 3')).toBe('');
    expect(notes.rows).toEqual([{ id: 'products:p-1', kind: 'products', record_id: 'p-1', note: 'Producer not named in source.', source_document: 'registry/ocop_products.csv line 2' }]);
  });
});
