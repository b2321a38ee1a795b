// The pre-July-2025 provinces distilled from the ward conversion table (scripts/registry/
// former-provinces.ts) and the maintainer CLI's messages when its inputs are missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formerProvinceRows } from '../../scripts/registry/former-provinces';

// The table's shape: two header lines, section rows, then one row per former ward.
const TABLE = [
  'Đơn vị hành chính từ ngày 01/7/2025,,,Đơn vị hành chính trước ngày 01/7/2025,,,,,',
  '"Tỉnh, thành phố",Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ,',
  'TỈNH VĨNH LONG,,,,,,,,',
  'Tỉnh Vĩnh Long (86),Phường A,1,Phường A cũ,11,Nhập toàn bộ,Huyện X (1),Tỉnh Vĩnh Long (86),',
  'Tỉnh Vĩnh Long (86),Xã B,2,Xã B cũ,12,Nhập toàn bộ,Huyện Y (2),Tỉnh Trà Vinh (84),',
  'Tỉnh Vĩnh Long (86),Xã C,3,Xã C cũ,13,Nhập một phần,Huyện Y (2),Tỉnh Trà Vinh (84),',
  'Tỉnh Tây Ninh (80),Xã D,4,Xã D cũ,14,Nhập toàn bộ,Huyện Z (3),Tỉnh Tiền Giang (82),',
  'Tỉnh Đồng Tháp (82),Xã E,5,Xã E cũ,15,Nhập toàn bộ,Huyện Z (3),Tỉnh Tiền Giang (82),',
  'Tỉnh Đồng Tháp (82),Xã F,6,Xã F cũ,16,Nhập toàn bộ,Huyện Z (3),Tỉnh Tiền Giang (82),',
].join('\n');
const province = (code: string, name: string, fullName: string) => ({ code, name, fullName, nameEn: name });
const URL_2025 = 'https://github.com/o/units/blob/fc33b7411ec4e3697817fab8118718a8d39ef090/json/units.json';
const URL_2024 = 'https://github.com/o/units/blob/61c8c6a4490adc21bf78546aa579836aa9344f34/json/units.json';

describe('formerProvinceRows', () => {
  function withHue() {
    // Huế keeps its wards in the table; one line stands for them here.
    return {
      conversionCsv: `${TABLE}\nThành phố Huế (46),Phường G,7,Phường G cũ,17,Nhập toàn bộ,Quận H (4),Thành phố Huế (46),`,
      conversionUrl: 'https://github.com/o/conv/blob/809e91baefbe3153ccaecc9b2286303a98b9119b/table.csv',
      provinces: [province('86', 'Vĩnh Long', 'Tỉnh Vĩnh Long'), province('84', 'Trà Vinh', 'Tỉnh Trà Vinh'), province('82', 'Tiền Giang', 'Tỉnh Tiền Giang'), province('46', 'Huế', 'Thành phố Huế')],
      provincesUrl: URL_2025,
      provinces2024: [province('84', 'Trà Vinh', 'Tỉnh Trà Vinh'), province('46', 'Thừa Thiên Huế', 'Tỉnh Thừa Thiên Huế')],
      provinces2024Url: URL_2024,
    };
  }
  const rows = formerProvinceRows(withHue());
  const byName = (name: string) => rows.find((r) => r.name === name)!;

  it('gives each former province the current province(s) its wards went into, with the lines that say so', () => {
    expect(byName('Trà Vinh')).toMatchObject({ new_codes: '86', wards_by_new: '86:2', valid_until: '2025-06-30', source_url: URL_2025 });
    expect(byName('Trà Vinh').conversion_source_url).toMatch(/table\.csv\?plain=1#L5-L6$/);
    expect(byName('Trà Vinh').source_document).toContain('lines 5-6 → 86');
    expect(byName('Vĩnh Long')).toMatchObject({ new_codes: '86', wards_by_new: '86:1' });
  });

  it('keeps a province split between two current ones as two targets, the larger first', () => {
    expect(byName('Tiền Giang')).toMatchObject({ new_codes: '82|80', wards_by_new: '82:2|80:1' });
  });

  it('adds a province renamed before the 2025 list (Thừa Thiên Huế → Thành phố Huế) under its code', () => {
    expect(byName('Thừa Thiên Huế')).toMatchObject({ code: '46', full_name: 'Tỉnh Thừa Thiên Huế', new_codes: '46', valid_until: '2024-12-31', source_url: URL_2024 });
    expect(rows).toHaveLength(5);
  });

  it('refuses a province the table has no ward of', () => {
    expect(() => formerProvinceRows({ ...withHue(), provinces: [province('99', 'Nowhere', 'Tỉnh Nowhere')] })).toThrow(/no ward of Tỉnh Nowhere/);
  });
});

describe('data:provinces', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/convert-provinces.ts', ...args], { encoding: 'utf8' });

  it('without its two checkouts, prints its usage', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run data:provinces -- <sunshine-tech\/VietnamProvinces checkout> <thanglequoc\/vietnamese-provinces-database checkout>/);
  });

  it('names a missing folder, and a folder that is not the right git clone, without a raw error', () => {
    const missing = run(join(tmpdir(), 'no-such-checkout'), join(tmpdir(), 'no-such-checkout'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such folder: .*no-such-checkout/);
    const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-not-a-clone-'));
    try {
      const wrong = run(dir, dir);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(/cannot read dev\/seed-data\/2025-07\/.* at 809e91baef .*must be a git clone of sunshine-tech\/VietnamProvinces/s);
      expect(wrong.stderr).not.toMatch(/ENOENT|at readPinned/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
