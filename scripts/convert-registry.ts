// Converts the gathered public registry facts (shared/data/registry/*.csv) into the
// project's own import format under data/. Run once per update of the facts:
//   npm run data:convert -- [registry-dir]
// The output is committed; `npm start` and `npm run import` read data/, never shared/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCsv } from '../server/domain/csv';
import { KIND_COLUMNS, type RegistryKind } from '../server/domain/registry-kinds';
import { convertOcopProducts } from './registry/convert-ocop-products';
import { convertAwards, convertGs1, convertMarks, convertOcopReference, markId } from './registry/convert-others';
import { applyMarkProducers } from './registry/convert-mark-producers';
import { convertPlaces, type Row } from './registry/convert-places';
import { ResearchNotes } from './registry/public-text';
import { readSourceCsv } from './registry/read-source';

const REQUIRED_FILES = ['admin_units.csv', 'admin_units_hanoi_pre2025.csv', 'admin_conversion_hanoi_2025.csv', 'ocop_products.csv', 'marks.csv', 'mark_producers.csv', 'hvncl_winners.csv', 'hvncl_program_years.csv', 'gs1_prefixes.csv', 'ocop_stats.csv', 'ocop_rules.csv', 'ocop_categories.csv'];

const sourceArg = process.argv[2];
if (!sourceArg) {
  console.error('usage: npm run data:convert -- <registry dir>\n  the folder of gathered public facts (ocop_products.csv, marks.csv, …); see data/README.md');
  process.exit(2);
}
const sourceDir = resolve(sourceArg);
const missing = REQUIRED_FILES.filter((f) => !existsSync(join(sourceDir, f)));
if (missing.length) {
  console.error(`data:convert: ${existsSync(sourceDir) ? `${sourceDir} lacks ${missing.join(', ')}` : `no such folder: ${sourceDir}`}\n  give the folder of gathered public facts (see data/README.md); data/ was left unchanged`);
  process.exit(2);
}
const outDir = resolve('data');
// The provinces before 1 July 2025 come from the repo itself (npm run data:provinces makes it).
const FORMER_PROVINCES = join(outDir, 'sources', 'former_provinces.csv');
if (!existsSync(FORMER_PROVINCES)) {
  console.error(`data:convert: ${FORMER_PROVINCES} is missing\n  run npm run data:provinces first (see data/README.md); data/ was left unchanged`);
  process.exit(2);
}

const research = new ResearchNotes();
const { places, aliases, index } = convertPlaces(sourceDir, readSourceCsv(join(outDir, 'sources'), 'former_provinces.csv', 'data/sources'));
const { producers, products, certifications } = convertOcopProducts(sourceDir, index, research);
const marks = convertMarks(sourceDir, research);
applyMarkProducers(sourceDir, marks, research);
const { awards, programmes } = convertAwards(sourceDir, research);
const { stats, rules, categories } = convertOcopReference(sourceDir);

// Mark links stated by the sources. ocop_products.csv notes that HTX Nông nghiệp Tam Hưng's
// rice is sold under the collective mark "Gạo thơm Bối Khê" (hanoimoi.vn); marks.csv says the same.
const boiKhe: Row = marks.find((m) => m.id === markId('Gạo thơm Bối Khê'))!;
const soldUnderBoiKhe = new Set(
  research.rows.filter((n) => n.kind === 'products' && String(n.note).includes('collective mark "Gạo thơm Bối Khê"')).map((n) => String(n.record_id)),
);
const markLinks: Row[] = products
  .filter((p) => soldUnderBoiKhe.has(String(p.id)))
  .map((p) => ({
    id: `${boiKhe.id}>${p.id}`,
    mark_id: String(boiKhe.id),
    product_id: String(p.id),
    producer_id: String(p.producer_id ?? ""),
    source_url: String(boiKhe.source_url),
    source_document: `${boiKhe.source_document}; ${p.source_document}`,
  }));

const files: [RegistryKind, Row[]][] = [
  ['places', places],
  ['place_aliases', aliases],
  ['producers', producers],
  ['products', products],
  ['ocop_certifications', certifications],
  ['marks', marks],
  ['mark_links', markLinks],
  ['awards', awards],
  ['award_programmes', programmes],
  ['gs1_prefixes', convertGs1(sourceDir)],
  ['ocop_stats', stats],
  ['ocop_rules', rules],
  ['ocop_categories', categories],
];

mkdirSync(outDir, { recursive: true });
for (const [kind, rows] of files) {
  const ids = new Set<string>();
  for (const row of rows) {
    const id = String(row.id);
    if (ids.has(id)) throw new Error(`${kind}: duplicate id ${id}`);
    ids.add(id);
  }
  const header = KIND_COLUMNS[kind].map((c) => c.name);
  writeFileSync(join(outDir, `${kind}.csv`), writeCsv(header, rows));
  console.log(`${kind.padEnd(20)} ${String(rows.length).padStart(5)} rows → data/${kind}.csv`);
}
// The team's research notes: beside the data, one level down so imports never read them.
mkdirSync(join(outDir, 'research'), { recursive: true });
writeFileSync(join(outDir, 'research', 'notes.csv'), writeCsv(['id', 'kind', 'record_id', 'note', 'source_document'], research.rows));
console.log(`${'research notes'.padEnd(20)} ${String(research.rows.length).padStart(5)} rows → data/research/notes.csv (not imported)`);
