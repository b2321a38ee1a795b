// Distils the pre-July-2025 provinces and where each went into data/sources/former_provinces.csv,
// which `npm run data:convert` turns into places (era pre2025) and aliases to the current
// provinces. Run once per update of the upstream datasets, from git checkouts of both:
//   npm run data:provinces -- <VietnamProvinces checkout> <vietnamese-provinces-database checkout>
// Each file is read at the commit pinned below (git show), so the output names exactly
// what it was made from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCsv } from '../server/domain/csv';
import { FORMER_PROVINCE_COLUMNS, formerProvinceRows, type UnitListProvince } from './registry/former-provinces';

const SOURCES = {
  conversion: {
    repo: 'sunshine-tech/VietnamProvinces',
    commit: '809e91baefbe3153ccaecc9b2286303a98b9119b',
    path: 'dev/seed-data/2025-07/BangChuyendoiĐVHCmoi_cu_khong_merge.csv',
  },
  // The 63 provinces as they stood on 30 June 2025.
  units: {
    repo: 'thanglequoc/vietnamese-provinces-database',
    commit: 'fc33b7411ec4e3697817fab8118718a8d39ef090',
    path: 'json/simplified_json_generated_data_vn_units.json',
  },
  // The same list in November 2024, before Thừa Thiên Huế became Thành phố Huế (1 January 2025).
  units2024: {
    repo: 'thanglequoc/vietnamese-provinces-database',
    commit: '61c8c6a4490adc21bf78546aa579836aa9344f34',
    path: 'json/simplified_json_generated_data_vn_units.json',
  },
} as const;
type Source = (typeof SOURCES)[keyof typeof SOURCES];

const blobUrl = (s: Source) => `https://github.com/${s.repo}/blob/${s.commit}/${s.path.split('/').map(encodeURIComponent).join('/')}`;

const [conversionDir, unitsDir] = process.argv.slice(2);
if (!conversionDir || !unitsDir) {
  console.error(`usage: npm run data:provinces -- <${SOURCES.conversion.repo} checkout> <${SOURCES.units.repo} checkout>\n  git clones of both repositories (their history must include the pinned commits); see data/README.md`);
  process.exit(2);
}

/** A file of a checkout at its pinned commit; exits with a clear message when it cannot be read. */
function readPinned(dir: string, source: Source): string {
  const where = resolve(dir);
  if (!existsSync(where)) {
    console.error(`data:provinces: no such folder: ${where}\n  give a git clone of ${source.repo}; data/ was left unchanged`);
    process.exit(2);
  }
  try {
    return execFileSync('git', ['-C', where, 'show', `${source.commit}:${source.path}`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const reason = String((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n')[0];
    console.error(`data:provinces: cannot read ${source.path} at ${source.commit.slice(0, 10)} in ${where} (${reason})\n  it must be a git clone of ${source.repo} with that commit (git -C ${where} fetch origin ${source.commit}); data/ was left unchanged`);
    process.exit(2);
  }
}

const unitList = (text: string): UnitListProvince[] =>
  (JSON.parse(text) as { Code: string; Name: string; FullName: string; NameEn: string }[]).map((p) => ({ code: p.Code, name: p.Name, fullName: p.FullName, nameEn: p.NameEn }));

const rows = formerProvinceRows({
  conversionCsv: readPinned(conversionDir, SOURCES.conversion),
  conversionUrl: blobUrl(SOURCES.conversion),
  provinces: unitList(readPinned(unitsDir, SOURCES.units)),
  provincesUrl: blobUrl(SOURCES.units),
  provinces2024: unitList(readPinned(unitsDir, SOURCES.units2024)),
  provinces2024Url: blobUrl(SOURCES.units2024),
});

const out = join('data', 'sources', 'former_provinces.csv');
mkdirSync(join('data', 'sources'), { recursive: true });
writeFileSync(out, writeCsv([...FORMER_PROVINCE_COLUMNS], rows));
const renamedEarlier = rows.filter((r) => r.valid_until < '2025-06-30').length;
const split = rows.filter((r) => r.new_codes.includes('|')).length;
console.log(`former provinces ${String(rows.length).padStart(5)} rows → ${out} (${rows.length - renamedEarlier} provinces of 30 June 2025, ${split} of them split between two current ones; ${renamedEarlier} renamed earlier)`);
console.log('next: npm run data:convert -- <registry dir> turns them into places and place aliases');
